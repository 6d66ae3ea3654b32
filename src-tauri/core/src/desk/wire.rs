//! The desk's side of the wire: its feeds, pulling them, the events of the
//! last hours, and a story started from one.
//!
//! Contract: no fetch runs under the store's lock — a pull takes the lock
//! once to read the feeds and once per feed to record it; a start captures
//! the pages first and stores the draft in one write. Both run under a
//! token the window chose, which [`Desk::cancel_fetch`] stops. A pull is
//! told to every window (`wire-pulled`). The pull interval is this
//! editor's setting; how long items are kept is the desk's.

use super::Desk;
use crate::capture::Limits;
use crate::error::Result;
use crate::model::now;
use crate::wire::{self, pull, start, Event, Feed, PullReport, Started, WireFilter};
use serde::Serialize;
use ts_rs::TS;

/// Minutes between pulls unless an editor chose otherwise.
pub const DEFAULT_PULL_MINUTES: u32 = 30;
/// The longest interval an editor may choose (a day).
pub const MAX_PULL_MINUTES: u32 = 24 * 60;

/// The token of the timed pull (the window's own tokens count up from 1).
const TIMED_PULL: u64 = u64::MAX;

/// What the Wire view shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WireView {
    /// Newest first, as filtered.
    pub events: Vec<Event>,
    /// Before filtering.
    pub total: usize,
    pub hours: u32,
    /// When a feed was last pulled (none: never).
    #[ts(type = "string | null")]
    pub pulled_at: Option<chrono::DateTime<chrono::Utc>>,
    pub feeds: usize,
    /// What shows while they are pulled: "Pulling 5 feeds…".
    pub pulling: String,
    /// The outlets that have feeds, to filter by.
    pub outlets: Vec<String>,
    /// What to say when no event is shown.
    pub empty: Option<String>,
}

impl Desk {
    /// The desk's feeds.
    pub fn feeds(&self) -> Result<Vec<Feed>> {
        self.store().feeds()
    }

    /// Adds a feed under a registry outlet.
    pub fn add_feed(&self, outlet: &str, url: &str) -> Result<Feed> {
        self.store().add_feed(outlet, url)
    }

    pub fn remove_feed(&self, url: &str) -> Result<()> {
        self.store().remove_feed(url)
    }

    /// Pulls every feed under `token` and tells the windows.
    pub fn pull_feeds(&self, token: u64) -> Result<PullReport> {
        self.pull_these(&self.feeds()?, token)
    }

    fn pull_these(&self, feeds: &[Feed], token: u64) -> Result<PullReport> {
        let cancel = self.start_fetch(token);
        let report = pull::run(feeds, &Limits::default(), &cancel, now(), |feed, pulled, at| {
            pull::apply(&mut self.store(), feed, pulled, at)
        });
        self.end_fetch(token);
        let report = report?;
        self.shared
            .host
            .tell(super::DeskEvent::WirePulled(report.clone()));
        Ok(report)
    }

    /// The events of the last `hours` hours that `filter` keeps.
    pub fn wire(&self, hours: u32, filter: &WireFilter) -> Result<WireView> {
        let (all, feeds) = {
            let store = self.store();
            (wire::list(&store, hours, now())?, store.feeds()?)
        };
        let mut outlets: Vec<String> = feeds.iter().map(|f| f.outlet.clone()).collect();
        outlets.dedup();
        let total = all.len();
        let events = wire::filter(all, filter);
        let pulled_at = feeds.iter().filter_map(|f| f.pulled_at).max();
        let filtered = filter.outlet.is_some() || filter.coverage.is_some();
        Ok(WireView {
            empty: match events.is_empty() {
                true => {
                    wire::words::wire_empty(feeds.len(), pulled_at.is_some(), hours, filtered && total > 0)
                }
                false => None,
            },
            total,
            events,
            hours,
            pulled_at,
            feeds: feeds.len(),
            pulling: wire::words::pulling(feeds.len()),
            outlets,
        })
    }

    /// Starts a draft from event `id` of the last `hours` hours with the
    /// items `chosen` (all when empty), capturing their pages under `token`.
    pub fn start_from_event(&self, id: &str, hours: u32, chosen: &[String], token: u64) -> Result<Started> {
        let (event, registry) = {
            let store = self.store();
            (start::find_event(&store, id, hours, now())?, store.registry()?)
        };
        let cancel = self.start_fetch(token);
        let started = start::run(
            &event,
            chosen,
            &registry,
            &Limits::default(),
            &cancel,
            |story, snapshots| self.store().create_story_with_snapshots(story, snapshots),
        );
        self.end_fetch(token);
        started
    }

    /// The window's timed pull: when this editor's interval has passed
    /// since any feed was last pulled (0: never on a timer). `None` when
    /// nothing was due.
    pub fn pull_if_due(&self) -> Result<Option<PullReport>> {
        let minutes = self.wire_pull_minutes();
        // A desk opened read-only keeps what was pulled; it cannot record more.
        if minutes == 0 || !self.store().writable() {
            return Ok(None);
        }
        let feeds = self.feeds()?;
        let last = feeds.iter().filter_map(|f| f.pulled_at).max();
        let due = !feeds.is_empty()
            && last.is_none_or(|at| now() - at >= chrono::Duration::minutes(i64::from(minutes)));
        match due {
            true => self.pull_these(&feeds, TIMED_PULL).map(Some),
            false => Ok(None),
        }
    }

    /// Minutes between the window's pulls (0: only when asked).
    pub fn wire_pull_minutes(&self) -> u32 {
        self.settings_file()
            .and_then(|f| crate::user_settings::load(&f).wire_pull_minutes)
            .unwrap_or(DEFAULT_PULL_MINUTES)
            .min(MAX_PULL_MINUTES)
    }

    /// Sets the minutes between the window's pulls (this editor's settings).
    pub fn set_wire_pull_minutes(&self, minutes: u32) -> Result<super::Settings> {
        if minutes > MAX_PULL_MINUTES {
            return Err(crate::error::Error::Refused {
                code: crate::error::ErrorCode::BadInput,
                message: wire::words::bad_pull_minutes(minutes, MAX_PULL_MINUTES),
            });
        }
        if let Some(file) = self.settings_file() {
            let mut settings = crate::user_settings::load(&file);
            settings.wire_pull_minutes = Some(minutes);
            crate::user_settings::save(&file, &settings)?;
        }
        self.settings()
    }
}
