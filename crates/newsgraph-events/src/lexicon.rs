//! The event lexicon: verb and noun patterns per PLOVER type and mode, read
//! from TSV (`data/events.tsv`), extendable with a user file of the same shape.

use std::path::Path;

use newsgraph_core::EventType;
use rustc_hash::FxHashMap;

use crate::{Error, Result};

/// Whether a pattern is a verb (inflected) or a noun (singular and plural).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pos {
    Verb,
    Noun,
}

/// How an event's target may be found besides the direct object of a verb.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TargetRule {
    /// The direct object (verbs) is a target.
    pub object: bool,
    /// Prepositions whose object is a target ("with", "against", "of").
    pub preps: Vec<String>,
    /// The first other actor named in the quotation this word introduces
    /// ("insisting: “... put pressure on Russia”").
    pub content: bool,
    /// With no target in the sentence, the country the article names most
    /// often other than the actor's ("the invasion" of an unnamed country).
    pub salient: bool,
}

/// One lexicon entry.
#[derive(Debug, Clone, PartialEq)]
pub struct EventEntry {
    /// The base form as written ("meet", "phone conversation").
    pub lemma: String,
    pub pos: Pos,
    pub event_type: EventType,
    pub mode: Option<String>,
    pub context: Vec<String>,
    pub cameo: Option<String>,
    pub target: TargetRule,
    /// The event is dropped when no target is found (a meeting needs two sides).
    pub needs_target: bool,
}

/// A word form of an entry: its words, lowercase with straight apostrophes.
#[derive(Debug, Clone)]
pub(crate) struct FormEntry {
    pub words: Vec<String>,
    pub entry: u32,
    /// A past-tense or past-participle verb form (for the passive).
    pub past: bool,
}

/// The event patterns, indexed by their first word.
#[derive(Debug, Clone, Default)]
pub struct EventLexicon {
    entries: Vec<EventEntry>,
    forms: Vec<FormEntry>,
    by_first: FxHashMap<String, Vec<u32>>,
}

const BUILTIN: &str = include_str!("../data/events.tsv");

impl EventLexicon {
    /// The built-in lexicon (`data/events.tsv`).
    pub fn builtin() -> EventLexicon {
        EventLexicon::from_tsv(BUILTIN, "events.tsv").expect("the built-in event lexicon parses")
    }

    /// Parses a lexicon file; `origin` names it in errors.
    pub fn from_tsv(text: &str, origin: &str) -> Result<EventLexicon> {
        let mut lex = EventLexicon::default();
        lex.extend_from_tsv(text, origin)?;
        Ok(lex)
    }

    /// Adds the entries of a user file to this lexicon. A user entry with the
    /// same word form as a built-in one takes precedence.
    pub fn extend_from_path(&mut self, path: &Path) -> Result<()> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.display().to_string(),
            source,
        })?;
        self.extend_from_tsv(&text, &path.display().to_string())
    }

    /// Adds the entries of TSV text (see `data/events.tsv` for the columns).
    pub fn extend_from_tsv(&mut self, text: &str, origin: &str) -> Result<()> {
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |message: String| Error::Parse {
                origin: origin.to_string(),
                line: n + 1,
                message,
            };
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            if cols.len() < 3 {
                return Err(err(format!(
                    "expected at least 3 tab-separated columns (pattern, pos, type), found {}",
                    cols.len()
                )));
            }
            let col = |i: usize| cols.get(i).copied().filter(|s| !s.is_empty() && *s != "-");
            let lemma = normalize(cols[0]);
            if lemma.is_empty() {
                return Err(err("empty pattern".into()));
            }
            let pos = match cols[1] {
                "verb" => Pos::Verb,
                "noun" => Pos::Noun,
                other => return Err(err(format!("pos {other:?} is not verb or noun"))),
            };
            let event_type = EventType::parse(cols[2])
                .ok_or_else(|| err(format!("{:?} is not a PLOVER event type", cols[2])))?;
            let mut target = TargetRule::default();
            let mut needs_target = false;
            for t in col(6).unwrap_or("").split(';').filter(|s| !s.is_empty()) {
                match t {
                    "obj" => target.object = true,
                    "content" => target.content = true,
                    "salient" => target.salient = true,
                    "need" => needs_target = true,
                    p if p.bytes().all(|b| b.is_ascii_lowercase()) => {
                        target.preps.push(p.to_string())
                    }
                    other => return Err(err(format!("unknown target rule {other:?}"))),
                }
            }
            let entry = EventEntry {
                lemma: lemma.clone(),
                pos,
                event_type,
                mode: col(3).map(str::to_string),
                context: col(4)
                    .map(|c| c.split(';').map(|s| s.trim().to_string()).collect())
                    .unwrap_or_default(),
                cameo: col(5).map(str::to_string),
                target,
                needs_target,
            };
            let idx = self.entries.len() as u32;
            let base_head = lemma.split(' ').next().unwrap_or("");
            let forms: Vec<(String, bool)> = match col(7) {
                Some(list) => list
                    .split(',')
                    .map(normalize)
                    .filter(|f| !f.is_empty())
                    .map(|f| check_pattern(&f).map_err(&err).map(|()| f))
                    .collect::<Result<Vec<String>>>()?
                    .into_iter()
                    .flat_map(|f| expand_alternatives(&f))
                    .map(|f| {
                        let head = f.split(' ').next().unwrap_or("").to_string();
                        let past = pos == Pos::Verb
                            && !head.ends_with('s')
                            && !head.ends_with("ing")
                            && !base_head.split('|').any(|b| b == head);
                        (f, past)
                    })
                    .collect(),
                None => {
                    check_pattern(&lemma).map_err(&err)?;
                    expand_alternatives(&lemma)
                        .iter()
                        .flat_map(|l| generate_forms(l, pos))
                        .collect()
                }
            };
            self.entries.push(entry);
            for (form, past) in forms {
                let words: Vec<String> = form
                    .split(' ')
                    .map(|w| if w == ELLIPSIS { GAP } else { w }.to_string())
                    .collect();
                let fi = self.forms.len() as u32;
                let first = words[0].clone();
                self.forms.push(FormEntry {
                    words,
                    entry: idx,
                    past,
                });
                // Later (user) entries come first, so they win ties.
                self.by_first.entry(first).or_default().insert(0, fi);
            }
        }
        Ok(())
    }

    pub fn entries(&self) -> &[EventEntry] {
        self.entries.iter().as_slice()
    }

    pub fn entry(&self, i: u32) -> &EventEntry {
        &self.entries[i as usize]
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// True when `word` is a past-tense or past-participle form of a verb
    /// pattern's first word ("met", "signed"): a verb, not a modifier.
    pub(crate) fn is_past_verb(&self, word: &str) -> bool {
        self.starting_with(word).any(|f| f.past)
    }

    /// The forms whose first word is `word` (lowercase, straight apostrophes).
    pub(crate) fn starting_with(&self, word: &str) -> impl Iterator<Item = &FormEntry> {
        self.by_first
            .get(word)
            .into_iter()
            .flatten()
            .map(|&i| &self.forms[i as usize])
    }
}

pub(crate) use newsgraph_lexicon::inflect::fold_phrase as normalize;

/// The gap placeholder in a pattern: up to [`MAX_GAP`] words of the object's
/// noun phrase ("seal ... pact" matches "sealed a climate finance pact").
pub(crate) const GAP: &str = "...";
/// The same placeholder written as one character.
const ELLIPSIS: &str = "\u{2026}";
/// The most words a gap in a pattern stands for.
pub const MAX_GAP: usize = 4;

fn is_gap(w: &str) -> bool {
    w == GAP || w == ELLIPSIS
}

/// Checks a pattern's shape: a gap stands between two words, never first,
/// last or next to another gap; alternatives ("pact|deal") are not empty.
fn check_pattern(p: &str) -> std::result::Result<(), String> {
    let words: Vec<&str> = p.split(' ').collect();
    for (k, w) in words.iter().enumerate() {
        if is_gap(w) {
            if k == 0 || k + 1 == words.len() {
                return Err(format!("{p:?}: a gap (...) must stand between two words"));
            }
            if is_gap(words[k - 1]) {
                return Err(format!("{p:?}: two gaps in a row"));
            }
        } else if w.split('|').any(|a| a.is_empty() || is_gap(a)) {
            return Err(format!("{p:?}: empty alternative in {w:?}"));
        }
    }
    Ok(())
}

/// Every pattern that alternatives ("pact|deal") stand for, in order.
fn expand_alternatives(p: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for w in p.split(' ') {
        let alts: Vec<&str> = w.split('|').collect();
        out = out
            .iter()
            .flat_map(|prefix| {
                alts.iter().map(move |a| {
                    if prefix.is_empty() {
                        (*a).to_string()
                    } else {
                        format!("{prefix} {a}")
                    }
                })
            })
            .collect();
    }
    out
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Regular inflections of a verb with a flag for past forms: base, -s, -ed, -ing.
fn verb_forms(v: &str) -> Vec<(String, bool)> {
    let [base, present, past, participle] = newsgraph_lexicon::inflect::verb_forms(v);
    vec![
        (base, false),
        (present, false),
        (past, true),
        (participle, false),
    ]
}

fn generate_forms(lemma: &str, pos: Pos) -> Vec<(String, bool)> {
    let (head, rest) = match pos {
        // A verb phrase inflects its first word ("call for" -> "called for").
        Pos::Verb => lemma.split_once(' ').unwrap_or((lemma, "")),
        // A noun phrase inflects its last word ("arms deal" -> "arms deals").
        Pos::Noun => match lemma.rsplit_once(' ') {
            Some((a, b)) => (b, a),
            None => (lemma, ""),
        },
    };
    let forms: Vec<(String, bool)> = match pos {
        Pos::Verb => verb_forms(head),
        Pos::Noun => {
            let plural = if head.ends_with('s') {
                head.to_string()
            } else if head.ends_with("sh") || head.ends_with("ch") || head.ends_with('x') {
                format!("{head}es")
            } else if head.ends_with('y')
                && head.len() > 1
                && !is_vowel(head.as_bytes()[head.len() - 2])
            {
                format!("{}ies", &head[..head.len() - 1])
            } else {
                format!("{head}s")
            };
            let mut v = vec![(head.to_string(), false)];
            if plural != head {
                v.push((plural, false));
            }
            v
        }
    };
    forms
        .into_iter()
        .map(|(h, past)| match (pos, rest.is_empty()) {
            (_, true) => (h, past),
            (Pos::Verb, false) => (format!("{h} {rest}"), past),
            (Pos::Noun, false) => (format!("{rest} {h}"), past),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses_and_inflects() {
        let lex = EventLexicon::builtin();
        assert!(lex.len() > 100);
        let meet: Vec<_> = lex.starting_with("met").collect();
        assert!(meet
            .iter()
            .any(|f| lex.entry(f.entry).event_type == EventType::Consult));
        let deals: Vec<_> = lex.starting_with("arms").collect();
        assert!(deals.iter().any(|f| f.words == ["arms", "deals"]));
        assert!(lex.starting_with("admonished").any(|f| f.past));
    }

    #[test]
    fn user_files_extend_and_report_errors() {
        let mut lex = EventLexicon::builtin();
        let n = lex.len();
        lex.extend_from_tsv(
            "# mine\nbombard\tverb\tASSAULT\theavy-weapons\tmilitary\t195\tobj\n",
            "mine.tsv",
        )
        .unwrap();
        assert_eq!(lex.len(), n + 1);
        let f = lex.starting_with("bombarded").next().unwrap();
        assert_eq!(lex.entry(f.entry).mode.as_deref(), Some("heavy-weapons"));
        let err = lex
            .extend_from_tsv("zap\tverb\tZAP\n", "bad.tsv")
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "bad.tsv:1: \"ZAP\" is not a PLOVER event type"
        );
        let err = lex
            .extend_from_tsv("zap\tadj\tASSAULT\n", "bad.tsv")
            .unwrap_err();
        assert!(err.to_string().contains("not verb or noun"), "{err}");
    }

    #[test]
    fn gaps_and_alternatives_expand_into_forms() {
        let lex = EventLexicon::from_tsv(
            "close \u{2026} deal|pact\tverb\tAGREE\npeace summit|meeting\tnoun\tCONSULT\n",
            "mine.tsv",
        )
        .unwrap();
        let forms: Vec<String> = lex
            .starting_with("closed")
            .map(|f| f.words.join(" "))
            .collect();
        assert_eq!(forms.len(), 2, "{forms:?}");
        assert!(forms.contains(&"closed ... deal".to_string()));
        assert!(forms.contains(&"closed ... pact".to_string()));
        assert!(lex.starting_with("closed").all(|f| f.past));
        assert!(lex.starting_with("closes").all(|f| !f.past));
        // Nouns inflect their last word, each alternative.
        let peace: Vec<String> = lex
            .starting_with("peace")
            .map(|f| f.words.join(" "))
            .collect();
        for f in [
            "peace summit",
            "peace summits",
            "peace meeting",
            "peace meetings",
        ] {
            assert!(peace.contains(&f.to_string()), "{peace:?}");
        }
        for bad in [
            "... deal\tverb\tAGREE",
            "close ...\tverb\tAGREE",
            "close ... ... deal\tverb\tAGREE",
            "close ... deal|\tverb\tAGREE",
        ] {
            let err = EventLexicon::from_tsv(bad, "bad.tsv").unwrap_err();
            assert!(err.to_string().starts_with("bad.tsv:1: "), "{err}");
        }
    }
}
