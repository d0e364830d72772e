//! `newsgraph`: glue between the command line and the library crates.
//! `main` parses arguments, calls `run`, and maps the result to an exit code.

mod args;
mod attribution;
mod bench;
mod corpus;
mod eval;
mod events;
mod extract;
mod ingest;
mod positions;
mod serve;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`newsgraph extract … | head`) is not an error.
            if err
                .downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(std::io::stderr(), "newsgraph: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: args::Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        args::Command::Extract(a) => extract::run(a),
        args::Command::Eval(a) => eval::run(a),
        args::Command::Bench(a) => bench::run(a),
        args::Command::Serve(a) => serve::run(a),
        args::Command::Positions(a) => positions::run(a),
        args::Command::Ingest(a) => ingest::run(a),
        args::Command::Merge(a) => ingest::run_merge(a),
        args::Command::Timeline(a) => corpus::timeline(a),
        args::Command::Quotes(a) => corpus::quotes(a),
        args::Command::Actors(a) => corpus::actors(a),
        args::Command::Graph(a) => corpus::graph(a),
        args::Command::Export(a) => corpus::export(a),
    }
}
