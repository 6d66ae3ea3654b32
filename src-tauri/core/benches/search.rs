//! Search, the paged list, saves with the index, index size, coverage,
//! outlet suggestions and batch-export planning at desk scale, each against
//! a baseline measured in the same run.
//!
//! Run by `./scripts/bench.sh` (or `cargo bench -p factdesk-core --bench
//! search`). The 100,000-story desk is generated once into
//! `target/bench-data/` (about 2 GB, 30 s) and reused; `FACTDESK_BENCH_STORIES`
//! makes it smaller. Prints a Markdown table for docs/PERFORMANCE.md.

mod desk;

use desk::{data_dir, desk, ms, percentile, time};
use factdesk_core::sample;
use factdesk_core::store::search::ListRequest;
use factdesk_core::store::Store;
use rusqlite::Connection;
use std::path::Path;
use std::time::Duration;

fn bench_search(store: &mut Store, conn: &Connection) -> (Duration, Duration, Duration, Duration) {
    let mut ours = Vec::new();
    let mut bare = Vec::new();
    let mut slowest: Vec<(Duration, String)> = Vec::new();
    for q in sample::bench_queries() {
        let expr = factdesk_core::search::parse(&q).expect("query").text;
        for _ in 0..3 {
            // A search stopped at its time budget is counted at the time it took.
            let (d, hits) = time(|| store.search(&q, 20));
            if let Err(e) = &hits {
                eprintln!("stopped: {q}: {e}");
            }
            std::hint::black_box(hits.ok());
            ours.push(d);
            slowest.push((d, q.clone()));
            if let Some(expr) = &expr {
                let (d, n) = time(|| {
                    let mut stmt = conn
                        .prepare_cached("SELECT rowid FROM story_search WHERE story_search MATCH ?1 ORDER BY rank LIMIT 20")
                        .expect("bare query");
                    let rows: Vec<i64> = stmt
                        .query_map([expr], |r| r.get(0))
                        .expect("rows")
                        .collect::<Result<_, _>>()
                        .expect("ids");
                    rows.len()
                });
                std::hint::black_box(n);
                bare.push(d);
            }
        }
    }
    ours.sort();
    bare.sort();
    slowest.sort();
    for (d, q) in slowest.iter().rev().take(8) {
        eprintln!("slow query: {:.1} ms  {q}", ms(*d));
    }
    (
        percentile(&ours, 0.5),
        percentile(&ours, 0.95),
        percentile(&bare, 0.5),
        percentile(&bare, 0.95),
    )
}

fn first_page(store: &Store) -> Duration {
    // The rows a window shows at first; a 10-story desk fills them too.
    let req = ListRequest {
        limit: 10,
        ..Default::default()
    };
    let mut runs: Vec<Duration> = (0..15)
        .map(|_| time(|| store.list_page(&req).expect("page")).0)
        .collect();
    runs.sort();
    percentile(&runs, 0.5)
}

/// A save that changes one fact, and the index write alone on the same story.
fn saves(dir: &Path) -> (Duration, Duration) {
    let path = dir.join("saves.sqlite3");
    let _ = std::fs::remove_file(&path);
    let mut store = Store::open(&path).expect("store");
    let created = store.create_story(&sample::story(30, 10)).expect("story");
    let (id, mut version, mut story) = (created.id, created.version, created.story);
    let mut with_index = Vec::new();
    for i in 0..200 {
        story.facts[i % 30].text = format!("Edited fact {i}, which now says something else.");
        let (d, saved) = time(|| store.save_story(id, version, &story).expect("save"));
        version = saved.version;
        with_index.push(d);
    }
    drop(store);
    // The index write alone, many in one transaction so no commit is counted
    // (the save above pays for one commit, which it needs with or without).
    let mut conn = Connection::open(&path).expect("conn");
    let doc = factdesk_core::search::document(&story);
    let tx = conn.transaction().expect("tx");
    let (total, ()) = time(|| {
        for _ in 0..200 {
            tx.execute("DELETE FROM story_search WHERE rowid = ?1", [id])
                .expect("delete");
            tx.execute(
                "INSERT INTO story_search (rowid, headline, summary, facts, narratives, predictions, sources, articles)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                rusqlite::params![id, doc[0], doc[1], doc[2], doc[3], doc[4], doc[5], doc[6]],
            )
            .expect("insert");
        }
    });
    tx.rollback().expect("rollback");
    let index_only = total / 200;
    with_index.sort();
    (percentile(&with_index, 0.5), index_only)
}

/// Bytes per story with the index, and without it (a copy with it dropped).
fn sizes(path: &Path, stories: usize) -> (f64, f64) {
    let with = std::fs::metadata(path).expect("size").len() as f64;
    let copy = data_dir().join("no-index.sqlite3");
    let _ = std::fs::remove_file(&copy);
    let conn = Connection::open(path).expect("conn");
    conn.execute("VACUUM INTO ?1", [copy.to_str().expect("utf-8 path")])
        .expect("copy");
    let c = Connection::open(&copy).expect("copy conn");
    c.execute_batch("DROP TABLE story_search; VACUUM;")
        .expect("drop index");
    let without = std::fs::metadata(&copy).expect("size").len() as f64;
    let _ = std::fs::remove_file(&copy);
    (with / stories as f64, without / stories as f64)
}

/// Coverage over a month of 3,000 stories, and a bare scan of their sources.
fn coverage() -> (Duration, Duration) {
    let path = desk(3000);
    let store = Store::open_read(&path).expect("store");
    let today = chrono::Utc::now().date_naive();
    let (since, until) = (
        today - chrono::Duration::days(30),
        today + chrono::Duration::days(1),
    );
    let mut ours: Vec<Duration> = (0..5)
        .map(|_| time(|| store.coverage(since, until, None).expect("coverage")).0)
        .collect();
    let conn = Connection::open(&path).expect("conn");
    let mut bare: Vec<Duration> = (0..5)
        .map(|_| {
            time(|| {
                let mut stmt = conn
                    .prepare_cached("SELECT outlet, url FROM sources")
                    .expect("scan");
                let n = stmt
                    .query_map([], |r| r.get::<_, String>(0))
                    .expect("rows")
                    .count();
                std::hint::black_box(n)
            })
            .0
        })
        .collect();
    ours.sort();
    bare.sort();
    (percentile(&ours, 0.5), percentile(&bare, 0.5))
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    percentile(&runs, 0.5)
}

/// The outlet suggestions (median of 7), and the scan they were before
/// (every source's outlet, distinct ignoring case, sorted) on the same file.
fn outlet_suggestions(store: &Store, conn: &Connection) -> (Duration, Duration, usize) {
    let count = store.outlet_names().expect("names").len();
    let ours = median(
        (0..7)
            .map(|_| time(|| store.outlet_names().expect("names")).0)
            .collect(),
    );
    let scan = "SELECT n FROM (SELECT name AS n FROM outlets UNION SELECT outlet FROM sources WHERE trim(outlet) <> '') u
                ORDER BY n COLLATE NOCASE, n";
    let bare = median(
        (0..7)
            .map(|_| {
                time(|| {
                    let mut stmt = conn.prepare_cached(scan).expect("scan");
                    let rows = stmt.query_map([], |r| r.get::<_, String>(0)).expect("rows");
                    rows.count()
                })
                .0
            })
            .collect(),
    );
    (ours, bare, count)
}

/// Planning a batch export of the first `n` stories into an empty folder
/// (their headlines from the store, then file names), and the bare minimum
/// on the same stories: ids and headlines read, one path made and checked each.
fn planning(store: &Store, conn: &Connection, n: usize) -> (Duration, Duration) {
    let ids: Vec<i64> = conn
        .prepare(&format!("SELECT id FROM stories ORDER BY id LIMIT {n}"))
        .expect("ids")
        .query_map([], |r| r.get(0))
        .expect("rows")
        .map(|r| r.expect("id"))
        .collect();
    let dir = tempfile::TempDir::new().expect("folder");
    let ours = median(
        (0..3)
            .map(|_| {
                time(|| {
                    let headlines = store.headlines(&ids).expect("headlines");
                    factdesk_core::batch::plan(&headlines, factdesk_core::formats::Format::Md, dir.path())
                        .len()
                })
                .0
            })
            .collect(),
    );
    let bare = median(
        (0..3)
            .map(|_| {
                time(|| {
                    let mut stmt = conn
                        .prepare_cached("SELECT id, headline FROM stories ORDER BY id LIMIT ?1")
                        .expect("bare");
                    let rows = stmt
                        .query_map([n as i64], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
                        .expect("rows");
                    rows.map(|r| r.expect("row"))
                        .filter(|(id, _)| dir.path().join(format!("{id}.md")).exists())
                        .count()
                })
                .0
            })
            .collect(),
    );
    (ours, bare)
}

fn main() {
    let Some(n) = desk::stories_to_bench() else {
        return;
    };
    eprintln!("preparing a desk of {n} stories (once)…");
    let big = desk(n);
    let small = desk(10);
    let mut store = Store::open_read(&big).expect("store");
    let conn = Connection::open(&big).expect("conn");
    let (p50, p95, b50, b95) = bench_search(&mut store, &conn);
    let big_page = first_page(&store);
    let small_page = first_page(&Store::open_read(&small).expect("small"));
    let (save, index_only) = saves(&data_dir());
    let (with, without) = sizes(&big, n);
    let (cov, scan) = coverage();
    let (names, names_scan, outlets) = outlet_suggestions(&store, &conn);
    let (names_small, _, _) = outlet_suggestions(
        &Store::open_read(&small).expect("small"),
        &Connection::open(&small).expect("small conn"),
    );
    let tenth = (n / 10).max(1);
    let (plan_all, plan_all_bare) = planning(&store, &conn, n);
    let (plan_tenth, _) = planning(&store, &conn, tenth);
    println!("| measure ({n} stories) | Factdesk | baseline in the same run | ratio | goal |");
    println!("|---|---|---|---|---|");
    println!(
        "| search, 100 mixed queries: p50 | {:.2} ms | bare FTS5 query: {:.2} ms | {:.1}x | |",
        ms(p50),
        ms(b50),
        ms(p50) / ms(b50)
    );
    println!(
        "| search, 100 mixed queries: p95 | {:.2} ms | bare FTS5 query: {:.2} ms | {:.1}x | p95 ≤ 20 ms |",
        ms(p95),
        ms(b95),
        ms(p95) / ms(b95)
    );
    println!(
        "| first page of the list (10 rows) | {:.2} ms | the same at 10 stories: {:.2} ms | {:.2}x | ≤ 1.2x |",
        ms(big_page),
        ms(small_page),
        ms(big_page) / ms(small_page)
    );
    println!(
        "| save of a 30-fact story, one fact changed | {:.2} ms | without the index write: {:.2} ms | {:.2}x | ≤ 1.5x |",
        ms(save),
        ms(save - index_only.min(save)),
        ms(save) / ms(save - index_only.min(save))
    );
    println!(
        "| database size per story | {:.1} KB | without the index: {:.1} KB | {:.2}x | |",
        with / 1024.0,
        without / 1024.0,
        with / without
    );
    println!(
        "| coverage over a month of 3,000 stories | {:.1} ms | a bare scan of their sources: {:.1} ms | {:.1}x | |",
        ms(cov),
        ms(scan),
        ms(cov) / ms(scan)
    );
    println!(
        "| outlet suggestions ({outlets} outlets) | {:.2} ms | the scan of every source's outlet: {:.1} ms | {:.3}x | no scan |",
        ms(names),
        ms(names_scan),
        ms(names) / ms(names_scan)
    );
    println!(
        "| outlet suggestions, against 10 stories | {:.2} ms | the same at 10 stories: {:.2} ms | {:.1}x | |",
        ms(names),
        ms(names_small),
        ms(names) / ms(names_small)
    );
    println!(
        "| batch-export planning, {n} stories | {:.0} ms | bare ids, headlines and one path each: {:.0} ms | {:.2}x | linear |",
        ms(plan_all),
        ms(plan_all_bare),
        ms(plan_all) / ms(plan_all_bare)
    );
    println!(
        "| batch-export planning, {n} against {tenth} stories | {:.0} ms | {:.0} ms | {:.1}x | 10x (linear) |",
        ms(plan_all),
        ms(plan_tenth),
        ms(plan_all) / ms(plan_tenth)
    );
}
