//! The wire against a local server (no internet): outlets' feeds in RSS,
//! Atom and JSON Feed pulled into the store on both backends, grouped into
//! events with their lean and blind spot, a story started from an event,
//! and the ways feeds go wrong.

mod common;
mod feeds;
mod web;

use common::{Backend, Desk};
use factdesk_core::capture::Limits;
use factdesk_core::model::{now, Outlet};
use factdesk_core::store::Store;
use factdesk_core::wire::{self, pull, start, Blindspot, Event, PullReport};
use feeds::Feeds;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

fn limits() -> Limits {
    Limits {
        timeout: Duration::from_secs(10),
        ..Limits::default()
    }
}

fn rated(name: &str, lr: u8, cp: u8) -> Outlet {
    Outlet {
        name: name.into(),
        lr: Some(lr),
        cp: Some(cp),
        ..Outlet::default()
    }
}

/// A desk whose registry rates the five outlets and carries their feeds.
fn desk_with_feeds(backend: Backend, feeds: &Feeds) -> (Desk, Store) {
    let desk = Desk::new(backend);
    let mut store = desk.open_as("anna");
    feeds::register(&mut store, feeds);
    (desk, store)
}

fn pull_now(store: &mut Store) -> PullReport {
    pull::pull(store, &limits(), &AtomicBool::new(false), now()).expect("pull")
}

fn event_with<'a>(events: &'a [Event], word: &str) -> &'a Event {
    events
        .iter()
        .find(|e| e.items.iter().any(|i| i.title.contains(word)))
        .unwrap_or_else(|| panic!("no event about {word}: {events:#?}"))
}

fn feeds_in_three_formats_become_events_with_their_lean_and_blind_spot(backend: Backend) {
    let web = Feeds::start();
    let (_desk, mut store) = desk_with_feeds(backend, &web);
    let report = pull_now(&mut store);
    assert!(report.feeds.iter().all(|f| f.ok), "{report:#?}");
    assert_eq!(report.added, 10, "{report:#?}");
    assert_eq!(report.summary, "pulled 5 feeds: 10 new items");
    let events = wire::list(&store, 24, now()).expect("wire");
    assert_eq!(events.len(), 3, "{events:#?}");

    let nk = event_with(&events, "Pyongyang");
    let outlets: Vec<&str> = nk.outlets.iter().map(String::as_str).collect();
    assert_eq!(
        outlets,
        ["Reuters", "The Guardian", "RT", "TASS"],
        "in the order they first covered it"
    );
    assert_eq!(nk.lean.cp, [1, 1, 0, 2, 0]);
    assert_eq!(nk.lean.lr, [0, 1, 1, 2, 0]);
    assert_eq!(nk.blindspot, None);
    // The window's words about the event, counted by the core.
    assert_eq!(nk.size, format!("{} items · 4 outlets", nk.items.len()));
    assert_eq!(nk.start_labels.len(), nk.items.len() + 1, "none to all chosen");
    assert_eq!(nk.start_labels[1], "Start a story from 1 item");
    assert_eq!(nk.start_labels[2], "Start a story from 2 items");
    assert_eq!(nk.capturing_labels[1], "Capturing 1 page…");
    assert_eq!(nk.capturing_labels[3], "Capturing 3 pages…");
    assert_eq!(
        nk.title,
        "North Korea has shipped more than 1,000 containers of weapons to Russia, White House says"
    );
    let reuters = &nk.items[0];
    assert_eq!(
        reuters.url,
        web.url("/a/nk-reuters"),
        "tracking parameters dropped"
    );
    assert!(reuters.dated);
    // TASS's feed gave relative links and no dates.
    let tass = nk
        .items
        .iter()
        .find(|i| i.outlet == "TASS")
        .expect("TASS covers it");
    assert_eq!(tass.url, web.url("/a/nk-tass"));
    assert!(!tass.dated, "dated when first seen");
    assert!((now() - tass.published).num_minutes() < 5);

    let quake = event_with(&events, "Morocco");
    assert_eq!(quake.items.len(), 3);
    assert_eq!(quake.blindspot, None);

    let nord = event_with(&events, "Nord Stream");
    let outlets: Vec<&str> = nord.outlets.iter().map(String::as_str).collect();
    assert_eq!(
        outlets,
        ["RT", "Consortium News", "TASS"],
        "TASS undated: first seen now"
    );
    assert_eq!(nord.blindspot, Some(Blindspot::CriticalOnly));
    assert_eq!(nord.lean.cp, [2, 1, 0, 0, 0]);
    let sides = wire::Sides {
        critical: 3,
        centre: 0,
        pro: 0,
        unrated: 0,
    };
    assert_eq!(nord.sides, sides);
    assert_eq!(
        nk.sides,
        wire::Sides {
            critical: 2,
            centre: 0,
            pro: 2,
            unrated: 0
        }
    );

    // Newest first: the quake's newest item is 4 hours old (RT); TASS's
    // undated item makes the others "now".
    assert!(events.windows(2).all(|w| w[0].newest >= w[1].newest));
    // The same ids on a second reading.
    let again = wire::list(&store, 24, now()).expect("wire");
    let ids = |e: &[Event]| e.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&again), ids(&events));
}

fn a_second_pull_asks_conditionally_and_keeps_each_article_once(backend: Backend) {
    let web = Feeds::start();
    let (_desk, mut store) = desk_with_feeds(backend, &web);
    store
        .add_feed("Reuters", &web.url("/feeds/reuters-world.rss"))
        .expect("second Reuters feed");
    let first = pull_now(&mut store);
    assert_eq!(
        first.added, 10,
        "the other Reuters feed's items are the same articles: {first:#?}"
    );
    let second = pull_now(&mut store);
    assert_eq!(second.added, 0);
    let reuters = second
        .feeds
        .iter()
        .find(|f| f.url.ends_with("/reuters.rss"))
        .expect("pulled");
    assert_eq!(reuters.outcome, "not changed since the last pull");
    assert_eq!(web.reuters_304.load(std::sync::atomic::Ordering::SeqCst), 1);
    assert_eq!(store.wire_item_count().expect("count"), 10);
    let listed = store.feeds().expect("feeds");
    assert!(listed.iter().all(|f| f.pulled_at.is_some()));
    let world = listed
        .iter()
        .find(|f| f.url.ends_with("/reuters-world.rss"))
        .expect("listed");
    assert_eq!(world.outcome.as_deref(), Some("2 items, 0 new"));
}

fn feeds_that_go_wrong_say_why_and_the_rest_still_arrive(backend: Backend) {
    let web = Feeds::start();
    let (_desk, mut store) = desk_with_feeds(backend, &web);
    for path in ["/feeds/broken.xml", "/feeds/page.html", "/feeds/gone.rss"] {
        store.add_feed("Reuters", &web.url(path)).expect("added");
    }
    let report = pull_now(&mut store);
    let outcome = |path: &str| {
        report
            .feeds
            .iter()
            .find(|f| f.url.ends_with(path))
            .map(|f| (f.ok, f.outcome.clone()))
            .expect("reported")
    };
    let (ok, broken) = outcome("/broken.xml");
    assert!(
        !ok && broken.starts_with("failed: it is not a feed the desk can read"),
        "{broken}"
    );
    assert_eq!(
        outcome("/page.html"),
        (
            false,
            "failed: it is a web page, not a feed (look for the site's RSS or Atom link)".into()
        )
    );
    let (_, gone) = outcome("/gone.rss");
    assert!(gone.contains("404 Not Found"), "{gone}");
    assert_eq!(report.added, 10);
    assert_eq!(report.summary, "pulled 8 feeds (3 failed): 10 new items");
    // Refused before anything is stored.
    let bad = store
        .add_feed("Reuters", "file:///etc/passwd")
        .expect_err("not http");
    assert!(bad.to_string().contains("not a web address"), "{bad}");
    let unknown = store
        .add_feed("Daily Nowhere", &web.url("/feeds/x.rss"))
        .expect_err("no outlet");
    assert!(
        unknown.to_string().contains("add it in Outlets first"),
        "{unknown}"
    );
    let twice = store
        .add_feed("RT", &web.url("/feeds/rt.json"))
        .expect_err("twice");
    assert!(
        twice.to_string().contains("already on the desk, under RT"),
        "{twice}"
    );
}

fn a_huge_feed_gives_its_newest_items_and_old_items_age_out(backend: Backend) {
    let web = Feeds::start();
    let desk = Desk::new(backend);
    let mut store = desk.open_as("anna");
    store.save_outlet(None, &rated("Reuters", 3, 4)).expect("outlet");
    store
        .add_feed("Reuters", &web.url("/feeds/huge.rss"))
        .expect("feed");
    let report = pull_now(&mut store);
    assert_eq!(report.added, wire::feeds::MAX_ITEMS, "{report:#?}");
    assert_eq!(
        report.feeds[0].outcome,
        "500 items, 0 new".replace("0 new", "500 new")
    );
    // The newest 500 are the last 500 minutes; a one-day window keeps them
    // all, and items older than the window are dropped at the next pull.
    let items = store
        .wire_items(now() - chrono::Duration::days(30))
        .expect("items");
    assert!(items
        .iter()
        .all(|i| now() - i.published < chrono::Duration::minutes(600)));
    store.set_wire_keep_days(1).expect("keep");
    assert_eq!(store.wire_keep_days().expect("days"), 1);
    let later = now() + chrono::Duration::hours(20);
    pull::pull(&mut store, &limits(), &AtomicBool::new(false), later).expect("pull");
    let left = store.wire_item_count().expect("count");
    assert!(
        left > 0 && left < 500,
        "items older than a day before the pull dropped: {left}"
    );
    assert!(store.set_wire_keep_days(0).is_err());
}

fn a_story_starts_from_an_event_with_its_items_as_numbered_sources(backend: Backend) {
    let web = Feeds::start();
    let (_desk, mut store) = desk_with_feeds(backend, &web);
    pull_now(&mut store);
    let events = wire::list(&store, 24, now()).expect("wire");
    let nk = event_with(&events, "Pyongyang").clone();
    let found = start::find_event(&store, &nk.id, 24, now()).expect("found by id");
    assert_eq!(found.id, nk.id);
    let chosen = [web.url("/a/nk-reuters?utm_source=x"), web.url("/a/nk-rt")];
    let started =
        start::start(&mut store, &found, &chosen, &limits(), &AtomicBool::new(false)).expect("started");
    let story = &started.story.story;
    assert_eq!(story.headline, nk.title);
    assert_eq!(story.sources.len(), 2);
    assert_eq!(
        story.sources[0].outlet, "Reuters",
        "the wire's outlet, not the page's publisher"
    );
    assert!(story.sources[0].saved_text.contains("North Korea"), "captured");
    assert!(story.sources[0].captured_at.is_some());
    assert_eq!(
        started
            .sources
            .iter()
            .map(|s| (s.number, s.captured))
            .collect::<Vec<_>>(),
        [(1, true), (2, true)]
    );
    let histories = store.source_histories(started.story.id).expect("snapshots");
    assert_eq!(histories.len(), 2, "each captured page kept its snapshot");

    // Every item, where the quake pages are gone: outlet, title and address.
    let quake = event_with(&events, "Morocco").clone();
    let started = start::start(&mut store, &quake, &[], &limits(), &AtomicBool::new(false)).expect("started");
    let sources = &started.story.story.sources;
    assert_eq!(sources.len(), 3);
    assert!(sources
        .iter()
        .all(|s| s.saved_text.is_empty() && s.captured_at.is_none()));
    assert_eq!(sources[0].title, quake.items[0].title);
    assert_eq!(sources[0].url, quake.items[0].url);
    assert!(sources[0].published_on.is_some());
    let note = started.sources[0].note.as_deref().unwrap_or("");
    assert!(
        note.contains("404 Not Found") && note.contains("capture it later"),
        "{note}"
    );

    let missing = start::find_event(&store, "w0000000000", 24, now()).expect_err("no such event");
    assert!(missing.to_string().contains("no event w0000000000"), "{missing}");
    let stranger = start::start(
        &mut store,
        &nk,
        &[web.url("/a/elsewhere")],
        &limits(),
        &AtomicBool::new(false),
    );
    assert!(stranger.is_err_and(|e| e.to_string().contains("is not one of event")));
}

both!(
    feeds_in_three_formats_become_events_with_their_lean_and_blind_spot,
    a_second_pull_asks_conditionally_and_keeps_each_article_once,
    feeds_that_go_wrong_say_why_and_the_rest_still_arrive,
    a_huge_feed_gives_its_newest_items_and_old_items_age_out,
    a_story_starts_from_an_event_with_its_items_as_numbered_sources,
);

#[test]
fn on_a_team_desk_writers_pull_the_feeds_admins_choose() {
    let web = Feeds::start();
    let (desk, _admin) = desk_with_feeds(Backend::Postgres, &web);
    let mut writer = desk.open_with_role("walt", "writer");
    let report = pull_now(&mut writer);
    assert_eq!(report.added, 10, "{report:#?}");
    let refused = writer
        .add_feed("RT", &web.url("/feeds/other.json"))
        .expect_err("an admin's");
    assert!(
        !refused.to_string().contains("ERROR"),
        "no engine text: {refused}"
    );
    assert!(writer.remove_feed(&web.url("/feeds/rt.json")).is_err());
}

#[test]
fn filters_keep_the_events_asked_for() {
    use wire::{Coverage, WireFilter};
    let web = Feeds::start();
    let (_desk, mut store) = desk_with_feeds(Backend::Sqlite, &web);
    pull_now(&mut store);
    let events = wire::list(&store, 24, now()).expect("wire");
    let titles = |f: WireFilter| {
        let mut t: Vec<String> = wire::filter(events.clone(), &f)
            .iter()
            .map(|e| e.items[0].outlet.clone() + ": " + &e.title[..20])
            .collect();
        t.sort();
        t
    };
    let spots = titles(WireFilter {
        coverage: Some(Coverage::Blindspots),
        ..WireFilter::default()
    });
    assert_eq!(spots, ["RT: US Navy divers plant"]);
    let both = titles(WireFilter {
        coverage: Some(Coverage::BothSides),
        ..WireFilter::default()
    });
    assert_eq!(both.len(), 2);
    let guardian = titles(WireFilter {
        outlet: Some("the guardian".into()),
        ..WireFilter::default()
    });
    assert_eq!(guardian.len(), 2);
    assert!(titles(WireFilter {
        coverage: Some(Coverage::ProOnly),
        ..WireFilter::default()
    })
    .is_empty());
    assert!(wire::list(&store, 0, now()).is_err());
}

/// A window-less host that keeps what the windows were told and has a
/// settings file of its own.
struct Host(std::path::PathBuf, std::sync::Mutex<Vec<String>>);

impl factdesk_core::desk::Host for Host {
    fn tell(&self, event: factdesk_core::desk::DeskEvent) {
        if let factdesk_core::desk::DeskEvent::WirePulled(report) = &event {
            self.1.lock().unwrap().push(report.summary.clone());
        }
    }
    fn settings_file(&self) -> Option<std::path::PathBuf> {
        Some(self.0.clone())
    }
}

#[test]
fn the_window_pulls_when_its_interval_has_passed_and_tells_every_window() {
    let web = Feeds::start();
    let (desk_dir, store) = desk_with_feeds(Backend::Sqlite, &web);
    drop(store);
    let host = std::sync::Arc::new(Host(
        desk_dir.dir.path().join("settings.json"),
        Default::default(),
    ));
    let desk = factdesk_core::desk::Desk::new(desk_dir.open(), host.clone(), None);
    let view = desk.wire(24, &Default::default()).expect("view");
    assert_eq!(
        view.empty.as_deref(),
        Some("The feeds have not been pulled yet: pull the wire.")
    );
    assert_eq!((view.feeds, view.pulled_at), (5, None));
    assert_eq!(view.pulling, "Pulling 5 feeds…");
    let reader = factdesk_core::desk::Desk::new(desk_dir.open_read(), host.clone(), None);
    assert_eq!(
        reader.pull_if_due().expect("read-only"),
        None,
        "a read-only desk records no pull"
    );
    drop(reader);

    assert_eq!(
        desk.settings().expect("settings").wire_pull_minutes,
        30,
        "the default"
    );
    let first = desk.pull_if_due().expect("due").expect("never pulled: due");
    assert_eq!(first.added, 10);
    assert_eq!(desk.pull_if_due().expect("not due"), None, "pulled just now");
    assert_eq!(
        host.1.lock().unwrap().as_slice(),
        ["pulled 5 feeds: 10 new items"]
    );
    let view = desk.wire(24, &Default::default()).expect("view");
    assert_eq!((view.events.len(), view.total, view.empty), (3, 3, None));
    assert_eq!(
        view.outlets,
        ["Consortium News", "Reuters", "RT", "TASS", "The Guardian"]
    );

    // An hour on, with a 15-minute interval: due again; 0 turns it off.
    let conn = rusqlite::Connection::open(desk_dir.location()).expect("open");
    conn.execute(
        "UPDATE outlet_feeds SET pulled_at = '2020-01-01T00:00:00.000000000Z'",
        [],
    )
    .expect("age");
    drop(conn);
    assert_eq!(desk.set_wire_pull_minutes(0).expect("off").wire_pull_minutes, 0);
    assert_eq!(desk.pull_if_due().expect("off"), None);
    assert_eq!(desk.set_wire_pull_minutes(15).expect("on").wire_pull_minutes, 15);
    assert!(desk.pull_if_due().expect("due").is_some());
    assert!(desk.set_wire_pull_minutes(100_000).is_err());

    // A story started through the desk, as the window starts one.
    let event = view
        .events
        .iter()
        .find(|e| e.blindspot.is_some())
        .expect("the blind spot")
        .clone();
    let started = desk.start_from_event(&event.id, 24, &[], 7).expect("started");
    assert_eq!(started.story.story.sources.len(), 3);
    assert_eq!(
        started.summary,
        "Started from the wire with 3 sources, each captured from its page."
    );
}
