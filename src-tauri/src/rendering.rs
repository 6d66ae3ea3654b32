//! How WebKit draws the window, chosen before GTK and WebKit start (they
//! read the environment once, and the web processes inherit it).
//!
//! Contract: [`choose`] runs first thing in the process. On a machine with
//! no GPU render node (`/dev/dri/renderD*`: a virtual machine, a remote
//! desktop, Xvfb), WebKit's Skia would rasterize the page through OpenGL on
//! Mesa's software rasterizer, and a keystroke took 50–95 ms to reach the
//! screen (next frame p95, 30 and 3,000 facts, on this 2-core machine);
//! Skia's own CPU rendering draws the same in 24–27 ms. So without a GPU
//! WebKit renders on the CPU; it still composites (turning compositing off
//! was faster again, but WebKit then never answers a WebDriver screenshot,
//! so the end-to-end tests could not see the window). With a GPU nothing
//! changes, and an editor's own setting of the variable always wins.

use std::ffi::OsStr;

/// WebKitGTK's switch for Skia's CPU rendering.
const SWITCH: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

/// Whether to render on the CPU: only when nobody chose already and the
/// machine has no GPU to render on.
fn cpu_rendering(chosen: Option<&OsStr>, gpu: bool) -> bool {
    chosen.is_none() && !gpu
}

/// Whether the kernel offers a GPU render node (what Mesa's hardware
/// drivers render through).
fn gpu_present() -> bool {
    std::fs::read_dir("/dev/dri").is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    })
}

/// Sets WebKit's rendering for this machine (see the module's contract).
/// Call before any thread starts: it changes the process's environment.
pub fn choose() {
    if cfg!(target_os = "linux") && cpu_rendering(std::env::var_os(SWITCH).as_deref(), gpu_present()) {
        std::env::set_var(SWITCH, "1");
    }
}

/// What [`choose`] decided, for the log once logging is up.
pub fn described() -> &'static str {
    if std::env::var_os(SWITCH).is_some_and(|v| v != "0") {
        "WebKit renders on the CPU (no GPU found)"
    } else {
        "WebKit renders on the GPU"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cpu_renders_only_without_a_gpu_and_never_against_a_choice() {
        assert!(cpu_rendering(None, false), "no GPU: render on the CPU");
        assert!(!cpu_rendering(None, true), "a GPU renders");
        assert!(
            !cpu_rendering(Some(OsStr::new("0")), false),
            "the editor chose the GPU path"
        );
        assert!(!cpu_rendering(Some(OsStr::new("1")), true));
    }
}
