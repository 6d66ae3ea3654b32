//! The `factdesk` binary against real database files: outputs, exit codes,
//! and that bad input never panics nor writes anything.

mod common;

use common::*;

use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempDir;

const SEED_CANONICAL: &str = include_str!("../../core/tests/fixtures/published-story.canonical.txt");

fn setup() -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("cli.sqlite3");
    (dir, db)
}

fn import(db: &Path, file: &str) -> String {
    let out = factdesk(db, &["import", file]);
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out).trim().to_string()
}

#[test]
fn seed_import_list_export_check() {
    let (dir, db) = setup();
    let id = import(&db, SEED);
    assert_eq!(id, "1");

    let list = factdesk(&db, &["list"]);
    assert!(stdout(&list).contains("draft"), "{}", stdout(&list));
    assert!(stdout(&list).contains("US, Japan, S.Korea Condemn"));
    let json: serde_json::Value = serde_json::from_slice(&factdesk(&db, &["list", "--json"]).stdout).unwrap();
    assert_eq!(json[0]["id"], 1);
    assert_eq!(json[0]["status"], "draft");

    let itn = factdesk(&db, &["export", &id, "--format", "itn"]);
    assert_eq!(stdout(&itn), SEED_CANONICAL);

    let out = dir.path().join("seed.json");
    let exported = factdesk(
        &db,
        &["export", &id, "--format", "json", "-o", out.to_str().unwrap()],
    );
    assert!(exported.status.success() && exported.stdout.is_empty());
    let second = factdesk(&db, &["import", out.to_str().unwrap()]);
    assert_eq!(stdout(&second).trim(), "2");
    assert!(stderr(&second).contains("got a new uid"), "{}", stderr(&second));
    let again = factdesk(&db, &["export", "2", "--format", "json"]);
    let uid_free = |text: &str| {
        let mut doc: serde_json::Value = serde_json::from_str(text).unwrap();
        doc["story"]["uid"] = serde_json::Value::Null;
        doc
    };
    assert_eq!(
        uid_free(&stdout(&again)),
        uid_free(&std::fs::read_to_string(&out).unwrap())
    );

    let check = factdesk(&db, &["check", &id]);
    assert_eq!(check.status.code(), Some(1));
    assert!(stdout(&check).contains("source-url-missing"));
    let check = factdesk(&db, &["check", &id, "--json"]);
    let doc: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(doc["publishable"], false);
    assert_eq!(doc["findings"][0]["code"], "source-url-missing");
    assert_eq!(doc["findings"][0]["target"]["kind"], "source");
}

#[test]
fn publish_only_when_the_gate_is_clean() {
    let (dir, db) = setup();
    let seed = import(&db, SEED);
    // A one-person desk publishes from draft.
    assert!(factdesk(&db, &["approval-rule", "off"]).status.success());
    let refused = factdesk(&db, &["publish", &seed]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stdout(&refused).contains("source-url-missing"));
    assert!(stdout(&factdesk(&db, &["list"])).contains("draft"));

    let good = import(&db, &publishable_json(dir.path()));
    assert_eq!(factdesk(&db, &["check", &good]).status.code(), Some(0));
    let published = factdesk(&db, &["publish", &good]);
    assert_eq!(published.status.code(), Some(0), "{}", stderr(&published));
    let list: serde_json::Value = serde_json::from_slice(&factdesk(&db, &["list", "--json"]).stdout).unwrap();
    let row = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == good.parse::<i64>().unwrap())
        .unwrap();
    assert_eq!(row["status"], "published");
    assert_eq!(factdesk(&db, &["publish", &good]).status.code(), Some(0));
}

#[test]
fn bad_input_is_one_clear_line_and_writes_nothing() {
    let (dir, db) = setup();
    import(&db, SEED);
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p.to_string_lossy().into_owned()
    };
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec!["import".into(), write("empty.txt", b"")],
            "the file is empty",
        ),
        (
            vec![
                "import".into(),
                write("blob.bin", &[0x89, b'P', b'N', b'G', 0, 1, 2]),
            ],
            "binary data",
        ),
        (
            vec!["import".into(), write("latin1.txt", b"Caf\xe9 story\n\nFacts\n")],
            "not UTF-8",
        ),
        (
            vec!["import".into(), write("prose.txt", b"Just prose.\nMore prose.\n")],
            "no story sections",
        ),
        (
            vec![
                "import".into(),
                write("nohead.txt", "Facts\n\n  \u{2022} A fact.1\n".as_bytes()),
            ],
            "no headline",
        ),
        (
            vec![
                "import".into(),
                write("bad.json", b"{\"format\": \"factdesk/9\"}"),
            ],
            "unsupported format",
        ),
        (
            vec![
                "import".into(),
                dir.path().join("missing.txt").to_string_lossy().into_owned(),
            ],
            "missing.txt",
        ),
        (
            vec!["import".into(), dir.path().to_string_lossy().into_owned()],
            "directory",
        ),
        (
            vec!["export".into(), "99".into(), "--format".into(), "itn".into()],
            "no story with id 99",
        ),
        (vec!["check".into(), "99".into()], "no story with id 99"),
        (vec!["publish".into(), "99".into()], "no story with id 99"),
    ];
    for (args, expect) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = factdesk(&db, &args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(expect), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        if args[0] == "import"
            && args.len() > 1
            && !args[1].ends_with("missing.txt")
            && args[1] != dir.path().to_string_lossy()
        {
            assert!(err.contains(args[1]), "names the file: {err}");
        }
    }
    let list: serde_json::Value = serde_json::from_slice(&factdesk(&db, &["list", "--json"]).stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1, "nothing was added");
}

#[test]
fn bad_input_does_not_even_create_the_database() {
    let (dir, db) = setup();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    assert_eq!(
        factdesk(&db, &["import", empty.to_str().unwrap()]).status.code(),
        Some(2)
    );
    assert!(!db.exists());
}

#[test]
fn usage_errors_exit_2() {
    let (_dir, db) = setup();
    assert_eq!(
        factdesk(&db, &["export", "1", "--format", "pdf"]).status.code(),
        Some(2)
    );
    assert_eq!(factdesk(&db, &["frobnicate"]).status.code(), Some(2));
}

#[test]
fn the_environment_variable_chooses_the_database() {
    let (_dir, db) = setup();
    let out = Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .args(["import", SEED])
        .env("FACTDESK_DB", &db)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(db.exists());
    assert!(stdout(&factdesk(&db, &["list"])).contains("Condemn"));
}

#[test]
fn a_newer_database_is_refused_by_the_cli() {
    let (_dir, db) = setup();
    import(&db, SEED);
    let c = rusqlite_free_bump(&db);
    let out = factdesk(&db, &["list"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("newer Factdesk"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&db).unwrap(), c);
}

/// Sets `PRAGMA user_version` to 999 by editing the header (offset 60, big
/// endian), as a newer build would have; returns the file's bytes.
fn rusqlite_free_bump(db: &Path) -> Vec<u8> {
    // Fold the WAL into the main file first, via a clean CLI open/close.
    factdesk(db, &["list"]);
    let mut bytes = std::fs::read(db).unwrap();
    bytes[60..64].copy_from_slice(&999u32.to_be_bytes());
    std::fs::write(db, &bytes).unwrap();
    let _ = std::fs::remove_file(db.with_extension("sqlite3-wal"));
    let _ = std::fs::remove_file(db.with_extension("sqlite3-shm"));
    bytes
}
