//! Precision, recall and F1 from counts.

use serde::Serialize;

/// Counts for one score: gold items, predicted items, and matches (true
/// positives). With one-to-one matching, `tp <= min(gold, pred)`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Prf {
    pub gold: usize,
    pub pred: usize,
    pub tp: usize,
}

impl Prf {
    pub fn new(gold: usize, pred: usize, tp: usize) -> Self {
        Prf { gold, pred, tp }
    }

    /// `tp / pred`; 0 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.pred)
    }

    /// `tp / gold`; 0 when there is no gold.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.gold)
    }

    /// The harmonic mean of precision and recall; 0 when both are 0.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// Adds another count (micro-averaging).
    pub fn add(&mut self, other: Prf) {
        self.gold += other.gold;
        self.pred += other.pred;
        self.tp += other.tp;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// One-to-one matching, greedy by weight: pairs are taken from the heaviest
/// down (ties: lower gold index, then lower predicted index), skipping any
/// pair whose gold or predicted item is already taken. Returns the chosen
/// `(gold, pred)` pairs. Pairs with weight `None` cannot match.
pub fn greedy_match(
    n_gold: usize,
    n_pred: usize,
    mut weight: impl FnMut(usize, usize) -> Option<u64>,
) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for g in 0..n_gold {
        for p in 0..n_pred {
            if let Some(w) = weight(g, p) {
                pairs.push((w, g, p));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut gold_taken = vec![false; n_gold];
    let mut pred_taken = vec![false; n_pred];
    let mut out = Vec::new();
    for (_, g, p) in pairs {
        if !gold_taken[g] && !pred_taken[p] {
            gold_taken[g] = true;
            pred_taken[p] = true;
            out.push((g, p));
        }
    }
    out
}

/// Maximum-cardinality one-to-one matching (Kuhn's augmenting paths) over the
/// allowed pairs. `allowed[g]` lists the predicted items gold item `g` may
/// match, in order of preference. Returns `pred_of[g]`.
pub fn max_match(allowed: &[Vec<usize>], n_pred: usize) -> Vec<Option<usize>> {
    fn augment(
        g: usize,
        allowed: &[Vec<usize>],
        seen: &mut [bool],
        gold_of: &mut [Option<usize>],
    ) -> bool {
        for &p in &allowed[g] {
            if seen[p] {
                continue;
            }
            seen[p] = true;
            let free = match gold_of[p] {
                None => true,
                Some(other) => augment(other, allowed, seen, gold_of),
            };
            if free {
                gold_of[p] = Some(g);
                return true;
            }
        }
        false
    }
    let mut gold_of: Vec<Option<usize>> = vec![None; n_pred];
    for g in 0..allowed.len() {
        let mut seen = vec![false; n_pred];
        augment(g, allowed, &mut seen, &mut gold_of);
    }
    let mut pred_of = vec![None; allowed.len()];
    for (p, g) in gold_of.iter().enumerate() {
        if let Some(g) = g {
            pred_of[*g] = Some(p);
        }
    }
    pred_of
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prf() {
        let c = Prf::new(4, 5, 3);
        assert!((c.precision() - 0.6).abs() < 1e-12);
        assert!((c.recall() - 0.75).abs() < 1e-12);
        assert!((c.f1() - 2.0 * 0.6 * 0.75 / 1.35).abs() < 1e-12);
        assert_eq!(Prf::default().f1(), 0.0);
    }

    #[test]
    fn greedy_takes_heaviest_first() {
        // g0 overlaps p0 a lot and p1 a little; g1 overlaps only p0.
        let w = [[Some(10), Some(2)], [Some(5), None]];
        let m = greedy_match(2, 2, |g, p| w[g][p]);
        assert_eq!(m, vec![(0, 0)]);
    }

    #[test]
    fn max_match_finds_augmenting_paths() {
        // Greedy in order would give g0 -> p0 and leave g1 unmatched.
        let allowed = vec![vec![0, 1], vec![0]];
        assert_eq!(max_match(&allowed, 2), vec![Some(1), Some(0)]);
    }
}
