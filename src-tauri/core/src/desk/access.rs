//! Who the window's editor is and what the page may change about it: the
//! settings the window shows (identity, role, the rule) and the changes to
//! them, each confirmed by the person outside the page.
//!
//! Contract: [`Desk::settings`] says who is editing, with which role, and
//! in one sentence what that role allows. [`Desk::set_editor_name`],
//! [`Desk::set_second_editor_approval`] and the choice of a team database
//! change nothing unless the host's native confirmation ([`Host::confirm`])
//! says yes; the question names what changes (and the server). On a team
//! database the name the page sets is a display name beside the login.

use super::{Desk, Question};
use crate::error::{Error, ErrorCode, Result};
use crate::store::engine::db::Dialect;
use crate::user_settings;
use serde::Serialize;
use ts_rs::TS;

/// The settings the window shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Settings {
    /// Recorded with every save and transition: the login on a team
    /// database, the name typed here on a file desk.
    pub editor: String,
    /// Shown beside the login on a team database (empty on a file).
    pub display_name: String,
    /// Whether the desk is a team database (the editor is the login).
    pub team: bool,
    /// `writer`, `editor` or `admin`.
    pub role: String,
    /// Who you are and what your role allows, in one sentence.
    pub who: String,
    /// Whether approval must come from a second editor (this database).
    pub second_editor_approval: bool,
    /// Whether this editor may change the rule (admins only on a server).
    pub may_change_rule: bool,
    /// Whether the window rechecks captured sources daily (this editor's choice).
    pub recheck_daily: bool,
    /// Minutes between the window's pulls of the wire (0: only when asked).
    pub wire_pull_minutes: u32,
}

/// How many audit entries the window shows.
const AUDIT_SHOWN: u32 = 100;

/// What a role allows, in words.
fn allows(role: &str) -> &'static str {
    match role {
        "admin" => "you may do everything, including the approval rule, the outlet registry and who may do what",
        "editor" => "you may write, submit, approve others' work, send back, publish and withdraw; the approval rule, the outlet registry and roles are an admin's",
        "writer" => "you may write and submit drafts; approving, publishing and withdrawing are an editor's, the rule and the registry an admin's",
        _ => "your login holds no Factdesk role: ask an admin to grant one (factdesk users grant)",
    }
}

/// The refusal when the person said no.
fn declined(what: &str) -> Error {
    Error::Refused {
        code: ErrorCode::NotPermitted,
        message: format!("{what} was not changed: it was not confirmed"),
    }
}

impl Desk {
    pub fn settings(&self) -> Result<Settings> {
        let store = self.store();
        let team = store.dialect() == Dialect::Postgres;
        let role = store.role()?;
        let display_name = store.display_name()?;
        let editor = store.editor().to_string();
        let shown = match display_name.is_empty() {
            true => format!("“{editor}”"),
            false => format!("“{editor}” ({display_name})"),
        };
        let who = match team {
            true => format!("You are the login {shown}, with the {role} role on this team database: {}.", allows(&role)),
            false => format!(
                "You are {shown} on this computer's file, which anyone who can open it may change; a file desk cannot prove who edited (a team database can)."
            ),
        };
        Ok(Settings {
            recheck_daily: self.recheck_daily(),
            wire_pull_minutes: self.wire_pull_minutes(),
            may_change_rule: role == "admin",
            second_editor_approval: store.second_editor_approval()?,
            editor,
            display_name,
            team,
            role,
            who,
        })
    }

    /// The newest entries of the audit trail, newest first.
    pub fn audit_log(&self) -> Result<Vec<crate::store::tables::audit::AuditEntry>> {
        self.store().audit_log(AUDIT_SHOWN)
    }

    /// Records `name` as the editor of a file desk (kept in the settings
    /// for next time), or as this login's display name on a team database,
    /// once the person confirms it outside the page.
    pub fn set_editor_name(&self, name: &str) -> Result<Settings> {
        let name = crate::editor::resolve(Some(name));
        let current = self.settings()?;
        let unchanged = match current.team {
            true => current.display_name == name,
            false => current.editor == name,
        };
        if unchanged {
            return Ok(current);
        }
        let question = match current.team {
            true => Question {
                title: "Change your display name?".into(),
                message: format!(
                    "Your work stays recorded as the login “{}”; colleagues will see “{name}” beside it.",
                    current.editor
                ),
                yes: "Change the display name".into(),
            },
            false => Question {
                title: "Change the name recorded with your work?".into(),
                message: format!(
                    "From now on, saves, approvals and publications on this computer are recorded as “{name}” instead of “{}”.",
                    current.editor
                ),
                yes: "Record as this name".into(),
            },
        };
        if !self.shared.host.confirm(&question) {
            return Err(declined("Your name"));
        }
        if current.team {
            self.store().set_display_name(&name)?;
            return self.settings();
        }
        if let Some(file) = self.settings_file() {
            let mut settings = user_settings::load(&file);
            settings.editor = Some(name.clone());
            user_settings::save(&file, &settings)?;
        }
        self.store().set_editor(&name)?;
        self.settings()
    }

    /// Turns the desk's second-editor rule on or off once the person
    /// confirms it (on a server only an admin may; the server refuses others).
    pub fn set_second_editor_approval(&self, on: bool) -> Result<Settings> {
        let current = self.settings()?;
        if current.second_editor_approval == on {
            return Ok(current);
        }
        let place = self.store().path().display().to_string();
        let question = Question {
            title: match on {
                true => "Turn the second-editor rule on?".into(),
                false => "Turn the second-editor rule off?".into(),
            },
            message: match on {
                true => format!("Every edition on {place} will need another editor's approval before it is published. The change is recorded in the audit trail."),
                false => format!("Anyone on {place} will be able to publish their own work without a second editor's approval. The change is recorded in the audit trail."),
            },
            yes: match on {
                true => "Turn it on".into(),
                false => "Turn it off".into(),
            },
        };
        if !self.shared.host.confirm(&question) {
            return Err(declined("The approval rule"));
        }
        self.store().set_second_editor_approval(on)?;
        self.settings()
    }
}
