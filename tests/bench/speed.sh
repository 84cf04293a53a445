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
set -euo pipefail
source "$(dirname "$0")/lib.sh"

require_binaries
ensure_corpus
if ! command -v wrk >/dev/null; then
    blog "installing wrk"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
bench_setup_tmp

STATE=${KB_BENCH_SCALE_DIR:-}
if [ -n "$STATE" ]; then
    mkdir -p "$STATE"
    STATE=$(cd "$STATE" && pwd)
    chmod 755 "$STATE"
    PG_DIR=$STATE/postgres
else
    STATE=$BENCH_TMP
    PG_DIR=$BENCH_TMP/postgres
fi
INDEX=$STATE/index
# The cleanup of lib.sh stops $BENCH_TMP/postgres; a kept cluster is stopped here.
stop_state_pg() { [ "$PG_DIR" = "$BENCH_TMP/postgres" ] || "$PG_CLUSTER" stop "$PG_DIR" >/dev/null 2>&1 || true; }
trap 'st=$?; stop_state_pg; (exit $st); bench_cleanup' EXIT

KB_PG_FSYNC=off "$PG_CLUSTER" start "$PG_DIR" "$PG_PORT"
PG_ADMIN_URL=$("$PG_CLUSTER" url "$PG_DIR" "$PG_PORT" postgres)
url=$("$PG_CLUSTER" url "$PG_DIR" "$PG_PORT" kb_scale)
burl=$("$PG_CLUSTER" url "$PG_DIR" "$PG_PORT" pg_scale)

if [ -f "$STATE/.built" ]; then
    blog "reusing the scale build in $STATE: $(cat "$STATE/.built")"
else
    rm -f "$STATE/.built"
    rm -rf "$INDEX"
    DIRS=$(cat "$CORPUS/scale.dirs")
    "$PSQL" "$PG_ADMIN_URL" -qX -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS kb_scale" \
        -c "CREATE DATABASE kb_scale" -c "DROP DATABASE IF EXISTS pg_scale" -c "CREATE DATABASE pg_scale" >/dev/null
    "$SERVICE" migrate --database-url "$url" --schema-dir "$ROOT/schema" >&2
    blog "indexing the scale corpus (a few minutes)"
    summary=$(run_indexer "$STATE/indexer.log" --content-dirs "$DIRS" --database-url "$url" \
        --index-dir "$INDEX" --rebuild)
    blog "$summary"
    blog "PostgreSQL baseline on the same files"
    blog "baseline $(python3 "$BENCH_DIR/pg_baseline.py" build "$burl" "$DIRS")"
    echo "$summary" >"$STATE/.built"
fi

start_service "$url" "$INDEX" "$BENCH_TMP/service.log"
code=$(curl -s -o "$BENCH_TMP/probe.json" -w '%{http_code}' --max-time 10 "$SERVICE_URL/api/v1/search?q=conge&per_page=10")
[ "$code" = 200 ] || die "GET /api/v1/search answered $code: $(head -c 300 "$BENCH_TMP/probe.json")"

mkdir -p "$BENCH_DIR/results"
out=$BENCH_DIR/results/speed-$(date +%Y%m%d-%H%M%S).json
echo "index: $(cat "$STATE/.built" 2>/dev/null || true)"
python3 "$BENCH_DIR/speed.py" --service "$SERVICE_URL" --pid "$SERVICE_PID" --pg-url "$burl" \
    --suggestions "$CDTN_DIR/suggestions.txt" --workdir "$BENCH_TMP" \
    --duration "${KB_BENCH_DURATION:-25}" --warmup "${KB_BENCH_WARMUP:-20}" --connections "${KB_BENCH_CONNECTIONS:-32}" \
    --threads "${KB_BENCH_WRK_THREADS:-2}" --sequential "${KB_BENCH_SEQ_QUERIES:-1000}" \
    --label "$(grep -o '[0-9]* added' "$STATE/.built" | head -1 | sed 's/ added/ documents/'), kb-service --threads ${KB_BENCH_THREADS:-4}" \
    --out "$out"
if grep -qiE 'error|exception|terminate' "$BENCH_TMP/service.log"; then
    blog "kb-service log has errors:"
    grep -iE 'error|exception|terminate' "$BENCH_TMP/service.log" | sort | uniq -c | sort -rn | head -10 >&2
fi
