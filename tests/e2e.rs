//! End-to-end tests of the real app window (see `support` for the harness).

mod support;

use factdesk_core::store::Store;
use support::Session;

const SEED: &str = include_str!("../src-tauri/core/tests/fixtures/published-story.txt");

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_window_lists_the_imported_seed_story() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("e2e.sqlite3");
    let id = {
        let mut store = Store::open(&db).unwrap();
        store
            .create_story(&factdesk_core::formats::itn::import(SEED).unwrap())
            .unwrap()
            .id
    };

    let app = Session::start(&db).await;
    let item = app.wait_for("[data-testid=story-item]").await;
    // The whole headline is the row's text (it may be clamped on screen).
    let text = item.prop("textContent").await.unwrap().unwrap_or_default();
    assert!(
        text.contains("US, Japan, S.Korea Condemn 'Confirmed' North Korean Weapons Shipments to Russia"),
        "{text}"
    );
    assert!(text.to_lowercase().contains("draft"), "status badge: {text}");
    assert_eq!(item.attr("data-story-id").await.unwrap(), Some(id.to_string()));

    item.click().await.unwrap();
    let preview = app.wait_for("[data-testid=preview]").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let shown = preview.text().await.unwrap();
        if shown.contains("Sources: 1The Guardian, 2The Hill, 3BBC News, 4The Telegraph and 5TASS.") {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "preview never showed the sources line: {shown}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.screenshot("story-list").await;
    app.finish().await;
}
