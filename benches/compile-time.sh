#!/usr/bin/env bash
# Compile-time cost of the macros: a crate of N (200) handlers written with `#[get]`,
# `#[fragment]` and `routes!`, against the same N handlers written by hand on the runtime
# (`Reply(Fragment::new(..))`, `Router::route`, `DialectLayer`). Dependencies are built
# first; then each crate is timed from clean (`cargo clean -p`) and incrementally (one of
# its four modules touched), RUNS (3) times, alternating the two crates. Prints medians of
# CPU and wall seconds and their ratios (target: macros / hand-written <= 1.10). Not part
# of `cargo test`. KEEP=1 keeps the generated crates; CT_TARGET=dir reuses a target dir.
#
#   benches/compile-time.sh            # N=200 RUNS=3, debug builds
#   N=50 RUNS=1 PROFILE=release benches/compile-time.sh
#   OPT_MACROS=1 benches/compile-time.sh   # proc macros built with opt-level 3 (build-override)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${N:-200}
RUNS=${RUNS:-3}
PROFILE=${PROFILE:-dev}
WORK=$(mktemp -d)
[ -n "${KEEP:-}" ] && echo "keeping $WORK" >&2 || trap 'rm -rf "$WORK"' EXIT
export CARGO_TARGET_DIR="${CT_TARGET:-$WORK/target}"
MODULES=4

cat > "$WORK/Cargo.toml" <<TOML
[workspace]
resolver = "3"
members = ["macros", "hand"]
TOML
if [ -n "${OPT_MACROS:-}" ]; then
    # Proc macros (ours and maud's, used by both crates) built optimised, as many
    # workspaces configure them: expansion then costs a fraction of a debug build's.
    printf '\n[profile.dev.build-override]\nopt-level = 3\n' >> "$WORK/Cargo.toml"
fi
# Same dependency versions as the workspace, when it has been built.
cp "$ROOT/Cargo.lock" "$WORK/Cargo.lock" 2>/dev/null || true

manifest() {
    cat <<TOML
[package]
name = "$1"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
datastar-runtime = { path = "$ROOT/datastar-runtime" }
axum = { version = "0.8", default-features = false, features = ["tokio", "http1", "query"] }
serde = { version = "1", features = ["derive"] }
maud = "0.27"
TOML
}

common() {
    cat <<'RS'
#[derive(Clone)]
pub struct Db(pub u32);

#[derive(serde::Deserialize)]
pub struct Page {
    pub n: u32,
}

RS
    for m in $(seq 0 $((MODULES - 1))); do echo "pub mod m$m;"; done
}

generate() {
    local kind=$1 dir="$WORK/$1"
    mkdir -p "$dir/src"
    manifest "$kind" > "$dir/Cargo.toml"
    common > "$dir/src/lib.rs"
    local per=$(((N + MODULES - 1) / MODULES))
    for m in $(seq 0 $((MODULES - 1))); do
        local file="$dir/src/m$m.rs"
        if [ "$kind" = macros ]; then
            printf 'use axum::extract::{Query, State};\nuse maud::{Markup, html};\nuse datastar_runtime::{fragment, get};\n\nuse crate::{Db, Page};\n' > "$file"
        else
            printf 'use axum::extract::{Query, State};\nuse maud::html;\nuse datastar_runtime::reply::FragmentOptions;\nuse datastar_runtime::{Fragment, Mode, Reply};\n\nuse crate::{Db, Page};\n' > "$file"
        fi
        for i in $(seq $((m * per)) $((m * per + per - 1))); do
            [ "$i" -lt "$N" ] || break
            if [ "$kind" = macros ]; then
                cat >> "$file" <<RS

#[get("/h$i")]
#[fragment(selector = "#h$i", mode = "inner")]
pub async fn h$i(State(db): State<Db>, Query(page): Query<Page>) -> Markup {
    html! { p.item { "handler $i: " (db.0) " " (page.n) } }
}
RS
            else
                cat >> "$file" <<RS

pub async fn h$i(State(db): State<Db>, Query(page): Query<Page>) -> Reply<Fragment> {
    static OPTIONS: FragmentOptions = FragmentOptions::new().selector("#h$i").mode(Mode::Inner);
    Reply(Fragment::new(html! { p.item { "handler $i: " (db.0) " " (page.n) } }, &OPTIONS))
}
RS
            fi
        done
    done
    {
        echo
        if [ "$kind" = macros ]; then
            echo "pub fn app() -> axum::Router<Db> {"
            echo "    datastar_runtime::routes!["
            for i in $(seq 0 $((N - 1))); do echo "        m$((i / per))::h$i,"; done
            echo "    ]"
            echo "}"
        else
            echo "pub fn app() -> axum::Router<Db> {"
            echo "    axum::Router::new()"
            for i in $(seq 0 $((N - 1))); do echo "        .route(\"/h$i\", axum::routing::get(m$((i / per))::h$i))"; done
            echo "        .layer(datastar_runtime::context::DialectLayer::new(datastar_runtime::Dialect::V1))"
            echo "}"
        fi
    } >> "$dir/src/lib.rs"
}

generate macros
generate hand

cd "$WORK"
echo "building dependencies (profile $PROFILE) ..." >&2
cargo build -q --profile "$PROFILE" -p macros -p hand 2>&1 | tail -40

# CPU seconds (user + system, rustc included) of one build: steadier than wall time on a
# shared machine. Wall time is recorded too.
measure() {
    /usr/bin/time -o "$WORK/time" -f "%U %S %e" cargo build -q --profile "$PROFILE" -p "$1"
    awk '{printf "%.2f/%.2f", $1 + $2, $3}' "$WORK/time"
}

declare -A results
for run in $(seq 1 "$RUNS"); do
    order="hand macros"
    [ $((run % 2)) -eq 0 ] && order="macros hand"
    for kind in $order; do
        cargo clean -q --profile "$PROFILE" -p "$kind"
        results[$kind-clean]+="$(measure "$kind") "
        touch "$kind/src/m0.rs"
        results[$kind-incremental]+="$(measure "$kind") "
    done
    echo "run $run/$RUNS done" >&2
done

# field 1: CPU seconds, field 2: wall seconds
median() { tr ' ' '\n' | grep -v '^$' | cut -d/ -f"$1" | sort -g | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }

printf '\n%d handlers, %s profile%s, median of %d runs\n' "$N" "$PROFILE" "${OPT_MACROS:+, optimised proc macros}" "$RUNS"
printf '%-22s %10s %10s %8s\n' build hand macros ratio
for what in clean incremental; do
    for field in 1 2; do
        label="$what ($([ "$field" = 1 ] && echo CPU s || echo wall s))"
        hand=$(echo "${results[hand-$what]}" | median "$field")
        macros=$(echo "${results[macros-$what]}" | median "$field")
        printf '%-22s %10.2f %10.2f %8.3f\n' "$label" "$hand" "$macros" "$(echo "$macros / $hand" | bc -l)"
    done
done
printf 'all runs (CPU/wall): %s\n' "$(for k in hand-clean macros-clean hand-incremental macros-incremental; do printf '%s=[%s] ' "$k" "${results[$k]% }"; done)"
