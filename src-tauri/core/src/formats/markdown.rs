//! Story → CommonMark (with GFM footnotes for citations).
//!
//! Contract: story text is escaped only where CommonMark or GFM would read
//! it as syntax — emphasis, code, links and images, raw HTML, entities,
//! strikethrough, a block marker at the start of a block, and GFM's
//! autolinks (`www.`, `scheme://`, an e-mail's `@`, which gets an invisible
//! WORD JOINER, U+2060, after it) — so a reader of the `.md` file sees the
//! text as typed and a renderer shows it as text, never as markup, HTML or a
//! link. Only http(s) source URLs become links, written as `<…>`
//! destinations from the parsed URL. Citations are footnote references
//! `[^n]` in live-number order, so GFM renders the same numbers. The words
//! around the editor's text are [`crate::wording`]'s.

use crate::model::Story;
use crate::numbering::Numbering;
use crate::urls;
use crate::wording::{self, one_line};

/// The registry's entry (see [`crate::formats`]).
pub const SPEC: crate::formats::Spec = crate::formats::Spec {
    name: "md",
    label: "Markdown",
    extension: "md",
    export,
    import: None,
};

/// Keeps GFM from reading an `@` as part of an e-mail autolink.
const WORD_JOINER: char = '\u{2060}';

/// Characters that open inline syntax wherever they stand.
const INLINE: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '~'];

/// Whether `&` at the start of `rest` begins an entity reference
/// (`&amp;`, `&#38;`, `&#x26;`), which CommonMark would decode.
fn entity_at(rest: &str) -> bool {
    let body = &rest[1..];
    let end = body.find(';').filter(|&e| e > 0 && e <= 32);
    let Some(end) = end else { return false };
    let name = &body[..end];
    match name.strip_prefix('#') {
        Some(num) => match num.strip_prefix(['x', 'X']) {
            Some(hex) => !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit()),
            None => !num.is_empty() && num.chars().all(|c| c.is_ascii_digit()),
        },
        None => {
            name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && name.chars().all(|c| c.is_ascii_alphanumeric())
        }
    }
}

/// Escapes text so CommonMark (and GFM's autolinks) read it literally, on
/// one line, inside a block.
pub fn escape(text: &str) -> String {
    let line = one_line(text);
    let mut out = String::with_capacity(line.len() + 8);
    let lower = line.to_ascii_lowercase();
    for (i, c) in line.char_indices() {
        let rest = &line[i..];
        let escaped = INLINE.contains(&c)
            || (c == '&' && entity_at(rest))
            // `www.example.org` and `https://…`: the dot and the colon.
            || (c == '.' && i >= 3 && lower[..i].ends_with("www") && !lower[..i - 3].ends_with(|p: char| p.is_alphanumeric()))
            || (c == ':' && rest.starts_with("://"));
        if escaped {
            out.push('\\');
        }
        out.push(c);
        if c == '@' && rest[1..].starts_with(|n: char| n.is_ascii_alphanumeric()) {
            out.push(WORD_JOINER);
        }
    }
    out
}

/// [`escape`] for text that starts a block (a paragraph, a list item's
/// content): a leading `#`, `>`, `-`, `+`, `=` or `1.`/`1)` would start a
/// heading, quote, list or rule instead.
pub fn escape_block(text: &str) -> String {
    let escaped = escape(text);
    let digits = escaped.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && digits < 10 && escaped[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &escaped[..digits], &escaped[digits..]);
    }
    match escaped.chars().next() {
        Some('#' | '-' | '+' | '=' | '|') => format!("\\{escaped}"),
        _ => escaped,
    }
}

fn link(label: &str, url: &str) -> String {
    match urls::check(url) {
        Ok(u) => format!("[{}](<{}>)", escape(label), u.as_str()),
        Err(_) => escape(label),
    }
}

/// A sentence with its lead in bold.
fn led(led: &wording::Led) -> String {
    match led.text.is_empty() {
        true => format!("**{}**", escape(&led.lead)),
        false => format!("**{}** {}", escape(&led.lead), escape(&led.text)),
    }
}

/// The story as CommonMark, ending in a newline.
pub fn export(story: &Story) -> String {
    let numbering = Numbering::of(story);
    let mut out = format!("# {}\n\n", escape(&wording::headline(story)));
    if let Some(w) = &story.withdrawal {
        out += &format!("{}\n\n", led(&wording::withdrawal(w)));
    }
    if !story.summary.trim().is_empty() {
        out += &format!("{}\n\n", escape_block(&story.summary));
    }
    let credit = wording::image_credit(&story.image_credit);
    if !credit.is_empty() {
        out += &format!("*{}*\n\n", escape(&credit));
    }
    out += &format!("## {}\n\n", wording::FACTS);
    for fact in &story.facts {
        let refs: String = numbering.cited(fact).iter().map(|n| format!("[^{n}]")).collect();
        out += &format!("- {}{refs}\n", escape_block(&fact.text));
    }
    if !numbering.order.is_empty() {
        out += &format!("\n## {}\n\n", wording::SOURCES);
        for (i, id) in numbering.order.iter().enumerate() {
            let Some(source) = numbering.source(story, *id) else {
                continue;
            };
            let label = numbering.label(*id).unwrap_or_default();
            let title = if source.title.trim().is_empty() {
                String::new()
            } else {
                format!(": {}", escape(&source.title))
            };
            let named = match urls::check(&source.url) {
                Ok(_) => link(label, &source.url),
                Err(_) => escape_block(label),
            };
            out += &format!("{}. {named}{title}\n", i + 1);
        }
    }
    if !story.narratives.is_empty() {
        out += &format!("\n## {}\n\n", wording::NARRATIVES);
        for n in &story.narratives {
            out += &format!("- {}\n", led(&wording::narrative(story, n)));
        }
    }
    if !story.predictions.is_empty() {
        out += &format!("\n## {}\n\n", wording::PREDICTIONS);
        for p in &story.predictions {
            out += &format!("- {}\n", escape_block(&wording::prediction(p)));
        }
    }
    if !story.corrections.is_empty() {
        out += &format!("\n## {}\n\n", wording::CORRECTIONS);
        for c in &story.corrections {
            out += &format!("- {}\n", escape_block(&wording::correction(c).line()));
        }
    }
    let cited: Vec<usize> = {
        let mut v: Vec<usize> = story
            .facts
            .iter()
            .flat_map(|f| f.citations.iter().filter_map(|id| numbering.number(*id)))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    if !cited.is_empty() {
        out.push('\n');
        for n in cited {
            let id = numbering.order[n - 1];
            let url = numbering
                .source(story, id)
                .map(|s| s.url.as_str())
                .unwrap_or_default();
            out += &format!("[^{n}]: {}\n", link(numbering.label(id).unwrap_or_default(), url));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What CommonMark reads back from `md`: the text of its inline content.
    fn read(md: &str) -> String {
        use pulldown_cmark::{Event, Options, Parser};
        Parser::new_ext(md, Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH)
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.to_string()),
                Event::Html(h) | Event::InlineHtml(h) => Some(format!("<HTML {h}>")),
                Event::Start(pulldown_cmark::Tag::Link { .. }) => Some("<LINK>".into()),
                Event::Start(pulldown_cmark::Tag::Emphasis | pulldown_cmark::Tag::Strong) => {
                    Some("<EM>".into())
                }
                _ => None,
            })
            .collect::<String>()
            .replace(WORD_JOINER, "")
    }

    #[test]
    fn ordinary_text_is_written_as_typed() {
        for plain in [
            "On July 1, 2027, the community met.",
            "Prices rose 2.5% (to $400) in the U.S.; analysts said: \"no\".",
            "Peskov's remarks — \"unacceptable\" — were 'noted'!",
        ] {
            assert_eq!(escape(plain), plain, "no backslashes in ordinary prose");
        }
    }

    #[test]
    fn what_would_be_syntax_round_trips_through_a_commonmark_parser_as_text() {
        for (text, block) in [
            ("*stars* and _underscores_ and `code` and ~~gone~~", false),
            ("[a link](http://example.org) and ![an image](x.png)", false),
            (
                "<b>bold</b> and <script>x</script> and &amp; and &#38; and AT&T",
                false,
            ),
            (
                "see www.example.org or https://example.org or anna@example.org",
                false,
            ),
            ("# not a heading", true),
            ("- not a list", true),
            ("1. not a list", true),
            ("2026) not a list either", true),
            ("> not a quote", true),
            ("+ plus", true),
            ("back\\slash \\*", false),
        ] {
            let md = if block { escape_block(text) } else { escape(text) };
            assert_eq!(read(&md), text, "{text:?} was written {md:?}");
            assert_eq!(
                read(&format!("- {}", escape_block(text))),
                text,
                "as a list item: {text:?}"
            );
        }
    }
}
