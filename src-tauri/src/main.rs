//! The Factdesk desktop app's entry point; everything lives in the library.

// Keep a console window from opening next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    factdesk_app::run()
}
