#!/usr/bin/env bash
# The window benchmark: Factdesk's release window against a bare Tauri 2 app
# (benches/bare-window: the same Tauri version — this copies the workspace's
# Cargo.lock to it — and release profile, a static page), measured in one run
# under Xvfb, alternating, FACTDESK_WINDOW_RUNS (default 5) runs each per
# database: an empty one, 1,000 stories and 100,000 stories (made once in
# target/bench-data/; FACTDESK_WINDOW_SIZES="0 1000" for fewer). Prints a
# Markdown table (time to the first usable DOM, to the story list drawn, and
# summed PSS of the app and its WebKit processes 3 s later; min / median and
# the ratio of medians to the bare app); then search in the window
# (benches/window_search.rs: last key → results drawn, per desk); then the
# story list scrolled to the bottom (benches/window_list.rs: rows in view →
# drawn, per desk and sort); then the editor at 30 / 300 / 3,000 facts (benches/editor.rs: time to open a story,
# keystroke latency, IPC bytes per keystroke); then the binaries' and
# packages' sizes. FACTDESK_BENCH_PARTS="window", "search", "list" or
# "editor" runs one part. Not part of the test command.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
./scripts/setup.sh

data="$target_dir/bench-data"
mkdir -p "$data"

say "building Factdesk (release) and the bare app"
npm --prefix ui run build --silent
cargo build --release --locked --quiet -p factdesk-app -p factdesk-cli
cp Cargo.lock benches/bare-window/Cargo.lock
CARGO_TARGET_DIR="$target_dir" cargo build --release --quiet --manifest-path benches/bare-window/Cargo.toml
version() { python3 - "$1" <<'PY'
import sys, tomllib
lock = tomllib.load(open(sys.argv[1], "rb"))
print(next(p["version"] for p in lock["package"] if p["name"] == "tauri"))
PY
}
ours=$(version Cargo.lock)
theirs=$(version benches/bare-window/Cargo.lock)
[ "$ours" = "$theirs" ] || { echo "bench-window: the bare app got Tauri $theirs, Factdesk has $ours" >&2; exit 1; }
say "both on Tauri $ours"

dbs=()
for n in ${FACTDESK_WINDOW_SIZES:-0 1000 100000}; do
  db="$data/window-$n.sqlite3"
  if [ "$n" -gt 0 ] && [ ! -f "$db.done" ]; then
    say "generating $n stories in $db (once)"
    rm -f "$db"*
    cargo run --release --quiet -p factdesk-core --example generate -- "$db" "$n"
    touch "$db.done"
  fi
  [ "$n" -eq 0 ] && rm -f "$db"* "$data"/window-0.backup-*
  label=$( [ "$n" -eq 0 ] && echo "empty" || python3 -c "print(f'{$n:,} stories')")
  dbs+=("$label=$db")
done

export FACTDESK_BARE_APP="$target_dir/release/bare-window"
FACTDESK_WINDOW_DBS=$(IFS=';'; echo "${dbs[*]}")
export FACTDESK_WINDOW_DBS
parts=${FACTDESK_BENCH_PARTS:-window search list editor}
if [[ " $parts " == *" window "* ]]; then
  say "measuring start-up (each run opens and closes a window; a few minutes)"
  xvfb-run -a --server-args="-screen 0 1280x800x24" cargo bench --locked --quiet -p factdesk-app --bench window
fi
if [[ " $parts " == *" search "* ]]; then
  echo
  say "measuring search in the window (every query typed, twice, per desk; a few minutes)"
  xvfb-run -a --server-args="-screen 0 1280x800x24" cargo bench --locked --quiet -p factdesk-app --bench window_search
fi
if [[ " $parts " == *" list "* ]]; then
  echo
  say "measuring the story list scrolled to the bottom, per desk and sort"
  xvfb-run -a --server-args="-screen 0 1280x800x24" cargo bench --locked --quiet -p factdesk-app --bench window_list
fi
if [[ " $parts " == *" editor "* ]]; then
  echo
  say "measuring the editor at ${FACTDESK_EDITOR_SIZES:-30 300 3000} facts"
  xvfb-run -a --server-args="-screen 0 1280x800x24" cargo bench --locked --quiet -p factdesk-app --bench editor
fi

echo
echo "| file | size |"
echo "|---|---|"
for f in "$target_dir/release/factdesk-app" "$target_dir/release/factdesk" "$FACTDESK_BARE_APP" \
  "$target_dir"/release/bundle/deb/*.deb "$target_dir"/release/bundle/rpm/*.rpm; do
  if [ -f "$f" ]; then stat -c '%n %s' "$f" | awk '{ n = split($1, p, "/"); printf "| %s | %.1f MB |\n", p[n], $2 / 1048576 }'; fi
done
