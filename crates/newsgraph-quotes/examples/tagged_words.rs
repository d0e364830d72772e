//! Builds the word lists the quote attributor takes from the silver
//! CoreNLP annotation of the PolNeAR train articles:
//!
//! - `data/verbs.tsv`: words tagged as a verb other than a participle (VB,
//!   VBZ, VBD, VBP, MD) in at least 70% of their occurrences;
//! - `data/adjectives.tsv`: words tagged as an adjective (JJ, JJR, JJS) in
//!   at least 80% of their occurrences.
//!
//! ```text
//! cargo run -p newsgraph-quotes --features shared-data --example tagged_words -- \
//!     ../shared/data/polnear/silver/train crates/newsgraph-quotes/data
//! ```
//!
//! Only the train compartment is read. Words are lowercased ASCII letters
//! and hyphens, curly apostrophes made straight; a word needs 3
//! occurrences. The output is sorted, so a rebuild is byte-identical.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

const MIN_COUNT: u32 = 3;

/// One list: its file, the tags that count, the share they need, and the
/// header lines describing it.
struct List {
    file: &'static str,
    tags: &'static [&'static str],
    min_share: f64,
    about: &'static str,
}

const LISTS: [List; 2] = [
    List {
        file: "verbs.tsv",
        tags: &["VB", "VBZ", "VBD", "VBP", "MD"],
        min_share: 0.7,
        about: "# verbs.tsv: words CoreNLP tags as a verb other than a participle (VB, VBZ,\n\
                # VBD, VBP, MD) in at least 70% of at least 3 occurrences in the PolNeAR\n\
                # train articles (silver annotation). The quote attributor reads such a word\n\
                # after a noun as the verb of reported content (\"the rules stand\").\n",
    },
    List {
        file: "adjectives.tsv",
        tags: &["JJ", "JJR", "JJS"],
        min_share: 0.8,
        about: "# adjectives.tsv: words CoreNLP tags as an adjective (JJ, JJR, JJS) in at\n\
                # least 80% of at least 3 occurrences in the PolNeAR train articles (silver\n\
                # annotation). A reporting word right after one is a noun (\"a strong\n\
                # showing\", \"serious calls\"), not a cue.\n",
    },
];

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(out)) = (
        args.next().map(PathBuf::from),
        args.next().map(PathBuf::from),
    ) else {
        eprintln!("usage: tagged_words SILVER_TRAIN_DIR DATA_DIR");
        std::process::exit(2);
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| fail(&format!("{}: {e}", dir.display())))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".conllu.gz"))
        .collect();
    files.sort();
    // word -> tag -> count
    let mut counts: BTreeMap<String, BTreeMap<String, u32>> = BTreeMap::new();
    for path in &files {
        read(path, &mut counts);
    }
    for list in &LISTS {
        let mut text = String::from(list.about);
        text.push_str(
            "# Rebuild with\n\
             #   cargo run -p newsgraph-quotes --features shared-data --example tagged_words -- \\\n\
             #       ../shared/data/polnear/silver/train crates/newsgraph-quotes/data\n\
             # Columns: word<TAB>share<TAB>occurrences\n",
        );
        let mut kept = 0;
        for (word, tags) in &counts {
            let all: u32 = tags.values().sum();
            let hits: u32 = list.tags.iter().filter_map(|t| tags.get(*t)).sum();
            let share = f64::from(hits) / f64::from(all);
            if all >= MIN_COUNT && share >= list.min_share {
                text.push_str(&format!("{word}\t{share:.2}\t{all}\n"));
                kept += 1;
            }
        }
        let path = out.join(list.file);
        std::fs::write(&path, text).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
        println!("{}: {kept} words", path.display());
    }
    println!("{} files, {} words read", files.len(), counts.len());
}

fn read(path: &Path, counts: &mut BTreeMap<String, BTreeMap<String, u32>>) {
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
        let plain = word.chars().all(|c| c.is_ascii_lowercase() || c == '-');
        if word.is_empty() || !plain || word.starts_with('-') {
            continue;
        }
        *counts
            .entry(word)
            .or_default()
            .entry((*tag).to_string())
            .or_default() += 1;
    }
}

fn fail(msg: &str) -> ! {
    eprintln!("{msg}");
    std::process::exit(1);
}
