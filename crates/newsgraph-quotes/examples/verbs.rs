//! Builds `data/verbs.tsv`: the words that CoreNLP tags as a verb other
//! than a participle (VB, VBZ, VBD, VBP, MD) in at least 70% of their
//! occurrences in the PolNeAR train articles, from their silver annotation.
//!
//! ```text
//! cargo run -p newsgraph-quotes --features shared-data --example verbs -- \
//!     ../shared/data/polnear/silver/train crates/newsgraph-quotes/data/verbs.tsv
//! ```
//!
//! Only the train compartment is read. Words are lowercased, curly
//! apostrophes made straight; a word needs 3 occurrences.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;

const MIN_COUNT: u32 = 3;
const MIN_SHARE: f64 = 0.7;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(out)) = (args.next().map(PathBuf::from), args.next()) else {
        eprintln!("usage: verbs SILVER_TRAIN_DIR OUT.tsv");
        std::process::exit(2);
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| fail(&format!("{}: {e}", dir.display())))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".conllu.gz"))
        .collect();
    files.sort();
    // word -> (verb tags, all tags)
    let mut counts: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    for path in &files {
        let file =
            std::fs::File::open(path).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
        let reader = BufReader::new(flate2::read::GzDecoder::new(file));
        for line in reader.lines() {
            let line = line.unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let (Some(form), Some(tag)) = (cols.get(1), cols.get(4)) else {
                continue;
            };
            let word = form.replace('’', "'");
            if !word.chars().all(|c| c.is_ascii_lowercase()) || word.is_empty() {
                continue;
            }
            let e = counts.entry(word).or_default();
            e.1 += 1;
            if matches!(*tag, "VB" | "VBZ" | "VBD" | "VBP" | "MD") {
                e.0 += 1;
            }
        }
    }
    let mut text = String::from(
        "# verbs.tsv: words CoreNLP tags as a verb other than a participle (VB, VBZ,\n\
         # VBD, VBP, MD) in at least 70% of at least 3 occurrences in the PolNeAR\n\
         # train articles (silver annotation). The quote attributor reads such a word\n\
         # after a noun as the verb of reported content (\"the rules stand\").\n\
         # Rebuild with\n\
         #   cargo run -p newsgraph-quotes --features shared-data --example verbs -- \\\n\
         #       ../shared/data/polnear/silver/train crates/newsgraph-quotes/data/verbs.tsv\n\
         # Columns: word<TAB>verb share<TAB>occurrences\n",
    );
    let mut kept = 0;
    for (word, (verb, all)) in &counts {
        let share = f64::from(*verb) / f64::from(*all);
        if *all >= MIN_COUNT && share >= MIN_SHARE {
            text.push_str(&format!("{word}\t{share:.2}\t{all}\n"));
            kept += 1;
        }
    }
    std::fs::write(&out, text).unwrap_or_else(|e| fail(&format!("{out}: {e}")));
    println!(
        "{} files, {} words, {kept} kept in {out}",
        files.len(),
        counts.len()
    );
}

fn fail(msg: &str) -> ! {
    eprintln!("{msg}");
    std::process::exit(1);
}
