//! The store's contract on both backends: saves and reloads exactly,
//! conflicts, revisions, timestamps, citations, outlets, duplicates and
//! narrative pairs.

mod common;

use common::{Backend, Desk};
use factdesk_core::model::{Fact, FactId};
use factdesk_core::sample;
use factdesk_core::store::Store;

fn fresh(backend: Backend) -> (Desk, Store) {
    let desk = Desk::new(backend);
    let store = desk.open();
    (desk, store)
}

fn a_story_survives_save_and_reopen_exactly(backend: Backend) {
    let desk = Desk::new(backend);
    let story = sample::story(7, 4);
    let id = desk.open().create_story(&story).unwrap().id;
    let loaded = desk.open_read().load_story(id).unwrap();
    assert_eq!(loaded.version, 1);
    assert_eq!(loaded.story, story);
}

fn stale_saves_are_refused_and_change_nothing(backend: Backend) {
    let (_d, mut store) = fresh(backend);
    let created = store.create_story(&sample::story(2, 2)).unwrap();
    let mut mine = created.story.clone();
    mine.headline = "First editor".into();
    let saved = store.save_story(created.id, 1, &mine).unwrap();
    assert_eq!(saved.version, 2);

    let mut theirs = created.story.clone();
    theirs.headline = "Second editor, stale".into();
    let err = store.save_story(created.id, 1, &theirs).unwrap_err();
    assert!(
        matches!(
            err,
            factdesk_core::Error::Conflict {
                expected: 1,
                current: 2,
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(err.code(), "conflict");
    let now = store.load_story(created.id).unwrap();
    assert_eq!(now.version, 2);
    assert_eq!(now.story.headline, "First editor");
}

fn every_save_keeps_the_previous_state(backend: Backend) {
    let (_d, mut store) = fresh(backend);
    let created = store.create_story(&sample::story(2, 2)).unwrap();
    let mut s = created.story.clone();
    for (v, headline) in ["two", "three"].iter().enumerate() {
        s.headline = headline.to_string();
        s.facts.push(Fact {
            id: FactId::new(),
            text: format!("Added {v}."),
            citations: vec![s.sources[0].id],
        });
        store.save_story(created.id, v as i64 + 1, &s).unwrap();
    }
    let revs = store.revisions(created.id).unwrap();
    assert_eq!(
        revs.iter().map(|r| r.info.version).collect::<Vec<_>>(),
        vec![2, 1]
    );
    assert_eq!(revs[1].story, created.story);
    assert_eq!(revs[0].story.headline, "two");
    assert_eq!(revs[0].story.facts.len(), 3);
}

fn save_keeps_created_and_advances_updated(backend: Backend) {
    let (_d, mut store) = fresh(backend);
    let mut story = sample::story(1, 1);
    story.created_at = chrono::DateTime::from_timestamp(1_000_000_000, 0).unwrap();
    story.updated_at = story.created_at;
    let c = store.create_story(&story).unwrap();
    let mut edit = c.story.clone();
    edit.created_at = chrono::Utc::now();
    edit.summary = "A change worth saving.".into();
    let s = store.save_story(c.id, 1, &edit).unwrap();
    assert_eq!(s.story.created_at, story.created_at);
    assert!(s.story.updated_at > story.updated_at);
    assert_eq!(store.load_story(c.id).unwrap().story, s.story);
}

fn citation_order_and_dangling_citations_are_kept(backend: Backend) {
    let (_d, mut store) = fresh(backend);
    let mut story = sample::story(3, 3);
    let ghost = factdesk_core::model::SourceId::new();
    story.facts[0].citations = vec![story.sources[2].id, ghost, story.sources[0].id];
    let id = store.create_story(&story).unwrap().id;
    assert_eq!(
        store.load_story(id).unwrap().story.facts[0].citations,
        story.facts[0].citations
    );
}

fn outlets_upsert_by_name_ignoring_case(backend: Backend) {
    let (_d, mut store) = fresh(backend);
    let o = |name: &str, lr| factdesk_core::model::Outlet {
        name: name.into(),
        lr,
        ..Default::default()
    };
    store
        .upsert_outlets(&[o("The Guardian", Some(2)), o("TASS", None)])
        .unwrap();
    store.upsert_outlets(&[o("the guardian", Some(3))]).unwrap();
    store.delete_outlet("TASS").unwrap();
    assert!(store.delete_outlet("TASS").is_err());
    let list = store.outlets().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!((list[0].name.as_str(), list[0].lr), ("the guardian", Some(3)));
}

fn duplicate_makes_an_independent_draft_copy(backend: Backend) {
    let (_d, mut store) = fresh(backend);
    let a = store.create_story(&sample::story(3, 2)).unwrap();
    store.set_second_editor_approval(false).unwrap();
    store
        .transition(a.id, Some(1), factdesk_core::editions::Action::Publish, "")
        .unwrap();
    let copy = store.duplicate_story(a.id).unwrap();
    assert_ne!(copy.id, a.id);
    assert_ne!(copy.story.uid, a.story.uid);
    assert_eq!(copy.story.status, factdesk_core::model::Status::Draft);
    assert_eq!(copy.workflow.live_edition, None);
    assert!(copy.story.headline.ends_with(" (copy)"));
    assert_eq!(copy.story.facts, a.story.facts);
    // A published story is never deleted; the copy goes, the original stays.
    assert_eq!(store.delete_story(a.id).unwrap_err().code(), "wrong-state");
    store.delete_story(copy.id).unwrap();
    store.purge_trash(None).unwrap();
    assert_eq!(store.load_story(a.id).unwrap().story.facts.len(), 3);
}

fn outlet_names_merge_registry_and_sources(backend: Backend) {
    let (_d, mut store) = fresh(backend);
    store.create_story(&sample::story(2, 2)).unwrap();
    store
        .upsert_outlets(&[
            factdesk_core::model::Outlet {
                name: "outlet 1".into(),
                ..Default::default()
            },
            factdesk_core::model::Outlet {
                name: "Zeit".into(),
                ..Default::default()
            },
        ])
        .unwrap();
    let names = store.outlet_names().unwrap();
    assert_eq!(names.len(), 3, "{names:?}");
    assert_eq!(names[0], "Outlet 0");
    assert!(names[1].eq_ignore_ascii_case("outlet 1"), "{names:?}");
    assert_eq!(names[2], "Zeit");
    // Spellings of one outlet (case, spaces, any script) are one suggestion;
    // blank outlets none.
    let mut more = sample::story(1, 1);
    for outlet in [
        "OUTLET 0",
        "  outlet   1 ",
        "",
        "   ",
        "Ärzte Zeitung",
        "ÄRZTE ZEITUNG",
        "b",
    ] {
        let mut source = more.sources[0].clone();
        source.id = factdesk_core::model::SourceId(uuid::Uuid::new_v4());
        source.outlet = outlet.into();
        more.sources.push(source);
    }
    store.create_story(&more).unwrap();
    let names = store.outlet_names().unwrap();
    let keys: Vec<String> = names
        .iter()
        .map(|n| factdesk_core::registry::outlet_key(n))
        .collect();
    assert_eq!(
        keys,
        ["b", "outlet 0", "outlet 1", "zeit", "ärzte zeitung"],
        "{names:?}"
    );
    assert!(names[1].eq_ignore_ascii_case("outlet 0"), "{names:?}");
    assert_eq!(names[2], "outlet 1", "the registry's spelling: {names:?}");
}

fn a_narrative_pair_is_stored_and_suggested(backend: Backend) {
    let (_d, mut store) = fresh(backend);
    let mut story = sample::story(2, 2);
    story.axis = Some(factdesk_core::model::NarrativePair {
        first: "Pro-Ukraine".into(),
        second: "Pro-Russia".into(),
    });
    let id = store.create_story(&story).unwrap().id;
    let loaded = store.load_story(id).unwrap();
    assert_eq!(loaded.story.axis, story.axis);
    store.create_story(&sample::story(1, 1)).unwrap();
    let mut other = story.clone();
    other.uid = uuid::Uuid::new_v4();
    other.axis = Some(factdesk_core::model::NarrativePair {
        first: "Democratic".into(),
        second: "Republican".into(),
    });
    store.create_story(&other).unwrap();
    store
        .create_story(&factdesk_core::model::Story {
            uid: uuid::Uuid::new_v4(),
            ..story.clone()
        })
        .unwrap();
    let pairs = store.narrative_pairs().unwrap();
    assert_eq!(pairs.len(), 2);
    assert_eq!(pairs[0].first, "Pro-Ukraine", "most used first");
    let mut back = loaded.story.clone();
    back.axis = None;
    let saved = store.save_story(id, loaded.version, &back).unwrap();
    assert_eq!(saved.story.axis, None, "back to the establishment axis");
}

/// A story's language is kept by a save, by a field edit (the window's
/// path, which writes only what changed), by its revisions and by a copy.
fn a_story_keeps_its_language(backend: Backend) {
    let (_d, mut store) = fresh(backend);
    let mut story = sample::story(2, 2);
    story.language = "ru".into();
    let id = store.create_story(&story).unwrap().id;
    let loaded = store.load_story(id).unwrap();
    assert_eq!(loaded.story.language, "ru");
    let now = store.load_for_editing(id).unwrap();
    let mut working = factdesk_core::working::Working::new(now.story.clone());
    working
        .edit(&[factdesk_core::working::FieldEdit {
            key: "language".into(),
            value: "uk".into(),
        }])
        .unwrap();
    assert!(working
        .edit(&[factdesk_core::working::FieldEdit {
            key: "language".into(),
            value: "not a language".into(),
        }])
        .is_err());
    let saved = factdesk_core::desk::save_copy(
        &mut store,
        &mut working,
        id,
        now.version,
        factdesk_core::model::SaveKind::Edit,
    )
    .unwrap();
    assert_eq!(store.load_story(id).unwrap().story.language, "uk");
    assert_eq!(
        store.story_at(id, saved.version - 1).unwrap().language,
        "ru",
        "the revision before"
    );
    let copy = store.duplicate_story(id).unwrap();
    assert_eq!(copy.story.language, "uk");
}

/// Stories read together (a batch export, a search page's stories) are
/// each what reading it alone gives — corrections and withdrawal included,
/// in the order asked, a story asked twice twice — and a story that cannot
/// be read alone fails the read with the same words.
fn stories_read_together_are_each_as_read_alone(backend: Backend) {
    use factdesk_core::editions::Action;
    use factdesk_core::store::EditionRef;
    let desk = Desk::new(backend);
    let mut store = desk.open();
    store.set_second_editor_approval(false).unwrap();
    let ids: Vec<i64> = (0..5)
        .map(|i| store.create_story(&sample::story(2 + i, 1 + i % 3)).unwrap().id)
        .collect();
    store.transition(ids[1], None, Action::Publish, "").unwrap();
    let live = store.load_story(ids[1]).unwrap();
    let mut next = live.story.clone();
    next.headline = "Corrected".into();
    store.save_story(ids[1], live.version, &next).unwrap();
    store
        .transition(ids[1], None, Action::Publish, "The date was wrong.")
        .unwrap();
    store.transition(ids[2], None, Action::Publish, "").unwrap();
    store
        .transition(ids[2], None, Action::Withdraw, "Retracted.")
        .unwrap();
    store.delete_story(ids[4]).unwrap();
    let asked = [ids[3], ids[1], ids[2], ids[0], ids[1]];
    for which in [EditionRef::Latest, EditionRef::Number(1)] {
        let together = store.edition_stories(&asked, which).unwrap();
        let alone: Vec<_> = asked
            .iter()
            .map(|&id| store.edition_story(id, which).unwrap())
            .collect();
        assert_eq!(together, alone, "{which:?}");
    }
    let together = store.edition_stories(&asked, EditionRef::Latest).unwrap();
    assert_eq!(together[1].corrections.len(), 1, "{:?}", together[1].corrections);
    assert_eq!(
        together[2].withdrawal.as_ref().map(|w| w.reason.as_str()),
        Some("Retracted.")
    );
    let published = store.edition_stories(&ids[1..3], EditionRef::Published).unwrap();
    assert_eq!(published[0].headline, "Corrected");
    for refused in [ids[4], ids[4] + 100] {
        let alone = store.edition_story(refused, EditionRef::Latest).unwrap_err();
        let together = store
            .edition_stories(&[ids[0], refused], EditionRef::Latest)
            .unwrap_err();
        assert_eq!(together.to_string(), alone.to_string());
    }
}

/// Many stories stored in one transaction (`factdesk import FILE…`), more
/// than one round of them, are each what storing it alone gives: a new
/// draft of the same content, a uid the desk or an earlier file has
/// replaced and noted, a claimed state noted; in the list's order,
/// searchable, and counted in the coverage.
fn stories_stored_together_are_each_as_stored_alone(backend: Backend) {
    use factdesk_core::model::Status;
    use factdesk_core::store::ImportNote;
    let desk = Desk::new(backend);
    let mut store = desk.open();
    let kept = store.create_story(&sample::story(2, 1)).unwrap();
    let mut list: Vec<_> = (0..250).map(sample::desk_story).collect();
    list[0].uid = kept.story.uid;
    list[0].status = Status::Published;
    list[240].uid = list[7].uid;
    list[249].headline = "The zanzibar story".into();
    let stored = store.import_stories(&list).unwrap();
    assert_eq!(stored.len(), 250);
    let mut ids: Vec<i64> = stored.iter().map(|(id, _)| *id).collect();
    for (i, ((id, notes), given)) in stored.iter().zip(&list).enumerate() {
        let story = store.load_story(*id).unwrap().story;
        let expected_notes = match i {
            0 => vec![
                ImportNote::StatusIgnored(Status::Published),
                ImportNote::UidReplaced(given.uid),
            ],
            240 => vec![ImportNote::UidReplaced(given.uid)],
            _ => vec![],
        };
        assert_eq!(notes, &expected_notes, "story {i}");
        assert_eq!(story.uid == given.uid, notes.is_empty(), "story {i}");
        assert_eq!(story.status, Status::Draft, "story {i}");
        assert_eq!(
            (
                &story.headline,
                &story.facts,
                &story.sources,
                &story.narratives,
                &story.predictions
            ),
            (
                &given.headline,
                &given.facts,
                &given.sources,
                &given.narratives,
                &given.predictions
            ),
            "story {i}"
        );
    }
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 250, "each its own id");
    assert_eq!(common::found(&mut store, "zanzibar"), [stored[249].0]);
    common::coverage_as_scanned(&store);
}

/// An id a purged story had, given again to a new story (a file reuses the
/// highest id once its story is gone): the new story is found by its own
/// words, never the old one's, and counted once in the coverage.
fn an_id_given_again_after_a_purge_is_the_new_storys_alone(backend: Backend) {
    let desk = Desk::new(backend);
    let mut store = desk.open();
    store.create_story(&sample::story(2, 1)).unwrap();
    let mut old = sample::story(2, 1);
    old.headline = "The quokka story".into();
    let old_id = store.create_story(&old).unwrap().id;
    store.delete_story(old_id).unwrap();
    assert_eq!(store.purge_trash(None).unwrap(), [old_id]);
    let mut new = sample::story(3, 2);
    new.headline = "The wombat story".into();
    let new_id = store.import_stories(&[new]).unwrap()[0].0;
    if matches!(backend, Backend::Sqlite) {
        assert_eq!(new_id, old_id, "a file gives the highest id again");
    }
    assert!(common::found(&mut store, "quokka").is_empty());
    assert_eq!(common::found(&mut store, "wombat"), [new_id]);
    assert_eq!(common::coverage_as_scanned(&store).stories, 2);
}

both!(
    an_id_given_again_after_a_purge_is_the_new_storys_alone,
    stories_stored_together_are_each_as_stored_alone,
    stories_read_together_are_each_as_read_alone,
    a_story_keeps_its_language,
    a_story_survives_save_and_reopen_exactly,
    stale_saves_are_refused_and_change_nothing,
    every_save_keeps_the_previous_state,
    save_keeps_created_and_advances_updated,
    citation_order_and_dangling_citations_are_kept,
    outlets_upsert_by_name_ignoring_case,
    duplicate_makes_an_independent_draft_copy,
    outlet_names_merge_registry_and_sources,
    a_narrative_pair_is_stored_and_suggested,
);
