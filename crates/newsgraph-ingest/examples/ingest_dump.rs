//! Prints what ingest finds under each path: `cargo run -p newsgraph-ingest --example ingest_dump -- PATH...`.

use std::path::PathBuf;

fn main() {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let (mut ok, mut failed) = (0usize, 0usize);
    for item in newsgraph_ingest::articles_from_paths(&paths, &Default::default()) {
        match item {
            Ok(a) => {
                ok += 1;
                println!(
                    "== {} [{}] title={:?} published={:?} url={:?}\n{}",
                    a.source,
                    a.format,
                    a.meta.title,
                    a.meta.published.map(|d| d.to_string()),
                    a.meta.url,
                    a.text
                );
            }
            Err(e) => {
                failed += 1;
                eprintln!("error: {e}");
            }
        }
    }
    eprintln!("{ok} articles, {failed} errors");
}
