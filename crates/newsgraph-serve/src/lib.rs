//! `newsgraph serve`: an HTTP API and a web page over the pipeline and the
//! corpus.
//!
//! The API reads an article (text or HTML) and answers with the readout JSON
//! (`POST /api/extract`), stores articles (`POST /api/articles`) and queries
//! the stored corpus (`/api/articles`, `/api/actors`, `/api/events`,
//! `/api/quotes`, `/api/positions`, `/api/graph`). An HTML page is read by
//! [`newsgraph_ingest::article_from_html`], as `newsgraph ingest` reads a
//! file: main content without boilerplate, and the page's title,
//! publication date and URL where the request names none. Its OpenAPI document is at
//! `/api/openapi.json`; every error is JSON `{"code", "message"}`. The page at
//! `/` is plain HTML, CSS and JavaScript embedded in the binary.
//!
//! The corpus sits behind the [`Corpus`] trait, so the server does not care
//! whether articles live in SQLite or PostgreSQL ([`StoreCorpus`], over
//! `newsgraph-store`) or in memory ([`MemoryCorpus`]).
//!
//! **Boundary:** the server binds to loopback unless given a token; with a
//! token, every write (ingest, delete, `extract?store=true`) needs
//! `Authorization: Bearer TOKEN`. Without a token, requests must name a
//! loopback host (against DNS rebinding) and writes from another `Origin` are
//! refused (against cross-site forms). Request bodies and request time are
//! bounded, and there is no CORS layer, so other origins cannot read answers.
//!
//! ```
//! use std::sync::Arc;
//! use newsgraph_serve::{router, AppState, MemoryCorpus, Limits};
//! let state = AppState::with_defaults(Arc::new(MemoryCorpus::default()), None);
//! let app: axum::Router = router(state, Limits::default());
//! # let _ = app;
//! ```

mod api;
mod assets;
mod corpus;
mod error;
mod memory;
mod store;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use newsgraph_lexicon::Lexicon;
use newsgraph_pipeline::Pipeline;

pub use api::router;
pub use corpus::{
    ActorRow, ArticleDetail, ArticleSummary, Corpus, CorpusError, EventFilter, EventRow, Graph,
    GraphEdge, GraphNode, PositionRow, QuoteFilter, QuoteRow,
};
pub use error::ApiError;
pub use memory::MemoryCorpus;
pub use store::StoreCorpus;

/// What every handler shares: the pipeline, the corpus and the write token.
#[derive(Clone)]
pub struct AppState {
    pub pipeline: Arc<Pipeline>,
    pub corpus: Arc<dyn Corpus>,
    /// When set, writes need `Authorization: Bearer TOKEN`.
    pub token: Option<Arc<str>>,
    /// Analyses running at once: twice the cores. Requests beyond wait
    /// (within the request time limit) instead of piling threads onto the CPU,
    /// and a permit is held until its analysis ends, even if the client left.
    pub analyses: Arc<tokio::sync::Semaphore>,
}

impl AppState {
    pub fn new(pipeline: Pipeline, corpus: Arc<dyn Corpus>, token: Option<String>) -> Self {
        AppState {
            pipeline: Arc::new(pipeline),
            corpus,
            token: token.map(Arc::from),
            analyses: Arc::new(tokio::sync::Semaphore::new(
                2 * std::thread::available_parallelism().map_or(2, |n| n.get()),
            )),
        }
    }

    /// The default pipeline with the built-in knowledge.
    pub fn with_defaults(corpus: Arc<dyn Corpus>, token: Option<String>) -> Self {
        Self::new(Pipeline::default_pipeline(Lexicon::shared()), corpus, token)
    }
}

/// Bounds on each request.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest request body accepted, in bytes.
    pub max_body: usize,
    /// Longest time a request may take before the server answers 408.
    pub timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body: 2 * 1024 * 1024,
            timeout: Duration::from_secs(30),
        }
    }
}

/// Why the server refused to start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("refusing to bind {0} without --token: writes would be open to the network (bind 127.0.0.1 or pass --token)")]
    OpenWithoutToken(SocketAddr),
    #[error("--token must not be empty")]
    EmptyToken,
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("server failed: {0}")]
    Io(#[from] std::io::Error),
}

/// Checks the bind address against the token: a non-loopback address needs one.
pub fn check_bind(addr: SocketAddr, token: Option<&str>) -> Result<(), ServeError> {
    match token {
        Some("") => Err(ServeError::EmptyToken),
        Some(_) => Ok(()),
        None if addr.ip().is_loopback() => Ok(()),
        None => Err(ServeError::OpenWithoutToken(addr)),
    }
}

/// Binds `addr` and serves until the process ends. `ready` is called with
/// the bound address (useful with port 0).
pub async fn serve(
    addr: SocketAddr,
    state: AppState,
    limits: Limits,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    check_bind(addr, state.token.as_deref())?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| ServeError::Bind { addr, source })?;
    ready(listener.local_addr()?);
    axum::serve(listener, router(state, limits)).await?;
    Ok(())
}

/// [`serve`] on a fresh multi-threaded runtime, for the command line.
pub fn serve_blocking(
    addr: SocketAddr,
    state: AppState,
    limits: Limits,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    check_bind(addr, state.token.as_deref())?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(serve(addr, state, limits, ready))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_needs_no_token_but_the_network_does() {
        let lo: SocketAddr = "127.0.0.1:8080".parse().unwrap();
        let lo6: SocketAddr = "[::1]:8080".parse().unwrap();
        let any: SocketAddr = "0.0.0.0:8080".parse().unwrap();
        assert!(check_bind(lo, None).is_ok());
        assert!(check_bind(lo6, None).is_ok());
        assert!(matches!(
            check_bind(any, None),
            Err(ServeError::OpenWithoutToken(_))
        ));
        assert!(check_bind(any, Some("s3cret")).is_ok());
        assert!(matches!(
            check_bind(lo, Some("")),
            Err(ServeError::EmptyToken)
        ));
    }
}
