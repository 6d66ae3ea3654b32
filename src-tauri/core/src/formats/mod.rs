//! The interchange formats, registered once, and writing output files.
//!
//! Contract: each format is a module here holding its [`Spec`] (names, and
//! pure functions from a story to text and back); the registry below makes
//! [`Format`] — as the CLI and the app spell it — from that list alone.
//! [`sniff`] guesses the format of an input; [`write_atomically`] replaces a
//! file whole, with normal permissions. Reading input files lives in
//! [`crate::input`]; the words readers see, in [`crate::wording`].

use crate::error::{Error, Result};
use crate::model::Story;
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// What the registry knows of a format: its names, and what it reads and
/// writes. Each format's module declares one, `SPEC`.
pub struct Spec {
    /// As the CLI and the app spell it (`--format md`).
    pub name: &'static str,
    /// Its name in menus.
    pub label: &'static str,
    /// The usual file extension, without the dot.
    pub extension: &'static str,
    /// Writes a story.
    pub export: fn(&Story) -> String,
    /// Reads a story, the error naming what is wrong; none for an
    /// export-only format.
    pub import: Option<Reader>,
}

/// How a format reads a story: the story, or what is wrong with the text.
pub type Reader = fn(&str) -> std::result::Result<Story, String>;

/// Declares the formats once: each line a variant of [`Format`] and the
/// module (a file beside this one) that holds its [`Spec`]. Adding a format
/// is its file and one line here.
macro_rules! registry {
    ($($(#[$doc:meta])* $variant:ident => $module:ident),* $(,)?) => {
        $(pub mod $module;)*

        /// An interchange format.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
        #[serde(rename_all = "kebab-case")]
        #[ts(export)]
        pub enum Format {
            $($(#[$doc])* $variant),*
        }

        impl Format {
            /// Every format, in the order menus show them.
            pub const ALL: &'static [Format] = &[$(Format::$variant),*];

            fn spec(self) -> &'static Spec {
                match self {
                    $(Format::$variant => &$module::SPEC),*
                }
            }
        }
    };
}

registry! {
    /// The canonical plain text of FORMAT.md (also reads web page copies).
    Itn => itn,
    /// The lossless native JSON, `factdesk/1`.
    Json => json,
    /// CommonMark with GFM footnotes (export only).
    Md => markdown,
    /// One standalone HTML file with schema.org JSON-LD (export only).
    Html => html,
    /// IPTC ninjs 3.1 (reads back what Factdesk's own export carries).
    Ninjs => ninjs,
}

impl Format {
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// The format's name in menus.
    pub fn label(self) -> &'static str {
        self.spec().label
    }

    /// What menus and file dialogs show of every format, in menu order.
    pub fn menu() -> Vec<FormatInfo> {
        Format::ALL
            .iter()
            .map(|&format| FormatInfo {
                format,
                label: format.label().into(),
                extension: format.extension().into(),
                importable: format.importable(),
            })
            .collect()
    }

    /// Whether stories can be imported from this format.
    pub fn importable(self) -> bool {
        self.spec().import.is_some()
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        self.spec().extension
    }

    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL.iter().copied().find(|f| f.name() == s)
    }

    /// Writes `story` in this format.
    pub fn export(self, story: &Story) -> String {
        (self.spec().export)(story)
    }

    /// Reads a story in this format; the error message names what is wrong.
    pub fn import(self, text: &str) -> std::result::Result<Story, String> {
        match self.spec().import {
            Some(import) => import(text),
            None => Err(format!("{} is an export-only format", self.name())),
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
        Ok(v) if ninjs::looks_like(&v) => Format::Ninjs,
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

    #[test]
    fn each_format_is_registered_once_under_the_name_it_is_sent_by() {
        let mut names = std::collections::HashSet::new();
        for &f in Format::ALL {
            assert_eq!(
                serde_json::to_value(f).unwrap(),
                f.name(),
                "the serde name is the spec's"
            );
            assert!(names.insert(f.name()), "{} twice", f.name());
            assert_eq!(Format::parse(f.name()), Some(f));
            let story = crate::sample::story(2, 1);
            let text = f.export(&story);
            match f.importable() {
                true => assert_eq!(f.import(&text).unwrap().facts.len(), 2, "{} reads back", f.name()),
                false => assert!(f.import(&text).unwrap_err().contains("export-only")),
            }
        }
    }
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
