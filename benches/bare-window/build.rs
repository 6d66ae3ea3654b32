//! Embeds tauri.conf.json and dist/ into the bare app.
fn main() {
    tauri_build::build()
}
