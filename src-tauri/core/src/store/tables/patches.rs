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
use serde::Serialize;
use serde_json::{json, Value};

/// Texts shorter than this are kept whole: a splice would not be smaller.
const SPLICE_FROM: usize = 160;
/// Bodies shorter than this are stored as text: a typing save's patch is a
/// few hundred bytes, which compression barely shortens, and it is read
/// back and rewritten while typing folds.
const PACK_FROM: usize = 512;
/// zstd's level: fast, and most of the gain on JSON.
const LEVEL: i32 = 3;

fn corrupt(why: impl std::fmt::Display) -> Error {
    Error::Corrupt(why.to_string())
}

pub(in crate::store) fn to_value<T: Serialize>(value: &T) -> Result<Value> {
    serde_json::to_value(value).map_err(|e| corrupt(format!("a story could not be written as JSON: {e}")))
}

/// Appends the operations turning `from` into `to`, under `prefix` (a JSON
/// Pointer), long texts as splices.
pub(in crate::store) fn diff_under<T: Serialize>(
    prefix: &str,
    from: &T,
    to: &T,
    ops: &mut Vec<Value>,
) -> Result<()> {
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
pub(in crate::store) fn apply(state: &mut Value, ops: &[Value]) -> std::result::Result<(), String> {
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

/// Folds two patches into one: `newer_back` turns a newer version into the
/// one in between, `older_back` turns that into an older one; the result
/// turns the newer version straight into the older one, so the version in
/// between need not be kept. It is the two run in turn; when both only
/// replace values (a typing save's patch), an earlier value at a path the
/// later one replaces again is left out, so folding a field typed into many
/// times keeps one value for it.
pub(in crate::store) fn fold(newer_back: Vec<Value>, older_back: Vec<Value>) -> Vec<Value> {
    let mut ops = newer_back;
    ops.extend(older_back);
    let kind = |op: &Value| {
        op.get("op")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    if !ops
        .iter()
        .all(|op| matches!(kind(op).as_str(), "replace" | "x-splice"))
    {
        return ops;
    }
    let path = |op: &Value| {
        op.get("path")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    // Paths a later operation replaces whole; nested paths stay (a later
    // replacement of a field's parent makes them dead too, but rarely).
    let mut replaced_later = std::collections::HashSet::new();
    let mut kept: Vec<Value> = Vec::with_capacity(ops.len());
    for op in ops.into_iter().rev() {
        let at = path(&op);
        if replaced_later.contains(&at) {
            continue;
        }
        if kind(&op) == "replace" {
            replaced_later.insert(at);
        }
        kept.push(op);
    }
    kept.reverse();
    kept
}

/// A body as stored: (text, compressed bytes); exactly one is non-empty.
pub(in crate::store) fn pack(body: String) -> (String, Option<Vec<u8>>) {
    if body.len() < PACK_FROM {
        return (body, None);
    }
    // A context per thread, made once: making one costs more than
    // compressing a patch.
    thread_local! {
        static PACKER: std::cell::RefCell<Option<zstd::bulk::Compressor<'static>>> = const { std::cell::RefCell::new(None) };
    }
    let packed = PACKER.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            *slot = zstd::bulk::Compressor::new(LEVEL).ok();
        }
        slot.as_mut().and_then(|c| c.compress(body.as_bytes()).ok())
    });
    match packed {
        Some(packed) if packed.len() < body.len() => (String::new(), Some(packed)),
        _ => (body, None),
    }
}

/// The body a row holds, whether packed or not.
pub(in crate::store) fn unpack(text: String, packed: Option<Vec<u8>>) -> std::result::Result<String, String> {
    let Some(bytes) = packed else {
        return Ok(text);
    };
    // A body is never larger than a story's document: bound what a damaged
    // row can make us allocate.
    let bound = zstd::bulk::Decompressor::upper_bound(&bytes)
        .unwrap_or(64 << 20)
        .min(256 << 20);
    thread_local! {
        static UNPACKER: std::cell::RefCell<Option<zstd::bulk::Decompressor<'static>>> = const { std::cell::RefCell::new(None) };
    }
    let raw = UNPACKER
        .with(|cell| {
            let mut slot = cell.borrow_mut();
            if slot.is_none() {
                *slot = zstd::bulk::Decompressor::new().ok();
            }
            slot.as_mut().map(|d| d.decompress(&bytes, bound))
        })
        .unwrap_or_else(|| zstd::bulk::decompress(&bytes, bound))
        .map_err(|e| format!("cannot be decompressed: {e}"))?;
    String::from_utf8(raw).map_err(|_| "is not UTF-8 once decompressed".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Story;

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
        let short = text(20, "y");
        assert_eq!(pack(short.clone()), (short, None));
        assert!(unpack(String::new(), Some(vec![1, 2, 3])).is_err());
    }

    fn back(newer: &Story, older: &Story) -> Vec<Value> {
        serde_json::from_str(&super::super::revisions::patch_back(newer, older).unwrap()).unwrap()
    }

    #[test]
    fn typing_patches_fold_into_one_value_per_field() {
        let v1 = crate::sample::story(5, 3);
        let mut versions = vec![v1.clone()];
        for i in 0..20 {
            let mut next = versions.last().unwrap().clone();
            next.facts[1].text = format!("Fact two, version {i}.");
            if i % 5 == 0 {
                next.sources[0].title = format!("Title {i}");
            }
            versions.push(next);
        }
        let newest = versions.last().unwrap();
        let mut folded = back(&versions[1], &versions[0]);
        for w in versions.windows(2).skip(1) {
            folded = fold(back(&w[1], &w[0]), folded);
        }
        assert_eq!(folded.len(), 2, "one value per field typed into: {folded:?}");
        let mut state = to_value(newest).unwrap();
        apply(&mut state, &folded).unwrap();
        assert_eq!(state, to_value(&v1).unwrap());
    }

    #[test]
    fn patches_that_move_parts_fold_by_running_in_turn() {
        let v1 = crate::sample::story(5, 3);
        let mut v2 = v1.clone();
        v2.facts.remove(2);
        let mut v3 = v2.clone();
        v3.facts[2].text = "Changed after the removal".into();
        v3.facts.swap(0, 1);
        let folded = fold(back(&v3, &v2), back(&v2, &v1));
        let mut state = to_value(&v3).unwrap();
        apply(&mut state, &folded).unwrap();
        assert_eq!(state, to_value(&v1).unwrap());
    }
}
