//! `newsgraph ingest` and `newsgraph merge`: read inputs, extract readouts in
//! parallel, write them to the store, merge the new articles into the
//! cross-article merges (`merge` rebuilds them whole).
//!
//! Three stages joined by bounded channels, so memory stays flat however
//! large the corpus: one reader thread streams articles from the inputs; a
//! rayon pool of `--jobs` workers analyses them; the calling thread is the
//! single writer, committing batches of `--batch` articles per transaction.

use std::io::IsTerminal;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::sync_channel;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Args;
use newsgraph_store::{Alias, ArticleRecord, MergeOptions, Store, WriteSummary};
use rayon::iter::{ParallelBridge, ParallelIterator};

use crate::args::Knowledge;

#[derive(Args)]
pub struct IngestArgs {
    /// Files and directories: text (with optional front matter), HTML, JSON Lines,
    /// WARC(.gz), RSS/Atom feeds; directories recurse.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub db: DbArg,
    /// Extraction threads (default: all cores).
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Articles per transaction.
    #[arg(long, value_name = "N", default_value_t = 64)]
    pub batch: usize,
    /// Refuse one article's input larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = newsgraph_input::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
    /// Leave the cross-article merges for a later `newsgraph merge`.
    #[arg(long)]
    pub no_merge: bool,
    #[command(flatten)]
    pub merge: MergeArgs,
    #[command(flatten)]
    pub knowledge: Knowledge,
}

/// The store to use.
#[derive(Args, Clone)]
pub struct DbArg {
    /// The store: a SQLite file, or a postgres:// URL.
    #[arg(long, value_name = "URL", default_value = newsgraph_store::DEFAULT_DB)]
    pub db: String,
}

impl DbArg {
    pub fn open(&self) -> anyhow::Result<Store> {
        Store::open(&self.db).with_context(|| "--db")
    }
}

/// How records merge across articles.
#[derive(Args, Clone)]
pub struct MergeArgs {
    /// Reports of one event may be dated up to this many days apart.
    #[arg(long, value_name = "DAYS", default_value_t = 3)]
    pub window_days: i64,
    /// Word-set similarity (0-1) from which two quotes by one speaker are one.
    #[arg(long, value_name = "X", default_value_t = 0.8)]
    pub quote_similarity: f64,
    /// Reports of one quote may be published up to this many days apart.
    #[arg(long, value_name = "DAYS", default_value_t = 7)]
    pub quote_window_days: i64,
}

#[derive(Args)]
pub struct MergeCmdArgs {
    #[command(flatten)]
    pub db: DbArg,
    #[command(flatten)]
    pub merge: MergeArgs,
    #[command(flatten)]
    pub knowledge: Knowledge,
}

/// Merge options with the user's actors file as aliases.
fn merge_options(m: &MergeArgs, k: &Knowledge) -> anyhow::Result<MergeOptions> {
    let aliases = match &k.actors {
        None => Vec::new(),
        Some(_) => crate::extract::lexicon(k)?
            .users
            .iter()
            .map(|u| Alias {
                name: u.name.clone(),
                kind: Some(u.kind.clone()),
                variants: u.aliases.clone(),
            })
            .collect(),
    };
    Ok(MergeOptions {
        aliases,
        window_days: m.window_days,
        quote_similarity: m.quote_similarity,
        quote_window_days: m.quote_window_days,
    })
}

/// `newsgraph merge`: rebuild the cross-article merges from scratch.
pub fn run_merge(args: MergeCmdArgs) -> anyhow::Result<ExitCode> {
    let mut store = args.db.open()?;
    let s = store.rebuild_merges(&merge_options(&args.merge, &args.knowledge)?)?;
    eprintln!(
        "newsgraph: merged {} articles: {} actors into {}, {} events into {}, {} quotes into {}",
        s.articles, s.actors, s.canon_actors, s.events, s.merged_events, s.quotes, s.merged_quotes
    );
    Ok(ExitCode::SUCCESS)
}

fn progress_bar() -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} {elapsed_precise} {pos} articles ({per_sec}) {msg}",
        )
        .expect("valid template"),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// What one worker hands the writer.
enum Item {
    Record(Box<ArticleRecord>),
    Failed(String),
}

pub fn run(args: IngestArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let merge_opts = merge_options(&args.merge, &args.knowledge)?;
    let pipeline = Arc::new(crate::positions::with_issues(
        crate::events::pipeline(&args.knowledge)?,
        &args.knowledge,
    )?);
    let mut store = args.db.open()?;
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let batch_size = args.batch.max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .context("cannot start the extraction threads")?;

    // Stage 1: one reader streams articles.
    let (art_tx, art_rx) = sync_channel(jobs * 4);
    let opts = newsgraph_ingest::Options {
        limits: newsgraph_input::Limits {
            max_bytes: args.max_bytes,
        },
        ..newsgraph_ingest::Options::default()
    };
    let paths = args.paths.clone();
    let reader = std::thread::spawn(move || {
        for item in newsgraph_ingest::articles_from_paths(&paths, &opts) {
            if art_tx.send(item).is_err() {
                break;
            }
        }
    });

    // Stage 2: workers analyse in parallel.
    let (rec_tx, rec_rx) = sync_channel::<Item>(jobs * 4 + batch_size);
    let worker_pipeline = pipeline.clone();
    let extractor = std::thread::spawn(move || {
        pool.install(|| {
            art_rx
                .into_iter()
                .par_bridge()
                .for_each_with(rec_tx, |tx, item| {
                    let out = match item {
                        Err(e) => Item::Failed(e.to_string()),
                        Ok(a) => {
                            let source = a.source.clone();
                            let analysed = std::panic::catch_unwind(AssertUnwindSafe(|| {
                                let analysis = worker_pipeline.analyze_text(&a.text, a.meta);
                                ArticleRecord::from_analysis(
                                    &analysis,
                                    Some(&a.source),
                                    Some(a.format.as_str()),
                                )
                            }));
                            match analysed {
                                Ok(r) => Item::Record(Box::new(r)),
                                Err(_) => Item::Failed(format!("{source}: analysis panicked")),
                            }
                        }
                    };
                    let _ = tx.send(out);
                });
        });
    });

    // Stage 3: this thread writes.
    let bar = progress_bar();
    let mut total = WriteSummary::default();
    let mut failed = 0usize;
    let mut batch: Vec<ArticleRecord> = Vec::with_capacity(batch_size);
    let flush = |batch: &mut Vec<ArticleRecord>,
                 total: &mut WriteSummary,
                 store: &mut Store|
     -> anyhow::Result<()> {
        if batch.is_empty() {
            return Ok(());
        }
        let s = store.write_batch(batch)?;
        total.inserted += s.inserted;
        total.duplicates += s.duplicates;
        total.retries += s.retries;
        total.replaced += s.replaced;
        batch.clear();
        Ok(())
    };
    for item in rec_rx {
        match item {
            Item::Record(r) => {
                batch.push(*r);
                if batch.len() >= batch_size {
                    flush(&mut batch, &mut total, &mut store)?;
                }
            }
            Item::Failed(msg) => {
                bar.suspend(|| eprintln!("newsgraph: {msg}"));
                failed += 1;
            }
        }
        bar.inc(1);
        bar.set_message(format!(
            "new {} · duplicates {} · failed {failed}",
            total.inserted, total.duplicates
        ));
    }
    flush(&mut batch, &mut total, &mut store)?;
    bar.finish_and_clear();
    let _ = reader.join();
    extractor
        .join()
        .map_err(|_| anyhow::anyhow!("the extraction threads panicked"))?;
    let seconds = started.elapsed().as_secs_f64();
    let read = total.inserted + total.duplicates + failed;
    let replaced = match total.replaced {
        0 => String::new(),
        n => format!(", {n} of them replacing a later copy of the same text"),
    };
    eprintln!(
        "newsgraph: {read} read: {} ingested, {} skipped (already stored{replaced}), {failed} failed; \
         {:.1} s, {:.1} articles/s with {jobs} job(s)",
        total.inserted,
        total.duplicates,
        seconds,
        read as f64 / seconds.max(1e-9)
    );
    if !args.no_merge {
        // Only the new articles when the merges are up to date otherwise;
        // the result equals a full rebuild (`newsgraph merge`).
        let merge_started = Instant::now();
        let s = store.update_merges(&merge_opts)?;
        let how = if s.incremental {
            format!("{} new article(s) merged in", s.new_articles)
        } else {
            "rebuilt".to_string()
        };
        eprintln!(
            "newsgraph: merged {} articles: {} actors into {}, {} events into {}, {} quotes into {} ({how}, {:.1} s)",
            s.articles,
            s.actors,
            s.canon_actors,
            s.events,
            s.merged_events,
            s.quotes,
            s.merged_quotes,
            merge_started.elapsed().as_secs_f64()
        );
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
