//! Tauri commands, one module per domain; each unpacks its arguments and
//! calls the core. [`names::COMMANDS`] lists them for the permission manifest.

pub mod backups;
pub mod files;
pub mod find;
/// The list of every command (`build.rs` includes it; tests check it).
#[cfg(test)]
pub mod names;
pub mod outlets;
pub mod review;
pub mod stories;
pub mod transfer;
pub mod workflow;
