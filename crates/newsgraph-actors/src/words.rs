//! Closed-class words, from `data/function_words.tsv`.

use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

pub const DET: u8 = 1;
pub const INDEF: u8 = 2;
pub const POSS: u8 = 4;
pub const PREP: u8 = 8;
pub const LOC: u8 = 16;
pub const CLAUSE: u8 = 32;

static WORDS: LazyLock<HashMap<String, u8>> = LazyLock::new(|| {
    let mut map = HashMap::default();
    for line in include_str!("../data/function_words.tsv").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut cells = line.split('\t');
        let (Some(word), Some(class)) = (cells.next(), cells.next()) else {
            continue;
        };
        let bit = match class.trim() {
            "det" => DET,
            "indef" => INDEF,
            "poss" => POSS,
            "prep" => PREP,
            "loc" => LOC,
            "clause" => CLAUSE,
            _ => 0,
        };
        *map.entry(word.trim().to_string()).or_insert(0) |= bit;
    }
    map
});

/// The classes of a word (case-insensitive), as a bit set.
pub fn class(word: &str) -> u8 {
    if word.len() > 12 {
        return 0;
    }
    if word.bytes().all(|b| b.is_ascii_lowercase()) {
        WORDS.get(word).copied().unwrap_or(0)
    } else {
        WORDS.get(&word.to_lowercase()).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_combine() {
        assert_eq!(class("The") & DET, DET);
        assert_ne!(class("that") & CLAUSE, 0);
        assert_ne!(class("in") & LOC, 0);
        assert_eq!(class("Merz"), 0);
    }
}
