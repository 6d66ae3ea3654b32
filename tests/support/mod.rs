//! The end-to-end harness: the real app binary in a real window, driven by
//! WebDriver (tauri-driver in front of WebKitWebDriver) under the X display
//! the test command provides (xvfb-run).
//!
//! Contract: [`Session::start`] launches the app on a given database and
//! returns a connected client; dropping the session ends the WebDriver
//! session and stops tauri-driver with SIGTERM (a killed tauri-driver would
//! leave WebKitWebDriver serving the next run).

// Each test binary includes this module and uses only part of it.
#![allow(dead_code)]

use fantoccini::{Client, ClientBuilder, Locator};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The app binary cargo built for this test run.
pub const APP: &str = env!("CARGO_BIN_EXE_factdesk-app");

/// The `factdesk` CLI, built beside the app by the test command
/// (`cargo build --workspace`).
pub fn cli() -> PathBuf {
    let bin = Path::new(APP).with_file_name("factdesk");
    assert!(
        bin.is_file(),
        "{} is missing: build the workspace first (cargo build --workspace)",
        bin.display()
    );
    bin
}

/// Runs `factdesk --db DB ARGS…` (`FACTDESK_DB` unset), requires it to
/// succeed and returns what it printed.
pub fn factdesk(db: impl AsRef<std::ffi::OsStr>, args: &[&str]) -> String {
    let out = Command::new(cli())
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("FACTDESK_DB")
        .output()
        .expect("factdesk runs");
    assert!(
        out.status.success(),
        "factdesk {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

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

/// Starts tauri-driver on free ports with the app's XDG directories under
/// `home` and `env` added; returns it once it listens, with its port.
fn spawn_driver(home: &Path, env: &[(&str, &str)]) -> (Child, u16) {
    let port = free_port();
    let native = free_port();
    let mut driver = Command::new(tauri_driver())
        .args(["--port", &port.to_string(), "--native-port", &native.to_string()])
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        // The native confirmations are answered yes unless a test says otherwise.
        .env("FACTDESK_TEST_CONFIRM", "yes")
        .envs(env.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("tauri-driver starts");
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline {
            stop(&mut driver);
            panic!("tauri-driver did not listen on port {port}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    (driver, port)
}

/// Stops tauri-driver with SIGTERM, so it stops WebKitWebDriver too (a
/// killed one leaves it serving the next run); kills it after 5 s.
fn stop(driver: &mut Child) {
    if let Ok(None) = driver.try_wait() {
        let _ = Command::new("kill")
            .args(["-TERM", &driver.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while let Ok(None) = driver.try_wait() {
            if Instant::now() > deadline {
                let _ = driver.kill();
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// An X display of its own (Xvfb), for a test whose window must be larger
/// than the test command's screen or must not share the keyboard focus with
/// another test's window. Dropping it stops the server.
pub struct Screen {
    server: Child,
    display: String,
}

impl Screen {
    /// Starts Xvfb with one `width`×`height` screen on a free display
    /// (`-displayfd` makes the server choose one and say it when it is ready).
    pub fn new(width: u32, height: u32) -> Screen {
        use std::io::BufRead;
        let mut server = Command::new("Xvfb")
            .args(["-displayfd", "1", "-nolisten", "tcp", "-screen", "0"])
            .arg(format!("{width}x{height}x24"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb starts (scripts/setup.sh installs xvfb)");
        let mut line = String::new();
        let out = server.stdout.take().expect("Xvfb's output");
        std::io::BufReader::new(out)
            .read_line(&mut line)
            .expect("Xvfb names its display");
        let number = line.trim();
        assert!(!number.is_empty(), "Xvfb stopped before naming a display");
        Screen {
            server,
            display: format!(":{number}"),
        }
    }

    /// The `DISPLAY` value of this screen.
    pub fn display(&self) -> &str {
        &self.display
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

pub struct Session {
    pub client: Client,
    driver: Child,
}

impl Session {
    /// Opens the app on `db` in a new window. The app's config and data
    /// directories (window state, logs) live beside `db`, so runs never touch
    /// the user's own and never see each other's.
    pub async fn start(db: &Path) -> Session {
        let home = db.parent().expect("db in a directory").join("xdg");
        Session::start_on(&db.display().to_string(), &home, &[]).await
    }

    /// Opens the app on `location` (a file or a `postgres://` URL) with its
    /// config, data and cache directories under `home` and `env` added to
    /// its environment (two windows of a team desk each get their own).
    pub async fn start_on(location: &str, home: &Path, env: &[(&str, &str)]) -> Session {
        Session::launch(APP, &["--db", location], home, env).await
    }

    /// Opens `app` (any Tauri app binary, e.g. the window benchmark's bare
    /// one) with `args`, its XDG directories under `home` and `env` added.
    pub async fn launch(app: &str, args: &[&str], home: &Path, env: &[(&str, &str)]) -> Session {
        for sub in ["config", "data", "cache"] {
            std::fs::create_dir_all(home.join(sub)).expect("app directories");
        }
        assert!(
            std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some(),
            "end-to-end tests need a display: run them through the README's test command (xvfb-run)"
        );
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": app, "args": args }),
        );
        // WebKitWebDriver now and then drops the new-session request of a
        // fresh driver (IncompleteMessage); a second driver gets it through.
        let mut attempt = 1;
        loop {
            let (mut driver, port) = spawn_driver(home, env);
            let connected = ClientBuilder::rustls()
                .expect("TLS setup")
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await;
            match connected {
                Ok(client) => return Session { client, driver },
                Err(e) => {
                    stop(&mut driver);
                    assert!(attempt < 3, "no WebDriver session with {app} in 3 attempts: {e}");
                    eprintln!("support: no WebDriver session with {app} ({e}); trying again");
                    attempt += 1;
                }
            }
        }
    }

    /// The process id of tauri-driver, whose descendants are the app and its WebKit processes.
    pub fn driver_pid(&self) -> u32 {
        self.driver.id()
    }

    /// The id of the story open in the list (its selected row).
    pub async fn open_story_id(&self) -> String {
        self.wait_for(".stories li.active [data-story-id]")
            .await
            .attr("data-story-id")
            .await
            .expect("the row's attribute can be read")
            .expect("the selected row names its story")
    }

    /// Waits (up to 15 s) for an element matching `css`.
    pub async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        let found = self
            .client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(css))
            .await;
        match found {
            Ok(el) => el,
            Err(e) => {
                let shot = self.screenshot("failure").await;
                panic!("no element {css}: {e} (screenshot: {})", shot.display())
            }
        }
    }

    /// Waits (up to 15 s) until `probe` returns `Some`, polling.
    pub async fn until<T, F, Fut>(&self, what: &str, mut probe: F) -> T
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Option<T>>,
    {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Some(v) = probe().await {
                return v;
            }
            if Instant::now() > deadline {
                let shot = self.screenshot("failure").await;
                panic!("timed out waiting for {what} (screenshot: {})", shot.display());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The text of the first element matching `css`, once it satisfies `ok`.
    pub async fn text_when(&self, css: &str, ok: impl Fn(&str) -> bool) -> String {
        let mut last = String::new();
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                last = el.text().await.unwrap_or_default();
                if ok(&last) {
                    return last;
                }
            }
            if Instant::now() > deadline {
                let shot = self.screenshot("failure").await;
                panic!(
                    "{css} never matched; last text: {last:?} (screenshot: {})",
                    shot.display()
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Clicks the first element matching `css`.
    pub async fn click(&self, css: &str) {
        self.wait_for(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    /// Types into the first element matching `css` (keys go through the page).
    pub async fn type_into(&self, css: &str, text: &str) {
        let el = self.wait_for(css).await;
        el.send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("type into {css}: {e}"));
    }

    /// Sets the value of the field matching `css` as a paste would (one
    /// `input` event), for text WebDriver cannot type, such as Arabic.
    pub async fn set_value(&self, css: &str, text: &str) {
        let el = self.wait_for(css).await;
        self.js(
            "const el = arguments[0]; el.focus(); el.value = arguments[1]; el.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![serde_json::to_value(&el).expect("element"), serde_json::json!(text)],
        )
        .await;
    }

    /// Chooses `value` in the select matching `css`.
    pub async fn choose(&self, css: &str, value: &str) {
        let el = self.wait_for(css).await;
        self.js(
            "const el = arguments[0]; el.value = arguments[1]; el.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![serde_json::to_value(&el).expect("element"), serde_json::json!(value)],
        )
        .await;
    }

    /// Waits until the focused element's id starts with `prefix`; returns the id.
    pub async fn focus_settles(&self, prefix: &str) -> String {
        self.until(&format!("focus on #{prefix}…"), || async {
            let id = self
                .js(
                    "return document.activeElement ? document.activeElement.id : ''",
                    vec![],
                )
                .await;
            id.as_str()
                .filter(|id| id.starts_with(prefix))
                .map(str::to_string)
        })
        .await
    }

    /// Adds a source through the form: its outlet (typed where the focus
    /// lands) and its URL.
    pub async fn add_source(&self, outlet: &str, url: &str) {
        let n = self.count("[data-testid=source]").await + 1;
        self.click("[data-testid=add-source]").await;
        self.until("the new source", || async {
            (self.count("[data-testid=source]").await == n).then_some(())
        })
        .await;
        self.focus_settles("source-").await;
        self.type_keys(outlet).await;
        self.type_into(
            &format!("[data-testid=source]:nth-child({n}) input[type=url]"),
            url,
        )
        .await;
    }

    /// Adds a narrative through the form: its outlet (typed where the focus
    /// lands, in the new narrative) and, when given, its text.
    pub async fn add_narrative(&self, outlet: &str, text: Option<&str>) {
        let n = self.count("[data-testid=narrative]").await + 1;
        self.click("[data-testid=add-narrative]").await;
        let inside =
            format!("return !!document.activeElement.closest('[data-testid=narrative]:nth-child({n})')");
        self.until(&format!("focus in narrative {n}"), || async {
            (self.js(&inside, vec![]).await == serde_json::json!(true)).then_some(())
        })
        .await;
        self.type_keys(outlet).await;
        if let Some(text) = text {
            self.type_into(&format!("[aria-label='Text of narrative {n}']"), text)
                .await;
        }
    }

    /// Types into whatever has the focus.
    pub async fn type_keys(&self, text: &str) {
        let el = self.client.active_element().await.expect("a focused element");
        el.send_keys(text).await.expect("typing");
    }

    /// Runs JavaScript in the page and returns its result.
    pub async fn js(&self, script: &str, args: Vec<serde_json::Value>) -> serde_json::Value {
        self.client
            .execute(script, args)
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}"))
    }

    /// Calls a command from the page as the UI would; `ok`, or the error the
    /// backend sent (serialised).
    pub async fn invoke(&self, command: &str, args: serde_json::Value) -> String {
        let result = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])
                   .then(() => done('ok'), (e) => done(typeof e === 'string' ? e : JSON.stringify(e)));",
                vec![command.into(), args],
            )
            .await
            .expect("the script runs");
        result.as_str().unwrap_or_default().to_string()
    }

    /// How many elements match `css`.
    pub async fn count(&self, css: &str) -> usize {
        self.client
            .find_all(Locator::Css(css))
            .await
            .map(|v| v.len())
            .unwrap_or(0)
    }

    /// Saves a WebDriver screenshot of the window as `name.png`.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let png = self.client.screenshot().await.expect("screenshot");
        let path = screenshot_dir().join(format!("{name}.png"));
        std::fs::write(&path, png).expect("screenshot written");
        path
    }

    /// Resizes the window (outer size, in CSS pixels).
    pub async fn resize(&self, width: u32, height: u32) {
        self.client.set_window_size(width, height).await.expect("resize");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }

    /// Ends the session and stops the driver.
    pub async fn finish(mut self) {
        let client = self.client.clone();
        let _ = client.close().await;
        self.stop_driver();
    }

    fn stop_driver(&mut self) {
        stop(&mut self.driver);
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.stop_driver();
    }
}

/// The `q` quantile (nearest rank) of `v`, for the window benchmarks that
/// share this harness.
pub fn quantile(v: &mut [f64], q: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    let rank = ((q * v.len() as f64).ceil() as usize).clamp(1, v.len());
    v[rank - 1]
}
