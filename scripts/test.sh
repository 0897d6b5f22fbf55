#!/usr/bin/env bash
# The README's test command. On a Debian machine with Rust it installs what the tests need
# and has not got (Chromium and redis-server from Debian, playwright-core from npm, the
# published Datastar clients from their registries), then runs every test, for real:
#
#   scripts/test.sh               # cargo test --workspace
#   scripts/test.sh -p tests      # or any other cargo test selection
#
# An install it cannot do (no root, no npm, ...) stops it with the command to run. Every
# step is skipped when already done. The tests run with CI=true, so that a test whose setup
# is still missing fails instead of skipping, and with --include-ignored, so that the
# browser test runs even if the build marked it ignored (it is never ignored otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n==== %s ====\n' "$*"; }

step "Debian packages: chromium (browser test), redis-server (Redis tests)"
scripts/install-debian-packages.sh chromium redis-server

step "playwright-core (browser test)"
scripts/install-browser-deps.sh

step "published Datastar clients (browser test, demo)"
scripts/fetch-clients.sh

[ "$#" -gt 0 ] || set -- --workspace
step "cargo test $*"
export CI=true
exec cargo test "$@" -- --include-ignored
