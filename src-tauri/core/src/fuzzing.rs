//! The entry points the fuzz targets (`fuzz/`) and their regression test
//! share: one per importer, each taking raw bytes as a file would bring them.
//!
//! Contract: none of these may panic, hang or grow without bound on any
//! input; importers report bad input as errors. Where an importer accepts
//! its input, the story must also survive the store's own checks (unique
//! identities) and every export format.

use crate::formats::Format;

/// A fuzz target: raw bytes in, nothing out, never a panic.
pub type Target = fn(&[u8]);

/// Every target's name with its function, as `fuzz/` and the tests use them.
pub const TARGETS: &[(&str, Target)] = &[
    ("itn", itn),
    ("web_page", web_page),
    ("json", json),
    ("ninjs", ninjs),
    ("article", article),
    ("outlets_csv", outlets_csv),
];

fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

fn story(format: Format, data: &[u8]) {
    let Some(t) = text(data) else { return };
    if let Ok(story) = crate::parse_story(std::path::Path::new("fuzz"), t, Some(format)) {
        for out in Format::ALL {
            let _ = out.export(&story);
        }
        crate::checks::check(&story, &crate::registry::Registry::default());
    }
}

/// Canonical text.
pub fn itn(data: &[u8]) {
    story(Format::Itn, data);
}

/// A published web page's copy: the same importer, sniffed as a user would.
pub fn web_page(data: &[u8]) {
    let Some(t) = text(data) else { return };
    let format = crate::formats::sniff(t);
    story(format, data);
}

/// Native JSON.
pub fn json(data: &[u8]) {
    story(Format::Json, data);
}

/// IPTC ninjs.
pub fn ninjs(data: &[u8]) {
    story(Format::Ninjs, data);
}

/// A raw article, text or HTML.
pub fn article(data: &[u8]) {
    if let Some(t) = text(data) {
        crate::article::read(t);
    }
}

/// The outlet registry's CSV.
pub fn outlets_csv(data: &[u8]) {
    if let Some(t) = text(data) {
        if let Ok(outlets) = crate::registry::parse_csv(t) {
            let _ = crate::registry::to_csv(&outlets);
        }
    }
}
