//! The immutable document text and its metadata.

use chrono::NaiveDate;

/// What is known about an article besides its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub title: Option<String>,
    /// Publication date: relative dates ("on Monday", "last week") resolve against it.
    pub published: Option<NaiveDate>,
    pub url: Option<String>,
    /// Where the text came from (a path, `-` for stdin), for diagnostics.
    pub origin: Option<String>,
}

/// One article: an immutable text, identified by the hash of its content.
///
/// **Invariant:** the text never changes after construction; every layer's
/// ranges point into it.
#[derive(Debug, Clone)]
pub struct Document {
    id: String,
    text: String,
    pub meta: Metadata,
}

impl Document {
    pub fn new(text: impl Into<String>, meta: Metadata) -> Self {
        let text = text.into();
        let id = content_id(&text);
        Document { id, text, meta }
    }

    /// The content hash: the first 16 bytes of BLAKE3 of the text, in hex.
    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn text(&self) -> &str {
        &self.text
    }
}

/// The content id of a text (same as [`Document::id`]).
pub fn content_id(text: &str) -> String {
    let hash = blake3::hash(text.as_bytes());
    hash.as_bytes()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_depends_on_text_only() {
        let a = Document::new("same", Metadata::default());
        let b = Document::new(
            "same",
            Metadata {
                title: Some("t".into()),
                ..Metadata::default()
            },
        );
        assert_eq!(a.id(), b.id());
        assert_eq!(a.id().len(), 32);
        assert_ne!(a.id(), Document::new("other", Metadata::default()).id());
    }
}
