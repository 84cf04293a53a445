#!/usr/bin/env bash
# @brief Benchmark: one ~5 MB PDF through the resource library: upload time, background text
# extraction time, and time from approval to the resource being found by a phrase of its first page.
# Usage: tests/bench/resources.sh [MEGABYTES=5]
# Env: KB_BIN_DIR (default build/), KB_BENCH_KEEP_TMP=1 (keep the work folder).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

MEGABYTES=${1:-5}
require_binaries
bench_setup_tmp
pg_start
url=$(pg_fresh_db kb_resources)
blog "$(run_indexer "$BENCH_TMP/indexer.log" --database-url "$url" --index-dir "$BENCH_TMP/index" \
    --content-dirs "$ROOT/content")"
"$SERVICE" admin create-user bench-member "Bench" member --database-url "$url" >/dev/null
"$SERVICE" admin create-user bench-moderator "Bench" moderator --database-url "$url" >/dev/null
member=$("$SERVICE" admin create-token bench-member --database-url "$url")
moderator=$("$SERVICE" admin create-token bench-moderator --database-url "$url")
KB_DATA_DIR=$BENCH_TMP/data start_service "$url" "$BENCH_TMP/index" "$BENCH_TMP/service.log"
python3 "$BENCH_DIR/resources.py" "${SERVICE_URL##*:}" "$member" "$moderator" "$MEGABYTES"
report_service_errors "$BENCH_TMP/service.log"
