#!/usr/bin/env bash
# Fetches the published Datastar clients the demo serves and the browser tests load, by
# package name through the ordinary registry clients (npm, pip, cargo), and caches them
# outside the repository (their code is never committed). Safe to run again: a client
# already cached is not fetched again.
#
# The cache: $DATASTAR_CLIENTS_DIR, else $XDG_CACHE_HOME/datastar-dsl/clients, else
# ~/.cache/datastar-dsl/clients, one file datastar-VERSION.js per client (the demo and the
# browser tests look there the same way: demo/client-cache/src/lib.rs).
# Prints one `VERSION PATH` line per client.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

cache="${DATASTAR_CLIENTS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/datastar-dsl/clients}"
mkdir -p "$cache"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

need() {
    command -v "$1" >/dev/null 2>&1 && return
    echo "fetch-clients: $1 is needed to fetch the $2 client; install it with: $3" >&2
    exit 1
}

# Moves the fetched file into the cache only when it names its version (a `// Datastar vX`
# first line, or 0.19's version constant), so a wrong path inside a package is an error
# here, not a dead page later.
keep() {
    local version="$1" fetched="$2"
    if ! grep -qF -e "Datastar v$version" -e "\"$version\"" "$fetched"; then
        echo "fetch-clients: $fetched is not the Datastar $version bundle" >&2
        exit 1
    fi
    cp "$fetched" "$cache/datastar-$version.js.part"
    mv "$cache/datastar-$version.js.part" "$cache/datastar-$version.js"
    fetched_any=1
}
fetched_any=

missing() { [ ! -s "$cache/datastar-$1.js" ]; }

# 0.19.9: the version the seed pages' unpinned URL resolves to, from npm.
if missing 0.19.9; then
    need npm 0.19.9 "apt-get install -y npm"
    (cd "$work" && npm pack --silent @sudodevnull/datastar@0.19.9 >/dev/null)
    tar -xzf "$work"/sudodevnull-datastar-0.19.9.tgz -C "$work" package/dist/datastar.js
    keep 0.19.9 "$work/package/dist/datastar.js"
    rm -rf "$work/package"
fi

# 0.21.4: the last 0.21 release, from npm.
if missing 0.21.4; then
    need npm 0.21.4 "apt-get install -y npm"
    (cd "$work" && npm pack --silent @starfederation/datastar@0.21.4 >/dev/null)
    tar -xzf "$work"/starfederation-datastar-0.21.4.tgz -C "$work" package/dist/datastar.js
    keep 0.21.4 "$work/package/dist/datastar.js"
    rm -rf "$work/package"
fi

# 1.0.1: a Datastar 1.0.1 build shipped (patched by its packager) inside the starhtml 0.7.0
# wheel from PyPI.
if missing 1.0.1; then
    need python3 1.0.1 "apt-get install -y python3-pip"
    python3 -m pip download --quiet --no-deps --only-binary=:all: --python-version 3.12 \
        --dest "$work" starhtml==0.7.0
    wheel="$(ls "$work"/starhtml-0.7.0-*.whl)"
    python3 - "$wheel" "$work/datastar-1.0.1.js" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel, open(sys.argv[2], "wb") as out:
    out.write(wheel.read("starhtml/static/js/datastar-core.js"))
PY
    keep 1.0.1 "$work/datastar-1.0.1.js"
fi

# 1.0.2: upstream's bundle, unmodified, inside the rama-http 0.4.0 crate. Cargo fetches the
# crate into its registry cache for a throwaway project that depends on it; the bundle is
# read from the downloaded archive.
if missing 1.0.2; then
    need cargo 1.0.2 "the Rust toolchain (rustup)"
    mkdir -p "$work/rama/src"
    touch "$work/rama/src/lib.rs"
    cat >"$work/rama/Cargo.toml" <<'TOML'
[package]
name = "fetch-datastar-client"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
rama-http = { version = "=0.4.0", default-features = false }
TOML
    host="$(rustc -vV | sed -n 's/^host: //p')"
    (cd "$work/rama" && cargo fetch --quiet --target "$host")
    archive="$(ls "${CARGO_HOME:-$HOME/.cargo}"/registry/cache/*/rama-http-0.4.0.crate | head -n 1)"
    tar -xzf "$archive" -C "$work" rama-http-0.4.0/src/service/web/endpoint/response/datastar.js
    keep 1.0.2 "$work/rama-http-0.4.0/src/service/web/endpoint/response/datastar.js"
fi

# A fetched client must make the tests' build script look for the browser setup again, also
# when the cache folder is new: it watches tests/browser/node_modules (or tests/browser).
if [ -n "$fetched_any" ]; then
    mkdir -p "$root/tests/browser/node_modules"
    touch "$root/tests/browser/node_modules/.clients-fetched"
fi

for version in 0.19.9 0.21.4 1.0.1 1.0.2; do
    echo "$version $cache/datastar-$version.js"
done
