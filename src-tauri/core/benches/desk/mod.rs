//! The generated desks the benchmarks measure, and their timing helpers.
//!
//! A desk of `n` stories ([`factdesk_core::sample::desk_story`]) is made
//! once into `target/bench-data/` and reused; the file name carries the
//! count and a layout version (v10: schema 15).

#![allow(dead_code)]

use factdesk_core::sample;
use factdesk_core::store::{migrations, Store};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub fn data_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-data");
    std::fs::create_dir_all(&dir).expect("bench data folder");
    dir
}

/// A desk of `n` generated stories, made once and kept (the generator is
/// deterministic; the file name carries the count and a layout version).
pub fn desk(n: usize) -> PathBuf {
    let path = data_dir().join(format!("desk-{n}-v10.sqlite3"));
    if !path.exists() {
        let tmp = path.with_extension("partial");
        let _ = std::fs::remove_file(&tmp);
        let mut store = Store::open(&tmp).expect("bench desk");
        let mut made = 0;
        while made < n {
            let batch: Vec<_> = (made..n.min(made + 1000)).map(sample::desk_story).collect();
            made += batch.len();
            store.create_stories(&batch).expect("stories");
        }
        drop(store);
        std::fs::rename(&tmp, &path).expect("desk in place");
    }
    upgraded(&path);
    path
}

/// A desk made by an older build brought to this build's schema, without
/// keeping the migration's backup (a copy of the whole desk).
fn upgraded(path: &Path) {
    let conn = rusqlite::Connection::open(path).expect("bench desk");
    let version = migrations::version(&conn).expect("schema version");
    drop(conn);
    if version < migrations::latest() {
        let store = Store::open(path).expect("bench desk upgraded");
        let backup = store.migration_backup().map(Path::to_path_buf);
        drop(store);
        if let Some(backup) = backup {
            std::fs::remove_file(backup).expect("the migration's backup removed");
        }
    }
}

pub fn time<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let t = Instant::now();
    let v = f();
    (t.elapsed(), v)
}

pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// How many stories the desk under measurement holds (`FACTDESK_BENCH_STORIES`,
/// else 100,000), or none when `cargo test --benches` runs the bench
/// without `--bench`: it then measures nothing.
pub fn stories_to_bench() -> Option<usize> {
    if !std::env::args().any(|a| a == "--bench") {
        return None;
    }
    Some(
        std::env::var("FACTDESK_BENCH_STORIES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(100_000),
    )
}
