#!/usr/bin/env bash
# @brief Benchmark: time from a post's 201 to the post being returned by /api/v1/search, under
# concurrent writes. Private PostgreSQL and index in a temporary folder; prints p50/p99/max.
# Usage: tests/bench/qa_latency.sh [WRITERS=8] [POSTS_PER_WRITER=50]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${KB_BIN_DIR:-$ROOT/build}
WRITERS=${1:-8}
POSTS=${2:-50}
TMP=$(mktemp -d /tmp/qa-latency.XXXXXX)
chmod 755 "$TMP"
service_pid=
cleanup() {
    [ -n "$service_pid" ] && kill "$service_pid" 2>/dev/null && wait "$service_pid" 2>/dev/null || true
    "$ROOT/deploy/pg-cluster" stop "$TMP/pg" >/dev/null 2>&1 || true
    rm -rf "$TMP"
}
trap cleanup EXIT
"$ROOT/deploy/pg-cluster" start "$TMP/pg" 5432
DB=$("$ROOT/deploy/pg-cluster" url "$TMP/pg" 5432)
"$BIN/service/kb-service" migrate --database-url "$DB" --schema-dir "$ROOT/schema" >/dev/null
"$BIN/indexer/kb-indexer" --database-url "$DB" --index-dir "$TMP/index" --content-dirs "$ROOT/content" --progress never
tokens=()
for i in $(seq 1 10); do
    "$BIN/service/kb-service" admin create-user "bench$i" "Bench $i" member --database-url "$DB" >/dev/null
    tokens+=("$("$BIN/service/kb-service" admin create-token "bench$i" --database-url "$DB")")
done
"$BIN/service/kb-service" serve --database-url "$DB" --index-dir "$TMP/index" --port 0 \
    --port-file "$TMP/port" --access-log false 2>"$TMP/service.log" &
service_pid=$!
for _ in $(seq 1 100); do [ -s "$TMP/port" ] && break; sleep 0.1; done
python3 "$ROOT/tests/bench/qa_latency.py" "$(cat "$TMP/port")" "$WRITERS" "$POSTS" "${tokens[@]}"
