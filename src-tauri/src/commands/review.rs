//! Commands of the attribution review and of sources made from articles.

use crate::error::IpcError;
use crate::state::{AppState, Use};
use factdesk_core::article::{self, Article};
use factdesk_core::model::{Source, Story};
use factdesk_core::review::Review;
use std::path::PathBuf;
use tauri::State;

#[tauri::command]
pub async fn review_story(state: State<'_, AppState>, story: Story) -> Result<Review, IpcError> {
    Ok(state.desk().review_story(&story))
}

#[tauri::command]
pub async fn read_article_text(text: String) -> Result<Article, IpcError> {
    factdesk_core::input::check_size(std::path::Path::new("pasted article"), text.len())?;
    Ok(article::read(&text))
}

/// Reads an article file chosen in the open dialog.
#[tauri::command]
pub async fn read_article_file(state: State<'_, AppState>, path: PathBuf) -> Result<Article, IpcError> {
    state.picked().check(&path, Use::Read)?;
    Ok(article::read_file(&path)?)
}

#[tauri::command]
pub fn article_source(article: Article, outlet: String, url: String) -> Source {
    article::source(&article, &outlet, &url)
}
