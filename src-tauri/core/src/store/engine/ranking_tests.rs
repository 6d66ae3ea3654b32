//! `factdesk_rank` against FTS5's own bm25 on a table of generated rows.

use super::*;

const WEIGHTS: &str = "10.0, 3.0, 1.0";

/// An FTS5 table of `rows` rows whose words are drawn with a skew: `w0` is
/// in nearly every row, `w1` in most, the rest rarer; the rows' lengths
/// vary from 3 to 60 words.
fn table(rows: usize) -> Connection {
    let conn = Connection::open_in_memory().unwrap();
    fill(&conn, rows);
    conn
}

/// [`table`] on `conn`.
fn fill(conn: &Connection, rows: usize) {
    register(conn, "t").unwrap();
    conn.execute_batch(
        "CREATE VIRTUAL TABLE t USING fts5(head, summary, body, content = '', contentless_delete = 1)",
    )
    .unwrap();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let mut insert = conn
        .prepare("INSERT INTO t (rowid, head, summary, body) VALUES (?1, ?2, ?3, ?4)")
        .unwrap();
    for id in 1..=rows {
        let mut words = |n: u64| -> String {
            (0..1 + next(n))
                .map(|_| format!("w{}", next(40).min(next(40))))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let (head, summary, body) = (words(4), words(10), words(50));
        insert.execute((id as i64, head, summary, body)).unwrap();
    }
    drop(insert);
}

/// The first `k` rows and their values in `rank`'s order.
fn first(conn: &Connection, rank: &str, query: &str, k: usize) -> Vec<(i64, u64)> {
    let sql = format!("SELECT rowid, {rank} AS r FROM t WHERE t MATCH ?1 ORDER BY r, rowid DESC LIMIT {k}");
    let mut stmt = conn.prepare(&sql).unwrap();
    let rows = stmt
        .query_map([query], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, f64>(1)?.to_bits()))
        })
        .unwrap();
    rows.collect::<rusqlite::Result<_>>().unwrap()
}

const QUERIES: &[&str] = &[
    "w0",
    "w1",
    "w0 w1",
    "w0 OR w7",
    "w1*",
    "\"w0 w1\"",
    "w0 NOT w2",
    "w15",
    "head : w0",
];

#[test]
fn the_first_k_rows_are_bm25s_first_k_with_its_values() {
    let conn = table(3_000);
    for query in QUERIES {
        for k in [1, 10, 50, 200] {
            let ours = first(&conn, &format!("factdesk_rank(t, {k}, {WEIGHTS})"), query, k);
            let bm25 = first(&conn, &format!("bm25(t, {WEIGHTS})"), query, k);
            assert!(!bm25.is_empty(), "{query} matches nothing");
            assert_eq!(ours, bm25, "{query}, k = {k}");
        }
    }
}

#[test]
fn rows_that_cannot_reach_the_page_get_a_worse_bound_and_no_score() {
    let conn = table(3_000);
    let k = 10;
    let mut stmt = conn
        .prepare(&format!(
            "SELECT factdesk_rank(t, {k}, {WEIGHTS}), bm25(t, {WEIGHTS}) FROM t WHERE t MATCH 'w0'"
        ))
        .unwrap();
    let both: Vec<(f64, f64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut scores: Vec<f64> = both.iter().map(|b| b.1).collect();
    scores.sort_by(f64::total_cmp);
    let kth = scores[k - 1];
    let bounded: Vec<&(f64, f64)> = both.iter().filter(|(ours, bm25)| ours != bm25).collect();
    // Most of the 3,000 rows have the word once or twice: far from the best.
    assert!(
        bounded.len() > both.len() / 2,
        "{} of {} rows bounded",
        bounded.len(),
        both.len()
    );
    for (ours, bm25) in bounded {
        assert!(
            ours > &kth,
            "a bound {ours} is not worse than the {k}th best {kth}"
        );
        assert!(ours <= bm25, "a bound {ours} is worse than its score {bm25}");
    }
}

#[test]
fn with_k_0_every_row_gets_its_score() {
    let conn = table(500);
    let mut stmt = conn
        .prepare(&format!(
            "SELECT factdesk_rank(t, 0, {WEIGHTS}) = bm25(t, {WEIGHTS}) FROM t WHERE t MATCH 'w0 OR w3'"
        ))
        .unwrap();
    let same: Vec<bool> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(same.len() > 400);
    assert!(same.iter().all(|s| *s));
}

/// For each match of `query` in rowid order, whether `factdesk_rank` with
/// `k` of 0 gives bm25's value.
fn exact_in_rowid_order(conn: &Connection, query: &str) -> Vec<bool> {
    let mut stmt = conn
        .prepare(&format!(
            "SELECT factdesk_rank(t, 0, {WEIGHTS}) = bm25(t, {WEIGHTS}) FROM t WHERE t MATCH ?1 ORDER BY rowid"
        ))
        .unwrap();
    let same = stmt
        .query_map([query], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    same
}

/// `conn`'s ranking registered again for a table `fake` whose size
/// records say one token for each of the first `rows` of `t`.
fn rank_with_fake_sizes(conn: &Connection, rows: usize) {
    conn.execute_batch(&format!(
        "CREATE TABLE fake_docsize (id INTEGER PRIMARY KEY, sz BLOB);
         INSERT INTO fake_docsize SELECT id, x'010000' FROM t_docsize ORDER BY id LIMIT {rows};"
    ))
    .unwrap();
    register(conn, "fake").unwrap();
}

#[test]
fn after_enough_seeks_the_rest_of_the_sizes_are_read_at_once() {
    let conn = table(6_000);
    rank_with_fake_sizes(&conn, 6_000);
    let same = exact_in_rowid_order(&conn, "w0");
    assert!(same.len() > 4_000);
    // The first rows' sizes are FTS5's own; every one after them comes from
    // the size table read whole (here, the fake one: one token each).
    let seeks = 2 * crate::store::engine::doc_sizes::WINDOW as usize;
    assert!(same[..seeks].iter().all(|s| *s));
    assert!(same[seeks..].iter().all(|s| !*s));
}

#[test]
fn a_size_table_short_of_the_index_is_not_used() {
    let conn = table(3_000);
    rank_with_fake_sizes(&conn, 2_999);
    let same = exact_in_rowid_order(&conn, "w0");
    assert!(same.len() > 2_000);
    assert!(same.iter().all(|s| *s));
}

#[test]
fn sizes_read_at_once_give_bm25s_values() {
    // The table and query that read the sizes above, with the real ones.
    let conn = table(6_000);
    let same = exact_in_rowid_order(&conn, "w0");
    assert!(same.len() > 4_000);
    assert!(same.iter().all(|s| *s));
    for k in [1, 20, 200] {
        let ours = first(&conn, &format!("factdesk_rank(t, {k}, {WEIGHTS})"), "w0", k);
        let bm25 = first(&conn, &format!("bm25(t, {WEIGHTS})"), "w0", k);
        assert_eq!(ours, bm25, "k = {k}");
    }
}

#[test]
fn sizes_read_serve_the_next_runs_until_the_database_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.sqlite3");
    let conn = Connection::open(&path).unwrap();
    fill(&conn, 6_000);
    rank_with_fake_sizes(&conn, 6_000);
    conn.execute_batch("CREATE TABLE other (x)").unwrap();
    // A run that reads the (fake) sizes; the next run, on a rare word
    // that would seek each, takes the sizes kept from its first row.
    exact_in_rowid_order(&conn, "w0");
    let rare = exact_in_rowid_order(&conn, "w35");
    assert!(rare.len() > 300 && rare.len() < 2_048);
    assert!(rare.iter().all(|s| !*s), "kept sizes were not used");
    // A write on this connection, even to another table and not yet
    // committed: sought again.
    conn.execute_batch("BEGIN; INSERT INTO other VALUES (1);")
        .unwrap();
    assert!(exact_in_rowid_order(&conn, "w35").iter().all(|s| *s));
    // Sizes read inside it are not kept (a rollback changes no version).
    exact_in_rowid_order(&conn, "w0");
    assert!(exact_in_rowid_order(&conn, "w35").iter().all(|s| *s));
    conn.execute_batch("ROLLBACK").unwrap();
    assert!(exact_in_rowid_order(&conn, "w35").iter().all(|s| *s));
    // Kept again, then another connection commits: sought again.
    exact_in_rowid_order(&conn, "w0");
    assert!(exact_in_rowid_order(&conn, "w35").iter().all(|s| !*s));
    let other = Connection::open(&path).unwrap();
    other.execute("INSERT INTO other VALUES (2)", []).unwrap();
    assert!(exact_in_rowid_order(&conn, "w35").iter().all(|s| *s));
}

#[test]
fn the_count_ranked_is_the_last_runs_matches() {
    let conn = table(3_000);
    let ranked = || -> i64 {
        conn.query_row("SELECT factdesk_ranked()", [], |r| r.get(0))
            .unwrap()
    };
    for query in QUERIES {
        let count: i64 = conn
            .query_row("SELECT count(*) FROM t WHERE t MATCH ?1", [query], |r| r.get(0))
            .unwrap();
        // A page of 10, ranked once in the order and once in the columns.
        let page = first(&conn, &format!("factdesk_rank(t, 10, {WEIGHTS})"), query, 10);
        assert!(!page.is_empty());
        assert_eq!(ranked(), count, "{query}");
    }
    // A run that matches nothing leaves the last count.
    let before = ranked();
    assert!(first(&conn, &format!("factdesk_rank(t, 10, {WEIGHTS})"), "nowhere", 10).is_empty());
    assert_eq!(ranked(), before);
}
