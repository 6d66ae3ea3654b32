//! Every word a reader of a published story sees that the editor did not
//! type: section headings, and the sentences built around what they did
//! (a prediction, a withdrawal, a correction, a narrative's lead, the image
//! credit), written once.
//!
//! Contract: the functions here return plain text. Each format (canonical
//! text, Markdown, HTML, ninjs) and the window's preview ([`crate::layout`])
//! only escape and arrange them — set a [`Led::lead`] in bold, say — so the
//! formats and the preview cannot say different things. The canonical
//! text's reader ([`crate::formats::itn`]) parses the same constants.

use crate::model::{Correction, Narrative, Prediction, Story, Withdrawal};

/// Section headings.
pub const FACTS: &str = "Facts";
pub const SOURCES: &str = "Sources";
pub const LINKS: &str = "Links";
pub const NARRATIVES: &str = "Narratives";
pub const PREDICTIONS: &str = "Predictions";
pub const CORRECTIONS: &str = "Corrections";
/// What the canonical text's Sources line starts with.
pub const SOURCES_PREFIX: &str = "Sources:";
pub const IMAGE_CREDIT_PREFIX: &str = "Image credit:";
/// `Withdrawn on 2026-11-24: {reason}`.
pub const WITHDRAWN_PREFIX: &str = "Withdrawn on ";
/// Between a side's label and the outlet: `Pro-establishment narrative, as provided by BBC News.`
pub const AS_PROVIDED_BY: &str = " narrative, as provided by ";
/// Between a prediction and its forecaster.
pub const ACCORDING_TO: &str = ", according to ";
/// After a link in the canonical text's Links: ` (captured 2026-12-05 14:02 UTC)`.
pub const CAPTURED_PREFIX: &str = " (captured ";

/// The note on a link whose article was captured from the page at `at`.
pub fn captured(at: &chrono::DateTime<chrono::Utc>) -> String {
    format!("{CAPTURED_PREFIX}{})", at.format(CAPTURED_FORMAT))
}

/// How [`captured`] writes the time (minutes, UTC).
pub const CAPTURED_FORMAT: &str = "%Y-%m-%d %H:%M UTC";

/// What readers' formats show for a story without a headline yet.
pub const UNTITLED: &str = "Untitled story";

/// A field as one line: a stray line break becomes a space, blanks around
/// it go.
pub fn one_line(s: &str) -> String {
    s.split(['\r', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A sentence in two parts: what leads it (in bold where a format can) and
/// the rest, which may be empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Led {
    pub lead: String,
    pub text: String,
}

impl Led {
    /// The sentence as one line of plain text.
    pub fn line(&self) -> String {
        match self.text.is_empty() {
            true => self.lead.clone(),
            false => format!("{} {}", self.lead, self.text),
        }
    }
}

/// The headline as readers' formats show it.
pub fn headline(story: &Story) -> String {
    headline_or_untitled(&story.headline)
}

/// A headline on one line, or [`UNTITLED`] when it is empty.
pub fn headline_or_untitled(headline: &str) -> String {
    match one_line(headline) {
        h if h.is_empty() => UNTITLED.to_string(),
        h => h,
    }
}

/// `Image credit: {credit}`; empty when there is none.
pub fn image_credit(credit: &str) -> String {
    match one_line(credit) {
        c if c.is_empty() => String::new(),
        c => format!("{IMAGE_CREDIT_PREFIX} {c}"),
    }
}

/// `Withdrawn on 2026-11-24:` and the reason.
pub fn withdrawal(w: &Withdrawal) -> Led {
    Led {
        lead: format!("{WITHDRAWN_PREFIX}{}:", w.at.format("%Y-%m-%d")),
        text: one_line(&w.reason),
    }
}

/// `2026-11-24:` and the correction note.
pub fn correction(c: &Correction) -> Led {
    Led {
        lead: format!("{}:", c.published_at.format("%Y-%m-%d")),
        text: one_line(&c.note),
    }
}

/// `Pro-establishment narrative, as provided by BBC News.` and the text.
pub fn narrative(story: &Story, n: &Narrative) -> Led {
    Led {
        lead: format!(
            "{}{AS_PROVIDED_BY}{}.",
            story.side_label(n.stance),
            one_line(&n.outlet)
        ),
        text: one_line(&n.text),
    }
}

/// A prediction as one sentence: `There is a 40% chance that {statement},
/// according to {forecaster}.`; without a probability the statement with
/// its forecaster and a full stop; alone, the statement as typed.
pub fn prediction(p: &Prediction) -> String {
    let statement = one_line(&p.statement);
    let forecaster = one_line(&p.forecaster);
    let according = if forecaster.is_empty() {
        String::new()
    } else {
        format!("{ACCORDING_TO}{forecaster}")
    };
    match p.probability {
        Some(pct) => format!("There is a {pct}% chance that {statement}{according}."),
        None if according.is_empty() => statement,
        None => format!("{statement}{according}."),
    }
}

/// After `factdesk import --each`: how many files went in, how many did not.
pub fn imported_each(imported: usize, failed: usize) -> String {
    let files = |n: usize| if n == 1 { "file" } else { "files" };
    match failed {
        0 => format!("imported {imported} {}", files(imported)),
        _ => format!(
            "imported {imported} of {} {}; {failed} could not be imported (named above)",
            imported + failed,
            files(imported + failed)
        ),
    }
}

/// When no file of an import could be read.
/// What `db reindex` says once the search index is written again.
pub fn reindexed(stories: usize) -> String {
    match stories {
        1 => "the search index was written again from the 1 story on the desk".into(),
        n => format!("the search index was written again from the {n} stories on the desk"),
    }
}

/// What `db compact` says: the file's size before and after.
pub fn compacted(before: u64, after: u64) -> String {
    let mb = |bytes: u64| format!("{:.1} MB", bytes as f64 / 1_048_576.0);
    format!("the database file went from {} to {}", mb(before), mb(after))
}

/// What an editor reads after a database file was upgraded on opening:
/// where the copy of it as it was is kept and, when the upgrade left much
/// of the file unused (`free_bytes` at least 64 MB), how to give it back.
pub fn migrated(backup: &std::path::Path, free_bytes: u64) -> String {
    let kept = format!(
        "The database was updated for this version of Factdesk; a copy of it as it was is kept at {}.",
        backup.display()
    );
    match free_bytes >= 64 * 1_048_576 {
        true => format!(
            "{kept} The update left {:.0} MB of the file unused; `factdesk db compact` gives it back.",
            free_bytes as f64 / 1_048_576.0
        ),
        false => kept,
    }
}

pub fn nothing_imported(files: usize) -> String {
    match files {
        1 => "the file could not be imported; nothing was written".into(),
        n => format!("none of the {n} files could be imported; nothing was written"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_upgrade_names_its_backup_and_the_space_to_give_back_when_it_is_much() {
        let backup = std::path::Path::new("/desk/desk.backup-migration-v13.sqlite3");
        let small = migrated(backup, 4 * 1_048_576);
        assert_eq!(
            small,
            "The database was updated for this version of Factdesk; a copy of it as it was is kept at /desk/desk.backup-migration-v13.sqlite3."
        );
        let large = migrated(backup, 1_351 * 1_048_576);
        assert!(large.starts_with(&small), "{large}");
        assert!(
            large.ends_with(
                " The update left 1351 MB of the file unused; `factdesk db compact` gives it back."
            ),
            "{large}"
        );
    }

    #[test]
    fn a_prediction_reads_as_one_sentence_in_every_case() {
        let p = |probability, forecaster: &str| Prediction {
            id: crate::model::PredictionId::new(),
            statement: "the talks resume".into(),
            probability,
            forecaster: forecaster.into(),
        };
        assert_eq!(
            prediction(&p(Some(40), "Metaculus")),
            "There is a 40% chance that the talks resume, according to Metaculus."
        );
        assert_eq!(
            prediction(&p(Some(40), "")),
            "There is a 40% chance that the talks resume."
        );
        assert_eq!(
            prediction(&p(None, "Metaculus")),
            "the talks resume, according to Metaculus."
        );
        assert_eq!(prediction(&p(None, "")), "the talks resume");
    }
}
