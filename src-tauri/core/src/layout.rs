//! A story laid out as readers see it, for the window's preview.
//!
//! Contract: [`layout`] gives every line the canonical text and the exports
//! write, in their words — the narrative labels of the story's axis, the
//! prediction sentence (with its forecaster), citation numbers in number
//! order, the Sources line's (a)/(b) labels, the withdrawal notice and the
//! corrections — so the preview can only show what the exports say.

use crate::model::{FactId, NarrativeId, Story};
use crate::numbering::Numbering;
use serde::Serialize;
use ts_rs::TS;

/// A fact and the numbers it cites.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LaidFact {
    pub id: FactId,
    pub text: String,
    pub numbers: Vec<usize>,
}

/// A source in the Sources line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LaidSource {
    pub number: usize,
    pub label: String,
    /// What the Sources line writes after it: ", ", " and " or ".".
    pub then: String,
}

/// A narrative with its side's label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LaidNarrative {
    pub id: NarrativeId,
    /// "Pro-establishment narrative", "Pro-Russia narrative".
    pub label: String,
    pub outlet: String,
    pub text: String,
}

/// The story as published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Layout {
    pub headline: String,
    pub summary: String,
    pub image_credit: String,
    /// "Withdrawn on 2026-11-24: reason", when withdrawn.
    pub withdrawal: Option<String>,
    pub facts: Vec<LaidFact>,
    pub sources: Vec<LaidSource>,
    pub narratives: Vec<LaidNarrative>,
    pub predictions: Vec<String>,
    /// "2026-11-24: note", oldest first.
    pub corrections: Vec<String>,
}

/// Lays out `story`.
pub fn layout(story: &Story, numbering: &Numbering) -> Layout {
    let one_line = crate::itn::one_line;
    Layout {
        headline: one_line(&story.headline),
        summary: one_line(&story.summary),
        image_credit: one_line(&story.image_credit),
        withdrawal: story.withdrawal.as_ref().map(|w| {
            format!(
                "Withdrawn on {}: {}",
                w.at.format("%Y-%m-%d"),
                one_line(&w.reason)
            )
        }),
        facts: story
            .facts
            .iter()
            .map(|f| LaidFact {
                id: f.id,
                text: one_line(&f.text),
                numbers: numbering.cited(f),
            })
            .collect(),
        sources: numbering
            .order
            .iter()
            .enumerate()
            .map(|(i, id)| LaidSource {
                number: i + 1,
                label: one_line(numbering.label(*id).unwrap_or_default()),
                then: match crate::itn::list_separator(i, numbering.order.len()) {
                    "" => ".".to_string(),
                    more => more.to_string(),
                },
            })
            .collect(),
        narratives: story
            .narratives
            .iter()
            .map(|n| LaidNarrative {
                id: n.id,
                label: story.narrative_label(n.stance),
                outlet: one_line(&n.outlet),
                text: one_line(&n.text),
            })
            .collect(),
        predictions: story
            .predictions
            .iter()
            .map(crate::itn::prediction_line)
            .collect(),
        corrections: story
            .corrections
            .iter()
            .map(|c| format!("{}: {}", c.published_at.format("%Y-%m-%d"), one_line(&c.note)))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_layout_says_what_the_canonical_text_says() {
        let mut s = crate::sample::story(3, 3);
        s.facts[2].citations = vec![s.sources[2].id, s.sources[0].id];
        s.axis = Some(crate::model::NarrativePair {
            first: "Pro-Ukraine".into(),
            second: "Pro-Russia".into(),
        });
        let l = layout(&s, &Numbering::of(&s));
        assert_eq!(l.facts[2].numbers, vec![1, 3], "in number order");
        assert_eq!(l.narratives[1].label, "Pro-Russia narrative");
        assert_eq!(
            l.predictions[0],
            "There is a 40% chance that the matter will be settled by 2026, according to the Metaculus prediction community."
        );
        let text = crate::itn::export(&s);
        assert!(
            text.contains(&format!("  \u{2022} {}1,3\n", l.facts[2].text)),
            "{text}"
        );
        assert!(text.contains(&l.predictions[0]));
        assert!(l.sources.iter().any(|x| x.label == "Outlet 0 (a)"));
        let line: String = l
            .sources
            .iter()
            .map(|x| format!("{}{}{}", x.number, x.label, x.then))
            .collect();
        assert!(text.contains(&format!("Sources: {line}\n")), "{line}");
    }
}
