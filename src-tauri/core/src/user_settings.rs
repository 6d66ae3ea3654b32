//! The editor's own settings (not the database's): who they are.
//!
//! Contract: kept as JSON in `settings.json` in the app's config directory
//! (on Linux `~/.config/org.factdesk.app/`), written atomically; a missing
//! or unreadable file means the defaults, never an error at start. The
//! editor name falls back to [`crate::editor::resolve`]'s default. A team
//! database is remembered by its URL without the password.

use crate::error::Result;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What the editor set in the app's settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSettings {
    /// The name recorded with every save and transition.
    #[serde(default)]
    pub editor: Option<String>,
    /// The story last open in the window, per database file, so the window
    /// reopens it.
    #[serde(default)]
    pub last_story: std::collections::BTreeMap<String, i64>,
    /// The team database to open instead of the file on this computer
    /// (`postgres://…`, never with a password: that is in `~/.pgpass`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_database: Option<String>,
    /// Whether the window rechecks, once a day while open, the captured
    /// sources of stories published in the last 30 days.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub recheck_daily: bool,
    /// Minutes between pulls of the wire while the window is open (0: only
    /// when asked); `None` is the default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wire_pull_minutes: Option<u32>,
}

/// Where the settings live.
pub fn file() -> Option<PathBuf> {
    Some(
        dirs::config_dir()?
            .join(crate::paths::APP_IDENTIFIER)
            .join("settings.json"),
    )
}

/// The settings in `path`, or the defaults when there are none.
pub fn load(path: &Path) -> UserSettings {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

/// Writes `settings` to `path`, creating its folder.
pub fn save(path: &Path, settings: &UserSettings) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|source| crate::error::Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    let text = serde_json::to_string_pretty(settings).unwrap_or_default();
    crate::db_files::write_atomically(path, text.as_bytes())
}

/// The key a database is remembered under: its absolute path.
fn database_key(db: &Path) -> String {
    std::fs::canonicalize(db)
        .unwrap_or_else(|_| db.to_path_buf())
        .display()
        .to_string()
}

/// The story last open in the window for database `db`, if any.
pub fn last_story(file: &Path, db: &Path) -> Option<i64> {
    load(file).last_story.get(&database_key(db)).copied()
}

/// Remembers `id` as the story open in database `db` (`None`: none open).
pub fn remember_story(file: &Path, db: &Path, id: Option<i64>) -> Result<()> {
    let mut settings = load(file);
    let key = database_key(db);
    let before = settings.last_story.get(&key).copied();
    if before == id {
        return Ok(());
    }
    match id {
        Some(id) => settings.last_story.insert(key, id),
        None => settings.last_story.remove(&key),
    };
    save(file, &settings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_default_when_missing_or_damaged() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("conf").join("settings.json");
        assert_eq!(load(&path), UserSettings::default());
        let s = UserSettings {
            editor: Some("Anna Berg".into()),
            last_story: [("/x/desk.sqlite3".to_string(), 7)].into(),
            team_database: Some("postgres://anna@db.example/desk".into()),
            recheck_daily: true,
            wire_pull_minutes: Some(15),
        };
        save(&path, &s).unwrap();
        assert_eq!(load(&path), s);
        std::fs::write(&path, "{not json").unwrap();
        assert_eq!(load(&path), UserSettings::default());
    }

    #[test]
    fn the_last_story_is_remembered_per_database() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("settings.json");
        let (a, b) = (dir.path().join("a.sqlite3"), dir.path().join("b.sqlite3"));
        assert_eq!(last_story(&path, &a), None);
        remember_story(&path, &a, Some(3)).unwrap();
        remember_story(&path, &b, Some(9)).unwrap();
        assert_eq!(last_story(&path, &a), Some(3));
        assert_eq!(last_story(&path, &b), Some(9));
        remember_story(&path, &a, None).unwrap();
        assert_eq!(last_story(&path, &a), None);
        assert_eq!(last_story(&path, &b), Some(9));
        std::fs::write(&path, "{not json").unwrap();
        assert_eq!(load(&path), UserSettings::default());
    }
}
