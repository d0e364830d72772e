//! Issue 3: `newsgraph eval attribution` on a PolNeAR-shaped directory and
//! `newsgraph extract --format brat`.

use std::process::Command;

fn newsgraph() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
}

const TEXT: &str =
    "“We will not back down,” the minister said.\n\nShe told reporters that talks would resume.\n";

#[test]
fn extract_writes_brat_files() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("story.txt");
    std::fs::write(&input, TEXT).unwrap();
    let out_dir = dir.path().join("out");
    let out = newsgraph()
        .args(["extract", "--format", "brat", "--out"])
        .arg(&out_dir)
        .arg(&input)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ann = std::fs::read_to_string(out_dir.join("story.ann")).unwrap();
    // Offsets are code points: the curly quote is one.
    assert!(ann.contains("\tSource 25 37\tthe minister\n"), "{ann}");
    assert!(ann.contains("\tCue 38 42\tsaid\n"), "{ann}");
    assert!(
        ann.contains("E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"),
        "{ann}"
    );
    assert_eq!(
        ann.lines().filter(|l| l.starts_with('E')).count(),
        2,
        "{ann}"
    );
    // The file reads back as gold.
    let parsed = newsgraph_eval::polnear::parse_ann(&ann, "story.ann").unwrap();
    assert_eq!(parsed.len(), 2);
}

#[test]
fn eval_attribution_scores_and_thresholds() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("text")).unwrap();
    std::fs::create_dir_all(dir.path().join("attributions")).unwrap();
    std::fs::write(dir.path().join("text/story.txt"), TEXT).unwrap();
    let gold = "T1\tSource 25 37\tthe minister\nT2\tCue 38 42\tsaid\n\
                T3\tContent 0 23\t“We will not back down,”\nT4\tAttribution 38 42\tsaid\n\
                E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n";
    // Two annotators: the first in sorted order is the gold.
    std::fs::write(dir.path().join("attributions/story_0a0a.ann"), gold).unwrap();
    std::fs::write(dir.path().join("attributions/story_ffff.ann"), "").unwrap();
    let out = newsgraph()
        .args(["eval", "attribution"])
        .arg(dir.path())
        .args(["--min-whole-f1", "0.5"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("1 documents, 1 gold"), "{text}");
    // One of two predictions matches the single gold attribution.
    assert!(
        text.contains("all     overlap  attribution       1      2      1  0.500  1.000  0.667"),
        "{text}"
    );
    let out = newsgraph()
        .args(["eval", "attribution"])
        .arg(dir.path())
        .args(["--min-source-f1", "0.9"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("source F1 (exact)"));
}
