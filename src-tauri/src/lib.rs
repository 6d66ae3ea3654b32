//! The Factdesk desktop app: a thin Tauri shell over `factdesk-core`.
//!
//! Contract: [`run`] resolves the database like the CLI (`--db PATH|URL`,
//! then `FACTDESK_DB`, then the team database chosen in the settings, then
//! the app-data default file), opens it, and shows the main window; on a
//! team database it also listens for colleagues' changes. Problems that stop the app before the window opens (no display,
//! an unusable database) are reported as one line on stderr with a non-zero
//! exit status, never a panic.

mod commands;
mod error;
mod rendering;
mod state;

pub use error::IpcError;

use factdesk_core::desk::Desk;
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

/// The team database cannot be opened at start: asks, in a window (an
/// editor who started the app from a menu never sees stderr), whether to
/// work on this computer's file this time instead. True when they choose it.
#[cfg(target_os = "linux")]
fn offer_the_file(problem: &str) -> bool {
    use gtk::prelude::*;
    let dialog = gtk::MessageDialog::new(
        None::<&gtk::Window>,
        gtk::DialogFlags::MODAL,
        gtk::MessageType::Warning,
        gtk::ButtonsType::None,
        &format!(
            "{problem}\n\nYou can work on this computer's own file this time, or quit and try again later."
        ),
    );
    dialog.set_title("Factdesk cannot open the team database");
    dialog.add_button("Quit", gtk::ResponseType::Close);
    dialog.add_button("Open this computer's file", gtk::ResponseType::Accept);
    let answer = dialog.run();
    dialog.close();
    while gtk::events_pending() {
        gtk::main_iteration();
    }
    answer == gtk::ResponseType::Accept
}

#[cfg(not(target_os = "linux"))]
fn offer_the_file(_problem: &str) -> bool {
    false
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

/// How often the window looks whether captured sources are due a recheck.
const RECHECK_LOOK_EVERY: std::time::Duration = std::time::Duration::from_secs(3600);

/// How often the window looks whether the wire is due a pull.
const WIRE_LOOK_EVERY: std::time::Duration = std::time::Duration::from_secs(60);

/// How long the start's background work waits for the window to say it
/// drew its list, before it starts anyway (a window that failed to load).
const DRAWN_AT_THE_LATEST: std::time::Duration = std::time::Duration::from_secs(5);

fn fail(message: &str) -> ExitCode {
    eprintln!("factdesk-app: {message}");
    ExitCode::from(2)
}

/// Starts the app; returns when the last window closes.
pub fn run() -> ExitCode {
    rendering::choose();
    init_logging();
    tracing::info!("{}", rendering::described());
    if let Err(message) = display_available() {
        return fail(&message);
    }
    let settings = factdesk_core::user_settings::file()
        .map(|f| factdesk_core::user_settings::load(&f))
        .unwrap_or_default();
    let location = match paths::resolve_app_db(db_argument().as_deref(), settings.team_database.as_deref()) {
        Ok(location) => location,
        Err(e) => return fail(&e.to_string()),
    };
    let mut server_url = location
        .to_str()
        .filter(|s| factdesk_core::store::pg::is_url(s))
        .map(str::to_string);
    let opened = match &server_url {
        Some(url) => match Store::open_server(url) {
            Err(e) if offer_the_file(&e.to_string()) => {
                server_url = None;
                paths::default_db_for_writing().and_then(|file| Store::open(&file))
            }
            other => other,
        },
        None => Store::open_checking_later(&location),
    };
    let mut store = match opened {
        Ok(store) => store,
        Err(e) => return fail(&e.to_string()),
    };
    // On a file the editor is the name kept in the settings; on a server
    // it is the login, whatever the settings say.
    if store.server().is_none() {
        if let Err(e) = store.set_editor(&factdesk_core::editor::resolve(settings.editor.as_deref())) {
            return fail(&e.to_string());
        }
    }
    tracing::info!(db = %store.path().display(), "database open");
    let notices: Vec<String> = store.migration_notice().into_iter().collect();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(commands::handler())
        .setup(move |app| {
            use tauri::Manager;
            let host = std::sync::Arc::new(commands::team::TauriHost(app.handle().clone()));
            let desk = Desk::new(store, host, paths::journal_dir().as_deref());
            if let Some(url) = server_url {
                desk.listen(url);
            }
            let (drawn, window_drew) = std::sync::mpsc::channel();
            app.manage(state::AppState::new(desk, notices, drawn));
            // Once the window has drawn its list (so none of it competes
            // with the window's start): the file's integrity check, today's
            // backup, then the indexing of text saved while typing and never
            // indexed and the purge of old trash. The window does not wait.
            let handle = app.handle().clone();
            std::thread::spawn(move || {
                let _ = window_drew.recv_timeout(DRAWN_AT_THE_LATEST);
                let state = handle.state::<state::AppState>();
                let desk = state.desk();
                desk.settle();
                // The wire, pulled on this editor's interval while the
                // window is open (the desk knows when it is due); looked
                // at every minute, so a changed interval soon applies.
                let wire = handle.clone();
                std::thread::spawn(move || loop {
                    if let Err(e) = wire.state::<state::AppState>().desk().pull_if_due() {
                        tracing::warn!("timed pull of the wire: {e}");
                    }
                    std::thread::sleep(WIRE_LOOK_EVERY);
                });
                // The daily recheck of captured sources, when the editor
                // turned it on: looked at hourly, each source fetched at
                // most once a day (the desk knows which are due).
                loop {
                    if let Err(e) = desk.daily_recheck() {
                        tracing::warn!("daily recheck of captured sources: {e}");
                    }
                    std::thread::sleep(RECHECK_LOOK_EVERY);
                }
            });
            Ok(())
        })
        .run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&format!("the window failed: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use crate::commands::COMMANDS;

    #[test]
    fn every_command_is_granted_and_every_call_is_a_command() {
        let caps: serde_json::Value =
            serde_json::from_str(include_str!("../capabilities/default.json")).expect("capability parses");
        let granted: Vec<String> = caps["permissions"]
            .as_array()
            .expect("permissions")
            .iter()
            .filter_map(|p| p.as_str()?.strip_prefix("allow-").map(|c| c.replace('-', "_")))
            .collect();
        let mut expected: Vec<String> = COMMANDS.iter().map(|c| c.to_string()).collect();
        let mut granted_sorted = granted.clone();
        expected.sort();
        granted_sorted.sort();
        assert_eq!(
            granted_sorted, expected,
            "capabilities/default.json grants exactly the commands"
        );
        let ipc = include_str!("../../ui/src/lib/ipc.ts");
        // Every `call("name"` — the only place ipc.ts names a command.
        let mut called: Vec<&str> = ipc
            .split("call(\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect();
        called.sort_unstable();
        called.dedup();
        let mut commands = COMMANDS.to_vec();
        commands.sort_unstable();
        assert_eq!(called, commands, "ipc.ts calls exactly the registered commands");
        for event in factdesk_core::desk::EVENTS {
            assert!(
                ipc.contains(&format!("(\"{event}\"")),
                "ipc.ts listens for {event}"
            );
        }
    }

    #[test]
    fn the_commands_signatures_are_a_typescript_type() {
        // The generator reads `StoryId` as a number: true while it is an i64.
        let id: factdesk_core::model::StoryId = 0;
        let _: i64 = id;
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (signatures, used) =
            crate::commands::signatures::read(&root.join("src-tauri/src/commands")).expect("commands read");
        // Written where ts-rs writes the other types (CI checks they are committed).
        let dir = root.join(std::env::var("TS_RS_EXPORT_DIR").unwrap_or_else(|_| "ui/src/bindings".into()));
        for t in &used {
            assert!(
                dir.join(format!("{t}.ts")).exists(),
                "a command uses `{t}`, which has no ts-rs binding in {}",
                dir.display()
            );
        }
        let text =
            crate::commands::signatures::typescript_file(COMMANDS, &signatures, &used).expect("signatures");
        std::fs::write(dir.join("Command.ts"), text).expect("Command.ts written");
    }

    #[test]
    fn the_core_and_tauri_agree_on_the_app_identifier() {
        let conf: serde_json::Value =
            serde_json::from_str(include_str!("../../tauri.conf.json")).expect("tauri.conf.json parses");
        assert_eq!(conf["identifier"], factdesk_core::paths::APP_IDENTIFIER);
    }
}
