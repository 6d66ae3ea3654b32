//! Unit tests of the importer's pieces; whole-story tests live in `tests/`.

use super::*;
use crate::model::{NarrativePair, Stance};

#[test]
fn sources_line_readings() {
    assert_eq!(
        parse_sources(
            1,
            "1The Guardian, 2The Hill, 3BBC News, 4The Telegraph and 5TASS."
        )
        .unwrap(),
        vec!["The Guardian", "The Hill", "BBC News", "The Telegraph", "TASS"]
    );
    assert_eq!(parse_sources(1, "1Reuters.").unwrap(), vec!["Reuters"]);
    assert_eq!(
        parse_sources(1, "1Marks and Spencer News and 27News.").unwrap(),
        vec!["Marks and Spencer News", "7News"]
    );
    assert_eq!(
        parse_sources(1, "1The Times of Israel (a), 2CNN and 3The Times of Israel (b).").unwrap(),
        vec!["The Times of Israel", "CNN", "The Times of Israel"]
    );
    assert_eq!(parse_sources(1, "1Radio (FM).").unwrap(), vec!["Radio (FM)"]);
    assert_eq!(
        parse_sources(4, "The Guardian and The Hill."),
        Err(ImportError::BadSources { line: 4 })
    );
}

#[test]
fn only_trailing_digits_after_the_text_are_citations() {
    assert_eq!(
        split_citations("More than 1.8K consumers.4", 5),
        ("More than 1.8K consumers.".into(), vec![4])
    );
    assert_eq!(
        split_citations("Killed roughly 800.2,3", 5),
        ("Killed roughly 800.".into(), vec![2, 3])
    );
    assert_eq!(
        split_citations("In the year 2024", 5),
        ("In the year 2024".into(), vec![])
    );
    assert_eq!(split_citations("Version 2.0", 5), ("Version 2.0".into(), vec![]));
    assert_eq!(split_citations("Too high.9", 5), ("Too high.9".into(), vec![]));
    assert_eq!(
        split_citations("No sources yet.", 0),
        ("No sources yet.".into(), vec![])
    );
}

#[test]
fn narratives_prefer_known_outlets_when_splitting() {
    let item = Item {
        line: 3,
        text: "Pro-establishment narrative, as provided by U.S. News. The text. More.".into(),
    };
    let n = parse_narrative(&item, &HashSet::from(["U.S. News"])).unwrap();
    assert_eq!(
        (n.outlet.as_str(), n.text.as_str()),
        ("U.S. News", "The text. More.")
    );
    let n = parse_narrative(&item, &HashSet::new()).unwrap();
    assert_eq!(n.outlet, "U.S");
    let bad = Item {
        line: 9,
        text: "Some narrative by someone.".into(),
    };
    assert_eq!(
        parse_narrative(&bad, &HashSet::new()).err(),
        Some(ImportError::BadNarrative { line: 9 })
    );
}

fn narratives_of(lines: &[&str]) -> Result<Story, ImportError> {
    let body: String = lines.iter().map(|l| format!("  \u{2022} {l}\n")).collect();
    import(&format!(
        "Headline\n\nFacts\n\n  \u{2022} A fact.\n\nNarratives\n\n{body}"
    ))
}

#[test]
fn narratives_take_the_sides_of_the_story_s_axis() {
    let est = narratives_of(&[
        "Pro-establishment narrative, as provided by BBC. Text.",
        "Establishment-critical narrative, as provided by RT. Other.",
    ])
    .unwrap();
    assert_eq!(est.axis, None);
    assert_eq!(est.narratives[0].stance, Stance::ProEstablishment);

    let pair = narratives_of(&[
        "Pro-Ukraine narrative, as provided by Kyiv Independent. Text.",
        "Pro-Russia narrative, as provided by TASS. Other.",
        "pro-ukraine narrative, as provided by BBC. More.",
    ])
    .unwrap();
    assert_eq!(
        pair.axis,
        Some(NarrativePair {
            first: "Pro-Ukraine".into(),
            second: "Pro-Russia".into()
        })
    );
    let stances: Vec<Stance> = pair.narratives.iter().map(|n| n.stance).collect();
    assert_eq!(
        stances,
        vec![
            Stance::EstablishmentCritical,
            Stance::ProEstablishment,
            Stance::EstablishmentCritical
        ]
    );
    assert_eq!(pair.side_label(Stance::ProEstablishment), "Pro-Russia");
    assert!(
        crate::formats::itn::export(&pair).contains("  \u{2022} Pro-Russia narrative, as provided by TASS. Other.")
    );

    let third = narratives_of(&[
        "Democratic narrative, as provided by A. x",
        "Republican narrative, as provided by B. y",
        "Libertarian narrative, as provided by C. z",
    ])
    .unwrap_err();
    assert!(
        third.to_string().contains("\"Libertarian\" would be a third"),
        "{third}"
    );
    let mixed = narratives_of(&[
        "Pro-Israel narrative, as provided by A. x",
        "Pro-establishment narrative, as provided by B. y",
    ])
    .unwrap_err();
    assert!(
        mixed.to_string().contains("mix the establishment axis"),
        "{mixed}"
    );
}

#[test]
fn prediction_sentences() {
    let p = parse_prediction(
        "There is a 40% chance that the war ends by 2026, according to the Metaculus prediction community.",
    );
    assert_eq!(p.probability, Some(40));
    assert_eq!(p.statement, "the war ends by 2026");
    assert_eq!(p.forecaster, "the Metaculus prediction community");
    let p = parse_prediction("There's a 5% chance that it rains.");
    assert_eq!(
        (p.probability, p.statement.as_str(), p.forecaster.as_str()),
        (Some(5), "it rains", "")
    );
    let p = parse_prediction("Prices will fall");
    assert_eq!((p.probability, p.statement.as_str()), (None, "Prices will fall"));
    let p = parse_prediction("There is a 140% chance that nonsense.");
    assert_eq!(p.probability, None);
}

#[test]
fn errors_name_the_problem() {
    assert_eq!(import(" \n\n"), Err(ImportError::Empty));
    assert_eq!(
        import("Just a paragraph of prose.\nAnother one."),
        Err(ImportError::NoSections)
    );
    assert_eq!(
        import("Facts\n\n  \u{2022} A fact.\n"),
        Err(ImportError::NoHeadline)
    );
}

#[test]
fn a_links_line_says_when_its_article_was_captured_and_reads_back() {
    let mut story = crate::sample::story(2, 2);
    let at = chrono::DateTime::parse_from_rfc3339("2026-12-05T14:02:31.250Z")
        .expect("time")
        .with_timezone(&chrono::Utc);
    story.sources[0].captured_at = Some(at);
    let text = export(&story);
    assert!(
        text.contains("  1. https://news0.example.org/2024/11/story-0 (captured 2026-12-05 14:02 UTC)\n"),
        "{text}"
    );
    let back = import(&text).expect("import");
    assert_eq!(back.sources[0].url, "https://news0.example.org/2024/11/story-0");
    assert_eq!(back.sources[0].captured_at.map(|t| t.to_rfc3339()), Some("2026-12-05T14:02:00+00:00".into()));
    assert_eq!(back.sources[1].captured_at, None);
}
