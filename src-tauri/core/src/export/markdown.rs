//! Story → CommonMark (with GFM footnotes for citations).
//!
//! Contract: every piece of story text is backslash-escaped (all ASCII
//! punctuation), so nothing an editor or a pasted source typed becomes
//! Markdown syntax, HTML or a link. GFM turns e-mail addresses into links
//! after escapes are resolved, so an `@` followed by a letter or digit also
//! gets an invisible WORD JOINER (U+2060) after it, which no address can
//! contain; escaped `www.` and `https://` are never autolinked. Only http(s)
//! source URLs become links,
//! written as `<…>` destinations from the parsed URL. Citations are footnote
//! references `[^n]` in live-number order, so GFM renders the same numbers.

use crate::model::{Prediction, Story};
use crate::numbering::Numbering;
use crate::urls;

/// Keeps GFM from reading an `@` as part of an e-mail autolink.
const WORD_JOINER: char = '\u{2060}';

/// Escapes text so CommonMark (and GFM's autolinks) read it literally, on one line.
pub fn escape(text: &str) -> String {
    let line = crate::itn::one_line(text);
    let mut out = String::with_capacity(line.len() + 8);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
        if c == '@' && chars.peek().is_some_and(|n| n.is_ascii_alphanumeric()) {
            out.push(WORD_JOINER);
        }
    }
    out
}

fn link(label: &str, url: &str) -> String {
    match urls::check(url) {
        Ok(u) => format!("[{}](<{}>)", escape(label), u.as_str()),
        Err(_) => escape(label),
    }
}

fn prediction(p: &Prediction) -> String {
    let according = if p.forecaster.trim().is_empty() {
        String::new()
    } else {
        format!(", according to {}", escape(&p.forecaster))
    };
    match p.probability {
        Some(pct) => format!(
            "There is a {pct}% chance that {}{according}\\.",
            escape(&p.statement)
        ),
        None => format!("{}{according}", escape(&p.statement)),
    }
}

/// The story as CommonMark, ending in a newline.
pub fn export(story: &Story) -> String {
    let numbering = Numbering::of(story);
    let mut out = format!("# {}\n\n", escape(&story.headline));
    if let Some(w) = &story.withdrawal {
        out += &format!(
            "**Withdrawn on {}:** {}\n\n",
            w.at.format("%Y-%m-%d"),
            escape(&w.reason)
        );
    }
    if !story.summary.trim().is_empty() {
        out += &format!("{}\n\n", escape(&story.summary));
    }
    if !story.image_credit.trim().is_empty() {
        out += &format!("*Image credit: {}*\n\n", escape(&story.image_credit));
    }
    out += "## Facts\n\n";
    for fact in &story.facts {
        let refs: String = numbering.cited(fact).iter().map(|n| format!("[^{n}]")).collect();
        out += &format!("- {}{refs}\n", escape(&fact.text));
    }
    if !numbering.order.is_empty() {
        out += "\n## Sources\n\n";
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
            out += &format!("{}. {}{title}\n", i + 1, link(label, &source.url));
        }
    }
    if !story.narratives.is_empty() {
        out += "\n## Narratives\n\n";
        for n in &story.narratives {
            out += &format!(
                "- **{}, as provided by {}\\.** {}\n",
                story.narrative_label(n.stance),
                escape(&n.outlet),
                escape(&n.text)
            );
        }
    }
    if !story.predictions.is_empty() {
        out += "\n## Predictions\n\n";
        for p in &story.predictions {
            out += &format!("- {}\n", prediction(p));
        }
    }
    if !story.corrections.is_empty() {
        out += "\n## Corrections\n\n";
        for c in &story.corrections {
            out += &format!("- {}: {}\n", c.published_at.format("%Y-%m-%d"), escape(&c.note));
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
