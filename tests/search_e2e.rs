//! End-to-end: finding a story in the real window by a word that only its
//! source's saved article text holds, and landing on that source; the
//! Coverage view.

mod support;

use factdesk_core::store::Store;
use std::process::Command;
use support::Session;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_word_from_an_article_finds_the_story_and_enter_lands_on_its_source() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("search.sqlite3");
    let source_id = {
        let mut store = Store::open(&db).unwrap();
        for i in 0..30 {
            let mut s = factdesk_core::sample::story(3, 2);
            s.headline = format!("Routine story {i}");
            store.create_story(&s).unwrap();
        }
        let mut s = factdesk_core::sample::story(3, 2);
        s.headline = "Grain corridor talks".into();
        s.sources[1].saved_text = "Officials in Odesa described the Kherson convoy as unprecedented.".into();
        let id = s.sources[1].id;
        store.create_story(&s).unwrap();
        id
    };
    let app = Session::start(&db).await;
    app.wait_for("[data-testid=story-item]").await;
    let count = app
        .text_when("[data-testid=list-count]", |t| t.contains("31"))
        .await;
    assert_eq!(count, "31 stories");

    app.type_into("#story-search", "unprecedent*").await;
    let hit = app
        .text_when("[data-testid=search-hit]", |t| t.contains("Grain corridor talks"))
        .await;
    assert!(hit.contains("source 2's article text"), "{hit}");
    assert_eq!(app.count("[data-testid=search-hit]").await, 1);
    app.screenshot("search").await;
    app.type_keys("\u{E007}").await; // Enter
    let focused = app.focus_settles(&format!("source-{source_id}")).await;
    assert_eq!(focused, format!("source-{source_id}-title"));
    let headline = app
        .js("return document.getElementById('story-headline').value", vec![])
        .await;
    assert_eq!(headline, serde_json::json!("Grain corridor talks"));

    // Words typed into the open story: each typed save leaves the search
    // text to the pause, after which even the command line (which only
    // reads the index) finds the words; the window's own search finds them
    // too. (The search box is
    // emptied first: a search shown in the list runs again after each save,
    // and indexes what is pending before it does.)
    app.set_value("#story-search", "").await;
    app.type_into(&format!("#source-{source_id}-title"), " Zanzibarite")
        .await;
    app.text_when("[data-testid=save-state]", |t| t.starts_with("Saved "))
        .await;
    app.type_into(&format!("#source-{source_id}-title"), " quokka")
        .await;
    let cli = app
        .until(
            "the command line finds the typed word after the pause",
            || async {
                let out = Command::new(support::cli())
                    .arg("--db")
                    .arg(&db)
                    .args(["search", "zanzibarite quokka"])
                    .output()
                    .unwrap();
                let text = String::from_utf8_lossy(&out.stdout).into_owned();
                text.contains("Grain corridor talks").then_some(text)
            },
        )
        .await;
    assert!(cli.contains("source 2"), "{cli}");
    app.set_value("#story-search", "quokka").await;
    app.text_when("[data-testid=search-hit]", |t| t.contains("Grain corridor talks"))
        .await;
    assert_eq!(app.count("[data-testid=search-hit]").await, 1);

    app.click("[data-testid=view-coverage]").await;
    let figures = app
        .text_when("[data-testid=coverage-figures]", |t| t.contains("31 stories"))
        .await;
    assert!(figures.contains("100%"), "nothing is rated yet: {figures}");
    app.wait_for("[data-testid=top-outlets]").await;
    app.screenshot("coverage").await;
    app.finish().await;
}
