#!/usr/bin/env bash
# @brief Benchmark: time from a post's 201 to the post being returned by /api/v1/search, under
# concurrent writes. Private PostgreSQL and index in a temporary folder; prints p50/p99/max.
# Usage: tests/bench/qa_latency.sh [WRITERS=8] [POSTS_PER_WRITER=50]
# Env: KB_BIN_DIR (default build/), KB_BENCH_KEEP_TMP=1 (keep the work folder).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

WRITERS=${1:-8}
POSTS=${2:-50}
require_binaries
bench_setup_tmp
# Commits are durable here, as in production: fsync is part of a post's latency.
KB_PG_FSYNC=${KB_PG_FSYNC:-on} pg_start
url=$(pg_fresh_db kb_qa)
blog "$(run_indexer "$BENCH_TMP/indexer.log" --database-url "$url" --index-dir "$BENCH_TMP/index" \
    --content-dirs "$ROOT/content")"
mapfile -t tokens < <(create_tokens "$url" 10)
[ "${#tokens[@]}" = 10 ] || die "could not create the accounts"
start_service "$url" "$BENCH_TMP/index" "$BENCH_TMP/service.log"
python3 "$BENCH_DIR/qa_latency.py" "${SERVICE_URL##*:}" "$WRITERS" "$POSTS" "${tokens[@]}"
report_service_errors "$BENCH_TMP/service.log"
