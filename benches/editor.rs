//! The editor in the real release window, at 30, 300 and 3,000 facts (a
//! third as many sources): how long a story takes to open, and what a
//! keystroke in its middle fact costs.
//!
//! Contract: run by `scripts/bench-window.sh` (never by the test command)
//! under Xvfb, `FACTDESK_EDITOR_SIZES` (default "30 300 3000") and
//! `FACTDESK_EDITOR_RUNS` (default 3 windows per size). Per size it writes
//! one generated story to a fresh database, opens the window (on one
//! profile shared by every window and warmed by a first one, as an editor's
//! is) and measures
//! with the page's own clock: click on the story → the facts list holding
//! the whole story with its first rows drawn (the list draws only the rows
//! near the view) and the next frame painted (and, of that, until the story and its analysis have
//! arrived from the core); then 30 keystrokes (input events as typing makes
//! them, 60 ms apart): the input handler's time and the time to the next
//! frame (p50 / p95), and the bytes the page sent to and received from the
//! core over IPC while typing and until the autosave that follows, per
//! keystroke; then the same 30 keystrokes into a plain textarea added to
//! the same page (the baseline: the window, its frame clock and the open
//! story are the same, no handler of the app's runs). Prints a Markdown table. Then, for each desk the window
//! benchmark measures (`FACTDESK_WINDOW_DBS`: an empty one, 1,000 and
//! 100,000 stories, copied first), the longest the page goes without a frame
//! while a story opens from the list and while an autosave (and the list
//! refresh after it) happens, against the empty desk, once the first save
//! has waited out the file's integrity check — and, before that, the longest
//! gap and the time from the page's start to that first save, while the
//! check reads the file in the background; `FACTDESK_BENCH_TRACE=1` prints
//! the gaps and the calls to the core around them. `FACTDESK_BENCH_APP`
//! names another build of the app to measure (a baseline built from an
//! earlier commit, run alternately with this one).

#[path = "../tests/support/mod.rs"]
mod support;

use factdesk_core::sample;
use factdesk_core::store::Store;
use std::time::Duration;
use support::{quantile, Session};

/// Clicks the story and resolves with the milliseconds until its facts list
/// holds the story, its first fields drawn, and a frame has been painted.
const OPEN: &str = r#"
const [id, facts, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
const row = document.querySelector(`[data-story-id="${id}"]`);
// When the story and its analysis have arrived from the core.
const fetch = window.fetch;
let fetched = null;
let bytes = null;
let listed = null;
const calls = [];
window.fetch = (input, init) => {
  const url = String(input && input.url ? input.url : input);
  const t = performance.now() - t0;
  return fetch(input, init).then((r) => {
    calls.push(`${url.split('/').pop()} ${t.toFixed(0)}-${(performance.now() - t0).toFixed(0)}`);
    if (url.endsWith('open_story')) r.clone().arrayBuffer().then((b) => { fetched = performance.now() - t0; bytes = b.byteLength; });
    return r;
  });
};
const t0 = performance.now();
row.click();
// The list draws only the rows near the view: open means the list holds the
// whole story and its first rows' fields are in the page.
const wait = () => {
  const list = document.querySelector('ol.facts');
  if (list && Number(list.dataset.count) === facts && listed === null) listed = performance.now() - t0;
  if (list && Number(list.dataset.count) === facts && list.querySelector('textarea')) {
    requestAnimationFrame(() => setTimeout(() => {
      window.fetch = fetch;
      done({ total: performance.now() - t0, fetched, bytes, listed, calls: calls.join(', ') });
    }, 0));
  } else {
    requestAnimationFrame(wait);
  }
};
wait();
"#;

/// Scrolls to the middle fact and types `n` characters into it, measuring each keystroke, and
/// counts the IPC bytes until `settle` ms after the last one. With `bare`, types the same way
/// into a plain textarea added to the same page instead (no handler of the app's listens to
/// it): the baseline, measured in the same window with the story open.
const TYPE: &str = r#"
const [n, settle, bare, done] = [arguments[0], arguments[1], arguments[2], arguments[arguments.length - 1]];
// Scrolls the editor to the middle of the facts, as an editor would, and
// types into the fact drawn nearest the middle of the view.
const pane = document.querySelector('.form-pane');
const list = document.querySelector('ol.facts');
pane.scrollTop += list.getBoundingClientRect().top - pane.getBoundingClientRect().top + list.offsetHeight / 2;
const ready = () => {
  if (bare) {
    const area = document.createElement('textarea');
    area.style.cssText = 'position: fixed; right: 8px; bottom: 8px; width: 320px; height: 64px; z-index: 9999';
    document.body.appendChild(area);
    return typeIn(area);
  }
  const middle = pane.getBoundingClientRect().top + pane.clientHeight / 2;
  const seen = [...list.querySelectorAll('textarea')]
    .map((t) => [Math.abs(t.getBoundingClientRect().top - middle), t])
    .filter(([d]) => d < pane.clientHeight / 2)
    .sort((a, b) => a[0] - b[0]);
  if (seen.length) return typeIn(seen[0][1]);
  requestAnimationFrame(ready);
};
const typeIn = (area) => {
area.focus();
// Tauri's IPC is a fetch to its ipc: protocol: count what goes each way.
const fetch = window.fetch;
let sent = 0, received = 0, calls = 0;
window.fetch = (input, init) => {
  const url = String(input && input.url ? input.url : input);
  if (!url.startsWith('ipc:') && !url.includes('ipc.localhost')) return fetch(input, init);
  calls += 1;
  const body = init && init.body;
  sent += typeof body === 'string' ? new Blob([body]).size : body && body.byteLength ? body.byteLength : 0;
  return fetch(input, init).then((r) => {
    r.clone().arrayBuffer().then((b) => (received += b.byteLength));
    return r;
  });
};
const handler = [], frame = [];
let i = 0;
const key = () => {
  if (i++ >= n) {
    setTimeout(() => { window.fetch = fetch; done({ handler, frame, sent, received, calls }); }, settle);
    return;
  }
  const t0 = performance.now();
  area.setRangeText('x', area.value.length, area.value.length, 'end');
  area.dispatchEvent(new InputEvent('input', { bubbles: true, data: 'x', inputType: 'insertText' }));
  const t1 = performance.now();
  requestAnimationFrame(() => {
    handler.push(t1 - t0);
    frame.push(performance.now() - t0);
    setTimeout(key, 60);
  });
};
key();
};
ready();
"#;

const KEYS: u64 = 30;

/// First opens a warm-up story, types into it and waits for its save (the
/// app's first write waits for the file's integrity check, which runs in the
/// background after start and takes seconds on a large desk); then clicks
/// the measured story, types 10 keys into its first fact and waits past the
/// autosave, recording every frame. Resolves with the longest gap between
/// frames while opening (click to a second after the facts are drawn) and
/// after the last key (the autosave, the list refresh after it: until the
/// save is answered and 1.5 s more), and where the gaps and calls were.
const FREEZE: &str = r#"
const [warm, id, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
const frames = [], where = [], calls = [];
let recording = true;
const tick = (t) => { frames.push(t); if (recording) requestAnimationFrame(tick); };
requestAnimationFrame(tick);
const gap = (from, to) => {
  let worst = 0;
  for (let i = 1; i < frames.length; i++) {
    if (frames[i] >= from && frames[i - 1] <= to && frames[i] - frames[i - 1] > worst) {
      worst = frames[i] - frames[i - 1];
      where.push([from, frames[i - 1], frames[i]]);
    }
  }
  return worst;
};
const fetch = window.fetch;
window.fetch = (input, init) => {
  const url = String(input && input.url ? input.url : input);
  const t = performance.now();
  return fetch(input, init).then((r) => { calls.push([url.split('/').pop(), t, performance.now()]); return r; });
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const saves = () => calls.filter((c) => c[0] === 'save_working').length;
const first = () => document.querySelector('[data-testid=fact] textarea');
const open = async (story) => {
  const shown = first();
  document.querySelector(`[data-story-id="${story}"]`).click();
  for (;;) {
    await new Promise(requestAnimationFrame);
    const area = first();
    if (area && area !== shown) return area;
  }
};
const type = async (area, n) => {
  for (let k = 0; k < n; k++) {
    area.setRangeText('x', area.value.length, area.value.length, 'end');
    area.dispatchEvent(new InputEvent('input', { bubbles: true, data: 'x', inputType: 'insertText' }));
    await sleep(60);
  }
};
(async () => {
  const started = performance.now();
  const before = saves();
  await type(await open(warm), 1);
  while (saves() === before) await sleep(50);
  const warmed = performance.now();
  await sleep(1000);
  const t0 = performance.now();
  const area = await open(id);
  const opened = performance.now();
  await sleep(1000);
  const typed0 = saves();
  await type(area, 10);
  const typed = performance.now();
  while (saves() === typed0) await sleep(50);
  await sleep(1500);
  const end = performance.now();
  recording = false;
  window.fetch = fetch;
  done({
    start: gap(started, warmed), first: warmed - started,
    open: gap(t0, opened + 1000), save: gap(typed, end), where, calls: calls.filter((c) => c[1] >= t0),
  });
})();
"#;

fn main() {
    let sizes: Vec<usize> = std::env::var("FACTDESK_EDITOR_SIZES")
        .unwrap_or_else(|_| "30 300 3000".into())
        .split_whitespace()
        .map(|s| s.parse().expect("a number of facts"))
        .collect();
    let runs: usize = std::env::var("FACTDESK_EDITOR_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let work = tempfile::tempdir().expect("a scratch directory");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");

    // Every window shares one profile, warmed by a first window that opens
    // a story unmeasured: a fresh profile's first story costs some 0.35 s
    // more (WebKit's GL shader cache and data directory are made then),
    // which an editor pays once, not with each window.
    let home = work.path().join("home");
    let warm = work.path().join("warm-up.sqlite3");
    let warm_id = Store::open(&warm)
        .and_then(|mut s| s.create_story(&sample::story(30, 10)))
        .expect("a warm-up story")
        .id;
    runtime.block_on(async {
        let app = open_window(&warm, &home, warm_id).await;
        app.click(&format!("[data-story-id='{warm_id}']")).await;
        app.wait_for("ol.facts textarea").await;
        app.finish().await;
    });

    println!("| facts | open min / median (ms) (median of which the story's fetch from the core) | key handler p50 / p95 (ms) | next frame p50 / p95 (ms) | a bare textarea in the same window: next frame p50 / p95 (ms) | ×bare at p50 | IPC sent / received per keystroke (KB) |");
    println!("|---|---|---|---|---|---|---|");
    for facts in sizes {
        let (mut open, mut handler, mut frame) = (Vec::new(), Vec::new(), Vec::new());
        let mut bare_frame = Vec::new();
        let mut fetched = Vec::new();
        let (mut sent, mut received) = (0.0, 0.0);
        for run in 0..runs {
            let db = work.path().join(format!("editor-{facts}-{run}.sqlite3"));
            let id = Store::open(&db)
                .and_then(|mut s| s.create_story(&sample::story(facts, facts / 3)))
                .expect("a story")
                .id;
            let r = runtime.block_on(async {
                let app = open_window(&db, &home, id).await;
                app.client
                    .update_timeouts(fantoccini::wd::TimeoutConfiguration::new(
                        Some(Duration::from_secs(600)),
                        None,
                        None,
                    ))
                    .await
                    .expect("a longer script timeout");
                if facts == 30 && run == 0 {
                    let native = app
                        .js("return CSS.supports('field-sizing', 'content')", vec![])
                        .await;
                    eprintln!("editor: field-sizing: content supported: {native}");
                }
                let opened = app
                    .client
                    .execute_async(OPEN, vec![id.into(), facts.into()])
                    .await
                    .expect("the story opens");
                // Let the first analysis and save settle before typing.
                tokio::time::sleep(Duration::from_millis(1500)).await;
                let typed = app
                    .client
                    .execute_async(TYPE, vec![KEYS.into(), 2000.into(), false.into()])
                    .await
                    .expect("typing");
                let bare = app
                    .client
                    .execute_async(TYPE, vec![KEYS.into(), 0.into(), true.into()])
                    .await
                    .expect("typing into a bare textarea");
                app.finish().await;
                (opened, typed, bare)
            });
            open.push(r.0["total"].as_f64().expect("a time"));
            // Where an open goes: the answer's arrival and size, the list
            // holding the story, the frame drawn, and each call to the core
            // from its start to its answer (answers that all arrive late
            // together mean the page was busy drawing).
            eprintln!(
                "editor: {facts} facts, run {run}: answer {} ms ({} KB), list filled {} ms, drawn {} ms; calls {}",
                r.0["fetched"],
                r.0["bytes"].as_f64().map_or(0.0, |b| (b / 1024.0).round()),
                r.0["listed"],
                r.0["total"],
                r.0["calls"]
            );
            fetched.extend(r.0["fetched"].as_f64());
            let list = |typed: &serde_json::Value, k: &str| -> Vec<f64> {
                typed[k]
                    .as_array()
                    .expect("times")
                    .iter()
                    .filter_map(|v| v.as_f64())
                    .collect()
            };
            handler.extend(list(&r.1, "handler"));
            frame.extend(list(&r.1, "frame"));
            bare_frame.extend(list(&r.2, "frame"));
            sent += r.1["sent"].as_f64().unwrap_or(0.0) / KEYS as f64 / runs as f64;
            received += r.1["received"].as_f64().unwrap_or(0.0) / KEYS as f64 / runs as f64;
        }
        let (omin, omed) = (quantile(&mut open, 0.0), quantile(&mut open, 0.5));
        let fetch = if fetched.is_empty() {
            f64::NAN
        } else {
            quantile(&mut fetched, 0.5)
        };
        let (frame50, bare50) = (quantile(&mut frame, 0.5), quantile(&mut bare_frame, 0.5));
        println!(
            "| {facts} | {omin:.0} / {omed:.0} ({fetch:.0}) | {:.1} / {:.1} | {frame50:.1} / {:.1} | {bare50:.1} / {:.1} | {:.2}x | {:.1} / {:.1} |",
            quantile(&mut handler, 0.5),
            quantile(&mut handler, 0.95),
            quantile(&mut frame, 0.95),
            quantile(&mut bare_frame, 0.95),
            frame50 / bare50,
            sent / 1024.0,
            received / 1024.0
        );
    }
    freezes(&runtime, work.path(), runs);
}

/// The release window on `db`, once story `id` is in its list.
async fn open_window(db: &std::path::Path, home: &std::path::Path, id: i64) -> Session {
    let bin = std::env::var("FACTDESK_BENCH_APP").unwrap_or_else(|_| support::APP.to_string());
    let app = Session::launch(
        &bin,
        &["--db", db.to_str().expect("a UTF-8 path")],
        home,
        &[("FACTDESK_LOG", "warn")],
    )
    .await;
    app.wait_for(&format!("[data-story-id='{id}']")).await;
    app
}

/// The longest frame gap opening a story and after an autosave, per desk.
fn freezes(runtime: &tokio::runtime::Runtime, work: &std::path::Path, runs: usize) {
    let Ok(dbs) = std::env::var("FACTDESK_WINDOW_DBS") else {
        return;
    };
    println!();
    println!("| desk | longest frame gap opening a story: median (ms) | after an autosave: median (ms) | against the empty desk | right after start, until the first save is stored (the integrity check running): longest gap / time to that save, median (ms) |");
    println!("|---|---|---|---|---|");
    let mut empty: Option<(f64, f64)> = None;
    for (i, entry) in dbs.split(';').enumerate() {
        let Some((label, path)) = entry.split_once('=') else {
            continue;
        };
        let (mut open, mut save) = (Vec::new(), Vec::new());
        let (mut start, mut first) = (Vec::new(), Vec::new());
        for run in 0..runs {
            let db = work.join(format!("desk-{i}-{run}.sqlite3"));
            if std::path::Path::new(path).exists() {
                std::fs::copy(path, &db).expect("a copy of the desk");
            }
            let (warm, id) = Store::open(&db)
                .and_then(|mut s| {
                    let warm = s.create_story(&sample::story(30, 10))?.id;
                    Ok((warm, s.create_story(&sample::story(30, 10))?.id))
                })
                .expect("two stories");
            let home = work.join(format!("desk-home-{i}-{run}"));
            let r = runtime.block_on(async {
                let app = open_window(&db, &home, id).await;
                tokio::time::sleep(Duration::from_millis(1500)).await;
                let r = app
                    .client
                    .execute_async(FREEZE, vec![warm.into(), id.into()])
                    .await
                    .expect("open, type and autosave");
                app.finish().await;
                r
            });
            if std::env::var("FACTDESK_BENCH_TRACE").is_ok() {
                eprintln!("{label}: gaps {} calls {}", r["where"], r["calls"]);
            }
            open.push(r["open"].as_f64().expect("a gap"));
            save.push(r["save"].as_f64().expect("a gap"));
            start.push(r["start"].as_f64().expect("a gap"));
            first.push(r["first"].as_f64().expect("a time"));
            let _ = std::fs::remove_file(&db);
        }
        let (o, s) = (quantile(&mut open, 0.5), quantile(&mut save, 0.5));
        let base = *empty.get_or_insert((o, s));
        println!(
            "| {label} | {o:.0} | {s:.0} | {:.2}x / {:.2}x | {:.0} / {:.0} |",
            o / base.0,
            s / base.1,
            quantile(&mut start, 0.5),
            quantile(&mut first, 0.5)
        );
    }
}
