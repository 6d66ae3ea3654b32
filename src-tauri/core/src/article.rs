//! Raw news articles, read to become a source's saved text.
//!
//! Contract: [`read`] takes an article as plain text or HTML (sniffed) and
//! returns its title and readable text. HTML is reduced to text in one pass
//! over html5ever's tokens, in time linear in the input however deeply it
//! nests (scripts, styles and the head dropped; paragraphs and line breaks
//! kept; entities decoded); the title comes from `<title>`, else the first
//! `<h1>`, else the first line of the text. The text is what quotations in
//! facts are checked against.

use crate::error::{Error, Result};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use serde::Serialize;
use std::cell::RefCell;
use std::path::Path;
use ts_rs::TS;

/// An article's title and readable text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
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

/// Tags whose content is not article text.
const HIDDEN: &[&str] = &[
    "script", "style", "template", "noscript", "svg", "math", "iframe", "object",
];
/// Tags that end a paragraph: a blank line before and after.
const PARAGRAPHS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "dl",
    "table",
    "figure",
    "hr",
    "article",
    "section",
    "header",
    "footer",
    "main",
    "aside",
    "nav",
    "address",
];
/// Tags that end a line.
const LINES: &[&str] = &[
    "br",
    "div",
    "li",
    "dt",
    "dd",
    "tr",
    "figcaption",
    "caption",
    "form",
    "fieldset",
    "legend",
];

/// Collects an article's title and text from html5ever's tokens. Only the
/// tokenizer runs, never the tree builder: its scope checks make deeply
/// nested markup quadratic, and an article's text needs no tree.
#[derive(Default)]
struct TextSink {
    text: String,
    title: Option<String>,
    h1: Option<String>,
    /// Open hidden elements (their text is skipped).
    hidden: usize,
    in_title: bool,
    in_h1: bool,
    in_pre: usize,
    capture: String,
    /// White space seen since the last character kept.
    space: bool,
    /// A break owed before the next text: 0 none, 1 a line, 2 a paragraph.
    owed: u8,
}

impl TextSink {
    fn owe(&mut self, level: u8) {
        self.owed = self.owed.max(level);
    }

    fn push_text(&mut self, chunk: &str) {
        if self.in_title || self.in_h1 {
            self.capture.push_str(chunk);
        }
        if self.hidden > 0 || self.in_title {
            return;
        }
        if self.in_pre > 0 {
            self.flush_break();
            self.text.push_str(chunk);
            return;
        }
        // White space collapses to one space, as a browser shows it.
        for c in chunk.chars() {
            if c.is_whitespace() {
                self.space = true;
                continue;
            }
            if self.owed > 0 {
                self.flush_break();
            } else if self.space && !self.text.is_empty() && !self.text.ends_with('\n') {
                self.text.push(' ');
            }
            self.space = false;
            self.text.push(c);
        }
    }

    fn flush_break(&mut self) {
        if self.owed > 0 && !self.text.is_empty() {
            self.text.push_str(if self.owed > 1 { "\n\n" } else { "\n" });
        }
        self.owed = 0;
        self.space = false;
    }

    fn tag(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        let start = tag.kind == TagKind::StartTag;
        if HIDDEN.contains(&name) && !tag.self_closing {
            if start {
                self.hidden += 1;
            } else {
                self.hidden = self.hidden.saturating_sub(1);
            }
        }
        match name {
            "title" if start && self.title.is_none() && self.hidden == 0 => {
                self.in_title = true;
                self.capture.clear();
                return TokenSinkResult::RawData(RawKind::Rcdata);
            }
            "title" if !start && self.in_title => {
                self.in_title = false;
                self.title = Some(collapse(&self.capture));
            }
            "h1" if start && self.h1.is_none() => {
                self.in_h1 = true;
                self.capture.clear();
            }
            "h1" if !start && self.in_h1 => {
                self.in_h1 = false;
                self.h1 = Some(collapse(&self.capture)).filter(|h| !h.is_empty());
            }
            "pre" if start => self.in_pre += 1,
            "pre" => self.in_pre = self.in_pre.saturating_sub(1),
            "td" | "th" if start => self.space = true,
            _ => {}
        }
        if PARAGRAPHS.contains(&name) {
            self.owe(2);
        } else if LINES.contains(&name) {
            self.owe(1);
        }
        if start && !tag.self_closing {
            match name {
                "script" => return TokenSinkResult::RawData(RawKind::ScriptData),
                "style" | "noscript" | "iframe" | "xmp" | "noembed" | "noframes" => {
                    return TokenSinkResult::RawData(RawKind::Rawtext)
                }
                "textarea" => return TokenSinkResult::RawData(RawKind::Rcdata),
                "plaintext" => return TokenSinkResult::Plaintext,
                _ => {}
            }
        }
        TokenSinkResult::Continue
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Sink(RefCell<TextSink>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut sink = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => sink.tag(&tag),
            Token::CharacterTokens(chunk) => {
                sink.push_text(&chunk);
                TokenSinkResult::Continue
            }
            _ => TokenSinkResult::Continue,
        }
    }
}

fn from_html(html: &str) -> Article {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(Sink(RefCell::new(TextSink::default())), TokenizerOpts::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let sink = tokenizer.sink.0.into_inner();
    let text = tidy(&sink.text);
    let title = sink
        .title
        .filter(|t| !t.is_empty())
        .or(sink.h1)
        .unwrap_or_else(|| first_line(&text));
    Article { title, text }
}

/// A new source made from `article`: its title and readable text, with the
/// outlet and URL the editor gave (trimmed), and a fresh identity.
pub fn source(article: &Article, outlet: &str, url: &str) -> crate::model::Source {
    crate::model::Source {
        outlet: outlet.trim().to_string(),
        url: url.trim().to_string(),
        title: article.title.clone(),
        saved_text: article.text.clone(),
        ..crate::model::Source::default()
    }
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
    let text = crate::input::read_text(path)?;
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
        let a = read(include_str!("../tests/fixtures/source-article.txt"));
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

    #[test]
    fn html_keeps_paragraphs_lines_and_entities() {
        let html = "<html><head><title>  A &amp; B </title></head><body>\
            <p>First   paragraph,\n still first.</p><p>Second &ldquo;quoted&rdquo;<br>next line</p>\
            <ul><li>one</li><li>two</li></ul><pre>  kept   as is</pre>\
            <table><tr><td>a</td><td>b</td></tr></table></body></html>";
        let a = read(html);
        assert_eq!(a.title, "A & B");
        assert_eq!(
            a.text,
            "First paragraph, still first.\n\nSecond \u{201C}quoted\u{201D}\nnext line\n\none\ntwo\n\n  kept   as is\n\na b"
        );
    }

    #[test]
    fn deep_nesting_and_svg_titles_do_not_confuse_it() {
        let depth = 50_000;
        let html = format!(
            "<!DOCTYPE html><html><body><svg><title>icon</title></svg>{}deep text{}</body></html>",
            "<div><span>".repeat(depth),
            "</span></div>".repeat(depth)
        );
        let a = read(&html);
        assert_eq!(a.text, "deep text");
        assert_eq!(a.title, "deep text");
    }
}
