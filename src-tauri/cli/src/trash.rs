//! `delete` and `trash`: drafts deleted from the desk wait in the trash,
//! whole, until they are restored or purged.

use crate::database;
use crate::output::{json_line, stdout_line, Failure};
use factdesk_core::model::StoryId;
use std::path::Path;

/// What `trash` does; with none, it lists the trash.
#[derive(clap::Subcommand)]
pub enum TrashCommand {
    /// Bring a story back from the trash with its id, uid and history.
    Restore { id: StoryId },
    /// Delete for good the stories in the trash (all, or those deleted more than DAYS ago).
    Purge {
        #[arg(long, value_name = "DAYS")]
        older_than: Option<i64>,
    },
}

/// `factdesk delete ID`: moves a never-published story to the trash.
pub fn delete(db: Option<&Path>, id: StoryId) -> Result<u8, Failure> {
    let store = database::write(db)?;
    let trashed = database::desk(store).delete_story(id)?;
    stdout_line(&trashed.said)?;
    Ok(0)
}

/// `factdesk trash [--json]` and its subcommands.
pub fn trash(db: Option<&Path>, command: Option<TrashCommand>, json: bool) -> Result<u8, Failure> {
    match command {
        None => {
            let list = database::desk(database::read(db)?).trash()?;
            if json {
                json_line(&list)?;
                return Ok(0);
            }
            for t in &list {
                stdout_line(&format!(
                    "{:>6}  deleted {} by {:<12}  purged after {}  {}",
                    t.id,
                    t.deleted_at.format("%Y-%m-%d %H:%M"),
                    if t.deleted_by.is_empty() {
                        "-"
                    } else {
                        &t.deleted_by
                    },
                    t.purge_after.format("%Y-%m-%d"),
                    t.headline
                ))?;
            }
            Ok(0)
        }
        Some(TrashCommand::Restore { id }) => {
            let store = database::write(db)?;
            stdout_line(&database::desk(store).untrash_story(id)?.said)?;
            Ok(0)
        }
        Some(TrashCommand::Purge { older_than }) => {
            let purged = database::write(db)?.purge_trash(older_than)?;
            stdout_line(&format!("purged {} stories from the trash", purged.len()))?;
            Ok(0)
        }
    }
}
