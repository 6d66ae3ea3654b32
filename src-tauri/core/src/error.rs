//! The one error type of the core, with stable codes for the UI and scripts.
//!
//! Contract: every fallible core operation returns [`Error`]; [`Error::code`]
//! is a stable kebab-case string the app sends across IPC and the CLI maps to
//! exit codes; `Display` is one line a person can act on.

use crate::model::StoryId;
use std::path::PathBuf;

/// Result with the core's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no story with id {0}")]
    NotFound(StoryId),
    #[error("story {id} was saved elsewhere (now version {current}, this edit started from {expected}); reload it or keep this text as a copy")]
    Conflict {
        id: StoryId,
        expected: i64,
        current: i64,
    },
    #[error("{path}: written by a newer Factdesk (schema version {found}; this build knows up to {supported}); the file was left untouched")]
    NewerDatabase {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("{path}: not a Factdesk database ({why})")]
    NotADatabase { path: PathBuf, why: String },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: {why}")]
    BadInput { path: PathBuf, why: String },
    #[error("the story cannot be published: {0} error(s) in the publish checks")]
    NotPublishable(usize),
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("stored data is damaged: {0}")]
    Corrupt(String),
}

impl Error {
    /// A stable kebab-case code naming the kind of failure.
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotFound(_) => "not-found",
            Error::Conflict { .. } => "conflict",
            Error::NewerDatabase { .. } => "newer-database",
            Error::NotADatabase { .. } => "not-a-database",
            Error::Io { .. } => "io",
            Error::BadInput { .. } => "bad-input",
            Error::NotPublishable(_) => "not-publishable",
            Error::Database(_) => "database",
            Error::Corrupt(_) => "corrupt",
        }
    }
}
