//! Closed-class words (`data/words.tsv`) and issue words (`data/issues.tsv`).

use rustc_hash::FxHashMap;

/// A class of closed-class words; see the header of `data/words.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub(crate) enum Class {
    Bound = 1,
    Rel = 1 << 1,
    Prep = 1 << 2,
    Det = 1 << 3,
    Definite = 1 << 4,
    Kind = 1 << 5,
    New = 1 << 6,
    Be = 1 << 7,
    Skip = 1 << 8,
    Neg = 1 << 9,
    NegVerb = 1 << 10,
    Hypo = 1 << 11,
    Future = 1 << 12,
    Prosp = 1 << 13,
    Past = 1 << 14,
    Deontic = 1 << 15,
    Anaphor = 1 << 16,
    Block = 1 << 17,
    Aside = 1 << 18,
    Aux = 1 << 19,
    Coord = 1 << 20,
}

impl Class {
    fn parse(s: &str) -> Option<Class> {
        Some(match s {
            "bound" => Class::Bound,
            "rel" => Class::Rel,
            "prep" => Class::Prep,
            "det" => Class::Det,
            "definite" => Class::Definite,
            "kind" => Class::Kind,
            "new" => Class::New,
            "be" => Class::Be,
            "skip" => Class::Skip,
            "neg" => Class::Neg,
            "negverb" => Class::NegVerb,
            "hypo" => Class::Hypo,
            "future" => Class::Future,
            "prosp" => Class::Prosp,
            "past" => Class::Past,
            "deontic" => Class::Deontic,
            "anaphor" => Class::Anaphor,
            "block" => Class::Block,
            "aside" => Class::Aside,
            "aux" => Class::Aux,
            "coord" => Class::Coord,
            _ => return None,
        })
    }
}

/// One-word classes as bit sets, and multi-word phrases by first word.
#[derive(Debug, Default)]
pub(crate) struct Words {
    single: FxHashMap<String, u32>,
    phrases: FxHashMap<String, Vec<(Vec<String>, Class)>>,
}

const WORDS: &str = include_str!("../data/words.tsv");
const ISSUES: &str = include_str!("../data/issues.tsv");

impl Words {
    pub(crate) fn builtin() -> Words {
        let mut w = Words::default();
        for (n, line) in WORDS.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let (word, class) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("words.tsv:{}: expected word<TAB>class", n + 1));
            let class = Class::parse(class.trim())
                .unwrap_or_else(|| panic!("words.tsv:{}: unknown class {class:?}", n + 1));
            let parts: Vec<String> = word.split(' ').map(str::to_string).collect();
            if parts.len() == 1 {
                *w.single.entry(parts[0].clone()).or_default() |= class as u32;
            } else {
                w.phrases
                    .entry(parts[0].clone())
                    .or_default()
                    .push((parts, class));
            }
        }
        w
    }

    /// True when the single word `word` has class `c`.
    pub(crate) fn is(&self, word: &str, c: Class) -> bool {
        self.single.get(word).is_some_and(|m| m & c as u32 != 0)
    }

    /// The length in tokens of a phrase of class `c` starting at `words[i]`, if any.
    pub(crate) fn phrase_at(&self, words: &[&str], i: usize, c: Class) -> Option<usize> {
        if self.is(words[i], c) {
            return Some(1);
        }
        self.phrase_lengths(words, i, c).next()
    }

    /// The length of the shortest phrase of class `c` starting at
    /// `words[i]`: [`Words::phrase_at`] finds one in `words[..hi]` exactly
    /// when this one fits there.
    pub(crate) fn shortest_at(&self, words: &[&str], i: usize, c: Class) -> Option<usize> {
        if self.is(words[i], c) {
            return Some(1);
        }
        self.phrase_lengths(words, i, c).min()
    }

    /// The lengths of the listed phrases of class `c` that start at
    /// `words[i]`, in list order.
    fn phrase_lengths<'w>(
        &'w self,
        words: &'w [&str],
        i: usize,
        c: Class,
    ) -> impl Iterator<Item = usize> + 'w {
        self.phrases
            .get(words[i])
            .into_iter()
            .flatten()
            .filter(move |(p, cl)| *cl == c && words.len() >= i + p.len())
            .filter(move |(p, _)| p.iter().zip(&words[i..]).all(|(a, b)| a == b))
            .map(|(p, _)| p.len())
    }
}

/// Issue words and their names, by first word.
#[derive(Debug, Default)]
pub(crate) struct Issues {
    by_first: FxHashMap<String, Vec<(Vec<String>, String)>>,
}

impl Issues {
    pub(crate) fn builtin() -> Issues {
        let mut out = Issues::default();
        for (n, line) in ISSUES.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let (words, issue) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("issues.tsv:{}: expected words<TAB>issue", n + 1));
            let parts: Vec<String> = words.split(' ').map(str::to_string).collect();
            out.by_first
                .entry(parts[0].clone())
                .or_default()
                .push((parts, issue.trim().to_string()));
        }
        // Longest phrases first.
        for v in out.by_first.values_mut() {
            v.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        }
        out
    }

    /// The issue named by the words starting at `words[i]`, if any.
    pub(crate) fn at(&self, words: &[&str], i: usize) -> Option<&str> {
        self.by_first.get(words[i]).and_then(|list| {
            list.iter()
                .find(|(p, _)| {
                    words.len() >= i + p.len() && p.iter().zip(&words[i..]).all(|(a, b)| a == b)
                })
                .map(|(_, issue)| issue.as_str())
        })
    }

    /// The length of the shortest issue phrase starting at `words[i]`:
    /// [`Issues::at`] finds one in `words[..hi]` exactly when this one fits
    /// there.
    pub(crate) fn shortest_at(&self, words: &[&str], i: usize) -> Option<usize> {
        self.by_first.get(words[i]).and_then(|list| {
            list.iter()
                .filter(|(p, _)| {
                    words.len() >= i + p.len() && p.iter().zip(&words[i..]).all(|(a, b)| a == b)
                })
                .map(|(p, _)| p.len())
                .min()
        })
    }
}

/// Where phrases of one kind start in a list of words, and where the
/// shortest one from each start ends: for asking of many runs of the same
/// words (quotations' contents, which may overlap and span most of an
/// article) where the first phrase lying wholly inside a run starts, without
/// reading the run again.
pub(crate) struct PhraseStarts {
    /// Per word: the end of the shortest phrase starting there.
    ends: Vec<Option<usize>>,
    /// Per word (and one past the last): the first start at or after it.
    next: Vec<usize>,
}

impl PhraseStarts {
    /// `shortest(i)`: the length of the shortest phrase at word `i`.
    pub(crate) fn new(n: usize, shortest: impl Fn(usize) -> Option<usize>) -> PhraseStarts {
        let ends: Vec<Option<usize>> = (0..n).map(|i| shortest(i).map(|len| i + len)).collect();
        let mut next = vec![n; n + 1];
        for i in (0..n).rev() {
            next[i] = if ends[i].is_some() { i } else { next[i + 1] };
        }
        PhraseStarts { ends, next }
    }

    /// The first word in `lo..hi` starting a phrase that ends by `hi`. A start
    /// whose phrase runs past `hi` lies within a phrase's length of it, so
    /// few are passed over.
    pub(crate) fn first_within(&self, lo: usize, hi: usize) -> Option<usize> {
        let mut i = self.next[lo.min(self.ends.len())];
        while i < hi {
            if self.ends[i].is_some_and(|e| e <= hi) {
                return Some(i);
            }
            i = self.next[i + 1];
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_and_phrases_load() {
        let w = Words::builtin();
        assert!(w.is("that", Class::Bound));
        assert!(w.is("with", Class::Prep));
        assert!(!w.is("with", Class::Bound));
        let s = ["zelensky", "refrained", "from", "repeating"];
        assert_eq!(w.phrase_at(&s, 1, Class::NegVerb), Some(2));
        assert_eq!(w.phrase_at(&s, 0, Class::NegVerb), None);
        let i = Issues::builtin();
        assert_eq!(i.at(&["halting", "hostilities"], 0), Some("ceasefire"));
        assert_eq!(
            i.at(&["security", "guarantees"], 0),
            Some("security guarantees")
        );
    }

    /// Asked of every run of the words, the index answers as a scan of the
    /// run with `phrase_at` and `Issues::at` does.
    #[test]
    fn phrase_starts_match_a_scan_of_each_run() {
        let w = Words::builtin();
        let issues = Issues::builtin();
        let words = [
            "he",
            "refrained",
            "from",
            "saying",
            "that",
            "security",
            "guarantees",
            "must",
            "come",
            "first",
            "security",
            "refrained",
            "from",
            "guarantees",
            "halting",
            "hostilities",
            "needs",
            "to",
            "stop",
            "has",
            "to",
            "security",
            "has",
        ];
        let n = words.len();
        let deontic = PhraseStarts::new(n, |i| w.shortest_at(&words, i, Class::Deontic));
        let negverb = PhraseStarts::new(n, |i| w.shortest_at(&words, i, Class::NegVerb));
        let issue = PhraseStarts::new(n, |i| issues.shortest_at(&words, i));
        for lo in 0..=n {
            for hi in lo..=n {
                let run = &words[lo..hi];
                let scan = |c| (0..run.len()).find(|&i| w.phrase_at(run, i, c).is_some());
                let found = |s: &PhraseStarts| s.first_within(lo, hi).map(|i| i - lo);
                assert_eq!(found(&deontic), scan(Class::Deontic), "{lo}..{hi}");
                assert_eq!(found(&negverb), scan(Class::NegVerb), "{lo}..{hi}");
                let first_issue = (0..run.len()).find_map(|i| issues.at(run, i));
                let by_index = issue
                    .first_within(lo, hi)
                    .and_then(|i| issues.at(&words[..hi], i));
                assert_eq!(by_index, first_issue, "{lo}..{hi}");
            }
        }
    }
}
