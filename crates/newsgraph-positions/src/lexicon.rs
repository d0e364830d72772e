//! The data files: issues, stance cues, modifiers and commitment words, and
//! the token-phrase matcher they share.

use std::path::Path;

use crate::{Error, Result};

const ISSUES: &str = include_str!("../data/issues.tsv");
const CUES: &str = include_str!("../data/cues.tsv");
const MODIFIERS: &str = include_str!("../data/modifiers.tsv");
const COMMITMENTS: &str = include_str!("../data/commitments.tsv");

/// One element of a phrase.
#[derive(Debug, Clone, PartialEq)]
enum El {
    Word(String),
    /// A word prefix: `sanction*`.
    Prefix(String),
    /// A word suffix: `*n't`.
    Suffix(String),
    /// Skip up to this many tokens.
    Gap(usize),
}

/// A sequence of words matched on normalised tokens.
#[derive(Debug, Clone, PartialEq)]
pub struct Phrase(Vec<El>);

/// Lower-cases a token and folds curly apostrophes and quotes to straight ones.
pub fn norm_token(t: &str) -> String {
    t.chars()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

impl Phrase {
    /// Parses `word word*`, `*suffix`, with `…` or `…N` gaps.
    pub fn parse(s: &str) -> std::result::Result<Phrase, String> {
        let mut els = Vec::new();
        for w in s.split_whitespace() {
            let w = norm_token(w);
            if let Some(n) = w.strip_prefix('…').or_else(|| w.strip_prefix("...")) {
                let n = if n.is_empty() {
                    4
                } else {
                    n.parse().map_err(|_| format!("bad gap {w:?}"))?
                };
                els.push(El::Gap(n));
            } else if let Some(p) = w.strip_suffix('*').filter(|p| !p.is_empty()) {
                els.push(El::Prefix(p.to_string()));
            } else if let Some(p) = w.strip_prefix('*').filter(|p| !p.is_empty()) {
                els.push(El::Suffix(p.to_string()));
            } else {
                els.push(El::Word(w));
            }
        }
        match (els.first(), els.last()) {
            (None, _) => Err("empty phrase".into()),
            (Some(El::Gap(_)), _) | (_, Some(El::Gap(_))) => {
                Err(format!("phrase {s:?} starts or ends with a gap"))
            }
            _ => Ok(Phrase(els)),
        }
    }

    /// The end (exclusive) of a match starting at token `i`, not past `limit`.
    pub fn match_at(&self, toks: &[String], i: usize, limit: usize) -> Option<usize> {
        fn go(els: &[El], toks: &[String], i: usize, limit: usize) -> Option<usize> {
            match els.first() {
                None => Some(i),
                Some(El::Gap(n)) => (0..=*n)
                    .take_while(|k| i + k <= limit)
                    .find_map(|k| go(&els[1..], toks, i + k, limit)),
                Some(el) => {
                    if i >= limit {
                        return None;
                    }
                    let t = &toks[i];
                    let ok = match el {
                        El::Word(w) => t == w,
                        El::Prefix(p) => t.starts_with(p.as_str()),
                        El::Suffix(p) => t.ends_with(p.as_str()),
                        El::Gap(_) => unreachable!(),
                    };
                    if ok {
                        go(&els[1..], toks, i + 1, limit)
                    } else {
                        None
                    }
                }
            }
        }
        go(&self.0, toks, i, limit)
    }
}

/// A list of phrases with their values, indexed by first word so a match
/// tries only the phrases that can start at a token. The index is built on
/// first use and dropped on every mutable access.
#[derive(Debug, Clone)]
pub struct PhraseSet<T> {
    items: Vec<(Phrase, T)>,
    index: std::sync::OnceLock<FirstWords>,
}

/// Phrase indices by their first word; `other`: phrases starting with a
/// prefix or suffix pattern.
#[derive(Debug, Clone, Default)]
struct FirstWords {
    by_word: rustc_hash::FxHashMap<String, Vec<usize>>,
    other: Vec<usize>,
}

impl<T> Default for PhraseSet<T> {
    fn default() -> Self {
        PhraseSet {
            items: Vec::new(),
            index: std::sync::OnceLock::new(),
        }
    }
}

impl<T> std::ops::Deref for PhraseSet<T> {
    type Target = Vec<(Phrase, T)>;
    fn deref(&self) -> &Self::Target {
        &self.items
    }
}

impl<T> std::ops::DerefMut for PhraseSet<T> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        self.index = std::sync::OnceLock::new();
        &mut self.items
    }
}

impl<T> PhraseSet<T> {
    fn first_words(&self) -> &FirstWords {
        self.index.get_or_init(|| {
            let mut f = FirstWords::default();
            for (k, (p, _)) in self.items.iter().enumerate() {
                match p.0.first() {
                    Some(El::Word(w)) => f.by_word.entry(w.clone()).or_default().push(k),
                    _ => f.other.push(k),
                }
            }
            f
        })
    }
}

/// Longest, left-to-right, non-overlapping matches of `phrases` in
/// `toks[lo..hi]`, skipping tokens already `taken`. Returns (start, end, index).
pub fn find_all<T>(
    phrases: &PhraseSet<T>,
    toks: &[String],
    lo: usize,
    hi: usize,
    taken: &[bool],
) -> Vec<(usize, usize, usize)> {
    find_iter(phrases, toks, lo, hi, taken).collect()
}

/// The matches of [`find_all`], one at a time: a caller that needs only the
/// first few reads no further than they reach.
pub fn find_iter<'p, T>(
    phrases: &'p PhraseSet<T>,
    toks: &'p [String],
    lo: usize,
    hi: usize,
    taken: &'p [bool],
) -> impl Iterator<Item = (usize, usize, usize)> + 'p {
    let mut i = lo;
    std::iter::from_fn(move || {
        while i < hi {
            if taken[i] {
                i += 1;
                continue;
            }
            let starts = phrases.first_words();
            let same_word = starts.by_word.get(toks[i].as_str()).map_or(&[][..], |v| v);
            let best = same_word
                .iter()
                .chain(starts.other.iter())
                .filter_map(|&k| phrases[k].0.match_at(toks, i, hi).map(|e| (e, k)))
                .filter(|&(e, _)| e > i && !taken[i..e].iter().any(|t| *t))
                .max_by_key(|&(e, k)| (e, std::cmp::Reverse(k)));
            match best {
                Some((e, k)) => {
                    let m = (i, e, k);
                    i = e;
                    return Some(m);
                }
                None => i += 1,
            }
        }
        None
    })
}

/// What kind of matter an issue is, for naming it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueKind {
    Plain,
    /// Named after its participants.
    Meeting,
    /// Qualified by the nationality before "troops".
    Troops,
}

/// What an issue phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IssueRef {
    /// Index into [`PositionLexicon::issues`].
    pub issue: usize,
    /// An echo ("~the guarantees") names the issue only once a full phrase
    /// has named it earlier in the article.
    pub echo: bool,
}

/// The stance a cue expresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueStance {
    For,
    Against,
    Undecided,
}

/// Where the issue a cue governs lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    After,
    Before,
    Either,
    React,
}

#[derive(Debug, Clone, Copy)]
pub struct Cue {
    pub stance: CueStance,
    pub direction: Direction,
}

/// The knowledge of the positions component.
#[derive(Debug, Clone)]
pub struct PositionLexicon {
    /// Issue names and kinds; `issue_phrases` point into this.
    pub issues: Vec<(String, IssueKind)>,
    pub issue_phrases: PhraseSet<IssueRef>,
    pub cues: PhraseSet<Cue>,
    pub negators: PhraseSet<()>,
    pub hedges: PhraseSet<()>,
    pub asides: PhraseSet<()>,
    pub anaphors: PhraseSet<()>,
    pub rhetorical: PhraseSet<()>,
    pub prepositions: Vec<String>,
    pub clause_words: Vec<String>,
    pub bridge_words: Vec<String>,
    pub nonbridge_words: Vec<String>,
    pub determiners: Vec<String>,
    pub commit_cues: PhraseSet<()>,
    pub modals: PhraseSet<()>,
    pub commit_verbs: PhraseSet<()>,
}

/// Data lines: no comments, no blank lines, no header (the first data line).
fn rows<'a>(text: &'a str) -> impl Iterator<Item = (usize, Vec<&'a str>)> + 'a {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1)
        .map(|(n, l)| (n + 1, l.split('\t').map(str::trim).collect()))
}

fn phrases(list: &str, file: &str, line: usize) -> std::result::Result<Vec<Phrase>, Error> {
    list.split('|')
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            Phrase::parse(p).map_err(|m| Error::Data {
                file: file.to_string(),
                line,
                message: m,
            })
        })
        .collect()
}

fn bad(file: &str, line: usize, message: impl Into<String>) -> Error {
    Error::Data {
        file: file.to_string(),
        line,
        message: message.into(),
    }
}

impl PositionLexicon {
    /// The built-in lexicon.
    pub fn embedded() -> PositionLexicon {
        let mut lex = PositionLexicon {
            issues: Vec::new(),
            issue_phrases: PhraseSet::default(),
            cues: PhraseSet::default(),
            negators: PhraseSet::default(),
            hedges: PhraseSet::default(),
            asides: PhraseSet::default(),
            anaphors: PhraseSet::default(),
            rhetorical: PhraseSet::default(),
            prepositions: Vec::new(),
            clause_words: Vec::new(),
            bridge_words: Vec::new(),
            nonbridge_words: Vec::new(),
            determiners: Vec::new(),
            commit_cues: PhraseSet::default(),
            modals: PhraseSet::default(),
            commit_verbs: PhraseSet::default(),
        };
        lex.add_issues(ISSUES, "data/issues.tsv")
            .expect("embedded issues.tsv is valid");
        lex.load_cues(CUES).expect("embedded cues.tsv is valid");
        lex.load_modifiers(MODIFIERS)
            .expect("embedded modifiers.tsv is valid");
        lex.load_commitments(COMMITMENTS)
            .expect("embedded commitments.tsv is valid");
        lex
    }

    /// Adds the issues of a user file (same shape as `data/issues.tsv`; the
    /// kind column may be left empty for `plain`).
    pub fn add_issues_file(&mut self, path: &Path) -> Result<()> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::Io {
            file: path.display().to_string(),
            source: e,
        })?;
        self.add_issues(&text, &path.display().to_string())
    }

    /// Adds issues from TSV text. An issue already known gains the phrases.
    pub fn add_issues(&mut self, text: &str, file: &str) -> Result<()> {
        for (line, cols) in rows(text) {
            if cols.len() < 3 {
                return Err(bad(file, line, "expected issue<TAB>kind<TAB>phrases"));
            }
            let kind = match cols[1] {
                "" | "plain" => IssueKind::Plain,
                "meeting" => IssueKind::Meeting,
                "troops" => IssueKind::Troops,
                k => return Err(bad(file, line, format!("unknown kind {k:?}"))),
            };
            let name = cols[0].to_string();
            if name.is_empty() {
                return Err(bad(file, line, "empty issue name"));
            }
            let idx = match self.issues.iter().position(|(n, _)| *n == name) {
                Some(i) => i,
                None => {
                    self.issues.push((name, kind));
                    self.issues.len() - 1
                }
            };
            for raw in cols[2].split('|').filter(|p| !p.trim().is_empty()) {
                let (echo, text) = match raw.trim().strip_prefix('~') {
                    Some(t) => (true, t),
                    None => (false, raw),
                };
                let p = Phrase::parse(text).map_err(|m| bad(file, line, m))?;
                // A user phrase overrides a built-in one of the same words.
                self.issue_phrases.retain(|(q, _)| *q != p);
                self.issue_phrases.push((p, IssueRef { issue: idx, echo }));
            }
        }
        Ok(())
    }

    fn load_cues(&mut self, text: &str) -> Result<()> {
        let file = "data/cues.tsv";
        for (line, cols) in rows(text) {
            if cols.len() < 3 {
                return Err(bad(file, line, "expected phrase<TAB>stance<TAB>direction"));
            }
            let stance = match cols[1] {
                "for" => CueStance::For,
                "against" => CueStance::Against,
                "undecided" => CueStance::Undecided,
                s => return Err(bad(file, line, format!("unknown stance {s:?}"))),
            };
            let direction = match cols[2] {
                "after" => Direction::After,
                "before" => Direction::Before,
                "either" => Direction::Either,
                "react" => Direction::React,
                s => return Err(bad(file, line, format!("unknown direction {s:?}"))),
            };
            for p in phrases(cols[0], file, line)? {
                self.cues.push((p, Cue { stance, direction }));
            }
        }
        Ok(())
    }

    fn load_modifiers(&mut self, text: &str) -> Result<()> {
        let file = "data/modifiers.tsv";
        for (line, cols) in rows(text) {
            if cols.len() < 2 {
                return Err(bad(file, line, "expected kind<TAB>phrases"));
            }
            let ps = phrases(cols[1], file, line)?;
            let words = || cols[1].split('|').map(norm_token).collect::<Vec<_>>();
            match cols[0] {
                "negator" => self.negators.extend(ps.into_iter().map(|p| (p, ()))),
                "hedge" => self.hedges.extend(ps.into_iter().map(|p| (p, ()))),
                "aside" => self.asides.extend(ps.into_iter().map(|p| (p, ()))),
                "anaphor" => self.anaphors.extend(ps.into_iter().map(|p| (p, ()))),
                "rhetorical" => self.rhetorical.extend(ps.into_iter().map(|p| (p, ()))),
                "preposition" => self.prepositions.extend(words()),
                "clause" => self.clause_words.extend(words()),
                "bridge" => self.bridge_words.extend(words()),
                "nonbridge" => self.nonbridge_words.extend(words()),
                "determiner" => self.determiners.extend(words()),
                k => return Err(bad(file, line, format!("unknown kind {k:?}"))),
            }
        }
        Ok(())
    }

    fn load_commitments(&mut self, text: &str) -> Result<()> {
        let file = "data/commitments.tsv";
        for (line, cols) in rows(text) {
            if cols.len() < 2 {
                return Err(bad(file, line, "expected kind<TAB>phrases"));
            }
            let ps = phrases(cols[1], file, line)?.into_iter().map(|p| (p, ()));
            match cols[0] {
                "cue" => self.commit_cues.extend(ps),
                "modal" => self.modals.extend(ps),
                "verb" => self.commit_verbs.extend(ps),
                k => return Err(bad(file, line, format!("unknown kind {k:?}"))),
            }
        }
        Ok(())
    }

    /// The issue a free text names ("the ceasefire", "halting hostilities"),
    /// by the first issue phrase found in it.
    pub fn normalise(&self, text: &str) -> Option<(usize, IssueKind)> {
        let toks: Vec<String> = text
            .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
            .filter(|t| !t.is_empty())
            .map(norm_token)
            .collect();
        let taken = vec![false; toks.len()];
        find_all(&self.issue_phrases, &toks, 0, toks.len(), &taken)
            .first()
            .map(|&(_, _, k)| {
                let i = self.issue_phrases[k].1.issue;
                (i, self.issues[i].1)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        s.split_whitespace().map(norm_token).collect()
    }

    #[test]
    fn phrases_match_with_prefixes_suffixes_and_gaps() {
        let p = Phrase::parse("can't imagine …10 without").unwrap();
        let t = toks("I can’t imagine that the next meeting would take place without a ceasefire");
        assert_eq!(p.match_at(&t, 1, t.len()), Some(11));
        let p = Phrase::parse("sanction*").unwrap();
        assert_eq!(p.match_at(&toks("new sanctions"), 1, 2), Some(2));
        let p = Phrase::parse("*n't").unwrap();
        assert_eq!(p.match_at(&toks("I don’t know"), 1, 3), Some(2));
        assert!(Phrase::parse("… x").is_err());
    }

    #[test]
    fn embedded_lexicon_loads_and_normalises() {
        let lex = PositionLexicon::embedded();
        let name = |s: &str| lex.normalise(s).map(|(i, _)| lex.issues[i].0.clone());
        assert_eq!(name("halting hostilities").as_deref(), Some("ceasefire"));
        assert_eq!(name("the Ceasefire").as_deref(), Some("ceasefire"));
        assert_eq!(name("new sanctions").as_deref(), Some("sanctions"));
        assert_eq!(name("the weather"), None);
    }

    #[test]
    fn user_issues_extend_the_lexicon() {
        let mut lex = PositionLexicon::embedded();
        lex.add_issues(
            "issue\tkind\tphrases\ngrain corridor\t\tgrain corridor|grain deal\n",
            "user.tsv",
        )
        .unwrap();
        assert_eq!(
            lex.normalise("the grain deal")
                .map(|(i, _)| lex.issues[i].0.as_str()),
            Some("grain corridor")
        );
        let err = lex.add_issues("h\nx\tbogus\ty\n", "user.tsv").unwrap_err();
        assert!(err.to_string().contains("user.tsv"));
    }
}
