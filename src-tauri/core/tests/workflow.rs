//! The editorial workflow on a real database file: editions, approval,
//! corrections, withdrawal, imports, history and how revisions are stored.

mod common;

use common::{Backend, Desk};
use factdesk_core::editions::Action;
use factdesk_core::model::{SaveKind, Status, Story};
use factdesk_core::sample;
use factdesk_core::store::{EditionRef, Store};

fn desk(backend: Backend, editor: &str, second_editor: bool) -> (Desk, Store) {
    let desk = Desk::new(backend);
    let mut store = desk.open_as(editor);
    store.set_second_editor_approval(second_editor).unwrap();
    (desk, store)
}

fn code(e: factdesk_core::Error) -> &'static str {
    e.code()
}

fn refusal(e: &factdesk_core::Error) -> (&'static str, String) {
    (e.code(), e.to_string())
}

fn publishing_freezes_an_edition_and_editing_starts_the_next(backend: Backend) {
    let (_d, mut store) = desk(backend, "Anna", false);
    let created = store.create_story(&sample::story(3, 2)).unwrap();
    let published = store
        .transition(created.id, Some(1), Action::Publish, "")
        .unwrap();
    assert_eq!(published.workflow.state, Status::Published);
    assert_eq!(published.workflow.live_edition, Some(1));
    assert!(published.story.published_at.is_some());

    let mut edit = published.story.clone();
    edit.headline = "A corrected headline".into();
    let draft = store.save_story(created.id, published.version, &edit).unwrap();
    assert_eq!(draft.workflow.edition, 2);
    assert_eq!(draft.workflow.state, Status::Draft);
    assert_eq!(draft.workflow.list_status(), Status::Published);
    let live = store.edition_story(created.id, EditionRef::Published).unwrap();
    assert_eq!(
        live.headline, created.story.headline,
        "readers still see edition 1"
    );
    let row = &store.list_stories().unwrap().stories[0];
    assert_eq!(
        (row.status, row.has_draft, row.live_edition),
        (Status::Published, true, Some(1))
    );

    let refused = store
        .transition(created.id, None, Action::Publish, "  ")
        .unwrap_err();
    assert_eq!(code(refused), "note-required");
    let corrected = store
        .transition(
            created.id,
            None,
            Action::Publish,
            "The headline named the wrong city.",
        )
        .unwrap();
    assert_eq!(corrected.workflow.live_edition, Some(2));
    assert_eq!(corrected.story.corrections.len(), 1);
    assert_eq!(corrected.story.corrections[0].edition, 2);
    let first = store.edition_story(created.id, EditionRef::Number(1)).unwrap();
    assert!(first.corrections.is_empty());
    assert_eq!(first.headline, created.story.headline);
    let history = store.history(created.id).unwrap();
    let states: Vec<(u32, &str)> = history
        .editions
        .iter()
        .map(|e| (e.number, e.state.as_str()))
        .collect();
    assert_eq!(states, vec![(2, "published"), (1, "superseded")]);
    assert!(Status::Published.as_str() == history.transitions[0].to);
    let steps: Vec<&str> = history
        .runs
        .iter()
        .filter(|r| r.first.kind == factdesk_core::model::SaveKind::Transition)
        .map(|r| r.label.as_str())
        .collect();
    assert_eq!(
        steps,
        vec!["published", "published"],
        "each step named: {history:?}"
    );
    assert_eq!(history.editions[1].state_label, "Superseded");
    assert!(factdesk_core::formats::Format::Itn
        .export(&store.edition_story(created.id, EditionRef::Latest).unwrap())
        .contains("Corrections\n\n  • "));
}

fn a_second_editor_must_approve_and_a_reviewer_may_send_it_back(backend: Backend) {
    let (_d, mut store) = desk(backend, "Anna", true);
    let s = store.create_story(&sample::story(3, 2)).unwrap();
    let early = store.transition(s.id, None, Action::Publish, "").unwrap_err();
    assert_eq!(code(early), "wrong-state");
    store.transition(s.id, None, Action::Submit, "").unwrap();
    let mut edit = s.story.clone();
    edit.summary = "Changed in review".into();
    let locked = store.save_story(s.id, 2, &edit).unwrap_err();
    assert_eq!(code(locked), "edition-locked");
    let (own, message) = refusal(&store.transition(s.id, None, Action::Approve, "").unwrap_err());
    assert_eq!(own, "second-editor-required");
    assert!(message.contains("Anna edited this edition last"), "{message}");

    store = _d.open_as("Ben");
    let no_note = store.transition(s.id, None, Action::Reject, "").unwrap_err();
    assert_eq!(code(no_note), "note-required");
    let back = store
        .transition(s.id, None, Action::Reject, "Cite the ministry's statement.")
        .unwrap();
    assert_eq!(back.workflow.state, Status::Draft);
    store = _d.open_as("Anna");
    let fixed = store.save_story(s.id, back.version, &edit).unwrap();
    assert_eq!(fixed.workflow.last_editor, "Anna");
    store.transition(s.id, None, Action::Submit, "").unwrap();
    store = _d.open_as("Ben");
    let approved = store.transition(s.id, None, Action::Approve, "").unwrap();
    assert_eq!(approved.workflow.state, Status::Approved);
    assert_eq!(
        approved.workflow.last_editor, "Anna",
        "a transition is not an edit"
    );
    let published = store.transition(s.id, None, Action::Publish, "").unwrap();
    assert_eq!(published.workflow.state, Status::Published);
    let t = store.history(s.id).unwrap().transitions;
    let trail: Vec<(&str, &str, &str)> = t
        .iter()
        .rev()
        .map(|t| (t.editor.as_str(), t.from.as_str(), t.to.as_str()))
        .collect();
    assert_eq!(
        trail,
        vec![
            ("Anna", "draft", "in-review"),
            ("Ben", "in-review", "draft"),
            ("Anna", "draft", "in-review"),
            ("Ben", "in-review", "approved"),
            ("Ben", "approved", "published"),
        ]
    );
    assert_eq!(t[3].note, "Cite the ministry's statement.");
}

fn the_gate_still_guards_approval_and_publication(backend: Backend) {
    let (_d, mut store) = desk(backend, "Anna", false);
    let mut story = sample::story(2, 2);
    story.headline.clear();
    let s = store.create_story(&story).unwrap();
    let err = store.transition(s.id, None, Action::Publish, "").unwrap_err();
    assert_eq!(code(err), "not-publishable");
    assert_eq!(store.load_story(s.id).unwrap().version, 1, "nothing changed");
}

fn a_withdrawal_is_public_and_kept_on_record(backend: Backend) {
    let (_d, mut store) = desk(backend, "Anna", false);
    let s = store.create_story(&sample::story(2, 2)).unwrap();
    store.transition(s.id, None, Action::Publish, "").unwrap();
    assert_eq!(
        code(store.transition(s.id, None, Action::Withdraw, "").unwrap_err()),
        "note-required"
    );
    let w = store
        .transition(s.id, None, Action::Withdraw, "Legal advice.")
        .unwrap();
    assert_eq!(w.workflow.state, Status::Withdrawn);
    assert!(w.workflow.withdrawn);
    let live = store.edition_story(s.id, EditionRef::Published).unwrap();
    assert_eq!(
        live.withdrawal.as_ref().map(|w| w.reason.as_str()),
        Some("Legal advice.")
    );
    assert_eq!(live.status, Status::Withdrawn);
    assert_eq!(store.list_stories().unwrap().stories[0].status, Status::Withdrawn);
    let html = factdesk_core::formats::Format::Html.export(&live);
    assert!(html.contains("Withdrawn on ") && html.contains("Legal advice."));
    assert_eq!(
        code(
            store
                .transition(s.id, None, Action::Withdraw, "again")
                .unwrap_err()
        ),
        "wrong-state"
    );
}

fn imports_land_as_new_drafts_with_their_own_uid(backend: Backend) {
    let (_d, mut store) = desk(backend, "Anna", true);
    let mut story = sample::story(2, 2);
    story.status = Status::Published;
    story.headline.clear();
    story.facts.clear();
    let (first, notes) = store.import_story(&story).unwrap();
    assert_eq!(first.workflow.state, Status::Draft);
    assert_eq!(first.story.uid, story.uid);
    assert_eq!(notes.len(), 1);
    assert!(
        notes[0]
            .to_string()
            .contains("imports always land as a new draft"),
        "{}",
        notes[0]
    );
    let (second, notes) = store.import_story(&story).unwrap();
    assert_ne!(second.story.uid, story.uid);
    assert!(
        notes.iter().any(|n| n.to_string().contains("got a new uid")),
        "{notes:?}"
    );
    assert_eq!(second.workflow.live_edition, None);
}

fn history_keeps_every_version_and_restore_deletes_nothing(backend: Backend) {
    let (_d, mut store) = desk(backend, "Anna", true);
    let s = store.create_story(&sample::story(3, 2)).unwrap();
    let mut story = s.story.clone();
    let mut version = s.version;
    let headlines = ["one", "two", "three"];
    for (i, h) in headlines.iter().enumerate() {
        story.headline = h.to_string();
        let kind = if i == 1 {
            SaveKind::Typing
        } else {
            SaveKind::Explicit
        };
        version = store.save_story_as(s.id, version, &story, kind).unwrap().version;
    }
    store = _d.open_as("Ben");
    let history = store.history(s.id).unwrap();
    let versions: Vec<(i64, SaveKind, bool)> = history
        .versions
        .iter()
        .map(|v| (v.version, v.kind, v.current))
        .collect();
    assert_eq!(
        versions,
        vec![
            (4, SaveKind::Explicit, true),
            (3, SaveKind::Typing, false),
            (2, SaveKind::Explicit, false),
            (1, SaveKind::Create, false)
        ]
    );
    assert!(history.versions.iter().all(|v| v.editor == "Anna"));
    assert_eq!(store.story_at(s.id, 2).unwrap().headline, "one");
    assert_eq!(store.story_at(s.id, 1).unwrap(), s.story);
    let restored = store.restore_version(s.id, 2, Some(4)).unwrap();
    assert_eq!(restored.version, 5);
    assert_eq!(restored.story.headline, "one");
    let after = store.history(s.id).unwrap();
    assert_eq!(
        after.versions.len(),
        5,
        "the restore added a version, deleted none"
    );
    assert_eq!(
        (after.versions[0].kind, after.versions[0].editor.as_str()),
        (SaveKind::Restore, "Ben")
    );
    assert_eq!(store.story_at(s.id, 4).unwrap().headline, "three");
    let d = factdesk_core::history::diff(&store.story_at(s.id, 4).unwrap(), &restored.story);
    assert_eq!(d.parts.len(), 1);
    assert_eq!(d.parts[0].label, "Headline");
}

/// A story of about 23 KB: 60 facts, 20 sources with some article text.
fn big_story() -> Story {
    let mut story = sample::story(60, 20);
    for s in story.sources.iter_mut().skip(5) {
        s.saved_text.clear();
    }
    story
}

fn file_bytes(path: &std::path::Path) -> u64 {
    let c = rusqlite::Connection::open(path).unwrap();
    c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
    std::fs::metadata(path).unwrap().len()
}

#[test]
fn a_thousand_one_source_saves_add_what_changed_not_the_story() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("growth.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let story = big_story();
    let size = factdesk_core::formats::json::export(&story).len();
    assert!((20_000..30_000).contains(&size), "{size}");
    let s = store.create_story(&story).unwrap();
    drop(store);
    let before = file_bytes(&path);
    let mut store = Store::open(&path).unwrap();
    let mut current = s.story.clone();
    let mut version = s.version;
    for i in 0..1000 {
        current.sources[i % 20].title = format!("Report title, revision {i}");
        version = store.save_story(s.id, version, &current).unwrap().version;
    }
    // Version v is the story after v - 1 saves.
    let title = |v: i64, j: usize| -> String {
        (0..(v - 1) as usize)
            .rev()
            .find(|i| i % 20 == j)
            .map(|i| format!("Report title, revision {i}"))
            .unwrap_or_else(|| s.story.sources[j].title.clone())
    };
    for v in [1, 2, 21, 499, 500, 777, 1000, 1001] {
        let rebuilt = store.story_at(s.id, v).unwrap();
        let titles: Vec<String> = rebuilt.sources.iter().map(|x| x.title.clone()).collect();
        let expected: Vec<String> = (0..20).map(|j| title(v, j)).collect();
        assert_eq!(titles, expected, "version {v}");
    }
    drop(store);
    let grown = file_bytes(&path) - before;
    eprintln!("1,000 saves of a {size}-byte story grew the file by {grown} bytes");
    assert!(grown < 2 * 1024 * 1024, "grew by {grown} bytes");
    assert!(
        grown < 1000 * size as u64 / 10,
        "a tenth of full copies at most: {grown}"
    );
}

fn a_stale_transition_is_a_conflict(backend: Backend) {
    let (_d, mut store) = desk(backend, "Anna", false);
    let s = store.create_story(&sample::story(2, 2)).unwrap();
    let mut edit = s.story.clone();
    edit.summary = "x".into();
    store.save_story(s.id, 1, &edit).unwrap();
    let err = store.transition(s.id, Some(1), Action::Publish, "").unwrap_err();
    assert_eq!(code(err), "conflict");
}

both!(
    publishing_freezes_an_edition_and_editing_starts_the_next,
    a_second_editor_must_approve_and_a_reviewer_may_send_it_back,
    the_gate_still_guards_approval_and_publication,
    a_withdrawal_is_public_and_kept_on_record,
    imports_land_as_new_drafts_with_their_own_uid,
    history_keeps_every_version_and_restore_deletes_nothing,
    a_stale_transition_is_a_conflict,
);
