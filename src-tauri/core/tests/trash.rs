//! Deleting keeps history, on both backends: a draft goes to the trash with
//! its id, uid, editions, revisions and transitions, out of every list,
//! search, count and coverage, and comes back whole; a story ever published
//! is never deleted; old trash is purged by the next writer.

mod common;

use common::{Backend, Desk};
use factdesk_core::editions::Action;
use factdesk_core::model::SaveKind;
use factdesk_core::sample;
use factdesk_core::store::search::ListRequest;
use factdesk_core::store::Store;

/// Moves the trash's deletions `days` into the past, as time would.
fn age_trash(desk: &Desk, days: i64) {
    let at = (chrono::Utc::now() - chrono::Duration::days(days))
        .to_rfc3339_opts(chrono::SecondsFormat::Nanos, true);
    match desk.backend {
        Backend::Sqlite => {
            rusqlite::Connection::open(desk.location())
                .unwrap()
                .execute(
                    "UPDATE stories SET trashed_at = ?1 WHERE trashed_at IS NOT NULL",
                    [&at],
                )
                .unwrap();
        }
        Backend::Postgres => {
            desk.client()
                .execute(
                    "UPDATE stories SET trashed_at = $1 WHERE trashed_at IS NOT NULL",
                    &[&at],
                )
                .unwrap();
        }
    }
}

fn edited(store: &mut Store, id: i64, text: &str) {
    let text = text.to_string();
    store
        .update_story(id, None, SaveKind::Edit, |s| {
            s.facts[0].text = text;
            Ok(())
        })
        .unwrap();
}

fn a_deleted_draft_keeps_its_identity_and_history_and_comes_back_whole(backend: Backend) {
    let desk = Desk::new(backend);
    let mut store = desk.open_as("anna");
    let keep = store.create_story(&sample::story(2, 1)).unwrap().id;
    let mut story = sample::story(3, 2);
    story.headline = "Zeppelin landing at the harbour".into();
    let created = store.create_story(&story).unwrap();
    let id = created.id;
    edited(&mut store, id, "A second version.");
    store.transition(id, None, Action::Submit, "").unwrap();
    store.transition(id, None, Action::Reject, "needs work").unwrap();
    let before = store.history(id).unwrap();
    let trashed = store.delete_story(id).unwrap();
    assert_eq!(
        (trashed.id, trashed.uid, trashed.deleted_by.as_str()),
        (id, created.story.uid, "anna")
    );
    assert!(trashed.said.contains("Zeppelin"), "{}", trashed.said);

    // Out of every list, search, count and the coverage.
    let mut reader = desk.open_read();
    let listed: Vec<i64> = reader
        .list_stories()
        .unwrap()
        .stories
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(listed, vec![keep]);
    assert!(reader.search("zeppelin", 10).unwrap().is_empty());
    assert_eq!(reader.list_count(&ListRequest::default()).unwrap(), 1);
    let page = reader.list_page(&ListRequest::default()).unwrap();
    assert_eq!(page.listing.stories.len(), 1);
    let today = chrono::Utc::now().date_naive();
    let coverage = reader
        .coverage(
            today - chrono::Duration::days(1),
            today + chrono::Duration::days(1),
            None,
        )
        .unwrap();
    assert_eq!(coverage.stories, 1);
    assert_eq!(reader.headlines(&[id]).unwrap_err().code(), "not-found");
    let err = reader.load_story(id).unwrap_err();
    assert_eq!(err.code(), "not-found");
    assert!(err.to_string().contains("in the trash"), "{err}");
    assert_eq!(reader.trash().unwrap()[0].id, id);
    // Nothing can change it while it is there.
    assert!(store.transition(id, None, Action::Submit, "").is_err());

    let back = store.restore_from_trash(id).unwrap().stored;
    assert_eq!((back.id, back.story.uid), (id, created.story.uid));
    assert_eq!(back.story.facts[0].text, "A second version.");
    assert_eq!(store.history(id).unwrap(), before, "the same history");
    assert_eq!(
        store.search("zeppelin", 10).unwrap()[0].id,
        id,
        "searchable again"
    );
    assert!(store.trash().unwrap().is_empty());
}

fn a_window_typing_into_a_story_a_colleague_deleted_saves_nothing(backend: Backend) {
    let desk = Desk::new(backend);
    let mut window = desk.open_as("anna");
    let id = window.create_story(&sample::story(3, 1)).unwrap().id;
    let opened = window.load_for_editing(id).unwrap();
    desk.open_as("ben").delete_story(id).unwrap();
    let mut typed = opened.story.clone();
    typed.facts[0].text = "Typed after it was deleted.".into();
    let parts = std::collections::BTreeSet::from([factdesk_core::model::Part::Fact(typed.facts[0].id.0)]);
    let err = window
        .save_edits(id, opened.version, &typed, &parts, SaveKind::Typing)
        .unwrap_err();
    assert!(err.to_string().contains("in the trash (deleted by ben"), "{err}");
    let back = window.restore_from_trash(id).unwrap().stored;
    assert_eq!(back.version, opened.version, "nothing was written");
    assert_eq!(back.story.facts[0].text, opened.story.facts[0].text);
}

fn a_story_ever_published_is_never_deleted(backend: Backend) {
    let desk = Desk::new(backend);
    let mut store = desk.open();
    store.set_second_editor_approval(false).unwrap();
    let id = store.create_story(&sample::story(3, 2)).unwrap().id;
    store.transition(id, None, Action::Publish, "").unwrap();
    // A new draft edition over it: still a story readers have seen.
    edited(&mut store, id, "Corrected.");
    let err = store.delete_story(id).unwrap_err();
    assert_eq!(err.code(), "wrong-state");
    assert!(err.to_string().contains("withdraw it instead"), "{err}");
    assert!(store.load_story(id).is_ok());
    assert!(store.trash().unwrap().is_empty());
}

fn old_trash_is_purged_by_the_next_writer_and_young_trash_is_kept(backend: Backend) {
    let desk = Desk::new(backend);
    let mut store = desk.open();
    let old = store.create_story(&sample::story(2, 1)).unwrap().id;
    store.delete_story(old).unwrap();
    age_trash(&desk, 31);
    let young = store.create_story(&sample::story(2, 1)).unwrap().id;
    store.delete_story(young).unwrap();
    drop(store);
    // A reader purges nothing.
    assert_eq!(desk.open_read().trash().unwrap().len(), 2);
    let mut writer = desk.open();
    let left: Vec<i64> = writer.trash().unwrap().iter().map(|t| t.id).collect();
    assert_eq!(left, vec![young], "the writer's open purged the old one");
    assert_eq!(
        writer.load_story(old).unwrap_err().to_string(),
        format!("no story with id {old}")
    );
    assert_eq!(writer.purge_trash(Some(0)).unwrap(), vec![young]);
    assert!(writer.trash().unwrap().is_empty());
}

both!(
    a_deleted_draft_keeps_its_identity_and_history_and_comes_back_whole,
    a_window_typing_into_a_story_a_colleague_deleted_saves_nothing,
    a_story_ever_published_is_never_deleted,
    old_trash_is_purged_by_the_next_writer_and_young_trash_is_kept,
);
