//! The editor's own settings (not the database's): who they are.
//!
//! Contract: kept as JSON in `settings.json` in the app's config directory
//! (on Linux `~/.config/org.factdesk.app/`), written atomically; a missing
//! or unreadable file means the defaults, never an error at start. The
//! editor name falls back to [`crate::editor::resolve`]'s default.

use crate::error::Result;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What the editor set in the app's settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSettings {
    /// The name recorded with every save and transition.
    #[serde(default)]
    pub editor: Option<String>,
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
        std::fs::create_dir_all(dir).map_err(|source| crate::Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    let text = serde_json::to_string_pretty(settings).unwrap_or_default();
    crate::formats::write_atomically(path, text.as_bytes())
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
        };
        save(&path, &s).unwrap();
        assert_eq!(load(&path), s);
        std::fs::write(&path, "{not json").unwrap();
        assert_eq!(load(&path), UserSettings::default());
    }
}
