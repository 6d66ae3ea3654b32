//! Tests of the publish gate: one per finding code, against a clean sample.

use super::*;
use crate::model::{Fact, FactId, Narrative, NarrativeId, Prediction, PredictionId, Source};
use crate::sample;

fn check(story: &Story) -> Vec<Finding> {
    super::check(story, &sample::registry())
}

fn codes(story: &Story) -> Vec<String> {
    check(story).into_iter().map(|f| f.code.to_string()).collect()
}

fn has(story: &Story, code: &str) -> bool {
    codes(story).iter().any(|c| c == code)
}

#[test]
fn sample_story_is_clean() {
    let s = sample::story(4, 3);
    assert_eq!(check(&s), vec![]);
    assert!(publishable(&check(&s)));
}

#[test]
fn headline_rules() {
    let mut s = sample::story(2, 2);
    s.headline = "  ".into();
    assert!(has(&s, "headline-missing"));
    s.headline = "x".repeat(201);
    assert!(has(&s, "headline-too-long"));
    s.headline = "x".repeat(200);
    assert!(!has(&s, "headline-too-long"));
    s.headline = "two\nlines".into();
    assert!(has(&s, "headline-multiline"));
    assert!(!publishable(&check(&s)));
}

#[test]
fn fact_rules() {
    let mut s = sample::story(2, 2);
    s.facts.clear();
    assert!(has(&s, "facts-missing"));

    let mut s = sample::story(2, 2);
    let ghost = crate::model::SourceId::new();
    s.facts.push(Fact {
        id: FactId::new(),
        text: "Uncited.".into(),
        citations: vec![],
    });
    s.facts.push(Fact {
        id: FactId::new(),
        text: " ".into(),
        citations: vec![ghost],
    });
    let found = check(&s);
    let uncited = found.iter().find(|f| f.code == "fact-uncited").expect("uncited");
    assert_eq!(uncited.target, Target::Fact { id: s.facts[2].id });
    assert_eq!(uncited.severity, Severity::Error);
    assert!(found.iter().any(|f| f.code == "fact-empty"));
    let dangling = found
        .iter()
        .find(|f| f.code == "citation-dangling")
        .expect("dangling");
    assert_eq!(
        dangling.target,
        Target::Citation {
            fact: s.facts[3].id,
            source: ghost
        }
    );

    let mut s = sample::story(2, 2);
    s.facts[0].text = "word ".repeat(120);
    assert!(has(&s, "fact-too-long"));
    s.facts[0].text = "Turnout rose to 2024".into();
    assert!(has(&s, "fact-unterminated"));
}

#[test]
fn source_rules() {
    let mut s = sample::story(3, 3);
    s.sources.push(Source {
        outlet: "Extra".into(),
        url: "https://x.org".into(),
        ..Source::default()
    });
    let found = check(&s);
    let uncited = found
        .iter()
        .find(|f| f.code == "source-uncited")
        .expect("uncited");
    assert_eq!(
        uncited.target,
        Target::Source {
            id: s.sources[3].id,
            field: "citations".into()
        }
    );
    assert!(uncited.message.contains("Source 4"), "{}", uncited.message);

    let mut s = sample::story(3, 3);
    s.sources[0].outlet = "".into();
    s.sources[1].url = "".into();
    s.sources[2].url = "javascript:alert(1)".into();
    let c = codes(&s);
    assert!(c.contains(&"source-outlet-missing".to_string()));
    assert!(c.contains(&"source-url-missing".to_string()));
    assert!(c.contains(&"source-url-invalid".to_string()));

    let mut s = sample::story(3, 3);
    s.sources[1].url = format!("{}/?utm_source=feed#x", s.sources[0].url);
    let found = check(&s);
    let dup = found
        .iter()
        .find(|f| f.code == "source-url-duplicate")
        .expect("dup");
    assert_eq!(dup.severity, Severity::Warning);
    assert!(publishable(&found));
}

#[test]
fn single_outlet_warning() {
    let mut s = sample::story(3, 2);
    assert!(!has(&s, "facts-single-outlet"));
    s.sources[1].outlet = s.sources[0].outlet.to_uppercase();
    assert!(has(&s, "facts-single-outlet"));
}

#[test]
fn narrative_rules() {
    let mut s = sample::story(2, 2);
    s.narratives.retain(|n| n.stance == Stance::ProEstablishment);
    assert!(has(&s, "narrative-critical-missing"));
    assert!(!has(&s, "narrative-pro-missing"));
    s.narratives.clear();
    assert!(has(&s, "narrative-pro-missing"));
    s.narratives.push(Narrative {
        id: NarrativeId::new(),
        stance: Stance::ProEstablishment,
        outlet: " ".into(),
        text: "".into(),
    });
    assert!(has(&s, "narrative-outlet-missing"));
    assert!(has(&s, "narrative-text-missing"));
}

#[test]
fn prediction_rules() {
    let mut s = sample::story(2, 2);
    s.predictions.push(Prediction {
        id: PredictionId::new(),
        statement: "".into(),
        probability: Some(101),
        forecaster: "".into(),
    });
    assert!(has(&s, "prediction-statement-missing"));
    assert!(has(&s, "prediction-probability-invalid"));
}

#[test]
fn quotations_are_checked_against_saved_text() {
    let mut s = sample::story(2, 2);
    s.facts[0].text = "Officials called it \u{201C}accurate in every detail.\u{201D}".into();
    assert_eq!(codes(&s), Vec::<String>::new());
    s.facts[0].text = "Officials called it \"wrong in every detail\".".into();
    let found = check(&s);
    let q = found
        .iter()
        .find(|f| f.code == "quote-not-found")
        .expect("quote warning");
    assert!(q.message.contains("accurate in every detail"), "{}", q.message);
    // The source's own quotation marks inside the passage become single
    // ones, so the message never nests double quotes.
    s.sources[0].saved_text = "The minister said \"this is wrong\" in every detail today.".into();
    s.facts[0].text = "The minister said \u{201C}this is right in every detail\u{201D}.".into();
    let found = check(&s);
    let q = found
        .iter()
        .find(|f| f.code == "quote-not-found")
        .expect("quote warning");
    let passage = q.message.split("Nearest passage: ").nth(1).expect(&q.message);
    assert_eq!(passage.matches('\u{201C}').count(), 1, "{}", q.message);
    assert!(
        passage.contains("\u{2018}this is wrong\u{2019}") && !passage.contains('"'),
        "{}",
        q.message
    );
    s.sources[0].saved_text.clear();
    assert!(has(&s, "quote-unchecked"));
    assert!(!has(&s, "quote-not-found"));
}

#[test]
fn errors_come_before_warnings() {
    let mut s = sample::story(2, 2);
    s.sources[1].url = s.sources[0].url.clone();
    s.headline.clear();
    let sev: Vec<Severity> = check(&s).iter().map(|f| f.severity).collect();
    let mut sorted = sev.clone();
    sorted.sort();
    assert_eq!(sev, sorted);
    assert_eq!(sev.first(), Some(&Severity::Error));
}

#[test]
fn unrated_outlets_are_reported_by_name_alias_or_domain() {
    let mut s = sample::story(2, 2);
    assert!(!has(&s, "source-outlet-unrated"));
    s.sources[0].outlet = "Unknown Gazette".into();
    let found = check(&s);
    let f = found
        .iter()
        .find(|f| f.code == "source-outlet-unrated")
        .expect("unrated");
    assert_eq!(
        f.target,
        Target::Source {
            id: s.sources[0].id,
            field: "outlet".into()
        }
    );
    let empty = super::check(&sample::story(2, 2), &Registry::default());
    assert_eq!(
        empty.iter().filter(|f| f.code == "source-outlet-unrated").count(),
        2
    );
}

#[test]
fn stance_must_agree_with_the_outlets_cp_rating() {
    let mut s = sample::story(2, 2);
    assert!(!has(&s, "narrative-stance-mismatch"));
    s.narratives[0].outlet = "Mainstream Outlet".into();
    let found = check(&s);
    let f = found
        .iter()
        .find(|f| f.code == "narrative-stance-mismatch")
        .expect("mismatch");
    assert!(f.message.contains("CP 5"), "{}", f.message);
    assert_eq!(f.severity, Severity::Warning);
    s.narratives[0].outlet = "Critical Outlet".into();
    s.narratives[1].outlet = "Critical Outlet".into();
    assert!(has(&s, "narrative-stance-mismatch"));
    s.narratives[1].outlet = "Middle Outlet".into();
    assert!(!has(&s, "narrative-stance-mismatch"));
}

#[test]
fn bidi_controls_are_named_where_they_are() {
    let mut s = sample::story(2, 2);
    assert!(!has(&s, "text-bidi-control"));
    s.facts[1].text = "Prices rose \u{202E}%02 yb\u{202C}.".into();
    s.sources[0].title = "Isolated \u{2067}text\u{2069}".into();
    let found: Vec<Finding> = check(&s)
        .into_iter()
        .filter(|f| f.code == "text-bidi-control")
        .collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].severity, Severity::Warning);
    assert_eq!(found[0].target, Target::Fact { id: s.facts[1].id });
    assert_eq!(
        found[0].message,
        "Fact 2 contains bidi control characters that can reorder what readers see."
    );
    assert_eq!(
        found[1].target,
        Target::Source {
            id: s.sources[0].id,
            field: "title".into()
        }
    );
    // Right-to-left letters and marks are ordinary text, not controls.
    s.facts[1].text = "\u{5E9}\u{5DC}\u{5D5}\u{5DD} \u{200F}.".into();
    s.sources[0].title = "T".into();
    assert!(!has(&s, "text-bidi-control"));
}

#[test]
fn a_named_pair_needs_one_narrative_on_each_side_and_no_cp_check() {
    let mut s = sample::story(2, 2);
    s.axis = Some(crate::model::NarrativePair {
        first: "Pro-Ukraine".into(),
        second: "Pro-Russia".into(),
    });
    // The sample's outlets are rated CP 1 and 5: on a pair axis that says nothing.
    s.narratives[0].outlet = "Mainstream Outlet".into();
    assert!(!has(&s, "narrative-stance-mismatch"));
    s.narratives.truncate(1);
    let missing: Vec<Finding> = check(&s)
        .into_iter()
        .filter(|f| f.code == "narrative-side-missing")
        .collect();
    assert_eq!(missing.len(), 1);
    assert_eq!(
        missing[0].message,
        "The story needs at least one Pro-Russia narrative."
    );
    s.axis.as_mut().unwrap().second.clear();
    assert!(has(&s, "narrative-axis-unnamed"));
    s.axis = None;
    assert!(
        has(&s, "narrative-pro-missing"),
        "the establishment axis keeps its codes"
    );
}

#[test]
fn a_story_language_must_be_a_tag() {
    let mut s = sample::story(2, 2);
    assert!(!has(&s, "language-invalid"));
    s.language = "en-GB".into();
    assert!(!has(&s, "language-invalid"));
    s.language = "English".into();
    assert!(has(&s, "language-invalid"), "a name is not a tag");
    s.language = "english language".into();
    assert!(has(&s, "language-invalid"));
}
