//! The editor's per-keystroke and per-save costs at 30, 300 and 3,000 facts
//! (a third as many sources): the live analysis, and a save of a one-field
//! edit (the window's working copy saving the field typed into) against a
//! bare one-row UPDATE committed with the same pragmas (WAL, synchronous
//! FULL: each commit syncs the log), on the same disk, in the same run.
//! Beside them, what is paid once per pause (the story indexed again after
//! a typed save) and a whole-story save (scripts). `scripts/bench.sh`
//! prints the ratios.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use factdesk_core::model::SaveKind;
use factdesk_core::store::Store;
use factdesk_core::working::{FieldEdit, Working};
use factdesk_core::{analysis, sample};
use rusqlite::{params, Connection};
use std::hint::black_box;

const SIZES: [usize; 3] = [30, 300, 3000];

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

        let mut store = Store::open(&dir.path().join(format!("store-{facts}.sqlite3"))).expect("store");
        let stored = store.create_story(&story).expect("create");
        let middle = facts / 2;
        let key = format!("fact:{}", story.facts[middle].id.0);
        let typed = |n: u64| FieldEdit {
            key: key.clone(),
            value: format!("Fact {middle} as typed, keystroke {n}.").into(),
        };

        // The editor's save: the window's working copy saves the field typed into.
        let mut working = Working::new(stored.story.clone());
        let mut version = stored.version;
        let mut n = 0u64;
        group.bench_function(BenchmarkId::new("save_one_field", facts), |b| {
            b.iter(|| {
                n += 1;
                working.edit(&[typed(n)]).expect("edit");
                version = working
                    .save(&mut store, stored.id, version, SaveKind::Edit)
                    .expect("save")
                    .version;
            })
        });

        // What the editor's pause costs once: the story's search text made and
        // indexed again after a typed save.
        group.bench_function(BenchmarkId::new("index_after_pause", facts), |b| {
            b.iter(|| {
                n += 1;
                working.edit(&[typed(n)]).expect("edit");
                version = working
                    .save(&mut store, stored.id, version, SaveKind::Edit)
                    .expect("save")
                    .version;
                assert_eq!(store.index_pending().expect("index"), 1);
            })
        });

        // A script's save: the whole story handed over, compared with the stored one.
        let mut edited = working.story().clone();
        group.bench_function(BenchmarkId::new("save_whole_story", facts), |b| {
            b.iter(|| {
                n += 1;
                edited.facts[middle].text = format!("Fact {middle} as typed, keystroke {n}.");
                version = store
                    .save_story(stored.id, version, &edited)
                    .expect("save")
                    .version;
            })
        });

        let mut conn = Connection::open(dir.path().join(format!("bare-{facts}.sqlite3"))).expect("bare db");
        conn.pragma_update(None, "journal_mode", "WAL").expect("wal");
        conn.pragma_update(None, "foreign_keys", "ON").expect("fk");
        conn.execute_batch("CREATE TABLE facts (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
            .expect("table");
        conn.execute("INSERT INTO facts (id, text) VALUES (1, 'x')", [])
            .expect("insert");
        let mut m = 0u64;
        group.bench_function(BenchmarkId::new("bare_update", facts), |b| {
            b.iter(|| {
                m += 1;
                let tx = conn.transaction().expect("tx");
                tx.execute(
                    "UPDATE facts SET text = ?1 WHERE id = 1",
                    params![format!("Fact as typed, keystroke {m}.")],
                )
                .expect("update");
                tx.commit().expect("commit");
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
