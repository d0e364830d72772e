//! PLOVER events: who did what to whom, when, where, and whether it happened.
//!
//! [`Events`] reads the sentence, token, mention, actor, quote, date and
//! figure layers and fills [`Analysis::events`]:
//!
//! - **Triggers** are verb and noun patterns from the event lexicon
//!   (`data/events.tsv`: pattern, part of speech, PLOVER type, mode,
//!   contexts, CAMEO code and how to find the target), extendable with a
//!   user file of the same shape ([`Events::with_user_file`], `newsgraph
//!   extract --events FILE`). A word after a determiner, possessive or
//!   preposition reads as a noun ("a meeting"), otherwise as a verb.
//!   A pattern may give alternatives for a word (`pact|deal`) and a gap,
//!   `...` (or `…`), for up to [`MAX_GAP`] words of a noun phrase
//!   between two of its words: `seal ... pact|deal` matches "sealed a
//!   climate finance pact". Gap words are determiners, adjectives, numbers
//!   and noun modifiers; punctuation, an actor, a date, a preposition, a
//!   clause boundary, an auxiliary or modal, a negation or a verb (a past
//!   form, or an -ed/-ing word not right after a determiner) ends the gap,
//!   so "sealed, at last, a pact" and "sealed what many called a pact" do
//!   not match. The words a gap spans are still read as triggers of their
//!   own ("signed an arms deal" is also an arms deal).
//!   Words inside quotation marks are the speaker's, not the reporter's, and
//!   are not triggers: the speech act is coded from its cue ("insisting").
//!   Headings are not read: they restate the body in a few words.
//! - **Arguments** come from clause structure, not word distance: there is no
//!   parser, so a light chunker treats each actor mention as a noun phrase
//!   and walks the clause. A verb's actor is its subject (past auxiliaries
//!   and adverbs; a participle or second verb shares the main clause's
//!   subject; "who" takes its antecedent); its target the direct object or
//!   the object of a preposition the entry names ("with", "against").
//!   "between A and B" gives both sides; a passive ("was admonished by X")
//!   swaps subject and "by". A noun's actor is its possessor ("Russia's
//!   invasion"), the first of a compound ("U.S.-Ukraine arms deal"), a
//!   relative clause's subject ("a session that he would join"), or the
//!   subject of the clause governing it ("Zelensky came for a meeting with
//!   Trump"). Coordinated subjects of an event without a target become
//!   actor and target ("Trump and Putin held talks").
//! - **Events told again** are one event: a definite noun ("the summit",
//!   "last week's Alaska summit") merges into the earlier event with the
//!   same pattern, adding its date and place; "such a meeting" takes the
//!   sides of the last event of its type; a meeting whose other side is not
//!   named ("join the talks") takes the sides of the last one.
//! - **Status** from the clause: "not", "never", "refrained from" right
//!   before the trigger negate it; negation further away ("did not commit
//!   to deploying") or "if", "might", "whether" make it hypothetical; "will",
//!   "would", "could", "plans to" and prospective words ("arranging talks",
//!   "upcoming") make it future. [`plover_strict`] recodes future
//!   cooperation as AGREE, as PLOVER does.
//! - **Time** is a resolved date of the sentence (the `dates` layer,
//!   resolved against the publication date), the nearest of the trigger's
//!   own clause first, then of the main clause and phrases set off by
//!   commas (", signed in Nairobi on Thursday", ", the ministry said on
//!   Monday"), then of subordinate clauses ("that", "after"). Dates in
//!   asides are never the event's: a parenthesis or pair of dashes (unless
//!   it holds a date alone, as a dateline does), a relative clause
//!   ("Russia, which signed the treaty in 1997, attacked ..."; `aside`
//!   words in `data/words.tsv`), an apposition (a comma, then a
//!   determiner or possessive and no auxiliary, reporting verb, "be" or
//!   quotation cue: "..., the anniversary of the storming of the Bastille
//!   on July 14, 1789"). An event told in an aside takes dates from its own
//!   clause only. An event that happened with no date so found takes the
//!   last date of the two sentences before.
//! - **Place** is the nearest location in the sentence (the actor layer's
//!   locations; venues of the gazetteer after "at", "in", "to"), with its
//!   country.
//! - **reported_by** is the speaker of the quotation whose content holds the
//!   trigger; **figures** are those in the trigger's clause; **issue** the
//!   nearest issue word (`data/issues.tsv`).
//! - Reported speech stating an obligation ("argued that halting hostilities
//!   must come first") is a REQUEST by the speaker.
//!
//! ```
//! use newsgraph_core::{Analysis, Component, Document, EventType, Metadata};
//! use newsgraph_lexicon::Lexicon;
//!
//! let mut a = Analysis::new(Document::new(
//!     "Russia attacked Ukraine. Germany did not sanction Russia.",
//!     Metadata::default(),
//! ));
//! newsgraph_segment::segment(&mut a);
//! newsgraph_actors::ActorRecognizer::new(Lexicon::shared()).run(&mut a);
//! newsgraph_events::Events::new(Lexicon::shared()).run(&mut a);
//!
//! let e = &a.events[0];
//! assert_eq!(e.event_type, EventType::Assault);
//! assert_eq!(a.actors[e.actors[0].index()].name, "Russia");
//! assert_eq!(a.actors[e.targets[0].index()].name, "Ukraine");
//! assert_eq!(a.events[1].status.as_str(), "negated");
//! ```

mod extract;
mod lexicon;
mod words;

use std::path::Path;
use std::sync::{Arc, LazyLock};

use newsgraph_core::{Analysis, Component, Event, EventStatus, EventType, Layer};
use newsgraph_lexicon::Lexicon;

pub use lexicon::{EventEntry, EventLexicon, Pos, TargetRule, MAX_GAP};

/// An event lexicon file that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{origin}:{line}: {message}")]
    Parse {
        origin: String,
        line: usize,
        message: String,
    },
}

pub type Result<T> = std::result::Result<T, Error>;

static BUILTIN: LazyLock<Arc<EventLexicon>> = LazyLock::new(|| Arc::new(EventLexicon::builtin()));
static WORDS: LazyLock<words::Words> = LazyLock::new(words::Words::builtin);
static ISSUES: LazyLock<words::Issues> = LazyLock::new(words::Issues::builtin);

/// The event component: requires sentences, tokens, mentions, actors,
/// quotes, dates and figures; assigns events.
#[derive(Debug, Clone)]
pub struct Events {
    lex: Arc<EventLexicon>,
    gaz: Arc<Lexicon>,
}

impl Events {
    /// The built-in event lexicon, with `gaz` for places and demonyms.
    pub fn new(gaz: Arc<Lexicon>) -> Self {
        Events {
            lex: BUILTIN.clone(),
            gaz,
        }
    }

    /// A given event lexicon.
    pub fn with_lexicon(lex: EventLexicon, gaz: Arc<Lexicon>) -> Self {
        Events {
            lex: Arc::new(lex),
            gaz,
        }
    }

    /// The built-in lexicon extended with the TSV file at `path`.
    pub fn with_user_file(path: &Path, gaz: Arc<Lexicon>) -> Result<Self> {
        let mut lex = EventLexicon::builtin();
        lex.extend_from_path(path)?;
        Ok(Events::with_lexicon(lex, gaz))
    }

    pub fn lexicon(&self) -> &EventLexicon {
        &self.lex
    }

    /// The events of an analysis whose earlier layers are filled, without storing them.
    pub fn extract(&self, a: &Analysis) -> Vec<Event> {
        extract::Extractor::new(a, &self.lex, &WORDS, &ISSUES, &self.gaz).run()
    }
}

impl Component for Events {
    fn name(&self) -> &'static str {
        "events"
    }

    fn requires(&self) -> &'static [Layer] {
        &[
            Layer::Sentences,
            Layer::Tokens,
            Layer::Mentions,
            Layer::Actors,
            Layer::Quotes,
            Layer::Dates,
            Layer::Figures,
        ]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Events]
    }

    fn run(&self, a: &mut Analysis) {
        a.events = self.extract(a);
    }
}

/// PLOVER's coding rule for the future: a future cooperative event
/// (consultation, support, concession, cooperation, aid, retreat) is coded as
/// AGREE (an intent to cooperate), with the CAMEO 03x code for that intent.
/// Applied at export (`--plover-strict`).
pub fn plover_strict(a: &mut Analysis) {
    for e in &mut a.events {
        strict_event(e);
    }
}

fn strict_event(e: &mut Event) {
    if e.status != EventStatus::Future {
        return;
    }
    let cameo = match e.event_type {
        EventType::Consult => "036",
        EventType::Support => "032",
        EventType::Cooperate => "031",
        EventType::Aid => "033",
        EventType::Concede | EventType::Retreat => "035",
        _ => return,
    };
    e.event_type = EventType::Agree;
    e.mode = None;
    e.cameo = Some(cameo.to_string());
}

#[cfg(test)]
mod tests;
