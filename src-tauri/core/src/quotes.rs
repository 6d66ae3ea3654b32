//! Quotations in fact text and their lookup in a source's saved text.
//!
//! Contract: [`extract`] finds quotations of three words or more in straight
//! (`"…"`, `'…'`) or typographic (`“…”`, `‘…’`, `„…“`, `«…»`) quotes, telling a
//! closing single quote from an apostrophe by its neighbours. [`find`] looks a
//! quotation up in a text ignoring case, white space and quote style; an
//! ellipsis inside the quotation matches any omitted stretch. When the
//! quotation is missing, [`closest_passage`] offers the passage of the text
//! that shares the most words with it.

/// Fewest words a quotation must have to be checked.
pub const MIN_WORDS: usize = 3;

const PAIRS: &[(char, char)] = &[
    ('"', '"'),
    ('\u{201C}', '\u{201D}'),
    ('\u{201E}', '\u{201C}'),
    ('\u{201E}', '\u{201D}'),
    ('\u{00AB}', '\u{00BB}'),
    ('\u{00BB}', '\u{00AB}'),
    ('\'', '\''),
    ('\u{2018}', '\u{2019}'),
];

fn is_single(c: char) -> bool {
    matches!(c, '\'' | '\u{2018}' | '\u{2019}')
}

/// The quotations of [`MIN_WORDS`] words or more in `text`, without their quotes.
pub fn extract(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev = if i == 0 { None } else { Some(chars[i - 1]) };
        let opens = PAIRS.iter().any(|(o, _)| *o == c)
            && (!is_single(c) || prev.is_none_or(|p| !p.is_alphanumeric()));
        if !opens {
            i += 1;
            continue;
        }
        let closers: Vec<char> = PAIRS.iter().filter(|(o, _)| *o == c).map(|(_, cl)| *cl).collect();
        let close = (i + 1..chars.len()).find(|&j| {
            closers.contains(&chars[j])
                && (!is_single(chars[j]) || chars.get(j + 1).is_none_or(|n| !n.is_alphanumeric()))
        });
        match close {
            Some(j) => {
                let inner: String = chars[i + 1..j].iter().collect();
                if inner.split_whitespace().count() >= MIN_WORDS {
                    out.push(inner.trim().to_string());
                }
                i = j + 1;
            }
            None => i += 1,
        }
    }
    out
}

/// Lower-cased words with quote marks and surrounding punctuation folded away.
fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            w.chars()
                .map(|c| match c {
                    '\u{2018}' | '\u{2019}' | '\u{201B}' | '`' | '\u{00B4}' => '\'',
                    '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => '"',
                    other => other,
                })
                .flat_map(char::to_lowercase)
                .collect::<String>()
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_string()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

fn split_ellipsis(quote: &str) -> Vec<Vec<String>> {
    quote
        .replace('\u{2026}', "...")
        .split("...")
        .map(words)
        .filter(|p| !p.is_empty())
        .collect()
}

fn position(hay: &[String], needle: &[String], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return Some(from);
    }
    (from..=hay.len().saturating_sub(needle.len()))
        .find(|&i| hay.len() >= i + needle.len() && hay[i..i + needle.len()] == *needle)
}

/// Whether `quote` occurs in `text` (parts around an ellipsis in order).
pub fn find(quote: &str, text: &str) -> bool {
    let hay = words(text);
    let mut from = 0;
    for part in split_ellipsis(quote) {
        match position(&hay, &part, from) {
            Some(at) => from = at + part.len(),
            None => return false,
        }
    }
    true
}

/// The stretch of `text` (as many words as the quotation) sharing the most
/// words with `quote`, when at least half of them.
pub fn closest_passage(quote: &str, text: &str) -> Option<String> {
    let want = words(quote);
    let raw: Vec<&str> = text.split_whitespace().collect();
    let norm = words(text);
    if want.is_empty() || raw.len() != norm.len() || raw.is_empty() {
        return closest_by_norm(&want, &norm);
    }
    let n = want.len().min(raw.len());
    let (best, score) = best_window(&want, &norm, n)?;
    (score * 2 >= want.len()).then(|| strip_quote_marks(&raw[best..best + n].join(" ")))
}

/// The passage without the quote marks around it, so a message can quote it
/// — a mark whose partner is inside the passage stays, so what is left
/// never holds half a quotation.
fn strip_quote_marks(passage: &str) -> String {
    const MARKS: &[char] = &[
        '"', '\'', '\u{201C}', '\u{201D}', '\u{201E}', '\u{2018}', '\u{2019}', '\u{00AB}', '\u{00BB}',
    ];
    const DOUBLE: &[char] = &['"', '\u{201C}', '\u{201D}', '\u{201E}', '\u{00AB}', '\u{00BB}'];
    let is_double = |c: Option<char>| c.is_some_and(|c| DOUBLE.contains(&c));
    let mut s = passage.trim_end_matches('.');
    // Marks around the whole passage go together.
    let (first, last) = (s.chars().next(), s.chars().last());
    if s.chars().count() > 1 && is_double(first) && is_double(last) {
        let inner = &s[first.map_or(0, char::len_utf8)..s.len() - last.map_or(0, char::len_utf8)];
        if !inner.contains(DOUBLE) {
            return inner.trim_end_matches('.').to_string();
        }
    }
    if let Some(first) = s.chars().next().filter(|c| MARKS.contains(c)) {
        let rest = &s[first.len_utf8()..];
        if !DOUBLE.contains(&first) || !rest.contains(DOUBLE) {
            s = rest;
        }
    }
    s = s.trim_end_matches('.');
    if let Some(last) = s.chars().last().filter(|c| MARKS.contains(c)) {
        let body = &s[..s.len() - last.len_utf8()];
        if !DOUBLE.contains(&last) || !body.contains(DOUBLE) {
            s = body;
        }
    }
    s.trim_end_matches('.').to_string()
}

fn closest_by_norm(want: &[String], norm: &[String]) -> Option<String> {
    let n = want.len().min(norm.len());
    let (best, score) = best_window(want, norm, n)?;
    (score * 2 >= want.len()).then(|| norm[best..best + n].join(" "))
}

fn best_window(want: &[String], hay: &[String], n: usize) -> Option<(usize, usize)> {
    if n == 0 {
        return None;
    }
    (0..=hay.len() - n)
        .map(|i| {
            let score = hay[i..i + n].iter().filter(|w| want.contains(w)).count();
            (i, score)
        })
        .max_by_key(|&(i, score)| (score, std::cmp::Reverse(i)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_straight_and_typographic_quotes_of_three_words() {
        let t = "Kirby called it \u{201C}furthering Russia\u{2019}s illegitimate war.\u{201D} and 'two words' but 'administrative and laboratory buildings' in Ukraine's east, \u{201E}ein deutsches Zitat hier\u{201C} and \u{00AB}une citation fran\u{00E7}aise\u{00BB}.";
        assert_eq!(
            extract(t),
            vec![
                "furthering Russia\u{2019}s illegitimate war.",
                "administrative and laboratory buildings",
                "ein deutsches Zitat hier",
                "une citation fran\u{00E7}aise"
            ]
        );
        assert!(extract("Ukraine's and Russia's forces").is_empty());
    }

    #[test]
    fn matching_ignores_case_space_quote_style_and_line_breaks() {
        let text = "John Kirby denounced the move as \u{201C}furthering Russia\u{2019}s\n illegitimate   war.\u{201D}";
        assert!(find("Furthering Russia's illegitimate war", text));
        assert!(find("furthering ... war", text));
        assert!(find("furthering \u{2026} illegitimate war", text));
        assert!(!find("furthering Russia's legitimate war", text));
        assert!(!find("war ... furthering", text));
    }

    #[test]
    fn closest_passage_drops_the_sources_own_quote_marks() {
        let text =
            "Kirby called it \u{201C}furthering Russia\u{2019}s illegitimate war.\u{201D} Then he left.";
        assert_eq!(
            closest_passage("furthering Russia's unjust war", text).as_deref(),
            Some("furthering Russia\u{2019}s illegitimate war")
        );
    }

    #[test]
    fn closest_passage_keeps_a_quotation_whole() {
        let text = "The minister said \"this is wrong\" in every detail today.";
        assert_eq!(
            closest_passage("this is right in every detail", text).as_deref(),
            Some("\"this is wrong\" in every detail")
        );
    }

    #[test]
    fn closest_passage_points_at_the_near_miss() {
        let text = "The White House minced no words. Kirby denounced the move as furthering Russia's illegitimate war.";
        assert_eq!(
            closest_passage("furthering Russia's unjust war", text).as_deref(),
            Some("furthering Russia's illegitimate war")
        );
        assert_eq!(closest_passage("completely unrelated phrase here", text), None);
    }
}
