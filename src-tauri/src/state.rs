//! What the app keeps between commands: the desk (the core's: store, open
//! stories, journal, registry), the paths the editor picked in a file
//! dialog, and what to tell the editor at start.
//!
//! Contract: a command that reads or writes a path from the window may use
//! only a path the editor picked in this session's dialogs ([`Picked`]);
//! in a picked folder it may write only the names the core chose for a
//! batch export (never, say, `.bashrc` in the home folder).

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
    /// Told once the window has drawn its list: the background work of the
    /// start (the file's integrity check, the daily backup) waits for it.
    drawn: Mutex<Option<std::sync::mpsc::Sender<()>>>,
}

/// Paths picked in a dialog this session: files to read, files to write
/// (picked in a save dialog, or named by the core's plan of a batch export
/// into a picked folder), and folders.
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
    /// Lets the files of a batch export the core planned in a picked folder
    /// be written (only those names, only directly in that folder).
    pub fn remember_planned(&mut self, plan: &[factdesk_core::batch::Planned]) {
        for planned in plan {
            let path = PathBuf::from(&planned.path);
            if path.parent().is_some_and(|dir| self.folders.contains(dir)) {
                self.write.insert(path);
            }
        }
    }

    pub fn check<'a>(&self, path: &'a Path, usage: Use) -> Result<&'a Path, IpcError> {
        let ok = match usage {
            Use::Read => self.read.contains(path),
            Use::Write => self.write.contains(path),
            Use::Folder => self.folders.contains(path),
        };
        ok.then_some(path).ok_or_else(|| not_picked(path))
    }
}

impl AppState {
    pub fn new(desk: Desk, notices: Vec<String>, drawn: std::sync::mpsc::Sender<()>) -> Self {
        AppState {
            desk,
            picked: Mutex::new(Picked::default()),
            notices,
            drawn: Mutex::new(Some(drawn)),
        }
    }

    /// The window drew its list: the start's background work may begin
    /// (only the first time counts).
    pub fn window_drawn(&self) {
        let sender = self.drawn.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(sender) = sender {
            // The receiver gave up waiting already when this fails: nothing to do.
            let _ = sender.send(());
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

/// Runs `f` on the desk on a blocking thread (a fetch may take seconds; the
/// async runtime's workers must never wait on the network).
pub async fn off_the_runtime<T: Send + 'static>(
    app: tauri::AppHandle,
    f: impl FnOnce(&Desk) -> factdesk_core::Result<T> + Send + 'static,
) -> Result<T, crate::error::IpcError> {
    use tauri::Manager;
    let done = tauri::async_runtime::spawn_blocking(move || f(app.state::<AppState>().desk())).await;
    match done {
        Ok(result) => Ok(result?),
        Err(e) => Err(crate::error::IpcError::new(
            factdesk_core::error::ErrorCode::Ipc,
            format!("the fetch stopped unexpectedly ({e})"),
        )),
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
        assert!(
            p.check(Path::new("/home/e/out/a.html"), Use::Write).is_err(),
            "a name the core did not choose, in a picked folder"
        );
        let planned = |path: &str| factdesk_core::batch::Planned {
            id: 1,
            path: path.into(),
            exists: false,
        };
        p.remember_planned(&[planned("/home/e/out/a.html"), planned("/home/e/elsewhere/b.html")]);
        assert!(p.check(Path::new("/home/e/out/a.html"), Use::Write).is_ok());
        assert!(p.check(Path::new("/home/e/out/.bashrc"), Use::Write).is_err());
        assert!(p
            .check(Path::new("/home/e/elsewhere/b.html"), Use::Write)
            .is_err());
        assert!(p.check(Path::new("/home/e/out/sub/a.html"), Use::Write).is_err());
        assert!(p.check(Path::new("/home/e/out/a.html"), Use::Read).is_err());
        assert!(p.check(Path::new("/home/e/x.html"), Use::Write).is_ok());
        let err = p.check(Path::new("/root/.ssh/id"), Use::Read).unwrap_err();
        assert_eq!(err.code, ErrorCode::NotPermitted);
    }
}
