//! The languages a story can be written in, and the spelling dictionary of
//! each.
//!
//! Contract: a story's language is a BCP 47 tag ("en", "en-GB", "ru"),
//! English when nothing says otherwise. [`choices`] lists the languages the
//! window offers, each with whether this computer has its hunspell
//! dictionary (which `scripts/setup.sh` installs; WebKitGTK spell-checks
//! through enchant with them); [`dictionary`] names the dictionary a tag
//! spells with. A tag outside the list is kept as it is (an imported
//! story's), and is simply not spell-checked.

use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

/// The language of a story that does not say.
pub const DEFAULT: &str = "en";

/// The longest tag a story may carry (BCP 47 tags in use are far shorter).
pub const MAX_TAG_CHARS: usize = 35;

/// Tag, name in English, and the hunspell dictionary it spells with.
const LANGUAGES: &[(&str, &str, &str)] = &[
    ("en", "English (US)", "en_US"),
    ("en-GB", "English (UK)", "en_GB"),
    ("de", "German", "de_DE"),
    ("es", "Spanish", "es_ES"),
    ("fr", "French", "fr_FR"),
    ("ru", "Russian", "ru_RU"),
    ("uk", "Ukrainian", "uk_UA"),
];

/// Where Debian and Ubuntu keep hunspell dictionaries.
const HUNSPELL_DIRS: &[&str] = &["/usr/share/hunspell", "/usr/share/myspell/dicts"];

/// A language the window offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LanguageChoice {
    pub tag: String,
    pub name: String,
    /// Whether this computer has its spelling dictionary.
    pub spelling: bool,
    /// For the window's list: the name, and when spelling is not checked, why.
    pub label: String,
}

impl LanguageChoice {
    fn new(tag: &str, name: &str, spelling: bool) -> LanguageChoice {
        LanguageChoice {
            tag: tag.into(),
            name: name.into(),
            spelling,
            label: if spelling {
                name.into()
            } else {
                format!("{name} (no spelling dictionary)")
            },
        }
    }
}

/// The dictionary `tag` spells with, if it is one Factdesk knows.
pub fn dictionary(tag: &str) -> Option<&'static str> {
    LANGUAGES
        .iter()
        .find(|(t, _, _)| t.eq_ignore_ascii_case(tag))
        .map(|(_, _, d)| *d)
}

/// Whether hunspell's `name` dictionary is installed (asked of the file
/// system by name, never opened).
fn installed(name: &str) -> bool {
    HUNSPELL_DIRS
        .iter()
        .any(|dir| Path::new(dir).join(format!("{name}.dic")).exists())
}

/// Every language the window offers, with `current` (a story's own tag)
/// added when it is not one of them.
pub fn choices(current: &str) -> Vec<LanguageChoice> {
    let mut out: Vec<LanguageChoice> = LANGUAGES
        .iter()
        .map(|(tag, name, dict)| LanguageChoice::new(tag, name, installed(dict)))
        .collect();
    if !current.is_empty() && dictionary(current).is_none() {
        out.push(LanguageChoice::new(current, current, false));
    }
    out
}

/// How the window spell-checks a story: in its language's dictionary when
/// this computer has it, else not at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Spelling {
    pub language: String,
    /// The dictionary checking the text, or none.
    pub dictionary: Option<String>,
    /// Whether the web view checks spelling now (what WebKit reports).
    pub checking: bool,
    /// For people: "Spelling checked (en_US)", "No spell checking for pt".
    pub label: String,
}

impl Spelling {
    pub fn new(language: String, dictionary: Option<String>, checking: bool) -> Spelling {
        let label = match (&dictionary, checking) {
            (Some(d), true) => format!("Spelling checked ({d})"),
            _ => format!("No spell checking for {language}"),
        };
        Spelling {
            language,
            dictionary,
            checking,
            label,
        }
    }
}

/// The installed dictionary a story in `tag` spells with, if any.
pub fn installed_dictionary(tag: &str) -> Option<&'static str> {
    dictionary(tag).filter(|d| installed(d))
}

/// Whether `tag` is shaped like a BCP 47 tag: letters and digits in
/// subtags of 1–8, joined by hyphens, starting with 2–3 letters.
pub fn valid(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    first_ok
        && tag.len() <= MAX_TAG_CHARS
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_map_to_dictionaries_and_odd_tags_are_kept() {
        assert_eq!(dictionary("en"), Some("en_US"));
        assert_eq!(dictionary("EN-gb"), Some("en_GB"));
        assert_eq!(dictionary("pt"), None);
        let offered = choices("pt-BR");
        assert_eq!(offered.first().map(|c| c.tag.as_str()), Some("en"));
        assert_eq!(
            offered.last().map(|c| (c.tag.as_str(), c.spelling)),
            Some(("pt-BR", false))
        );
        assert_eq!(choices("ru").len(), LANGUAGES.len());
        assert!(valid("en") && valid("en-GB") && valid("zh-Hant-TW"));
        assert!(!valid("") && !valid("e") && !valid("english language") && !valid("en--GB"));
    }
}
