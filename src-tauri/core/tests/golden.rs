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

const SEED: &str = include_str!("../../../tests/fixtures/published-story.txt");

fn pinned_seed() -> Story {
    let mut story = factdesk_core::itn::import(SEED).unwrap();
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

#[test]
fn the_seed_in_every_format_matches_its_golden_file() {
    let story = pinned_seed();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/golden");
    let update = std::env::var_os("FACTDESK_UPDATE_GOLDEN").is_some();
    for format in Format::ALL {
        let path = dir.join(format!("published-story.{}", format.extension()));
        let out = format.export(&story);
        if update {
            std::fs::write(&path, &out).unwrap();
        }
        let golden = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(out, golden, "{} differs from its golden file", path.display());
    }
}
