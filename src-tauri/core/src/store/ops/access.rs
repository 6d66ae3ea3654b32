//! Who may do what on a desk: the editor's identity and role, display
//! names, the logins of a team desk, and the audit trail.
//!
//! Contract: on a team database the editor is the login and the role is
//! what the server says (`factdesk_role()`); the server enforces both (see
//! migration 9), this module only asks and words. A file desk has one
//! role, admin: whoever can write the file can do anything with it, and
//! its editor names are what the people at the computer type. Adding
//! logins and changing roles is a server's business (refused on a file);
//! passwords reach the server only as SCRAM verifiers, never as text.

use crate::error::{Error, ErrorCode, Result};
use crate::store::engine::db::{args, Dialect};
use crate::store::handle::Store;
use crate::store::tables::audit::{self, AuditEntry};
use serde::Serialize;
use ts_rs::TS;

/// The roles of a team desk, lowest first.
pub const ROLES: [&str; 3] = ["writer", "editor", "admin"];

/// A login of a team desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DeskUser {
    pub login: String,
    /// `writer`, `editor` or `admin` (the highest held).
    pub role: String,
    pub display_name: String,
}

fn file_desk(what: &str) -> Error {
    Error::Refused {
        code: ErrorCode::NotPermitted,
        message: format!(
            "{what} is for a team database on a server; a file desk has no logins (its editor is the operating-system user)"
        ),
    }
}

/// Refuses a role name that is not one of [`ROLES`].
pub fn check_role(role: &str) -> Result<()> {
    match ROLES.contains(&role) {
        true => Ok(()),
        false => Err(Error::Refused {
            code: ErrorCode::BadInput,
            message: format!("{role:?} is not a role: say writer, editor or admin"),
        }),
    }
}

/// Every login's display name (none on a file desk).
pub(in crate::store) fn display_names(
    db: &crate::store::engine::db::Db,
) -> Result<std::collections::BTreeMap<String, String>> {
    if db.dialect() == Dialect::Sqlite {
        return Ok(Default::default());
    }
    Ok(db
        .rows("SELECT login, name FROM display_names", &[], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .into_iter()
        .collect())
}

impl Store {
    /// This editor's role: what the server grants the login, or `admin` on
    /// a file.
    pub fn role(&self) -> Result<String> {
        match self.dialect() {
            Dialect::Sqlite => Ok("admin".into()),
            Dialect::Postgres => self.read(|db| db.value("SELECT factdesk_role()", &[])),
        }
    }

    /// The display name this login chose (none on a file desk, where the
    /// editor's name is the display name).
    pub fn display_name(&self) -> Result<String> {
        match self.dialect() {
            Dialect::Sqlite => Ok(String::new()),
            Dialect::Postgres => self.read(|db| {
                let name: Option<String> = db.row(
                    "SELECT name FROM display_names WHERE login = session_user",
                    &[],
                    |r| r.get(0),
                )?;
                Ok(name.unwrap_or_default())
            }),
        }
    }

    /// Sets this login's display name (a team database only): shown
    /// beside the login, never compared.
    pub fn set_display_name(&mut self, name: &str) -> Result<()> {
        if self.dialect() == Dialect::Sqlite {
            return Err(file_desk("a display name"));
        }
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        self.write(|db| {
            db.execute(
                "INSERT INTO display_names (login, name) VALUES (session_user, ?1)
                 ON CONFLICT (login) DO UPDATE SET name = excluded.name",
                args![&name],
            )?;
            Ok(())
        })
    }

    /// The desk's logins with their roles (a team database only).
    pub fn users(&self) -> Result<Vec<DeskUser>> {
        if self.dialect() == Dialect::Sqlite {
            return Err(file_desk("a list of logins"));
        }
        self.read(|db| {
            db.rows(
                "SELECT r.rolname::text,
                        CASE WHEN pg_has_role(r.oid, 'factdesk_admin', 'MEMBER') THEN 'admin'
                             WHEN pg_has_role(r.oid, 'factdesk_editor', 'MEMBER') THEN 'editor'
                             ELSE 'writer' END,
                        coalesce(d.name, '')
                 FROM pg_roles r LEFT JOIN display_names d ON d.login = r.rolname
                 WHERE r.rolcanlogin AND pg_has_role(r.oid, 'factdesk_writer', 'MEMBER')
                 ORDER BY r.rolname",
                &[],
                |r| {
                    Ok(DeskUser {
                        login: r.get(0)?,
                        role: r.get(1)?,
                        display_name: r.get(2)?,
                    })
                },
            )
        })
    }

    /// Adds `login` when the server has no such login (with `password`,
    /// sent as a SCRAM verifier) and grants it `role`; whether the login
    /// was new.
    pub fn add_user(&mut self, login: &str, role: &str, password: Option<&str>) -> Result<bool> {
        check_role(role)?;
        if self.dialect() == Dialect::Sqlite {
            return Err(file_desk("adding a login"));
        }
        let verifier = password.map(|p| postgres_protocol::password::scram_sha_256(p.as_bytes()));
        self.write(|db| {
            let added: bool = db.value(
                "SELECT factdesk_add_login(?1, ?2)",
                args![login, verifier.as_deref()],
            )?;
            db.execute("SELECT factdesk_set_role(?1, ?2, true)", args![login, role])?;
            Ok(added)
        })
    }

    /// Grants (`granted`) or revokes `role` of `login`.
    pub fn set_user_role(&mut self, login: &str, role: &str, granted: bool) -> Result<()> {
        check_role(role)?;
        if self.dialect() == Dialect::Sqlite {
            return Err(file_desk("changing roles"));
        }
        self.write(|db| {
            db.execute(
                "SELECT factdesk_set_role(?1, ?2, ?3)",
                args![login, role, granted],
            )?;
            Ok(())
        })
    }

    /// The newest `limit` entries of the audit trail, newest first.
    pub fn audit_log(&self, limit: u32) -> Result<Vec<AuditEntry>> {
        self.read(|db| audit::list(db, limit))
    }
}
