//! Every format, well-formed and not: bad records are reported with file and
//! position and skipped, and the rest of the file is kept.

use std::io::Write;
use std::path::{Path, PathBuf};

use newsgraph_ingest::corpus::{
    gzip_members, html_page, report, warc_record, warc_response, Report,
};
use newsgraph_ingest::{
    articles, articles_from_paths, detect, Article, Format, IngestError, Limits, Options,
};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    path
}

fn run(path: &Path, opts: &Options) -> (Vec<Article>, Vec<IngestError>) {
    let (mut ok, mut err) = (Vec::new(), Vec::new());
    for item in articles(path, opts) {
        match item {
            Ok(a) => ok.push(a),
            Err(e) => err.push(e),
        }
    }
    (ok, err)
}

fn one_line(e: &IngestError) -> String {
    let s = e.to_string();
    assert!(!s.contains('\n'), "multi-line error: {s:?}");
    assert_eq!(s, format!("{}: {}", e.source, e.message));
    s
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    gzip_members(&[bytes.to_vec()])
}

fn page(i: usize) -> (Report, String) {
    let r = report(i);
    let html = html_page(&r, i);
    (r, html)
}

// ---- plain text ----------------------------------------------------------

#[test]
fn text_with_and_without_front_matter() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "a.txt",
        b"title: Border talks\ndate: 2026-11-02\nurl: https://e.example/a\n\nThe talks began.\n",
    );
    let (ok, err) = run(&p, &Options::default());
    assert!(err.is_empty());
    assert_eq!(ok[0].text, "The talks began.\n");
    assert_eq!(ok[0].meta.title.as_deref(), Some("Border talks"));
    assert_eq!(ok[0].meta.published.unwrap().to_string(), "2026-11-02");
    assert_eq!(ok[0].meta.url.as_deref(), Some("https://e.example/a"));
    assert_eq!(ok[0].source, p.display().to_string());
    assert_eq!(ok[0].format, Format::Text);

    let p = write(dir.path(), "b", "Merz spoke – “briefly”.\r\n".as_bytes());
    let (ok, _) = run(&p, &Options::default());
    assert_eq!(ok[0].text, "Merz spoke – “briefly”.\r\n");
    assert_eq!(ok[0].meta.title, None);
}

#[test]
fn bad_text_files_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 4] = [
        ("empty.txt", b"", "empty (zero bytes)"),
        ("blank.txt", b"  \n\t\n", "empty (only whitespace)"),
        ("latin1.txt", b"caf\xe9", "invalid UTF-8 at byte offset 3"),
        (
            "nul.txt",
            b"ab\0cd",
            "binary (contains a NUL byte at byte offset 2)",
        ),
    ];
    for (name, bytes, message) in cases {
        let p = write(dir.path(), name, bytes);
        let (ok, err) = run(&p, &Options::default());
        assert!(ok.is_empty());
        assert_eq!(one_line(&err[0]), format!("{}: {message}", p.display()));
    }
    let missing = dir.path().join("missing.txt");
    let (_, err) = run(&missing, &Options::default());
    assert_eq!(err[0].message, "not found");
}

#[test]
fn size_limit_refuses_big_files_unread() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "big.txt", &vec![b'a'; 2000]);
    let opts = Options {
        limits: Limits { max_bytes: 1000 },
        ..Options::default()
    };
    let (ok, err) = run(&p, &opts);
    assert!(ok.is_empty());
    assert!(
        err[0]
            .message
            .starts_with("too large: 2000 bytes exceeds the limit of 1000 bytes"),
        "{}",
        err[0]
    );
    // Compressed, the size is only known while reading: cut at the limit.
    let p = write(dir.path(), "big.txt.gz", &gz(&vec![b'a'; 2000]));
    let (_, err) = run(&p, &opts);
    assert!(
        err[0]
            .message
            .starts_with("too large: more than 1000 bytes"),
        "{}",
        err[0]
    );
}

// ---- HTML ----------------------------------------------------------------

#[test]
fn html_page_with_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let (r, html) = page(0);
    let p = write(dir.path(), "page.htm", html.as_bytes());
    let (ok, err) = run(&p, &Options::default());
    assert!(err.is_empty(), "{err:?}");
    let a = &ok[0];
    assert_eq!(a.format, Format::Html);
    assert!(a.text.starts_with(&r.paragraphs[0]), "{}", a.text);
    assert_eq!(a.meta.title.as_deref(), Some(r.title.as_str()));
    assert_eq!(a.meta.published, Some(r.published));
    assert_eq!(a.meta.url.as_deref(), Some(r.url.as_str()));
}

#[test]
fn html_is_sniffed_whatever_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    let (_, html) = page(1);
    let p = write(dir.path(), "saved.txt", html.as_bytes());
    assert_eq!(detect(&p).unwrap(), Format::Html);
    let (ok, _) = run(&p, &Options::default());
    assert_eq!(ok[0].format, Format::Html);
    assert!(!ok[0].text.contains("<p>"));
}

#[test]
fn broken_and_bodiless_html() {
    let dir = tempfile::tempdir().unwrap();
    // Unclosed tags and stray end tags: parsed as browsers would.
    let broken = "<html><head><title>Aid convoy reaches the border</title><body><div><p>The aid convoy reached the border crossing on Monday after a delay of three days, officials said. <b>Trucks carried food and medicine<p>\"We are relieved,\" a spokesperson said.</i></span></div></td>";
    let p = write(dir.path(), "broken.html", broken.as_bytes());
    let (ok, err) = run(&p, &Options::default());
    assert!(err.is_empty(), "{err:?}");
    assert!(ok[0]
        .text
        .contains("The aid convoy reached the border crossing"));
    assert!(ok[0]
        .text
        .contains("\"We are relieved,\" a spokesperson said."));

    let p = write(
        dir.path(),
        "nobody.html",
        b"<html><head><title>Nothing here</title></head></html>",
    );
    let (ok, err) = run(&p, &Options::default());
    assert!(ok.is_empty());
    let msg = one_line(&err[0]);
    assert!(
        msg.starts_with(&format!("{}: no article content", p.display())),
        "{msg}"
    );
}

// ---- JSON Lines ----------------------------------------------------------

#[test]
fn jsonl_bad_line_in_the_middle_is_reported_and_the_rest_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (_, html) = page(2);
    let lines = [
        serde_json::json!({"text": "First article.", "title": "One", "published": "2026-11-01", "url": "https://e.example/1"}).to_string(),
        String::new(),
        "{\"text\": \"unterminated".to_string(),
        "[1, 2, 3]".to_string(),
        serde_json::json!({"title": "no text"}).to_string(),
        serde_json::json!({"html": html, "url": "https://e.example/page"}).to_string(),
        serde_json::json!({"body": "Last article.", "date": "Sun, 01 Nov 2026 10:00:00 GMT"}).to_string(),
    ];
    let p = write(dir.path(), "d.jsonl", lines.join("\n").as_bytes());
    let (ok, err) = run(&p, &Options::default());
    let src = p.display().to_string();
    assert_eq!(ok.len(), 3);
    assert_eq!(ok[0].source, format!("{src}#record-1"));
    assert_eq!(ok[0].meta.title.as_deref(), Some("One"));
    assert_eq!(ok[1].source, format!("{src}#record-6"));
    assert_eq!(ok[1].meta.url.as_deref(), Some("https://e.example/page"));
    assert!(!ok[1].text.contains('<'));
    assert_eq!(ok[2].text, "Last article.");
    assert_eq!(ok[2].meta.published.unwrap().to_string(), "2026-11-01");
    let msgs: Vec<String> = err.iter().map(one_line).collect();
    assert_eq!(msgs.len(), 3, "{msgs:#?}");
    assert!(
        msgs[0].starts_with(&format!(
            "{src}#record-3: line 3: invalid JSON: EOF while parsing"
        )),
        "{}",
        msgs[0]
    );
    assert_eq!(
        msgs[1],
        format!("{src}#record-4: line 4: a JSON array, not an object (JSON Lines holds one object per line)")
    );
    assert_eq!(
        msgs[2],
        format!("{src}#record-5: line 5: no \"text\" or \"html\" field")
    );
}

#[test]
fn jsonl_huge_line_is_skipped_without_being_stored() {
    // A line far over the limit, streamed from a gzip so the file stays small.
    let dir = tempfile::tempdir().unwrap();
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(b"{\"text\": \"before\"}\n{\"text\": \"")
        .unwrap();
    let chunk = vec![b'x'; 1 << 20];
    for _ in 0..64 {
        enc.write_all(&chunk).unwrap();
    }
    enc.write_all(b"\"}\n{\"text\": \"after\"}\n").unwrap();
    let p = write(dir.path(), "huge.jsonl.gz", &enc.finish().unwrap());
    let opts = Options {
        limits: Limits { max_bytes: 1 << 20 },
        ..Options::default()
    };
    let (ok, err) = run(&p, &opts);
    let texts: Vec<&str> = ok.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(texts, ["before", "after"]);
    assert_eq!(err.len(), 1);
    assert_eq!(
        one_line(&err[0]),
        format!(
            "{}#record-2: line 2: too large: 67108876 bytes exceeds the limit of 1048576 bytes (raise it with --max-bytes)",
            p.display()
        )
    );
}

#[test]
fn max_records_stops_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let body: String = (0..10)
        .map(|i| format!("{{\"text\": \"Article {i}.\"}}\n"))
        .collect();
    let p = write(dir.path(), "many.ndjson", body.as_bytes());
    let opts = Options {
        max_records: 4,
        ..Options::default()
    };
    let (ok, err) = run(&p, &opts);
    assert_eq!(ok.len(), 4);
    assert_eq!(err.len(), 1);
    assert_eq!(
        err[0].to_string(),
        format!(
            "{}: line 5: stopped after 4 records (the limit of records per file)",
            p.display()
        )
    );
}

// ---- WARC ----------------------------------------------------------------

fn crawl_records(n: usize) -> (Vec<Report>, Vec<Vec<u8>>) {
    let reports: Vec<Report> = (0..n).map(|i| report(100 + i)).collect();
    let records = reports
        .iter()
        .enumerate()
        .map(|(i, r)| warc_response(&r.url, "200 OK", "text/html", html_page(r, i).as_bytes()))
        .collect();
    (reports, records)
}

#[test]
fn warc_plain_and_gzip() {
    let dir = tempfile::tempdir().unwrap();
    let (reports, records) = crawl_records(3);
    let plain = write(dir.path(), "a.warc", &records.concat());
    let gzipped = write(dir.path(), "b.warc.gz", &gzip_members(&records));
    // One gzip member for the whole file works as well.
    let single = write(dir.path(), "c.warc.gz", &gz(&records.concat()));
    for p in [plain, gzipped, single] {
        assert_eq!(detect(&p).unwrap(), Format::Warc);
        let (ok, err) = run(&p, &Options::default());
        assert!(err.is_empty(), "{err:?}");
        assert_eq!(ok.len(), 3);
        for (a, r) in ok.iter().zip(&reports) {
            assert_eq!(a.format, Format::Warc);
            assert_eq!(a.meta.url.as_deref(), Some(r.url.as_str()));
            assert_eq!(a.meta.published, Some(r.published));
            assert!(a.text.starts_with(&r.paragraphs[0]));
        }
        assert!(ok[2].source.ends_with("#record-3"));
    }
}

#[test]
fn warc_falls_back_to_target_uri_and_warc_date() {
    let dir = tempfile::tempdir().unwrap();
    let body = "<html><body><article><p>The ministers agreed to extend the grain corridor for another six months, officials said on Friday after long talks.</p><p>\"It is a fair deal,\" one of them said.</p></article></body></html>";
    let rec = warc_response(
        "https://e.example/grain",
        "200 OK",
        "text/html; charset=utf-8",
        body.as_bytes(),
    );
    let resource = warc_record(
        "resource",
        Some("https://e.example/res"),
        "text/html",
        body.as_bytes(),
    );
    let p = write(dir.path(), "x.warc", &[rec, resource].concat());
    let (ok, err) = run(&p, &Options::default());
    assert!(err.is_empty(), "{err:?}");
    assert_eq!(ok.len(), 2);
    assert_eq!(ok[0].meta.url.as_deref(), Some("https://e.example/grain"));
    assert_eq!(ok[0].meta.published.unwrap().to_string(), "2026-11-28");
    assert_eq!(ok[1].meta.url.as_deref(), Some("https://e.example/res"));
}

#[test]
fn wet_conversion_records_are_text() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Ministers met in Lima on Friday.\nThey agreed to meet again.";
    let rec = warc_record(
        "conversion",
        Some("https://e.example/lima"),
        "text/plain",
        text.as_bytes(),
    );
    let p = write(dir.path(), "x.warc.wet.gz", &gz(&rec));
    let (ok, err) = run(&p, &Options::default());
    assert!(err.is_empty(), "{err:?}");
    assert_eq!(ok[0].text, text);
    assert_eq!(ok[0].meta.url.as_deref(), Some("https://e.example/lima"));
    assert_eq!(ok[0].meta.published.unwrap().to_string(), "2026-11-28");
}

#[test]
fn warc_record_with_a_bad_length_is_reported_and_the_next_one_read() {
    let dir = tempfile::tempdir().unwrap();
    let (_, records) = crawl_records(3);
    let mut bad = records[1].clone();
    // Claim 50 bytes fewer than the block holds.
    let text = String::from_utf8(bad.clone()).unwrap();
    let len: usize = text
        .lines()
        .find_map(|l| l.strip_prefix("Content-Length: "))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let fixed = text.replacen(
        &format!("Content-Length: {len}\r\n"),
        &format!("Content-Length: {}\r\n", len - 50),
        1,
    );
    bad = fixed.into_bytes();
    // And a record whose length is not a number.
    let nan = String::from_utf8(records[2].clone())
        .unwrap()
        .replacen("Content-Length: ", "Content-Length: x", 1)
        .into_bytes();
    let p = write(
        dir.path(),
        "bad.warc.gz",
        &gzip_members(&[records[0].clone(), bad, nan, records[2].clone()]),
    );
    let (ok, err) = run(&p, &Options::default());
    let src = p.display().to_string();
    assert_eq!(ok.len(), 2, "{err:?}");
    assert!(ok[0].source.ends_with("#record-1"));
    assert!(ok[1].source.ends_with("#record-4"), "{}", ok[1].source);
    let msgs: Vec<String> = err.iter().map(one_line).collect();
    assert_eq!(msgs.len(), 2, "{msgs:#?}");
    assert_eq!(
        msgs[0],
        format!("{src}#record-2: record 2: bad Content-Length: the block does not end where the length says")
    );
    assert!(
        msgs[1].starts_with(&format!("{src}#record-3: record 3: bad Content-Length \"x")),
        "{}",
        msgs[1]
    );
}

#[test]
fn truncated_gzip_keeps_what_came_before() {
    let dir = tempfile::tempdir().unwrap();
    let (_, records) = crawl_records(4);
    let whole = gzip_members(&records);
    let cut = &whole[..whole.len() - 700];
    let p = write(dir.path(), "cut.warc.gz", cut);
    let (ok, err) = run(&p, &Options::default());
    assert_eq!(ok.len(), 3);
    assert_eq!(err.len(), 1);
    let msg = one_line(&err[0]);
    assert!(
        msg.starts_with(&format!("{}#record-4: record 4: ", p.display())),
        "{msg}"
    );

    // Truncated JSON Lines gzip: the lines before are kept.
    let body: String = (0..200)
        .map(|i| format!("{{\"text\": \"Article number {i} about the summit.\"}}\n"))
        .collect();
    let whole = gz(body.as_bytes());
    let p = write(dir.path(), "cut.jsonl.gz", &whole[..whole.len() / 2]);
    let (ok, err) = run(&p, &Options::default());
    assert!(!ok.is_empty() && ok.len() < 200, "{}", ok.len());
    assert_eq!(err.len(), 1);
    assert!(err[0].message.contains("cannot read"), "{}", err[0]);
}

#[test]
fn garbage_is_not_a_warc() {
    let dir = tempfile::tempdir().unwrap();
    let (_, records) = crawl_records(1);
    let mut bytes = b"garbage line\r\nmore garbage\r\n\r\n".to_vec();
    bytes.extend_from_slice(&records[0]);
    let p = write(dir.path(), "g.warc", &bytes);
    let (ok, err) = run(&p, &Options::default());
    assert_eq!(ok.len(), 1);
    assert_eq!(err.len(), 1);
    assert!(
        err[0]
            .message
            .starts_with("record 1: expected a WARC/1.x version line"),
        "{}",
        err[0]
    );
    assert!(ok[0].source.ends_with("#record-2"));
}

// ---- feeds ---------------------------------------------------------------

#[test]
fn feeds_rss_and_atom() {
    use newsgraph_ingest::corpus::{atom_feed, rss_feed};
    let dir = tempfile::tempdir().unwrap();
    let reports: Vec<Report> = (0..4).map(|i| report(50 + i)).collect();
    let rss = write(dir.path(), "news.xml", rss_feed(&reports).as_bytes());
    let atom = write(dir.path(), "news.atom", atom_feed(&reports).as_bytes());
    for p in [rss, atom] {
        assert_eq!(detect(&p).unwrap(), Format::Feed);
        let (ok, err) = run(&p, &Options::default());
        assert!(err.is_empty(), "{err:?}");
        assert_eq!(ok.len(), 4);
        for (a, r) in ok.iter().zip(&reports) {
            assert_eq!(a.meta.title.as_deref(), Some(r.title.as_str()));
            assert_eq!(a.meta.url.as_deref(), Some(r.url.as_str()));
            assert_eq!(a.meta.published, Some(r.published));
            assert_eq!(a.text, r.paragraphs.join("\n\n") + "\n");
        }
    }
}

#[test]
fn a_feed_that_is_not_xml() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "feed.rss",
        b"Service unavailable, try again later\n",
    );
    let (ok, err) = run(&p, &Options::default());
    assert!(ok.is_empty());
    assert_eq!(
        one_line(&err[0]),
        format!(
            "{}: not a feed: no <rss>, <feed> or <rdf:RDF> element",
            p.display()
        )
    );
    // Broken XML after two good items: the two are kept.
    let reports: Vec<Report> = (0..2).map(|i| report(60 + i)).collect();
    let mut xml = newsgraph_ingest::corpus::rss_feed(&reports);
    xml = xml.replace(
        "</channel>\n</rss>\n",
        "<item><title>Broken</title><link>x</lnk></item></channel></rss>",
    );
    let p = write(dir.path(), "broken.rss", xml.as_bytes());
    let (ok, err) = run(&p, &Options::default());
    assert_eq!(ok.len(), 2);
    assert_eq!(err.len(), 1);
    assert!(err[0].source.ends_with("broken.rss#record-3"), "{}", err[0]);
    assert!(err[0].message.starts_with("bad XML at byte"), "{}", err[0]);
}

// ---- directories and many paths --------------------------------------------

#[test]
fn directories_recurse_in_sorted_order_and_skip_non_articles() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "b/2.txt", b"Two.\n");
    write(dir.path(), "b/1.txt", b"One.\n");
    write(dir.path(), "a.txt", b"Zero.\n");
    write(dir.path(), "c/style.css", b"body { color: red }");
    write(dir.path(), "c/logo.png", b"\x89PNG");
    write(dir.path(), ".hidden/x.txt", b"Hidden.\n");
    write(dir.path(), "c/notes", b"Three.\n");
    let (ok, err) = run(dir.path(), &Options::default());
    assert!(err.is_empty(), "{err:?}");
    let texts: Vec<&str> = ok.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(texts, ["Zero.\n", "One.\n", "Two.\n", "Three.\n"]);

    // Several paths: in the order given; errors in between do not stop it.
    let paths = vec![
        dir.path().join("b/2.txt"),
        dir.path().join("missing.txt"),
        dir.path().join("a.txt"),
    ];
    let items: Vec<_> = articles_from_paths(&paths, &Options::default()).collect();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0].as_ref().unwrap().text, "Two.\n");
    assert_eq!(items[1].as_ref().unwrap_err().message, "not found");
    assert_eq!(items[2].as_ref().unwrap().text, "Zero.\n");
}

#[test]
fn a_mixed_batch_counts_ingested_and_failed() {
    let dir = tempfile::tempdir().unwrap();
    let (_, html) = page(3);
    write(dir.path(), "1-good.html", html.as_bytes());
    write(dir.path(), "2-nobody.html", b"<html><head></head></html>");
    write(dir.path(), "3-feed.rss", b"not xml");
    write(
        dir.path(),
        "4-lines.jsonl",
        b"{\"text\": \"ok\"}\n{bad}\n{\"text\": \"ok too\"}\n",
    );
    let cut = gz(b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 100\r\n\r\nHTTP/1.1 200 OK");
    write(dir.path(), "5-cut.warc.gz", &cut[..cut.len() - 10]);
    let (ok, err) = run(dir.path(), &Options::default());
    assert_eq!(ok.len(), 3, "{ok:?}");
    assert_eq!(err.len(), 4, "{err:#?}");
    let names: Vec<&str> = err
        .iter()
        .map(|e| e.source.rsplit('/').next().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "2-nobody.html",
            "3-feed.rss",
            "4-lines.jsonl#record-2",
            "5-cut.warc.gz#record-1"
        ]
    );
}
