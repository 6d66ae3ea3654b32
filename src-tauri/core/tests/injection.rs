//! Nothing an editor (or a pasted source) typed may become markup or script.
//!
//! Every payload of the corpus is put in every field of a story and run
//! through every export format. The HTML is parsed by html5ever (through
//! `scraper`): it may hold only the elements, attributes and URL schemes the
//! exporter itself writes, its JSON-LD must parse with the text intact, and
//! the payload must show as text. The Markdown is parsed by pulldown-cmark:
//! no HTML, only http(s) links, and the payload as text; then by cmark-gfm
//! itself (the `cmark-gfm` program, with GFM's autolink extension, which
//! turns e-mail addresses and bare URLs into links): no link but the story's
//! own source links.

use factdesk_core::formats::Format;
use factdesk_core::model::*;
use pulldown_cmark::{Event, Options, Parser, Tag};
use std::collections::HashSet;

const BASE: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "<style>body{display:none}</style>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<a href=\"javascript:alert(1)\">click</a>",
    "\" onmouseover=\"alert(1)",
    "' onfocus='alert(1)' autofocus='",
    "</script><script>alert(1)</script>",
    "</SCRIPT ><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "<!-- comment --><b>bold</b>",
    "--><script>alert(1)</script><!--",
    "<![CDATA[<script>alert(1)</script>]]>",
    "\"}]}</script><script>alert(1)</script>",
    "\u{2028}\u{2029}</script>",
    "{\"@context\": \"https://evil.example\"}",
    "javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "[click](javascript:alert(1))",
    "![img](https://evil.example/pixel.png)",
    "[x]: https://evil.example/ref",
    "<https://evil.example/autolink>",
    "**bold** _em_ `code` ~~strike~~",
    "# Heading",
    "1. list item",
    "> quote",
    "| a | b |\n|---|---|",
    "```\ncode fence\n```",
    "[^1]: fake footnote",
    "\\*escaped\\*",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;",
    "{{7*7}} ${7*7} <%= 7*7 %> {% raw %}",
    "\u{202E}evil\u{202C} \u{2066}isolate\u{2069} \u{200F}rtl",
    "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
    "<base href=\"https://evil.example/\">",
    "<form action=https://evil.example><input name=x></form>",
    "<object data=x></object><embed src=x>",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
    "<div style=\"background:url(javascript:alert(1))\">",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "foo@example.com",
    "Write to editor.desk+tips@news-room.example.org today",
    "mailto:foo@example.com",
    "xmpp:foo@example.com/resource",
    "www.evil.example",
    "www.evil.example/path?q=1",
    "https://evil.example/bare",
    "http://evil.example",
    "ftp://evil.example/file",
];

fn corpus() -> Vec<String> {
    let mut out = Vec::new();
    for b in BASE {
        out.push(b.to_string());
        out.push(format!("Plain words {b} and more words"));
        out.push(format!("{b}{b}"));
    }
    out
}

fn story_with(payload: &str) -> Story {
    let mut s = factdesk_core::sample::story(2, 2);
    s.headline = payload.to_string();
    s.summary = payload.to_string();
    s.image_credit = payload.to_string();
    s.facts[0].text = payload.to_string();
    for src in &mut s.sources {
        src.outlet = payload.to_string();
        src.title = payload.to_string();
    }
    s.sources[1].url = payload.to_string();
    s.narratives[0].outlet = payload.to_string();
    s.narratives[1].text = payload.to_string();
    s.predictions[0].statement = payload.to_string();
    s.predictions[0].forecaster = payload.to_string();
    s
}

/// What the exporters may write, and nothing else.
const ELEMENTS: &[&str] = &[
    "html", "head", "meta", "title", "style", "script", "body", "article", "h1", "h2", "p", "ul", "ol", "li",
    "sup", "a", "strong", "bdi",
];
const ATTRIBUTES: &[&str] = &[
    "lang",
    "charset",
    "http-equiv",
    "content",
    "name",
    "type",
    "class",
    "id",
    "href",
    "rel",
    "dir",
];

/// HTML folds all white space of a field into single spaces.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text formats join a field's lines with a space.
fn joined_lines(s: &str) -> String {
    s.split(['\r', '\n'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn check_html(payload: &str, html: &str) {
    let doc = scraper::Html::parse_document(html);
    let all = scraper::Selector::parse("*").unwrap();
    for el in doc.select(&all) {
        let name = el.value().name();
        assert!(
            ELEMENTS.contains(&name),
            "payload {payload:?} made a <{name}> element"
        );
        for (attr, value) in el.value().attrs() {
            assert!(
                ATTRIBUTES.contains(&attr),
                "payload {payload:?} made attribute {attr}"
            );
            if attr == "href" {
                assert!(
                    value.starts_with("https://")
                        || value.starts_with("http://")
                        || value.starts_with("#source-"),
                    "payload {payload:?} made href {value:?}"
                );
            }
        }
    }
    let scripts: Vec<_> = doc.select(&scraper::Selector::parse("script").unwrap()).collect();
    assert_eq!(scripts.len(), 1, "payload {payload:?}");
    assert_eq!(scripts[0].value().attr("type"), Some("application/ld+json"));
    let ld: serde_json::Value = serde_json::from_str(&scripts[0].text().collect::<String>())
        .unwrap_or_else(|e| panic!("payload {payload:?} broke the JSON-LD: {e}"));
    assert_eq!(ld["headline"], payload, "JSON-LD keeps the headline intact");
    assert_eq!(ld["@context"], "https://schema.org");
    let h1: String = doc
        .select(&scraper::Selector::parse("h1").unwrap())
        .next()
        .unwrap()
        .text()
        .collect();
    assert_eq!(h1, one_line(payload), "the headline shows as text");
}

fn check_markdown(payload: &str, md: &str) {
    let mut text = String::new();
    for event in Parser::new_ext(md, Options::ENABLE_FOOTNOTES) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => panic!("payload {payload:?} made HTML {h:?} in:\n{md}"),
            Event::Start(Tag::Link { dest_url, .. }) => assert!(
                dest_url.starts_with("https://") || dest_url.starts_with("http://"),
                "payload {payload:?} made a link to {dest_url:?}"
            ),
            Event::Start(Tag::Image { .. }) => panic!("payload {payload:?} made an image"),
            Event::Start(Tag::CodeBlock(_)) | Event::Code(_) => panic!("payload {payload:?} made code"),
            Event::Text(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    // The word joiner after an address's @ is invisible and never part of one.
    let text = text.replace('\u{2060}', "");
    assert!(
        text.contains(&joined_lines(payload)),
        "payload {payload:?} does not show as text in:\n{md}"
    );
}

/// Runs GFM's reference implementation over every Markdown export at once
/// (each in its own document section) and returns every link it made.
fn gfm_links(documents: &[String]) -> Vec<String> {
    use std::io::Write;
    let mut child = std::process::Command::new("cmark-gfm")
        .args([
            "--extension",
            "autolink",
            "--extension",
            "footnotes",
            "--to",
            "html",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("cmark-gfm runs (Debian's cmark-gfm package; ./scripts/setup.sh installs it)");
    let mut stdin = child.stdin.take().unwrap();
    let input = documents.join("\n\n* * *\n\n");
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    let doc = scraper::Html::parse_document(&html);
    doc.select(&scraper::Selector::parse("a[href]").unwrap())
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect()
}

#[test]
fn gfm_autolinks_nothing_an_editor_typed() {
    let mut documents = Vec::new();
    let mut allowed: HashSet<String> = HashSet::new();
    for payload in corpus() {
        let story = story_with(&payload);
        for source in &story.sources {
            if let Ok(u) = url::Url::parse(&source.url) {
                allowed.insert(u.to_string());
            }
        }
        documents.push(Format::Md.export(&story));
    }
    let links = gfm_links(&documents);
    assert!(
        links.len() > documents.len(),
        "the story's own source links are there"
    );
    for link in links {
        let own = allowed.contains(&link) || link.starts_with("#fn");
        assert!(own, "cmark-gfm made a link to {link:?} from story text");
    }
}

#[test]
fn every_html_field_is_isolated_so_bidi_controls_cannot_leak() {
    let story = story_with("\u{202E}evil");
    let html = Format::Html.export(&story);
    let doc = scraper::Html::parse_document(&html);
    let bdi: Vec<_> = doc.select(&scraper::Selector::parse("bdi").unwrap()).collect();
    // headline, summary, credit, a fact, 2 outlets, 2 titles, 2 narrative
    // outlets and texts, a statement and a forecaster, and the second fact.
    assert!(bdi.len() >= 14, "{}", bdi.len());
    for el in doc.select(&scraper::Selector::parse("article *").unwrap()) {
        for node in el.children() {
            if let Some(t) = node.value().as_text() {
                assert!(
                    !factdesk_core::checks::has_bidi_control(t) || el.value().name() == "bdi",
                    "a bidi control outside <bdi> in <{}>",
                    el.value().name()
                );
            }
        }
    }
}

#[test]
fn the_corpus_is_large_enough() {
    let corpus = corpus();
    assert!(corpus.len() >= 100, "{}", corpus.len());
    assert_eq!(corpus.iter().collect::<HashSet<_>>().len(), corpus.len());
}

#[test]
fn no_payload_becomes_markup_in_any_format() {
    for payload in corpus() {
        let story = story_with(&payload);
        for format in Format::ALL {
            let out = format.export(&story);
            match format {
                Format::Html => check_html(&payload, &out),
                Format::Md => check_markdown(&payload, &out),
                Format::Json => assert_eq!(factdesk_core::formats::json::import(&out).unwrap(), story),
                Format::Itn => assert_eq!(out.lines().next(), Some(joined_lines(&payload).as_str())),
                Format::Ninjs => {
                    let doc: serde_json::Value = serde_json::from_str(&out).expect("ninjs is JSON");
                    assert_eq!(doc["headlines"][0]["value"], payload.as_str());
                    let html = doc["bodies"][0]["value"].as_str().unwrap();
                    let page = Format::Html.export(&story);
                    assert!(
                        page.contains(html),
                        "the ninjs HTML body is the checked page's body"
                    );
                }
            }
        }
    }
}
