//! End-to-end test of the wire in the real window (issue 29): an editor
//! opens the Wire view of a desk whose outlets have feeds (served on
//! 127.0.0.1 in RSS, Atom and JSON Feed), pulls them, sees three events —
//! one a blind spot covered only by establishment-critical outlets —
//! filters to the blind spots, moves with the keys, and starts a story from
//! one item of an event, which opens with that item as its source.

mod support;

#[path = "../src-tauri/core/tests/feeds/mod.rs"]
mod feeds;
#[path = "../src-tauri/core/tests/web/mod.rs"]
mod web;

use factdesk_core::store::Store;
use support::Session;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_editor_pulls_the_wire_finds_the_blind_spot_and_starts_a_story() {
    let server = feeds::Feeds::start();
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("wire.sqlite3");
    feeds::register(&mut Store::open(&db).unwrap(), &server);

    // The timed pull is off for this editor (their settings file): the
    // pull here is the editor's.
    let config = dir.path().join("xdg/config/org.factdesk.app");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("settings.json"), "{\"wire_pull_minutes\": 0}").unwrap();
    let app = Session::start(&db).await;
    app.click("[data-testid=view-wire]").await;
    let empty = app.text_when("[data-testid=wire-empty]", |t| !t.is_empty()).await;
    assert_eq!(empty, "The feeds have not been pulled yet: pull the wire.");
    app.click("[data-testid=wire-pull]").await;
    app.until("three events", || async {
        (app.count("[data-testid=wire-event]").await == 3).then_some(())
    })
    .await;
    let pulled = app
        .text_when("[data-testid=wire-pulled-at]", |t| t.contains("new items"))
        .await;
    assert!(
        pulled.starts_with("Last pulled ") && pulled.ends_with("pulled 5 feeds: 10 new items"),
        "{pulled}"
    );
    let spot = app
        .text_when("[data-testid=wire-blindspot]", |t| !t.is_empty())
        .await;
    assert_eq!(
        spot,
        "Blind spot: covered only by establishment-critical outlets; find a pro-establishment source"
    );
    app.screenshot("wire-events").await;

    // Only the blind spots, then every event again.
    app.choose("[data-testid=wire-coverage]", "blindspots").await;
    app.until("one event", || async {
        (app.count("[data-testid=wire-event]").await == 1).then_some(())
    })
    .await;
    let title = app
        .text_when("[data-testid=wire-event] .title", |t| !t.is_empty())
        .await;
    assert!(title.contains("Nord Stream"), "{title}");
    app.choose("[data-testid=wire-coverage]", "").await;
    app.until("three events again", || async {
        (app.count("[data-testid=wire-event]").await == 3).then_some(())
    })
    .await;

    // The keys move between events.
    app.js(
        "document.querySelector('[data-testid=wire-event] button').focus()",
        vec![],
    )
    .await;
    app.type_keys("\u{E015}").await;
    let focused = app
        .js(
            "return document.activeElement.closest('[data-testid=wire-event]').dataset.eventId",
            vec![],
        )
        .await;
    let second = app
        .js(
            "return document.querySelectorAll('[data-testid=wire-event]')[1].dataset.eventId",
            vec![],
        )
        .await;
    assert_eq!(focused, second);

    // The North Korea event, opened: its charts and items; keep Reuters only.
    app.js(
        "[...document.querySelectorAll('[data-testid=wire-event] button.event-row')].find(b => b.textContent.includes('North Korea has shipped')).click()",
        vec![],
    )
    .await;
    app.wait_for("[data-testid=wire-event-detail]").await;
    assert_eq!(
        app.count("[data-testid=wire-event-detail] [data-testid=lean-chart]")
            .await,
        2
    );
    let items = app.count("[data-testid=wire-item]").await;
    assert_eq!(items, 4);
    for i in 1..items {
        app.js(
            "document.querySelectorAll('[data-testid=wire-item]')[arguments[0]].click()",
            vec![serde_json::json!(i)],
        )
        .await;
    }
    let start = app
        .text_when("[data-testid=wire-start]", |t| t.contains("1 item"))
        .await;
    assert_eq!(start, "Start a story from 1 item");
    app.screenshot("wire-event-open").await;
    app.click("[data-testid=wire-start]").await;
    let headline = app
        .until("the new story opens", || async {
            let el = app.wait_for("#story-headline").await;
            el.prop("value").await.ok().flatten().filter(|v| !v.is_empty())
        })
        .await;
    assert_eq!(
        headline,
        "North Korea has shipped more than 1,000 containers of weapons to Russia, White House says"
    );
    app.until("one captured source", || async {
        (app.count("[data-testid=source]").await == 1).then_some(())
    })
    .await;
    let stored = Store::open_read(&db).unwrap();
    let id: i64 = app.open_story_id().await.parse().unwrap();
    let story = stored.load_story(id).unwrap().story;
    assert_eq!(story.sources[0].outlet, "Reuters");
    assert!(story.sources[0].captured_at.is_some());
    app.screenshot("wire-story-started").await;
    app.finish().await;
}
