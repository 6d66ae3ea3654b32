//! Operations that combine formats, checks and the store, shared by app and CLI.
//!
//! Contract: [`parse_story`] is the one way input becomes a story (format
//! sniffed when not given, errors naming the input); [`import_text`] stores it
//! as a new draft and writes nothing unless the whole story parsed;
//! [`publish`] publishes only when the gate and the workflow allow it, and
//! otherwise changes nothing.

use crate::checks::{self, Finding};
use crate::editions::Action;
use crate::error::{Error, Result};
use crate::formats::reposted::Rating;
use crate::formats::{self, Format};
use crate::model::{SaveKind, Status, StoredStory, StoryId};
use crate::store::{ImportNote, Store};
use std::path::Path;

/// Reads `text`, which came from `origin` (a path, or a label such as
/// "pasted text", for error messages), in `format` or the sniffed one.
pub fn parse_story(origin: &Path, text: &str, format: Option<Format>) -> Result<crate::model::Story> {
    parse_input(origin, text, format).map(|(story, _)| story)
}

/// [`parse_story`], with the outlet ratings a reposted bullet list gives
/// (none for other input), for [`offer_ratings`].
pub fn parse_input(
    origin: &Path,
    text: &str,
    format: Option<Format>,
) -> Result<(crate::model::Story, Vec<Rating>)> {
    let bad = |why: String| Error::BadInput {
        path: origin.to_path_buf(),
        why,
    };
    if matches!(format, None | Some(Format::Itn)) && formats::reposted::looks_like(text) {
        let read = formats::reposted::read(text).map_err(bad)?;
        return Ok((read.story, read.ratings));
    }
    let format = format.unwrap_or_else(|| formats::sniff(text));
    let story = format.import(text).map_err(bad)?;
    match story.duplicate_id() {
        Some(why) => Err(bad(why)),
        None => Ok((story, Vec::new())),
    }
}

/// Offers a reposted list's ratings to the outlet registry: an outlet it
/// lacks is added with them; one it rates otherwise is only reported (the
/// registry is the desk's own judgement). The notes say what happened.
pub fn offer_ratings(store: &mut Store, ratings: &[Rating]) -> Result<Vec<ImportNote>> {
    if ratings.is_empty() {
        return Ok(Vec::new());
    }
    let registry = store.registry()?;
    let (mut added, mut notes) = (Vec::new(), Vec::new());
    for r in ratings {
        match registry.by_name(&r.outlet) {
            None if r.lr.is_some() || r.cp.is_some() => {
                added.push(crate::model::Outlet {
                    name: r.outlet.clone(),
                    lr: r.lr,
                    cp: r.cp,
                    ..Default::default()
                });
                notes.push(ImportNote::OutletAdded(r.clone()));
            }
            Some(o) if (r.lr.is_some() && r.lr != o.lr) || (r.cp.is_some() && r.cp != o.cp) => {
                let kept = Rating {
                    outlet: o.name.clone(),
                    lr: o.lr,
                    cp: o.cp,
                };
                notes.push(ImportNote::RatingDiffers(r.clone(), kept));
            }
            _ => {}
        }
    }
    if !added.is_empty() {
        store.upsert_outlets(&added)?;
    }
    Ok(notes)
}

/// Imports `text`, which came from `origin`, as a new draft story. Parses
/// first: the store is touched only when the whole story has been read.
/// Returns what the import changed (a claimed status, a taken uid).
pub fn import_text(
    store: &mut Store,
    origin: &Path,
    text: &str,
    format: Option<Format>,
) -> Result<(StoredStory, Vec<ImportNote>)> {
    let (story, ratings) = parse_input(origin, text, format)?;
    let (stored, mut notes) = store.import_story(&story)?;
    notes.extend(offer_ratings(store, &ratings)?);
    Ok((stored, notes))
}

/// What [`publish`] did.
#[derive(Debug)]
pub enum PublishOutcome {
    Published(StoredStory),
    AlreadyPublished(StoredStory),
    /// The gate's findings; nothing was changed.
    Refused(Vec<Finding>),
}

/// Publishes story `id` when its checks pass and the workflow allows it
/// (approved, or the second-editor rule off; a correction note for a story
/// published before). The transition itself checks the gate again inside
/// its write transaction, so what is published is exactly what was checked.
pub fn publish(store: &mut Store, id: StoryId, note: &str) -> Result<PublishOutcome> {
    let current = store.load_story(id)?;
    if current.workflow.state == Status::Published {
        return Ok(PublishOutcome::AlreadyPublished(current));
    }
    match store.transition(id, None, Action::Publish, note) {
        Ok(saved) => Ok(PublishOutcome::Published(saved)),
        Err(Error::NotPublishable(_)) => {
            let story = store.load_story(id)?.story;
            Ok(PublishOutcome::Refused(checks::check(&story, &store.registry()?)))
        }
        // Another publisher got there first (the check above ran before
        // they committed): the edition is published, which is what was asked.
        Err(e) => match store.load_story(id)? {
            now if now.workflow.state == Status::Published
                && current.workflow.edition == now.workflow.edition =>
            {
                Ok(PublishOutcome::AlreadyPublished(now))
            }
            _ => Err(e),
        },
    }
}

/// Adds a source made from `article` to story `id`, returning the saved
/// story and the new source's identity.
pub fn add_article_source(
    store: &mut Store,
    id: StoryId,
    article: &crate::article::Article,
    outlet: &str,
    url: &str,
) -> Result<(StoredStory, crate::model::SourceId)> {
    let source = crate::article::source(article, outlet, url);
    let source_id = source.id;
    let (saved, ()) = store.update_story(id, None, SaveKind::Edit, |story| {
        story.sources.push(source);
        Ok(())
    })?;
    Ok((saved, source_id))
}

/// Keeps `article`'s text as the saved text of source number `n` of story
/// `id` (and its title, when the source has none), in one write transaction.
pub fn attach_article(
    store: &mut Store,
    id: StoryId,
    n: usize,
    article: &crate::article::Article,
) -> Result<StoredStory> {
    let (saved, ()) = store.update_story(id, None, SaveKind::Edit, |story| {
        let numbering = crate::numbering::Numbering::of(story);
        let source_id = n
            .checked_sub(1)
            .and_then(|i| numbering.order.get(i))
            .copied()
            .ok_or_else(|| Error::BadInput {
                path: std::path::PathBuf::from(format!("story {id}")),
                why: format!("it has no source number {n} (it has {})", numbering.order.len()),
            })?;
        if let Some(source) = story.sources.iter_mut().find(|s| s.id == source_id) {
            source.saved_text = article.text.clone();
            if source.title.trim().is_empty() {
                source.title = article.title.clone();
            }
        }
        Ok(())
    })?;
    Ok(saved)
}

/// Reads a registry CSV file, all or nothing; nothing is stored.
pub fn read_outlets_csv(path: &Path) -> Result<Vec<crate::model::Outlet>> {
    let text = crate::input::read_text(path)?;
    crate::registry::parse_csv(&text).map_err(|errors| Error::BadInput {
        path: path.to_path_buf(),
        why: errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; "),
    })
}

/// Imports a registry CSV all or nothing (updating outlets by name);
/// returns how many outlets it held.
pub fn import_outlets_csv(store: &mut Store, path: &Path) -> Result<usize> {
    let outlets = read_outlets_csv(path)?;
    store.upsert_outlets(&outlets)?;
    Ok(outlets.len())
}
