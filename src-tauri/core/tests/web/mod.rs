//! A web server on 127.0.0.1 for the capture tests: pages built from real
//! articles (the example source article — tests/fixtures' copy of
//! shared/examples' — with a news site's furniture, a Russian one in
//! windows-1251, a French one in ISO-8859-1 with only Open Graph), and the
//! ways the web goes wrong (redirects, a page that changes,
//! 404/410, 50 MB, a slow server, a gzip bomb, a PDF, 100,000 nested tags).
#![allow(dead_code)]

use std::io::{Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tiny_http::{Header, Response, Server, StatusCode};

/// The source article's paragraphs as HTML (short lines are subheadings).
pub fn article_paragraphs(version: usize) -> String {
    let text = include_str!("../fixtures/source-article.txt");
    let mut html = String::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()).skip(3) {
        let line = match version {
            1 => line.to_string(),
            // The outlet rewrites the story: a number and a quotation go.
            _ => line
                .replace("over a thousand containers", "several hundred containers")
                .replace(
                    ", denouncing the move as “furthering Russia’s illegitimate war.”",
                    ".",
                ),
        };
        if line.chars().count() < 60 {
            html.push_str(&format!("<h2>{line}</h2>\n"));
        } else {
            html.push_str(&format!("<p>{line}</p>\n"));
        }
    }
    html
}

pub fn article_page(version: usize) -> String {
    include_str!("article.html").replace("{{PARAGRAPHS}}", &article_paragraphs(version))
}

fn paragraphs_of(text: &str) -> (String, String) {
    let mut blocks = text.split("\n\n").map(str::trim);
    let title = blocks.next().unwrap_or_default().to_string();
    let body = blocks
        .map(|p| format!("<p>{p}</p>"))
        .collect::<Vec<_>>()
        .join("\n");
    (title, body)
}

/// The Russian article, to be served in windows-1251.
pub fn russian_page(meta_charset: bool) -> Vec<u8> {
    let (title, body) = paragraphs_of(include_str!("ru-article.txt"));
    let meta = if meta_charset {
        "<meta charset=\"windows-1251\">"
    } else {
        ""
    };
    let html = format!(
        "<!DOCTYPE html><html lang=\"ru\"><head>{meta}<title>{title} — Пример Новости</title>\
         <script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\
         \"headline\":\"{title}\",\"datePublished\":\"2023-10-13\",\"publisher\":{{\"@type\":\"Organization\",\"name\":\"Пример Новости\"}}}}</script>\
         </head><body><nav><a href=\"/\">Главная</a> <a href=\"/world\">В мире</a></nav>\
         <article><h1>{title}</h1>{body}</article><footer>© Пример Новости</footer></body></html>"
    );
    encoding_rs::WINDOWS_1251.encode(&html).0.into_owned()
}

/// The French article in ISO-8859-1, described by Open Graph tags only.
pub fn french_page() -> Vec<u8> {
    let (title, body) = paragraphs_of(include_str!("fr-article.txt"));
    let html = format!(
        "<!DOCTYPE html><html lang=\"fr\"><head>\
         <meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">\
         <meta property=\"og:title\" content=\"{title}\">\
         <meta property=\"og:site_name\" content=\"Le Quotidien d'Exemple\">\
         <meta property=\"og:url\" content=\"https://quotidien.example/monde/armes-coree\">\
         <meta property=\"article:published_time\" content=\"2023-10-13T18:02:00+02:00\">\
         <title>Monde | Le Quotidien d'Exemple</title></head><body>\
         <header><a href=\"/\">Accueil</a> <a href=\"/abonnement\">S'abonner</a></header>\
         <article><h1>{title}</h1>{body}</article><footer>Mentions légales</footer></body></html>"
    );
    encoding_rs::WINDOWS_1252.encode(&html).0.into_owned()
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("header")
}

/// A body that sends a byte every 300 ms.
struct Slow(usize);
impl Read for Slow {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.0 == 0 || buf.is_empty() {
            return Ok(0);
        }
        std::thread::sleep(Duration::from_millis(300));
        self.0 -= 1;
        buf[0] = b' ';
        Ok(1)
    }
}

/// `n` bytes of an HTML page, made as they are sent.
struct Endless(usize);
impl Read for Endless {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.0.min(buf.len());
        buf[..n]
            .iter_mut()
            .enumerate()
            .for_each(|(i, b)| *b = b"<p>filler text </p>\n"[i % 20]);
        self.0 -= n;
        Ok(n)
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).expect("gzip");
    e.finish().expect("gzip")
}

fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut w = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
    w.write_all(bytes).expect("brotli");
    drop(w);
    out
}

/// The server; stops when dropped.
pub struct Web {
    pub base: String,
    server: Arc<Server>,
    /// Which version /changing serves (1, 2; 3 is gone, 4 a server error).
    version: Arc<AtomicUsize>,
    /// The `If-None-Match` of every request to /changing.
    pub conditionals: Arc<Mutex<Vec<Option<String>>>>,
}

impl Web {
    pub fn start() -> Web {
        let server = Arc::new(Server::http("127.0.0.1:0").expect("local web server"));
        let port = server.server_addr().to_ip().expect("ip").port();
        let web = Web {
            base: format!("http://127.0.0.1:{port}"),
            server: server.clone(),
            version: Arc::new(AtomicUsize::new(1)),
            conditionals: Arc::new(Mutex::new(Vec::new())),
        };
        let (version, seen) = (web.version.clone(), web.conditionals.clone());
        let bomb = Arc::new(gzip(&vec![b' '; 64 << 20]));
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let (version, seen, bomb) = (version.clone(), seen.clone(), bomb.clone());
                std::thread::spawn(move || serve(request, &version, &seen, &bomb));
            }
        });
        web
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// /changing serves `version` from now on (3: the page is gone; 4: 503).
    pub fn set_version(&self, version: usize) {
        self.version.store(version, Ordering::SeqCst);
    }
}

impl Drop for Web {
    fn drop(&mut self) {
        self.server.unblock();
    }
}

fn html(body: impl Into<Vec<u8>>, charset: Option<&str>) -> Response<std::io::Cursor<Vec<u8>>> {
    let kind = match charset {
        Some(c) => format!("text/html; charset={c}"),
        None => "text/html".to_string(),
    };
    Response::from_data(body.into()).with_header(header("Content-Type", &kind))
}

fn redirect(code: u16, to: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(Vec::new())
        .with_status_code(StatusCode(code))
        .with_header(header("Location", to))
}

fn serve(request: tiny_http::Request, version: &AtomicUsize, seen: &Mutex<Vec<Option<String>>>, bomb: &[u8]) {
    let path = request.url().to_string();
    let _ = match path.as_str() {
        "/article" => request.respond(html(article_page(1), Some("utf-8"))),
        "/gzipped" => request.respond(
            html(gzip(article_page(1).as_bytes()), Some("utf-8"))
                .with_header(header("Content-Encoding", "gzip")),
        ),
        "/brotli" => request.respond(
            html(brotli(article_page(1).as_bytes()), Some("utf-8"))
                .with_header(header("Content-Encoding", "br")),
        ),
        "/ru" => request.respond(html(russian_page(false), Some("windows-1251"))),
        "/ru-meta" => request.respond(html(russian_page(true), None)),
        "/fr" => request.respond(html(french_page(), None)),
        "/old" => request.respond(redirect(302, "/moved")),
        "/moved" => request.respond(redirect(301, "/article")),
        "/changing" => changing(request, version, seen),
        "/gone" => request.respond(html("<h1>Not found</h1>", None).with_status_code(StatusCode(404))),
        "/removed" => request.respond(html("<h1>Gone</h1>", None).with_status_code(StatusCode(410))),
        "/error" => request.respond(html("<h1>Oops</h1>", None).with_status_code(StatusCode(503))),
        "/huge" => request.respond(Response::new(
            StatusCode(200),
            vec![header("Content-Type", "text/html")],
            Endless(50 << 20),
            Some(50 << 20),
            None,
        )),
        "/slow" => request.respond(Response::new(
            StatusCode(200),
            vec![header("Content-Type", "text/html")],
            Slow(10_000),
            None,
            None,
        )),
        "/bomb" => request.respond(html(bomb.to_vec(), None).with_header(header("Content-Encoding", "gzip"))),
        "/report.pdf" => request.respond(
            Response::from_data(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n".to_vec())
                .with_header(header("Content-Type", "application/pdf")),
        ),
        // 100,000 nested elements: building the tree alone took 25 s.
        "/deep" => request.respond(html(
            format!(
                "<body>{}<p>deep</p>{}</body>",
                "<div>".repeat(100_000),
                "</div>".repeat(100_000)
            ),
            None,
        )),
        "/empty" => request.respond(html(
            "<html><body><nav><a href=\"/\">Home</a></nav></body></html>",
            None,
        )),
        p if p.starts_with("/loop/") => {
            let n: usize = p[6..].parse().unwrap_or(0);
            request.respond(redirect(302, &format!("/loop/{}", n + 1)))
        }
        _ => request.respond(html("<h1>Not found</h1>", None).with_status_code(StatusCode(404))),
    };
}

fn changing(
    request: tiny_http::Request,
    version: &AtomicUsize,
    seen: &Mutex<Vec<Option<String>>>,
) -> std::io::Result<()> {
    let v = version.load(Ordering::SeqCst);
    let asked = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("If-None-Match"))
        .map(|h| h.value.to_string());
    seen.lock().expect("lock").push(asked.clone());
    if v >= 4 {
        return request.respond(html("<h1>Oops</h1>", None).with_status_code(StatusCode(503)));
    }
    if v == 3 {
        return request.respond(html("<h1>Not found</h1>", None).with_status_code(StatusCode(404)));
    }
    let etag = format!("\"v{v}\"");
    if asked.as_deref() == Some(etag.as_str()) {
        return request.respond(Response::empty(StatusCode(304)).with_header(header("ETag", &etag)));
    }
    request.respond(html(article_page(v), Some("utf-8")).with_header(header("ETag", &etag)))
}
