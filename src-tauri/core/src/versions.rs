//! How a story's history names and groups its versions for people.
//!
//! Contract: [`name_transitions`] replaces the bare "transition" of a
//! version made by a workflow step with the step it was ("submitted for
//! review", "approved", "published"…), read from the transition recorded at
//! the same moment; [`runs`] folds consecutive small saves (typing, a field
//! left) by one editor in one edition into one line, so a story edited in
//! many sittings lists its deliberate steps, not every pause. Pure: the
//! store reads the rows, the window and the CLI show what these return.

use crate::model::{SaveKind, Status};
use crate::store::tables::revisions::RevisionInfo;
use crate::store::tables::transitions::TransitionInfo;
use serde::Serialize;
use ts_rs::TS;

/// The workflow step from state `from` to state `to`, for people.
pub fn step_label(from: &str, to: &str) -> &'static str {
    match (Status::parse(from), Status::parse(to)) {
        (_, Some(Status::InReview)) => "submitted for review",
        (Some(Status::InReview | Status::Approved), Some(Status::Draft)) => "sent back to draft",
        (_, Some(Status::Approved)) => "approved",
        (_, Some(Status::Published)) => "published",
        (_, Some(Status::Withdrawn)) | (Some(Status::Published), _) => "withdrawn",
        _ => "transition",
    }
}

/// An edition's state (`superseded` included), for people.
pub fn edition_state_label(state: &str) -> &'static str {
    match Status::parse(state) {
        Some(status) => status.label(),
        None if state == "superseded" => "Superseded",
        None => "Unknown",
    }
}

/// Names each transition version after the step recorded with it (same
/// edition, same moment).
pub fn name_transitions(versions: &mut [RevisionInfo], transitions: &[TransitionInfo]) {
    for v in versions.iter_mut().filter(|v| v.kind == SaveKind::Transition) {
        let step = transitions
            .iter()
            .find(|t| t.edition == v.edition && t.at == v.saved_at);
        if let Some(t) = step {
            v.kind_label = step_label(&t.from, &t.to).to_string();
        }
    }
}

/// One line of the version list: a version, or a run of small saves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VersionRun {
    /// The newest version of the run (the one to compare or restore).
    pub first: RevisionInfo,
    /// When the oldest save of the run was made.
    pub since: chrono::DateTime<chrono::Utc>,
    /// How many versions the line stands for.
    pub count: u32,
    /// What the run was ("typing", "field left", "typing and fields left").
    pub label: String,
}

/// A save an editor makes without deciding to.
fn small(kind: SaveKind) -> bool {
    matches!(kind, SaveKind::Typing | SaveKind::FieldLeft)
}

/// Folds `versions` (newest first) into lines: consecutive small saves by
/// one editor in one edition join; the current version, transitions,
/// restores and deliberate saves always stand alone.
pub fn runs(versions: &[RevisionInfo]) -> Vec<VersionRun> {
    // Neighbours suffice: within a run every save is small and by the same
    // editor in the same edition, and only the newest version is current.
    let joins = |newer: &RevisionInfo, older: &RevisionInfo| {
        small(newer.kind)
            && small(older.kind)
            && !newer.current
            && newer.editor == older.editor
            && newer.edition == older.edition
    };
    versions.chunk_by(joins).map(run_of).collect()
}

/// One line for a run of versions (newest first, never empty).
fn run_of(run: &[RevisionInfo]) -> VersionRun {
    let (first, oldest) = (&run[0], &run[run.len() - 1]);
    let has = |kind: SaveKind| run.iter().any(|v| v.kind == kind);
    let label = match (run.len(), has(SaveKind::Typing), has(SaveKind::FieldLeft)) {
        (1, _, _) => first.kind_label.clone(),
        (_, true, true) => "typing and fields left".into(),
        (_, false, true) => "fields left".into(),
        _ => "typing".into(),
    };
    VersionRun {
        first: first.clone(),
        since: oldest.saved_at,
        count: run.len() as u32,
        label,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn v(version: i64, kind: SaveKind, editor: &str, edition: u32) -> RevisionInfo {
        RevisionInfo {
            version,
            edition,
            saved_at: Utc.with_ymd_and_hms(2026, 12, 1, 10, 0, version as u32).unwrap(),
            editor: editor.into(),
            kind,
            kind_label: kind.label().into(),
            current: false,
        }
    }

    #[test]
    fn small_saves_by_one_editor_in_one_edition_fold() {
        let mut current = v(9, SaveKind::Typing, "anna", 2);
        current.current = true;
        let versions = vec![
            current,
            v(8, SaveKind::FieldLeft, "anna", 2),
            v(7, SaveKind::Typing, "anna", 2),
            v(6, SaveKind::FieldLeft, "anna", 2),
            v(5, SaveKind::FieldLeft, "boris", 2),
            v(4, SaveKind::Transition, "anna", 1),
            v(3, SaveKind::FieldLeft, "anna", 1),
            v(2, SaveKind::FieldLeft, "anna", 1),
            v(1, SaveKind::Create, "anna", 1),
        ];
        let lines: Vec<(i64, u32, String)> = runs(&versions)
            .into_iter()
            .map(|r| (r.first.version, r.count, r.label))
            .collect();
        assert_eq!(
            lines,
            vec![
                (9, 1, "typing".into()),
                (8, 3, "typing and fields left".into()),
                (5, 1, "field left".into()),
                (4, 1, "transition".into()),
                (3, 2, "fields left".into()),
                (1, 1, "created".into()),
            ]
        );
        let run = &runs(&versions)[1];
        assert_eq!(run.since, versions[3].saved_at, "the run began with version 6");
    }

    #[test]
    fn a_transition_version_is_named_after_its_step() {
        let mut versions = vec![
            v(3, SaveKind::Transition, "boris", 1),
            v(2, SaveKind::Transition, "anna", 1),
        ];
        let at = |i: usize| versions[i].saved_at;
        let step = |at, from: &str, to: &str| TransitionInfo {
            edition: 1,
            at,
            editor: "x".into(),
            from: from.into(),
            to: to.into(),
            note: String::new(),
        };
        let transitions = vec![
            step(at(0), "in-review", "approved"),
            step(at(1), "draft", "in-review"),
        ];
        name_transitions(&mut versions, &transitions);
        assert_eq!(versions[0].kind_label, "approved");
        assert_eq!(versions[1].kind_label, "submitted for review");
        assert_eq!(step_label("in-review", "draft"), "sent back to draft");
        assert_eq!(step_label("approved", "published"), "published");
        assert_eq!(step_label("published", "withdrawn"), "withdrawn");
        assert_eq!(edition_state_label("superseded"), "Superseded");
        assert_eq!(edition_state_label("in-review"), "In review");
    }
}
