//! `db copy` of a file desk into a fresh desk, on both backends: every story
//! arrives as it was; on a server the foreign keys, set aside while the
//! rows go in, are all there again afterwards and check every copied row;
//! a copy a key refuses, or whose tsvectors cannot be made, leaves the
//! target as it was; a merge lands every story as a draft, searchable and
//! counted in the coverage.

mod common;

use common::{Backend, Desk};
use factdesk_core::model::Outlet;
use factdesk_core::sample;
use factdesk_core::store::copy::{copy_desk, Mode};
use factdesk_core::store::Store;
use std::path::{Path, PathBuf};

/// A file desk of three stories, a rated outlet and one of its feeds.
fn source(dir: &Path) -> PathBuf {
    let file = dir.join("source.sqlite3");
    let mut store = Store::open(&file).unwrap();
    for i in 0..3 {
        let mut story = sample::story(4 + i, 2);
        story.headline = format!("Copied story {i}");
        store.create_story(&story).unwrap();
    }
    store
        .upsert_outlets(&[Outlet {
            name: "Outlet 0".into(),
            lr: Some(3),
            cp: Some(2),
            ..Outlet::default()
        }])
        .unwrap();
    store.add_feed("Outlet 0", "http://127.0.0.1:9/feed.xml").unwrap();
    file
}

/// The desk's foreign keys as its server defines them.
fn keys(desk: &Desk) -> Vec<String> {
    desk.client()
        .query(
            "SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) \
             FROM pg_constraint WHERE contype = 'f' ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect()
}

/// The keys of a server desk (its schema made first); none on a file.
fn keys_of(desk: &Desk) -> Vec<String> {
    drop(desk.open());
    match desk.backend {
        Backend::Postgres => keys(desk),
        Backend::Sqlite => Vec::new(),
    }
}

fn a_plain_copy_arrives_whole_with_its_keys(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let source = Store::open_read(&source(dir.path())).unwrap();
    let desk = Desk::new(backend);
    let before = keys_of(&desk);
    let mut target = desk.open();
    let report = copy_desk(&source, &mut target, Mode::Copy).unwrap();
    assert_eq!((report.stories, report.outlets), (3, 1));
    for id in 1..=3 {
        assert_eq!(
            target.load_story(id).unwrap().story,
            source.load_story(id).unwrap().story
        );
    }
    assert_eq!(target.outlets().unwrap(), source.outlets().unwrap());
    let urls = |s: &Store| s.feeds().unwrap().into_iter().map(|f| f.url).collect::<Vec<_>>();
    assert_eq!(urls(&target), urls(&source));
    assert_eq!(target.search("copied", 10).unwrap().len(), 3);
    if backend == Backend::Postgres {
        assert!(before.len() >= 10, "the schema's keys: {before:?}");
        assert_eq!(keys(&desk), before, "every key made again as it was");
        let orphan = desk.client().execute(
            "INSERT INTO citations (story_id, fact_id, position, source_id) VALUES (1, 'no such fact', 99, 'x')",
            &[],
        );
        let refused = orphan.unwrap_err();
        assert_eq!(refused.code().map(|c| c.code()), Some("23503"), "{refused}");
        // The tsvectors came made, from a second connection: each is the
        // one the server makes of the row's text.
        let made = desk
            .client()
            .query_one(
                "SELECT count(doc), count(*) FILTER (WHERE doc IS DISTINCT FROM factdesk_search_doc(
                     headline, summary, facts, narratives, predictions, sources, articles)) FROM story_search",
                &[],
            )
            .unwrap();
        assert_eq!((made.get::<_, i64>(0), made.get::<_, i64>(1)), (3, 0));
        // Vacuumed and analyzed once committed: the planner counts the
        // rows, and the rows read through an index-only scan (the outlet
        // filters) are marked visible to all.
        for table in ["stories", "sources", "story_search"] {
            let row = desk
                .client()
                .query_one(
                    "SELECT reltuples::float8, relallvisible::int8 FROM pg_class WHERE relname = $1",
                    &[&table],
                )
                .unwrap();
            let (rows, visible): (f64, i64) = (row.get(0), row.get(1));
            assert!(
                rows >= 3.0 && visible >= 1,
                "{table}: {rows} rows, {visible} pages all visible"
            );
        }
    }
}

fn a_copy_a_key_refuses_leaves_the_target_as_it_was(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let file = source(dir.path());
    {
        // A damaged file: story 2's row is gone, its facts, sources and
        // citations are still there (the copy reads them with its range).
        let conn = rusqlite::Connection::open(&file).unwrap();
        conn.execute_batch("PRAGMA foreign_keys = OFF; DELETE FROM stories WHERE id = 2;")
            .unwrap();
    }
    let source = Store::open_read(&file).unwrap();
    let desk = Desk::new(backend);
    let before = keys_of(&desk);
    let mut target = desk.open();
    let refused = copy_desk(&source, &mut target, Mode::Copy).unwrap_err();
    assert!(
        refused.to_string().contains("breaks one of the database's rules"),
        "{refused}"
    );
    assert!(target.load_story(1).is_err(), "nothing of the copy landed");
    assert!(target.outlets().unwrap().is_empty());
    if backend == Backend::Postgres {
        assert_eq!(
            keys(&desk),
            before,
            "the keys set aside came back with the rollback"
        );
    }
}

/// The editions of story `id`, as (number, state).
fn editions(store: &Store, id: i64) -> Vec<(u32, String)> {
    let history = store.history(id).unwrap();
    let mut editions: Vec<(u32, String)> = history
        .editions
        .into_iter()
        .map(|e| (e.number, e.state))
        .collect();
    editions.sort();
    editions
}

/// A merge of a desk with a story in every state, more than one chunk of
/// them, into a desk with stories of its own: each arrives as a draft with
/// its publications kept as history, can be found by its words (the one in
/// the trash cannot), and the Coverage view's day sums agree with the
/// stories; merged again, only what is new arrives.
fn a_merge_lands_every_state_as_a_draft_found_and_counted(backend: Backend) {
    use factdesk_core::editions::Action;
    let dir = tempfile::TempDir::new().unwrap();
    let file = dir.path().join("states.sqlite3");
    let mut src = Store::open(&file).unwrap();
    src.set_second_editor_approval(false).unwrap();
    let words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf"];
    let ids: Vec<i64> = words
        .iter()
        .map(|w| {
            let mut story = sample::story(3, 2);
            story.headline = format!("The {w} story");
            src.create_story(&story).unwrap().id
        })
        .collect();
    let act = |src: &mut Store, id: i64, actions: &[Action]| {
        for action in actions {
            src.transition(id, None, *action, "A reason given.").unwrap();
        }
    };
    act(&mut src, ids[1], &[Action::Submit]);
    act(&mut src, ids[2], &[Action::Submit, Action::Approve]);
    act(&mut src, ids[3], &[Action::Publish]);
    act(&mut src, ids[4], &[Action::Publish]);
    let live = src.load_story(ids[4]).unwrap();
    let mut corrected = live.story.clone();
    corrected.headline = "The echo story, corrected".into();
    src.save_story(ids[4], live.version, &corrected).unwrap();
    act(&mut src, ids[4], &[Action::Submit]);
    act(&mut src, ids[5], &[Action::Publish, Action::Withdraw]);
    src.delete_story(ids[6]).unwrap();
    let filler: Vec<_> = (0..200).map(sample::desk_story).collect();
    src.create_stories(&filler).unwrap();
    drop(src);

    let desk = Desk::new(backend);
    let mut target = desk.open();
    target.create_story(&sample::story(2, 1)).unwrap();
    target.create_story(&sample::story(2, 1)).unwrap();
    let source = Store::open_read(&file).unwrap();
    let report = copy_desk(&source, &mut target, Mode::Merge).unwrap();
    assert_eq!(
        (report.stories, report.drafted, report.skipped.len()),
        (207, 5, 0)
    );
    let arrived: Vec<i64> = words[..6]
        .iter()
        .map(|w| match common::found(&mut target, w)[..] {
            [id] => id,
            ref other => panic!("{w}: {other:?}"),
        })
        .collect();
    assert!(
        common::found(&mut target, "golf").is_empty(),
        "the trash stays out of search"
    );
    let draft = |n: u32| (n, "draft".to_string());
    let superseded = (1, "superseded".to_string());
    let expected = [
        vec![draft(1)],
        vec![draft(1)],
        vec![draft(1)],
        vec![superseded.clone(), draft(2)],
        vec![superseded, draft(2)],
        vec![(1, "withdrawn".to_string()), draft(2)],
    ];
    for ((word, id), want) in words.iter().zip(&arrived).zip(&expected) {
        let stored = target.load_story(*id).unwrap();
        assert_eq!(stored.story.status.as_str(), "draft", "{word}");
        assert_eq!(stored.workflow.live_edition, None, "{word}");
        assert_eq!(stored.workflow.edition, want.last().unwrap().0, "{word}");
        assert_eq!(&editions(&target, *id), want, "{word}");
    }
    let counted = common::coverage_as_scanned(&target);
    assert_eq!(counted.stories, 2 + 206, "{counted:?}");

    let mut src = Store::open(&file).unwrap();
    let mut late = sample::story(2, 1);
    late.headline = "The hotel story".into();
    src.create_story(&late).unwrap();
    drop(src);
    let source = Store::open_read(&file).unwrap();
    let again = copy_desk(&source, &mut target, Mode::Merge).unwrap();
    assert_eq!((again.stories, again.skipped.len()), (1, 207));
    assert_eq!(common::found(&mut target, "hotel").len(), 1);
    common::coverage_as_scanned(&target);
}

both!(
    a_plain_copy_arrives_whole_with_its_keys,
    a_copy_a_key_refuses_leaves_the_target_as_it_was,
    a_merge_lands_every_state_as_a_draft_found_and_counted
);

/// A plain copy keeps the stories' ids and moves the server's id sequence
/// past them: an admin who does not own the desk's tables is refused before
/// anything is written (a merge is theirs: `tests/access.rs`).
#[test]
fn an_admin_who_does_not_own_the_tables_is_refused_a_plain_copy() {
    let dir = tempfile::tempdir().unwrap();
    let source = Store::open_read(&source(dir.path())).unwrap();
    let desk = Desk::new(Backend::Postgres);
    let mut target = Store::open_location(&desk.url_as("boss", "admin")).unwrap();
    let refused = copy_desk(&source, &mut target, Mode::Copy).unwrap_err();
    assert_eq!(refused.code(), "not-permitted", "{refused}");
    assert!(refused.to_string().contains("--merge"), "{refused}");
    assert!(target.load_story(1).is_err());
}

/// On a server the tsvectors are made on a second connection: when that
/// fails, the copy fails with the server's reason, and nothing lands.
#[test]
fn a_copy_whose_tsvectors_cannot_be_made_leaves_the_target_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let source = Store::open_read(&source(dir.path())).unwrap();
    let desk = Desk::new(Backend::Postgres);
    let before = keys_of(&desk);
    desk.client()
        .batch_execute("DROP FUNCTION factdesk_search_doc")
        .unwrap();
    let mut target = desk.open();
    let refused = copy_desk(&source, &mut target, Mode::Copy).unwrap_err();
    let text = refused.to_string();
    assert!(text.contains("code 42883"), "the maker's own reason: {text}");
    assert!(target.load_story(1).is_err(), "nothing of the copy landed");
    assert!(target.outlets().unwrap().is_empty());
    assert_eq!(keys(&desk), before);
}
