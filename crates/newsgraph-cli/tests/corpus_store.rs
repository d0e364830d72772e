//! `newsgraph ingest` end to end over the generated test corpus (text, HTML
//! with boilerplate, JSON Lines, RSS and Atom feeds, a WARC.gz), into SQLite
//! and, when NEWSGRAPH_TEST_PG is set, PostgreSQL: the same answers from
//! both, one story from several outlets merged, and a killed ingest that
//! completes on rerun.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use newsgraph_store::testing::{self, TestDb};
use newsgraph_store::{Counts, Store};

const BIN: &str = env!("CARGO_BIN_EXE_newsgraph");

/// The generated corpus plus the near-duplicates; returns the directory.
fn corpus(dir: &Path) -> PathBuf {
    let root = dir.join("corpus");
    let summary = newsgraph_ingest::corpus::write_corpus(&root).expect("corpus written");
    assert!(summary.expected.len() >= 200);
    let dups = root.join("dups");
    std::fs::create_dir_all(&dups).unwrap();
    for (name, text) in newsgraph_ingest::corpus::NEAR_DUPLICATES {
        std::fs::write(dups.join(name), text).unwrap();
    }
    root
}

fn ingest(corpus: &Path, db: &str) -> std::process::Output {
    Command::new(BIN)
        .args(["ingest", "--jobs", "2", "--batch", "16", "--db", db])
        .arg(corpus)
        .output()
        .expect("newsgraph runs")
}

fn run(args: &[&str]) -> String {
    let out = Command::new(BIN)
        .args(args)
        .output()
        .expect("newsgraph runs");
    assert!(
        out.status.success(),
        "newsgraph {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn counts(db: &str) -> Counts {
    Store::open(db).unwrap().counts().unwrap()
}

/// Every query and export the CLI offers, for comparing stores.
fn answers(db: &str) -> Vec<(String, String)> {
    let queries: Vec<Vec<&str>> = vec![
        vec!["timeline", "--format", "json"],
        vec![
            "timeline",
            "--type",
            "SANCTION",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
        ],
        vec!["quotes", "--format", "json"],
        vec![
            "quotes",
            "--search",
            "patient diplomacy",
            "--format",
            "json",
        ],
        vec!["actors", "--format", "json", "--limit", "100000"],
        vec!["graph", "--format", "json"],
        vec!["graph", "--format", "graphml"],
        vec!["export", "--what", "events", "--format", "csv"],
        vec!["export", "--what", "events", "--format", "gdelt"],
        vec!["export", "--what", "events", "--format", "plover"],
        vec!["export", "--what", "quotes", "--format", "csv"],
        vec!["export", "--what", "actors", "--format", "csv"],
        vec!["export", "--what", "positions", "--format", "jsonl"],
        vec!["positions", "--format", "json"],
        vec!["positions", "--format", "csv"],
    ];
    queries
        .into_iter()
        .map(|mut q| {
            let name = q.join(" ");
            q.extend(["--db", db]);
            (name, run(&q))
        })
        .collect()
}

#[test]
fn the_corpus_ingests_into_every_store_with_identical_answers() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = corpus(tmp.path());
    let mut results = Vec::new();
    for db in testing::all("cli_corpus") {
        let started = Instant::now();
        let out = ingest(&corpus, &db.target);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{}: {stderr}", db.backend);
        eprintln!(
            "{}: {:.1} s: {stderr}",
            db.backend,
            started.elapsed().as_secs_f64()
        );
        assert!(stderr.contains("223 ingested, 0 skipped"), "{stderr}");
        let c = counts(&db.target);
        assert_eq!(c.articles, 223);
        assert!(
            c.merged_events < c.events && c.merged_quotes < c.quotes,
            "{c:?}"
        );
        assert_eq!(Store::open(&db.target).unwrap().check_spans().unwrap(), 0);

        // The near-duplicates: one event with three sources, one quote with three outlets.
        let line = run(&[
            "timeline",
            "--db",
            &db.target,
            "--actor",
            "Norway",
            "--type",
            "sanction",
            "--from",
            "2026-11-09",
            "--to",
            "2026-11-11",
            "--format",
            "json",
        ]);
        let events: Vec<serde_json::Value> = line
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let merged = events
            .iter()
            .find(|e| e["reports"].as_array().unwrap().len() == 3)
            .unwrap_or_else(|| panic!("{}: no merged event in {line}", db.backend));
        assert_eq!(merged["targets"][0]["name"], "Chile");
        assert_eq!(
            merged["outlets"],
            serde_json::json!([
                "first-paper.example",
                "second-daily.example",
                "third-wire.example"
            ])
        );
        // The generator's six-outlet story (Kenya and Norway sign a climate
        // finance agreement, told in six wordings): one signing event with all
        // six sources, whichever side each outlet names first, whether it
        // names the countries or their leaders, and "sealed a ... pact".
        let line = run(&[
            "timeline",
            "--db",
            &db.target,
            "--actor",
            "Kenya",
            "--type",
            "support",
            "--from",
            "2026-11-18",
            "--to",
            "2026-11-20",
            "--format",
            "json",
        ]);
        let signed: Vec<serde_json::Value> = line
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(signed.len(), 1, "{}: {line}", db.backend);
        let sources = signed[0]["reports"].as_array().unwrap().len();
        assert_eq!(sources, 6, "{}: {sources} sources in {line}", db.backend);
        let outlets = signed[0]["outlets"].as_array().unwrap().len();
        assert_eq!(outlets, 6, "{}: {outlets} outlets in {line}", db.backend);
        let quotes = run(&[
            "quotes",
            "--db",
            &db.target,
            "--speaker",
            "Solberg",
            "--search",
            "direct response",
            "--format",
            "json",
        ]);
        assert!(
            quotes.lines().any(|l| l.contains("\"sources\":3")),
            "{}: {quotes}",
            db.backend
        );

        // Re-ingesting changes nothing.
        let again = ingest(&corpus, &db.target);
        assert!(String::from_utf8_lossy(&again.stderr).contains("0 ingested, 223 skipped"));
        assert_eq!(counts(&db.target), c);
        results.push((db.backend, answers(&db.target)));
    }
    let (first, base) = &results[0];
    for (backend, answers) in &results[1..] {
        for ((name, a), (_, b)) in answers.iter().zip(base) {
            assert!(a == b, "`{name}` differs between {first} and {backend}");
        }
    }
}

/// Ingesting the corpus in two runs merges the second run's articles into
/// the first's merges; every answer equals a full rebuild's (`newsgraph
/// merge`) and a single run's.
#[test]
fn a_second_ingest_merges_incrementally_with_the_answers_of_a_rebuild() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = corpus(tmp.path());
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    assert!(entries.len() >= 2, "{entries:?}");
    let (first, second) = entries.split_at(entries.len() / 2);
    for (db, single) in testing::all("cli_incremental")
        .into_iter()
        .zip(testing::all("cli_incremental_single"))
    {
        for (n, part) in [first, second].into_iter().enumerate() {
            let out = Command::new(BIN)
                .args(["ingest", "--jobs", "2", "--db", &db.target])
                .args(part)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "{stderr}");
            if n == 1 {
                assert!(
                    stderr.contains("new article(s) merged in"),
                    "{}: {stderr}",
                    db.backend
                );
            }
        }
        let incremental = answers(&db.target);
        run(&["merge", "--db", &db.target]);
        assert_eq!(
            incremental,
            answers(&db.target),
            "{}: incremental against merge",
            db.backend
        );
        assert!(ingest(&corpus, &single.target).status.success());
        assert_eq!(
            incremental,
            answers(&single.target),
            "{}: two runs against one",
            db.backend
        );
    }
}

/// A random fraction in [0.1, 0.9), from the clock (printed for reruns).
fn random_fraction() -> f64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    0.1 + 0.8 * f64::from(nanos % 1000) / 1000.0
}

fn kill_test(db: &TestDb, clean: &TestDb, corpus: &Path) {
    let started = Instant::now();
    assert!(ingest(corpus, &clean.target).status.success());
    let clean_time = started.elapsed();
    let expected = counts(&clean.target);

    for round in 0..2 {
        let delay = clean_time.mul_f64(random_fraction());
        let mut child = Command::new(BIN)
            .args(["ingest", "--jobs", "2", "--batch", "16", "--db", &db.target])
            .arg(corpus)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let status = child.wait().unwrap();
        eprintln!(
            "{}: kill {round} after {:.2} s of {:.2} s ({status})",
            db.backend,
            delay.as_secs_f64(),
            clean_time.as_secs_f64()
        );
    }
    let partial = Store::open(&db.target).unwrap().counts().unwrap();
    assert!(partial.articles <= expected.articles);
    let out = ingest(corpus, &db.target);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(counts(&db.target), expected, "{}", db.backend);
    assert_eq!(Store::open(&db.target).unwrap().check_spans().unwrap(), 0);
    assert_eq!(
        answers(&db.target),
        answers(&clean.target),
        "{}: answers after the kills differ from a clean run's",
        db.backend
    );
}

#[test]
fn a_killed_ingest_completes_on_rerun_without_duplicates_or_losses() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = corpus(tmp.path());
    kill_test(&testing::sqlite(), &testing::sqlite(), &corpus);
    if let (Some(db), Some(clean)) = (testing::postgres("kill"), testing::postgres("kill_clean")) {
        kill_test(&db, &clean, &corpus);
    }
}

#[test]
fn concurrent_ingests_into_one_store_equal_one_clean_run() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = corpus(tmp.path());
    let mut pairs = vec![(testing::sqlite(), testing::sqlite())];
    if let (Some(db), Some(clean)) = (testing::postgres("conc"), testing::postgres("conc_clean")) {
        pairs.push((db, clean));
    }
    for (db, clean) in pairs {
        assert!(ingest(&corpus, &clean.target).status.success());
        let children: Vec<_> = (0..3)
            .map(|_| {
                Command::new(BIN)
                    .args(["ingest", "--jobs", "1", "--batch", "8", "--db", &db.target])
                    .arg(&corpus)
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for c in children {
            let out = c.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert_eq!(counts(&db.target), counts(&clean.target), "{}", db.backend);
        assert_eq!(
            answers(&db.target),
            answers(&clean.target),
            "{}",
            db.backend
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn bad_inputs_are_reported_with_their_place_and_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("good.txt"),
        "---\ntitle: Talks\ndate: 2026-11-20\nurl: https://x.example/1\n---\nNorway announced new sanctions against Chile on Tuesday.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("wire.jsonl"),
        "{\"text\": \"Kenya imposed sanctions on Germany.\", \"url\": \"https://x.example/2\"}\n{not json\n",
    )
    .unwrap();
    std::fs::write(dir.join("broken.rss"), "<rss><channel><item>").unwrap();
    let db = testing::sqlite();
    let out = ingest(&dir, &db.target);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("wire.jsonl#record-2"), "{stderr}");
    assert!(stderr.contains("broken.rss"), "{stderr}");
    assert!(
        stderr.contains("2 ingested, 0 skipped (already stored), 2 failed"),
        "{stderr}"
    );
    assert_eq!(counts(&db.target).articles, 2);
}
