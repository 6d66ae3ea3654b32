//! What the window asks of the store about several stories at once, on a
//! real file: gate results for the batch export, narrative pairs to
//! suggest, and a conflicting edit kept as a copy.

mod common;

use common::{Backend, Desk};
use factdesk_core::checks::{self, Severity};
use factdesk_core::model::{NarrativePair, Status, Story};
use factdesk_core::sample;
use factdesk_core::store::{GateResult, Store};

fn desk(backend: Backend) -> (Desk, Store) {
    let desk = Desk::new(backend);
    let store = desk.open();
    (desk, store)
}

fn pair(first: &str, second: &str) -> Option<NarrativePair> {
    Some(NarrativePair {
        first: first.into(),
        second: second.into(),
    })
}

fn gate_results_count_what_the_checks_find_and_an_unknown_story_fails(backend: Backend) {
    let (_d, mut store) = desk(backend);
    let good = store.create_story(&sample::story(3, 2)).unwrap();
    let mut bad = sample::story(3, 2);
    bad.narratives.clear();
    bad.headline = String::new();
    let bad_id = store.create_story(&bad).unwrap().id;
    let registry = store.registry().unwrap();
    let errors = |s: &Story| {
        checks::check(s, &registry)
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count() as u32
    };
    let results = store.gate_results(&[good.id, bad_id, 999]).unwrap();
    assert_eq!(results[0].errors, errors(&good.story));
    assert_eq!(results[0].errors, 0, "the sample story passes");
    assert_eq!(
        results[1].errors,
        errors(&store.load_story(bad_id).unwrap().story)
    );
    assert!(results[1].errors >= 2, "{results:?}");
    assert_eq!(
        results.iter().map(|r| r.publishable).collect::<Vec<_>>(),
        [true, false, false],
        "the checks' own rule: publishable without an error"
    );
    assert_eq!(
        results[2],
        GateResult {
            id: 999,
            errors: 1,
            warnings: 0,
            publishable: false,
            summary: "1 error".into(),
        }
    );
}

fn narrative_pairs_are_suggested_most_used_first_ignoring_case(backend: Backend) {
    let (_d, mut store) = desk(backend);
    for axis in [
        pair("Pro-Israel", "Pro-Palestine"),
        pair("Pro-Ukraine", "Pro-Russia"),
        pair("pro-ukraine", "pro-russia"),
        None,
        pair("  ", "x"),
    ] {
        let mut s = sample::story(2, 1);
        s.axis = axis;
        store.create_story(&s).unwrap();
    }
    let pairs = store.narrative_pairs().unwrap();
    let names: Vec<String> = pairs.iter().map(|p| p.first.to_lowercase()).collect();
    assert_eq!(names, ["pro-ukraine", "pro-israel"]);
}

fn a_conflicting_edit_is_kept_as_a_new_draft(backend: Backend) {
    let (_d, mut store) = desk(backend);
    let original = store.create_story(&sample::story(2, 1)).unwrap();
    let mut mine = original.story.clone();
    mine.headline = "My version".into();
    let copy = store.keep_as_copy(&mine).unwrap();
    assert_ne!(copy.id, original.id);
    assert_ne!(copy.story.uid, original.story.uid);
    assert_eq!(copy.story.headline, "My version (conflicting copy)");
    assert_eq!(copy.story.status, Status::Draft);
    assert_eq!(copy.story.facts, mine.facts);
    assert_eq!(
        store.load_story(original.id).unwrap().story.headline,
        original.story.headline
    );
}

both!(
    gate_results_count_what_the_checks_find_and_an_unknown_story_fails,
    narrative_pairs_are_suggested_most_used_first_ignoring_case,
    a_conflicting_edit_is_kept_as_a_new_draft,
);
