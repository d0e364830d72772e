//! The corpus as the server sees it: a small trait over whatever stores the
//! articles, and the JSON rows each query answers with.
//!
//! The rows are the API's wire format for corpus queries; a store adapter
//! maps its own records into them.

use newsgraph_readout::{Readout, Span};
use serde::Serialize;

/// A store failure.
#[derive(Debug, Clone, thiserror::Error)]
pub enum CorpusError {
    /// The server runs without a store (answers 503).
    #[error("{0}")]
    Unavailable(String),
    /// The write clashes with what is stored (answers 409).
    #[error("{0}")]
    Conflict(String),
    /// The store failed (answers 500).
    #[error("store: {0}")]
    Store(String),
}

/// The corpus queries the API needs. Calls block (SQLite); the server runs
/// them off the async threads.
pub trait Corpus: Send + Sync + 'static {
    /// Stores one analysed article. Storing the same text again is not an error.
    fn insert(&self, text: &str, readout: &Readout) -> Result<ArticleSummary, CorpusError>;
    /// Removes an article; false when there was none with that id.
    fn delete(&self, id: &str) -> Result<bool, CorpusError>;
    /// Articles, newest publication first.
    fn articles(&self, limit: usize, offset: usize) -> Result<Vec<ArticleSummary>, CorpusError>;
    /// One article with its text and readout.
    fn article(&self, id: &str) -> Result<Option<ArticleDetail>, CorpusError>;
    /// Actors across articles, most mentioned first.
    fn actors(&self, limit: usize) -> Result<Vec<ActorRow>, CorpusError>;
    /// Events in date order.
    fn events(&self, filter: &EventFilter) -> Result<Vec<EventRow>, CorpusError>;
    /// Quotes, newest first.
    fn quotes(&self, filter: &QuoteFilter) -> Result<Vec<QuoteRow>, CorpusError>;
    /// Stances, in date order (so changes over time read left to right).
    fn positions(&self, issue: Option<&str>) -> Result<Vec<PositionRow>, CorpusError>;
    /// Who meets, quotes, accuses whom: actors as nodes, events as edges.
    fn graph(&self, limit: usize) -> Result<Graph, CorpusError>;
}

/// An article in a list.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ArticleSummary {
    pub id: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub actors: usize,
    pub quotes: usize,
    pub events: usize,
}

/// One stored article: its text and its readout.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleDetail {
    #[serde(flatten)]
    pub summary: ArticleSummary,
    pub text: String,
    pub readout: serde_json::Value,
}

/// An actor across the corpus. `key` identifies it in filters.
#[derive(Debug, Clone, Serialize)]
pub struct ActorRow {
    pub key: String,
    pub name: String,
    pub kind: String,
    pub country: Option<String>,
    pub articles: usize,
    pub mentions: usize,
    pub quotes: usize,
    pub events: usize,
}

/// Filters for `/api/events`. Dates are ISO `YYYY-MM-DD`, inclusive.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// An actor's key or (part of) its name, as participant or target.
    pub actor: Option<String>,
    /// A PLOVER event type (upper case).
    pub event_type: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub limit: usize,
}

/// An event with its article.
#[derive(Debug, Clone, Serialize)]
pub struct EventRow {
    pub article: String,
    pub article_title: Option<String>,
    pub id: String,
    #[serde(rename = "type")]
    pub event_type: String,
    pub status: String,
    /// The event's date, or the article's publication date when it has none.
    pub date: Option<String>,
    pub actors: Vec<String>,
    pub targets: Vec<String>,
    pub trigger: Span,
    pub sentence: Option<Span>,
    pub issue: Option<String>,
    /// Articles reporting this event (1 outside a merging store).
    pub sources: usize,
}

/// Filters for `/api/quotes`.
#[derive(Debug, Clone, Default)]
pub struct QuoteFilter {
    /// A speaker's key or (part of) its name.
    pub speaker: Option<String>,
    /// Words the quote content must contain (case-insensitive).
    pub q: Option<String>,
    pub limit: usize,
}

/// A quote with its source sentence and article.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteRow {
    pub article: String,
    pub article_title: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub id: String,
    pub kind: String,
    pub speaker: Option<String>,
    pub addressee: Option<String>,
    pub cue: Option<Span>,
    pub content: Span,
    pub sentence: Option<Span>,
    /// Articles carrying these words (1 outside a merging store).
    pub sources: usize,
}

/// One actor's stance on one issue in one article.
#[derive(Debug, Clone, Serialize)]
pub struct PositionRow {
    pub actor: String,
    pub issue: String,
    pub stance: String,
    pub article: String,
    pub published: Option<String>,
    pub evidence: Vec<Span>,
}

/// The actor network.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Graph {
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GraphNode {
    pub id: String,
    pub name: String,
    pub kind: String,
    /// Events the actor takes part in.
    pub weight: usize,
}

/// Events between two actors, by type.
#[derive(Debug, Clone, Serialize)]
pub struct GraphEdge {
    pub source: String,
    pub target: String,
    pub weight: usize,
    pub types: Vec<String>,
}
