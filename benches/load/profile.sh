#!/usr/bin/env bash
# Profiles the hot paths of each benchmark server under callgrind (instruction counts:
# `perf stat -e instructions` is not supported on this machine's virtual CPU), and states
# each profile per request or per event: instructions, allocations, memcpy, lock calls,
# and the costliest functions.
#
#   benches/load/profile.sh     results in target/load-bench/profile/*.txt
#
# Scenarios: one-shot GET /node/get and /python/target (wrk, 8 connections), broadcast and
# timer fan-out
# (200 feeds); SCENARIOS="node-get timer" runs a subset. Instrumentation is switched on
# only while the load runs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
command -v valgrind >/dev/null || apt-get install -y valgrind >/dev/null
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target/load-bench}"
cargo build --release --quiet --manifest-path "$here/Cargo.toml" --bins
bin="$CARGO_TARGET_DIR/release"
out="$CARGO_TARGET_DIR/profile"
mkdir -p "$out"
ulimit -n "$(ulimit -Hn)"

# The floor serves our demo's exact bytes: capture them from a plain run of ours.
"$bin/server-ours" > "$out/capture.addr" &
capture=$!
for _ in $(seq 100); do grep -q listening "$out/capture.addr" && break; sleep 0.1; done
addr="$(awk '{print $2}' "$out/capture.addr")"
curl -s "http://$addr/node/get" > "$out/node-get.sse"
curl -s "http://$addr/python/target" > "$out/python-target.sse"
kill "$capture"

profile() { # server scenario
  local server="$1" scenario="$2" args=() units unit
  [ "$server" = floor ] && args=(--node-get "$out/node-get.sse" --python-target "$out/python-target.sse")
  local data="$out/callgrind.$server.$scenario"
  rm -f "$data"* "$out/$server.addr"
  valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$data" \
    "$bin/server-$server" "${args[@]}" > "$out/$server.addr" 2>"$out/$server.valgrind.log" &
  local pid=$!
  for _ in $(seq 600); do grep -q listening "$out/$server.addr" 2>/dev/null && break; sleep 0.1; done
  local addr; addr="$(awk '{print $2}' "$out/$server.addr")"
  case "$scenario" in
    node-get|python-target)
      local url="http://$addr/${scenario/-//}"
      timeout 20 wrk -t1 -c8 -d2s "$url" > /dev/null
      callgrind_control -i on "$pid" > /dev/null
      units="$(timeout 30 wrk -t1 -c8 -d8s "$url" | awk '/requests in/ {print $1}')"
      unit=request ;;
    broadcast|timer)
      callgrind_control -i on "$pid" > /dev/null
      units="$(timeout 120 "$bin/loadbench" fanout --addr "$addr" --path "/bench/$scenario" --conns 200 \
        --warmup-s 1 --window-s 8 --grace-s 2 | sed 's/.*"received_total":\([0-9]*\).*/\1/')"
      unit=event ;;
  esac
  callgrind_control -d "$pid" > /dev/null
  kill "$pid"; wait "$pid" 2>/dev/null || true
  local dump; dump="$(ls -S "$data"* | head -1)"
  {
    echo "== $server, $scenario =="
    "$bin/loadbench" callgrind --file "$dump" --units "$units" --unit "$unit" --top 25
  } | tee "$out/$server.$scenario.txt"
}

for scenario in ${SCENARIOS:-node-get python-target broadcast timer}; do
  for server in floor ours sdk; do
    profile "$server" "$scenario"
  done
done
echo "profiles in $out"
