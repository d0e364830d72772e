//! Gold-standard readers and scorers: the seed gold file, CrossNER, PolNeAR.
//!
//! Pure functions over data: nothing here runs the pipeline. A caller (the
//! CLI's `newsgraph eval`, an integration test) extracts with the pipeline,
//! then hands the output and the gold data to this crate. Gold data is read
//! at run time from paths the caller gives; none of it ships with the crate.
//!
//! - [`norm`]: the text folding the gold files match by.
//! - [`seed`]: the seed gold TOML ([`seed::load`]) and checkers that compare a
//!   readout (`serde_json::Value`, as `newsgraph extract --format json`
//!   prints) with it, item by item, with an explanation for each failure.
//! - [`crossner`]: CoNLL-style BIO files ([`crossner::read`]), spans, and
//!   exact span+type precision/recall/F1 per type and overall.
//! - [`polnear`]: brat standoff attributions ([`polnear::load_dir`]),
//!   source/cue/content/attribution scoring under exact and overlap matching,
//!   and a brat writer.
//! - [`events`]: PLOVER's gold-standard example sentences
//!   ([`events::read`]) and event-type accuracy, per-type precision/recall/F1.
//! - [`metrics`]: precision/recall/F1 counts and one-to-one matching.
//!
//! ```
//! use newsgraph_eval::crossner::{score, spans};
//!
//! let gold = vec![spans(&["B-politician", "I-politician", "O", "B-country"])];
//! let pred = vec![vec![(0, 2, "politician".to_string())]];
//! let report = score(&gold, &pred);
//! assert_eq!(report.overall.tp, 1);
//! assert_eq!(report.overall.recall(), 0.5);
//! println!("{}", report.to_table());
//! ```
//!
//! Offsets: CrossNER has tokens only (spans are token indices); PolNeAR and
//! the readout use Unicode code-point offsets, end exclusive.

pub mod crossner;
pub mod events;
pub mod metrics;
pub mod norm;
pub mod polnear;
pub mod seed;

use std::io;
use std::path::{Path, PathBuf};

/// A gold file that could not be read or parsed. `Display` is one line naming
/// the file (and the line, when known).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
    Format {
        path: PathBuf,
        line: Option<usize>,
        message: String,
    },
}

impl Error {
    pub(crate) fn io(path: &Path, source: io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub(crate) fn format(path: &Path, line: Option<usize>, message: impl Into<String>) -> Self {
        Error::Format {
            path: path.to_path_buf(),
            line,
            message: message.into(),
        }
    }
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
