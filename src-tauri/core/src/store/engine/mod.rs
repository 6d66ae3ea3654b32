//! The store's engine: connections and transactions on either backend, and
//! what keeps a database file whole — opening it safely, migrating its
//! schema, watching that it is still the file at its path, backing it up.
//!
//! Contract: the engine knows tables only as SQL and knows no story: it
//! never calls up into `tables` or `ops` (a migration's
//! work over stories is passed in, see [`migrations::DataStep`]). Each
//! schema version's SQLite and PostgreSQL files sit side by side in
//! `migrations/NNNN/`.

pub mod backup;
pub mod citing;
pub mod db;
pub(crate) mod doc_sizes;
pub(crate) mod kept;
pub(in crate::store) mod live;
pub mod migrations;
pub mod open;
pub mod pg;
pub mod ranking;
pub mod scratch;
pub(in crate::store) mod watch;
