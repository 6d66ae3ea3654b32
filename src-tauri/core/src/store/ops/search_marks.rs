//! The matches of a search marked in the few stories it shows.
//!
//! Contract: [`marked`] gives, for each story it is handed, the columns of
//! its [`search::Document`] with every match of the FTS5 expression between
//! [`search::OPEN`] and [`search::CLOSE`], as `highlight()` marks them (a
//! story the expression does not match gets no entry). The documents are
//! indexed in a private in-memory FTS5 table with the file index's
//! tokenizer (one per thread, made once and empty between searches: what
//! one search put in it never reaches the next), so the marks are the ones
//! a file desk's own index would give,
//! on a team desk too (one statement reads the hits' documents there,
//! instead of a `ts_headline` call per hit), and nothing is written to the
//! desk. A file desk's index keeps no copy of the text (schema 14): its
//! documents are made from the stories, which are the record.

use crate::error::Result;
use crate::model::StoryId;
use crate::search::{self, Document, COLUMNS};
use rusqlite::{params_from_iter, Connection};
use std::cell::RefCell;
use std::collections::HashMap;

thread_local! {
    /// This thread's marking table, made once: a search's documents go in
    /// within a transaction that is rolled back, so the table is empty
    /// again for the next one (making it cost a search some 2 ms).
    static MARKING: RefCell<Option<Connection>> = const { RefCell::new(None) };
}

/// The marked columns of each of `docs` that `expression` matches.
pub fn marked(expression: &str, docs: &[(StoryId, Document)]) -> Result<HashMap<StoryId, Vec<String>>> {
    if docs.is_empty() {
        return Ok(HashMap::new());
    }
    MARKING.with(|slot| {
        let mut slot = slot.borrow_mut();
        let conn = match slot.take() {
            Some(conn) => conn,
            None => marking_table()?,
        };
        let marks = marked_in(&conn, expression, docs);
        // A connection left inside a transaction (a failure the rollback
        // did not reach) is not kept: the next search makes a new one.
        if conn.is_autocommit() {
            *slot = Some(conn);
        }
        marks
    })
}

/// An in-memory database with the empty marking table.
fn marking_table() -> Result<Connection> {
    let conn = Connection::open_in_memory()?;
    let names: Vec<&str> = COLUMNS.iter().map(|(name, _)| *name).collect();
    conn.execute_batch(&format!(
        "CREATE VIRTUAL TABLE marking USING fts5({}, tokenize = '{}')",
        names.join(", "),
        search::TOKENIZER
    ))?;
    Ok(conn)
}

/// [`marked`] on `conn`'s marking table, which it leaves empty.
fn marked_in(
    conn: &Connection,
    expression: &str,
    docs: &[(StoryId, Document)],
) -> Result<HashMap<StoryId, Vec<String>>> {
    let names: Vec<&str> = COLUMNS.iter().map(|(name, _)| *name).collect();
    // Dropped without a commit, the transaction rolls the documents back.
    let tx = rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Deferred)?;
    {
        let mut insert = tx.prepare_cached(&format!(
            "INSERT INTO marking (rowid, {}) VALUES (?1, {})",
            names.join(", "),
            crate::store::engine::db::placeholders(2, COLUMNS.len())
        ))?;
        for (id, doc) in docs {
            let values = std::iter::once(rusqlite::types::Value::from(*id))
                .chain(doc.iter().map(|c| rusqlite::types::Value::from(c.clone())));
            insert.execute(params_from_iter(values))?;
        }
    }
    let highlights: Vec<String> = (0..COLUMNS.len())
        .map(|i| format!("highlight(marking, {i}, char(57344), char(57345))"))
        .collect();
    let mut select = tx.prepare_cached(&format!(
        "SELECT rowid, {} FROM marking WHERE marking MATCH ?1",
        highlights.join(", ")
    ))?;
    let rows = select.query_map([expression], |r| {
        let columns = (1..=COLUMNS.len())
            .map(|i| r.get::<_, Option<String>>(i).map(Option::unwrap_or_default))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok((r.get::<_, StoryId>(0)?, columns))
    })?;
    Ok(rows.collect::<rusqlite::Result<HashMap<_, _>>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(headline: &str, facts: &str) -> Document {
        let mut d: Document = Default::default();
        d[0] = headline.into();
        d[2] = facts.into();
        d
    }

    #[test]
    fn marks_words_folded_as_the_index_folds_them_and_skips_non_matches() {
        let docs = vec![
            (7, doc("Zelenskyy in Kyiv", "São Paulo agrees")),
            (9, doc("Nothing here", "at all")),
        ];
        let text = |q: &str| search::parse(q).unwrap().text.unwrap();
        let marks = marked(&text("sao paulo"), &docs).unwrap();
        assert_eq!(marks.len(), 1);
        assert_eq!(marks[&7][2], "\u{E000}São\u{E001} \u{E000}Paulo\u{E001} agrees");
        assert_eq!(marks[&7][0], "Zelenskyy in Kyiv");
        let prefix = marked(&text("zelensk*"), &docs).unwrap();
        assert_eq!(prefix[&7][0], "\u{E000}Zelenskyy\u{E001} in Kyiv");
        assert!(marked(&text("kyiv"), &[]).unwrap().is_empty());
    }

    #[test]
    fn one_search_leaves_nothing_for_the_next_even_when_it_fails() {
        let text = |q: &str| search::parse(q).unwrap().text.unwrap();
        let first = vec![(1, doc("Quokka seen in Perth", ""))];
        assert_eq!(marked(&text("quokka"), &first).unwrap().len(), 1);
        let second = vec![(2, doc("Nothing of the sort", ""))];
        assert!(
            marked(&text("quokka"), &second).unwrap().is_empty(),
            "story 1 is gone"
        );
        assert!(marked("\"unclosed", &second).is_err(), "a bad expression fails");
        let third = vec![(1, doc("Quokka again", ""))];
        let marks = marked(&text("quokka"), &third).unwrap();
        assert_eq!(
            marks[&1][0], "\u{E000}Quokka\u{E001} again",
            "the same id, written anew"
        );
        MARKING.with(|slot| assert!(slot.borrow().is_some(), "the table is kept"));
    }
}
