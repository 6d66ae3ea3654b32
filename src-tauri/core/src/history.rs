//! Comparing two versions of a story as readers would see them.
//!
//! Contract: [`diff`] compares two stories part by part in the published
//! layout (headline, summary, image credit, each fact with its citation
//! numbers, each source, narrative and prediction as the canonical text
//! writes them, with a source's saved article text counted in words, and
//! the corrections and withdrawal), matching facts, sources, narratives and predictions by
//! identity, and marks changes word by word (the `similar` crate). Only
//! parts that differ are listed, in the newer story's order. [`to_text`]
//! writes the comparison for a terminal (`[-removed-]{+added+}`).

use crate::model::Story;
use crate::numbering::Numbering;
use crate::wording;
use serde::Serialize;
use similar::{ChangeTag, TextDiff};
use ts_rs::TS;

/// A run of words, unchanged, added or removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(tag = "kind", content = "text", rename_all = "kebab-case")]
#[ts(export)]
pub enum Span {
    Same(String),
    Added(String),
    Removed(String),
}

/// How a part changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum Change {
    Added,
    Removed,
    Changed,
}

/// One changed part of the story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PartDiff {
    /// The section it belongs to: `Headline`, `Summary`, `Image credit`,
    /// `Facts`, `Sources`, `Narratives`, `Predictions`.
    pub section: String,
    /// Which one ("Fact 3", "Source 2"), numbered as in the newer story.
    pub label: String,
    pub change: Change,
    pub spans: Vec<Span>,
}

/// The changed parts, in the newer story's order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StoryDiff {
    pub parts: Vec<PartDiff>,
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `old` to `new` word by word.
pub fn words(old: &str, new: &str) -> Vec<Span> {
    // A time cap so that two long articles cannot stall a check (the diff
    // is then coarser, never wrong).
    let diff = TextDiff::configure()
        .timeout(std::time::Duration::from_millis(500))
        .diff_words(old, new);
    let mut spans: Vec<Span> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value().to_string();
        let same_kind = |s: &Span| {
            matches!(
                (s, change.tag()),
                (Span::Same(_), ChangeTag::Equal)
                    | (Span::Added(_), ChangeTag::Insert)
                    | (Span::Removed(_), ChangeTag::Delete)
            )
        };
        match spans.last_mut() {
            Some(last) if same_kind(last) => match last {
                Span::Same(t) | Span::Added(t) | Span::Removed(t) => t.push_str(&text),
            },
            _ => spans.push(match change.tag() {
                ChangeTag::Equal => Span::Same(text),
                ChangeTag::Insert => Span::Added(text),
                ChangeTag::Delete => Span::Removed(text),
            }),
        }
    }
    spans
}

/// A story's parts as readers see them: (section, identity, label, text).
fn parts(story: &Story) -> Vec<(&'static str, String, String, String)> {
    let numbering = Numbering::of(story);
    let mut out = vec![
        (
            "Headline",
            "headline".into(),
            "Headline".into(),
            one_line(&story.headline),
        ),
        (
            "Summary",
            "summary".into(),
            "Summary".into(),
            one_line(&story.summary),
        ),
        (
            "Image credit",
            "credit".into(),
            "Image credit".into(),
            one_line(&story.image_credit),
        ),
    ];
    for (i, f) in story.facts.iter().enumerate() {
        let numbers: Vec<String> = numbering.cited(f).iter().map(|n| n.to_string()).collect();
        // Numbers apart from the text, so a renumbering reads as one change.
        let text = match numbers.is_empty() {
            true => one_line(&f.text),
            false => format!("{} [{}]", one_line(&f.text), numbers.join(", ")),
        };
        out.push(("Facts", f.id.to_string(), format!("Fact {}", i + 1), text));
    }
    for (i, id) in numbering.order.iter().enumerate() {
        let Some(s) = numbering.source(story, *id) else {
            continue;
        };
        let label = numbering.label(*id).unwrap_or_default();
        let words = s.saved_text.split_whitespace().count();
        let saved = (words > 0).then(|| format!("(saved article text, {words} words)"));
        let text = [label.to_string(), one_line(&s.url), one_line(&s.title)]
            .into_iter()
            .chain(saved)
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
        out.push(("Sources", id.to_string(), format!("Source {}", i + 1), text));
    }
    for (i, n) in story.narratives.iter().enumerate() {
        let text = format!(
            "{}, as provided by {}. {}",
            story.narrative_label(n.stance),
            one_line(&n.outlet),
            one_line(&n.text)
        );
        out.push((
            "Narratives",
            n.id.to_string(),
            format!("Narrative {}", i + 1),
            text,
        ));
    }
    for (i, p) in story.predictions.iter().enumerate() {
        out.push((
            "Predictions",
            p.id.to_string(),
            format!("Prediction {}", i + 1),
            wording::prediction(p),
        ));
    }
    for c in &story.corrections {
        let text = wording::correction(c).line();
        out.push((
            "Corrections",
            format!("correction-{}", c.edition),
            format!("Correction (edition {})", c.edition),
            text,
        ));
    }
    if let Some(w) = &story.withdrawal {
        let text = wording::withdrawal(w).line();
        out.push(("Withdrawal", "withdrawal".into(), "Withdrawal".into(), text));
    }
    out
}

/// What changed from `old` to `new`.
pub fn diff(old: &Story, new: &Story) -> StoryDiff {
    let before = parts(old);
    let after = parts(new);
    let find =
        |list: &[(&str, String, String, String)], key: &str| list.iter().position(|(_, k, _, _)| k == key);
    let mut out = StoryDiff::default();
    for (section, key, label, text) in &after {
        match find(&before, key) {
            Some(i) if before[i].3 == *text => {}
            Some(i) => out.parts.push(PartDiff {
                section: section.to_string(),
                label: label.clone(),
                change: Change::Changed,
                spans: words(&before[i].3, text),
            }),
            None if text.is_empty() => {}
            None => out.parts.push(PartDiff {
                section: section.to_string(),
                label: label.clone(),
                change: Change::Added,
                spans: vec![Span::Added(text.clone())],
            }),
        }
    }
    for (section, key, label, text) in &before {
        if find(&after, key).is_none() && !text.is_empty() {
            out.parts.push(PartDiff {
                section: section.to_string(),
                label: format!("{label} (before)"),
                change: Change::Removed,
                spans: vec![Span::Removed(text.clone())],
            });
        }
    }
    out
}

/// The comparison for a terminal: one part per line, `[-removed-]` and
/// `{+added+}` marking the words that changed.
pub fn to_text(diff: &StoryDiff) -> String {
    if diff.parts.is_empty() {
        return "no differences\n".into();
    }
    let mut out = String::new();
    for part in &diff.parts {
        let what = match part.change {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
        };
        out.push_str(&format!(
            "{} ({what}): {}\n",
            part.label,
            spans_to_text(&part.spans)
        ));
    }
    out
}

/// Spans for a terminal: `[-removed-]{+added+}`.
pub fn spans_to_text(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|span| match span {
            Span::Same(t) => t.clone(),
            Span::Added(t) => format!("{{+{t}+}}"),
            Span::Removed(t) => format!("[-{t}-]"),
        })
        .collect()
}

/// `spans` with every unchanged run of more than twice `context` words cut
/// to the `context` words next to the changes around it, ` … ` between (at
/// the ends, only the side next to a change is kept): a long article's
/// changes, readable without its unchanged pages.
pub fn condensed(spans: &[Span], context: usize) -> Vec<Span> {
    let last = spans.len().saturating_sub(1);
    spans
        .iter()
        .enumerate()
        .map(|(i, span)| match span {
            Span::Same(t) => Span::Same(cut(t, context, i == 0, i == last)),
            other => other.clone(),
        })
        .collect()
}

/// An unchanged run cut to `n` words next to the changes around it.
fn cut(text: &str, n: usize, first: bool, last: bool) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let kept = if first { 0 } else { n } + if last { 0 } else { n };
    if words.len() <= kept + 1 {
        return text.to_string();
    }
    let head = if first {
        String::new()
    } else {
        format!(" {}", words[..n].join(" "))
    };
    let tail = if last {
        String::new()
    } else {
        format!("{} ", words[words.len() - n..].join(" "))
    };
    format!("{head} … {tail}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Fact, FactId};

    #[test]
    fn changes_are_marked_word_by_word_in_the_published_layout() {
        let old = crate::sample::story(3, 2);
        let mut new = old.clone();
        new.headline = format!("{} today", old.headline);
        new.facts[1].text = "Fact number 1 states something else entirely.".into();
        new.facts.remove(2);
        new.facts.push(Fact {
            id: FactId::new(),
            text: "A new fact.".into(),
            citations: vec![new.sources[0].id],
        });
        let d = diff(&old, &new);
        let labels: Vec<(&str, Change)> = d.parts.iter().map(|p| (p.label.as_str(), p.change)).collect();
        assert_eq!(
            labels,
            vec![
                ("Headline", Change::Changed),
                ("Fact 2", Change::Changed),
                ("Fact 3", Change::Added),
                ("Fact 3 (before)", Change::Removed)
            ]
        );
        assert_eq!(
            d.parts[0].spans.last(),
            Some(&Span::Added(" today".into())),
            "{:?}",
            d.parts[0].spans
        );
        let text = to_text(&d);
        assert!(
            text.contains("Fact 2 (changed): Fact number 1 states something [-verifiable-]{+else+}"),
            "{text}"
        );
        assert!(text.contains("{+entirely.+} [2]\n"), "{text}");
        assert!(text.contains("Fact 3 (added): {+A new fact. [1]+}"), "{text}");
        assert_eq!(to_text(&diff(&old, &old)), "no differences\n");
    }

    #[test]
    fn a_long_texts_changes_are_condensed_to_their_context() {
        let old = "one two three four five six seven eight nine ten eleven twelve";
        let new = "one two three four five SIX seven eight nine ten eleven twelve";
        let spans = condensed(&words(old, new), 2);
        assert_eq!(
            spans_to_text(&spans),
            " … four five [-six-]{+SIX+} seven eight … "
        );
        let short = condensed(&words("a b", "a c"), 2);
        assert_eq!(spans_to_text(&short), "a [-b-]{+c+}");
    }

    #[test]
    fn renumbered_citations_show_in_the_fact() {
        let old = crate::sample::story(2, 2);
        let mut new = old.clone();
        new.facts.swap(0, 1);
        let d = diff(&old, &new);
        // Reordering renumbers the sources: each fact now cites another number.
        assert_eq!(d.parts.len(), 2, "{d:?}");
        assert_eq!(
            d.parts[0].spans[1..],
            [Span::Removed("[2]".into()), Span::Added("[1]".into())],
            "{d:?}"
        );
    }
}
