//! Capturing a page against a bare GET of the same page, in one run
//! (`scripts/bench.sh` prints the ratios): a local server on 127.0.0.1
//! serves the source article as a news page; "bare_get" is ureq's GET and
//! read of the body with no limits (a new connection each, as a capture), "fetch" is Factdesk's bounded fetch
//! (redirect, size and time limits, cancellation checks), "capture" adds
//! decoding and reading the article (Readability, JSON-LD, Open Graph).

#[path = "../tests/web/mod.rs"]
mod web;

use criterion::{criterion_group, criterion_main, Criterion};
use factdesk_core::capture::{self, Conditional, Limits};
use factdesk_core::registry::Registry;
use std::hint::black_box;
use std::sync::atomic::AtomicBool;

fn bench(c: &mut Criterion) {
    let server = web::Web::start();
    let url = server.url("/article");
    let (limits, cancel, registry) = (Limits::default(), AtomicBool::new(false), Registry::default());
    let mut g = c.benchmark_group("capture_article");
    g.bench_function("bare_get", |b| {
        b.iter(|| {
            // A new connection each time, as a capture makes (a kept-alive
            // one meets tiny_http's small writes and delayed ACKs: 40 ms).
            let mut response = ureq::get(&url).call().expect("get");
            black_box(response.body_mut().read_to_vec().expect("body"))
        })
    });
    g.bench_function("fetch", |b| {
        b.iter(|| black_box(capture::fetch(&url, &limits, &Conditional::default(), &cancel).expect("fetch")))
    });
    g.bench_function("capture", |b| {
        b.iter(|| {
            black_box(
                capture::capture(&url, &registry, &limits, &cancel, factdesk_core::model::now())
                    .expect("capture"),
            )
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
