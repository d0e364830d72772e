//! `newsgraph extract`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use newsgraph_core::Metadata;
use newsgraph_input::{Input, Limits};
use newsgraph_lexicon::Lexicon;
use newsgraph_pipeline::Pipeline;
use newsgraph_readout::{render_table, Readout};

use crate::args::{ExtractArgs, Format, Knowledge};

/// The knowledge base: built-in, plus the user's actors file.
pub fn lexicon(k: &Knowledge) -> anyhow::Result<Arc<Lexicon>> {
    match &k.actors {
        None => Ok(Lexicon::shared()),
        Some(path) => {
            let mut lex = Lexicon::embedded();
            lex.load_user_file(path)?;
            Ok(Arc::new(lex))
        }
    }
}

pub fn parse_date(s: &str) -> anyhow::Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .with_context(|| format!("--published {s:?} is not a date of the form YYYY-MM-DD"))
}

pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let published = args.published.as_deref().map(parse_date).transpose()?;
    let pipeline = Pipeline::default_pipeline(lexicon(&args.knowledge)?);
    let limits = Limits {
        max_bytes: args.max_bytes,
    };
    if let Some(dir) = &args.out {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create output directory", dir.display()))?;
    }
    let files: Vec<PathBuf> = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    };
    let several = files.len() > 1;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = 0usize;
    for path in &files {
        let input = if path.as_os_str() == "-" {
            newsgraph_input::read_stdin(&limits)
        } else {
            newsgraph_input::read_path(path, &limits)
        };
        let Input { origin, text } = match input {
            Ok(i) => i,
            Err(e) => {
                // Reported and skipped: the rest of the batch goes on.
                eprintln!("newsgraph: {e}");
                failed += 1;
                continue;
            }
        };
        let meta = Metadata {
            title: args.title.clone(),
            published,
            url: args.url.clone(),
            origin: Some(origin),
        };
        let analysis = pipeline.analyze_text(&text, meta);
        let readout = Readout::from_analysis(&analysis);
        let rendered = match args.format {
            Format::Json if several && args.out.is_none() => readout.to_json_line(),
            Format::Json => readout.to_json_pretty(),
            Format::Table => render_table(&readout),
        };
        match &args.out {
            Some(dir) => {
                let ext = if args.format == Format::Json {
                    "json"
                } else {
                    "txt"
                };
                let target = dir.join(output_name(path, ext));
                std::fs::write(&target, rendered + "\n")
                    .with_context(|| format!("{}: cannot write", target.display()))?;
            }
            None => writeln!(out, "{rendered}")?,
        }
    }
    out.flush()?;
    if failed > 0 {
        eprintln!("newsgraph: {failed} of {} input(s) failed", files.len());
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn output_name(path: &Path, ext: &str) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| s != "-")
        .unwrap_or_else(|| "stdin".to_string());
    format!("{stem}.{ext}")
}
