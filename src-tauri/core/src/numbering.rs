//! Source numbering, derived and never stored.
//!
//! Contract (FORMAT.md "Numbering"): sources are numbered 1..N in order of
//! first citation reading the facts top to bottom; sources no fact cites come
//! last in the order they were added. Two or more sources of one outlet are
//! labelled `Outlet (a)`, `Outlet (b)`, … in number order; the suffix is for
//! display only. Citations of sources that no longer exist get no number.
//! A fact shows its citations in number order ([`Numbering::cited`]),
//! whatever order the editor cited them in.

use crate::model::{SourceId, Story};
use std::collections::HashMap;

/// The derived numbers and display labels of a story's sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Numbering {
    /// Source identities in number order: `order[0]` is source 1.
    pub order: Vec<SourceId>,
    numbers: HashMap<SourceId, usize>,
    labels: HashMap<SourceId, String>,
    /// Where each source sits in `story.sources`, so lookups by id are not
    /// scans (the checks look a source up per citation: a scan would make
    /// them grow with facts × sources).
    at: HashMap<SourceId, usize>,
}

impl Numbering {
    /// The numbers a fact cites, ascending and each once, as every layout
    /// shows them.
    pub fn cited(&self, fact: &crate::model::Fact) -> Vec<usize> {
        let mut out: Vec<usize> = fact.citations.iter().filter_map(|id| self.number(*id)).collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Numbers the sources of `story`.
    pub fn of(story: &Story) -> Numbering {
        let known: HashMap<SourceId, usize> =
            story.sources.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
        let mut order = Vec::with_capacity(story.sources.len());
        let mut numbers = HashMap::with_capacity(story.sources.len());
        let cited = story.facts.iter().flat_map(|f| f.citations.iter());
        for id in cited.chain(story.sources.iter().map(|s| &s.id)) {
            if known.contains_key(id) && !numbers.contains_key(id) {
                order.push(*id);
                numbers.insert(*id, order.len());
            }
        }

        let source = |id: &SourceId| known.get(id).map(|&i| &story.sources[i]);
        let keys: HashMap<SourceId, String> = order
            .iter()
            .map(|id| {
                (
                    *id,
                    source(id).map_or_else(String::new, |s| crate::registry::outlet_key(&s.outlet)),
                )
            })
            .collect();
        let mut per_outlet: HashMap<&str, usize> = HashMap::new();
        for id in &order {
            *per_outlet.entry(keys[id].as_str()).or_default() += 1;
        }
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let mut labels = HashMap::with_capacity(order.len());
        for id in &order {
            let key = keys[id].as_str();
            let outlet = source(id).map_or("", |s| s.outlet.trim());
            let label = if per_outlet[key] > 1 {
                let n = seen.entry(key).or_default();
                let suffix = suffix_letters(*n);
                *n += 1;
                format!("{outlet} ({suffix})")
            } else {
                outlet.to_string()
            };
            labels.insert(*id, label);
        }
        Numbering {
            order,
            numbers,
            labels,
            at: known,
        }
    }

    /// The live number of a source (1-based); `None` for an unknown source.
    pub fn number(&self, id: SourceId) -> Option<usize> {
        self.numbers.get(&id).copied()
    }

    /// `story`'s source with this id (`story` being the one numbered).
    pub fn source<'s>(&self, story: &'s Story, id: SourceId) -> Option<&'s crate::model::Source> {
        self.at
            .get(&id)
            .and_then(|&i| story.sources.get(i))
            .filter(|s| s.id == id)
    }

    /// The outlet as listed, with its (a)/(b) suffix when the outlet repeats.
    pub fn label(&self, id: SourceId) -> Option<&str> {
        self.labels.get(&id).map(String::as_str)
    }
}

/// `a`..`z`, then `aa`, `ab`, … so that any count of sources stays distinct.
fn suffix_letters(mut n: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'a' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Splits a listed label back into outlet and suffix: `"X (b)"` → `("X", Some("b"))`.
pub fn split_suffix(label: &str) -> (&str, Option<&str>) {
    if let Some(rest) = label.strip_suffix(')') {
        if let Some(open) = rest.rfind(" (") {
            let suffix = &rest[open + 2..];
            if !suffix.is_empty() && suffix.bytes().all(|b| b.is_ascii_lowercase()) {
                return (&rest[..open], Some(suffix));
            }
        }
    }
    (label, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Fact, FactId, Source};

    fn story(outlets: &[&str], cites: &[&[usize]]) -> Story {
        let mut s = Story::new("h");
        s.sources = outlets
            .iter()
            .map(|o| Source {
                outlet: o.to_string(),
                ..Source::default()
            })
            .collect();
        s.facts = cites
            .iter()
            .map(|c| Fact {
                id: FactId::new(),
                text: "f.".into(),
                citations: c.iter().map(|&i| s.sources[i].id).collect(),
            })
            .collect();
        s
    }

    #[test]
    fn numbers_follow_first_citation_and_uncited_come_last() {
        let s = story(&["A", "B", "C", "D"], &[&[2], &[0, 2], &[1]]);
        let n = Numbering::of(&s);
        let ids: Vec<_> = s.sources.iter().map(|x| n.number(x.id)).collect();
        assert_eq!(ids, vec![Some(2), Some(3), Some(1), Some(4)]);
    }

    #[test]
    fn reordering_facts_renumbers() {
        let mut s = story(&["A", "B"], &[&[0], &[1]]);
        assert_eq!(Numbering::of(&s).number(s.sources[0].id), Some(1));
        s.facts.swap(0, 1);
        assert_eq!(Numbering::of(&s).number(s.sources[0].id), Some(2));
    }

    #[test]
    fn dangling_citations_get_no_number() {
        let mut s = story(&["A"], &[&[0]]);
        let ghost = SourceId::new();
        s.facts[0].citations.insert(0, ghost);
        let n = Numbering::of(&s);
        assert_eq!(n.number(ghost), None);
        assert_eq!(n.number(s.sources[0].id), Some(1));
    }

    #[test]
    fn repeated_outlets_get_suffixes_in_number_order() {
        let s = story(&["Times", "Post", "Times"], &[&[2], &[1], &[0]]);
        let n = Numbering::of(&s);
        assert_eq!(n.label(s.sources[2].id), Some("Times (a)"));
        assert_eq!(n.label(s.sources[0].id), Some("Times (b)"));
        assert_eq!(n.label(s.sources[1].id), Some("Post"));
    }

    #[test]
    fn suffixes_never_collide() {
        assert_eq!(suffix_letters(0), "a");
        assert_eq!(suffix_letters(25), "z");
        assert_eq!(suffix_letters(26), "aa");
        assert_eq!(suffix_letters(27), "ab");
        assert_eq!(
            split_suffix("The Times of Israel (b)"),
            ("The Times of Israel", Some("b"))
        );
        assert_eq!(split_suffix("Radio (FM)"), ("Radio (FM)", None));
    }
}
