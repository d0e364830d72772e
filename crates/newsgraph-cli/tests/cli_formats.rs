//! `newsgraph extract` reads every input format newsgraph-ingest detects:
//! the page's metadata reaches the readout, and a file of many articles
//! gives one JSON line (or one output file) per article.

use assert_cmd::Command;

fn newsgraph() -> Command {
    Command::cargo_bin("newsgraph").expect("binary builds")
}

#[test]
fn html_page_metadata_reaches_the_readout() {
    let dir = tempfile::tempdir().unwrap();
    let r = newsgraph_ingest::corpus::shared_story(1);
    let page = dir.path().join("page.html");
    std::fs::write(&page, newsgraph_ingest::corpus::html_page(&r, 0)).unwrap();
    let out = newsgraph().arg("extract").arg(&page).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["document"]["title"], r.title.as_str());
    assert_eq!(v["document"]["published"], "2026-11-20");
    assert_eq!(v["document"]["url"], r.url.as_str());
    assert!(v["actors"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["name"] == "Daniel Osei"));
}

#[test]
fn json_lines_give_one_readout_per_line_and_bad_lines_fail_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("wire.jsonl");
    std::fs::write(
        &file,
        "{\"text\": \"Kremlin aide Yuri Ushakov spoke.\", \"published\": \"2026-11-02\"}\n{oops}\n{\"text\": \"NATO officials met in Brussels.\"}\n",
    )
    .unwrap();
    let out = newsgraph().arg("extract").arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["document"]["published"], "2026-11-02");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("wire.jsonl#record-2: line 2: invalid JSON"),
        "{stderr}"
    );
    assert!(stderr.contains("1 of 3 input(s) failed"), "{stderr}");

    // With --out, one file per record.
    let outdir = dir.path().join("out");
    newsgraph()
        .arg("extract")
        .arg(&file)
        .arg("--out")
        .arg(&outdir)
        .output()
        .unwrap();
    assert!(outdir.join("wire-record-1.json").exists());
    assert!(outdir.join("wire-record-3.json").exists());
}

#[test]
fn flags_override_the_article_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    std::fs::write(
        &file,
        "---\ntitle: From the file\ndate: 2026-01-05\n---\nNATO officials met in Brussels on Monday.\n",
    )
    .unwrap();
    let out = newsgraph()
        .arg("extract")
        .arg(&file)
        .args(["--title", "From the flag"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["document"]["title"], "From the flag");
    assert_eq!(v["document"]["published"], "2026-01-05");
}
