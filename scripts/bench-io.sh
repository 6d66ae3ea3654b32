#!/usr/bin/env bash
# Import and export against the sqlite3 shell, as whole processes (issue 30's
# "import 1,000 canonical files ≤ 1.5× one sqlite3 process inserting the
# same rows" and "export 10,000 stories as JSON ≤ 1.2× sqlite3 writing each
# story's JSON"). A desk of FACTDESK_IO_STORIES (default 10,000) generated
# stories; each side runs FACTDESK_IO_RUNS (default 7) times, alternating,
# and the medians and their ratio are printed as a Markdown table.
#
# - export: `factdesk export --all --format json` against one sqlite3
#   process writing the same documents (json_object over the same rows,
#   writefile() per story); the two folders are checked to hold the same
#   JSON before anything is timed.
# - import: `factdesk import` of the first 1,000 stories as canonical (itn)
#   files into an empty desk, against one sqlite3 process inserting the rows
#   that import stored (every record table, in one transaction) into the
#   same empty desk. The baseline does less: it parses no story file and
#   writes no search index.
# Not part of the test command.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${FACTDESK_IO_STORIES:-10000}
cargo build --release --locked --quiet -p factdesk-cli
cargo build --release --locked --quiet -p factdesk-core --example generate
# In memory where there is a tmpfs: writing and deleting 10,000 files on the
# disk each run made either side's time vary threefold with the kernel's
# writeback (system time 0.4-5.9 s for the same export).
if [ -d /dev/shm ] && [ -w /dev/shm ]; then work=$(mktemp -d -p /dev/shm); else work=$(mktemp -d); fi
trap 'rm -rf "$work"' EXIT
bin="$PWD/target/release/factdesk"
target/release/examples/generate "$work/desk.sqlite3" "$n" 2>/dev/null

# One story's export as the json format writes it (times stored to the
# nanosecond, written to the millisecond, without a fraction of .000).
cat > "$work/export.sql" <<'SQL'
SELECT writefile('sqlite3-out/' || s.id || '.json', json_object('format', 'factdesk/1', 'story', json_object(
  'uid', s.uid, 'headline', s.headline, 'summary', s.summary, 'image_credit', s.image_credit,
  'status', s.status,
  'created_at', CASE WHEN substr(s.created_at, 21, 3) = '000' THEN substr(s.created_at, 1, 19) || 'Z'
    ELSE substr(s.created_at, 1, 23) || 'Z' END,
  'updated_at', CASE WHEN substr(s.updated_at, 21, 3) = '000' THEN substr(s.updated_at, 1, 19) || 'Z'
    ELSE substr(s.updated_at, 1, 23) || 'Z' END,
  'published_at', CASE WHEN substr(s.published_at, 21, 3) = '000' THEN substr(s.published_at, 1, 19) || 'Z'
    ELSE substr(s.published_at, 1, 23) || 'Z' END,
  'facts', json((SELECT json_group_array(json_object('id', f.id, 'text', f.text, 'citations',
      json((SELECT json_group_array(c.source_id) FROM (SELECT source_id FROM citations c
            WHERE c.story_id = f.story_id AND c.fact_id = f.id ORDER BY c.position) c))))
    FROM (SELECT story_id, id, text FROM facts WHERE story_id = s.id ORDER BY position) f)),
  'sources', json((SELECT json_group_array(json_object('id', x.id, 'outlet', x.outlet, 'url', x.url,
      'title', x.title, 'published_on', x.published_on, 'saved_text', x.saved_text))
    FROM (SELECT * FROM sources WHERE story_id = s.id ORDER BY position) x)),
  'narratives', json((SELECT json_group_array(json_object('id', v.id, 'stance', v.stance,
      'outlet', v.outlet, 'text', v.text))
    FROM (SELECT * FROM narratives WHERE story_id = s.id ORDER BY position) v)),
  'predictions', json((SELECT json_group_array(json_object('id', p.id, 'statement', p.statement,
      'probability', p.probability, 'forecaster', p.forecaster))
    FROM (SELECT * FROM predictions WHERE story_id = s.id ORDER BY position) p))
))) FROM stories s WHERE s.trashed_at IS NULL;
SQL

# The import's files, an empty desk, and the rows an import of them stores.
cd "$work"
mkdir itn
"$bin" --db desk.sqlite3 export --format itn -o itn $(seq 1 1000) > /dev/null
"$bin" --db empty.sqlite3 migrate > /dev/null
cp empty.sqlite3 imported.sqlite3
"$bin" --db imported.sqlite3 import itn/* > /dev/null
{
  echo "BEGIN;"
  for t in stories sources facts citations narratives predictions editions story_revisions \
    transitions coverage_stories coverage_parts coverage_days; do
    sqlite3 -cmd ".mode insert $t" imported.sqlite3 "SELECT * FROM $t"
  done
  echo "COMMIT;"
} > rows.sql

python3 - "$bin" "$n" "${FACTDESK_IO_RUNS:-7}" <<'PY'
import glob, json, os, shutil, statistics, subprocess, sys, time
bin, n, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])

def run(args, stdin=None):
    t = time.perf_counter()
    subprocess.run(args, check=True, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t

def fresh(folder):
    shutil.rmtree(folder, ignore_errors=True)
    os.mkdir(folder)

def export_ours():
    fresh("factdesk-out")
    return run([bin, "--db", "desk.sqlite3", "export", "--all", "--format", "json", "-o", "factdesk-out"])

def export_sqlite3():
    fresh("sqlite3-out")
    with open("export.sql") as sql:
        return run(["sqlite3", "desk.sqlite3"], stdin=sql)

def import_ours():
    for f in glob.glob("target.sqlite3*"):
        os.remove(f)
    shutil.copy("empty.sqlite3", "target.sqlite3")
    return run([bin, "--db", "target.sqlite3", "import", *sorted(glob.glob("itn/*"))])

def import_sqlite3():
    for f in glob.glob("target.sqlite3*"):
        os.remove(f)
    shutil.copy("empty.sqlite3", "target.sqlite3")
    with open("rows.sql") as sql:
        return run(["sqlite3", "target.sqlite3"], stdin=sql)

def stories(folder):
    out = {}
    for f in glob.glob(folder + "/*.json"):
        doc = json.load(open(f))
        out[doc["story"]["uid"]] = doc
    return out

export_ours(), export_sqlite3()
ours, theirs = stories("factdesk-out"), stories("sqlite3-out")
if ours != theirs:
    for uid in ours:
        if ours[uid] != theirs.get(uid):
            a, b = ours[uid]["story"], (theirs.get(uid) or {}).get("story", {})
            print({k: (a.get(k), b.get(k)) for k in set(a) | set(b) if a.get(k) != b.get(k)}, file=sys.stderr)
            break
    sys.exit(f"bench-io: the sqlite3 export differs from factdesk's ({len(ours)} vs {len(theirs)} stories)")

print(f"| {n:,} stories, whole processes | factdesk (ms) | sqlite3 (ms) | ratio | goal |")
print("|---|---|---|---|---|")
for label, ours, theirs, goal in (
    (f"export {n:,} stories as JSON", export_ours, export_sqlite3, "≤ 1.2x"),
    ("import 1,000 canonical files", import_ours, import_sqlite3, "≤ 1.5x"),
):
    a, b = [], []
    for _ in range(runs):
        a.append(ours())
        b.append(theirs())
    x, y = statistics.median(a) * 1000, statistics.median(b) * 1000
    print(f"| {label} | {x:.0f} | {y:.0f} | {x / y:.2f}x | {goal} |")
PY
