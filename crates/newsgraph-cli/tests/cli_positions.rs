//! Issue 5: `newsgraph positions` prints the matrix (actors × issues) as a
//! table, CSV and JSON; across dated articles the latest stance wins and the
//! change is marked; `--issues FILE` adds issues to `extract` and `positions`.

use assert_cmd::Command;

fn newsgraph() -> Command {
    Command::cargo_bin("newsgraph").expect("binary builds")
}

const EARLY: &str = "---\ndate: 2025-08-01\n---\n\
U.S. President Donald Trump spoke on Friday. Trump rejected new sanctions on Russia.\n\
German Chancellor Friedrich Merz backed new sanctions on Russia.\n";
const LATE: &str = "---\ndate: 2025-08-19\n---\n\
U.S. President Donald Trump spoke on Tuesday. Trump backed new sanctions on Russia.\n";

fn two_articles() -> (tempfile::TempDir, Vec<std::path::PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    // The later article first: dates decide, not the order of the files.
    let late = dir.path().join("late.txt");
    let early = dir.path().join("early.txt");
    std::fs::write(&late, LATE).unwrap();
    std::fs::write(&early, EARLY).unwrap();
    (dir, vec![late, early])
}

#[test]
fn the_matrix_as_a_table_marks_a_change_of_mind() {
    let (_dir, files) = two_articles();
    let out = newsgraph().arg("positions").args(&files).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let row = |actor: &str| {
        text.lines()
            .rev()
            .find(|l| l.starts_with(actor))
            .unwrap_or_default()
            .to_string()
    };
    assert!(row("Donald Trump").contains("for*"), "{text}");
    assert!(row("Friedrich Merz").contains("for"), "{text}");
    assert!(
        text.contains("for (was against): “Trump backed new sanctions"),
        "{text}"
    );
}

#[test]
fn the_matrix_as_csv_and_json() {
    let (_dir, files) = two_articles();
    let out = newsgraph()
        .args(["positions", "--format", "csv"])
        .args(&files)
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("actor,sanctions"));
    assert!(csv.contains("Donald Trump,for (was against): “Trump backed new sanctions”"));

    let out = newsgraph()
        .args(["positions", "--format", "json"])
        .args(&files)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let trump = v["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["actor"] == "Donald Trump")
        .unwrap();
    assert_eq!(trump["stance"], "for");
    assert_eq!(trump["changed"], true);
    assert_eq!(trump["history"][0]["date"], "2025-08-01");
    assert_eq!(trump["history"][0]["stance"], "against");
    assert_eq!(trump["history"][1]["date"], "2025-08-19");
}

#[test]
fn a_user_issues_file_reaches_extract() {
    let dir = tempfile::tempdir().unwrap();
    let issues = dir.path().join("issues.tsv");
    std::fs::write(
        &issues,
        "# my issues\nissue\tkind\tphrases\ngrain corridor\tplain\tgrain deal|grain corridor\n",
    )
    .unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(
        &article,
        "Turkish President Recep Tayyip Erdogan spoke. Erdogan backed the grain deal.",
    )
    .unwrap();
    let out = newsgraph()
        .arg("extract")
        .arg("--issues")
        .arg(&issues)
        .arg(&article)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["positions"][0]["issue"], "grain corridor");
    assert_eq!(v["positions"][0]["stance"], "for");
    assert_eq!(v["positions"][0]["support"][0]["stance"], "for");

    // A malformed file is a configuration error naming the file.
    std::fs::write(&issues, "issue\tkind\tphrases\nx\tbogus\ty\n").unwrap();
    let out = newsgraph()
        .arg("positions")
        .arg("--issues")
        .arg(&issues)
        .arg(&article)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("issues.tsv:2") && err.contains("bogus"),
        "{err}"
    );
}
