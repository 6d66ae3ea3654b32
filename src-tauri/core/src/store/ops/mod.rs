//! The store's operations: every `impl Store` method a caller uses — open,
//! read, save, transition, search, trash, look after the file — each one
//! transaction over the table modules.
//!
//! Contract: an operation checks what the store owns (versions, ids,
//! timestamps, the publishing gate, the trash) inside its transaction and
//! names the file or server in every error; the rules themselves (what a
//! transition allows, what a check finds) live in the core's own modules,
//! which operations call and which never call back into the store.

pub mod access;
pub(in crate::store) mod captures;
pub(in crate::store) mod catch_up;
pub(in crate::store) mod content;
pub mod copy;
mod copy_aside;
mod copy_docs;
mod copy_merge;
mod copy_plain;
pub mod coverage;
pub(in crate::store) mod edits;
mod listing;
pub(in crate::store) mod maintenance;
pub(in crate::store) mod opening;
pub(in crate::store) mod outlets;
pub mod presence;
pub(in crate::store) mod reading;
pub mod search;
mod search_marks;
mod search_ranked;
pub mod trash;
pub(in crate::store) mod upgrades;
pub mod wire;
pub(in crate::store) mod workflow;
