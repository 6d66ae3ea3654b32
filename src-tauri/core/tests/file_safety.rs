//! The database file is the record: a store notices a file replaced or a
//! log deleted under it before it writes, nothing in the process opens the
//! file outside SQLite, and no export or backup is written over it.

use factdesk_core::formats::Format;
use factdesk_core::model::SaveKind;
use factdesk_core::sample;
use factdesk_core::store::Store;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn desk(dir: &Path) -> (PathBuf, Store) {
    let path = dir.join("desk.sqlite3");
    let mut store = Store::open(&path).unwrap();
    store.create_story(&sample::story(4, 2)).unwrap();
    (path, store)
}

fn headline(store: &mut Store, text: &str) -> factdesk_core::Result<()> {
    let text = text.to_string();
    store
        .update_story(1, None, SaveKind::Edit, |s| {
            s.headline = text;
            Ok(())
        })
        .map(|_| ())
}

#[cfg(target_os = "linux")]
#[test]
fn a_log_deleted_under_the_store_is_noticed_and_the_next_save_reaches_the_file() {
    let dir = TempDir::new().unwrap();
    let (path, mut store) = desk(dir.path());
    headline(&mut store, "Before").unwrap();
    // What another process does when it finds no lock: checkpoint, delete.
    {
        let other = rusqlite::Connection::open(&path).unwrap();
        other.pragma_update(None, "wal_checkpoint", "TRUNCATE").unwrap();
    }
    std::fs::remove_file(format!("{}-wal", path.display())).unwrap();
    std::fs::remove_file(format!("{}-shm", path.display())).unwrap();
    headline(&mut store, "After the log was deleted").unwrap();
    let reader = Store::open_read(&path).unwrap();
    assert_eq!(
        reader.load_story(1).unwrap().story.headline,
        "After the log was deleted"
    );
    drop(store);
    assert!(Store::open_read(&path).unwrap().doctor().unwrap().healthy());
}

#[test]
fn a_database_file_replaced_under_the_store_is_refused_and_nothing_is_written() {
    let dir = TempDir::new().unwrap();
    let (path, mut store) = desk(dir.path());
    let moved = dir.path().join("moved.sqlite3");
    std::fs::rename(&path, &moved).unwrap();
    let err = headline(&mut store, "Into the void").unwrap_err();
    assert_eq!(err.code(), "file-replaced", "{err}");
    assert!(err.to_string().contains("nothing was written"), "{err}");
    drop(store);
    assert!(!path.exists(), "no new file was made at the old path");
}

#[test]
fn exports_and_backups_over_the_open_database_or_its_files_are_refused() {
    let dir = TempDir::new().unwrap();
    let (path, store) = desk(dir.path());
    let story = store.load_story(1).unwrap().story;
    let bytes = Format::Json.export(&story);
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    let backup = store.backup_to(None).unwrap();
    for target in [&path, &wal, &backup] {
        let err = factdesk_core::db_files::write_atomically(target, bytes.as_bytes()).unwrap_err();
        assert_eq!(err.code(), "bad-input", "{target:?}: {err}");
        assert!(err.to_string().contains("will not write this file"), "{err}");
        let err = store.backup_to(Some(target)).unwrap_err();
        assert!(err.to_string().contains("will not"), "{target:?}: {err}");
    }
    let err = factdesk_core::input::read_text(&path).unwrap_err();
    assert!(err.to_string().contains("will not read this file"), "{err}");
    assert!(store.doctor().unwrap().healthy());
    assert_eq!(store.list_stories().unwrap().stories.len(), 1);
}

/// Every place in the workspace's own code (not its tests) that opens a
/// file through `std::fs` is listed here with why it may: each one either
/// asks [`factdesk_core::db_files`] first or opens only files of its own
/// that are never a database. A new one fails this test until it is
/// reviewed and listed.
#[test]
fn every_file_opened_outside_sqlite_is_accounted_for() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let allowed: &[(&str, &str)] = &[
        ("core/src/input.rs", "asks db_files before every read"),
        ("core/src/store/engine/open.rs", "the integrity cache file only"),
        (
            "core/src/store/engine/pg/connect.rs",
            "~/.pgpass and the server's CA certificate",
        ),
        ("core/src/user_settings.rs", "the settings file"),
        ("core/src/journal.rs", "the offline journal's own folder"),
        ("src/lib.rs", "the log file"),
        (
            "src/commands/signatures.rs",
            "the commands' Rust source, read by a test",
        ),
        (
            "cli/src/manual.rs",
            "man pages factdesk*.1, written with no database open",
        ),
    ];
    let opens = [
        "File::open",
        "File::create",
        "OpenOptions",
        "fs::read(",
        "fs::read_to_string",
        "fs::write",
        "fs::copy",
        "generate_to",
    ];
    // A file moved or renamed must be listed again under its new name.
    for (file, _) in allowed {
        assert!(root.join(file).is_file(), "{file} is listed but not there");
    }
    let mut found = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let p = entry.unwrap().path();
            let rel = p
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if p.is_dir() {
                if !rel.ends_with("/tests")
                    && !rel.ends_with("benches")
                    && !rel.ends_with("examples")
                    && rel != "target"
                {
                    stack.push(p);
                }
                continue;
            }
            if !rel.ends_with(".rs") || rel.ends_with("_tests.rs") || rel.ends_with("/tests.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            // Only the code before the file's unit tests.
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            if opens.iter().any(|o| code.contains(o)) && !allowed.iter().any(|(f, _)| *f == rel) {
                found.push(rel);
            }
        }
    }
    assert!(
        found.is_empty(),
        "these files open files outside SQLite; make each ask factdesk_core::db_files first (or list it here with why it may not need to): {found:?}"
    );
}
