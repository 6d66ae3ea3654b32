//! The editorial workflow from the command line: two editors, corrections,
//! withdrawal, history, diff, restore and exporting an edition.

mod common;

use common::*;
use tempfile::TempDir;

fn run(db: &std::path::Path, editor: &str, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--as", editor];
    all.extend_from_slice(args);
    factdesk(db, &all)
}

fn ok(out: std::process::Output) -> String {
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    stdout(&out)
}

#[test]
fn two_editors_publish_correct_and_withdraw_a_story() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.sqlite3");
    let file = dir.path().join("story.json");
    let mut story = factdesk_core::sample::story(4, 3);
    story.status = factdesk_core::model::Status::Published;
    std::fs::write(&file, factdesk_core::formats::json::export(&story)).unwrap();
    let imported = run(&db, "Anna", &["import", file.to_str().unwrap()]);
    assert!(
        stderr(&imported).contains("imports always land as a new draft"),
        "{}",
        stderr(&imported)
    );
    let list: serde_json::Value = serde_json::from_slice(&factdesk(&db, &["list", "--json"]).stdout).unwrap();
    assert_eq!(list[0]["status"], "draft");

    let early = run(&db, "Anna", &["publish", "1"]);
    assert_eq!(early.status.code(), Some(2));
    assert!(
        stderr(&early).contains("approved by a second editor"),
        "{}",
        stderr(&early)
    );
    ok(run(&db, "Anna", &["submit", "1"]));
    let own = run(&db, "Anna", &["approve", "1"]);
    assert_eq!(own.status.code(), Some(2));
    assert!(
        stderr(&own).contains("another editor must approve"),
        "{}",
        stderr(&own)
    );
    assert!(ok(run(&db, "Ben", &["approve", "1"])).contains("approved"));
    assert!(ok(run(&db, "Ben", &["publish", "1"])).contains("published story 1: edition 1"));

    // A correction: edit (a new draft edition), then publish with a note.
    let article = dir.path().join("a.txt");
    std::fs::copy(ARTICLE, &article).unwrap();
    ok(run(
        &db,
        "Anna",
        &["source", "attach", "1", "1", article.to_str().unwrap()],
    ));
    let list: serde_json::Value = serde_json::from_slice(&factdesk(&db, &["list", "--json"]).stdout).unwrap();
    assert_eq!(
        (
            list[0]["status"].as_str(),
            list[0]["has_draft"].as_bool(),
            list[0]["live_edition"].as_i64()
        ),
        (Some("published"), Some(true), Some(1))
    );
    assert!(stdout(&factdesk(&db, &["list"])).contains("published+draft"));
    ok(run(&db, "Anna", &["approval-rule", "off"]));
    let no_note = run(&db, "Anna", &["publish", "1"]);
    assert_eq!(no_note.status.code(), Some(2));
    assert!(
        stderr(&no_note).contains("correction note"),
        "{}",
        stderr(&no_note)
    );
    ok(run(
        &db,
        "Anna",
        &["publish", "1", "--note", "Source 1's article text was added."],
    ));
    let html = ok(factdesk(
        &db,
        &["export", "1", "--format", "html", "--edition", "published"],
    ));
    assert!(
        html.contains("<h2>Corrections</h2>") && html.contains("Source 1&#x27;s article text was added.")
            || html.contains("Source 1's article text was added."),
        "{html}"
    );
    let first = ok(factdesk(
        &db,
        &["export", "1", "--format", "itn", "--edition", "1"],
    ));
    assert!(!first.contains("Corrections"), "{first}");

    let history = ok(factdesk(&db, &["history", "1"]));
    assert!(
        history.contains("Superseded") && history.contains("correction: Source 1's article text was added."),
        "{history}"
    );
    assert!(
        history.contains("approved") && history.contains("submitted for review"),
        "versions name their step: {history}"
    );
    assert!(history.contains("in-review → approved  by Ben"), "{history}");
    let json: serde_json::Value =
        serde_json::from_slice(&factdesk(&db, &["history", "1", "--json"]).stdout).unwrap();
    assert_eq!(json["editions"][0]["number"], 2);

    let diff = ok(factdesk(&db, &["diff", "1", "e1", "e2"]));
    assert!(diff.contains("Correction (edition 2) (added): {+"), "{diff}");
    assert!(diff.contains("Source 1 (changed):"), "{diff}");
    let no_reason = run(&db, "Ben", &["withdraw", "1", "--reason", " "]);
    assert_eq!(no_reason.status.code(), Some(2));
    ok(run(&db, "Ben", &["withdraw", "1", "--reason", "Legal advice."]));
    let itn = ok(factdesk(
        &db,
        &["export", "1", "--format", "itn", "--edition", "published"],
    ));
    assert!(
        itn.contains("Withdrawn on ") && itn.contains(": Legal advice."),
        "{itn}"
    );
    let ninjs: serde_json::Value = serde_json::from_str(&ok(factdesk(
        &db,
        &["export", "1", "--format", "ninjs", "--edition", "published"],
    )))
    .unwrap();
    assert_eq!(ninjs["pubStatus"], "canceled");
    assert_eq!(ninjs["version"], "2");
}

#[test]
fn history_diff_and_restore_of_versions() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.sqlite3");
    ok(run(&db, "Anna", &["import", SEED]));
    let article = dir.path().join("a.txt");
    std::fs::copy(ARTICLE, &article).unwrap();
    ok(run(
        &db,
        "Anna",
        &["source", "attach", "1", "2", article.to_str().unwrap()],
    ));
    let history = ok(factdesk(&db, &["history", "1"]));
    assert!(history.contains("      2*  edition 1"), "{history}");
    assert!(history.contains("imported"), "{history}");
    let diff = ok(factdesk(&db, &["diff", "1", "1", "2"]));
    assert!(
        diff.starts_with("Source 2 (changed): The Hill{+ · White House Confirms"),
        "{diff}"
    );
    assert!(diff.contains("(saved article text,"), "{diff}");
    assert_eq!(
        ok(factdesk(&db, &["diff", "1", "2", "latest"])),
        "no differences\n"
    );
    let restored = ok(run(&db, "Ben", &["restore", "1", "1"]));
    assert!(restored.contains("version 1 restored as version 3"), "{restored}");
    let json: serde_json::Value =
        serde_json::from_slice(&factdesk(&db, &["history", "1", "--json"]).stdout).unwrap();
    assert_eq!(json["versions"][0]["kind"], "restore");
    assert_eq!(json["versions"][0]["editor"], "Ben");
    assert_eq!(json["versions"].as_array().unwrap().len(), 3);
    let bad = factdesk(&db, &["diff", "1", "x", "2"]);
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(factdesk(&db, &["restore", "1", "99"]).status.code(), Some(2));
}
