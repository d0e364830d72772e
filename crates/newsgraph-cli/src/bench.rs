//! `newsgraph bench`: single-thread throughput of the pipeline over real
//! files, with peak memory. Speed is measured here (and in the criterion
//! benches), never in timed tests.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use newsgraph_core::{Analysis, Component, Document, Metadata};
use newsgraph_input::Limits;
use newsgraph_lexicon::Lexicon;
use newsgraph_pipeline::Pipeline;

use crate::args::{BenchArgs, Stage};

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for e in entries {
            collect(&e, out)?;
        }
    } else if path.extension().is_none_or(|e| e == "txt") {
        out.push(path.to_path_buf());
    }
    Ok(())
}

/// Peak resident memory of this process in KiB (Linux), if known.
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

pub fn run(args: BenchArgs) -> anyhow::Result<ExitCode> {
    let mut files = Vec::new();
    for p in &args.inputs {
        collect(p, &mut files)?;
    }
    let mut texts = Vec::new();
    for f in &files {
        match newsgraph_input::read_path(f, &Limits::default()) {
            Ok(i) => texts.push(i.text),
            Err(e) => eprintln!("newsgraph: {e} (skipped)"),
        }
    }
    anyhow::ensure!(!texts.is_empty(), "no readable .txt inputs");
    let bytes: usize = texts.iter().map(String::len).sum();
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    let pipeline = Pipeline::default_pipeline(Lexicon::shared());
    let segmenter = newsgraph_segment::Segmenter::new();
    let actors = newsgraph_actors::ActorRecognizer::new(Lexicon::shared());
    // Warm up: lexicon and lazily built tables.
    let _ = pipeline.analyze_text(&texts[0], Metadata::default());
    let start = Instant::now();
    let mut sink = 0usize;
    for _ in 0..args.repeat.max(1) {
        for t in &texts {
            match args.stage {
                Stage::Full => {
                    let a = pipeline.analyze_text(t, Metadata::default());
                    sink += a.mentions.len();
                }
                stage => {
                    let mut a = Analysis::new(Document::new(t.as_str(), Metadata::default()));
                    segmenter.run(&mut a);
                    if stage == Stage::Actors {
                        actors.run(&mut a);
                    }
                    sink += a.tokens.len() + a.mentions.len();
                }
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let passes = args.repeat.max(1) as f64;
    let stage = match args.stage {
        Stage::Segment => "segmentation".to_string(),
        Stage::Actors => "segmentation + actors".to_string(),
        Stage::Full => format!("full readout ({})", pipeline.component_names().join(", ")),
    };
    println!("stage:        {stage}");
    println!(
        "inputs:       {} articles, {:.2} MB, {} words, {} passes",
        texts.len(),
        bytes as f64 / 1e6,
        words,
        passes
    );
    println!(
        "throughput:   {:.1} MB/s, {:.0} articles/s, {:.0} words/s (one core)",
        bytes as f64 * passes / secs / 1e6,
        texts.len() as f64 * passes / secs,
        words as f64 * passes / secs
    );
    if let Some(kib) = peak_rss_kib() {
        println!("peak memory:  {:.1} MiB (VmHWM)", kib as f64 / 1024.0);
    }
    if sink == usize::MAX {
        println!();
    }
    Ok(ExitCode::SUCCESS)
}
