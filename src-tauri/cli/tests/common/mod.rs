//! What the CLI tests share: the fixtures and a way to run `factdesk` on a
//! database (each test binary uses part of it).
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

pub const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../core/tests/fixtures/published-story.txt"
);
pub const ARTICLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../core/tests/fixtures/source-article.txt"
);

/// A database file in a fresh folder holding the seed story (id 1).
pub fn seeded() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("desk.sqlite3");
    let out = factdesk(&db, &["import", SEED]);
    assert!(out.status.success(), "{}", stderr(&out));
    (dir, db)
}

/// The headline of story 1 in `db`, as stored.
pub fn first_headline(db: &Path) -> String {
    factdesk_core::store::Store::open_read(db)
        .unwrap()
        .load_story(1)
        .unwrap()
        .story
        .headline
}

/// Runs `factdesk --db DB ARGS…` with `FACTDESK_DB` unset.
pub fn factdesk(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("FACTDESK_DB")
        .output()
        .expect("factdesk runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A story that passes the publish checks, written as native JSON into
/// `dir`; its path.
pub fn publishable_json(dir: &Path) -> String {
    let path = dir.join("good.json");
    std::fs::write(
        &path,
        factdesk_core::formats::json::export(&factdesk_core::sample::story(4, 3)),
    )
    .unwrap();
    path.to_string_lossy().into_owned()
}
