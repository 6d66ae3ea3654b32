//! `factdesk source fetch`, `sources recheck` and `check` against a local
//! web server (127.0.0.1; no internet) and a real database file.

mod common;
#[path = "../../core/tests/web/mod.rs"]
mod web;

use common::*;

#[test]
fn a_source_is_fetched_rechecked_and_its_changes_named_by_check() {
    let (dir, db) = seeded();
    let server = web::Web::start();
    let url = server.url("/changing");
    let before = factdesk_core::store::Store::open_read(&db)
        .unwrap()
        .load_story(1)
        .unwrap()
        .story
        .sources
        .len();

    let fetched = factdesk(&db, &["source", "fetch", "1", &url, "--timeout", "5"]);
    assert!(fetched.status.success(), "{}", stderr(&fetched));
    assert_eq!(
        stdout(&fetched).trim(),
        (before + 1).to_string(),
        "prints the new source's number"
    );
    assert!(
        stderr(&fetched)
            .contains("“Example Eurasia Times” is the page's publisher and is not in the registry"),
        "{}",
        stderr(&fetched)
    );

    // The same article again is refused, and the story is left as it was.
    let again = factdesk(
        &db,
        &[
            "source",
            "fetch",
            "1",
            &server.url("/changing"),
            "--outlet",
            "EurAsian Times",
        ],
    );
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("already cites this article"),
        "{}",
        stderr(&again)
    );

    // A failed fetch says why in one line and changes nothing.
    let gone = factdesk(&db, &["source", "fetch", "1", &server.url("/gone")]);
    assert_eq!(gone.status.code(), Some(2));
    assert_eq!(
        stderr(&gone).trim(),
        format!(
            "factdesk: {}: the site answered 404 Not Found; the story is unchanged",
            server.url("/gone")
        )
    );
    let story = factdesk_core::store::Store::open_read(&db)
        .unwrap()
        .load_story(1)
        .unwrap()
        .story;
    assert_eq!(story.sources.len(), before + 1);
    let captured = story.sources.last().unwrap();
    assert_eq!(
        captured.title,
        "White House Confirms North Korea Sent Russia Weapons: Details"
    );
    assert!(captured.captured_at.is_some());

    // The JSON export says when it was captured.
    let json = stdout(&factdesk(&db, &["export", "1", "--format", "json"]));
    assert!(json.contains("\"captured_at\""), "{json}");

    let unchanged = factdesk(&db, &["sources", "recheck", "1"]);
    assert_eq!(
        stdout(&unchanged).trim(),
        "rechecked 1 source: 0 changed, 0 gone",
        "{}",
        stderr(&unchanged)
    );

    server.set_version(2);
    let changed = factdesk(&db, &["sources", "recheck", "--all", "--json"]);
    let report: serde_json::Value = serde_json::from_str(stdout(&changed).trim()).expect("json");
    assert_eq!(
        (report["checked"].as_u64(), report["changed"].as_u64()),
        (Some(1), Some(1)),
        "{report}"
    );
    assert_eq!(report["stories"], serde_json::json!([1]));

    let check = factdesk(&db, &["check", "1"]);
    let out = stdout(&check);
    let line = out
        .lines()
        .find(|l| l.contains("source-changed-since-cited"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        line.starts_with("warning"),
        "nothing the facts rely on was lost: {line}"
    );
    assert!(
        out.contains("[-over a thousand-]") || out.contains("[-over-]"),
        "the word diff is shown: {out}"
    );

    // --since leaves out stories not published or updated since then.
    let later = factdesk(&db, &["sources", "recheck", "--all", "--since", "2999-01-01"]);
    assert_eq!(stdout(&later).trim(), "rechecked 0 sources: 0 changed, 0 gone");
    drop(dir);
}
