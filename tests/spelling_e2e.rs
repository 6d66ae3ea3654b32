//! Spell checking in the real window (issue 26): the web view checks the
//! open story's text in the story's language with the hunspell dictionary
//! setup installs — a misspelt English sentence is underlined (red pixels
//! under it), the same sentence in a story set to Russian says so, and the
//! language is saved with the story.

mod support;

use factdesk_core::sample;
use factdesk_core::store::Store;
use support::Session;

/// How many red pixels the element `css` shows (WebKitGTK draws misspelt
/// words with a dotted red underline, #FF8080 at its core; nothing else in
/// the form is red).
async fn red_pixels(app: &Session, css: &str) -> usize {
    app.wait_for(css).await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    // The window's screenshot, cut to the element (WebKitWebDriver's own
    // element screenshots come out black under Xvfb).
    let rect = app
        .js(
            "const r = document.querySelector(arguments[0]).getBoundingClientRect(); \
             return [r.left, r.top, r.right, r.bottom].map(Math.round)",
            vec![serde_json::json!(css)],
        )
        .await;
    let [left, top, right, bottom]: [usize; 4] = serde_json::from_value(rect).expect("a rectangle");
    let shot = app.client.screenshot().await.expect("screenshot");
    let mut reader = png::Decoder::new(std::io::Cursor::new(shot))
        .read_info()
        .expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let (step, width) = (info.color_type.samples(), info.width as usize);
    (top..bottom.min(info.height as usize))
        .flat_map(|y| (left..right.min(width)).map(move |x| (y * width + x) * step))
        .map(|at| &buf[at..at + 3])
        .filter(|p| p[0] > 200 && p[1] < 150 && p[2] < 150 && p[1].abs_diff(p[2]) < 20)
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_story_is_spell_checked_in_its_language() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("spelling.sqlite3");
    let mut story = sample::story(2, 2);
    story.headline = "Spelling".into();
    story.summary = String::new();
    Store::open(&db).unwrap().create_story(&story).unwrap();

    let app = Session::start(&db).await;
    app.click("[data-testid=story-item]").await;
    app.text_when("[data-testid=spelling]", |t| t.contains("en_US"))
        .await;
    assert_eq!(
        red_pixels(&app, "#story-summary").await,
        0,
        "an empty summary has nothing underlined"
    );
    app.click("#story-summary").await;
    app.type_keys("Thiss sentense iss wrongg ").await;
    app.until("the misspelt words underlined", || async {
        (red_pixels(&app, "#story-summary").await > 20).then_some(())
    })
    .await;
    app.screenshot("spelling-en").await;

    app.choose("[data-testid=story-language]", "ru").await;
    app.text_when("[data-testid=spelling]", |t| t.contains("ru_RU"))
        .await;
    app.screenshot("spelling-ru").await;
    app.until("the story saved in Russian", || async {
        let saved = Store::open_read(&db).unwrap().load_story(1).unwrap();
        (saved.story.language == "ru").then_some(())
    })
    .await;
    app.finish().await;
}
