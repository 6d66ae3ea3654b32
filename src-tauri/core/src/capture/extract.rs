//! A page's HTML read into an article and its facts of publication.
//!
//! Contract: [`extract`] runs Mozilla's Readability algorithm
//! (`dom_smoothie`, its Rust port) over the page for the article's text —
//! paragraphs kept, one per line pair — and takes the title, byline,
//! publication date and publisher from schema.org JSON-LD first, then Open
//! Graph and meta tags (Readability's own metadata), and the canonical URL
//! from `<link rel=canonical>`, else JSON-LD's `url`, else `og:url`, else
//! the address the page was fetched from. A page whose readable text is
//! shorter than [`MIN_TEXT`] characters has no article. Parsing is bounded
//! (elements read) so a hostile page cannot take unbounded time.

use super::Failure;
use chrono::NaiveDate;
use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};

/// What a page says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    pub title: String,
    /// The readable article text, paragraphs separated by a blank line.
    pub text: String,
    pub byline: Option<String>,
    pub published_on: Option<NaiveDate>,
    /// The publisher's name (JSON-LD `publisher`, `og:site_name`).
    pub publisher: Option<String>,
    pub canonical_url: String,
}

/// The shortest readable text taken as an article (Readability's own
/// "probably readable" length).
pub const MIN_TEXT: usize = 140;

pub use super::prescan::{MAX_DEPTH, MAX_ELEMENTS};

/// Reads `html`, fetched from `url`.
pub fn extract(html: &str, url: &str) -> Result<Extracted, Failure> {
    super::prescan::bounded(html)?;
    let doc = Document::from(html);
    bounded(&doc)?;
    let canonical = canonical_link(&doc, url);
    let og_url = meta_content(&doc, "og:url");
    let scripts: Vec<String> = doc
        .select(r#"script[type="application/ld+json"]"#)
        .iter()
        .map(|s| s.text().to_string())
        .collect();
    let linked = super::jsonld::read(scripts.iter().map(String::as_str));
    let config = Config {
        max_elements_to_parse: MAX_ELEMENTS,
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let mut readability =
        Readability::with_document(doc, Some(url), Some(config)).map_err(|_| Failure::NoArticle)?;
    let article = readability.parse().map_err(|_| Failure::NoArticle)?;
    let title = linked
        .headline
        .clone()
        .unwrap_or_else(|| one_line(&article.title));
    let byline = linked
        .author
        .clone()
        .or_else(|| article.byline.as_deref().map(one_line))
        .filter(|b| !b.is_empty());
    let text = without_heading(&paragraphs(&article.text_content), &title, byline.as_deref());
    if text.chars().count() < MIN_TEXT {
        return Err(Failure::NoArticle);
    }
    let canonical_url = canonical
        .or_else(|| linked.url.as_deref().and_then(|u| absolute(url, u)))
        .or_else(|| article.url.as_deref().and_then(|u| absolute(url, u)))
        .or_else(|| og_url.and_then(|u| absolute(url, &u)))
        .unwrap_or_else(|| url.to_string());
    Ok(Extracted {
        title,
        text,
        byline,
        published_on: linked
            .published
            .as_deref()
            .and_then(date)
            .or_else(|| article.published_time.as_deref().and_then(date)),
        publisher: linked
            .publisher
            .or_else(|| article.site_name.map(|s| one_line(&s)))
            .filter(|s| !s.is_empty()),
        canonical_url,
    })
}

/// Refuses a page deeper than [`MAX_DEPTH`] or larger than
/// [`MAX_ELEMENTS`], walking the tree once without recursion.
fn bounded(doc: &Document) -> Result<(), Failure> {
    let mut stack = vec![(doc.root(), 0usize)];
    let mut elements = 0usize;
    while let Some((node, depth)) = stack.pop() {
        if node.is_element() {
            elements += 1;
        }
        if depth > MAX_DEPTH || elements > MAX_ELEMENTS {
            return Err(Failure::TooComplex);
        }
        let mut child = node.first_child();
        while let Some(c) = child {
            child = c.next_sibling();
            stack.push((c, depth + 1));
        }
    }
    Ok(())
}

fn canonical_link(doc: &Document, base: &str) -> Option<String> {
    let href = doc.select(r#"link[rel~="canonical"]"#).attr("href")?;
    absolute(base, href.trim())
}

fn meta_content(doc: &Document, property: &str) -> Option<String> {
    let selector = format!(r#"meta[property="{property}"]"#);
    doc.select(&selector)
        .attr("content")
        .map(|c| c.trim().to_string())
}

/// `href` resolved against `base`, kept only when it is an http(s) URL.
fn absolute(base: &str, href: &str) -> Option<String> {
    let joined = url::Url::parse(base).ok()?.join(href).ok()?;
    crate::urls::check(joined.as_str()).ok().map(|u| u.to_string())
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Readability's formatted text with each paragraph on one line and one
/// blank line between paragraphs, as the saved text of a typed source.
fn paragraphs(text: &str) -> String {
    text.split("\n\n")
        .flat_map(|block| block.lines().map(one_line).collect::<Vec<_>>())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The article's text without the headline and byline it may open with
/// (they are the source's title and byline already).
fn without_heading(text: &str, title: &str, byline: Option<&str>) -> String {
    let mut rest = text;
    for line in [Some(title), byline, byline.map(|b| format!("By {b}")).as_deref()]
        .into_iter()
        .flatten()
    {
        if let Some(after) = rest.strip_prefix(line) {
            if after.is_empty() || after.starts_with("\n\n") {
                rest = after.trim_start_matches('\n');
            }
        }
    }
    rest.to_string()
}

/// A publication date in the forms pages use (ISO 8601 with or without a
/// time, RFC 2822).
fn date(raw: &str) -> Option<NaiveDate> {
    let raw = raw.trim();
    chrono::DateTime::parse_from_rfc3339(raw)
        .map(|d| d.date_naive())
        .ok()
        .or_else(|| {
            chrono::DateTime::parse_from_rfc2822(raw)
                .map(|d| d.date_naive())
                .ok()
        })
        .or_else(|| NaiveDate::parse_from_str(raw.get(..10)?, "%Y-%m-%d").ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_come_in_the_forms_pages_use() {
        let d = NaiveDate::from_ymd_opt(2025, 7, 1);
        assert_eq!(date("2025-07-01T09:30:00+02:00"), d);
        assert_eq!(date("2025-07-01"), d);
        assert_eq!(date("2025-07-01T09:30:00"), d);
        assert_eq!(date("Tue, 1 Jul 2025 09:30:00 +0000"), d);
        assert_eq!(date("last Tuesday"), None);
    }

    #[test]
    fn relative_canonical_links_are_resolved_and_other_schemes_dropped() {
        assert_eq!(
            absolute("https://news.example/a/b?x=1", "/world/story-1").as_deref(),
            Some("https://news.example/world/story-1")
        );
        assert_eq!(absolute("https://news.example/", "javascript:alert(1)"), None);
    }
}
