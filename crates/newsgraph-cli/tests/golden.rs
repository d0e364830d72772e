//! Golden snapshots over the articles in `examples/articles/` (written for
//! this project in different outlets' styles). Each article is first checked
//! for the layer invariants (offsets in bounds and on char boundaries,
//! ordered, nested), then its actors and dates are snapshotted with insta.

use std::fmt::Write;
use std::path::PathBuf;

use chrono::NaiveDate;
use newsgraph_core::Metadata;
use newsgraph_lexicon::Lexicon;
use newsgraph_pipeline::Pipeline;
use newsgraph_readout::Readout;

fn articles() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/articles");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

/// A compact, reviewable summary of a readout.
fn summary(r: &Readout) -> String {
    let mut out = String::new();
    for a in &r.actors {
        let mentions: Vec<String> = a
            .mentions
            .iter()
            .map(|m| format!("{}[{}]", m.span.text, m.kind))
            .collect();
        let _ = writeln!(
            out,
            "{} {} ({}) roles={:?} country={} sector={} affiliation={}\n    {}",
            a.id,
            a.name,
            a.kind,
            a.roles,
            a.country.as_deref().unwrap_or("-"),
            a.sector.as_deref().unwrap_or("-"),
            a.affiliation.as_deref().unwrap_or("-"),
            mentions.join(" | ")
        );
    }
    let _ = writeln!(out, "-- dates");
    for d in &r.dates {
        let _ = writeln!(
            out,
            "{:?} -> {}",
            d.span.text,
            d.date.as_deref().unwrap_or("unresolved")
        );
    }
    let _ = writeln!(out, "-- figures");
    for f in &r.figures {
        let _ = writeln!(out, "{} {:?}", f.kind, f.span.text);
    }
    let _ = writeln!(out, "-- sentences: {}", r.sentences.len());
    out
}

#[test]
fn golden_articles() {
    let pipeline = Pipeline::default_pipeline(Lexicon::shared());
    let files = articles();
    assert!(files.len() >= 5, "expected at least five example articles");
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let meta = Metadata {
            published: NaiveDate::from_ymd_opt(2026, 3, 4),
            ..Metadata::default()
        };
        let a = pipeline.analyze_text(&text, meta);
        if let Err(e) = a.check_invariants() {
            panic!("{}: {e}", path.display());
        }
        let r = Readout::from_analysis(&a);
        // Every output span's text is exactly the code points it names.
        let chars: Vec<char> = text.chars().collect();
        for s in r
            .actors
            .iter()
            .flat_map(|a| a.mentions.iter().map(|m| &m.span))
            .chain(r.sentences.iter())
        {
            assert!(s.start <= s.end && s.end <= chars.len());
            assert_eq!(chars[s.start..s.end].iter().collect::<String>(), s.text);
        }
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        insta::assert_snapshot!(name, summary(&r));
    }
}
