//! Writes what the core says about the real published story — the story,
//! its analysis and its review, and what each kind of field edit changes in
//! it — as JSON for the window's tests
//! (`ui/src/test/core/`), so they render the core's real answers rather
//! than hand-copied ones. Ids and times are fixed so the files only change
//! when the core's answers do; CI fails when they differ from the
//! committed ones.

use chrono::TimeZone;
use factdesk_core::formats::itn;
use factdesk_core::model::{FactId, NarrativeId, NarrativePair, Outlet, PredictionId, SourceId, Story};
use factdesk_core::registry::Registry;
use factdesk_core::{analysis, review};
use std::collections::HashMap;
use std::path::Path;
use uuid::Uuid;

const SEED: &str = include_str!("fixtures/published-story.txt");

/// The seed story with ids and times that do not change between runs.
fn seed() -> Story {
    let mut s = itn::import(SEED).expect("seed imports");
    s.uid = Uuid::from_u128(1);
    let at = chrono::Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap();
    s.created_at = at;
    s.updated_at = at;
    let mut sources = HashMap::new();
    for (i, src) in s.sources.iter_mut().enumerate() {
        let id = SourceId(Uuid::from_u128(0x200 + i as u128));
        sources.insert(src.id, id);
        src.id = id;
    }
    for (i, f) in s.facts.iter_mut().enumerate() {
        f.id = FactId(Uuid::from_u128(0x100 + i as u128));
        f.citations = f.citations.iter().map(|c| sources[c]).collect();
    }
    for (i, n) in s.narratives.iter_mut().enumerate() {
        n.id = NarrativeId(Uuid::from_u128(0x300 + i as u128));
    }
    for (i, p) in s.predictions.iter_mut().enumerate() {
        p.id = PredictionId(Uuid::from_u128(0x400 + i as u128));
    }
    s
}

fn registry() -> Registry {
    let outlet = |name: &str, lr, cp| Outlet {
        name: name.into(),
        aliases: vec![],
        domains: vec![],
        lr,
        cp,
        notes: String::new(),
    };
    Registry::new(vec![
        outlet("The Guardian", Some(2), Some(2)),
        outlet("BBC News", Some(3), Some(4)),
        outlet("TASS", None, Some(5)),
    ])
}

fn write(name: &str, story: &Story) {
    let registry = registry();
    let value = serde_json::json!({
        "story": story,
        "analysis": analysis::analyze(story, &registry),
        "review": review::review(story, &registry),
    });
    let text = serde_json::to_string_pretty(&value).unwrap() + "\n";
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/test/core");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(&path, text).unwrap();
    }
}

#[test]
fn the_window_tests_get_the_cores_answers() {
    let story = seed();
    assert_eq!(story, seed(), "deterministic");
    write("seed.json", &story);
    let mut pair = seed();
    pair.axis = Some(NarrativePair {
        first: "Pro-Ukraine".into(),
        second: "Pro-Russia".into(),
    });
    pair.facts[0].text = "قالت واشنطن وسيول وطوكيو إن الشحنات مؤكدة.".into();
    write("pair-rtl.json", &pair);
    // Fact 1's source with the raw article as its saved text: the evidence
    // finds some of its names and not others.
    let mut evidence = seed();
    evidence.sources[0].saved_text = include_str!("fixtures/source-article.txt").into();
    write("evidence.json", &evidence);
}

/// For each kind of edit key the form sends, the core's change to the seed
/// story as a JSON Patch: the window's own reading of the keys (which field
/// an undo step and a keystroke touch) is tested against it.
#[test]
fn the_window_tests_get_the_cores_reading_of_edit_keys() {
    use factdesk_core::fields::{apply, FIELDS};
    use serde_json::json;
    let mut story = seed();
    story.axis = Some(NarrativePair {
        first: "Pro-Ukraine".into(),
        second: "Pro-Russia".into(),
    });
    let (fact, source) = (story.facts[0].id.0, story.sources[1].id.0);
    let narrative = story.narratives[0].id.0;
    story.predictions.push(factdesk_core::model::Prediction {
        id: PredictionId(Uuid::from_u128(0x4ff)),
        statement: "The talks resume in spring.".into(),
        probability: Some(40),
        forecaster: "Metaculus".into(),
    });
    let prediction = story.predictions[0].id.0;
    let edits = [
        ("headline".to_string(), json!("Edited headline")),
        ("summary".into(), json!("Edited summary")),
        ("image-credit".into(), json!("Edited credit")),
        ("language".into(), json!("ru")),
        ("axis-first".into(), json!("Edited first side")),
        ("axis-second".into(), json!("Edited second side")),
        (format!("fact:{fact}"), json!("Edited fact.")),
        (format!("narrative-outlet:{narrative}"), json!("Edited outlet")),
        (format!("narrative-text:{narrative}"), json!("Edited narrative.")),
        (
            format!("prediction-forecaster:{prediction}"),
            json!("Edited forecaster"),
        ),
        (format!("prediction-probability:{prediction}"), json!(55)),
        (
            format!("prediction-statement:{prediction}"),
            json!("Edited statement"),
        ),
        (format!("source-date:{source}"), json!("2026-11-30")),
        (format!("source-outlet:{source}"), json!("Edited source outlet")),
        (format!("source-title:{source}"), json!("Edited title")),
        (
            format!("source-url:{source}"),
            json!("https://example.org/edited"),
        ),
    ];
    for field in FIELDS {
        assert!(
            edits.iter().any(|(k, _)| k.split(':').next() == Some(field.key)),
            "the window's tests cover {}",
            field.key
        );
    }
    let before = serde_json::to_value(&story).unwrap();
    let entries: Vec<serde_json::Value> = edits
        .into_iter()
        .map(|(key, value)| {
            let mut edited = story.clone();
            apply(&mut edited, &key, &value).expect("a valid edit");
            let patch = json_patch::diff(&before, &serde_json::to_value(&edited).unwrap());
            assert_eq!(patch.0.len(), 1, "{key} changes one field");
            json!({ "key": key, "value": value, "patch": patch })
        })
        .collect();
    let text = serde_json::to_string_pretty(&json!({ "story": story, "edits": entries })).unwrap() + "\n";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/test/core/field-edits.json");
    if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(&path, text).unwrap();
    }
}

/// The field table as TypeScript (`ui/src/bindings/FieldKey.ts`): the
/// window's edit keys, the slot each names and each control's id come from
/// the core's one table.
#[test]
fn the_window_gets_the_field_table() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(std::env::var("TS_RS_EXPORT_DIR").unwrap_or_else(|_| "ui/src/bindings".into()));
    let path = dir.join("FieldKey.ts");
    let text = factdesk_core::fields::typescript();
    if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(&path, text).unwrap();
    }
}
