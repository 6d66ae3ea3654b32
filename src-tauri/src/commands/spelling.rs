//! Spell checking as the editor types: WebKitGTK's checker (enchant over
//! the hunspell dictionaries `scripts/setup.sh` installs), in the open
//! story's language, with its suggestions on right-click. The core says
//! which languages there are and which dictionary a story spells with;
//! this only tells the web view, and reports what the web view then does.

use crate::error::IpcError;
use factdesk_core::error::ErrorCode;
use factdesk_core::language::{self, LanguageChoice, Spelling};

/// The languages a story may be written in (`current` among them).
#[tauri::command]
pub fn language_choices(current: String) -> Vec<LanguageChoice> {
    language::choices(&current)
}

/// Spell-checks the window's text in `language`'s dictionary (or not at
/// all when this computer has none), and says what the web view does now.
#[tauri::command]
pub async fn set_spelling(window: tauri::WebviewWindow, language: String) -> Result<Spelling, IpcError> {
    let dictionary = language::installed_dictionary(&language).map(str::to_string);
    let (checking, dictionary) = apply(&window, dictionary).await?;
    Ok(Spelling::new(language, dictionary, checking))
}

/// Sets the web context's spell checking and reads it back.
#[cfg(target_os = "linux")]
async fn apply(
    window: &tauri::WebviewWindow,
    dictionary: Option<String>,
) -> Result<(bool, Option<String>), IpcError> {
    use webkit2gtk::{WebContextExt, WebViewExt};
    let (tx, rx) = tokio::sync::oneshot::channel();
    window
        .with_webview(move |view| {
            let Some(context) = view.inner().context() else {
                let _ = tx.send((false, None));
                return;
            };
            context.set_spell_checking_enabled(dictionary.is_some());
            if let Some(d) = &dictionary {
                context.set_spell_checking_languages(&[d.as_str()]);
            }
            let now = context.spell_checking_languages().first().map(|g| g.to_string());
            let _ = tx.send((context.is_spell_checking_enabled(), now));
        })
        .map_err(|e| {
            IpcError::new(
                ErrorCode::Ipc,
                format!("the window could not set spell checking: {e}"),
            )
        })?;
    rx.await
        .map_err(|_| IpcError::new(ErrorCode::Ipc, "the window did not answer about spell checking"))
}

#[cfg(not(target_os = "linux"))]
async fn apply(
    _window: &tauri::WebviewWindow,
    _dictionary: Option<String>,
) -> Result<(bool, Option<String>), IpcError> {
    Ok((false, None))
}
