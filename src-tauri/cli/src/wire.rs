//! `feeds …` and `wire …`: outlets' feeds pulled into events.
//!
//! Contract: `feeds add OUTLET URL` puts a feed under a registry outlet,
//! `feeds list` shows each with its last pull, `feeds remove URL` takes one
//! off, `feeds keep [DAYS]` shows or sets how long items are kept, `feeds
//! pull` fetches them all with conditional requests (a failing feed is
//! named on stderr and the others still pulled; exit 1 when any failed).
//! `wire` lists the events of the last hours (newest first), `wire start
//! EVENT` makes a draft from one and prints its id. Every line comes from
//! core's words.

use crate::database;
use crate::output::{json_line, stdout_line, Failure};
use crate::sources::FetchLimits;
use factdesk_core::model::now;
use factdesk_core::wire::{self, start, words};
use std::path::Path;
use std::sync::atomic::AtomicBool;

/// What `feeds` does.
#[derive(clap::Subcommand)]
pub enum FeedsCommand {
    /// Add a feed (RSS, Atom or JSON Feed) under an outlet of the registry.
    Add { outlet: String, url: String },
    /// List the feeds with when each was last pulled and how it went.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Take a feed off the desk (its items stay until they age out).
    Remove { url: String },
    /// Show, or set, how many days of items the desk keeps (default 7).
    Keep {
        #[arg(value_parser = clap::value_parser!(u32).range(1..=365))]
        days: Option<u32>,
    },
    /// Fetch every feed (conditionally) and keep the new items.
    Pull {
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        limits: FetchLimits,
    },
}

/// What `wire` does besides listing.
#[derive(clap::Subcommand)]
pub enum WireCommand {
    /// Start a draft from an event: its headline, and each item (all, or those given with
    /// --item) as a numbered source, captured from the web where the page can be read.
    Start {
        event: String,
        /// An item's address; repeat for several (default: every item of the event).
        #[arg(long = "item", value_name = "URL")]
        items: Vec<String>,
        #[arg(long, default_value_t = wire::DEFAULT_HOURS)]
        hours: u32,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        limits: FetchLimits,
    },
}

/// `factdesk feeds …`.
pub fn feeds(db: Option<&Path>, command: FeedsCommand) -> Result<u8, Failure> {
    match command {
        FeedsCommand::Add { outlet, url } => {
            let feed = database::write(db)?.add_feed(&outlet, &url)?;
            stdout_line(&words::feed_added(&feed.url, &feed.outlet))?;
        }
        FeedsCommand::List { json } => {
            let feeds = database::read(db)?.feeds()?;
            match json {
                true => json_line(&feeds)?,
                false => {
                    for feed in &feeds {
                        stdout_line(&words::feed_line(feed))?;
                    }
                }
            }
        }
        FeedsCommand::Remove { url } => database::write(db)?.remove_feed(&url)?,
        FeedsCommand::Keep { days: Some(days) } => database::write(db)?.set_wire_keep_days(days)?,
        FeedsCommand::Keep { days: None } => {
            stdout_line(&database::read(db)?.wire_keep_days()?.to_string())?;
        }
        FeedsCommand::Pull { json, limits } => {
            let mut store = database::write(db)?;
            let report = wire::pull::pull(&mut store, &limits.limits(), &AtomicBool::new(false), now())?;
            match json {
                true => json_line(&report)?,
                false => {
                    for failed in report.feeds.iter().filter(|f| !f.ok) {
                        eprintln!("factdesk: {}: {}", failed.url, failed.outcome);
                    }
                    stdout_line(&report.summary)?;
                }
            }
            return Ok(u8::from(report.feeds.iter().any(|f| !f.ok)));
        }
    }
    Ok(0)
}

/// `factdesk wire [--hours N] [--json]` and `wire start …`.
pub fn wire(db: Option<&Path>, command: Option<WireCommand>, hours: u32, json: bool) -> Result<u8, Failure> {
    match command {
        None => {
            let events = wire::list(&database::read(db)?, hours, now())?;
            match json {
                true => json_line(&events)?,
                false => {
                    for event in &events {
                        stdout_line(&words::event_lines(event))?;
                    }
                }
            }
        }
        Some(WireCommand::Start {
            event,
            items,
            hours,
            json,
            limits,
        }) => {
            let mut store = database::write(db)?;
            let found = start::find_event(&store, &event, hours, now())?;
            let started = start::start(
                &mut store,
                &found,
                &items,
                &limits.limits(),
                &AtomicBool::new(false),
            )?;
            match json {
                true => json_line(&started)?,
                false => {
                    for source in started.sources.iter().filter(|s| !s.captured) {
                        if let Some(note) = &source.note {
                            eprintln!("factdesk: note: [{}] {}: {note}", source.number, source.url);
                        }
                    }
                    stdout_line(&started.story.id.to_string())?;
                }
            }
        }
    }
    Ok(0)
}
