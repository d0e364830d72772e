//! Word classes from `data/words.tsv`, as bit flags.

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

pub(crate) const DET: u16 = 1;
pub(crate) const SUBJ: u16 = 1 << 1;
pub(crate) const OBJ: u16 = 1 << 2;
pub(crate) const AUX: u16 = 1 << 3;
pub(crate) const ADV: u16 = 1 << 4;
pub(crate) const TIME: u16 = 1 << 5;
pub(crate) const SUB: u16 = 1 << 6;
pub(crate) const PREP: u16 = 1 << 7;
pub(crate) const NPPREP: u16 = 1 << 8;
pub(crate) const CONN: u16 = 1 << 9;
pub(crate) const VERB: u16 = 1 << 10;
pub(crate) const CLAUSE: u16 = 1 << 11;
pub(crate) const ROLE: u16 = 1 << 12;
const LYOK: u16 = 1 << 13;
const LABEL: u16 = 1 << 14;
const NAMING: u16 = 1 << 15;
/// The closed classes: words that carry no content of their own.
pub(crate) const CLOSED: u16 =
    DET | SUBJ | OBJ | AUX | ADV | TIME | SUB | PREP | NPPREP | CONN | CLAUSE;

const DATA: &str = include_str!("../data/words.tsv");

fn table() -> &'static HashMap<&'static str, u16> {
    static TABLE: OnceLock<HashMap<&'static str, u16>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map: HashMap<&'static str, u16> = HashMap::default();
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
                other => panic!("data/words.tsv: unknown class {other:?}"),
            };
            *map.entry(word.trim()).or_default() |= bit;
        }
        map
    })
}

/// The classes of a lowercase word. Words ending in "-ly" count as adverbs
/// unless listed otherwise ("family", "rally").
pub(crate) fn classes(lower: &str) -> u16 {
    classes_of(lower, true)
}

/// [`classes`]; the "-ly" rule applies only when `guess` (a capitalised
/// "Kelly" or "Beverly" is a name).
pub(crate) fn classes_of(lower: &str, guess: bool) -> u16 {
    let mut c = table().get(lower).copied().unwrap_or(0);
    if guess && c & LYOK == 0 && lower.len() > 4 && lower.ends_with("ly") && c & (DET | SUBJ) == 0 {
        c |= ADV;
    }
    c & !(LYOK | LABEL | NAMING)
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
    }
}
