//! Queries over the store: `timeline`, `quotes`, `actors`, `graph`, `export`.
//! Each prints JSON Lines (`--format json`) or readable lines (the default).

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};
use newsgraph_store::{ExportFormat, ExportWhat, QuoteFilter, Store, TimelineFilter};

use crate::ingest::DbArg;

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ListFormat {
    /// One line per record.
    Text,
    /// JSON Lines: one merged record per line, with its reports.
    Json,
}

#[derive(Args)]
pub struct TimelineArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// An actor: its name, a variant, or words of its name.
    #[arg(long)]
    pub actor: Option<String>,
    /// A PLOVER event type (AGREE, CONSULT, ...).
    #[arg(long = "type", value_name = "TYPE")]
    pub event_type: Option<String>,
    /// First date (YYYY-MM-DD), inclusive.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<String>,
    /// Last date (YYYY-MM-DD), inclusive.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: Option<String>,
    #[arg(long)]
    pub limit: Option<usize>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ListFormat,
}

#[derive(Args)]
pub struct QuotesArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// A speaker: a name, a variant, or words of a name.
    #[arg(long)]
    pub speaker: Option<String>,
    /// Words every quote must contain (full-text search).
    #[arg(long, value_name = "WORDS")]
    pub search: Option<String>,
    #[arg(long)]
    pub limit: Option<usize>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ListFormat,
}

#[derive(Args)]
pub struct ActorsArgs {
    #[command(flatten)]
    pub db: DbArg,
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ListFormat,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum GraphFormat {
    Graphml,
    Json,
}

#[derive(Args)]
pub struct GraphArgs {
    #[command(flatten)]
    pub db: DbArg,
    #[arg(long, value_enum, default_value = "graphml")]
    pub format: GraphFormat,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum What {
    Events,
    Quotes,
    Actors,
    Positions,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExportFmt {
    Jsonl,
    Csv,
    /// PLOVER-style JSON Lines (events only).
    Plover,
    /// A GDELT-like tab-separated event table (events only).
    Gdelt,
    /// Parquet with typed columns (binary: give --out FILE or redirect stdout).
    Parquet,
}

#[derive(Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub db: DbArg,
    #[arg(long, value_enum)]
    pub what: What,
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: ExportFmt,
    /// Write to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<std::path::PathBuf>,
}

/// Opens the store and warns when the merges are older than the articles.
fn open(db: &DbArg) -> anyhow::Result<Store> {
    let mut store = db.open()?;
    if store.merges_stale()? {
        eprintln!(
            "newsgraph: warning: the merges predate the latest articles; run `newsgraph merge --db {}`",
            db.db
        );
    }
    Ok(store)
}

fn names(list: &[newsgraph_store::ActorRef]) -> String {
    list.iter()
        .map(|a| a.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn timeline(args: TimelineArgs) -> anyhow::Result<ExitCode> {
    let mut store = open(&args.db)?;
    let events = store.timeline(&TimelineFilter {
        actor: args.actor,
        event_type: args.event_type,
        from: args.from,
        to: args.to,
        limit: args.limit,
    })?;
    let mut out = std::io::stdout().lock();
    for e in events {
        match args.format {
            ListFormat::Json => writeln!(out, "{}", serde_json::to_string(&e)?)?,
            ListFormat::Text => writeln!(
                out,
                "{}  {:<9} {} → {}  [{}; {} source(s): {}]",
                e.date.as_deref().unwrap_or("????-??-??"),
                e.event_type,
                names(&e.actors),
                names(&e.targets),
                e.status,
                e.sources,
                e.outlets.join(", ")
            )?,
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn quotes(args: QuotesArgs) -> anyhow::Result<ExitCode> {
    let mut store = open(&args.db)?;
    let quotes = store.quotes(&QuoteFilter {
        speaker: args.speaker,
        search: args.search,
        limit: args.limit,
    })?;
    let mut out = std::io::stdout().lock();
    for q in quotes {
        match args.format {
            ListFormat::Json => writeln!(out, "{}", serde_json::to_string(&q)?)?,
            ListFormat::Text => writeln!(
                out,
                "{}  {}: “{}”  [{} source(s): {}]",
                q.date.as_deref().unwrap_or("????-??-??"),
                q.speaker.as_ref().map_or("(unknown)", |s| s.name.as_str()),
                q.content.trim(),
                q.sources,
                q.outlets.join(", ")
            )?,
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn actors(args: ActorsArgs) -> anyhow::Result<ExitCode> {
    let mut store = open(&args.db)?;
    let mut out = std::io::stdout().lock();
    for a in store.actors(Some(args.limit))? {
        match args.format {
            ListFormat::Json => writeln!(out, "{}", serde_json::to_string(&a)?)?,
            ListFormat::Text => {
                let co: Vec<String> = a
                    .cooccurs
                    .iter()
                    .map(|c| format!("{} ({})", c.name, c.articles))
                    .collect();
                writeln!(
                    out,
                    "{:>6} mentions {:>5} articles  {} ({}{})  with: {}",
                    a.mentions,
                    a.articles,
                    a.name,
                    a.kind,
                    a.country
                        .as_deref()
                        .map(|c| format!(", {c}"))
                        .unwrap_or_default(),
                    co.join(", ")
                )?
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn graph(args: GraphArgs) -> anyhow::Result<ExitCode> {
    let mut store = open(&args.db)?;
    let g = store.graph()?;
    let mut out = std::io::stdout().lock();
    match args.format {
        GraphFormat::Graphml => write!(out, "{}", g.to_graphml())?,
        GraphFormat::Json => writeln!(out, "{}", g.to_json())?,
    }
    Ok(ExitCode::SUCCESS)
}

pub fn export(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let mut store = open(&args.db)?;
    let what = match args.what {
        What::Events => ExportWhat::Events,
        What::Quotes => ExportWhat::Quotes,
        What::Actors => ExportWhat::Actors,
        What::Positions => ExportWhat::Positions,
    };
    let format = match args.format {
        ExportFmt::Jsonl => ExportFormat::Jsonl,
        ExportFmt::Csv => ExportFormat::Csv,
        ExportFmt::Plover => ExportFormat::Plover,
        ExportFmt::Gdelt => ExportFormat::Gdelt,
        ExportFmt::Parquet => ExportFormat::Parquet,
    };
    if let Some(path) = &args.out {
        let file = std::fs::File::create(path)
            .with_context(|| format!("--out {}: cannot create", path.display()))?;
        let mut out = std::io::BufWriter::new(file);
        store.export(what, format, &mut out)?;
        out.flush()
            .with_context(|| format!("--out {}", path.display()))?;
        return Ok(ExitCode::SUCCESS);
    }
    if format == ExportFormat::Parquet && std::io::stdout().is_terminal() {
        anyhow::bail!("--format parquet is binary: give --out FILE or redirect standard output");
    }
    let mut out = std::io::BufWriter::new(std::io::stdout());
    store.export(what, format, &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `newsgraph positions --db URL [--issue I]`: stances across the corpus,
/// the latest by date winning, with the changes.
pub fn positions(
    db: &str,
    issue: Option<&str>,
    format: crate::positions::MatrixFormat,
) -> anyhow::Result<ExitCode> {
    use crate::positions::MatrixFormat;
    let mut store = open(&DbArg { db: db.to_string() })?;
    let positions = store.positions(issue)?;
    let mut out = std::io::stdout().lock();
    if format == MatrixFormat::Csv {
        writeln!(out, "issue,actor,stance,date,reports,changes")?;
    }
    for p in positions {
        let changes: Vec<String> = p
            .changes
            .iter()
            .map(|c| {
                format!(
                    "{}→{} ({})",
                    c.from,
                    c.to,
                    c.date.as_deref().unwrap_or("undated")
                )
            })
            .collect();
        match format {
            MatrixFormat::Json => writeln!(out, "{}", serde_json::to_string(&p)?)?,
            MatrixFormat::Csv => {
                let field = |s: &str| {
                    if s.contains([',', '"', '\n']) {
                        format!("\"{}\"", s.replace('"', "\"\""))
                    } else {
                        s.to_string()
                    }
                };
                writeln!(
                    out,
                    "{},{},{},{},{},{}",
                    field(&p.issue),
                    field(&p.actor.name),
                    p.stance,
                    p.date.as_deref().unwrap_or(""),
                    p.history.len(),
                    field(&changes.join("; "))
                )?
            }
            MatrixFormat::Table => writeln!(
                out,
                "{:<28} {:<28} {:<9} {}  ({} report(s){}{})",
                p.issue,
                p.actor.name,
                p.stance,
                p.date.as_deref().unwrap_or("undated"),
                p.history.len(),
                if changes.is_empty() {
                    ""
                } else {
                    "; changed: "
                },
                changes.join(", ")
            )?,
        }
    }
    Ok(ExitCode::SUCCESS)
}
