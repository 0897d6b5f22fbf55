#!/usr/bin/env bash
# Installs what the real-browser tests need: Debian's Chromium and the playwright-core
# driver in tests/browser/. Playwright's own browser downloads are never used; the tests
# drive /usr/bin/chromium. Safe to run again: each step is skipped when already done.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends chromium
fi
echo "chromium: $(command -v chromium) ($(chromium --version 2>/dev/null || echo 'version unknown'))"

cd "$root/tests/browser"
if [ ! -d node_modules/playwright-core ]; then
    # Keep Playwright from fetching browser builds of its own.
    export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
    if [ -f package-lock.json ]; then
        npm ci --no-audit --no-fund
    else
        npm install --no-audit --no-fund
    fi
fi
echo "playwright-core: $root/tests/browser/node_modules/playwright-core"
