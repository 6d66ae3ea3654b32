//! The `coverage_stories`, `coverage_parts` and `coverage_days` tables: what
//! each story adds to the desk's coverage, and those sums per day, so a
//! period's coverage is a range read of its days (migration 0010).
//!
//! Contract: [`refresh`] runs in the transaction of every write of a story
//! and brings its rows in step with the story as stored: it takes back what
//! the story added before (from its own rows) and adds what it adds now —
//! each cited source counted once per (outlet, URL host) with its citations,
//! each narrative per outlet, the side it lacks — on the story's day (first
//! publication, else last update); a story in the trash adds nothing.
//! [`fill`] does it for every story (the migration's step).

use crate::error::Result;
use crate::model::{Stance, StoryId};
use crate::store::engine::db::{args, Db};
use std::collections::BTreeMap;

/// Which side's narrative a story lacks, as the Coverage view names it
/// ("" when it has both): the one wording of the day sums and of a scan.
pub(in crate::store) fn lacking(critical: bool, pro: bool) -> &'static str {
    match (critical, pro) {
        (true, true) => "",
        (false, true) => "establishment-critical",
        (true, false) => "pro-establishment",
        (false, false) => "establishment-critical and pro-establishment",
    }
}

/// What one story adds: per (kind, outlet, domain), items and citations.
type Parts = BTreeMap<(&'static str, String, String), (i64, i64)>;

/// Brings story `id`'s coverage rows in step with the story as stored.
pub fn refresh(db: &Db, id: StoryId) -> Result<()> {
    take_back(db, id)?;
    let Some((date, trashed)): Option<(String, Option<String>)> = db.row(
        "SELECT coalesce(published_at, updated_at), trashed_at FROM stories WHERE id = ?1",
        args![id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?
    else {
        return Ok(());
    };
    if trashed.is_some() {
        return Ok(());
    }
    let day: String = date.chars().take(10).collect();
    let (parts, lacks) = contribution(db, id)?;
    db.execute(
        "INSERT INTO coverage_stories (story_id, day, lacks) VALUES (?1, ?2, ?3)",
        args![id, &day, lacks],
    )?;
    for ((kind, outlet, domain), (items, citations)) in &parts {
        db.execute(
            "INSERT INTO coverage_parts (story_id, kind, outlet, domain, items, citations)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            args![id, *kind, outlet, domain, *items, *citations],
        )?;
        db.execute(
            "INSERT INTO coverage_days (day, kind, outlet, domain, items, citations)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (day, kind, outlet, domain) DO UPDATE
             SET items = coverage_days.items + excluded.items,
                 citations = coverage_days.citations + excluded.citations",
            args![&day, *kind, outlet, domain, *items, *citations],
        )?;
    }
    Ok(())
}

/// Takes back from the day sums what story `id` added, and forgets it.
fn take_back(db: &Db, id: StoryId) -> Result<()> {
    let Some(day): Option<String> = db.row(
        "SELECT day FROM coverage_stories WHERE story_id = ?1",
        args![id],
        |r| r.get(0),
    )?
    else {
        return Ok(());
    };
    let parts: Vec<(String, String, String, i64, i64)> = db.rows(
        "SELECT kind, outlet, domain, items, citations FROM coverage_parts WHERE story_id = ?1",
        args![id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    for (kind, outlet, domain, items, citations) in &parts {
        db.execute(
            "UPDATE coverage_days SET items = items - ?5, citations = citations - ?6
             WHERE day = ?1 AND kind = ?2 AND outlet = ?3 AND domain = ?4",
            args![&day, kind, outlet, domain, *items, *citations],
        )?;
    }
    db.execute(
        "DELETE FROM coverage_days WHERE day = ?1 AND items <= 0 AND citations <= 0",
        args![&day],
    )?;
    db.execute("DELETE FROM coverage_parts WHERE story_id = ?1", args![id])?;
    db.execute("DELETE FROM coverage_stories WHERE story_id = ?1", args![id])?;
    Ok(())
}

/// What story `id` adds, from its rows, and which side it lacks.
fn contribution(db: &Db, id: StoryId) -> Result<(Parts, String)> {
    let mut parts = Parts::new();
    let sources: Vec<(String, String, i64)> = db.rows(
        "SELECT src.outlet, src.url,
                (SELECT count(*) FROM citations c WHERE c.story_id = src.story_id AND c.source_id = src.id)
         FROM sources src WHERE src.story_id = ?1",
        args![id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    for (outlet, url, cited) in sources.into_iter().filter(|s| s.2 > 0) {
        let domain = crate::registry::host_of(&url).unwrap_or_default();
        let sum = parts.entry(("source", outlet, domain)).or_default();
        *sum = (sum.0 + 1, sum.1 + cited);
    }
    let narratives: Vec<(String, String)> = db.rows(
        "SELECT outlet, stance FROM narratives WHERE story_id = ?1",
        args![id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let has = |stance: Stance| narratives.iter().any(|(_, s)| s == stance.as_str());
    let lacks = lacking(has(Stance::EstablishmentCritical), has(Stance::ProEstablishment)).to_string();
    for (outlet, _) in narratives {
        parts.entry(("narrative", outlet, String::new())).or_default().0 += 1;
    }
    Ok((parts, lacks))
}

/// Brings every story's coverage rows in step (migration 0010's step),
/// saying how far it got.
pub fn fill(db: &Db) -> Result<()> {
    let ids: Vec<StoryId> = db.rows("SELECT id FROM stories ORDER BY id", args![], |r| r.get(0))?;
    let total = ids.len();
    for (i, id) in ids.into_iter().enumerate() {
        refresh(db, id)?;
        if (i + 1) % 1000 == 0 || i + 1 == total {
            crate::store::engine::migrations::progress("counting the desk's coverage", i + 1, total);
        }
    }
    Ok(())
}
