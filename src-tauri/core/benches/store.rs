//! Saving and loading a 30-fact, 10-source story through the store, against
//! a bare rusqlite write/read of the same story's serialized bytes (one
//! row, one column) with the same pragmas, in the same run. The ratio of the
//! two is what `docs/PERFORMANCE.md` reports.

use criterion::{criterion_group, criterion_main, Criterion};
use factdesk_core::formats::json as native;
use factdesk_core::sample;
use factdesk_core::store::Store;
use rusqlite::{params, Connection};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let dir = tempfile::TempDir::new().expect("temp dir");
    let story = sample::story(30, 10);
    let bytes = native::export(&story);

    let mut store = Store::open(&dir.path().join("store.sqlite3")).expect("store");
    let stored = store.create_story(&story).expect("create");
    let mut version = stored.version;

    let mut group = c.benchmark_group("story_30x10");
    group.bench_function("store_save", |b| {
        b.iter(|| {
            version = store
                .save_story(stored.id, version, black_box(&story))
                .expect("save")
                .version;
        })
    });
    group.bench_function("store_load", |b| {
        b.iter(|| black_box(store.load_story(stored.id).expect("load")))
    });

    let mut conn = Connection::open(dir.path().join("bare.sqlite3")).expect("bare db");
    conn.pragma_update(None, "journal_mode", "WAL").expect("wal");
    conn.pragma_update(None, "foreign_keys", "ON").expect("fk");
    conn.execute_batch("CREATE TABLE blobs (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
        .expect("table");
    conn.execute("INSERT INTO blobs (id, body) VALUES (1, ?1)", [&bytes])
        .expect("insert");
    group.bench_function("bare_write", |b| {
        b.iter(|| {
            let tx = conn.transaction().expect("tx");
            tx.execute(
                "UPDATE blobs SET body = ?1 WHERE id = 1",
                params![black_box(&bytes)],
            )
            .expect("update");
            tx.commit().expect("commit");
        })
    });
    group.bench_function("bare_read", |b| {
        b.iter(|| {
            let body: String = conn
                .query_row("SELECT body FROM blobs WHERE id = 1", [], |r| r.get(0))
                .expect("select");
            black_box(body)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
