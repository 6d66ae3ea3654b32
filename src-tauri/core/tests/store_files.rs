//! The store against real files: reads that never write, files that are not
//! Factdesk's, damaged files, unreadable rows, errors that name the file,
//! and backups taken, listed, pruned and restored.

use factdesk_core::sample;
use factdesk_core::store::{backup, BackupReason, Store};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn with_stories(dir: &Path, n: usize) -> PathBuf {
    let path = dir.join("desk.sqlite3");
    let mut store = Store::open(&path).unwrap();
    for i in 0..n {
        store.create_story(&sample::story(5 + i % 7, 3)).unwrap();
    }
    path
}

/// Removes the backups beside `db` (the daily one its first write took),
/// as on a day nobody wrote yet.
fn without_backups(db: &Path) {
    for b in backup::list(db) {
        std::fs::remove_file(b.path).unwrap();
    }
}

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

fn wal_len(path: &Path) -> u64 {
    std::fs::metadata(format!("{}-wal", path.display())).map_or(0, |m| m.len())
}

#[test]
fn reading_never_writes() {
    let dir = TempDir::new().unwrap();
    let path = with_stories(dir.path(), 3);
    let before = bytes(&path);
    for _ in 0..2 {
        let store = Store::open_read(&path).unwrap();
        assert_eq!(store.list_stories().unwrap().stories.len(), 3);
        store.load_story(1).unwrap();
        store.outlets().unwrap();
        store.doctor().unwrap();
        let err = Store::open_read(&path).unwrap().delete_story(1).unwrap_err();
        assert_eq!(err.code(), "read-only", "{err}");
        assert!(err.to_string().starts_with(&path.display().to_string()), "{err}");
    }
    assert_eq!(bytes(&path), before, "the database file is byte-identical");
    assert_eq!(wal_len(&path), 0, "nothing was written to the WAL either");
}

#[test]
fn a_reader_is_not_blocked_by_a_writer() {
    let dir = TempDir::new().unwrap();
    let path = with_stories(dir.path(), 2);
    let mut writer = Connection::open(&path).unwrap();
    let tx = writer
        .transaction_with_behavior(rusqlite::TransactionBehavior::Exclusive)
        .unwrap();
    tx.execute("UPDATE stories SET headline = 'uncommitted' WHERE id = 1", [])
        .unwrap();
    let store = Store::open_read(&path).unwrap();
    let listing = store.list_stories().unwrap();
    assert_eq!(listing.stories.len(), 2);
    assert!(listing.stories.iter().all(|s| s.headline != "uncommitted"));
    drop(tx);
}

#[test]
fn a_missing_database_is_not_created_by_a_reader() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("none.sqlite3");
    let err = Store::open_read(&path).err().expect("refused");
    assert!(err.to_string().contains("no Factdesk database here yet"), "{err}");
    assert!(!path.exists());
}

#[test]
fn a_reader_refuses_an_older_database_untouched_and_names_the_fix() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("old.sqlite3");
    {
        let c = Connection::open(&path).unwrap();
        c.execute_batch(include_str!("frozen/schema-v1.sql")).unwrap();
    }
    let before = bytes(&path);
    let err = Store::open_read(&path).err().expect("refused");
    assert_eq!(err.code(), "needs-migration", "{err}");
    assert!(err.to_string().contains("factdesk migrate"), "{err}");
    assert_eq!(bytes(&path), before);
    assert!(!Path::new(&format!("{}-wal", path.display())).exists());
}

#[test]
fn another_applications_file_is_refused_untouched() {
    let dir = TempDir::new().unwrap();
    let plain = dir.path().join("notes.sqlite3");
    Connection::open(&plain)
        .unwrap()
        .execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');")
        .unwrap();
    let tagged = dir.path().join("tagged.sqlite3");
    {
        let c = Connection::open(&tagged).unwrap();
        c.execute_batch(include_str!("frozen/schema-v3.sql")).unwrap();
        c.pragma_update(None, "application_id", 0x1234_5678).unwrap();
    }
    for path in [&plain, &tagged] {
        let before = bytes(path);
        for err in [
            Store::open(path).err().expect("refused for writing"),
            Store::open_read(path).err().expect("refused for reading"),
        ] {
            assert_eq!(err.code(), "not-a-database", "{err}");
            assert!(err.to_string().contains("left untouched"), "{err}");
        }
        assert_eq!(bytes(path), before, "{}", path.display());
        assert!(!Path::new(&format!("{}-wal", path.display())).exists());
    }
    let err = Store::open(&tagged).err().unwrap().to_string();
    assert!(
        err.contains("another application (application_id 0x12345678)"),
        "{err}"
    );
    let err = Store::open(&plain).err().unwrap().to_string();
    assert!(err.contains("tables: notes"), "{err}");
}

#[test]
fn a_new_database_carries_factdesks_application_id() {
    let dir = TempDir::new().unwrap();
    let path = with_stories(dir.path(), 1);
    let id: i32 = Connection::open(&path)
        .unwrap()
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(id, factdesk_core::store::open::APPLICATION_ID);
}

/// Overwrites 4 KiB in the middle of the file, as a failing disk might.
/// The modification time moves on by a second: the integrity cache trusts
/// a file whose size, time and header are as its last clean check left
/// them, and a clock tick (a few ms) after a check could otherwise hide this.
fn damage(path: &Path) {
    use std::io::{Seek, SeekFrom, Write};
    let len = std::fs::metadata(path).unwrap().len();
    let mut f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    f.seek(SeekFrom::Start((len / 2) & !4095)).unwrap();
    f.write_all(&[0x5a; 4096]).unwrap();
    f.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(1))
        .unwrap();
}

#[test]
fn a_damaged_file_is_refused_for_writing_and_the_backup_named() {
    let dir = TempDir::new().unwrap();
    let path = with_stories(dir.path(), 60);
    let backup = Store::open_read(&path).unwrap().backup_to(None).unwrap();
    damage(&path);
    let before = bytes(&path);
    let err = Store::open(&path)
        .err()
        .expect("a damaged file is refused for writing");
    assert_eq!(err.code(), "damaged", "{err}");
    let message = err.to_string();
    assert!(message.contains("nothing was written"), "{message}");
    assert!(message.contains(&backup.display().to_string()), "{message}");
    assert_eq!(bytes(&path), before);

    let health = Store::open_read(&path).unwrap().doctor().unwrap();
    assert!(!health.healthy());
    assert!(!health.integrity.is_empty(), "{health:?}");
}

#[test]
fn the_app_opens_a_damaged_file_at_once_and_refuses_its_first_write() {
    let dir = TempDir::new().unwrap();
    let path = with_stories(dir.path(), 60);
    damage(&path);
    let before = bytes(&path);
    // The check runs beside the open: the window can show the stories.
    let mut store = Store::open_checking_later(&path).expect("opens without waiting for the check");
    let story = sample::story(2, 1);
    for _ in 0..2 {
        let err = store
            .create_story(&story)
            .expect_err("no write to a damaged file");
        assert_eq!(err.code(), "damaged", "{err}");
    }
    drop(store);
    assert_eq!(bytes(&path), before, "nothing written");

    // A clean file: the first write waits for the check and goes through.
    std::fs::create_dir(dir.path().join("clean")).unwrap();
    let clean = with_stories(&dir.path().join("clean"), 3);
    let mut store = Store::open_checking_later(&clean).unwrap();
    assert_eq!(store.list_stories().unwrap().stories.len(), 3);
    store.create_story(&story).unwrap();
    assert_eq!(store.list_stories().unwrap().stories.len(), 4);
}

/// Waits (bounded) until a started integrity check is done.
fn until_checked(store: &Store) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while store.integrity_pending() {
        assert!(
            std::time::Instant::now() < deadline,
            "the integrity check never ended"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn the_apps_check_waits_for_the_window_then_runs_apart() {
    let dir = TempDir::new().unwrap();
    let path = with_stories(dir.path(), 20);
    damage(&path);
    let mut store = Store::open_checking_later(&path).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert!(
        store.integrity_pending(),
        "not started before the window says it drew"
    );
    store.start_integrity_check();
    until_checked(&store);
    let err = store.integrity_sound().expect_err("the check found the damage");
    assert_eq!(err.code(), "damaged", "{err}");
    let err = store.create_story(&sample::story(2, 1)).expect_err("refused");
    assert_eq!(err.code(), "damaged", "{err}");
}

#[test]
fn settling_checks_then_backs_up_a_sound_file_and_never_a_damaged_one() {
    use factdesk_core::desk::{Desk, NoWindow};
    let dir = TempDir::new().unwrap();
    let sound = with_stories(dir.path(), 5);
    without_backups(&sound);
    let desk = Desk::new(
        Store::open_checking_later(&sound).unwrap(),
        std::sync::Arc::new(NoWindow),
        None,
    );
    assert!(desk.store().integrity_pending());
    desk.settle();
    assert!(!desk.store().integrity_pending());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !backup::list(&sound)
        .iter()
        .any(|b| b.reason == BackupReason::Daily)
    {
        assert!(
            std::time::Instant::now() < deadline,
            "no daily backup of a sound file"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }

    std::fs::create_dir(dir.path().join("damaged")).unwrap();
    let damaged = with_stories(&dir.path().join("damaged"), 20);
    without_backups(&damaged);
    damage(&damaged);
    let desk = Desk::new(
        Store::open_checking_later(&damaged).unwrap(),
        std::sync::Arc::new(NoWindow),
        None,
    );
    desk.settle();
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(
        backup::list(&damaged).is_empty(),
        "a damaged file's copy would push out a sound backup"
    );
}

#[test]
fn one_unreadable_row_does_not_hide_the_others() {
    let dir = TempDir::new().unwrap();
    let path = with_stories(dir.path(), 3);
    Connection::open(&path)
        .unwrap()
        .execute("UPDATE stories SET updated_at = 'yesterday-ish' WHERE id = 2", [])
        .unwrap();
    let store = Store::open_read(&path).unwrap();
    let listing = store.list_stories().unwrap();
    let mut ids: Vec<_> = listing.stories.iter().map(|s| s.id).collect();
    ids.sort_unstable();
    assert_eq!(ids, vec![1, 3]);
    assert_eq!(listing.unreadable.len(), 1);
    assert_eq!(listing.unreadable[0].id, Some(2));
    assert!(
        listing.unreadable[0]
            .problem
            .contains("timestamp \"yesterday-ish\""),
        "{listing:?}"
    );
    let err = store.load_story(2).unwrap_err().to_string();
    assert!(err.contains("story 2 cannot be read"), "{err}");
    assert!(err.starts_with(&path.display().to_string()), "{err}");
}

/// A part's row that cannot be read (a prediction's id that is no id): the stories
/// read together around it are refused with the words of the one story
/// (a batch export), the others read; the doctor names that story alone.
#[test]
fn an_unreadable_part_is_named_when_stories_are_read_together() {
    use factdesk_core::store::EditionRef;
    let dir = TempDir::new().unwrap();
    let path = with_stories(dir.path(), 3);
    Connection::open(&path)
        .unwrap()
        .execute("UPDATE predictions SET id = 'no-id' WHERE story_id = 2", [])
        .unwrap();
    let store = Store::open_read(&path).unwrap();
    let err = store
        .edition_stories(&[1, 2, 3], EditionRef::Latest)
        .unwrap_err()
        .to_string();
    assert!(err.contains("story 2 cannot be read"), "{err}");
    assert_eq!(
        store.edition_stories(&[3, 1], EditionRef::Latest).unwrap().len(),
        2
    );
    let health = store.doctor().unwrap();
    let named: Vec<_> = health.unreadable.iter().map(|u| u.id).collect();
    assert_eq!(named, [Some(2)], "{health:?}");
    assert_eq!(health.stories, 3);
}

#[test]
fn a_story_whose_parts_share_an_id_is_a_clear_input_error() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("d.sqlite3")).unwrap();
    let mut story = sample::story(3, 2);
    story.facts[2].id = story.facts[0].id;
    let err = store.create_story(&story).unwrap_err();
    assert_eq!(err.code(), "bad-input");
    assert!(err.to_string().contains("two facts share the id"), "{err}");
    assert!(store.list_stories().unwrap().stories.is_empty());
}

#[test]
fn a_backup_cut_short_is_neither_listed_nor_counted_as_todays() {
    let dir = TempDir::new().unwrap();
    let path = with_stories(dir.path(), 2);
    without_backups(&path);
    let store = Store::open(&path).unwrap();
    // What an app closed in the middle of today's copy leaves behind.
    let cut = backup::path_for(
        &path,
        BackupReason::Daily,
        6,
        chrono::Utc::now() - chrono::Duration::seconds(1),
    );
    std::fs::write(format!("{}.partial", cut.display()), b"SQLite format 3\0 half").unwrap();
    assert!(store.backups().is_empty(), "{:?}", store.backups());
    let daily = store
        .daily_backup()
        .unwrap()
        .expect("today's backup is still taken");
    assert_eq!(
        Store::open_read(&daily)
            .unwrap()
            .list_stories()
            .unwrap()
            .stories
            .len(),
        2
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".backup-"))
        .collect();
    assert!(
        names.iter().filter(|n| n.ends_with(".partial")).count() == 1,
        "only the old partial: {names:?}"
    );
}

#[test]
fn backups_are_taken_listed_pruned_and_restored() {
    let dir = TempDir::new().unwrap();
    let path = with_stories(dir.path(), 2);
    without_backups(&path);
    let mut store = Store::open(&path).unwrap();
    let daily = store
        .daily_backup()
        .unwrap()
        .expect("the first daily backup of the day");
    assert_eq!(store.daily_backup().unwrap(), None, "one a day");
    assert!(daily.to_string_lossy().contains(".backup-daily-v"));

    // Eight older daily backups: pruning keeps the newest seven.
    for day in 1..=8 {
        let at = chrono::Utc::now() - chrono::Duration::days(day);
        std::fs::copy(&daily, backup::path_for(&path, BackupReason::Daily, 3, at)).unwrap();
    }
    backup::prune(
        &path,
        BackupReason::Daily,
        factdesk_core::store::DAILY_BACKUPS_KEPT,
    );
    let dailies: Vec<_> = store
        .backups()
        .into_iter()
        .filter(|b| b.reason == BackupReason::Daily)
        .collect();
    assert_eq!(dailies.len(), 7);
    assert_eq!(dailies[0].path, daily, "newest first");

    store.delete_story(1).unwrap();
    store.create_story(&sample::story(1, 1)).unwrap();
    let before_restore = store.restore_backup(&daily).unwrap();
    let ids: Vec<_> = store
        .list_stories()
        .unwrap()
        .stories
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&1), "the deleted story is back: {ids:?}");
    // The state before the restore is kept, so the restore can be undone.
    let undo = Store::open_read(&before_restore).unwrap();
    assert_eq!(undo.list_stories().unwrap().stories.len(), 2);
    assert!(undo.load_story(1).is_err());
    drop(undo);
    store.restore_backup(&before_restore).unwrap();
    assert!(store.load_story(1).is_err());

    let notes = dir.path().join("notes.sqlite3");
    Connection::open(&notes)
        .unwrap()
        .execute_batch("CREATE TABLE notes (x);")
        .unwrap();
    let err = store.restore_backup(&notes).unwrap_err();
    assert_eq!(err.code(), "not-a-database", "{err}");
    assert_eq!(store.list_stories().unwrap().stories.len(), 2);

    let copy = dir.path().join("copy.sqlite3");
    store.backup_to(Some(&copy)).unwrap();
    let err = store.backup_to(Some(&copy)).unwrap_err().to_string();
    assert!(err.contains("never replaces"), "{err}");
}

#[test]
fn any_writer_takes_todays_backup_after_its_first_write_and_only_one() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("desk.sqlite3");
    let dailies = || {
        backup::list(&path)
            .into_iter()
            .filter(|b| b.reason == BackupReason::Daily)
            .count()
    };
    let mut store = Store::open(&path).unwrap();
    assert_eq!(dailies(), 0, "opening writes no backup");
    store.create_story(&sample::story(2, 1)).unwrap();
    assert_eq!(dailies(), 1, "the first write took today's");
    store.create_story(&sample::story(2, 1)).unwrap();
    drop(store);
    let mut again = Store::open(&path).unwrap();
    again.create_story(&sample::story(2, 1)).unwrap();
    assert_eq!(dailies(), 1, "one a day, whoever writes");
    drop(again);
    // The app takes it on a thread of its own, never before a keystroke's save.
    without_backups(&path);
    let mut app = Store::open_checking_later(&path).unwrap();
    app.create_story(&sample::story(2, 1)).unwrap();
    assert_eq!(dailies(), 0);
}
