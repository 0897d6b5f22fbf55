#!/usr/bin/env bash
# Installs what the real-browser tests need: Debian's Chromium and the playwright-core
# driver in tests/browser/. Playwright's own browser downloads are never used; the tests
# drive /usr/bin/chromium. Safe to run again: each step is skipped when already done.
# Without root (and no password-less sudo) it stops with the command to run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

"$root/scripts/install-debian-packages.sh" chromium
echo "chromium: $(command -v chromium) ($(chromium --version 2>/dev/null || echo 'version unknown'))"

if ! command -v npm >/dev/null 2>&1; then
    echo "install-browser-deps: npm is needed for playwright-core; install it with: apt-get install -y npm" >&2
    exit 1
fi
cd "$root/tests/browser"
if [ ! -d node_modules/playwright-core ]; then
    # Keep Playwright from fetching browser builds of its own.
    export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
    npm ci --no-audit --no-fund
fi
echo "playwright-core: $root/tests/browser/node_modules/playwright-core"
