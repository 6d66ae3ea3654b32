//! Story ⇄ IPTC ninjs 3.1 (`src-tauri/core/tests/schemas/ninjs-schema_3.1.json`).
//!
//! Contract: [`export`] writes only properties the schema defines: the story's
//! stable `uri` (`urn:uuid:<uid>`), headline, summary and image credit as
//! role-tagged headlines/descriptions, the body as HTML and as canonical text,
//! each narrative and prediction as its own role-tagged body, and the sources
//! as `infoSources` (role `source`, with their URL when it is http(s)); the
//! edition as `version`, each correction as a `correction` body, and a
//! withdrawal as `pubStatus: canceled` with a `withdrawal` body.
//! [`import`] reads back what a Factdesk export carries: it rebuilds the story
//! from the canonical-text body and restores uid, headline, dates and status.

use crate::model::{Status, Story};
use crate::numbering::Numbering;
use crate::urls;
use crate::wording;
use serde_json::{json, Value};

/// The registry's entry (see [`crate::formats`]).
pub const SPEC: crate::formats::Spec = crate::formats::Spec {
    name: "ninjs",
    label: "IPTC ninjs",
    extension: "ninjs.json",
    export,
    import: Some(import),
};

/// The role of the canonical plain-text body that [`import`] reads.
const TEXT_ROLE: &str = "main";
const URI_PREFIX: &str = "urn:uuid:";

/// A side's label as a role: `Pro-Russia` → `pro-russia`.
fn role_of(label: &str) -> String {
    let mut out = String::new();
    for c in label.trim().chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

fn body(role: &str, content_type: &str, value: String) -> Value {
    json!({ "role": role, "contentType": content_type, "value": value })
}

/// The story as ninjs 3.1 JSON, pretty-printed, ending in a newline.
pub fn export(story: &Story) -> String {
    let numbering = Numbering::of(story);
    let plain = crate::formats::itn::export(story);
    let mut bodies = vec![
        body("main", "text/html", crate::formats::html::fragment(story)),
        json!({
            "role": TEXT_ROLE,
            "contentType": "text/plain",
            "charCount": plain.chars().count(),
            "wordCount": plain.split_whitespace().count(),
            "value": plain,
        }),
    ];
    for n in &story.narratives {
        let text = wording::narrative(story, n).line();
        bodies.push(body(
            &format!("narrative:{}", role_of(&story.side_label(n.stance))),
            "text/plain",
            text,
        ));
    }
    for p in &story.predictions {
        bodies.push(body("prediction", "text/plain", wording::prediction(p)));
    }
    for c in &story.corrections {
        bodies.push(body("correction", "text/plain", wording::correction(c).line()));
    }
    if let Some(w) = &story.withdrawal {
        bodies.push(body("withdrawal", "text/plain", wording::withdrawal(w).line()));
    }
    let pub_status = match story.status {
        Status::Published => "usable",
        Status::Withdrawn => "canceled",
        _ if story.withdrawal.is_some() => "canceled",
        _ => "withheld",
    };
    let mut doc = json!({
        "uri": format!("{URI_PREFIX}{}", story.uid),
        "type": "text",
        "representationType": "full",
        "profile": "factdesk-story",
        "firstCreated": story.created_at.to_rfc3339(),
        "versionCreated": story.updated_at.to_rfc3339(),
        "version": story.edition.to_string(),
        "pubStatus": pub_status,
        "language": story.language,
        "headlines": [{ "role": "main", "contentType": "text/plain", "value": story.headline }],
        "bodies": bodies,
    });
    let mut descriptions = Vec::new();
    if !story.summary.trim().is_empty() {
        descriptions.push(json!({ "role": "summary", "contentType": "text/plain", "value": story.summary }));
    }
    if !story.image_credit.trim().is_empty() {
        descriptions.push(
            json!({ "role": "image-credit", "contentType": "text/plain", "value": story.image_credit }),
        );
    }
    if !descriptions.is_empty() {
        doc["descriptions"] = json!(descriptions);
    }
    let sources: Vec<Value> = numbering
        .order
        .iter()
        .filter_map(|id| numbering.source(story, *id).map(|s| (id, s)))
        .map(|(id, s)| {
            let mut v = json!({ "name": numbering.label(*id).unwrap_or_default(), "role": "source" });
            if let Ok(u) = urls::check(&s.url) {
                v["uri"] = json!(u.as_str());
            }
            v
        })
        .collect();
    if !sources.is_empty() {
        doc["infoSources"] = json!(sources);
    }
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}

/// Whether parsed JSON looks like ninjs (a `uri`, no factdesk format tag).
pub fn looks_like(value: &Value) -> bool {
    value.get("uri").is_some() && value.get("format").is_none()
}

/// Reads a ninjs document that Factdesk exported back into a story.
pub fn import(text: &str) -> Result<Story, String> {
    let doc: Value = serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
    if !looks_like(&doc) {
        return Err("not a ninjs document (it has no \"uri\")".into());
    }
    let plain = doc["bodies"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|b| b["role"] == TEXT_ROLE && b["contentType"] == "text/plain")
        .and_then(|b| b["value"].as_str())
        .ok_or(
            "this ninjs has no text/plain \"main\" body, which holds the facts and sources Factdesk reads",
        )?;
    let mut story = crate::formats::itn::import(plain).map_err(|e| format!("its text body: {e}"))?;
    if let Some(uid) = doc["uri"].as_str().and_then(|u| u.strip_prefix(URI_PREFIX)) {
        story.uid = uid
            .parse()
            .map_err(|_| format!("its uri has a malformed UUID: {uid:?}"))?;
    }
    let headline = doc["headlines"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|h| h["role"] == "main");
    if let Some(h) = headline.and_then(|h| h["value"].as_str()) {
        story.headline = h.to_string();
    }
    if let Some(tag) = doc["language"].as_str().filter(|t| crate::language::valid(t)) {
        story.language = tag.to_string();
    }
    let date = |key: &str| {
        doc[key]
            .as_str()
            .and_then(|d| chrono::DateTime::parse_from_rfc3339(d).ok())
    };
    if let Some(d) = date("firstCreated") {
        story.created_at = d.into();
    }
    if let Some(d) = date("versionCreated") {
        story.updated_at = d.into();
    }
    story.status = match doc["pubStatus"].as_str() {
        Some("usable") => Status::Published,
        Some("canceled") => Status::Withdrawn,
        _ => Status::Draft,
    };
    if let Some(edition) = doc["version"]
        .as_str()
        .and_then(|v| v.parse().ok())
        .filter(|v| *v >= 1)
    {
        story.edition = edition;
    }
    Ok(story)
}
