//! End-to-end test of the story list in the real window over a desk of
//! 450 stories: scrolled down a screen at a time (its pages asked for after
//! the page before, by keyset), every story is drawn exactly once, in the
//! sort's order, down to the last.

mod support;

use factdesk_core::store::Store;
use support::Session;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scrolling_down_the_list_draws_every_story_once_in_order() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("list.sqlite3");
    let expected: Vec<i64> = {
        let mut store = Store::open(&db).unwrap();
        let stories: Vec<_> = (0..450)
            .map(|i| {
                let mut s = factdesk_core::sample::story(1, 1);
                s.headline = format!("Story number {i:03} on the desk");
                s
            })
            .collect();
        store.create_stories(&stories).unwrap();
        let page = store
            .list_page(&factdesk_core::store::search::ListRequest {
                limit: 1000,
                ..Default::default()
            })
            .unwrap();
        page.listing.stories.iter().map(|s| s.id).collect()
    };

    let app = Session::start(&db).await;
    app.wait_for("[data-testid=story-item]").await;
    let mut seen: Vec<i64> = Vec::new();
    // A screen at a time, each step given time for its rows to arrive.
    for _ in 0..250 {
        let ids = app
            .js(
                "return [...document.querySelectorAll('[data-testid=story-item]')].map(b => Number(b.dataset.storyId))",
                vec![],
            )
            .await;
        for id in ids.as_array().into_iter().flatten().filter_map(|v| v.as_i64()) {
            if !seen.contains(&id) {
                seen.push(id);
            }
        }
        if seen.len() >= expected.len() {
            break;
        }
        app.js(
            "const l = document.querySelector('[data-testid=story-list]'); l.scrollTop += l.clientHeight - 80; \
             l.dispatchEvent(new Event('scroll'));",
            vec![],
        )
        .await;
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    }
    assert_eq!(seen, expected, "every story once, in the list's order");
    app.finish().await;
}
