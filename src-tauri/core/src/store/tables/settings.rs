//! The `settings` table: per-database settings, such as the second-editor
//! approval rule.

use crate::error::Result;
use crate::store::engine::db::{args, Db};

/// The second-editor approval rule: `on` (the default) or `off`.
pub const SECOND_EDITOR_APPROVAL: &str = "second-editor-approval";

pub fn get(db: &Db, key: &str) -> Result<Option<String>> {
    db.row("SELECT value FROM settings WHERE key = ?1", args![key], |r| {
        r.get(0)
    })
}

pub fn set(db: &Db, key: &str, value: &str) -> Result<()> {
    db.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        args![key, value],
    )?;
    Ok(())
}

/// Whether approval must come from a second editor (on unless set off).
pub fn second_editor_approval(db: &Db) -> Result<bool> {
    Ok(get(db, SECOND_EDITOR_APPROVAL)?.as_deref() != Some("off"))
}
