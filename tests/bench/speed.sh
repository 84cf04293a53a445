#!/usr/bin/env bash
# @brief Search speed on the scale corpus (~92k documents): indexes it (or reuses a previous
# build), serves it, drives /api/v1/search and /healthz with wrk, times the same queries on the
# PostgreSQL full-text baseline, reads the server's peak RSS, and prints the goals (speed.py).
# Env:
#   KB_BIN_DIR           binaries (default build/)
#   KB_BENCH_SCALE_DIR   a folder to keep the built state in (PostgreSQL cluster with the indexed
#                        database and the baseline table, Xapian index): built on first use,
#                        reused when it holds a finished build (delete it after a new indexer).
#                        Default: a temporary folder, removed on exit.
#   KB_BENCH_DURATION (25 s), KB_BENCH_WARMUP (20 s of load first, filling the result cache),
#   KB_BENCH_CONNECTIONS (32), KB_BENCH_WRK_THREADS (2),
#   KB_BENCH_THREADS (kb-service --threads, 4), KB_BENCH_SEQ_QUERIES (1000)
#   KB_BENCH_RESOURCES   N > 0: after the measurement, N published resources (varied text from
#                        shared/corpus/la-communaute-fiches, add_resources.py) are added through
#                        the API and the measurement runs again on the same service; both are
#                        compared (speed_compare.py). A kept build gets them hidden at the end.
# Also: cold questions (every CDTN phrasing once), the as-served mix while a member posts one
# answer a second (the account is created in the database; a kept state keeps its posts), and the
# error of estimated facet counts against a second service that counts every match.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

require_binaries
ensure_corpus
ensure_wrk
bench_setup_tmp

scale_build   # sets url, burl, INDEX and STATE

export KB_DATA_DIR=$STATE/data   # resources' files, if any
start_service "$url" "$INDEX" "$BENCH_TMP/service.log"
probe_search
# A member posts the forum-traffic run's answers (a new account each run: a kept state keeps them).
writer="speedwriter$(date +%s)"
"$SERVICE" admin create-user "$writer" "Banc de mesure" member --database-url "$url" >/dev/null
token=$("$SERVICE" admin create-token "$writer" --database-url "$url")

mkdir -p "$BENCH_DIR/results"
out=$BENCH_DIR/results/speed-$(date +%Y%m%d-%H%M%S).json
echo "index: $(cat "$STATE/.built" 2>/dev/null || true)"
python3 "$BENCH_DIR/speed.py" --service "$SERVICE_URL" --pid "$SERVICE_PID" --pg-url "$burl" \
    --suggestions "$CDTN_DIR/suggestions.txt" --workdir "$BENCH_TMP" \
    --duration "${KB_BENCH_DURATION:-25}" --warmup "${KB_BENCH_WARMUP:-20}" --connections "${KB_BENCH_CONNECTIONS:-32}" \
    --threads "${KB_BENCH_WRK_THREADS:-2}" --sequential "${KB_BENCH_SEQ_QUERIES:-1000}" \
    --judgements "$CORPUS/judgements.json" --token "$token" \
    --label "$(grep -o '[0-9]* added' "$STATE/.built" | head -1 | sed 's/ added/ documents/'), kb-service --threads ${KB_BENCH_THREADS:-4}" \
    --out "$out"

RESOURCES=${KB_BENCH_RESOURCES:-0}
if [ "$RESOURCES" -gt 0 ]; then
    # Accounts may exist in a kept build: creating one twice is harmless.
    "$SERVICE" admin create-user bench-member "Bench" member --database-url "$url" >/dev/null 2>&1 || true
    "$SERVICE" admin create-user bench-moderator "Bench" moderator --database-url "$url" >/dev/null 2>&1 || true
    member=$("$SERVICE" admin create-token bench-member --database-url "$url")
    moderator=$("$SERVICE" admin create-token bench-moderator --database-url "$url")
    blog "adding $RESOURCES published resources"
    python3 "$BENCH_DIR/add_resources.py" "${SERVICE_URL##*:}" "$member" "$moderator" "$RESOURCES" \
        "$FICHES_DIR" "$BENCH_TMP/resource-ids"
    out_resources=${out%.json}-resources.json
    python3 "$BENCH_DIR/speed.py" --service "$SERVICE_URL" --pid "$SERVICE_PID" --pg-url "$burl" \
        --suggestions "$CDTN_DIR/suggestions.txt" --workdir "$BENCH_TMP" \
        --duration "${KB_BENCH_DURATION:-25}" --warmup "${KB_BENCH_WARMUP:-20}" --connections "${KB_BENCH_CONNECTIONS:-32}" \
        --threads "${KB_BENCH_WRK_THREADS:-2}" --sequential "${KB_BENCH_SEQ_QUERIES:-1000}" \
        --label "the same + $RESOURCES published resources, kb-service --threads ${KB_BENCH_THREADS:-4}" \
        --out "$out_resources"
    echo
    python3 "$BENCH_DIR/speed_compare.py" "scale corpus" "$out" "+$RESOURCES resources" "$out_resources"
    if [ "$STATE" != "$BENCH_TMP" ]; then
        python3 "$BENCH_DIR/add_resources.py" --hide "${SERVICE_URL##*:}" "$moderator" "$BENCH_TMP/resource-ids"
    fi
fi
report_service_errors "$BENCH_TMP/service.log"

# Facet estimates against a second service that counts every match (started only now: its outbox
# writer must not take the measured service's commits during the forum-traffic run).
stop_service
# Counted by the matcher, walking every match: a reference independent of the document sets.
export KB_FACET_EXACT_LIMIT=0 KB_EXACT_COUNTS=false
start_service "$url" "$INDEX" "$BENCH_TMP/reference.log"
unset KB_FACET_EXACT_LIMIT KB_EXACT_COUNTS
ref_url=$SERVICE_URL ref_pid=$SERVICE_PID
trap 'status=$?; kill -TERM "$ref_pid" 2>/dev/null; wait "$ref_pid" 2>/dev/null; (exit $status); bench_cleanup' EXIT
start_service "$url" "$INDEX" "$BENCH_TMP/service2.log"
python3 "$BENCH_DIR/speed.py" --service "$SERVICE_URL" --pid "$SERVICE_PID" --pg-url "$burl" \
    --suggestions "$CDTN_DIR/suggestions.txt" --workdir "$BENCH_TMP" \
    --reference "$ref_url" --facets-only "$out"
