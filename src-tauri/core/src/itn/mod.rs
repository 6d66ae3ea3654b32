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

pub use export::export;
pub(crate) use export::{list_separator, one_line, prediction_line};
pub use import::{import, ImportError};

/// A bullet as FORMAT.md writes it: two spaces, `•`, one space.
pub(crate) const BULLET: &str = "  \u{2022} ";
/// Section headings, each alone on its line.
pub(crate) const FACTS: &str = "Facts";
pub(crate) const LINKS: &str = "Links";
pub(crate) const NARRATIVES: &str = "Narratives";
pub(crate) const PREDICTIONS: &str = "Predictions";
pub(crate) const CORRECTIONS: &str = "Corrections";
/// `Withdrawn on 2026-11-24: {reason}`, after the image credit.
pub(crate) const WITHDRAWN_PREFIX: &str = "Withdrawn on ";
pub(crate) const SOURCES_PREFIX: &str = "Sources:";
pub(crate) const IMAGE_CREDIT_PREFIX: &str = "Image credit:";
pub(crate) const AS_PROVIDED_BY: &str = " narrative, as provided by ";
pub(crate) const ACCORDING_TO: &str = ", according to ";
