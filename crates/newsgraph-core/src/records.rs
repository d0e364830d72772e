//! Extracted records: mentions, actors, quotes, events, figures, dates,
//! positions and commitments. Each points into the text by [`TextRange`].

use crate::TextRange;
use chrono::NaiveDate;

macro_rules! id_type {
    ($(#[$m:meta])* $name:ident, $prefix:literal) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);

        impl $name {
            /// The index into its layer.
            pub fn index(self) -> usize {
                self.0 as usize
            }
            /// The readout id ("a1", "q3", ...): 1-based.
            pub fn label(self) -> String {
                format!(concat!($prefix, "{}"), self.0 + 1)
            }
        }
    };
}

id_type!(
    /// Index into [`crate::Analysis::actors`].
    ActorId,
    "a"
);
id_type!(
    /// Index into [`crate::Analysis::mentions`].
    MentionId,
    "m"
);
id_type!(
    /// Index into [`crate::Analysis::quotes`].
    QuoteId,
    "q"
);
id_type!(
    /// Index into [`crate::Analysis::events`].
    EventId,
    "e"
);
id_type!(
    /// Index into [`crate::Analysis::figures`].
    FigureId,
    "f"
);

/// What kind of thing an actor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActorKind {
    Person,
    Organisation,
    Country,
    /// A collective without a name: "European leaders", "Analysts", "Ukrainians".
    Group,
    Location,
}

impl ActorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Organisation => "organisation",
            ActorKind::Country => "country",
            ActorKind::Group => "group",
            ActorKind::Location => "location",
        }
    }
}

/// How a mention refers to its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MentionKind {
    /// A proper name, possibly with title and role ("German Chancellor Friedrich Merz", "Merz").
    Name,
    /// An acronym or short form ("NATO", "U.S.").
    Acronym,
    /// A place standing for its government ("Kyiv", "the Kremlin", "the White House").
    Metonym,
    /// A definite description ("the U.S. president", "the Russian president").
    Description,
    /// A personal or possessive pronoun ("he", "his", "they").
    Pronoun,
    /// A group noun phrase ("European leaders", "Analysts").
    Group,
}

/// Grammatical gender, used to resolve pronouns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Gender {
    Male,
    Female,
    #[default]
    Unknown,
}

/// One mention of an actor in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub range: TextRange,
    /// The name part of the mention ("Friedrich Merz" inside "German Chancellor Friedrich Merz").
    pub head: TextRange,
    pub kind: MentionKind,
    pub actor: ActorId,
    /// Index into [`crate::Analysis::sentences`].
    pub sentence: u32,
}

/// A real-world entity the article talks about, with everything learnt from its mentions.
#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    /// Canonical name ("Friedrich Merz", "Ukraine", "European leaders").
    pub name: String,
    pub kind: ActorKind,
    /// Titles and roles ("Chancellor", "aide"), in order of first appearance.
    pub roles: Vec<String>,
    /// ISO 3166-1 alpha-3.
    pub country: Option<String>,
    /// PLOVER sector code (GOV, MIL, IGO, ...).
    pub sector: Option<String>,
    /// An organisation the actor belongs to ("NATO" for Mark Rutte).
    pub affiliation: Option<String>,
    pub gender: Gender,
    /// Mentions in text order.
    pub mentions: Vec<MentionId>,
}

/// Direct, indirect or mixed speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuoteKind {
    /// All content inside quotation marks.
    Direct,
    /// Reported speech without quotation marks.
    Indirect,
    /// Reported speech with quoted fragments.
    Mixed,
}

impl QuoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Mixed => "mixed",
        }
    }
}

/// An attribution: who said what, with the reporting words.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    pub kind: QuoteKind,
    pub speaker: Option<ActorId>,
    pub addressee: Option<ActorId>,
    /// The words naming the speaker in this attribution.
    pub source: Option<TextRange>,
    /// The reporting words ("said", "according to", "insisting").
    pub cue: Option<TextRange>,
    /// The whole reported content.
    pub content: TextRange,
    /// Spans inside quotation marks, without the marks.
    pub quoted: Vec<TextRange>,
    /// Model confidence in [0, 1].
    pub confidence: f32,
}

/// PLOVER's 16 event types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventType {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
}

impl EventType {
    pub const ALL: [EventType; 16] = [
        EventType::Agree,
        EventType::Consult,
        EventType::Support,
        EventType::Concede,
        EventType::Cooperate,
        EventType::Aid,
        EventType::Retreat,
        EventType::Request,
        EventType::Accuse,
        EventType::Reject,
        EventType::Threaten,
        EventType::Protest,
        EventType::Sanction,
        EventType::Mobilize,
        EventType::Coerce,
        EventType::Assault,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Agree => "AGREE",
            EventType::Consult => "CONSULT",
            EventType::Support => "SUPPORT",
            EventType::Concede => "CONCEDE",
            EventType::Cooperate => "COOPERATE",
            EventType::Aid => "AID",
            EventType::Retreat => "RETREAT",
            EventType::Request => "REQUEST",
            EventType::Accuse => "ACCUSE",
            EventType::Reject => "REJECT",
            EventType::Threaten => "THREATEN",
            EventType::Protest => "PROTEST",
            EventType::Sanction => "SANCTION",
            EventType::Mobilize => "MOBILIZE",
            EventType::Coerce => "COERCE",
            EventType::Assault => "ASSAULT",
        }
    }

    /// Parses a PLOVER type name (case-insensitive).
    pub fn parse(s: &str) -> Option<EventType> {
        EventType::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// PLOVER's auxiliary modes, plus the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventStatus {
    Occurred,
    Future,
    Hypothetical,
    Negated,
}

impl EventStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            EventStatus::Occurred => "occurred",
            EventStatus::Future => "future",
            EventStatus::Hypothetical => "hypothetical",
            EventStatus::Negated => "negated",
        }
    }
}

/// How precise a resolved date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    Day,
    /// The week starting on the Monday given as the date.
    Week,
    Month,
    Year,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Year => "year",
        }
    }
}

/// A calendar date at some precision. For `Week`, `date` is the Monday; for
/// `Month`, the first; for `Year`, 1 January.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub date: NaiveDate,
    pub precision: Precision,
}

impl PartialDate {
    /// ISO 8601 at its precision: `2025-08-18`, `2025-08-11` (week), `2025-02`, `2022`.
    pub fn iso(&self) -> String {
        match self.precision {
            Precision::Day | Precision::Week => self.date.format("%Y-%m-%d").to_string(),
            Precision::Month => self.date.format("%Y-%m").to_string(),
            Precision::Year => self.date.format("%Y").to_string(),
        }
    }
}

/// A date expression in the text, resolved if possible.
#[derive(Debug, Clone, PartialEq)]
pub struct DateRef {
    pub range: TextRange,
    /// `None` when the expression could not be resolved; `note` says why.
    pub value: Option<PartialDate>,
    pub note: Option<String>,
}

/// Where an event happened.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub name: String,
    pub country: Option<String>,
    pub range: TextRange,
}

/// A dated reference attached to an event.
#[derive(Debug, Clone, PartialEq)]
pub struct When {
    pub value: PartialDate,
    pub range: TextRange,
}

/// Who did what to whom, coded in PLOVER.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub event_type: EventType,
    pub mode: Option<String>,
    pub context: Vec<String>,
    pub cameo: Option<String>,
    pub actors: Vec<ActorId>,
    pub targets: Vec<ActorId>,
    pub status: EventStatus,
    pub trigger: TextRange,
    pub when: Option<When>,
    pub place: Option<Place>,
    pub issue: Option<String>,
    pub reported_by: Option<ActorId>,
    pub figures: Vec<FigureId>,
    /// The sentence the event was read from.
    pub sentence: u32,
}

/// What a figure measures.
#[derive(Debug, Clone, PartialEq)]
pub enum FigureValue {
    /// An amount of money, in whole units of `currency` (ISO 4217).
    /// Stored as f64 so absurd amounts saturate instead of overflowing.
    Money {
        amount: f64,
        currency: String,
    },
    Duration {
        minutes: f64,
    },
    /// A deadline: `days` from the anchor, due `by` when the anchor date is known.
    Deadline {
        days: f64,
        by: Option<NaiveDate>,
    },
    /// A count; `approximate` for vague quantities ("dozens", "hundreds").
    Count {
        value: f64,
        approximate: bool,
    },
    Percent {
        value: f64,
    },
}

impl FigureValue {
    pub fn kind(&self) -> &'static str {
        match self {
            FigureValue::Money { .. } => "money",
            FigureValue::Duration { .. } => "duration",
            FigureValue::Deadline { .. } => "deadline",
            FigureValue::Count { .. } => "count",
            FigureValue::Percent { .. } => "percent",
        }
    }
}

/// A number in the text with its unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub range: TextRange,
    pub value: FigureValue,
    /// Another figure stating the same amount ("$90 billion (£67bn)").
    pub same_as: Option<FigureId>,
}

/// For, against or undecided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stance {
    For,
    Against,
    Undecided,
}

impl Stance {
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::For => "for",
            Stance::Against => "against",
            Stance::Undecided => "undecided",
        }
    }
}

/// Where an actor stands on an issue, and why we think so.
#[derive(Debug, Clone, PartialEq)]
pub struct Position {
    pub actor: ActorId,
    /// Normalised issue name ("ceasefire", "security guarantees").
    pub issue: String,
    /// The summary: the stance of the latest evidence by date (the most
    /// frequent among the latest, then the last in the text).
    pub stance: Stance,
    pub evidence: Vec<TextRange>,
    pub quotes: Vec<QuoteId>,
    pub events: Vec<EventId>,
    /// Every piece of evidence with the stance it shows, in text order;
    /// conflicting evidence is kept here, not averaged away.
    pub support: Vec<StanceEvidence>,
}

/// One piece of evidence for a [`Position`].
#[derive(Debug, Clone, PartialEq)]
pub struct StanceEvidence {
    pub stance: Stance,
    pub range: TextRange,
    pub quote: Option<QuoteId>,
    pub event: Option<EventId>,
    /// When the stance was stated: the event's date or the publication date.
    pub date: Option<NaiveDate>,
}

/// Who promised what to whom.
#[derive(Debug, Clone, PartialEq)]
pub struct Commitment {
    pub promiser: ActorId,
    pub promisee: Option<ActorId>,
    pub what: TextRange,
    pub figures: Vec<FigureId>,
    pub deadline: Option<NaiveDate>,
    pub status: EventStatus,
    pub evidence: TextRange,
}
