//! The wire: items from outlets' feeds, grouped into the events they report.
//!
//! Contract: pure functions over items already pulled; no network, no
//! store. [`group`] turns items into events by the similarity of their
//! words within a time window (see `group.rs` for the method), the same
//! way every time for the same items.

mod group;

pub use group::{group, Params, WireItem};
