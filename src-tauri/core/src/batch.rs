//! Batch export: which stories the window offers, file names from
//! headlines safe on every file system, and what to ask and say.
//!
//! Contract: [`safe_stem`] keeps letters and digits of any script, turns
//! everything else into single hyphens, avoids names Windows reserves and
//! caps the length; [`plan`] gives each story a distinct path in a folder
//! (a repeated headline gets its story id appended) and says which already
//! exist, so callers can ask before overwriting anything. [`ExportPlan`]
//! adds the stories that fail the publish checks and every sentence the
//! window shows about the batch (it words none itself).

use crate::formats::Format;
use crate::list_words::{and_listed, counted, grouped, stories};
use crate::model::{StoryId, StorySummary};
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

/// How many stories the window's batch export offers: the most recently
/// updated (the CLI's `export --all` takes every one).
pub const OFFERED: u32 = 1_000;

/// The stories a batch export offers, and what the dialog says of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BatchOffer {
    pub stories: Vec<StorySummary>,
    /// When the desk has more stories than are offered, which these are and
    /// how to export every one; empty otherwise.
    pub line: String,
}

impl BatchOffer {
    /// The offer of `offered` stories of the desk's `total`.
    pub fn new(offered: Vec<StorySummary>, total: u64) -> BatchOffer {
        let shown = offered.len() as u64;
        let line = match total > shown {
            true => format!(
                "The {} most recently updated of {}; `factdesk export --all` exports every one.",
                grouped(shown),
                stories(total)
            ),
            false => String::new(),
        };
        BatchOffer {
            stories: offered,
            line,
        }
    }
}

/// A batch export planned: where each story goes, and what the window asks
/// and says on the way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ExportPlan {
    pub files: Vec<Planned>,
    /// The chosen stories that fail the publish checks (errors): asked
    /// about before anything is written.
    #[ts(type = "number[]")]
    pub failing: Vec<StoryId>,
    /// The question about them; empty when none fails.
    pub failing_question: String,
    /// The question before overwriting files; empty when none exists.
    pub overwrite_question: String,
    /// What the window says once every file is written.
    pub done: String,
    /// What it says when the editor stops the export midway.
    pub cancelled: String,
}

impl ExportPlan {
    /// The plan of `files` in `dir`, of `chosen` stories of which `failing`
    /// (id, headline) fail the publish checks.
    pub fn new(files: Vec<Planned>, failing: &[(StoryId, String)], chosen: usize, dir: &Path) -> ExportPlan {
        let existing = files.iter().filter(|f| f.exists).count() as u64;
        let folder = dir.display();
        ExportPlan {
            failing_question: failing_question(failing, chosen as u64),
            failing: failing.iter().map(|(id, _)| *id).collect(),
            overwrite_question: match existing {
                0 => String::new(),
                1 => "1 file already exists in that folder.".to_string(),
                n => format!("{} already exist in that folder.", counted(n, "file", "files")),
            },
            done: format!("Exported {} to {folder}.", stories(files.len() as u64)),
            cancelled: format!("Cancelled: the files written before stay in {folder}."),
            files,
        }
    }
}

/// Headlines named in the question about failing stories.
const NAMED: usize = 3;

/// "1 of the 3 chosen stories fails the publish checks: “A”." — the first
/// [`NAMED`] headlines, then how many more.
fn failing_question(failing: &[(StoryId, String)], chosen: u64) -> String {
    let n = failing.len() as u64;
    if n == 0 {
        return String::new();
    }
    let mut named: Vec<String> = (failing.iter().take(NAMED))
        .map(|(_, h)| format!("“{}”", crate::wording::headline_or_untitled(h)))
        .collect();
    if failing.len() > NAMED {
        named.push(format!("{} more", grouped(n - NAMED as u64)));
    }
    let who = match (n, chosen) {
        (1, 1) => "The chosen story fails".to_string(),
        (n, c) if n == c => format!("All {} chosen stories fail", grouped(n)),
        (1, c) => format!("1 of the {} chosen stories fails", grouped(c)),
        (n, c) => format!("{} of the {} chosen stories fail", grouped(n), grouped(c)),
    };
    format!("{who} the publish checks: {}.", and_listed(&named))
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

    fn failing(headlines: &[&str]) -> Vec<(StoryId, String)> {
        (headlines.iter().enumerate())
            .map(|(i, h)| (i as StoryId + 1, h.to_string()))
            .collect()
    }

    #[test]
    fn asks_about_failing_stories_naming_the_first_three() {
        let q = |names: &[&str], chosen| failing_question(&failing(names), chosen);
        assert_eq!(q(&[], 3), "");
        assert_eq!(q(&["A"], 1), "The chosen story fails the publish checks: “A”.");
        assert_eq!(
            q(&["A"], 3),
            "1 of the 3 chosen stories fails the publish checks: “A”."
        );
        assert_eq!(
            q(&["A", " "], 2),
            "All 2 chosen stories fail the publish checks: “A” and “Untitled story”."
        );
        assert_eq!(
            q(&["A", "B", "C", "D", "E"], 1_200),
            "5 of the 1,200 chosen stories fail the publish checks: “A”, “B”, “C” and 2 more."
        );
    }

    #[test]
    fn words_the_offer_the_overwrite_and_the_outcome() {
        let planned = |exists: &[bool]| -> Vec<Planned> {
            (exists.iter().enumerate())
                .map(|(i, &exists)| Planned {
                    id: i as StoryId,
                    path: format!("/out/{i}.md"),
                    exists,
                })
                .collect()
        };
        let plan = ExportPlan::new(planned(&[false, true]), &[], 2, Path::new("/out"));
        assert_eq!(plan.overwrite_question, "1 file already exists in that folder.");
        assert_eq!(plan.done, "Exported 2 stories to /out.");
        assert_eq!(
            plan.cancelled,
            "Cancelled: the files written before stay in /out."
        );
        assert!(plan.failing.is_empty() && plan.failing_question.is_empty());
        let plan = ExportPlan::new(
            planned(&[true, true, false]),
            &failing(&["A"]),
            3,
            Path::new("/out"),
        );
        assert_eq!(plan.overwrite_question, "2 files already exist in that folder.");
        assert_eq!(plan.failing, vec![1]);
        let none = ExportPlan::new(planned(&[false]), &[], 1, Path::new("/out"));
        assert_eq!(
            (none.overwrite_question.as_str(), none.done.as_str()),
            ("", "Exported 1 story to /out.")
        );
        let summary = |id| StorySummary {
            id,
            status: crate::model::Status::Draft,
            headline: format!("Story {id}"),
            updated_at: chrono::Utc::now(),
            has_draft: false,
            live_edition: None,
            state_label: "Draft".into(),
        };
        assert_eq!(BatchOffer::new(vec![summary(1)], 1).line, "");
        assert_eq!(
            BatchOffer::new(vec![summary(1), summary(2)], 12_345).line,
            "The 2 most recently updated of 12,345 stories; `factdesk export --all` exports every one."
        );
    }
}
