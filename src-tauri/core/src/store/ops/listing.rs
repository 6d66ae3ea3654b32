//! The paged story list: its filters, sorts and keyset pages.
//!
//! Contract: [`page`] lists stories a page at a time, filtered and sorted by
//! indexed columns, never loading the whole list; a page asked for after
//! another ([`ListRequest::from`]) costs what the first does; [`count`]
//! counts what the filters let through, apart, so the first rows never wait
//! for it. The filters are written as search's (`store::ops::search`).

use crate::error::Result;
use crate::model::{Status, StoryId};
use crate::search::Query;
use crate::store::engine::db::{Arg, Db, Dialect};
use crate::store::ops::search::{filter_conditions, outlet_candidates, where_clause, FROM};
use crate::store::tables::stories;
use crate::store::tables::stories::StoryListing;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A next edition is being worked on while an earlier one is live, in SQL
/// (see [`crate::model::Workflow::has_draft`]).
const WITH_DRAFT: &str = "s.live_edition IS NOT NULL AND s.live_edition < s.edition";

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

impl ListRequest {
    /// Whether any filter narrows the list (a state, an outlet, a date).
    pub fn filters(&self) -> bool {
        let given = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.trim().is_empty());
        self.status.is_some()
            || self.with_draft
            || given(&self.outlet)
            || given(&self.after)
            || given(&self.before)
    }
}

/// How many stories the list's filters let through, and the line the
/// window shows for it ([`crate::list_words::list_count`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ListCount {
    pub total: u32,
    pub line: String,
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
    /// What the window says when some of the page's stories cannot be read
    /// ([`crate::list_words::unreadable`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub problem: Option<String>,
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
    filter_conditions(
        db,
        &q,
        &mut conds,
        &mut values,
        outlet_candidates(db, &q.outlets)?,
    );
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
    // Row values, which both engines read as a range of the sort's index;
    // the same condition spelled with OR has SQLite read the index from its
    // start on every page.
    match (sort, key) {
        (SortBy::Updated, Some(k)) => format!("(s.updated_at, s.id) < (?{k}, ?{id})"),
        (SortBy::Published, Some(k)) => {
            format!("((s.published_at, s.id) < (?{k}, ?{id}) OR s.published_at IS NULL)")
        }
        // Past the published stories: the never published, by id.
        (SortBy::Published, None) => format!("(s.published_at IS NULL AND s.id < ?{id})"),
        (SortBy::Headline, Some(k)) => {
            // SQLite takes a range of its NOCASE index only from a bare
            // column compared to a NOCASE value: that term leads.
            let (h, v) = (db.nocase("s.headline"), db.nocase(&format!("?{k}")));
            let from = match db.dialect() {
                Dialect::Sqlite => format!("s.headline >= {v}"),
                Dialect::Postgres => format!("{h} >= {v}"),
            };
            format!("({from} AND ({h}, s.id) > ({v}, ?{id}))")
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

/// The order of the list under `sort`, in SQL over `stories s`.
fn order_by(db: &Db, sort: SortBy) -> String {
    match sort {
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
    }
}

/// Where a jump `offset` rows into the whole list lands: the cursor of the
/// row before it, from which the page is read as a keyset page. Skipping
/// rows by `OFFSET` in the page's own statement visits each skipped story
/// (its row, for the trash and the columns; by headline in no order the
/// table is kept in): dragging the scroll bar to the bottom of 100,000
/// stories cost 128 ms a page by headline. Here they are skipped in the
/// sort's index alone, the trash (a few rows) set apart: 6 ms. `None`
/// when the list is shorter.
fn jump(db: &Db, sort: SortBy, offset: u32) -> Result<Option<ListCursor>> {
    let before: Option<StoryId> = db.row(
        &format!(
            "SELECT s.id FROM stories s WHERE s.id NOT IN (SELECT id FROM stories WHERE trashed_at IS NOT NULL) \
             ORDER BY {} LIMIT 1 OFFSET {}",
            order_by(db, sort),
            offset - 1
        ),
        &[],
        |r| r.get(0),
    )?;
    match before {
        Some(id) => cursor_of(db, sort, id),
        None => Ok(None),
    }
}

/// One page of the story list.
pub fn page(db: &Db, req: &ListRequest) -> Result<ListPage> {
    let (filter, values) = list_query(db, req)?;
    // A jump into the whole list reads on from the row before it; with
    // filters, each skipped story must be checked against them anyway.
    if req.from.is_none() && req.offset > 0 && filter == where_clause(&[]) {
        if let Some(cursor) = jump(db, req.sort, req.offset)? {
            let from = ListRequest {
                from: Some(cursor),
                ..req.clone()
            };
            return page(db, &from);
        }
    }
    let order = order_by(db, req.sort);
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
    let problem = match listing.unreadable.is_empty() {
        true => None,
        false => Some(crate::list_words::unreadable(&listing.unreadable)),
    };
    Ok(ListPage {
        listing,
        more,
        next,
        problem,
    })
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

impl crate::store::handle::Store {
    /// One page of the story list, filtered and sorted.
    pub fn list_page(&self, req: &ListRequest) -> Result<ListPage> {
        self.read(|conn| page(conn, req))
    }

    /// How many stories the list's filters let through.
    pub fn list_count(&self, req: &ListRequest) -> Result<u32> {
        self.read(|conn| count(conn, req))
    }

    /// [`Self::list_count`] with the line the window shows under the list.
    pub fn list_count_line(&self, req: &ListRequest) -> Result<ListCount> {
        let total = self.list_count(req)?;
        Ok(ListCount {
            total,
            line: crate::list_words::list_count(total.into(), req.filters()),
        })
    }
}
