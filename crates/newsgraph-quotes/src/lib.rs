//! Quote attribution: who said what, to whom.
//!
//! [`Quotes`] reads the sentence, token, mention and actor layers and fills
//! [`Analysis::quotes`] with one [`Quote`] per attribution, in order of
//! content start:
//!
//! - **direct** speech, all inside quotation marks, with the cue after
//!   ("“...,” X said", "said X"), before ("X said: “...”"), or in the middle
//!   of a split quotation ("“A,” she said. “B.”"); quotations running over
//!   several paragraphs; quote-only paragraphs continuing the speaker's
//!   quotation; quotations nested inside; "NAME: “...”" and transcript labels
//!   ("CLINTON: ...", but not the "Q:" and "A:" of an interview, which name
//!   no one); a signature line ("“...” ¶ — Ada Obi"); and, with no cue the
//!   lexicon knows, a quotation and a speaker with one verb ("“...!” beamed
//!   Ada Obi", "Bello shot back, “...”", "Obi issued the following
//!   statement: ¶ “...”");
//! - **indirect** speech with or without "that" ("X said (that) ...": the
//!   content runs to the end of the sentence or the next coordinated cue,
//!   never into a quotation after it, which may be someone else's),
//!   "according to X", the clause before the cue ("The talks failed, he
//!   said"), a parenthetical cue ("The plan, he said, will fail"), "as X
//!   reported, ...", questions put by someone unnamed ("Asked whether ...");
//! - **mixed** speech: indirect content with quoted fragments ("saying it
//!   might be “worthwhile” to consider ...").
//!
//! Speakers are found before the cue, past adverbs, auxiliaries and time
//! words ("The Kremlin has repeatedly rejected"), with an appositive or
//! relative clause between commas or dashes ("Ana Ruiz, a spokeswoman,
//! said"); after it when inverted ("said Smith"); shared by coordinated cues
//! ("He stressed ... but added ... and promised"); and the clause subject for
//! participles (", insisting: “...”", ", saying ..."). A cue inside another
//! attribution's content is part of that content, not an attribution of its
//! own, and a short quotation with no cue near it is a scare quote.
//!
//! Each quote carries its source span (the words naming the speaker), cue
//! span, content span (for a split quotation, from its first to its last
//! word; [`content_fragments`] gives the pieces) and the quoted spans inside
//! it, without the marks. The speaker is the actor of the mention that covers
//! or lies in the source — so "he joked" is attributed to whoever the actor
//! layer resolved "he" to, "Warren, who said" to Warren — and the addressee
//! the actor of the object of "told", "thanked", "warned" and the like.
//!
//! The cue words are data: `data/cues.tsv` (lemma, type, speech-act class,
//! addressee, content requirement, irregular forms), extendable with a user
//! file of the same shape ([`Quotes::with_user_cues`],
//! [`CueLexicon::extend_from_path`]); closed-class words are in
//! `data/words.tsv`.
//!
//! Quotation marks are paired per paragraph: a mark left open closes at the
//! end of its paragraph unless the next paragraph reopens the quotation, and
//! is reported as a diagnostic, so an unbalanced mark never swallows the rest
//! of the article. Every scan is bounded or advances monotonically: the cost
//! is linear in the text, and no input panics.
//!
//! # The learned part
//!
//! On top of the rules, [`model::CueModel`] (`data/model.tsv`, trained on
//! PolNeAR train by `examples/train.rs`) holds two averaged perceptrons over
//! features of newsgraph's own layers: a cue classifier that scores every
//! word outside quotation marks, and an attribution classifier. After the
//! rules, a permissive pass (cues the lexicon does not know, nested cues,
//! content that misses its cue's requirement, attributions with no source)
//! proposes candidates; those the classifier accepts join the rules'
//! attributions when their cue lies in no cue or source already read.
//! [`Quotes::rules_only`] runs the rules alone.
//!
//! # Accuracy
//!
//! On PolNeAR (Newell et al. 2018; one annotation per article, scored by
//! `newsgraph eval attribution`), with [`content_fragments`] as the content:
//!
//! | dev (84 articles) | whole attribution, overlap F1 | quote subset, overlap F1 | source, exact F1 |
//! |---|---|---|---|
//! | rules + model | 0.723 | 0.852 | 0.714 |
//!
//! Precision is high (0.83 overlap); recall is limited by PolNeAR's long
//! tail of cues — beliefs, intentions and stances ("seemed", "is expected",
//! "sought"). See `data/README.md` for the training data, the command that
//! rebuilds the model and its scores.
//!
//! ```
//! use newsgraph_core::{Analysis, Component, Document, Metadata, QuoteKind};
//! use newsgraph_quotes::Quotes;
//!
//! let mut a = Analysis::new(Document::new(
//!     "“We will not back down,” the minister said. She told reporters that talks would resume.",
//!     Metadata::default(),
//! ));
//! newsgraph_segment::segment(&mut a);
//! Quotes::new().run(&mut a);
//!
//! let q = &a.quotes[0];
//! assert_eq!(q.kind, QuoteKind::Direct);
//! assert_eq!(a.slice(q.source.unwrap()), "the minister");
//! assert_eq!(a.slice(q.cue.unwrap()), "said");
//! assert_eq!(a.slice(q.quoted[0]), "We will not back down,");
//!
//! let q = &a.quotes[1];
//! assert_eq!(q.kind, QuoteKind::Indirect);
//! assert_eq!(a.slice(q.content), "that talks would resume");
//! ```

mod attribute;
mod lexicon;
mod marks;
pub mod model;
mod words;

use std::path::Path;
use std::sync::Arc;

use newsgraph_core::{
    ActorId, Analysis, Component, Layer, Quote, QuoteKind, Severity, TextRange, TokenKind,
};

pub use lexicon::{ContentReq, CueEntry, CueLexicon, CueType};
pub use model::CueModel;

/// A cue file that could not be read.
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

/// The quote-attribution component: requires sentences, tokens, mentions
/// and actors; assigns quotes.
#[derive(Debug, Clone)]
pub struct Quotes {
    lex: CueLexicon,
    /// The learned cue classifier; `None` runs the rules alone.
    model: Option<Arc<CueModel>>,
}

impl Default for Quotes {
    fn default() -> Self {
        Quotes::new()
    }
}

impl Quotes {
    /// The attributor with the built-in cue lexicon.
    pub fn new() -> Self {
        Quotes {
            lex: CueLexicon::builtin(),
            model: Some(CueModel::builtin()),
        }
    }

    /// The attributor with the built-in lexicon and no learned model: rules only.
    pub fn rules_only() -> Self {
        Quotes {
            lex: CueLexicon::builtin(),
            model: None,
        }
    }

    /// This attributor with another cue classifier (`None`: rules only).
    pub fn with_model(mut self, model: Option<Arc<CueModel>>) -> Self {
        self.model = model;
        self
    }

    /// The attributor with a given cue lexicon (for instance the built-in one
    /// extended with a user file).
    pub fn with_lexicon(lex: CueLexicon) -> Self {
        Quotes {
            lex,
            model: Some(CueModel::builtin()),
        }
    }

    /// The built-in lexicon extended with the cue file at `path`.
    pub fn with_user_cues(path: &Path) -> Result<Self> {
        let mut lex = CueLexicon::builtin();
        lex.extend_from_path(path)?;
        Ok(Quotes::with_lexicon(lex))
    }

    pub fn lexicon(&self) -> &CueLexicon {
        &self.lex
    }

    /// The attributions of an analysis whose tokens (and, for speakers,
    /// mentions) are filled, without storing them.
    pub fn attribute(&self, a: &Analysis) -> Vec<Quote> {
        self.attribute_with_diagnostics(a).0
    }

    /// The cue classifier's training examples for an analysis whose tokens
    /// are filled: each word outside quotation marks (a token index) with
    /// its features. Used by the `train` example.
    #[doc(hidden)]
    pub fn cue_examples(&self, a: &Analysis) -> Vec<(usize, Vec<String>)> {
        attribute::Ctx::new(a, &self.lex, None, false).cue_examples()
    }

    /// Attribution candidates of the permissive mode, for training the
    /// attribution classifier: each as a quote with its features. Uses this
    /// attributor's cue model and its `candidate` threshold.
    #[doc(hidden)]
    pub fn candidates(&self, a: &Analysis) -> Vec<(Quote, Vec<String>)> {
        let ctx = attribute::Ctx::new(a, &self.lex, self.model.as_deref(), true);
        let speakers = Speakers::new(a);
        ctx.run()
            .into_iter()
            .filter_map(|f| {
                let mut feats = Vec::new();
                ctx.attribution_features(&f, &mut |x| feats.push(x.to_string()));
                to_quote(a, &ctx, &speakers, f).map(|q| (q, feats))
            })
            .collect()
    }

    fn attribute_with_diagnostics(&self, a: &Analysis) -> (Vec<Quote>, Vec<TextRange>) {
        let model = self.model.as_deref();
        let classify = model.filter(|m| m.has_attribution_model());
        // The rules first; with an attribution classifier, the rules alone,
        // whose attributions are kept as they are.
        let ctx = attribute::Ctx::new(a, &self.lex, model.filter(|_| classify.is_none()), false);
        let mut found = ctx.run();
        if let Some(m) = classify {
            // Then the permissive pass: its candidates that the classifier
            // accepts join, unless their cue lies in a cue or source the
            // rules already read.
            let mut taken = vec![false; a.tokens.len()];
            for f in &found {
                for (s, e) in std::iter::once(f.cue).chain(f.source) {
                    for t in taken.iter_mut().take(e).skip(s) {
                        *t = true;
                    }
                }
            }
            let wide = attribute::Ctx::new(a, &self.lex, Some(m), true);
            let mut hashes = Vec::with_capacity(64);
            for f in wide.run() {
                if (f.cue.0..f.cue.1).any(|t| taken.get(t) == Some(&true)) {
                    continue;
                }
                hashes.clear();
                wide.attribution_features(&f, &mut |x| hashes.push(model::feature_hash(x)));
                // A cue the lexicon does not know, or content that misses
                // its cue's requirement ("added a “personal touch”"), needs
                // the higher bar.
                let bar = if f.known_cue && f.strict {
                    m.accept
                } else if f.known_cue {
                    m.accept_loose
                } else {
                    // A cue no lexicon entry knows must hold a word that
                    // training saw in cues often enough ("offered", not
                    // "traveled" or "swapped").
                    // Closed-class words ("also", "not", "a") do not count.
                    let words: Vec<String> = (f.cue.0..f.cue.1)
                        .map(|t| a.tokens[t].range.slice(a.text()).to_lowercase())
                        .filter(|w| words::classes(w) & words::CLOSED == 0)
                        .collect();
                    if m.cue_prior(words.iter().map(String::as_str)) < m.prior_min {
                        continue;
                    }
                    m.accept_new
                };
                if m.score(&hashes) >= bar {
                    for t in taken.iter_mut().take(f.cue.1).skip(f.cue.0) {
                        *t = true;
                    }
                    found.push(f);
                }
            }
        }
        let speakers = Speakers::new(a);
        let mut quotes: Vec<Quote> = found
            .into_iter()
            .filter_map(|f| to_quote(a, &ctx, &speakers, f))
            .collect();
        quotes.sort_by_key(|q| (q.content.start(), q.content.end()));
        quotes.dedup_by(|b, a| a.content == b.content && a.cue == b.cue);
        (quotes, ctx.marks.unclosed.clone())
    }
}

impl Component for Quotes {
    fn name(&self) -> &'static str {
        "quotes"
    }

    fn requires(&self) -> &'static [Layer] {
        &[
            Layer::Sentences,
            Layer::Tokens,
            Layer::Mentions,
            Layer::Actors,
        ]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Quotes]
    }

    fn run(&self, a: &mut Analysis) {
        let (quotes, unclosed) = self.attribute_with_diagnostics(a);
        a.quotes = quotes;
        // One diagnostic per paragraph would flood a text of stray marks.
        for r in unclosed.iter().take(10) {
            a.diagnose(
                Severity::Info,
                Some(*r),
                "quotation mark not closed before the end of its paragraph",
            );
        }
        if unclosed.len() > 10 {
            a.diagnose(
                Severity::Info,
                None,
                format!("{} more unclosed quotation marks", unclosed.len() - 10),
            );
        }
    }
}

/// Finds the actor named by a span through the mention layer.
struct Speakers<'a> {
    a: &'a Analysis,
    /// Mention indices sorted by start.
    order: Vec<usize>,
}

impl<'a> Speakers<'a> {
    fn new(a: &'a Analysis) -> Self {
        let mut order: Vec<usize> = (0..a.mentions.len())
            .filter(|&i| a.mentions[i].actor.index() < a.actors.len())
            .collect();
        order.sort_by_key(|&i| {
            (
                a.mentions[i].range.start(),
                std::cmp::Reverse(a.mentions[i].range.end()),
            )
        });
        Speakers { a, order }
    }

    /// The actor of the mention best matching `span`: a person ending it,
    /// else one starting with it, else one inside it that is not a possessor ("Trump’s aides"), else
    /// any inside it, else one covering it.
    fn actor(&self, span: TextRange) -> Option<ActorId> {
        let a = self.a;
        let text = a.text();
        let lo = self
            .order
            .partition_point(|&i| a.mentions[i].range.end() <= span.start());
        // Mentions overlapping the span start at or after some earlier point;
        // look back a little for ones that cover it.
        let back = lo.saturating_sub(8);
        let mut inside: Vec<usize> = Vec::new();
        let mut covering: Option<usize> = None;
        for &i in &self.order[back..] {
            let m = &a.mentions[i];
            if m.range.start() >= span.end() {
                break;
            }
            if span.contains_range(m.range) {
                inside.push(i);
            } else if m.range.contains_range(span) {
                covering.get_or_insert(i);
            }
        }
        let possessor = |i: usize| {
            let r = a.mentions[i].range;
            let rest = &text[r.end()..span.end().max(r.end())];
            rest.starts_with("’s")
                || rest.starts_with("'s")
                || rest.starts_with('’') && r.end() < span.end()
        };
        // A person named at the end of the source is its head, whatever
        // modifies it: "EU foreign policy chief Annika Lepmets".
        let person_head = |i: usize| {
            let m = &a.mentions[i];
            m.range.end() == span.end()
                && a.actors
                    .get(m.actor.index())
                    .is_some_and(|x| x.kind == newsgraph_core::ActorKind::Person)
        };
        let pick = inside
            .iter()
            .copied()
            .find(|&i| person_head(i) && !possessor(i))
            .or_else(|| {
                inside
                    .iter()
                    .copied()
                    .find(|&i| a.mentions[i].range.start() == span.start() && !possessor(i))
            })
            .or_else(|| inside.iter().copied().find(|&i| !possessor(i)))
            .or_else(|| inside.first().copied())
            .or(covering)?;
        Some(a.mentions[pick].actor)
    }
}

/// The content of a quote as discontinuous fragments: the content span
/// without the source and cue that interrupt a split quotation (“A,” she
/// said, “B.”) or a parenthetical attribution ("The plan, he said, will
/// fail"), each fragment trimmed of spaces and of the punctuation left at
/// its edges. This is how PolNeAR annotates content; a consumer scoring
/// against it should use these fragments rather than [`Quote::content`].
pub fn content_fragments(a: &Analysis, q: &Quote) -> Vec<TextRange> {
    let text = a.text();
    let mut cuts: Vec<TextRange> = q
        .source
        .iter()
        .chain(q.cue.iter())
        .copied()
        .filter(|r| q.content.intersects(*r))
        .collect();
    cuts.sort();
    let mut pieces = Vec::new();
    let mut at = q.content.start();
    for c in cuts {
        if c.start() > at {
            pieces.push(TextRange::new(at, c.start()));
        }
        at = at.max(c.end());
    }
    if at < q.content.end() {
        pieces.push(TextRange::new(at, q.content.end()));
    }
    let edge = |c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '—' | '–' | '-');
    pieces
        .into_iter()
        .filter_map(|r| {
            let s = r.slice(text);
            let trimmed_start = s.len() - s.trim_start_matches(edge).len();
            let inner = s.trim_start_matches(edge);
            // Trailing punctuation is kept when a closing mark follows it
            // ("“To a point,”"); only bare trailing separators go.
            let inner_trimmed = inner.trim_end_matches(edge);
            let end = r.start() + trimmed_start + inner_trimmed.len();
            let start = r.start() + trimmed_start;
            (start < end).then(|| TextRange::new(start, end))
        })
        .collect()
}

/// `r` without a contracted verb at its end: the source of "they're
/// saying" is "they", of "who'd endorsed" "who" (the verb belongs to the cue).
fn without_clitic(text: &str, r: TextRange) -> TextRange {
    let s = r.slice(text);
    for apostrophe in ["'", "’"] {
        for verb in ["re", "ve", "d", "ll", "m"] {
            let n = apostrophe.len() + verb.len();
            if s.len() > n && s.ends_with(verb) && s[..s.len() - verb.len()].ends_with(apostrophe) {
                return TextRange::new(r.start(), r.end() - n);
            }
        }
    }
    r
}

fn to_quote(
    a: &Analysis,
    ctx: &attribute::Ctx,
    sp: &Speakers,
    f: attribute::Found,
) -> Option<Quote> {
    let toks = &a.tokens;
    let range = |(s, e): (usize, usize)| -> Option<TextRange> {
        (s < e && e <= toks.len()).then(|| toks[s].range.cover(toks[e - 1].range))
    };
    let mut parts: Vec<(usize, usize)> = f.content.iter().copied().filter(|p| p.0 < p.1).collect();
    parts.sort();
    let content = parts
        .iter()
        .filter_map(|&p| range(p))
        .reduce(|x, y| x.cover(y))?;
    // Quoted spans: every top-level quotation inside the content parts.
    let mut quoted = Vec::new();
    let mut all_quoted = true;
    for &(s, e) in &parts {
        let mut k = s;
        while k < e {
            let q = ctx.marks.top[k];
            if q == 0 {
                if toks[k].kind != TokenKind::Punct {
                    all_quoted = false;
                }
                k += 1;
                continue;
            }
            let span = ctx.marks.spans[q as usize - 1];
            let inner_first = span.open + 1;
            let inner_last = match span.close {
                Some(c) => c,
                None => span.last + 1,
            };
            if inner_first < inner_last {
                quoted.push(toks[inner_first].range.cover(toks[inner_last - 1].range));
            }
            k = span.last.max(k) + 1;
        }
    }
    let kind = if quoted.is_empty() {
        QuoteKind::Indirect
    } else if all_quoted {
        QuoteKind::Direct
    } else {
        QuoteKind::Mixed
    };
    let source = f
        .source
        .and_then(range)
        .map(|r| without_clitic(a.text(), r));
    let speaker = match f.antecedent {
        Some(t) => sp.actor(toks[t].range),
        None => None,
    }
    .or_else(|| source.and_then(|s| sp.actor(s)));
    let addressee = f.addressee.and_then(range).and_then(|r| sp.actor(r));
    Some(Quote {
        kind,
        speaker,
        addressee,
        source,
        cue: range(f.cue),
        content,
        quoted,
        confidence: f.confidence,
    })
}

#[cfg(test)]
mod tests;
