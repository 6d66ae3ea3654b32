//! Full-text search: the query language an editor types, and what a story
//! gives the index.
//!
//! Contract: [`parse`] reads words (all must match), `"exact phrases"`,
//! `prefix*`, `-excluded` words or phrases, and the filters `outlet:NAME`
//! (or `outlet:"Two words"`), `status:STATE`, `before:YYYY-MM-DD` and
//! `after:YYYY-MM-DD`, into a [`Query`] whose full-text part is an FTS5
//! expression built only from quoted strings, so nothing typed can become
//! FTS5 or SQL syntax; a malformed query is a [`QueryError`] that says what
//! to fix. [`document`] gives the index a story's text, one column per part
//! of the story, the parts of a column in the published order and joined by
//! [`PART_SEPARATOR`], so a match can be traced back to "fact 3" or "source
//! 2's article text" ([`locate`]). Case and diacritics are folded by the
//! index's tokenizer (`unicode61 remove_diacritics 2`).
//!
//! Bounds: a query is at most [`MAX_QUERY_BYTES`] long with at most
//! [`MAX_TERMS`] terms (else a clear error); a term given twice counts
//! once; a prefix needs [`MIN_PREFIX`] letters. The store runs each search
//! within a time budget (see `store::ops::search`).

use crate::checks::Target;
use crate::model::{Status, Story};
use crate::numbering::Numbering;
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

/// How the index splits and folds text (the desk's `story_search`, made by
/// the migrations, and the marking index of `store::ops::search_marks`).
pub const TOKENIZER: &str = "unicode61 remove_diacritics 2";

/// Between the parts of one column: a symbol the tokenizer never indexes.
pub const PART_SEPARATOR: &str = " \u{241E} ";
/// The index's columns, in order, with their weights in the ranking (the
/// headline counts most, the saved article text least).
pub const COLUMNS: [(&str, f64); 7] = [
    ("headline", 10.0),
    ("summary", 3.0),
    ("facts", 1.0),
    ("narratives", 1.0),
    ("predictions", 1.0),
    ("sources", 1.0),
    ("articles", 0.5),
];

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// The FTS5 MATCH expression, if any words or phrases were given.
    pub text: Option<String>,
    /// The same words as a PostgreSQL `to_tsquery` expression.
    pub tsquery: Option<String>,
    /// Outlets a story must cite (a source's or a narrative's outlet).
    pub outlets: Vec<String>,
    /// The state a story must be in, as the story list shows it.
    pub status: Option<Status>,
    /// Dates the story's date (first publication, else last update) must be before / on or after.
    pub before: Option<NaiveDate>,
    pub after: Option<NaiveDate>,
}

impl Query {
    /// Whether the query asks for anything at all.
    pub fn is_empty(&self) -> bool {
        self.text.is_none()
            && self.outlets.is_empty()
            && self.status.is_none()
            && self.before.is_none()
            && self.after.is_none()
    }
}

/// Why a query cannot be run, worded for the editor.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct QueryError(pub String);

fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// Splits the query into terms, keeping quoted phrases (and `field:"…"`) whole.
/// The longest query, in bytes.
pub const MAX_QUERY_BYTES: usize = 1024;
/// The most terms (words, phrases, filters) in one query.
pub const MAX_TERMS: usize = 64;
/// The fewest letters before a `*` (a shorter prefix matches half the language).
pub const MIN_PREFIX: usize = 3;

fn terms(input: &str) -> Result<Vec<String>, QueryError> {
    if input.len() > MAX_QUERY_BYTES {
        return Err(QueryError(format!(
            "the query is {} characters long; a search takes at most {MAX_QUERY_BYTES}: use the few words that matter",
            input.chars().count()
        )));
    }
    let mut out = Vec::new();
    let mut current = String::new();
    let mut in_quote = false;
    for c in input.chars() {
        match c {
            '"' => {
                in_quote = !in_quote;
                current.push(c);
            }
            c if c.is_whitespace() && !in_quote => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if in_quote {
        return Err(QueryError(
            "a quote (\") is not closed; put the exact phrase between two quotes".into(),
        ));
    }
    if !current.is_empty() {
        out.push(current);
    }
    // A term given twice asks for nothing more: it counts once.
    let mut seen = std::collections::HashSet::new();
    out.retain(|t| seen.insert(t.to_lowercase()));
    if out.len() > MAX_TERMS {
        return Err(QueryError(format!(
            "the query has {} different terms; a search takes at most {MAX_TERMS}",
            out.len()
        )));
    }
    Ok(out)
}

/// A term as a PostgreSQL tsquery: its words (split as the index splits
/// text) in a row, the last one a prefix when asked; `None` when no word is left.
fn tsquery_term(text: &str, prefix: bool) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        // Only letters and digits are left, so quoting needs no escapes.
        .map(|w| format!("'{w}'"))
        .collect();
    if words.is_empty() {
        return None;
    }
    let mut out = words.join(" <-> ");
    if prefix {
        out.push_str(":*");
    }
    Some(format!("({out})"))
}

fn unquote(s: &str) -> &str {
    s.strip_prefix('"').and_then(|s| s.strip_suffix('"')).unwrap_or(s)
}

fn date(filter: &str, value: &str) -> Result<NaiveDate, QueryError> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| QueryError(format!("{filter}: needs a date like 2026-11-01, not {value:?}")))
}

/// Whether a word has something the index would find (letters or digits).
fn searchable(word: &str) -> bool {
    word.chars().any(char::is_alphanumeric)
}

/// Reads what the editor typed.
pub fn parse(input: &str) -> Result<Query, QueryError> {
    let mut q = Query::default();
    let mut include: Vec<String> = Vec::new();
    let mut exclude: Vec<String> = Vec::new();
    let mut ts_include: Vec<String> = Vec::new();
    let mut ts_exclude: Vec<String> = Vec::new();
    for term in terms(input)? {
        if let Some((name, value)) = term.split_once(':') {
            let value = unquote(value);
            let handled = match name.to_ascii_lowercase().as_str() {
                "outlet" => {
                    if value.trim().is_empty() {
                        return Err(QueryError(
                            "outlet: needs a name, like outlet:TASS or outlet:\"The Hill\"".into(),
                        ));
                    }
                    q.outlets.push(value.trim().to_string());
                    true
                }
                "status" | "state" => {
                    let status = Status::parse(&value.to_ascii_lowercase()).ok_or_else(|| {
                        let known: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
                        QueryError(format!("status: is one of {}, not {value:?}", known.join(", ")))
                    })?;
                    q.status = Some(status);
                    true
                }
                "before" => {
                    q.before = Some(date("before", value)?);
                    true
                }
                "after" => {
                    q.after = Some(date("after", value)?);
                    true
                }
                _ => false,
            };
            if handled {
                continue;
            }
        }
        let (negative, body) = match term.strip_prefix('-') {
            Some(rest) if !rest.is_empty() => (true, rest),
            _ => (false, term.as_str()),
        };
        let (expr, ts) = if body.starts_with('"') {
            let phrase = unquote(body);
            if !searchable(phrase) {
                continue;
            }
            (quoted(phrase), tsquery_term(phrase, false))
        } else if let Some(stem) = body.strip_suffix('*') {
            if !searchable(stem) {
                return Err(QueryError(format!(
                    "{body:?}: a * goes after the start of a word, like zelensk*"
                )));
            }
            if stem.chars().filter(|c| c.is_alphanumeric()).count() < MIN_PREFIX {
                return Err(QueryError(format!(
                    "{body:?}: a * needs at least {MIN_PREFIX} letters before it, like zel*"
                )));
            }
            (format!("{} *", quoted(stem)), tsquery_term(stem, true))
        } else {
            if !searchable(body) {
                continue;
            }
            (quoted(body), tsquery_term(body, false))
        };
        if negative {
            exclude.push(expr);
            ts_exclude.extend(ts);
        } else {
            include.push(expr);
            ts_include.extend(ts);
        }
    }
    if include.is_empty() && !exclude.is_empty() {
        return Err(QueryError(
            "only excluded words: say what to look for too, like ukraine -russia".into(),
        ));
    }
    if !include.is_empty() {
        let mut expr = include.join(" AND ");
        for e in &exclude {
            expr = format!("({expr}) NOT {e}");
        }
        q.text = Some(expr);
        let mut ts = ts_include.join(" & ");
        for e in &ts_exclude {
            ts = format!("{ts} & !{e}");
        }
        q.tsquery = Some(ts);
    }
    if let (Some(b), Some(a)) = (q.before, q.after) {
        if a >= b {
            return Err(QueryError(format!(
                "after:{a} is not before before:{b}; nothing could match"
            )));
        }
    }
    Ok(q)
}

/// A story's text as the index holds it: one string per column of
/// [`COLUMNS`], parts joined by [`PART_SEPARATOR`].
pub type Document = [String; COLUMNS.len()];

/// A story's [`Document`].
pub fn document(story: &Story) -> Document {
    let numbering = Numbering::of(story);
    let join = |parts: Vec<String>| parts.join(PART_SEPARATOR);
    let sources: Vec<_> = numbering
        .order
        .iter()
        .filter_map(|id| numbering.source(story, *id))
        .collect();
    [
        story.headline.clone(),
        story.summary.clone(),
        join(story.facts.iter().map(|f| f.text.clone()).collect()),
        join(
            story
                .narratives
                .iter()
                .map(|n| format!("{} {}", n.outlet, n.text))
                .collect(),
        ),
        join(
            story
                .predictions
                .iter()
                .map(|p| format!("{} {}", p.statement, p.forecaster))
                .collect(),
        ),
        join(
            sources
                .iter()
                .map(|s| format!("{} {} {}", s.outlet, s.title, s.url))
                .collect(),
        ),
        join(sources.iter().map(|s| s.saved_text.clone()).collect()),
    ]
}

/// A piece of a snippet, highlighted or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
}

/// Where in a story the best match is, for the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// "headline", "fact 3", "source 2's article text"…
    pub field: String,
    pub target: Target,
    pub snippet: Vec<SnippetPart>,
}

/// Marks FTS5's `highlight()` puts around matched tokens.
pub const OPEN: char = '\u{E000}';
pub const CLOSE: char = '\u{E001}';

/// About this many words of context on each side of the first match.
const CONTEXT_WORDS: usize = 8;

fn snippet(part: &str) -> Vec<SnippetPart> {
    let start = part.find(OPEN).unwrap_or(0);
    let before: Vec<&str> = part[..start].split_whitespace().collect();
    let lead = before.len().saturating_sub(CONTEXT_WORDS);
    let mut text = String::new();
    if lead > 0 {
        text.push('…');
    }
    text.push_str(&before[lead..].join(" "));
    if !text.is_empty() && !text.ends_with('…') {
        text.push(' ');
    }
    let rest = &part[start..];
    let mut words_after = 0;
    let mut out: Vec<SnippetPart> = Vec::new();
    let mut hit = false;
    let mut cut = false;
    for c in rest.chars() {
        match c {
            OPEN | CLOSE => {
                if !text.is_empty() {
                    out.push(SnippetPart {
                        text: std::mem::take(&mut text),
                        hit,
                    });
                }
                hit = c == OPEN;
            }
            c => {
                if c.is_whitespace() && !hit {
                    words_after += 1;
                    if words_after > CONTEXT_WORDS * 2 {
                        cut = true;
                        break;
                    }
                }
                text.push(c);
            }
        }
    }
    if cut {
        text.push('…');
    }
    if !text.is_empty() {
        out.push(SnippetPart { text, hit });
    }
    out
}

/// The first of `columns` (see [`locate`]) with a highlighted match.
pub fn first_marked(columns: &[String]) -> Option<usize> {
    columns.iter().position(|c| c.contains(OPEN))
}

/// Finds the first highlighted part among `columns` (the output of FTS5's
/// `highlight()` for each column of [`COLUMNS`], in order) and says which
/// field of `story` it is.
pub fn locate(story: &Story, columns: &[String]) -> Option<Located> {
    let numbering = Numbering::of(story);
    let sources: Vec<_> = numbering.order.clone();
    for (c, text) in columns.iter().enumerate() {
        if !text.contains(OPEN) {
            continue;
        }
        let (i, part) = text
            .split(PART_SEPARATOR)
            .enumerate()
            .find(|(_, p)| p.contains(OPEN))?;
        let story_field = |field: &str| Target::Story { field: field.into() };
        let (field, target) = match COLUMNS[c].0 {
            "headline" => ("headline".to_string(), story_field("headline")),
            "summary" => ("summary".to_string(), story_field("summary")),
            "facts" => (
                format!("fact {}", i + 1),
                Target::Fact {
                    id: story.facts.get(i)?.id,
                },
            ),
            "narratives" => (
                format!("narrative {}", i + 1),
                Target::Narrative {
                    id: story.narratives.get(i)?.id,
                    field: "text".into(),
                },
            ),
            "predictions" => (
                format!("prediction {}", i + 1),
                Target::Prediction {
                    id: story.predictions.get(i)?.id,
                    field: "statement".into(),
                },
            ),
            "sources" => (
                format!("source {}", i + 1),
                Target::Source {
                    id: *sources.get(i)?,
                    field: "outlet".into(),
                },
            ),
            _ => (
                format!("source {}'s article text", i + 1),
                Target::Source {
                    id: *sources.get(i)?,
                    field: "title".into(),
                },
            ),
        };
        return Some(Located {
            field,
            target,
            snippet: snippet(part),
        });
    }
    None
}

/// A snippet as one line, the matches in `[brackets]` (for the CLI).
pub fn snippet_text(parts: &[SnippetPart]) -> String {
    parts
        .iter()
        .map(|p| {
            if p.hit {
                format!("[{}]", p.text)
            } else {
                p.text.clone()
            }
        })
        .collect()
}

#[cfg(test)]
#[path = "search_tests.rs"]
mod tests;
