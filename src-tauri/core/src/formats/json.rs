//! The native JSON format, `factdesk/1`: lossless, versioned.
//!
//! Contract: [`export`] writes `{"format": "factdesk/1", "story": …}` with
//! every field of the [`Story`]; [`import`] reads it back exactly, refusing a
//! different format tag or unknown fields with a message naming them. The
//! database handle and version are not part of the document.

use crate::model::Story;
use serde::{Deserialize, Serialize};

/// The registry's entry (see [`crate::formats`]).
pub const SPEC: crate::formats::Spec = crate::formats::Spec {
    name: "json",
    label: "Factdesk JSON",
    extension: "json",
    export,
    import: Some(|text| import(text).map_err(|e| e.to_string())),
};

/// The format tag this build writes and reads.
pub const FORMAT: &str = "factdesk/1";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    format: String,
    story: Story,
}

#[derive(Deserialize)]
struct Tag {
    format: Option<serde_json::Value>,
}

/// Why a JSON document could not be read.
#[derive(Debug, thiserror::Error)]
pub enum NativeError {
    #[error("not valid JSON: {0}")]
    Syntax(serde_json::Error),
    #[error("no \"format\" tag; expected \"format\": \"{FORMAT}\"")]
    Untagged,
    #[error("unsupported format {0}; this build reads \"{FORMAT}\"")]
    Unsupported(String),
    #[error("not a valid {FORMAT} story: {0}")]
    Invalid(serde_json::Error),
}

/// Pretty-printed `factdesk/1` JSON, ending in a newline.
pub fn export(story: &Story) -> String {
    let doc = Document {
        format: FORMAT.into(),
        story: story.clone(),
    };
    // A Story is plain data with string keys: serialising cannot fail.
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}

/// Reads a `factdesk/1` document.
pub fn import(text: &str) -> Result<Story, NativeError> {
    let tag: Tag = serde_json::from_str(text).map_err(NativeError::Syntax)?;
    match tag.format {
        None => return Err(NativeError::Untagged),
        Some(serde_json::Value::String(f)) if f == FORMAT => {}
        Some(other) => return Err(NativeError::Unsupported(other.to_string())),
    }
    let doc: Document = serde_json::from_str(text).map_err(NativeError::Invalid)?;
    Ok(doc.story)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_is_exact() {
        let story = crate::sample::story(5, 3);
        assert_eq!(import(&export(&story)).unwrap(), story);
    }

    #[test]
    fn refuses_other_formats_and_unknown_fields() {
        assert!(
            matches!(import("{\"format\": \"factdesk/2\", \"story\": {}}"), Err(NativeError::Unsupported(f)) if f == "\"factdesk/2\"")
        );
        assert!(matches!(import("{\"story\": {}}"), Err(NativeError::Untagged)));
        assert!(matches!(import("[1,2"), Err(NativeError::Syntax(_))));
        let mut doc: serde_json::Value = serde_json::from_str(&export(&crate::sample::story(1, 1))).unwrap();
        doc["story"]["facts"][0]["colour"] = "red".into();
        let err = import(&doc.to_string()).unwrap_err().to_string();
        assert!(err.contains("colour"), "{err}");
    }
}
