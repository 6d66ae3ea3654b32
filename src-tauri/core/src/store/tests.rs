//! Store tests on real database files in a temporary directory.

use super::*;
use crate::model::{Fact, FactId};
use crate::sample;
use tempfile::TempDir;

fn fresh() -> (TempDir, Store) {
    let dir = TempDir::new().unwrap();
    let store = Store::open(&dir.path().join("t.sqlite3")).unwrap();
    (dir, store)
}

#[test]
fn a_story_survives_save_and_reopen_exactly() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("db.sqlite3");
    let story = sample::story(7, 4);
    let id = Store::open(&path).unwrap().create_story(&story).unwrap().id;
    let loaded = Store::open(&path).unwrap().load_story(id).unwrap();
    assert_eq!(loaded.version, 1);
    assert_eq!(loaded.story, story);
}

#[test]
fn connection_is_configured() {
    let (_d, store) = fresh();
    let mode: String = store
        .conn()
        .unwrap()
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    let fk: i64 = store
        .conn()
        .unwrap()
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    let busy: i64 = store
        .conn()
        .unwrap()
        .pragma_query_value(None, "busy_timeout", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    assert_eq!(fk, 1);
    assert_eq!(busy, 10_000);
    assert_eq!(
        migrations::version(store.conn().unwrap()).unwrap(),
        migrations::latest()
    );
}

#[test]
fn stale_saves_are_refused_and_change_nothing() {
    let (_d, mut store) = fresh();
    let created = store.create_story(&sample::story(2, 2)).unwrap();
    let mut mine = created.story.clone();
    mine.headline = "First editor".into();
    let saved = store.save_story(created.id, 1, &mine).unwrap();
    assert_eq!(saved.version, 2);

    let mut theirs = created.story.clone();
    theirs.headline = "Second editor, stale".into();
    let err = store.save_story(created.id, 1, &theirs).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Conflict {
                expected: 1,
                current: 2,
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(err.code(), "conflict");
    let now = store.load_story(created.id).unwrap();
    assert_eq!(now.version, 2);
    assert_eq!(now.story.headline, "First editor");
}

#[test]
fn every_save_keeps_the_previous_state() {
    let (_d, mut store) = fresh();
    let created = store.create_story(&sample::story(2, 2)).unwrap();
    let mut s = created.story.clone();
    for (v, headline) in ["two", "three"].iter().enumerate() {
        s.headline = headline.to_string();
        s.facts.push(Fact {
            id: FactId::new(),
            text: format!("Added {v}."),
            citations: vec![s.sources[0].id],
        });
        store.save_story(created.id, v as i64 + 1, &s).unwrap();
    }
    let revs = store.revisions(created.id).unwrap();
    assert_eq!(
        revs.iter().map(|r| r.info.version).collect::<Vec<_>>(),
        vec![2, 1]
    );
    assert_eq!(revs[1].story, created.story);
    assert_eq!(revs[0].story.headline, "two");
    assert_eq!(revs[0].story.facts.len(), 3);
}

#[test]
fn save_keeps_created_and_advances_updated() {
    let (_d, mut store) = fresh();
    let mut story = sample::story(1, 1);
    story.created_at = chrono::DateTime::from_timestamp(1_000_000_000, 0).unwrap();
    story.updated_at = story.created_at;
    let c = store.create_story(&story).unwrap();
    let mut edit = c.story.clone();
    edit.created_at = chrono::Utc::now();
    edit.summary = "A change worth saving.".into();
    let s = store.save_story(c.id, 1, &edit).unwrap();
    assert_eq!(s.story.created_at, story.created_at);
    assert!(s.story.updated_at > story.updated_at);
    assert_eq!(store.load_story(c.id).unwrap().story, s.story);
}

#[test]
fn citation_order_and_dangling_citations_are_kept() {
    let (_d, mut store) = fresh();
    let mut story = sample::story(3, 3);
    let ghost = crate::model::SourceId::new();
    story.facts[0].citations = vec![story.sources[2].id, ghost, story.sources[0].id];
    let id = store.create_story(&story).unwrap().id;
    assert_eq!(
        store.load_story(id).unwrap().story.facts[0].citations,
        story.facts[0].citations
    );
}

#[test]
fn list_is_newest_first_and_delete_removes_everything() {
    let (_d, mut store) = fresh();
    // Timestamps have millisecond precision: b's is set a minute back so the
    // save of a is certainly later.
    let mut older = sample::story(1, 1);
    older.created_at -= chrono::Duration::minutes(1);
    older.updated_at = older.created_at;
    let a = store.create_story(&older).unwrap();
    older.uid = uuid::Uuid::new_v4();
    let b = store.create_story(&older).unwrap();
    let mut edited = a.story.clone();
    edited.summary = "Edited.".into();
    store.save_story(a.id, 1, &edited).unwrap();
    let ids: Vec<_> = store
        .list_stories()
        .unwrap()
        .stories
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(ids, vec![a.id, b.id]);
    store.delete_story(a.id).unwrap();
    assert!(matches!(store.load_story(a.id), Err(Error::NotFound(_))));
    assert!(matches!(store.delete_story(a.id), Err(Error::NotFound(_))));
    let orphans: i64 = store
        .conn().unwrap()
        .query_row("SELECT (SELECT count(*) FROM facts WHERE story_id = ?1) + (SELECT count(*) FROM story_revisions WHERE story_id = ?1)", [a.id], |r| r.get(0))
        .unwrap();
    assert_eq!(orphans, 0);
}

#[test]
fn a_newer_database_is_refused_and_left_untouched() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("newer.sqlite3");
    {
        let c = Connection::open(&path).unwrap();
        c.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
            .unwrap();
        c.pragma_update(None, "application_id", open::APPLICATION_ID)
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, Error::NewerDatabase { found: 99, .. }), "{err}");
    assert!(err.to_string().contains("newer Factdesk"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!dir.path().join("newer.sqlite3-wal").exists());
}

#[test]
fn a_file_that_is_not_a_database_is_named_as_such() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(
        &path,
        "just some notes, certainly not SQLite, padded to be long enough to hold a header",
    )
    .unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert_eq!(err.code(), "not-a-database", "{err}");
}

#[test]
fn a_failing_migration_applies_nothing() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("m.sqlite3");
    Store::open(&path).unwrap();
    let mut broken = migrations::MIGRATIONS.to_vec();
    broken.push("CREATE TABLE extra (x); THIS IS NOT SQL;");
    assert!(Store::open_with(&path, &broken).is_err());
    let c = Connection::open(&path).unwrap();
    assert_eq!(migrations::version(&c).unwrap(), migrations::latest());
    let extra: i64 = c
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'extra'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(extra, 0);
}

/// Version 1 as it shipped, frozen: later migrations must carry its data.
const FROZEN_V1: &str = include_str!("migrations/0001_initial.sql");

#[test]
fn a_frozen_version_one_database_migrates_with_its_data() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("v1.sqlite3");
    {
        let c = Connection::open(&path).unwrap();
        c.execute_batch(FROZEN_V1).unwrap();
        c.execute_batch(
            "PRAGMA user_version = 1;
             INSERT INTO outlets (name, lr, cp) VALUES ('BBC News', 3, 4);
             INSERT INTO stories (headline, summary, image_credit, status, version, created_at, updated_at)
             VALUES ('Old story', '', '', 'draft', 1, '2025-01-01T00:00:00.000000000Z', '2025-01-01T00:00:00.000000000Z');",
        )
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(
        migrations::version(store.conn().unwrap()).unwrap(),
        migrations::latest()
    );
    let outlets = store.outlets().unwrap();
    assert_eq!(outlets.len(), 1);
    assert_eq!((outlets[0].lr, outlets[0].cp), (Some(3), Some(4)));
    assert!(outlets[0].aliases.is_empty() && outlets[0].domains.is_empty() && outlets[0].notes.is_empty());
    let old = store.list_stories().unwrap().stories[0].clone();
    assert_eq!(old.headline, "Old story");
    let loaded = store.load_story(old.id).unwrap();
    assert_eq!(loaded.story.uid.get_version_num(), 4, "{}", loaded.story.uid);
    let saved = store.save_story(old.id, 1, &loaded.story).unwrap();
    assert_eq!(
        store.load_story(old.id).unwrap().story.uid,
        saved.story.uid,
        "saves keep the uid"
    );
}

#[test]
fn outlets_upsert_by_name_ignoring_case() {
    let (_d, mut store) = fresh();
    let o = |name: &str, lr| crate::model::Outlet {
        name: name.into(),
        lr,
        ..Default::default()
    };
    store
        .upsert_outlets(&[o("The Guardian", Some(2)), o("TASS", None)])
        .unwrap();
    store.upsert_outlets(&[o("the guardian", Some(3))]).unwrap();
    store.delete_outlet("TASS").unwrap();
    assert!(store.delete_outlet("TASS").is_err());
    let list = store.outlets().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!((list[0].name.as_str(), list[0].lr), ("the guardian", Some(3)));
}

#[test]
fn duplicate_makes_an_independent_draft_copy() {
    let (_d, mut store) = fresh();
    let a = store.create_story(&sample::story(3, 2)).unwrap();
    store.set_second_editor_approval(false).unwrap();
    store
        .transition(a.id, Some(1), crate::editions::Action::Publish, "")
        .unwrap();
    let copy = store.duplicate_story(a.id).unwrap();
    assert_ne!(copy.id, a.id);
    assert_ne!(copy.story.uid, a.story.uid);
    assert_eq!(copy.story.status, crate::model::Status::Draft);
    assert_eq!(copy.workflow.live_edition, None);
    assert!(copy.story.headline.ends_with(" (copy)"));
    assert_eq!(copy.story.facts, a.story.facts);
    store.delete_story(a.id).unwrap();
    assert_eq!(store.load_story(copy.id).unwrap().story.facts.len(), 3);
}

#[test]
fn outlet_names_merge_registry_and_sources() {
    let (_d, mut store) = fresh();
    store.create_story(&sample::story(2, 2)).unwrap();
    store
        .upsert_outlets(&[
            crate::model::Outlet {
                name: "outlet 1".into(),
                ..Default::default()
            },
            crate::model::Outlet {
                name: "Zeit".into(),
                ..Default::default()
            },
        ])
        .unwrap();
    let names = store.outlet_names().unwrap();
    assert_eq!(names.len(), 3, "{names:?}");
    assert_eq!(names[0], "Outlet 0");
    assert!(names[1].eq_ignore_ascii_case("outlet 1"), "{names:?}");
    assert_eq!(names[2], "Zeit");
}

#[test]
fn a_narrative_pair_is_stored_and_suggested() {
    let (_d, mut store) = fresh();
    let mut story = sample::story(2, 2);
    story.axis = Some(crate::model::NarrativePair {
        first: "Pro-Ukraine".into(),
        second: "Pro-Russia".into(),
    });
    let id = store.create_story(&story).unwrap().id;
    let loaded = store.load_story(id).unwrap();
    assert_eq!(loaded.story.axis, story.axis);
    store.create_story(&sample::story(1, 1)).unwrap();
    let mut other = story.clone();
    other.uid = uuid::Uuid::new_v4();
    other.axis = Some(crate::model::NarrativePair {
        first: "Democratic".into(),
        second: "Republican".into(),
    });
    store.create_story(&other).unwrap();
    store
        .create_story(&crate::model::Story {
            uid: uuid::Uuid::new_v4(),
            ..story.clone()
        })
        .unwrap();
    let pairs = store.narrative_pairs().unwrap();
    assert_eq!(pairs.len(), 2);
    assert_eq!(pairs[0].first, "Pro-Ukraine", "most used first");
    let mut back = loaded.story.clone();
    back.axis = None;
    let saved = store.save_story(id, loaded.version, &back).unwrap();
    assert_eq!(saved.story.axis, None, "back to the establishment axis");
}
