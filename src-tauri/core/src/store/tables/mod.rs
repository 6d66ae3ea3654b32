//! The store's tables: one module per table, each the SQL that reads and
//! writes its rows, written once for both backends over [`super::db`].
//!
//! Contract: a table module runs inside the caller's transaction and never
//! opens one; it knows its own rows (and, for a story's parts, the rows
//! they cite) and no workflow rule; it may call down into the engine, never
//! up into [`super::ops`].

pub(in crate::store) mod changes;
pub(in crate::store) mod citations;
pub mod editions;
pub(in crate::store) mod facts;
pub(in crate::store) mod narratives;
pub mod outlets;
pub(in crate::store) mod patches;
pub(in crate::store) mod predictions;
pub mod revisions;
pub(in crate::store) mod search_index;
pub(in crate::store) mod search_pending;
pub mod settings;
pub(in crate::store) mod sources;
pub(in crate::store) mod stories;
pub mod transitions;
