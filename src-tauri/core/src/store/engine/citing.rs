//! The stories citing an outlet, as SQL and as a set a connection keeps.
//!
//! Contract: [`set_sql`] is SQLite's one statement for the stories citing
//! an outlet (in a source or a narrative, the name compared as `NOCASE`
//! does), read from the outlet indexes alone, which hold each row's
//! story. On a desk file, [`register`] adds
//! `factdesk_cites(outlet, story_id)`: 1 when the story is in that set,
//! else 0. A statement run gets the set once (SQLite keeps it with a bound
//! or literal outlet), and the connection keeps the sets it read while its
//! database stays as it was ([`Version`]): a later search with the same
//! outlet reads none. Reads only.
//!
//! Why: a search for common words with a common outlet probes each match
//! in the outlet's set. SQLite built the set afresh for each search (the
//! 28,000 stories citing CNN over a 100,000-story desk: about 6 ms) and
//! probed it as a B-tree; the set kept here is a sorted list, probed from
//! the last story found, since the index gives its matches in order.

use super::kept::{find_from, Version};
use rusqlite::functions::{Context, FunctionFlags};
use rusqlite::Connection;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::{Arc, Mutex};

/// The function's name in SQL.
pub const NAME: &str = "factdesk_cites";

/// Outlets whose sets a connection keeps at once.
const KEPT: usize = 8;

/// The stories citing the outlet bound as `?n`: a story citing it more
/// than once comes more than once (`UNION ALL`: as the set of an `IN`,
/// SQLite makes it distinct itself, and [`register`]'s read sorts it).
pub fn set_sql(n: usize) -> String {
    format!(
        "SELECT story_id FROM sources WHERE outlet = ?{n} COLLATE NOCASE \
         UNION ALL SELECT story_id FROM narratives WHERE outlet = ?{n} COLLATE NOCASE"
    )
}

/// One outlet's stories, in order, and where the last probe found its
/// place (a statement's rows come in order, so the next is near).
struct Citing {
    stories: Arc<Vec<i64>>,
    at: AtomicUsize,
}

impl Citing {
    fn has(&self, story: i64) -> bool {
        let found = find_from(&self.stories, story, |s| *s, self.at.load(Relaxed));
        let (Ok(at) | Err(at)) = found;
        self.at.store(at, Relaxed);
        found.is_ok()
    }
}

/// The sets a connection read, by outlet folded as `NOCASE` folds it.
type Kept = HashMap<String, (Version, Arc<Vec<i64>>)>;

/// Adds [`NAME`] to `conn`.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    let kept: Mutex<Kept> = Mutex::new(HashMap::new());
    conn.create_scalar_function(
        NAME,
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DIRECTONLY,
        move |ctx| {
            let citing = match ctx.get_aux::<Citing>(0)? {
                Some(citing) => citing,
                None => {
                    let stories = stories(ctx, &kept)?;
                    ctx.set_aux(
                        0,
                        Citing {
                            stories,
                            at: AtomicUsize::new(0),
                        },
                    )?
                }
            };
            Ok(citing.has(ctx.get::<i64>(1)?))
        },
    )
}

/// The stories citing the call's outlet: kept, or read now (and kept).
fn stories(ctx: &Context<'_>, kept: &Mutex<Kept>) -> rusqlite::Result<Arc<Vec<i64>>> {
    let outlet: String = ctx.get(0)?;
    let key = outlet.to_ascii_lowercase();
    // SAFETY: the handle is the connection running this function, on this
    // thread; it is only read from, inside the statement's read.
    let conn = unsafe { ctx.get_connection()? };
    // SAFETY: as above.
    let now = unsafe { Version::of(conn.handle()) };
    let mut kept = kept.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let (Some(now), Some((then, stories))) = (now, kept.get(&key)) {
        if *then == now {
            return Ok(Arc::clone(stories));
        }
    }
    let mut stmt = conn.prepare(&set_sql(1))?;
    let mut stories: Vec<i64> = stmt
        .query_map([&outlet], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    stories.sort_unstable();
    stories.dedup();
    let stories = Arc::new(stories);
    if let Some(now) = now {
        if kept.len() >= KEPT && !kept.contains_key(&key) {
            kept.clear();
        }
        kept.insert(key, (now, Arc::clone(&stories)));
    }
    Ok(stories)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cites(conn: &Connection, outlet: &str) -> Vec<i64> {
        let sql = format!("SELECT id FROM stories WHERE {NAME}(?1, id) ORDER BY id");
        let mut stmt = conn.prepare(&sql).unwrap();
        let found = stmt.query_map([outlet], |r| r.get(0)).unwrap();
        found.collect::<rusqlite::Result<_>>().unwrap()
    }

    #[test]
    fn the_set_follows_every_write_and_ignores_case() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.sqlite3");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE stories (id INTEGER PRIMARY KEY);
             CREATE TABLE sources (story_id INTEGER, outlet TEXT);
             CREATE TABLE narratives (story_id INTEGER, outlet TEXT);
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50)
             INSERT INTO stories SELECT i FROM n;
             INSERT INTO sources VALUES (3, 'CNN'), (3, 'cnn'), (7, 'TASS'), (40, 'Cnn');
             INSERT INTO narratives VALUES (9, 'CNN'), (7, 'CNN');",
        )
        .unwrap();
        register(&conn).unwrap();
        assert_eq!(cites(&conn, "CNN"), [3, 7, 9, 40]);
        assert_eq!(cites(&conn, "cnn"), [3, 7, 9, 40]);
        assert_eq!(cites(&conn, "TASS"), [7]);
        assert_eq!(cites(&conn, "BBC"), Vec::<i64>::new());
        // A write on this connection, not yet committed, is seen.
        conn.execute_batch("BEGIN; INSERT INTO sources VALUES (12, 'CNN');")
            .unwrap();
        assert_eq!(cites(&conn, "CNN"), [3, 7, 9, 12, 40]);
        conn.execute_batch("ROLLBACK").unwrap();
        assert_eq!(cites(&conn, "CNN"), [3, 7, 9, 40]);
        // Another connection's commit is seen.
        let other = Connection::open(&path).unwrap();
        other
            .execute("DELETE FROM narratives WHERE story_id = 9", [])
            .unwrap();
        assert_eq!(cites(&conn, "CNN"), [3, 7, 40]);
    }

    #[test]
    fn a_story_is_found_from_wherever_the_last_one_was() {
        let citing = Citing {
            stories: Arc::new((1..=1_000).map(|i| i * 3).collect()),
            at: AtomicUsize::new(0),
        };
        let asked = [3, 4, 6, 300, 301, 2_997, 3_000, 3, 1_500, 1_200, 3_001, 0, 1_503];
        let found: Vec<bool> = asked.iter().map(|s| citing.has(*s)).collect();
        let expected = asked
            .iter()
            .map(|s| *s > 0 && s % 3 == 0 && *s <= 3_000)
            .collect::<Vec<_>>();
        assert_eq!(found, expected);
    }
}
