//! The queries over the story list: search, the paged list and its
//! filters (the index they read is written by `store::tables::search_index`).
//!
//! Contract: [`search()`] ranks matches (the headline weighted most) and
//! names the field the best match is in; [`page`] lists
//! stories a page at a time, filtered and sorted by indexed columns, never
//! loading the whole list. On SQLite the index is FTS5 ranked by bm25; on
//! PostgreSQL a `tsvector` column ranked by `ts_rank` (see
//! `engine/migrations/0006/postgres.sql`); both fold case and diacritics.

use crate::error::Result;
use crate::model::{Status, StoryId};
use crate::search::{self, Query, SnippetPart, COLUMNS};
use crate::store::engine::db::{Arg, Db, Dialect};
use crate::store::tables::parse_ts;
use crate::store::tables::stories;
use crate::store::tables::stories::StoryListing;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A story's state as the list shows it, in SQL (see [`crate::model::Workflow::list_status`]).
pub const LIST_STATUS: &str = "CASE WHEN e.state = 'withdrawn' THEN 'withdrawn' \
     WHEN s.live_edition IS NOT NULL THEN 'published' ELSE s.status END";
/// A next edition is being worked on while an earlier one is live, in SQL
/// (see [`crate::model::Workflow::has_draft`]).
const WITH_DRAFT: &str = "s.live_edition IS NOT NULL AND s.live_edition < s.edition";
/// A story's date: its first publication, else its last update.
const STORY_DATE: &str = "coalesce(s.published_at, s.updated_at)";
const FROM: &str = "FROM stories s LEFT JOIN editions e ON e.story_id = s.id AND e.number = s.live_edition";

/// PostgreSQL's text search configuration (simple words, diacritics folded).
const PG_CONFIG: &str = "'factdesk'";

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SearchHit {
    #[ts(type = "number")]
    pub id: StoryId,
    pub headline: String,
    pub status: Status,
    /// First publication, else last update.
    pub date: DateTime<Utc>,
    /// Where the best match is: "headline", "fact 3", "source 2's article
    /// text"… (empty when the query had only filters).
    pub field: String,
    /// The field to open, when there is one.
    pub target: Option<crate::checks::Target>,
    /// The match in context.
    pub snippet: Vec<SnippetPart>,
}

/// The filters of a query as SQL conditions and their values.
/// How a story is checked against the outlet filter: among few candidates
/// (a full-text match), each story's own rows are read through its key;
/// among all stories, the set of stories citing the outlet is built once
/// from the outlet index.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(in crate::store) enum Candidates {
    Few,
    All,
}

pub(in crate::store) fn filter_conditions(
    db: &Db,
    q: &Query,
    conds: &mut Vec<String>,
    values: &mut Vec<Arg<'static>>,
    candidates: Candidates,
) {
    for outlet in &q.outlets {
        values.push(Arg::from(outlet.clone()));
        let n = values.len();
        conds.push(match (db.dialect(), candidates) {
            (Dialect::Postgres, _) => format!(
                "s.id IN (SELECT story_id FROM sources WHERE lower(outlet) = lower(?{n}) \
                 UNION SELECT story_id FROM narratives WHERE lower(outlet) = lower(?{n}))"
            ),
            // `+outlet` keeps SQLite from choosing the outlet index here.
            (Dialect::Sqlite, Candidates::Few) => format!(
                "(EXISTS (SELECT 1 FROM sources x WHERE x.story_id = s.id AND +x.outlet = ?{n} COLLATE NOCASE) \
                 OR EXISTS (SELECT 1 FROM narratives x WHERE x.story_id = s.id AND +x.outlet = ?{n} COLLATE NOCASE))"
            ),
            (Dialect::Sqlite, Candidates::All) => format!(
                "s.id IN (SELECT story_id FROM sources WHERE outlet = ?{n} COLLATE NOCASE \
                 UNION SELECT story_id FROM narratives WHERE outlet = ?{n} COLLATE NOCASE)"
            ),
        });
    }
    if let Some(status) = q.status {
        values.push(Arg::from(status.as_str().to_string()));
        conds.push(format!("{LIST_STATUS} = ?{}", values.len()));
    }
    if let Some(before) = q.before {
        values.push(Arg::from(before.to_string()));
        conds.push(format!("{STORY_DATE} < ?{}", values.len()));
    }
    if let Some(after) = q.after {
        values.push(Arg::from(after.to_string()));
        conds.push(format!("{STORY_DATE} >= ?{}", values.len()));
    }
}

fn status_of(s: &str) -> Result<Status> {
    Status::parse(s).ok_or_else(|| crate::store::tables::bad_value("status", s))
}

/// A full-text match in SQL: the condition, the tables it reads, the
/// ranking and the statement that marks matches in one story.
struct MatchSql {
    matched: String,
    from: String,
    order: String,
    marks: String,
}

fn match_sql(db: &Db) -> MatchSql {
    match db.dialect() {
        Dialect::Sqlite => {
            let weights: Vec<String> = COLUMNS.iter().map(|(_, w)| w.to_string()).collect();
            let highlights: Vec<String> = (0..COLUMNS.len())
                .map(|i| format!("highlight(story_search, {i}, char(57344), char(57345))"))
                .collect();
            MatchSql {
                matched: "story_search MATCH ?1".into(),
                from: "FROM story_search JOIN stories s ON s.id = story_search.rowid".into(),
                order: format!("ORDER BY bm25(story_search, {})", weights.join(", ")),
                marks: format!(
                    "SELECT {} FROM story_search WHERE story_search MATCH ?1 AND rowid = ?2",
                    highlights.join(", ")
                ),
            }
        }
        Dialect::Postgres => {
            let options = "HighlightAll=true, StartSel=\u{E000}, StopSel=\u{E001}";
            let highlights: Vec<String> = COLUMNS
                .iter()
                .map(|(c, _)| format!("ts_headline({PG_CONFIG}, {c}, q, '{options}')"))
                .collect();
            MatchSql {
                matched: format!("x.doc @@ to_tsquery({PG_CONFIG}, ?1)"),
                from: "FROM story_search x JOIN stories s ON s.id = x.story_id".into(),
                order: format!(
                    "ORDER BY ts_rank('{{0.05, 0.15, 0.3, 1.0}}', x.doc, to_tsquery({PG_CONFIG}, ?1)) DESC, s.id DESC"
                ),
                marks: format!(
                    "SELECT {} FROM story_search, to_tsquery({PG_CONFIG}, ?1) q WHERE story_id = ?2",
                    highlights.join(", ")
                ),
            }
        }
    }
}

/// The tables and conditions of query `q` (`FROM … WHERE …`), their values,
/// and for a full-text query how it ranks and marks.
fn matching(db: &Db, q: &Query) -> (String, Vec<Arg<'static>>, Option<MatchSql>) {
    let mut conds = Vec::new();
    let mut values: Vec<Arg> = Vec::new();
    let (Some(text), Some(tsquery)) = (&q.text, &q.tsquery) else {
        filter_conditions(db, q, &mut conds, &mut values, Candidates::All);
        return (format!("{FROM} {}", where_clause(&conds)), values, None);
    };
    let m = match_sql(db);
    values.push(Arg::from(match db.dialect() {
        Dialect::Sqlite => text.clone(),
        Dialect::Postgres => tsquery.clone(),
    }));
    conds.push(m.matched.clone());
    filter_conditions(db, q, &mut conds, &mut values, Candidates::Few);
    let from = format!(
        "{} LEFT JOIN editions e ON e.story_id = s.id AND e.number = s.live_edition {}",
        m.from,
        where_clause(&conds)
    );
    (from, values, Some(m))
}

/// How many stories match `q`.
pub fn count_matches(db: &Db, q: &Query) -> Result<u32> {
    let (from, values, _) = matching(db, q);
    db.value(&format!("SELECT count(*) {from}"), &values)
}

/// The stories matching `q`, best first, `limit` of them from `offset`.
pub fn search(db: &Db, q: &Query, offset: usize, limit: usize) -> Result<Vec<SearchHit>> {
    let (from, values, m) = matching(db, q);
    let Some(m) = m else {
        // Filters only: the most recently updated matching stories (in the
        // order of an index, so the first ones come without sorting them all).
        let sql = format!(
            "SELECT s.id, s.headline, {LIST_STATUS}, {STORY_DATE} {from} \
             ORDER BY s.updated_at DESC, s.id DESC LIMIT {limit} OFFSET {offset}"
        );
        return db.rows(&sql, &values, |r| {
            Ok(SearchHit {
                id: r.get(0)?,
                headline: r.get(1)?,
                status: status_of(&r.get::<String>(2)?)?,
                date: parse_ts(&r.get::<String>(3)?)?,
                field: String::new(),
                target: None,
                snippet: vec![SnippetPart {
                    text: r.get(1)?,
                    hit: false,
                }],
            })
        });
    };
    // Rank first, with nothing costly in the rows: SQLite's sorter computes
    // every selected column for every match before it keeps the best.
    let sql = format!(
        "SELECT s.id, s.headline, {LIST_STATUS}, {STORY_DATE} {from} {} LIMIT {limit} OFFSET {offset}",
        m.order
    );
    let rows: Vec<(StoryId, String, String, String)> = db.rows(&sql, &values, |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })?;
    mark(db, &m.marks, &values[0], rows)
}

/// Marks the matches in the few stories kept and names the field of the best.
fn mark(
    db: &Db,
    marks: &str,
    query_arg: &Arg<'static>,
    rows: Vec<(StoryId, String, String, String)>,
) -> Result<Vec<SearchHit>> {
    rows.into_iter()
        .map(|(id, headline, status, date)| {
            let columns: Vec<String> = db
                .row(marks, &[query_arg.clone(), Arg::from(id)], |r| {
                    (0..COLUMNS.len())
                        .map(|i| r.get::<Option<String>>(i).map(Option::unwrap_or_default))
                        .collect::<Result<Vec<_>>>()
                })?
                .unwrap_or_default();
            // The headline and summary need nothing else; other parts need the story.
            let located = match search::first_marked(&columns) {
                Some(c) if c < 2 => search::locate(&crate::model::Story::new(""), &columns),
                Some(_) => search::locate(&crate::store::ops::content::load(db, id)?.story, &columns),
                None => None,
            };
            Ok(SearchHit {
                id,
                headline,
                status: status_of(&status)?,
                date: parse_ts(&date)?,
                field: located.as_ref().map(|l| l.field.clone()).unwrap_or_default(),
                target: located.as_ref().map(|l| l.target.clone()),
                snippet: located.map(|l| l.snippet).unwrap_or_default(),
            })
        })
        .collect()
}

/// The conditions, always leaving out stories in the trash.
fn where_clause(conds: &[String]) -> String {
    let mut all = vec![NOT_TRASHED.to_string()];
    all.extend(conds.iter().cloned());
    format!("WHERE {}", all.join(" AND "))
}

/// Stories in the trash are in no list, search or count.
const NOT_TRASHED: &str = "s.trashed_at IS NULL";

/// How the paged list is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum SortBy {
    /// Most recently updated first.
    #[default]
    Updated,
    /// Most recently published first (drafts last).
    Published,
    /// By headline, A to Z.
    Headline,
}

/// Which stories the paged list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ListRequest {
    /// A state as the list shows it (`status:` values), or none for all.
    pub status: Option<Status>,
    /// Only stories with a next edition being worked on while an earlier one
    /// is live ("Published with a draft" with `status` published).
    #[serde(default)]
    pub with_draft: bool,
    /// Only stories that cite this outlet (a source's or a narrative's).
    pub outlet: Option<String>,
    /// Only stories whose date is on or after / before these days (YYYY-MM-DD).
    pub after: Option<String>,
    pub before: Option<String>,
    pub sort: SortBy,
    pub offset: u32,
    pub limit: u32,
    /// Keyset paging: the rows after this one in the sort (the previous
    /// page's [`ListPage::next`]); `offset` is then not used. Every page
    /// costs what the first does, and a story added or deleted between
    /// pages neither repeats nor hides another.
    #[serde(default)]
    #[ts(optional)]
    pub from: Option<ListCursor>,
}

/// Where a page of the list ends: the last row's sort key and id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ListCursor {
    /// The sort's value on that row (updated or published time as stored,
    /// or the headline); none for a story never published.
    pub key: Option<String>,
    pub id: StoryId,
}

/// One page of the story list. Counting every match costs time in
/// proportion to the desk, so it is asked for apart ([`count`]) and the first
/// rows never wait for it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ListPage {
    pub listing: StoryListing,
    /// Whether more rows follow this page.
    pub more: bool,
    /// Where this page ends, to ask for the next one (when `more`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub next: Option<ListCursor>,
}

fn day(value: &Option<String>, what: &str) -> Result<Option<chrono::NaiveDate>> {
    value
        .as_deref()
        .filter(|v| !v.trim().is_empty())
        .map(|v| {
            chrono::NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").map_err(|_| {
                crate::error::Error::BadInput {
                    path: "story list".into(),
                    why: format!("the {what} date must look like 2026-11-01, not {v:?}"),
                }
            })
        })
        .transpose()
}

fn list_query(db: &Db, req: &ListRequest) -> Result<(String, Vec<Arg<'static>>)> {
    let q = Query {
        text: None,
        tsquery: None,
        outlets: req
            .outlet
            .iter()
            .filter(|o| !o.trim().is_empty())
            .cloned()
            .collect(),
        status: req.status,
        before: day(&req.before, "before")?,
        after: day(&req.after, "after")?,
    };
    let mut conds = Vec::new();
    let mut values = Vec::new();
    filter_conditions(db, &q, &mut conds, &mut values, Candidates::All);
    if req.with_draft {
        conds.push(WITH_DRAFT.to_string());
    }
    if let Some(cursor) = &req.from {
        conds.push(after_cursor(db, req.sort, cursor, &mut values));
    }
    Ok((where_clause(&conds), values))
}

/// The rows after `cursor` in `sort`'s order (see [`page`]'s ORDER BY).
fn after_cursor(db: &Db, sort: SortBy, cursor: &ListCursor, values: &mut Vec<Arg<'static>>) -> String {
    values.push(Arg::from(cursor.id));
    let id = values.len();
    let key = cursor.key.clone().map(|k| {
        values.push(Arg::from(k));
        values.len()
    });
    match (sort, key) {
        (SortBy::Updated, Some(k)) => {
            format!("(s.updated_at < ?{k} OR (s.updated_at = ?{k} AND s.id < ?{id}))")
        }
        (SortBy::Published, Some(k)) => format!(
            "(s.published_at < ?{k} OR (s.published_at = ?{k} AND s.id < ?{id}) OR s.published_at IS NULL)"
        ),
        // Past the published stories: the never published, by id.
        (SortBy::Published, None) => format!("(s.published_at IS NULL AND s.id < ?{id})"),
        (SortBy::Headline, Some(k)) => {
            let (h, v) = (db.nocase("s.headline"), db.nocase(&format!("?{k}")));
            format!("({h} > {v} OR ({h} = {v} AND s.id > ?{id}))")
        }
        // A cursor without the key its sort needs: from the start.
        (_, None) => "1 = 1".into(),
    }
}

/// The cursor of row `id` in `sort`.
fn cursor_of(db: &Db, sort: SortBy, id: StoryId) -> Result<Option<ListCursor>> {
    let column = match sort {
        SortBy::Updated => "updated_at",
        SortBy::Published => "published_at",
        SortBy::Headline => "headline",
    };
    let key: Option<Option<String>> = db.row(
        &format!("SELECT {column} FROM stories WHERE id = ?1"),
        &[Arg::from(id)],
        |r| r.get(0),
    )?;
    Ok(key.map(|key| ListCursor { key, id }))
}

/// One page of the story list.
pub fn page(db: &Db, req: &ListRequest) -> Result<ListPage> {
    let (filter, values) = list_query(db, req)?;
    let order = match req.sort {
        SortBy::Updated => "s.updated_at DESC, s.id DESC".to_string(),
        // Never published last. SQLite sorts NULL below every value, so
        // DESC puts them last and its index (published_at DESC, id DESC)
        // serves the order as it is; PostgreSQL says it, and has the index
        // to match (schema 13). A leading `published_at IS NULL` would
        // keep either from its index and sort the whole desk.
        SortBy::Published => match db.dialect() {
            Dialect::Sqlite => "s.published_at DESC, s.id DESC".to_string(),
            Dialect::Postgres => "s.published_at DESC NULLS LAST, s.id DESC".to_string(),
        },
        SortBy::Headline => format!("{}, s.id", db.nocase("s.headline")),
    };
    let limit = req.limit.clamp(1, 1000);
    let offset = if req.from.is_some() { 0 } else { req.offset };
    // One row more than asked says whether another page follows.
    let sql = format!(
        "SELECT s.id, s.status, s.headline, s.updated_at, s.edition, s.live_edition, e.state {FROM} {filter} \
         ORDER BY {order} LIMIT {} OFFSET {offset}",
        limit + 1,
    );
    let mut listing = stories::collect(db, &sql, &values)?;
    let more = listing.stories.len() > limit as usize;
    listing.stories.truncate(limit as usize);
    let next = match (more, listing.stories.last()) {
        (true, Some(last)) => cursor_of(db, req.sort, last.id)?,
        _ => None,
    };
    Ok(ListPage { listing, more, next })
}

/// How many stories the list's filters let through.
pub fn count(db: &Db, req: &ListRequest) -> Result<u32> {
    let (filter, values) = list_query(db, req)?;
    let sql = if filter == where_clause(&[]) {
        // No join needed to count every story: SQLite counts a table fast,
        // and the trash through its own partial index.
        "SELECT (SELECT count(*) FROM stories) - (SELECT count(*) FROM stories WHERE trashed_at IS NOT NULL)"
            .to_string()
    } else {
        format!("SELECT count(*) {FROM} {filter}")
    };
    db.value(&sql, &values)
}

/// A page of search results and how many stories match in all.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SearchPage {
    pub hits: Vec<SearchHit>,
    pub total: u32,
}

/// How far into the results a page may start: ranking skips every row before
/// it, so deep pages cost as much as the whole result.
pub const MAX_SEARCH_OFFSET: usize = 10_000;

/// How long one search may run before it is stopped.
pub const SEARCH_BUDGET: std::time::Duration = std::time::Duration::from_secs(1);

/// What an editor reads when a search ran out of time.
pub const TOO_LONG: &str = "the search took too long and was stopped; use fewer or more specific words";

impl crate::store::handle::Store {
    /// Every story, most recently updated first; rows that cannot be read
    /// are named in [`StoryListing::unreadable`] instead of failing the list.
    pub fn list_stories(&self) -> Result<StoryListing> {
        self.read(crate::store::tables::stories::list)
    }

    /// The stories matching `query` (see [`crate::search::parse`]), best first.
    ///
    /// The search runs within [`SEARCH_BUDGET`]: SQLite's progress handler
    /// interrupts it, a server cancels it; either way it is a `bad-query`
    /// error that says so, and the store is as it was.
    pub fn search(&mut self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        self.search_within(query, limit, SEARCH_BUDGET)
    }

    /// [`Store::search`] with another time budget.
    pub fn search_within(
        &mut self,
        query: &str,
        limit: usize,
        budget: std::time::Duration,
    ) -> Result<Vec<SearchHit>> {
        let q = search::parse(query).map_err(|e| crate::error::Error::BadQuery(e.to_string()))?;
        if q.is_empty() {
            return Ok(Vec::new());
        }
        let limit = limit.clamp(1, 500);
        self.bounded(budget, |conn| search(conn, &q, 0, limit))
    }

    /// `limit` of the stories matching `query` from `offset`, best first,
    /// and how many match in all — each statement within [`SEARCH_BUDGET`].
    pub fn search_page(&mut self, query: &str, offset: usize, limit: usize) -> Result<SearchPage> {
        let q = search::parse(query).map_err(|e| crate::error::Error::BadQuery(e.to_string()))?;
        if q.is_empty() {
            return Ok(SearchPage::default());
        }
        let limit = limit.clamp(1, 500);
        let offset = offset.min(MAX_SEARCH_OFFSET);
        self.bounded(SEARCH_BUDGET, |conn| {
            Ok(SearchPage {
                hits: search(conn, &q, offset, limit)?,
                total: count_matches(conn, &q)?,
            })
        })
    }

    /// Runs the read `f` stopped after `budget`: SQLite's progress handler
    /// interrupts it, a server cancels it; either is a `bad-query` error.
    fn bounded<T>(&mut self, budget: std::time::Duration, f: impl Fn(&Db) -> Result<T>) -> Result<T> {
        if let Some(server) = &self.server {
            return server.read_within(budget, f);
        }
        let deadline = std::time::Instant::now() + budget;
        if let Some(conn) = self.conn.as_mut() {
            conn.progress_handler(1_000, Some(move || std::time::Instant::now() > deadline))?;
        }
        let found = self.read(f);
        if let Some(conn) = self.conn.as_mut() {
            conn.progress_handler(0, None::<fn() -> bool>)?;
        }
        found.map_err(|e| match e.interrupted() {
            true => crate::error::Error::BadQuery(TOO_LONG.into()),
            false => e,
        })
    }

    /// One page of the story list, filtered and sorted.
    pub fn list_page(&self, req: &ListRequest) -> Result<ListPage> {
        self.read(|conn| page(conn, req))
    }

    /// How many stories the list's filters let through.
    pub fn list_count(&self, req: &ListRequest) -> Result<u32> {
        self.read(|conn| count(conn, req))
    }
}
