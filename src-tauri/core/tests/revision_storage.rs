//! What history costs on disk: revisions keep what changed, compressed, and
//! typing saves fold into one revision every few minutes, while every kept
//! version still reads back exactly.

use factdesk_core::model::{SaveKind, Story};
use factdesk_core::sample;
use factdesk_core::store::Store;
use rusqlite::Connection;
use std::path::Path;
use tempfile::TempDir;

/// The database's size with its log checkpointed into it.
fn bytes(path: &Path) -> i64 {
    let c = Connection::open(path).unwrap();
    c.pragma_update(None, "wal_checkpoint", "TRUNCATE").unwrap();
    let pages: i64 = c.pragma_query_value(None, "page_count", |r| r.get(0)).unwrap();
    let free: i64 = c
        .pragma_query_value(None, "freelist_count", |r| r.get(0))
        .unwrap();
    let size: i64 = c.pragma_query_value(None, "page_size", |r| r.get(0)).unwrap();
    (pages - free) * size
}

/// A story of about 23 KB: facts, and sources with the article text kept.
fn long_story() -> Story {
    let mut story = sample::story(20, 4);
    let article = factdesk_core::sample::desk_story(7)
        .facts
        .iter()
        .map(|f| f.text.clone())
        .collect::<Vec<_>>()
        .join(" ");
    for (i, s) in story.sources.iter_mut().enumerate() {
        s.saved_text = format!("{} {}", article.repeat(3), i);
    }
    let size = factdesk_core::formats::json::export(&story).len();
    assert!(
        (18_000..30_000).contains(&size),
        "a story of about 23 KB, not {size}"
    );
    story
}

/// 1,000 saves, each adding a word to one source's article text; the
/// sources of every version, oldest first.
fn thousand_source_edits(
    store: &mut Store,
    id: i64,
    kind: SaveKind,
) -> Vec<Vec<factdesk_core::model::Source>> {
    let mut seen = vec![store.load_story(id).unwrap().story.sources];
    for i in 0..1000 {
        let (saved, ()) = store
            .update_story(id, None, kind, |s| {
                let n = s.sources.len();
                let text = &mut s.sources[i % n].saved_text;
                let cut = text
                    .char_indices()
                    .nth(text.chars().count() / 2)
                    .map_or(0, |(at, _)| at);
                text.insert_str(cut, &format!(" edit{i}"));
                Ok(())
            })
            .unwrap();
        seen.push(saved.story.sources);
    }
    seen
}

#[test]
fn a_thousand_saves_of_one_source_cost_under_two_megabytes_and_every_version_reads_back() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("desk.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let id = store.create_story(&long_story()).unwrap().id;
    let empty = bytes(&path);
    let versions = thousand_source_edits(&mut store, id, SaveKind::Edit);
    let grown = bytes(&path) - empty;
    eprintln!(
        "1,000 source edits added {grown} bytes ({} per save)",
        grown / 1000
    );
    assert!(grown < 2_000_000, "{grown} bytes");
    // Every version is kept and rebuilds exactly: spot-check a spread.
    let kept = store.revisions(id).unwrap();
    assert_eq!(kept.len(), 1000);
    for v in [1, 2, 49, 50, 51, 333, 999, 1000, 1001] {
        let at = store.story_at(id, v).unwrap();
        assert!(
            at.sources == versions[v as usize - 1],
            "version {v} reads back exactly"
        );
    }
}

#[test]
fn typing_saves_fold_into_one_revision_per_few_minutes_and_transitions_never_fold() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("desk.sqlite3");
    let mut store = Store::open(&path).unwrap();
    store.set_editor("anna").unwrap();
    let id = store.create_story(&long_story()).unwrap().id;
    // Minutes of typing into a field are one revision: the created version
    // is kept, the typing states after it folded into it.
    thousand_source_edits_n(&mut store, id, 300);
    let kept: Vec<i64> = store
        .revisions(id)
        .unwrap()
        .iter()
        .map(|r| r.info.version)
        .collect();
    assert_eq!(kept, vec![1]);
    assert_eq!(
        store.story_at(id, 1).unwrap(),
        store.revisions(id).unwrap()[0].story
    );
    assert!(store.story_at(id, 150).is_err(), "a folded version is not kept");
    // Five minutes after the kept revision, typing starts the next one.
    Connection::open(&path)
        .unwrap()
        .execute(
            "UPDATE story_revisions SET saved_at = '2020-01-01T00:00:00.000000000Z'",
            [],
        )
        .unwrap();
    thousand_source_edits_n(&mut store, id, 2);
    let kept: Vec<i64> = store
        .revisions(id)
        .unwrap()
        .iter()
        .map(|r| r.info.version)
        .collect();
    assert_eq!(kept, vec![301, 1], "the state typed before the pause is kept");
    thousand_source_edits_n(&mut store, id, 1);
    // Another editor's typing, and a transition, are kept apart: Anna's last
    // state (another editor took over), Ben's typing folded, and the state
    // the transition replaced.
    store.set_editor("ben").unwrap();
    thousand_source_edits_n(&mut store, id, 3);
    store
        .transition(id, None, factdesk_core::editions::Action::Submit, "")
        .unwrap();
    let current = store.load_story(id).unwrap().version;
    let versions: Vec<i64> = store
        .revisions(id)
        .unwrap()
        .iter()
        .map(|r| r.info.version)
        .collect();
    assert_eq!(versions, vec![current - 1, 304, 301, 1]);
    assert_eq!(store.story_at(id, 304).unwrap().sources[0].title, "Title 0");
    assert_eq!(
        store.story_at(id, current - 1).unwrap().sources[0].title,
        "Title 2"
    );
}

#[test]
fn typing_into_a_long_text_folds_in_revisions_of_a_few_kilobytes_that_read_back() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("desk.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let id = store.create_story(&long_story()).unwrap().id;
    let empty = bytes(&path);
    let versions = thousand_source_edits(&mut store, id, SaveKind::Typing);
    let kept: Vec<i64> = store
        .revisions(id)
        .unwrap()
        .iter()
        .map(|r| r.info.version)
        .collect();
    assert!(kept.len() < 60, "{} revisions for 1,000 typing saves", kept.len());
    for v in kept {
        assert!(
            store.story_at(id, v).unwrap().sources == versions[v as usize - 1],
            "version {v}"
        );
    }
    assert!(bytes(&path) - empty < 300_000, "{} bytes", bytes(&path) - empty);
}

fn thousand_source_edits_n(store: &mut Store, id: i64, n: usize) {
    for i in 0..n {
        store
            .update_story(id, None, SaveKind::Typing, |s| {
                s.sources[0].title = format!("Title {i}");
                Ok(())
            })
            .unwrap();
    }
}
