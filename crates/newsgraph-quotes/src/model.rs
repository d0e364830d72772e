//! The learned part: two linear models (averaged perceptrons) in one file.
//!
//! - The **cue classifier** (features `c|…`) scores each word outside
//!   quotation marks as part of a cue or not. Its features come from
//!   newsgraph's own layers only — the token, its neighbours, word classes
//!   from `data/words.tsv`, cue-lexicon matches and quotation marks — so
//!   nothing at run time needs a tagger. Words no lexicon entry covers become
//!   cue candidates from the `candidate` threshold (a run of such words makes
//!   one cue: "is expected").
//! - The **attribution classifier** (features `a|…`) scores the candidate
//!   attributions of the permissive pass; `accept` is its bar, `accept_new`
//!   the bar for a cue the lexicon does not know or content that misses its
//!   cue's requirement.
//!
//! Without an attribution classifier, the `add` and `veto` thresholds let the
//! cue classifier add and drop cues directly.
//!
//! The file is `data/model.tsv`: `feature<TAB>weight` lines, `#` comment
//! lines and `threshold<TAB>NAME<TAB>value` lines, read once and hashed.
//! Rebuild with `cargo run --release -p newsgraph-quotes --features
//! shared-data --example train -- ../shared/data/polnear/train
//! crates/newsgraph-quotes/data/model.tsv`; see `data/README.md`.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::sync::{Arc, OnceLock};

use rustc_hash::{FxBuildHasher, FxHashMap};

use crate::{Error, Result};

const BUILTIN: &str = include_str!("../data/model.tsv");

/// The weights of the cue classifier and its two decision thresholds.
#[derive(Debug, Clone, Default)]
pub struct CueModel {
    weights: FxHashMap<u64, f32>,
    /// A word outside the lexicon is a cue at or above this score.
    pub add: f32,
    /// A lexicon cue below this score is not a cue.
    pub veto: f32,
    /// With an attribution classifier: the lower cue threshold of the
    /// permissive candidate generation.
    pub candidate: f32,
    /// An attribution candidate is kept at or above this score.
    pub accept: f32,
    /// The same for a candidate whose cue no lexicon entry knows; such a
    /// cue must also hold a word with a cue prior of at least `prior_min`.
    pub accept_new: f32,
    /// The bar for a candidate whose (known) cue's content misses the cue's
    /// requirement ("added a personal touch"). Defaults to `accept_new`.
    pub accept_loose: f32,
    /// The least cue prior (see `priors`) of a cue the lexicon does not know.
    pub prior_min: f32,
    /// Per lowercased word, the share of its training occurrences (outside
    /// quotation marks) that lay inside a gold cue: "noted" 0.97, "offered"
    /// 0.62, "traveled" 0. Words never seen in a cue are absent (prior 0).
    priors: FxHashMap<String, f32>,
    /// True when attribution features (`a|...`) have weights.
    attribution: bool,
}

/// The hash of a feature string (stable across runs and platforms).
pub fn feature_hash(s: &str) -> u64 {
    let mut h = FxBuildHasher.build_hasher();
    h.write(s.as_bytes());
    h.finish()
}

impl CueModel {
    /// The model shipped with the crate (`data/model.tsv`).
    pub fn builtin() -> Arc<CueModel> {
        static MODEL: OnceLock<Arc<CueModel>> = OnceLock::new();
        MODEL
            .get_or_init(|| {
                Arc::new(
                    CueModel::from_tsv(BUILTIN, "data/model.tsv")
                        .expect("the built-in cue model parses"),
                )
            })
            .clone()
    }

    /// Parses a model file: `threshold<TAB>NAME<TAB>value`,
    /// `prior<TAB>word<TAB>share` and `feature<TAB>weight` lines; `#` starts a
    /// comment line.
    pub fn from_tsv(text: &str, origin: &str) -> Result<CueModel> {
        let mut m = CueModel::default();
        let mut loose = None;
        for (n, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |message: String| Error::Parse {
                origin: origin.to_string(),
                line: n + 1,
                message,
            };
            let cols: Vec<&str> = line.split('\t').collect();
            let num = |s: &str| {
                s.trim()
                    .parse::<f32>()
                    .map_err(|_| bad(format!("{s:?} is not a number")))
            };
            match cols.as_slice() {
                ["threshold", "add", v] => m.add = num(v)?,
                ["threshold", "veto", v] => m.veto = num(v)?,
                ["threshold", "candidate", v] => m.candidate = num(v)?,
                ["threshold", "accept", v] => m.accept = num(v)?,
                ["threshold", "accept_new", v] => m.accept_new = num(v)?,
                ["threshold", "accept_loose", v] => loose = Some(num(v)?),
                ["threshold", "prior_min", v] => m.prior_min = num(v)?,
                ["prior", word, v] => {
                    m.priors.insert(word.to_string(), num(v)?);
                }
                [feature, w] => {
                    m.attribution |= feature.starts_with("a|");
                    m.weights.insert(feature_hash(feature), num(w)?);
                }
                _ => return Err(bad("expected feature<TAB>weight".into())),
            }
        }
        m.accept_loose = loose.unwrap_or(m.accept_new);
        Ok(m)
    }

    /// Sets the cue priors (lowercased word to share of occurrences in a cue).
    pub fn with_priors(mut self, priors: &HashMap<String, f32>) -> CueModel {
        self.priors = priors.iter().map(|(w, &p)| (w.clone(), p)).collect();
        self
    }

    /// The highest cue prior among `words` (compared lowercased).
    pub fn cue_prior<'w>(&self, words: impl IntoIterator<Item = &'w str>) -> f32 {
        let mut best = 0.0f32;
        let mut buf = String::new();
        for w in words {
            buf.clear();
            buf.extend(w.chars().flat_map(char::to_lowercase));
            if let Some(&p) = self.priors.get(buf.as_str()) {
                best = best.max(p);
            }
        }
        best
    }

    /// The weights learned by a trainer, with thresholds.
    pub fn from_weights(weights: &HashMap<String, f32>, add: f32, veto: f32) -> CueModel {
        CueModel {
            weights: weights.iter().map(|(f, &w)| (feature_hash(f), w)).collect(),
            add,
            veto,
            candidate: add,
            accept: 0.0,
            accept_new: 0.0,
            accept_loose: 0.0,
            prior_min: 0.0,
            priors: FxHashMap::default(),
            attribution: weights.keys().any(|f| f.starts_with("a|")),
        }
    }

    /// True when the model also classifies attribution candidates.
    pub fn has_attribution_model(&self) -> bool {
        self.attribution
    }

    /// The number of features with a weight.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// The score of a token from its feature hashes.
    pub fn score(&self, features: &[u64]) -> f32 {
        features
            .iter()
            .filter_map(|h| self.weights.get(h))
            .sum::<f32>()
    }
}

/// An averaged binary perceptron over interned string features, for training.
#[derive(Debug, Default)]
pub struct Perceptron {
    index: HashMap<String, u32>,
    names: Vec<String>,
    w: Vec<f32>,
    /// Accumulated update × time, for averaging.
    u: Vec<f64>,
    t: f64,
}

impl Perceptron {
    pub fn new() -> Self {
        Perceptron::default()
    }

    /// A perceptron with the same feature table and all weights at zero.
    pub fn fresh(&self) -> Perceptron {
        Perceptron {
            index: self.index.clone(),
            names: self.names.clone(),
            w: vec![0.0; self.w.len()],
            u: vec![0.0; self.u.len()],
            t: 0.0,
        }
    }

    /// Weights by feature id, from a name → weight map (missing: zero).
    pub fn fresh_scored(&self, weights: &HashMap<String, f32>) -> Vec<f32> {
        self.names
            .iter()
            .map(|n| weights.get(n).copied().unwrap_or(0.0))
            .collect()
    }

    /// The number of features seen.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The id of a feature, added when new.
    pub fn intern(&mut self, f: &str) -> u32 {
        if let Some(&id) = self.index.get(f) {
            return id;
        }
        let id = self.names.len() as u32;
        self.index.insert(f.to_string(), id);
        self.names.push(f.to_string());
        self.w.push(0.0);
        self.u.push(0.0);
        id
    }

    /// The current (not averaged) score.
    pub fn raw(&self, feats: &[u32]) -> f32 {
        feats.iter().map(|&f| self.w[f as usize]).sum()
    }

    /// One example: updates when the score times the label is at most
    /// `margin`; a positive example counts `pos_weight` times.
    pub fn learn(&mut self, feats: &[u32], gold: bool, margin: f32, pos_weight: f32) {
        self.t += 1.0;
        let s = self.raw(feats);
        let y = if gold { pos_weight } else { -1.0 };
        if s * y.signum() <= margin {
            for &f in feats {
                self.w[f as usize] += y;
                self.u[f as usize] += self.t * f64::from(y);
            }
        }
    }

    /// The averaged weights, those smaller than `min` in magnitude left out.
    pub fn averaged(&self, min: f32) -> HashMap<String, f32> {
        let t = self.t.max(1.0);
        self.names
            .iter()
            .enumerate()
            .map(|(i, f)| (f.clone(), (f64::from(self.w[i]) - self.u[i] / t) as f32))
            .filter(|(_, w)| w.abs() >= min)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_loads() {
        let m = CueModel::builtin();
        assert!(m.len() > 100);
        assert!(m.add.is_finite() && m.veto.is_finite());
        assert!(CueModel::from_tsv("a\tb\tc\td\n", "x.tsv").is_err());
    }

    #[test]
    fn perceptron_learns_a_separable_set() {
        let mut p = Perceptron::new();
        let said = [p.intern("b"), p.intern("w=said")];
        let table = [p.intern("b"), p.intern("w=table")];
        for _ in 0..5 {
            p.learn(&said, true, 0.0, 1.0);
            p.learn(&table, false, 0.0, 1.0);
        }
        let m = CueModel::from_weights(&p.averaged(0.0), 0.0, 0.0);
        let h = |s: &str| vec![feature_hash("b"), feature_hash(&format!("w={s}"))];
        assert!(m.score(&h("said")) > 0.0);
        assert!(m.score(&h("table")) < 0.0);
    }
}
