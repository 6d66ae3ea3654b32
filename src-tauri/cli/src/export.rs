//! `export`: one story to stdout or a file, several (or all) to a folder.

use crate::database;
use crate::output::{io_failure, stdout_line, write_output, Failure};
use factdesk_core::formats::Format;
use factdesk_core::model::StoryId;
use factdesk_core::store::{EditionRef, Store};
use std::path::{Path, PathBuf};

/// What `export` writes, and where.
#[derive(clap::Args)]
pub struct Request {
    ids: Vec<StoryId>,
    /// Every story in the database.
    #[arg(long, conflicts_with = "ids")]
    all: bool,
    #[arg(long, value_parser = crate::parse_format)]
    format: Format,
    /// Which edition: latest (the one being worked on), published (the one readers see) or a number.
    #[arg(long, default_value = "latest", value_parser = crate::workflow::parse_edition)]
    edition: EditionRef,
    /// The file (one story; replaced atomically) or the folder (several).
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,
    /// Replace files a batch export finds already there.
    #[arg(long)]
    overwrite: bool,
}

pub fn export(db: Option<&Path>, req: Request) -> Result<u8, Failure> {
    let Request {
        ids,
        all,
        format,
        edition,
        output,
        overwrite,
    } = req;
    match (ids.as_slice(), all) {
        ([id], false) => {
            // The desk writes a file itself (refusing its own database);
            // stdout gets the text.
            let desk = database::desk(database::read(db)?);
            match output.as_deref() {
                Some(path) => desk.export_story_file(*id, edition, format, path)?,
                None => write_output(None, desk.export_story(*id, edition, format)?.as_bytes())?,
            }
            Ok(0)
        }
        ([], false) => Err(Failure::usage("export needs a story id, several ids, or --all")),
        _ => {
            let dir = output.ok_or_else(|| Failure::usage("exporting several stories needs -o FOLDER"))?;
            export_batch(&database::read(db)?, &ids, format, edition, &dir, overwrite)
        }
    }
}

/// Stories read in one read transaction by a batch export.
const READ_TOGETHER: usize = 256;

/// Exports `ids` (or every story when empty) into `dir`, refusing to replace
/// existing files unless `overwrite`; shows progress on a terminal.
fn export_batch(
    store: &Store,
    ids: &[StoryId],
    format: Format,
    edition: EditionRef,
    dir: &Path,
    overwrite: bool,
) -> Result<u8, Failure> {
    use std::io::IsTerminal;
    let stories: Vec<(StoryId, String)> = if ids.is_empty() {
        let listing = store.list_stories()?;
        crate::report_unreadable(&listing.unreadable);
        listing.stories.into_iter().map(|s| (s.id, s.headline)).collect()
    } else {
        store.headlines(ids)?
    };
    std::fs::create_dir_all(dir).map_err(|e| io_failure(dir, e))?;
    let plan = factdesk_core::batch::plan(&stories, format, dir);
    let existing: Vec<&str> = plan
        .iter()
        .filter(|p| p.exists)
        .map(|p| p.path.as_str())
        .collect();
    if !existing.is_empty() && !overwrite {
        return Err(Failure::usage(format!(
            "{} file(s) already exist (use --overwrite to replace them): {}",
            existing.len(),
            existing.join(", ")
        )));
    }
    let progress = std::io::stderr().is_terminal();
    let mut done = 0;
    // Stories are read a chunk at a time in one read transaction each (the
    // file's locks taken once a chunk), and written outside it.
    for chunk in plan.chunks(READ_TOGETHER) {
        let ids: Vec<StoryId> = chunk.iter().map(|p| p.id).collect();
        for (planned, story) in chunk.iter().zip(store.edition_stories(&ids, edition)?) {
            factdesk_core::db_files::write_atomically(
                Path::new(&planned.path),
                format.export(&story).as_bytes(),
            )?;
            done += 1;
            if progress {
                eprint!("\rexporting {done}/{}", plan.len());
            }
        }
    }
    if progress {
        eprintln!();
    }
    stdout_line(&format!("exported {} stories to {}", plan.len(), dir.display()))?;
    Ok(0)
}
