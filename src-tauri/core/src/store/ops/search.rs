//! The queries over the story list: search, the paged list and its
//! filters (the index they read is written by `store::tables::search_index`).
//!
//! Contract: [`search()`] ranks matches (the headline weighted most) and
//! names the field the best match is in. The paged list is
//! `store::ops::listing`'s (its types are named here too). On SQLite the
//! index is FTS5 ranked by bm25 (scored only where a match can reach the
//! page: `store::engine::ranking`); on PostgreSQL a `tsvector` column
//! ranked by `ts_rank` (see `engine/migrations/0006/postgres.sql`); both
//! fold case and diacritics.

use crate::error::Result;
use crate::model::{Status, Story, StoryId};
use crate::search::{self, Query, SnippetPart, COLUMNS};
use crate::store::engine::citing;
use crate::store::engine::db::{placeholders, Arg, Db, Dialect};
use crate::store::ops::search_ranked as ranked;
use crate::store::ops::{reading, search_marks};
use crate::store::tables::parse_ts;
use crate::store::tables::stories::StoryListing;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

pub use crate::store::ops::listing::{ListCount, ListCursor, ListPage, ListRequest, SortBy};

/// A story's state as the list shows it, in SQL (see [`crate::model::Workflow::list_status`]).
pub const LIST_STATUS: &str = "CASE WHEN e.state = 'withdrawn' THEN 'withdrawn' \
     WHEN s.live_edition IS NOT NULL THEN 'published' ELSE s.status END";
/// A story's date: its first publication, else its last update.
const STORY_DATE: &str = "coalesce(s.published_at, s.updated_at)";
pub(in crate::store) const FROM: &str =
    "FROM stories s LEFT JOIN editions e ON e.story_id = s.id AND e.number = s.live_edition";

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

/// How a story is checked against an outlet filter: through its own rows
/// (each story of a full-text match, or of a list scanned in its sort's
/// order while the outlet is common), or against the set of stories citing
/// the outlet, built once from the outlet index (see [`outlet_candidates`]):
/// read story by story (`CitingSet`, a small set), or only probed by the
/// matches of a full-text search (`MatchesProbeSet`: SQLite must not read
/// the set and look each of its stories up in the full-text index, which
/// for a large set is a second search per story).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(in crate::store) enum Candidates {
    EachStory,
    CitingSet,
    MatchesProbeSet,
}

/// Rows naming an outlet (sources' and narratives' apart) from which the
/// list checks each story in its sort's order instead of building the set.
const COMMON_OUTLET_ROWS: u32 = 1_000;

/// How the list checks stories against outlet filters. An outlet cited
/// throughout the desk fills a page within the first stories of the sort's
/// index, so each story is checked through its own rows and the scan stops
/// at the page; building and sorting the set of every story citing it would
/// cost in proportion to the desk. A rarely cited outlet is the other way
/// round: its set is small and a scan would read the whole desk to fill a
/// page. The probe reads at most [`COMMON_OUTLET_ROWS`] index entries per table.
pub(in crate::store) fn outlet_candidates(db: &Db, outlets: &[String]) -> Result<Candidates> {
    if outlets.is_empty() || db.dialect() == Dialect::Postgres {
        return Ok(Candidates::CitingSet);
    }
    for outlet in outlets {
        let mut common = false;
        for table in ["sources", "narratives"] {
            let rows: u32 = db.value(
                &format!(
                    "SELECT count(*) FROM (SELECT 1 FROM {table} WHERE outlet = ?1 COLLATE NOCASE LIMIT {COMMON_OUTLET_ROWS})"
                ),
                &[Arg::from(outlet.clone())],
            )?;
            if rows >= COMMON_OUTLET_ROWS {
                common = true;
                break;
            }
        }
        if !common {
            return Ok(Candidates::CitingSet);
        }
    }
    Ok(Candidates::EachStory)
}

/// The filters of a query as SQL conditions and their values.
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
            (Dialect::Postgres, _) => format!("s.id IN ({})", ranked::pg_citing(n)),
            // One seek per story into the outlet index, which holds
            // (outlet, story_id) since schema 15 (a story's own rows carry
            // the saved article text: reading them was five times slower).
            (Dialect::Sqlite, Candidates::EachStory) => format!(
                "(EXISTS (SELECT 1 FROM sources x WHERE x.outlet = ?{n} COLLATE NOCASE AND x.story_id = s.id) \
                 OR EXISTS (SELECT 1 FROM narratives x WHERE x.outlet = ?{n} COLLATE NOCASE AND x.story_id = s.id))"
            ),
            // `+s.id`: the set can only be probed, never drive the join.
            (Dialect::Sqlite, set) => format!(
                "{}s.id IN ({})",
                if set == Candidates::MatchesProbeSet { "+" } else { "" },
                citing::set_sql(n)
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
/// ranking.
struct MatchSql {
    matched: String,
    from: String,
    /// A match's rank as a number, lower is better on both backends.
    rank: String,
}

impl MatchSql {
    /// Best first; equal ranks newest first, the same on both backends.
    fn order(&self) -> String {
        format!("ORDER BY {}, s.id DESC", self.rank)
    }
}

/// A full-text match whose pages go up to the `best` matches.
fn match_sql(db: &Db, best: usize) -> MatchSql {
    let (from, rank) = match db.dialect() {
        Dialect::Sqlite => (
            "FROM story_search JOIN stories s ON s.id = story_search.rowid",
            ranked::bm25(best),
        ),
        Dialect::Postgres => (
            "FROM story_search x JOIN stories s ON s.id = x.story_id",
            ranked::pg_rank(),
        ),
    };
    MatchSql {
        matched: ranked::matched(db),
        from: from.into(),
        rank,
    }
}

/// The tables and conditions of query `q` (`FROM … WHERE …`), their values,
/// and for a full-text query how it ranks and marks. `counting`: the rows
/// are only counted (a filter then builds its set once instead of checking
/// every story of the desk); else the pages go up to the `best` matches.
fn matching(
    db: &Db,
    q: &Query,
    counting: bool,
    best: usize,
) -> Result<(String, Vec<Arg<'static>>, Option<MatchSql>)> {
    let mut conds = Vec::new();
    let mut values: Vec<Arg> = Vec::new();
    let (Some(text), Some(tsquery)) = (&q.text, &q.tsquery) else {
        let candidates = match counting {
            true => Candidates::CitingSet,
            false => outlet_candidates(db, &q.outlets)?,
        };
        filter_conditions(db, q, &mut conds, &mut values, candidates);
        return Ok((format!("{FROM} {}", where_clause(&conds)), values, None));
    };
    let m = match_sql(db, best);
    values.push(Arg::from(match db.dialect() {
        Dialect::Sqlite => text.clone(),
        Dialect::Postgres => tsquery.clone(),
    }));
    conds.push(m.matched.clone());
    let candidates = match q.outlets.is_empty() {
        true => Candidates::EachStory,
        false => text_candidates(db, q, text)?,
    };
    filter_conditions(db, q, &mut conds, &mut values, candidates);
    let from = format!(
        "{} LEFT JOIN editions e ON e.story_id = s.id AND e.number = s.live_edition {}",
        m.from,
        where_clause(&conds)
    );
    Ok((from, values, Some(m)))
}

/// Full-text matches past which an outlet filter is checked against the
/// set of stories citing the outlet rather than story by story.
const MANY_MATCHES: u32 = 1_000;

/// How the matches of `text` are checked against `q`'s outlet filters: a
/// rarely cited outlet's set is small, so it is built; a common outlet's is
/// built only when the words match many stories (checking each match
/// through its own rows would cost more), else each match is checked. The
/// probe reads at most [`MANY_MATCHES`] matches.
fn text_candidates(db: &Db, q: &Query, text: &str) -> Result<Candidates> {
    if db.dialect() == Dialect::Postgres || outlet_candidates(db, &q.outlets)? == Candidates::CitingSet {
        return Ok(Candidates::CitingSet);
    }
    let matches: u32 = db.value(
        &format!("SELECT count(*) FROM (SELECT rowid FROM story_search WHERE story_search MATCH ?1 LIMIT {MANY_MATCHES})"),
        &[Arg::from(text.to_string())],
    )?;
    Ok(match matches >= MANY_MATCHES {
        true => Candidates::MatchesProbeSet,
        false => Candidates::EachStory,
    })
}

/// How many stories match `q`.
pub fn count_matches(db: &Db, q: &Query) -> Result<u32> {
    if let Some(expr) = ranked::words_alone(db, q) {
        return ranked::count(db, expr);
    }
    let (from, values, _) = matching(db, q, true, 0)?;
    db.value(&format!("SELECT count(*) {from}"), &values)
}

/// `limit` of the stories matching `q` from `offset`, best first, and how
/// many match. Words are ranked and counted in one pass: the ranking reads
/// every match anyway, and a second statement counting them would read
/// the index (and check each against the filters) again (`kyiv
/// outlet:"CNN"` over 100,000 stories: 80 ms more). In the index the
/// ranking counts them ([`ranked::page_and_count`]); joined to the
/// stories, the page is chosen here, in the order of [`match_sql`] (rank,
/// then newest first).
pub fn page(db: &Db, q: &Query, offset: usize, limit: usize) -> Result<SearchPage> {
    if let Some(expr) = in_index(db, q)? {
        let (ids, total) = ranked::page_and_count(db, expr, &q.outlets, offset, limit)?;
        let total = match total {
            Some(total) => total,
            None => count_matches(db, q)?,
        };
        return Ok(SearchPage {
            hits: mark(db, q, rows_of(db, &ids)?)?,
            total,
            line: String::new(),
        });
    }
    if q.text.is_some() {
        let ranked = every_match_ranked(db, q, offset + limit)?;
        let total = u32::try_from(ranked.len()).unwrap_or(u32::MAX);
        let rows = rows_of(db, &best_first(ranked, offset, limit))?;
        return Ok(SearchPage {
            hits: mark(db, q, rows)?,
            total,
            line: String::new(),
        });
    }
    Ok(SearchPage {
        hits: search(db, q, offset, limit)?,
        total: count_matches(db, q)?,
        line: String::new(),
    })
}

/// The full-text expression of `q` when it is ranked in the index alone
/// (`store::ops::search_ranked`): words without filters, or with a common
/// outlet's ([`citing_in_index`]); `None` when the query needs the stories.
fn in_index<'q>(db: &Db, q: &'q Query) -> Result<Option<&'q str>> {
    match ranked::words_alone(db, q) {
        Some(text) => Ok(Some(text)),
        None => citing_in_index(db, q),
    }
}

/// Every match of `q`'s words that its filters keep, joined to the
/// stories, with its rank (exact for the `best`).
fn every_match_ranked(db: &Db, q: &Query, best: usize) -> Result<Vec<(f64, StoryId)>> {
    match matching(db, q, false, best)? {
        (from, values, Some(m)) => db.rows(&format!("SELECT {}, s.id {from}", m.rank), &values, |r| {
            Ok((r.get(0)?, r.get(1)?))
        }),
        (_, _, None) => Ok(Vec::new()),
    }
}

/// The ids of `limit` of the `ranked` matches from `offset`, in
/// [`MatchSql::order`].
fn best_first(mut ranked: Vec<(f64, StoryId)>, offset: usize, limit: usize) -> Vec<StoryId> {
    let order = |a: &(f64, StoryId), b: &(f64, StoryId)| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1));
    // Only the matches up to the page's end are put in order.
    let end = (offset + limit).min(ranked.len());
    if end > 0 && end < ranked.len() {
        ranked.select_nth_unstable_by(end - 1, order);
        ranked.truncate(end);
    }
    ranked.sort_unstable_by(order);
    ranked.into_iter().skip(offset).map(|(_, id)| id).collect()
}

/// The full-text expression of `q` when it is ranked in the index with its
/// outlet filters (`store::ops::search_ranked`): on PostgreSQL always (its
/// planner chooses how the outlet's stories are met); on SQLite for many
/// matches and a common outlet (a rare outlet's few stories are searched
/// one by one).
fn citing_in_index<'q>(db: &Db, q: &'q Query) -> Result<Option<&'q str>> {
    let Some(expr) = ranked::citing_alone(db, q) else {
        return Ok(None);
    };
    match db.dialect() {
        Dialect::Postgres => Ok(Some(expr)),
        Dialect::Sqlite => Ok((text_candidates(db, q, expr)? == Candidates::MatchesProbeSet).then_some(expr)),
    }
}

/// The stories matching `q`, best first, `limit` of them from `offset`.
pub fn search(db: &Db, q: &Query, offset: usize, limit: usize) -> Result<Vec<SearchHit>> {
    if let Some(expr) = in_index(db, q)? {
        let ids = ranked::page_ids(db, expr, &q.outlets, offset, limit)?;
        return mark(db, q, rows_of(db, &ids)?);
    }
    let (from, values, m) = matching(db, q, false, offset + limit)?;
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
        m.order()
    );
    let rows: Vec<Ranked> = db.rows(&sql, &values, |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })?;
    mark(db, q, rows)
}

/// The listed rows of stories `ids` (those out of the trash), in that order.
fn rows_of(db: &Db, ids: &[StoryId]) -> Result<Vec<Ranked>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // One statement for the page's stories, put back in the ranking's order.
    let args: Vec<Arg<'static>> = ids.iter().map(|&id| Arg::from(id)).collect();
    let mut found: HashMap<StoryId, Ranked> = db
        .rows(
            &format!(
                "SELECT s.id, s.headline, {LIST_STATUS}, {STORY_DATE} {FROM} WHERE s.id IN ({}) AND {NOT_TRASHED}",
                placeholders(1, ids.len())
            ),
            &args,
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?
        .into_iter()
        .map(|row: Ranked| (row.0, row))
        .collect();
    Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
}

/// A ranked row before its matches are marked: id, headline, state, date.
type Ranked = (StoryId, String, String, String);

/// Marks the matches in the few stories kept and names the field of the best,
/// the same way on both backends ([`search_marks`], FTS5's highlighting).
/// SQLite's index keeps no copy of the text, so each story is read and its
/// document made; PostgreSQL's index keeps the documents, read in one
/// statement, and the stories with a match past their summary are read
/// together.
fn mark(db: &Db, q: &Query, rows: Vec<Ranked>) -> Result<Vec<SearchHit>> {
    let Some(expression) = &q.text else {
        return rows
            .into_iter()
            .map(|row| hit(row, &Story::new(""), &[]))
            .collect();
    };
    let mut stories: HashMap<StoryId, Story> = HashMap::new();
    let docs = match db.dialect() {
        Dialect::Sqlite => {
            for (id, ..) in &rows {
                stories.insert(*id, reading::load(db, *id)?.story);
            }
            rows.iter()
                .map(|(id, ..)| (*id, search::document(&stories[id])))
                .collect()
        }
        Dialect::Postgres => stored_documents(db, &rows)?,
    };
    let mut marked = search_marks::marked(expression, &docs)?;
    // The headline and summary need nothing else; other parts need the
    // story, and those stories are read together.
    let wanted: Vec<StoryId> = rows
        .iter()
        .filter(|(id, ..)| !stories.contains_key(id))
        .filter(|(id, ..)| {
            marked
                .get(id)
                .and_then(|c| search::first_marked(c))
                .is_some_and(|c| c >= 2)
        })
        .map(|(id, ..)| *id)
        .collect();
    for (id, stored) in wanted.iter().zip(reading::load_many(db, &wanted)?) {
        stories.insert(*id, stored.story);
    }
    rows.into_iter()
        .map(|row| {
            let columns = marked.remove(&row.0).unwrap_or_default();
            let story = stories.remove(&row.0).unwrap_or_else(|| Story::new(""));
            hit(row, &story, &columns)
        })
        .collect()
}

/// The documents PostgreSQL's index keeps for the stories of `rows`.
fn stored_documents(db: &Db, rows: &[Ranked]) -> Result<Vec<(StoryId, search::Document)>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<Arg<'static>> = rows.iter().map(|(id, ..)| Arg::from(*id)).collect();
    let columns: Vec<&str> = COLUMNS.iter().map(|(c, _)| *c).collect();
    db.rows(
        &format!(
            "SELECT story_id, {} FROM story_search WHERE story_id IN ({})",
            columns.join(", "),
            placeholders(1, ids.len())
        ),
        &ids,
        |r| {
            let mut doc = search::Document::default();
            for (i, column) in doc.iter_mut().enumerate() {
                *column = r.get::<Option<String>>(i + 1)?.unwrap_or_default();
            }
            Ok((r.get(0)?, doc))
        },
    )
}

/// A search hit from its ranked row, its story and its marked columns.
fn hit(
    (id, headline, status, date): Ranked,
    story: &crate::model::Story,
    columns: &[String],
) -> Result<SearchHit> {
    let located = search::locate(story, columns);
    Ok(SearchHit {
        id,
        headline,
        status: status_of(&status)?,
        date: parse_ts(&date)?,
        field: located.as_ref().map(|l| l.field.clone()).unwrap_or_default(),
        target: located.as_ref().map(|l| l.target.clone()),
        snippet: located.map(|l| l.snippet).unwrap_or_default(),
    })
}

/// The conditions, always leaving out stories in the trash.
pub(in crate::store) fn where_clause(conds: &[String]) -> String {
    let mut all = vec![NOT_TRASHED.to_string()];
    all.extend(conds.iter().cloned());
    format!("WHERE {}", all.join(" AND "))
}

/// Stories in the trash are in no list, search or count.
const NOT_TRASHED: &str = "s.trashed_at IS NULL";

/// A page of search results and how many stories match in all.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SearchPage {
    pub hits: Vec<SearchHit>,
    pub total: u32,
    /// What the window shows under the hits: "50 of 1,234 stories", or
    /// "No story matches." ([`crate::list_words::search_count`]).
    pub line: String,
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
        let mut found = self.bounded(SEARCH_BUDGET, |conn| page(conn, &q, offset, limit))?;
        found.line = crate::list_words::search_count(offset + found.hits.len(), found.total.into());
        Ok(found)
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
}
