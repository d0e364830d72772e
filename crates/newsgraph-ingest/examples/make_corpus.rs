//! Writes the synthetic test corpus: `cargo run -p newsgraph-ingest --example make_corpus -- OUTDIR`.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: make_corpus OUTDIR");
        return ExitCode::from(2);
    };
    match newsgraph_ingest::corpus::write_corpus(&dir) {
        Ok(summary) => {
            println!(
                "wrote {} articles in {} files under {}",
                summary.expected.len(),
                summary.files.len(),
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("make_corpus: {}: {e}", dir.display());
            ExitCode::from(1)
        }
    }
}
