//! The CLI and the database file: reads that never write (also on a file
//! the user may not write), other applications' files left alone, damaged
//! files refused, bounded inputs, parallel scripts, migrations, backups.

mod common;

use common::*;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;
use tempfile::TempDir;

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

#[test]
fn list_twice_leaves_the_file_byte_identical() {
    let (_dir, db) = seeded();
    let before = std::fs::read(&db).unwrap();
    for _ in 0..2 {
        assert!(factdesk(&db, &["list"]).status.success());
        assert!(factdesk(&db, &["check", "1"]).status.code() == Some(1));
        assert!(factdesk(&db, &["export", "1", "--format", "html"])
            .status
            .success());
    }
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn a_file_the_user_cannot_write_can_be_listed_checked_and_exported() {
    let (dir, db) = seeded();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
    let run = |args: &[&str]| {
        // Root may write anything: run as nobody to be refused like a user.
        let mut cmd = if is_root() {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(env!("CARGO_BIN_EXE_factdesk"));
            c
        } else {
            Command::new(env!("CARGO_BIN_EXE_factdesk"))
        };
        cmd.arg("--db")
            .arg(&db)
            .args(args)
            .env_remove("FACTDESK_DB")
            .output()
            .unwrap()
    };
    let list = run(&["list"]);
    assert!(list.status.success(), "{}", stderr(&list));
    assert!(stdout(&list).contains("US, Japan, S.Korea Condemn"));
    assert_eq!(run(&["check", "1"]).status.code(), Some(1));
    let html = run(&["export", "1", "--format", "html"]);
    assert!(html.status.success(), "{}", stderr(&html));
    let refused = run(&["import", SEED]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains(&db.display().to_string()),
        "{}",
        stderr(&refused)
    );
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn another_applications_database_is_left_untouched() {
    let dir = TempDir::new().unwrap();
    let other = dir.path().join("other.sqlite3");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');")
        .unwrap();
    let before = std::fs::read(&other).unwrap();
    for args in [&["list"][..], &["import", SEED]] {
        let out = factdesk(&other, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains("not a Factdesk database"),
            "{}",
            stderr(&out)
        );
    }
    assert_eq!(std::fs::read(&other).unwrap(), before);
    assert!(!Path::new(&format!("{}-wal", other.display())).exists());
}

#[test]
fn a_damaged_database_refuses_imports_and_names_the_backup() {
    let (dir, db) = seeded();
    for _ in 0..40 {
        assert!(factdesk(&db, &["import", SEED]).status.success());
    }
    let backup = factdesk(&db, &["backup"]);
    assert!(backup.status.success(), "{}", stderr(&backup));
    let backup_path = stdout(&backup).trim().to_string();
    assert!(Path::new(&backup_path).starts_with(dir.path()));
    {
        use std::io::{Seek, SeekFrom, Write};
        let len = std::fs::metadata(&db).unwrap().len();
        let mut f = std::fs::OpenOptions::new().write(true).open(&db).unwrap();
        f.seek(SeekFrom::Start((len / 2) & !4095)).unwrap();
        f.write_all(&[0xa5; 4096]).unwrap();
        f.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(1))
            .unwrap();
    }
    let refused = factdesk(&db, &["import", SEED]);
    assert_eq!(refused.status.code(), Some(2));
    let err = stderr(&refused);
    assert!(err.contains("the database is damaged"), "{err}");
    assert!(err.contains(&backup_path), "{err}");
    let doctor = factdesk(&db, &["doctor"]);
    assert_eq!(doctor.status.code(), Some(1), "{}", stdout(&doctor));
    assert!(stdout(&doctor).contains("integrity:"), "{}", stdout(&doctor));

    let restored = factdesk(&db, &["restore-backup", &backup_path]);
    assert!(restored.status.success(), "{}", stderr(&restored));
    let doctor = factdesk(&db, &["doctor"]);
    assert_eq!(doctor.status.code(), Some(0), "{}", stdout(&doctor));
    assert!(factdesk(&db, &["import", SEED]).status.success());
}

#[test]
fn inputs_are_bounded_and_pipes_refused() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("d.sqlite3");
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "x".repeat(2 * 1024 * 1024 + 10)).unwrap();
    let out = factdesk(&db, &["--max-input-mb", "1", "import", big.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("the limit is 1.0 MB"), "{}", stderr(&out));

    let fifo = dir.path().join("pipe");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let out = factdesk(&db, &["import", fifo.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not a regular file"), "{}", stderr(&out));
    let out = factdesk(&db, &["import", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!db.exists(), "bad input never creates the database");
}

#[test]
fn duplicate_ids_in_a_json_story_are_an_input_error() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("d.sqlite3");
    let mut story = factdesk_core::sample::story(3, 2);
    story.sources[1].id = story.sources[0].id;
    let file = dir.path().join("dup.json");
    std::fs::write(&file, factdesk_core::formats::json::export(&story)).unwrap();
    let out = factdesk(&db, &["import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(file.to_str().unwrap()) && err.contains("two sources share the id"),
        "{err}"
    );
    assert!(!err.contains("UNIQUE"), "{err}");
}

#[test]
fn parallel_attach_loops_on_one_story_all_succeed() {
    let (dir, db) = seeded();
    let article = dir.path().join("a.txt");
    std::fs::copy(ARTICLE, &article).unwrap();
    let workers: Vec<_> = (1..=4)
        .map(|n| {
            let db = db.clone();
            let article = article.clone();
            std::thread::spawn(move || {
                (0..10)
                    .map(|_| {
                        factdesk(
                            &db,
                            &["source", "attach", "1", &n.to_string(), article.to_str().unwrap()],
                        )
                    })
                    .filter(|o| !o.status.success())
                    .map(|o| stderr(&o))
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let failures: Vec<String> = workers.into_iter().flat_map(|w| w.join().unwrap()).collect();
    assert!(
        failures.is_empty(),
        "{} of 40 failed: {failures:?}",
        failures.len()
    );
    let json: serde_json::Value =
        serde_json::from_slice(&factdesk(&db, &["export", "1", "--format", "json"]).stdout).unwrap();
    let with_text = json["story"]["sources"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| !s["saved_text"].as_str().unwrap().is_empty())
        .count();
    assert_eq!(with_text, 4);
}

#[test]
fn migrate_backs_up_an_old_database_first_and_says_where() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("old.sqlite3");
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch(include_str!("../../core/tests/frozen/schema-v1.sql"))
        .unwrap();
    let list = factdesk(&db, &["list"]);
    assert_eq!(list.status.code(), Some(2));
    assert!(stderr(&list).contains("factdesk migrate"), "{}", stderr(&list));
    let out = factdesk(&db, &["migrate"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let backups: serde_json::Value =
        serde_json::from_slice(&factdesk(&db, &["backups", "--json"]).stdout).unwrap();
    let kept = backups[0]["path"].as_str().unwrap();
    assert!(
        stderr(&out).contains(&format!("a copy of it as it was is kept at {kept}.")),
        "{}",
        stderr(&out)
    );
    assert_eq!(backups[0]["reason"], "migration");
    assert_eq!(backups[0]["version"], 1);
    let again = factdesk(&db, &["migrate"]);
    assert!(stdout(&again).contains("nothing to do"), "{}", stdout(&again));
    assert!(factdesk(&db, &["list"]).status.success());
}
