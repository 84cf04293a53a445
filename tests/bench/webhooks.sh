#!/usr/bin/env bash
# @brief Benchmark: forum webhook deliveries accepted per second (signature + inbox insert) and
# the p99 from delivery to searchable, with concurrent senders; a fixture forum API on 127.0.0.1.
# Usage: tests/bench/webhooks.sh [SENDERS=8] [DELIVERIES_PER_SENDER=200]
# Env: KB_BIN_DIR (default build/), KB_BENCH_KEEP_TMP=1 (keep the work folder).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SENDERS=${1:-8}
PER_SENDER=${2:-200}
SECRET=bench-webhook-secret
require_binaries
bench_setup_tmp
forum_pid=
stop_forum() { if [ -n "$forum_pid" ]; then kill "$forum_pid" 2>/dev/null || true; wait "$forum_pid" 2>/dev/null || true; fi; }
trap 'stop_forum; bench_cleanup' EXIT

pg_start
url=$(pg_fresh_db kb_webhooks)
blog "$(run_indexer "$BENCH_TMP/indexer.log" --database-url "$url" --index-dir "$BENCH_TMP/index" \
    --content-dirs "$ROOT/content")"
python3 "$BENCH_DIR/webhooks.py" forum "$BENCH_TMP/forum.port" &
forum_pid=$!
for _ in $(seq 1 100); do [ -s "$BENCH_TMP/forum.port" ] && break; sleep 0.1; done
[ -s "$BENCH_TMP/forum.port" ] || die "the fixture forum did not start"
export KB_FORUM_URL="http://127.0.0.1:$(cat "$BENCH_TMP/forum.port")"
export KB_FORUM_WEBHOOK_SECRET=$SECRET
start_service "$url" "$BENCH_TMP/index" "$BENCH_TMP/service.log"
blog "$SENDERS senders, $PER_SENDER deliveries each"
python3 "$BENCH_DIR/webhooks.py" drive "${SERVICE_URL##*:}" "$SECRET" "$SENDERS" "$PER_SENDER"
report_service_errors "$BENCH_TMP/service.log"
