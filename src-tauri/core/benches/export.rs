//! Exporting 10,000 generated stories to each format, against a baseline
//! measured in the same run: serialising the same stories with plain
//! `serde_json::to_string` (no formatting, no escaping work of our own).

use criterion::{criterion_group, criterion_main, Criterion};
use factdesk_core::formats::Format;
use factdesk_core::model::Story;
use std::hint::black_box;
use std::time::Duration;

const STORIES: usize = 10_000;

fn stories() -> Vec<Story> {
    (0..STORIES)
        .map(|i| factdesk_core::sample::story(4 + i % 9, 2 + i % 5))
        .collect()
}

fn bench(c: &mut Criterion) {
    let stories = stories();
    let mut group = c.benchmark_group("export_10k");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));
    group.bench_function("baseline_serde_json", |b| {
        b.iter(|| {
            stories
                .iter()
                .map(|s| serde_json::to_string(black_box(s)).map_or(0, |t| t.len()))
                .sum::<usize>()
        })
    });
    for format in Format::ALL {
        group.bench_function(format.name(), |b| {
            b.iter(|| {
                stories
                    .iter()
                    .map(|s| format.export(black_box(s)).len())
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
