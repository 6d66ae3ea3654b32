//! The error shape that crosses IPC: `{code, message}`.
//!
//! Contract: every command returns `Result<T, IpcError>`; `code` is the core's
//! stable [`factdesk_core::Error::code`] (or an app-level code such as
//! `busy`), so the UI branches on it and shows `message` to the editor.

use factdesk_core::error::ErrorCode;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
}

impl From<factdesk_core::Error> for IpcError {
    fn from(e: factdesk_core::Error) -> Self {
        tracing::warn!(code = e.code(), "command failed: {e}");
        IpcError {
            code: e.error_code(),
            message: e.to_string(),
        }
    }
}

impl IpcError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        IpcError {
            code,
            message: message.into(),
        }
    }
}
