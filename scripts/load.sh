#!/usr/bin/env bash
# Load test of a team desk: N simulated editors (threads, each with its own
# connection) open, edit and save stories — a third of the edits on five
# hot stories, so saves conflict — and publish, against one local
# PostgreSQL for SECONDS; then the same load on an SQLite file from one
# process, the baseline, in the same run. Every accepted save is looked for
# afterwards: "lost_updates" must be 0.
#
#   ./scripts/load.sh [SECONDS] [N...]     (default: 60 s, N = 10 50 200)
#
# Not part of the test run. Prints one JSON line per run and a table.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
editors=("$@")
((${#editors[@]})) || editors=(10 50 200)

cargo build --release --quiet -p factdesk-core --example load
load=target/release/examples/load
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# 200 editors need 200 connections and a few for the rest.
pg_virtualenv -o max_connections=300 -o shared_buffers=256MB bash -c '
  set -euo pipefail
  load=$1; seconds=$2; out=$3; shift 3
  for n in "$@"; do
    db="load_$n"
    psql -qc "CREATE DATABASE $db"
    "$load" "postgres:///$db" "$n" "$seconds" | tee -a "$out/runs.jsonl" || echo "load: lost updates on PostgreSQL with $n editors" >&2
    "$load" "$out/load_$n.sqlite3" "$n" "$seconds" | tee -a "$out/runs.jsonl" || echo "load: lost updates on SQLite with $n editors" >&2
  done
' load "$load" "$seconds" "$out" "${editors[@]}"

python3 - "$out/runs.jsonl" <<'PY'
import json, sys
runs = [json.loads(l) for l in open(sys.argv[1])]
print()
print("| editors | backend | saves/s | p50 save | p95 save | conflicts | published | other refusals | lost updates |")
print("|---|---|---|---|---|---|---|---|---|")
for r in runs:
    print(f"| {r['editors']} | {r['backend']} | {r['saves_per_second']:.0f} | {r['save_p50_ms']:.1f} ms | "
          f"{r['save_p95_ms']:.1f} ms | {r['conflicts']} | {r['published']} | {r['errors']} | {r['lost_updates']} |")
by = {(r['editors'], r['backend']): r for r in runs}
for n in sorted({r['editors'] for r in runs}):
    pg, lite = by.get((n, 'postgres')), by.get((n, 'sqlite'))
    if pg and lite:
        print(f"{n} editors: PostgreSQL {pg['saves_per_second'] / lite['saves_per_second']:.2f}x the SQLite file's saves/s")
sys.exit(1 if any(r['lost_updates'] for r in runs) else 0)
PY
