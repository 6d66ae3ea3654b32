//! What the app keeps between commands: the desk (the core's: store, open
//! stories, journal, registry), the paths the editor picked in a file
//! dialog, and what to tell the editor at start.
//!
//! Contract: a command that reads or writes a path from the window may use
//! only a path the editor picked in this session's dialogs ([`Picked`]).

use crate::error::IpcError;
use factdesk_core::desk::Desk;
use factdesk_core::error::ErrorCode;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

pub struct AppState {
    /// The desk: the store, the stories open for editing, the journal and
    /// the cached registry (see [`factdesk_core::desk`]).
    desk: Desk,
    picked: Mutex<Picked>,
    notices: Vec<String>,
}

/// Paths picked in a dialog this session: files to read, files to write, and
/// folders whose direct children may be written (batch export).
#[derive(Default)]
pub struct Picked {
    read: HashSet<PathBuf>,
    write: HashSet<PathBuf>,
    folders: HashSet<PathBuf>,
}

/// What a picked path may be used for.
#[derive(Debug, Clone, Copy)]
pub enum Use {
    Read,
    Write,
    Folder,
}

fn not_picked(path: &Path) -> IpcError {
    IpcError::new(
        ErrorCode::NotPermitted,
        format!(
            "{}: the window may only use files chosen in a file dialog; choose it again",
            path.display()
        ),
    )
}

impl Picked {
    pub fn remember(&mut self, path: &Path, usage: Use) {
        let set = match usage {
            Use::Read => &mut self.read,
            Use::Write => &mut self.write,
            Use::Folder => &mut self.folders,
        };
        set.insert(path.to_path_buf());
    }

    /// `path` when it was picked for `usage` (a file to write may also lie
    /// directly in a picked folder); otherwise a `not-permitted` error.
    pub fn check<'a>(&self, path: &'a Path, usage: Use) -> Result<&'a Path, IpcError> {
        let in_folder = || path.parent().is_some_and(|dir| self.folders.contains(dir));
        let ok = match usage {
            Use::Read => self.read.contains(path),
            Use::Write => self.write.contains(path) || in_folder(),
            Use::Folder => self.folders.contains(path),
        };
        ok.then_some(path).ok_or_else(|| not_picked(path))
    }
}

impl AppState {
    pub fn new(desk: Desk, notices: Vec<String>) -> Self {
        AppState {
            desk,
            picked: Mutex::new(Picked::default()),
            notices,
        }
    }

    /// The desk every command works on.
    pub fn desk(&self) -> &Desk {
        &self.desk
    }

    pub fn picked(&self) -> MutexGuard<'_, Picked> {
        self.picked
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// What the editor should read when the window opens (a migration and
    /// where its backup is, a backup that could not be taken).
    pub fn notices(&self) -> &[String] {
        &self.notices
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_picked_paths_pass() {
        let mut p = Picked::default();
        p.remember(Path::new("/home/e/story.txt"), Use::Read);
        p.remember(Path::new("/home/e/out"), Use::Folder);
        p.remember(Path::new("/home/e/x.html"), Use::Write);
        assert!(p.check(Path::new("/home/e/story.txt"), Use::Read).is_ok());
        assert!(p.check(Path::new("/home/e/story.txt"), Use::Write).is_err());
        assert!(p.check(Path::new("/etc/passwd"), Use::Read).is_err());
        assert!(p.check(Path::new("/home/e/out/a.html"), Use::Write).is_ok());
        assert!(p.check(Path::new("/home/e/out/sub/a.html"), Use::Write).is_err());
        assert!(p.check(Path::new("/home/e/out/a.html"), Use::Read).is_err());
        assert!(p.check(Path::new("/home/e/x.html"), Use::Write).is_ok());
        let err = p.check(Path::new("/root/.ssh/id"), Use::Read).unwrap_err();
        assert_eq!(err.code, ErrorCode::NotPermitted);
    }
}
