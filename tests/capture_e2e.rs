//! End-to-end test of sources from the web in the real window (issue 28):
//! an editor adds a source from its URL, cites another by pasting its URL
//! into a fact's citation picker, and after the outlet rewrote the article
//! a recheck shows the change, with what the fact relied on named. The
//! pages come from a local server on 127.0.0.1.

mod support;

#[path = "../src-tauri/core/tests/web/mod.rs"]
mod web;

use factdesk_core::store::Store;
use support::Session;

const SEED: &str = include_str!("../src-tauri/core/tests/fixtures/published-story.txt");

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_source_from_its_url_and_the_change_found_after_the_page_changed() {
    let server = web::Web::start();
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("capture.sqlite3");
    Store::open(&db)
        .unwrap()
        .create_story(&factdesk_core::formats::itn::import(SEED).unwrap())
        .unwrap();
    let sources_before = 5;

    let app = Session::start(&db).await;
    app.click("[data-testid=story-item]").await;
    app.wait_for("#story-headline").await;

    // From URL…: the page is fetched and read; the outlet is a suggestion.
    app.click("[data-testid=add-url]").await;
    app.set_value("[data-testid=capture-url]", &server.url("/fr"))
        .await;
    app.click("[data-testid=capture-fetch]").await;
    let note = app
        .text_when("[data-testid=capture-outlet-note]", |t| !t.is_empty())
        .await;
    assert!(
        note.contains("“Le Quotidien d'Exemple” is the page's publisher"),
        "{note}"
    );
    let text = app
        .text_when("[data-testid=capture-text]", |t| !t.is_empty())
        .await;
    assert!(text.contains("Extrême-Orient russe"), "{text}");
    app.screenshot("capture-dialog").await;
    app.click("[data-testid=capture-add]").await;
    app.until("the captured source is listed", || async {
        (app.count("[data-testid=source]").await == sources_before + 1).then_some(())
    })
    .await;
    let line = app
        .text_when("[data-testid=captured]", |t| t.starts_with("captured "))
        .await;
    assert!(line.ends_with(" UTC"), "{line}");

    // A failed fetch says why and adds nothing.
    app.click("[data-testid=add-url]").await;
    app.set_value("[data-testid=capture-url]", &server.url("/gone"))
        .await;
    app.click("[data-testid=capture-fetch]").await;
    let problem = app
        .text_when("[data-testid=capture-problem]", |t| !t.is_empty())
        .await;
    assert!(
        problem.ends_with("the site answered 404 Not Found; the story is unchanged"),
        "{problem}"
    );
    app.click("[data-testid=capture-close]").await;

    // A fact quoting the article, cited by pasting the article's URL.
    app.click("[data-testid=add-fact]").await;
    app.focus_settles("fact-").await;
    app.type_keys("John Kirby was \"denouncing the move\" at a White House briefing.")
        .await;
    let cite = app.count("[data-testid=cite]").await;
    app.js(
        "document.querySelectorAll('[data-testid=cite]')[arguments[0] - 1].click();",
        vec![serde_json::json!(cite)],
    )
    .await;
    app.wait_for("[data-testid=citation-picker] input").await;
    app.type_keys(&server.url("/changing")).await;
    let offer = app
        .text_when("[data-testid=picker-new]", |t| t.contains("Add from URL"))
        .await;
    assert!(offer.contains("/changing"), "{offer}");
    app.type_keys("\u{E007}").await;
    app.text_when("[data-testid=capture-title]", |_| true).await;
    app.until("the capture is ready", || async {
        let title = app
            .wait_for("[data-testid=capture-title]")
            .await
            .prop("value")
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        (title == "White House Confirms North Korea Sent Russia Weapons: Details").then_some(())
    })
    .await;
    app.set_value("[data-testid=capture-outlet]", "EurAsian Times")
        .await;
    app.click("[data-testid=capture-add]").await;
    app.until("the fact cites the captured source", || async {
        (app.count("[data-testid=source]").await == sources_before + 2).then_some(())
    })
    .await;
    app.until("saved", || async {
        let story = Store::open_read(&db).ok()?.load_story(1).ok()?.story;
        let fact = story
            .facts
            .iter()
            .find(|f| f.text.contains("denouncing the move"))?;
        let cited = story.sources.iter().find(|s| fact.citations.contains(&s.id))?;
        (cited.outlet == "EurAsian Times" && cited.captured_at.is_some()).then_some(())
    })
    .await;
    assert_eq!(app.count("[data-testid=source-change]").await, 0);

    // The outlet rewrites the article; a recheck finds it.
    server.set_version(2);
    app.click("[data-testid=recheck-sources]").await;
    let change = app
        .text_when("[data-testid=source-change]", |t| {
            t.contains("changed since it was cited")
        })
        .await;
    assert!(
        change.contains("no longer in it: “denouncing the move”"),
        "{change}"
    );
    let class = app
        .wait_for("[data-testid=source-change]")
        .await
        .attr("class")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(class.contains("error"), "{class}");
    app.js("document.querySelector('[data-testid=source-change] details').open = true; document.querySelector('[data-testid=source-change]').scrollIntoView();", vec![]).await;
    let diff = app
        .text_when("[data-testid=source-change] .word-diff", |t| {
            t.contains("several")
        })
        .await;
    assert!(diff.contains("illegitimate"), "{diff}");
    app.screenshot("capture-changed").await;
    app.finish().await;
}
