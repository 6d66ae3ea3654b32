//! `source fetch` and `sources recheck`: sources captured from the web.
//!
//! Contract: `source fetch STORY URL` captures the page as a new source of
//! the story (with its dated snapshot) and prints the source's number; a
//! failed fetch says why in one line and leaves the story as it was.
//! `sources recheck` refetches captured sources conditionally, keeps a new
//! snapshot when the article changed or the page went away, and prints what
//! it found; the stories' findings say the rest (`factdesk check`).

use crate::database;
use crate::output::{json_line, stdout_line, Failure};
use factdesk_core::capture::Limits;
use factdesk_core::model::StoryId;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

/// How long one fetch may take, in seconds.
#[derive(clap::Args, Clone, Copy)]
pub struct FetchLimits {
    /// The longest one fetch may take, redirects and body included (seconds).
    #[arg(long, value_name = "SECONDS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=300))]
    timeout: u64,
}

impl FetchLimits {
    pub fn limits(self) -> Limits {
        Limits {
            timeout: Duration::from_secs(self.timeout),
            ..Limits::default()
        }
    }
}

/// What `sources` does.
#[derive(clap::Subcommand)]
pub enum SourcesCommand {
    /// Refetch the captured sources of a story (or of every story, --all) and keep a new
    /// snapshot when an article changed or its page is gone; `factdesk check` then names them.
    Recheck {
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        story: Option<StoryId>,
        #[arg(long)]
        all: bool,
        /// With --all: only stories published (or, never published, last updated) on or after DATE.
        #[arg(long, value_name = "YYYY-MM-DD", requires = "all")]
        since: Option<chrono::NaiveDate>,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        limits: FetchLimits,
    },
}

/// `factdesk source fetch STORY URL [--outlet NAME]`.
pub fn fetch(
    db: Option<&Path>,
    story: StoryId,
    url: &str,
    outlet: Option<&str>,
    limits: FetchLimits,
) -> Result<u8, Failure> {
    let mut store = database::write(db)?;
    let (_, n, capture) =
        factdesk_core::sourcing::capture_source(&mut store, story, url, outlet, &limits.limits())?;
    if outlet.is_none() {
        if let Some(note) = &capture.outlet_note {
            eprintln!("factdesk: note: {note}");
        }
    }
    stdout_line(&n.to_string())?;
    Ok(0)
}

/// `factdesk sources recheck …`.
pub fn run(db: Option<&Path>, command: SourcesCommand) -> Result<u8, Failure> {
    let SourcesCommand::Recheck {
        story,
        all: _,
        since,
        json,
        limits,
    } = command;
    let mut store = database::write(db)?;
    let stories = match story {
        Some(id) => vec![id],
        None => store.captured_stories(since.and_then(|d| d.and_hms_opt(0, 0, 0)).map(|t| t.and_utc()))?,
    };
    let report =
        factdesk_core::sourcing::recheck(&mut store, &stories, &limits.limits(), &AtomicBool::new(false))?;
    if json {
        json_line(&report)?;
    } else {
        for failed in &report.failed {
            eprintln!("factdesk: {failed}");
        }
        stdout_line(&report.line)?;
    }
    Ok(0)
}
