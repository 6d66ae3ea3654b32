//! `factdesk export --all` / several ids into a folder.

mod common;

use common::*;

use std::path::Path;
use tempfile::TempDir;

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn exports_every_story_named_after_its_headline_and_never_overwrites_unasked() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("b.sqlite3");
    for _ in 0..2 {
        assert!(factdesk(&db, &["import", SEED]).status.success());
    }
    let json = dir.path().join("one.json");
    std::fs::write(
        &json,
        factdesk_core::formats::json::export(&factdesk_core::sample::story(2, 2)),
    )
    .unwrap();
    assert!(factdesk(&db, &["import", json.to_str().unwrap()])
        .status
        .success());

    let out = dir.path().join("out");
    let run = factdesk(
        &db,
        &["export", "--all", "--format", "html", "-o", out.to_str().unwrap()],
    );
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert_eq!(
        String::from_utf8_lossy(&run.stdout).trim(),
        format!("exported 3 stories to {}", out.display())
    );
    assert_eq!(
        names(&out),
        [
            "Sample-story-with-2-facts-and-2-sources.html",
            "US-Japan-S-Korea-Condemn-Confirmed-North-Korean-Weapons-Shipments-to-Russia-1.html",
            "US-Japan-S-Korea-Condemn-Confirmed-North-Korean-Weapons-Shipments-to-Russia-2.html",
        ]
    );

    let again = factdesk(
        &db,
        &[
            "export",
            "1",
            "3",
            "--format",
            "html",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exist (use --overwrite"));
    let forced = factdesk(
        &db,
        &[
            "export",
            "1",
            "3",
            "--format",
            "ninjs",
            "-o",
            out.to_str().unwrap(),
            "--overwrite",
        ],
    );
    assert!(forced.status.success());
    assert_eq!(names(&out).len(), 5, "ninjs files added beside the html ones");

    let missing = factdesk(
        &db,
        &["export", "1", "99", "--format", "md", "-o", out.to_str().unwrap()],
    );
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no story with id 99"));
    let no_dir = factdesk(&db, &["export", "--all", "--format", "md"]);
    assert!(String::from_utf8_lossy(&no_dir.stderr).contains("needs -o FOLDER"));
}
