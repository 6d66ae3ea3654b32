//! Capturing sources from the web, against a local server (no internet):
//! each page built from a real article, or one of the ways the web goes
//! wrong, with its expected outcome; then snapshots and rechecks in the
//! store on both backends.

mod common;
mod web;

use chrono::NaiveDate;
use common::{Backend, Desk};
use factdesk_core::capture::{self, Capture, Failure, Limits, OutletFrom};
use factdesk_core::checks::{FindingCode, Severity};
use factdesk_core::history::Span;
use factdesk_core::model::{now, Fact, FactId, Outlet, Story};
use factdesk_core::registry::Registry;
use factdesk_core::sourcing;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};
use web::Web;

fn limits() -> Limits {
    Limits {
        timeout: Duration::from_secs(3),
        ..Limits::default()
    }
}

fn get(web: &Web, path: &str, registry: &Registry) -> Result<Capture, Failure> {
    capture::capture(
        &web.url(path),
        registry,
        &limits(),
        &AtomicBool::new(false),
        now(),
    )
}

fn ok(web: &Web, path: &str) -> Capture {
    get(web, path, &Registry::default()).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn a_news_page_is_read_into_its_article_and_publication_facts() {
    let web = Web::start();
    let c = ok(&web, "/article");
    let s = &c.source;
    assert_eq!(
        s.title,
        "White House Confirms North Korea Sent Russia Weapons: Details"
    );
    assert_eq!(c.byline.as_deref(), Some("Ashish Dangwal"));
    assert_eq!(s.published_on, NaiveDate::from_ymd_opt(2023, 10, 14));
    // JSON-LD's publisher, not the Open Graph site name; a suggestion, as
    // the registry does not know it.
    assert_eq!(s.outlet, "Example Eurasia Times");
    assert_eq!(c.outlet_from, OutletFrom::Publisher);
    assert!(c
        .outlet_note
        .as_deref()
        .is_some_and(|n| n.contains("not in the registry")));
    assert_eq!(
        c.canonical_url,
        web.url("/world/white-house-north-korea-russia-weapons")
    );
    assert_eq!(s.url, c.canonical_url);
    let text = &s.saved_text;
    assert!(
        text.starts_with("In a tale both riveting and disconcerting, North Korea’s delivery"),
        "{text}"
    );
    assert!(text.contains("denouncing the move as “furthering Russia’s illegitimate war.”"));
    assert!(text.contains("\n\n"), "paragraphs kept");
    for furniture in [
        "cookies",
        "Trending",
        "Related stories",
        "Share on",
        "All rights reserved",
        "tracking pixel",
        "Subscribe",
        "Comments are closed",
    ] {
        assert!(!text.contains(furniture), "{furniture} left in: {text}");
    }
    let snap = &c.snapshot;
    assert_eq!(
        (snap.status, snap.final_url.as_str()),
        (200, web.url("/article").as_str())
    );
    assert_eq!(
        snap.sha256,
        capture::snapshot_digest(web::article_page(1).as_bytes())
    );
    assert_eq!(s.captured_at, Some(snap.fetched_at));
}

#[test]
fn the_registry_names_the_outlet_by_the_pages_domain() {
    let web = Web::start();
    let registry = Registry::new(vec![Outlet {
        name: "EurAsian Times".into(),
        domains: vec!["127.0.0.1".into()],
        ..Outlet::default()
    }]);
    let c = get(&web, "/article", &registry).expect("capture");
    assert_eq!(
        (c.source.outlet.as_str(), c.outlet_from, c.outlet_note),
        ("EurAsian Times", OutletFrom::Registry, None)
    );
}

#[test]
fn gzip_and_brotli_pages_read_the_same() {
    let web = Web::start();
    let plain = ok(&web, "/article").source.saved_text;
    assert_eq!(ok(&web, "/gzipped").source.saved_text, plain);
    assert_eq!(ok(&web, "/brotli").source.saved_text, plain);
}

#[test]
fn a_windows_1251_page_reads_right_by_its_header_or_its_meta() {
    let web = Web::start();
    for path in ["/ru", "/ru-meta"] {
        let c = ok(&web, path);
        assert_eq!(
            c.source.title, "Белый дом: КНДР передала России более тысячи контейнеров с оружием",
            "{path}"
        );
        assert!(
            c.source
                .saved_text
                .contains("Северная Корея передала России более тысячи контейнеров"),
            "{path}: {}",
            c.source.saved_text
        );
        assert!(c.source.saved_text.contains("Джон Кирби"));
        assert_eq!(c.source.outlet, "Пример Новости");
        assert_eq!(c.source.published_on, NaiveDate::from_ymd_opt(2023, 10, 13));
    }
}

#[test]
fn an_iso_8859_1_page_with_only_open_graph_reads_right() {
    let web = Web::start();
    let c = ok(&web, "/fr");
    assert_eq!(
        c.source.title,
        "La Maison-Blanche accuse Pyongyang d'avoir livré des armes à Moscou"
    );
    assert_eq!(c.source.outlet, "Le Quotidien d'Exemple");
    assert_eq!(c.source.published_on, NaiveDate::from_ymd_opt(2023, 10, 13));
    assert_eq!(c.canonical_url, "https://quotidien.example/monde/armes-coree");
    assert!(
        c.source.saved_text.contains("Extrême-Orient russe"),
        "{}",
        c.source.saved_text
    );
    assert!(c.source.saved_text.contains("« sans fondement »"));
}

#[test]
fn a_page_behind_two_redirects_is_kept_with_where_it_ended() {
    let web = Web::start();
    let c = ok(&web, "/old");
    assert_eq!(c.url, web.url("/old"));
    assert_eq!(c.snapshot.requested_url, web.url("/old"));
    assert_eq!(c.snapshot.final_url, web.url("/article"));
    assert_eq!(
        c.canonical_url,
        web.url("/world/white-house-north-korea-russia-weapons")
    );
}

#[test]
fn each_way_a_fetch_fails_is_named_in_one_line() {
    let web = Web::start();
    let refused = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        format!("http://127.0.0.1:{}/", l.local_addr().expect("addr").port())
    };
    let cases: Vec<(String, Failure, &str)> = vec![
        (
            web.url("/gone"),
            Failure::Status(404),
            "the site answered 404 Not Found",
        ),
        (
            web.url("/error"),
            Failure::Status(503),
            "the site answered 503 Service Unavailable",
        ),
        (
            web.url("/loop/0"),
            Failure::Redirects(5),
            "the page redirected more than 5 times",
        ),
        (
            web.url("/huge"),
            Failure::TooLarge(10 << 20),
            "the page is larger than 10 MB",
        ),
        (
            web.url("/bomb"),
            Failure::TooLarge(10 << 20),
            "the page is larger than 10 MB",
        ),
        (
            web.url("/slow"),
            Failure::Timeout(3),
            "the site did not answer within 3 s",
        ),
        (
            web.url("/report.pdf"),
            Failure::NotHtml("application/pdf".into()),
            "it is application/pdf, not a web page",
        ),
        (
            web.url("/empty"),
            Failure::NoArticle,
            "no article text was found on the page",
        ),
        (
            web.url("/deep"),
            Failure::TooComplex,
            "the page's HTML is too deeply nested or too large to read (over 256 levels or 200000 elements)",
        ),
        (
            "http://factdesk-test.invalid/".into(),
            Failure::Dns,
            "the site's name could not be found (no network, or a mistyped address)",
        ),
        (
            format!("http://127.0.0.1/{}", "a".repeat(5000)),
            Failure::NotWeb(format!("http://127.0.0.1/{}…", "a".repeat(43))),
            "http://127.0.0.1/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa… is not a web address (http or https)",
        ),
        (
            "ftp://127.0.0.1/x".into(),
            Failure::NotWeb("ftp://127.0.0.1/x".into()),
            "ftp://127.0.0.1/x is not a web address (http or https)",
        ),
    ];
    for (url, expected, words) in cases {
        let started = Instant::now();
        let got = capture::capture(
            &url,
            &Registry::default(),
            &limits(),
            &AtomicBool::new(false),
            now(),
        );
        assert_eq!(got.as_ref().err(), Some(&expected), "{url}");
        assert_eq!(expected.to_string(), words);
        // Bounded: nothing waits past the time budget (plus slack).
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{url} took {:?}",
            started.elapsed()
        );
        let error = expected.into_error(&url);
        assert_eq!(error.code(), "fetch-failed");
        assert_eq!(
            error.to_string(),
            format!("{url}: {words}; the story is unchanged")
        );
    }
    let refused_got = capture::capture(
        &refused,
        &Registry::default(),
        &limits(),
        &AtomicBool::new(false),
        now(),
    );
    assert!(
        matches!(refused_got, Err(Failure::Connection(_))),
        "{refused_got:?}"
    );
}

#[test]
fn a_cancelled_fetch_stops() {
    let web = Web::start();
    let cancel = AtomicBool::new(true);
    let got = capture::capture(
        &web.url("/article"),
        &Registry::default(),
        &limits(),
        &cancel,
        now(),
    );
    assert_eq!(got.err(), Some(Failure::Cancelled));
    assert_eq!(Failure::Cancelled.into_error("u").code(), "cancelled");
}

fn story_citing_first_source(facts: &[&str]) -> Story {
    let mut story = Story::new("North Korea's weapons for Russia");
    story.facts = facts
        .iter()
        .map(|t| Fact {
            id: FactId::new(),
            text: (*t).to_string(),
            citations: Vec::new(),
        })
        .collect();
    story
}

fn cite_all(desk_store: &mut factdesk_core::store::Store, id: i64) {
    desk_store
        .update_story(id, None, factdesk_core::model::SaveKind::Edit, |s| {
            let first = s.sources[0].id;
            s.facts.iter_mut().for_each(|f| f.citations = vec![first]);
            Ok(())
        })
        .expect("cite");
}

/// Tells nothing anywhere: the desk's captures need no window.
struct Quiet;

impl factdesk_core::desk::Host for Quiet {
    fn tell(&self, _: factdesk_core::desk::DeskEvent) {}
}

/// The desk says what the captured sources' versions mean for the story as
/// stored, and, once it is open, for the open copy with its edits.
fn desk_captures_follow_the_open_copy(test: &Desk, id: i64, stored: &[factdesk_core::checks::Finding]) {
    let desk = factdesk_core::desk::Desk::new(test.open(), std::sync::Arc::new(Quiet), None);
    let captures = desk.source_captures(id).expect("captures");
    assert_eq!(captures.findings, stored, "the stored story's");
    assert!(captures.blocks, "a quotation the facts rely on is gone");
    desk.open_story(id).expect("open");
    let facts = desk.get_story(id).expect("story").story.facts;
    let edits: Vec<factdesk_core::working::FieldEdit> = (facts.iter())
        .map(|f| factdesk_core::working::FieldEdit {
            key: format!("fact:{}", f.id.0),
            value: "A fact relying on nothing that changed.".into(),
        })
        .collect();
    desk.edit_fields(id, None, &edits).expect("edit");
    let open = desk.source_captures(id).expect("captures");
    assert!(
        !open.blocks,
        "the open copy relies on nothing gone: {:?}",
        open.findings
    );
    desk.close_story(id);
    assert!(
        desk.source_captures(id).expect("captures").blocks,
        "the stored story again"
    );
}

fn captured_source_lifecycle(backend: Backend) {
    let web = Web::start();
    let desk = Desk::new(backend);
    let mut store = desk.open();
    let quoting = "Kirby called the shipments “furthering Russia’s illegitimate war.”";
    let id = store
        .create_story(&story_citing_first_source(&[
            quoting,
            "North Korea sent over a thousand containers.",
        ]))
        .expect("story")
        .id;
    let (saved, n, found) =
        sourcing::capture_source(&mut store, id, &web.url("/changing"), None, &limits()).expect("capture");
    assert_eq!(n, 1);
    assert_eq!(saved.story.sources[0].captured_at, found.source.captured_at);
    cite_all(&mut store, id);
    let loaded = store.load_story(id).expect("load").story;
    assert_eq!(
        loaded.sources[0].captured_at, found.source.captured_at,
        "captured_at survives a load"
    );

    // The raw page is kept, compressed, and reads back byte for byte.
    let (row, newest, checked) = store
        .newest_snapshot(id, found.source.id)
        .expect("read")
        .expect("a snapshot");
    let body = store.snapshot_body(row).expect("read").expect("body");
    assert_eq!(body, web::article_page(1).into_bytes());
    assert_eq!(capture::snapshot_digest(&body), newest.sha256);
    assert_eq!(newest.etag.as_deref(), Some("\"v1\""));
    assert_eq!(checked, newest.fetched_at, "a new snapshot is current as fetched");

    // The same article again (by another address) is refused, nothing changes.
    let again = sourcing::capture_source(&mut store, id, &web.url("/old"), None, &limits());
    let e = again.expect_err("duplicate");
    assert!(
        e.to_string().contains("source 1 already cites this article"),
        "{e}"
    );
    assert_eq!(store.load_story(id).expect("load").story.sources.len(), 1);

    // A recheck of an unchanged page asks conditionally and keeps nothing new.
    let report = sourcing::recheck(&mut store, &[id], &limits(), &AtomicBool::new(false)).expect("recheck");
    assert_eq!(
        (report.checked, report.changed, report.gone),
        (1, 0, 0),
        "{report:?}"
    );
    assert_eq!(
        web.conditionals
            .lock()
            .expect("lock")
            .last()
            .cloned()
            .flatten()
            .as_deref(),
        Some("\"v1\"")
    );
    assert!(capture::findings(&loaded, &store.source_histories(id).expect("h")).is_empty());

    // The outlet rewrites the article: a new snapshot, and an error because
    // a quotation and a number the facts rely on are gone.
    web.set_version(2);
    let report = sourcing::recheck(&mut store, &[id], &limits(), &AtomicBool::new(false)).expect("recheck");
    assert_eq!(
        (report.checked, report.changed, report.stories.clone()),
        (1, 1, vec![id])
    );
    assert_eq!(report.line, "rechecked 1 source: 1 changed, 0 gone");
    let histories = store.source_histories(id).expect("histories");
    assert_eq!(histories[0].versions, 2);
    let findings = capture::findings(&loaded, &histories);
    assert_eq!(findings.len(), 1, "{findings:?}");
    let f = &findings[0];
    assert_eq!(
        (f.code, f.severity),
        (FindingCode::SourceChangedSinceCited, Severity::Error)
    );
    assert!(
        f.message.contains("“furthering Russia’s illegitimate war.”"),
        "{}",
        f.message
    );
    assert!(f.message.contains("thousand"), "{}", f.message);
    assert!(f
        .detail
        .iter()
        .any(|s| matches!(s, Span::Removed(t) if t.contains("illegitimate"))));
    assert!(f
        .detail
        .iter()
        .any(|s| matches!(s, Span::Added(t) if t.contains("several"))));
    desk_captures_follow_the_open_copy(&desk, id, &findings);
    let summary = capture::changes(&loaded, &histories);
    assert!(
        summary[0].line.starts_with("captured ") && summary[0].line.ends_with(", 1 later version"),
        "{}",
        summary[0].line
    );

    // A story relying on nothing that changed gets a warning only.
    let mut plain = loaded.clone();
    plain.facts.truncate(0);
    let only = capture::findings(&plain, &histories);
    assert_eq!(
        (
            only[0].severity,
            only[0].message.ends_with("what the facts rely on is still there")
        ),
        (Severity::Warning, true)
    );

    // Rechecked again: the same new version, nothing more kept.
    sourcing::recheck(&mut store, &[id], &limits(), &AtomicBool::new(false)).expect("recheck");
    assert_eq!(store.source_histories(id).expect("h")[0].versions, 2);

    // The page goes away: source-gone.
    web.set_version(3);
    let report = sourcing::recheck(&mut store, &[id], &limits(), &AtomicBool::new(false)).expect("recheck");
    assert_eq!(report.gone, 1, "{report:?}");
    let findings = capture::findings(&loaded, &store.source_histories(id).expect("h"));
    assert_eq!(
        findings.iter().map(|f| f.code).collect::<Vec<_>>(),
        vec![FindingCode::SourceGone]
    );

    // A fetch that fails writes nothing.
    let before = store.source_histories(id).expect("h");
    web.set_version(4);
    let report = sourcing::recheck(&mut store, &[id], &limits(), &AtomicBool::new(false)).expect("recheck");
    assert_eq!(report.failed.len(), 1, "{report:?}");
    assert!(report.failed[0].ends_with("the site answered 503 Service Unavailable; the story is unchanged"));
    assert_eq!(store.source_histories(id).expect("h"), before);
    assert_eq!(store.captured_stories(None).expect("list"), vec![id]);
}

#[test]
fn a_captured_source_keeps_its_snapshots_and_rechecks_on_a_file() {
    captured_source_lifecycle(Backend::Sqlite);
}

#[test]
fn a_captured_source_keeps_its_snapshots_and_rechecks_on_a_team_database() {
    captured_source_lifecycle(Backend::Postgres);
}

/// A window-less host with a settings file of its own.
struct Host(std::path::PathBuf);

impl factdesk_core::desk::Host for Host {
    fn tell(&self, _: factdesk_core::desk::DeskEvent) {}
    fn settings_file(&self) -> Option<std::path::PathBuf> {
        Some(self.0.clone())
    }
}

#[test]
fn the_daily_recheck_runs_only_when_on_and_only_for_sources_a_day_unchecked() {
    let web = Web::start();
    let desk_dir = Desk::new(Backend::Sqlite);
    let mut store = desk_dir.open();
    let id = store
        .create_story(&story_citing_first_source(&[
            "North Korea sent over a thousand containers.",
        ]))
        .expect("story")
        .id;
    sourcing::capture_source(
        &mut store,
        id,
        &web.url("/changing"),
        Some("EurAsian Times"),
        &limits(),
    )
    .expect("capture");
    drop(store);
    let host = std::sync::Arc::new(Host(desk_dir.dir.path().join("settings.json")));
    let desk = factdesk_core::desk::Desk::new(desk_dir.open(), host, None);
    web.set_version(2);

    assert_eq!(desk.daily_recheck().expect("off"), None, "off by default");
    assert!(desk.set_recheck_daily(true).expect("on").recheck_daily);
    assert_eq!(
        desk.daily_recheck().expect("on"),
        None,
        "captured just now: nothing is due"
    );

    // A day later (the snapshot last found current two days ago).
    let conn = rusqlite::Connection::open(desk_dir.location()).expect("open");
    conn.execute(
        "UPDATE source_snapshots SET checked_at = '2020-01-01T00:00:00.000000000Z'",
        [],
    )
    .expect("age");
    drop(conn);
    let report = desk.daily_recheck().expect("recheck").expect("a report");
    assert_eq!((report.checked, report.changed), (1, 1), "{report:?}");
    assert_eq!(
        desk.daily_recheck().expect("again"),
        None,
        "the new version is current"
    );
    assert!(!desk.set_recheck_daily(false).expect("off").recheck_daily);
}
