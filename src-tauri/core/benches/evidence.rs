//! The evidence check's cost in the live analysis: a 300-fact story whose
//! 100 sources each hold an article of about 5,000 words, analysed with the
//! check and without it in the same run (`scripts/bench.sh` prints the
//! ratio). "Typing" is the analysis after a keystroke in one fact, every
//! source's text read already; "first" reads every source's text again
//! (what a change of saved text costs, once).

use criterion::{criterion_group, criterion_main, Criterion};
use factdesk_core::checks::Evidence;
use factdesk_core::evidence::SourceIndex;
use factdesk_core::model::Story;
use factdesk_core::{analysis, sample};
use std::hint::black_box;

const ARTICLE: &str = include_str!("../tests/fixtures/source-article.txt");

/// An article of about 5,000 words, different for each source: the sample
/// article ten times over, its figures changed per source and copy.
fn article(source: usize) -> String {
    (0..10)
        .map(|copy| {
            ARTICLE
                .replace("60,000", &format!("{},000", 60 + source + copy))
                .replace("2.5 million", &format!("{}.5 million", 2 + copy))
                .replace("Najin", if copy % 2 == 0 { "Najin" } else { "Rason" })
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// 300 facts, each citing one of the 100 sources, stating what its article
/// says (every other one with a figure changed).
fn story() -> Story {
    let mut story = sample::story(300, 100);
    // About 5,000 words per source.
    let facts = [
        "Containers moved from Najin to Dunay between September and October, the White House said.",
        "Russia's shell production this year is forecast at 2.5 million, John Kirby said.",
        "Moscow's forces fire 61,000 rounds a day, Ukrainian statistics suggest.",
        "North Korea delivered over a thousand containers to Russia, according to Kim Jong Un's critics.",
    ];
    for (i, source) in story.sources.iter_mut().enumerate() {
        source.saved_text = article(i);
    }
    for (i, fact) in story.facts.iter_mut().enumerate() {
        fact.text = facts[i % facts.len()].to_string();
    }
    story
}

fn bench(c: &mut Criterion) {
    let registry = sample::registry();
    let story = story();
    let words: usize = story
        .sources
        .iter()
        .map(|s| s.saved_text.split_whitespace().count())
        .sum();
    eprintln!(
        "evidence bench: 300 facts, 100 sources, {} words of saved text",
        words
    );
    let mut group = c.benchmark_group("evidence_300x100");
    group.sample_size(20);
    group.bench_function("analysis_without", |b| {
        b.iter(|| {
            black_box(analysis::analyze_with(
                black_box(&story),
                &registry,
                Evidence::Skipped,
            ))
        })
    });
    // As typing: fact 150's text is new at every analysis (the others and
    // the sources' texts as they were).
    let mut typing = story.clone();
    let base = typing.facts[150].text.clone();
    let mut keys = 0u64;
    group.bench_function("analysis_typing", |b| {
        b.iter(|| {
            keys += 1;
            typing.facts[150].text = format!("{base} typed{keys}");
            black_box(analysis::analyze(black_box(&typing), &registry))
        })
    });
    group.bench_function("first_read", |b| {
        b.iter(|| {
            for s in &story.sources {
                black_box(SourceIndex::of(&s.saved_text));
            }
        })
    });
    group.finish();
    first_open(c, &registry);
}

/// A story's first open: the 3,000-fact, 1,000-source sample story
/// analysed with every source's text new to the process (each run's
/// texts differ), against the analysis without the evidence check.
fn first_open(c: &mut Criterion, registry: &factdesk_core::registry::Registry) {
    let story = sample::story(3000, 1000);
    let mut group = c.benchmark_group("evidence_open_3000x1000");
    group.sample_size(10);
    group.bench_function("analysis_without", |b| {
        b.iter(|| {
            black_box(analysis::analyze_with(
                black_box(&story),
                registry,
                Evidence::Skipped,
            ))
        })
    });
    let mut run = 0u64;
    group.bench_function("analysis_first", |b| {
        b.iter_batched(
            || {
                run += 1;
                let mut fresh = story.clone();
                for s in &mut fresh.sources {
                    s.saved_text.push_str(&format!(" Run {run}."));
                }
                fresh
            },
            |fresh| black_box(analysis::analyze(&fresh, registry)),
            criterion::BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
