use super::*;
use crate::sample;
use proptest::prelude::*;
use serde_json::json;
use uuid::Uuid;

fn edit(key: impl Into<String>, value: serde_json::Value) -> FieldEdit {
    FieldEdit {
        key: key.into(),
        value,
    }
}

/// What the window holds after taking `update` over `held`.
fn take(held: &mut Option<serde_json::Value>, update: AnalysisUpdate) {
    match update.full {
        Some(full) => *held = Some(serde_json::to_value(full).expect("analysis as JSON")),
        None => {
            let doc = held.as_mut().expect("a patch needs a base");
            let patch: json_patch::Patch =
                serde_json::from_value(serde_json::to_value(&update.patch).expect("ops as JSON"))
                    .expect("valid patch");
            json_patch::patch(doc, &patch).expect("the patch applies to what the window holds");
        }
    }
}

#[test]
fn field_edits_change_the_named_field() {
    let mut s = sample::story(3, 2);
    let (fact, source) = (s.facts[1].id.0, s.sources[0].id.0);
    s.predictions.push(crate::model::Prediction {
        id: crate::model::PredictionId(Uuid::new_v4()),
        statement: String::new(),
        probability: None,
        forecaster: String::new(),
    });
    let prediction = s.predictions[0].id.0;
    let mut w = Working::new(s);
    w.edit(&[
        edit("headline", json!("New headline")),
        edit(format!("fact:{fact}"), json!("Changed fact")),
        edit(format!("source-date:{source}"), json!("2026-11-30")),
        edit(format!("prediction-probability:{prediction}"), json!(70)),
    ])
    .expect("valid edits");
    assert_eq!(w.story().headline, "New headline");
    assert_eq!(w.story().facts[1].text, "Changed fact");
    assert_eq!(
        w.story().sources[0]
            .published_on
            .map(|d| d.to_string())
            .as_deref(),
        Some("2026-11-30")
    );
    assert_eq!(w.story().predictions[0].probability, Some(70));
    w.edit(&[edit(format!("source-date:{source}"), json!(null))])
        .expect("a date may be cleared");
    assert_eq!(w.story().sources[0].published_on, None);
}

#[test]
fn a_bad_edit_names_its_key_and_changes_nothing() {
    let s = sample::story(2, 1);
    let fact = s.facts[0].id.0;
    let mut w = Working::new(s.clone());
    let cases = [
        (edit("byline", json!("x")), "no such field"),
        (edit("fact:not-a-uuid", json!("x")), "not a UUID"),
        (
            edit(format!("fact:{}", Uuid::new_v4()), json!("x")),
            "no such part",
        ),
        (edit("headline", json!(5)), "expected a string"),
        (
            edit(format!("source-date:{}", s.sources[0].id.0), json!("30.11.2026")),
            "source-date",
        ),
        (edit("axis-first", json!("Left")), "no such part"),
    ];
    for (bad, says) in cases {
        let e = w
            .edit(&[edit(format!("fact:{fact}"), json!("kept?")), bad.clone()])
            .expect_err("refused");
        assert_eq!(e.code(), "bad-input");
        let message = e.to_string();
        assert!(message.contains(&bad.key) && message.contains(says), "{message}");
        assert_eq!(w.story(), &s, "nothing of a refused batch is kept");
    }
}

#[test]
fn updates_patch_what_the_window_holds_and_resend_the_whole_when_it_lost_track() {
    let registry = sample::registry();
    let s = sample::story(6, 3);
    let fact = s.facts[2].id.0;
    let mut w = Working::new(s);
    let mut held = None;
    let first = w.analysis(None, &registry);
    assert!(first.full.is_some());
    let rev = first.rev;
    take(&mut held, first);
    w.edit(&[edit(format!("fact:{fact}"), json!(""))]).expect("edit");
    let update = w.analysis(Some(rev), &registry);
    assert!(update.full.is_none() && !update.patch.is_empty());
    // The fact's text in the layout, a finding, the gate's verdict, and the
    // fact's and the story's count lines.
    assert!(
        update.patch.len() <= 8,
        "a one-fact edit patches a few places: {:?}",
        update.patch
    );
    let rev = update.rev;
    take(&mut held, update);
    let whole = serde_json::to_value(analysis::analyze(w.story(), &registry)).expect("json");
    assert_eq!(held.as_ref(), Some(&whole));
    // Nothing changed: nothing to send.
    let same = w.analysis(Some(rev), &registry);
    assert!(same.full.is_none() && same.patch.is_empty());
    // A window holding an older analysis gets the whole.
    let stale = w.analysis(Some(rev), &registry);
    assert!(stale.full.is_some());
}

/// An edit the property test makes: a field of some part, by index.
#[derive(Debug, Clone)]
enum Step {
    Headline(String),
    Fact(usize, String),
    Outlet(usize, String),
    Url(usize, String),
    Date(usize, Option<u16>),
    Whole(usize),
}

fn step() -> impl Strategy<Value = Step> {
    let text = "[a-zA-Z .,\\[\\]0-9]{0,24}";
    prop_oneof![
        text.prop_map(Step::Headline),
        (any::<usize>(), text).prop_map(|(i, t)| Step::Fact(i, t)),
        (any::<usize>(), "(Outlet [0-3]|Reuters|)").prop_map(|(i, t)| Step::Outlet(i, t)),
        (any::<usize>(), "(https://example\\.com/[a-z]{1,4}|not a url|)").prop_map(|(i, t)| Step::Url(i, t)),
        (any::<usize>(), proptest::option::of(0u16..400)).prop_map(|(i, d)| Step::Date(i, d)),
        any::<usize>().prop_map(Step::Whole),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Field edits and patches end where a whole story and a whole analysis
    /// would: the window's patched analysis is `analyze` of the edited story.
    #[test]
    fn patched_analysis_equals_the_whole(steps in proptest::collection::vec(step(), 1..24)) {
        let registry = sample::registry();
        let mut whole = sample::story(9, 4);
        let mut w = Working::new(whole.clone());
        let mut held = None;
        let mut rev = None;
        for step in steps {
            let (facts, sources) = (whole.facts.len(), whole.sources.len());
            let field = match step {
                Step::Headline(t) => Some(edit("headline", json!(t))),
                Step::Fact(i, t) => Some(edit(format!("fact:{}", whole.facts[i % facts].id.0), json!(t))),
                Step::Outlet(i, t) => Some(edit(format!("source-outlet:{}", whole.sources[i % sources].id.0), json!(t))),
                Step::Url(i, t) => Some(edit(format!("source-url:{}", whole.sources[i % sources].id.0), json!(t))),
                Step::Date(i, d) => {
                    let date = d.map(|d| (chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("date") + chrono::Days::new(d.into())).to_string());
                    Some(edit(format!("source-date:{}", whole.sources[i % sources].id.0), json!(date)))
                }
                Step::Whole(i) => {
                    // A structural edit: the window sends the whole story.
                    let fact = whole.facts.remove(i % facts);
                    whole.facts.push(fact);
                    w.replace(whole.clone());
                    None
                }
            };
            if let Some(field) = field {
                crate::fields::apply(&mut whole, &field.key, &field.value).expect("valid edit");
                w.edit(&[field]).expect("valid edit");
            }
            let update = w.analysis(rev, &registry);
            rev = Some(update.rev);
            take(&mut held, update);
        }
        prop_assert_eq!(w.story(), &whole);
        let expected = serde_json::to_value(analysis::analyze(&whole, &registry)).expect("json");
        prop_assert_eq!(held, Some(expected));
    }
}
