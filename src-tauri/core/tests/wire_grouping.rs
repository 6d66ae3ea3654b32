//! How well the wire groups items into events: a labelled set of 208 real
//! headlines of 26 events of 2023 (tests/fixtures/wire/labelled.tsv), as
//! outlets across the spectrum wrote them — with events of the same days
//! and the same places (the Crimean bridge and the grain deal on 17 July;
//! Bakhmut and the G7 in Hiroshima; the Moon landing, Prigozhin's crash
//! and the BRICS summit) — measured by pairwise precision and recall.

use chrono::{NaiveDateTime, TimeZone, Utc};
use factdesk_core::wire::{group, Params, WireItem};

/// (event label, item) for every line of the labelled set.
pub fn labelled() -> Vec<(String, WireItem)> {
    include_str!("fixtures/wire/labelled.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let at = NaiveDateTime::parse_from_str(f[1], "%Y-%m-%d %H:%M").expect("time");
            let item = WireItem {
                title: f[3].to_string(),
                summary: String::new(),
                published: Utc.from_utc_datetime(&at),
            };
            (f[0].to_string(), item)
        })
        .collect()
}

/// Pairwise precision and recall of `events` against the labels.
fn pairwise(labels: &[String], events: &[Vec<usize>]) -> (f64, f64) {
    let mut event_of = vec![0usize; labels.len()];
    for (e, items) in events.iter().enumerate() {
        for &i in items {
            event_of[i] = e;
        }
    }
    let (mut both, mut predicted, mut actual) = (0u32, 0u32, 0u32);
    for a in 0..labels.len() {
        for b in a + 1..labels.len() {
            let same_label = labels[a] == labels[b];
            let same_event = event_of[a] == event_of[b];
            both += u32::from(same_label && same_event);
            predicted += u32::from(same_event);
            actual += u32::from(same_label);
        }
    }
    (
        f64::from(both) / f64::from(predicted.max(1)),
        f64::from(both) / f64::from(actual.max(1)),
    )
}

#[test]
fn the_labelled_headlines_group_into_their_events() {
    let set = labelled();
    assert!(set.len() >= 200, "{} items", set.len());
    let (labels, items): (Vec<String>, Vec<WireItem>) = set.into_iter().unzip();
    for threshold in [0.04, 0.06, 0.08, 0.10, 0.12, 0.15, 0.20, 0.25, 0.30] {
        let params = Params {
            threshold,
            ..Params::default()
        };
        let (p, r) = pairwise(&labels, &group(&items, &params));
        println!("threshold {threshold:.2}: pairwise precision {p:.3}, recall {r:.3}");
    }
    let events = group(&items, &Params::default());
    let (precision, recall) = pairwise(&labels, &events);
    println!(
        "{} items, {} events found (26 labelled): pairwise precision {precision:.3}, recall {recall:.3}",
        items.len(),
        events.len()
    );
    assert!(precision >= 0.95, "precision {precision:.3}");
    assert!(recall >= 0.85, "recall {recall:.3}");
}

#[test]
fn grouping_is_the_same_every_time_and_whatever_the_input_order() {
    let (_, items): (Vec<String>, Vec<WireItem>) = labelled().into_iter().unzip();
    let first = group(&items, &Params::default());
    assert_eq!(group(&items, &Params::default()), first);
    let reversed: Vec<WireItem> = items.iter().rev().cloned().collect();
    let mut back: Vec<Vec<usize>> = group(&reversed, &Params::default())
        .into_iter()
        .map(|e| {
            let mut e: Vec<usize> = e.into_iter().map(|i| items.len() - 1 - i).collect();
            e.sort_unstable();
            e
        })
        .collect();
    back.sort();
    let mut sorted: Vec<Vec<usize>> = first
        .into_iter()
        .map(|mut e| {
            e.sort_unstable();
            e
        })
        .collect();
    sorted.sort();
    assert_eq!(back, sorted, "the same events when the items come in reverse");
}
