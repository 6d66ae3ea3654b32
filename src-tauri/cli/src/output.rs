//! How the CLI speaks: failures with their exit status, lines on stdout,
//! files written atomically, and the publish checks as a table.

use factdesk_core::checks::{Finding, Severity};
use factdesk_core::Error;
use std::io::Write;
use std::path::Path;

/// A failure already worded for the user, with its exit status.
pub struct Failure {
    pub message: String,
    pub status: u8,
}

impl Failure {
    /// A usage or input problem (exit status 2).
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            status: 2,
        }
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::usage(e.to_string())
    }
}

pub fn io_failure(path: &Path, e: std::io::Error) -> Failure {
    Failure::usage(format!("{}: {e}", path.display()))
}

pub fn stdout_line(s: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{s}").map_err(|e| io_failure(Path::new("<stdout>"), e))
}

/// Prints `value` as one line of JSON.
pub fn json_line(value: &impl serde::Serialize) -> Result<(), Failure> {
    stdout_line(&serde_json::to_string(value).map_err(|e| Failure::usage(e.to_string()))?)
}

/// Writes to `path` atomically, or to stdout when there is none.
pub fn write_output(path: Option<&Path>, bytes: &[u8]) -> Result<(), Failure> {
    match path {
        Some(path) => Ok(factdesk_core::db_files::write_atomically(path, bytes)?),
        None => std::io::stdout()
            .lock()
            .write_all(bytes)
            .map_err(|e| io_failure(Path::new("<stdout>"), e)),
    }
}

pub fn print_findings(findings: &[Finding]) -> Result<(), Failure> {
    let count = |sev| findings.iter().filter(|f| f.severity == sev).count();
    for f in findings {
        let sev = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        stdout_line(&format!("{sev:<8} {:<30} {}", f.code, f.message))?;
        if !f.detail.is_empty() {
            let condensed = factdesk_core::history::condensed(&f.detail, 8);
            let words = factdesk_core::history::spans_to_text(&condensed);
            stdout_line(&format!(
                "{:<39} {}",
                "",
                words.split_whitespace().collect::<Vec<_>>().join(" ")
            ))?;
        }
    }
    stdout_line(&format!(
        "{} error(s), {} warning(s), {} note(s)",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    ))
}
