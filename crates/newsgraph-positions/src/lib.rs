//! Who stands where: positions of actors on issues, with their evidence, and
//! commitments (who promised what to whom).
//!
//! [`Positions`] is the last component of the default pipeline. It reads the
//! sentences, tokens, mentions, actors, quotes, figures and (when present)
//! events, and fills [`Analysis::positions`] and [`Analysis::commitments`].
//!
//! - **Issues** are found with a lexicon (`data/issues.tsv`): "a ceasefire",
//!   "halting hostilities" and "the truce" are all `ceasefire`. Meetings are
//!   named after their participants ("talks between the Russian president
//!   and Zelensky", "willingness to meet Putin" → `Putin–Zelensky meeting`);
//!   troops after their nationality (`deployment of U.S. troops`). Anaphors
//!   ("rejected such a proposal") take the last issue named. A user file of
//!   the same shape adds issues ([`Positions::with_issues_file`]).
//! - **Stance** comes from cue words (`data/cues.tsv`) with the direction in
//!   which their issue lies ("rejected X", "X must come first"), turned by
//!   negators, hedges and rhetorical questions (`data/modifiers.tsv`): "I
//!   don't know that it's necessary" is against, "I can't imagine … without a
//!   ceasefire" for, "did not commit to … avoided ruling it out" undecided.
//!   Asides ("As crazy as that sounds") are masked; other questions state no
//!   stance. The holder is the subject before the cue, or the speaker of the
//!   quote the cue lies in — unless the quote names another actor as subject
//!   ("Trump claimed that Putin had accepted …": Putin's stance, on Trump's
//!   word), or the speaker's own country ("the United States would help").
//!   Events add evidence: REJECT is against, AGREE and REQUEST for.
//! - Each [`Position`] keeps all its evidence with the stance each shows
//!   ([`Position::support`]); the summary stance is the latest by date, then
//!   the most frequent, then the last in the text. [`merge_positions`] does
//!   the same across articles.
//! - **Commitments** (`data/commitments.tsv`): see [`Commitment`].
//!
//! ```
//! use newsgraph_core::{Metadata, Stance};
//! use newsgraph_pipeline::Pipeline;
//!
//! let p = Pipeline::default_pipeline(newsgraph_lexicon::Lexicon::shared());
//! let a = p.analyze_text(
//!     "U.S. President Donald Trump spoke on Monday. \
//!      “I don’t know that it’s necessary,” Trump said of a ceasefire.",
//!     Metadata::default(),
//! );
//! let pos = &a.positions[0];
//! assert_eq!(a.actors[pos.actor.index()].name, "Donald Trump");
//! assert_eq!((pos.issue.as_str(), pos.stance), ("ceasefire", Stance::Against));
//! assert!(a.slice(pos.evidence[0]).contains("necessary"));
//! ```

mod commit;
mod extract;
pub mod lexicon;
mod merge;

use std::path::Path;
use std::sync::{Arc, OnceLock};

use newsgraph_core::{Analysis, Component, Layer, Position, Stance, StanceEvidence};

pub use lexicon::PositionLexicon;
pub use merge::{merge_positions, MergedPosition, Statement};
#[doc(no_inline)]
pub use newsgraph_core::Commitment;

/// A malformed data or user file.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{file}:{line}: {message}")]
    Data {
        file: String,
        line: usize,
        message: String,
    },
    #[error("{file}: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The positions component.
#[derive(Debug, Clone)]
pub struct Positions {
    lex: Arc<PositionLexicon>,
}

impl Default for Positions {
    fn default() -> Self {
        Self::new()
    }
}

impl Positions {
    /// With the built-in lexicon.
    pub fn new() -> Self {
        static SHARED: OnceLock<Arc<PositionLexicon>> = OnceLock::new();
        Positions {
            lex: SHARED
                .get_or_init(|| Arc::new(PositionLexicon::embedded()))
                .clone(),
        }
    }

    /// With the built-in lexicon plus a user issues file (TSV, the shape of
    /// `data/issues.tsv`).
    pub fn with_issues_file(path: &Path) -> Result<Self> {
        let mut lex = PositionLexicon::embedded();
        lex.add_issues_file(path)?;
        Ok(Positions { lex: Arc::new(lex) })
    }

    pub fn lexicon(&self) -> &PositionLexicon {
        &self.lex
    }
}

/// Groups evidence into positions, in order of first evidence.
fn group(a: &Analysis, evidence: Vec<extract::Ev>) -> Vec<Position> {
    let date = a.doc.meta.published;
    let mut out: Vec<Position> = Vec::new();
    for ev in evidence {
        let k = match out
            .iter()
            .position(|p| p.actor == ev.actor && p.issue == ev.issue)
        {
            Some(k) => k,
            None => {
                out.push(Position {
                    actor: ev.actor,
                    issue: ev.issue.clone(),
                    stance: ev.stance,
                    evidence: Vec::new(),
                    quotes: Vec::new(),
                    events: Vec::new(),
                    support: Vec::new(),
                });
                out.len() - 1
            }
        };
        let p = &mut out[k];
        let when = ev
            .event
            .and_then(|e| a.events.get(e.index()))
            .and_then(|e| e.when.as_ref())
            .map(|w| w.value.date)
            .or(date);
        p.support.push(StanceEvidence {
            stance: ev.stance,
            range: ev.range,
            quote: ev.quote,
            event: ev.event,
            date: when,
        });
    }
    for p in &mut out {
        p.support.sort_by_key(|s| s.range.start());
        p.evidence = p.support.iter().map(|s| s.range).collect();
        p.evidence.dedup();
        p.quotes = p.support.iter().filter_map(|s| s.quote).collect();
        p.quotes.sort();
        p.quotes.dedup();
        p.events = p.support.iter().filter_map(|s| s.event).collect();
        p.events.sort();
        p.events.dedup();
        p.stance = summary(&p.support);
    }
    out.sort_by_key(|p| p.support.first().map(|s| s.range.start()));
    out
}

/// The latest evidence by date wins; among the latest, the most frequent
/// stance, then the last in the text.
pub fn summary(support: &[StanceEvidence]) -> Stance {
    let latest = support.iter().map(|s| s.date).max().flatten();
    let recent: Vec<&StanceEvidence> = support.iter().filter(|s| s.date == latest).collect();
    let count = |st: Stance| recent.iter().filter(|s| s.stance == st).count();
    let last = recent.last().map(|s| s.stance).unwrap_or(Stance::Undecided);
    [Stance::For, Stance::Against, Stance::Undecided]
        .into_iter()
        .max_by_key(|&st| (count(st), st == last))
        .unwrap_or(last)
}

impl Component for Positions {
    fn name(&self) -> &'static str {
        "positions"
    }

    fn requires(&self) -> &'static [Layer] {
        &[
            Layer::Sentences,
            Layer::Tokens,
            Layer::Mentions,
            Layer::Actors,
            Layer::Quotes,
            Layer::Figures,
        ]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Positions, Layer::Commitments]
    }

    fn run(&self, a: &mut Analysis) {
        let mut x = extract::Extractor::new(&self.lex, a);
        x.run();
        let evidence = std::mem::take(&mut x.evidence);
        a.positions = group(a, evidence);
        a.commitments = commit::commitments(&self.lex, a);
    }
}
