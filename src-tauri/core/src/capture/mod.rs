//! Sources straight from the web: a page fetched by its URL, read into an
//! article, kept as a dated snapshot, and rechecked later.
//!
//! Contract: [`capture`] fetches a URL within [`Limits`] and returns a
//! [`Capture`] — the readable text (Mozilla's Readability, through
//! `dom_smoothie`), the title, byline, date and publisher (JSON-LD, then Open
//! Graph and meta tags), the canonical URL, the outlet the registry knows by
//! the page's domain (else the publisher's name, marked as a suggestion) and
//! the [`Snapshot`] to keep. It never touches the store; a failure is a
//! [`Failure`] worded in one line. [`changes`] turns a story's kept
//! snapshots into its `source-changed-since-cited` and `source-gone`
//! findings.

mod changes;
mod decode;
mod extract;
mod fetch;
mod jsonld;
mod prescan;
mod snapshot;
pub mod words;

pub use changes::{changes, findings, SourceHistory};
pub use decode::{decode, encoding_of};
pub use extract::{extract, Extracted};
pub use fetch::{fetch, fetch_feed, Conditional, Fetched, Limits, Page};
pub use snapshot::{sha256_hex as snapshot_digest, Snapshot, SnapshotSummary};

use crate::error::{Error, ErrorCode};
use crate::model::{Source, SourceId};
use crate::registry::Registry;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::sync::atomic::AtomicBool;
use ts_rs::TS;

/// Why a page could not be captured, in words an editor can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Failure {
    #[error("{0} is not a web address (http or https)")]
    NotWeb(String),
    #[error("the site's name could not be found (no network, or a mistyped address)")]
    Dns,
    #[error("the site did not answer within {0} s")]
    Timeout(u64),
    #[error("the secure connection failed ({0})")]
    Tls(String),
    #[error("the site could not be reached ({0})")]
    Connection(String),
    #[error("the site answered {0} {reason}", reason = status_reason(*.0))]
    Status(u16),
    #[error("the page is larger than {} MB", .0 / (1024 * 1024))]
    TooLarge(u64),
    #[error("the page redirected more than {0} times")]
    Redirects(u32),
    #[error("it is {}, not a web page", if .0.is_empty() { "not HTML" } else { .0.as_str() })]
    NotHtml(String),
    #[error("no article text was found on the page")]
    NoArticle,
    #[error(
        "the page's HTML is too deeply nested or too large to read (over {} levels or {} elements)",
        extract::MAX_DEPTH,
        extract::MAX_ELEMENTS
    )]
    TooComplex,
    #[error("cancelled")]
    Cancelled,
}

fn status_reason(code: u16) -> &'static str {
    http_reason(code).unwrap_or("(an error)")
}

fn http_reason(code: u16) -> Option<&'static str> {
    Some(match code {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        410 => "Gone",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => return None,
    })
}

impl Failure {
    /// The store's error for this failure, naming the URL; nothing was saved.
    pub fn into_error(self, url: &str) -> Error {
        let code = match self {
            Failure::Cancelled => ErrorCode::Cancelled,
            _ => ErrorCode::FetchFailed,
        };
        Error::Refused {
            code,
            message: words::capture_failed(url.trim(), &self.to_string()),
        }
    }
}

/// Where a captured source's outlet came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum OutletFrom {
    /// The registry knows the page's domain.
    Registry,
    /// The page's publisher, not in the registry: the editor confirms it.
    Publisher,
    /// Neither: the page's host name, for the editor to replace.
    Host,
}

/// A page read into a source, with the snapshot to keep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Capture {
    /// The address the editor gave.
    pub url: String,
    pub source: Source,
    pub outlet_from: OutletFrom,
    pub byline: Option<String>,
    /// The page's canonical address (its `<link rel=canonical>`, JSON-LD or
    /// `og:url`), used for the duplicate check.
    pub canonical_url: String,
    /// One line for the editor about the outlet, when it needs confirming.
    pub outlet_note: Option<String>,
    #[serde(skip)]
    #[ts(skip)]
    pub snapshot: Snapshot,
}

/// Fetches and reads `url` into a [`Capture`] at time `now`.
pub fn capture(
    url: &str,
    registry: &Registry,
    limits: &Limits,
    cancel: &AtomicBool,
    now: DateTime<Utc>,
) -> Result<Capture, Failure> {
    let page = match fetch(url, limits, &Conditional::default(), cancel)? {
        Fetched::Page(page) if (200..300).contains(&page.status) => page,
        Fetched::Page(page) => return Err(Failure::Status(page.status)),
        Fetched::NotModified => return Err(Failure::Status(304)),
    };
    let html = decode(&page.body, page.charset.as_deref());
    let extracted = extract(&html, &page.final_url)?;
    if extracted.text.trim().is_empty() {
        return Err(Failure::NoArticle);
    }
    let snapshot = Snapshot::of(url, &page, &extracted.text, now);
    Ok(read_into_source(url, extracted, registry, snapshot))
}

fn read_into_source(url: &str, page: Extracted, registry: &Registry, snapshot: Snapshot) -> Capture {
    let canonical_url = page.canonical_url.clone();
    let (outlet, outlet_from) = outlet_for(
        &canonical_url,
        &snapshot.final_url,
        page.publisher.as_deref(),
        registry,
    );
    let outlet_note = match outlet_from {
        OutletFrom::Registry => None,
        OutletFrom::Publisher => Some(words::outlet_from_publisher(&outlet)),
        OutletFrom::Host => Some(words::outlet_from_host(&outlet)),
    };
    Capture {
        url: url.trim().to_string(),
        source: Source {
            id: SourceId::new(),
            outlet,
            url: canonical_url.clone(),
            title: page.title,
            published_on: page.published_on,
            saved_text: page.text,
            captured_at: Some(snapshot.fetched_at),
        },
        outlet_from,
        byline: page.byline,
        canonical_url,
        outlet_note,
        snapshot,
    }
}

fn outlet_for(
    canonical: &str,
    final_url: &str,
    publisher: Option<&str>,
    registry: &Registry,
) -> (String, OutletFrom) {
    if let Some(o) = registry.by_url(canonical).or_else(|| registry.by_url(final_url)) {
        return (o.name.clone(), OutletFrom::Registry);
    }
    if let Some(name) = publisher.map(str::trim).filter(|p| !p.is_empty()) {
        return match registry.by_name(name) {
            Some(o) => (o.name.clone(), OutletFrom::Registry),
            None => (name.to_string(), OutletFrom::Publisher),
        };
    }
    let host = url::Url::parse(final_url)
        .ok()
        .and_then(|u| u.host_str().map(|h| h.trim_start_matches("www.").to_string()))
        .unwrap_or_default();
    (host, OutletFrom::Host)
}

/// The number of `story`'s source citing the article `capture` read (by
/// canonical URL, the address asked for or the one redirected to), if any.
pub fn cited_already(story: &crate::model::Story, capture: &Capture) -> Option<usize> {
    let wanted: Vec<String> = [&capture.canonical_url, &capture.url, &capture.snapshot.final_url]
        .iter()
        .filter_map(|u| crate::urls::canonical(u))
        .collect();
    let numbering = crate::numbering::Numbering::of(story);
    story
        .sources
        .iter()
        .find(|s| crate::urls::canonical(&s.url).is_some_and(|c| wanted.contains(&c)))
        .and_then(|s| numbering.number(s.id))
}

/// Whether two readable texts say the same words (spacing aside).
pub fn same_text(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}
