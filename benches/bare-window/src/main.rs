//! The bare Tauri 2 app the window benchmark measures Factdesk against: one
//! window of Factdesk's size showing a static page, nothing else.

fn main() {
    if let Err(e) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("bare-window: {e}");
        std::process::exit(1);
    }
}
