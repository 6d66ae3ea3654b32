//! The E2E walk (issue 26): at 1024×700 and at 1920×1080, open every view
//! and dialog of the real window and assert that no labelled text is
//! clipped (an element's `scrollWidth` against its `clientWidth`, a field's
//! placeholder and a select's chosen option against their boxes), that no
//! scrolling area scrolls inside another, and that the focus lands in the
//! expected field after every action that opens something (and returns to
//! the opener when a dialog closes). Screenshots of every step are kept in
//! `target/e2e-screenshots/walk-*.png`.

#[path = "../src-tauri/core/tests/feeds/mod.rs"]
mod feeds;
mod support;
#[path = "../src-tauri/core/tests/web/mod.rs"]
mod web;

use factdesk_core::editions::Action;
use factdesk_core::sample;
use factdesk_core::store::Store;
use support::{Screen, Session};

const SEED: &str = include_str!("../src-tauri/core/tests/fixtures/published-story.txt");

/// Every visible labelled element whose text does not fit its box, as
/// "what: text". Text cut on purpose with an ellipsis counts only when the
/// whole text is nowhere to be read (no `title` on it or its row).
const CLIPPED: &str = r#"
const out = [];
const shown = (el) => {
  const r = el.getBoundingClientRect();
  // A 1-pixel box is text for screen readers only, clipped on purpose.
  return r.width > 1 && r.height > 1 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth
    && getComputedStyle(el).visibility !== 'hidden';
};
const canvas = document.createElement('canvas').getContext('2d');
const width = (el, text) => { canvas.font = getComputedStyle(el).font; return canvas.measureText(text).width; };
const inner = (el) => { const s = getComputedStyle(el); return el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight); };
const name = (el) => (el.dataset.testid || el.getAttribute('aria-label') || el.tagName.toLowerCase()) ;
const labelled = 'button, label, h1, h2, h3, th, td, legend, summary, .badge, .num, .chip, [data-testid], [aria-label], option, .count, .muted, .sev + span';
for (const el of document.querySelectorAll(labelled)) {
  if (!shown(el) || el.closest('[aria-hidden=true]')) continue;
  const s = getComputedStyle(el);
  if (['INPUT', 'TEXTAREA', 'SELECT', 'OPTION'].includes(el.tagName)) continue;
  if (el.scrollWidth > el.clientWidth + 1 && s.overflowX !== 'visible') {
    const cut = s.textOverflow === 'ellipsis' || s.webkitLineClamp !== 'none';
    if (cut && el.closest('[title]')) continue;
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) out.push(name(el) + ': ' + el.textContent.trim().slice(0, 60));
  }
}
for (const el of document.querySelectorAll('input, select')) {
  if (!shown(el) || el.type === 'checkbox' || el.type === 'radio' || el.type === 'hidden') continue;
  if (el.tagName === 'SELECT') {
    const text = el.selectedOptions[0]?.textContent ?? '';
    if (width(el, text) > inner(el) - 18) out.push('select ' + name(el) + ': ' + text);
  } else if (!el.value && el.placeholder && width(el, el.placeholder) > inner(el) + 1) {
    out.push('placeholder ' + name(el) + ': ' + el.placeholder);
  }
}
return out;
"#;

/// Scrolling areas that scroll inside another scrolling area.
const NESTED: &str = r#"
const scrolls = (el) => {
  const s = getComputedStyle(el);
  return ['auto', 'scroll'].includes(s.overflowY) && el.scrollHeight > el.clientHeight + 1 && el.tagName !== 'TEXTAREA';
};
const out = [];
for (const el of document.querySelectorAll('body *')) {
  if (!scrolls(el)) continue;
  for (let up = el.parentElement; up; up = up.parentElement) {
    if (scrolls(up)) { out.push((el.dataset.testid || el.className) + ' inside ' + (up.dataset.testid || up.className)); break; }
  }
}
return out;
"#;

/// The window's page itself never scrolls (only its panes do): a scrolled
/// page hides the toolbar and leaves a blank band under the panes. Names the
/// scrolled element and what reaches below the window.
const SHIFTED: &str = r#"
const out = [];
for (const el of [document.documentElement, document.body, document.getElementById('app')]) {
  if (el && el.scrollTop !== 0) out.push(el.tagName + ' scrolled by ' + el.scrollTop);
}
if (out.length) {
  const de = document.documentElement;
  out.push('inner ' + innerHeight + ' client ' + de.clientHeight + ' scroll ' + de.scrollHeight);
  for (const el of document.querySelectorAll('body *')) {
    const s = getComputedStyle(el);
    if (s.position !== 'absolute' && s.position !== 'fixed') continue;
    const r = el.getBoundingClientRect();
    if (r.bottom + de.scrollTop > innerHeight + 1) out.push('reaches below: ' + el.tagName + '.' + el.className + ' ' + s.position + ' to ' + Math.round(r.bottom + de.scrollTop));
  }
}
return out;
"#;

/// A desk with what the walk needs: a published story with a draft, a
/// withdrawn one, a 1,200-fact story (four-digit numbers), drafts with long
/// headlines.
fn desk(db: &std::path::Path) {
    let mut store = Store::open(db).unwrap();
    store.set_second_editor_approval(false).unwrap();
    let mut first = sample::story(6, 4);
    first.headline = "Grain corridor talks resume in Istanbul after a month".into();
    let published = store.create_story(&first).unwrap();
    let live = store.transition(published.id, None, Action::Publish, "").unwrap();
    let mut edit = live.story.clone();
    edit.summary = "A correction is being prepared.".into();
    store.save_story(published.id, live.version, &edit).unwrap();
    let gone = store.create_story(&sample::story(3, 2)).unwrap();
    store.transition(gone.id, None, Action::Publish, "").unwrap();
    store
        .transition(gone.id, None, Action::Withdraw, "The wire retracted it.")
        .unwrap();
    let mut long = sample::story(1_200, 4);
    long.headline = "A story of twelve hundred facts about the grain corridor".into();
    store.create_story(&long).unwrap();
    store
        .create_story(&factdesk_core::formats::itn::import(SEED).unwrap())
        .unwrap();
    for i in 0..6 {
        let mut s = sample::story(3, 2);
        s.headline =
            format!("Team desk meets the wire over the long weekend, part {i}, with a headline that runs on");
        store.create_story(&s).unwrap();
    }
}

struct Walk<'a> {
    app: &'a Session,
    size: String,
    step: u32,
}

impl Walk<'_> {
    /// Screenshots the step and asserts nothing is clipped or nested.
    async fn look(&mut self, what: &str) {
        self.step += 1;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        self.app
            .screenshot(&format!("walk-{}-{:02}-{what}", self.size, self.step))
            .await;
        let clipped = self.app.js(CLIPPED, vec![]).await;
        assert_eq!(clipped, serde_json::json!([]), "{}: clipped in {what}", self.size);
        self.unshifted(what).await;
        let nested = self.app.js(NESTED, vec![]).await;
        assert_eq!(
            nested,
            serde_json::json!([]),
            "{}: nested scrolling in {what}",
            self.size
        );
    }

    /// The focused element, as `#id` or `[data-testid=…]`.
    async fn focused(&self) -> String {
        let script = "const el = document.activeElement; return el ? (el.id ? '#' + el.id : '[data-testid=' + (el.dataset.testid || el.tagName) + ']') : '';";
        self.app
            .js(script, vec![])
            .await
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Waits until the focus is on `want` (a `#id`/`[data-testid=…]` prefix).
    async fn focus_on(&self, want: &str, after: &str) {
        let mut last = String::new();
        for _ in 0..50 {
            last = self.focused().await;
            if last.starts_with(want) {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!(
            "{}: after {after} the focus is on {last:?}, not {want}",
            self.size
        );
    }

    /// Opens a dialog with `opener`, checks where the focus lands (`first`,
    /// or anywhere in the dialog) and the dialog's text, closes it with Esc
    /// and checks the focus came back to the opener.
    async fn dialog(&mut self, opener: &str, first: Option<&str>, what: &str) {
        self.unshifted(&format!("before opening {what}")).await;
        self.app.click(opener).await;
        self.unshifted(&format!("opening {what}")).await;
        match first {
            Some(first) => self.focus_on(first, what).await,
            None => {
                let inside =
                    "return !!(document.activeElement && document.activeElement.closest('[role=dialog]'))";
                self.app
                    .until(&format!("{}: focus in the {what} dialog", self.size), || async {
                        (self.app.js(inside, vec![]).await == serde_json::json!(true)).then_some(())
                    })
                    .await;
            }
        }
        self.look(what).await;
        self.app.type_keys("\u{E00C}").await;
        self.focus_on(opener, &format!("closing {what}")).await;
        self.unshifted(&format!("closing {what}")).await;
    }

    /// Asserts the window's page has not scrolled (see [`SHIFTED`]).
    async fn unshifted(&self, after: &str) {
        let shifted = self.app.js(SHIFTED, vec![]).await;
        assert_eq!(
            shifted,
            serde_json::json!([]),
            "{}: the window's page scrolled after {after}",
            self.size
        );
    }
}

async fn walk(width: u32, height: u32) {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("walk.sqlite3");
    desk(&db);
    let wire = feeds::Feeds::start();
    feeds::register(&mut Store::open(&db).unwrap(), &wire);
    // A screen of its own, larger than the walk's window: the test command's
    // 1280×800 screen would clip a 1920×1080 window, and two walks on one
    // screen take the keyboard focus from each other.
    let screen = Screen::new(width + 80, height + 120);
    let home = dir.path().join("xdg");
    let location = db.display().to_string();
    let app = Session::start_on(&location, &home, &[("DISPLAY", screen.display())]).await;
    app.resize(width, height).await;
    let mut w = Walk {
        app: &app,
        size: format!("{width}x{height}"),
        step: 0,
    };

    app.wait_for("[data-testid=story-item]").await;
    let squeezed = app
        .js(
            "return [...document.querySelectorAll('[data-testid=story-item]')].filter(b => b.querySelector('.headline').clientWidth < b.clientWidth * 0.8).map(b => b.textContent.trim())",
            vec![],
        )
        .await;
    assert_eq!(squeezed, serde_json::json!([]), "headlines squeezed in the list");
    w.look("list").await;

    // A published story with a draft: editor, review, history.
    app.click("[data-story-id='1']").await;
    app.wait_for("#story-headline").await;
    w.look("editor").await;
    app.click("[data-testid=add-fact]").await;
    w.focus_on("#fact-", "adding a fact").await;
    app.click("[data-testid=add-source]").await;
    w.focus_on("#source-", "adding a source").await;
    app.click("[data-testid=view-review]").await;
    app.wait_for("[data-testid=review]").await;
    w.look("review").await;
    app.click("[data-testid=view-history]").await;
    app.wait_for("[data-testid=history-version]").await;
    w.look("history").await;
    app.click("[data-testid=view-editor]").await;

    // A source from its URL (a local page), then the change a recheck finds.
    let server = web::Web::start();
    app.click("[data-testid=add-url]").await;
    w.focus_on("[data-testid=capture-url]", "opening From URL").await;
    app.set_value("[data-testid=capture-url]", &server.url("/changing"))
        .await;
    app.click("[data-testid=capture-fetch]").await;
    app.text_when("[data-testid=capture-text]", |t| !t.is_empty())
        .await;
    w.look("url-capture").await;
    app.set_value("[data-testid=capture-outlet]", "EurAsian Times")
        .await;
    app.click("[data-testid=capture-add]").await;
    app.text_when("[data-testid=captured]", |t| t.starts_with("captured "))
        .await;
    server.set_version(2);
    app.click("[data-testid=recheck-sources]").await;
    app.text_when("[data-testid=source-change]", |t| {
        t.contains("changed since it was cited")
    })
    .await;
    app.js(
        "const c = document.querySelector('[data-testid=source-change]'); c.querySelector('details').open = true; c.scrollIntoView({ block: 'center' });",
        vec![],
    )
    .await;
    w.look("source-changed").await;

    // The export menu opens on its first choice; Esc gives the focus back.
    app.click("[data-testid=export-menu]").await;
    w.focus_on("[data-testid=export-", "opening the export menu")
        .await;
    w.look("export-menu").await;
    app.type_keys("\u{E00C}").await;
    w.focus_on("#export-menu-button", "closing the export menu").await;

    // Dialogs.
    w.dialog(
        "[data-testid=settings-open]",
        Some("[data-testid=settings-name]"),
        "settings",
    )
    .await;
    w.dialog("[data-testid=backups-open]", None, "backups").await;
    w.dialog("[data-testid=import]", Some("#paste-text"), "import")
        .await;
    w.dialog("[data-testid=batch-open]", None, "batch-export").await;

    // The wire, pulled, with an event open; then the other desk views.
    app.click("[data-testid=view-wire]").await;
    app.click("[data-testid=wire-pull]").await;
    app.until("the wire's events", || async {
        (app.count("[data-testid=wire-event]").await == 3).then_some(())
    })
    .await;
    w.look("wire").await;
    app.click("[data-testid=wire-event] button").await;
    app.wait_for("[data-testid=wire-event-detail]").await;
    w.look("wire-event").await;
    for view in ["outlets", "coverage", "trash"] {
        app.click(&format!("[data-testid=view-{view}]")).await;
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        w.look(view).await;
    }

    // Filters and a search.
    app.choose("[data-testid=state-filter]", "published+draft").await;
    app.until("only the published story with a draft", || async {
        (app.count("[data-testid=story-item]").await == 1).then_some(())
    })
    .await;
    w.look("filter-with-draft").await;
    app.choose("[data-testid=state-filter]", "").await;
    app.click("[data-testid=search]").await;
    app.type_keys("wire").await;
    app.wait_for("[data-testid=hit-count]").await;
    w.look("search").await;
    app.type_keys("\u{E00C}").await;
    // A word in a fact: the hit names the fact and marks the word.
    app.click("[data-testid=search]").await;
    app.type_keys("khmelnytsky").await;
    app.text_when("[data-testid=search-hit] .hit-field", |t| {
        t.starts_with("fact 4: ")
    })
    .await;
    let marked = app
        .js(
            "return document.querySelector('[data-testid=search-hit] mark').textContent",
            vec![],
        )
        .await;
    assert_eq!(marked, "Khmelnytsky", "the word is marked in the fact");
    w.look("search-fact").await;
    app.type_keys("\u{E00C}").await;
    // The list of stories citing one outlet.
    app.click("[data-testid=outlet-filter]").await;
    app.type_keys("tass").await;
    app.until("only the story citing TASS", || async {
        (app.count("[data-testid=story-item]").await == 1).then_some(())
    })
    .await;
    w.look("outlet-filter").await;
    app.click("[data-testid=outlet-filter]").await;
    app.type_keys("\u{E009}a\u{E000}\u{E003}").await;
    app.until("every story again", || async {
        (app.count("[data-testid=story-item]").await > 1).then_some(())
    })
    .await;

    // Four-digit fact numbers fit their circles.
    app.click("[data-story-id='3']").await;
    app.text_when("#story-headline", |_| true).await;
    app.until("the 1,200 facts", || async {
        (app.count("[data-testid=fact]").await > 0).then_some(())
    })
    .await;
    app.until("fact 1200 drawn", || async {
        // The facts are drawn as they come into view: bring the list's end
        // into view until the last one is there.
        let last = app
            .js(
                "const pane = document.querySelector('.form-pane'); const list = document.querySelector('ol.facts'); \
                 pane.scrollTop += list.getBoundingClientRect().bottom - pane.getBoundingClientRect().bottom; \
                 return [...document.querySelectorAll('.fact .num')].some(n => n.textContent.trim() === '1200')",
                vec![],
            )
            .await;
        (last == serde_json::json!(true)).then_some(())
    })
    .await;
    let overflowing = app
        .js(
            "return [...document.querySelectorAll('.fact .num')].filter(n => { const body = n.nextElementSibling.getBoundingClientRect(); return n.getBoundingClientRect().right > body.left || n.scrollWidth > n.clientWidth + 1; }).map(n => n.textContent)",
            vec![],
        )
        .await;
    assert_eq!(
        overflowing,
        serde_json::json!([]),
        "fact numbers overflow their circles"
    );
    w.look("thousand-facts").await;

    // A new story from the Review view: the headline has the focus.
    app.click("[data-testid=view-review]").await;
    app.wait_for("[data-testid=review]").await;
    app.click("[data-testid=new-story]").await;
    w.focus_on("#story-headline", "a new story").await;
    w.look("new-story").await;
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn walk_at_1024_by_700() {
    walk(1024, 700).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn walk_at_1920_by_1080() {
    walk(1920, 1080).await;
}
