//! The matches of a search marked in the few stories it shows.
//!
//! Contract: [`marked`] gives, for each story it is handed, the columns of
//! its [`search::Document`] with every match of the FTS5 expression between
//! [`search::OPEN`] and [`search::CLOSE`], as `highlight()` marks them (a
//! story the expression does not match gets no entry). The documents are
//! indexed in a private in-memory FTS5 table with the file index's
//! tokenizer, so the marks are the ones a file desk's own index would give,
//! on a team desk too (one statement reads the hits' documents there,
//! instead of a `ts_headline` call per hit), and nothing is written to the
//! desk. A file desk's index keeps no copy of the text (schema 14): its
//! documents are made from the stories, which are the record.

use crate::error::Result;
use crate::model::StoryId;
use crate::search::{self, Document, COLUMNS};
use rusqlite::{params_from_iter, Connection};
use std::collections::HashMap;

/// The marked columns of each of `docs` that `expression` matches.
pub fn marked(expression: &str, docs: &[(StoryId, Document)]) -> Result<HashMap<StoryId, Vec<String>>> {
    if docs.is_empty() {
        return Ok(HashMap::new());
    }
    let conn = Connection::open_in_memory()?;
    let names: Vec<&str> = COLUMNS.iter().map(|(name, _)| *name).collect();
    conn.execute_batch(&format!(
        "CREATE VIRTUAL TABLE marking USING fts5({}, tokenize = '{}')",
        names.join(", "),
        search::TOKENIZER
    ))?;
    {
        let mut insert = conn.prepare(&format!(
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
    let mut select = conn.prepare(&format!(
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
}
