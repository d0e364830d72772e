//! Ingest throughput and peak memory over a generated WARC.gz and JSONL of N
//! articles: `cargo run --release -p newsgraph-ingest --example ingest_bench -- N`.
//!
//! The files are written record by record and read back through
//! `articles`; peak memory (VmHWM) should not grow with N.

use std::io::{BufWriter, Write};
use std::time::Instant;

use newsgraph_ingest::corpus::{gzip_members, html_page, json_line, report, warc_response};
use newsgraph_ingest::{articles, Options};

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2000);
    let dir = std::env::temp_dir().join(format!("ingest-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let warc = dir.join("bench.warc.gz");
    let jsonl = dir.join("bench.jsonl");
    {
        let mut w = BufWriter::new(std::fs::File::create(&warc).unwrap());
        let mut j = BufWriter::new(std::fs::File::create(&jsonl).unwrap());
        for i in 0..n {
            let r = report(i);
            let rec = warc_response(&r.url, "200 OK", "text/html", html_page(&r, i).as_bytes());
            w.write_all(&gzip_members(&[rec])).unwrap();
            writeln!(j, "{}", json_line(&r, false)).unwrap();
        }
        w.flush().unwrap();
        j.flush().unwrap();
    }
    let before = peak_rss_kib();
    for path in [&warc, &jsonl] {
        let size = std::fs::metadata(path).unwrap().len();
        let start = Instant::now();
        let (mut ok, mut failed, mut bytes) = (0usize, 0usize, 0usize);
        for item in articles(path, &Options::default()) {
            match item {
                Ok(a) => {
                    ok += 1;
                    bytes += a.text.len();
                }
                Err(_) => failed += 1,
            }
        }
        let secs = start.elapsed().as_secs_f64();
        println!(
            "{}: {ok} articles, {failed} errors, {:.1} MB file, {:.1} MB text, {:.2} s, {:.0} articles/s",
            path.file_name().unwrap().to_string_lossy(),
            size as f64 / 1e6,
            bytes as f64 / 1e6,
            secs,
            ok as f64 / secs
        );
    }
    println!(
        "peak RSS: {:?} KiB before reading, {:?} KiB after",
        before,
        peak_rss_kib()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
