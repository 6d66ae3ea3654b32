//! ninjs exports validate against the IPTC ninjs 3.1 schema (a real JSON
//! Schema validator, offline), and import back what they carry.

use factdesk_core::formats::ninjs;
use factdesk_core::model::*;
use factdesk_core::numbering::Numbering;
use proptest::prelude::*;
use serde_json::Value;

const SCHEMA: &str = include_str!("schemas/ninjs-schema_3.1.json");
const SEED: &str = include_str!("fixtures/published-story.txt");

/// The schema's one remote `$ref` (GeoJSON, used only by `places`) is never
/// fetched: tests run offline and Factdesk writes no places.
struct Offline;

impl jsonschema::Retrieve for Offline {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        if uri.as_str().starts_with("https://geojson.org/") {
            Ok(serde_json::json!({}))
        } else {
            Err(format!("no network: {uri}").into())
        }
    }
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(SCHEMA).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .with_retriever(Offline)
        .build(&schema)
        .expect("schema compiles")
}

fn assert_valid(v: &jsonschema::Validator, text: &str) {
    let doc: Value = serde_json::from_str(text).expect("ninjs is JSON");
    let errors: Vec<String> = v
        .iter_errors(&doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{text}");
}

#[test]
fn the_validator_rejects_what_the_schema_forbids() {
    let v = validator();
    assert!(!v.is_valid(&serde_json::json!({ "uri": "urn:uuid:1", "colour": "red" })));
    assert!(!v.is_valid(&serde_json::json!({ "headlines": [] })));
    assert!(!v.is_valid(&serde_json::json!({ "uri": "urn:uuid:1", "pubStatus": "maybe" })));
}

#[test]
fn the_seed_exports_valid_ninjs_and_imports_back() {
    let mut story = factdesk_core::formats::itn::import(SEED).unwrap();
    story.sources[0].url = "https://www.theguardian.com/world/2023/oct/13/x".into();
    let out = ninjs::export(&story);
    assert_valid(&validator(), &out);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["uri"], format!("urn:uuid:{}", story.uid));
    assert_eq!(
        doc["infoSources"][0]["uri"],
        "https://www.theguardian.com/world/2023/oct/13/x"
    );
    assert_eq!(doc["infoSources"][4]["name"], "TASS");
    let roles: Vec<&str> = doc["bodies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["role"].as_str().unwrap())
        .collect();
    assert_eq!(
        roles,
        [
            "main",
            "main",
            "narrative:establishment-critical",
            "narrative:pro-establishment"
        ]
    );

    let back = ninjs::import(&out).unwrap();
    assert_eq!(back.uid, story.uid);
    assert_eq!(back.headline, story.headline);
    assert_eq!(back.created_at, story.created_at);
    assert_eq!(
        factdesk_core::formats::itn::export(&back),
        factdesk_core::formats::itn::export(&story)
    );
    assert_eq!(
        factdesk_core::formats::sniff(&out),
        factdesk_core::formats::Format::Ninjs
    );
}

#[test]
fn import_names_what_is_missing() {
    assert!(ninjs::import("{\"uri\": \"urn:uuid:x\"}")
        .unwrap_err()
        .contains("text/plain"));
    assert!(ninjs::import("[]").unwrap_err().contains("no \"uri\""));
}

fn word() -> impl Strategy<Value = String> {
    prop::sample::select(
        &[
            "Kyiv",
            "<b>",
            "\"quoted\"",
            "Zürich",
            "東京",
            "&amp;",
            "</script>",
            "1.8K",
            "x",
        ][..],
    )
    .prop_map(str::to_string)
}

fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 1..max).prop_map(|w| w.join(" "))
}

prop_compose! {
    fn story()(headline in text(8), summary in text(10), facts in prop::collection::vec(text(12), 0..5),
               outlets in prop::collection::vec(text(3), 0..4), published in any::<bool>(),
               narrative in text(10), prob in prop::option::of(0u8..=100)) -> Story {
        let mut s = Story::new(headline);
        s.summary = summary;
        s.sources = outlets.into_iter().enumerate().map(|(i, outlet)| Source {
            outlet, url: if i % 2 == 0 { format!("https://example.org/{i}") } else { String::new() }, ..Source::default()
        }).collect();
        s.facts = facts.into_iter().enumerate().map(|(i, text)| Fact {
            id: FactId::new(), text: format!("{text}."),
            citations: s.sources.get(i % s.sources.len().max(1)).map(|x| vec![x.id]).unwrap_or_default(),
        }).collect();
        s.narratives = vec![Narrative { id: NarrativeId::new(), stance: Stance::ProEstablishment, outlet: "Daily".into(), text: narrative }];
        s.predictions = vec![Prediction { id: PredictionId::new(), statement: "it ends".into(), probability: prob, forecaster: String::new() }];
        if published { s.status = Status::Published; s.published_at = Some(s.updated_at); }
        s
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn generated_stories_export_valid_ninjs(s in story()) {
        let out = ninjs::export(&s);
        assert_valid(&validator(), &out);
        let back = ninjs::import(&out).unwrap();
        prop_assert_eq!(back.uid, s.uid);
        prop_assert_eq!(back.status, s.status);
        prop_assert_eq!(back.facts.len(), s.facts.len());
        prop_assert_eq!(Numbering::of(&back).order.len(), Numbering::of(&s).order.len());
    }
}

#[test]
fn corrected_and_withdrawn_stories_are_valid_ninjs() {
    let v = validator();
    for name in ["corrected-story", "withdrawn-story"] {
        let text = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(format!("tests/fixtures/golden/{name}.ninjs.json")),
        )
        .unwrap();
        assert_valid(&v, &text);
        let doc: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(doc["version"], "3");
        let corrections = doc["bodies"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|b| b["role"] == "correction")
            .count();
        assert_eq!(corrections, 2, "{name}");
        let expected = if name == "withdrawn-story" {
            "canceled"
        } else {
            "usable"
        };
        assert_eq!(doc["pubStatus"], expected, "{name}");
    }
}
