//! The Factdesk desktop app: a thin Tauri shell over `factdesk-core`.
//!
//! Contract: [`run`] resolves the database like the CLI (`--db PATH`, then
//! `FACTDESK_DB`, then the app-data default), opens it, and shows the main
//! window. Problems that stop the app before the window opens (no display,
//! an unusable database) are reported as one line on stderr with a non-zero
//! exit status, never a panic.

mod commands;
mod error;
mod state;

pub use error::IpcError;

use factdesk_core::{paths, store::Store};
use std::path::PathBuf;
use std::process::ExitCode;

/// The value of `--db PATH` or `--db=PATH` among the process arguments.
fn db_argument() -> Option<PathBuf> {
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        let text = arg.to_string_lossy();
        if text == "--db" {
            return args.next().map(PathBuf::from);
        }
        if let Some(v) = text.strip_prefix("--db=") {
            return Some(PathBuf::from(v));
        }
    }
    None
}

/// GTK aborts the process when it has no display; ask it first, quietly.
#[cfg(target_os = "linux")]
fn display_available() -> Result<(), String> {
    gtk::init().map_err(|_| {
        "cannot open a window: no display found (is DISPLAY or WAYLAND_DISPLAY set? Run it in a desktop session or under xvfb-run)".to_string()
    })
}

#[cfg(not(target_os = "linux"))]
fn display_available() -> Result<(), String> {
    Ok(())
}

fn fail(message: &str) -> ExitCode {
    eprintln!("factdesk-app: {message}");
    ExitCode::from(2)
}

/// Starts the app; returns when the last window closes.
pub fn run() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("FACTDESK_LOG").unwrap_or_else(|_| "info".into()),
        )
        .init();
    if let Err(message) = display_available() {
        return fail(&message);
    }
    let store = match paths::resolve_db(db_argument().as_deref()).and_then(|p| Store::open(&p)) {
        Ok(store) => store,
        Err(e) => return fail(&e.to_string()),
    };
    tracing::info!(db = %store.path().display(), "database open");
    let result = tauri::Builder::default()
        .manage(state::AppState::new(store))
        .invoke_handler(tauri::generate_handler![
            commands::stories::list_stories,
            commands::stories::get_story,
            commands::stories::export_story,
        ])
        .run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&format!("the window failed: {e}")),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_core_and_tauri_agree_on_the_app_identifier() {
        let conf: serde_json::Value =
            serde_json::from_str(include_str!("../../tauri.conf.json")).expect("tauri.conf.json parses");
        assert_eq!(conf["identifier"], factdesk_core::paths::APP_IDENTIFIER);
    }
}
