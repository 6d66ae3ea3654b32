//! Schema migrations against frozen copies of every schema that shipped.
//!
//! `tests/frozen/schema-vN.sql` is the schema a version-N build created,
//! dumped once and never edited (not the migration files, which a careless
//! edit could change in step with the tests). A database built from each,
//! filled with rows, must upgrade to exactly the schema a fresh database
//! gets, keep every row, and leave a backup of itself first.

use factdesk_core::sample;
use factdesk_core::store::{backup, migrations, Store};

use rusqlite::Connection;
use std::collections::BTreeMap;
use std::path::Path;
use tempfile::TempDir;

const FROZEN: [&str; 17] = [
    include_str!("frozen/schema-v1.sql"),
    include_str!("frozen/schema-v2.sql"),
    include_str!("frozen/schema-v3.sql"),
    include_str!("frozen/schema-v4.sql"),
    include_str!("frozen/schema-v5.sql"),
    include_str!("frozen/schema-v6.sql"),
    include_str!("frozen/schema-v7.sql"),
    include_str!("frozen/schema-v8.sql"),
    include_str!("frozen/schema-v9.sql"),
    include_str!("frozen/schema-v10.sql"),
    include_str!("frozen/schema-v11.sql"),
    include_str!("frozen/schema-v12.sql"),
    include_str!("frozen/schema-v13.sql"),
    include_str!("frozen/schema-v14.sql"),
    include_str!("frozen/schema-v15.sql"),
    include_str!("frozen/schema-v16.sql"),
    include_str!("frozen/schema-v17.sql"),
];

/// Two stories as a version-1 build wrote them.
const V1_STORIES: &str = "
INSERT INTO stories (id, headline, summary, image_credit, status, version, created_at, updated_at, published_at)
VALUES (1, 'Old story', 'Summary', '', 'published', 2, '2025-01-01T00:00:00.000000000Z',
        '2025-01-02T00:00:00.000000000Z', '2025-01-02T00:00:00.000000000Z'),
       (2, 'Second', '', '', 'draft', 1, '2025-01-03T00:00:00.000000000Z', '2025-01-03T00:00:00.000000000Z', NULL);";

/// The same two stories as a version-4 build wrote them: uids, editions,
/// the published one frozen as its first edition.
const V4_STORIES: &str = "
INSERT INTO stories (id, headline, summary, image_credit, status, version, created_at, updated_at, published_at, uid,
                     edition, live_edition, saved_by, saved_kind, edited_by)
VALUES (1, 'Old story', 'Summary', '', 'published', 2, '2025-01-01T00:00:00.000000000Z',
        '2025-01-02T00:00:00.000000000Z', '2025-01-02T00:00:00.000000000Z', '7a1c0a6e-57a0-4d51-9a57-8d5a4f3f0001',
        1, 1, 'Anna', 'transition', 'Anna'),
       (2, 'Second', '', '', 'draft', 1, '2025-01-03T00:00:00.000000000Z', '2025-01-03T00:00:00.000000000Z', NULL,
        '7a1c0a6e-57a0-4d51-9a57-8d5a4f3f0002', 1, NULL, 'Anna', 'create', 'Anna');
INSERT INTO editions (story_id, number, state, document, published_at, published_by)
VALUES (1, 1, 'published', '{\"format\":\"factdesk/1\",\"story\":{\"headline\":\"Old story\",\"status\":\"published\",\"created_at\":\"2025-01-01T00:00:00Z\",\"updated_at\":\"2025-01-02T00:00:00Z\"}}',
        '2025-01-02T00:00:00.000000000Z', 'Anna'),
       (2, 1, 'draft', NULL, NULL, NULL);";

/// Rows of every other table a version-1 schema has, written with its columns only.
const V1_ROWS: &str = "
INSERT INTO sources (story_id, id, position, outlet, url, title, published_on, saved_text) VALUES
  (1, '6f1c0a6e-57a0-4d51-9a57-8d5a4f3f0001', 0, 'BBC News', 'https://bbc.co.uk/1', 'T', '2025-01-01', 'text'),
  (1, '6f1c0a6e-57a0-4d51-9a57-8d5a4f3f0002', 1, 'TASS', 'https://tass.com/2', '', NULL, '');
INSERT INTO facts VALUES
  (1, '6f1c0a6e-57a0-4d51-9a57-8d5a4f3f0011', 0, 'A fact.'),
  (1, '6f1c0a6e-57a0-4d51-9a57-8d5a4f3f0012', 1, 'Another fact.');
INSERT INTO citations VALUES
  (1, '6f1c0a6e-57a0-4d51-9a57-8d5a4f3f0011', 0, '6f1c0a6e-57a0-4d51-9a57-8d5a4f3f0001'),
  (1, '6f1c0a6e-57a0-4d51-9a57-8d5a4f3f0012', 0, '6f1c0a6e-57a0-4d51-9a57-8d5a4f3f0002');
INSERT INTO narratives VALUES
  (1, '6f1c0a6e-57a0-4d51-9a57-8d5a4f3f0021', 0, 'establishment-critical', 'RT', 'Critical.'),
  (1, '6f1c0a6e-57a0-4d51-9a57-8d5a4f3f0022', 1, 'pro-establishment', 'BBC News', 'Pro.');
INSERT INTO predictions VALUES (1, '6f1c0a6e-57a0-4d51-9a57-8d5a4f3f0031', 0, 'it ends', 40, 'Metaculus');
INSERT INTO story_revisions (story_id, version, saved_at, document) VALUES (1, 1, '2025-01-02T00:00:00.000000000Z',
  '{\"format\":\"factdesk/1\",\"story\":{\"headline\":\"Old story\",\"created_at\":\"2025-01-01T00:00:00Z\",\"updated_at\":\"2025-01-01T00:00:00Z\"}}');
INSERT INTO outlets (name, lr, cp) VALUES ('BBC News', 3, 4);
";

const TABLES: [&str; 8] = [
    "stories",
    "sources",
    "facts",
    "citations",
    "narratives",
    "predictions",
    "story_revisions",
    "outlets",
];

fn counts(conn: &Connection) -> BTreeMap<&'static str, i64> {
    TABLES
        .iter()
        .map(|t| {
            (
                *t,
                conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
                    .unwrap(),
            )
        })
        .collect()
}

/// Tables with their columns, indexes and foreign keys, as SQLite reports
/// them (not the CREATE text, which ALTER TABLE writes differently).
fn shape(conn: &Connection) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    let names: Vec<(String, String)> = conn
        .prepare("SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for (kind, name) in names {
        let mut rows = Vec::new();
        let pragmas: &[&str] = if kind == "table" {
            &["table_xinfo", "foreign_key_list", "index_list"]
        } else {
            &["index_xinfo"]
        };
        for pragma in pragmas {
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM pragma_{pragma}(?1)"))
                .unwrap();
            let width = stmt.column_count();
            let found: Vec<String> = stmt
                .query_map([&name], |r| {
                    Ok((0..width)
                        .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                        .collect::<Vec<_>>()
                        .join("|"))
                })
                .unwrap()
                .map(Result::unwrap)
                .collect();
            rows.extend(found.into_iter().map(|r| format!("{pragma}: {r}")));
        }
        out.insert(format!("{kind} {name}"), rows);
    }
    out
}

fn frozen_database(dir: &Path, version: usize) -> std::path::PathBuf {
    let path = dir.join(format!("v{version}.sqlite3"));
    let c = Connection::open(&path).unwrap();
    c.execute_batch(FROZEN[version - 1]).unwrap();
    c.execute_batch(if version >= 4 { V4_STORIES } else { V1_STORIES })
        .unwrap();
    c.execute_batch(V1_ROWS).unwrap();
    if version >= 5 {
        // A version-5 build kept every story in the search index.
        c.execute_batch(
            "INSERT INTO story_search (rowid, headline, summary, facts, narratives, predictions, sources, articles)
             VALUES (1, 'Old story', 'Summary', 'A fact. \u{241E} Another fact.', '', '', '', ''),
                    (2, 'Second', '', '', '', '', '', '');",
        )
        .unwrap();
    }
    if version == 3 {
        // A version-3 build gave every story a UUID.
        c.execute_batch("UPDATE stories SET uid = '7a1c0a6e-57a0-4d51-9a57-8d5a4f3f000' || id;")
            .unwrap();
    }
    path
}

#[test]
fn every_frozen_schema_upgrades_to_exactly_the_fresh_schema_and_keeps_its_rows() {
    let dir = TempDir::new().unwrap();
    let fresh = dir.path().join("fresh.sqlite3");
    drop(Store::open(&fresh).unwrap());
    let expected = shape(&Connection::open(&fresh).unwrap());
    for version in 1..=FROZEN.len() {
        let path = frozen_database(dir.path(), version);
        let before = counts(&Connection::open(&path).unwrap());
        let store = Store::open(&path).unwrap();
        let backup_path = store.migration_backup().map(Path::to_path_buf);
        drop(store);

        let conn = Connection::open(&path).unwrap();
        assert_eq!(shape(&conn), expected, "schema after migrating from v{version}");
        assert_eq!(counts(&conn), before, "rows after migrating from v{version}");
        assert_eq!(migrations::version(&conn).unwrap(), migrations::latest());

        if (version as i64) < migrations::latest() {
            let backup_path = backup_path.expect("a backup before migrating");
            let name = backup_path.file_name().unwrap().to_string_lossy();
            assert!(
                name.starts_with(&format!("v{version}.backup-migration-v{version}-")),
                "{name}"
            );
            let old = Connection::open(&backup_path).unwrap();
            assert_eq!(migrations::version(&old).unwrap(), version as i64);
            assert_eq!(counts(&old), before);
            assert_eq!(backup::list(&path).len(), 1);
        } else {
            assert_eq!(backup_path, None, "nothing to migrate, nothing to back up");
        }

        let mut store = Store::open(&path).unwrap();
        assert!(
            store.migration_backup().is_none(),
            "a current database is not backed up again"
        );
        let old = store.load_story(1).unwrap().story;
        assert_eq!(old.facts.len(), 2);
        assert_eq!(old.facts[1].citations, vec![old.sources[1].id]);
        assert_eq!(old.narratives.len(), 2);
        assert_eq!(store.revisions(1).unwrap().len(), 1);
        // A story published before editions existed is its first published edition.
        let live = store
            .edition_story(1, factdesk_core::store::EditionRef::Published)
            .unwrap();
        assert_eq!(
            (live.headline.as_str(), live.status),
            ("Old story", factdesk_core::model::Status::Published)
        );
        let row = &store.list_stories().unwrap().stories;
        let old_row = row.iter().find(|r| r.id == 1).unwrap();
        assert_eq!((old_row.live_edition, old_row.has_draft), (Some(1), false));
        // The search index was built for the stories already there.
        let hits = store.search("\"another fact\"", 10).unwrap();
        assert_eq!(
            hits.iter().map(|h| h.id).collect::<Vec<_>>(),
            vec![1],
            "from v{version}"
        );
        assert_eq!(hits[0].field, "fact 2");
    }
}

/// Rebuilds `stories` the way SQLite asks for changes ALTER TABLE cannot
/// make: create, copy, drop, rename. With foreign keys on, the DROP would
/// cascade-delete every child row.
const REBUILD_STORIES: &str = "
CREATE TABLE stories_new (
    id           INTEGER PRIMARY KEY,
    headline     TEXT    NOT NULL,
    summary      TEXT    NOT NULL,
    image_credit TEXT    NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('draft', 'in-review', 'approved', 'published', 'withdrawn')),
    version      INTEGER NOT NULL CHECK (version >= 1),
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    published_at TEXT,
    uid          TEXT    NOT NULL,
    edition      INTEGER NOT NULL DEFAULT 1 CHECK (edition >= 1),
    live_edition INTEGER,
    saved_by     TEXT    NOT NULL DEFAULT '',
    saved_kind   TEXT    NOT NULL DEFAULT 'edit',
    edited_by    TEXT    NOT NULL DEFAULT '',
    axis_first   TEXT,
    axis_second  TEXT,
    trashed_at   TEXT,
    trashed_by   TEXT,
    language     TEXT    NOT NULL DEFAULT 'en'
) STRICT;
INSERT INTO stories_new SELECT * FROM stories;
DROP TABLE stories;
ALTER TABLE stories_new RENAME TO stories;
CREATE INDEX stories_by_update ON stories (updated_at DESC, id DESC);
CREATE UNIQUE INDEX stories_by_uid ON stories (uid);
";

fn populated(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("full.sqlite3");
    let mut store = Store::open(&path).unwrap();
    for i in 0..5 {
        let created = store.create_story(&sample::story(6 + i, 3)).unwrap();
        let mut edit = created.story.clone();
        edit.headline.push_str(" (edited)");
        store.save_story(created.id, 1, &edit).unwrap();
    }
    path
}

#[test]
fn a_table_rebuild_migration_deletes_no_rows() {
    let dir = TempDir::new().unwrap();
    let path = populated(dir.path());
    let before = counts(&Connection::open(&path).unwrap());
    assert_eq!(before["story_revisions"], 5);
    let mut list = migrations::MIGRATIONS.to_vec();
    list.push(REBUILD_STORIES);
    let mut store = Store::open_with(&path, &list).unwrap();
    assert!(store.migration_backup().is_some());
    assert_eq!(counts(&Connection::open(&path).unwrap()), before);
    // Foreign keys are on again: purging a story still takes its rows along.
    store.delete_story(1).unwrap();
    store.purge_trash(None).unwrap();
    let after = counts(&Connection::open(&path).unwrap());
    assert_eq!(after["facts"], before["facts"] - 6);
    assert_eq!(after["story_revisions"], 4);
}

#[test]
fn a_migration_that_would_orphan_rows_is_rolled_back_with_a_clear_error() {
    let dir = TempDir::new().unwrap();
    let path = populated(dir.path());
    let before = counts(&Connection::open(&path).unwrap());
    let mut list = migrations::MIGRATIONS.to_vec();
    list.push("DELETE FROM stories WHERE id = 2;");
    let err = Store::open_with(&path, &list).err().expect("refused");
    assert_eq!(err.code(), "migration-failed", "{err}");
    let message = err.to_string();
    assert!(message.contains("rolled back and nothing changed"), "{message}");
    assert!(message.contains("refers to a missing stories"), "{message}");
    assert!(message.starts_with(&path.display().to_string()), "{message}");
    let conn = Connection::open(&path).unwrap();
    assert_eq!(counts(&conn), before);
    assert_eq!(migrations::version(&conn).unwrap(), migrations::latest());
}

#[test]
fn a_failed_migration_leaves_the_file_in_its_journal_mode() {
    let dir = TempDir::new().unwrap();
    let path = frozen_database(dir.path(), 6);
    let mode = |p: &Path| -> String {
        Connection::open(p)
            .unwrap()
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap()
    };
    assert_eq!(mode(&path), "delete");
    let mut list = migrations::MIGRATIONS.to_vec();
    list.push("CREATE TABLE broken (;");
    let err = Store::open_with(&path, &list).err().expect("refused");
    assert_eq!(err.code(), "migration-failed", "{err}");
    assert_eq!(mode(&path), "delete", "the journal mode is as it was");
    assert!(!Path::new(&format!("{}-wal", path.display())).exists());
}
