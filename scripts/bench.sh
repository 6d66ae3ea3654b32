#!/usr/bin/env bash
# Runs the store benchmark and prints its figures as ratios against the bare
# rusqlite baseline measured in the same run (machines here are noisy, so only
# the ratios are comparable between runs).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench -p factdesk-core --bench store -- --noplot "$@"
python3 - <<'PY'
import json, pathlib
root = pathlib.Path("target/criterion/story_30x10")
def mean(name):
    est = json.loads((root / name / "new" / "estimates.json").read_text())
    return est["mean"]["point_estimate"] / 1000.0  # ns -> µs
rows = [("save", "store_save", "bare_write"), ("load", "store_load", "bare_read")]
print("| operation | store (µs) | bare rusqlite (µs) | ratio |")
print("|---|---|---|---|")
for label, ours, base in rows:
    a, b = mean(ours), mean(base)
    print(f"| {label} | {a:.1f} | {b:.1f} | {a / b:.2f}x |")
PY
