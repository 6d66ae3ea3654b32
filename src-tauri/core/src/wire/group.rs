//! Items grouped into events by text similarity.
//!
//! Method (deterministic): each item's words — its title counted twice, then
//! its summary; lower-cased, diacritics kept, words under three letters and
//! common English words left out, a plural `s` folded — are weighted by
//! TF-IDF over the items being grouped (`1 + ln tf` times the smoothed
//! `1 + ln((1 + n) / (1 + df))`, so a word every item shares still counts)
//! and normalised. Items are taken in
//! order of publication (then their given order); each joins the event whose
//! centroid is most similar (cosine) if that is at least
//! [`Params::threshold`] and the event's newest item is within
//! [`Params::window`] of it, else it starts a new event. Candidate events are
//! found through the words they share with the item (an inverted index), so
//! grouping is near linear in the items. Ties go to the older event.

use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;
use unicode_segmentation::UnicodeSegmentation;

/// One item to group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireItem {
    pub title: String,
    pub summary: String,
    pub published: DateTime<Utc>,
}

/// How alike items of one event must be, and how far apart in time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// Cosine similarity to an event's centroid needed to join it.
    pub threshold: f64,
    /// The most time between an item and the newest item of its event.
    pub window: Duration,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            threshold: 0.15,
            window: Duration::hours(48),
        }
    }
}

/// Words that say nothing about which event an item reports.
const COMMON: &[&str] = &[
    "the", "and", "for", "with", "from", "that", "this", "are", "was", "were", "has", "have", "had", "its",
    "his", "her", "their", "they", "but", "not", "after", "over", "into", "about", "says", "said", "say",
    "will", "would", "could", "can", "new", "more", "than", "amid", "who", "what", "when", "where", "how",
    "why", "all", "out", "off", "our", "you", "your", "been", "being", "also", "just", "now", "one", "two",
    "first", "last", "year", "years", "day", "days", "week", "news", "live", "update", "updates", "report",
    "reports", "latest", "video", "watch", "here", "there", "which", "some", "may", "might", "under",
    "between", "against", "during", "before", "while", "again", "still", "back", "get", "gets", "make",
    "makes", "take", "takes", "set", "sets",
];

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.unicode_words().filter_map(|w| {
        let w = w.to_lowercase();
        let w = w.trim_end_matches("'s").trim_end_matches("’s").to_string();
        if w.chars().count() < 3 || COMMON.contains(&w.as_str()) || w.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        // A plural folded onto its singular ("missiles" = "missile").
        match w.strip_suffix('s') {
            Some(stem) if stem.chars().count() > 3 && !stem.ends_with('s') => Some(stem.to_string()),
            _ => Some(w),
        }
    })
}

/// Term counts of an item: the title twice, the summary once.
fn terms(item: &WireItem) -> HashMap<String, f64> {
    let mut counts: HashMap<String, f64> = HashMap::new();
    for w in words(&item.title) {
        *counts.entry(w).or_default() += 2.0;
    }
    for w in words(&item.summary) {
        *counts.entry(w).or_default() += 1.0;
    }
    counts
}

type Vector = Vec<(usize, f64)>;

/// TF-IDF vectors (sorted by term id, unit length) of every item.
fn vectors(items: &[WireItem]) -> Vec<Vector> {
    let counted: Vec<HashMap<String, f64>> = items.iter().map(terms).collect();
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut df: Vec<f64> = Vec::new();
    // Term ids in first-seen order, so the result never depends on hashing.
    for (item, c) in items.iter().zip(&counted) {
        let mut seen: Vec<&String> = c.keys().collect();
        seen.sort_by_key(|w| first_position(item, w));
        for w in seen {
            let next = ids.len();
            let id = *ids.entry(w.clone()).or_insert(next);
            if id == df.len() {
                df.push(0.0);
            }
            df[id] += 1.0;
        }
    }
    let n = items.len() as f64;
    counted
        .iter()
        .map(|c| {
            let mut v: Vector = c
                .iter()
                .map(|(w, tf)| {
                    let id = ids[w];
                    (id, (1.0 + tf.ln()) * (((1.0 + n) / (1.0 + df[id])).ln() + 1.0))
                })
                .collect();
            v.sort_by_key(|(id, _)| *id);
            normalise(&mut v);
            v
        })
        .collect()
}

fn first_position(item: &WireItem, word: &str) -> usize {
    words(&item.title)
        .chain(words(&item.summary))
        .position(|w| w == word)
        .unwrap_or(usize::MAX)
}

fn normalise(v: &mut Vector) {
    let len = v.iter().map(|(_, x)| x * x).sum::<f64>().sqrt();
    if len > 0.0 {
        v.iter_mut().for_each(|(_, x)| *x /= len);
    }
}

/// An event being built: its items, the sum of their vectors and its newest time.
struct Event {
    items: Vec<usize>,
    sum: HashMap<usize, f64>,
    newest: DateTime<Utc>,
}

impl Event {
    fn similarity(&self, v: &Vector) -> f64 {
        let len = self.sum.values().map(|x| x * x).sum::<f64>().sqrt();
        if len == 0.0 {
            return 0.0;
        }
        v.iter()
            .map(|(id, x)| x * self.sum.get(id).copied().unwrap_or(0.0))
            .sum::<f64>()
            / len
    }
}

/// The events `items` report, each a list of item indices in publication
/// order; events in the order their first item was published.
pub fn group(items: &[WireItem], params: &Params) -> Vec<Vec<usize>> {
    let vectors = vectors(items);
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| (items[i].published, i));
    let mut events: Vec<Event> = Vec::new();
    // Which events hold each term (for candidates).
    let mut holding: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in order {
        let v = &vectors[i];
        let at = items[i].published;
        let mut candidates: Vec<usize> = v
            .iter()
            .flat_map(|(id, _)| holding.get(id).into_iter().flatten().copied())
            .filter(|&e| (at - events[e].newest).abs() <= params.window)
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let best = candidates
            .into_iter()
            .map(|e| (e, events[e].similarity(v)))
            .filter(|(_, s)| *s >= params.threshold)
            .fold(None, |best: Option<(usize, f64)>, (e, s)| match best {
                Some((_, b)) if b >= s => best,
                _ => Some((e, s)),
            });
        let e = match best {
            Some((e, _)) => e,
            None => {
                events.push(Event {
                    items: Vec::new(),
                    sum: HashMap::new(),
                    newest: at,
                });
                events.len() - 1
            }
        };
        let event = &mut events[e];
        event.items.push(i);
        event.newest = event.newest.max(at);
        for (id, x) in v {
            *event.sum.entry(*id).or_default() += x;
            let list = holding.entry(*id).or_default();
            if list.last() != Some(&e) && !list.contains(&e) {
                list.push(e);
            }
        }
    }
    events.into_iter().map(|e| e.items).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(title: &str, hours: i64) -> WireItem {
        WireItem {
            title: title.into(),
            summary: String::new(),
            published: DateTime::from_timestamp(1_700_000_000 + hours * 3600, 0).unwrap_or_default(),
        }
    }

    #[test]
    fn items_about_one_event_group_and_others_stay_apart() {
        let items = [
            item(
                "North Korea sent Russia over a thousand containers of weapons, White House says",
                0,
            ),
            item("Earthquake of magnitude 6.8 strikes Morocco's Atlas mountains", 1),
            item(
                "White House: North Korean weapons containers delivered to Russia",
                2,
            ),
            item(
                "Morocco earthquake death toll rises as rescuers search Atlas villages",
                3,
            ),
            item(
                "Kirby says North Korea delivered containers of munitions to Russia",
                5,
            ),
        ];
        assert_eq!(group(&items, &Params::default()), vec![vec![0, 2, 4], vec![1, 3]]);
    }

    #[test]
    fn the_same_words_a_week_apart_are_two_events() {
        let items = [
            item("Central bank raises interest rates", 0),
            item("Central bank raises interest rates", 24 * 7),
        ];
        assert_eq!(group(&items, &Params::default()), vec![vec![0], vec![1]]);
    }

    #[test]
    fn grouping_does_not_depend_on_the_order_items_arrive_in_at_one_time() {
        let a = [
            item("Floods hit Libya's Derna after dams burst", 0),
            item("Derna floods: dams burst in Libya", 0),
        ];
        let b = [a[1].clone(), a[0].clone()];
        assert_eq!(group(&a, &Params::default()).len(), 1);
        assert_eq!(group(&b, &Params::default()).len(), 1);
    }
}
