//! A story laid out as readers see it, for the window's preview.
//!
//! Contract: [`layout`] gives every line the exports write, in their words
//! ([`crate::wording`]) — the headline (or that there is none yet), the
//! section headings, the image credit, each narrative's lead on the
//! story's axis, the prediction sentence, citation numbers in number order,
//! the Sources line's (a)/(b) labels, the withdrawal notice and the
//! corrections — so the preview words nothing itself and can only show
//! what the exports say.

use crate::model::{FactId, NarrativeId, Story};
use crate::numbering::Numbering;
use crate::wording;
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

/// A narrative: its lead and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LaidNarrative {
    pub id: NarrativeId,
    /// "Pro-Russia narrative, as provided by TASS." (set in bold).
    pub lead: String,
    pub text: String,
}

/// The section headings, as the exports write them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Headings {
    pub facts: String,
    /// What the Sources line starts with ("Sources:").
    pub sources: String,
    pub narratives: String,
    pub predictions: String,
    pub corrections: String,
}

/// The story as published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Layout {
    /// The headline, or the words for a story without one.
    pub headline: String,
    pub summary: String,
    /// "Image credit: …", or empty.
    pub image_credit: String,
    pub headings: Headings,
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
    let one_line = wording::one_line;
    Layout {
        headline: wording::headline(story),
        summary: one_line(&story.summary),
        image_credit: wording::image_credit(&story.image_credit),
        headings: Headings {
            facts: wording::FACTS.into(),
            sources: wording::SOURCES_PREFIX.into(),
            narratives: wording::NARRATIVES.into(),
            predictions: wording::PREDICTIONS.into(),
            corrections: wording::CORRECTIONS.into(),
        },
        withdrawal: story.withdrawal.as_ref().map(|w| wording::withdrawal(w).line()),
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
                then: match crate::formats::itn::list_separator(i, numbering.order.len()) {
                    "" => ".".to_string(),
                    more => more.to_string(),
                },
            })
            .collect(),
        narratives: story
            .narratives
            .iter()
            .map(|n| {
                let led = wording::narrative(story, n);
                LaidNarrative {
                    id: n.id,
                    lead: led.lead,
                    text: led.text,
                }
            })
            .collect(),
        predictions: story.predictions.iter().map(wording::prediction).collect(),
        corrections: story
            .corrections
            .iter()
            .map(|c| wording::correction(c).line())
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
        assert!(
            l.narratives[1]
                .lead
                .starts_with("Pro-Russia narrative, as provided by "),
            "{:?}",
            l.narratives[1]
        );
        assert_eq!(
            l.predictions[0],
            "There is a 40% chance that the matter will be settled by 2026, according to the Metaculus prediction community."
        );
        let text = crate::formats::itn::export(&s);
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
