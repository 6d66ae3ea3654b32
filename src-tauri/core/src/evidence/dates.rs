//! Dates in a text: years, months, weekdays and day-month forms (`5
//! September`, `September 5th`), in English to start.
//!
//! Contract: [`find`] returns each date's byte span and what it names
//! ([`When`]); a day-month also names its month, so a source's "5
//! September" supports a fact's "September". The words of a language are
//! a [`Calendar`]: another language is another table, nothing else.

use unicode_segmentation::UnicodeSegmentation;

/// What a date names, to compare a fact's with a source's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum When {
    Year(u16),
    Month(u8),
    Weekday(u8),
    DayMonth(u8, u8),
}

/// The words of dates in one language.
pub struct Calendar {
    /// Month names and their short forms, 1-based by position.
    pub months: [&'static [&'static str]; 12],
    /// Weekday names and short forms, Monday first.
    pub weekdays: [&'static [&'static str]; 7],
}

pub const ENGLISH: Calendar = Calendar {
    months: [
        &["january", "jan"],
        &["february", "feb"],
        &["march", "mar"],
        &["april", "apr"],
        &["may"],
        &["june", "jun"],
        &["july", "jul"],
        &["august", "aug"],
        &["september", "sept", "sep"],
        &["october", "oct"],
        &["november", "nov"],
        &["december", "dec"],
    ],
    weekdays: [
        &["monday", "mon"],
        &["tuesday", "tue", "tues"],
        &["wednesday", "wed"],
        &["thursday", "thu", "thurs"],
        &["friday", "fri"],
        &["saturday", "sat"],
        &["sunday", "sun"],
    ],
};

impl Calendar {
    fn month(&self, word: &str, capitalised: bool) -> Option<u8> {
        let lower = word.trim_end_matches('.').to_lowercase();
        let i = self
            .months
            .iter()
            .position(|names| names.contains(&lower.as_str()))?;
        // "may" and "march" are words too: a month is capitalised.
        capitalised.then_some(i as u8 + 1)
    }

    fn weekday(&self, word: &str, capitalised: bool) -> Option<u8> {
        let lower = word.to_lowercase();
        let i = self
            .weekdays
            .iter()
            .position(|names| names.contains(&lower.as_str()))?;
        (capitalised && (lower.len() > 3 || word.len() == 3)).then_some(i as u8 + 1)
    }
}

/// A date found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Date {
    pub start: usize,
    pub end: usize,
    pub when: When,
}

/// A day of the month written in digits, with or without its ordinal ending.
fn day(word: &str) -> Option<u8> {
    let digits = word.trim_end_matches(|c: char| c.is_alphabetic());
    let ending = &word[digits.len()..];
    let ok_ending = matches!(ending.to_lowercase().as_str(), "" | "st" | "nd" | "rd" | "th");
    let d: u8 = digits.parse().ok()?;
    (ok_ending && (1..=31).contains(&d)).then_some(d)
}

/// The dates of `text`, in order (see the module's contract).
pub fn find(text: &str, calendar: &Calendar) -> Vec<Date> {
    let words: Vec<(usize, &str)> = text.unicode_word_indices().collect();
    let mut out = Vec::new();
    let span = |i: usize| (words[i].0, words[i].0 + words[i].1.len());
    for (i, &(start, word)) in words.iter().enumerate() {
        let capitalised = word.starts_with(char::is_uppercase);
        if super::numbers::is_year(word) {
            out.push(Date {
                start,
                end: start + word.len(),
                when: When::Year(word.parse().unwrap_or_default()),
            });
        } else if let Some(m) = calendar.month(word, capitalised) {
            let (mut s, mut e) = span(i);
            let before = i.checked_sub(1).and_then(|j| day(words[j].1).map(|d| (j, d)));
            let after = words.get(i + 1).and_then(|w| day(w.1)).map(|d| (i + 1, d));
            let when = match before.or(after) {
                Some((j, d)) => {
                    s = s.min(span(j).0);
                    e = e.max(span(j).1);
                    When::DayMonth(d, m)
                }
                None => When::Month(m),
            };
            out.push(Date {
                start: s,
                end: e,
                when,
            });
        } else if let Some(d) = calendar.weekday(word, capitalised) {
            out.push(Date {
                start,
                end: start + word.len(),
                when: When::Weekday(d),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whens(text: &str) -> Vec<When> {
        find(text, &ENGLISH).into_iter().map(|d| d.when).collect()
    }

    #[test]
    fn reads_years_months_weekdays_and_days() {
        assert_eq!(
            whens("between March and April 2024"),
            vec![When::Month(3), When::Month(4), When::Year(2024)]
        );
        assert_eq!(whens("on 5 September"), vec![When::DayMonth(5, 9)]);
        assert_eq!(
            whens("on September 5th, a Friday"),
            vec![When::DayMonth(5, 9), When::Weekday(5)]
        );
        assert_eq!(whens("Oct. 12"), vec![When::DayMonth(12, 10)]);
        let d = &find("met on 5 September", &ENGLISH)[0];
        assert_eq!(&"met on 5 September"[d.start..d.end], "5 September");
    }

    #[test]
    fn words_that_only_look_like_dates_are_not() {
        assert!(
            whens("the Marchers may march").is_empty(),
            "{:?}",
            whens("the Marchers may march")
        );
        assert!(whens("a sun hat and a wed couple").is_empty());
        assert_eq!(whens("in May"), vec![When::Month(5)]);
        assert!(whens("1799 or 2101").is_empty());
    }
}
