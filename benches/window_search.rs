//! Search in the real release window at desk scale: from the last key typed
//! into the search box to the results drawn.
//!
//! Contract: run by `scripts/bench-window.sh` (never by the test command)
//! under Xvfb, for each desk with stories in `FACTDESK_WINDOW_DBS`
//! (`label=path;…`; the first is the baseline, normally 1,000 stories).
//! One window per desk: the queries of `sample::bench_queries` (the mix an
//! editor types) and `sample::common_queries` (words most of the desk has)
//! are typed into the search box a character at a time, 60 ms apart (input
//! events as typing makes them), after an unmeasured pass that warms the
//! caches. Per query, with the page's own clock: the last key → the results
//! list no longer busy and the next frame painted; of that, the core's
//! answer (the `search_stories` IPC call). The window waits
//! [`PAUSE_MS`] after the last key before it asks, so "after the pause" is
//! the total less that. Prints p50 / p95 per desk and query set, and the
//! ratio of p95s to the baseline desk, as a Markdown table.

#[path = "../tests/support/mod.rs"]
mod support;

use factdesk_core::sample;
use std::path::Path;
use std::time::Duration;
use support::{quantile, Session};

/// The typing pause the story list waits before it searches (StoryList.svelte).
const PAUSE_MS: f64 = 150.0;

/// Clears the search box, types `query` a key every `gap` ms and resolves
/// with the milliseconds from the last key to the results drawn, and of
/// them the search call's.
const TYPE_QUERY: &str = r#"
const [query, gap, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
const input = document.querySelector('[data-testid="search"]');
const fire = (data) => input.dispatchEvent(new InputEvent('input', { bubbles: true, data, inputType: 'insertText' }));
input.focus();
input.value = '';
fire(null);
const fetch = window.fetch;
let asked = null, answered = null;
window.fetch = (input, init) => {
  const url = String(input && input.url ? input.url : input);
  if (!url.endsWith('search_stories')) return fetch(input, init);
  asked = performance.now();
  return fetch(input, init).then((r) => r.clone().arrayBuffer().then(() => { answered = performance.now(); return r; }));
};
let i = 0, t0 = 0;
const key = () => {
  input.value += query[i++];
  fire(query[i - 1]);
  if (i < query.length) return setTimeout(key, gap);
  t0 = performance.now();
  requestAnimationFrame(wait);
};
const wait = () => {
  const list = document.querySelector('[data-testid="search-results"]');
  if (answered !== null && list && list.getAttribute('aria-busy') === 'false') {
    requestAnimationFrame(() => setTimeout(() => {
      window.fetch = fetch;
      done({ total: performance.now() - t0, core: answered - asked });
    }, 0));
  } else {
    requestAnimationFrame(wait);
  }
};
requestAnimationFrame(() => setTimeout(key, gap));
"#;

/// Milliseconds between keys, as a quick typist types.
const GAP_MS: u64 = 60;

fn main() {
    let dbs = std::env::var("FACTDESK_WINDOW_DBS").expect("FACTDESK_WINDOW_DBS: label=path;…");
    let work = tempfile::tempdir().expect("a scratch directory");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    println!("| desk | queries | last key → results drawn p50 / p95 (ms) | after the pause p50 / p95 (ms) | of which the core's answer p50 / p95 (ms) | p95 after the pause × the first desk |");
    println!("|---|---|---|---|---|---|");
    let mut baseline: Vec<f64> = Vec::new();
    for spec in dbs.split(';') {
        let (label, db) = spec.split_once('=').expect("label=path");
        if !Path::new(db).exists() {
            continue;
        }
        let sets = [
            ("an editor's mix (100)", sample::bench_queries()),
            (
                "what most stories have (5)",
                sample::common_queries(&most_cited_outlet(db)),
            ),
        ];
        let home = work.path().join(label.replace(' ', "-"));
        let measured = runtime.block_on(measure(db, &home, &sets));
        for (i, ((name, _), (total, core))) in sets.iter().zip(measured).enumerate() {
            let mut after: Vec<f64> = total.iter().map(|t| t - PAUSE_MS).collect();
            let p95 = quantile(&mut after, 0.95);
            let base = match baseline.get(i) {
                Some(b) => *b,
                None => {
                    baseline.push(p95);
                    p95
                }
            };
            println!(
                "| {label} | {name} | {} | {:.0} / {p95:.0} | {} | {:.2}× |",
                p50_p95(&total),
                quantile(&mut after, 0.5),
                p50_p95(&core),
                p95 / base
            );
        }
    }
}

/// Opens the window on `db`, types every query once unmeasured, then once
/// measured; per set of queries, the totals and the core's times.
async fn measure(db: &str, home: &Path, sets: &[(&str, Vec<String>); 2]) -> Vec<(Vec<f64>, Vec<f64>)> {
    let app = Session::launch(support::APP, &["--db", db], home, &[("FACTDESK_LOG", "warn")]).await;
    app.wait_for("[data-testid='search']").await;
    app.client
        .update_timeouts(fantoccini::wd::TimeoutConfiguration::new(
            Some(Duration::from_secs(120)),
            None,
            None,
        ))
        .await
        .expect("a longer script timeout");
    let mut out = Vec::new();
    for pass in ["warm", "measured"] {
        out.clear();
        for (_, queries) in sets {
            let (mut total, mut core) = (Vec::new(), Vec::new());
            for q in queries {
                let r = app
                    .client
                    .execute_async(TYPE_QUERY, vec![q.as_str().into(), GAP_MS.into()])
                    .await
                    .unwrap_or_else(|e| panic!("{pass} search {q:?}: {e}"));
                total.push(r["total"].as_f64().expect("a time"));
                core.push(r["core"].as_f64().expect("a time"));
            }
            out.push((total, core));
        }
    }
    app.finish().await;
    out
}

/// The outlet the desk's sources cite most.
fn most_cited_outlet(db: &str) -> String {
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("the desk opens");
    conn.query_row(
        "SELECT outlet FROM sources GROUP BY outlet ORDER BY count(*) DESC LIMIT 1",
        [],
        |r| r.get(0),
    )
    .expect("the most cited outlet")
}

fn p50_p95(v: &[f64]) -> String {
    let mut v = v.to_vec();
    format!("{:.0} / {:.0}", quantile(&mut v, 0.5), quantile(&mut v, 0.95))
}
