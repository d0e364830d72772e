//! `newsgraph extract`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use newsgraph_core::Metadata;
use newsgraph_input::Limits;
use newsgraph_lexicon::Lexicon;
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
    let pipeline =
        crate::positions::with_issues(crate::events::pipeline(&args.knowledge)?, &args.knowledge)?;
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
    let opts = newsgraph_ingest::Options {
        limits,
        ..newsgraph_ingest::Options::default()
    };
    let (mut failed, mut total) = (0usize, 0usize);
    for path in &files {
        // One extract run is about files: a directory is named, not walked
        // (`newsgraph ingest` walks directories).
        if path.as_os_str() != "-" && path.is_dir() {
            eprintln!(
                "newsgraph: {}",
                newsgraph_input::Error::new(
                    path.display().to_string(),
                    newsgraph_input::ErrorKind::IsDirectory
                )
            );
            failed += 1;
            total += 1;
            continue;
        }
        // Text, HTML, JSON Lines, WARC or a feed, detected by extension and
        // content; one file may hold many articles.
        for item in newsgraph_ingest::articles(path, &opts) {
            total += 1;
            let article = match item {
                Ok(a) => a,
                Err(e) => {
                    // Reported and skipped: the rest of the batch goes on.
                    eprintln!("newsgraph: {e}");
                    failed += 1;
                    continue;
                }
            };
            // The flags, when given, speak for every input.
            let meta = Metadata {
                title: args.title.clone().or(article.meta.title),
                published: published.or(article.meta.published),
                url: args.url.clone().or(article.meta.url),
                origin: Some(article.source.clone()),
            };
            let mut analysis = pipeline.analyze_text(&article.text, meta);
            if args.plover_strict {
                newsgraph_events::plover_strict(&mut analysis);
            }
            let readout = Readout::from_analysis(&analysis);
            let record = record_suffix(&article.source);
            let rendered = match args.format {
                Format::Json if (several || record.is_some()) && args.out.is_none() => {
                    readout.to_json_line()
                }
                Format::Json => readout.to_json_pretty(),
                Format::Table => render_table(&readout),
                Format::Brat => crate::attribution::to_brat(&analysis),
            };
            match &args.out {
                Some(dir) => {
                    let ext = match args.format {
                        Format::Json => "json",
                        Format::Table => "txt",
                        Format::Brat => "ann",
                    };
                    let target = dir.join(output_name(path, record, ext));
                    // A brat file ends with its last line's newline already.
                    let body = if args.format == Format::Brat {
                        rendered
                    } else {
                        rendered + "\n"
                    };
                    std::fs::write(&target, body)
                        .with_context(|| format!("{}: cannot write", target.display()))?;
                }
                None => writeln!(out, "{rendered}")?,
            }
        }
    }
    out.flush()?;
    if failed > 0 {
        eprintln!("newsgraph: {failed} of {total} input(s) failed");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// `record-7` for a source `dump.jsonl#record-7`: one of many articles in a file.
fn record_suffix(source: &str) -> Option<&str> {
    source
        .rsplit_once('#')
        .map(|(_, r)| r)
        .filter(|r| r.starts_with("record-"))
}

fn output_name(path: &Path, record: Option<&str>, ext: &str) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| s != "-")
        .unwrap_or_else(|| "stdin".to_string());
    match record {
        Some(r) => format!("{stem}-{r}.{ext}"),
        None => format!("{stem}.{ext}"),
    }
}
