//! The end-to-end harness: the real app binary in a real window, driven by
//! WebDriver (tauri-driver in front of WebKitWebDriver) under the X display
//! the test command provides (xvfb-run).
//!
//! Contract: [`Session::start`] launches the app on a given database and
//! returns a connected client; dropping the session ends the WebDriver
//! session and stops tauri-driver with SIGTERM (a killed tauri-driver would
//! leave WebKitWebDriver serving the next run).

use fantoccini::{Client, ClientBuilder, Locator};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The app binary cargo built for this test run.
pub const APP: &str = env!("CARGO_BIN_EXE_factdesk-app");

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

fn tauri_driver() -> PathBuf {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    let candidates = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .chain(cargo_home.map(|c| c.join("bin")));
    for dir in candidates {
        let bin = dir.join("tauri-driver");
        if bin.is_file() {
            return bin;
        }
    }
    panic!("tauri-driver is not installed: run ./scripts/setup.sh (cargo install tauri-driver --version '^2' --locked)");
}

/// Where screenshots go: `target/e2e-screenshots/`.
pub fn screenshot_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("e2e-screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot directory");
    dir
}

pub struct Session {
    pub client: Client,
    driver: Child,
}

impl Session {
    /// Opens the app on `db` in a new window.
    pub async fn start(db: &Path) -> Session {
        assert!(
            std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some(),
            "end-to-end tests need a display: run them through the README's test command (xvfb-run)"
        );
        let port = free_port();
        let native = free_port();
        let driver = Command::new(tauri_driver())
            .args(["--port", &port.to_string(), "--native-port", &native.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("tauri-driver starts");
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "tauri-driver did not listen on port {port}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": APP, "args": ["--db", db] }),
        );
        let client = ClientBuilder::rustls()
            .expect("TLS setup")
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a WebDriver session with the app");
        Session { client, driver }
    }

    /// Waits (up to 15 s) for an element matching `css`.
    pub async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
    }

    /// Saves a WebDriver screenshot of the window as `name.png`.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let png = self.client.screenshot().await.expect("screenshot");
        let path = screenshot_dir().join(format!("{name}.png"));
        std::fs::write(&path, png).expect("screenshot written");
        path
    }

    /// Ends the session and stops the driver.
    pub async fn finish(mut self) {
        let client = self.client.clone();
        let _ = client.close().await;
        self.stop_driver();
    }

    fn stop_driver(&mut self) {
        if let Ok(None) = self.driver.try_wait() {
            let _ = Command::new("kill")
                .args(["-TERM", &self.driver.id().to_string()])
                .status();
            let deadline = Instant::now() + Duration::from_secs(5);
            while let Ok(None) = self.driver.try_wait() {
                if Instant::now() > deadline {
                    let _ = self.driver.kill();
                    break;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.stop_driver();
    }
}
