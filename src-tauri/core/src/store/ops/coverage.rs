//! The desk's coverage over a period: what was published, where the sourcing
//! leans, which outlets carry the desk, which stories lack a second narrative.
//!
//! Contract: [`Store::coverage`] reads only. A story is in the period when
//! its date (first publication, else last update) is on or after `since`
//! and before `until`, and, with a query, when it matches it (the search's
//! language). Lean is counted as the attribution review counts it — each
//! cited source's outlet, as the registry knows it by name, alias or URL
//! domain, on the LR and CP axes with unrated outlets apart — summed over
//! the desk; the unrated share is of citations.

use crate::error::{Error, Result};
use crate::registry::Registry;
use crate::review::Histogram;
use crate::store::engine::db::{Arg, Db, Dialect};
use crate::store::handle::Store;
use crate::store::ops::search as story_search;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

/// How many outlets and stories the lists keep at most.
const TOP: usize = 10;
const MISSING_LISTED: usize = 100;

/// One outlet and how often the desk cited it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct OutletCount {
    pub name: String,
    pub citations: u32,
    pub lr: Option<u8>,
    pub cp: Option<u8>,
}

/// A story that still lacks a narrative on one side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MissingNarrative {
    #[ts(type = "number")]
    pub id: i64,
    pub headline: String,
    /// "establishment-critical", "pro-establishment" or both, joined by " and ".
    pub missing: String,
}

/// The desk's coverage over a period.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Coverage {
    pub since: NaiveDate,
    pub until: NaiveDate,
    /// Stories whose date falls in the period (and match the query).
    pub stories: u32,
    /// Stories first published in the period.
    pub published: u32,
    /// Corrections (editions after the first) published in the period.
    pub corrected: u32,
    /// The cited sources' outlets.
    pub sources: Histogram,
    /// The narratives' outlets.
    pub narratives: Histogram,
    pub citations: u32,
    pub unrated_citations: u32,
    /// `unrated_citations / citations`, 0 when there are none.
    pub unrated_share: f64,
    /// The outlets cited most, most first.
    pub top_outlets: Vec<OutletCount>,
    /// How many stories lack a narrative on one side, and the first of them.
    pub missing_narrative_total: u32,
    pub missing_narrative: Vec<MissingNarrative>,
}

impl Store {
    /// The coverage of stories dated from `since` up to (not including) `until`.
    pub fn coverage(&self, since: NaiveDate, until: NaiveDate, query: Option<&str>) -> Result<Coverage> {
        if since >= until {
            return Err(Error::BadQuery(format!(
                "the period must start before it ends ({since} to {until})"
            )));
        }
        let q = match query.map(str::trim).filter(|q| !q.is_empty()) {
            Some(text) => crate::search::parse(text).map_err(|e| Error::BadQuery(e.to_string()))?,
            None => crate::search::Query::default(),
        };
        let registry = self.registry()?;
        // The whole desk reads the day sums kept as stories are written; a
        // query or a filter narrows to stories, which are read one by one.
        let by_days = q.is_empty();
        self.read(|db| compute(db, &registry, since, until, &q, by_days))
    }

    /// [`Store::coverage`] read from every story's rows, never from the day
    /// sums: what the sums must always agree with (tests compare the two).
    #[doc(hidden)]
    pub fn coverage_scanned(&self, since: NaiveDate, until: NaiveDate) -> Result<Coverage> {
        let registry = self.registry()?;
        let q = crate::search::Query::default();
        self.read(|db| compute(db, &registry, since, until, &q, false))
    }
}

/// The ids of the stories in scope, as a subquery, with its values.
fn scope(
    db: &Db,
    since: NaiveDate,
    until: NaiveDate,
    q: &crate::search::Query,
) -> (String, Vec<Arg<'static>>) {
    let mut conds = vec![
        "coalesce(s.published_at, s.updated_at) >= ?1".to_string(),
        "coalesce(s.published_at, s.updated_at) < ?2".to_string(),
    ];
    let mut values = vec![Arg::from(since.to_string()), Arg::from(until.to_string())];
    story_search::filter_conditions(
        db,
        q,
        &mut conds,
        &mut values,
        story_search::Candidates::CitingSet,
    );
    match (db.dialect(), &q.text, &q.tsquery) {
        (Dialect::Sqlite, Some(text), _) => {
            values.push(Arg::from(text.clone()));
            conds.push(format!(
                "s.id IN (SELECT rowid FROM story_search WHERE story_search MATCH ?{})",
                values.len()
            ));
        }
        (Dialect::Postgres, _, Some(tsquery)) => {
            values.push(Arg::from(tsquery.clone()));
            conds.push(format!(
                "s.id IN (SELECT story_id FROM story_search WHERE doc @@ to_tsquery('factdesk', ?{}))",
                values.len()
            ));
        }
        _ => {}
    }
    (
        format!(
            "SELECT s.id FROM stories s LEFT JOIN editions e ON e.story_id = s.id AND e.number = s.live_edition WHERE s.trashed_at IS NULL AND {}",
            conds.join(" AND ")
        ),
        values,
    )
}

/// The rows coverage is tallied from, read from the day sums or from the
/// stories themselves; both give the same figures.
struct Rows {
    stories: u32,
    published: u32,
    corrected: u32,
    /// (outlet, URL, sources, citations): the URL only needs its host.
    sources: Vec<(String, String, u32, u32)>,
    /// (outlet, narratives).
    narratives: Vec<(String, u32)>,
    /// (id, headline, what it lacks), most recently updated first.
    lacking: Vec<(i64, String, String)>,
    lacking_total: u32,
}

fn compute(
    db: &Db,
    registry: &Registry,
    since: NaiveDate,
    until: NaiveDate,
    q: &crate::search::Query,
    by_days: bool,
) -> Result<Coverage> {
    let rows = match by_days {
        true => from_days(db, since, until)?,
        false => from_stories(db, since, until, q)?,
    };
    Ok(tally(registry, since, until, rows))
}

/// The rows of the day sums (`coverage_days`, `coverage_stories`).
fn from_days(db: &Db, since: NaiveDate, until: NaiveDate) -> Result<Rows> {
    let values = [Arg::from(since.to_string()), Arg::from(until.to_string())];
    let in_period =
        "coalesce(s.published_at, s.updated_at) >= ?1 AND coalesce(s.published_at, s.updated_at) < ?2";
    let sum = |kind: &str| {
        format!(
            "SELECT outlet, domain, CAST(sum(items) AS BIGINT), CAST(sum(citations) AS BIGINT) FROM coverage_days
             WHERE kind = '{kind}' AND day >= ?1 AND day < ?2 GROUP BY outlet, domain"
        )
    };
    let mut rows = Rows {
        stories: db.value(
            "SELECT count(*) FROM coverage_stories WHERE day >= ?1 AND day < ?2",
            &values,
        )?,
        published: db.value(
            "SELECT count(*) FROM stories WHERE published_at >= ?1 AND published_at < ?2 AND trashed_at IS NULL",
            &values,
        )?,
        corrected: db.value(
            &format!(
                "SELECT count(*) FROM editions e JOIN stories s ON s.id = e.story_id
                 WHERE e.number > 1 AND e.published_at >= ?1 AND e.published_at < ?2
                   AND s.trashed_at IS NULL AND {in_period}"
            ),
            &values,
        )?,
        sources: db.rows(&sum("source"), &values, |r| {
            let domain: String = r.get(1)?;
            Ok((r.get(0)?, format!("https://{domain}/"), r.get(2)?, r.get(3)?))
        })?,
        narratives: db.rows(&sum("narrative"), &values, |r| Ok((r.get(0)?, r.get(2)?)))?,
        lacking: Vec::new(),
        lacking_total: 0,
    };
    db.each(
        "SELECT cs.story_id, s.headline, cs.lacks FROM coverage_stories cs JOIN stories s ON s.id = cs.story_id
         WHERE cs.lacks <> '' AND cs.day >= ?1 AND cs.day < ?2 ORDER BY s.updated_at DESC, s.id DESC",
        &values,
        |r| {
            rows.lacking_total += 1;
            if rows.lacking.len() < MISSING_LISTED {
                rows.lacking.push((r.get(0)?, r.get(1)?, r.get(2)?));
            }
            Ok(())
        },
    )?;
    Ok(rows)
}

/// The rows of the stories in scope themselves (a query narrows them).
fn from_stories(db: &Db, since: NaiveDate, until: NaiveDate, q: &crate::search::Query) -> Result<Rows> {
    let (ids, values) = scope(db, since, until, q);
    let count = |sql: String| -> Result<u32> { db.value(&sql, &values) };
    let mut rows = Rows {
        stories: count(format!("SELECT count(*) FROM ({ids}) AS scope"))?,
        published: count(format!(
            "SELECT count(*) FROM stories WHERE published_at >= ?1 AND published_at < ?2 AND id IN ({ids})"
        ))?,
        corrected: count(format!(
            "SELECT count(*) FROM editions WHERE number > 1 AND published_at >= ?1 AND published_at < ?2 AND story_id IN ({ids})"
        ))?,
        sources: db.rows(
            &format!(
                "SELECT src.outlet, src.url, count(DISTINCT src.story_id || ' ' || src.id), count(*)
                 FROM sources src JOIN citations c ON c.story_id = src.story_id AND c.source_id = src.id
                 WHERE src.story_id IN ({ids}) GROUP BY src.outlet, src.url"
            ),
            &values,
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?,
        narratives: db.rows(
            &format!("SELECT outlet, count(*) FROM narratives WHERE story_id IN ({ids}) GROUP BY outlet"),
            &values,
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?,
        lacking: Vec::new(),
        lacking_total: 0,
    };
    let lacking = format!(
        "SELECT s.id, s.headline,
                EXISTS (SELECT 1 FROM narratives n WHERE n.story_id = s.id AND n.stance = 'establishment-critical'),
                EXISTS (SELECT 1 FROM narratives n WHERE n.story_id = s.id AND n.stance = 'pro-establishment')
         FROM stories s WHERE s.id IN ({ids}) ORDER BY s.updated_at DESC, s.id DESC"
    );
    db.each(&lacking, &values, |r| {
        let missing = crate::store::tables::coverage_index::lacking(r.get(2)?, r.get(3)?);
        if missing.is_empty() {
            return Ok(());
        }
        rows.lacking_total += 1;
        if rows.lacking.len() < MISSING_LISTED {
            rows.lacking.push((r.get(0)?, r.get(1)?, missing.into()));
        }
        Ok(())
    })?;
    Ok(rows)
}

/// The figures of `rows`, with each outlet as the registry knows it.
fn tally(registry: &Registry, since: NaiveDate, until: NaiveDate, rows: Rows) -> Coverage {
    let mut sources = Histogram::default();
    let (mut citations, mut unrated) = (0u32, 0u32);
    let mut by_outlet: HashMap<String, OutletCount> = HashMap::new();
    for (outlet, url, n_sources, n_citations) in rows.sources {
        let source = crate::model::Source {
            outlet,
            url,
            ..Default::default()
        };
        let known = registry.for_source(&source);
        let (lr, cp) = known.map_or((None, None), |o| (o.lr, o.cp));
        for _ in 0..n_sources {
            sources.add(lr, cp);
        }
        citations += n_citations;
        if lr.is_none() && cp.is_none() {
            unrated += n_citations;
        }
        let name = known.map_or_else(|| source.outlet.trim().to_string(), |o| o.name.clone());
        if name.is_empty() {
            continue;
        }
        by_outlet
            .entry(name.to_lowercase())
            .or_insert(OutletCount {
                name,
                citations: 0,
                lr,
                cp,
            })
            .citations += n_citations;
    }
    let mut top_outlets: Vec<OutletCount> = by_outlet.into_values().collect();
    top_outlets.sort_by(|a, b| b.citations.cmp(&a.citations).then_with(|| a.name.cmp(&b.name)));
    top_outlets.truncate(TOP);
    // Narrative outlets whatever their case, under the greatest spelling.
    let mut by_name: HashMap<String, (String, u32)> = HashMap::new();
    for (outlet, n) in rows.narratives {
        let entry = by_name
            .entry(outlet.to_lowercase())
            .or_insert((outlet.clone(), 0));
        entry.0 = entry.0.clone().max(outlet);
        entry.1 += n;
    }
    let mut narratives = Histogram::default();
    for (outlet, n) in by_name.into_values() {
        let (lr, cp) = registry.by_name(&outlet).map_or((None, None), |o| (o.lr, o.cp));
        for _ in 0..n {
            narratives.add(lr, cp);
        }
    }
    Coverage {
        since,
        until,
        stories: rows.stories,
        published: rows.published,
        corrected: rows.corrected,
        sources,
        narratives,
        citations,
        unrated_citations: unrated,
        unrated_share: if citations == 0 {
            0.0
        } else {
            f64::from(unrated) / f64::from(citations)
        },
        top_outlets,
        missing_narrative_total: rows.lacking_total,
        missing_narrative: rows
            .lacking
            .into_iter()
            .map(|(id, headline, missing)| MissingNarrative {
                id,
                headline,
                missing,
            })
            .collect(),
    }
}
