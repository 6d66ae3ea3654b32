//! End-to-end test of the attribution review in the real window (issue 4).

mod support;

use factdesk_core::store::Store;
use support::Session;

const SEED: &str = include_str!("../src-tauri/core/tests/fixtures/published-story.txt");
const ARTICLE: &str = include_str!("../src-tauri/core/tests/fixtures/source-article.txt");

async fn set_value(app: &Session, css: &str, text: &str) {
    let el = app.wait_for(css).await;
    app.js(
        "const el = arguments[0]; el.value = arguments[1]; el.dispatchEvent(new Event('input', { bubbles: true }));",
        vec![serde_json::to_value(&el).unwrap(), serde_json::json!(text)],
    )
    .await;
}

async fn quote_warning_count(app: &Session) -> usize {
    app.count("[data-testid=finding][data-code=quote-not-found]")
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn review_matrix_and_quotation_check_against_a_raw_article() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("review.sqlite3");
    Store::open(&db)
        .unwrap()
        .create_story(&factdesk_core::formats::itn::import(SEED).unwrap())
        .unwrap();

    let app = Session::start(&db).await;
    app.click("[data-testid=story-item]").await;
    app.wait_for("#story-headline").await;
    app.click("[data-testid=view-review]").await;
    app.until("a 6 × 5 matrix", || async {
        let rows = app.count("[data-testid=matrix-row]").await;
        let cols = app.count("[data-testid=matrix-source]").await;
        (rows == 6 && cols == 5).then_some(())
    })
    .await;
    let heading = app
        .text_when("#matrix-heading", |t| t.to_lowercase().contains("6 facts"))
        .await;
    assert!(
        heading.to_lowercase().contains("6 facts × 5 sources"),
        "{heading}"
    );
    assert_eq!(app.count("[data-testid=matrix] .cell.cited").await, 6);
    app.screenshot("review").await;

    app.click("[data-testid=view-editor]").await;
    app.click("[data-testid=add-article]").await;
    set_value(&app, "[data-testid=article-text]", ARTICLE).await;
    app.text_when("[data-testid=article-title]", |_| true).await;
    let title = app
        .wait_for("[data-testid=article-title]")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert_eq!(
        title,
        "White House Confirms North Korea Sent Russia Weapons: Details"
    );
    app.type_into("[data-testid=article-outlet]", "ASEAN News").await;
    app.type_into("[data-testid=article-url]", "https://asean.example.org/kirby")
        .await;
    app.click("[data-testid=article-add]").await;
    app.until("6 sources", || async {
        (app.count("[data-testid=source]").await == 6).then_some(())
    })
    .await;

    app.click("[data-testid=add-fact]").await;
    let fact = app.focus_settles("fact-").await;
    app.type_keys("Kirby said the shipments were \"furthering Russia's unjust war.\"")
        .await;
    app.type_keys("[").await;
    app.wait_for("[data-testid=citation-picker] input").await;
    app.type_keys("ASEAN\u{E007}").await;
    app.until("the quotation warning", || async {
        (quote_warning_count(&app).await == 1).then_some(())
    })
    .await;
    let warning = app
        .text_when("[data-testid=finding][data-code=quote-not-found]", |_| true)
        .await;
    assert!(warning.contains("furthering Russia's unjust war"), "{warning}");
    assert!(
        warning.contains("illegitimate war"),
        "names the closest passage: {warning}"
    );
    app.screenshot("quote-warning").await;

    let corrected =
        "Kirby said the shipments were \u{201C}furthering Russia\u{2019}s illegitimate war.\u{201D}";
    set_value(&app, &format!("#{fact}"), corrected).await;
    app.until("the warning to go", || async {
        (quote_warning_count(&app).await == 0).then_some(())
    })
    .await;
    app.text_when("[data-testid=save-state]", |t| t.starts_with("Saved "))
        .await;
    app.finish().await;

    let story = &Store::open(&db).unwrap().list_stories().unwrap().stories[0];
    let stored = Store::open(&db).unwrap().load_story(story.id).unwrap().story;
    assert!(stored.facts.iter().any(|f| f.text == corrected));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_evidence_of_each_fact_beside_the_cited_article() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("evidence.sqlite3");
    let mut story = factdesk_core::formats::itn::import(SEED).unwrap();
    story.sources[0].saved_text = ARTICLE.into();
    Store::open(&db).unwrap().create_story(&story).unwrap();

    let app = Session::start(&db).await;
    app.click("[data-testid=story-item]").await;
    app.wait_for("#story-headline").await;
    app.click("[data-testid=view-review]").await;
    let first = app
        .text_when("[data-testid=evidence-fact]", |t| t.contains("North Korea"))
        .await;
    assert!(first.contains("name “North Korea”, in source 1"), "{first}");
    assert!(
        first.contains("name “Seoul”, not in the cited sources"),
        "{first}"
    );
    // The supporting words are marked in the passage.
    let marked = app
        .js(
            "return [...document.querySelectorAll('[data-testid=evidence-fact] mark')].map(m => m.textContent)",
            vec![],
        )
        .await;
    assert!(
        marked.as_array().unwrap().iter().any(|m| m == "North Korea"),
        "{marked}"
    );
    app.js(
        "document.querySelector('[data-testid=evidence]').scrollIntoView()",
        vec![],
    )
    .await;
    app.screenshot("review-evidence").await;

    // The gate's finding opens the fact's evidence in the Review view.
    app.click("[data-testid=review-finding][data-code=fact-name-unsupported]")
        .await;
    app.until("the focus on fact 1's evidence", || async {
        let id = app
            .js(
                "return document.activeElement && document.activeElement.dataset.number",
                vec![],
            )
            .await;
        (id == serde_json::json!("1")).then_some(())
    })
    .await;
    // Typing a name the article gives clears the warning.
    app.click("[data-testid=view-editor]").await;
    set_value(
        &app,
        "[aria-label='Fact 1']",
        "North Korea sent containers to Russia.",
    )
    .await;
    app.until("no name warning", || async {
        (app.count("[data-testid=finding][data-code=fact-name-unsupported]")
            .await
            == 0)
            .then_some(())
    })
    .await;
    app.finish().await;
}
