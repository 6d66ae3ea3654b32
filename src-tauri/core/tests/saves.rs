//! A save writes only the rows that changed, and what it writes reads back
//! as the story that was saved, whatever the edit.
//!
//! Row writes are counted by triggers added to a real database file: every
//! INSERT, UPDATE and DELETE on the story's child tables lands in a log.

use factdesk_core::model::Saved;
use factdesk_core::model::{Fact, Narrative, Prediction, SaveKind, Source, Stance, StoredStory, Story};
use factdesk_core::sample;
use factdesk_core::store::Store;
use factdesk_core::working::{FieldEdit, Working};
use proptest::prelude::*;
use rusqlite::Connection;
use std::path::Path;

const CHILD_TABLES: [&str; 5] = ["sources", "facts", "citations", "narratives", "predictions"];

/// Logs every row change to the child tables in `row_writes`.
fn count_writes(path: &Path) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch("CREATE TABLE row_writes (tbl TEXT NOT NULL, op TEXT NOT NULL)")
        .unwrap();
    for table in CHILD_TABLES {
        for op in ["INSERT", "UPDATE", "DELETE"] {
            conn.execute_batch(&format!(
                "CREATE TRIGGER count_{table}_{op} AFTER {op} ON {table}
                 BEGIN INSERT INTO row_writes VALUES ('{table}', '{op}'); END;"
            ))
            .unwrap();
        }
    }
}

fn writes(path: &Path) -> Vec<(String, String, i64)> {
    let conn = Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT tbl, op, count(*) FROM row_writes GROUP BY tbl, op ORDER BY tbl, op")
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    conn.execute("DELETE FROM row_writes", []).unwrap();
    rows
}

/// A store on a new file holding a generated story of `facts` facts, with
/// its row writes counted from here on.
fn counted_story(facts: usize) -> (tempfile::TempDir, StoredStory, Store) {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("desk.sqlite3");
    let stored = Store::open(&path)
        .unwrap()
        .create_story(&sample::story(facts, facts / 3))
        .unwrap();
    count_writes(&path);
    let store = Store::open(&path).unwrap();
    (dir, stored, store)
}

#[test]
fn a_one_field_edit_writes_only_its_row_at_any_story_size() {
    for facts in [30, 300, 3000] {
        let (dir, stored, mut store) = counted_story(facts);
        let path = dir.path().join("desk.sqlite3");

        let mut story = stored.story.clone();
        story.facts[facts / 2].text.push_str(" More.");
        let saved = store.save_story(stored.id, stored.version, &story).unwrap();
        // One UPDATE of the fact row; its citations and every other row stay.
        assert_eq!(
            writes(&path),
            [("facts".into(), "UPDATE".into(), 1)],
            "{facts} facts"
        );

        // Citing one more source rewrites that fact's citation rows only.
        let extra = story.sources[0].id;
        story.facts[1].citations.push(extra);
        let cited = story.facts[1].citations.len() as i64;
        let saved = store.save_story(stored.id, saved.version, &story).unwrap();
        assert_eq!(
            writes(&path),
            [
                ("citations".into(), "DELETE".into(), cited - 1),
                ("citations".into(), "INSERT".into(), cited)
            ],
            "{facts} facts"
        );

        // The headline lives in the story row: no child row is written.
        story.headline.push('!');
        store.save_story(stored.id, saved.version, &story).unwrap();
        assert!(writes(&path).is_empty(), "{facts} facts");
        assert_eq!(store.load_story(stored.id).unwrap().story.facts, story.facts);
    }
}

/// One edit an editor can make to a story's parts.
#[derive(Debug, Clone)]
enum Edit {
    FactText(usize, String),
    AddFact(usize),
    RemoveFact(usize),
    MoveFact(usize, usize),
    Cite(usize, usize),
    Uncite(usize),
    SourceOutlet(usize, String),
    AddSource,
    RemoveSource(usize),
    MoveSource(usize, usize),
    AddNarrative(bool),
    RemoveNarrative(usize),
    NarrativeText(usize, String),
    AddPrediction(Option<u8>),
    RemovePrediction(usize),
    PredictionText(usize, String),
}

fn edit() -> impl Strategy<Value = Edit> {
    let i = 0usize..12;
    let text = "[a-zA-Zé ]{0,12}";
    prop_oneof![
        (i.clone(), text).prop_map(|(i, t)| Edit::FactText(i, t)),
        i.clone().prop_map(Edit::AddFact),
        i.clone().prop_map(Edit::RemoveFact),
        (i.clone(), i.clone()).prop_map(|(a, b)| Edit::MoveFact(a, b)),
        (i.clone(), i.clone()).prop_map(|(a, b)| Edit::Cite(a, b)),
        i.clone().prop_map(Edit::Uncite),
        (i.clone(), text).prop_map(|(i, t)| Edit::SourceOutlet(i, t)),
        Just(Edit::AddSource),
        i.clone().prop_map(Edit::RemoveSource),
        (i.clone(), i.clone()).prop_map(|(a, b)| Edit::MoveSource(a, b)),
        any::<bool>().prop_map(Edit::AddNarrative),
        i.clone().prop_map(Edit::RemoveNarrative),
        (i.clone(), text).prop_map(|(i, t)| Edit::NarrativeText(i, t)),
        proptest::option::of(0u8..=100).prop_map(Edit::AddPrediction),
        i.clone().prop_map(Edit::RemovePrediction),
        (i, text).prop_map(|(i, t)| Edit::PredictionText(i, t)),
    ]
}

/// Removes the part at `i` (taken modulo the length), if there is one.
fn remove_at<T>(list: &mut Vec<T>, i: usize) {
    if !list.is_empty() {
        list.remove(i % list.len());
    }
}

/// Moves the part at `a` to `b` (both taken modulo the length).
fn move_within<T>(list: &mut Vec<T>, a: usize, b: usize) {
    if !list.is_empty() {
        let (a, b) = (a % list.len(), b % list.len());
        let part = list.remove(a);
        list.insert(b, part);
    }
}

fn apply(s: &mut Story, e: &Edit) {
    let at = |i: usize, len: usize| if len == 0 { None } else { Some(i % len) };
    match e.clone() {
        Edit::FactText(i, t) => at(i, s.facts.len())
            .into_iter()
            .for_each(|i| s.facts[i].text = t.clone()),
        Edit::AddFact(i) => {
            let fact = Fact {
                id: Default::default(),
                text: "A new fact.".into(),
                citations: Vec::new(),
            };
            s.facts.insert(i.min(s.facts.len()), fact);
        }
        Edit::RemoveFact(i) => remove_at(&mut s.facts, i),
        Edit::MoveFact(a, b) => move_within(&mut s.facts, a, b),
        Edit::Cite(f, src) => {
            if let (Some(f), Some(src)) = (at(f, s.facts.len()), at(src, s.sources.len())) {
                let id = s.sources[src].id;
                s.facts[f].citations.push(id);
            }
        }
        Edit::Uncite(f) => {
            if let Some(f) = at(f, s.facts.len()) {
                s.facts[f].citations.pop();
            }
        }
        Edit::SourceOutlet(i, t) => at(i, s.sources.len())
            .into_iter()
            .for_each(|i| s.sources[i].outlet = t.clone()),
        Edit::AddSource => s.sources.push(Source {
            outlet: "New outlet".into(),
            url: "https://example.org/new".into(),
            ..Source::default()
        }),
        Edit::RemoveSource(i) => remove_at(&mut s.sources, i),
        Edit::MoveSource(a, b) => move_within(&mut s.sources, a, b),
        Edit::AddNarrative(critical) => s.narratives.push(Narrative {
            id: Default::default(),
            stance: if critical {
                Stance::EstablishmentCritical
            } else {
                Stance::ProEstablishment
            },
            outlet: "Outlet".into(),
            text: "A narrative.".into(),
        }),
        Edit::RemoveNarrative(i) => remove_at(&mut s.narratives, i),
        Edit::NarrativeText(i, t) => at(i, s.narratives.len())
            .into_iter()
            .for_each(|i| s.narratives[i].text = t.clone()),
        Edit::AddPrediction(p) => s.predictions.push(Prediction {
            id: Default::default(),
            statement: "Something will happen.".into(),
            probability: p,
            forecaster: String::new(),
        }),
        Edit::RemovePrediction(i) => remove_at(&mut s.predictions, i),
        Edit::PredictionText(i, t) => at(i, s.predictions.len())
            .into_iter()
            .for_each(|i| s.predictions[i].statement = t.clone()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Saved after any sequence of edits (one save each), a story reads back
    /// exactly as edited: the rows left alone and the rows rewritten agree.
    #[test]
    fn any_edits_read_back_as_saved(edits in proptest::collection::vec(proptest::collection::vec(edit(), 1..4), 1..6)) {
        let dir = tempfile::TempDir::new().unwrap();
        let mut store = Store::open(&dir.path().join("desk.sqlite3")).unwrap();
        let stored = store.create_story(&sample::story(6, 3)).unwrap();
        let (mut story, mut version) = (stored.story.clone(), stored.version);
        for batch in &edits {
            for e in batch {
                apply(&mut story, e);
            }
            let saved = store.save_story(stored.id, version, &story).unwrap();
            version = saved.version;
            let loaded = store.load_story(stored.id).unwrap();
            prop_assert_eq!(&saved, &loaded, "a save answers what a load reads");
            let back = loaded.story;
            prop_assert_eq!(&back.facts, &story.facts);
            prop_assert_eq!(&back.sources, &story.sources);
            prop_assert_eq!(&back.narratives, &story.narratives);
            prop_assert_eq!(&back.predictions, &story.predictions);
        }
    }
}

/// A store reuses the parts of the story it saved last only while nothing
/// else wrote the story: a save from another process (here a second store
/// on the file) in between is read back, never undone, and what the first
/// store then saves reads back whole.
/// A desk file with a sample story, and two stores on it, as two processes
/// (or two windows) would have.
fn two_stores(facts: usize, sources: usize) -> (tempfile::TempDir, Store, Store, StoredStory) {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("desk.sqlite3");
    let mut mine = Store::open(&path).unwrap();
    let stored = mine.create_story(&sample::story(facts, sources)).unwrap();
    let theirs = Store::open(&path).unwrap();
    (dir, mine, theirs, stored)
}

#[test]
fn a_save_elsewhere_in_between_is_read_not_overwritten() {
    let (_dir, mut mine, mut theirs, stored) = two_stores(9, 3);
    let mut story = stored.story.clone();
    story.facts[1].text = "Mine, first.".into();
    let v2 = mine.save_story(stored.id, stored.version, &story).unwrap();

    let mut their_story = theirs.load_story(stored.id).unwrap().story;
    their_story.facts[4].text = "Theirs.".into();
    their_story.sources.remove(2);
    let v3 = theirs.save_story(stored.id, v2.version, &their_story).unwrap();

    // From the version the other store made: their source removal stays,
    // and putting their fact back as it was in this store's last save is a
    // change to write (a stale copy of the parts would see none).
    let mut next = mine.load_story(stored.id).unwrap().story;
    assert_eq!(next.facts[4].text, "Theirs.");
    next.facts[4].text = v2.story.facts[4].text.clone();
    next.facts[2].text = "Mine, again.".into();
    let v4 = mine.save_story(stored.id, v3.version, &next).unwrap();
    let read = mine.load_story(stored.id).unwrap();
    assert_eq!(read.story, v4.story);
    assert_eq!(read.story.facts[4].text, v2.story.facts[4].text);
    assert_eq!(read.story.sources.len(), 2);
    assert_eq!(read.story.facts[2].text, "Mine, again.");
    // The first store's next save of its own last save reads back whole too;
    // a save from the version before is refused, whatever it keeps.
    let mut again = v4.story.clone();
    again.facts[0].text = "Once more.".into();
    let v5 = mine.save_story(stored.id, v4.version, &again).unwrap();
    assert_eq!(mine.load_story(stored.id).unwrap().story, v5.story);
    story.facts[2].text = "Mine, stale.".into();
    let refused = mine.save_story(stored.id, v4.version, &story).expect_err("stale");
    assert_eq!(refused.code(), "conflict");
}

#[test]
fn a_save_after_one_elsewhere_indexes_against_what_that_one_wrote() {
    let (_dir, mut mine, mut theirs, stored) = two_stores(3, 1);
    let mut story = stored.story.clone();
    story.headline = "Harbour cranes idle".into();
    let v2 = mine.save_story(stored.id, stored.version, &story).unwrap();

    let mut their_story = theirs.load_story(stored.id).unwrap().story;
    their_story.headline = "Airport runways closed".into();
    let v3 = theirs.save_story(stored.id, v2.version, &their_story).unwrap();
    assert!(mine.search("harbour", 10).unwrap().is_empty());

    // Putting this store's own last headline back is a change of the index
    // (the text this store kept from its last save is not what is indexed).
    let mut back = mine.load_story(stored.id).unwrap().story;
    back.headline = v2.story.headline.clone();
    mine.save_story(stored.id, v3.version, &back).unwrap();
    let hits = mine.search("harbour", 10).unwrap();
    assert_eq!(hits.iter().map(|h| h.id).collect::<Vec<_>>(), vec![stored.id]);
    assert!(mine.search("runways", 10).unwrap().is_empty());
}

/// Whether story `id` waits in `search_pending` for its text to be indexed.
fn pending(path: &Path, id: i64) -> bool {
    let conn = Connection::open(path).unwrap();
    conn.query_row(
        "SELECT count(*) FROM search_pending WHERE story_id = ?1",
        [id],
        |r| r.get::<_, i64>(0),
    )
    .unwrap()
        == 1
}

fn typed(key: String, value: serde_json::Value) -> FieldEdit {
    FieldEdit { key, value }
}

#[test]
fn a_typed_save_writes_one_row_and_leaves_the_index_to_the_pause() {
    for facts in [30, 300, 3000] {
        let (dir, stored, mut store) = counted_story(facts);
        let path = dir.path().join("desk.sqlite3");
        let mut working = Working::new(store.load_for_editing(stored.id).unwrap().story);
        let fact = stored.story.facts[facts / 2].id.0;

        // Every save writes only the fact's row, whatever the story's size.
        let mut version = stored.version;
        for word in ["zanzibar", "quixotic", "marmalade"] {
            working
                .edit(&[typed(format!("fact:{fact}"), format!("A {word} fact.").into())])
                .unwrap();
            version =
                factdesk_core::desk::save_copy(&mut store, &mut working, stored.id, version, SaveKind::Edit)
                    .unwrap()
                    .version;
            assert_eq!(
                writes(&path),
                [("facts".into(), "UPDATE".into(), 1)],
                "{facts} facts"
            );
            assert!(
                pending(&path, stored.id),
                "{facts} facts: the index is left to the pause"
            );
        }
        assert_eq!(version, stored.version + 3);
        let loaded = store.load_story(stored.id).unwrap();
        assert_eq!(loaded.story.facts, working.story().facts);
        assert_eq!(loaded.version, version);

        // The index still holds the text from before the typing, until the
        // pause; then it holds the last save's and nothing waits.
        assert!(pending(&path, stored.id), "{facts} facts");
        assert!(store.search("marmalade", 5).unwrap().is_empty());
        assert_eq!(store.index_pending().unwrap(), 1);
        assert!(!pending(&path, stored.id));
        let hits: Vec<_> = store
            .search("marmalade", 5)
            .unwrap()
            .into_iter()
            .map(|h| h.id)
            .collect();
        assert_eq!(hits, [stored.id], "{facts} facts");
        assert!(store.search("quixotic", 5).unwrap().is_empty());
        assert_eq!(store.index_pending().unwrap(), 0);

        // Every version typed over is kept and reads back as it was.
        let kept = store.revisions(stored.id).unwrap();
        let at = |v: i64| {
            kept.iter().find(|r| r.info.version == v).unwrap().story.facts[facts / 2]
                .text
                .clone()
        };
        assert_eq!(at(stored.version), stored.story.facts[facts / 2].text);
        assert_eq!(at(stored.version + 1), "A zanzibar fact.");
        assert_eq!(at(stored.version + 2), "A quixotic fact.");
    }
}

#[test]
fn a_typed_save_over_a_version_saved_elsewhere_is_refused_and_overwrites_nothing() {
    let (_dir, mut mine, mut theirs, stored) = two_stores(9, 3);
    let mut working = Working::new(stored.story.clone());
    let (fact, other) = (stored.story.facts[1].id.0, stored.story.facts[4].id.0);
    working
        .edit(&[typed(format!("fact:{fact}"), "Mine.".into())])
        .unwrap();
    let v2 =
        factdesk_core::desk::save_copy(&mut mine, &mut working, stored.id, stored.version, SaveKind::Edit)
            .unwrap();

    let mut their_story = theirs.load_story(stored.id).unwrap().story;
    their_story.facts[4].text = "Theirs.".into();
    theirs.save_story(stored.id, v2.version, &their_story).unwrap();

    working
        .edit(&[typed(format!("fact:{other}"), "Mine, stale.".into())])
        .unwrap();
    let refused =
        factdesk_core::desk::save_copy(&mut mine, &mut working, stored.id, v2.version, SaveKind::Edit)
            .expect_err("a stale typed save");
    assert_eq!(refused.code(), "conflict");
    let read = mine.load_story(stored.id).unwrap().story;
    assert_eq!(
        (read.facts[1].text.as_str(), read.facts[4].text.as_str()),
        ("Mine.", "Theirs.")
    );
    // The refused edit is still the copy's, for the editor to resolve.
    assert_eq!(working.story().facts[4].text, "Mine, stale.");
}

/// One field an editor can type into, by its place in the sample story.
#[derive(Debug, Clone)]
enum Typed {
    Headline(String),
    Fact(usize, String),
    SourceOutlet(usize, String),
    SourceDate(usize, Option<String>),
    NarrativeText(usize, String),
    PredictionProbability(usize, Option<u8>),
    /// A structural edit: the copy is replaced whole.
    AddFact,
}

fn typed_edit() -> impl Strategy<Value = Typed> {
    let text = "[a-zA-Zé ]{0,12}";
    prop_oneof![
        text.prop_map(Typed::Headline),
        (0usize..6, text).prop_map(|(i, t)| Typed::Fact(i, t)),
        (0usize..3, text).prop_map(|(i, t)| Typed::SourceOutlet(i, t)),
        (0usize..3, proptest::option::of(Just("2026-11-30".to_string())))
            .prop_map(|(i, d)| Typed::SourceDate(i, d)),
        (0usize..2, text).prop_map(|(i, t)| Typed::NarrativeText(i, t)),
        (0usize..1, proptest::option::of(0u8..=100)).prop_map(|(i, p)| Typed::PredictionProbability(i, p)),
        Just(Typed::AddFact),
    ]
}

fn type_into(w: &mut Working, e: &Typed) {
    let s = w.story();
    let at = |n: usize, i: usize| i % n.max(1);
    let edit = match e {
        Typed::Headline(t) => typed("headline".into(), t.clone().into()),
        Typed::Fact(i, t) => typed(
            format!("fact:{}", s.facts[at(s.facts.len(), *i)].id.0),
            t.clone().into(),
        ),
        Typed::SourceOutlet(i, t) => typed(
            format!("source-outlet:{}", s.sources[at(s.sources.len(), *i)].id.0),
            t.clone().into(),
        ),
        Typed::SourceDate(i, d) => typed(
            format!("source-date:{}", s.sources[at(s.sources.len(), *i)].id.0),
            serde_json::to_value(d).unwrap(),
        ),
        Typed::NarrativeText(i, t) => typed(
            format!("narrative-text:{}", s.narratives[at(s.narratives.len(), *i)].id.0),
            t.clone().into(),
        ),
        Typed::PredictionProbability(i, p) => typed(
            format!(
                "prediction-probability:{}",
                s.predictions[at(s.predictions.len(), *i)].id.0
            ),
            serde_json::to_value(p).unwrap(),
        ),
        Typed::AddFact => {
            let mut next = s.clone();
            let fact = Fact {
                id: Default::default(),
                text: "A fact added between typing.".into(),
                citations: Vec::new(),
            };
            next.facts.insert(1, fact);
            w.replace(next);
            return;
        }
    };
    w.edit(&[edit]).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Typed saves (fields only, or whole after a structural edit), in any
    /// order: each reads back as the copy being edited, answers what a load
    /// reads, and every version typed over is rebuilt exactly as it was.
    #[test]
    fn typed_saves_read_back_and_keep_every_version(
        batches in proptest::collection::vec(proptest::collection::vec(typed_edit(), 1..4), 1..7)
    ) {
        let dir = tempfile::TempDir::new().unwrap();
        let mut store = Store::open(&dir.path().join("desk.sqlite3")).unwrap();
        let stored = store.create_story(&sample::story(6, 3)).unwrap();
        let mut working = Working::new(stored.story.clone());
        let mut versions = vec![(stored.version, stored.story.clone())];
        let mut version = stored.version;
        for batch in &batches {
            for e in batch {
                type_into(&mut working, e);
            }
            let saved = factdesk_core::desk::save_copy(&mut store, &mut working, stored.id, version, SaveKind::Edit).unwrap();
            let loaded = store.load_story(stored.id).unwrap();
            prop_assert_eq!(&saved, &Saved::from(&loaded), "a save answers what a load reads");
            prop_assert_eq!(&loaded.story, working.story());
            if saved.version != version {
                versions.push((saved.version, loaded.story.clone()));
            }
            version = saved.version;
        }
        for r in store.revisions(stored.id).unwrap() {
            let (_, then) = versions.iter().find(|(v, _)| *v == r.info.version).unwrap();
            prop_assert_eq!(&r.story, then, "version {}", r.info.version);
        }
        prop_assert_eq!(store.index_pending().unwrap() <= 1, true);
        prop_assert_eq!(store.index_pending().unwrap(), 0);
    }
}

#[test]
fn full_revision_documents_come_often_for_short_stories_and_by_their_text_for_long_ones() {
    use factdesk_core::store::revisions::snapshot_every;
    assert_eq!(snapshot_every(4_000), 50);
    assert_eq!(snapshot_every(300 * 1024), 1200);

    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("desk.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let stored = store.create_story(&sample::story(6, 2)).unwrap();
    let mut working = Working::new(stored.story.clone());
    let key = format!("fact:{}", stored.story.facts[2].id.0);
    let mut version = stored.version;
    for n in 0..130 {
        working
            .edit(&[typed(key.clone(), format!("Typed {n}.").into())])
            .unwrap();
        version =
            factdesk_core::desk::save_copy(&mut store, &mut working, stored.id, version, SaveKind::Edit)
                .unwrap()
                .version;
    }
    let conn = Connection::open(&path).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT version FROM story_revisions WHERE story_id = ?1 AND encoding = 'full' ORDER BY version",
        )
        .unwrap();
    let full: Vec<i64> = stmt
        .query_map([stored.id], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut at = 0;
    for v in full.iter().chain([&version]) {
        assert!(v - at <= 50, "full documents at {full:?}");
        at = *v;
    }
    assert!(full.len() < 130 / 10, "mostly patches: {full:?}");
    let kept = store.revisions(stored.id).unwrap();
    assert_eq!(kept.len(), 130);
    assert_eq!(
        kept.last().unwrap().story.facts[2].text,
        stored.story.facts[2].text
    );
}
