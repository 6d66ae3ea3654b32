//! A web server on 127.0.0.1 for the wire tests: outlets' feeds in the
//! three formats (RSS 2.0, Atom, JSON Feed) carrying real headlines of
//! three events — North Korea's arms for Russia and the Moroccan earthquake,
//! covered across the spectrum, and Seymour Hersh's Nord Stream report,
//! covered only by establishment-critical outlets — dated relative to the
//! moment they are served; and the ways feeds go wrong (broken XML, a web
//! page, a feed that is gone, one item in two feeds, relative links,
//! missing dates, 10,000 items).
#![allow(dead_code)]

use chrono::{Duration, Utc};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tiny_http::{Header, Response, Server, StatusCode};

/// The lead of an item whose headline alone does not name its event (as
/// feeds carry a summary under the headline).
const LEADS: &[(&str, &str)] = &[(
    "nk-rt",
    "The White House claims North Korea has delivered more than 1,000 containers of military equipment and munitions to Russia, without showing evidence.",
)];

fn lead(slug: &str, title: &str) -> String {
    LEADS
        .iter()
        .find(|(s, _)| *s == slug)
        .map_or(title, |(_, l)| l)
        .to_string()
}

/// One item: hours before it is served, headline, page slug.
pub type Item = (i64, &'static str, &'static str);

/// (outlet, feed path, items) of the events' items.
pub const ITEMS: &[(&str, &str, &[Item])] = &[
    (
        "Reuters",
        "/feeds/reuters.rss",
        &[
            (9, "North Korea has shipped more than 1,000 containers of weapons to Russia, White House says", "nk-reuters"),
            (7, "Powerful earthquake in Morocco kills more than 600 people", "quake-reuters"),
        ],
    ),
    (
        "The Guardian",
        "/feeds/guardian.atom",
        &[
            (8, "North Korea supplying Russia with arms for Ukraine war, White House says, releasing satellite images", "nk-guardian"),
            (5, "Morocco earthquake: rescuers race to reach remote Atlas mountain villages", "quake-guardian"),
        ],
    ),
    (
        "RT",
        "/feeds/rt.json",
        &[
            (6, "Washington accuses Pyongyang of sending weapons to Moscow, offers no proof", "nk-rt"),
            (4, "Morocco quake: death toll rises to nearly 2,500, rescuers comb Atlas villages", "quake-rt"),
            (10, "US Navy divers planted the explosives that destroyed the Nord Stream pipelines, Seymour Hersh reports", "ns-rt"),
        ],
    ),
    (
        "TASS",
        "/feeds/tass.rss",
        &[
            (6, "Kremlin dismisses US claims of North Korean arms deliveries to Russia as unfounded", "nk-tass"),
            (9, "Kremlin says Seymour Hersh's report on Nord Stream pipelines sabotage must be investigated", "ns-tass"),
        ],
    ),
    (
        "Consortium News",
        "/feeds/consortium.atom",
        &[(8, "Seymour Hersh: How America took out the Nord Stream pipelines", "ns-consortium")],
    ),
];

/// The outlets of the feeds with the ratings the tests give them (LR, CP).
pub const OUTLETS: &[(&str, u8, u8)] = &[
    ("Reuters", 3, 4),
    ("The Guardian", 2, 4),
    ("RT", 4, 1),
    ("TASS", 4, 2),
    ("Consortium News", 2, 1),
];

/// Rates the feeds' outlets in `store`'s registry and adds their feeds
/// (served by `feeds`).
pub fn register(store: &mut factdesk_core::store::Store, feeds: &Feeds) {
    for (name, lr, cp) in OUTLETS {
        let outlet = factdesk_core::model::Outlet {
            name: (*name).into(),
            lr: Some(*lr),
            cp: Some(*cp),
            ..Default::default()
        };
        store.save_outlet(None, &outlet).expect("outlet saved");
    }
    for (outlet, path, _) in ITEMS {
        store.add_feed(outlet, &feeds.url(path)).expect("feed added");
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("header")
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn items_of(path: &str) -> &'static [Item] {
    ITEMS
        .iter()
        .find(|(_, p, _)| *p == path)
        .map_or(&[], |(_, _, i)| i)
}

/// RSS 2.0; `relative` gives links relative to the feed and no dates.
fn rss(base: &str, path: &str, relative: bool) -> String {
    let now = Utc::now();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Feed</title><link>https://example.test/</link><description>News</description>\n");
    for (hours, title, slug) in items_of(path) {
        let (link, date) = match relative {
            true => (format!("../a/{slug}"), String::new()),
            false => (
                format!("{base}/a/{slug}?utm_source=rss&amp;utm_medium=feed"),
                format!(
                    "<pubDate>{}</pubDate>",
                    (now - Duration::hours(*hours)).to_rfc2822()
                ),
            ),
        };
        out.push_str(&format!(
            "<item><title>{}</title><link>{link}</link><description>&lt;p&gt;{}&lt;/p&gt;</description>{date}<guid isPermaLink=\"false\">{slug}</guid></item>\n",
            escape(title),
            escape(&lead(slug, title))
        ));
    }
    out.push_str("</channel></rss>\n");
    out
}

fn atom(base: &str, path: &str) -> String {
    let now = Utc::now();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Feed</title><id>urn:feed</id><updated>2026-01-01T00:00:00Z</updated>\n");
    for (hours, title, slug) in items_of(path) {
        let at = (now - Duration::hours(*hours)).to_rfc3339();
        out.push_str(&format!(
            "<entry><title type=\"html\">{}</title><link rel=\"alternate\" href=\"{base}/a/{slug}\"/><id>urn:{slug}</id><published>{at}</published><updated>{at}</updated><summary>{}</summary></entry>\n",
            escape(&escape(title)),
            escape(&lead(slug, title))
        ));
    }
    out.push_str("</feed>\n");
    out
}

fn json_feed(base: &str, path: &str) -> String {
    let now = Utc::now();
    let items: Vec<serde_json::Value> = items_of(path)
        .iter()
        .map(|(hours, title, slug)| {
            serde_json::json!({
                "id": slug,
                "url": format!("{base}/a/{slug}"),
                "title": title,
                "content_text": lead(slug, title),
                "date_published": (now - Duration::hours(*hours)).to_rfc3339(),
            })
        })
        .collect();
    serde_json::json!({"version": "https://jsonfeed.org/version/1.1", "title": "Feed", "items": items})
        .to_string()
}

/// 10,000 items of a wire service's archive: about 1.7 MB.
fn huge(base: &str) -> String {
    let now = Utc::now();
    let mut out =
        String::from("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Archive</title>\n");
    for i in 0..10_000 {
        out.push_str(&format!(
            "<item><title>Archive item {i} about grain exports</title><link>{base}/archive/{i}</link><pubDate>{}</pubDate></item>\n",
            (now - Duration::minutes(i)).to_rfc2822()
        ));
    }
    out.push_str("</channel></rss>");
    out
}

/// The article page behind an item: the real example article for Reuters'
/// North Korea story, a short page for the others; the rest 404.
fn page(slug: &str) -> Option<String> {
    let title = ITEMS
        .iter()
        .flat_map(|(_, _, i)| i.iter())
        .find(|(_, _, s)| *s == slug)?
        .1;
    if slug == "nk-reuters" {
        return Some(crate::web::article_page(1));
    }
    if slug.starts_with("quake") {
        return None;
    }
    let para = format!("{title}. The report was published on the outlet's site with the details that follow, as its correspondents wrote them after speaking to officials and witnesses.");
    Some(format!(
        "<!DOCTYPE html><html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{para}</p><p>{para}</p></article></body></html>"
    ))
}

/// The server; stops when dropped.
pub struct Feeds {
    pub base: String,
    server: Arc<Server>,
    /// Requests for the Reuters feed, and how many were answered 304.
    pub reuters_asked: Arc<AtomicUsize>,
    pub reuters_304: Arc<AtomicUsize>,
}

impl Feeds {
    pub fn start() -> Feeds {
        let server = Arc::new(Server::http("127.0.0.1:0").expect("local web server"));
        let port = server.server_addr().to_ip().expect("ip").port();
        let feeds = Feeds {
            base: format!("http://127.0.0.1:{port}"),
            server: server.clone(),
            reuters_asked: Arc::new(AtomicUsize::new(0)),
            reuters_304: Arc::new(AtomicUsize::new(0)),
        };
        let (base, asked, not_modified) = (
            feeds.base.clone(),
            feeds.reuters_asked.clone(),
            feeds.reuters_304.clone(),
        );
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let (base, asked, not_modified) = (base.clone(), asked.clone(), not_modified.clone());
                std::thread::spawn(move || serve(request, &base, &asked, &not_modified));
            }
        });
        feeds
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for Feeds {
    fn drop(&mut self) {
        self.server.unblock();
    }
}

fn typed(body: String, kind: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(body.into_bytes()).with_header(header("Content-Type", kind))
}

fn serve(request: tiny_http::Request, base: &str, asked: &AtomicUsize, not_modified: &AtomicUsize) {
    let path = request.url().to_string();
    let _ = match path.as_str() {
        "/feeds/reuters.rss" => {
            asked.fetch_add(1, Ordering::SeqCst);
            let etag = "\"reuters-1\"";
            let cached = request
                .headers()
                .iter()
                .any(|h| h.field.equiv("If-None-Match") && h.value.as_str() == etag);
            if cached {
                not_modified.fetch_add(1, Ordering::SeqCst);
                request.respond(Response::empty(StatusCode(304)).with_header(header("ETag", etag)))
            } else {
                request.respond(
                    typed(rss(base, &path, false), "application/rss+xml").with_header(header("ETag", etag)),
                )
            }
        }
        // The same Reuters story again, as another of its feeds lists it.
        "/feeds/reuters-world.rss" => request.respond(typed(
            rss(base, "/feeds/reuters.rss", false).replace("utm_source=rss", "utm_source=world"),
            "application/rss+xml",
        )),
        "/feeds/guardian.atom" => request.respond(typed(atom(base, &path), "application/atom+xml")),
        "/feeds/consortium.atom" => request.respond(typed(atom(base, &path), "text/xml")),
        "/feeds/rt.json" => request.respond(typed(json_feed(base, &path), "application/feed+json")),
        // Relative links and no dates, served as plain text as some sites do.
        "/feeds/tass.rss" => request.respond(typed(rss(base, &path, true), "text/plain")),
        "/feeds/broken.xml" => request.respond(typed(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>Cut off".into(),
            "application/rss+xml",
        )),
        "/feeds/page.html" => request.respond(typed(
            "<!DOCTYPE html><html><head><title>World news</title></head><body><h1>World</h1></body></html>"
                .into(),
            "text/html",
        )),
        "/feeds/huge.rss" => request.respond(typed(huge(base), "application/rss+xml")),
        p if p.starts_with("/a/") => match page(&p[3..]) {
            Some(html) => request.respond(typed(html, "text/html; charset=utf-8")),
            None => request
                .respond(typed("<h1>Not found</h1>".into(), "text/html").with_status_code(StatusCode(404))),
        },
        _ => {
            request.respond(typed("<h1>Not found</h1>".into(), "text/html").with_status_code(StatusCode(404)))
        }
    };
}
