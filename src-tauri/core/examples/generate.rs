//! Fills a database with generated stories, for benchmarks and measurements.
//!
//! `cargo run --release -p factdesk-core --example generate -- PATH COUNT`
//! adds COUNT stories of a generated desk ([`sample::desk_story`]: 5 to 40
//! facts, a third as many sources, article text on every tenth source, a
//! news vocabulary) in batches of 1,000.

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
        let batch: Vec<_> = (made..count.min(made + 1_000)).map(sample::desk_story).collect();
        made += batch.len();
        store.create_stories(&batch)?;
        eprint!("\r{made}/{count}");
    }
    eprintln!();
    Ok(())
}
