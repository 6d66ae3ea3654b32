//! Fetching one web page within limits.
//!
//! Contract: [`fetch`] GETs an http(s) URL with the `ureq` client — at most
//! [`Limits::max_redirects`] redirects, [`Limits::max_bytes`] of body after
//! gzip/brotli decoding (so a compression bomb stops at the limit), one
//! overall time budget — and returns the final URL, status, validators and
//! the body's bytes, or a [`Failure`] that says why in one line. A
//! [`Conditional`] turns it into a recheck (`If-None-Match`,
//! `If-Modified-Since`; a 304 is [`Fetched::NotModified`]). 404 and 410 come
//! back as pages (a source that is gone is news, not an error); other error
//! statuses, non-HTML content and cancellation are failures. Nothing here
//! touches the store.

use super::Failure;
use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// The bounds every fetch keeps.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest body kept, counted after decompression.
    pub max_bytes: u64,
    pub max_redirects: u32,
    /// The whole fetch: connect, redirects and body.
    pub timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_bytes: 10 * 1024 * 1024,
            max_redirects: 5,
            timeout: Duration::from_secs(30),
        }
    }
}

/// The validators of the snapshot a recheck compares against.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Conditional {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A page as the server sent it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Where the redirects ended.
    pub final_url: String,
    pub status: u16,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// The `charset` of the `Content-Type` header, if it named one.
    pub charset: Option<String>,
    pub body: Vec<u8>,
}

/// What a fetch found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    Page(Page),
    /// A conditional request the server answered 304.
    NotModified,
}

/// The longest address fetched (browsers and servers stop near 8 KB; an
/// article's address is far shorter).
const MAX_URL: usize = 4096;

const USER_AGENT: &str = concat!("Factdesk/", env!("CARGO_PKG_VERSION"), " (source capture)");

/// What a fetch asks for, and which content types it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wanted {
    /// An article's web page: HTML only.
    Page,
    /// A feed: whatever type the server gives it (feeds are served as
    /// XML, RSS, Atom, JSON and plain text alike); the feed's reader decides.
    Feed,
}

fn agent(limits: &Limits, wanted: Wanted) -> ureq::Agent {
    let tls = ureq::tls::TlsConfig::builder()
        .provider(ureq::tls::TlsProvider::NativeTls)
        .build();
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(limits.max_redirects)
        .timeout_global(Some(limits.timeout))
        .user_agent(USER_AGENT)
        .accept(match wanted {
            Wanted::Page => "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
            Wanted::Feed => {
                "application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,*/*;q=0.5"
            }
        })
        .tls_config(tls)
        .build()
        .new_agent()
}

/// Fetches `url`; `cancel` stops it between chunks of the body.
pub fn fetch(
    url: &str,
    limits: &Limits,
    conditional: &Conditional,
    cancel: &AtomicBool,
) -> Result<Fetched, Failure> {
    get(url, limits, conditional, cancel, Wanted::Page)
}

/// Fetches the feed at `url` as [`fetch`] fetches a page, taking any
/// content type (the feed's reader tells a feed from a page).
pub fn fetch_feed(
    url: &str,
    limits: &Limits,
    conditional: &Conditional,
    cancel: &AtomicBool,
) -> Result<Fetched, Failure> {
    get(url, limits, conditional, cancel, Wanted::Feed)
}

fn get(
    url: &str,
    limits: &Limits,
    conditional: &Conditional,
    cancel: &AtomicBool,
    wanted: Wanted,
) -> Result<Fetched, Failure> {
    if url.len() > MAX_URL {
        return Err(Failure::NotWeb(format!(
            "{}…",
            url.chars().take(60).collect::<String>()
        )));
    }
    let checked = crate::urls::check(url).map_err(|_| Failure::NotWeb(url.trim().to_string()))?;
    let mut request = agent(limits, wanted).get(checked.as_str());
    if let Some(etag) = &conditional.etag {
        request = request.header("If-None-Match", etag);
    }
    if let Some(date) = &conditional.last_modified {
        request = request.header("If-Modified-Since", date);
    }
    let mut response = request.call().map_err(|e| failure(e, limits))?;
    let status = response.status().as_u16();
    if status == 304 {
        return Ok(Fetched::NotModified);
    }
    if !(200..300).contains(&status) && status != 404 && status != 410 {
        return Err(Failure::Status(status));
    }
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let (etag, last_modified) = (header("etag"), header("last-modified"));
    let final_url = ureq::ResponseExt::get_uri(&response).to_string();
    let body = response.body_mut();
    let mime = body.mime_type().map(str::to_ascii_lowercase);
    if wanted == Wanted::Page && (200..300).contains(&status) && !is_html(mime.as_deref()) {
        return Err(Failure::NotHtml(mime.unwrap_or_default()));
    }
    let charset = body.charset().map(str::to_string);
    let reader = body.with_config().limit(limits.max_bytes).reader();
    let body = read_all(reader, limits, cancel)?;
    Ok(Fetched::Page(Page {
        final_url,
        status,
        etag,
        last_modified,
        charset,
        body,
    }))
}

fn is_html(mime: Option<&str>) -> bool {
    // A page served without a type is given the benefit of the doubt.
    matches!(mime, None | Some("text/html" | "application/xhtml+xml"))
}

fn read_all(mut reader: impl Read, limits: &Limits, cancel: &AtomicBool) -> Result<Vec<u8>, Failure> {
    let mut body = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        if cancel.load(Ordering::Relaxed) {
            return Err(Failure::Cancelled);
        }
        match reader.read(&mut chunk) {
            Ok(0) => return Ok(body),
            Ok(n) => body.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(failure(ureq::Error::from(e), limits)),
        }
    }
}

fn failure(e: ureq::Error, limits: &Limits) -> Failure {
    use ureq::Error as E;
    match e {
        E::Timeout(_) => Failure::Timeout(limits.timeout.as_secs().max(1)),
        E::HostNotFound => Failure::Dns,
        E::TooManyRedirects => Failure::Redirects(limits.max_redirects),
        E::BodyExceedsLimit(_) => Failure::TooLarge(limits.max_bytes),
        E::Tls(why) => Failure::Tls(why.to_string()),
        E::ConnectionFailed => Failure::Connection("the server did not accept the connection".into()),
        E::StatusCode(code) => Failure::Status(code),
        E::BadUri(_) | E::RedirectFailed => {
            Failure::Connection("a redirect led to an address that is not a web page".into())
        }
        E::Io(io) => match io.kind() {
            std::io::ErrorKind::ConnectionRefused => {
                Failure::Connection("the server refused the connection".into())
            }
            std::io::ErrorKind::TimedOut => Failure::Timeout(limits.timeout.as_secs().max(1)),
            // The system's resolver says so only in words ("failed to
            // lookup address information: Name or service not known").
            _ if io.to_string().contains("lookup address") => Failure::Dns,
            _ => Failure::Connection(io.to_string()),
        },
        #[allow(unreachable_patterns)]
        E::Decompress(..) => Failure::Connection("the page's compressed body is damaged".into()),
        other => {
            let text = other.to_string();
            if text.to_ascii_lowercase().contains("tls") || text.contains("certificate") {
                Failure::Tls(text)
            } else {
                Failure::Connection(text)
            }
        }
    }
}
