#!/usr/bin/env bash
# @brief End-to-end test of the README's first command: deploy/run serves /readyz, stops cleanly
# on Ctrl-C (SIGINT) and on SIGTERM leaving no PostgreSQL behind, and keeps its data across runs.
set -euo pipefail
set -m  # job control: background jobs keep SIGINT, as under a terminal's Ctrl-C
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DATA=$(mktemp -d "${KB_TEST_TMP:-/tmp}/deploy-run.XXXXXX")
chmod 755 "$DATA"
trap '"$ROOT/deploy/pg-cluster" stop "$DATA/postgres" >/dev/null 2>&1 || true; rm -rf "$DATA"' EXIT

# A free port below the kernel's ephemeral range: the other tests, which run alongside this one,
# bind port 0 and open client connections, and both take their ports from that range, so a port
# picked inside it could be taken before deploy/run binds it ("Address already in use").
free_port() {
    local p low=32768
    read -r low _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || true
    [ "$low" -gt 11000 ] || low=32768
    for _ in $(seq 1 200); do
        p=$((10000 + RANDOM % (low - 10000)))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
    done
    return 1
}

fail() { echo "FAIL: $*" >&2; cat "$DATA/run.log" >&2 || true; exit 1; }

# One deploy/run; stops it with the given signal once ready. Prints nothing on success.
run_once() {
    local signal=$1 port
    port=$(free_port)
    KB_SKIP_BUILD=1 KB_DATA_DIR="$DATA" KB_PORT="$port" "$ROOT/deploy/run" >"$DATA/run.log" 2>&1 &
    local pid=$!
    for _ in $(seq 1 600); do
        grep -q "est prête : http://127.0.0.1:$port" "$DATA/run.log" && break
        kill -0 "$pid" 2>/dev/null || fail "deploy/run exited early"
        sleep 0.1
    done
    grep -q "est prête" "$DATA/run.log" || fail "never ready"
    local ready
    ready=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz")
    [ "$ready" = 200 ] || fail "/readyz answered $ready"
    local found
    found=$(curl -s "http://127.0.0.1:$port/api/v1/search?q=pass%20iae" | grep -o '"total":[0-9]*' | cut -d: -f2)
    [ "${found:-0}" -gt 0 ] || fail "search over content/ found nothing"
    # The pages: the home page in HTML with the DSFR stylesheet it names.
    local css
    css=$(curl -s "http://127.0.0.1:$port/" | grep -o '/static/dsfr-[0-9a-f]*/dsfr.min.css' | head -1)
    [ -n "$css" ] || fail "the home page names no DSFR stylesheet"
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$css")" = 200 ] || fail "$css not served"
    kill "-$signal" "$pid"
    local status=0
    wait "$pid" || status=$?
    [ "$status" = 0 ] || fail "deploy/run exited $status after SIG$signal"
    if pgrep -f -- "-D $DATA/postgres/pg" >/dev/null; then fail "PostgreSQL still running after SIG$signal"; fi
    if pgrep -f -- "kb-service serve" | xargs -r ps -o args= -p | grep -q "$port"; then fail "service still running"; fi
}

run_once INT
run_once TERM
grep -q "0 added, 0 updated, 0 deleted" "$DATA/run.log" || fail "second run re-indexed: data not kept"
echo "1 passed, 0 failed"
