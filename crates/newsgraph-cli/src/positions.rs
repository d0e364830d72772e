//! `newsgraph positions`: the positions matrix (actors × issues) over one or
//! more articles, each cell the stance with a short evidence snippet. Across
//! articles the latest by date wins and a changed stance is marked.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use newsgraph_core::{Analysis, Metadata};
use newsgraph_pipeline::Pipeline;
use newsgraph_positions::{merge_positions, MergedPosition};

use crate::args::Knowledge;

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum MatrixFormat {
    /// A terminal table: one row per actor, one column per issue.
    Table,
    /// The same matrix as CSV.
    Csv,
    /// Every cell with its stance history.
    Json,
}

#[derive(Args)]
pub struct PositionsArgs {
    /// Articles to read (as for `extract`); `-` or nothing reads standard input.
    pub files: Vec<PathBuf>,
    /// Publication date (YYYY-MM-DD) for inputs that carry none.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub published: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: MatrixFormat,
    /// Refuse inputs larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = newsgraph_input::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
    #[command(flatten)]
    pub knowledge: Knowledge,
    /// Read the positions of the corpus in this store (SQLite file or postgres:// URL)
    /// instead of analysing files.
    #[arg(long, value_name = "URL", conflicts_with = "files")]
    pub db: Option<String>,
    /// With --db: only issues whose name contains these words.
    #[arg(long, requires = "db")]
    pub issue: Option<String>,
}

/// The pipeline with the user's issues file, when given (`--issues FILE`).
pub fn with_issues(p: Pipeline, k: &Knowledge) -> anyhow::Result<Pipeline> {
    Ok(match &k.issues {
        None => p,
        Some(path) => p.with_positions(newsgraph_positions::Positions::with_issues_file(path)?),
    })
}

pub fn run(args: PositionsArgs) -> anyhow::Result<ExitCode> {
    if let Some(db) = &args.db {
        return crate::corpus::positions(db, args.issue.as_deref(), args.format);
    }
    let published = args
        .published
        .as_deref()
        .map(crate::extract::parse_date)
        .transpose()?;
    let pipeline = with_issues(crate::events::pipeline(&args.knowledge)?, &args.knowledge)?;
    let files = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    };
    let opts = newsgraph_ingest::Options {
        limits: newsgraph_input::Limits {
            max_bytes: args.max_bytes,
        },
        ..newsgraph_ingest::Options::default()
    };
    let mut analyses: Vec<Analysis> = Vec::new();
    let mut failed = 0usize;
    for path in &files {
        for item in newsgraph_ingest::articles(path, &opts) {
            match item {
                Ok(article) => {
                    let meta = Metadata {
                        title: article.meta.title,
                        published: article.meta.published.or(published),
                        url: article.meta.url,
                        origin: Some(article.source.clone()),
                    };
                    analyses.push(pipeline.analyze_text(&article.text, meta));
                }
                Err(e) => {
                    eprintln!("newsgraph: {e}");
                    failed += 1;
                }
            }
        }
    }
    let rows = merge_positions(&analyses);
    let rendered = match args.format {
        MatrixFormat::Table => render_table(&rows),
        MatrixFormat::Csv => render_csv(&rows),
        MatrixFormat::Json => render_json(&rows),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    write!(out, "{rendered}")?;
    out.flush()?;
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Actors and issues, the most widely held first, then in order of first
/// appearance.
fn axes(rows: &[MergedPosition]) -> (Vec<&str>, Vec<&str>) {
    let mut actors: Vec<&str> = Vec::new();
    let mut issues: Vec<&str> = Vec::new();
    for r in rows {
        if !actors.contains(&r.actor.as_str()) {
            actors.push(&r.actor);
        }
        if !issues.contains(&r.issue.as_str()) {
            issues.push(&r.issue);
        }
    }
    let n_actor = |a: &str| rows.iter().filter(|r| r.actor == a).count();
    let n_issue = |i: &str| rows.iter().filter(|r| r.issue == i).count();
    // Stable sorts keep first appearance among equals.
    actors.sort_by_key(|a| std::cmp::Reverse(n_actor(a)));
    issues.sort_by_key(|i| std::cmp::Reverse(n_issue(i)));
    (actors, issues)
}

fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// "against: “I don't know that it's necessary”", with "(was for)" when
/// the actor moved.
fn cell(r: &MergedPosition, width: usize) -> String {
    let moved = if r.changed() {
        let first = r.history[0].stance.as_str();
        format!(" (was {first})")
    } else {
        String::new()
    };
    let head = format!("{}{moved}: ", r.stance.as_str());
    let room = width.saturating_sub(head.chars().count() + 2).max(12);
    format!("{head}“{}”", shorten(&r.latest().evidence, room))
}

fn render_table(rows: &[MergedPosition]) -> String {
    if rows.is_empty() {
        return "no positions found\n".to_string();
    }
    let (actors, issues) = axes(rows);
    let mut out = String::new();
    // One block per issue keeps every cell readable in a terminal: the
    // matrix read down the issue's column.
    for issue in &issues {
        out.push_str(&format!("{issue}\n"));
        let width = actors
            .iter()
            .filter(|a| rows.iter().any(|r| r.actor == **a && r.issue == *issue))
            .map(|a| a.chars().count())
            .max()
            .unwrap_or(0);
        for actor in &actors {
            if let Some(r) = rows.iter().find(|r| r.actor == *actor && r.issue == *issue) {
                out.push_str(&format!("  {actor:<width$}  {}\n", cell(r, 90)));
            }
        }
        out.push('\n');
    }
    // The bare matrix: stance only.
    let w0 = actors
        .iter()
        .map(|a| a.chars().count())
        .max()
        .unwrap_or(5)
        .max(5);
    let ws: Vec<usize> = issues.iter().map(|i| i.chars().count().max(9)).collect();
    out.push_str(&format!("{:<w0$}", "actor"));
    for (i, w) in issues.iter().zip(&ws) {
        out.push_str(&format!("  {i:<w$}"));
    }
    out.push('\n');
    for actor in &actors {
        out.push_str(&format!("{actor:<w0$}"));
        for (issue, w) in issues.iter().zip(&ws) {
            let c = rows
                .iter()
                .find(|r| r.actor == *actor && r.issue == *issue)
                .map(|r| {
                    if r.changed() {
                        format!("{}*", r.stance.as_str())
                    } else {
                        r.stance.as_str().to_string()
                    }
                })
                .unwrap_or_else(|| "·".to_string());
            out.push_str(&format!("  {c:<w$}"));
        }
        out.truncate(out.trim_end_matches(' ').len());
        out.push('\n');
    }
    if rows.iter().any(MergedPosition::changed) {
        out.push_str("* the stance changed between articles; the latest by date is shown\n");
    }
    out
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn render_csv(rows: &[MergedPosition]) -> String {
    let (actors, issues) = axes(rows);
    let mut out = String::from("actor");
    for i in &issues {
        out.push(',');
        out.push_str(&csv_field(i));
    }
    out.push('\n');
    for actor in &actors {
        out.push_str(&csv_field(actor));
        for issue in &issues {
            out.push(',');
            if let Some(r) = rows.iter().find(|r| r.actor == *actor && r.issue == *issue) {
                out.push_str(&csv_field(&cell(r, 80)));
            }
        }
        out.push('\n');
    }
    out
}

fn render_json(rows: &[MergedPosition]) -> String {
    let (actors, issues) = axes(rows);
    let cells: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| {
            serde_json::json!({
                "actor": r.actor,
                "issue": r.issue,
                "stance": r.stance.as_str(),
                "changed": r.changed(),
                "evidence": r.latest().evidence,
                "history": r.history.iter().map(|s| serde_json::json!({
                    "stance": s.stance.as_str(),
                    "date": s.date.map(|d| d.format("%Y-%m-%d").to_string()),
                    "evidence": s.evidence,
                    "document": s.document,
                    "origin": s.origin,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let v = serde_json::json!({ "actors": actors, "issues": issues, "cells": cells });
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}
