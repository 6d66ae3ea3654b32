//! Batch export: file names from headlines, safe on every file system.
//!
//! Contract: [`safe_stem`] keeps letters and digits of any script, turns
//! everything else into single hyphens, avoids names Windows reserves and
//! caps the length; [`plan`] gives each story a distinct path in a folder
//! (a repeated headline gets its story id appended) and says which already
//! exist, so callers can ask before overwriting anything.

use crate::formats::Format;
use crate::model::StoryId;
use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// Longest stem in characters (well under every file system's name limit
/// even in 4-byte UTF-8, with room for the extension and an id).
const MAX_CHARS: usize = 80;

const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
    "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A file name stem for a headline.
pub fn safe_stem(headline: &str) -> String {
    let mapped: String = headline
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let full = mapped.split_whitespace().collect::<Vec<_>>().join("-");
    let mut stem: String = full.chars().take(MAX_CHARS).collect();
    if stem.len() < full.len() {
        // Cut at a word boundary when there is one in the second half.
        if let Some(cut) = stem.rfind('-').filter(|&i| i > stem.len() / 2) {
            stem.truncate(cut);
        }
    }
    let stem = stem.trim_matches('-').to_string();
    if stem.is_empty() {
        "story".into()
    } else if RESERVED.contains(&stem.to_ascii_lowercase().as_str()) {
        format!("{stem}-story")
    } else {
        stem
    }
}

/// The file name a story exported alone is offered under: the batch's
/// stem and the format's extension (`Shelling-near-Kyiv.ninjs.json`).
pub fn file_name(headline: &str, format: Format) -> String {
    format!("{}.{}", safe_stem(headline), format.extension())
}

/// Where one story of a batch goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Planned {
    #[ts(type = "number")]
    pub id: StoryId,
    pub path: String,
    /// A file is already there: ask before overwriting it.
    pub exists: bool,
}

/// Distinct paths in `dir` for `stories` (id, headline) in `format`.
pub fn plan(stories: &[(StoryId, String)], format: Format, dir: &Path) -> Vec<Planned> {
    let stems: Vec<String> = stories.iter().map(|(_, h)| safe_stem(h)).collect();
    // How often each stem occurs (ignoring case), counted once: linear in the batch.
    let mut uses: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for stem in &stems {
        *uses.entry(stem.to_lowercase()).or_default() += 1;
    }
    stories
        .iter()
        .zip(&stems)
        .map(|((id, _), stem)| {
            let repeated = uses[&stem.to_lowercase()] > 1;
            let name = if repeated {
                format!("{stem}-{id}")
            } else {
                stem.clone()
            };
            let path: PathBuf = dir.join(format!("{name}.{}", format.extension()));
            Planned {
                id: *id,
                exists: path.exists(),
                path: path.to_string_lossy().into_owned(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_safe_everywhere() {
        assert_eq!(
            safe_stem("US, Japan: S.Korea / \"Condemn\" <x>?*|"),
            "US-Japan-S-Korea-Condemn-x"
        );
        assert_eq!(safe_stem("Zürich — 東京 ∕ Ελλάδα"), "Zürich-東京-Ελλάδα");
        assert_eq!(safe_stem("../../etc/passwd"), "etc-passwd");
        assert_eq!(safe_stem(" ... "), "story");
        assert_eq!(safe_stem("CON"), "CON-story");
        assert_eq!(safe_stem("\u{202E}evil\u{0000}name"), "evil-name");
        let long = safe_stem(&"wordy ".repeat(100));
        assert!(
            long.chars().count() <= MAX_CHARS && long.ends_with("wordy"),
            "{long}"
        );
    }

    #[test]
    fn plans_distinct_paths_and_flags_existing_files() {
        let dir = tempfile::TempDir::new().unwrap();
        std::fs::write(dir.path().join("Other.md"), "x").unwrap();
        let stories = vec![
            (1, "Same".to_string()),
            (2, "same".to_string()),
            (3, "Other".to_string()),
        ];
        let p = plan(&stories, Format::Md, dir.path());
        let names: Vec<String> = p
            .iter()
            .map(|x| {
                Path::new(&x.path)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(names, ["Same-1.md", "same-2.md", "Other.md"]);
        assert_eq!(
            p.iter().map(|x| x.exists).collect::<Vec<_>>(),
            [false, false, true]
        );
    }
}
