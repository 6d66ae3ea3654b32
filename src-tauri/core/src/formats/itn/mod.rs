//! The canonical plain text of FORMAT.md ("itn"), both ways.
//!
//! Contract: [`export`] writes a story as canonical text; [`import`] reads
//! canonical text, or a story copied from a published web page, back into a
//! new draft with fresh identities. Importing an export gives back the same
//! story (headline, summary, image credit, facts with citations, sources with
//! outlet and URL, narratives, predictions) provided the fields are single
//! lines without surrounding blanks and facts end in punctuation; the
//! property tests in `tests/itn_roundtrip.rs` pin that down.

mod export;
mod import;

pub(crate) use crate::wording::one_line;
pub use export::export;
pub(crate) use export::list_separator;
pub use import::{import, ImportError};

/// A bullet as FORMAT.md writes it: two spaces, `•`, one space.
pub(crate) const BULLET: &str = "  \u{2022} ";
/// Section headings and the phrases the canonical text writes and reads,
/// from the one place readers' words are written.
pub(crate) use crate::wording::{
    ACCORDING_TO, AS_PROVIDED_BY, CORRECTIONS, FACTS, IMAGE_CREDIT_PREFIX, LINKS, NARRATIVES, PREDICTIONS,
    SOURCES_PREFIX, WITHDRAWN_PREFIX,
};

/// The registry's entry (see [`crate::formats`]).
pub const SPEC: crate::formats::Spec = crate::formats::Spec {
    name: "itn",
    label: "Plain text",
    extension: "txt",
    export,
    import: Some(|text| import(text).map_err(|e| e.to_string())),
};
