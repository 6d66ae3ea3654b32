//! Issue 30's figures at desk scale, each against a baseline measured in the
//! same run: searches for what most of the desk contains, the list under
//! each filter and sort at 100,000 stories against a 1,000-story desk, pages
//! scrolled to the bottom against the first, and the file's bytes per story
//! against the stories' compact JSON.
//!
//! Run by `./scripts/bench.sh` (or `cargo bench -p factdesk-core --bench
//! scale`); the desks are generated once into `target/bench-data/`.
//! Prints a Markdown table for docs/PERFORMANCE.md.

mod desk;

use desk::{desk, ms, percentile, time};
use factdesk_core::sample;
use factdesk_core::store::search::{ListRequest, SortBy};
use factdesk_core::store::Store;
use rusqlite::Connection;
use std::time::Duration;

/// Queries that match most of a generated desk: a word in every story, a
/// place in most, a common prefix, and the most cited outlet.
fn common_queries(conn: &Connection) -> Vec<String> {
    let outlet: String = conn
        .query_row(
            "SELECT outlet FROM sources GROUP BY outlet ORDER BY count(*) DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("most cited outlet");
    factdesk_core::sample::common_queries(&outlet)
}

/// p50 and p95 of `store.search_page` over `queries`, 5 runs each, and the
/// same of the bare FTS5 ranking of their text.
fn searches(store: &mut Store, conn: &Connection, queries: &[String]) -> [Duration; 4] {
    let (mut ours, mut bare) = (Vec::new(), Vec::new());
    for q in queries {
        let expr = factdesk_core::search::parse(q).expect("query").text;
        for run in 0..5 {
            let d = time(|| store.search_page(q, 0, 20).expect("search")).0;
            if run == 4 {
                eprintln!("{q}: {:.1} ms", ms(d));
            }
            ours.push(d);
            if let Some(expr) = &expr {
                bare.push(
                    time(|| {
                        let mut stmt = conn
                            .prepare_cached(
                                "SELECT rowid FROM story_search WHERE story_search MATCH ?1 ORDER BY rank LIMIT 20",
                            )
                            .expect("bare query");
                        let ids: Vec<i64> = stmt
                            .query_map([expr], |r| r.get(0))
                            .expect("rows")
                            .collect::<Result<_, _>>()
                            .expect("ids");
                        ids.len()
                    })
                    .0,
                );
            }
        }
    }
    ours.sort();
    bare.sort();
    [
        percentile(&ours, 0.5),
        percentile(&ours, 0.95),
        percentile(&bare, 0.5),
        percentile(&bare, 0.95),
    ]
}

/// The median first page (50 rows) of `req` and its count, as a window asks.
fn first_page(store: &Store, req: &ListRequest) -> Duration {
    let mut runs: Vec<Duration> = (0..11)
        .map(|_| {
            time(|| {
                store.list_page(req).expect("page");
            })
            .0
        })
        .collect();
    runs.sort();
    percentile(&runs, 0.5)
}

/// The median page of a walk to the bottom of the list, each page asked for
/// after the one before it (keyset), and how many pages it took.
fn scroll(store: &Store, sort: SortBy) -> (Duration, usize) {
    let mut req = ListRequest {
        limit: 50,
        sort,
        ..Default::default()
    };
    let mut runs = Vec::new();
    loop {
        let (d, page) = time(|| store.list_page(&req).expect("page"));
        runs.push(d);
        match page.next {
            Some(next) => req.from = Some(next),
            None => break,
        }
    }
    let pages = runs.len();
    runs.sort();
    (percentile(&runs, 0.5), pages)
}

/// Bytes in use (pages less free pages) of the database at `conn`.
fn bytes_in_use(conn: &Connection) -> f64 {
    conn.query_row(
        "SELECT (page_count - freelist_count) * page_size FROM pragma_page_count, pragma_freelist_count, pragma_page_size",
        [],
        |r| r.get::<_, i64>(0),
    )
    .expect("pages") as f64
}

/// The file's bytes per story as made and after `factdesk db compact`
/// (VACUUM, here into a copy), and the stories' compact JSON per story.
fn bytes_per_story(conn: &Connection, n: usize) -> (f64, f64, f64) {
    let copy = desk::data_dir().join("compacted.sqlite3");
    let _ = std::fs::remove_file(&copy);
    conn.execute("VACUUM INTO ?1", [copy.to_str().expect("utf-8 path")])
        .expect("compacted copy");
    let compacted = bytes_in_use(&Connection::open(&copy).expect("copy"));
    let _ = std::fs::remove_file(&copy);
    let json: usize = (0..n)
        .map(|i| serde_json::to_vec(&sample::desk_story(i)).expect("json").len())
        .sum();
    (
        bytes_in_use(conn) / n as f64,
        compacted / n as f64,
        json as f64 / n as f64,
    )
}

fn main() {
    let Some(n) = desk::stories_to_bench() else {
        return;
    };
    eprintln!("preparing desks of {n} and 1,000 stories (once)…");
    let (big, small) = (desk(n), desk(1000));
    let mut store = Store::open_read(&big).expect("store");
    let small_store = Store::open_read(&small).expect("small store");
    let conn = Connection::open(&big).expect("conn");
    let queries = common_queries(&conn);
    let [p50, p95, b50, b95] = searches(&mut store, &conn, &queries);
    println!("| measure ({n} stories) | Factdesk | baseline in the same run | ratio | goal |");
    println!("|---|---|---|---|---|");
    println!(
        "| search for what most stories have ({}): p50 / p95 | {:.1} / {:.1} ms | bare FTS5 ranking: {:.1} / {:.1} ms | {:.2}x | p95 ≤ 20 ms |",
        queries.join(", "),
        ms(p50),
        ms(p95),
        ms(b50),
        ms(b95),
        ms(p95) / ms(b95)
    );
    let lists = [
        ("newest first", ListRequest::default()),
        (
            "by last publication",
            ListRequest {
                sort: SortBy::Published,
                ..Default::default()
            },
        ),
        (
            "by headline",
            ListRequest {
                sort: SortBy::Headline,
                ..Default::default()
            },
        ),
        (
            "citing TASS",
            ListRequest {
                outlet: Some("TASS".into()),
                ..Default::default()
            },
        ),
        (
            "citing a rare outlet",
            ListRequest {
                outlet: Some("Nowhere Gazette".into()),
                ..Default::default()
            },
        ),
        (
            "drafts",
            ListRequest {
                status: Some(factdesk_core::model::Status::Draft),
                ..Default::default()
            },
        ),
    ];
    for (what, req) in lists {
        let req = ListRequest { limit: 50, ..req };
        let (at_n, at_1k) = (first_page(&store, &req), first_page(&small_store, &req));
        println!(
            "| list {what}: first page | {:.2} ms | the 1,000-story desk: {:.2} ms | {:.2}x | ≤ 1.3x |",
            ms(at_n),
            ms(at_1k),
            ms(at_n) / ms(at_1k)
        );
    }
    for sort in [SortBy::Updated, SortBy::Headline] {
        let (page, pages) = scroll(&store, sort);
        let first = first_page(
            &store,
            &ListRequest {
                limit: 50,
                sort,
                ..Default::default()
            },
        );
        println!(
            "| list {sort:?} scrolled to the bottom ({pages} pages): median page | {:.2} ms | the first page: {:.2} ms | {:.2}x | ≤ 1.3x |",
            ms(page),
            ms(first),
            ms(page) / ms(first)
        );
    }
    let (file, compacted, json) = bytes_per_story(&conn, n);
    for (what, bytes) in [("as generated", file), ("after `db compact`", compacted)] {
        println!(
            "| database bytes per story, {what} | {:.1} KB | the story's compact JSON: {:.1} KB | {:.2}x | ≤ 1.6x |",
            bytes / 1024.0,
            json / 1024.0,
            bytes / json
        );
    }
}
