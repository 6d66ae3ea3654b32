//! The `settings` table: per-database settings, such as the second-editor
//! approval rule.

use rusqlite::{params, Connection, OptionalExtension};

/// The second-editor approval rule: `on` (the default) or `off`.
pub const SECOND_EDITOR_APPROVAL: &str = "second-editor-approval";

pub fn get(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0))
        .optional()
}

pub fn set(conn: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

/// Whether approval must come from a second editor (on unless set off).
pub fn second_editor_approval(conn: &Connection) -> rusqlite::Result<bool> {
    Ok(get(conn, SECOND_EDITOR_APPROVAL)?.as_deref() != Some("off"))
}
