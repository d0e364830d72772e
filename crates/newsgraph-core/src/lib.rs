//! The newsgraph document model.
//!
//! One immutable text ([`Document`]) and layers of labelled spans over it,
//! collected in an [`Analysis`]: blocks (paragraphs, headings, list items),
//! sentences, tokens, mentions, actors, quotes, events, figures, dates and
//! positions. Every record points into the text by [`TextRange`] (byte
//! offsets); [`OffsetMap`] turns them into code-point offsets for output.
//!
//! ```
//! use newsgraph_core::{Analysis, Document, Metadata, TextRange};
//!
//! let doc = Document::new("Merz spoke.", Metadata::default());
//! let analysis = Analysis::new(doc);
//! assert_eq!(TextRange::new(0, 4).slice(analysis.text()), "Merz");
//! ```
//!
//! This crate has no serialization: the wire shapes live in
//! `newsgraph-readout`, so internal types can change without breaking users.

mod analysis;
mod document;
mod layers;
mod offsets;
mod range;
mod records;

pub use analysis::{Analysis, Component, Diagnostic, Layer, Severity};
pub use document::{Document, Metadata};
pub use layers::{Block, BlockKind, Sentence, Token, TokenKind};
pub use offsets::OffsetMap;
pub use range::TextRange;
pub use records::*;
