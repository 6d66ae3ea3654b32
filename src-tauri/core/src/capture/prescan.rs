//! A linear look at a page's tags before it is built into a tree.
//!
//! Contract: [`bounded`] runs html5ever's tokenizer (linear in the input)
//! over the page and refuses one that opens more than
//! [`MAX_ELEMENTS`] tags or nests deeper than
//! [`MAX_TAG_DEPTH`], counting as the tree builder would only roughly:
//! void elements and elements whose end tag may be left out (`p`, `li`,
//! `td`…) do not count as nesting. Building a tree costs the depth of the
//! open elements for every tag (100,000 nested `div`s took 25 s), so the
//! bound must come before it; the exact depth is checked on the tree after.

use super::Failure;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::Cell;

/// The most elements a page may have; a news page has a few thousand.
pub const MAX_ELEMENTS: usize = 200_000;

/// The deepest nesting read. News pages stay well under a hundred levels;
/// Readability's work grows with depth times elements (10,000 nested
/// `div`s took it 15 s), so a deeper page is refused before it starts.
pub const MAX_DEPTH: usize = 256;

/// Four times the tree's own bound: unclosed formatting tags and sloppy
/// markup count here without nesting in the tree.
pub const MAX_TAG_DEPTH: usize = 4 * MAX_DEPTH;

/// Elements that never nest (void) or close themselves when a sibling opens.
const FLAT: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup",
    "rb", "rt", "rtc", "rp", "html", "head", "body",
];

#[derive(Default)]
struct Scan {
    depth: Cell<usize>,
    starts: Cell<usize>,
    refused: Cell<bool>,
}

impl Scan {
    fn tag(&self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        let flat = FLAT.contains(&name) || tag.self_closing;
        match tag.kind {
            TagKind::StartTag => {
                self.starts.set(self.starts.get() + 1);
                if !flat {
                    self.depth.set(self.depth.get() + 1);
                }
                if self.depth.get() > MAX_TAG_DEPTH || self.starts.get() > MAX_ELEMENTS {
                    self.refused.set(true);
                }
                if !tag.self_closing {
                    return raw(name);
                }
            }
            TagKind::EndTag if !flat => self.depth.set(self.depth.get().saturating_sub(1)),
            TagKind::EndTag => {}
        }
        TokenSinkResult::Continue
    }
}

/// The tokenizer state after a start tag whose content is not markup.
fn raw(name: &str) -> TokenSinkResult<()> {
    match name {
        "script" => TokenSinkResult::RawData(RawKind::ScriptData),
        "style" | "noscript" | "iframe" | "xmp" | "noembed" | "noframes" => {
            TokenSinkResult::RawData(RawKind::Rawtext)
        }
        "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
        "plaintext" => TokenSinkResult::Plaintext,
        _ => TokenSinkResult::Continue,
    }
}

struct Sink(Scan);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::TagToken(tag) if !self.0.refused.get() => self.0.tag(&tag),
            _ => TokenSinkResult::Continue,
        }
    }
}

/// Refuses a page too deep or too large to build into a tree.
pub fn bounded(html: &str) -> Result<(), Failure> {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(Sink(Scan::default()), TokenizerOpts::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    match tokenizer.sink.0.refused.get() {
        true => Err(Failure::TooComplex),
        false => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_refused_before_a_tree_is_built() {
        let deep = format!(
            "{}x{}",
            "<div>".repeat(MAX_TAG_DEPTH + 1),
            "</div>".repeat(MAX_TAG_DEPTH + 1)
        );
        assert_eq!(bounded(&deep), Err(Failure::TooComplex));
        let ok = format!("{}x{}", "<div>".repeat(200), "</div>".repeat(200));
        assert_eq!(bounded(&ok), Ok(()));
    }

    #[test]
    fn unclosed_paragraphs_and_tags_in_scripts_do_not_count_as_nesting() {
        let sloppy = format!(
            "<body>{}<script>{}</script>",
            "<p>text<br>".repeat(5_000),
            "'<div>'+".repeat(5_000)
        );
        assert_eq!(bounded(&sloppy), Ok(()));
    }
}
