//! The interchange formats, registered once.
//!
//! Contract: each format is a module here holding its [`Spec`] (names, and
//! pure functions from a story to text and back); the registry below makes
//! [`Format`] — as the CLI and the app spell it — from that list alone.
//! [`sniff`] guesses the format of an input. Reading input files lives in
//! [`crate::input`], writing output files in [`crate::db_files`]; the words
//! readers see, in [`crate::wording`].

use crate::model::Story;
use serde::{Deserialize, Serialize};

/// Stories reposted as bullet lists with each fact's outlet and ratings:
/// read (sniffed) on import, never written.
pub mod reposted;
use ts_rs::TS;

/// What the registry knows of a format: its names, and what it reads and
/// writes. Each format's module declares one, `SPEC`.
pub struct Spec {
    /// As the CLI and the app spell it (`--format md`).
    pub name: &'static str,
    /// Its name in menus.
    pub label: &'static str,
    /// The usual file extension, without the dot.
    pub extension: &'static str,
    /// Writes a story.
    pub export: fn(&Story) -> String,
    /// Reads a story, the error naming what is wrong; none for an
    /// export-only format.
    pub import: Option<Reader>,
}

/// How a format reads a story: the story, or what is wrong with the text.
pub type Reader = fn(&str) -> std::result::Result<Story, String>;

/// Declares the formats once: each line a variant of [`Format`] and the
/// module (a file beside this one) that holds its [`Spec`]. Adding a format
/// is its file and one line here.
macro_rules! registry {
    ($($(#[$doc:meta])* $variant:ident => $module:ident),* $(,)?) => {
        $(pub mod $module;)*

        /// An interchange format.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
        #[serde(rename_all = "kebab-case")]
        #[ts(export)]
        pub enum Format {
            $($(#[$doc])* $variant),*
        }

        impl Format {
            /// Every format, in the order menus show them.
            pub const ALL: &'static [Format] = &[$(Format::$variant),*];

            fn spec(self) -> &'static Spec {
                match self {
                    $(Format::$variant => &$module::SPEC),*
                }
            }
        }
    };
}

registry! {
    /// The canonical plain text of FORMAT.md (also reads web page copies).
    Itn => itn,
    /// The lossless native JSON, `factdesk/1`.
    Json => json,
    /// CommonMark with GFM footnotes (export only).
    Md => markdown,
    /// One standalone HTML file with schema.org JSON-LD (export only).
    Html => html,
    /// IPTC ninjs 3.1 (reads back what Factdesk's own export carries).
    Ninjs => ninjs,
}

impl Format {
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// The format's name in menus.
    pub fn label(self) -> &'static str {
        self.spec().label
    }

    /// What menus and file dialogs show of every format, in menu order.
    pub fn menu() -> Vec<FormatInfo> {
        Format::ALL
            .iter()
            .map(|&format| FormatInfo {
                format,
                label: format.label().into(),
                extension: format.extension().into(),
                importable: format.importable(),
            })
            .collect()
    }

    /// Whether stories can be imported from this format.
    pub fn importable(self) -> bool {
        self.spec().import.is_some()
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        self.spec().extension
    }

    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL.iter().copied().find(|f| f.name() == s)
    }

    /// Writes `story` in this format.
    pub fn export(self, story: &Story) -> String {
        (self.spec().export)(story)
    }

    /// Reads a story in this format; the error message names what is wrong.
    pub fn import(self, text: &str) -> std::result::Result<Story, String> {
        match self.spec().import {
            Some(import) => import(text),
            None => Err(format!("{} is an export-only format", self.name())),
        }
    }
}

/// A format as menus and file dialogs show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FormatInfo {
    pub format: Format,
    pub label: String,
    /// Without the dot (`ninjs.json`).
    pub extension: String,
    pub importable: bool,
}

/// ninjs for JSON with a `uri` and no factdesk tag, the native JSON for other
/// JSON, the canonical text otherwise.
pub fn sniff(text: &str) -> Format {
    let text = text.trim_start_matches('\u{FEFF}').trim_start();
    if !text.starts_with('{') {
        return Format::Itn;
    }
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(v) if ninjs::looks_like(&v) => Format::Ninjs,
        _ => Format::Json,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_format_is_registered_once_under_the_name_it_is_sent_by() {
        let mut names = std::collections::HashSet::new();
        for &f in Format::ALL {
            assert_eq!(
                serde_json::to_value(f).unwrap(),
                f.name(),
                "the serde name is the spec's"
            );
            assert!(names.insert(f.name()), "{} twice", f.name());
            assert_eq!(Format::parse(f.name()), Some(f));
            let story = crate::sample::story(2, 1);
            let text = f.export(&story);
            match f.importable() {
                true => assert_eq!(f.import(&text).unwrap().facts.len(), 2, "{} reads back", f.name()),
                false => assert!(f.import(&text).unwrap_err().contains("export-only")),
            }
        }
    }
}
