//! Events as the editor sees them: grouped items with the outlets covering
//! them, their lean and their blind spot.
//!
//! Contract: [`events`] groups stored items ([`super::group`]) and describes
//! each event — an id that stays the same while its first item stays on the
//! wire (from that item's address), its first item's title, its items in
//! publication order, the outlets covering it once each, their LR and CP
//! spread from the registry (each outlet counted once, the Review view's
//! histogram) and its [`Blindspot`]. Events come newest first (by their
//! newest item). [`filter`] keeps the events an editor asked for. Pure.

use super::group::{group, Params, WireItem};
use crate::registry::{outlet_key, Registry};
use crate::review::Histogram;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

/// An item as the desk keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredItem {
    pub outlet: String,
    pub url: String,
    pub title: String,
    pub summary: String,
    pub published: DateTime<Utc>,
    /// Whether `published` is the item's own date (else when it was first seen).
    pub dated: bool,
}

/// One item of an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct EventItem {
    pub outlet: String,
    pub url: String,
    pub title: String,
    #[ts(type = "string")]
    pub published: DateTime<Utc>,
    /// Whether the feed gave the date (else it is when the item was first seen).
    pub dated: bool,
    pub lr: Option<u8>,
    pub cp: Option<u8>,
}

/// The side an event is covered from only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum Blindspot {
    /// Every rated outlet covering it is establishment-critical (CP ≤ 2).
    CriticalOnly,
    /// Every rated outlet covering it is pro-establishment (CP ≥ 4).
    ProOnly,
}

/// An event on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "WireEvent")]
pub struct Event {
    /// `w` and ten hex digits of the SHA-256 of its first item's address.
    pub id: String,
    /// The first item's title (the suggested headline).
    pub title: String,
    #[ts(type = "string")]
    pub newest: DateTime<Utc>,
    pub items: Vec<EventItem>,
    /// The outlets covering it, once each, in the order they first did.
    pub outlets: Vec<String>,
    /// The covering outlets' ratings, each outlet counted once.
    pub lean: Histogram,
    /// The same outlets by side of CP (the bar the Wire view draws).
    pub sides: Sides,
    pub blindspot: Option<Blindspot>,
    /// The blind spot in words, for the editor.
    pub note: Option<String>,
    /// "3 items · 2 outlets".
    pub size: String,
    /// The start button's words for each number of items chosen, from
    /// none to all: "Start a story from 2 items".
    pub start_labels: Vec<String>,
    /// What shows while that many chosen pages are captured.
    pub capturing_labels: Vec<String>,
}

/// The covering outlets by side of CP: establishment-critical (1–2),
/// centre (3), pro-establishment (4–5), and without a CP rating.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "WireSides")]
pub struct Sides {
    pub critical: u32,
    pub centre: u32,
    pub pro: u32,
    pub unrated: u32,
}

impl Sides {
    pub fn of(lean: &Histogram) -> Sides {
        let cp = lean.cp;
        Sides {
            critical: cp[0] + cp[1],
            centre: cp[2],
            pro: cp[3] + cp[4],
            unrated: lean.cp_unrated,
        }
    }

    /// The side an event of `items` items is covered from only, if any
    /// (unrated outlets are not known to be the other side).
    fn blindspot(&self, items: usize) -> Option<Blindspot> {
        match (items >= BLINDSPOT_ITEMS, self.critical, self.centre, self.pro) {
            (true, 1.., 0, 0) => Some(Blindspot::CriticalOnly),
            (true, 0, 0, 1..) => Some(Blindspot::ProOnly),
            _ => None,
        }
    }
}

/// An event needs this many items before one-sided coverage is a blind spot.
pub const BLINDSPOT_ITEMS: usize = 3;

/// The events `items` report, newest first.
pub fn events(items: &[StoredItem], registry: &Registry) -> Vec<Event> {
    let grouped = group(
        &items
            .iter()
            .map(|i| WireItem {
                title: i.title.clone(),
                summary: i.summary.clone(),
                published: i.published,
            })
            .collect::<Vec<_>>(),
        &Params::default(),
    );
    let mut events: Vec<Event> = grouped.into_iter().map(|g| event(&g, items, registry)).collect();
    events.sort_by(|a, b| b.newest.cmp(&a.newest).then_with(|| a.id.cmp(&b.id)));
    events
}

fn event(members: &[usize], items: &[StoredItem], registry: &Registry) -> Event {
    let mut lean = Histogram::default();
    let mut outlets: Vec<String> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    let shown: Vec<EventItem> = members
        .iter()
        .map(|&i| {
            let item = &items[i];
            let rated = registry
                .by_name(&item.outlet)
                .or_else(|| registry.by_url(&item.url));
            let name = rated.map_or(item.outlet.clone(), |o| o.name.clone());
            let (lr, cp) = (rated.and_then(|o| o.lr), rated.and_then(|o| o.cp));
            let key = outlet_key(&name);
            if !keys.contains(&key) {
                keys.push(key);
                outlets.push(name.clone());
                lean.add(lr, cp);
            }
            EventItem {
                outlet: name,
                url: item.url.clone(),
                title: item.title.clone(),
                published: item.published,
                dated: item.dated,
                lr,
                cp,
            }
        })
        .collect();
    let sides = Sides::of(&lean);
    let blindspot = sides.blindspot(shown.len());
    let first = &shown[0];
    let size = super::words::event_size(shown.len(), outlets.len());
    Event {
        id: event_id(&first.url),
        title: first.title.clone(),
        newest: shown.iter().map(|i| i.published).max().unwrap_or(first.published),
        outlets,
        lean,
        sides,
        note: blindspot.map(super::words::blindspot),
        blindspot,
        size,
        start_labels: (0..=shown.len()).map(super::words::start_from).collect(),
        capturing_labels: (0..=shown.len()).map(super::words::capturing).collect(),
        items: shown,
    }
}

fn event_id(url: &str) -> String {
    let digest = Sha256::digest(url.as_bytes());
    let hex: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
    format!("w{hex}")
}

/// Which events an editor wants to see.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WireFilter {
    /// Only events this outlet covers (as the registry matches names).
    #[serde(default)]
    pub outlet: Option<String>,
    /// Only events with this coverage.
    #[serde(default)]
    pub coverage: Option<Coverage>,
}

/// The coverage an editor filters events by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export, rename = "WireCoverage")]
pub enum Coverage {
    /// Blind spots of either side.
    Blindspots,
    CriticalOnly,
    ProOnly,
    /// Covered by rated outlets on both sides of CP.
    BothSides,
}

/// The events of `events` that `filter` keeps, in their order.
pub fn filter(events: Vec<Event>, filter: &WireFilter) -> Vec<Event> {
    let outlet = filter.outlet.as_deref().map(outlet_key).filter(|k| !k.is_empty());
    events
        .into_iter()
        .filter(|e| {
            outlet
                .as_ref()
                .is_none_or(|k| e.outlets.iter().any(|o| outlet_key(o) == *k))
        })
        .filter(|e| match filter.coverage {
            None => true,
            Some(Coverage::Blindspots) => e.blindspot.is_some(),
            Some(Coverage::CriticalOnly) => e.blindspot == Some(Blindspot::CriticalOnly),
            Some(Coverage::ProOnly) => e.blindspot == Some(Blindspot::ProOnly),
            Some(Coverage::BothSides) => e.sides.critical > 0 && e.sides.pro > 0,
        })
        .collect()
}
