//! End-to-end tests of the editor in the real window (issue 3's scenarios).

mod support;

use factdesk_core::model::Source;
use factdesk_core::store::Store;
use std::process::Command;
use support::Session;

const SEED: &str = include_str!("../src-tauri/core/tests/fixtures/published-story.txt");

fn temp_db() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("editor.sqlite3");
    (dir, db)
}

/// Types `text`, then picks the source whose outlet starts with `outlet`
/// through the citation picker opened by typing "[".
async fn fact_citing(app: &Session, text: &str, outlets: &[&str]) {
    let before = app.count("[data-testid=fact]").await;
    app.click("[data-testid=add-fact]").await;
    app.until("the new fact", || async {
        (app.count("[data-testid=fact]").await > before).then_some(())
    })
    .await;
    let id = app.focus_settles("fact-").await;
    let last = app
        .js(
            "const t = document.querySelectorAll('[data-testid=fact] textarea'); return t[t.length - 1].id",
            vec![],
        )
        .await;
    assert_eq!(serde_json::json!(id), last, "the new fact has the focus");
    app.type_keys(text).await;
    for outlet in outlets {
        app.type_keys("[").await;
        app.wait_for("[data-testid=citation-picker] input").await;
        app.type_keys(outlet).await;
        app.type_keys("\u{E007}").await; // Enter
        app.until("the picker to close", || async {
            (app.count("[data-testid=citation-picker]").await == 0).then_some(())
        })
        .await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn compose_reorder_and_publish_a_story() {
    let (_dir, db) = temp_db();
    // A one-person desk: editions are published from draft.
    Store::open(&db)
        .unwrap()
        .set_second_editor_approval(false)
        .unwrap();
    let app = Session::start(&db).await;
    app.wait_for("[data-testid=empty]").await;
    app.click("[data-testid=new-story]").await;
    app.type_into("#story-headline", "Three agencies confirm the shipment")
        .await;

    for (outlet, url) in [
        ("Alpha Wire", "https://alpha.example.org/a"),
        ("Beta Times", "https://beta.example.org/b"),
        ("Gamma Post", "https://gamma.example.org/c"),
    ] {
        app.add_source(outlet, url).await;
    }
    fact_citing(&app, "Alpha reported the shipment on Monday.", &["Alpha"]).await;
    fact_citing(&app, "Beta confirmed it with customs records.", &["Beta"]).await;
    fact_citing(&app, "Gamma quoted two officials.", &["Gamma"]).await;
    fact_citing(&app, "Both agencies gave the same tonnage.", &["Alpha", "Beta"]).await;

    app.add_narrative(
        "Critical Voice",
        Some("The official account leaves questions open."),
    )
    .await;
    app.add_narrative("Mainstream Daily", Some("The agencies acted swiftly."))
        .await;

    app.text_when("[data-testid=preview-sources]", |t| {
        t.contains("1Alpha Wire, 2Beta Times and 3Gamma Post.")
    })
    .await;
    app.click("[aria-label='Move fact 2 up']").await;
    app.text_when("[data-testid=preview-sources]", |t| {
        t.contains("1Beta Times, 2Alpha Wire and 3Gamma Post.")
    })
    .await;
    let first = app
        .text_when("[data-testid=preview-fact]", |t| t.starts_with("Beta"))
        .await;
    assert!(first.ends_with('1'), "first fact now cites source 1: {first}");
    app.text_when("[data-testid=gate-summary]", |t| t.starts_with("Ready"))
        .await;
    app.screenshot("editor").await;

    app.click("[data-testid=step-publish]").await;
    app.text_when("[data-testid=workflow-state]", |t| t.contains("Published"))
        .await;
    app.text_when(".stories li.active .badge", |t| {
        t.eq_ignore_ascii_case("published")
    })
    .await;
    let id = app.open_story_id().await;
    app.screenshot("published").await;
    app.finish().await;

    let check = Command::new(support::cli())
        .arg("--db")
        .arg(&db)
        .args(["check", &id])
        .output()
        .unwrap();
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let export = Command::new(support::cli())
        .arg("--db")
        .arg(&db)
        .args(["export", &id, "--format", "itn"])
        .output()
        .unwrap();
    let text = String::from_utf8(export.stdout).unwrap();
    assert!(
        text.starts_with("Three agencies confirm the shipment\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "  • Beta confirmed it with customs records.1\n  • Alpha reported the shipment on Monday.2\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("  • Both agencies gave the same tonnage.1,2\n"),
        "{text}"
    );
    assert!(
        text.contains("Sources: 1Beta Times, 2Alpha Wire and 3Gamma Post."),
        "{text}"
    );
    assert!(text.contains("  1. https://beta.example.org/b\n"), "{text}");
    assert!(text.contains("Establishment-critical narrative, as provided by Critical Voice. The official account leaves questions open."), "{text}");
    assert!(
        text.contains(
            "Pro-establishment narrative, as provided by Mainstream Daily. The agencies acted swiftly."
        ),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_uncited_source_blocks_publishing_and_its_finding_focuses_it() {
    let (_dir, db) = temp_db();
    let mut story = factdesk_core::sample::story(3, 2);
    let extra = Source {
        outlet: "Unused Outlet".into(),
        url: "https://unused.example.org/x".into(),
        ..Source::default()
    };
    let extra_id = extra.id;
    story.sources.push(extra);
    let mut store = Store::open(&db).unwrap();
    store.set_second_editor_approval(false).unwrap();
    store.create_story(&story).unwrap();
    drop(store);

    let app = Session::start(&db).await;
    app.click("[data-testid=story-item]").await;
    let finding = app
        .wait_for("[data-testid=finding][data-code=source-uncited]")
        .await;
    assert!(finding
        .text()
        .await
        .unwrap()
        .contains("Source 3 is cited by no fact"));
    let disabled = app
        .wait_for("[data-testid=step-publish]")
        .await
        .attr("disabled")
        .await
        .unwrap();
    assert!(disabled.is_some(), "Publish must be disabled while errors exist");
    app.screenshot("gate").await;
    finding.click().await.unwrap();
    let focused = app
        .js(
            "return document.activeElement && document.activeElement.id",
            vec![],
        )
        .await;
    assert_eq!(focused, serde_json::json!(format!("source-{extra_id}-outlet")));
    app.finish().await;
}

/// Undo puts the story back and leaves the focus where the editor was (or
/// in the headline), never on the page body: the next keystrokes land.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_undo_the_next_keystrokes_land_in_a_field() {
    let (_dir, db) = temp_db();
    Store::open(&db)
        .unwrap()
        .create_story(&factdesk_core::sample::story(2, 2))
        .unwrap();
    let app = Session::start(&db).await;
    app.click("[data-testid=story-item]").await;
    app.type_into("#story-summary", " Typed.").await;
    // Ctrl+Z through the keyboard, as the editor presses it.
    app.type_keys("\u{E009}z\u{E000}").await;
    app.until("the typing undone", || async {
        let v = app
            .js("return document.getElementById('story-summary').value", vec![])
            .await;
        (!v.as_str().unwrap_or_default().ends_with(" Typed.")).then_some(())
    })
    .await;
    let focused = app
        .js("return document.activeElement ? (document.activeElement.id || document.activeElement.tagName) : ''", vec![])
        .await;
    assert!(
        focused.as_str().is_some_and(|f| f.starts_with("story-")),
        "focus after undo: {focused}"
    );
    app.type_keys("Z").await;
    let landed = app
        .js(
            "return ['story-summary', 'story-headline'].some((id) => document.getElementById(id).value.includes('Z'))",
            vec![],
        )
        .await;
    assert_eq!(landed, serde_json::json!(true), "the keystroke went into a field");
    app.finish().await;
}

/// Ctrl+N from the Review view opens the new story in the editor with the
/// focus in its headline: typing a headline makes one story, not one per space.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_story_from_the_review_view_is_written_in_the_editor() {
    let (_dir, db) = temp_db();
    Store::open(&db)
        .unwrap()
        .create_story(&factdesk_core::sample::story(2, 2))
        .unwrap();
    let app = Session::start(&db).await;
    app.click("[data-testid=story-item]").await;
    // Review is disabled until the story is open: a click before does nothing.
    app.wait_for("#story-headline").await;
    app.click("[data-testid=view-review]").await;
    app.wait_for("[data-testid=review]").await;
    app.type_keys("\u{E009}n\u{E000}").await;
    app.focus_settles("story-headline").await;
    app.type_keys("Summit ends without a deal").await;
    app.until("the headline typed", || async {
        let v = app
            .js("return document.getElementById('story-headline').value", vec![])
            .await;
        (v == serde_json::json!("Summit ends without a deal")).then_some(())
    })
    .await;
    app.text_when("[data-testid=save-state]", |t| t.starts_with("Saved "))
        .await;
    let stories = Store::open_read(&db)
        .unwrap()
        .list_stories()
        .unwrap()
        .stories
        .len();
    assert_eq!(stories, 2, "one new story, not one per keystroke");
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn autosave_survives_a_crash() {
    let (_dir, db) = temp_db();
    let id = Store::open(&db)
        .unwrap()
        .create_story(&factdesk_core::sample::story(2, 2))
        .unwrap()
        .id;
    let app = Session::start(&db).await;
    app.click("[data-testid=story-item]").await;
    app.type_into("#story-headline", " after the crash").await;
    app.text_when("[data-testid=save-state]", |t| t.starts_with("Saved "))
        .await;

    let killed = Command::new("pkill")
        .args(["-KILL", "-f", &db.display().to_string()])
        .status()
        .unwrap();
    assert!(killed.success(), "the app process was found and killed");
    drop(app);

    let stored = Store::open(&db).unwrap().load_story(id).unwrap();
    assert!(
        stored.story.headline.ends_with(" after the crash"),
        "{}",
        stored.story.headline
    );
    let app = Session::start(&db).await;
    app.click("[data-testid=story-item]").await;
    let value = app
        .wait_for("#story-headline")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(value.ends_with(" after the crash"), "{value}");
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pasting_the_published_page_imports_the_whole_story() {
    let (_dir, db) = temp_db();
    let app = Session::start(&db).await;
    app.click("[data-testid=import]").await;
    let area = app.wait_for("[data-testid=paste-text]").await;
    app.js(
        "const el = arguments[0]; el.value = arguments[1]; el.dispatchEvent(new Event('input', { bubbles: true }));",
        vec![serde_json::to_value(&area).unwrap(), serde_json::json!(SEED)],
    )
    .await;
    app.click("[data-testid=paste-import]").await;
    app.until("6 facts", || async {
        (app.count("[data-testid=fact]").await == 6).then_some(())
    })
    .await;
    assert_eq!(app.count("[data-testid=source]").await, 5);
    assert_eq!(app.count("[data-testid=narrative]").await, 2);
    app.text_when("[data-testid=preview-sources]", |t| {
        t.contains("1The Guardian, 2The Hill, 3BBC News, 4The Telegraph and 5TASS.")
    })
    .await;
    app.screenshot("imported-1280x800").await;
    app.resize(1024, 700).await;
    // Narrower, every fact's field grows with its rewrapped text: none cuts
    // its last lines off.
    let cut = app
        .js(
            "return [...document.querySelectorAll('[data-testid=fact] textarea')].filter((t) => t.scrollHeight > t.clientHeight + 1).length",
            vec![],
        )
        .await;
    assert_eq!(
        cut,
        serde_json::json!(0),
        "fact fields with hidden lines after narrowing the window"
    );
    app.screenshot("imported-1024x700").await;
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_conflicting_save_is_reported_and_the_text_kept_as_a_copy() {
    let (_dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    store.set_second_editor_approval(false).unwrap();
    let stored = store.create_story(&factdesk_core::sample::story(2, 2)).unwrap();
    drop(store);
    let app = Session::start(&db).await;
    app.click("[data-testid=story-item]").await;
    app.wait_for("#story-headline").await;

    // Another window saves first.
    let mut theirs = stored.story.clone();
    theirs.headline = "Saved from another window".into();
    Store::open(&db)
        .unwrap()
        .save_story(stored.id, stored.version, &theirs)
        .unwrap();

    app.type_into("#story-headline", " with my edit").await;
    app.wait_for("[data-testid=conflict]").await;
    app.text_when("[data-testid=save-state]", |t| t == "Not saved")
        .await;
    let kept = Store::open(&db).unwrap().load_story(stored.id).unwrap();
    assert_eq!(
        kept.story.headline, "Saved from another window",
        "nothing was overwritten"
    );
    let publish = app
        .wait_for("[data-testid=step-publish]")
        .await
        .attr("disabled")
        .await
        .unwrap();
    assert!(
        publish.is_some(),
        "no publishing while the text on screen is not what is stored"
    );
    app.screenshot("conflict").await;

    app.click("[data-testid=conflict] button.primary").await;
    app.until("the copy in the list", || async {
        (app.count("[data-testid=story-item]").await == 2).then_some(())
    })
    .await;
    let value = app
        .wait_for("#story-headline")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(value.ends_with("with my edit (conflicting copy)"), "{value}");
    app.finish().await;

    let store = Store::open(&db).unwrap();
    let headlines: Vec<String> = store
        .list_stories()
        .unwrap()
        .stories
        .into_iter()
        .map(|s| s.headline)
        .collect();
    assert!(
        headlines.contains(&"Saved from another window".to_string()),
        "{headlines:?}"
    );
    assert!(
        headlines
            .iter()
            .any(|h| h.ends_with("with my edit (conflicting copy)")),
        "{headlines:?}"
    );
}

/// Where the field with `id` is against the pane that scrolls it: its top
/// from the pane's top, and whether it lies wholly in the pane's view.
const PLACE: &str = r#"
const el = document.getElementById(arguments[0]);
const pane = el.closest('.pane').getBoundingClientRect();
const box = el.getBoundingClientRect();
return [box.top - pane.top, box.top >= pane.top && box.bottom <= pane.bottom];
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_story_draws_what_is_in_view_and_a_finding_lands_on_a_far_fact() {
    let (_dir, db) = temp_db();
    let mut story = factdesk_core::sample::story(600, 200);
    story.facts[550].citations.clear();
    let far = format!("fact-{}", story.facts[550].id);
    let id = Store::open(&db).unwrap().create_story(&story).unwrap().id;

    let app = Session::start(&db).await;
    app.click(&format!("[data-story-id=\"{id}\"]")).await;
    app.wait_for("ol.facts[data-count=\"600\"] textarea").await;
    let drawn = app.count("[data-testid=fact]").await;
    assert!(
        drawn < 150,
        "only the rows near the view are drawn, not {drawn} of 600"
    );
    assert!(app.count("[data-testid=source]").await < 100);
    assert!(app.count("[data-testid=preview-fact]").await < 150);

    app.click("[data-testid=finding][data-code=fact-uncited]").await;
    app.focus_settles(&far).await;
    let place = vec![serde_json::json!(far)];
    let first = app.js(PLACE, place.clone()).await;
    assert_eq!(
        first[1],
        serde_json::json!(true),
        "the far fact is in view: {first}"
    );
    // The rows drawn around it are measured and the gaps sized anew (over
    // about a second here): the view must not move meanwhile.
    for _ in 0..20 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        let now = app.js(PLACE, place.clone()).await;
        let moved = (now[0].as_f64().unwrap() - first[0].as_f64().unwrap()).abs();
        assert!(
            moved < 4.0,
            "the focused fact moved {moved} px as the rows around it were drawn"
        );
    }
    app.type_keys(" Typed far down.").await;
    let text = app.js("return document.activeElement.value", vec![]).await;
    assert!(text.as_str().unwrap().ends_with("Typed far down."), "{text}");
    app.screenshot("long-story-far-fact").await;
    // Back at the top, the first facts are drawn again.
    app.js("document.querySelector('.form-pane').scrollTop = 0", vec![])
        .await;
    app.wait_for(&format!("#fact-{}", story.facts[0].id)).await;
    app.finish().await;
}
