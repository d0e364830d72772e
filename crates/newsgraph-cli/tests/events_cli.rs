//! Issue 4: `--events FILE` extends the event lexicon, `--plover-strict`
//! recodes future cooperation as AGREE, and a malformed events file is a
//! one-line error naming the file and line.

use assert_cmd::Command;

fn newsgraph() -> Command {
    Command::cargo_bin("newsgraph").expect("binary builds")
}

fn events(stdout: &[u8]) -> Vec<serde_json::Value> {
    let v: serde_json::Value = serde_json::from_slice(stdout).expect("readout JSON");
    v["events"].as_array().cloned().unwrap_or_default()
}

#[test]
fn user_events_file_adds_patterns() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("a.txt");
    std::fs::write(&text, "Norway bombarded Sweden on Monday.").unwrap();
    let lex = dir.path().join("mine.tsv");
    std::fs::write(
        &lex,
        "# mine\nbombard\tverb\tASSAULT\theavy-weapons\tmilitary\t194\tobj\n",
    )
    .unwrap();

    let plain = newsgraph().arg("extract").arg(&text).output().unwrap();
    assert!(plain.status.success());
    assert!(events(&plain.stdout).is_empty());

    let out = newsgraph()
        .args(["extract", "--published", "2025-08-19", "--events"])
        .arg(&lex)
        .arg(&text)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ev = events(&out.stdout);
    assert_eq!(ev[0]["type"], "ASSAULT");
    assert_eq!(ev[0]["mode"], "heavy-weapons");
    assert_eq!(ev[0]["trigger"]["text"], "bombarded");
    assert_eq!(ev[0]["when"]["date"], "2025-08-18");
}

#[test]
fn plover_strict_recodes_future_cooperation() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("a.txt");
    std::fs::write(&text, "France will meet with Spain.").unwrap();
    let out = newsgraph().arg("extract").arg(&text).output().unwrap();
    let ev = events(&out.stdout);
    assert_eq!(
        (ev[0]["type"].as_str(), ev[0]["status"].as_str()),
        (Some("CONSULT"), Some("future"))
    );
    let out = newsgraph()
        .args(["extract", "--plover-strict"])
        .arg(&text)
        .output()
        .unwrap();
    let ev = events(&out.stdout);
    assert_eq!(ev[0]["type"], "AGREE");
    assert_eq!(ev[0]["cameo"], "036");
}

#[test]
fn malformed_events_file_is_one_line_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("a.txt");
    std::fs::write(&text, "Norway met Sweden.").unwrap();
    let lex = dir.path().join("bad.tsv");
    std::fs::write(&lex, "zap\tverb\tZAP\n").unwrap();
    let out = newsgraph()
        .args(["extract", "--events"])
        .arg(&lex)
        .arg(&text)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("bad.tsv:1: \"ZAP\" is not a PLOVER event type"),
        "{err}"
    );
}
