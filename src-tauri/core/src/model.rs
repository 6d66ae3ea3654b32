//! The story domain model of FORMAT.md.
//!
//! Contract: a [`Story`] is the editor's whole document — headline, facts,
//! sources, narratives and predictions — and is what every import/export
//! format and the store read and write. Facts cite sources by [`SourceId`],
//! never by number; numbers are derived (see [`crate::numbering`]). A story
//! may hold invalid states (uncited facts, dangling citations): the model
//! records what the editor wrote and the publish checks say what is wrong.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// Longest headline FORMAT.md allows, in characters.
pub const HEADLINE_MAX_CHARS: usize = 200;

macro_rules! entity_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
        #[serde(transparent)]
        #[ts(export, type = "string")]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh random identity.
            pub fn new() -> Self {
                Self(Uuid::new_v4())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

entity_id!(
    /// Stable identity of a fact within its story.
    FactId
);
entity_id!(
    /// Stable identity of a source within its story; what citations point at.
    SourceId
);
entity_id!(
    /// Stable identity of a narrative within its story.
    NarrativeId
);
entity_id!(
    /// Stable identity of a prediction within its story.
    PredictionId
);

/// The database handle of a stored story (local to one database file).
pub type StoryId = i64;

/// Where a story is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum Status {
    #[default]
    Draft,
    Published,
}

impl Status {
    /// The stable spelling used in the database, JSON and the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Published => "published",
        }
    }

    /// Reads [`Status::as_str`] back.
    pub fn parse(s: &str) -> Option<Status> {
        match s {
            "draft" => Some(Status::Draft),
            "published" => Some(Status::Published),
            _ => None,
        }
    }
}

/// The two narrative stances of FORMAT.md, named by the establishment axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum Stance {
    EstablishmentCritical,
    ProEstablishment,
}

impl Stance {
    /// The stable spelling used in the database and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::EstablishmentCritical => "establishment-critical",
            Stance::ProEstablishment => "pro-establishment",
        }
    }

    /// Reads [`Stance::as_str`] back.
    pub fn parse(s: &str) -> Option<Stance> {
        match s {
            "establishment-critical" => Some(Stance::EstablishmentCritical),
            "pro-establishment" => Some(Stance::ProEstablishment),
            _ => None,
        }
    }

    /// The label published stories put before the outlet.
    pub fn label(self) -> &'static str {
        match self {
            Stance::EstablishmentCritical => "Establishment-critical narrative",
            Stance::ProEstablishment => "Pro-establishment narrative",
        }
    }
}

/// One verifiable statement, citing sources by identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Fact {
    pub id: FactId,
    pub text: String,
    /// The sources this fact rests on, in the order the editor cited them.
    pub citations: Vec<SourceId>,
}

/// One article that facts rest on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Source {
    pub id: SourceId,
    /// The outlet's name as published ("The Guardian").
    pub outlet: String,
    /// Empty when unknown (a web page copy loses its links).
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    #[ts(type = "string | null")]
    pub published_on: Option<NaiveDate>,
    /// The article's readable text, kept so that quotations can be checked.
    #[serde(default)]
    pub saved_text: String,
}

/// An interpretation of the facts, attributed to the outlet that provides it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Narrative {
    pub id: NarrativeId,
    pub stance: Stance,
    pub outlet: String,
    pub text: String,
}

/// A forward-looking statement, optionally with a probability and its forecaster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Prediction {
    pub id: PredictionId,
    pub statement: String,
    /// Percent, 0-100.
    #[serde(default)]
    pub probability: Option<u8>,
    #[serde(default)]
    pub forecaster: String,
}

/// The editor's document: everything a story says, without its database handle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Story {
    /// The story's global identity: the stable URI of its exports. Kept by
    /// saves and by the native JSON; new for imports of other formats and
    /// for duplicates.
    #[serde(default = "Uuid::new_v4")]
    #[ts(type = "string")]
    pub uid: Uuid,
    pub headline: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub image_credit: String,
    #[serde(default)]
    pub status: Status,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(default)]
    pub published_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub facts: Vec<Fact>,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub narratives: Vec<Narrative>,
    #[serde(default)]
    pub predictions: Vec<Prediction>,
}

impl Story {
    /// An empty draft stamped with the current time.
    pub fn new(headline: impl Into<String>) -> Story {
        let now = now();
        Story {
            uid: Uuid::new_v4(),
            headline: headline.into(),
            summary: String::new(),
            image_credit: String::new(),
            status: Status::Draft,
            created_at: now,
            updated_at: now,
            published_at: None,
            facts: Vec::new(),
            sources: Vec::new(),
            narratives: Vec::new(),
            predictions: Vec::new(),
        }
    }

    /// Why the story cannot be stored as it is: two facts, sources,
    /// narratives or predictions sharing an identity.
    pub fn duplicate_id(&self) -> Option<String> {
        fn first_repeat<T: Copy + Eq + std::hash::Hash + std::fmt::Display>(
            mut ids: impl Iterator<Item = T>,
        ) -> Option<String> {
            let mut seen = std::collections::HashSet::new();
            ids.find(|id| !seen.insert(*id)).map(|id| id.to_string())
        }
        let parts = [
            ("facts", first_repeat(self.facts.iter().map(|f| f.id))),
            ("sources", first_repeat(self.sources.iter().map(|s| s.id))),
            ("narratives", first_repeat(self.narratives.iter().map(|n| n.id))),
            ("predictions", first_repeat(self.predictions.iter().map(|p| p.id))),
        ];
        parts.into_iter().find_map(|(what, id)| {
            id.map(|id| format!("two {what} share the id {id}; every one needs its own"))
        })
    }

    /// The source with this identity, if the story still has it.
    pub fn source(&self, id: SourceId) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }
}

/// A story as held in a database: its handle and the version a save must carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StoredStory {
    #[ts(type = "number")]
    pub id: StoryId,
    /// Incremented by every save; a save carrying an older version is refused.
    #[ts(type = "number")]
    pub version: i64,
    pub story: Story,
}

/// One line of the story list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StorySummary {
    #[ts(type = "number")]
    pub id: StoryId,
    pub status: Status,
    pub headline: String,
    pub updated_at: DateTime<Utc>,
}

/// An entry of the outlet registry with its optional 1-5 ratings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[ts(export)]
pub struct Outlet {
    pub name: String,
    /// Other names sources use for this outlet ("BBC" for "BBC News").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Web domains whose URLs belong to this outlet (`bbc.co.uk`).
    #[serde(default)]
    pub domains: Vec<String>,
    /// 1 left .. 5 right.
    pub lr: Option<u8>,
    /// 1 establishment-critical .. 5 pro-establishment.
    pub cp: Option<u8>,
    #[serde(default)]
    pub notes: String,
}

/// The current time at the store's precision (milliseconds), so that a
/// timestamp survives a round trip through text unchanged.
pub fn now() -> DateTime<Utc> {
    let t = Utc::now();
    DateTime::from_timestamp_millis(t.timestamp_millis()).unwrap_or(t)
}
