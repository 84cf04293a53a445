#!/usr/bin/env bash
# @brief Lints the API's OpenAPI document (service/app/openapi.json) with @redocly/cli, installed
# once at a pinned version into the git-ignored .cache/npm/ with the machine's node and npm.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
REDOCLY_VERSION=1.34.20  # a 1.x: runs on Debian 12's node 18 (2.x needs node 20.19+)
PREFIX=${KB_NPM_CACHE:-$ROOT/.cache/npm}/redocly-cli-$REDOCLY_VERSION
BIN=$PREFIX/node_modules/.bin/redocly

command -v npm >/dev/null || { echo "openapi lint: npm is missing (deploy/test installs it)" >&2; exit 1; }
# No telemetry, no update check: the lint must not depend on anything but the installed package.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
if [ ! -x "$BIN" ]; then
    echo "openapi lint: installing @redocly/cli@$REDOCLY_VERSION into $PREFIX" >&2
    rm -rf "$PREFIX.tmp" && mkdir -p "$PREFIX.tmp"
    npm install --prefix "$PREFIX.tmp" --no-audit --no-fund --no-save --loglevel=error \
        "@redocly/cli@$REDOCLY_VERSION" >&2
    rm -rf "$PREFIX" && mv "$PREFIX.tmp" "$PREFIX"
fi
cd "$ROOT"
"$BIN" lint --config redocly.yaml --format stylish service/app/openapi.json
