//! Every sentence the desk says about capturing and rechecking sources.
//!
//! Contract: plain text, written once here; the window and the CLI show
//! these and never word their own.

use chrono::{DateTime, Utc};

/// `2026-12-05 14:02 UTC`.
pub fn when(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

fn versions(n: usize) -> String {
    match n {
        1 => "1 later version".to_string(),
        n => format!("{n} later versions"),
    }
}

/// A fetch that failed: `URL: why; the story is unchanged`.
pub fn capture_failed(url: &str, why: &str) -> String {
    format!("{url}: {why}; the story is unchanged")
}

pub fn outlet_from_publisher(name: &str) -> String {
    format!("The outlet “{name}” is the page's publisher and is not in the registry: confirm it or pick one")
}

pub fn outlet_from_host(host: &str) -> String {
    format!("The page names no publisher and the registry does not know {host}: name its outlet")
}

/// The line on a captured source: `captured 2026-12-05 14:02 UTC, 1 later version`.
pub fn captured(at: DateTime<Utc>, later: usize, gone: Option<u16>) -> String {
    let mut line = format!("captured {}", when(at));
    if later > 0 {
        line.push_str(&format!(", {}", versions(later)));
    }
    if let Some(status) = gone {
        line.push_str(&format!("; the page is gone ({status})"));
    }
    line
}

/// The `source-gone` finding.
pub fn source_gone(n: usize, outlet: &str, status: u16, seen: DateTime<Utc>, cited: DateTime<Utc>) -> String {
    format!(
        "Source {n} ({outlet}): the page is gone (the site answered {status} on {}); the snapshot captured {} keeps the text you cited",
        when(seen),
        when(cited)
    )
}

/// The `source-changed-since-cited` finding; `lost` is what facts relied on.
pub fn source_changed(
    n: usize,
    outlet: &str,
    cited: DateTime<Utc>,
    seen: DateTime<Utc>,
    lost: &[String],
) -> String {
    let base = format!(
        "Source {n} ({outlet}): the article changed since it was cited (captured {}, changed text seen {})",
        when(cited),
        when(seen)
    );
    match lost {
        [] => format!("{base}; what the facts rely on is still there"),
        _ => format!("{base}; no longer in it: {}", lost.join(", ")),
    }
}

/// What a recheck did, for the CLI and the window.
pub fn recheck_summary(checked: usize, changed: usize, gone: usize, failed: usize) -> String {
    let sources = if checked == 1 { "source" } else { "sources" };
    let mut line = format!("rechecked {checked} {sources}: {changed} changed, {gone} gone");
    if failed > 0 {
        line.push_str(&format!(", {failed} could not be fetched"));
    }
    line
}

/// A capture of an article the story already cites.
pub fn cited_already(n: usize, url: &str) -> String {
    format!("source {n} already cites this article ({url}); nothing was added")
}

/// Adding a fetched source whose page the desk no longer holds.
pub fn capture_expired() -> String {
    "the fetched page is no longer held; fetch it again".to_string()
}
