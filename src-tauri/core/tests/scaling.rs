//! Every importer is linear (or n log n) in its input.
//!
//! Each case parses an input and the same shape eight times larger, in this
//! one run, and compares the fastest of several timings: linear work gives a
//! ratio near 8, quadratic work 64, exponential work never finishes. The
//! bound (24) leaves room for noise and n log n, never for a square. One
//! `#[test]` runs the cases one after another so they do not time each other.

use factdesk_core::formats::Format;
use factdesk_core::{article, registry, sample};
use std::time::{Duration, Instant};

const GROWTH: usize = 8;
const BOUND: f64 = 24.0;

fn fastest(runs: usize, f: &dyn Fn()) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// The time ratio of parsing `make(8n)` to parsing `make(n)`.
fn ratio(make: &dyn Fn(usize) -> String, parse: &dyn Fn(&str), n: usize) -> f64 {
    let small = make(n);
    let large = make(n * GROWTH);
    parse(&small); // warm caches and allocators
    let a = fastest(7, &|| parse(&small));
    let b = fastest(3, &|| parse(&large));
    b.as_secs_f64() / a.as_secs_f64().max(1e-7)
}

fn itn(text: &str) {
    // Errors are fine: the question is only how long the answer takes.
    let _ = factdesk_core::formats::itn::import(text);
}

fn story_text(facts: usize) -> String {
    Format::Itn.export(&sample::story(facts, facts / 3 + 1))
}

fn sources_line(n: usize) -> String {
    let list: Vec<String> = (1..=n).map(|i| format!("{i}Outlet number {i}")).collect();
    let (last, rest) = list.split_last().unwrap_or((&list[0], &[]));
    format!(
        "Headline\n\nFacts\n\n  \u{2022} A fact.1\n\nSources: {} and {last}.\n",
        rest.join(", ")
    )
}

/// The shape that was exponential: a long chain of `, k` without ` and N`.
fn sources_chain_without_and(n: usize) -> String {
    let list: Vec<String> = (1..=n).map(|i| format!("{i}a")).collect();
    format!("H\n\nFacts\n\n  \u{2022} A.1\n\nSources: {}.\n", list.join(", "))
}

fn repeated_separators(n: usize) -> String {
    format!(
        "H\n\nFacts\n\nSources: 1x{}{}.\n",
        ", 2x".repeat(n),
        " and 3y".repeat(n)
    )
}

fn header_lines(n: usize) -> String {
    let mut s: String = (0..n).map(|i| format!("line {i}\n")).collect();
    s.push_str("Facts\n\n  \u{2022} A fact.\n");
    s
}

fn narrative_with_many_sentences(n: usize) -> String {
    let outlets: Vec<String> = (1..=n / 10 + 2).map(|i| format!("{i}O{i}")).collect();
    let (last, rest) = outlets.split_last().unwrap_or((&outlets[0], &[]));
    format!(
        "H\n\nFacts\n\n  \u{2022} F.1\n\nSources: {} and {last}.\n\nNarratives\n\n  \u{2022} Pro-establishment narrative, as provided by {}\n",
        rest.join(", "),
        "Some. ".repeat(n)
    )
}

fn web_page_copy(n: usize) -> String {
    let seed = include_str!("fixtures/published-story.txt");
    let furniture = "Subscribe to our newsletter\nRead More\nBy Someone\nThe same teaser...\n".repeat(n);
    format!("{furniture}{seed}")
}

fn wrapped_bullets(n: usize) -> String {
    let mut s = String::from("H\n\nFacts\n\n  \u{2022} Start");
    for i in 0..n {
        s.push_str(&format!("\n  continued line {i}"));
    }
    s.push_str(".1\n\nSources: 1A.\n");
    s
}

fn html_paragraphs(n: usize) -> String {
    let body: String = (0..n)
        .map(|i| format!("<p>Paragraph {i} with <b>bold</b> and <a href=\"/x\">a link</a>.</p>"))
        .collect();
    format!("<!DOCTYPE html><html><head><title>T</title></head><body>{body}</body></html>")
}

fn html_nested(n: usize) -> String {
    format!(
        "<!DOCTYPE html><html><body>{}text{}</body></html>",
        "<div><span>".repeat(n),
        "</span></div>".repeat(n)
    )
}

fn html_table(n: usize) -> String {
    let rows: String = (0..n)
        .map(|i| format!("<tr><td>cell {i}</td><td>more</td></tr>"))
        .collect();
    format!("<!DOCTYPE html><html><body><table>{rows}</table></body></html>")
}

fn csv_rows(n: usize) -> String {
    let mut s = String::from("name,aliases,domains,lr,cp,notes\n");
    for i in 0..n {
        s.push_str(&format!(
            "Outlet {i},Alias {i};Other {i},o{i}.example;o{i}.test,3,4,\"notes, {i}\"\n"
        ));
    }
    s
}

#[test]
fn every_importer_is_linear_in_its_input() {
    type Case = (
        &'static str,
        Box<dyn Fn(usize) -> String>,
        Box<dyn Fn(&str)>,
        usize,
    );
    let cases: Vec<Case> = vec![
        ("itn: whole stories", Box::new(story_text), Box::new(itn), 300),
        ("itn: Sources line", Box::new(sources_line), Box::new(itn), 2_000),
        (
            "itn: Sources chain without `and`",
            Box::new(sources_chain_without_and),
            Box::new(itn),
            2_000,
        ),
        (
            "itn: repeated separators",
            Box::new(repeated_separators),
            Box::new(itn),
            2_000,
        ),
        ("itn: header lines", Box::new(header_lines), Box::new(itn), 10_000),
        (
            "itn: narrative sentences",
            Box::new(narrative_with_many_sentences),
            Box::new(itn),
            5_000,
        ),
        (
            "itn: web page copy",
            Box::new(web_page_copy),
            Box::new(itn),
            2_000,
        ),
        (
            "itn: wrapped bullets",
            Box::new(wrapped_bullets),
            Box::new(itn),
            5_000,
        ),
        (
            "json",
            Box::new(|n| Format::Json.export(&sample::story(n, n / 3 + 1))),
            Box::new(|t| {
                let _ = Format::Json.import(t);
            }),
            300,
        ),
        (
            "ninjs",
            Box::new(|n| Format::Ninjs.export(&sample::story(n, n / 3 + 1))),
            Box::new(|t| {
                let _ = Format::Ninjs.import(t);
            }),
            300,
        ),
        (
            "article: paragraphs",
            Box::new(html_paragraphs),
            Box::new(|t| {
                article::read(t);
            }),
            500,
        ),
        (
            "article: nesting",
            Box::new(html_nested),
            Box::new(|t| {
                article::read(t);
            }),
            100,
        ),
        (
            "article: table",
            Box::new(html_table),
            Box::new(|t| {
                article::read(t);
            }),
            300,
        ),
        (
            "outlet CSV",
            Box::new(csv_rows),
            Box::new(|t| {
                let _ = registry::parse_csv(t);
            }),
            2_000,
        ),
    ];
    let mut report = Vec::new();
    for (name, make, parse, n) in &cases {
        let r = ratio(make.as_ref(), parse.as_ref(), *n);
        report.push(format!("{name}: x{GROWTH} input took x{r:.1} time"));
        eprintln!("{}", report.last().map(String::as_str).unwrap_or_default());
        assert!(
            r < BOUND,
            "{name} grows faster than linear: {}",
            report.join("; ")
        );
    }
}

#[test]
fn the_forty_entry_sources_line_that_never_finished_now_reads() {
    let text = sources_chain_without_and(40);
    let story = factdesk_core::formats::itn::import(&text).expect("reads");
    // One reading is all the grammar allows without " and ": a single source.
    assert_eq!(story.sources.len(), 1);
    let text = sources_line(40);
    let story = factdesk_core::formats::itn::import(&text).expect("reads");
    assert_eq!(story.sources.len(), 40);
    assert_eq!(story.sources[39].outlet, "Outlet number 40");
}
