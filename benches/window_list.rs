//! The story list scrolled in the real release window at desk scale: how
//! long rows that come into view show placeholders before they are drawn.
//!
//! Contract: run by `scripts/bench-window.sh` (never by the test command)
//! under Xvfb, for each desk with stories in `FACTDESK_WINDOW_DBS`
//! (`label=path;…`); `FACTDESK_BENCH_APP` names another build of the app to
//! measure instead. One window per desk and sort (by update, by headline).
//! Two ways down the list, each with the page's own clock:
//! - **40 jumps** from the top to the bottom, as dragging the scroll bar
//!   does: each moves a fortieth of the list and waits until no row in
//!   view is a placeholder — the time from the move to that frame, and how
//!   many of the 40 showed any placeholder at all;
//! - **a fling**: the same 40 steps, one per frame, then the time from the
//!   last step until the bottom's rows are all drawn.
//!
//! The goal (issue 30): rows drawn within 100 ms of arriving in view.
//! Prints p50 / p95 / worst per desk and sort as a Markdown table.

#[path = "../tests/support/mod.rs"]
mod support;

use std::path::Path;
use std::time::Duration;
use support::{quantile, Session};

/// Moves the list to `step` of `steps` of its height (or, with `fling`,
/// through every step up to it a frame apart) and resolves with the
/// milliseconds until no row in view is a placeholder, and whether one
/// was seen.
const MOVE: &str = r#"
const [step, steps, fling, done] = [arguments[0], arguments[1], arguments[2], arguments[arguments.length - 1]];
const list = document.querySelector('[data-testid="story-list"]');
const to = (s) => {
  list.scrollTop = Math.round((list.scrollHeight - list.clientHeight) * s / steps);
  list.dispatchEvent(new Event('scroll'));
};
const waiting = () => {
  const view = list.getBoundingClientRect();
  return [...list.querySelectorAll('.loading-row')].some((e) => {
    const r = e.getBoundingClientRect();
    return r.bottom > view.top && r.top < view.bottom;
  });
};
let seen = false, t0 = 0;
const check = () => {
  if (waiting()) {
    seen = true;
    requestAnimationFrame(check);
  } else {
    done({ ms: performance.now() - t0, seen });
  }
};
const go = (s) => {
  to(s);
  if (fling && s < step) return requestAnimationFrame(() => go(s + 1));
  t0 = performance.now();
  requestAnimationFrame(check);
};
requestAnimationFrame(() => go(fling ? 0 : step));
"#;

/// Steps from the top of the list to its bottom.
const STEPS: u64 = 40;

fn main() {
    let dbs = std::env::var("FACTDESK_WINDOW_DBS").expect("FACTDESK_WINDOW_DBS: label=path;…");
    let app = std::env::var("FACTDESK_BENCH_APP").unwrap_or_else(|_| support::APP.to_string());
    let work = tempfile::tempdir().expect("a scratch directory");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    println!("| desk | sort | 40 jumps: in view → drawn p50 / p95 / worst (ms) | jumps that showed placeholders | a fling of 40 frames: last frame → bottom drawn (ms) |");
    println!("|---|---|---|---|---|");
    for spec in dbs.split(';') {
        let (label, db) = spec.split_once('=').expect("label=path");
        if !Path::new(db).exists() || label == "empty" {
            continue;
        }
        for sort in ["updated", "headline"] {
            let home = work
                .path()
                .join(format!("{}-{sort}", label.replace([' ', ','], "-")));
            let (mut jumps, shown, fling) = runtime.block_on(measure(&app, db, &home, sort));
            println!(
                "| {label} | {sort} | {:.0} / {:.0} / {:.0} | {shown} of {STEPS} | {fling:.0} |",
                quantile(&mut jumps, 0.5),
                quantile(&mut jumps, 0.95),
                quantile(&mut jumps, 1.0),
            );
        }
    }
}

/// Opens `app` on `db` sorted by `sort`: the 40 jumps' times, how many
/// showed a placeholder, and the fling's time.
async fn measure(app: &str, db: &str, home: &Path, sort: &str) -> (Vec<f64>, usize, f64) {
    let window = Session::launch(app, &["--db", db], home, &[("FACTDESK_LOG", "warn")]).await;
    window.wait_for("[data-testid='story-item']").await;
    window
        .client
        .update_timeouts(fantoccini::wd::TimeoutConfiguration::new(
            Some(Duration::from_secs(60)),
            None,
            None,
        ))
        .await
        .expect("a longer script timeout");
    window.choose("[data-testid='sort']", sort).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let run = |step: u64, fling: bool| {
        let window = &window;
        async move {
            let r = window
                .client
                .execute_async(MOVE, vec![step.into(), STEPS.into(), fling.into()])
                .await
                .unwrap_or_else(|e| panic!("step {step}: {e}"));
            (
                r["ms"].as_f64().expect("a time"),
                r["seen"].as_bool().expect("a flag"),
            )
        }
    };
    let (mut jumps, mut shown) = (Vec::new(), 0);
    for step in 1..=STEPS {
        let (ms, seen) = run(step, false).await;
        jumps.push(ms);
        shown += usize::from(seen);
    }
    // Back to the top, its rows drawn, then down in one fling.
    run(0, false).await;
    let (fling, _) = run(STEPS, true).await;
    window.finish().await;
    (jumps, shown, fling)
}
