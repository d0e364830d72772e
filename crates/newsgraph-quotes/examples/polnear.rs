//! Scores the quote attributor on a PolNeAR compartment (train or dev).
//!
//! ```text
//! cargo run -p newsgraph-quotes --features shared-data --example polnear -- \
//!     ../shared/data/polnear/dev [--ann OUT_DIR] [--rules-only] [--cues FILE]
//! ```
//!
//! Runs segmentation and the attributor on each article (no actor layer: the
//! spans do not depend on it), converts the quotes to code-point
//! attributions with [`newsgraph_quotes::content_fragments`] and prints the
//! scores of `newsgraph_eval::polnear::score`. With `--ann`, writes the
//! predictions as brat files for inspection; with `--rules-only`, leaves the
//! learned model out; with `--cues`, extends the cue lexicon with a file in
//! the format of `data/cues.tsv` (to try entries before adding them).

use std::collections::HashMap;
use std::path::PathBuf;

use newsgraph_core::{Analysis, Component, Document, Metadata, OffsetMap};
use newsgraph_eval::polnear::{load_dir, score, write_ann, Attribution};
use newsgraph_quotes::{content_fragments, Quotes};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: polnear GOLD_DIR [--ann OUT_DIR] [--rules-only] [--cues FILE]");
        std::process::exit(2);
    };
    let mut out_dir = None;
    let mut rules_only = false;
    let mut cues = None;
    while let Some(a) = args.next() {
        if a == "--ann" {
            out_dir = args.next().map(PathBuf::from);
        } else if a == "--rules-only" {
            rules_only = true;
        } else if a == "--cues" {
            cues = args.next().map(PathBuf::from);
        }
    }
    let gold = load_dir(&dir).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1);
    });
    let quotes = match &cues {
        Some(path) => Quotes::with_user_cues(path).unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(1);
        }),
        None => Quotes::new(),
    };
    let quotes = if rules_only {
        quotes.with_model(None)
    } else {
        quotes
    };
    let mut predicted: HashMap<String, Vec<Attribution>> = HashMap::new();
    let start = std::time::Instant::now();
    for doc in &gold {
        let mut a = Analysis::new(Document::new(doc.text.clone(), Metadata::default()));
        newsgraph_segment::segment(&mut a);
        quotes.run(&mut a);
        let map = OffsetMap::new(a.text());
        let cp = |r: newsgraph_core::TextRange| map.char_range(r);
        let attrs: Vec<Attribution> = a
            .quotes
            .iter()
            .map(|q| Attribution {
                source: q.source.map(|r| vec![cp(r)]),
                cue: q.cue.map(|r| vec![cp(r)]).unwrap_or_default(),
                content: content_fragments(&a, q).into_iter().map(cp).collect(),
            })
            .collect();
        if let Some(out) = &out_dir {
            std::fs::create_dir_all(out).expect("create the output directory");
            std::fs::write(
                out.join(format!("{}.ann", doc.name)),
                write_ann(&attrs, &doc.text),
            )
            .expect("write an .ann file");
        }
        predicted.insert(doc.name.clone(), attrs);
    }
    let report = score(&gold, &predicted);
    println!("{}", report.to_table());
    eprintln!("{} articles in {:.2?}", gold.len(), start.elapsed());
}
