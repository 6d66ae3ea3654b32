//! Word and character counts, for the story and for each fact.
//!
//! Contract: a word is a Unicode word (UAX #29, the `unicode-segmentation`
//! crate), so "1.8K", "don't" and "Kim Jong Un" count as a reader would;
//! characters are the trimmed text's characters, as the publish checks
//! count them. The story's count covers what readers read: the headline,
//! summary, facts, narratives and predictions. A fact's limit is the
//! checks' own ([`crate::checks::FACT_LONG_CHARS`]) and the facts past it
//! are [`crate::checks::fact_too_long`]'s, so the count the window marks
//! turns when the gate's warning appears, never apart. The lines the
//! editor reads ("Story: 1,234 words · 7,890 characters") are written here.

use crate::list_words::{counted, grouped};
use crate::model::Story;
use serde::Serialize;
use ts_rs::TS;
use unicode_segmentation::UnicodeSegmentation;

/// How long a text is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Count {
    pub words: u32,
    pub chars: u32,
}

impl Count {
    pub fn of(text: &str) -> Count {
        let text = text.trim();
        Count {
            words: text.unicode_words().count() as u32,
            chars: text.chars().count() as u32,
        }
    }

    fn add(self, other: Count) -> Count {
        Count {
            words: self.words + other.words,
            chars: self.chars + other.chars,
        }
    }
}

/// The counts of a story and of each of its facts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Counts {
    /// Everything readers read. The numbers stay in the core: the window
    /// reads the lines, and each keystroke's patch would carry both.
    #[serde(skip)]
    #[ts(skip)]
    pub story: Count,
    /// Each fact, in story order (not sent, as `story`).
    #[serde(skip)]
    #[ts(skip)]
    pub facts: Vec<Count>,
    /// The most characters a fact should have; past it the gate warns.
    pub fact_max_chars: u32,
    /// What the editor reads under the story's fields: "Story: 1,234 words
    /// · 7,890 characters".
    pub story_line: String,
    /// What it reads beside each fact, in story order: "12 words · 80/500".
    pub fact_lines: Vec<String>,
    /// The facts (indexes in story order) past the most characters, whose
    /// counts the editor marks ([`crate::checks::fact_too_long`]).
    pub long_facts: Vec<u32>,
    /// Beside the headline: its characters against the most it may have,
    /// "53/200" (as a fact's line ends).
    pub headline_line: String,
    /// Whether the headline is past them ([`crate::checks::headline_too_long`]).
    pub headline_long: bool,
    /// What the empty headline field says.
    pub headline_hint: String,
}

/// The story's line of [`Counts::story_line`].
fn story_line(c: Count) -> String {
    format!(
        "Story: {} · {}",
        counted(c.words.into(), "word", "words"),
        counted(c.chars.into(), "character", "characters")
    )
}

/// Characters against the most a field should have: "53/200".
fn of_most(chars: u64, max: u64) -> String {
    format!("{}/{}", grouped(chars), grouped(max))
}

/// A fact's line of [`Counts::fact_lines`]: its words, and its characters
/// against the most a fact should have.
fn fact_line(c: Count, max: u32) -> String {
    format!(
        "{} · {}",
        counted(c.words.into(), "word", "words"),
        of_most(c.chars.into(), max.into())
    )
}

/// Counts `story`.
pub fn count(story: &Story) -> Counts {
    let headline = Count::of(&story.headline);
    let facts: Vec<Count> = story.facts.iter().map(|f| Count::of(&f.text)).collect();
    let mut total = headline.add(Count::of(&story.summary));
    for f in &facts {
        total = total.add(*f);
    }
    for n in &story.narratives {
        total = total.add(Count::of(&n.text));
    }
    for p in &story.predictions {
        total = total.add(Count::of(&p.statement));
    }
    let fact_max_chars = crate::checks::FACT_LONG_CHARS as u32;
    Counts {
        story: total,
        story_line: story_line(total),
        headline_line: of_most(headline.chars.into(), crate::model::HEADLINE_MAX_CHARS as u64),
        headline_long: crate::checks::headline_too_long(headline.chars as usize),
        headline_hint: format!(
            "One line, at most {} characters",
            crate::model::HEADLINE_MAX_CHARS
        ),
        fact_lines: facts.iter().map(|f| fact_line(*f, fact_max_chars)).collect(),
        long_facts: (0u32..)
            .zip(&facts)
            .filter(|(_, f)| crate::checks::fact_too_long(f.chars as usize))
            .map(|(i, _)| i)
            .collect(),
        facts,
        fact_max_chars,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_what_a_reader_counts() {
        assert_eq!(
            Count::of("  Kim Jong Un didn't attend; 1.8K people did.  "),
            Count { words: 8, chars: 43 }
        );
        assert_eq!(Count::of("— ? —"), Count { words: 0, chars: 5 });
        assert_eq!(Count::of("Сеул и Пхеньян"), Count { words: 3, chars: 14 });
    }

    #[test]
    fn the_story_counts_what_readers_read_and_each_fact_apart() {
        let mut s = crate::sample::story(2, 1);
        s.headline = "Two words".into();
        s.summary = String::new();
        s.facts[0].text = "One two three.".into();
        s.facts[1].text = "Four.".into();
        s.narratives.clear();
        s.predictions.clear();
        let c = count(&s);
        assert_eq!(
            c.facts,
            vec![Count { words: 3, chars: 14 }, Count { words: 1, chars: 5 }]
        );
        assert_eq!(c.story.words, 6);
        assert_eq!(c.fact_max_chars as usize, crate::checks::FACT_LONG_CHARS);
        let max = crate::list_words::grouped(crate::checks::FACT_LONG_CHARS as u64);
        assert_eq!(
            c.fact_lines,
            vec![format!("3 words · 14/{max}"), format!("1 word · 5/{max}")]
        );
        assert_eq!(c.story_line, "Story: 6 words · 28 characters");
        assert!(c.long_facts.is_empty());
        s.facts[1].text = "x".repeat(crate::checks::FACT_LONG_CHARS);
        assert!(count(&s).long_facts.is_empty(), "at the limit is not past it");
        s.facts[1].text.push('y');
        assert_eq!(count(&s).long_facts, vec![1]);
        let findings = crate::checks::check(&s, &Default::default());
        assert!(findings
            .iter()
            .any(|f| f.code == crate::checks::FindingCode::FactTooLong));
    }

    #[test]
    fn the_lines_group_thousands_and_say_one_of_a_thing() {
        let one = Count { words: 1, chars: 1 };
        assert_eq!(story_line(one), "Story: 1 word · 1 character");
        let many = Count {
            words: 12_345,
            chars: 1_234_567,
        };
        assert_eq!(story_line(many), "Story: 12,345 words · 1,234,567 characters");
        assert_eq!(
            fact_line(
                Count {
                    words: 0,
                    chars: 1_200
                },
                1_000
            ),
            "0 words · 1,200/1,000"
        );
    }

    #[test]
    fn the_headline_is_counted_against_its_limit_and_marked_past_it() {
        let mut s = crate::sample::story(1, 1);
        s.headline = format!("  {}  ", "h".repeat(200));
        let at = count(&s);
        assert_eq!((at.headline_line.as_str(), at.headline_long), ("200/200", false));
        assert_eq!(at.headline_hint, "One line, at most 200 characters");
        s.headline = format!("  {}  ", "h".repeat(201));
        let past = count(&s);
        assert_eq!(
            (past.headline_line.as_str(), past.headline_long),
            ("201/200", true)
        );
        let gate = crate::checks::check(&s, &crate::sample::registry());
        assert!(
            gate.iter().any(|f| f.code == "headline-too-long"),
            "the gate refuses it too"
        );
    }
}
