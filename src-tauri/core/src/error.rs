//! The one error type of the core, with stable codes for the UI and scripts.
//!
//! Contract: every fallible core operation returns [`Error`]; [`Error::code`]
//! is a stable kebab-case string the app sends across IPC and the CLI maps to
//! exit codes; `Display` is one line a person can act on.

use crate::model::StoryId;
use std::path::PathBuf;

/// Every code an error can carry across IPC (the app adds `not-permitted`
/// and `ipc`), generated into TypeScript so the window's `switch`es must
/// name each one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum ErrorCode {
    NotFound,
    Conflict,
    NewerDatabase,
    NotADatabase,
    Io,
    BadInput,
    NotPublishable,
    Database,
    Corrupt,
    Damaged,
    NeedsMigration,
    MigrationFailed,
    ReadOnly,
    BadQuery,
    WrongState,
    NoteRequired,
    SecondEditorRequired,
    EditionLocked,
    NotPublished,
    NoSuchEdition,
    NoSuchVersion,
    OutletExists,
    NotPermitted,
    Ipc,
    Offline,
    FileReplaced,
    FetchFailed,
    Cancelled,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::NotFound => "not-found",
            ErrorCode::Conflict => "conflict",
            ErrorCode::NewerDatabase => "newer-database",
            ErrorCode::NotADatabase => "not-a-database",
            ErrorCode::Io => "io",
            ErrorCode::BadInput => "bad-input",
            ErrorCode::NotPublishable => "not-publishable",
            ErrorCode::Database => "database",
            ErrorCode::Corrupt => "corrupt",
            ErrorCode::Damaged => "damaged",
            ErrorCode::NeedsMigration => "needs-migration",
            ErrorCode::MigrationFailed => "migration-failed",
            ErrorCode::ReadOnly => "read-only",
            ErrorCode::BadQuery => "bad-query",
            ErrorCode::WrongState => "wrong-state",
            ErrorCode::NoteRequired => "note-required",
            ErrorCode::SecondEditorRequired => "second-editor-required",
            ErrorCode::EditionLocked => "edition-locked",
            ErrorCode::NotPublished => "not-published",
            ErrorCode::NoSuchEdition => "no-such-edition",
            ErrorCode::NoSuchVersion => "no-such-version",
            ErrorCode::OutletExists => "outlet-exists",
            ErrorCode::NotPermitted => "not-permitted",
            ErrorCode::Ipc => "ipc",
            ErrorCode::Offline => "offline",
            ErrorCode::FileReplaced => "file-replaced",
            ErrorCode::FetchFailed => "fetch-failed",
            ErrorCode::Cancelled => "cancelled",
        }
    }
}

/// Result with the core's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no story with id {0}")]
    NotFound(StoryId),
    #[error("{} saved story {id} since this edit began (now version {current}, this edit started from {expected}); nothing was overwritten: reload it or keep this text as a copy", who_saved(by))]
    Conflict {
        id: StoryId,
        expected: i64,
        current: i64,
        /// Who made the version the edit lost to (empty when not known).
        by: String,
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
    /// An SQLite error inside the store, before [`Error::in_file`] names the file.
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("{path}: {}", sqlite_words(source))]
    Database { path: PathBuf, source: rusqlite::Error },
    /// A PostgreSQL error inside the store, before [`Error::in_file`] names the server.
    #[error("database server error: {0}")]
    Pg(#[from] postgres::Error),
    /// A PostgreSQL error, with the server's address (password masked).
    #[error("{place}: {}", pg_words(source))]
    Server { place: String, source: postgres::Error },
    /// The team database cannot be reached (down, network away, refused).
    #[error("{place}: the team database cannot be reached ({why}); nothing was written there")]
    Offline { place: String, why: String },
    #[error("stored data is damaged: {0}")]
    Corrupt(String),
    #[error("{path}: the database is damaged ({detail}); nothing was written. {advice}")]
    Damaged {
        path: PathBuf,
        detail: String,
        /// What to do: restore a named backup, or run `factdesk doctor`.
        advice: String,
    },
    #[error("{path}: schema version {found} is older than this build's {latest}; run `factdesk migrate` (it takes a backup first) or open it in the app, then try again")]
    NeedsMigration { path: PathBuf, found: i64, latest: i64 },
    #[error("{path}: the migration was rolled back and nothing changed: {why}")]
    MigrationFailed { path: PathBuf, why: String },
    /// A search query that cannot be run, worded for the editor.
    #[error("search: {0}")]
    BadQuery(String),
    /// A workflow rule says no; `code` is stable (`wrong-state`,
    /// `note-required`, `second-editor-required`, `edition-locked`, …).
    #[error("{message}")]
    Refused { code: ErrorCode, message: String },
    /// The file at the database's path is no longer the one the store
    /// opened: nothing was written.
    #[error("{path}: {why}; nothing was written. Close Factdesk and open the database again")]
    FileReplaced { path: PathBuf, why: String },
    #[error("{path}: cannot be changed: the database is read-only here (the file, its folder or the disk); reading commands still work")]
    ReadOnly { path: PathBuf },
}

/// How a conflict names who saved.
fn who_saved(by: &str) -> &str {
    match by.trim() {
        "" => "Someone else",
        name => name,
    }
}

impl Error {
    /// A stable kebab-case code naming the kind of failure.
    pub fn code(&self) -> &'static str {
        self.error_code().as_str()
    }

    /// [`Error::code`] as the generated enum.
    pub fn error_code(&self) -> ErrorCode {
        match self {
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::Conflict { .. } => ErrorCode::Conflict,
            Error::NewerDatabase { .. } => ErrorCode::NewerDatabase,
            Error::NotADatabase { .. } => ErrorCode::NotADatabase,
            Error::Io { .. } => ErrorCode::Io,
            Error::BadInput { .. } => ErrorCode::BadInput,
            Error::NotPublishable(_) => ErrorCode::NotPublishable,
            Error::Sql(_) | Error::Database { .. } | Error::Pg(_) | Error::Server { .. } => {
                ErrorCode::Database
            }
            Error::Offline { .. } => ErrorCode::Offline,
            Error::Corrupt(_) => ErrorCode::Corrupt,
            Error::Damaged { .. } => ErrorCode::Damaged,
            Error::NeedsMigration { .. } => ErrorCode::NeedsMigration,
            Error::MigrationFailed { .. } => ErrorCode::MigrationFailed,
            Error::ReadOnly { .. } => ErrorCode::ReadOnly,
            Error::FileReplaced { .. } => ErrorCode::FileReplaced,
            Error::Refused { code, .. } => *code,
            Error::BadQuery(_) => ErrorCode::BadQuery,
        }
    }

    /// Whether SQLite stopped the statement on request (a time budget).
    pub fn interrupted(&self) -> bool {
        match self {
            Error::Sql(e) | Error::Database { source: e, .. } => {
                e.sqlite_error_code() == Some(rusqlite::ErrorCode::OperationInterrupted)
            }
            _ => false,
        }
    }

    /// Names `path` in an SQLite error that does not name its file yet, so
    /// every database error a person sees says which database it is about.
    pub fn in_file(self, path: &std::path::Path) -> Error {
        match self {
            Error::Sql(source) => match source.sqlite_error_code() {
                Some(rusqlite::ErrorCode::ReadOnly) => Error::ReadOnly {
                    path: path.to_path_buf(),
                },
                _ => Error::Database {
                    path: path.to_path_buf(),
                    source,
                },
            },
            Error::Pg(source) => {
                let place = path.display().to_string();
                if let Some(refused) = server_refusal(&place, &source) {
                    return refused;
                }
                match offline_reason(&source) {
                    Some(why) => Error::Offline { place, why },
                    None => {
                        tracing::warn!(%place, detail = %pg_detail(&source), "team database error");
                        Error::Server { place, source }
                    }
                }
            }
            Error::Corrupt(why) => Error::Damaged {
                path: path.to_path_buf(),
                detail: why,
                advice: "Run `factdesk doctor` to see what is damaged.".into(),
            },
            other => other,
        }
    }
}

/// Why a PostgreSQL error means the server cannot be reached, if it does:
/// a closed connection or a failure below the protocol (refused, reset,
/// timed out), as opposed to the server answering with an error. Said in
/// Factdesk's words; the driver's and the server's own text goes to the log.
pub fn offline_reason(e: &postgres::Error) -> Option<String> {
    let why = offline_kind(e)?;
    tracing::warn!(detail = %e, "the team database cannot be reached");
    Some(why.into())
}

fn offline_kind(e: &postgres::Error) -> Option<&'static str> {
    if let Some(db) = e.as_db_error() {
        // Class 08 (connection exception) and 57 (operator intervention:
        // the server shutting down or restarting) mean it is going away.
        let code = db.code().code();
        return match code {
            c if c.starts_with("57P") => Some("the server is shutting down or restarting"),
            c if c.starts_with("08") => Some("the connection to the server failed"),
            _ => None,
        };
    }
    if e.is_closed() {
        return Some("the connection was closed");
    }
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        if let Some(io) = c.downcast_ref::<std::io::Error>() {
            use std::io::ErrorKind as K;
            return Some(match io.kind() {
                K::ConnectionRefused => "the server refused the connection; is it running?",
                K::TimedOut | K::WouldBlock => "the server did not answer in time",
                K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe | K::UnexpectedEof => {
                    "the connection to the server was cut"
                }
                K::NotFound => "the server's address was not found",
                _ => "the network to the server failed",
            });
        }
        cause = c.source();
    }
    let text = e.to_string();
    match (text.contains("timed out"), text.contains("connect")) {
        (true, _) => Some("the server did not answer in time"),
        (false, true) => Some("the connection to the server failed"),
        _ => None,
    }
}

/// A server error that is Factdesk's own answer: a rule the server enforces
/// (its triggers word the refusal; a missing grant is worded here), or a
/// statement stopped by its time budget.
fn server_refusal(place: &str, e: &postgres::Error) -> Option<Error> {
    let db = e.as_db_error()?;
    match db.code().code() {
        "42501" => Some(Error::Refused {
            code: ErrorCode::NotPermitted,
            message: match db.message().strip_prefix("factdesk: ") {
                Some(rule) => format!("{place}: the server refused: {rule}"),
                None => format!(
                    "{place}: the server refused: your login's role does not allow this change{} (see docs/DEPLOYMENT.md, roles)",
                    db.table().map(|t| format!(" to {t}")).unwrap_or_default()
                ),
            },
        }),
        "57014" => Some(Error::BadQuery(crate::store::search::TOO_LONG.into())),
        _ => None,
    }
}

/// An SQLite failure in Factdesk's words; the engine's text goes to the log.
fn sqlite_words(e: &rusqlite::Error) -> String {
    tracing::warn!(detail = %e, "database error");
    use rusqlite::ErrorCode as C;
    match e.sqlite_error_code() {
        Some(C::DatabaseBusy | C::DatabaseLocked) => {
            "another program is writing to the database; try again in a moment".into()
        }
        Some(C::OperationInterrupted) => "the operation took too long and was stopped".into(),
        Some(C::DiskFull) => "the disk is full; nothing was written".into(),
        Some(C::ReadOnly) => "the database is read-only here".into(),
        Some(C::CannotOpen) => "the database file cannot be opened".into(),
        Some(C::DatabaseCorrupt | C::NotADatabase) => "the database is damaged; run `factdesk doctor`".into(),
        Some(C::ConstraintViolation) => {
            "the change breaks one of the database's rules and was not made".into()
        }
        _ => "the database could not do this; the details are in the log".into(),
    }
}

/// The server's certificate did not pass the check sslmode verify-ca /
/// verify-full asked for; `other_name`: it is valid but names another server.
/// (Raised by the TLS layer of `store::engine::pg`, worded here.)
#[derive(Debug)]
pub struct Unverified {
    pub other_name: bool,
}

impl std::fmt::Display for Unverified {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.other_name {
            true => "the team database's certificate names another server than the address asked for; use the name its certificate gives",
            false => "the team database's certificate is not signed by an authority this computer trusts; give its root certificate as sslrootcert=FILE",
        })
    }
}

impl std::error::Error for Unverified {}

/// A server failure in Factdesk's words; the server's text goes to the log.
fn pg_words(e: &postgres::Error) -> String {
    let refused = std::error::Error::source(e).and_then(|s| s.downcast_ref::<Unverified>());
    if let Some(refused) = refused {
        return refused.to_string();
    }
    let Some(db) = e.as_db_error() else {
        return "the team database could not do this; the details are in the log".into();
    };
    match db.code().code() {
        "40001" | "40P01" | "55P03" => {
            "another editor changed the same thing at the same moment; try again".into()
        }
        "23505" => "that already exists on the team database".into(),
        c if c.starts_with("23") => "the change breaks one of the database's rules and was not made".into(),
        c if c.starts_with("53") || c == "54000" => "the request is too large for the team database".into(),
        c => format!("the team database could not do this (code {c}); the details are in the log"),
    }
}

/// What the server said, rather than the driver's "db error".
fn pg_detail(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{} ({})", db.message(), db.code().code()),
        None => e.to_string(),
    }
}
