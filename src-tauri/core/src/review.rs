//! The attribution review of a story: who cites what, where sources stand.
//!
//! Contract: [`review`] is pure. It gives the facts × sources citation
//! matrix in live-number order, each source's outlet as the registry knows
//! it (ratings included), the state of its URL (valid, missing, invalid, or a
//! duplicate of an earlier source after canonicalisation), and the lean of
//! the cited sources and of the narratives' outlets on the LR and CP axes,
//! with unrated outlets counted apart, and each fact's evidence
//! ([`crate::evidence::of_story`]).

use crate::model::{FactId, SourceId, Stance, Story};
use crate::numbering::Numbering;
use crate::registry::Registry;
use crate::urls;
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

/// What is known of a source's URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "state", rename_all = "kebab-case")]
#[ts(export)]
pub enum UrlState {
    Valid,
    Missing,
    Invalid {
        reason: String,
    },
    /// Same canonical URL as source `of` (its live number).
    Duplicate {
        of: usize,
    },
}

/// One source as the review shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SourceReview {
    pub id: SourceId,
    pub number: usize,
    pub label: String,
    /// The registry outlet it matched (by name, alias or URL domain).
    pub registry_name: Option<String>,
    pub lr: Option<u8>,
    pub cp: Option<u8>,
    pub cited_by: Vec<usize>,
    pub url: String,
    pub url_state: UrlState,
    pub has_saved_text: bool,
}

/// Counts per rating 1..5 on both axes, with unrated outlets apart.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Histogram {
    pub lr: [u32; 5],
    pub cp: [u32; 5],
    pub lr_unrated: u32,
    pub cp_unrated: u32,
}

impl Histogram {
    pub(crate) fn add(&mut self, lr: Option<u8>, cp: Option<u8>) {
        match lr {
            Some(r @ 1..=5) => self.lr[r as usize - 1] += 1,
            _ => self.lr_unrated += 1,
        }
        match cp {
            Some(r @ 1..=5) => self.cp[r as usize - 1] += 1,
            _ => self.cp_unrated += 1,
        }
    }
}

/// The lean of one side's narratives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SideLean {
    /// The side's label ("Pro-establishment", "Pro-Russia").
    pub label: String,
    pub lean: Histogram,
}

/// The whole review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Review {
    pub fact_ids: Vec<FactId>,
    /// In live-number order.
    pub sources: Vec<SourceReview>,
    /// `matrix[f][s]`: whether fact `f` (0-based) cites source number `s + 1`.
    pub matrix: Vec<Vec<bool>>,
    /// The cited sources, each counted once.
    pub source_lean: Histogram,
    /// The narratives' outlets, each narrative counted.
    pub narrative_lean: Histogram,
    /// The same, side by side: one histogram per side of the story's axis.
    pub narrative_sides: Vec<SideLean>,
    /// Each fact's numbers, dates and names beside the passages of its
    /// cited sources that support them (or come closest).
    pub evidence: Vec<crate::evidence::FactEvidence>,
}

/// Reviews `story` against `registry`.
pub fn review(story: &Story, registry: &Registry) -> Review {
    let numbering = Numbering::of(story);
    let mut first_by_url: HashMap<String, usize> = HashMap::new();
    let mut source_lean = Histogram::default();
    let sources: Vec<SourceReview> = numbering
        .order
        .iter()
        .enumerate()
        .filter_map(|(i, id)| {
            let source = numbering.source(story, *id)?;
            let number = i + 1;
            let outlet = registry.for_source(source);
            let cited_by: Vec<usize> = story
                .facts
                .iter()
                .enumerate()
                .filter(|(_, f)| f.citations.contains(id))
                .map(|(n, _)| n + 1)
                .collect();
            let url_state = match urls::check(&source.url) {
                Err(urls::UrlProblem::Empty) => UrlState::Missing,
                Err(urls::UrlProblem::NotHttp(scheme)) => UrlState::Invalid {
                    reason: format!("{scheme}: is not a web address"),
                },
                Err(urls::UrlProblem::Unparsable(why)) => UrlState::Invalid { reason: why },
                Ok(url) => match *first_by_url.entry(urls::canonical_of(url)).or_insert(number) {
                    first if first != number => UrlState::Duplicate { of: first },
                    _ => UrlState::Valid,
                },
            };
            if !cited_by.is_empty() {
                source_lean.add(outlet.and_then(|o| o.lr), outlet.and_then(|o| o.cp));
            }
            Some(SourceReview {
                id: *id,
                number,
                label: numbering.label(*id).unwrap_or_default().to_string(),
                registry_name: outlet.map(|o| o.name.clone()),
                lr: outlet.and_then(|o| o.lr),
                cp: outlet.and_then(|o| o.cp),
                cited_by,
                url: source.url.clone(),
                url_state,
                has_saved_text: !source.saved_text.trim().is_empty(),
            })
        })
        .collect();
    let matrix = story
        .facts
        .iter()
        .map(|f| sources.iter().map(|s| f.citations.contains(&s.id)).collect())
        .collect();
    let mut narrative_lean = Histogram::default();
    let mut narrative_sides: Vec<SideLean> = [Stance::EstablishmentCritical, Stance::ProEstablishment]
        .into_iter()
        .map(|s| SideLean {
            label: story.side_label(s),
            lean: Histogram::default(),
        })
        .collect();
    for n in &story.narratives {
        let outlet = registry.by_name(&n.outlet);
        narrative_lean.add(outlet.and_then(|o| o.lr), outlet.and_then(|o| o.cp));
        narrative_sides[n.stance.side()]
            .lean
            .add(outlet.and_then(|o| o.lr), outlet.and_then(|o| o.cp));
    }
    Review {
        fact_ids: story.facts.iter().map(|f| f.id).collect(),
        sources,
        matrix,
        source_lean,
        narrative_lean,
        narrative_sides,
        evidence: crate::evidence::of_numbered(story, &numbering),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    #[test]
    fn the_seed_reviews_as_six_facts_by_five_sources() {
        let seed =
            crate::formats::itn::import(include_str!("../tests/fixtures/published-story.txt")).unwrap();
        let r = review(&seed, &Registry::default());
        assert_eq!((r.matrix.len(), r.matrix[0].len()), (6, 5));
        let cells: Vec<Vec<usize>> = r
            .matrix
            .iter()
            .map(|row| {
                row.iter()
                    .enumerate()
                    .filter(|(_, c)| **c)
                    .map(|(i, _)| i + 1)
                    .collect()
            })
            .collect();
        assert_eq!(cells, vec![vec![1], vec![2], vec![2], vec![3], vec![4], vec![5]]);
        assert!(r.sources.iter().all(|s| s.url_state == UrlState::Missing));
        assert_eq!(r.source_lean.lr_unrated, 5);
        assert_eq!(r.narrative_lean.cp_unrated, 2);
    }

    #[test]
    fn urls_ratings_and_lean() {
        let mut s = sample::story(4, 4);
        s.sources[1].url = format!(
            "{}#comments",
            s.sources[0].url.to_uppercase().replace("HTTPS://", "https://")
        );
        s.sources[2].url = "ftp://files.example.org/x".into();
        s.sources[3].outlet = "Unrated Gazette".into();
        let r = review(&s, &sample::registry());
        let states: Vec<&UrlState> = r.sources.iter().map(|x| &x.url_state).collect();
        assert_eq!(states[0], &UrlState::Valid);
        assert!(matches!(states[2], UrlState::Invalid { .. }));
        assert_eq!(r.sources[0].registry_name.as_deref(), Some("Outlet 0"));
        assert_eq!(r.sources[3].registry_name, None);
        assert_eq!(r.source_lean.lr.iter().sum::<u32>() + r.source_lean.lr_unrated, 4);
        assert_eq!(r.source_lean.lr_unrated, 1);
        assert_eq!(r.narrative_lean.cp, [1, 0, 0, 0, 1]);
        let sides: Vec<(&str, [u32; 5])> = r
            .narrative_sides
            .iter()
            .map(|s| (s.label.as_str(), s.lean.cp))
            .collect();
        assert_eq!(
            sides,
            vec![
                ("Establishment-critical", [1, 0, 0, 0, 0]),
                ("Pro-establishment", [0, 0, 0, 0, 1])
            ]
        );
    }

    #[test]
    fn duplicates_point_at_the_first_source() {
        let mut s = sample::story(2, 2);
        s.sources[1].url = format!("{}/?utm_source=x&fbclid=y", s.sources[0].url);
        let r = review(&s, &sample::registry());
        assert_eq!(r.sources[1].url_state, UrlState::Duplicate { of: 1 });
    }
}
