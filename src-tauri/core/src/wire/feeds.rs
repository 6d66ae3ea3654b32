//! One feed's body read into wire items.
//!
//! Contract: [`read`] takes a feed as fetched (RSS 2.0, Atom or JSON Feed —
//! `feed-rs` tells them apart) and its address, and returns its items with
//! absolute, canonical links (a relative link is resolved against the feed's
//! address), plain-text titles and summaries of bounded length and the
//! item's own date when it gave one. An item without a usable link or title
//! is left out; a feed with more than [`MAX_ITEMS`] items gives its newest.
//! What is not a feed — an HTML page, broken XML or JSON — is a
//! [`FeedProblem`] worded for the editor. Pure: no network, no store.

use chrono::{DateTime, Utc};
use url::Url;

/// The most items taken from one feed in one pull (a news feed carries tens).
pub const MAX_ITEMS: usize = 500;
/// Titles and summaries are cut to this many characters.
const MAX_TITLE: usize = 300;
const MAX_SUMMARY: usize = 1000;
/// Markup read from one title or summary (a summary is a paragraph or two;
/// a whole article pasted into a feed is cut before it is parsed).
const MAX_MARKUP: usize = 16 * 1024;

/// One item of a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedItem {
    /// Absolute and canonical ([`crate::urls::canonical`]).
    pub url: String,
    pub title: String,
    pub summary: String,
    /// The item's publication date (else its last update), if it gave one.
    pub published: Option<DateTime<Utc>>,
}

/// Why a feed's body could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FeedProblem {
    #[error("it is a web page, not a feed (look for the site's RSS or Atom link)")]
    WebPage,
    #[error("it is not a feed the desk can read (RSS, Atom or JSON Feed): {0}")]
    Malformed(String),
}

/// Reads `body`, fetched from `address`, into its items (newest first).
pub fn read(body: &[u8], address: &str) -> Result<Vec<FeedItem>, FeedProblem> {
    if looks_like_html(body) {
        return Err(FeedProblem::WebPage);
    }
    let parser = feed_rs::parser::Builder::new().base_uri(Some(address)).build();
    let feed = parser
        .parse(body)
        .map_err(|e| FeedProblem::Malformed(first_line(&e.to_string())))?;
    let base = Url::parse(address).ok();
    let mut items: Vec<FeedItem> = feed
        .entries
        .into_iter()
        .filter_map(|entry| item(entry, base.as_ref()))
        .collect();
    // Newest first, undated last, each in the feed's own order otherwise.
    items.sort_by_key(|i| std::cmp::Reverse(i.published));
    items.truncate(MAX_ITEMS);
    Ok(items)
}

fn item(entry: feed_rs::model::Entry, base: Option<&Url>) -> Option<FeedItem> {
    let link = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first())
        .map(|l| l.href.clone())
        // RSS items without a <link> often carry the article's address as
        // their permanent <guid>.
        .or_else(|| entry.id.starts_with("http").then(|| entry.id.clone()))?;
    let absolute = match base {
        Some(base) => base.join(link.trim()).ok()?.to_string(),
        None => link.trim().to_string(),
    };
    let url = crate::urls::canonical(&absolute)?;
    let title = plain(&entry.title?.content, MAX_TITLE);
    if title.is_empty() {
        return None;
    }
    let summary = entry
        .summary
        .map(|s| s.content)
        .or_else(|| entry.content.and_then(|c| c.body))
        .map(|s| plain(&s, MAX_SUMMARY))
        .unwrap_or_default();
    Some(FeedItem {
        url,
        title,
        summary,
        published: entry.published.or(entry.updated),
    })
}

/// Text of a title or summary that may hold markup, on one line, cut at
/// `max` characters.
fn plain(markup: &str, max: usize) -> String {
    let cut = match markup.char_indices().nth(MAX_MARKUP) {
        Some((at, _)) => &markup[..at],
        None => markup,
    };
    let text = match cut.contains('<') || cut.contains('&') {
        true => dom_query::Document::fragment(cut).root().text().to_string(),
        false => cut.to_string(),
    };
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", line[..at].trim_end()),
        None => line,
    }
}

fn looks_like_html(body: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&body[..body.len().min(1024)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

fn first_line(why: &str) -> String {
    let line = why.lines().next().unwrap_or("").trim();
    match line.char_indices().nth(160) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_rss_item_with_a_relative_link_and_markup_reads_plain_and_absolute() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
            <item><title>Grain &amp; ports</title><link>/world/grain?utm_source=rss</link>
            <description>&lt;p&gt;Talks &lt;b&gt;resume&lt;/b&gt;.&lt;/p&gt;</description>
            <pubDate>Sat, 05 Dec 2026 10:00:00 GMT</pubDate></item>
            <item><title>   </title><link>https://x.test/a</link></item>
            </channel></rss>"#;
        let items = read(rss, "https://news.test/feed.xml").expect("reads");
        assert_eq!(items.len(), 1, "an item without a title is left out");
        assert_eq!(items[0].url, "https://news.test/world/grain");
        assert_eq!(items[0].title, "Grain & ports");
        assert_eq!(items[0].summary, "Talks resume.");
        assert_eq!(
            items[0].published.map(|d| d.to_rfc3339()).as_deref(),
            Some("2026-12-05T10:00:00+00:00")
        );
    }

    #[test]
    fn a_web_page_and_broken_xml_are_refused_in_words() {
        assert_eq!(
            read(b"  <!DOCTYPE html><html><body>x</body></html>", "https://a.test/"),
            Err(FeedProblem::WebPage)
        );
        let broken = read(b"<rss><channel><item><title>x</item>", "https://a.test/");
        assert!(matches!(broken, Err(FeedProblem::Malformed(_))), "{broken:?}");
    }

    #[test]
    fn long_titles_are_cut() {
        let long = "word ".repeat(200);
        let cut = plain(&long, MAX_TITLE);
        assert!(cut.chars().count() <= MAX_TITLE + 1, "{}", cut.len());
        assert!(cut.ends_with('…'));
    }
}
