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
//! [`add`] counts many stories the tables do not count yet in a few
//! statements (a merge's, and [`fill`]'s: every story, the migration's
//! step).

use crate::error::Result;
use crate::model::{Stance, StoryId};
use crate::store::engine::db::{args, value_rows, Arg, Db};
use crate::store::tables::Span;
use std::collections::{BTreeMap, HashMap, HashSet};

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

/// Sums per (day, kind, outlet, domain): items and citations.
type DaySums = BTreeMap<(String, &'static str, String, String), (i64, i64)>;

/// Brings story `id`'s coverage rows in step with the story as stored.
pub fn refresh(db: &Db, id: StoryId) -> Result<()> {
    take_back(db, id)?;
    add(db, &[id])
}

/// Adds what each of the stories `ids` adds, for stories the coverage does
/// not count yet (new to the desk, or just taken back): a few statements
/// for all of them, whatever their number (a merge adds a chunk at a time,
/// the migration the whole desk).
pub fn add(db: &Db, ids: &[StoryId]) -> Result<()> {
    let (Some(&lo), Some(&hi)) = (ids.iter().min(), ids.iter().max()) else {
        return Ok(());
    };
    // Read by their range, and only `ids` kept (a range may hold stories
    // that are not the caller's: a merge's new ids among a busy desk's).
    // Read by the list of ids instead, a 10,000-story merge onto a server
    // took 5 s longer (its tables grow inside the one transaction).
    let wanted: HashSet<StoryId> = ids.iter().copied().collect();
    let span = Span::Range(lo, hi);
    let (cond, args) = span.condition("id");
    let days: Vec<(StoryId, String, Option<String>)> = db.rows(
        &format!("SELECT id, coalesce(published_at, updated_at), trashed_at FROM stories WHERE {cond}"),
        &args,
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let mut each = contributions(db, span)?;
    let (mut stories, mut parts, mut sums) = (Vec::new(), Vec::new(), DaySums::new());
    for (id, date, _) in days
        .into_iter()
        .filter(|(id, _, trashed)| wanted.contains(id) && trashed.is_none())
    {
        let day: String = date.chars().take(10).collect();
        let (story_parts, lacks) = each.remove(&id).unwrap_or_default().sum_up();
        stories.push(vec![Arg::from(id), Arg::from(day.clone()), Arg::from(lacks)]);
        for ((kind, outlet, domain), (items, citations)) in story_parts {
            let sum = sums
                .entry((day.clone(), kind, outlet.clone(), domain.clone()))
                .or_default();
            *sum = (sum.0 + items, sum.1 + citations);
            parts.push(vec![
                Arg::from(id),
                Arg::from(kind),
                Arg::from(outlet),
                Arg::from(domain),
                Arg::from(items),
                Arg::from(citations),
            ]);
        }
    }
    db.insert_rows("coverage_stories", "story_id, day, lacks", stories)?;
    db.insert_rows(
        "coverage_parts",
        "story_id, kind, outlet, domain, items, citations",
        parts,
    )?;
    add_to_days(db, &sums)
}

/// Adds `sums` to the day sums, many per statement (each key once in a
/// statement: a server refuses to update a row twice in one).
fn add_to_days(db: &Db, sums: &DaySums) -> Result<()> {
    let rows: Vec<_> = sums.iter().collect();
    for chunk in rows.chunks(500) {
        let mut values_args = Vec::with_capacity(6 * chunk.len());
        for ((day, kind, outlet, domain), (items, citations)) in chunk {
            values_args.extend([
                Arg::from(day),
                Arg::from(*kind),
                Arg::from(outlet),
                Arg::from(domain),
                Arg::from(*items),
                Arg::from(*citations),
            ]);
        }
        db.execute(
            &format!(
                "INSERT INTO coverage_days (day, kind, outlet, domain, items, citations)
                 VALUES {}
                 ON CONFLICT (day, kind, outlet, domain) DO UPDATE
                 SET items = coverage_days.items + excluded.items,
                     citations = coverage_days.citations + excluded.citations",
                value_rows(chunk.len(), 6)
            ),
            &values_args,
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

/// A story's rows that coverage counts: its sources (outlet, URL, how
/// often cited) and its narratives (outlet, stance).
#[derive(Default)]
struct Counted {
    sources: Vec<(String, String, i64)>,
    narratives: Vec<(String, String)>,
}

impl Counted {
    /// What the story adds, and which side it lacks.
    fn sum_up(self) -> (Parts, String) {
        let mut parts = Parts::new();
        for (outlet, url, cited) in self.sources.into_iter().filter(|s| s.2 > 0) {
            let domain = crate::registry::host_of(&url).unwrap_or_default();
            let sum = parts.entry(("source", outlet, domain)).or_default();
            *sum = (sum.0 + 1, sum.1 + cited);
        }
        let has = |stance: Stance| self.narratives.iter().any(|(_, s)| s == stance.as_str());
        let lacks = lacking(has(Stance::EstablishmentCritical), has(Stance::ProEstablishment)).to_string();
        for (outlet, _) in self.narratives {
            parts.entry(("narrative", outlet, String::new())).or_default().0 += 1;
        }
        (parts, lacks)
    }
}

/// The counted rows of the stories of `span`, by story.
fn contributions(db: &Db, span: Span) -> Result<HashMap<StoryId, Counted>> {
    let mut each: HashMap<StoryId, Counted> = HashMap::new();
    let (cond, args) = span.condition("src.story_id");
    db.each(
        &format!(
            "SELECT src.story_id, src.outlet, src.url,
                    (SELECT count(*) FROM citations c WHERE c.story_id = src.story_id AND c.source_id = src.id)
             FROM sources src WHERE {cond}"
        ),
        &args,
        |r| {
            each.entry(r.get(0)?)
                .or_default()
                .sources
                .push((r.get(1)?, r.get(2)?, r.get(3)?));
            Ok(())
        },
    )?;
    let (cond, args) = span.condition("story_id");
    db.each(
        &format!("SELECT story_id, outlet, stance FROM narratives WHERE {cond}"),
        &args,
        |r| {
            each.entry(r.get(0)?)
                .or_default()
                .narratives
                .push((r.get(1)?, r.get(2)?));
            Ok(())
        },
    )?;
    Ok(each)
}

/// Counts every story into coverage tables that count none (migration
/// 0010's step, which makes them), a thousand at a time, saying how far it
/// got.
pub fn fill(db: &Db) -> Result<()> {
    let ids: Vec<StoryId> = db.rows("SELECT id FROM stories ORDER BY id", args![], |r| r.get(0))?;
    let total = ids.len();
    let mut done = 0;
    for chunk in ids.chunks(1000) {
        add(db, chunk)?;
        done += chunk.len();
        crate::store::engine::migrations::progress("counting the desk's coverage", done, total);
    }
    Ok(())
}
