//! Hostile searches against a desk: each query the bounds let through (and
//! the ones they refuse), timed whole, with the slowest and the typical
//! p95 of the benchmark's mixed queries beside them; used for
//! docs/PERFORMANCE.md ("Searches with bounds").
//!
//! `cargo run --release -p factdesk-core --example hostile -- LOCATION [N]`
//! opens LOCATION (a file or a postgres:// URL) for reading; with N and a
//! file that does not exist yet, it first fills a new desk with N generated
//! stories.

use factdesk_core::sample;
use factdesk_core::store::Store;
use std::time::{Duration, Instant};

fn fill(location: &str, n: usize) {
    let mut store = Store::open_location(location).expect("the desk opens");
    let mut made = 0;
    while made < n {
        let batch: Vec<_> = (made..n.min(made + 1000)).map(sample::desk_story).collect();
        made += batch.len();
        store.create_stories(&batch).expect("stories");
        eprint!("\r{made}/{n}");
    }
    eprintln!();
}

fn hostile() -> Vec<(String, String)> {
    let (words, places, outlets) = sample::desk_vocabulary();
    let distinct = |n: usize| {
        (0..n)
            .map(|i| words[i % words.len()].to_string() + &"s".repeat(i / words.len()))
            .collect::<Vec<_>>()
    };
    vec![
        ("a common word ×100 (folds)".into(), vec![words[0]; 100].join(" ")),
        (
            "a common three-letter prefix".into(),
            format!("{}*", &words[0][..3]),
        ),
        (
            "two common prefixes".into(),
            format!("{}* {}*", &words[1][..3], &places[0].to_lowercase()[..3]),
        ),
        (
            "one word ×3,000 (refused: too long)".into(),
            vec!["korea"; 3000].join(" "),
        ),
        ("64 common words".into(), distinct(64).join(" ")),
        ("65 words (refused)".into(), distinct(65).join(" ")),
        ("common word, every outlet as a filter".into(), {
            let f: Vec<String> = outlets
                .iter()
                .take(40)
                .map(|o| format!("outlet:\"{o}\""))
                .collect();
            format!("{} {}", words[0], f.join(" "))
        }),
        (
            "common word, 63 exclusions".into(),
            format!("{} -{}", words[0], distinct(64)[1..].join(" -")),
        ),
        (
            "a phrase of 60 common words".into(),
            format!("\"{}\"", distinct(60).join(" ")),
        ),
        (
            "three-letter prefixes ×20".into(),
            (0..20)
                .map(|i| format!("{}*", &words[i % words.len()][..3]))
                .collect::<Vec<_>>()
                .join(" "),
        ),
        ("a* (refused: prefix too short)".into(), "a*".into()),
        (
            "common place, common word".into(),
            format!("{} {}", places[0], words[1]),
        ),
        ("status filter alone".into(), "status:draft".into()),
    ]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let location = args.next().expect("usage: hostile LOCATION [N]");
    if let Some(n) = args.next().and_then(|n| n.parse().ok()) {
        let empty = match factdesk_core::store::pg::is_url(&location) {
            true => Store::open_location(&location)
                .and_then(|mut s| s.search("status:draft", 1))
                .map(|hits| hits.is_empty())
                .expect("the desk opens"),
            false => !std::path::Path::new(&location).exists(),
        };
        if empty {
            fill(&location, n);
        }
    }
    let mut store = Store::open_location_read(&location).expect("the desk opens for reading");
    println!("| query | outcome | time |");
    println!("|---|---|---|");
    let mut slowest = Duration::ZERO;
    for (what, q) in hostile() {
        let mut worst = Duration::ZERO;
        let mut outcome = String::new();
        for _ in 0..3 {
            let started = Instant::now();
            outcome = match store.search(&q, 20) {
                Ok(hits) => format!("{} hits", hits.len()),
                Err(e) => format!(
                    "{}: {}",
                    e.code(),
                    e.to_string().chars().take(60).collect::<String>()
                ),
            };
            worst = worst.max(started.elapsed());
        }
        slowest = slowest.max(worst);
        println!("| {what} | {outcome} | {:.1} ms |", worst.as_secs_f64() * 1000.0);
    }
    println!(
        "\nslowest: {:.1} ms (budget: 1,000 ms)",
        slowest.as_secs_f64() * 1000.0
    );
}
