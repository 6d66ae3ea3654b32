#!/usr/bin/env bash
# Crash-safety, concurrency and fault figures for docs/RELIABILITY.md, on
# real files with the release `factdesk` CLI:
#   ./scripts/reliability.sh [KILLS] [STORIES]
# KILLS (default 400) imports killed with SIGKILL at random moments;
# STORIES (default 100000) stories in the database whose integrity check is
# timed. Each part prints a line of its own; the script exits non-zero if any
# part loses or damages data. Parts: kills, parallel writers, a reader during
# a write, the window beside command-line writers (and the distribution's
# sqlite3 shell), a read-only file, a full disk (writes and reads), damage
# (with the modification time put back too), exports onto the database,
# the trash, revision storage, and the integrity check's cost. The read-only and full-disk parts mount a
# read-only bind and a small tmpfs when run as root, and otherwise use
# chmod and `ulimit -f`.
set -uo pipefail
cd "$(dirname "$0")/.."
kills="${1:-400}"
stories="${2:-100000}"
cargo build --release --quiet -p factdesk-cli || exit 2
cargo build --release --quiet -p factdesk-core --example generate --example window || exit 2
fd="$PWD/target/release/factdesk"
gen="$PWD/target/release/examples/generate"
win="$PWD/target/release/examples/window"
seed="$PWD/src-tauri/core/tests/fixtures/published-story.txt"
article="$PWD/src-tauri/core/tests/fixtures/source-article.txt"
work=$(mktemp -d)
export FACTDESK_CACHE_DIR="$work/cache"
mounts=()
cleanup() {
  for m in "${mounts[@]}"; do umount "$m" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
failed=0
fail() { echo "FAILED: $*"; failed=1; }
healthy() { "$fd" --db "$1" doctor >/dev/null; }
count() { "$fd" --db "$1" list --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }
root=0; [ "$(id -u)" -eq 0 ] && root=1

echo "## kill -9 during imports ($kills kills)"
db="$work/kill.sqlite3"
"$fd" --db "$db" import "$seed" >/dev/null
printed=1
for i in $(seq "$kills"); do
  out="$work/out.$i"
  "$fd" --db "$db" import "$seed" >"$out" 2>/dev/null &
  pid=$!
  sleep "$(printf '0.%03d' $((RANDOM % 15)))"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [ -s "$out" ] && printed=$((printed + 1))
  rm -f "$out"
done
n=$(count "$db")
healthy "$db" || fail "the database is damaged after the kills"
[ "$n" -ge "$printed" ] || fail "$printed imports reported success but only $n stories are stored"
[ "$n" -le $((kills + 1)) ] || fail "more stories than imports"
echo "kills: $kills; imports reported done: $printed; stories stored: $n; doctor: $(healthy "$db" && echo healthy || echo DAMAGED)"

echo "## parallel writers (4 processes x 50 source attaches on one story)"
db="$work/parallel.sqlite3"
"$fd" --db "$db" import "$seed" >/dev/null
# Every attach brings different text, so every one is a real change.
for w in 1 2 3 4; do
  (for i in $(seq 50); do
     a="$work/article-$w-$i.txt"
     printf 'Article %s, take %s\n\n' "$w" "$i" >"$a"; cat "$article" >>"$a"
     "$fd" --db "$db" source attach 1 "$w" "$a" || echo "fail" >>"$work/fails"
   done) >/dev/null 2>>"$work/errors" &
done
wait
fails=$( [ -f "$work/fails" ] && wc -l <"$work/fails" || echo 0)
[ "$fails" -eq 0 ] || fail "$fails attaches failed: $(head -3 "$work/errors")"
version=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT version FROM stories WHERE id = 1").fetchone()[0])' "$db")
[ "$version" -eq 201 ] || fail "200 attaches should make version 201, not $version"
echo "attaches: 200; failed: $fails; story version after: $version (every attach saved once); doctor: $(healthy "$db" && echo healthy || echo DAMAGED)"

echo "## a reader while a writer holds the lock"
db="$work/reader.sqlite3"
"$fd" --db "$db" import "$seed" >/dev/null
python3 - "$db" "$fd" <<'PY'
import sqlite3, subprocess, sys
db, fd = sys.argv[1], sys.argv[2]
c = sqlite3.connect(db, isolation_level=None, timeout=1)
c.execute("BEGIN EXCLUSIVE")
c.execute("UPDATE stories SET headline = 'uncommitted' WHERE id = 1")
r = subprocess.run([fd, "--db", db, "list"], capture_output=True, text=True, timeout=30)
ok = r.returncode == 0 and "uncommitted" not in r.stdout
print(f"list during an exclusive write transaction: exit {r.returncode}, {'committed state shown' if ok else r.stderr.strip()}")
c.execute("ROLLBACK")
sys.exit(0 if ok else 1)
PY
[ $? -eq 0 ] || fail "a reader was blocked or saw uncommitted data"

echo "## the window beside command-line writers (200 rounds)"
db="$work/beside.sqlite3"
"$fd" --db "$db" import "$seed" >/dev/null
coproc WIN { exec "$win" "$db" 1; }
winpid=$WIN_PID
unseen=0; cli_saves=0
for i in $(seq 200); do
  echo "round $i" >&"${WIN[1]}"
  read -r reply <&"${WIN[0]}"
  case "$reply" in saved*) ;; *) fail "the window's save $i: $reply"; break ;; esac
  printf 'name,aliases,domains,lr,cp,notes\nOutlet %s,,,3,3,\n' "$i" >"$work/outlets.csv"
  "$fd" --db "$db" outlets import "$work/outlets.csv" >/dev/null && cli_saves=$((cli_saves + 1))
  if [ $((i % 20)) -eq 0 ]; then "$fd" --db "$db" import "$seed" >/dev/null && cli_saves=$((cli_saves + 1)); fi
  # Someone looks at the file with the distribution's sqlite3 shell.
  sqlite3 "$db" "SELECT count(*) FROM stories" >/dev/null
  "$fd" --db "$db" export 1 --format json | grep -q "\"round $i\"" || unseen=$((unseen + 1))
done
locks=$(python3 - "$db" "$winpid" <<'PY'
import os, sys
st = os.stat(sys.argv[1])
key = "%02x:%02x:%d" % (os.major(st.st_dev), os.minor(st.st_dev), st.st_ino)
print(sum(1 for l in open("/proc/locks") if l.split()[4:6] == [sys.argv[2], key]))
PY
)
exec {WIN[1]}>&-
read -r closed <&"${WIN[0]}"
wait "$winpid" 2>/dev/null
outlets=$("$fd" --db "$db" outlets list | grep -c "Outlet ")
stored=$(count "$db")
summary=$("$fd" --db "$db" export 1 --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["story"]["summary"])')
[ "$unseen" -eq 0 ] || fail "$unseen of the window's saves were not in the file for another process"
[ "$outlets" -eq 200 ] || fail "$outlets of 200 outlets imported beside the window are stored"
[ "$stored" -eq 11 ] || fail "$stored stories stored, not 11"
[ "$summary" = "round 200" ] || fail "the window's last save is not in the file after it closed: $summary"
[ "$locks" -ge 1 ] || fail "the window held no lock on its database file"
echo "window saves: 200 (seen by another process at once: $((200 - unseen))); command-line saves: $cli_saves; after the window closed: its last save there: $([ "$summary" = "round 200" ] && echo yes || echo NO), outlets $outlets of 200, stories $stored of 11; the window's locks on the file while idle: $locks; doctor: $(healthy "$db" && echo healthy || echo DAMAGED)"

echo "## a read-only file"
ro="$work/ro"; mkdir -p "$ro/dir"
db="$ro/dir/desk.sqlite3"
"$fd" --db "$db" import "$seed" >/dev/null
before=$(sha256sum "$db" | cut -d' ' -f1)
if [ "$root" -eq 1 ]; then
  mount --bind "$ro/dir" "$ro/dir" && mount -o remount,bind,ro "$ro/dir" && mounts+=("$ro/dir")
  as=()
else
  chmod 555 "$ro/dir"; chmod 444 "$db"
  as=()
fi
# Root may write through permissions, never through a read-only mount.
"${as[@]}" "$fd" --db "$db" list >/dev/null || fail "list on a read-only file"
"${as[@]}" "$fd" --db "$db" check 1 >/dev/null
[ $? -le 1 ] || fail "check on a read-only file"
"${as[@]}" "$fd" --db "$db" export 1 --format html >/dev/null || fail "export of a read-only file"
msg=$("${as[@]}" "$fd" --db "$db" import "$seed" 2>&1 >/dev/null) && fail "an import into a read-only file succeeded"
after=$(sha256sum "$db" | cut -d' ' -f1)
[ "$before" = "$after" ] || fail "a read-only file changed"
echo "list, check, export: ok; import refused: ${msg#factdesk: }; file unchanged: $([ "$before" = "$after" ] && echo yes || echo NO)"
if [ "$root" -eq 1 ]; then umount "$ro/dir"; mounts=(); else chmod 755 "$ro/dir"; chmod 644 "$db"; fi

echo "## a full disk"
full="$work/full"; mkdir -p "$full"
if [ "$root" -eq 1 ]; then mount -t tmpfs -o size=1m tmpfs "$full" && mounts+=("$full"); fi
db="$full/desk.sqlite3"
ok=0; err=""
for i in $(seq 2000); do
  if [ "$root" -eq 1 ]; then
    if out=$("$fd" --db "$db" import "$seed" 2>&1); then ok=$((ok + 1)); else err="$out"; break; fi
  else
    if out=$(bash -c "ulimit -f 1024; exec \"$fd\" --db \"$db\" import \"$seed\"" 2>&1); then ok=$((ok + 1)); else err="$out"; break; fi
  fi
done
[ -n "$err" ] || fail "the disk never filled"
n=$(count "$db")
[ "$n" -eq "$ok" ] || fail "$ok imports succeeded before the disk filled but $n stories are stored"
healthy "$db" || fail "the database is damaged after the disk filled"
echo "imports before the disk was full: $ok; stories stored: $n; the failing import said: ${err#factdesk: }; doctor: $(healthy "$db" && echo healthy || echo DAMAGED)"
# Reads of a database nobody has open (no log, no index beside it) on a
# disk with no room left, in a mount namespace of its own (root there).
clean="$work/clean.sqlite3"
"$fd" --db "$clean" import "$seed" >/dev/null
mkdir -p "$work/fullread"
reads=$(unshare --map-root-user --mount sh -c '
  mount -t tmpfs -o size=2m tmpfs "$1" && cp "$2" "$1/desk.sqlite3"
  dd if=/dev/zero of="$1/filler" bs=4k 2>/dev/null || true
  ok=ok
  "$3" --db "$1/desk.sqlite3" list >/dev/null || ok="list failed"
  "$3" --db "$1/desk.sqlite3" export 1 --format json >/dev/null || ok="export failed"
  "$3" --db "$1/desk.sqlite3" search Korea >/dev/null || ok="search failed"
  echo "$ok $(ls "$1" | grep -c -- "-wal$\|-shm$")"' sh "$work/fullread" "$clean" "$fd" 2>&1)
set -- $reads
[ "${1:-}" = ok ] || fail "reading a full disk: $reads"
[ "${2:-1}" -eq 0 ] || fail "reads on a full disk left ${2:-?} log or index files behind"
echo "reads on a full disk (list, export, search): ${1:-?}; log or index files left behind: ${2:-?}"
if [ "$root" -eq 1 ]; then umount "$full"; mounts=(); fi

echo "## a damaged file"
db="$work/damaged.sqlite3"
for i in $(seq 60); do "$fd" --db "$db" import "$seed" >/dev/null; done
backup=$("$fd" --db "$db" backup)
python3 - "$db" <<'PY'
import os, sys, time
p = sys.argv[1]
n = os.path.getsize(p)
with open(p, "r+b") as f:
    f.seek((n // 2) & ~4095)
    f.write(b"\x5a" * 4096)
t = time.time() + 1
os.utime(p, (t, t))
PY
before=$(sha256sum "$db" | cut -d' ' -f1)
msg=$("$fd" --db "$db" import "$seed" 2>&1 >/dev/null) && fail "an import into a damaged file succeeded"
[ "$(sha256sum "$db" | cut -d' ' -f1)" = "$before" ] || fail "the damaged file was written"
case "$msg" in *"$backup"*) ;; *) fail "the refusal does not name the backup: $msg" ;; esac
"$fd" --db "$db" doctor >/dev/null && fail "doctor found nothing wrong"
"$fd" --db "$db" restore-backup "$backup" >/dev/null 2>&1 || fail "restoring the backup"
healthy "$db" || fail "still damaged after restoring"
echo "import refused, naming the backup: yes; doctor: problems found; after restore-backup: $(healthy "$db" && echo healthy || echo DAMAGED), $(count "$db") stories"

echo "## damage with the modification time put back"
db="$work/sly.sqlite3"
for i in $(seq 60); do "$fd" --db "$db" import "$seed" >/dev/null; done
"$fd" --db "$db" import "$seed" >/dev/null  # the last write remembers the file as clean
python3 - "$db" <<'PY'
import os, sys
p = sys.argv[1]
st = os.stat(p)
with open(p, "r+b") as f:
    f.seek((st.st_size // 2) & ~4095)
    f.write(b"\x5a" * 4096)
os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))
PY
before=$(sha256sum "$db" | cut -d' ' -f1)
accepted=0
for i in 1 2; do "$fd" --db "$db" import "$seed" >/dev/null 2>&1 && accepted=$((accepted + 1)); done
[ "$accepted" -eq 0 ] || fail "$accepted writes were accepted into a file damaged with its modification time put back"
[ "$(sha256sum "$db" | cut -d' ' -f1)" = "$before" ] || fail "the damaged file was written"
echo "writes accepted into the damaged file: $accepted of 2 (the status-change time gave it away); file unchanged: yes"

echo "## exports onto the database"
db="$work/target.sqlite3"
"$fd" --db "$db" import "$seed" >/dev/null
before=$(sha256sum "$db" | cut -d' ' -f1)
refused=0
for args in "export 1 --format json -o $db" "export 1 --format json -o $db-wal" "outlets export -o $db" "backup -o $db"; do
  # shellcheck disable=SC2086
  "$fd" --db "$db" $args >/dev/null 2>"$work/why" || refused=$((refused + 1))
done
[ "$refused" -eq 4 ] || fail "only $refused of 4 writes onto the database were refused"
[ "$(sha256sum "$db" | cut -d' ' -f1)" = "$before" ] || fail "a write onto the database changed it"
echo "writes onto the database, its log, and by backup: refused $refused of 4 ($(sed 's/^factdesk: //' "$work/why")); database unchanged: yes; doctor: $(healthy "$db" && echo healthy || echo DAMAGED)"

echo "## the trash"
db="$work/trash.sqlite3"
"$fd" --db "$db" import "$seed" >/dev/null
"$fd" --db "$db" delete 1 >/dev/null || fail "deleting a draft"
n_list=$(count "$db")
n_trash=$("$fd" --db "$db" trash --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
"$fd" --db "$db" trash restore 1 >/dev/null || fail "restoring from the trash"
same=$("$fd" --db "$db" history 1 --json | python3 -c 'import json,sys; h=json.load(sys.stdin); print(len(h["versions"]))')
[ "$n_list" -eq 0 ] && [ "$n_trash" -eq 1 ] || fail "a deleted draft is listed ($n_list) or not in the trash ($n_trash)"
echo "a deleted draft: out of the list: yes; in the trash: yes; restored with id 1 and its $same version(s): yes"

echo "## revision storage (1,000 saves each changing one source's text)"
db="$work/revisions.sqlite3"
"$fd" --db "$db" import "$seed" >/dev/null
size() { python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("PRAGMA wal_checkpoint(TRUNCATE)"); print(c.execute("PRAGMA page_count").fetchone()[0]*c.execute("PRAGMA page_size").fetchone()[0])' "$1"; }
before=$(size "$db")
for i in $(seq 1000); do
  a="$work/take.txt"
  { printf 'Take %s.\n\n' "$i"; cat "$article"; } >"$a"
  "$fd" --db "$db" source attach 1 $(( (i % 3) + 1 )) "$a" >/dev/null || { fail "attach $i"; break; }
done
after=$(size "$db")
grown=$((after - before))
[ "$grown" -lt 2000000 ] || fail "1,000 saves grew the file by $grown bytes"
echo "1,000 saves grew the file by $grown bytes ($((grown / 1000)) bytes a save; goal under 2 MB); doctor: $(healthy "$db" && echo healthy || echo DAMAGED)"

echo "## integrity check before writes ($stories stories)"
db="$work/big.sqlite3"
"$gen" "$db" "$stories" 2>/dev/null
size=$(du -m "$db" | cut -f1)
python3 - "$db" "$fd" "$seed" <<'PY'
import sqlite3, subprocess, sys, time, os, shutil
db, fd, seed = sys.argv[1:4]
def timed(f, n=3):
    best = None
    for _ in range(n):
        t = time.perf_counter(); f(); d = time.perf_counter() - t
        best = d if best is None else min(best, d)
    return best
c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
qc = timed(lambda: c.execute("PRAGMA quick_check").fetchall())
c.close()
cache = os.environ["FACTDESK_CACHE_DIR"]
def imp():
    subprocess.run([fd, "--db", db, "import", seed], check=True, capture_output=True)
imp()  # the first write checks and remembers the file
cached = timed(imp)
def imp_unremembered():
    shutil.rmtree(cache, ignore_errors=True)
    imp()
checked = timed(imp_unremembered)
lst = timed(lambda: subprocess.run([fd, "--db", db, "list"], check=True, capture_output=True))
print(f"quick_check alone: {qc*1000:.0f} ms; an import with the last clean check remembered: {cached*1000:.0f} ms; "
      f"forced to check: {checked*1000:.0f} ms ({checked/cached:.1f}x); list: {lst*1000:.0f} ms")
PY
echo "database size: ${size} MB"

exit "$failed"
