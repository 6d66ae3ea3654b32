//! Numbers in a text, as values: digits with separators and decimals, with
//! a scale suffix or word (`2.5M`, `2.5 million`, `€3bn`, `60 thousand`),
//! percentages, and numbers in words (`seventeen`, `sixty thousand`, read
//! by the `text2num` crate; `a dozen` here).
//!
//! Contract: [`find`] returns each number's byte span, its value and
//! whether it is a percentage, in text order; a bare four-digit number from
//! 1800 to 2100 is a year ([`super::dates`]) and not returned. Words that
//! only sound like numbers in a run of digits (the `million` of `2.5
//! million`) are read once, with the digits.

use std::borrow::Cow;
use text2num::{find_numbers, Language, Token};
use unicode_segmentation::UnicodeSegmentation;

/// A number found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    pub percent: bool,
}

impl Number {
    /// Whether two numbers state the same quantity.
    pub fn same(&self, other: &Number) -> bool {
        self.percent == other.percent && same_value(self.value, other.value)
    }
}

pub fn same_value(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// What a scale word or suffix multiplies by.
fn scale(word: &str) -> Option<f64> {
    Some(match word.to_lowercase().as_str() {
        "k" | "thousand" => 1e3,
        "m" | "mn" | "mln" | "million" | "millions" => 1e6,
        "b" | "bn" | "billion" | "billions" => 1e9,
        "t" | "tn" | "trillion" | "trillions" => 1e12,
        _ => return None,
    })
}

/// Whether a bare whole number reads as a year.
pub fn is_year(digits: &str) -> bool {
    digits.len() == 4 && digits.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y))
}

/// The value of digits with thousands separators and a decimal part, and
/// the letters that follow them in the same word (`2.5M` → 2.5, "M").
fn digits(word: &str) -> Option<(f64, &str, bool)> {
    let end = word
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == ',' || *c == '.'))
        .map_or(word.len(), |(i, _)| i);
    let (number, rest) = word.split_at(end);
    let number = number.trim_end_matches(['.', ',']);
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    // Separators only between groups of three: 60,000 but not 6,00.
    let groups: Vec<&str> = whole.split(',').collect();
    let grouped = groups.len() == 1
        || (!groups[0].is_empty() && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3));
    if whole.is_empty() || !grouped || fraction.contains(',') {
        return None;
    }
    let plain = groups.len() == 1 && fraction.is_empty();
    let value: f64 = format!(
        "{}.{}",
        groups.concat(),
        if fraction.is_empty() { "0" } else { fraction }
    )
    .parse()
    .ok()?;
    Some((value, rest, plain))
}

/// A word of the text with where it is, for `text2num`.
struct Word<'a> {
    text: &'a str,
    /// Borrowed when the word has no capital (most words, every space).
    lower: Cow<'a, str>,
    start: usize,
    /// Read already (digits, or a scale word after them): not a number word.
    taken: bool,
}

impl Token for &Word<'_> {
    fn text(&self) -> Cow<'_, str> {
        self.text.into()
    }

    fn text_lowercase(&self) -> Cow<'_, str> {
        self.lower.as_ref().into()
    }

    fn not_a_number_part(&self) -> bool {
        self.taken
    }
}

/// The numbers of `text`, in order (see the module's contract).
pub fn find(text: &str) -> Vec<Number> {
    let mut words: Vec<Word> = Vec::with_capacity(text.len() / 3);
    words.extend(text.split_word_bound_indices().map(|(start, w)| Word {
        text: w,
        lower: match w.chars().any(char::is_uppercase) {
            true => Cow::Owned(w.to_lowercase()),
            false => Cow::Borrowed(w),
        },
        start,
        taken: false,
    }));
    let mut out = in_digits(text, &mut words);
    out.extend(in_words(&words));
    out.sort_by_key(|n| n.start);
    out
}

fn in_digits(text: &str, words: &mut [Word]) -> Vec<Number> {
    // Each number with the scale it was given, for ranges ("3–4 million").
    let mut out: Vec<(Number, f64)> = Vec::new();
    for i in 0..words.len() {
        let (word, start) = (words[i].text, words[i].start);
        if !word.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let Some((mut value, suffix, plain)) = digits(word) else {
            continue;
        };
        let mut end = start + word.len();
        words[i].taken = true;
        let mut scaled = false;
        let mut factor = 1.0;
        if !suffix.is_empty() {
            match scale(suffix) {
                Some(s) => {
                    value *= s;
                    factor = s;
                    scaled = true;
                }
                // 5th, 3rd, 10km: an ordinal or a unit, not a plain count.
                None if suffix.chars().all(|c| c.is_alphabetic()) => {}
                None => continue,
            }
        }
        // The next word, past one space: a scale word or "percent".
        let next = (i + 2 < words.len() && words[i + 1].text == " ").then(|| i + 2);
        let mut percent = text[end..].starts_with('%');
        if percent {
            end += 1;
        } else if let Some(j) = next {
            let word = words[j].lower.as_ref();
            if let (false, Some(s)) = (scaled, scale(word)) {
                value *= s;
                factor = s;
                scaled = true;
                words[j].taken = true;
                end = words[j].start + words[j].text.len();
            } else if word == "percent" {
                percent = true;
                end = words[j].start + words[j].text.len();
            }
        }
        if plain && !scaled && !percent && is_year(word) {
            continue;
        }
        out.push((
            Number {
                start,
                end,
                value,
                percent,
            },
            factor,
        ));
    }
    // The first end of a range takes the second's scale: "3–4 million",
    // "3 to 4 million".
    for i in 1..out.len() {
        let (a, b) = (&out[i - 1], &out[i]);
        let between = text.get(a.0.end..b.0.start).map(str::trim);
        if a.1 == 1.0 && b.1 != 1.0 && matches!(between, Some("-" | "–" | "to")) {
            let factor = b.1;
            out[i - 1].0.value *= factor;
            out[i - 1].1 = factor;
        }
    }
    out.into_iter().map(|(n, _)| n).collect()
}

fn in_words(words: &[Word]) -> Vec<Number> {
    let english = Language::english();
    let mut out: Vec<Number> = find_numbers(words.iter(), &english, 2.0)
        .into_iter()
        .filter(|o| !o.is_ordinal && o.end > o.start)
        .map(|o| Number {
            start: words[o.start].start,
            end: words[o.end - 1].start + words[o.end - 1].text.len(),
            value: o.value,
            percent: false,
        })
        .collect();
    for w in words.iter().filter(|w| !w.taken && w.lower == "dozen") {
        out.push(Number {
            start: w.start,
            end: w.start + w.text.len(),
            value: 12.0,
            percent: false,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<f64> {
        find(text).iter().map(|n| n.value).collect()
    }

    #[test]
    fn reads_digits_scales_and_percentages_as_values() {
        assert_eq!(values("60,000 people and 2.1 more"), vec![60_000.0, 2.1]);
        assert_eq!(values("2.5 million, 2.5M and 2.5 mn"), vec![2.5e6, 2.5e6, 2.5e6]);
        assert_eq!(values("$400M and €3bn"), vec![4e8, 3e9]);
        assert_eq!(values("60 thousand"), vec![60_000.0]);
        let p = find("up 1.25% or 3 percent");
        assert_eq!((p[0].value, p[0].percent), (1.25, true));
        assert_eq!((p[1].value, p[1].percent), (3.0, true));
        assert_eq!(&"up 1.25% or"[p[0].start..p[0].end], "1.25%");
    }

    #[test]
    fn reads_both_ends_of_a_range() {
        assert_eq!(values("between 10 and 20 ships"), vec![10.0, 20.0]);
        assert_eq!(
            values("10-20 ships, 3–4 million people"),
            vec![10.0, 20.0, 3e6, 4e6]
        );
        assert_eq!(values("3 to 4 million"), vec![3e6, 4e6]);
    }

    #[test]
    fn reads_numbers_in_words() {
        assert_eq!(values("seventeen soldiers"), vec![17.0]);
        assert_eq!(values("sixty thousand people"), vec![60_000.0]);
        assert_eq!(values("a dozen drones"), vec![12.0]);
        assert_eq!(values("over a thousand"), vec![1000.0]);
        assert_eq!(values("twenty-five ships"), vec![25.0]);
        assert!(values("one of them").is_empty(), "a lone 'one' is no quantity");
    }

    #[test]
    fn years_ordinals_and_near_misses() {
        assert!(values("in 2024").is_empty(), "a year is a date");
        assert_eq!(
            values("2024 people"),
            Vec::<f64>::new(),
            "read as a year: the date check looks it up"
        );
        assert_eq!(values("5,000 of 12,345"), vec![5000.0, 12_345.0]);
        assert_eq!(
            values("the 5th round, 10km away"),
            vec![5.0, 10.0],
            "units and ordinals keep their number"
        );
        let (a, b) = (&find("2.5")[0], &find("25")[0]);
        assert!(!a.same(b));
        assert!(!find("60,000")[0].same(&find("6,000")[0]));
        assert!(find("2.5M")[0].same(&find("2.5 million")[0]));
        assert!(find("60 thousand")[0].same(&find("60,000")[0]));
        assert!(!find("25%")[0].same(&find("25")[0]), "a share is not a count");
    }
}
