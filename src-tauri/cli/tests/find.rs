//! `factdesk search` and `factdesk coverage` on a real database.

mod common;

use common::*;
use tempfile::TempDir;

#[test]
fn db_reindex_writes_the_index_again_and_searches_answer_as_before() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("reindex.sqlite3");
    assert!(factdesk(&db, &["import", SEED]).status.success());
    let before = factdesk(&db, &["search", "zelensk*", "--json"]);
    assert!(before.status.success(), "{}", stderr(&before));
    // An index that lost its rows finds nothing until it is written again.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "INSERT INTO story_search (story_search) VALUES ('delete-all')",
            [],
        )
        .unwrap();
    assert_eq!(
        stdout(&factdesk(&db, &["search", "zelensk*", "--json"])).trim(),
        "[]"
    );
    let out = factdesk(&db, &["db", "reindex"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).trim(),
        "the search index was written again from the 1 story on the desk"
    );
    assert_eq!(
        factdesk(&db, &["search", "zelensk*", "--json"]).stdout,
        before.stdout
    );
}

#[test]
fn db_compact_gives_back_the_space_of_purged_stories_and_keeps_the_rest() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("compact.sqlite3");
    let mut store = factdesk_core::store::Store::open(&db).unwrap();
    let stories: Vec<_> = (0..300).map(factdesk_core::sample::desk_story).collect();
    let made = store.create_stories(&stories).unwrap();
    for id in &made[10..] {
        store.delete_story(*id).unwrap();
    }
    store.purge_trash(None).unwrap();
    assert!(store.free_bytes().unwrap() > 0, "purged stories leave free pages");
    drop(store);
    let before = std::fs::metadata(&db).unwrap().len();
    let out = factdesk(&db, &["db", "compact"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("the database file went from "),
        "{}",
        stdout(&out)
    );
    let after = std::fs::metadata(&db).unwrap().len();
    assert!(after * 3 < before, "{before} -> {after}");
    let reopened = factdesk_core::store::Store::open_read(&db).unwrap();
    assert_eq!(reopened.free_bytes().unwrap(), 0);
    drop(reopened);
    let listed = stdout(&factdesk(&db, &["list"]));
    assert_eq!(listed.lines().count(), 10, "{listed}");
    let found = factdesk(&db, &["search", &stories[0].headline, "--json"]);
    assert!(
        stdout(&found).contains(&format!("\"id\":{}", made[0])),
        "{}",
        stdout(&found)
    );
}

#[test]
fn search_finds_the_story_and_the_field_best_first() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("find.sqlite3");
    assert!(factdesk(&db, &["import", SEED]).status.success());
    let story = dir.path().join("other.json");
    let mut other = factdesk_core::sample::story(2, 2);
    other.headline = "Zelenskyy visits Washington".into();
    std::fs::write(&story, factdesk_core::formats::json::export(&other)).unwrap();
    assert!(factdesk(&db, &["import", story.to_str().unwrap()])
        .status
        .success());

    let out = factdesk(&db, &["search", "zelensk*", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hits = hits.as_array().unwrap();
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[0]["id"], 2, "the headline match ranks first");
    assert_eq!(hits[0]["field"], "headline");
    assert_eq!(hits[1]["id"], 1);
    assert_eq!(hits[1]["field"], "fact 4");
    assert_eq!(hits[1]["status"], "draft");
    assert!(
        hits[1]["snippet"].as_str().unwrap().contains("[Zelenskyy]"),
        "{}",
        hits[1]["snippet"]
    );

    let text = stdout(&factdesk(&db, &["search", "khmelnytsky", "--limit", "1"]));
    assert!(
        text.contains("fact 4: ") && text.contains("[Khmelnytsky]"),
        "{text}"
    );
    let bad = factdesk(&db, &["search", "\"unclosed"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("search: a quote"), "{}", stderr(&bad));
}

#[test]
fn coverage_reports_the_period_as_json_and_text() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("cov.sqlite3");
    assert!(factdesk(&db, &["import", SEED]).status.success());
    let json: serde_json::Value =
        serde_json::from_slice(&factdesk(&db, &["coverage", "--json"]).stdout).unwrap();
    assert_eq!(json["stories"], 1);
    assert_eq!(json["citations"], 6);
    assert_eq!(json["unrated_citations"], 6, "the registry starts empty");
    assert_eq!(json["top_outlets"][0]["name"], "The Hill");
    let text = stdout(&factdesk(&db, &["coverage", "--since", "2020-01-01"]));
    assert!(
        text.contains("1 stories") && text.contains("citations: 6, 6 to unrated outlets (100%)"),
        "{text}"
    );
    let none = factdesk(
        &db,
        &[
            "coverage",
            "--since",
            "2020-01-01",
            "--until",
            "2020-02-01",
            "--json",
        ],
    );
    let json: serde_json::Value = serde_json::from_slice(&none.stdout).unwrap();
    assert_eq!(json["stories"], 0);
    assert_eq!(
        factdesk(&db, &["coverage", "--since", "last week"]).status.code(),
        Some(2)
    );
}
