//! Revision patches: what turns a newer version of a story back into an
//! older one, as JSON Patch (RFC 6902) operations, stored compressed.
//!
//! Contract: [`diff_under`] writes the operations turning one value into
//! another; a long text that changed in places becomes one `x-splice`
//! operation (the kept, dropped and added stretches of the newer text),
//! so a revision holds what changed, not the whole field. [`apply`] runs
//! both kinds. [`fold`] rewrites the patch of an older revision so it
//! starts from a newer version instead of the one in between (how typing
//! saves fold into one revision), or says it cannot. [`pack`] compresses a
//! body (zstd) when that makes it smaller; [`unpack`] reads either form.
//! Everything here is pure: no database.

use crate::error::{Error, Result};
use crate::model::Story;
use serde::Serialize;
use serde_json::{json, Value};

/// Texts shorter than this are kept whole: a splice would not be smaller.
const SPLICE_FROM: usize = 160;
/// Bodies shorter than this are stored as text: compression would not pay.
const PACK_FROM: usize = 96;
/// zstd's level: fast, and most of the gain on JSON.
const LEVEL: i32 = 3;

fn corrupt(why: impl std::fmt::Display) -> Error {
    Error::Corrupt(why.to_string())
}

pub(super) fn to_value<T: Serialize>(value: &T) -> Result<Value> {
    serde_json::to_value(value).map_err(|e| corrupt(format!("a story could not be written as JSON: {e}")))
}

/// Appends the operations turning `from` into `to`, under `prefix` (a JSON
/// Pointer), long texts as splices.
pub(super) fn diff_under<T: Serialize>(prefix: &str, from: &T, to: &T, ops: &mut Vec<Value>) -> Result<()> {
    let (from, to) = (to_value(from)?, to_value(to)?);
    let patch = json_patch::diff(&from, &to);
    let Value::Array(found) = serde_json::to_value(patch).map_err(corrupt)? else {
        return Err(corrupt("a JSON Patch is not a list"));
    };
    for op in found {
        let path = op
            .get("path")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let spliced = match (op.get("op").and_then(Value::as_str), op.get("value")) {
            (Some("replace"), Some(Value::String(older))) if older.len() >= SPLICE_FROM => from
                .pointer(&path)
                .and_then(Value::as_str)
                .and_then(|newer| splice(newer, older)),
            _ => None,
        };
        ops.push(match spliced {
            Some(edits) => json!({"op": "x-splice", "path": format!("{prefix}{path}"), "edits": edits}),
            None => {
                let mut op = op;
                op["path"] = format!("{prefix}{path}").into();
                op
            }
        });
    }
    Ok(())
}

/// The edits turning `newer` into `older`, word by word: a number `n` keeps
/// the next `n` characters of the newer text, `-n` drops them, a string is
/// added; `None` when that is no smaller than `older` itself.
fn splice(newer: &str, older: &str) -> Option<Value> {
    use similar::{ChangeTag, TextDiff};
    let diff = TextDiff::configure()
        .timeout(std::time::Duration::from_millis(50))
        .diff_words(newer, older);
    let mut edits: Vec<Value> = Vec::new();
    let push = |edits: &mut Vec<Value>, tag: ChangeTag, text: &str| {
        let n = text.chars().count() as i64;
        match (tag, edits.last_mut()) {
            (ChangeTag::Equal, Some(Value::Number(k))) if k.as_i64().is_some_and(|k| k > 0) => {
                *k = (k.as_i64().unwrap_or(0) + n).into()
            }
            (ChangeTag::Delete, Some(Value::Number(k))) if k.as_i64().is_some_and(|k| k < 0) => {
                *k = (k.as_i64().unwrap_or(0) - n).into()
            }
            (ChangeTag::Insert, Some(Value::String(s))) => s.push_str(text),
            (ChangeTag::Equal, _) => edits.push(n.into()),
            (ChangeTag::Delete, _) => edits.push((-n).into()),
            (ChangeTag::Insert, _) => edits.push(text.into()),
        }
    };
    for change in diff.iter_all_changes() {
        push(&mut edits, change.tag(), change.value());
    }
    // What is kept at the end is implied.
    if matches!(edits.last(), Some(Value::Number(k)) if k.as_i64().is_some_and(|k| k > 0)) {
        edits.pop();
    }
    let edits = Value::Array(edits);
    (edits.to_string().len() < older.len()).then_some(edits)
}

/// `newer` with `edits` (see [`splice`]) applied, or why not.
fn apply_splice(newer: &str, edits: &[Value]) -> std::result::Result<String, String> {
    let mut chars = newer.chars();
    let mut out = String::with_capacity(newer.len());
    for edit in edits {
        match edit {
            Value::Number(n) => match n.as_i64() {
                Some(k) if k >= 0 => {
                    for _ in 0..k {
                        out.push(chars.next().ok_or("a splice keeps more than the text holds")?);
                    }
                }
                Some(k) => {
                    for _ in 0..-k {
                        chars.next().ok_or("a splice drops more than the text holds")?;
                    }
                }
                None => return Err("a splice step is not a whole number".into()),
            },
            Value::String(s) => out.push_str(s),
            _ => return Err("a splice step is neither a count nor text".into()),
        }
    }
    out.extend(chars);
    Ok(out)
}

/// Applies `ops` (JSON Patch operations and splices) to `state`, in order.
pub(super) fn apply(state: &mut Value, ops: &[Value]) -> std::result::Result<(), String> {
    let mut plain: Vec<Value> = Vec::new();
    let flush = |state: &mut Value, plain: &mut Vec<Value>| -> std::result::Result<(), String> {
        if plain.is_empty() {
            return Ok(());
        }
        let patch: json_patch::Patch =
            serde_json::from_value(Value::Array(std::mem::take(plain))).map_err(|e| e.to_string())?;
        json_patch::patch(state, &patch).map_err(|e| e.to_string())
    };
    for op in ops {
        if op.get("op").and_then(Value::as_str) != Some("x-splice") {
            plain.push(op.clone());
            continue;
        }
        flush(state, &mut plain)?;
        let path = op
            .get("path")
            .and_then(Value::as_str)
            .ok_or("a splice has no path")?;
        let edits = op
            .get("edits")
            .and_then(Value::as_array)
            .ok_or("a splice has no edits")?;
        let target = state
            .pointer_mut(path)
            .ok_or_else(|| format!("no text at {path}"))?;
        let text = target.as_str().ok_or_else(|| format!("{path} is not text"))?;
        *target = Value::String(apply_splice(text, edits)?);
    }
    flush(state, &mut plain)
}

/// The story's lists of parts, whose elements are addressed by index.
const PARTS: [&str; 4] = ["facts", "sources", "narratives", "predictions"];

/// The smallest whole value an operation at `path` changes: a part of a
/// list (`/facts/3`), or a field of the story (`/headline`). `None` for an
/// operation that changes the shape of a list (adds, removes or moves a
/// part), which cannot be folded.
fn slot(op: &Value) -> Option<String> {
    let kind = op.get("op")?.as_str()?;
    let path = op.get("path")?.as_str()?;
    let segs: Vec<&str> = path.split('/').skip(1).collect();
    let first = *segs.first()?;
    if PARTS.contains(&first) {
        let index = segs.get(1)?;
        index.parse::<usize>().ok()?;
        let whole_part = segs.len() == 2;
        if matches!(kind, "move" | "copy") || (whole_part && kind != "replace") {
            return None;
        }
        return Some(format!("/{first}/{index}"));
    }
    (!matches!(kind, "move" | "copy")).then(|| format!("/{first}"))
}

/// A version of a story as a fold reads it: its fields from `top`, its
/// parts from `parts` (a save in progress has them apart; the two may be
/// the same story).
#[derive(Clone, Copy)]
pub(super) struct Version<'a> {
    pub top: &'a Story,
    pub parts: &'a Story,
}

impl<'a> Version<'a> {
    pub(super) fn whole(story: &'a Story) -> Version<'a> {
        Version {
            top: story,
            parts: story,
        }
    }
}

/// The value at `slot` (see [`slot`]) in `story`; `None` when it has none.
fn slot_value(story: &Story, top: &Value, slot: &str) -> Result<Option<Value>> {
    let segs: Vec<&str> = slot.split('/').skip(1).collect();
    let part = |i: usize| -> Result<Option<Value>> {
        Ok(match segs[0] {
            "facts" => story.facts.get(i).map(to_value).transpose()?,
            "sources" => story.sources.get(i).map(to_value).transpose()?,
            "narratives" => story.narratives.get(i).map(to_value).transpose()?,
            _ => story.predictions.get(i).map(to_value).transpose()?,
        })
    };
    match segs.get(1).and_then(|i| i.parse::<usize>().ok()) {
        Some(i) => part(i),
        None => Ok(top.get(segs[0]).cloned()),
    }
}

/// Runs the operations of `ops` on the slots they fall in (`values`),
/// each with its path made relative to its slot.
fn apply_in_slots(values: &mut [(String, Option<Value>)], ops: &[Value]) -> Option<()> {
    for op in ops {
        let at = slot(op)?;
        let (_, value) = values.iter_mut().find(|(s, _)| *s == at)?;
        let rest = &op.get("path")?.as_str()?[at.len()..];
        // The slot as the member of an object, so that adding or removing
        // the whole slot (an optional field) is an operation on a member.
        let mut wrapper = serde_json::Map::new();
        if let Some(v) = value.take() {
            wrapper.insert("v".into(), v);
        }
        let mut wrapper = Value::Object(wrapper);
        let mut moved = op.clone();
        moved["path"] = format!("/v{rest}").into();
        apply(&mut wrapper, &[moved]).ok()?;
        *value = wrapper.get_mut("v").map(Value::take);
    }
    Some(())
}

/// Folds two patches into one: `newer_back` turns `newer` into `before`,
/// `older_back` turns `before` into an older version; the result turns
/// `newer` straight into that older version, so the version `before` need
/// not be kept. `None` when either changes the shape of a list of parts.
pub(super) fn fold(
    newer: Version,
    before: Version,
    newer_back: &[Value],
    older_back: &[Value],
) -> Result<Option<Vec<Value>>> {
    let mut slots: Vec<String> = Vec::new();
    for op in newer_back.iter().chain(older_back) {
        match slot(op) {
            Some(s) if !slots.contains(&s) => slots.push(s),
            Some(_) => {}
            None => return Ok(None),
        }
    }
    let (newer_top, before_top) = (
        to_value(&super::revisions::without_parts(newer.top))?,
        to_value(&super::revisions::without_parts(before.top))?,
    );
    let mut start = Vec::new();
    let mut older = Vec::new();
    for s in &slots {
        start.push((s.clone(), slot_value(newer.parts, &newer_top, s)?));
        older.push((s.clone(), slot_value(before.parts, &before_top, s)?));
    }
    // The newer patch must take the newer version to `before` here too.
    let mut check = start.clone();
    if apply_in_slots(&mut check, newer_back).is_none() || check != older {
        return Ok(None);
    }
    if apply_in_slots(&mut older, older_back).is_none() {
        return Ok(None);
    }
    let mut ops = Vec::new();
    for ((s, from), (_, to)) in start.iter().zip(&older) {
        match (from, to) {
            (Some(from), Some(to)) => diff_under(s, from, to, &mut ops)?,
            (None, Some(to)) => ops.push(json!({"op": "add", "path": s, "value": to})),
            (Some(_), None) => ops.push(json!({"op": "remove", "path": s})),
            (None, None) => {}
        }
    }
    Ok(Some(ops))
}

/// A body as stored: (text, compressed bytes); exactly one is non-empty.
pub(super) fn pack(body: String) -> (String, Option<Vec<u8>>) {
    if body.len() < PACK_FROM {
        return (body, None);
    }
    match zstd::bulk::compress(body.as_bytes(), LEVEL) {
        Ok(packed) if packed.len() < body.len() => (String::new(), Some(packed)),
        _ => (body, None),
    }
}

/// The body a row holds, whether packed or not.
pub(super) fn unpack(text: String, packed: Option<Vec<u8>>) -> std::result::Result<String, String> {
    let Some(bytes) = packed else {
        return Ok(text);
    };
    // A body is never larger than a story's document: bound what a damaged
    // row can make us allocate.
    let bound = zstd::bulk::Decompressor::upper_bound(&bytes)
        .unwrap_or(64 << 20)
        .min(256 << 20);
    let raw = zstd::bulk::decompress(&bytes, bound).map_err(|e| format!("cannot be decompressed: {e}"))?;
    String::from_utf8(raw).map_err(|_| "is not UTF-8 once decompressed".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(words: usize, seed: &str) -> String {
        (0..words)
            .map(|i| format!("{seed}{i}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_small_change_to_a_long_text_is_a_small_splice_that_applies_back() {
        let older = text(400, "w");
        let newer = older.replace("w200", "CHANGED").replace("w7 ", "");
        let mut ops = Vec::new();
        diff_under("/summary", &newer, &older, &mut ops).unwrap();
        assert_eq!(ops.len(), 1);
        assert_eq!(ops[0]["op"], "x-splice");
        assert!(ops[0].to_string().len() < 100, "{}", ops[0]);
        let mut state = json!({ "summary": newer });
        apply(&mut state, &ops).unwrap();
        assert_eq!(state["summary"], older.as_str());
    }

    #[test]
    fn splices_count_characters_not_bytes() {
        let older = format!("{} São Paulo und Kyjiw — {}", text(40, "ä"), text(40, "ж"));
        let newer = older.replace("São", "Sao").replace("ж3 ", "");
        let edits = splice(&newer, &older).expect("smaller");
        assert_eq!(apply_splice(&newer, edits.as_array().unwrap()).unwrap(), older);
    }

    #[test]
    fn a_rewritten_text_is_kept_whole() {
        let (older, newer) = (text(60, "a"), text(60, "b"));
        let mut ops = Vec::new();
        diff_under("/summary", &newer, &older, &mut ops).unwrap();
        assert_eq!(ops[0]["op"], "replace");
    }

    #[test]
    fn bodies_pack_and_unpack() {
        let body = text(500, "x");
        let (t, packed) = pack(body.clone());
        assert!(t.is_empty() && packed.as_ref().unwrap().len() < body.len() / 2);
        assert_eq!(unpack(t, packed).unwrap(), body);
        let short = "[]".to_string();
        assert_eq!(pack(short.clone()), (short, None));
        assert!(unpack(String::new(), Some(vec![1, 2, 3])).is_err());
    }

    #[test]
    fn two_field_patches_fold_into_one_from_the_newest_version() {
        let v1 = crate::sample::story(5, 3);
        let mut v2 = v1.clone();
        v2.facts[1].text = "Second version of fact two.".into();
        v2.headline = "Headline two".into();
        let mut v3 = v2.clone();
        v3.facts[1].text = "Third version of fact two.".into();
        v3.sources[0].title = "A new title".into();
        let back = |newer: &Story, older: &Story| {
            let v: Vec<Value> =
                serde_json::from_str(&super::super::revisions::patch_back(newer, older).unwrap()).unwrap();
            v
        };
        let folded = fold(
            Version::whole(&v3),
            Version::whole(&v2),
            &back(&v3, &v2),
            &back(&v2, &v1),
        )
        .unwrap()
        .expect("folds");
        let mut state = to_value(&v3).unwrap();
        apply(&mut state, &folded).unwrap();
        assert_eq!(state, to_value(&v1).unwrap());
    }

    #[test]
    fn a_patch_that_adds_or_removes_a_part_does_not_fold() {
        let v1 = crate::sample::story(5, 3);
        let mut v2 = v1.clone();
        v2.facts.remove(2);
        let mut v3 = v2.clone();
        v3.headline = "Changed".into();
        let back = |newer: &Story, older: &Story| -> Vec<Value> {
            serde_json::from_str(&super::super::revisions::patch_back(newer, older).unwrap()).unwrap()
        };
        assert_eq!(
            fold(
                Version::whole(&v3),
                Version::whole(&v2),
                &back(&v3, &v2),
                &back(&v2, &v1)
            )
            .unwrap(),
            None
        );
    }
}
