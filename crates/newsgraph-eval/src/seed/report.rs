//! Check results: per gold item, per layer, and for the whole seed.

use std::fmt::Write;

use serde::Serialize;

/// The result for one gold item.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ItemResult {
    /// The gold item, briefly: `quote "I don't know that it's…" by Donald Trump`.
    pub item: String,
    /// Optional items are neither required nor penalised.
    pub optional: bool,
    /// The extracted item paired with it (passing, or the closest candidate).
    pub matched: Option<String>,
    pub passed: bool,
    /// Why it failed, one sentence per problem; empty when it passed.
    pub problems: Vec<String>,
    /// Differences that do not fail the item (a mode, a place, a kind).
    pub notes: Vec<String>,
}

/// The result for one layer (actors, quotes, ...).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    pub layer: String,
    pub items: Vec<ItemResult>,
    /// How many extracted items the layer had (0 for coreference, which has
    /// no precision).
    pub extracted: usize,
    /// Extracted items in no passing pair and not ignored: these count
    /// against precision.
    pub unmatched: Vec<String>,
}

impl Report {
    pub(crate) fn new(layer: &str) -> Self {
        Report {
            layer: layer.to_string(),
            ..Report::default()
        }
    }

    /// Required (non-optional) gold items.
    pub fn required(&self) -> usize {
        self.items.iter().filter(|i| !i.optional).count()
    }

    /// Required gold items that passed.
    pub fn found(&self) -> usize {
        self.items
            .iter()
            .filter(|i| !i.optional && i.passed)
            .count()
    }

    /// `found / required`; 1 when nothing is required.
    pub fn recall(&self) -> f64 {
        match self.required() {
            0 => 1.0,
            n => self.found() as f64 / n as f64,
        }
    }

    /// The share of extracted items that are not unmatched; `None` when
    /// nothing was extracted.
    pub fn precision(&self) -> Option<f64> {
        (self.extracted > 0).then(|| 1.0 - self.unmatched.len() as f64 / self.extracted as f64)
    }

    /// True when every required item passed.
    pub fn all_required_pass(&self) -> bool {
        self.found() == self.required()
    }

    /// Required items that failed.
    pub fn failures(&self) -> impl Iterator<Item = &ItemResult> {
        self.items.iter().filter(|i| !i.optional && !i.passed)
    }

    /// A one-line summary: `quotes: 20/24 required found; precision 0.87 (3 of 23 extracted unmatched)`.
    pub fn summary(&self) -> String {
        let mut s = format!(
            "{}: {}/{} required found",
            self.layer,
            self.found(),
            self.required()
        );
        if let Some(p) = self.precision() {
            let _ = write!(
                s,
                "; precision {p:.2} ({} of {} extracted unmatched)",
                self.unmatched.len(),
                self.extracted
            );
        }
        s
    }

    /// The summary, then each failed item with its problems, then the
    /// unmatched extracted items. Optional items appear only when they fail,
    /// marked `optional`.
    pub fn to_text(&self) -> String {
        let mut s = self.summary();
        s.push('\n');
        for i in self.items.iter().filter(|i| !i.passed) {
            let tag = if i.optional { "optional" } else { "FAIL" };
            let _ = write!(s, "  {tag} {}", i.item);
            if let Some(m) = &i.matched {
                let _ = write!(s, " [closest: {m}]");
            }
            s.push('\n');
            for p in &i.problems {
                let _ = writeln!(s, "      - {p}");
            }
        }
        for u in &self.unmatched {
            let _ = writeln!(s, "  unmatched {u}");
        }
        s
    }
}

/// Every layer of one seed check.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SeedReport {
    pub actors: Report,
    pub coreference: Report,
    pub quotes: Report,
    pub events: Report,
    pub figures: Report,
    pub dates: Report,
    pub positions: Report,
}

impl SeedReport {
    pub fn layers(&self) -> [&Report; 7] {
        [
            &self.actors,
            &self.coreference,
            &self.quotes,
            &self.events,
            &self.figures,
            &self.dates,
            &self.positions,
        ]
    }

    /// Each layer's [`Report::to_text`], in order.
    pub fn to_text(&self) -> String {
        self.layers()
            .iter()
            .map(|r| r.to_text())
            .collect::<Vec<_>>()
            .join("\n")
    }
}
