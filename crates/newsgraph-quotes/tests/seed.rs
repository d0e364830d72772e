//! The seed article: every required gold quote with the right speaker, and
//! few extracted quotes that match nothing. Reads `../shared` (outside the
//! repository), so it runs only with `--features shared-data`.

#![cfg(feature = "shared-data")]

use std::path::PathBuf;

use newsgraph_core::{Analysis, Component, Document, Metadata};

fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

#[test]
fn seed_quotes() {
    let seeds = shared().join("seeds");
    let gold = newsgraph_eval::seed::load(&seeds.join("000_47dcfd72622b8e67.gold.toml"))
        .expect("seed gold file");
    let text = std::fs::read_to_string(seeds.join("000_47dcfd72622b8e67.txt")).expect("seed text");
    let mut a = Analysis::new(Document::new(text, Metadata::default()));
    newsgraph_segment::Segmenter::new().run(&mut a);
    newsgraph_actors::ActorRecognizer::new(newsgraph_lexicon::Lexicon::shared()).run(&mut a);
    newsgraph_quotes::Quotes::new().run(&mut a);
    a.check_invariants().unwrap();

    let readout = newsgraph_readout::Readout::from_analysis(&a);
    let value: serde_json::Value = serde_json::from_str(&readout.to_json_pretty()).unwrap();
    let report = newsgraph_eval::seed::check_quotes(&gold, &value);
    println!("{}", report.to_text());
    assert!(report.all_required_pass(), "{}", report.to_text());
    assert!(report.unmatched.len() <= 3, "{}", report.to_text());
}
