//! What the app keeps between commands: the open store.
//!
//! Contract: one [`Store`] per app, behind a mutex; commands hold the lock
//! only for the duration of one core call.

use crate::error::IpcError;
use factdesk_core::store::Store;
use std::sync::{Mutex, MutexGuard};

pub struct AppState {
    store: Mutex<Store>,
}

impl AppState {
    pub fn new(store: Store) -> Self {
        AppState {
            store: Mutex::new(store),
        }
    }

    /// The store; a panic in an earlier command does not lock editors out.
    pub fn store(&self) -> Result<MutexGuard<'_, Store>, IpcError> {
        Ok(self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner()))
    }
}
