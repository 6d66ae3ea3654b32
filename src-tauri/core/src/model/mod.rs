//! The story domain model of FORMAT.md.
//!
//! Contract: a [`Story`] is the editor's whole document — headline, facts,
//! sources, narratives and predictions — and is what every import/export
//! format and the store read and write. Facts cite sources by [`SourceId`],
//! never by number; numbers are derived (see [`crate::numbering`]). A story
//! may hold invalid states (uncited facts, dangling citations): the model
//! records what the editor wrote and the publish checks say what is wrong.

mod parts;

pub use parts::{Part, Saved, StoreFields};

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

/// Where an edition of a story is in its life: `draft` → `in-review` →
/// `approved` → `published` (→ `withdrawn`). Only a draft is editable; see
/// [`crate::editions`] for the rules between states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum Status {
    #[default]
    Draft,
    InReview,
    Approved,
    Published,
    Withdrawn,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Draft,
        Status::InReview,
        Status::Approved,
        Status::Published,
        Status::Withdrawn,
    ];

    /// The stable spelling used in the database, JSON and the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::InReview => "in-review",
            Status::Approved => "approved",
            Status::Published => "published",
            Status::Withdrawn => "withdrawn",
        }
    }

    /// Reads [`Status::as_str`] back.
    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// The state as the story list names it, with a next edition in work
    /// beside the live one or not ("Published with a draft").
    pub fn list_label(self, has_draft: bool) -> String {
        match (has_draft, self) {
            (true, Status::Withdrawn) => "Withdrawn, with a draft".into(),
            (true, _) => format!("{} with a draft", self.label()),
            (false, _) => self.label().into(),
        }
    }

    /// How the window and the CLI name the state for people.
    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "Draft",
            Status::InReview => "In review",
            Status::Approved => "Approved",
            Status::Published => "Published",
            Status::Withdrawn => "Withdrawn",
        }
    }
}

/// What kind of save made a version: history shows it, and typing saves can
/// be told apart from deliberate ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum SaveKind {
    /// A new story.
    Create,
    /// A story read from a file or pasted.
    Import,
    /// A copy of another story (duplicate, keep-as-copy).
    Copy,
    /// An autosave after a pause in typing.
    Typing,
    /// An autosave when a field lost focus (or the window closed).
    FieldLeft,
    /// Saved on purpose (Ctrl+S).
    Explicit,
    /// Any other change (the CLI, a script).
    #[default]
    Edit,
    /// A workflow transition (submit, approve, publish…).
    Transition,
    /// An earlier revision brought back.
    Restore,
}

impl SaveKind {
    pub const ALL: [SaveKind; 9] = [
        SaveKind::Create,
        SaveKind::Import,
        SaveKind::Copy,
        SaveKind::Typing,
        SaveKind::FieldLeft,
        SaveKind::Explicit,
        SaveKind::Edit,
        SaveKind::Transition,
        SaveKind::Restore,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SaveKind::Create => "create",
            SaveKind::Import => "import",
            SaveKind::Copy => "copy",
            SaveKind::Typing => "typing",
            SaveKind::FieldLeft => "field-left",
            SaveKind::Explicit => "explicit",
            SaveKind::Edit => "edit",
            SaveKind::Transition => "transition",
            SaveKind::Restore => "restore",
        }
    }

    pub fn parse(s: &str) -> Option<SaveKind> {
        SaveKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// For people, in the history.
    pub fn label(self) -> &'static str {
        match self {
            SaveKind::Create => "created",
            SaveKind::Import => "imported",
            SaveKind::Copy => "copied",
            SaveKind::Typing => "typing",
            SaveKind::FieldLeft => "field left",
            SaveKind::Explicit => "saved (Ctrl+S)",
            SaveKind::Edit => "edited",
            SaveKind::Transition => "transition",
            SaveKind::Restore => "restored",
        }
    }
}

/// A correction: what a later edition changed, for readers, and when it
/// was published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Correction {
    pub edition: u32,
    pub published_at: DateTime<Utc>,
    pub note: String,
}

/// Why and when a published story was withdrawn (public, kept on record).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Withdrawal {
    pub at: DateTime<Utc>,
    pub reason: String,
}

fn default_language() -> String {
    crate::language::DEFAULT.into()
}

fn is_default_language(tag: &String) -> bool {
    tag == crate::language::DEFAULT
}

fn first_edition() -> u32 {
    1
}

fn is_first_edition(n: &u32) -> bool {
    *n == 1
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

    /// Which side of an axis it is: 0 for the first, 1 for the second.
    pub fn side(self) -> usize {
        match self {
            Stance::EstablishmentCritical => 0,
            Stance::ProEstablishment => 1,
        }
    }

    /// The stance of side 0 or 1.
    pub fn of_side(side: usize) -> Stance {
        if side == 0 {
            Stance::EstablishmentCritical
        } else {
            Stance::ProEstablishment
        }
    }
}

/// A named pair of sides a story's narratives are told from, when not the
/// establishment axis: `Pro-Ukraine` / `Pro-Russia`. A narrative's stance
/// `establishment-critical` stands for the first side, `pro-establishment`
/// for the second (so stories and files keep one shape).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct NarrativePair {
    /// The first side's label, as the canonical text writes it before
    /// " narrative" ("Pro-Ukraine").
    pub first: String,
    pub second: String,
}

/// The establishment axis's two labels, in the order of [`Stance`].
pub const ESTABLISHMENT_LABELS: [&str; 2] = ["Establishment-critical", "Pro-establishment"];

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
    /// When the saved text was captured from the page (`factdesk source
    /// fetch`, *Add from URL…*); the store keeps the snapshot itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub captured_at: Option<DateTime<Utc>>,
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
    /// The language it is written in, a BCP 47 tag (see
    /// [`crate::language`]); English unless it says otherwise.
    #[serde(default = "default_language", skip_serializing_if = "is_default_language")]
    #[ts(optional, as = "Option<String>")]
    pub language: String,
    /// The edition this document is (1 for the first).
    #[serde(default = "first_edition", skip_serializing_if = "is_first_edition")]
    #[ts(optional, as = "Option<u32>")]
    pub edition: u32,
    /// The corrections published with later editions, oldest first; filled
    /// in by the store from the story's editions (never edited directly).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<Correction>>")]
    pub corrections: Vec<Correction>,
    /// Set when the published story was withdrawn; from the store, like
    /// `corrections`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub withdrawal: Option<Withdrawal>,
    /// The sides its narratives are told from; none means the establishment
    /// axis (establishment-critical / pro-establishment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub axis: Option<NarrativePair>,
}

impl Story {
    /// Takes from `stored` the fields only the store sets (identity, times,
    /// state, edition, corrections, withdrawal): a save never changes them,
    /// and a copy being edited follows what a save or transition stored.
    pub fn take_store_fields(&mut self, stored: &Story) {
        self.uid = stored.uid;
        self.created_at = stored.created_at;
        StoreFields::of(stored).apply_to(self);
    }

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
            language: crate::language::DEFAULT.into(),
            edition: 1,
            corrections: Vec::new(),
            withdrawal: None,
            axis: None,
        }
    }

    /// The label of a side of the story's axis ("Pro-establishment",
    /// "Pro-Russia"), without " narrative".
    pub fn side_label(&self, stance: Stance) -> String {
        match &self.axis {
            None => ESTABLISHMENT_LABELS[stance.side()].to_string(),
            Some(pair) => {
                let label = if stance.side() == 0 {
                    &pair.first
                } else {
                    &pair.second
                };
                label.trim().to_string()
            }
        }
    }

    /// "Pro-Russia narrative", as published stories put it before the outlet.
    pub fn narrative_label(&self, stance: Stance) -> String {
        let side = self.side_label(stance);
        if side.is_empty() {
            "Narrative".to_string()
        } else {
            format!("{side} narrative")
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

/// A story as held in a database: its handle, the version a save must
/// carry, and where its editions stand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StoredStory {
    #[ts(type = "number")]
    pub id: StoryId,
    /// Incremented by every save; a save carrying an older version is refused.
    #[ts(type = "number")]
    pub version: i64,
    pub story: Story,
    pub workflow: Workflow,
    /// [`Workflow::list_label`], for people.
    pub state_label: String,
}

/// Where a stored story's editions stand.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Workflow {
    /// The edition being worked on (the newest).
    pub edition: u32,
    /// Its state (the same as the story's `status`).
    pub state: Status,
    /// The edition readers see: the last one published (it may have been
    /// withdrawn since); none before the first publication.
    pub live_edition: Option<u32>,
    /// Whether the live edition was withdrawn.
    pub withdrawn: bool,
    /// Who last saved the working edition's content ("" when unknown).
    pub last_editor: String,
    /// Whether approval must come from an editor other than the last one
    /// who edited the edition (a per-database setting).
    pub second_editor_approval: bool,
    /// Whether the story may be edited now ([`crate::editions::editable`]),
    /// sent so the window decides nothing itself.
    #[serde(default)]
    pub editable: bool,
}

impl Workflow {
    /// A story's state as lists show it: `published` (or `withdrawn`) while
    /// a next edition is being worked on, else the working edition's state.
    pub fn list_status(&self) -> Status {
        match self.live_edition {
            Some(_) if self.withdrawn => Status::Withdrawn,
            Some(live) if live < self.edition => Status::Published,
            _ => self.state,
        }
    }

    /// Whether a next edition is being worked on while an earlier one is live.
    pub fn has_draft(&self) -> bool {
        self.live_edition.is_some_and(|live| live < self.edition)
    }

    /// The state as the story list names it ("Published with a draft").
    pub fn list_label(&self) -> String {
        self.list_status().list_label(self.has_draft())
    }
}

/// One line of the story list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StorySummary {
    #[ts(type = "number")]
    pub id: StoryId,
    /// As [`Workflow::list_status`] says.
    pub status: Status,
    pub headline: String,
    pub updated_at: DateTime<Utc>,
    /// A next edition is being worked on while an earlier one is live.
    pub has_draft: bool,
    /// The edition readers see, if any.
    pub live_edition: Option<u32>,
    /// [`Workflow::list_label`], for people.
    pub state_label: String,
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
