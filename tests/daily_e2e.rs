//! End-to-end tests of the editor as a daily tool (issue 11), in the real
//! window: a story on a named pair of sides written from scratch and
//! published, citations picked by number and listed in number order,
//! right-to-left text in a fact and its preview, the toolbar on one row at
//! 1024×700, a gate finding that scrolls only the form, notices that stay
//! with their story, an outlet name collision, and the last story reopened.

mod support;

use factdesk_core::store::Store;
use std::process::Command;
use support::Session;

const ARABIC: &str = "قالت واشنطن وسيول وطوكيو إن الشحنات مؤكدة.";
const HEADLINE: &str = "Drone strikes hit two towns overnight";

/// Cites the source numbered `number` from the focused fact through the
/// picker ("[", the number, Enter).
async fn cite_number(app: &Session, number: &str) {
    app.type_keys("[").await;
    app.wait_for("[data-testid=citation-picker] input").await;
    app.type_keys(number).await;
    app.type_keys("\u{E007}").await;
    app.until("the picker to close", || async {
        (app.count("[data-testid=citation-picker]").await == 0).then_some(())
    })
    .await;
}

async fn add_fact(app: &Session) -> String {
    let before = app.count("[data-testid=fact]").await;
    app.click("[data-testid=add-fact]").await;
    app.until("the new fact", || async {
        (app.count("[data-testid=fact]").await > before).then_some(())
    })
    .await;
    app.focus_settles("fact-").await
}

/// Whether anything but the form's pane has scrolled, and where the toolbar is.
const SCROLLED: &str = "
    const pane = document.querySelector('.form-pane');
    let moved = [];
    for (let el = pane.parentElement; el; el = el.parentElement) if (el.scrollTop) moved.push(el.className || el.tagName);
    if (document.scrollingElement.scrollTop) moved.push('window');
    return { moved, toolbarTop: document.querySelector('[data-testid=toolbar]').getBoundingClientRect().top, pane: pane.scrollTop };";

/// How the toolbar's items sit: the spread of their vertical centres and
/// whether anything overflows.
const TOOLBAR: &str = "
    const bar = document.querySelector('[data-testid=toolbar]');
    const mids = [...bar.children].map((c) => c.getBoundingClientRect()).filter((r) => r.width > 0).map((r) => r.top + r.height / 2);
    return { spread: Math.max(...mids) - Math.min(...mids), overflow: bar.scrollWidth > bar.clientWidth, height: bar.getBoundingClientRect().height };";

/// The direction of the Arabic fact's field and preview line, and whether
/// its citation numbers sit at its visual end (the left).
const RTL: &str = "
    const field = [...document.querySelectorAll('[data-testid=fact] textarea')].find((t) => t.value.startsWith('قالت'));
    const li = [...document.querySelectorAll('[data-testid=preview-fact]')].find((l) => l.textContent.startsWith('قالت'));
    const range = document.createRange();
    range.selectNodeContents(li.firstChild);
    const rects = [...range.getClientRects()];
    const lastTop = Math.max(...rects.map((r) => r.top));
    const lastLine = rects.filter((r) => r.top > lastTop - 4);
    const sup = li.querySelector('sup').getBoundingClientRect();
    const sameLine = sup.bottom > lastTop && sup.top < Math.max(...lastLine.map((r) => r.bottom));
    const numbersLeft = sameLine && sup.right <= Math.min(...lastLine.map((r) => r.left)) + 1;
    return { field: getComputedStyle(field).direction, preview: getComputedStyle(li).direction, numbersLeft, sup: li.querySelector('sup').textContent };";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pair_axis_story_from_scratch_to_published() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("daily.sqlite3");
    let mut store = Store::open(&db).unwrap();
    store.set_second_editor_approval(false).unwrap();
    let other = store
        .create_story(&factdesk_core::sample::story(2, 2))
        .unwrap()
        .id;
    drop(store);

    let app = Session::start(&db).await;
    app.click("[data-testid=new-story]").await;
    app.type_into("#story-headline", HEADLINE).await;
    app.add_source("Kyiv Independent", "https://kyivindependent.com/drones")
        .await;
    app.add_source("TASS", "https://tass.com/drones").await;

    add_fact(&app).await;
    app.type_keys("Drones struck Netishyn and Slavuta overnight.")
        .await;
    cite_number(&app, "1").await;
    let arabic = add_fact(&app).await;
    app.set_value(&format!("#{arabic}"), ARABIC).await;
    cite_number(&app, "2").await;
    cite_number(&app, "1").await;
    let chips: Vec<String> = app
        .js(
            "return [...document.querySelectorAll('[data-testid=fact]:nth-child(2) [data-testid=chip] sup')].map((s) => s.textContent)",
            vec![],
        )
        .await
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert_eq!(chips, ["1", "2"], "citations are listed in number order");

    app.choose("[data-testid=axis-choice]", "named").await;
    app.focus_settles("story-axis").await;
    app.type_keys("Pro-Ukraine").await;
    app.type_into("[data-testid=axis-second]", "Pro-Russia").await;
    app.add_narrative("Kyiv Independent", Some("Russia is terrorising civilians."))
        .await;
    app.add_narrative("TASS", None).await;
    let sides = app
        .text_when("[data-testid=narrative]:nth-child(2) .stance", |t| {
            t.contains("Pro-Russia")
        })
        .await;
    assert!(sides.contains("Pro-Ukraine"), "{sides}");

    // The window at 1024×700: one toolbar row; a finding far down the form
    // scrolls the form's pane and nothing else.
    app.resize(1024, 700).await;
    let bar = app.js(TOOLBAR, vec![]).await;
    assert!(
        bar["spread"].as_f64().unwrap() <= 4.0,
        "toolbar on one row: {bar}"
    );
    assert_eq!(bar["overflow"], false, "{bar}");
    app.click("[data-testid=finding][data-code=narrative-text-missing]")
        .await;
    app.focus_settles("narrative-").await;
    let scrolled = app.js(SCROLLED, vec![]).await;
    assert_eq!(scrolled["moved"], serde_json::json!([]), "{scrolled}");
    assert_eq!(scrolled["toolbarTop"].as_f64(), Some(0.0), "{scrolled}");
    assert!(
        scrolled["pane"].as_f64().unwrap() > 0.0,
        "the form scrolled: {scrolled}"
    );
    app.type_keys("Ukraine is attacking energy sites.").await;
    app.screenshot("daily-1024x700").await;
    app.resize(1280, 800).await;

    app.text_when("[data-testid=preview]", |t| {
        t.contains("Pro-Russia narrative, as provided by TASS.")
    })
    .await;
    let rtl = app.js(RTL, vec![]).await;
    assert_eq!(rtl["field"], "rtl", "{rtl}");
    assert_eq!(rtl["preview"], "rtl", "{rtl}");
    assert_eq!(rtl["sup"], "1,2", "{rtl}");
    assert_eq!(
        rtl["numbersLeft"], true,
        "numbers at the end of the right-to-left line: {rtl}"
    );

    app.text_when("[data-testid=gate-summary]", |t| t.starts_with("Ready"))
        .await;
    app.screenshot("daily").await;
    app.click("[data-testid=step-publish]").await;
    app.text_when("[data-testid=workflow-state]", |t| t.contains("Published"))
        .await;
    app.text_when("[data-testid=notice]", |t| t.contains("Published."))
        .await;
    let id = app.open_story_id().await;

    // The notice stays with its story.
    app.click(&format!("[data-story-id='{other}']")).await;
    app.text_when("#story-headline", |_| true).await;
    app.until("the other story", || async {
        let v = app
            .js("return document.getElementById('story-headline').value", vec![])
            .await;
        (v.as_str() != Some(HEADLINE)).then_some(())
    })
    .await;
    assert_eq!(
        app.count("[data-testid=notice]").await,
        0,
        "no notice from the other story"
    );
    app.click(&format!("[data-story-id='{id}']")).await;
    app.until("the published story open again", || async {
        let v = app
            .js("return document.getElementById('story-headline').value", vec![])
            .await;
        (v.as_str() == Some(HEADLINE)).then_some(())
    })
    .await;
    let settings = dir.path().join("xdg/config/org.factdesk.app/settings.json");
    app.until("the open story remembered", || async {
        let text = std::fs::read_to_string(&settings).unwrap_or_default();
        text.contains(&format!(": {id}")).then_some(())
    })
    .await;
    app.finish().await;

    // Reopened at start, without a click.
    let app = Session::start(&db).await;
    app.until("the last story reopened", || async {
        let v = app
            .js(
                "const h = document.getElementById('story-headline'); return h && h.value",
                vec![],
            )
            .await;
        (v.as_str() == Some(HEADLINE)).then_some(())
    })
    .await;
    app.finish().await;

    let export = Command::new(support::cli())
        .arg("--db")
        .arg(&db)
        .args(["export", &id, "--format", "itn"])
        .output()
        .unwrap();
    let text = String::from_utf8(export.stdout).unwrap();
    assert!(text.contains(&format!("  • {ARABIC}1,2\n")), "{text}");
    assert!(
        text.contains(
            "Pro-Ukraine narrative, as provided by Kyiv Independent. Russia is terrorising civilians."
        ),
        "{text}"
    );
    assert!(
        text.contains("Pro-Russia narrative, as provided by TASS. Ukraine is attacking energy sites."),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn adding_an_outlet_that_exists_in_another_case_offers_to_edit_it() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("outlets.sqlite3");
    Store::open(&db).unwrap();
    let app = Session::start(&db).await;
    app.click("[data-testid=view-outlets]").await;
    app.click("[data-testid=add-outlet]").await;
    app.type_into("#outlet-name", "The Guardian").await;
    app.choose("[aria-label='LR rating']", "2").await;
    app.type_into("[aria-label='Web domains, separated by ;']", "theguardian.com")
        .await;
    app.click(".outlet-form button.primary").await;
    app.text_when("[data-testid=notice]", |t| t.contains("Added The Guardian."))
        .await;

    app.click("[data-testid=add-outlet]").await;
    app.type_into("#outlet-name", "the guardian").await;
    app.choose("[aria-label='LR rating']", "5").await;
    app.click(".outlet-form button.primary").await;
    let taken = app.text_when("[data-testid=outlet-taken]", |_| true).await;
    assert!(taken.contains("already has The Guardian"), "{taken}");
    app.screenshot("outlet-taken").await;
    app.click("[data-testid=edit-taken]").await;
    let name = app.wait_for("#outlet-name").await.prop("value").await.unwrap();
    assert_eq!(name.as_deref(), Some("The Guardian"));
    assert_eq!(app.count("[data-testid=outlet-taken]").await, 0);
    app.finish().await;

    let outlets = Store::open_read(&db).unwrap().outlets().unwrap();
    assert_eq!(outlets.len(), 1, "{outlets:?}");
    assert_eq!(outlets[0].lr, Some(2), "the ratings were not replaced");
    assert_eq!(outlets[0].domains, ["theguardian.com"]);
}
