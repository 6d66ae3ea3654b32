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

/// Logs go to stderr and, when it can be opened, `factdesk.log` in the app's
/// log directory (so editors can send it with a bug report).
fn init_logging() {
    use tracing_subscriber::{fmt, layer::SubscriberExt, util::SubscriberInitExt, EnvFilter, Layer};
    let filter = || EnvFilter::try_from_env("FACTDESK_LOG").unwrap_or_else(|_| "info".into());
    let file = paths::log_dir().and_then(|dir| {
        std::fs::create_dir_all(&dir).ok()?;
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(dir.join("factdesk.log"))
            .ok()
    });
    let file_layer = file.map(|f| {
        fmt::layer()
            .with_ansi(false)
            .with_writer(std::sync::Mutex::new(f))
            .with_filter(filter())
    });
    tracing_subscriber::registry()
        .with(fmt::layer().with_writer(std::io::stderr).with_filter(filter()))
        .with(file_layer)
        .init();
}

fn fail(message: &str) -> ExitCode {
    eprintln!("factdesk-app: {message}");
    ExitCode::from(2)
}

/// Starts the app; returns when the last window closes.
pub fn run() -> ExitCode {
    init_logging();
    if let Err(message) = display_available() {
        return fail(&message);
    }
    let store = match paths::resolve_db(db_argument().as_deref()).and_then(|p| Store::open(&p)) {
        Ok(store) => store,
        Err(e) => return fail(&e.to_string()),
    };
    tracing::info!(db = %store.path().display(), "database open");
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .manage(state::AppState::new(store))
        .invoke_handler(tauri::generate_handler![
            commands::stories::list_stories,
            commands::stories::get_story,
            commands::stories::create_story,
            commands::stories::restore_story,
            commands::stories::duplicate_story,
            commands::stories::delete_story,
            commands::stories::save_story,
            commands::stories::analyze_story,
            commands::stories::publish_story,
            commands::stories::new_id,
            commands::transfer::import_story_text,
            commands::transfer::import_story_file,
            commands::transfer::export_story,
            commands::transfer::export_story_file,
            commands::transfer::plan_export,
            commands::outlets::outlet_names,
            commands::outlets::list_outlets,
            commands::outlets::save_outlet,
            commands::outlets::delete_outlet,
            commands::outlets::import_outlets_file,
            commands::outlets::export_outlets_file,
            commands::review::review_story,
            commands::review::read_article_text,
            commands::review::read_article_file,
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
