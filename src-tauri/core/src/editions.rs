//! The editorial workflow's rules: which transition an editor may make, and
//! what each one still needs.
//!
//! Contract: pure functions over a story's [`Workflow`], the acting editor
//! and the gate's verdict. [`check`] says whether an [`Action`] is allowed
//! and to which state it leads, or refuses it with a stable code and a
//! sentence; [`steps`] lists every action with what it needs, for the gate
//! panel and the CLI. The store applies what these allow and nothing else.
//!
//! States: `draft` → `in-review` → `approved` → `published` → `withdrawn`;
//! a reviewer may send `in-review` back to `draft` (with a note). With the
//! second-editor rule on (the default), approval must come from an editor
//! other than the last one who edited the edition and publishing needs
//! approval; with it off, a one-person desk publishes from a draft. Every
//! publication after the first needs a correction note for readers.

use crate::error::ErrorCode;
use crate::model::{Status, Workflow};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Whether a story whose working edition is in `state` may be edited: a
/// draft is changed in place, a published or withdrawn story starts its
/// next edition, an edition in review or approved is locked until it is
/// sent back. The store refuses what this refuses; the window greys out
/// what it refuses.
pub fn editable(state: Status) -> bool {
    !matches!(state, Status::InReview | Status::Approved)
}

/// A transition an editor asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum Action {
    Submit,
    Reject,
    Approve,
    Publish,
    Withdraw,
}

impl Action {
    pub const ALL: [Action; 5] = [
        Action::Submit,
        Action::Reject,
        Action::Approve,
        Action::Publish,
        Action::Withdraw,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::Submit => "submit",
            Action::Reject => "reject",
            Action::Approve => "approve",
            Action::Publish => "publish",
            Action::Withdraw => "withdraw",
        }
    }

    /// The button's words.
    pub fn label(self) -> &'static str {
        match self {
            Action::Submit => "Submit for review",
            Action::Reject => "Send back to draft",
            Action::Approve => "Approve",
            Action::Publish => "Publish",
            Action::Withdraw => "Withdraw",
        }
    }

    /// What the window says once the step is taken.
    pub fn done(self) -> &'static str {
        match self {
            Action::Submit => "Submitted for review.",
            Action::Reject => "Sent back to draft with your note.",
            Action::Approve => "Approved.",
            Action::Publish => "Published.",
            Action::Withdraw => "Withdrawn.",
        }
    }
}

/// What the note field asks for, when `action` from `w` needs one.
fn note_prompt(w: &Workflow, action: Action) -> &'static str {
    match action {
        Action::Reject => "What should change? (sent back with the edition)",
        Action::Withdraw => "Public reason for withdrawing the story",
        Action::Publish if is_correction(w) => "Correction note, for readers: what changed?",
        _ => "",
    }
}

/// Why a transition was refused: a stable code and a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// `wrong-state`, `note-required`, `second-editor-required`,
    /// `not-publishable`.
    pub code: ErrorCode,
    pub message: String,
}

fn refuse(code: ErrorCode, message: String) -> Refusal {
    Refusal { code, message }
}

/// What the acting editor brings to a transition.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub editor: &'a str,
    /// The editor's role on the desk: `writer`, `editor` or `admin` (a
    /// file desk's editor is an admin; a team server grants roles).
    pub role: &'a str,
    /// The note (reject), correction note (publish) or reason (withdraw).
    pub note: &'a str,
    /// Whether the publish gate finds no errors in the working edition.
    pub gate_passes: bool,
}

/// Whether publishing now would be a correction (an edition was live before).
pub fn is_correction(w: &Workflow) -> bool {
    w.live_edition.is_some()
}

fn same_editor(w: &Workflow, editor: &str) -> bool {
    crate::editor::same_person(&w.last_editor, editor)
}

/// The state `action` leads to, or why it may not happen now.
pub fn check(w: &Workflow, action: Action, req: Request) -> Result<Status, Refusal> {
    let state = w.state;
    if action != Action::Submit && !matches!(req.role, "editor" | "admin") {
        return Err(refuse(
            ErrorCode::NotPermitted,
            format!(
                "your role ({}) may write and submit drafts; to {} is an editor's (an admin grants roles)",
                if req.role.is_empty() { "none" } else { req.role },
                action.label().to_lowercase()
            ),
        ));
    }
    let wrong = |what: &str| {
        refuse(
            ErrorCode::WrongState,
            format!(
                "edition {} is {}; {what}",
                w.edition,
                state.label().to_lowercase()
            ),
        )
    };
    let note = req.note.trim();
    match action {
        Action::Submit => match state {
            Status::Draft => Ok(Status::InReview),
            _ => Err(wrong("only a draft can be submitted for review")),
        },
        Action::Reject => match state {
            Status::InReview | Status::Approved if note.is_empty() => Err(refuse(
                ErrorCode::NoteRequired,
                "sending an edition back to draft needs a note saying what to change".into(),
            )),
            Status::InReview | Status::Approved => Ok(Status::Draft),
            _ => Err(wrong(
                "only an edition in review or approved can be sent back to draft",
            )),
        },
        Action::Approve => {
            if state != Status::InReview {
                return Err(wrong("only an edition in review can be approved"));
            }
            if !req.gate_passes {
                return Err(refuse(
                    ErrorCode::NotPublishable,
                    "the publish checks find errors; an edition with errors cannot be approved".into(),
                ));
            }
            if w.second_editor_approval && same_editor(w, req.editor) {
                return Err(refuse(
                    ErrorCode::SecondEditorRequired,
                    format!(
                        "{} edited this edition last, so another editor must approve it",
                        w.last_editor.trim()
                    ),
                ));
            }
            Ok(Status::Approved)
        }
        Action::Publish => {
            let ready = match state {
                Status::Approved => true,
                Status::Draft | Status::InReview => !w.second_editor_approval,
                _ => false,
            };
            if !ready {
                return Err(match state {
                    Status::Draft | Status::InReview => refuse(
                        ErrorCode::WrongState,
                        format!(
                            "edition {} must be approved by a second editor before it is published (the desk's rule; a one-person desk turns it off)",
                            w.edition
                        ),
                    ),
                    _ => wrong("there is no new edition to publish; edit the story to start one"),
                });
            }
            if !req.gate_passes {
                return Err(refuse(
                    ErrorCode::NotPublishable,
                    "the publish checks find errors; fix them first".into(),
                ));
            }
            if is_correction(w) && note.is_empty() {
                return Err(refuse(
                    ErrorCode::NoteRequired,
                    format!(
                        "edition {} corrects a published story: say what changed, for readers, in a correction note",
                        w.edition
                    ),
                ));
            }
            Ok(Status::Published)
        }
        Action::Withdraw => {
            if w.live_edition.is_none() || w.withdrawn {
                return Err(refuse(
                    ErrorCode::WrongState,
                    "only a published story can be withdrawn".into(),
                ));
            }
            if note.is_empty() {
                return Err(refuse(
                    ErrorCode::NoteRequired,
                    "withdrawing a story needs a public reason".into(),
                ));
            }
            Ok(Status::Withdrawn)
        }
    }
}

/// An edition the window's export can write, as the menu offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct EditionChoice {
    /// What to ask the store for: `published` or `latest`.
    pub edition: String,
    pub label: String,
}

/// The editions an export can hold, the one readers see first (the
/// default): a published or withdrawn story exports what readers have,
/// unless the editor chooses the working draft.
pub fn export_choices(w: &Workflow) -> Vec<EditionChoice> {
    let mut out = Vec::new();
    if let Some(live) = w.live_edition {
        out.push(EditionChoice {
            edition: "published".into(),
            label: match w.withdrawn {
                true => format!("What readers see: edition {live}, withdrawn"),
                false => format!("What readers see: edition {live}, published"),
            },
        });
    }
    if w.live_edition != Some(w.edition) || out.is_empty() {
        out.push(EditionChoice {
            edition: "latest".into(),
            label: format!("The working draft: edition {}", w.edition),
        });
    }
    out
}

/// What the window says once an export of `which` is written to `path`.
pub fn exported(w: &Workflow, which: &str, path: &std::path::Path) -> String {
    match (which, w.live_edition) {
        ("published", Some(live)) => format!(
            "Exported edition {live}, as readers see it{}, to {}",
            if w.withdrawn { " (withdrawn)" } else { "" },
            path.display()
        ),
        _ => format!(
            "Exported the working draft (edition {}) to {}",
            w.edition,
            path.display()
        ),
    }
}

/// One action as the gate panel offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Step {
    pub action: Action,
    pub label: String,
    /// Whether it can be taken now (given a note where one is needed).
    pub allowed: bool,
    /// Whether it asks for a note (reject, a correction, withdraw).
    pub needs_note: bool,
    /// What the note field asks for ("" when no note is needed).
    pub note_prompt: String,
    /// What the window says once the step is taken ("Published.").
    pub done: String,
    /// What stands in the way, or what it will do; for people.
    pub detail: String,
}

/// Every action that makes sense from the story's state, with what it needs.
pub fn steps(w: &Workflow, editor: &str, role: &str, gate_passes: bool) -> Vec<Step> {
    let relevant = |a: Action| match a {
        Action::Submit => w.state == Status::Draft && w.second_editor_approval,
        Action::Reject => matches!(w.state, Status::InReview | Status::Approved),
        Action::Approve => w.state == Status::InReview,
        Action::Publish => matches!(w.state, Status::Draft | Status::InReview | Status::Approved),
        Action::Withdraw => w.live_edition.is_some() && !w.withdrawn,
    };
    Action::ALL
        .into_iter()
        .filter(|a| relevant(*a))
        .map(|action| {
            let prompt = note_prompt(w, action);
            let needs_note = !prompt.is_empty();
            // Ask as if a note were given: the step says what else is missing.
            let req = Request {
                editor,
                role,
                note: if needs_note { "note" } else { "" },
                gate_passes,
            };
            let (allowed, detail) = match check(w, action, req) {
                Ok(_) => (true, ready_detail(w, action)),
                Err(r) => (false, r.message),
            };
            Step {
                action,
                label: action.label().to_string(),
                allowed,
                needs_note,
                note_prompt: prompt.to_string(),
                done: action.done().to_string(),
                detail,
            }
        })
        .collect()
}

fn ready_detail(w: &Workflow, action: Action) -> String {
    match action {
        Action::Submit => "Ask another editor to review and approve this edition.".into(),
        Action::Reject => "Returns the edition to its writer with your note.".into(),
        Action::Approve => "Approves the edition for publication.".into(),
        Action::Publish if is_correction(w) => format!(
            "Publishes edition {} with a correction note for readers; edition {} stays on record.",
            w.edition,
            w.live_edition.unwrap_or(1)
        ),
        Action::Publish => "Publishes the story; the published edition never changes again.".into(),
        Action::Withdraw => "Takes the story down for readers, with a public reason kept on record.".into(),
    }
}

#[cfg(test)]
#[path = "editions_tests.rs"]
mod tests;
