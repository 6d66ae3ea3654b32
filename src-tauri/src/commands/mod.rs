//! Tauri commands, one module per domain; each unpacks its arguments and
//! calls the core.

pub mod outlets;
pub mod review;
pub mod stories;
pub mod transfer;
