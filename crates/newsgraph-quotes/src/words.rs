//! Word classes from `data/words.tsv`, as bit flags.

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

pub(crate) const DET: u32 = 1;
pub(crate) const SUBJ: u32 = 1 << 1;
pub(crate) const OBJ: u32 = 1 << 2;
pub(crate) const AUX: u32 = 1 << 3;
pub(crate) const ADV: u32 = 1 << 4;
pub(crate) const TIME: u32 = 1 << 5;
pub(crate) const SUB: u32 = 1 << 6;
pub(crate) const PREP: u32 = 1 << 7;
pub(crate) const NPPREP: u32 = 1 << 8;
pub(crate) const CONN: u32 = 1 << 9;
pub(crate) const VERB: u32 = 1 << 10;
pub(crate) const CLAUSE: u32 = 1 << 11;
pub(crate) const ROLE: u32 = 1 << 12;
const LYOK: u32 = 1 << 13;
const LABEL: u32 = 1 << 14;
const NAMING: u32 = 1 << 15;
const APPROX: u32 = 1 << 16;
const NUMBER: u32 = 1 << 17;
const EVIDENTIAL: u32 = 1 << 18;
/// The closed classes: words that carry no content of their own.
pub(crate) const CLOSED: u32 =
    DET | SUBJ | OBJ | AUX | ADV | TIME | SUB | PREP | NPPREP | CONN | CLAUSE;

const DATA: &str = include_str!("../data/words.tsv");

fn table() -> &'static HashMap<&'static str, u32> {
    static TABLE: OnceLock<HashMap<&'static str, u32>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map: HashMap<&'static str, u32> = HashMap::default();
        for line in DATA.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let Some((word, class)) = line.split_once('\t') else {
                continue;
            };
            let bit = match class.trim() {
                "det" => DET,
                "subj" => SUBJ,
                "obj" => OBJ,
                "aux" => AUX,
                "adv" => ADV,
                "time" => TIME,
                "sub" => SUB,
                "prep" => PREP,
                "npprep" => NPPREP,
                "conn" => CONN,
                "verb" => VERB,
                "clause" => CLAUSE,
                "role" => ROLE,
                "lyok" => LYOK,
                "label" => LABEL,
                "naming" => NAMING,
                "approx" => APPROX,
                "number" => NUMBER,
                "evidential" => EVIDENTIAL,
                other => panic!("data/words.tsv: unknown class {other:?}"),
            };
            *map.entry(word.trim()).or_default() |= bit;
        }
        map
    })
}

/// The classes of a lowercase word. Words ending in "-ly" count as adverbs
/// unless listed otherwise ("family", "rally").
pub(crate) fn classes(lower: &str) -> u32 {
    classes_of(lower, true)
}

/// [`classes`]; the "-ly" rule applies only when `guess` (a capitalised
/// "Kelly" or "Beverly" is a name).
pub(crate) fn classes_of(lower: &str, guess: bool) -> u32 {
    let mut c = table().get(lower).copied().unwrap_or(0);
    if guess && c & LYOK == 0 && lower.len() > 4 && lower.ends_with("ly") && c & (DET | SUBJ) == 0 {
        c |= ADV;
    }
    c & !(LYOK | LABEL | NAMING | APPROX | NUMBER | EVIDENTIAL)
}

/// A word that makes a number approximate or bounds it ("about", "nearly",
/// "only"; "least" in "at least", "than" in "more than").
pub(crate) fn is_approx(lower: &str) -> bool {
    table().get(lower).is_some_and(|&c| c & APPROX != 0)
}

/// An adverb of the reporter's inference ("apparently referring to
/// Putin", "presumably meaning"): what follows is no one's statement.
pub(crate) fn is_evidential(lower: &str) -> bool {
    table().get(lower).is_some_and(|&c| c & EVIDENTIAL != 0)
}

/// A number written as a word ("four", "forty-one", "two-thirds", "half").
pub(crate) fn is_number_word(lower: &str) -> bool {
    lower
        .split('-')
        .all(|p| table().get(p).is_some_and(|&c| c & NUMBER != 0))
}

/// A participle that names a thing after an indefinite noun phrase ("a
/// film called ...", "a group dubbed ...").
pub(crate) fn is_naming(lower: &str) -> bool {
    table().get(lower).is_some_and(|&c| c & NAMING != 0)
}

/// A section label that may open a headline before a colon ("Analysis:",
/// "Live updates:"): not a speaker.
pub(crate) fn is_label(lower: &str) -> bool {
    table().get(lower).is_some_and(|&c| c & LABEL != 0)
}

const VERBS: &str = include_str!("../data/verbs.tsv");
const ADJECTIVES: &str = include_str!("../data/adjectives.tsv");

/// The words of a `word<TAB>share<TAB>count` list.
fn word_set(text: &'static str) -> rustc_hash::FxHashSet<&'static str> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
        .filter(|w| !w.is_empty())
        .collect()
}

/// A word mostly tagged as a verb other than a participle in news text
/// (`data/verbs.tsv`): "want", "stand", "took".
pub(crate) fn is_verb_word(lower: &str) -> bool {
    static SET: OnceLock<rustc_hash::FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| word_set(VERBS)).contains(lower)
}

/// A word mostly tagged as an adjective in news text
/// (`data/adjectives.tsv`): "strong", "serious".
pub(crate) fn is_adjective(lower: &str) -> bool {
    static SET: OnceLock<rustc_hash::FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| word_set(ADJECTIVES)).contains(lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_come_from_the_table() {
        assert_ne!(classes("the") & DET, 0);
        assert_ne!(classes("repeatedly") & ADV, 0);
        assert_eq!(classes("family") & ADV, 0);
        assert_ne!(classes("that") & SUB, 0);
        assert_ne!(classes("that") & CLAUSE, 0);
        assert_eq!(classes("zelensky"), 0);
        assert!(is_approx("nearly") && !is_approx("said"));
        assert!(is_evidential("apparently") && !is_evidential("also"));
        assert!(is_number_word("forty-one") && is_number_word("two-thirds"));
        assert!(!is_number_word("forty-something") && classes("four") == 0);
        assert!(is_verb_word("took") && !is_verb_word("rules"));
        assert!(is_adjective("serious") && !is_adjective("showing"));
    }
}
