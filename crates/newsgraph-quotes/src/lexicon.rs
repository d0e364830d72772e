//! The cue lexicon: reporting verbs, nouns and phrases, read from TSV.

use rustc_hash::FxHashMap as HashMap;
use std::path::Path;

use crate::{Error, Result};

/// What part of speech a cue is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CueType {
    /// A reporting verb, inflected ("say", "says", "said", "saying").
    Verb,
    /// A reporting noun with a that-clause ("his claim that ...").
    Noun,
    /// A multi-word cue ("according to", "pointed out").
    Phrase,
}

/// What may follow a cue as its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ContentReq {
    /// A that-clause, a quotation, or words that read as a clause.
    Clause,
    /// Anything, including a bare noun phrase ("rejected such a proposal").
    Any,
}

/// How a matched word form is inflected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    /// The base form ("say", "claim").
    Base,
    /// Third person singular ("says").
    Present,
    /// Past tense or past participle ("said", "written").
    Past,
    /// The -ing participle ("saying").
    Participle,
    /// A noun plural ("claims").
    Plural,
    /// Listed in the `forms` column; the form is guessed from its ending.
    Listed,
}

/// One lexicon entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CueEntry {
    /// The base form as written in the file ("say", "point out").
    pub lemma: String,
    pub cue_type: CueType,
    /// The speech-act class ("say", "warn", "according", ...).
    pub class: String,
    /// True when the first object names the hearer ("told Macron").
    pub addressee: bool,
    pub content: ContentReq,
}

/// A form of an entry: its words, lowercase with straight apostrophes.
#[derive(Debug, Clone)]
struct FormEntry {
    words: Vec<String>,
    entry: u32,
    form: Form,
}

/// The reporting words the attributor looks for.
///
/// Built from `data/cues.tsv` ([`CueLexicon::builtin`]) and optionally
/// extended with a user file in the same format ([`CueLexicon::extend_from_tsv`]).
#[derive(Debug, Clone, Default)]
pub struct CueLexicon {
    entries: Vec<CueEntry>,
    /// Forms keyed by their first word.
    by_first: HashMap<String, Vec<FormEntry>>,
}

/// A cue found in the text: `len` words starting at a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueMatch<'l> {
    pub entry: &'l CueEntry,
    pub form: Form,
    /// Number of words matched.
    pub len: usize,
}

const BUILTIN: &str = include_str!("../data/cues.tsv");

impl CueLexicon {
    /// The lexicon shipped with the crate (`data/cues.tsv`).
    pub fn builtin() -> CueLexicon {
        let mut lex = CueLexicon::default();
        lex.extend_from_tsv(BUILTIN, "data/cues.tsv")
            .expect("the built-in cue lexicon parses");
        lex
    }

    /// Parses a cue file in the format of `data/cues.tsv`.
    pub fn from_tsv(text: &str, origin: &str) -> Result<CueLexicon> {
        let mut lex = CueLexicon::default();
        lex.extend_from_tsv(text, origin)?;
        Ok(lex)
    }

    /// Reads a cue file from disk.
    pub fn from_path(path: &Path) -> Result<CueLexicon> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.display().to_string(),
            source,
        })?;
        Self::from_tsv(&text, &path.display().to_string())
    }

    /// Adds the entries of a cue file. A form already present keeps its first
    /// entry, so a user file extends the built-in lexicon rather than
    /// silently redefining it.
    pub fn extend_from_tsv(&mut self, text: &str, origin: &str) -> Result<()> {
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |message: String| Error::Parse {
                origin: origin.to_string(),
                line: i + 1,
                message,
            };
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            if cols.len() < 5 {
                return Err(bad(format!(
                    "expected at least 5 tab-separated columns (lemma, type, class, addressee, content), found {}",
                    cols.len()
                )));
            }
            let lemma = normalize(cols[0]);
            if lemma.is_empty() {
                return Err(bad("empty lemma".into()));
            }
            let cue_type = match cols[1] {
                "verb" => CueType::Verb,
                "noun" => CueType::Noun,
                "phrase" => CueType::Phrase,
                other => {
                    return Err(bad(format!(
                        "unknown type {other:?} (verb, noun or phrase)"
                    )))
                }
            };
            let addressee = match cols[3] {
                "yes" => true,
                "no" => false,
                other => return Err(bad(format!("addressee must be yes or no, not {other:?}"))),
            };
            let content = match cols[4] {
                "clause" => ContentReq::Clause,
                "any" => ContentReq::Any,
                other => return Err(bad(format!("content must be clause or any, not {other:?}"))),
            };
            if cols[2].is_empty() {
                return Err(bad("empty class".into()));
            }
            let entry = CueEntry {
                lemma: lemma.clone(),
                cue_type,
                class: cols[2].to_string(),
                addressee,
                content,
            };
            let forms: Vec<(String, Form)> = match cols.get(5).filter(|f| !f.is_empty()) {
                Some(list) => list
                    .split(',')
                    .map(|f| normalize(f.trim()))
                    .filter(|f| !f.is_empty())
                    .map(|f| {
                        let form = guess_form(&f, &lemma);
                        (f, form)
                    })
                    .collect(),
                None => generate_forms(&lemma, cue_type),
            };
            let id = self.entries.len() as u32;
            self.entries.push(entry);
            for (form_text, form) in forms {
                let words: Vec<String> = form_text.split(' ').map(str::to_string).collect();
                let list = self.by_first.entry(words[0].clone()).or_default();
                let duplicate = list.iter().any(|f| {
                    f.words == words && self.entries[f.entry as usize].cue_type == cue_type
                });
                if !duplicate {
                    list.push(FormEntry {
                        words,
                        entry: id,
                        form,
                    });
                }
            }
        }
        for list in self.by_first.values_mut() {
            // Longest forms first, so the first hit is the longest match.
            list.sort_by_key(|f| std::cmp::Reverse(f.words.len()));
        }
        Ok(())
    }

    /// Adds the entries of a cue file on disk.
    pub fn extend_from_path(&mut self, path: &Path) -> Result<()> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.display().to_string(),
            source,
        })?;
        self.extend_from_tsv(&text, &path.display().to_string())
    }

    /// The entries, in file order.
    pub fn entries(&self) -> &[CueEntry] {
        &self.entries
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every match starting at word `i` of `words` (lowercase, straight
    /// apostrophes; `None` for non-words), longest first.
    pub(crate) fn matches_at(&self, words: &[Option<String>], i: usize) -> Vec<CueMatch<'_>> {
        let Some(first) = words.get(i).and_then(|w| w.as_deref()) else {
            return Vec::new();
        };
        let Some(forms) = self.by_first.get(first) else {
            return Vec::new();
        };
        forms
            .iter()
            .filter(|f| {
                f.words.len() + i <= words.len()
                    && f.words
                        .iter()
                        .enumerate()
                        .skip(1)
                        .all(|(k, w)| words[i + k].as_deref() == Some(w.as_str()))
            })
            .map(|f| CueMatch {
                entry: &self.entries[f.entry as usize],
                form: f.form,
                len: f.words.len(),
            })
            .collect()
    }
}

pub(crate) use newsgraph_lexicon::inflect::fold_phrase as normalize;

/// Regular inflections of a verb: base, -s, -ed, -ing.
fn verb_forms(v: &str) -> Vec<(String, Form)> {
    let [base, present, past, participle] = newsgraph_lexicon::inflect::verb_forms(v);
    vec![
        (base, Form::Base),
        (present, Form::Present),
        (past, Form::Past),
        (participle, Form::Participle),
    ]
}

fn generate_forms(lemma: &str, t: CueType) -> Vec<(String, Form)> {
    match t {
        CueType::Verb => verb_forms(lemma),
        CueType::Noun => {
            let plural = if lemma.ends_with('s') || lemma.ends_with("sh") || lemma.ends_with("ch") {
                format!("{lemma}es")
            } else {
                format!("{lemma}s")
            };
            vec![(lemma.to_string(), Form::Base), (plural, Form::Plural)]
        }
        CueType::Phrase => {
            let (head, rest) = lemma.split_once(' ').unwrap_or((lemma, ""));
            verb_forms(head)
                .into_iter()
                .map(|(h, f)| {
                    if rest.is_empty() {
                        (h, f)
                    } else {
                        (format!("{h} {rest}"), f)
                    }
                })
                .collect()
        }
    }
}

/// The inflection of a listed form, from the ending of its first word.
fn guess_form(form: &str, lemma: &str) -> Form {
    let head = form.split(' ').next().unwrap_or(form);
    let lemma_head = lemma.split(' ').next().unwrap_or(lemma);
    if head == lemma_head {
        Form::Base
    } else if head.ends_with("ing") {
        Form::Participle
    } else if head.ends_with('s') && !head.ends_with("ss") {
        Form::Present
    } else if head.ends_with("ed")
        || head.ends_with('d')
        || head.ends_with('t')
        || head.ends_with('n')
    {
        Form::Past
    } else {
        Form::Listed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<Option<String>> {
        s.split(' ').map(|w| Some(w.to_string())).collect()
    }

    #[test]
    fn builtin_parses_and_inflects() {
        let lex = CueLexicon::builtin();
        assert!(lex.len() > 100);
        for (text, lemma, form) in [
            ("noted", "note", Form::Past),
            ("replies", "reply", Form::Present),
            ("insisting", "insist", Form::Participle),
            ("told", "tell", Form::Past),
            ("stresses", "stress", Form::Present),
            ("quipped", "quip", Form::Past),
        ] {
            let w = words(text);
            let m = lex
                .matches_at(&w, 0)
                .into_iter()
                .next()
                .unwrap_or_else(|| panic!("{text}"));
            assert_eq!((m.entry.lemma.as_str(), m.form), (lemma, form), "{text}");
        }
        let w = words("pointed out that");
        let m = lex.matches_at(&w, 0)[0];
        assert_eq!((m.entry.lemma.as_str(), m.len), ("point out", 2));
        let w = words("according to");
        assert_eq!(lex.matches_at(&w, 0)[0].entry.class, "according");
    }

    #[test]
    fn user_files_extend_and_report_errors() {
        let mut lex = CueLexicon::builtin();
        let n = lex.len();
        lex.extend_from_tsv("# mine\nopine\tverb\tsay\tno\tclause\n", "user.tsv")
            .unwrap();
        assert_eq!(lex.len(), n + 1);
        let w = words("opined");
        assert_eq!(lex.matches_at(&w, 0)[0].entry.lemma, "opine");

        let err = CueLexicon::from_tsv("say\tverb\tsay\tmaybe\tclause\n", "bad.tsv").unwrap_err();
        assert_eq!(
            err.to_string(),
            "bad.tsv:1: addressee must be yes or no, not \"maybe\""
        );
        assert!(CueLexicon::from_tsv("say\tverb\n", "short.tsv").is_err());
    }
}
