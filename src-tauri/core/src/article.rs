//! Raw news articles, read to become a source's saved text.
//!
//! Contract: [`read`] takes an article as plain text or HTML (sniffed) and
//! returns its title and readable text. HTML is reduced to text by
//! `html2text` (scripts, styles and the head dropped); the title comes from
//! `<title>`, else the first `<h1>`, else the first line of the text. The text
//! is what quotations in facts are checked against.

use crate::error::{Error, Result};
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

/// An article's title and readable text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Article {
    pub title: String,
    pub text: String,
}

fn looks_like_html(raw: &str) -> bool {
    let head: String = raw
        .trim_start()
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.contains("<body")
        || head.contains("<p>")
}

fn first_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or_default()
        .to_string()
}

/// Folds runs of blank lines and trailing blanks, as a reader sees the text.
fn tidy(text: &str) -> String {
    let mut out = String::new();
    let mut blank = 0;
    for line in text.lines().map(str::trim_end) {
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

fn from_html(html: &str) -> Article {
    let doc = scraper::Html::parse_document(html);
    let pick = |css: &str| {
        scraper::Selector::parse(css).ok().and_then(|sel| {
            doc.select(&sel)
                .map(|el| {
                    el.text()
                        .collect::<String>()
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .find(|t| !t.is_empty())
        })
    };
    let text = html2text::config::plain_no_decorate()
        .string_from_read(html.as_bytes(), 100_000)
        .map(|t| tidy(&t))
        .unwrap_or_default();
    let title = pick("title")
        .or_else(|| pick("h1"))
        .unwrap_or_else(|| first_line(&text));
    Article { title, text }
}

/// Reads an article given as text or HTML.
pub fn read(raw: &str) -> Article {
    let raw = raw.trim_start_matches('\u{FEFF}');
    if looks_like_html(raw) {
        from_html(raw)
    } else {
        let text = tidy(raw);
        Article {
            title: first_line(&text),
            text,
        }
    }
}

/// Reads an article file (`.txt`, `.html`), refusing empty or binary files.
pub fn read_file(path: &Path) -> Result<Article> {
    let text = crate::formats::read_text(path)?;
    let article = read(&text);
    if article.text.trim().is_empty() {
        return Err(Error::BadInput {
            path: path.to_path_buf(),
            why: "the article has no readable text".into(),
        });
    }
    Ok(article)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_takes_its_first_line_as_title() {
        let a = read(include_str!("../../../tests/fixtures/source-article.txt"));
        assert_eq!(
            a.title,
            "White House Confirms North Korea Sent Russia Weapons: Details"
        );
        assert!(a
            .text
            .contains("denouncing the move as \u{201C}furthering Russia\u{2019}s illegitimate war.\u{201D}"));
    }

    #[test]
    fn html_drops_scripts_styles_and_head() {
        let html = "<!DOCTYPE html><html><head><title>Kirby speaks</title><style>p{color:red}</style>\
            <script>var secret = 1;</script></head><body><h1>Heading</h1><p>He called it\n <b>furthering</b> the war.</p>\
            <script>alert('x')</script><noscript>enable js</noscript></body></html>";
        let a = read(html);
        assert_eq!(a.title, "Kirby speaks");
        assert!(a.text.contains("He called it furthering the war."), "{}", a.text);
        assert!(
            !a.text.contains("secret") && !a.text.contains("alert") && !a.text.contains("color"),
            "{}",
            a.text
        );
        assert!(crate::quotes::find("called it furthering the war", &a.text));
    }

    #[test]
    fn html_without_title_uses_h1() {
        assert_eq!(
            read("<html><body><h1>Only a heading</h1><p>Body.</p></body></html>").title,
            "Only a heading"
        );
    }
}
