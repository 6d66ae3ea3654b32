//! Live updates from a team database: a connection that hears every
//! change to the desk's stories.
//!
//! Contract: the server announces each change to a story's row (a save, a
//! transition, a delete) on [`CHANNEL`] when its transaction commits (a
//! trigger in the baseline schema); a [`Listener`] returns those changes as
//! they come, and says [`Error::Offline`] when its connection is gone, so
//! the caller connects again, then asks for the `Store::heads`
//! of what it shows, to catch up with what it missed.

use crate::error::{Error, Result};
use crate::store::engine::pg::{blocking, connect_client, mask, CHANNEL};

/// A story changed by someone, as announced on [`CHANNEL`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct StoryChange {
    #[ts(type = "number")]
    pub story: crate::model::StoryId,
    #[ts(type = "number")]
    pub version: i64,
    /// Who saved it (empty for a delete).
    pub by: String,
    /// The kind of save (`edit`, `transition`, `restore`, …) or `delete`.
    pub kind: String,
    pub status: String,
}

/// A connection that hears every change to the desk's stories.
pub struct Listener {
    client: postgres::Client,
    place: String,
    /// When the connection last proved alive (a notification or a ping).
    alive_at: std::time::Instant,
}

/// How long a quiet listener waits before it asks the server whether the
/// connection still stands: a server that restarted closes it without the
/// client always noticing, and a listener that never heard of it would
/// stay deaf for good.
const PING_AFTER: std::time::Duration = std::time::Duration::from_secs(5);

impl Listener {
    /// Connects to the team database at `url` and starts listening.
    pub fn connect(url: &str) -> Result<Listener> {
        let place = mask(url);
        blocking(|| {
            let mut client = connect_client(url)?;
            client
                .batch_execute(&format!("LISTEN {CHANNEL}"))
                .map_err(|e| Error::Pg(e).in_file(std::path::Path::new(&place)))?;
            Ok(Listener {
                client,
                place: place.clone(),
                alive_at: std::time::Instant::now(),
            })
        })
    }

    /// The changes announced within `wait` (returning at the first one, with
    /// any that came with it); empty when none came. An error means the
    /// connection is gone ([`Error::Offline`]): connect again.
    pub fn next(&mut self, wait: std::time::Duration) -> Result<Vec<StoryChange>> {
        blocking(|| self.next_here(wait))
    }

    fn next_here(&mut self, wait: std::time::Duration) -> Result<Vec<StoryChange>> {
        let place = self.place.clone();
        let named = |e: postgres::Error| Error::Pg(e).in_file(std::path::Path::new(&place));
        use fallible_iterator::FallibleIterator;
        let mut out = Vec::new();
        let first = self
            .client
            .notifications()
            .timeout_iter(wait)
            .next()
            .map_err(named)?;
        if let Some(n) = first {
            out.push(n);
            let mut notes = self.client.notifications();
            let mut rest = notes.iter();
            while let Some(n) = rest.next().map_err(named)? {
                out.push(n);
            }
        }
        let gone = || Error::Offline {
            place: place.clone(),
            why: "the connection was closed".into(),
        };
        if out.is_empty() && self.client.is_closed() {
            return Err(gone());
        }
        if !out.is_empty() {
            self.alive_at = std::time::Instant::now();
        } else if self.alive_at.elapsed() >= PING_AFTER {
            self.client.batch_execute("SELECT 1").map_err(|_| gone())?;
            self.alive_at = std::time::Instant::now();
        }
        Ok(out
            .into_iter()
            .filter(|n| n.channel() == CHANNEL)
            .filter_map(|n| serde_json::from_str(n.payload()).ok())
            .collect())
    }
}
