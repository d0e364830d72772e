//! Bad input in a batch: each problem is one clear line naming the file, the
//! exit code is non-zero, and the good files are still processed.

use assert_cmd::Command;
use std::io::Write;

fn newsgraph() -> Command {
    Command::cargo_bin("newsgraph").expect("binary builds")
}

#[test]
fn bad_inputs_are_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name);
    std::fs::write(
        p("good.txt"),
        "German Chancellor Friedrich Merz spoke in Berlin.",
    )
    .unwrap();
    std::fs::write(p("empty.txt"), "").unwrap();
    std::fs::write(p("binary.txt"), b"abc\0def").unwrap();
    std::fs::write(p("latin1.txt"), b"caf\xe9 au lait").unwrap();
    let big = std::fs::File::create(p("huge.txt")).unwrap();
    big.set_len(200 * 1024 * 1024).unwrap();
    std::fs::create_dir(p("folder")).unwrap();
    let out = newsgraph()
        .arg("extract")
        .args(
            [
                "good.txt",
                "empty.txt",
                "binary.txt",
                "latin1.txt",
                "huge.txt",
                "folder",
                "missing.txt",
            ]
            .map(p),
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    // One line per bad file plus the summary.
    assert_eq!(lines.len(), 7, "{stderr}");
    for (name, words) in [
        ("empty.txt", "empty"),
        ("binary.txt", "NUL"),
        ("latin1.txt", "offset 3"),
        ("huge.txt", "exceeds"),
        ("folder", "directory"),
        ("missing.txt", "not found"),
    ] {
        let line = lines
            .iter()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("no line for {name}: {stderr}"));
        assert!(
            line.to_lowercase().contains(&words.to_lowercase()),
            "{name}: {line}"
        );
    }
    // The good file's readout is still printed.
    let stdout = String::from_utf8(out.stdout).unwrap();
    let v: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(v["actors"][0]["name"], "Friedrich Merz");
}

#[test]
fn stdin_and_table_format() {
    let out = newsgraph()
        .args(["extract", "--format", "table", "--published", "2025-08-19"])
        .write_stdin("Italian Prime Minister Giorgia Meloni met NATO officials. Meloni said she was hopeful.")
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("Giorgia Meloni"), "{stdout}");
    assert!(stdout.contains("ITA"), "{stdout}");
}

#[test]
fn bad_flags_are_clear_errors() {
    let out = newsgraph()
        .args(["extract", "--published", "19/08/2025"])
        .write_stdin("x")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("YYYY-MM-DD"));
    let dir = tempfile::tempdir().unwrap();
    let actors = dir.path().join("actors.toml");
    let mut f = std::fs::File::create(&actors).unwrap();
    writeln!(f, "[[actor]]\nname = \"X\"\nkind = \"planet\"").unwrap();
    let out = newsgraph()
        .arg("extract")
        .arg("--actors")
        .arg(&actors)
        .write_stdin("x")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("actors.toml") && err.contains("planet"),
        "{err}"
    );
}

#[test]
fn user_actors_file_adds_knowledge() {
    let dir = tempfile::tempdir().unwrap();
    let actors = dir.path().join("actors.toml");
    std::fs::write(
        &actors,
        "[[actor]]\nname = \"Zorana Petrovic-Lind\"\naliases = [\"Petrovic-Lind\"]\nkind = \"person\"\ncountry = \"SRB\"\nsector = \"GOV\"\nroles = [\"envoy\"]\ngender = \"female\"\n",
    )
    .unwrap();
    let out = newsgraph()
        .arg("extract")
        .arg("--actors")
        .arg(&actors)
        .write_stdin("Officials met Petrovic-Lind on Friday. She said talks went well.")
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let a = v["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "Zorana Petrovic-Lind")
        .expect("the user's actor is recognised by its alias");
    assert_eq!(a["country"], "SRB");
}

#[test]
fn several_inputs_give_json_lines_or_one_file_each() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(&a, "Kremlin aide Yuri Ushakov spoke.").unwrap();
    std::fs::write(&b, "NATO officials met in Brussels.").unwrap();
    let out = newsgraph().arg("extract").arg(&a).arg(&b).output().unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "one JSON object per line");
    let outdir = dir.path().join("out");
    let out = newsgraph()
        .arg("extract")
        .arg(&a)
        .arg(&b)
        .arg("--out")
        .arg(&outdir)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(outdir.join("a.json")).unwrap()).unwrap();
    assert_eq!(v["actors"][0]["country"], "RUS");
    assert!(outdir.join("b.json").exists());
}
