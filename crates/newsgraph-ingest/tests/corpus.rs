//! The generated corpus ingests completely, with the metadata it was
//! written with, in every format.

use std::collections::HashMap;

use newsgraph_ingest::corpus::{write_corpus, Expected};
use newsgraph_ingest::{articles, Article, Format, Options};

fn ingest_corpus() -> (tempfile::TempDir, Vec<Expected>, Vec<Article>) {
    let dir = tempfile::tempdir().unwrap();
    let summary = write_corpus(dir.path()).unwrap();
    let mut got = Vec::new();
    for item in articles(dir.path(), &Options::default()) {
        match item {
            Ok(a) => got.push(a),
            Err(e) => panic!("unexpected error: {e}"),
        }
    }
    (dir, summary.expected, got)
}

#[test]
fn every_article_is_ingested_with_its_metadata() {
    let (_dir, expected, got) = ingest_corpus();
    assert!(expected.len() >= 200);
    assert_eq!(got.len(), expected.len());

    let mut problems = Vec::new();
    for e in &expected {
        let matches: Vec<&Article> = got.iter().filter(|a| a.text.contains(&e.lead)).collect();
        let [a] = matches[..] else {
            problems.push(format!("{} articles contain {:?}", matches.len(), e.lead));
            continue;
        };
        if a.format != e.format {
            problems.push(format!(
                "{}: format {:?}, want {:?}",
                a.source, a.format, e.format
            ));
        }
        if a.meta.title != e.title {
            problems.push(format!(
                "{}: title {:?}, want {:?}",
                a.source, a.meta.title, e.title
            ));
        }
        if a.meta.published != e.published {
            problems.push(format!(
                "{}: published {:?}, want {:?}",
                a.source, a.meta.published, e.published
            ));
        }
        if a.meta.url != e.url {
            problems.push(format!(
                "{}: url {:?}, want {:?}",
                a.source, a.meta.url, e.url
            ));
        }
        if a.meta.origin.as_deref() != Some(a.source.as_str()) {
            problems.push(format!("{}: origin {:?}", a.source, a.meta.origin));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn html_boilerplate_is_left_out() {
    let (_dir, _expected, got) = ingest_corpus();
    let pages: Vec<&Article> = got
        .iter()
        .filter(|a| matches!(a.format, Format::Html | Format::Warc))
        .collect();
    assert!(pages.len() >= 80);
    for a in pages {
        for junk in [
            "cookies",
            "Advertisement",
            "Copyright",
            "Sign up",
            "morning briefing",
            "More stories from",
            "Politics",
        ] {
            assert!(
                !a.text.contains(junk),
                "{}: {junk:?} in {:?}",
                a.source,
                a.text
            );
        }
        assert!(a.text.contains("\n\n"), "{}: no paragraphs", a.source);
    }
}

#[test]
fn counts_per_format_and_sources() {
    let (dir, _expected, got) = ingest_corpus();
    let mut counts: HashMap<Format, usize> = HashMap::new();
    for a in &got {
        *counts.entry(a.format).or_default() += 1;
    }
    assert_eq!(counts[&Format::Text], 50);
    assert_eq!(counts[&Format::Html], 50);
    assert_eq!(counts[&Format::JsonLines], 40);
    assert_eq!(counts[&Format::Feed], 50);
    assert_eq!(counts[&Format::Warc], 30);

    let root = dir.path().display().to_string();
    let wire = got.iter().find(|a| a.format == Format::JsonLines).unwrap();
    assert_eq!(wire.source, format!("{root}/jsonl/wire.jsonl#record-1"));
    // WARC: record 1 is warcinfo, 2 a request, 3 the first response.
    let crawl = got.iter().find(|a| a.format == Format::Warc).unwrap();
    assert_eq!(crawl.source, format!("{root}/warc/crawl.warc.gz#record-3"));
    // Sources are unique.
    let mut sources: Vec<&str> = got.iter().map(|a| a.source.as_str()).collect();
    sources.sort();
    sources.dedup();
    assert_eq!(sources.len(), got.len());
}

#[test]
fn the_shared_story_comes_from_six_outlets() {
    let (_dir, expected, got) = ingest_corpus();
    let shared: Vec<&Expected> = expected.iter().filter(|e| e.story == Some(0)).collect();
    assert_eq!(shared.len(), 6);
    let mut outlets: Vec<&str> = shared.iter().map(|e| e.outlet.as_str()).collect();
    outlets.sort();
    outlets.dedup();
    assert_eq!(outlets.len(), 6);
    let reports: Vec<&Article> = got
        .iter()
        .filter(|a| a.text.contains("400 million dollars over five years"))
        .collect();
    assert_eq!(reports.len(), 6);
    let mut formats: Vec<&str> = reports.iter().map(|a| a.format.as_str()).collect();
    formats.sort();
    assert_eq!(formats, ["feed", "html", "html", "jsonl", "text", "warc"]);
    for a in reports {
        assert_eq!(a.meta.published.unwrap().to_string(), "2026-11-20");
    }
}

#[test]
fn ingesting_twice_gives_the_same_articles() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path()).unwrap();
    let a: Vec<_> = articles(dir.path(), &Options::default()).collect();
    let b: Vec<_> = articles(dir.path(), &Options::default()).collect();
    assert_eq!(a, b);
    // And the corpus itself is deterministic.
    let other = tempfile::tempdir().unwrap();
    let s1 = write_corpus(other.path()).unwrap();
    for f in &s1.files {
        let rel = f.strip_prefix(other.path()).unwrap();
        assert_eq!(
            std::fs::read(f).unwrap(),
            std::fs::read(dir.path().join(rel)).unwrap(),
            "{}",
            rel.display()
        );
    }
}
