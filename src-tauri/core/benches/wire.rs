//! Grouping 10,000 wire items into events (`scripts/bench.sh`): the labelled
//! set of 208 real headlines repeated 49 times, each copy 30 days after the
//! last (so events stay apart, as a week's window would keep them), with a
//! copy number in every headline so no two copies read alike.

// The labelled set's reader; its tests are not compiled here.
#[path = "../tests/wire_grouping.rs"]
#[allow(dead_code, unused_imports)]
mod labelled;

use criterion::{criterion_group, criterion_main, Criterion};
use factdesk_core::wire::{group, Params, WireItem};
use std::hint::black_box;

fn items() -> Vec<WireItem> {
    let set = labelled::labelled();
    (0..49)
        .flat_map(|copy| {
            set.iter().map(move |(_, item)| WireItem {
                title: format!("{} (edition {copy})", item.title),
                summary: item.summary.clone(),
                published: item.published + chrono::Duration::days(30 * copy),
            })
        })
        .take(10_000)
        .collect()
}

fn bench(c: &mut Criterion) {
    let items = items();
    assert_eq!(items.len(), 10_000);
    let mut g = c.benchmark_group("wire");
    g.sample_size(10);
    g.bench_function("group_10000", |b| {
        b.iter(|| black_box(group(&items, &Params::default())))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
