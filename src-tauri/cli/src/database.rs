//! Opening the database the way each command needs it.
//!
//! Contract: reading commands open it read-only (nothing is created,
//! migrated or written, and a writer elsewhere never blocks them); writing
//! commands open it for writing, which checks the file and migrates an older
//! schema only after a backup, and say on stderr where that backup is.

use crate::output::Failure;
use factdesk_core::paths;
use factdesk_core::store::Store;
use std::path::Path;

pub fn read(db: Option<&Path>) -> Result<Store, Failure> {
    let path = paths::resolve_db(db)?;
    Ok(Store::open_read(&path)?)
}

pub fn write(db: Option<&Path>) -> Result<Store, Failure> {
    let path = paths::resolve_db_for_writing(db)?;
    let store = Store::open(&path)?;
    if let Some(backup) = store.migration_backup() {
        eprintln!(
            "factdesk: {} was migrated to schema version {}; the database as it was is backed up at {}",
            path.display(),
            factdesk_core::store::migrations::latest(),
            backup.display()
        );
    }
    Ok(store)
}
