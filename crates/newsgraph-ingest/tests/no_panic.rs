//! Damaged input never panics: every file of the corpus, cut short at many
//! points and with bytes overwritten, gives articles or errors, nothing else.

use newsgraph_ingest::corpus::write_corpus;
use newsgraph_ingest::{articles, Options};

/// A small deterministic generator for the damage.
fn lcg(state: &mut u64) -> u64 {
    *state = state
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    *state >> 33
}

#[test]
fn damaged_files_give_errors_not_panics() {
    let corpus = tempfile::tempdir().unwrap();
    let summary = write_corpus(corpus.path()).unwrap();
    let work = tempfile::tempdir().unwrap();
    let mut state = 42u64;
    // One file of each kind (the first of each extension), to keep it quick.
    let mut seen = std::collections::HashSet::new();
    let mut runs = 0;
    for file in &summary.files {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let ext = name
            .split_once('.')
            .map(|(_, e)| e.to_string())
            .unwrap_or_default();
        if !seen.insert(ext) {
            continue;
        }
        let bytes = std::fs::read(file).unwrap();
        for round in 0..12 {
            let mut damaged = bytes.clone();
            let cut = (lcg(&mut state) as usize) % damaged.len().max(1);
            if round % 2 == 0 {
                damaged.truncate(cut);
            } else {
                for _ in 0..8 {
                    let i = (lcg(&mut state) as usize) % damaged.len();
                    damaged[i] = lcg(&mut state) as u8;
                }
            }
            let target = work.path().join(format!("{round}-{name}"));
            std::fs::write(&target, &damaged).unwrap();
            let opts = Options::default();
            for item in articles(&target, &opts) {
                match item {
                    Ok(a) => assert!(!a.text.trim().is_empty()),
                    Err(e) => assert!(!e.to_string().contains('\n'), "{e}"),
                }
            }
            std::fs::remove_file(&target).unwrap();
            runs += 1;
        }
    }
    assert!(runs >= 5 * 12, "{runs}");
}
