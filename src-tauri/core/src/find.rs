//! Find and replace within one story.
//!
//! Contract: [`find`] counts the matches of a text in every field an editor
//! writes — headline, summary, image credit, each fact, each source's
//! outlet and title, each narrative's outlet and text, each prediction's
//! statement and forecaster, and the names of the story's two sides — and
//! names each place (with a [`Target`] the window can open). [`replace`]
//! replaces them all and returns the new story with the count, so the
//! window applies it as one undoable step. URLs, dates and a source's saved
//! article text are left alone: they record what a source is and says.
//! Matching ignores case unless asked (Unicode case folding), and can be
//! limited to whole words; the text is taken literally, never as a pattern.

use crate::checks::Target;
use crate::error::{Error, ErrorCode, Result};
use crate::model::Story;
use crate::numbering::Numbering;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The longest text to find or replace with.
pub const MAX_FIND_CHARS: usize = 1_000;

/// How to match.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FindOptions {
    pub match_case: bool,
    pub whole_words: bool,
}

/// One field holding matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Place {
    /// "Headline", "Fact 3", "Source 2's title"…
    pub field: String,
    pub target: Target,
    pub count: u32,
}

/// Where a text occurs in a story.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Found {
    pub total: u32,
    pub places: Vec<Place>,
    /// For people: "5 matches in 3 fields", "No match".
    pub summary: String,
}

/// A story with every match replaced, and how many were.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Replaced {
    pub story: Story,
    pub count: u32,
    /// For people: "Replaced 4 matches in 3 fields." (one undo step).
    pub message: String,
}

/// "1 match", "5 matches".
fn matches(n: u32) -> String {
    if n == 1 {
        "1 match".into()
    } else {
        format!("{n} matches")
    }
}

/// "1 field", "3 fields".
fn in_fields(n: usize) -> String {
    if n == 1 {
        "1 field".into()
    } else {
        format!("{n} fields")
    }
}

/// Refuses `text` (`what` it is, for the message) past [`MAX_FIND_CHARS`].
fn within_bound(text: &str, what: &str) -> Result<()> {
    match text.chars().count() > MAX_FIND_CHARS {
        true => Err(Error::Refused {
            code: ErrorCode::BadQuery,
            message: format!("{what} is longer than {MAX_FIND_CHARS} characters"),
        }),
        false => Ok(()),
    }
}

fn pattern(needle: &str, options: FindOptions) -> Result<Option<regex::Regex>> {
    if needle.is_empty() {
        return Ok(None);
    }
    within_bound(needle, "the text to find")?;
    let mut source = regex::escape(needle);
    if options.whole_words {
        source = format!(r"\b{source}\b");
    }
    regex::RegexBuilder::new(&source)
        .case_insensitive(!options.match_case)
        .size_limit(1 << 20)
        .build()
        .map(Some)
        .map_err(|_| Error::Refused {
            code: ErrorCode::BadQuery,
            message: "the text to find is too complex to look for".into(),
        })
}

/// Every field find and replace works on, with its place, mutably.
fn fields<'a>(story: &'a mut Story, numbering: &Numbering) -> Vec<(String, Target, &'a mut String)> {
    let mut out: Vec<(String, Target, &'a mut String)> = Vec::new();
    let story_field = |f: &str| Target::Story { field: f.into() };
    out.push(("Headline".into(), story_field("headline"), &mut story.headline));
    out.push(("Summary".into(), story_field("summary"), &mut story.summary));
    out.push((
        "Image credit".into(),
        story_field("image-credit"),
        &mut story.image_credit,
    ));
    for (i, f) in story.facts.iter_mut().enumerate() {
        out.push((format!("Fact {}", i + 1), Target::Fact { id: f.id }, &mut f.text));
    }
    for s in story.sources.iter_mut() {
        let n = numbering.number(s.id).map_or("?".to_string(), |n| n.to_string());
        let at = |field: &str| Target::Source {
            id: s.id,
            field: field.into(),
        };
        let (outlet, title) = (at("outlet"), at("title"));
        out.push((format!("Source {n}'s outlet"), outlet, &mut s.outlet));
        out.push((format!("Source {n}'s title"), title, &mut s.title));
    }
    for (i, x) in story.narratives.iter_mut().enumerate() {
        let at = |field: &str| Target::Narrative {
            id: x.id,
            field: field.into(),
        };
        let (outlet, text) = (at("outlet"), at("text"));
        out.push((format!("Narrative {}'s outlet", i + 1), outlet, &mut x.outlet));
        out.push((format!("Narrative {}", i + 1), text, &mut x.text));
    }
    for (i, p) in story.predictions.iter_mut().enumerate() {
        let at = |field: &str| Target::Prediction {
            id: p.id,
            field: field.into(),
        };
        let (statement, forecaster) = (at("statement"), at("forecaster"));
        out.push((format!("Prediction {}", i + 1), statement, &mut p.statement));
        out.push((
            format!("Prediction {}'s forecaster", i + 1),
            forecaster,
            &mut p.forecaster,
        ));
    }
    if let Some(axis) = story.axis.as_mut() {
        out.push(("First side".into(), story_field("axis"), &mut axis.first));
        out.push(("Second side".into(), story_field("axis-second"), &mut axis.second));
    }
    out
}

/// Where `needle` occurs in `story`.
pub fn find(story: &Story, needle: &str, options: FindOptions) -> Result<Found> {
    let Some(re) = pattern(needle, options)? else {
        return Ok(Found::default());
    };
    let found = places(story, &re);
    Ok(found)
}

fn places(story: &Story, re: &regex::Regex) -> Found {
    let numbering = Numbering::of(story);
    let mut copy = story.clone();
    let mut found = Found::default();
    for (field, target, text) in fields(&mut copy, &numbering) {
        let count = re.find_iter(text).count() as u32;
        if count > 0 {
            found.total += count;
            found.places.push(Place { field, target, count });
        }
    }
    found.summary = match found.total {
        0 => "No match".into(),
        n => format!("{} in {}", matches(n), in_fields(found.places.len())),
    };
    found
}

/// `story` with every `needle` replaced by `with` (taken literally).
pub fn replace(story: &Story, needle: &str, with: &str, options: FindOptions) -> Result<Replaced> {
    within_bound(with, "the replacement")?;
    let mut story = story.clone();
    let Some(re) = pattern(needle, options)? else {
        return Ok(Replaced {
            story,
            count: 0,
            message: "Nothing to replace.".into(),
        });
    };
    let numbering = Numbering::of(&story);
    let (mut count, mut changed) = (0, 0);
    for (_, _, text) in fields(&mut story, &numbering) {
        let n = re.find_iter(text).count() as u32;
        if n > 0 {
            *text = re.replace_all(text, regex::NoExpand(with)).into_owned();
            count += n;
            changed += 1;
        }
    }
    let message = match count {
        0 => "No match to replace.".into(),
        n => format!("Replaced {} in {}.", matches(n), in_fields(changed)),
    };
    Ok(Replaced {
        story,
        count,
        message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story() -> Story {
        let mut s = crate::sample::story(3, 2);
        s.headline = "Seoul talks: SEOUL and seoulful".into();
        s.facts[1].text = "Officials in Seoul said so.".into();
        s.sources[0].url = "https://example.com/seoul".into();
        s.sources[0].saved_text = "Seoul, Seoul, Seoul.".into();
        s.sources[1].title = "Seoul responds".into();
        s
    }

    #[test]
    fn counts_every_editable_field_and_names_each_place() {
        let found = find(&story(), "seoul", FindOptions::default()).unwrap();
        let places: Vec<(&str, u32)> = found.places.iter().map(|p| (p.field.as_str(), p.count)).collect();
        assert_eq!(
            places,
            vec![("Headline", 3), ("Fact 2", 1), ("Source 2's title", 1)]
        );
        assert_eq!(found.total, 5, "URLs and saved article text are left alone");
        assert_eq!(found.summary, "5 matches in 3 fields");
        let whole = find(
            &story(),
            "seoul",
            FindOptions {
                match_case: false,
                whole_words: true,
            },
        )
        .unwrap();
        assert_eq!(whole.total, 4, "seoulful is not the word");
        let cased = find(
            &story(),
            "Seoul",
            FindOptions {
                match_case: true,
                whole_words: false,
            },
        )
        .unwrap();
        assert_eq!(cased.total, 3);
    }

    #[test]
    fn replaces_literally_and_says_how_many() {
        let r = replace(
            &story(),
            "seoul",
            "$1 Busan",
            FindOptions {
                match_case: false,
                whole_words: true,
            },
        )
        .unwrap();
        assert_eq!(
            (r.count, r.message.as_str()),
            (4, "Replaced 4 matches in 3 fields.")
        );
        assert_eq!(r.story.headline, "$1 Busan talks: $1 Busan and seoulful");
        assert_eq!(r.story.sources[0].saved_text, "Seoul, Seoul, Seoul.");
        assert_eq!(
            find(
                &r.story,
                "seoul",
                FindOptions {
                    match_case: false,
                    whole_words: true
                }
            )
            .unwrap()
            .total,
            0
        );
        let before = story();
        let none = replace(&before, "", "x", FindOptions::default()).unwrap();
        assert_eq!((none.count, none.story), (0, before));
        let dots = find(&story(), ".*", FindOptions::default()).unwrap();
        assert_eq!(dots.total, 0, "the text is never a pattern");
        assert!(find(&story(), &"x".repeat(MAX_FIND_CHARS + 1), FindOptions::default()).is_err());
    }
}
