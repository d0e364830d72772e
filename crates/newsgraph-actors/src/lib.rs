//! Mentions and actors.
//!
//! Reads the token layer sentence by sentence and finds the noun phrases
//! that name actors: proper names with their titles and roles ("German
//! Chancellor Friedrich Merz"), countries and their capitals standing for
//! governments ("Kyiv"), organisations ("the Kremlin", "NATO"), groups
//! ("European leaders", "his European counterparts"), definite descriptions
//! ("the U.S. president") and pronouns. Then it resolves them into one actor
//! per real-world entity:
//!
//! 1. chunking ([`chunk`]): each sentence becomes a list of typed chunks;
//! 2. linking ([`link`]): names merge by full name and surname, descriptions
//!    resolve by role and country, groups by their modifier;
//! 3. pronouns ([`pronouns`]): he/she/him/his resolve to the most salient
//!    earlier person of the right gender (recency plus a subject preference),
//!    never inside quotation marks, never the subject of their own clause for
//!    object pronouns.
//!
//! ```
//! use newsgraph_core::{Analysis, Component, Document, Metadata};
//! let mut a = Analysis::new(Document::new(
//!     "German Chancellor Friedrich Merz spoke. Merz said he was ready.",
//!     Metadata::default(),
//! ));
//! newsgraph_segment::Segmenter::new().run(&mut a);
//! newsgraph_actors::ActorRecognizer::new(newsgraph_lexicon::Lexicon::shared()).run(&mut a);
//! let merz = &a.actors[0];
//! assert_eq!(merz.name, "Friedrich Merz");
//! assert_eq!(merz.country.as_deref(), Some("DEU"));
//! assert_eq!(merz.mentions.len(), 3); // the full name, "Merz", "he"
//! ```

mod chunk;
mod link;
mod pronouns;
mod words;

use std::sync::Arc;

use newsgraph_core::{Analysis, Component, Layer, TextRange};
use newsgraph_lexicon::Lexicon;

/// The rule-based actor recogniser and coreference resolver.
pub struct ActorRecognizer {
    lex: Arc<Lexicon>,
}

/// The longest phrase, in tokens, that a lexicon lookup tries.
const MAX_PHRASE_TOKENS: usize = 8;

impl ActorRecognizer {
    pub fn new(lex: Arc<Lexicon>) -> Self {
        ActorRecognizer { lex }
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lex
    }
}

impl Component for ActorRecognizer {
    fn name(&self) -> &'static str {
        "actors"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Blocks, Layer::Sentences, Layer::Tokens]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Mentions, Layer::Actors]
    }

    fn run(&self, a: &mut Analysis) {
        let quoted = chunk::quoted_tokens(a);
        let mut chunks = chunk::chunk_document(self, a, &quoted);
        // A name the dates layer (when it ran) read as a date is no person:
        // "by June 30", "in April".
        let mut dates: Vec<TextRange> = a.dates.iter().map(|d| d.range).collect();
        if !dates.is_empty() {
            dates.sort_by_key(|r| (r.start(), r.end()));
            chunks.retain(|c| {
                if !matches!(c.what, chunk::What::Person { .. }) {
                    return true;
                }
                // The last date starting at or before the chunk, and those
                // before it that still reach it.
                let i = dates.partition_point(|d| d.start() <= c.range.start());
                !dates[..i]
                    .iter()
                    .rev()
                    .take(4)
                    .any(|d| d.contains_range(c.range))
            });
        }
        let pronoun_chunks = link::link(self, a, chunks);
        pronouns::resolve(a, &pronoun_chunks, &quoted);
        link::finish(a);
    }
}

/// Words of a name, for surname and full-name matching.
pub(crate) fn name_words(name: &str) -> Vec<&str> {
    name.split([' ', '\u{a0}'])
        .filter(|w| !w.is_empty())
        .collect()
}

/// Per token: inside quotation marks?
pub(crate) type TokenSet = Vec<bool>;

#[cfg(test)]
mod tests;
