//! The `audit` table: the desk's append-only record of changes to its
//! rules, roles, registry and stories' existence (see migration 9).
//!
//! Contract: [`record`] adds one entry in the caller's transaction; rows are
//! never changed or removed (the schema's triggers refuse it, and on a
//! server the login is recorded whatever `editor` says).

use crate::error::Result;
use crate::store::engine::db::{args, Db};
use crate::store::tables::{parse_ts, ts};
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

/// One entry of the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub editor: String,
    /// What happened: `rule-changed`, `outlet-added`, `outlet-changed`,
    /// `outlet-removed`, `outlets-replaced`, `restored`, `deleted`,
    /// `undeleted`, `purged`, `merged`, `login-added`, `role-granted`,
    /// `role-revoked`.
    pub action: String,
    /// What it happened to: the rule's name, an outlet, `story N`, a login.
    pub subject: String,
    pub before: String,
    pub after: String,
}

/// What an entry says: the action, its subject, before and after.
pub struct Change<'a> {
    pub action: &'a str,
    pub subject: &'a str,
    pub before: &'a str,
    pub after: &'a str,
}

pub fn record(db: &Db, editor: &str, change: Change) -> Result<()> {
    db.execute(
        "INSERT INTO audit (at, editor, action, subject, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        args![
            ts(&crate::model::now()),
            editor,
            change.action,
            change.subject,
            change.before,
            change.after
        ],
    )?;
    Ok(())
}

/// The newest `limit` entries, newest first.
pub fn list(db: &Db, limit: u32) -> Result<Vec<AuditEntry>> {
    db.rows(
        "SELECT seq, at, editor, action, subject, before, after FROM audit ORDER BY seq DESC LIMIT ?1",
        args![limit],
        |r| {
            Ok(AuditEntry {
                seq: r.get(0)?,
                at: parse_ts(&r.get::<String>(1)?)?,
                editor: r.get(2)?,
                action: r.get(3)?,
                subject: r.get(4)?,
                before: r.get(5)?,
                after: r.get(6)?,
            })
        },
    )
}
