//! `factdesk feeds …` and `factdesk wire …` against a local web server
//! (127.0.0.1; no internet) and a real database file: feeds added under
//! registry outlets, pulled, listed as events with their lean and blind
//! spot as JSON, and a story started from an event.

mod common;
#[path = "../../core/tests/feeds/mod.rs"]
mod feeds;
#[path = "../../core/tests/web/mod.rs"]
mod web;

use common::*;
use serde_json::Value;

#[test]
fn feeds_are_pulled_into_events_and_a_story_starts_from_one() {
    let (dir, db) = seeded();
    let server = feeds::Feeds::start();
    let csv = dir.path().join("outlets.csv");
    std::fs::write(
        &csv,
        "name,aliases,domains,lr,cp,notes\nReuters,,,3,4,\nThe Guardian,,,2,4,\nRT,,,4,1,\nTASS,,,4,2,\nConsortium News,,,2,1,\n",
    )
    .unwrap();
    assert!(factdesk(&db, &["outlets", "import", csv.to_str().unwrap()])
        .status
        .success());
    for (outlet, path, _) in feeds::ITEMS {
        let added = factdesk(&db, &["feeds", "add", outlet, &server.url(path)]);
        assert!(added.status.success(), "{}", stderr(&added));
        assert_eq!(
            stdout(&added).trim(),
            format!("added {} under {outlet}", server.url(path))
        );
    }
    let unknown = factdesk(
        &db,
        &["feeds", "add", "Daily Nowhere", &server.url("/feeds/x.rss")],
    );
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("add it in Outlets first"),
        "{}",
        stderr(&unknown)
    );

    let pulled = factdesk(&db, &["feeds", "pull", "--timeout", "10"]);
    assert!(pulled.status.success(), "{}", stderr(&pulled));
    assert_eq!(stdout(&pulled).trim(), "pulled 5 feeds: 10 new items");
    let listed = stdout(&factdesk(&db, &["feeds", "list"]));
    assert_eq!(listed.lines().count(), 5);
    assert!(
        listed
            .lines()
            .all(|l| l.contains("pulled ") && l.contains(" new")),
        "{listed}"
    );

    let wire = factdesk(&db, &["wire", "--hours", "24", "--json"]);
    assert!(wire.status.success(), "{}", stderr(&wire));
    let events: Vec<Value> = serde_json::from_str(&stdout(&wire)).expect("JSON");
    assert_eq!(events.len(), 3);
    for event in &events {
        for key in ["id", "title", "items", "lean", "blindspot"] {
            assert!(event.get(key).is_some(), "{key} in {event}");
        }
        let item = &event["items"][0];
        for key in ["outlet", "url", "title", "published"] {
            assert!(item.get(key).is_some(), "{key} in {item}");
        }
    }
    let spots: Vec<&Value> = events.iter().filter(|e| !e["blindspot"].is_null()).collect();
    assert_eq!(spots.len(), 1);
    assert_eq!(spots[0]["blindspot"], "critical-only");
    assert_eq!(spots[0]["lean"]["cp"], serde_json::json!([2, 1, 0, 0, 0]));
    let text = stdout(&factdesk(&db, &["wire"]));
    assert!(
        text.contains("Blind spot: covered only by establishment-critical outlets"),
        "{text}"
    );

    let nk = events
        .iter()
        .find(|e| {
            e["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("North Korea has shipped"))
        })
        .expect("the North Korea event");
    let id = nk["id"].as_str().unwrap();
    let reuters = server.url("/a/nk-reuters");
    let started = factdesk(&db, &["wire", "start", id, "--item", &reuters, "--timeout", "10"]);
    assert!(started.status.success(), "{}", stderr(&started));
    let story_id = stdout(&started).trim().to_string();
    let shown = factdesk(&db, &["export", &story_id, "--format", "json"]);
    let story: Value = serde_json::from_str(&stdout(&shown)).expect("story JSON");
    let story = story.get("story").unwrap_or(&story);
    assert_eq!(story["headline"], nk["title"]);
    assert_eq!(story["sources"].as_array().map(Vec::len), Some(1));
    assert_eq!(story["sources"][0]["outlet"], "Reuters");
    // Captured: the page's canonical address, its text kept.
    assert_eq!(
        story["sources"][0]["url"],
        server
            .url("/world/white-house-north-korea-russia-weapons")
            .as_str()
    );
    assert!(story["sources"][0]["saved_text"]
        .as_str()
        .is_some_and(|t| t.contains("North Korea")));

    let missing = factdesk(&db, &["wire", "start", "w0000000000"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("no event w0000000000"),
        "{}",
        stderr(&missing)
    );
    let bad_hours = factdesk(&db, &["wire", "--hours", "0"]);
    assert_eq!(bad_hours.status.code(), Some(2));
}

#[test]
fn a_failing_feed_is_named_and_the_pull_exits_1() {
    let (dir, db) = seeded();
    let server = feeds::Feeds::start();
    let csv = dir.path().join("outlets.csv");
    std::fs::write(&csv, "name,aliases,domains,lr,cp,notes\nRT,,,4,1,\n").unwrap();
    assert!(factdesk(&db, &["outlets", "import", csv.to_str().unwrap()])
        .status
        .success());
    for path in ["/feeds/rt.json", "/feeds/page.html"] {
        assert!(factdesk(&db, &["feeds", "add", "RT", &server.url(path)])
            .status
            .success());
    }
    let pulled = factdesk(&db, &["feeds", "pull", "--json"]);
    assert_eq!(pulled.status.code(), Some(1));
    let report: Value = serde_json::from_str(&stdout(&pulled)).expect("JSON");
    assert_eq!(report["added"], 3);
    let failed: Vec<&Value> = report["feeds"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["ok"] == false)
        .collect();
    assert_eq!(failed.len(), 1);
    assert!(failed[0]["outcome"]
        .as_str()
        .unwrap()
        .contains("it is a web page, not a feed"));
    assert_eq!(stdout(&factdesk(&db, &["feeds", "keep"])).trim(), "7");
    assert!(factdesk(&db, &["feeds", "keep", "3"]).status.success());
    assert_eq!(stdout(&factdesk(&db, &["feeds", "keep"])).trim(), "3");
    assert!(
        factdesk(&db, &["feeds", "remove", &server.url("/feeds/page.html")])
            .status
            .success()
    );
    assert_eq!(stdout(&factdesk(&db, &["feeds", "list"])).lines().count(), 1);
}
