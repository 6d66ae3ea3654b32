#!/usr/bin/env bash
# Fuzzes every importer with cargo-fuzz (libFuzzer) for SECONDS each
# (default 60), or only the targets named after it:
#   ./scripts/fuzz.sh [SECONDS] [TARGET...]
# Targets: itn web_page json ninjs article outlets_csv. Each starts from the
# seeds in fuzz/seeds/TARGET (copies of the test fixtures) plus the corpus it
# grew before (fuzz/corpus, not committed). An input that crashes, hangs (10 s)
# or exhausts memory is copied to fuzz/regressions/TARGET/, which the test
# suite replays (src-tauri/core/tests/fuzz_regressions.rs): commit it with the
# fix. Prints one summary line per target: executions, edges covered, corpus.
#
# The machine's stable Rust runs cargo-fuzz's instrumentation with
# RUSTC_BOOTSTRAP=1 and no sanitizer (the code under test is safe Rust).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
if ((${#targets[@]} == 0)); then targets=(itn web_page json ninjs article outlets_csv); fi

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "==> installing cargo-fuzz" >&2
  cargo install cargo-fuzz --version '^0.13' --locked --quiet
fi
export RUSTC_BOOTSTRAP=1
mkdir -p fuzz/logs
status=0
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t" "fuzz/regressions/$t"
  log="fuzz/logs/$t.log"
  echo "==> fuzzing $t for ${seconds}s (log: $log)" >&2
  set +e
  cargo fuzz run --sanitizer none --release "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="fuzz/artifacts/$t/" >"$log" 2>&1
  rc=$?
  set -e
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
  corp=$(grep -o 'corp: [0-9]*/[0-9a-zA-Z]*' "$log" | tail -1 | cut -d' ' -f2)
  found=0
  for a in fuzz/artifacts/"$t"/*; do
    [ -f "$a" ] || continue
    mv "$a" "fuzz/regressions/$t/" && found=$((found + 1))
  done
  printf '%-12s %10s executions  %6s edges  corpus %-12s exit %s  new regressions %s\n' \
    "$t" "${execs:-?}" "${cov:-?}" "${corp:-?}" "$rc" "$found"
  if [ "$rc" -ne 0 ] || [ "$found" -ne 0 ]; then status=1; fi
done
exit "$status"
