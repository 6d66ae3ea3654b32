//! Store tests on real database files in a temporary directory.

use super::*;
use crate::error::Error;
use crate::sample;
use rusqlite::Connection;
use tempfile::TempDir;

fn fresh() -> (TempDir, Store) {
    let dir = TempDir::new().unwrap();
    let store = Store::open(&dir.path().join("t.sqlite3")).unwrap();
    (dir, store)
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
fn list_is_newest_first_and_delete_goes_through_the_trash() {
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
    // Deleting moves it to the trash: out of the list, kept whole.
    let trashed = store.delete_story(a.id).unwrap();
    assert_eq!((trashed.id, trashed.uid), (a.id, a.story.uid));
    let err = store.load_story(a.id).unwrap_err();
    assert_eq!(err.code(), "not-found", "{err}");
    assert!(err.to_string().contains("in the trash"), "{err}");
    assert!(store
        .delete_story(a.id)
        .unwrap_err()
        .to_string()
        .contains("in the trash"));
    assert_eq!(store.list_stories().unwrap().stories.len(), 1);
    assert_eq!(store.trash().unwrap().len(), 1);
    // Restored: the same story, version and history.
    let back = store.restore_from_trash(a.id).unwrap().stored;
    assert_eq!((back.id, back.story.uid, back.version), (a.id, a.story.uid, 2));
    assert_eq!(store.history(a.id).unwrap().versions.len(), 2);
    // Purged: gone with every row.
    store.delete_story(a.id).unwrap();
    assert_eq!(
        store.purge_trash(Some(1)).unwrap(),
        Vec::<i64>::new(),
        "deleted today: kept"
    );
    assert_eq!(store.purge_trash(None).unwrap(), vec![a.id]);
    assert!(matches!(store.load_story(a.id), Err(Error::NotFound(_))));
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
const FROZEN_V1: &str = include_str!("engine/migrations/0001/sqlite.sql");

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
fn stories_read_together_are_the_ones_read_alone_and_a_failure_ends_the_read() {
    let (_dir, mut store) = fresh();
    let ids = store
        .create_stories(&[sample::story(3, 2), sample::story(2, 1), sample::story(1, 1)])
        .unwrap();
    let together = store.edition_stories(&ids, EditionRef::Latest).unwrap();
    let alone: Vec<_> = ids
        .iter()
        .map(|&id| store.edition_story(id, EditionRef::Latest).unwrap())
        .collect();
    assert_eq!(together, alone);
    let missing = store.edition_stories(&[ids[0], 999], EditionRef::Latest);
    assert!(missing.is_err());
    assert!(
        store.conn().unwrap().is_autocommit(),
        "the read transaction ended"
    );
    // The connection writes again after the failed read.
    store.delete_story(ids[2]).unwrap();
    assert_eq!(
        store
            .edition_stories(&ids[..2], EditionRef::Latest)
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn the_documents_read_by_range_are_each_storys_own() {
    let (_dir, mut store) = fresh();
    let ids: Vec<i64> = (0..6)
        .map(|i| {
            let mut story = sample::story(3 + i, 2 + i % 3);
            // Listed against the order of citation: numbered by citation.
            story.sources.reverse();
            store.create_story(&story).unwrap().id
        })
        .collect();
    store.delete_story(ids[2]).unwrap();
    let live: Vec<i64> = ids.iter().copied().filter(|id| *id != ids[2]).collect();
    let one_by_one: Vec<_> = live
        .iter()
        .map(|id| {
            (
                *id,
                crate::search::document(&store.load_story(*id).unwrap().story),
            )
        })
        .collect();
    let read = store
        .read(|db| crate::store::ops::reading::search_documents(db, &live))
        .unwrap();
    assert_eq!(read, one_by_one);
    let missing = store.read(|db| crate::store::ops::reading::search_documents(db, &[ids[5] + 1]));
    assert!(matches!(missing, Err(crate::error::Error::NotFound(_))));
}
