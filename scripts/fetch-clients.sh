#!/usr/bin/env bash
# Fetches the published Datastar clients the browser tests load, by package name through
# the ordinary registry clients, and caches them outside the repository (their code is
# never committed). Safe to run again: a client already cached is not fetched again.
#
# Prints one `NAME=PATH` line per client; the browser test reads the same cache folder
# (or DATASTAR_CLIENT_019 / DATASTAR_CLIENT_V1 when set).
set -euo pipefail

cache="${DATASTAR_CLIENTS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/datastar-dsl/clients}"
mkdir -p "$cache"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# 0.19.9: the version the seed pages' unpinned URL resolves to.
v019="$cache/datastar-0.19.9.js"
if [ ! -s "$v019" ]; then
    (cd "$work" && npm pack --silent @sudodevnull/datastar@0.19.9 >/dev/null)
    tar -xzf "$work"/sudodevnull-datastar-0.19.9.tgz -C "$work" package/dist/datastar.js
    cp "$work/package/dist/datastar.js" "$v019.part" && mv "$v019.part" "$v019"
fi

# 1.0.1: a Datastar 1.0.1 build shipped inside the starhtml 0.7.0 wheel.
v1="$cache/datastar-1.0.1.js"
if [ ! -s "$v1" ]; then
    pip download --quiet --no-deps --only-binary=:all: --python-version 3.12 \
        --dest "$work" starhtml==0.7.0
    wheel="$(ls "$work"/starhtml-0.7.0-*.whl)"
    python3 - "$wheel" "$v1.part" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel, open(sys.argv[2], "wb") as out:
    out.write(wheel.read("starhtml/static/js/datastar-core.js"))
PY
    mv "$v1.part" "$v1"
fi

echo "DATASTAR_CLIENT_019=$v019"
echo "DATASTAR_CLIENT_V1=$v1"

# 0.21.4: the merge-fragments generation, for the pages in 0.21 syntax (`/v021/`).
v021="$cache/datastar-0.21.4.js"
if [ ! -s "$v021" ]; then
    (cd "$work" && npm pack --silent @starfederation/datastar@0.21.4 >/dev/null)
    tar -xzf "$work"/starfederation-datastar-0.21.4.tgz -C "$work" package/dist/bundles/datastar.js
    cp "$work/package/dist/bundles/datastar.js" "$v021.part" && mv "$v021.part" "$v021"
fi
echo "DATASTAR_CLIENT_021=$v021"
