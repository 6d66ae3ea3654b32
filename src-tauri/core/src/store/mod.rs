//! The store of stories, their revisions and the outlet registry: an SQLite
//! file (the default) or a team database on a PostgreSQL server
//! ([`Store::open_server`], see [`pg`]), with the same model and rules.
//!
//! Laid out as it works, calls going down only: [`ops`] holds the `impl
//! Store` operations callers use, each one transaction over [`tables`] (one
//! module per table, its SQL written once for both backends), which run on
//! the [`engine`] (connections, opening, migrations, backups, the live
//! listener); `handle.rs` holds the [`Store`] itself and the transaction
//! wrappers every operation goes through. This file is the store's public
//! face: what callers outside the store name.
//!
//! Contract: [`Store::open_read`] opens an existing database without writing
//! anything (no migration, no journal-mode change, no table created);
//! [`Store::open`] opens one for writing: it refuses another application's
//! file, a database from a newer build and a damaged file untouched, takes a
//! backup before migrating an older schema, and runs in WAL mode with
//! foreign keys on and a busy timeout. Every write is one transaction; every
//! error names the file. A save must carry the version it started from: a
//! stale one is refused with [`crate::error::Error::Conflict`] and nothing
//! is overwritten; each accepted save keeps the previous state as a
//! revision. The store owns
//! ids and timestamps. On a server, errors name its address with the
//! password masked, and file-only operations (backups, integrity checks) are
//! refused with a message saying the server does them.

pub mod engine;
pub mod ops;
pub mod tables;

pub use engine::{backup, db, migrations, open, pg, scratch};
pub use ops::{copy, coverage, presence, search, trash};
pub use tables::revisions;

mod handle;
pub use handle::{Store, DAILY_BACKUPS_KEPT};

pub use backup::{Backup, Reason as BackupReason};
pub use ops::content::{GateResult, ImportNote};
pub use ops::maintenance::{log_daily_backup, Compacted, Health};
pub use ops::workflow::{EditionRef, History};
pub use revisions::{Revision, RevisionInfo};
pub use tables::stories::{StoryListing, Unreadable};
pub use trash::{Trashed, Untrashed};

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
