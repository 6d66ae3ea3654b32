//! The stable codes of the publish gate's findings.
//!
//! Contract: one variant per kind of finding, kebab-case in JSON and in the
//! generated TypeScript enum (so the window's `switch`es must name each);
//! a code is never renamed once shipped.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a finding is about, as a stable code the UI and scripts branch on
/// (kebab-case in JSON and TypeScript; never renamed once shipped).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum FindingCode {
    CitationDangling,
    FactDateUnsupported,
    FactEmpty,
    FactEvidenceUnchecked,
    FactNameUnsupported,
    FactNumberUnsupported,
    FactTooLong,
    FactUncited,
    FactUnterminated,
    FactsMissing,
    FactsSingleOutlet,
    HeadlineMissing,
    HeadlineMultiline,
    HeadlineTooLong,
    LanguageInvalid,
    NarrativeAxisUnnamed,
    NarrativeCriticalMissing,
    NarrativeOutletMissing,
    NarrativeProMissing,
    NarrativeSideMissing,
    NarrativeStanceMismatch,
    NarrativeTextMissing,
    PredictionProbabilityInvalid,
    PredictionStatementMissing,
    QuoteNotFound,
    QuoteUnchecked,
    SourceChangedSinceCited,
    SourceGone,
    SourceOutletMissing,
    SourceOutletUnrated,
    SourceUncited,
    SourceUrlDuplicate,
    SourceUrlInvalid,
    SourceUrlMissing,
    TextBidiControl,
}

impl FindingCode {
    pub fn as_str(self) -> &'static str {
        match self {
            FindingCode::CitationDangling => "citation-dangling",
            FindingCode::FactDateUnsupported => "fact-date-unsupported",
            FindingCode::FactEmpty => "fact-empty",
            FindingCode::FactEvidenceUnchecked => "fact-evidence-unchecked",
            FindingCode::FactNameUnsupported => "fact-name-unsupported",
            FindingCode::FactNumberUnsupported => "fact-number-unsupported",
            FindingCode::FactTooLong => "fact-too-long",
            FindingCode::FactUncited => "fact-uncited",
            FindingCode::FactUnterminated => "fact-unterminated",
            FindingCode::FactsMissing => "facts-missing",
            FindingCode::FactsSingleOutlet => "facts-single-outlet",
            FindingCode::HeadlineMissing => "headline-missing",
            FindingCode::HeadlineMultiline => "headline-multiline",
            FindingCode::HeadlineTooLong => "headline-too-long",
            FindingCode::LanguageInvalid => "language-invalid",
            FindingCode::NarrativeAxisUnnamed => "narrative-axis-unnamed",
            FindingCode::NarrativeCriticalMissing => "narrative-critical-missing",
            FindingCode::NarrativeOutletMissing => "narrative-outlet-missing",
            FindingCode::NarrativeProMissing => "narrative-pro-missing",
            FindingCode::NarrativeSideMissing => "narrative-side-missing",
            FindingCode::NarrativeStanceMismatch => "narrative-stance-mismatch",
            FindingCode::NarrativeTextMissing => "narrative-text-missing",
            FindingCode::PredictionProbabilityInvalid => "prediction-probability-invalid",
            FindingCode::PredictionStatementMissing => "prediction-statement-missing",
            FindingCode::QuoteNotFound => "quote-not-found",
            FindingCode::QuoteUnchecked => "quote-unchecked",
            FindingCode::SourceChangedSinceCited => "source-changed-since-cited",
            FindingCode::SourceGone => "source-gone",
            FindingCode::SourceOutletMissing => "source-outlet-missing",
            FindingCode::SourceOutletUnrated => "source-outlet-unrated",
            FindingCode::SourceUncited => "source-uncited",
            FindingCode::SourceUrlDuplicate => "source-url-duplicate",
            FindingCode::SourceUrlInvalid => "source-url-invalid",
            FindingCode::SourceUrlMissing => "source-url-missing",
            FindingCode::TextBidiControl => "text-bidi-control",
        }
    }
}

impl std::fmt::Display for FindingCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for FindingCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}
