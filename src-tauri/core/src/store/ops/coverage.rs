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
        self.read(|db| compute(db, &registry, since, until, &q))
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
    story_search::filter_conditions(db, q, &mut conds, &mut values, story_search::Candidates::All);
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

fn compute(
    db: &Db,
    registry: &Registry,
    since: NaiveDate,
    until: NaiveDate,
    q: &crate::search::Query,
) -> Result<Coverage> {
    let (ids, values) = scope(db, since, until, q);
    let count = |sql: String| -> Result<u32> { db.value(&sql, &values) };
    let stories = count(format!("SELECT count(*) FROM ({ids}) AS scope"))?;
    let published = count(format!(
        "SELECT count(*) FROM stories WHERE published_at >= ?1 AND published_at < ?2 AND id IN ({ids})"
    ))?;
    let corrected = count(format!(
        "SELECT count(*) FROM editions WHERE number > 1 AND published_at >= ?1 AND published_at < ?2 AND story_id IN ({ids})"
    ))?;

    let mut sources = Histogram::default();
    let mut citations = 0u32;
    let mut unrated = 0u32;
    let mut by_outlet: HashMap<String, OutletCount> = HashMap::new();
    let cited = format!(
        "SELECT src.outlet, src.url, count(DISTINCT src.story_id || ' ' || src.id), count(*)
         FROM sources src JOIN citations c ON c.story_id = src.story_id AND c.source_id = src.id
         WHERE src.story_id IN ({ids}) GROUP BY src.outlet, src.url"
    );
    db.each(&cited, &values, |r| {
        let source = crate::model::Source {
            outlet: r.get(0)?,
            url: r.get(1)?,
            ..Default::default()
        };
        let (n_sources, n_citations): (u32, u32) = (r.get(2)?, r.get(3)?);
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
            return Ok(());
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
        Ok(())
    })?;
    let mut top_outlets: Vec<OutletCount> = by_outlet.into_values().collect();
    top_outlets.sort_by(|a, b| b.citations.cmp(&a.citations).then_with(|| a.name.cmp(&b.name)));
    top_outlets.truncate(TOP);

    let mut narratives = Histogram::default();
    let outlets = format!(
        "SELECT max(outlet), count(*) FROM narratives WHERE story_id IN ({ids}) GROUP BY {}",
        db.nocase("outlet")
    );
    db.each(&outlets, &values, |r| {
        let outlet: String = r.get(0)?;
        let n: u32 = r.get(1)?;
        let (lr, cp) = registry.by_name(&outlet).map_or((None, None), |o| (o.lr, o.cp));
        for _ in 0..n {
            narratives.add(lr, cp);
        }
        Ok(())
    })?;

    let lacking = format!(
        "SELECT s.id, s.headline,
                EXISTS (SELECT 1 FROM narratives n WHERE n.story_id = s.id AND n.stance = 'establishment-critical'),
                EXISTS (SELECT 1 FROM narratives n WHERE n.story_id = s.id AND n.stance = 'pro-establishment')
         FROM stories s WHERE s.id IN ({ids})"
    );
    let mut missing_narrative = Vec::new();
    let mut missing_total = 0u32;
    db.each(&format!("{lacking} ORDER BY s.updated_at DESC"), &values, |r| {
        let (critical, pro): (bool, bool) = (r.get(2)?, r.get(3)?);
        if critical && pro {
            return Ok(());
        }
        missing_total += 1;
        if missing_narrative.len() < MISSING_LISTED {
            let missing = match (critical, pro) {
                (false, false) => "establishment-critical and pro-establishment",
                (false, true) => "establishment-critical",
                _ => "pro-establishment",
            };
            missing_narrative.push(MissingNarrative {
                id: r.get(0)?,
                headline: r.get(1)?,
                missing: missing.into(),
            });
        }
        Ok(())
    })?;
    Ok(Coverage {
        since,
        until,
        stories,
        published,
        corrected,
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
        missing_narrative_total: missing_total,
        missing_narrative,
    })
}
