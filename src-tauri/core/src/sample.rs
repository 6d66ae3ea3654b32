//! Generated, publishable stories of any size, for tests and benchmarks.
//!
//! Contract: [`story`] returns a story that passes every publish check (with
//! [`registry`] as the outlet registry), with
//! `facts` facts citing `sources` sources round-robin (two of them sharing an
//! outlet, so the (a)/(b) labels are exercised when there are three or more).

use crate::model::{
    Fact, FactId, Narrative, NarrativeId, Outlet, Prediction, PredictionId, Source, SourceId, Stance, Story,
};
use crate::registry::Registry;

/// A registry rating every outlet [`story`] uses ("Outlet 0".."Outlet 99",
/// "Critical Outlet" CP 1, "Mainstream Outlet" CP 5, "Middle Outlet" CP 3).
pub fn registry() -> Registry {
    let rated = |name: String, lr, cp| Outlet {
        name,
        lr: Some(lr),
        cp: Some(cp),
        ..Outlet::default()
    };
    let mut outlets: Vec<Outlet> = (0..100)
        .map(|i| rated(format!("Outlet {i}"), 1 + (i % 5) as u8, 3))
        .collect();
    outlets.push(rated("Critical Outlet".into(), 2, 1));
    outlets.push(rated("Mainstream Outlet".into(), 3, 5));
    outlets.push(rated("Middle Outlet".into(), 3, 3));
    Registry::new(outlets)
}

/// A publishable story with `facts` facts and `sources` sources (both at least 1).
pub fn story(facts: usize, sources: usize) -> Story {
    let sources = sources.max(1);
    let facts = facts.max(sources);
    let mut s = Story::new(format!("Sample story with {facts} facts and {sources} sources"));
    s.summary = "A generated story used to exercise Factdesk.".into();
    s.image_credit = "Wikimedia Commons".into();
    s.sources = (0..sources)
        .map(|i| Source {
            id: SourceId::new(),
            outlet: if i == 2 {
                "Outlet 0".into()
            } else {
                format!("Outlet {i}")
            },
            url: format!("https://news{i}.example.org/2024/11/story-{i}"),
            title: format!("Report number {i}"),
            published_on: chrono::NaiveDate::from_ymd_opt(2024, 11, 1 + (i % 28) as u32),
            saved_text: format!("Officials said on Tuesday that report {i} was accurate in every detail."),
        })
        .collect();
    s.facts = (0..facts)
        .map(|i| Fact {
            id: FactId::new(),
            text: format!("Fact number {i} states something verifiable about the day's events, including 1.8K people and the year 2024."),
            citations: vec![s.sources[i % sources].id],
        })
        .collect();
    s.narratives = vec![
        Narrative {
            id: NarrativeId::new(),
            stance: Stance::EstablishmentCritical,
            outlet: "Critical Outlet".into(),
            text: "The official account leaves much unexplained.".into(),
        },
        Narrative {
            id: NarrativeId::new(),
            stance: Stance::ProEstablishment,
            outlet: "Mainstream Outlet".into(),
            text: "The authorities acted swiftly and correctly.".into(),
        },
    ];
    s.predictions = vec![Prediction {
        id: PredictionId::new(),
        statement: "the matter will be settled by 2026".into(),
        probability: Some(40),
        forecaster: "the Metaculus prediction community".into(),
    }];
    s
}
