//! Stories reposted as bullet lists whose facts each end with the outlet
//! that reported them and its ratings:
//!
//! `• In a statement, No Labels said it wasn't able to "identify candidates …" Forbes (LR: 3 CP: 5)`
//!
//! Contract: [`looks_like`] tells such text from the canonical text (two
//! bullets or more, every bullet ending with an outlet and `(LR: … CP: …)`).
//! [`read`] makes a draft of it: the lines before the first bullet give the
//! headline and the summary, each bullet a fact citing its outlet's source
//! (one source per outlet, numbered by first use), and the ratings the text
//! gives each outlet are returned apart, for the registry to be offered
//! ([`crate::workflow::offer_ratings`]), never applied here.

use crate::model::{Fact, FactId, Source, SourceId, Story};
use regex::Regex;
use std::sync::OnceLock;

/// An outlet's ratings as the reposted text gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rating {
    pub outlet: String,
    pub lr: Option<u8>,
    pub cp: Option<u8>,
}

/// The draft and the ratings its text gives.
#[derive(Debug, Clone, PartialEq)]
pub struct Reposted {
    pub story: Story,
    pub ratings: Vec<Rating>,
}

const BULLETS: &[char] = &['•', '◦', '▪', '‣', '·', '-', '*', '–'];

fn bullet(line: &str) -> Option<&str> {
    let t = line.trim();
    let rest = t.strip_prefix(BULLETS)?;
    rest.starts_with(char::is_whitespace).then(|| rest.trim())
}

/// The ratings group at a bullet's end: `(LR: 3 CP: 5)`, `(LR: 3, CP: -)`.
fn ratings() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)\(\s*LR:\s*(?P<lr>[1-5]|-|n/?a)?\s*[,;]?\s*CP:\s*(?P<cp>[1-5]|-|n/?a)?\s*\)\s*$")
            .expect("a valid pattern")
    })
}

fn rating(value: Option<regex::Match>) -> Option<u8> {
    value.and_then(|m| m.as_str().parse().ok())
}

/// A bullet split into its fact, its outlet and the outlet's ratings.
fn split(item: &str) -> Option<(String, Rating)> {
    let caps = ratings().captures(item)?;
    let whole = caps.get(0)?;
    let before = item[..whole.start()].trim_end();
    // The outlet follows the fact's last sentence end.
    let cut = before
        .char_indices()
        .rev()
        .find(|&(i, c)| {
            matches!(c, '.' | '!' | '?' | '"' | '”' | '’' | '\'' | ')')
                && before[i + c.len_utf8()..].starts_with(char::is_whitespace)
        })
        .map(|(i, c)| i + c.len_utf8())?;
    let (fact, outlet) = (before[..cut].trim(), before[cut..].trim());
    (!fact.is_empty() && !outlet.is_empty()).then(|| {
        (
            fact.to_string(),
            Rating {
                outlet: outlet.to_string(),
                lr: rating(caps.name("lr")),
                cp: rating(caps.name("cp")),
            },
        )
    })
}

/// Whether `text` is a reposted bullet list (see the module's contract).
pub fn looks_like(text: &str) -> bool {
    let items: Vec<&str> = text.lines().filter_map(bullet).collect();
    items.len() >= 2 && items.iter().all(|i| split(i).is_some())
}

/// Reads a reposted bullet list into a draft and the ratings it gives.
pub fn read(text: &str) -> Result<Reposted, String> {
    let text = text.trim_start_matches('\u{FEFF}');
    let mut lead: Vec<&str> = Vec::new();
    let mut items = Vec::new();
    for line in text.lines() {
        match bullet(line) {
            Some(item) => items.push(
                split(item)
                    .ok_or_else(|| format!("this bullet names no outlet and ratings at its end: {item}"))?,
            ),
            None if items.is_empty() && !line.trim().is_empty() => lead.push(line.trim()),
            None => {}
        }
    }
    if items.is_empty() {
        return Err(
            "no bullets ending with an outlet and its ratings, such as “Forbes (LR: 3 CP: 5)”".into(),
        );
    }
    let mut story = Story::new(lead.first().copied().unwrap_or_default().to_string());
    story.summary = lead.get(1..).unwrap_or_default().join(" ");
    let mut ratings: Vec<Rating> = Vec::new();
    for (fact, rating) in items {
        let key = crate::registry::outlet_key(&rating.outlet);
        let source = match story
            .sources
            .iter()
            .find(|s| crate::registry::outlet_key(&s.outlet) == key)
        {
            Some(s) => s.id,
            None => {
                let id = SourceId::new();
                story.sources.push(Source {
                    id,
                    outlet: rating.outlet.clone(),
                    ..Source::default()
                });
                ratings.push(rating);
                id
            }
        };
        story.facts.push(Fact {
            id: FactId::new(),
            text: fact,
            citations: vec![source],
        });
    }
    Ok(Reposted { story, ratings })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "No Labels will not field a presidential ticket\n\
        The centrist group ends its search.\n\
        \n\
        • In a statement, No Labels said it wasn't able to \"identify candidates with a credible path to winning the White House.\" Forbes (LR: 3 CP: 5)\n\
        • The group had raised about $60M since 2021. The Hill (LR: 3, CP: 4)\n\
        • Its founder called the decision painful. Forbes (LR: 3 CP: 5)\n";

    #[test]
    fn each_bullet_becomes_a_fact_citing_its_outlet_numbered_by_first_use() {
        assert!(looks_like(TEXT));
        let r = read(TEXT).unwrap();
        assert_eq!(r.story.headline, "No Labels will not field a presidential ticket");
        assert_eq!(r.story.summary, "The centrist group ends its search.");
        let outlets: Vec<&str> = r.story.sources.iter().map(|s| s.outlet.as_str()).collect();
        assert_eq!(outlets, vec!["Forbes", "The Hill"]);
        assert_eq!(r.story.facts.len(), 3);
        assert_eq!(
            r.story.facts[0].text,
            "In a statement, No Labels said it wasn't able to \"identify candidates with a credible path to winning the White House.\""
        );
        assert_eq!(r.story.facts[2].citations, vec![r.story.sources[0].id]);
        assert_eq!(
            r.ratings,
            vec![
                Rating {
                    outlet: "Forbes".into(),
                    lr: Some(3),
                    cp: Some(5)
                },
                Rating {
                    outlet: "The Hill".into(),
                    lr: Some(3),
                    cp: Some(4)
                },
            ]
        );
    }

    #[test]
    fn canonical_text_and_plain_lists_are_not_reposted_stories() {
        assert!(!looks_like(include_str!(
            "../../tests/fixtures/published-story.txt"
        )));
        assert!(
            !looks_like("• one thing. Forbes\n• another. Reuters\n"),
            "no ratings"
        );
        assert!(!looks_like("• one thing. Forbes (LR: 3 CP: 5)\n"), "one bullet");
        assert!(read("just a line").is_err());
    }
}
