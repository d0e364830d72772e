//! The seed gold file (`*.gold.toml`) and the checkers that compare a readout
//! with it.
//!
//! [`load`] reads the gold TOML into [`Gold`]. The checkers take the readout
//! as a `serde_json::Value` (the JSON of `newsgraph extract --format json`,
//! see `READOUT.md`) and return a [`Report`]: one [`ItemResult`] per gold
//! item, with a human-readable explanation of each failure, plus the extracted
//! items that matched nothing (which count against precision).
//!
//! # Matching rules
//!
//! The gold file's header states the rules; this module applies them as
//! follows. All text comparisons use [`crate::norm::fold`] (quotes folded,
//! whitespace collapsed, punctuation trimmed at both ends); names, roles,
//! kinds and other identifiers also ignore case ([`crate::norm::fold_ci`]).
//!
//! - **Actors.** A gold actor is paired with the extracted actor whose name
//!   equals the gold name; failing that, one with a mention whose text equals
//!   the gold name; failing that, the one with the most mentions among the
//!   gold mentions. Pairing is one-to-one, in gold order, name matches first.
//!   The pair passes when the kind is equal, the gold roles are a subset of
//!   the extracted roles (case- and hyphen-insensitive), country and sector
//!   are equal when the gold gives them, every gold mention text is among the
//!   actor's mention texts, and — for persons — the actor is not *split*: no
//!   other extracted actor has a mention whose text is the gold name, a gold
//!   mention naming the surname, or the surname itself when no other gold
//!   actor shares it. Extracted actors paired with no gold actor count against
//!   precision (a paired actor with a wrong attribute is not spurious), except
//!   locations named in `[[places]]`.
//! - **Coreference.** The `mention` context is searched in the article text
//!   (quotes folded, so code-point positions are kept); `word` is located in
//!   it at a word boundary; an extracted mention must cover that word's
//!   code-point range and belong to the actor paired with the gold actor (or
//!   an actor of that name). Any occurrence of the context may satisfy it.
//! - **Quotes.** A gold quote with `content` is a candidate for an extracted
//!   quote whose content contains it; one with only `quote` for an extracted
//!   quote with a quoted span (or all quoted spans joined, or the content)
//!   equal to it. The pair passes when the speaker resolves to one of the
//!   gold speakers and the cue shares a word with the gold cue.
//! - **Events.** Candidates share a trigger word. The pair passes when the type
//!   is equal (for a future CONSULT, SUPPORT, COOPERATE or AID, `AGREE` with
//!   any status is also accepted, per PLOVER), one actor resolves to a gold
//!   actor, one target to a gold target, the status is equal, and `when` has
//!   the gold date and precision — each only when the gold gives it. Mode,
//!   place, issue, reported_by, context, money and duration are reported as
//!   notes, not failures.
//! - **Figures** and **dates**: candidates have the same text, or one text
//!   contains the other as whole words. Figures pass with the same kind and
//!   value fields (amount, currency, minutes, days, value; `by` within ±1 day);
//!   dates with the same date and precision.
//! - **Positions.** Candidates belong to the gold actor and their issue
//!   contains one of the gold `keys` (or equals the gold issue). They pass with
//!   the same stance and evidence (an evidence span, or the content of a cited
//!   quote) that contains the gold evidence, or lies inside it with at least
//!   three words.
//!
//! Matching is **one-to-one**: among the passing pairs a maximum matching is
//! taken (required items first), so an extracted item satisfies at most one
//! gold item. A gold item left without a passing pair is explained through its
//! closest candidate. Extracted items in no passing pair count against
//! precision, unless an `[[ignore]]` entry names them. Optional items are
//! matched like the others but are neither required nor penalised.

mod check;
pub(crate) mod readout;
mod report;

use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

pub use check::{
    check_actors, check_all, check_coreference, check_dates, check_events, check_figures,
    check_positions, check_quotes, ActorMap,
};
pub use report::{ItemResult, Report, SeedReport};

use crate::{Error, Result};

/// A whole gold file.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Gold {
    #[serde(default)]
    pub document: GoldDocument,
    #[serde(default)]
    pub actors: Vec<GoldActor>,
    #[serde(default)]
    pub coreference: Vec<GoldCoreference>,
    #[serde(default)]
    pub places: Vec<GoldPlace>,
    #[serde(default)]
    pub quotes: Vec<GoldQuote>,
    #[serde(default)]
    pub events: Vec<GoldEvent>,
    #[serde(default)]
    pub figures: Vec<GoldFigure>,
    #[serde(default)]
    pub dates: Vec<GoldDate>,
    #[serde(default)]
    pub positions: Vec<GoldPosition>,
    #[serde(default)]
    pub ignore: Vec<GoldIgnore>,
}

/// `[document]`: the article file (beside the gold file) and its metadata.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct GoldDocument {
    pub file: Option<String>,
    /// Publication date, `YYYY-MM-DD`: supplied to extraction as metadata.
    pub published: Option<String>,
    pub language: Option<String>,
}

/// One name, or a list of names any of which is accepted
/// (`speaker = "Kremlin"` or `speaker = ["Yuri Ushakov", "Kremlin"]`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Names(pub Vec<String>);

impl<'de> Deserialize<'de> for Names {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum OneOrMany {
            One(String),
            Many(Vec<String>),
        }
        Ok(match OneOrMany::deserialize(d)? {
            OneOrMany::One(s) => Names(vec![s]),
            OneOrMany::Many(v) => Names(v),
        })
    }
}

impl Names {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }
}

impl fmt::Display for Names {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.join(" or "))
    }
}

/// `[[actors]]`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct GoldActor {
    /// Canonical name; other sections refer to actors by it.
    pub name: String,
    /// person | organisation | country | group | location.
    pub kind: String,
    #[serde(default)]
    pub roles: Vec<String>,
    /// ISO 3166-1 alpha-3.
    pub country: Option<String>,
    /// PLOVER sector (GOV, MIL, IGO, MED, ...).
    pub sector: Option<String>,
    pub affiliation: Option<String>,
    /// Texts of mentions that must be attributed to this actor.
    #[serde(default)]
    pub mentions: Vec<String>,
    #[serde(default)]
    pub optional: bool,
}

/// `[[coreference]]`: `word` inside the text `mention` must be a mention of `actor`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct GoldCoreference {
    /// A verbatim context from the article that contains `word`.
    pub mention: String,
    pub word: String,
    pub actor: String,
    #[serde(default)]
    pub optional: bool,
}

/// `[[places]]`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct GoldPlace {
    pub name: String,
    pub country: Option<String>,
    #[serde(default)]
    pub optional: bool,
}

/// `[[quotes]]`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct GoldQuote {
    /// direct | indirect | mixed.
    pub kind: Option<String>,
    #[serde(default)]
    pub speaker: Names,
    #[serde(default)]
    pub addressee: Names,
    pub cue: Option<String>,
    /// The words inside quotation marks.
    pub quote: Option<String>,
    /// Text that the extracted content must contain.
    pub content: Option<String>,
    #[serde(default)]
    pub optional: bool,
}

/// `{ amount = 90000000000, currency = "USD" }`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Money {
    pub amount: f64,
    pub currency: String,
}

/// `[[events]]`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct GoldEvent {
    /// A PLOVER event type (CONSULT, REJECT, ...).
    #[serde(rename = "type")]
    pub event_type: String,
    pub mode: Option<String>,
    #[serde(default)]
    pub context: Names,
    #[serde(default)]
    pub actor: Names,
    #[serde(default)]
    pub target: Names,
    #[serde(default, rename = "where")]
    pub place: Names,
    /// ISO 8601 at `precision`: `2025-08-18`, `2025-08-11` (week), `2025-02`, `2022`.
    pub date: Option<String>,
    pub precision: Option<String>,
    /// occurred | future | hypothetical | negated.
    pub status: Option<String>,
    pub trigger: Option<String>,
    pub issue: Option<String>,
    pub reported_by: Option<String>,
    pub money: Option<Money>,
    pub duration_minutes: Option<f64>,
    #[serde(default)]
    pub optional: bool,
}

/// `[[figures]]`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct GoldFigure {
    /// money | duration | deadline | count | percent.
    pub kind: String,
    pub text: String,
    pub amount: Option<f64>,
    pub currency: Option<String>,
    pub minutes: Option<f64>,
    pub days: Option<f64>,
    /// Deadline date, `YYYY-MM-DD`; ±1 day is accepted.
    pub by: Option<String>,
    pub value: Option<f64>,
    #[serde(default)]
    pub optional: bool,
}

/// `[[dates]]`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct GoldDate {
    pub text: String,
    pub date: String,
    pub precision: String,
    #[serde(default)]
    pub optional: bool,
}

/// `[[positions]]`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct GoldPosition {
    pub issue: String,
    /// Words any of which the extracted issue must contain.
    #[serde(default)]
    pub keys: Vec<String>,
    pub actor: String,
    /// for | against | undecided.
    pub stance: String,
    pub evidence: String,
    #[serde(default)]
    pub optional: bool,
}

/// `[[ignore]]`: extracted items that never count against precision. An
/// extracted item is ignored when its text equals `text` (folded, any case):
/// an actor's name, a quote's content, an event's trigger, a figure's or
/// date's text, a position's issue. `layer` (actors, quotes, events, figures,
/// dates, positions) restricts the entry to one layer.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct GoldIgnore {
    #[serde(alias = "kind")]
    pub layer: Option<String>,
    #[serde(alias = "name")]
    pub text: String,
}

impl Gold {
    /// Parses gold TOML; `origin` names the file in errors.
    pub fn parse(toml_text: &str, origin: &Path) -> Result<Gold> {
        let gold: Gold = toml::from_str(toml_text).map_err(|e| {
            let line = e.span().map(|s| {
                toml_text[..s.start.min(toml_text.len())]
                    .matches('\n')
                    .count()
                    + 1
            });
            Error::format(origin, line, e.message().trim().replace('\n', " "))
        })?;
        let problems = gold.problems();
        if let Some(first) = problems.first() {
            let more = match problems.len() {
                1 => String::new(),
                n => format!(" (and {} more problems)", n - 1),
            };
            return Err(Error::format(origin, None, format!("{first}{more}")));
        }
        Ok(gold)
    }

    /// The gold actor named `name` (case-insensitive, folded).
    pub fn actor(&self, name: &str) -> Option<&GoldActor> {
        self.actors
            .iter()
            .find(|a| crate::norm::eq_ci(&a.name, name))
    }

    /// Consistency problems: unknown names, event types, statuses, precisions,
    /// dates; items that cannot be matched. `parse` refuses a file with any.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut name = |what: String, n: &str| {
            if self.actor(n).is_none() {
                out.push(format!("{what} names {n:?}, which is not in [[actors]]"));
            }
        };
        for (i, c) in self.coreference.iter().enumerate() {
            name(format!("coreference #{}", i + 1), &c.actor);
        }
        for (i, q) in self.quotes.iter().enumerate() {
            for n in q.speaker.iter().chain(q.addressee.iter()) {
                name(format!("quote #{}", i + 1), n);
            }
        }
        for (i, e) in self.events.iter().enumerate() {
            let refs = e
                .actor
                .iter()
                .chain(e.target.iter())
                .chain(e.reported_by.as_deref());
            for n in refs {
                name(format!("event #{}", i + 1), n);
            }
        }
        for (i, p) in self.positions.iter().enumerate() {
            name(format!("position #{}", i + 1), &p.actor);
        }
        for (i, q) in self.quotes.iter().enumerate() {
            if q.quote.is_none() && q.content.is_none() {
                out.push(format!(
                    "quote #{} has neither `quote` nor `content`",
                    i + 1
                ));
            }
        }
        for (i, e) in self.events.iter().enumerate() {
            let what = format!("event #{}", i + 1);
            if newsgraph_core::EventType::parse(&e.event_type).is_none() {
                out.push(format!(
                    "{what}: {:?} is not a PLOVER event type",
                    e.event_type
                ));
            }
            if let Some(s) = &e.status {
                if !matches!(
                    s.as_str(),
                    "occurred" | "future" | "hypothetical" | "negated"
                ) {
                    out.push(format!(
                        "{what}: status {s:?} is not occurred, future, hypothetical or negated"
                    ));
                }
            }
            check_date(&mut out, &what, e.date.as_deref(), e.precision.as_deref());
        }
        for (i, d) in self.dates.iter().enumerate() {
            check_date(
                &mut out,
                &format!("date #{}", i + 1),
                Some(&d.date),
                Some(&d.precision),
            );
        }
        for (i, f) in self.figures.iter().enumerate() {
            if let Some(by) = &f.by {
                if parse_day(by).is_none() {
                    out.push(format!("figure #{}: `by` {by:?} is not YYYY-MM-DD", i + 1));
                }
            }
        }
        out
    }
}

fn check_date(out: &mut Vec<String>, what: &str, date: Option<&str>, precision: Option<&str>) {
    if let Some(p) = precision {
        if !matches!(p, "day" | "week" | "month" | "year") {
            out.push(format!(
                "{what}: precision {p:?} is not day, week, month or year"
            ));
        }
    }
    if let Some(d) = date {
        let ok = match precision {
            Some("month") => {
                chrono::NaiveDate::parse_from_str(&format!("{d}-01"), "%Y-%m-%d").is_ok()
            }
            Some("year") => d.len() == 4 && d.bytes().all(|b| b.is_ascii_digit()),
            _ => parse_day(d).is_some(),
        };
        if !ok {
            out.push(format!("{what}: date {d:?} does not match its precision"));
        }
    }
}

/// Parses `YYYY-MM-DD`.
pub(crate) fn parse_day(s: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// Reads and checks a gold file.
pub fn load(path: &Path) -> Result<Gold> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    Gold::parse(&text, path)
}

#[cfg(test)]
mod tests;
