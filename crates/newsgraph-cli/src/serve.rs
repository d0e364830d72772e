//! `newsgraph serve`: the HTTP API and the web page.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::Args;
use newsgraph_serve::{AppState, Corpus, Limits, MemoryCorpus, StoreCorpus};

use crate::args::Knowledge;

#[derive(Args)]
pub struct ServeArgs {
    /// The corpus store: a SQLite file or a postgres:// URL. Without it,
    /// stored articles live in memory until the server stops.
    #[arg(long, value_name = "PATH|URL")]
    pub db: Option<String>,
    /// Address to listen on. Anything but loopback needs --token.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Bearer token that writes (ingest, delete, extract?store=true) must carry.
    #[arg(long, value_name = "TOKEN")]
    pub token: Option<String>,
    /// Largest request body, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 2 * 1024 * 1024)]
    pub max_body: usize,
    /// Longest a request may take, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    pub timeout: u64,
    #[command(flatten)]
    pub knowledge: Knowledge,
}

pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    newsgraph_serve::check_bind(args.addr, args.token.as_deref())?;
    let corpus: Arc<dyn Corpus> = match &args.db {
        None => Arc::new(MemoryCorpus::default()),
        Some(target) => {
            Arc::new(StoreCorpus::open(target).map_err(|e| anyhow::anyhow!("--db {target}: {e}"))?)
        }
    };
    let pipeline = crate::events::pipeline(&args.knowledge)?;
    let state = AppState::new(pipeline, corpus, args.token);
    let limits = Limits {
        max_body: args.max_body,
        timeout: Duration::from_secs(args.timeout.max(1)),
    };
    let kept = if args.db.is_some() {
        "in the store"
    } else {
        "in memory only"
    };
    newsgraph_serve::serve_blocking(args.addr, state, limits, |addr| {
        eprintln!("newsgraph: serving on http://{addr}/ (stored articles are kept {kept})");
    })?;
    Ok(ExitCode::SUCCESS)
}
