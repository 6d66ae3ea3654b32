//! Commands of the attribution review: the review itself and raw articles.

use crate::error::IpcError;
use crate::state::AppState;
use factdesk_core::article::{self, Article};
use factdesk_core::model::Story;
use factdesk_core::review::{self, Review};
use std::path::PathBuf;
use tauri::State;

/// The review of an (unsaved) story against the registry.
#[tauri::command]
pub fn review_story(state: State<'_, AppState>, story: Story) -> Result<Review, IpcError> {
    let registry = state.store()?.registry()?;
    Ok(review::review(&story, &registry))
}

/// Reads a pasted article (text or HTML).
#[tauri::command]
pub fn read_article_text(text: String) -> Article {
    article::read(&text)
}

/// Reads an article file chosen in the open dialog.
#[tauri::command]
pub fn read_article_file(path: PathBuf) -> Result<Article, IpcError> {
    Ok(article::read_file(&path)?)
}
