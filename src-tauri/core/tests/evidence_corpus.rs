//! The evidence check over real news text: the raw article in
//! `fixtures/source-article.txt` and the facts of the published story in
//! `fixtures/published-story.txt` (each used as a cited source's saved
//! text), with facts written from them — true to them and altered in a
//! number, a name or a date. Every true fact passes the gate without an
//! evidence warning; every altered one is warned about, naming what changed.

use factdesk_core::checks::{check, Finding};
use factdesk_core::model::{Fact, FactId, Source, SourceId, Story};
use factdesk_core::{formats::itn, sample};

const ARTICLE: &str = include_str!("fixtures/source-article.txt");
const PUBLISHED: &str = include_str!("fixtures/published-story.txt");

/// One fact citing one source that keeps `text`, the gate's evidence findings.
fn evidence(text: &str, fact: &str) -> Vec<Finding> {
    let mut story = Story::new("Corpus");
    let id = SourceId::new();
    story.sources.push(Source {
        id,
        outlet: "Outlet".into(),
        url: "https://example.org/a".into(),
        saved_text: text.into(),
        ..Source::default()
    });
    story.facts.push(Fact {
        id: FactId::new(),
        text: fact.into(),
        citations: vec![id],
    });
    check(&story, &sample::registry())
        .into_iter()
        .filter(|f| f.code.as_str().starts_with("fact-") && f.code.as_str().ends_with("-unsupported"))
        .collect()
}

/// The published story's fact `n` (1-based), as a source's saved text.
fn published_fact(n: usize) -> String {
    itn::import(PUBLISHED).unwrap().facts[n - 1].text.clone()
}

#[test]
fn facts_true_to_real_articles_raise_no_evidence_warning() {
    let cases: Vec<(String, &str)> = vec![
        (
            ARTICLE.into(),
            "North Korea delivered more than 1,000 containers of munitions to Russia.",
        ),
        (
            ARTICLE.into(),
            "The containers moved from Najin to Dunay between September and October.",
        ),
        (
            ARTICLE.into(),
            "Russia's shell output this year is forecast at 2.5M, far short of demand.",
        ),
        (
            ARTICLE.into(),
            "Ukrainian statistics suggest Moscow's forces fire 60 thousand rounds daily.",
        ),
        (
            ARTICLE.into(),
            "John Kirby, the White House's national security spokesman, denounced the move.",
        ),
        (
            published_fact(4),
            "A drone strike in the Khmelnytsky region injured 20 people on Wednesday.",
        ),
        (
            published_fact(4),
            "IAEA Director General Rafael Grossi highlighted the dangers to nuclear safety.",
        ),
        (
            published_fact(5),
            "Blackouts hit more than 1,800 consumers in Netishyn and Slavuta.",
        ),
        (
            published_fact(5),
            "Kyiv said it destroyed all eleven Russian drones.",
        ),
        (
            published_fact(6),
            "Russia said it destroyed two Leopard tanks and 27 drones on Thursday.",
        ),
        (
            published_fact(6),
            "Russia's Defense Ministry said roughly 800 Ukrainian troops were killed.",
        ),
    ];
    for (text, fact) in &cases {
        assert_eq!(evidence(text, fact), vec![], "{fact}");
    }
}

#[test]
fn altered_facts_are_warned_about_by_what_changed() {
    let cases: Vec<(String, &str, &str, &str)> = vec![
        (
            ARTICLE.into(),
            "Russia's shell output is forecast at 3.5 million.",
            "fact-number-unsupported",
            "“3.5 million”",
        ),
        (
            ARTICLE.into(),
            "The containers moved from Rason to Dunay.",
            "fact-name-unsupported",
            "“Rason”",
        ),
        (
            ARTICLE.into(),
            "The containers moved between March and April.",
            "fact-date-unsupported",
            "“March” and “April”",
        ),
        (
            ARTICLE.into(),
            "Moscow's forces fire 6,000 rounds daily.",
            "fact-number-unsupported",
            "“6,000”",
        ),
        (
            published_fact(4),
            "A drone strike in the Khmelnytsky region injured 25 people.",
            "fact-number-unsupported",
            "“25”",
        ),
        (
            published_fact(4),
            "A drone strike injured 20 people on Tuesday.",
            "fact-date-unsupported",
            "“Tuesday”",
        ),
        (
            published_fact(5),
            "Blackouts hit more than 18,000 consumers.",
            "fact-number-unsupported",
            "“18,000”",
        ),
        (
            published_fact(5),
            "Blackouts hit Netishyn and Shepetivka.",
            "fact-name-unsupported",
            "“Shepetivka”",
        ),
        (
            published_fact(6),
            "Russia said it destroyed two Abrams tanks.",
            "fact-name-unsupported",
            "“Abrams”",
        ),
    ];
    for (text, fact, code, named) in &cases {
        let found = evidence(text, fact);
        assert_eq!(found.len(), 1, "{fact}: {found:?}");
        assert_eq!(found[0].code.as_str(), *code, "{fact}");
        assert!(found[0].message.contains(named), "{fact}: {}", found[0].message);
    }
    // The closest passage names the number the article gives instead.
    let shells = evidence(ARTICLE, "Russia's shell output is forecast at 3.5 million.");
    assert!(
        shells[0].message.contains("(source 1 says “2.5 million”)"),
        "{}",
        shells[0].message
    );
}
