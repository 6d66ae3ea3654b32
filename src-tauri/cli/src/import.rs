//! `factdesk import FILE…`: story files into the desk as new drafts.
//!
//! Contract: every file is read and parsed before the database is opened,
//! so bad input never creates or touches it; then all the stories are
//! stored in one transaction — all or nothing — and each new id printed in
//! the files' order. With `--each` a file that cannot be read or stored is
//! named on stderr and the others still imported (those that parse go in
//! one transaction; if it is refused, each is stored on its own), ending
//! with a one-line summary and exit 1 when any failed.

use crate::database;
use crate::output::{stdout_line, Failure};
use factdesk_core::formats::reposted::Rating;
use factdesk_core::formats::Format;
use factdesk_core::model::Story;
use std::path::{Path, PathBuf};

/// `factdesk import FILE… [--format F] [--each]`.
pub fn import(
    db: Option<&Path>,
    files: &[PathBuf],
    format: Option<Format>,
    each: bool,
) -> Result<u8, Failure> {
    let mut read: Vec<(&PathBuf, Story, Vec<Rating>)> = Vec::new();
    let mut failed = 0usize;
    for file in files {
        let parsed = factdesk_core::input::read_text(file)
            .and_then(|text| factdesk_core::parse_input(file, &text, format));
        match parsed {
            Ok((story, ratings)) => read.push((file, story, ratings)),
            Err(e) if each => {
                eprintln!("factdesk: {e}");
                failed += 1;
            }
            Err(e) => return Err(e.into()),
        }
    }
    if read.is_empty() {
        return Err(Failure::usage(factdesk_core::wording::nothing_imported(
            files.len(),
        )));
    }
    let mut store = database::write(db)?;
    let stories: Vec<Story> = read.iter().map(|(_, s, _)| s.clone()).collect();
    let stored = match store.import_stories(&stories) {
        Ok(ids) => ids.into_iter().map(Ok).collect(),
        Err(e) if !each => return Err(e.into()),
        // One story the store refuses would take the others with it:
        // store each on its own, and name the ones refused.
        Err(_) => stories
            .iter()
            .map(|s| store.import_story(s).map(|(saved, notes)| (saved.id, notes)))
            .collect::<Vec<_>>(),
    };
    let mut imported = 0usize;
    for ((file, _, ratings), result) in read.iter().zip(stored) {
        match result {
            Ok((id, mut notes)) => {
                notes.extend(factdesk_core::offer_ratings(&mut store, ratings)?);
                for note in notes {
                    eprintln!("factdesk: note: {}: {note}", file.display());
                }
                stdout_line(&id.to_string())?;
                imported += 1;
            }
            Err(e) => {
                eprintln!("factdesk: {}: {e}", file.display());
                failed += 1;
            }
        }
    }
    if each {
        eprintln!(
            "factdesk: {}",
            factdesk_core::wording::imported_each(imported, failed)
        );
    }
    Ok(u8::from(failed > 0))
}
