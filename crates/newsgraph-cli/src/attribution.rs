//! Quote attributions as PolNeAR sees them: `newsgraph eval attribution`
//! and the brat output of `newsgraph extract --format brat`.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use newsgraph_core::{Analysis, Metadata, OffsetMap};
use newsgraph_eval::polnear::{self, Attribution};
use newsgraph_pipeline::Pipeline;

use crate::args::Knowledge;

#[derive(Args)]
pub struct AttributionArgs {
    /// A PolNeAR compartment: `text/NAME.txt` and `attributions/NAME_ANNOTATOR.ann`
    /// (the first annotator file in sorted order is the gold).
    pub gold_dir: PathBuf,
    /// Exit non-zero when whole-attribution F1 (overlap match, all attributions) is below this (0-1).
    #[arg(long, value_name = "F1")]
    pub min_whole_f1: Option<f64>,
    /// Exit non-zero when whole-attribution F1 (overlap match) on the quote subset is below this.
    #[arg(long, value_name = "F1")]
    pub min_quote_f1: Option<f64>,
    /// Exit non-zero when source F1 (exact match, all attributions) is below this.
    #[arg(long, value_name = "F1")]
    pub min_source_f1: Option<f64>,
    /// Also write the predictions as NAME.ann brat files into DIR.
    #[arg(long, value_name = "DIR")]
    pub ann: Option<PathBuf>,
    #[command(flatten)]
    pub knowledge: Knowledge,
}

/// The quotes of an analysis as PolNeAR attributions in code points, the
/// content split around an interrupting source and cue
/// ([`newsgraph_quotes::content_fragments`]).
pub fn attributions(a: &Analysis) -> Vec<Attribution> {
    let map = OffsetMap::new(a.text());
    a.quotes
        .iter()
        .map(|q| Attribution {
            source: q.source.map(|r| vec![map.char_range(r)]),
            cue: q.cue.map(|r| vec![map.char_range(r)]).unwrap_or_default(),
            content: newsgraph_quotes::content_fragments(a, q)
                .into_iter()
                .map(|r| map.char_range(r))
                .collect(),
        })
        .collect()
}

/// The brat standoff file of an analysis (PolNeAR's format).
pub fn to_brat(a: &Analysis) -> String {
    polnear::write_ann(&attributions(a), a.text())
}

pub fn run(args: AttributionArgs, pipeline: &Pipeline) -> anyhow::Result<ExitCode> {
    let gold = polnear::load_dir(&args.gold_dir)?;
    anyhow::ensure!(
        !gold.is_empty(),
        "{}: no annotated articles",
        args.gold_dir.display()
    );
    if let Some(dir) = &args.ann {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create output directory", dir.display()))?;
    }
    let mut predicted: HashMap<String, Vec<Attribution>> = HashMap::new();
    for doc in &gold {
        let a = pipeline.analyze_text(&doc.text, Metadata::default());
        let attrs = attributions(&a);
        if let Some(dir) = &args.ann {
            let target = dir.join(format!("{}.ann", doc.name));
            std::fs::write(&target, polnear::write_ann(&attrs, &doc.text))
                .with_context(|| format!("{}: cannot write", target.display()))?;
        }
        predicted.insert(doc.name.clone(), attrs);
    }
    let report = polnear::score(&gold, &predicted);
    let mut out = std::io::stdout().lock();
    write!(out, "{}", report.to_table())?;
    writeln!(
        out,
        "\nMatching: one-to-one, greedy by overlap size. exact = same code points after trimming\n\
         whitespace and merging touching fragments; overlap = at least one code point in common.\n\
         A whole attribution matches when cue and content match and the sources match or are both absent.\n\
         quotes = gold and predicted attributions whose content holds a quotation mark."
    )?;
    out.flush()?;
    let checks = [
        (
            "whole-attribution F1 (overlap)",
            args.min_whole_f1,
            report.all.overlap.attribution.f1(),
        ),
        (
            "quote-subset whole-attribution F1 (overlap)",
            args.min_quote_f1,
            report.quotes.overlap.attribution.f1(),
        ),
        (
            "source F1 (exact)",
            args.min_source_f1,
            report.all.exact.source.f1(),
        ),
    ];
    let mut ok = true;
    for (what, min, f1) in checks {
        if let Some(min) = min {
            if f1 < min {
                eprintln!("newsgraph: {what} {f1:.3} is below the threshold {min:.3}");
                ok = false;
            }
        }
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
