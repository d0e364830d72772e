//! Raw command-line flags. Resolution into configuration happens in each
//! subcommand's module.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "newsgraph",
    version,
    about = "Turn news reports into a verifiable record: actors, quotes, events, figures, positions."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Read articles and print their readout (JSON or a table).
    Extract(ExtractArgs),
    /// Score newsgraph against gold data.
    Eval(EvalArgs),
    /// Measure throughput over files (single thread): MB/s, articles/s, peak memory.
    Bench(BenchArgs),
    /// Serve the HTTP API and the web page (loopback by default).
    Serve(crate::serve::ServeArgs),
    /// Print the positions matrix (actors × issues, stance and evidence) of articles.
    Positions(crate::positions::PositionsArgs),
    /// Read inputs into the corpus store, extracting in parallel, then merge across articles.
    Ingest(crate::ingest::IngestArgs),
    /// Rebuild the cross-article merges (canonical actors, events, quotes) in the store.
    Merge(crate::ingest::MergeCmdArgs),
    /// Merged events in date order, with every source.
    Timeline(crate::corpus::TimelineArgs),
    /// Merged quotes, by speaker or words (full-text search).
    Quotes(crate::corpus::QuotesArgs),
    /// Canonical actors: mentions, articles, co-occurrence.
    Actors(crate::corpus::ActorsArgs),
    /// The actor network weighted by events, as GraphML or JSON.
    Graph(crate::corpus::GraphArgs),
    /// Export events, quotes, actors or positions (JSON Lines, CSV, PLOVER, GDELT-like, Parquet).
    Export(crate::corpus::ExportArgs),
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    /// The readout JSON (pretty for one article, JSON Lines for several).
    Json,
    /// A readable terminal view.
    Table,
    /// PolNeAR brat standoff (`NAME.ann`): Source, Cue and Content T lines tied by E lines.
    Brat,
}

#[derive(Args, Clone)]
pub struct Knowledge {
    /// A TOML file of actors that adds to or overrides the built-in knowledge.
    #[arg(long, value_name = "FILE")]
    pub actors: Option<PathBuf>,
    /// A TSV file of event patterns (the columns of newsgraph-events' `data/events.tsv`)
    /// that adds to the built-in event lexicon.
    #[arg(long, value_name = "FILE")]
    pub events: Option<PathBuf>,
    /// A TSV file of issues (the columns of newsgraph-positions' `data/issues.tsv`)
    /// that adds to the built-in issues (used by `extract` and `positions`).
    #[arg(long, value_name = "FILE")]
    pub issues: Option<PathBuf>,
}

#[derive(Args)]
pub struct ExtractArgs {
    /// Articles to read: text (with optional front matter), HTML, JSON Lines, WARC(.gz) or
    /// RSS/Atom feeds, detected by extension and content; `-` or nothing reads standard input.
    pub files: Vec<PathBuf>,
    /// Publication date (YYYY-MM-DD): relative dates resolve against it.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub published: Option<String>,
    /// Article title (applies to every input).
    #[arg(long)]
    pub title: Option<String>,
    /// Article URL (applies to every input).
    #[arg(long)]
    pub url: Option<String>,
    #[arg(long, value_enum, default_value = "json")]
    pub format: Format,
    /// Write one NAME.json (or NAME.txt for tables) per input into DIR instead of stdout.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Refuse inputs larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = newsgraph_input::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
    #[command(flatten)]
    pub knowledge: Knowledge,
    /// Code future consultation, support, cooperation and aid as AGREE, as PLOVER does.
    #[arg(long)]
    pub plover_strict: bool,
}

#[derive(Args)]
pub struct EvalArgs {
    #[command(subcommand)]
    pub what: EvalWhat,
}

#[derive(Subcommand)]
pub enum EvalWhat {
    /// Named entities on a CrossNER file (token<TAB>BIO-tag).
    Ner {
        file: PathBuf,
        /// Exit non-zero when overall F1 falls below this (0-1).
        #[arg(long)]
        min_f1: Option<f64>,
        #[command(flatten)]
        knowledge: Knowledge,
    },
    /// Quote attribution on a PolNeAR compartment (`text/` and `attributions/`).
    Attribution(crate::attribution::AttributionArgs),
    /// Event types on PLOVER's gold-standard sentences (`plover_gsr_cameo.normalized.jsonl`).
    Events {
        file: PathBuf,
        /// Exit non-zero when event-type accuracy falls below this (0-1).
        #[arg(long)]
        min_accuracy: Option<f64>,
        #[command(flatten)]
        knowledge: Knowledge,
    },
    /// The seed gold file: actors and coreference (and later layers as they land).
    Seed {
        /// The gold TOML file; the article is the `.txt` beside it.
        gold: PathBuf,
        #[command(flatten)]
        knowledge: Knowledge,
    },
}

#[derive(Args)]
pub struct BenchArgs {
    /// Text files or directories of .txt files.
    pub inputs: Vec<PathBuf>,
    /// Passes over the inputs.
    #[arg(long, default_value_t = 5)]
    pub repeat: usize,
    /// Which stages to run: segmentation alone, segmentation + actors, or the full readout.
    #[arg(long, value_enum, default_value = "full")]
    pub stage: Stage,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
pub enum Stage {
    Segment,
    Actors,
    Full,
}
