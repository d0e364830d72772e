//! The analysis of one document: the text plus every layer over it.

use crate::*;

/// Named layers, for components to declare what they need and add.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layer {
    Blocks,
    Sentences,
    Tokens,
    Mentions,
    Actors,
    Quotes,
    Events,
    Figures,
    Dates,
    Positions,
    Commitments,
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Info,
    Warning,
}

/// Something analysis noticed about the text: never a failure, always kept
/// with the result (an unbalanced quotation mark, an unresolvable date).
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub range: Option<TextRange>,
    pub message: String,
}

/// One document and all layers extracted from it.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub doc: Document,
    pub blocks: Vec<Block>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    pub mentions: Vec<Mention>,
    pub actors: Vec<Actor>,
    pub quotes: Vec<Quote>,
    pub events: Vec<Event>,
    pub figures: Vec<Figure>,
    pub dates: Vec<DateRef>,
    pub positions: Vec<Position>,
    pub commitments: Vec<Commitment>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    pub fn new(doc: Document) -> Self {
        Analysis {
            doc,
            blocks: Vec::new(),
            sentences: Vec::new(),
            tokens: Vec::new(),
            mentions: Vec::new(),
            actors: Vec::new(),
            quotes: Vec::new(),
            events: Vec::new(),
            figures: Vec::new(),
            dates: Vec::new(),
            positions: Vec::new(),
            commitments: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    pub fn text(&self) -> &str {
        self.doc.text()
    }

    /// The text of a range.
    pub fn slice(&self, r: TextRange) -> &str {
        r.slice(self.doc.text())
    }

    /// The tokens of sentence `i`.
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        let s = &self.sentences[i];
        &self.tokens[s.first_token as usize..s.end_token as usize]
    }

    /// The index of the sentence containing byte `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.range.end() <= offset);
        (i < self.sentences.len() && self.sentences[i].range.start() <= offset).then_some(i)
    }

    /// The actor of a mention.
    pub fn actor_of(&self, m: MentionId) -> ActorId {
        self.mentions[m.index()].actor
    }

    /// Adds a diagnostic.
    pub fn diagnose(
        &mut self,
        severity: Severity,
        range: Option<TextRange>,
        message: impl Into<String>,
    ) {
        self.diagnostics.push(Diagnostic {
            severity,
            range,
            message: message.into(),
        });
    }

    /// Checks every layer's ranges: in bounds, on char boundaries, ordered
    /// where the layer promises order. Returns the first violation. Tests call
    /// this on every golden article.
    pub fn check_invariants(&self) -> Result<(), String> {
        let text = self.text();
        let ok = |r: TextRange, what: &str| -> Result<(), String> {
            if r.end() > text.len()
                || !text.is_char_boundary(r.start())
                || !text.is_char_boundary(r.end())
            {
                return Err(format!(
                    "{what} range {r:?} is out of bounds or not on a char boundary"
                ));
            }
            Ok(())
        };
        for b in &self.blocks {
            ok(b.range, "block")?;
        }
        let mut prev_end = 0;
        for s in &self.sentences {
            ok(s.range, "sentence")?;
            if s.range.start() < prev_end {
                return Err(format!("sentence {:?} overlaps the previous one", s.range));
            }
            prev_end = s.range.end();
            let block = self
                .blocks
                .get(s.block as usize)
                .ok_or("sentence block index out of range")?;
            if !block.range.contains_range(s.range) {
                return Err(format!(
                    "sentence {:?} outside its block {:?}",
                    s.range, block.range
                ));
            }
            if s.first_token > s.end_token || s.end_token as usize > self.tokens.len() {
                return Err(format!("sentence {:?} has bad token indices", s.range));
            }
        }
        let mut prev_end = 0;
        for t in &self.tokens {
            ok(t.range, "token")?;
            if t.range.start() < prev_end || t.range.is_empty() {
                return Err(format!(
                    "token {:?} overlaps the previous one or is empty",
                    t.range
                ));
            }
            prev_end = t.range.end();
        }
        for m in &self.mentions {
            ok(m.range, "mention")?;
            ok(m.head, "mention head")?;
            if m.actor.index() >= self.actors.len() {
                return Err(format!("mention {:?} points at a missing actor", m.range));
            }
        }
        for q in &self.quotes {
            ok(q.content, "quote content")?;
            for r in q.source.iter().chain(q.cue.iter()).chain(q.quoted.iter()) {
                ok(*r, "quote span")?;
            }
        }
        for e in &self.events {
            ok(e.trigger, "event trigger")?;
        }
        for f in &self.figures {
            ok(f.range, "figure")?;
        }
        for d in &self.dates {
            ok(d.range, "date")?;
        }
        for p in &self.positions {
            for r in p.evidence.iter().chain(p.support.iter().map(|s| &s.range)) {
                ok(*r, "position evidence")?;
            }
        }
        for c in &self.commitments {
            ok(c.what, "commitment")?;
            ok(c.evidence, "commitment evidence")?;
        }
        Ok(())
    }
}

/// A pipeline stage. Components declare the layers they need and the layers
/// they add, so a pipeline can be checked when it is built, and parts can be
/// swapped (a statistical tagger for a rule-based one).
pub trait Component: Send + Sync {
    fn name(&self) -> &'static str;
    fn requires(&self) -> &'static [Layer];
    fn assigns(&self) -> &'static [Layer];
    /// Adds this component's layers. Never fails on text: problems become
    /// diagnostics.
    fn run(&self, analysis: &mut Analysis);
}
