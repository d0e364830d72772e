//! CrossNER (CoNLL-style `token<TAB>tag`, BIO) reading and NER scoring.
//!
//! A file is one token per line, `token<TAB>tag`, with a blank line after each
//! sentence. Tags are BIO (IOB2): `O`, `B-type`, `I-type`. [`spans`] turns a tag
//! sequence into `(start_token, end_token, type)` with `end_token` exclusive;
//! [`score`] counts exact span-and-type matches, per type and micro-averaged
//! over all types.
//!
//! CrossNER has no raw text. To run a character-offset extractor, join the
//! tokens with single spaces ([`Sentence::text`]), then map predicted
//! code-point ranges back to tokens ([`Sentence::tokens_for_chars`]).
//!
//! ```
//! use newsgraph_eval::crossner::{parse, spans};
//!
//! let s = &parse("the\tO\nruling\tO\nUnited\tB-politicalparty\nRussia\tI-politicalparty\n\n", "x").unwrap()[0];
//! assert_eq!(s.text(), "the ruling United Russia");
//! assert_eq!(spans(&s.tags), vec![(2, 4, "politicalparty".to_string())]);
//! assert_eq!(s.tokens_for_chars(11, 24), Some((2, 4)));
//! ```

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write;
use std::path::Path;

use serde::Serialize;

use crate::metrics::Prf;
use crate::{Error, Result};

/// A span of tokens: `(start_token, end_token_exclusive, type)`.
pub type TokenSpan = (usize, usize, String);

/// One sentence: tokens and their BIO tags (same length).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    pub tokens: Vec<String>,
    pub tags: Vec<String>,
}

impl Sentence {
    /// The tokens joined with single spaces.
    pub fn text(&self) -> String {
        self.tokens.join(" ")
    }

    /// The code-point offset of each token in [`Sentence::text`].
    pub fn token_char_starts(&self) -> Vec<usize> {
        token_char_starts(&self.tokens)
    }

    /// The gold spans of this sentence.
    pub fn spans(&self) -> Vec<TokenSpan> {
        spans(&self.tags)
    }

    /// The tokens a code-point range of [`Sentence::text`] touches, as
    /// `(first, end_exclusive)`: every token sharing at least one character
    /// with `[start, end)`. `None` when it touches no token (only spaces, or
    /// out of range).
    pub fn tokens_for_chars(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        tokens_for_chars(&self.tokens, &self.token_char_starts(), start, end)
    }
}

/// The code-point offset of each token when the tokens are joined with single
/// spaces.
pub fn token_char_starts<S: AsRef<str>>(tokens: &[S]) -> Vec<usize> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut at = 0;
    for t in tokens {
        out.push(at);
        at += t.as_ref().chars().count() + 1;
    }
    out
}

/// The tokens overlapping the code-point range `[start, end)` of the joined
/// text, as `(first, end_exclusive)`; `starts` from [`token_char_starts`].
pub fn tokens_for_chars<S: AsRef<str>>(
    tokens: &[S],
    starts: &[usize],
    start: usize,
    end: usize,
) -> Option<(usize, usize)> {
    let mut first = None;
    let mut last = None;
    for (i, (t, &s)) in tokens.iter().zip(starts).enumerate() {
        let e = s + t.as_ref().chars().count();
        if s < end && start < e {
            first.get_or_insert(i);
            last = Some(i);
        }
    }
    Some((first?, last? + 1))
}

/// Parses CrossNER text; `origin` names it in errors. Accepts `\r\n`, a
/// missing final blank line, and several blank lines in a row.
pub fn parse(text: &str, origin: impl AsRef<Path>) -> Result<Vec<Sentence>> {
    let origin = origin.as_ref();
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let Some((token, tag)) = line.rsplit_once('\t') else {
            return Err(Error::format(
                origin,
                Some(n + 1),
                format!("expected token<TAB>tag, found {line:?}"),
            ));
        };
        let tag = tag.trim();
        let ok = tag == "O"
            || tag
                .strip_prefix("B-")
                .or_else(|| tag.strip_prefix("I-"))
                .is_some_and(|t| !t.is_empty());
        if !ok {
            return Err(Error::format(
                origin,
                Some(n + 1),
                format!("{tag:?} is not a BIO tag (O, B-type, I-type)"),
            ));
        }
        cur.tokens.push(token.to_string());
        cur.tags.push(tag.to_string());
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Reads a CrossNER file.
pub fn read(path: &Path) -> Result<Vec<Sentence>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse(&text, path)
}

/// The entity spans of a BIO tag sequence, `end` exclusive. As in conlleval,
/// an `I-X` that does not continue an `X` span (after `O`, or after a `Y`
/// span) starts a new span.
pub fn spans<S: AsRef<str>>(tags: &[S]) -> Vec<TokenSpan> {
    let mut out = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let tag = tag.as_ref();
        let (b, ty) = match tag.split_once('-') {
            Some(("B", ty)) => (true, Some(ty)),
            Some(("I", ty)) => (false, Some(ty)),
            _ => (false, None),
        };
        let continues = !b && ty.is_some() && open.is_some_and(|(_, t)| Some(t) == ty);
        if continues {
            continue;
        }
        if let Some((s, t)) = open.take() {
            out.push((s, i, t.to_string()));
        }
        if let Some(ty) = ty {
            open = Some((i, ty));
        }
    }
    if let Some((s, t)) = open {
        out.push((s, tags.len(), t.to_string()));
    }
    out
}

/// Folds CrossNER's nine types into PER/ORG/LOC, as the data README suggests:
/// politician+person → PER, organisation+politicalparty → ORG,
/// country+location → LOC; `None` for election, event, misc.
pub fn coarse_type(ty: &str) -> Option<&'static str> {
    match ty {
        "politician" | "person" => Some("PER"),
        "organisation" | "politicalparty" => Some("ORG"),
        "country" | "location" => Some("LOC"),
        _ => None,
    }
}

/// Renames (or drops, on `None`) the type of every span.
pub fn map_types(
    spans: &[Vec<TokenSpan>],
    f: impl Fn(&str) -> Option<String>,
) -> Vec<Vec<TokenSpan>> {
    spans
        .iter()
        .map(|s| {
            s.iter()
                .filter_map(|(a, b, t)| f(t).map(|t| (*a, *b, t)))
                .collect()
        })
        .collect()
}

/// Exact span+type scores.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct NerReport {
    /// Per entity type (gold or predicted).
    pub per_type: BTreeMap<String, Prf>,
    /// Micro-average over all types.
    pub overall: Prf,
    pub sentences: usize,
}

/// Scores predicted spans against gold spans, sentence by sentence (index
/// `i` of both lists is the same sentence; a missing sentence counts as no
/// spans). A prediction is right when start, end and type are all equal.
/// Duplicate spans in one sentence count once.
pub fn score(gold: &[Vec<TokenSpan>], pred: &[Vec<TokenSpan>]) -> NerReport {
    let mut report = NerReport {
        sentences: gold.len().max(pred.len()),
        ..NerReport::default()
    };
    let empty = Vec::new();
    for i in 0..report.sentences {
        let g: HashSet<&TokenSpan> = gold.get(i).unwrap_or(&empty).iter().collect();
        let p: HashSet<&TokenSpan> = pred.get(i).unwrap_or(&empty).iter().collect();
        for s in &g {
            let e = report.per_type.entry(s.2.clone()).or_default();
            e.gold += 1;
            if p.contains(s) {
                e.tp += 1;
            }
        }
        for s in &p {
            report.per_type.entry(s.2.clone()).or_default().pred += 1;
        }
    }
    for c in report.per_type.values() {
        report.overall.add(*c);
    }
    report
}

impl NerReport {
    /// A fixed-width table: one row per type, then the micro-average.
    ///
    /// ```text
    /// type              gold   pred     tp      P      R     F1
    /// country            183    170    140  0.824  0.765  0.793
    /// ...
    /// overall (micro)   3482   3100   2400  0.774  0.689  0.729
    /// ```
    pub fn to_table(&self) -> String {
        let mut s = format!(
            "{:<16} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}\n",
            "type", "gold", "pred", "tp", "P", "R", "F1"
        );
        let mut row = |name: &str, c: &Prf| {
            let _ = writeln!(
                s,
                "{:<16} {:>6} {:>6} {:>6} {:>6.3} {:>6.3} {:>6.3}",
                name,
                c.gold,
                c.pred,
                c.tp,
                c.precision(),
                c.recall(),
                c.f1()
            );
        };
        for (t, c) in &self.per_type {
            row(t, c);
        }
        row("overall (micro)", &self.overall);
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(a: usize, b: usize, t: &str) -> TokenSpan {
        (a, b, t.to_string())
    }

    #[test]
    fn parses_sentences() {
        let text = "At\tO\nthe\tO\n2001\tB-election\nelection\tI-election\n\n\nThe\tB-politicalparty\r\nSunflower\tI-politicalparty\r\n";
        let s = parse(text, "t.txt").unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].tokens, ["At", "the", "2001", "election"]);
        assert_eq!(s[1].tags, ["B-politicalparty", "I-politicalparty"]);
        assert_eq!(s[0].spans(), vec![span(2, 4, "election")]);
    }

    #[test]
    fn parse_errors_name_file_and_line() {
        let e = parse("a\tO\nb O\n", "t.txt").unwrap_err();
        assert_eq!(
            e.to_string(),
            "t.txt:2: expected token<TAB>tag, found \"b O\""
        );
        let e = parse("a\tX-foo\n", "t.txt").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("t.txt:1: \"X-foo\" is not a BIO tag"),
            "{e}"
        );
        assert!(parse("a\tB-\n", "t.txt").is_err());
    }

    #[test]
    fn bio_spans() {
        let tags = ["B-a", "I-a", "B-a", "O", "I-b", "I-b", "B-c", "I-d", "I-d"];
        assert_eq!(
            spans(&tags),
            vec![
                span(0, 2, "a"),
                span(2, 3, "a"),
                span(4, 6, "b"),
                span(6, 7, "c"),
                span(7, 9, "d")
            ]
        );
        assert_eq!(spans::<&str>(&[]), vec![]);
        assert_eq!(spans(&["O", "O"]), vec![]);
    }

    #[test]
    fn scores_exact_matches_per_type() {
        let gold = vec![
            vec![span(0, 2, "politician"), span(3, 4, "country")],
            vec![span(0, 1, "country")],
        ];
        let pred = vec![
            vec![
                span(0, 2, "politician"),
                span(3, 4, "location"),
                span(3, 4, "location"),
            ],
            vec![span(0, 2, "country")],
            vec![span(0, 1, "misc")],
        ];
        let r = score(&gold, &pred);
        assert_eq!(r.sentences, 3);
        assert_eq!(r.per_type["politician"], Prf::new(1, 1, 1));
        assert_eq!(r.per_type["country"], Prf::new(2, 1, 0));
        assert_eq!(r.per_type["location"], Prf::new(0, 1, 0));
        assert_eq!(r.overall, Prf::new(3, 4, 1));
        let table = r.to_table();
        assert!(table.contains("overall (micro)"), "{table}");
        assert!(
            table
                .lines()
                .any(|l| l.starts_with("politician") && l.ends_with("1.000  1.000  1.000")),
            "{table}"
        );
        assert_eq!(table.lines().count(), 1 + 4 + 1);
    }

    #[test]
    fn chars_to_tokens() {
        let s = Sentence {
            tokens: vec![
                "Sinn".into(),
                "Féin".into(),
                "won".into(),
                "(".into(),
                "UK".into(),
                ")".into(),
            ],
            tags: vec!["O".into(); 6],
        };
        assert_eq!(s.text(), "Sinn Féin won ( UK )");
        assert_eq!(s.token_char_starts(), vec![0, 5, 10, 14, 16, 19]);
        assert_eq!(s.tokens_for_chars(0, 9), Some((0, 2)));
        assert_eq!(s.tokens_for_chars(16, 18), Some((4, 5)));
        // A range that clips a token still takes it; spaces alone take none.
        assert_eq!(s.tokens_for_chars(6, 12), Some((1, 3)));
        assert_eq!(s.tokens_for_chars(4, 5), None);
        assert_eq!(s.tokens_for_chars(40, 50), None);
    }

    #[test]
    fn coarse_mapping() {
        let spans = vec![vec![
            span(0, 1, "politician"),
            span(1, 2, "election"),
            span(2, 3, "politicalparty"),
        ]];
        let m = map_types(&spans, |t| coarse_type(t).map(str::to_string));
        assert_eq!(m, vec![vec![span(0, 1, "PER"), span(2, 3, "ORG")]]);
    }
}
