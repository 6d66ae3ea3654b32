//! The window benchmark: Factdesk's real window against a bare Tauri app of
//! the same Tauri version and profile, in one run, alternating.
//!
//! Contract: run by `scripts/bench-window.sh` (never by the test command),
//! which builds both release binaries, makes the databases and passes:
//! `FACTDESK_BARE_APP` (the bare app), `FACTDESK_WINDOW_DBS`
//! (`label=path;…`) and optionally `FACTDESK_WINDOW_RUNS` (default 5). For
//! each database it does a warm-up pair, then N pairs (bare, Factdesk) and
//! measures per run: spawn → DOMContentLoaded, spawn → story list drawn (the
//! `factdesk:list-drawn` User Timing mark; the bare page sets it when its
//! script runs), both from the process start time in /proc and the page's
//! own clock, and the summed PSS of the app and its WebKit processes 3 s
//! after the list is drawn. Prints min / median and the ratio of medians to
//! the bare app as a Markdown table.

#[path = "../tests/support/mod.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use support::Session;

#[derive(Clone, Copy)]
struct Sample {
    dom_ms: f64,
    list_ms: f64,
    pss_mb: f64,
}

/// The page's DOMContentLoaded and list mark as epoch milliseconds, once both exist.
const PROBE: &str = "const n = performance.getEntriesByType('navigation')[0];
const m = performance.getEntriesByName('factdesk:list-drawn')[0];
return n && m && n.domContentLoadedEventEnd > 0
  ? [performance.timeOrigin + n.domContentLoadedEventEnd, performance.timeOrigin + m.startTime]
  : null;";

fn main() {
    let bare = std::env::var("FACTDESK_BARE_APP")
        .expect("FACTDESK_BARE_APP: run this through scripts/bench-window.sh");
    let dbs = std::env::var("FACTDESK_WINDOW_DBS").expect("FACTDESK_WINDOW_DBS: label=path;…");
    let runs: usize = std::env::var("FACTDESK_WINDOW_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let work = tempfile::tempdir().expect("a scratch directory");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");

    println!("| database | app | to DOM min / median (ms) | ×bare | to list min / median (ms) | ×bare | PSS min / median (MB) | ×bare |");
    println!("|---|---|---|---|---|---|---|---|");
    for spec in dbs.split(';') {
        let (label, db) = spec.split_once('=').expect("label=path");
        let db = PathBuf::from(db);
        let factdesk_args = ["--db", db.to_str().expect("a UTF-8 path")];
        let mut n = 0;
        let mut run = |app: &str, args: &[&str], hold: Option<&Path>| {
            n += 1;
            let home = work.path().join(format!("{label}-{n}"));
            runtime.block_on(measure(app, args, &home, hold))
        };
        // Warm-up: caches, the database's first open, and today's daily
        // backup (taken in the background by the first start of the day).
        run(&bare, &[], None);
        run(support::APP, &factdesk_args, Some(&db));
        let (mut base, mut ours) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            base.push(run(&bare, &[], None));
            ours.push(run(support::APP, &factdesk_args, None));
        }
        let row = |app: &str, s: &[Sample], b: &[Sample]| {
            let col = |f: fn(&Sample) -> f64| {
                let (min, med) = stats(s.iter().map(f).collect());
                let (_, base_med) = stats(b.iter().map(f).collect());
                format!("{min:.0} / {med:.0} | {:.2}×", med / base_med)
            };
            println!(
                "| {label} | {app} | {} | {} | {} |",
                col(|s| s.dom_ms),
                col(|s| s.list_ms),
                col(|s| s.pss_mb)
            );
        };
        row("bare Tauri", &base, &base);
        row("Factdesk", &ours, &base);
    }
}

/// One run of `app`; with `hold`, the window stays open until that database's daily backup exists.
async fn measure(app: &str, args: &[&str], home: &Path, hold: Option<&Path>) -> Sample {
    // Warnings only: the log lines would bury the table.
    let session = Session::launch(app, args, home, &[("FACTDESK_LOG", "warn")]).await;
    let exe = std::fs::canonicalize(app).expect("the app binary");
    let pid = {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(pid) = descendants(session.driver_pid())
                .into_iter()
                .find(|p| exe_of(*p).as_ref() == Some(&exe))
            {
                break pid;
            }
            assert!(Instant::now() < deadline, "{app} did not start");
            std::thread::sleep(Duration::from_millis(5));
        }
    };
    let started = start_time_ms(pid);
    let deadline = Instant::now() + Duration::from_secs(600);
    let (dom, list) = loop {
        if let serde_json::Value::Array(v) = session.js(PROBE, vec![]).await {
            break (v[0].as_f64().expect("a time"), v[1].as_f64().expect("a time"));
        }
        assert!(Instant::now() < deadline, "{app} drew no list in 10 minutes");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    tokio::time::sleep(Duration::from_secs(3)).await;
    let mut tree = descendants(pid);
    tree.push(pid);
    let pss_kb: u64 = tree.iter().map(|p| pss_kb(*p)).sum();
    if let Some(db) = hold {
        wait_for_daily_backup(db);
    }
    session.finish().await;
    Sample {
        dom_ms: dom - started,
        list_ms: list - started,
        pss_mb: pss_kb as f64 / 1024.0,
    }
}

/// Min and median.
fn stats(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    let median = if v.len() % 2 == 1 {
        v[mid]
    } else {
        (v[mid - 1] + v[mid]) / 2.0
    };
    (v[0], median)
}

/// The fields of /proc/PID/stat after the command name (which may hold spaces).
fn stat_fields(pid: u32) -> Option<Vec<String>> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 1..];
    Some(rest.split_whitespace().map(str::to_string).collect())
}

/// Every process below `root`, found through parent ids in /proc.
fn descendants(root: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| Some((pid, stat_fields(pid)?.get(1)?.parse().ok()?)))
        .collect();
    let mut found = vec![root];
    let mut i = 0;
    while i < found.len() {
        let parent = found[i];
        found.extend(parents.iter().filter(|(_, pp)| *pp == parent).map(|(p, _)| *p));
        i += 1;
    }
    found.remove(0);
    found
}

fn exe_of(pid: u32) -> Option<PathBuf> {
    std::fs::read_link(format!("/proc/{pid}/exe")).ok()
}

/// When the process started, in milliseconds since the epoch (10 ms steps).
fn start_time_ms(pid: u32) -> f64 {
    let ticks: f64 = stat_fields(pid)
        .and_then(|f| f.get(19)?.parse().ok())
        .expect("the process's start time");
    let hz: f64 = std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok()?.trim().parse().ok())
        .unwrap_or(100.0);
    let proc_stat = std::fs::read_to_string("/proc/stat").expect("/proc/stat");
    let boot: f64 = proc_stat
        .lines()
        .find_map(|l| l.strip_prefix("btime ")?.trim().parse().ok())
        .expect("the boot time");
    (boot + ticks / hz) * 1000.0
}

fn pss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| {
                l.strip_prefix("Pss:")?
                    .trim()
                    .strip_suffix("kB")?
                    .trim()
                    .parse()
                    .ok()
            })
        })
        .unwrap_or(0)
}

/// Waits until today's daily backup of `db` is complete (listed).
fn wait_for_daily_backup(db: &Path) {
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let deadline = Instant::now() + Duration::from_secs(900);
    loop {
        let out = std::process::Command::new(support::cli())
            .args(["--db", db.to_str().expect("a UTF-8 path"), "backups", "--json"])
            .output()
            .expect("factdesk backups");
        let listed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
        let taken =
            listed.as_array().into_iter().flatten().any(|b| {
                b["reason"] == "daily" && b["taken_at"].as_str().is_some_and(|t| t.starts_with(&today))
            });
        if taken {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "no daily backup of {} after 15 minutes",
            db.display()
        );
        std::thread::sleep(Duration::from_secs(1));
    }
}
