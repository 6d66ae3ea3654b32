//! The desk without a window: every call the app's commands make, through
//! the core's API, with a host that records what the windows would be told.

mod common;

use common::{Backend, Desk as TestDesk};
use factdesk_core::desk::{Desk, DeskEvent, Host, Question, INDEX_AFTER};
use factdesk_core::editions::Action;
use factdesk_core::formats::Format;
use factdesk_core::model::{Outlet, SaveKind};
use factdesk_core::sample;
use factdesk_core::store::search::ListRequest;
use factdesk_core::store::EditionRef;
use factdesk_core::working::FieldEdit;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// What the windows were told; the person's settings file is the test's own.
#[derive(Default)]
struct Recorder(Mutex<Vec<DeskEvent>>, Option<PathBuf>, Confirm);

/// What the person answers to the native confirmations, and what they were asked.
#[derive(Default)]
struct Confirm {
    refuse: AtomicBool,
    asked: Mutex<Vec<Question>>,
}

impl Host for Recorder {
    fn tell(&self, event: DeskEvent) {
        self.0.lock().unwrap().push(event);
    }

    fn settings_file(&self) -> Option<PathBuf> {
        self.1.clone()
    }

    fn confirm(&self, question: &Question) -> bool {
        self.2.asked.lock().unwrap().push(question.clone());
        !self.2.refuse.load(Ordering::SeqCst)
    }
}

impl Recorder {
    fn changes(&self) -> Vec<factdesk_core::store::pg::StoryChange> {
        self.0
            .lock()
            .unwrap()
            .iter()
            .filter_map(|e| match e {
                DeskEvent::DeskChanged(c) => Some(c.clone()),
                DeskEvent::DeskStatus(_) => None,
                DeskEvent::WirePulled(_) => None,
            })
            .flatten()
            .collect()
    }
}

fn desk_on(test: &TestDesk, editor: &str) -> (Desk, Arc<Recorder>) {
    let host = Arc::new(Recorder(
        Mutex::default(),
        Some(test.dir.path().join("settings.json")),
        Confirm::default(),
    ));
    let store = test.open_as(editor);
    (Desk::new(store, host.clone(), Some(test.dir.path())), host)
}

fn edit(key: String, value: serde_json::Value) -> FieldEdit {
    FieldEdit { key, value }
}

fn editing_opens_edits_saves_and_indexes_once_typing_pauses(backend: Backend) {
    let test = TestDesk::new(backend);
    let (desk, _) = desk_on(&test, "anna");
    let id = desk.store().create_story(&sample::story(4, 2)).unwrap().id;
    let opened = desk.open_story(id).unwrap();
    assert!(opened.analysis.full.is_some(), "the first analysis is whole");
    let fact = opened.stored.story.facts[1].id.0;
    let update = desk
        .edit_fields(
            id,
            Some(opened.analysis.rev),
            &[edit(format!("fact:{fact}"), "Zebras crossed the river.".into())],
        )
        .unwrap();
    assert!(
        update.full.is_none() && !update.patch.is_empty(),
        "an update to what the window holds"
    );
    let saved = desk
        .save_working(id, opened.stored.version, SaveKind::Typing)
        .unwrap();
    assert_eq!(saved.version, 2);
    // The typed word reaches search once typing pauses, on the desk's thread.
    std::thread::sleep(INDEX_AFTER + std::time::Duration::from_millis(800));
    assert_eq!(desk.store().search("zebras", 5).unwrap()[0].id, id);
    // A whole replacement (an undo) saves the whole story.
    let mut story = desk.get_story(id).unwrap().story;
    story.facts.remove(0);
    desk.edit_story(id, None, story).unwrap();
    assert_eq!(desk.save_working(id, 2, SaveKind::Explicit).unwrap().version, 3);
    assert_eq!(desk.get_story(id).unwrap().story.facts.len(), 3);
    // A stale save is a conflict that names who saved.
    let mut colleague = test.open_as("ben");
    let mut theirs = desk.get_story(id).unwrap().story;
    theirs.summary = "Ben's summary.".into();
    colleague.save_story(id, 3, &theirs).unwrap();
    desk.edit_fields(id, None, &[edit("headline".into(), "Mine".into())])
        .unwrap();
    let err = desk.save_working(id, 3, SaveKind::Typing).unwrap_err();
    assert_eq!(err.code(), "conflict");
    assert!(err.to_string().starts_with("ben saved story"), "{err}");
    desk.close_story(id);
    assert_eq!(
        desk.edit_analysis(id, None).unwrap_err().code(),
        "not-found",
        "closed"
    );
}

fn stories_trash_imports_and_exports(backend: Backend) {
    let test = TestDesk::new(backend);
    let (desk, _) = desk_on(&test, "anna");
    let created = desk.create_story().unwrap();
    assert_eq!(created.story.headline, "");
    let copy = desk.duplicate_story(created.id).unwrap();
    assert_ne!(copy.id, created.id);
    desk.open_story(copy.id).unwrap();
    let trashed = desk.delete_story(copy.id).unwrap();
    assert_eq!(
        desk.open_stories(),
        Vec::<i64>::new(),
        "its copy being edited is closed"
    );
    assert_eq!(desk.trash().unwrap()[0].id, copy.id);
    assert_eq!(desk.untrash_story(trashed.id).unwrap().stored.id, copy.id);
    desk.delete_story(copy.id).unwrap();
    assert_eq!(
        desk.trash_list().unwrap().emptying,
        "Delete 1 story and its history for good? This cannot be undone."
    );
    assert_eq!(desk.empty_trash().unwrap().said, "1 story deleted for good.");
    let kept = desk.keep_as_copy(&sample::story(2, 1)).unwrap();
    assert!(kept.story.headline.ends_with("(conflicting copy)"));
    assert!(desk
        .narrative_pairs()
        .unwrap()
        .establishment
        .first
        .starts_with("Establishment"));

    let text = factdesk_core::formats::json::export(&sample::story(3, 2));
    let pasted = desk.import_story_text(text.clone()).unwrap();
    let file = test.dir.path().join("story.json");
    std::fs::write(&file, &text).unwrap();
    let filed = desk.import_story_file(&file).unwrap();
    let texts = |s: &factdesk_core::model::Story| s.facts.iter().map(|f| f.text.clone()).collect::<Vec<_>>();
    assert_eq!(texts(&pasted.stored.story), texts(&filed.stored.story));
    assert!(!filed.notes.is_empty(), "the second import got a new uid");
    assert_eq!(
        filed.said,
        format!("Imported as a new draft: {}.", filed.notes.join("; "))
    );
    assert_eq!(pasted.said, "", "the first import changed nothing");
    let html = desk
        .export_story(filed.stored.id, EditionRef::Latest, Format::Html)
        .unwrap();
    assert!(html.contains("<html"), "{html}");
    let out = test.dir.path().join("story.md");
    desk.export_story_file(filed.stored.id, EditionRef::Latest, Format::Md, &out)
        .unwrap();
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("# "));
    if backend == Backend::Sqlite {
        let db = std::path::Path::new(test.location());
        let err = desk
            .export_story_file(filed.stored.id, EditionRef::Latest, Format::Json, db)
            .unwrap_err();
        assert!(err.to_string().contains("will not write"), "{err}");
    }
}

fn a_batch_export_is_offered_planned_and_worded(backend: Backend) {
    let test = TestDesk::new(backend);
    let (desk, _) = desk_on(&test, "anna");
    let good = desk.store().create_story(&sample::story(3, 2)).unwrap().id;
    let mut bad = sample::story(3, 2);
    bad.headline = "Without narratives".into();
    bad.narratives.clear();
    let bad = desk.store().create_story(&bad).unwrap().id;
    let offer = desk.batch_offer().unwrap();
    let offered: Vec<_> = offer.stories.iter().map(|s| s.id).collect();
    assert_eq!(offered, [bad, good], "most recently updated first");
    assert_eq!(offer.line, "", "every story is offered");

    let out = test.dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let plan = desk.plan_export(&[good, bad], Format::Md, &out).unwrap();
    assert_eq!(plan.files.len(), 2);
    assert_eq!(plan.failing, [bad], "only the story with errors fails");
    assert_eq!(
        plan.failing_question,
        "1 of the 2 chosen stories fails the publish checks: “Without narratives”."
    );
    assert_eq!(plan.overwrite_question, "");
    assert_eq!(plan.done, format!("Exported 2 stories to {}.", out.display()));
    std::fs::write(&plan.files[1].path, "there").unwrap();
    let again = desk.plan_export(&[good], Format::Md, &out).unwrap();
    assert_eq!((again.failing.len(), again.failing_question.as_str()), (0, ""));
    let both = desk.plan_export(&[good, bad], Format::Md, &out).unwrap();
    assert_eq!(both.overwrite_question, "1 file already exists in that folder.");
}

fn the_registry_the_analysis_reads_follows_outlet_changes(backend: Backend) {
    let test = TestDesk::new(backend);
    let (desk, _) = desk_on(&test, "anna");
    let story = sample::story(2, 1);
    let outlet = story.sources[0].outlet.clone();
    let id = desk.store().create_story(&story).unwrap().id;
    let opened = desk.open_story(id).unwrap();
    let unrated = |a: &factdesk_core::analysis::Analysis| {
        a.findings
            .iter()
            .any(|f| f.code.as_str() == "source-outlet-unrated")
    };
    assert!(unrated(opened.analysis.full.as_ref().unwrap()));
    let rated = Outlet {
        name: outlet.clone(),
        aliases: vec![],
        domains: vec![],
        lr: Some(3),
        cp: Some(3),
        notes: String::new(),
    };
    assert_eq!(
        desk.save_outlet(None, &rated).unwrap(),
        format!("Added {outlet}.")
    );
    let again = desk.edit_analysis(id, None).unwrap();
    assert!(
        !unrated(again.full.as_ref().unwrap()),
        "read again after the change"
    );
    assert_eq!(
        desk.find_outlet(&outlet.to_lowercase()).unwrap().unwrap().name,
        outlet
    );
    assert!(desk.outlet_names(None).unwrap().contains(&outlet));
    // A spelling typed into the open story joins the suggestions, one per
    // outlet as the registry tells them apart (case and spacing aside).
    let first_source = opened.stored.story.sources[0].id.0;
    desk.edit_fields(
        id,
        None,
        &[edit(
            format!("source-outlet:{first_source}"),
            "Brand  New Outlet".into(),
        )],
    )
    .unwrap();
    let story_source = desk.get_story(id).unwrap().story.sources.len();
    assert_eq!(story_source, 1);
    let names = desk.outlet_names(Some(id)).unwrap();
    assert!(names.contains(&"Brand  New Outlet".to_string()), "{names:?}");
    desk.edit_story(id, None, {
        let mut s = desk.get_story(id).unwrap().story;
        s.sources[0].outlet = "Brand  New Outlet".into();
        s.sources.push(factdesk_core::model::Source {
            id: factdesk_core::model::SourceId::new(),
            outlet: "brand new outlet".into(),
            ..s.sources[0].clone()
        });
        s
    })
    .unwrap();
    let names = desk.outlet_names(Some(id)).unwrap();
    assert_eq!(
        names
            .iter()
            .filter(|n| n.to_lowercase().replace("  ", " ") == "brand new outlet")
            .count(),
        1,
        "{names:?}"
    );
    let csv = test.dir.path().join("outlets.csv");
    assert_eq!(
        desk.export_outlets_file(&csv).unwrap(),
        format!("Exported the registry to {}.", csv.display())
    );
    assert_eq!(desk.delete_outlet(&outlet).unwrap(), format!("Deleted {outlet}."));
    assert!(desk.outlets().unwrap().is_empty());
    assert_eq!(desk.import_outlets_file(&csv).unwrap(), "Imported 1 outlet.");
    assert_eq!(
        desk.restore_outlets(&[]).unwrap(),
        "Undone: the registry is as it was."
    );
    assert!(desk.outlets().unwrap().is_empty());
    assert!(!desk.review_story(&story).sources.is_empty());
}

fn the_workflow_and_its_settings(backend: Backend) {
    let test = TestDesk::new(backend);
    let (desk, _) = desk_on(&test, "anna");
    let id = desk.store().create_story(&sample::story(4, 3)).unwrap().id;
    let opened = desk.open_story(id).unwrap();
    assert!(desk.settings().unwrap().second_editor_approval);
    let steps = desk.workflow_steps(opened.stored.workflow.clone(), true).unwrap();
    assert!(
        steps.iter().any(|s| s.action == Action::Submit && s.allowed),
        "{steps:?}"
    );
    assert!(
        !desk
            .set_second_editor_approval(false)
            .unwrap()
            .second_editor_approval
    );
    let steps = desk.workflow_steps(opened.stored.workflow.clone(), true).unwrap();
    assert!(
        steps.iter().any(|s| s.action == Action::Publish && s.allowed),
        "the rule off: {steps:?}"
    );
    let submitted = desk.transition(id, 1, Action::Submit, "").unwrap();
    assert_eq!(submitted.version, 2);
    desk.transition(id, 2, Action::Reject, "more sources").unwrap();
    // The copy being edited followed the transitions: its next save is no conflict.
    desk.edit_fields(id, None, &[edit("summary".into(), "After review.".into())])
        .unwrap();
    assert_eq!(desk.save_working(id, 3, SaveKind::Typing).unwrap().version, 4);
    let history = desk.history(id).unwrap();
    assert!(history.transitions.len() >= 2);
    assert_eq!(desk.story_at(id, 1).unwrap().summary, opened.stored.story.summary);
    assert_eq!(desk.story_edition(id, 1).unwrap().summary, "After review.");
    let restored = desk.restore_version(id, 1, 4).unwrap();
    assert_eq!(restored.story.summary, opened.stored.story.summary);
    assert!(
        desk.save_working(id, 5, SaveKind::Typing).is_ok(),
        "the open copy follows a restore too"
    );
}

fn search_the_list_the_coverage_and_backups(backend: Backend) {
    let test = TestDesk::new(backend);
    let (desk, _) = desk_on(&test, "anna");
    let mut story = sample::story(3, 2);
    story.headline = "Quokkas return to the island".into();
    let id = desk.store().create_story(&story).unwrap().id;
    assert_eq!(desk.search("quokkas", 5).unwrap()[0].id, id);
    let count = desk.list_count(&ListRequest::default()).unwrap();
    assert_eq!((count.total, count.line.as_str()), (1, "1 story"));
    assert_eq!(
        desk.list_page(&ListRequest::default()).unwrap().listing.stories[0].id,
        id
    );
    assert!(!Desk::story_states().is_empty());
    assert_eq!(
        desk.coverage("2020-01-01", "2100-01-01", None).unwrap().stories,
        1
    );
    assert_eq!(
        desk.coverage("01.01.2020", "2100-01-01", None)
            .unwrap_err()
            .code(),
        "bad-query"
    );
    assert_eq!(desk.gate_results(&[id]).unwrap()[0].id, id);
    if backend == Backend::Sqlite {
        let before = desk.store().backup_to(None).unwrap();
        desk.open_story(id).unwrap();
        desk.store().delete_story(id).unwrap();
        let err = desk
            .restore_backup(&test.dir.path().join("elsewhere.sqlite3"))
            .unwrap_err();
        assert_eq!(err.code(), "not-permitted");
        desk.restore_backup(&before).unwrap();
        assert!(desk.open_stories().is_empty(), "what the copies held may be gone");
        assert_eq!(desk.get_story(id).unwrap().story.headline, story.headline);
        assert!(!desk.backups().is_empty());
    }
}

fn this_persons_settings_the_last_story_and_the_desk_to_open_next(backend: Backend) {
    let test = TestDesk::new(backend);
    let (desk, host) = desk_on(&test, "anna");
    let id = desk.store().create_story(&sample::story(2, 1)).unwrap().id;
    assert_eq!(desk.last_story(), None);
    desk.remember_story(Some(id)).unwrap();
    assert_eq!(desk.last_story(), Some(id));
    desk.store().delete_story(id).unwrap();
    assert_eq!(desk.last_story(), None, "a story in the trash is not reopened");
    desk.remember_story(None).unwrap();

    // The page's changes wait for the person's answer in a native dialog.
    host.2.refuse.store(true, Ordering::SeqCst);
    let declined = desk.set_editor_name("Mallory").unwrap_err();
    assert_eq!(declined.code(), "not-permitted", "{declined}");
    let rule = desk.set_second_editor_approval(false).unwrap_err();
    assert_eq!(rule.code(), "not-permitted");
    assert!(
        desk.settings().unwrap().second_editor_approval,
        "the rule is unchanged"
    );
    let moved = desk
        .choose_team_database("postgres://mallory@evil.example/desk", "")
        .unwrap_err();
    assert_eq!(moved.code(), "not-permitted");
    assert_eq!(desk.desk_info().chosen, None, "nothing remembered");
    let asked = host.2.asked.lock().unwrap().clone();
    assert!(asked[0].message.contains("“Mallory”"), "{asked:?}");
    assert!(asked[1].message.contains("publish their own work"), "{asked:?}");
    assert!(
        asked[2].message.contains("evil.example") && asked[2].message.contains("“mallory”"),
        "the question names the server and the login: {asked:?}"
    );
    host.2.refuse.store(false, Ordering::SeqCst);

    let named = desk.set_editor_name("  Ben Okafor ").unwrap();
    let next = desk.store().create_story(&sample::story(1, 1)).unwrap();
    match backend {
        Backend::Sqlite => {
            assert_eq!(named.editor, "Ben Okafor");
            assert_eq!(
                next.workflow.last_editor, "Ben Okafor",
                "saves are recorded under the new name"
            );
            let written = std::fs::read_to_string(test.dir.path().join("settings.json")).unwrap();
            assert!(written.contains("Ben Okafor"), "{written}");
        }
        Backend::Postgres => {
            assert_eq!(named.editor, "anna", "on a server the login edits");
            assert_eq!(named.display_name, "Ben Okafor");
            assert!(named.who.contains("“anna” (Ben Okafor)"), "{}", named.who);
            assert_eq!(next.workflow.last_editor, "anna");
        }
    }

    assert_eq!(desk.desk_info().chosen, None);
    let working = desk.desk_info().working;
    match backend {
        Backend::Sqlite => assert_eq!(
            working,
            format!("Working on this computer's file ({}).", test.location())
        ),
        Backend::Postgres => assert!(working.starts_with("Working on the team database "), "{working}"),
    }
    let err = desk.choose_team_database("db.example/desk", "").unwrap_err();
    assert_eq!(err.code(), "bad-input");
    if backend == Backend::Postgres {
        let chosen = desk.choose_team_database(test.location(), "").unwrap();
        assert_eq!(chosen.chosen.as_deref(), Some(test.location()));
        assert_eq!(
            chosen.next_start,
            format!(
                "{} is ready. Factdesk opens it from the next start.",
                test.location()
            )
        );
        assert_eq!(desk.desk_info().chosen.as_deref(), Some(test.location()));
    }
    let back = desk.choose_team_database("", "").unwrap();
    assert_eq!(back.chosen, None, "back to the file");
    assert_eq!(
        back.next_start,
        "Factdesk opens this computer's file from the next start."
    );
    assert_eq!(desk.desk_info().chosen, None);
}

both!(
    this_persons_settings_the_last_story_and_the_desk_to_open_next,
    editing_opens_edits_saves_and_indexes_once_typing_pauses,
    stories_trash_imports_and_exports,
    a_batch_export_is_offered_planned_and_worded,
    the_registry_the_analysis_reads_follows_outlet_changes,
    the_workflow_and_its_settings,
    search_the_list_the_coverage_and_backups,
);

/// On a team database: presence, the listener telling the host about a
/// colleague's save, and the catch-up of the stories open here.
#[test]
fn a_team_desk_tells_its_host_what_colleagues_do() {
    let test = TestDesk::new(Backend::Postgres);
    let (anna, heard) = desk_on(&test, "anna");
    let (ben, _) = desk_on(&test, "ben");
    let id = anna.store().create_story(&sample::story(2, 1)).unwrap().id;
    anna.open_story(id).unwrap();
    assert!(anna.desk_info().server.is_some());
    anna.heartbeat(Some(id)).unwrap();
    let present = ben.heartbeat(None).unwrap();
    assert_eq!(
        present
            .others
            .iter()
            .map(|p| p.editor.as_str())
            .collect::<Vec<_>>(),
        ["anna"]
    );
    assert_eq!(present.editing[0].story, id);
    assert_eq!(present.editing[0].line, "anna is editing this story too.");
    anna.leave().unwrap();
    assert!(ben.heartbeat(None).unwrap().others.is_empty());

    // A save Ben makes before Anna listens reaches her through the catch-up.
    ben.open_story(id).unwrap();
    ben.edit_fields(id, None, &[edit("summary".into(), "Ben's.".into())])
        .unwrap();
    ben.save_working(id, 1, SaveKind::Typing).unwrap();
    assert_eq!(anna.catch_up()[0].by, "ben");
    anna.listen(test.location().to_string());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while heard.0.lock().unwrap().is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "the listener connected and caught up"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(
        heard.changes().last().map(|c| c.version),
        Some(2),
        "caught up on connecting"
    );
    ben.edit_fields(id, None, &[edit("summary".into(), "Ben's again.".into())])
        .unwrap();
    ben.save_working(id, 2, SaveKind::Typing).unwrap();
    while !heard.changes().iter().any(|c| c.version == 3) {
        assert!(std::time::Instant::now() < deadline, "Ben's save was heard");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(anna.replay_journal().unwrap().is_empty());
    anna.discard_kept_edit(id).unwrap();
}
