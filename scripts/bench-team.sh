#!/usr/bin/env bash
# The team desk against the file, as whole `factdesk` processes: a desk of
# FACTDESK_TEAM_STORIES (default 10,000) generated stories as a file, copied
# into a throwaway PostgreSQL (`db copy`, timed), then `list --json` and
# three searches run against each, alternating, FACTDESK_TEAM_RUNS (default
# 11) times; prints the medians and the ratio server / file per command as a
# Markdown table. With FACTDESK_TEAM_DELAY_MS set, the commands reach the
# server through scripts/delay_proxy.py, which holds each chunk that many
# milliseconds each way (a round trip costs twice that more, as on a
# network; the copy goes direct). Runs itself under pg_virtualenv; not part
# of the test command.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${PGHOST:-}" ]; then
  exec pg_virtualenv "$0" "$@"
fi
n=${FACTDESK_TEAM_STORIES:-10000}
cargo build --release --locked --quiet -p factdesk-cli
cargo build --release --locked --quiet -p factdesk-core --example generate
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
file="$work/desk.sqlite3"
target/release/examples/generate "$file" "$n" 2>/dev/null
createdb factdesk_bench
url="postgres://$PGUSER:$PGPASSWORD@$PGHOST:$PGPORT/factdesk_bench"
commands_url=$url
if [ -n "${FACTDESK_TEAM_DELAY_MS:-}" ]; then
  proxy_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  python3 scripts/delay_proxy.py "$proxy_port" "$PGHOST" "$PGPORT" "$FACTDESK_TEAM_DELAY_MS" &
  proxy=$!
  trap 'kill "$proxy" 2>/dev/null; rm -rf "$work"' EXIT
  sleep 0.5
  commands_url="postgres://$PGUSER:$PGPASSWORD@127.0.0.1:$proxy_port/factdesk_bench"
  echo "commands through a proxy holding each chunk ${FACTDESK_TEAM_DELAY_MS} ms each way"
fi
python3 - "$file" "$url" "$n" "${FACTDESK_TEAM_RUNS:-11}" "$commands_url" <<'PY'
import statistics, subprocess, sys, time
file, url, n, runs, commands_url = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
bin = "target/release/factdesk"
def run(args):
    t = time.perf_counter()
    subprocess.run([bin, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t
copy = run(["db", "copy", file, url])
print(f"| `db copy` of {n:,} stories into PostgreSQL | {copy:.1f} s | {n / copy:,.0f} stories/s | goal ≥ 1,000/s |")
print("|---|---|---|---|")
print()
print(f"| command ({n:,} stories) | team desk (ms) | file (ms) | ratio | goal |")
print("|---|---|---|---|---|")
for args in (["list", "--json"], ["search", "kyiv"], ["search", "zelensk*"], ["search", "sanctions outlet:TASS"]):
    server, local = [], []
    for _ in range(runs):
        server.append(run(["--db", commands_url, *args]))
        local.append(run(["--db", file, *args]))
    s, f = statistics.median(server) * 1000, statistics.median(local) * 1000
    print(f"| `{' '.join(args)}` | {s:.0f} | {f:.0f} | {s / f:.2f}x | ≤ 2x |")
PY
