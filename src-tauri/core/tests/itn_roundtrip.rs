//! Property: importing the canonical export of a story gives back that story.
//!
//! Generated stories mix unicode, straight and typographic quotes, outlets
//! containing " and " or starting with digits, repeated outlets (a)/(b), facts
//! ending in numbers, uncited sources and optional parts. The documented
//! limits of the plain text are respected: one-line fields without
//! surrounding blanks, facts ending in punctuation, narrative outlets without
//! ". ", and statements without ", according to ".

use factdesk_core::formats::{itn, json as native};
use factdesk_core::model::*;
use factdesk_core::numbering::Numbering;
use proptest::prelude::*;

const WORDS: &[&str] = &[
    "Kyiv",
    "said",
    "the",
    "Zürich",
    "naïve",
    "東京",
    "Ελλάδα",
    "مرحبا",
    "'quoted words here'",
    "\u{201C}typographic quote here\u{201D}",
    "\"straight quote here\"",
    "1.8K",
    "2024",
    "800",
    "and",
    "of",
    "Foo,",
    "rates",
    "O'Brien",
    "€5bn",
    "—",
    "(IAEA)",
    "x",
    "Pres.",
    "3.5%",
];
const OUTLETS: &[&str] = &[
    "The Guardian",
    "Marks and Spencer Daily",
    "7News",
    "1440 Daily Digest",
    "Le Monde",
    "Süddeutsche Zeitung",
    "The \"Quoted\" Times",
    "Times and Sundays",
    "9to5Mac",
    "Yahoo Inc.",
    "RT International",
    "BBC News",
    "Radio (FM)",
    "Al Jazeera",
];
const ENDINGS: &[&str] = &[
    ".",
    "!",
    "?",
    ".\"",
    ".\u{201D}",
    ")",
    "\u{2026}",
    " 800.",
    " in 2024.",
];

fn sentence(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 1..max).prop_map(|w| w.join(" "))
}

fn outlet() -> impl Strategy<Value = String> {
    prop::sample::select(OUTLETS).prop_map(str::to_string)
}

fn source() -> impl Strategy<Value = Source> {
    (outlet(), prop::option::of(0u32..1000)).prop_map(|(outlet, url)| Source {
        outlet,
        url: url
            .map(|n| format!("https://news.example.org/{n}?a=1"))
            .unwrap_or_default(),
        ..Source::default()
    })
}

fn story() -> impl Strategy<Value = Story> {
    let head = (
        sentence(10),
        prop::option::of(sentence(20)),
        prop::option::of(sentence(3)),
    );
    let sources = prop::collection::vec(source(), 0..7);
    let facts = prop::collection::vec(
        (
            sentence(25),
            prop::sample::select(ENDINGS),
            prop::collection::vec(any::<prop::sample::Index>(), 0..4),
        ),
        0..8,
    );
    let narratives = prop::collection::vec((any::<bool>(), outlet(), sentence(30)), 0..4);
    let predictions = prop::collection::vec(
        (
            sentence(12),
            prop::option::of(0u8..=100),
            prop::option::of(outlet()),
        ),
        0..3,
    );
    (head, sources, facts, narratives, predictions).prop_map(
        |((h, summary, credit), sources, facts, narratives, predictions)| {
            let mut s = Story::new(h);
            s.summary = summary.map(|x| format!("{x}.")).unwrap_or_default();
            s.image_credit = credit.unwrap_or_default();
            s.facts = facts
                .into_iter()
                .map(|(text, end, cites)| Fact {
                    id: FactId::new(),
                    text: format!("{text}{end}"),
                    citations: if sources.is_empty() {
                        vec![]
                    } else {
                        cites.iter().map(|i| sources[i.index(sources.len())].id).collect()
                    },
                })
                .collect();
            s.sources = sources;
            s.narratives = narratives
                .into_iter()
                .map(|(critical, outlet, text)| Narrative {
                    id: NarrativeId::new(),
                    stance: if critical {
                        Stance::EstablishmentCritical
                    } else {
                        Stance::ProEstablishment
                    },
                    outlet,
                    text: format!("{text}."),
                })
                .collect();
            s.predictions = predictions
                .into_iter()
                .map(|(statement, probability, forecaster)| Prediction {
                    id: PredictionId::new(),
                    statement,
                    probability,
                    forecaster: forecaster.unwrap_or_default(),
                })
                .collect();
            s
        },
    )
}

type Shape = (
    (String, String, String),
    Vec<(String, Vec<usize>)>,
    Vec<(String, String)>,
    Vec<(Stance, String, String)>,
    Vec<(String, Option<u8>, String)>,
);

/// What the plain text carries, with identities replaced by live numbers.
fn shape(s: &Story) -> Shape {
    let n = Numbering::of(s);
    (
        (s.headline.clone(), s.summary.clone(), s.image_credit.clone()),
        s.facts
            .iter()
            .map(|f| {
                // The canonical text writes a fact's citations in number order.
                (f.text.clone(), n.cited(f))
            })
            .collect(),
        n.order
            .iter()
            .map(|id| {
                s.source(*id)
                    .map(|x| (x.outlet.clone(), x.url.clone()))
                    .unwrap_or_default()
            })
            .collect(),
        s.narratives
            .iter()
            .map(|x| (x.stance, x.outlet.clone(), x.text.clone()))
            .collect(),
        s.predictions
            .iter()
            .map(|p| (p.statement.clone(), p.probability, p.forecaster.clone()))
            .collect(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn canonical_text_round_trips(story in story()) {
        let text = itn::export(&story);
        let back = itn::import(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(shape(&back), shape(&story), "text was:\n{}", text);
        prop_assert_eq!(itn::export(&back), text);
    }

    #[test]
    fn native_json_round_trips_exactly(story in story()) {
        prop_assert_eq!(native::import(&native::export(&story)).unwrap(), story);
    }
}
