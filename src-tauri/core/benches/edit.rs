//! The editor's per-keystroke and per-save costs at 30, 300 and 3,000 facts
//! (a third as many sources): the live analysis, what the window's sync after
//! a keystroke costs (the edit, the analysis and its patch), and a save of a one-field
//! edit (the window's working copy saving the field typed into) against a
//! bare one-row UPDATE committed with the same pragmas (WAL, synchronous
//! FULL: each commit syncs the log), its statement prepared once as the
//! store's are, on the same disk, in the same run.
//! Beside them, the same rows written by hand (what the schema asks for),
//! what is paid once per pause (the story indexed again after a typed save)
//! and a whole-story save (scripts). `scripts/bench.sh` prints the ratios.
//!
//! The typed save, the rows by hand and the bare UPDATE run in turn in one
//! loop, each measurement timing one of the three: a commit's sync on this
//! machine varies by a fifth from one second to the next, and measured one
//! after the other the three drifted apart by as much as they differ.

use criterion::{criterion_group, criterion_main, BenchmarkGroup, BenchmarkId, Criterion};
use factdesk_core::model::{SaveKind, Story, StoryId};
use factdesk_core::store::Store;
use factdesk_core::working::{FieldEdit, Working};
use factdesk_core::{analysis, sample};
use rusqlite::{params, Connection};
use std::hint::black_box;
use std::time::{Duration, Instant};

const SIZES: [usize; 3] = [30, 300, 3000];

type Group<'a> = BenchmarkGroup<'a, criterion::measurement::WallTime>;

fn bench(c: &mut Criterion) {
    // On the project's disk, not a RAM-backed /tmp: a commit's sync is part of a save.
    let dir = tempfile::TempDir::new_in(env!("CARGO_TARGET_TMPDIR")).expect("temp dir");
    let registry = sample::registry();

    let mut group = c.benchmark_group("edit");
    group.sample_size(30);
    for facts in SIZES {
        let story = sample::story(facts, facts / 3);
        group.bench_with_input(BenchmarkId::new("analyze", facts), &story, |b, s| {
            b.iter(|| black_box(analysis::analyze(black_box(s), &registry)))
        });

        // What the window's sync after a keystroke costs the core: the
        // field applied to the working copy, the story analysed, and the
        // patch from the analysis the window holds.
        let mut typing = Working::new(story.clone());
        let mut rev = typing.analysis(None, &registry).rev;
        let (key, mut n) = (format!("fact:{}", story.facts[facts / 2].id.0), 0u64);
        group.bench_function(BenchmarkId::new("keystroke_sync", facts), |b| {
            b.iter(|| {
                // A new text of the same length each time, as typing gives.
                n += 1;
                let edit = FieldEdit {
                    key: key.clone(),
                    value: format!("Fact as typed, keystroke {:08}.", n % 100_000_000).into(),
                };
                typing.edit(&[edit]).expect("a valid edit");
                let update = typing.analysis(Some(rev), &registry);
                assert!(update.full.is_none(), "a patch, not the whole analysis");
                rev = update.rev;
            })
        });

        let mut store = Store::open(&dir.path().join(format!("store-{facts}.sqlite3"))).expect("store");
        let stored = store.create_story(&story).expect("create");
        let mut editor = Typist {
            working: Working::new(stored.story.clone()),
            id: stored.id,
            version: stored.version,
            key: format!("fact:{}", story.facts[facts / 2].id.0),
            n: 0,
        };
        let mut by_hand = RowsByHand::new(&dir, &story, facts);
        let mut bare = BareUpdate::new(&dir, facts);
        paired(
            &mut group,
            facts,
            &mut store,
            &mut editor,
            &mut by_hand,
            &mut bare,
        );

        // What the editor's pause costs once: the story's search text made and
        // indexed again after a typed save.
        group.bench_function(BenchmarkId::new("index_after_pause", facts), |b| {
            b.iter(|| {
                editor.save(&mut store);
                assert_eq!(store.index_pending().expect("index"), 1);
            })
        });

        // A script's save: the whole story handed over, compared with the stored one.
        let mut edited = editor.working.story().clone();
        let middle = facts / 2;
        group.bench_function(BenchmarkId::new("save_whole_story", facts), |b| {
            b.iter(|| {
                editor.n += 1;
                edited.facts[middle].text = format!("Fact {middle} as typed, keystroke {}.", editor.n);
                editor.version = store
                    .save_story(stored.id, editor.version, &edited)
                    .expect("save")
                    .version;
            })
        });
    }
    group.finish();
}

/// The typed save, the rows by hand and the bare UPDATE in turn, timing
/// each in its own measurement.
fn paired(
    group: &mut Group<'_>,
    facts: usize,
    store: &mut Store,
    editor: &mut Typist,
    by_hand: &mut RowsByHand,
    bare: &mut BareUpdate,
) {
    for (name, timed) in [("save_one_field", 0), ("rows_by_hand", 1), ("bare_update", 2)] {
        group.bench_function(BenchmarkId::new(name, facts), |b| {
            b.iter_custom(|iters| {
                let mut spent = Duration::ZERO;
                for _ in 0..iters {
                    for which in 0..3 {
                        let start = Instant::now();
                        match which {
                            0 => editor.save(store),
                            1 => by_hand.write(),
                            _ => bare.write(),
                        }
                        if which == timed {
                            spent += start.elapsed();
                        }
                    }
                }
                spent
            })
        });
    }
}

/// The window's working copy typing into the middle fact and saving it.
struct Typist {
    working: Working,
    id: StoryId,
    version: i64,
    key: String,
    n: u64,
}

impl Typist {
    fn save(&mut self, store: &mut Store) {
        self.n += 1;
        let edit = FieldEdit {
            key: self.key.clone(),
            value: format!("Fact as typed, keystroke {}.", self.n).into(),
        };
        self.working.edit(&[edit]).expect("edit");
        self.version =
            factdesk_core::desk::save_copy(store, &mut self.working, self.id, self.version, SaveKind::Typing)
                .expect("save")
                .version;
    }
}

/// The rows a typed save cannot avoid writing, written by hand on a store
/// file holding the same story: the story's row read, the fact's row, the
/// story's row (version, time, who), the revision (a short patch) and the
/// index's pending mark, in one transaction. The typed save against this is
/// what the store adds; this against the bare UPDATE is what the schema
/// asks for.
struct RowsByHand {
    conn: Connection,
    id: StoryId,
    fact: String,
    k: i64,
}

impl RowsByHand {
    fn new(dir: &tempfile::TempDir, story: &Story, facts: usize) -> RowsByHand {
        let path = dir.path().join(format!("by-hand-{facts}.sqlite3"));
        let id = Store::open(&path)
            .expect("store")
            .create_story(story)
            .expect("create")
            .id;
        let conn = Connection::open(&path).expect("by-hand db");
        conn.pragma_update(None, "journal_mode", "WAL").expect("wal");
        conn.pragma_update(None, "foreign_keys", "ON").expect("fk");
        let fact = story.facts[facts / 2].id.0.to_string();
        RowsByHand { conn, id, fact, k: 0 }
    }

    fn write(&mut self) {
        self.k += 1;
        let (id, k) = (self.id, self.k);
        let tx = self.conn.transaction().expect("tx");
        let version: i64 = tx
            .prepare_cached("SELECT version FROM stories WHERE id = ?1")
            .and_then(|mut q| q.query_row([id], |r| r.get(0)))
            .expect("row");
        tx.prepare_cached("UPDATE facts SET text = ?3 WHERE story_id = ?1 AND id = ?2")
            .and_then(|mut q| q.execute(params![id, self.fact, format!("Fact as typed, keystroke {k}.")]))
            .expect("fact");
        tx.prepare_cached(
            "UPDATE stories SET version = ?2, updated_at = ?3, saved_by = 'ed', saved_kind = 'edit',
                    edited_by = 'ed' WHERE id = ?1",
        )
        .and_then(|mut q| q.execute(params![id, version + 1, format!("2026-12-03T10:00:00.{k:09}Z")]))
        .expect("story");
        tx.prepare_cached(
            "INSERT INTO story_revisions (story_id, version, saved_at, document, edition, editor, kind, encoding)
             VALUES (?1, ?2, '2026-12-03T10:00:00Z', ?3, 1, 'ed', 'edit', 'patch')",
        )
        .and_then(|mut q| q.execute(params![id, version, format!(r#"[{{"op":"replace","path":"/facts/1/text","value":"{k}"}}]"#)]))
        .expect("revision");
        tx.prepare_cached("INSERT INTO search_pending (story_id) VALUES (?1) ON CONFLICT DO NOTHING")
            .and_then(|mut q| q.execute([id]))
            .expect("pending");
        tx.commit().expect("commit");
    }
}

/// One row of a one-table database updated and committed.
struct BareUpdate {
    conn: Connection,
    m: u64,
}

impl BareUpdate {
    fn new(dir: &tempfile::TempDir, facts: usize) -> BareUpdate {
        let conn = Connection::open(dir.path().join(format!("bare-{facts}.sqlite3"))).expect("bare db");
        conn.pragma_update(None, "journal_mode", "WAL").expect("wal");
        conn.pragma_update(None, "foreign_keys", "ON").expect("fk");
        conn.execute_batch("CREATE TABLE facts (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
            .expect("table");
        conn.execute("INSERT INTO facts (id, text) VALUES (1, 'x')", [])
            .expect("insert");
        BareUpdate { conn, m: 0 }
    }

    fn write(&mut self) {
        self.m += 1;
        let tx = self.conn.transaction().expect("tx");
        tx.prepare_cached("UPDATE facts SET text = ?1 WHERE id = 1")
            .and_then(|mut q| q.execute(params![format!("Fact as typed, keystroke {}.", self.m)]))
            .expect("update");
        tx.commit().expect("commit");
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
