//! The fields a person edits, declared once: their edit keys, where they
//! live in a story, and the window's id for each.
//!
//! Contract: [`FIELDS`] lists every field the form edits one value at a
//! time. A story's own field's edit key is its name (`headline`); a part's
//! is a prefix and the part's id (`fact:<uuid>`). [`FieldKey::parse`]
//! reads a key against the table (a key no field has is a `bad-input`
//! error naming it); [`apply`] sets the field from a JSON value of its type;
//! [`FieldKey::part`] says which row stores it. [`typescript`] writes the
//! same table for the window (`ui/src/bindings/FieldKey.ts`, by a test), so
//! the window's edit keys, the slot a key names and the form control's id
//! come from here, never from a second list.

use crate::error::{Error, ErrorCode, Result};
use crate::model::{Part, Story};
use uuid::Uuid;

/// One editable field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// The edit key of a story field; the prefix before `:<id>` of a part's.
    pub key: &'static str,
    /// Where it lives: the list of parts (`facts`, …), `axis` for the
    /// narrative pair, or `None` for the story's own row.
    pub list: Option<&'static str>,
    /// The property it sets, as the story's JSON names it.
    pub prop: &'static str,
    /// The id of its form control in the window; `{id}` is the part's id.
    pub dom: &'static str,
    /// The values a number field can hold (the store's type); the publish
    /// checks say which of them a reader may see.
    pub range: Option<(i64, i64)>,
}

const fn field(
    key: &'static str,
    list: Option<&'static str>,
    prop: &'static str,
    dom: &'static str,
) -> FieldSpec {
    FieldSpec {
        key,
        list,
        prop,
        dom,
        range: None,
    }
}

/// Every field the form edits one value at a time.
pub const FIELDS: &[FieldSpec] = &[
    field("headline", None, "headline", "story-headline"),
    field("summary", None, "summary", "story-summary"),
    field("image-credit", None, "image_credit", "story-image-credit"),
    field("language", None, "language", "story-language"),
    field("axis-first", Some("axis"), "first", "story-axis"),
    field("axis-second", Some("axis"), "second", "story-axis-second"),
    field("fact", Some("facts"), "text", "fact-{id}"),
    field("source-outlet", Some("sources"), "outlet", "source-{id}-outlet"),
    field("source-url", Some("sources"), "url", "source-{id}-url"),
    field("source-title", Some("sources"), "title", "source-{id}-title"),
    field(
        "source-date",
        Some("sources"),
        "published_on",
        "source-{id}-published_on",
    ),
    field(
        "narrative-outlet",
        Some("narratives"),
        "outlet",
        "narrative-{id}-outlet",
    ),
    field(
        "narrative-text",
        Some("narratives"),
        "text",
        "narrative-{id}-text",
    ),
    field(
        "prediction-statement",
        Some("predictions"),
        "statement",
        "prediction-{id}-statement",
    ),
    FieldSpec {
        range: Some((0, u8::MAX as i64)),
        ..field(
            "prediction-probability",
            Some("predictions"),
            "probability",
            "prediction-{id}-probability",
        )
    },
    field(
        "prediction-forecaster",
        Some("predictions"),
        "forecaster",
        "prediction-{id}-forecaster",
    ),
];

/// The lists of parts, whose fields carry the part's id in their key.
const PART_LISTS: [&str; 4] = ["facts", "sources", "narratives", "predictions"];

impl FieldSpec {
    /// Whether the field belongs to one part of a list (its key carries an id).
    pub fn of_a_part(&self) -> bool {
        self.list.is_some_and(|l| PART_LISTS.contains(&l))
    }
}

/// An edit key read against [`FIELDS`]: the field, and the part's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldKey {
    pub spec: &'static FieldSpec,
    pub id: Option<Uuid>,
}

fn bad(key: &str, why: impl std::fmt::Display) -> Error {
    Error::Refused {
        code: ErrorCode::BadInput,
        message: format!("edit \"{key}\": {why}"),
    }
}

impl FieldKey {
    /// Reads `key`; a key no field has is a `bad-input` error naming it.
    pub fn parse(key: &str) -> Result<FieldKey> {
        let (name, id) = match key.split_once(':') {
            Some((name, id)) => (
                name,
                Some(Uuid::parse_str(id).map_err(|_| bad(key, "the part's id is not a UUID"))?),
            ),
            None => (key, None),
        };
        let spec = FIELDS
            .iter()
            .find(|f| f.key == name && f.of_a_part() == id.is_some())
            .ok_or_else(|| bad(key, "no such field"))?;
        Ok(FieldKey { spec, id })
    }

    /// The row the field is stored in.
    pub fn part(&self) -> Part {
        match (self.spec.list, self.id) {
            (Some("facts"), Some(id)) => Part::Fact(id),
            (Some("sources"), Some(id)) => Part::Source(id),
            (Some("narratives"), Some(id)) => Part::Narrative(id),
            (Some("predictions"), Some(id)) => Part::Prediction(id),
            _ => Part::Story,
        }
    }
}

/// The row the field edit key `key` is stored in.
pub fn part_of(key: &str) -> Result<Part> {
    FieldKey::parse(key).map(|k| k.part())
}

/// Sets the field `key` names in `story` to `value`, read as the field's
/// type (a string; a probability a number 0–100 or null; a date
/// `YYYY-MM-DD` or null). Goes through the story's JSON form for the one
/// part it touches, so the table is the only place a field is named.
pub fn apply(story: &mut Story, key: &str, value: &serde_json::Value) -> Result<()> {
    let k = FieldKey::parse(key)?;
    let missing = || bad(key, "the story has no such part (deleted meanwhile?)");
    macro_rules! set_in {
        ($target:expr) => {{
            let mut json = serde_json::to_value(&*$target).map_err(|e| bad(key, e))?;
            json[k.spec.prop] = value.clone();
            *$target = serde_json::from_value(json).map_err(|e| bad(key, e))?;
        }};
    }
    macro_rules! part {
        ($list:ident) => {{
            let id = k.id.ok_or_else(missing)?;
            // As integers: a byte-wise comparison per part was most of the scan.
            let part = story
                .$list
                .iter_mut()
                .find(|x| x.id.0.as_u128() == id.as_u128())
                .ok_or_else(missing)?;
            set_in!(part)
        }};
    }
    match k.spec.list {
        None => match k.spec.prop {
            "headline" => story.headline = string(key, value)?,
            "summary" => story.summary = string(key, value)?,
            "language" => {
                let tag = string(key, value)?;
                if !crate::language::valid(&tag) {
                    return Err(bad(
                        key,
                        format!("{tag:?} is not a language tag such as en, en-GB or ru"),
                    ));
                }
                story.language = tag;
            }
            _ => story.image_credit = string(key, value)?,
        },
        Some("axis") => {
            let axis = story.axis.as_mut().ok_or_else(missing)?;
            set_in!(axis)
        }
        Some("facts") => part!(facts),
        Some("sources") => part!(sources),
        Some("narratives") => part!(narratives),
        _ => part!(predictions),
    }
    Ok(())
}

fn string(key: &str, value: &serde_json::Value) -> Result<String> {
    value
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| bad(key, format!("expected a string, not {value}")))
}

/// The table as TypeScript for the window: the `FieldKey` type (every key
/// the form may send), the table itself, and helpers that build a part's
/// key and a field's control id, so the window names no field itself.
pub fn typescript() -> String {
    let mut out = String::from(
        "// Generated from factdesk_core::fields::FIELDS by a core test; do not edit.\n\n\
         /** An edit key: a story field's name, or a part field's prefix and the part's id. */\nexport type FieldKey =\n",
    );
    let keys: Vec<String> = FIELDS
        .iter()
        .map(|f| match f.of_a_part() {
            true => format!("  | `{}:${{string}}`", f.key),
            false => format!("  | \"{}\"", f.key),
        })
        .collect();
    out += &keys.join("\n");
    out += ";\n\n/** Where each field lives: its list (null: the story's own row), property and control id. */\n";
    out += "export const FIELDS: Record<string, { list: string | null; prop: string; dom: string; part: boolean; min?: number; max?: number }> = {\n";
    for f in FIELDS {
        let list = f.list.map_or("null".to_string(), |l| format!("\"{l}\""));
        let range = f
            .range
            .map_or(String::new(), |(min, max)| format!(", min: {min}, max: {max}"));
        out += &format!(
            "  \"{}\": {{ list: {list}, prop: \"{}\", dom: \"{}\", part: {}{range} }},\n",
            f.key,
            f.prop,
            f.dom,
            f.of_a_part()
        );
    }
    out += "};\n\n/** The edit key of a story field, or of a part's field with the part's id. */\n";
    out += "export const fieldKey = {\n";
    for f in FIELDS {
        let name = camel(f.key);
        out += &match f.of_a_part() {
            true => format!("  {name}: (id: string): FieldKey => `{}:${{id}}`,\n", f.key),
            false => format!("  {name}: \"{}\" as FieldKey,\n", f.key),
        };
    }
    out += "};\n\n/** The id of the form control of the field `key` names. */\n";
    out += "export function domId(key: FieldKey): string {\n";
    out += "  const colon = key.indexOf(\":\");\n";
    out += "  const spec = FIELDS[colon > 0 ? key.slice(0, colon) : key];\n";
    out += "  return spec.dom.replace(\"{id}\", key.slice(colon + 1));\n}\n\n";
    out += &format!(
        "/** What readers' formats show for a story without a headline. */\nexport const UNTITLED = {:?};\n",
        crate::wording::UNTITLED
    );
    let names: Vec<String> = crate::model::StoreFields::NAMES
        .iter()
        .map(|n| format!("{n:?}"))
        .collect();
    out += &format!(
        "\n/** The story fields only the store sets: a save answers them and the window copies them. */\nexport const STORE_FIELDS = [{}] as const;\n",
        names.join(", ")
    );
    out
}

/// `source-outlet` as `sourceOutlet`.
fn camel(key: &str) -> String {
    let mut out = String::new();
    let mut up = false;
    for c in key.chars() {
        if c == '-' {
            up = true;
        } else if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_parses_to_its_part_and_sets_its_field() {
        let mut s = crate::sample::story(2, 2);
        s.axis = Some(crate::model::NarrativePair {
            first: "A".into(),
            second: "B".into(),
        });
        let (fact, source) = (s.facts[1].id.0, s.sources[0].id.0);
        apply(&mut s, &format!("fact:{fact}"), &"New fact.".into()).unwrap();
        assert_eq!(s.facts[1].text, "New fact.");
        apply(&mut s, &format!("source-date:{source}"), &"2026-01-02".into()).unwrap();
        assert_eq!(
            s.sources[0].published_on.map(|d| d.to_string()).as_deref(),
            Some("2026-01-02")
        );
        apply(&mut s, &format!("source-date:{source}"), &serde_json::Value::Null).unwrap();
        assert_eq!(s.sources[0].published_on, None);
        apply(&mut s, "axis-second", &"Other side".into()).unwrap();
        assert_eq!(s.axis.as_ref().unwrap().second, "Other side");
        apply(&mut s, "image-credit", &"Photo".into()).unwrap();
        assert_eq!(s.image_credit, "Photo");
        assert_eq!(part_of(&format!("fact:{fact}")).unwrap(), Part::Fact(fact));
        assert_eq!(part_of("headline").unwrap(), Part::Story);
        for wrong in ["fact", "headline:0", "nothing", "fact:not-a-uuid"] {
            assert_eq!(part_of(wrong).unwrap_err().code(), "bad-input", "{wrong}");
        }
        let err = apply(&mut s, &format!("fact:{}", Uuid::new_v4()), &"x".into()).unwrap_err();
        assert!(err.to_string().contains("no such part"), "{err}");
        let err = apply(&mut s, "headline", &7.into()).unwrap_err();
        assert!(err.to_string().contains("expected a string"), "{err}");
    }

    #[test]
    fn the_window_gets_the_same_table() {
        let ts = typescript();
        assert!(ts.contains("| `fact:${string}`"), "{ts}");
        assert!(
            ts.contains("sourceDate: (id: string): FieldKey => `source-date:${id}`"),
            "{ts}"
        );
        assert!(ts.contains("\"source-date\": { list: \"sources\", prop: \"published_on\", dom: \"source-{id}-published_on\", part: true }"), "{ts}");
    }
}
