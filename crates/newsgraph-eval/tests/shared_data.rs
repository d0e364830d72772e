//! The real gold data in `../shared` (beside the repository, not part of it)
//! parses with its documented counts. Runs only with
//! `--features newsgraph-eval/shared-data`; without it nothing reads ../shared.
#![cfg(feature = "shared-data")]

use std::collections::HashMap;
use std::path::PathBuf;

use newsgraph_eval::{crossner, polnear, seed};

fn shared() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"))
}

#[test]
fn crossner_counts() {
    let dir = shared().join("data/ner/crossner-politics");
    for (file, sentences, tokens, entities) in [
        ("dev.txt", 541, 24_624, 3_482),
        ("train.txt", 200, 8_384, 1_304),
    ] {
        let s = crossner::read(&dir.join(file)).unwrap();
        assert_eq!(s.len(), sentences, "{file}");
        assert_eq!(
            s.iter().map(|s| s.tokens.len()).sum::<usize>(),
            tokens,
            "{file}"
        );
        let gold: Vec<_> = s.iter().map(|s| s.spans()).collect();
        assert_eq!(gold.iter().map(Vec::len).sum::<usize>(), entities, "{file}");
        // Gold against itself is perfect.
        let r = crossner::score(&gold, &gold);
        assert_eq!(r.overall.tp, entities);
        assert_eq!(r.per_type.len(), 9);
    }
    let dev = crossner::read(&dir.join("dev.txt")).unwrap();
    let gold: Vec<_> = dev.iter().map(|s| s.spans()).collect();
    let r = crossner::score(&gold, &gold);
    for (ty, n) in [
        ("politician", 411),
        ("politicalparty", 1_053),
        ("election", 528),
        ("misc", 193),
    ] {
        assert_eq!(r.per_type[ty].gold, n, "{ty}");
    }
}

#[test]
fn polnear_dev_counts() {
    let docs = polnear::load_dir(&shared().join("data/polnear/dev")).unwrap();
    assert_eq!(docs.len(), 84);
    // One annotation per article: the smallest annotator id.
    assert_eq!(
        docs.iter().map(|d| d.attributions.len()).sum::<usize>(),
        2_193
    );
    let flynn = docs
        .iter()
        .find(|d| d.name == "politico_2016-09-08_flynn-says-trump-absolutely-righ")
        .unwrap();
    assert_eq!(flynn.annotator, "4b22");
    // Gold scored against itself: perfect under both matchings (an incomplete
    // gold attribution is skipped as gold but still counts as a prediction).
    let predicted: HashMap<String, Vec<polnear::Attribution>> = docs
        .iter()
        .map(|d| (d.name.clone(), d.attributions.clone()))
        .collect();
    let r = polnear::score(&docs, &predicted);
    for section in [&r.all, &r.quotes] {
        for c in [&section.exact, &section.overlap] {
            for prf in [c.source, c.cue, c.content, c.attribution] {
                assert_eq!(prf.tp, prf.gold, "{}", r.to_table());
                assert!(prf.pred - prf.tp <= r.skipped_gold, "{}", r.to_table());
            }
        }
    }
    assert!(r.quotes.exact.attribution.gold > 100, "{}", r.to_table());
    assert!(r.skipped_gold <= 5, "{}", r.to_table());
    // The writer's output reads back to the same attributions.
    for d in &docs {
        let written = polnear::write_ann(&d.attributions, &d.text);
        let back = polnear::parse_ann(&written, &d.name).unwrap();
        let keep: Vec<_> = d
            .attributions
            .iter()
            .filter(|a| !a.cue.is_empty() || !a.content.is_empty())
            .cloned()
            .collect();
        assert_eq!(back, keep, "{}", d.name);
    }
}

#[test]
fn polnear_train_parses() {
    let docs = polnear::load_dir(&shared().join("data/polnear/train")).unwrap();
    assert_eq!(docs.len(), 840);
    assert_eq!(
        docs.iter().map(|d| d.attributions.len()).sum::<usize>(),
        19_868
    );
}

#[test]
fn seed_gold_parses() {
    let path = shared().join("seeds/000_47dcfd72622b8e67.gold.toml");
    let gold = seed::load(&path).unwrap();
    assert_eq!(gold.quotes.iter().filter(|q| !q.optional).count(), 24);
    assert_eq!(gold.actors.len(), 18);
    assert_eq!(gold.coreference.len(), 7);
    assert_eq!(gold.document.published.as_deref(), Some("2025-08-19"));
    let text = std::fs::read_to_string(
        shared()
            .join("seeds")
            .join(gold.document.file.as_deref().unwrap()),
    )
    .unwrap();
    // Every coreference context is found in the article: with an empty
    // readout each fails for want of a mention, never for a missing context.
    let empty = serde_json::json!({"actors": [], "quotes": []});
    let report = seed::check_coreference(&gold, &empty, &text);
    assert_eq!(report.required(), 7);
    for item in &report.items {
        assert!(!item.passed);
        assert!(
            item.problems[0].starts_with("no extracted mention covers"),
            "{item:?}"
        );
    }
    let all = seed::check_all(&gold, &empty, &text);
    assert_eq!(all.quotes.required(), 24);
    assert_eq!(all.quotes.found(), 0);
}
