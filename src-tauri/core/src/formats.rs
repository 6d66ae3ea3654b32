//! The interchange formats by name, and reading input files safely.
//!
//! Contract: [`Format`] names each format the core reads or writes, as the
//! CLI and the app spell it; [`sniff`] guesses the format of an input;
//! [`write_atomically`] replaces a file whole, with normal permissions.
//! Reading input files lives in [`crate::input`].

use crate::error::{Error, Result};
use crate::model::Story;
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// An interchange format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum Format {
    /// The canonical plain text of FORMAT.md (also reads web page copies).
    Itn,
    /// The lossless native JSON, `factdesk/1`.
    Json,
    /// CommonMark with GFM footnotes (export only).
    Md,
    /// One standalone HTML file with schema.org JSON-LD (export only).
    Html,
    /// IPTC ninjs 3.1 (reads back what Factdesk's own export carries).
    Ninjs,
}

impl Format {
    /// Every format, in the order menus show them.
    pub const ALL: [Format; 5] = [Format::Itn, Format::Json, Format::Md, Format::Html, Format::Ninjs];

    pub fn name(self) -> &'static str {
        match self {
            Format::Itn => "itn",
            Format::Json => "json",
            Format::Md => "md",
            Format::Html => "html",
            Format::Ninjs => "ninjs",
        }
    }

    /// The format's name in menus.
    pub fn label(self) -> &'static str {
        match self {
            Format::Itn => "Plain text",
            Format::Json => "Factdesk JSON",
            Format::Md => "Markdown",
            Format::Html => "HTML page",
            Format::Ninjs => "IPTC ninjs",
        }
    }

    /// What menus and file dialogs show of every format, in menu order.
    pub fn menu() -> Vec<FormatInfo> {
        Format::ALL
            .into_iter()
            .map(|format| FormatInfo {
                format,
                label: format.label().into(),
                extension: format.extension().into(),
                importable: format.importable(),
            })
            .collect()
    }

    /// Whether stories can be imported from this format.
    pub fn importable(self) -> bool {
        matches!(self, Format::Itn | Format::Json | Format::Ninjs)
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Itn => "txt",
            Format::Json => "json",
            Format::Md => "md",
            Format::Html => "html",
            Format::Ninjs => "ninjs.json",
        }
    }

    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == s)
    }

    /// Writes `story` in this format.
    pub fn export(self, story: &Story) -> String {
        match self {
            Format::Itn => crate::itn::export(story),
            Format::Json => crate::native::export(story),
            Format::Md => crate::export::markdown::export(story),
            Format::Html => crate::export::html::export(story),
            Format::Ninjs => crate::export::ninjs::export(story),
        }
    }

    /// Reads a story in this format; the error message names what is wrong.
    pub fn import(self, text: &str) -> std::result::Result<Story, String> {
        match self {
            Format::Itn => crate::itn::import(text).map_err(|e| e.to_string()),
            Format::Json => crate::native::import(text).map_err(|e| e.to_string()),
            Format::Ninjs => crate::export::ninjs::import(text),
            other => Err(format!("{} is an export-only format", other.name())),
        }
    }
}

/// A format as menus and file dialogs show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FormatInfo {
    pub format: Format,
    pub label: String,
    /// Without the dot (`ninjs.json`).
    pub extension: String,
    pub importable: bool,
}

/// ninjs for JSON with a `uri` and no factdesk tag, the native JSON for other
/// JSON, the canonical text otherwise.
pub fn sniff(text: &str) -> Format {
    let text = text.trim_start_matches('\u{FEFF}').trim_start();
    if !text.starts_with('{') {
        return Format::Itn;
    }
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(v) if crate::export::ninjs::looks_like(&v) => Format::Ninjs,
        _ => Format::Json,
    }
}

/// Writes `bytes` to `path` through a temporary file in the same directory,
/// so an existing file is never left half-written. A database this process
/// has open (its logs, its backups) is refused, never replaced.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    crate::db_files::refuse_if_held(path, "write")?;
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // A replaced file keeps its mode; a new one gets 0666 less the umask,
        // like any file a program writes (tempfile's own default is 0600).
        let mode = std::fs::metadata(path).map_or(0o666, |m| m.permissions().mode() & 0o7777);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn written_files_get_normal_permissions_and_keep_their_own() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("story.html");
        // SAFETY: umask only swaps the process's mask; the old one is put back.
        let umask = unsafe {
            let old = libc::umask(0o022);
            libc::umask(old);
            old
        } as u32;
        write_atomically(&path, b"one").unwrap();
        assert_eq!(
            mode(&path),
            0o666 & !umask,
            "0666 less the umask, not tempfile's 0600"
        );
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(mode(&path), 0o640, "a replaced file keeps its mode");
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
    }
}
