//! Factdesk's core: everything but the window.
//!
//! Contract: this crate has no Tauri dependency. It holds the story model
//! ([`model`]), derived source numbering ([`numbering`]), the publish gate
//! ([`checks`]), the interchange formats ([`itn`], [`native`], chosen through
//! [`formats`]), and the SQLite [`store`]. The app and the `factdesk` CLI are
//! thin shells over it and must behave the same.

pub mod analysis;
pub mod article;
pub mod batch;
pub mod checks;
pub mod db_files;
pub mod desk;
pub mod editions;
pub mod editor;
pub mod error;
pub mod export;
pub mod fields;
pub mod finding_code;
pub mod formats;
#[doc(hidden)]
pub mod fuzzing;
pub mod history;
pub mod input;
pub mod itn;
pub mod journal;
pub mod layout;
pub mod model;
pub mod native;
pub mod numbering;
pub mod paths;
pub mod quotes;
pub mod registry;
pub mod review;
pub mod sample;
pub mod search;
pub mod store;
pub mod urls;
pub mod user_settings;
pub mod wording;
mod workflow;
pub mod working;

pub use error::{Error, Result};
pub use workflow::{
    add_article_source, attach_article, import_outlets_csv, import_text, parse_story, publish,
    read_outlets_csv, PublishOutcome,
};
