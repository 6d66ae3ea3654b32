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

both!(coverage_counts_lean_top_outlets_and_missing_narratives,);
