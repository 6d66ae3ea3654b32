//! `migrate`, `backup`, `backups`, `restore-backup`, `doctor`, `db copy` and
//! `db reindex`, `db compact`: looking after the database itself.

use crate::database;
use crate::output::{json_line, stdout_line, Failure};
use factdesk_core::store::{migrations, Store};
use std::path::Path;

pub fn migrate(db: Option<&Path>) -> Result<u8, Failure> {
    let store = database::write(db)?;
    if store.migration_backup().is_none() {
        stdout_line(&format!(
            "{} is at schema version {} already; nothing to do",
            store.path().display(),
            migrations::latest()
        ))?;
    }
    Ok(0)
}

pub fn reindex(db: Option<&Path>) -> Result<u8, Failure> {
    let mut store = database::write(db)?;
    let stories = store.rebuild_search_index()?;
    stdout_line(&factdesk_core::wording::reindexed(stories))?;
    Ok(0)
}

pub fn compact(db: Option<&Path>) -> Result<u8, Failure> {
    let mut store = database::write(db)?;
    let sizes = store.compact()?;
    stdout_line(&factdesk_core::wording::compacted(sizes.before, sizes.after))?;
    Ok(0)
}

pub fn copy(from: &Path, to: &Path, mode: factdesk_core::store::copy::Mode) -> Result<u8, Failure> {
    let source = database::read(Some(from))?;
    let mut target = database::write(Some(to))?;
    let report = factdesk_core::store::copy::copy_desk(&source, &mut target, mode)?;
    for uid in &report.skipped {
        eprintln!("factdesk: note: a story with uid {uid} is in both; the copy kept the one already there");
    }
    for c in &report.conflicts {
        let rating = |o: &factdesk_core::model::Outlet| {
            let n = |r: Option<u8>| r.map_or("-".to_string(), |n| n.to_string());
            format!("LR {} CP {}", n(o.lr), n(o.cp))
        };
        eprintln!(
            "factdesk: conflict: outlet {:?} is {} on the desk and {} in {}; {}",
            c.desk.name,
            rating(&c.desk),
            rating(&c.source),
            source.path().display(),
            if c.replaced {
                "took the source's (--prefer source)"
            } else {
                "kept the desk's (--prefer source takes the other)"
            }
        );
    }
    if report.drafted > 0 {
        eprintln!(
            "factdesk: note: {} merged stories arrived as drafts; publish them through this desk's workflow",
            report.drafted
        );
    }
    stdout_line(&format!(
        "copied {} stories and {} outlets from {} to {}",
        report.stories,
        report.outlets,
        source.path().display(),
        target.path().display()
    ))?;
    Ok(0)
}

pub fn backup(db: Option<&Path>, output: Option<&Path>) -> Result<u8, Failure> {
    let store = database::read(db)?;
    let taken = store.backup_to(output)?;
    stdout_line(&taken.display().to_string())?;
    Ok(0)
}

pub fn list_backups(db: Option<&Path>, json: bool) -> Result<u8, Failure> {
    let path = database::file_only(db, "listing backups")?;
    let backups = factdesk_core::store::backup::list(&path);
    if json {
        json_line(&backups)?;
        return Ok(0);
    }
    for b in backups {
        stdout_line(&format!(
            "{}  {:<14}  v{}  {:>9} KB  {}",
            b.taken_at.format("%Y-%m-%d %H:%M:%S"),
            b.reason.as_str(),
            b.version,
            b.bytes.div_ceil(1024),
            b.path.display()
        ))?;
    }
    Ok(0)
}

pub fn restore(db: Option<&Path>, from: &Path) -> Result<u8, Failure> {
    let path = database::file_only(db, "restoring a backup")?;
    // A damaged database is exactly the one to restore: no integrity check.
    let mut store = Store::open_to_restore(&path)?;
    let before = store.restore_backup(from)?;
    stdout_line(&format!(
        "restored {} into {}; what it held before is backed up at {}",
        from.display(),
        store.path().display(),
        before.display()
    ))?;
    Ok(0)
}

pub fn doctor(db: Option<&Path>, json: bool) -> Result<u8, Failure> {
    let store = database::read(db)?;
    let health = store.doctor()?;
    let status = if health.healthy() { 0 } else { 1 };
    if json {
        json_line(&health)?;
        return Ok(status);
    }
    stdout_line(&format!(
        "{}: schema version {} (this build: {}), {} stories",
        store.path().display(),
        health.schema_version,
        health.latest_version,
        health.stories
    ))?;
    let section = |name: &str, rows: &[String]| -> Result<(), Failure> {
        if rows.is_empty() {
            return stdout_line(&format!("{name}: ok"));
        }
        stdout_line(&format!("{name}: {} problem(s)", rows.len()))?;
        rows.iter().try_for_each(|r| stdout_line(&format!("  {r}")))
    };
    section("integrity", &health.integrity)?;
    section("foreign keys", &health.foreign_keys)?;
    let unreadable: Vec<String> = health
        .unreadable
        .iter()
        .map(|u| match u.id {
            Some(id) => format!("story {id}: {}", u.problem),
            None => u.problem.clone(),
        })
        .collect();
    section("stories", &unreadable)?;
    match health.backups.first() {
        Some(b) => stdout_line(&format!(
            "backups: {} (newest {}, {})",
            health.backups.len(),
            b.taken_at.format("%Y-%m-%d %H:%M UTC"),
            b.path.display()
        ))?,
        None => stdout_line("backups: none beside the database (take one with `factdesk backup`)")?,
    }
    Ok(status)
}
