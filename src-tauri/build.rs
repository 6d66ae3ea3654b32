//! Runs tauri-build with the capabilities kept under `src-tauri/`.

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    let attrs = tauri_build::Attributes::new().capabilities_path_pattern("./src-tauri/capabilities/**/*");
    if let Err(e) = tauri_build::try_build(attrs) {
        eprintln!("tauri-build failed: {e:#}");
        std::process::exit(1);
    }
}
