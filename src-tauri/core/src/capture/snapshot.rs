//! A dated copy of a page as it was fetched.
//!
//! Contract: a [`Snapshot`] holds what a fetch returned — the raw bytes
//! (the store keeps them zstd-compressed), their SHA-256, the requested and
//! final URL, the HTTP status, the validators and the fetch time — plus the
//! readable text Readability took from it, which is what later versions are
//! compared by. A [`SnapshotSummary`] is what the window shows on a source.

use super::fetch::Page;
use crate::history::Span;
use crate::model::SourceId;
use chrono::{DateTime, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

/// One fetch of a source's page, as kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    pub requested_url: String,
    pub final_url: String,
    pub status: u16,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// Lower-case hex SHA-256 of [`Snapshot::body`].
    pub sha256: String,
    pub body: Vec<u8>,
    /// The readable text (empty for a page that is gone).
    pub text: String,
    pub fetched_at: DateTime<Utc>,
}

impl Snapshot {
    /// The snapshot of `page`, fetched from `url` at `now`, read as `text`.
    pub fn of(url: &str, page: &Page, text: &str, now: DateTime<Utc>) -> Snapshot {
        Snapshot {
            requested_url: url.trim().to_string(),
            final_url: page.final_url.clone(),
            status: page.status,
            etag: page.etag.clone(),
            last_modified: page.last_modified.clone(),
            sha256: sha256_hex(&page.body),
            body: page.body.clone(),
            text: text.to_string(),
            fetched_at: now,
        }
    }

    /// Whether the page was gone (404 or 410) when fetched.
    pub fn gone(&self) -> bool {
        matches!(self.status, 404 | 410)
    }
}

/// The SHA-256 of `bytes` in lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// What the window shows on a captured source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SnapshotSummary {
    pub source: SourceId,
    pub captured_at: DateTime<Utc>,
    /// Versions kept after the one cited.
    pub later_versions: usize,
    pub gone: bool,
    /// "captured 2026-12-05 14:02 UTC, 1 later version".
    pub line: String,
    /// The article's words from the cited version to the latest, when it
    /// changed: the changes with a dozen words around each.
    pub diff: Vec<Span>,
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_digest_is_sha256_in_hex() {
        assert_eq!(
            super::sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
