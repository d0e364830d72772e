//! The word lists the segmenter needs, kept as data files in `data/` so they
//! can be read and extended without touching code. Each list is embedded at
//! compile time and parsed once, on first use.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

const ABBREVIATIONS: &str = include_str!("../data/abbreviations.txt");
const SENTENCE_STARTERS: &str = include_str!("../data/sentence_starters.txt");
const TITLE_SMALL_WORDS: &str = include_str!("../data/title_small_words.txt");
const FURNITURE_PREFIXES: &str = include_str!("../data/furniture_prefixes.txt");

/// How an abbreviation behaves before the next word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AbbrevKind {
    /// A title or prefix ("Mr.", "Gen.", "Aug."): it always precedes a word,
    /// so its period never ends a sentence.
    Prefix,
    /// It may also end a sentence ("Inc.", "U.S.", "a.m."): split after it
    /// only before a common sentence starter.
    End,
    /// An abbreviation only before a number ("No. 10"); elsewhere the period
    /// is a full stop ("He said no." has none, but "The answer was No." does).
    Number,
}

/// The entries of a data file: non-empty lines that are not `#` comments.
fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Parses the abbreviation list. An unknown tag is reported rather than
/// guessed, so a typo in the data file fails the crate's tests instead of
/// silently changing behaviour.
fn parse_abbreviations(data: &'static str) -> (HashMap<&'static str, AbbrevKind>, Vec<String>) {
    let mut map = HashMap::new();
    let mut errors = Vec::new();
    for line in entries(data) {
        let mut fields = line.split_whitespace();
        let Some(word) = fields.next() else { continue };
        let kind = match fields.next() {
            None => AbbrevKind::Prefix,
            Some("end") => AbbrevKind::End,
            Some("number") => AbbrevKind::Number,
            Some(other) => {
                errors.push(format!("{word}: unknown tag {other:?}"));
                AbbrevKind::Prefix
            }
        };
        if !word.ends_with('.') {
            errors.push(format!("{word}: an abbreviation must end with a period"));
        }
        map.insert(word, kind);
    }
    (map, errors)
}

static ABBREVIATION_MAP: LazyLock<(HashMap<&'static str, AbbrevKind>, Vec<String>)> =
    LazyLock::new(|| parse_abbreviations(ABBREVIATIONS));

static STARTERS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| entries(SENTENCE_STARTERS).collect());

static SMALL_WORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| entries(TITLE_SMALL_WORDS).collect());

static FURNITURE: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| entries(FURNITURE_PREFIXES).collect());

/// The listed kind of an abbreviation, if it is in the data file.
pub(crate) fn listed_abbreviation(word: &str) -> Option<AbbrevKind> {
    ABBREVIATION_MAP.0.get(word).copied()
}

/// True for a dotted acronym: two or more segments of one or two letters,
/// each followed by a period ("U.S.", "N.Y.P.D.", "Ph.D.", "a.m.").
pub(crate) fn is_dotted(word: &str) -> bool {
    let Some(body) = word.strip_suffix('.') else {
        return false;
    };
    let mut segments = 0;
    for seg in body.split('.') {
        let n = seg.chars().count();
        if n == 0 || n > 2 || !seg.chars().all(char::is_alphabetic) {
            return false;
        }
        segments += 1;
    }
    segments >= 2
}

/// True for a single capital letter with a period: an initial ("J.").
pub(crate) fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!(
        (chars.next(), chars.next(), chars.next()),
        (Some(c), Some('.'), None) if c.is_uppercase()
    )
}

/// True when `word` (period included) is an abbreviation: listed in
/// `data/abbreviations.txt` ("Mr.", "Gen.", "Calif."), a dotted acronym
/// ("U.S.", "N.Y.P.D.") or a single capital initial ("J.").
///
/// The test is case-sensitive, since "No." before a number is an
/// abbreviation and "no." is a word at the end of a sentence.
///
/// ```
/// use newsgraph_segment::is_abbreviation;
///
/// assert!(is_abbreviation("Mr."));
/// assert!(is_abbreviation("U.S."));
/// assert!(is_abbreviation("J."));
/// assert!(!is_abbreviation("said."));
/// assert!(!is_abbreviation("Mr"));
/// ```
pub fn is_abbreviation(word: &str) -> bool {
    listed_abbreviation(word).is_some() || is_dotted(word) || is_initial(word)
}

/// True when `word` commonly opens a sentence ("The", "He", "But").
pub(crate) fn is_sentence_starter(word: &str) -> bool {
    STARTERS.contains(word)
}

/// True for a lowercase word that title case leaves uncapitalised ("of", "the").
pub(crate) fn is_small_word(word: &str) -> bool {
    SMALL_WORDS.contains(word)
}

/// The prefixes that mark a line as furniture ("Reporting by", "©").
pub(crate) fn furniture_prefixes() -> &'static [&'static str] {
    &FURNITURE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_parse_cleanly() {
        let (map, errors) = &*ABBREVIATION_MAP;
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(map.get("Mr."), Some(&AbbrevKind::Prefix));
        assert_eq!(map.get("Inc."), Some(&AbbrevKind::End));
        assert_eq!(map.get("No."), Some(&AbbrevKind::Number));
        assert!(STARTERS.len() > 50);
        assert!(SMALL_WORDS.contains("the"));
        assert!(furniture_prefixes().contains(&"Reporting by"));
        // Starters are matched case-sensitively against capitalised words.
        for w in STARTERS.iter() {
            assert!(w.starts_with(char::is_uppercase), "{w}");
        }
    }

    #[test]
    fn unknown_tags_are_reported() {
        let (_, errors) = parse_abbreviations("# header\nMr.\nFoo. sometimes\nBar\n");
        assert_eq!(errors.len(), 2, "{errors:?}");
    }

    #[test]
    fn abbreviations_by_list_and_shape() {
        for yes in [
            "Mr.", "Gen.", "Calif.", "Ky.", "U.S.", "U.K.", "e.g.", "a.m.", "J.", "Ph.D.",
            "N.Y.P.D.",
        ] {
            assert!(is_abbreviation(yes), "{yes}");
        }
        for no in [
            "Mr",
            "no.",
            "said.",
            "j.",
            "U.S",
            "USA.",
            "Washington.",
            "",
            ".",
            "..",
            "A.B.C.D.EFG.",
        ] {
            assert!(!is_abbreviation(no), "{no}");
        }
    }
}
