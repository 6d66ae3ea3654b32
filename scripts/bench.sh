#!/usr/bin/env bash
# Runs the benchmarks and prints their figures as ratios against baselines
# measured in the same run (machines here are noisy, so only the ratios are
# comparable between runs): the store against bare rusqlite, the exports
# against serde_json, the live analysis and a one-field save at 30 / 300 /
# 3,000 facts against a bare one-row UPDATE, the evidence check's cost in
# the analysis of a 300-fact story with 100 long articles, and search, the paged list,
# saves with the index, index size, coverage, outlet suggestions and
# batch-export planning on a generated 100,000-story desk
# (FACTDESK_BENCH_STORIES=N for a smaller one; it is made once, about 1.5 GB,
# in target/bench-data/), and issue 30's figures on it (benches/scale.rs:
# searches for what most stories have, the list under each filter and sort
# against a 1,000-story desk, keyset pages to the bottom, bytes per story
# against compact JSON). The team desk against the file, as whole
# processes: ./scripts/bench-team.sh; import and export against the sqlite3
# shell: ./scripts/bench-io.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench -p factdesk-core --bench store --bench export --bench edit --bench evidence --bench capture --bench wire -- --noplot "$@"
python3 - <<'PY'
import json, pathlib
def mean(group, name):
    est = json.loads(pathlib.Path(f"target/criterion/{group}/{name}/new/estimates.json").read_text())
    return est["mean"]["point_estimate"] / 1000.0  # ns -> µs
print("| operation | store (µs) | bare rusqlite (µs) | ratio |")
print("|---|---|---|---|")
for label, ours, base in [("save", "store_save", "bare_write"), ("load", "store_load", "bare_read")]:
    a, b = mean("story_30x10", ours), mean("story_30x10", base)
    print(f"| {label} | {a:.1f} | {b:.1f} | {a / b:.2f}x |")
print()
base = mean("export_10k", "baseline_serde_json")
print("| format | 10,000 stories (ms) | per story (µs) | ratio to serde_json |")
print("|---|---|---|---|")
print(f"| serde_json (baseline) | {base / 1000:.1f} | {base / 10000:.1f} | 1.00x |")
for fmt in ["itn", "json", "md", "html", "ninjs"]:
    t = mean("export_10k", fmt)
    print(f"| {fmt} | {t / 1000:.1f} | {t / 10000:.1f} | {t / base:.2f}x |")
print()
print("| facts | analyze (µs) | ×30 facts | a keystroke's sync: edit, analysis, patch (µs) | typed save, one field (µs) | its rows by hand (µs) | bare one-row UPDATE (µs) | save / bare | by hand / bare | index at the pause (µs) | whole-story save (µs) |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
small = mean("edit/analyze", "30")
for n in ["30", "300", "3000"]:
    a, s_, h, b = (mean(f"edit/{x}", n) for x in ["analyze", "save_one_field", "rows_by_hand", "bare_update"])
    p, w, k = (mean(f"edit/{x}", n) for x in ["index_after_pause", "save_whole_story", "keystroke_sync"])
    print(f"| {n} | {a:.0f} | {a / small:.1f}x | {k:.0f} | {s_:.0f} | {h:.0f} | {b:.0f} | {s_ / b:.2f}x | {h / b:.2f}x | {p:.0f} | {w:.0f} |")
print()
g = "evidence_300x100"
without, typing, first = (mean(g, x) for x in ["analysis_without", "analysis_typing", "first_read"])
print("| 300 facts, 100 sources of ~5,000 words | µs | ratio to the analysis without the evidence check |")
print("|---|---|---|")
print(f"| analysis without the evidence check (baseline) | {without:.0f} | 1.00x |")
print(f"| analysis with it, as typing (texts read) | {typing:.0f} | {typing / without:.2f}x |")
print(f"| reading the 100 texts once (a change of saved text) | {first:.0f} | {first / without:.2f}x |")
print()
g = "capture_article"
bare, fetch, whole = (mean(g, x) for x in ["bare_get", "fetch", "capture"])
print("| the source article as a news page, from 127.0.0.1 | µs | ratio to a bare GET |")
print("|---|---|---|")
print(f"| bare GET and body (ureq, no limits; baseline) | {bare:.0f} | 1.00x |")
print(f"| Factdesk's fetch (limits, cancellation) | {fetch:.0f} | {fetch / bare:.2f}x |")
print(f"| capture: fetch, decode, pre-scan, Readability and metadata | {whole:.0f} | {whole / bare:.2f}x (extraction {whole - fetch:.0f} µs) |")
print()
print(f"| grouping 10,000 wire items into events | {mean('wire', 'group_10000') / 1000:.0f} ms | goal < 1,000 ms |")
print("|---|---|---|")
PY
echo
cargo bench -q -p factdesk-core --bench search 2>/dev/null
echo
cargo bench -q -p factdesk-core --bench scale 2>/dev/null
