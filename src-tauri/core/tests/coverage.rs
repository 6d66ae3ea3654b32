//! The desk's coverage over a period, on a real database.

mod common;

use common::{Backend, Desk};
use factdesk_core::editions::Action;
use factdesk_core::model::{Outlet, Stance};
use factdesk_core::sample;

fn coverage_counts_lean_top_outlets_and_missing_narratives(backend: Backend) {
    let desk = Desk::new(backend);
    let mut store = desk.open();
    store.set_second_editor_approval(false).unwrap();
    let rated = |name: &str, lr, cp| Outlet {
        name: name.into(),
        lr: Some(lr),
        cp: Some(cp),
        ..Default::default()
    };
    store
        .upsert_outlets(&[
            rated("Outlet 0", 2, 4),
            rated("Critical Outlet", 1, 1),
            rated("Mainstream Outlet", 4, 5),
        ])
        .unwrap();
    // Three stories: 4 facts over 2 sources ("Outlet 0" rated, "Outlet 1" not).
    for i in 0..3 {
        let mut s = sample::story(4, 2);
        s.headline = format!("Story {i}");
        if i == 2 {
            s.narratives.retain(|n| n.stance == Stance::EstablishmentCritical);
            s.headline = "Drone strike story".into();
        }
        store.create_story(&s).unwrap();
    }
    store.transition(1, None, Action::Publish, "").unwrap();
    let today = chrono::Utc::now().date_naive();
    let (since, until) = (
        today - chrono::Duration::days(7),
        today + chrono::Duration::days(1),
    );
    let c = store.coverage(since, until, None).unwrap();
    assert_eq!((c.stories, c.published, c.corrected), (3, 1, 0));
    assert_eq!(c.citations, 12);
    assert_eq!(c.unrated_citations, 6, "half the citations go to Outlet 1");
    assert!((c.unrated_share - 0.5).abs() < 1e-9);
    // Per story: one rated source (LR 2, CP 4) and one unrated.
    assert_eq!(
        (c.sources.lr[1], c.sources.cp[3], c.sources.lr_unrated),
        (3, 3, 3)
    );
    assert_eq!(
        c.narratives.cp[0], 3,
        "three critical narratives from a CP 1 outlet"
    );
    assert_eq!(c.narratives.cp[4], 2, "two pro narratives from a CP 5 outlet");
    assert_eq!(c.top_outlets[0].citations, 6);
    assert_eq!(c.top_outlets.len(), 2);
    assert_eq!(c.missing_narrative_total, 1);
    assert_eq!(c.missing_narrative[0].headline, "Drone strike story");
    assert_eq!(c.missing_narrative[0].missing, "pro-establishment");

    let drones = store.coverage(since, until, Some("drone")).unwrap();
    assert_eq!((drones.stories, drones.citations), (1, 4));
    let past = store
        .coverage(since - chrono::Duration::days(30), since, None)
        .unwrap();
    assert_eq!((past.stories, past.citations, past.unrated_share), (0, 0, 0.0));
    assert_eq!(
        store.coverage(until, since, None).unwrap_err().code(),
        "bad-query"
    );
}

/// The day sums the Coverage view reads agree with the stories themselves
/// after every kind of write: saves, field edits, transitions, corrections,
/// withdrawal, the trash and back, a restored version, copies and merges.
fn the_day_sums_agree_with_the_stories_after_every_write(backend: Backend) {
    use factdesk_core::model::SaveKind;
    use factdesk_core::working::{FieldEdit, Working};
    let desk = Desk::new(backend);
    let mut store = desk.open();
    store.set_second_editor_approval(false).unwrap();
    store
        .upsert_outlets(&[Outlet {
            name: "Outlet 0".into(),
            lr: Some(2),
            cp: Some(4),
            ..Default::default()
        }])
        .unwrap();
    let today = chrono::Utc::now();
    let stories: Vec<_> = (0..8)
        .map(|i| {
            let mut s = sample::story(3 + i, 2 + i % 3);
            s.headline = format!("Story {i}");
            // Spread over the last weeks, so a save moves a story's day.
            s.updated_at = today - chrono::Duration::days(3 * i as i64);
            s.created_at = s.updated_at;
            if i % 3 == 0 {
                s.narratives.retain(|n| n.stance == Stance::ProEstablishment);
            }
            s
        })
        .collect();
    store.create_stories(&stories).unwrap();
    let day = |d: i64| (today + chrono::Duration::days(d)).date_naive();
    let periods = [(day(-40), day(1)), (day(-10), day(-2)), (day(-1), day(1))];
    let agree = |store: &factdesk_core::store::Store, after: &str| {
        for (since, until) in periods {
            assert_eq!(
                store.coverage(since, until, None).unwrap(),
                store.coverage_scanned(since, until).unwrap(),
                "after {after}, {since} to {until}"
            );
        }
    };
    agree(&store, "creating");
    let s = store.load_story(3).unwrap();
    let mut edit = s.story.clone();
    edit.sources[0].outlet = "Outlet 7".into();
    edit.facts[0].citations.clear();
    store.save_story(3, s.version, &edit).unwrap();
    agree(&store, "a save");
    let now = store.load_for_editing(5).unwrap();
    let mut working = Working::new(now.story.clone());
    let source = now.story.sources[1].id.0;
    working
        .edit(&[FieldEdit {
            key: format!("source-url:{source}"),
            value: "https://www.example.net/moved".into(),
        }])
        .unwrap();
    factdesk_core::desk::save_copy(&mut store, &mut working, 5, now.version, SaveKind::Typing).unwrap();
    agree(&store, "a field edit");
    // Typing in a fact: a story already of today keeps its day (its coverage
    // rows are left as they are), one of three weeks ago moves to today.
    for id in [1, 8] {
        let now = store.load_for_editing(id).unwrap();
        let mut working = Working::new(now.story.clone());
        let fact = now.story.facts[0].id.0;
        working
            .edit(&[FieldEdit {
                key: format!("fact:{fact}"),
                value: "Typed again.".into(),
            }])
            .unwrap();
        factdesk_core::desk::save_copy(&mut store, &mut working, id, now.version, SaveKind::Typing).unwrap();
        agree(&store, &format!("typing in story {id}"));
    }
    store.transition(2, None, Action::Publish, "").unwrap();
    store.transition(5, None, Action::Publish, "").unwrap();
    agree(&store, "publishing");
    let live = store.load_story(2).unwrap();
    let mut next = live.story.clone();
    next.headline = "Story 1, corrected".into();
    store.save_story(2, live.version, &next).unwrap();
    store
        .transition(2, None, Action::Publish, "The headline was wrong.")
        .unwrap();
    store.transition(5, None, Action::Withdraw, "Retracted.").unwrap();
    agree(&store, "a correction and a withdrawal");
    store.delete_story(6).unwrap();
    agree(&store, "a deletion");
    store.restore_from_trash(6).unwrap();
    store.delete_story(7).unwrap();
    agree(&store, "a restore from the trash");
    store.restore_version(3, 1, None).unwrap();
    agree(&store, "a restored version");
    store.duplicate_story(1).unwrap();
    agree(&store, "a duplicate");
    // Text that COPY's text format must escape arrives as it was typed.
    let mut awkward = factdesk_core::sample::story(2, 2);
    awkward.headline = "Tab\there, back\\slash, \\N and \\x41".into();
    awkward.facts[0].text = "Line one\nline two\r\nthree \u{1F4F0} «quoted»".into();
    let awkward_id = store.create_story(&awkward).unwrap().id;
    let copy = Desk::new(backend);
    let mut target = copy.open();
    factdesk_core::store::copy::copy_desk(&store, &mut target, factdesk_core::store::copy::Mode::Copy)
        .unwrap();
    agree(&target, "a copy");
    let arrived = target.load_story(awkward_id).unwrap().story;
    assert_eq!(
        (arrived.headline, arrived.facts[0].text.clone()),
        (awkward.headline.clone(), awkward.facts[0].text.clone())
    );
    // The copy's search index holds every story's text as saved, typing
    // included (the source indexes typing once it pauses); story 7 is in
    // the trash, out of it.
    let hits = |store: &mut factdesk_core::store::Store, q: &str| -> Vec<i64> {
        let mut ids: Vec<i64> = store.search(q, 100).unwrap().iter().map(|h| h.id).collect();
        ids.sort_unstable();
        ids
    };
    assert_eq!(hits(&mut target, "typed"), [1, 8, 9]);
    assert_eq!(hits(&mut target, "corrected"), [2]);
    assert!(!hits(&mut target, "story").is_empty());
    assert!(!hits(&mut target, "story").contains(&7));
    factdesk_core::store::copy::copy_desk(&store, &mut target, factdesk_core::store::copy::Mode::Merge)
        .unwrap();
    agree(&target, "a merge");
    let whole = store.coverage(day(-40), day(1), None).unwrap();
    assert!(
        whole.stories >= 8 && whole.citations > 0 && whole.missing_narrative_total > 0,
        "{whole:?}"
    );
}

both!(
    coverage_counts_lean_top_outlets_and_missing_narratives,
    the_day_sums_agree_with_the_stories_after_every_write,
);
