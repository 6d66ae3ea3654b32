//! `search`, `coverage` and `watch`: finding stories, seeing the desk's sourcing,
//! and following colleagues' changes on a team database.

use crate::database;
use crate::output::{json_line, stdout_line, Failure};
use factdesk_core::search::snippet_text;
use factdesk_core::store::coverage::Coverage;
use std::path::Path;

pub fn search(db: Option<&Path>, query: &str, limit: usize, json: bool) -> Result<u8, Failure> {
    // A store opened for reading has nothing pending to index and no saves
    // to hold up: it searches itself (the desk would open a second
    // connection for it, which on a team database is a second login).
    let hits = database::read(db)?.search(query, limit)?;
    if json {
        let rows: Vec<serde_json::Value> = hits
            .iter()
            .map(|h| {
                serde_json::json!({
                    "id": h.id,
                    "headline": h.headline,
                    "status": h.status.as_str(),
                    "date": h.date.to_rfc3339(),
                    "field": h.field,
                    "snippet": snippet_text(&h.snippet),
                })
            })
            .collect();
        json_line(&rows)?;
        return Ok(0);
    }
    for h in &hits {
        stdout_line(&format!(
            "{:>6}  {:<10}  {}  {}",
            h.id,
            h.status.as_str(),
            h.date.format("%Y-%m-%d"),
            h.headline
        ))?;
        if !h.field.is_empty() {
            stdout_line(&format!("        {}: {}", h.field, snippet_text(&h.snippet)))?;
        }
    }
    if hits.is_empty() {
        eprintln!("factdesk: no story matches {query:?}");
    }
    Ok(0)
}

fn date(value: Option<&str>, default: chrono::NaiveDate, what: &str) -> Result<chrono::NaiveDate, Failure> {
    match value {
        None => Ok(default),
        Some(v) => chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .map_err(|_| Failure::usage(format!("--{what} needs a date like 2026-11-01, not {v:?}"))),
    }
}

pub fn coverage(
    db: Option<&Path>,
    since: Option<&str>,
    until: Option<&str>,
    query: Option<&str>,
    json: bool,
) -> Result<u8, Failure> {
    let today = chrono::Utc::now().date_naive();
    let until = date(until, today.succ_opt().unwrap_or(today), "until")?;
    let since = date(since, until - chrono::Duration::days(30), "since")?;
    let c = database::read(db)?.coverage(since, until, query)?;
    if json {
        json_line(&c)?;
    } else {
        print(&c)?;
    }
    Ok(0)
}

fn bars(counts: &[u32; 5], unrated: u32) -> String {
    let cells: Vec<String> = counts
        .iter()
        .enumerate()
        .map(|(i, n)| format!("{}:{n}", i + 1))
        .collect();
    format!("{}  unrated:{unrated}", cells.join(" "))
}

fn print(c: &Coverage) -> Result<(), Failure> {
    stdout_line(&format!(
        "{} to {}: {} stories, {} published, {} corrections",
        c.since,
        c.until.pred_opt().unwrap_or(c.until),
        c.stories,
        c.published,
        c.corrected
    ))?;
    stdout_line(&format!(
        "citations: {}, {} to unrated outlets ({:.0}%)",
        c.citations,
        c.unrated_citations,
        c.unrated_share * 100.0
    ))?;
    stdout_line(&format!(
        "sources    LR {}",
        bars(&c.sources.lr, c.sources.lr_unrated)
    ))?;
    stdout_line(&format!(
        "sources    CP {}",
        bars(&c.sources.cp, c.sources.cp_unrated)
    ))?;
    stdout_line(&format!(
        "narratives LR {}",
        bars(&c.narratives.lr, c.narratives.lr_unrated)
    ))?;
    stdout_line(&format!(
        "narratives CP {}",
        bars(&c.narratives.cp, c.narratives.cp_unrated)
    ))?;
    stdout_line("outlets cited most:")?;
    for o in &c.top_outlets {
        let rating = |r: Option<u8>| r.map_or("-".into(), |n| n.to_string());
        stdout_line(&format!(
            "  {:>5}  LR {} CP {}  {}",
            o.citations,
            rating(o.lr),
            rating(o.cp),
            o.name
        ))?;
    }
    stdout_line(&format!(
        "stories missing a narrative on one side: {}",
        c.missing_narrative_total
    ))?;
    for m in &c.missing_narrative {
        stdout_line(&format!("  {:>6}  needs {}: {}", m.id, m.missing, m.headline))?;
    }
    Ok(())
}

/// Prints the desk's story changes as they are announced, reconnecting
/// when the server comes back after being away.
pub fn watch(db: Option<&Path>, json: bool, count: Option<usize>) -> Result<u8, Failure> {
    let path = factdesk_core::paths::resolve_db(db)?;
    let Some(url) = crate::database::server_url(&path) else {
        return Err(factdesk_core::Error::BadInput {
            path,
            why: "watch needs a team database (postgres://…): a file has only one editor".into(),
        }
        .into());
    };
    let mut listener = factdesk_core::store::pg::Listener::connect(url)?;
    let mut seen = 0;
    loop {
        let changes = match listener.next(std::time::Duration::from_secs(30)) {
            Ok(changes) => changes,
            Err(e) if e.code() == "offline" => {
                eprintln!("factdesk: {e}; trying again in 5 s");
                std::thread::sleep(std::time::Duration::from_secs(5));
                if let Ok(again) = factdesk_core::store::pg::Listener::connect(url) {
                    listener = again;
                }
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        for c in changes {
            if json {
                crate::output::json_line(&c)?;
            } else {
                let by = if c.by.is_empty() {
                    String::new()
                } else {
                    format!(" by {}", c.by)
                };
                crate::output::stdout_line(&format!(
                    "story {}: {} (version {}, {}){by}",
                    c.story, c.kind, c.version, c.status
                ))?;
            }
            seen += 1;
            if count.is_some_and(|n| seen >= n) {
                return Ok(0);
            }
        }
    }
}
