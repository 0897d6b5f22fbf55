#!/usr/bin/env bash
# The load benchmark, end to end: builds the servers and clients, installs wrk if needed,
# runs every scenario against our runtime, a plain-axum floor and the official Datastar
# SDK, then writes results.{json,md}, fanout.svg and BENCHMARKS.md's generated section.
#
#   benches/load/run.sh            full run (about 20 minutes), results in benches/load/results
#   benches/load/run.sh --quick    smoke run (1000 feeds, short windows), results in target/load-quick
#
# Every step has a deadline and the whole run is killed if it overruns. Loopback only.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
quick=0
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    *) echo "usage: $0 [--quick]" >&2; exit 2 ;;
  esac
done

if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package)" >&2
  apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi
command -v taskset >/dev/null || { echo "taskset (util-linux) is required" >&2; exit 1; }

# 10,000 feeds cost 10,000 descriptors in the server and as many in the client.
hard="$(ulimit -Hn)"
if [ "$hard" = unlimited ]; then hard=65536; fi
ulimit -n "$hard"

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target/load-bench}"
cargo build --release --quiet --manifest-path "$here/Cargo.toml" --bins
bin="$CARGO_TARGET_DIR/release"

cd "$root"
if [ "$quick" = 1 ]; then
  exec timeout --kill-after=10 420 "$bin/loadbench" run --quick --out "$CARGO_TARGET_DIR/load-quick"
else
  exec timeout --kill-after=10 2700 "$bin/loadbench" run --out "$here/results" --doc "$root/BENCHMARKS.md"
fi
