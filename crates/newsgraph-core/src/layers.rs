//! Structural layers: blocks, sentences, tokens.

use crate::TextRange;

/// What kind of block a line or paragraph is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    Paragraph,
    /// A heading or subheading ("1. Is a Putin–Zelensky Meeting in the Works?").
    Heading,
    /// A bulleted or numbered item that reads as prose rather than a title.
    ListItem,
    /// A dateline, byline or other furniture that is not prose.
    Furniture,
}

/// A paragraph, heading or list item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    /// The block's text, without a list marker ("- ", "1. ") and trailing whitespace.
    pub range: TextRange,
    /// The list marker, if any.
    pub marker: Option<TextRange>,
    pub kind: BlockKind,
}

/// A sentence. **Invariant:** sentences are ordered, do not overlap, and
/// each lies inside its block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub range: TextRange,
    /// Index into [`crate::Analysis::blocks`].
    pub block: u32,
    /// Index of the first token of this sentence in [`crate::Analysis::tokens`].
    pub first_token: u32,
    /// One past the last token of this sentence.
    pub end_token: u32,
}

/// The shape class of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes, hyphens or periods ("U.S.", "Vice-President", "don't").
    Word,
    /// Digits, possibly with separators ("90", "1,200", "3.5", "2022").
    Number,
    /// An opening quotation mark (“ ‘ or a straight quote judged to open).
    OpenQuote,
    /// A closing quotation mark (” ’ or a straight quote judged to close).
    CloseQuote,
    /// Sentence or clause punctuation, dashes, brackets.
    Punct,
    /// Currency and other symbols ($ £ € % &).
    Symbol,
}

/// A token. **Invariant:** tokens are ordered and do not overlap; whitespace
/// is never part of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub range: TextRange,
    pub kind: TokenKind,
}
