//! Fills a database with generated stories, for benchmarks and measurements.
//!
//! `cargo run --release -p factdesk-core --example generate -- PATH COUNT`
//! adds COUNT publishable stories of 5 to 40 facts (a third as many sources,
//! article text on every tenth source) in batches of 1,000.

use factdesk_core::sample;
use factdesk_core::store::Store;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(args.next().ok_or("usage: generate PATH COUNT")?);
    let count: usize = args.next().ok_or("usage: generate PATH COUNT")?.parse()?;
    let mut store = Store::open(&path)?;
    let mut made = 0;
    while made < count {
        let batch: Vec<_> = (made..count.min(made + 1_000))
            .map(|i| {
                let facts = 5 + (i * 7919) % 36;
                let mut story = sample::story(facts, facts / 3 + 1);
                story.headline = format!("Story {i}: {}", story.headline);
                for (j, source) in story.sources.iter_mut().enumerate() {
                    if (i + j) % 10 != 0 {
                        source.saved_text.clear();
                    } else {
                        source.saved_text = source.saved_text.repeat(40);
                    }
                }
                story
            })
            .collect();
        made += batch.len();
        store.create_stories(&batch)?;
        eprint!("\r{made}/{count}");
    }
    eprintln!();
    Ok(())
}
