# @brief Shared shell steps of deploy/run and deploy/test: packages, build, private PostgreSQL.
# Sourced, not executed. Expects ROOT (the repository) to be set.

KB_PACKAGES=(cmake g++ make pkg-config curl procps clang-format git libpistache-dev libxapian-dev libpqxx-dev libpq-dev
             libcmark-dev libjemalloc-dev libxml2-dev nlohmann-json3-dev libssl-dev libcurl4-openssl-dev libgumbo-dev libgtest-dev libgmock-dev postgresql-15
             libmagic-dev libpoppler-cpp-dev libzip-dev zip libkainjow-mustache-dev wfrench)
PG_BIN=/usr/lib/postgresql/15/bin

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# Installs the Debian packages that are missing, and only those.
ensure_packages() {
    local missing=() pkg
    for pkg in "${KB_PACKAGES[@]}" "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    if ((${#missing[@]})); then
        log "installing: ${missing[*]}"
        if [ "$(id -u)" != 0 ]; then log "need root to install packages"; return 1; fi
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

# Installs the package of each "command:package" whose command is missing. For tools that may come
# from elsewhere: NodeSource's nodejs bundles npm, and Debian's npm package would conflict with it.
ensure_commands() {
    local missing=() entry
    for entry in "$@"; do
        command -v "${entry%%:*}" >/dev/null || missing+=("${entry#*:}")
    done
    ((${#missing[@]} == 0)) || ensure_packages "${missing[@]}"
}

# Configures and builds into build/ (Release). Arguments: extra cmake options, then "--" targets.
build_project() {
    local cmake_args=() targets=()
    while (($#)) && [ "$1" != "--" ]; do cmake_args+=("$1"); shift; done
    (($#)) && shift
    targets=("$@")
    cmake -S "$ROOT" -B "$ROOT/build" -DCMAKE_BUILD_TYPE=Release "${cmake_args[@]}" >/dev/null
    local target_args=()
    for t in "${targets[@]}"; do target_args+=(--target "$t"); done
    cmake --build "$ROOT/build" -j "$(nproc)" "${target_args[@]}"
}
