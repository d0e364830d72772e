//! Word classes from `data/words.tsv` as bit flags, and per-word flags from
//! it and the silver word lists (`data/verbs.tsv`, `data/adjectives.tsv`).

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
/// A time word only when capitalised ("March", "August"); lowercase it is a
/// noun or an adjective ("led the march").
const CAPITAL: u32 = 1 << 16;
/// The closed classes: words that carry no content of their own.
pub(crate) const CLOSED: u32 =
    DET | SUBJ | OBJ | AUX | ADV | TIME | SUB | PREP | NPPREP | CONN | CLAUSE;

/// Per-word flags beside the classes, read once per token by the
/// attributor: a word that bounds or rounds a number ("about", "only"; the
/// `approx` class) ...
pub(crate) const F_APPROX: u8 = 1;
/// ... a number written as a word, or a hyphenated one ("forty-one") ...
pub(crate) const F_NUMBER: u8 = 1 << 1;
/// ... an adverb of the reporter's inference ("apparently") ...
pub(crate) const F_EVIDENTIAL: u8 = 1 << 2;
/// ... a poll or survey, which reports what its respondents said ...
pub(crate) const F_POLL: u8 = 1 << 5;
/// ... a word mostly tagged as a non-participle verb (`data/verbs.tsv`) ...
pub(crate) const F_VERB: u8 = 1 << 3;
/// ... one mostly tagged as an adjective (`data/adjectives.tsv`) ...
pub(crate) const F_ADJECTIVE: u8 = 1 << 4;
/// ... a noun whose "to" stays inside its noun phrase ("an adviser to
/// Trump", "the ambassador to France") ...
pub(crate) const F_TO: u8 = 1 << 6;
/// ... and a noun that makes a compound with a reporting noun after it ("TV
/// show", "conference call"), which is then no verb.
pub(crate) const F_COMPOUND: u8 = 1 << 7;

const DATA: &str = include_str!("../data/words.tsv");
const VERBS: &str = include_str!("../data/verbs.tsv");
const ADJECTIVES: &str = include_str!("../data/adjectives.tsv");

fn table() -> &'static HashMap<&'static str, (u32, u8)> {
    static TABLE: OnceLock<HashMap<&'static str, (u32, u8)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map: HashMap<&'static str, (u32, u8)> = HashMap::default();
        for line in DATA.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let Some((word, class)) = line.split_once('\t') else {
                continue;
            };
            let (bit, flag) = match class.trim() {
                "det" => (DET, 0),
                "subj" => (SUBJ, 0),
                "obj" => (OBJ, 0),
                "aux" => (AUX, 0),
                "adv" => (ADV, 0),
                "time" => (TIME, 0),
                "sub" => (SUB, 0),
                "prep" => (PREP, 0),
                "npprep" => (NPPREP, 0),
                "conn" => (CONN, 0),
                "verb" => (VERB, 0),
                "clause" => (CLAUSE, 0),
                "role" => (ROLE, 0),
                "lyok" => (LYOK, 0),
                "label" => (LABEL, 0),
                "naming" => (NAMING, 0),
                "capital" => (CAPITAL, 0),
                "approx" => (0, F_APPROX),
                "number" => (0, F_NUMBER),
                "evidential" => (0, F_EVIDENTIAL),
                "poll" => (0, F_POLL),
                "to" => (0, F_TO),
                "compound" => (0, F_COMPOUND),
                other => panic!("data/words.tsv: unknown class {other:?}"),
            };
            let e = map.entry(word.trim()).or_default();
            e.0 |= bit;
            e.1 |= flag;
        }
        // The word lists from the silver tags: `word<TAB>share<TAB>count`.
        for (text, flag) in [(VERBS, F_VERB), (ADJECTIVES, F_ADJECTIVE)] {
            for word in text
                .lines()
                .filter(|l| !l.starts_with('#'))
                .filter_map(|l| l.split('\t').next())
                .filter(|w| !w.is_empty())
            {
                map.entry(word).or_default().1 |= flag;
            }
        }
        map
    })
}

/// The classes of a lowercase word. Words ending in "-ly" count as adverbs
/// unless listed otherwise ("family", "rally"), and words ending in "n't" as
/// auxiliaries.
pub(crate) fn classes(lower: &str) -> u32 {
    lookup(lower, true).0
}

/// The classes and flags of a lowercase word; the "-ly" rule applies only
/// when `guess` (a capitalised "Kelly" or "Beverly" is a name).
pub(crate) fn lookup(lower: &str, guess: bool) -> (u32, u8) {
    let (mut c, mut f) = table().get(lower).copied().unwrap_or_default();
    if guess && c & LYOK == 0 && lower.len() > 4 && lower.ends_with("ly") && c & (DET | SUBJ) == 0 {
        c |= ADV;
    }
    if guess && c & CAPITAL != 0 {
        c &= !TIME;
    }
    // "wouldn't", "hasn't": a negated auxiliary, whatever its stem.
    if lower.len() > 3 && lower.ends_with("n't") {
        c |= AUX;
    }
    if f & F_NUMBER == 0
        && lower.contains('-')
        && lower
            .split('-')
            .all(|p| table().get(p).is_some_and(|e| e.1 & F_NUMBER != 0))
    {
        f |= F_NUMBER;
    }
    (c & !(LYOK | LABEL | NAMING | CAPITAL), f)
}

/// A participle that names a thing after an indefinite noun phrase ("a
/// film called ...", "a group dubbed ...").
pub(crate) fn is_naming(lower: &str) -> bool {
    table().get(lower).is_some_and(|e| e.0 & NAMING != 0)
}

/// A section label that may open a headline before a colon ("Analysis:",
/// "Live updates:"): not a speaker.
pub(crate) fn is_label(lower: &str) -> bool {
    table().get(lower).is_some_and(|e| e.0 & LABEL != 0)
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
        let flags = |w: &str| lookup(w, true).1;
        assert!(flags("nearly") & F_APPROX != 0 && flags("said") & F_APPROX == 0);
        assert!(flags("apparently") & F_EVIDENTIAL != 0 && flags("also") == 0);
        assert!(flags("survey") & F_POLL != 0 && flags("interview") & F_POLL == 0);
        assert!(flags("adviser") & F_TO != 0 && flags("spoke") & F_TO == 0);
        assert!(flags("tv") & F_COMPOUND != 0 && flags("polls") & F_COMPOUND == 0);
        assert!(classes("wouldn't") & AUX != 0 && classes("went") & AUX == 0);
        assert!(classes("march") & TIME == 0 && lookup("march", false).0 & TIME != 0);
        assert!(flags("forty-one") & F_NUMBER != 0 && flags("two-thirds") & F_NUMBER != 0);
        assert!(flags("forty-something") & F_NUMBER == 0 && classes("four") == 0);
        assert!(flags("took") & F_VERB != 0 && flags("rules") & F_VERB == 0);
        assert!(flags("serious") & F_ADJECTIVE != 0 && flags("showing") & F_ADJECTIVE == 0);
    }
}
