//! Nothing an editor saves is lost while a long-lived store (the window's)
//! and command-line writers share one database file: the store keeps
//! SQLite's locks through its integrity checks and backups, and every save
//! either side acknowledged is in the file at the end.

mod common;

use common::*;
use factdesk_core::model::SaveKind;
use factdesk_core::store::Store;
use std::path::Path;
use std::process::Command;

/// The POSIX locks this process holds on the file at `path`, as the kernel
/// lists them in /proc/locks (its device and inode, and this pid).
#[cfg(target_os = "linux")]
fn locks_held_on(path: &Path) -> usize {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).unwrap();
    let (major, minor) = (libc::major(meta.dev()), libc::minor(meta.dev()));
    let id = format!("{major:02x}:{minor:02x}:{}", meta.ino());
    let pid = std::process::id().to_string();
    std::fs::read_to_string("/proc/locks")
        .unwrap()
        .lines()
        .filter(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            // "1: POSIX  ADVISORY  READ 1234 fd:01:5678 128 128"
            f.len() >= 6 && f[1] == "POSIX" && f[4] == pid && f[5] == id
        })
        .count()
}

#[cfg(target_os = "linux")]
#[test]
fn a_store_keeps_its_lock_through_integrity_checks_and_backups() {
    let (dir, db) = seeded();
    // Run with the integrity cache in the test's folder, so the check runs.
    let mut store = Store::open_checking_later(&db).unwrap();
    store.set_editor("window").unwrap();
    store
        .update_story(1, None, SaveKind::Edit, |s| {
            s.summary = "held".into();
            Ok(())
        })
        .unwrap();
    let held = locks_held_on(&db);
    assert!(held >= 1, "an open WAL connection holds a lock on its file");
    // Another store in the same process runs the integrity check and, when
    // dropped, remembers the file as clean: both look at the file.
    drop(Store::open(&db).unwrap());
    assert_eq!(locks_held_on(&db), held, "after an integrity check");
    store.backup_to(Some(&dir.path().join("copy.sqlite3"))).unwrap();
    store.backup_to(None).unwrap();
    assert_eq!(locks_held_on(&db), held, "after backups");
    assert!(store.doctor().unwrap().healthy());
    assert_eq!(locks_held_on(&db), held, "after doctor");
}

/// The case that lost a story: a store held open like the window's while
/// `factdesk` processes write and exit beside it for hundreds of rounds,
/// with the integrity path run again now and then. Every save either side
/// acknowledged must be in the file, at once (another process reads it) and
/// at the end.
#[test]
fn a_long_lived_store_and_command_line_writers_lose_nothing() {
    let (dir, db) = seeded();
    let csv = dir.path().join("outlets.csv");
    let mut window = Store::open_checking_later(&db).unwrap();
    window.set_editor("window").unwrap();
    let mut headline = String::new();
    let mut imported = Vec::new();
    let rounds = 150;
    for round in 0..rounds {
        headline = format!("Window headline, round {round}");
        let text = headline.clone();
        window
            .update_story(1, None, SaveKind::Typing, |s| {
                s.headline = text;
                Ok(())
            })
            .unwrap_or_else(|e| panic!("round {round}: the window's save failed: {e}"));
        // What the window acknowledged is what any other process reads.
        let out = factdesk(&db, &["export", "1", "--format", "json"]);
        assert!(
            stdout(&out).contains(&headline),
            "round {round}: the window's save is not in the file: {}",
            stderr(&out)
        );
        std::fs::write(
            &csv,
            format!("name,aliases,domains,lr,cp,notes\nOutlet {round},,,3,3,\n"),
        )
        .unwrap();
        let out = factdesk(&db, &["outlets", "import", csv.to_str().unwrap()]);
        assert!(out.status.success(), "round {round}: {}", stderr(&out));
        // Someone looks at the file with the distribution's sqlite3 shell
        // (an SQLite without 3.48's guard against broken locks): the last
        // connection to close checkpoints and deletes the log when no
        // other process holds a lock on the database.
        let out = Command::new("sqlite3")
            .arg(&db)
            .arg("SELECT count(*) FROM stories")
            .output()
            .expect("sqlite3 runs");
        assert!(out.status.success(), "round {round}: {}", stderr(&out));
        if round % 10 == 0 {
            let out = factdesk(&db, &["import", SEED]);
            assert!(out.status.success(), "round {round}: {}", stderr(&out));
            imported.push(stdout(&out).trim().parse::<i64>().unwrap());
            // The integrity path, as another store of this process runs it.
            drop(Store::open(&db).unwrap());
        }
    }
    drop(window);
    let check = Store::open_read(&db).unwrap();
    assert_eq!(check.load_story(1).unwrap().story.headline, headline);
    for id in &imported {
        assert!(
            check.load_story(*id).is_ok(),
            "story {id}, imported by the CLI, is in the file"
        );
    }
    let names: Vec<String> = check.outlets().unwrap().into_iter().map(|o| o.name).collect();
    for round in 0..rounds {
        assert!(
            names.contains(&format!("Outlet {round}")),
            "outlet {round} is in the file"
        );
    }
    assert!(check.doctor().unwrap().healthy());
}

#[test]
fn exports_and_backups_onto_the_database_or_its_files_are_refused_and_change_nothing() {
    let (dir, db) = seeded();
    let before = Store::open_read(&db).unwrap().load_story(1).unwrap();
    let wal = format!("{}-wal", db.display());
    let backup = dir
        .path()
        .join("desk.backup-manual-v8-20261205T101010.000Z.sqlite3");
    for (args, target) in [
        (
            vec!["export", "1", "--format", "json", "-o"],
            db.to_str().unwrap(),
        ),
        (vec!["export", "1", "--format", "json", "-o"], wal.as_str()),
        (vec!["outlets", "export", "-o"], db.to_str().unwrap()),
        (vec!["backup", "-o"], db.to_str().unwrap()),
        (vec!["backup", "-o"], backup.to_str().unwrap()),
    ] {
        let mut all = args.clone();
        all.push(target);
        let out = factdesk(&db, &all);
        assert_eq!(out.status.code(), Some(2), "{all:?}: {}", stdout(&out));
        assert!(
            stderr(&out).contains("will not write"),
            "{all:?}: {}",
            stderr(&out)
        );
    }
    assert!(!Path::new(&wal).exists() || std::fs::metadata(&wal).unwrap().len() == 0);
    assert!(!backup.exists());
    let after = Store::open_read(&db).unwrap();
    assert_eq!(after.load_story(1).unwrap(), before);
    assert!(after.doctor().unwrap().healthy());
}

#[test]
fn delete_moves_a_draft_to_the_trash_and_restore_brings_it_back() {
    let (_dir, db) = seeded();
    let headline = first_headline(&db);
    assert!(stdout(&factdesk(&db, &["list"])).contains(&headline));
    let out = factdesk(&db, &["delete", "1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("to the trash"), "{}", stdout(&out));
    assert!(
        !stdout(&factdesk(&db, &["list"])).contains(&headline),
        "out of the list"
    );
    let out = factdesk(&db, &["trash", "--json"]);
    let trash: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(trash[0]["id"], 1);
    let out = factdesk(&db, &["export", "1", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("in the trash"), "{}", stderr(&out));
    let out = factdesk(&db, &["trash", "restore", "1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(factdesk(&db, &["export", "1", "--format", "json"])
        .status
        .success());
    // A published story is withdrawn, never deleted.
    assert!(factdesk(&db, &["approval-rule", "off"]).status.success());
    let publishable = publishable_json(_dir.path());
    let id = stdout(&factdesk(&db, &["import", &publishable]))
        .trim()
        .to_string();
    assert!(factdesk(&db, &["publish", &id]).status.success());
    let out = factdesk(&db, &["delete", &id]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("withdraw it instead"), "{}", stderr(&out));
    // Purge empties it for good.
    assert!(factdesk(&db, &["delete", "1"]).status.success());
    let out = factdesk(&db, &["trash", "purge"]);
    assert!(stdout(&out).contains("purged 1 stories"), "{}", stdout(&out));
    assert!(stderr(&factdesk(&db, &["export", "1", "--format", "json"])).contains("no story with id 1"));
}

/// Runs `script` with `sh` in a mount namespace of its own (root there),
/// where it may mount a small tmpfs: a disk that can be filled.
fn in_own_mounts(script: &str, env: &[(&str, &Path)]) -> std::process::Output {
    let mut cmd = Command::new("unshare");
    cmd.args(["--map-root-user", "--mount", "sh", "-euc", script]);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("unshare runs")
}

#[cfg(target_os = "linux")]
#[test]
fn reads_work_on_a_full_disk_and_leave_nothing_behind() {
    let (dir, db) = seeded();
    let headline = first_headline(&db);
    let word = headline
        .split_whitespace()
        .last()
        .unwrap()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string();
    let full = dir.path().join("full");
    std::fs::create_dir(&full).unwrap();
    let out = in_own_mounts(
        r#"mount -t tmpfs -o size=2m tmpfs "$FULL"
           cp "$DB" "$FULL/desk.sqlite3"
           dd if=/dev/zero of="$FULL/filler" bs=4k 2>/dev/null || true
           "$FD" --db "$FULL/desk.sqlite3" list
           "$FD" --db "$FULL/desk.sqlite3" export 1 --format json
           "$FD" --db "$FULL/desk.sqlite3" search "$WORD"
           ls -a "$FULL""#,
        &[
            ("FULL", &full),
            ("DB", &db),
            ("FD", Path::new(env!("CARGO_BIN_EXE_factdesk"))),
            ("WORD", Path::new(&word)),
        ],
    );
    let said = stdout(&out);
    assert!(out.status.success(), "{}\n{}", said, stderr(&out));
    assert!(
        said.matches(&headline).count() >= 3,
        "list, export and search: {said}"
    );
    assert!(
        !said.contains("-wal") && !said.contains("-shm"),
        "nothing left beside it: {said}"
    );
}
