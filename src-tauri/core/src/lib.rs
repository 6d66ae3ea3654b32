//! Factdesk's core: everything but the window.
//!
//! Contract: this crate has no Tauri dependency. It holds the story model
//! ([`model`]), derived source numbering ([`numbering`]), the publish gate
//! ([`checks`]), the words readers see ([`wording`]), the interchange
//! formats (registered once in [`formats`]), the store ([`store`]: SQLite
//! or PostgreSQL) and the editing session a window works in ([`desk`]).
//! The app and the `factdesk` CLI are thin shells over it and must behave
//! the same. docs/ARCHITECTURE.md draws the house.

pub mod analysis;
pub mod article;
pub mod batch;
pub mod capture;
pub mod checks;
pub mod counts;
pub mod db_files;
pub mod desk;
pub mod editions;
pub mod editor;
pub mod error;
pub mod evidence;
pub mod fields;
pub mod find;
pub mod finding_code;
pub mod formats;
#[doc(hidden)]
pub mod fuzzing;
pub mod history;
pub mod input;
pub mod journal;
pub mod language;
pub mod layout;
pub mod list_words;
pub mod model;
pub mod numbering;
pub mod paths;
pub mod quotes;
pub mod registry;
pub mod review;
pub mod sample;
pub mod search;
pub mod sourcing;
pub mod store;
pub mod urls;
pub mod user_settings;
pub mod versions;
pub mod wire;
pub mod wording;
mod workflow;
pub mod working;

pub use error::{Error, Result};
pub use workflow::{
    add_article_source, attach_article, import_outlets_csv, import_text, offer_ratings, parse_input,
    parse_story, publish, read_outlets_csv, PublishOutcome,
};
