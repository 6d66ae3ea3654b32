//! Golden files: the seed story in every export format.
//!
//! The seed is imported, then its identities and timestamps are pinned so
//! the output is deterministic. `FACTDESK_UPDATE_GOLDEN=1 cargo test` rewrites
//! the files after a deliberate change; review the diff before committing.

use chrono::{DateTime, Utc};
use factdesk_core::formats::Format;
use factdesk_core::model::*;
use std::path::PathBuf;
use uuid::Uuid;

const SEED: &str = include_str!("fixtures/published-story.txt");

fn pinned_seed() -> Story {
    let mut story = factdesk_core::formats::itn::import(SEED).unwrap();
    let at: DateTime<Utc> = "2024-11-07T09:30:00Z".parse().unwrap();
    story.uid = Uuid::from_u128(0x5eed_0000_0000_4000_8000_0000_0000_0001);
    story.created_at = at;
    story.updated_at = at;
    let mut n = 0u128;
    let mut next = || {
        n += 1;
        Uuid::from_u128(n)
    };
    let mut map = std::collections::HashMap::new();
    for s in &mut story.sources {
        let id = SourceId(next());
        map.insert(s.id, id);
        s.id = id;
    }
    for (i, s) in story.sources.iter_mut().enumerate() {
        s.url = format!("https://example.org/source-{}", i + 1);
    }
    for f in &mut story.facts {
        f.id = FactId(next());
        f.citations = f.citations.iter().map(|c| map[c]).collect();
    }
    for x in &mut story.narratives {
        x.id = NarrativeId(next());
    }
    story
}

fn check_golden(name: &str, story: &Story) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golden");
    let update = std::env::var_os("FACTDESK_UPDATE_GOLDEN").is_some();
    for format in Format::ALL {
        let path = dir.join(format!("{name}.{}", format.extension()));
        let out = format.export(story);
        if update {
            std::fs::write(&path, &out).unwrap();
        }
        let golden = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(out, golden, "{} differs from its golden file", path.display());
    }
}

#[test]
fn the_seed_in_every_format_matches_its_golden_file() {
    check_golden("published-story", &pinned_seed());
}

/// The seed published three times: its third edition carries two corrections.
fn corrected_seed() -> Story {
    let mut story = pinned_seed();
    let at = |d: &str| -> DateTime<Utc> { d.parse().unwrap() };
    story.status = Status::Published;
    story.published_at = Some(at("2024-11-07T10:00:00Z"));
    story.edition = 3;
    story.corrections = vec![
        Correction {
            edition: 2,
            published_at: at("2024-11-08T08:15:00Z"),
            note: "An earlier version gave the wrong region for the drone strike.".into(),
        },
        Correction {
            edition: 3,
            published_at: at("2024-11-09T17:40:00Z"),
            note: "The number of consumers left without power was corrected to more than 1.8K.".into(),
        },
    ];
    story
}

#[test]
fn corrections_show_in_every_format() {
    check_golden("corrected-story", &corrected_seed());
}

#[test]
fn a_withdrawal_shows_in_every_format() {
    let mut story = corrected_seed();
    story.status = Status::Withdrawn;
    story.withdrawal = Some(Withdrawal {
        at: "2024-11-10T12:00:00Z".parse().unwrap(),
        reason: "The central claim could not be verified.".into(),
    });
    check_golden("withdrawn-story", &story);
}

#[test]
fn corrections_and_a_withdrawal_read_back_from_the_canonical_text() {
    let mut story = corrected_seed();
    story.withdrawal = Some(Withdrawal {
        at: "2024-11-10T00:00:00Z".parse().unwrap(),
        reason: "The central claim could not be verified.".into(),
    });
    let back = factdesk_core::formats::itn::import(&Format::Itn.export(&story)).unwrap();
    assert_eq!(back.withdrawal, story.withdrawal);
    let notes: Vec<(u32, &str)> = back
        .corrections
        .iter()
        .map(|c| (c.edition, c.note.as_str()))
        .collect();
    assert_eq!(
        notes,
        story
            .corrections
            .iter()
            .map(|c| (c.edition, c.note.as_str()))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        back.corrections[0].published_at.date_naive(),
        story.corrections[0].published_at.date_naive()
    );
    assert_eq!(back.facts.len(), story.facts.len());
    assert_eq!(
        back.summary, "",
        "the withdrawal line is not mistaken for a summary"
    );
}
