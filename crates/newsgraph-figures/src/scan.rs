//! A small tokenizer over the raw text, so this crate does not depend on
//! the segmentation layers.
//!
//! Tokens are words (runs of alphabetic characters), numbers (ASCII digits
//! with inner `,` or `.` before a digit: "1,200.5") and single symbols;
//! whitespace separates them and is remembered as `space_before`. Each token
//! also knows its line start, its (heuristic) sentence and whether it lies
//! inside double quotation marks. One pass, linear in the text.

use crate::lexicon::{role, Phrases, Tense, LEX};
use newsgraph_core::TextRange;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Num,
    Sym,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Whitespace separates this token from the previous one.
    pub space_before: bool,
    /// First token of its line.
    pub line_start: bool,
    /// Heuristic sentence number, counted from 0.
    pub sentence: u32,
    /// Inside double quotation marks.
    pub in_quote: bool,
}

pub(crate) struct Scan<'a> {
    pub text: &'a str,
    /// The text with ASCII letters lowercased: same length, same boundaries.
    lower: String,
    pub toks: Vec<Tok>,
}

fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}')
}

impl<'a> Scan<'a> {
    pub fn new(text: &'a str) -> Scan<'a> {
        let mut toks: Vec<Tok> = Vec::new();
        let bytes = text.as_bytes();
        let mut chars = text.char_indices().peekable();
        let mut space = false;
        let mut line = true;
        let mut sentence = 0u32;
        let mut sentence_end = false;
        let mut in_quote = false;
        while let Some((start, c)) = chars.next() {
            if c.is_whitespace() {
                space = true;
                line |= is_line_break(c);
                continue;
            }
            let (kind, end) = if c.is_ascii_digit() {
                let mut end = start + 1;
                loop {
                    while end < bytes.len() && bytes[end].is_ascii_digit() {
                        end += 1;
                    }
                    let sep = end + 1 < bytes.len()
                        && matches!(bytes[end], b',' | b'.')
                        && bytes[end + 1].is_ascii_digit();
                    if !sep {
                        break;
                    }
                    end += 1;
                }
                (Kind::Num, end)
            } else if c.is_alphabetic() {
                let mut end = start + c.len_utf8();
                while let Some(&(i, d)) = chars.peek() {
                    if !d.is_alphabetic() {
                        break;
                    }
                    end = i + d.len_utf8();
                    chars.next();
                }
                (Kind::Word, end)
            } else {
                (Kind::Sym, start + c.len_utf8())
            };
            // Skip the characters a number token consumed.
            while chars.peek().is_some_and(|&(i, _)| i < end) {
                chars.next();
            }

            if line {
                in_quote = false;
            }
            let opens = kind == Kind::Word && text[start..].starts_with(char::is_uppercase)
                || kind == Kind::Num
                || matches!(c, '“' | '"' | '‘' | '(' | '«');
            if !toks.is_empty() && (line || (sentence_end && space && opens)) {
                sentence += 1;
            }
            if kind == Kind::Sym {
                match c {
                    '.' | '!' | '?' | '…' => {
                        let abbrev = c == '.'
                            && toks.last().is_some_and(|t| {
                                t.kind == Kind::Word
                                    && (text[t.start..t.end].chars().count() == 1
                                        || LEX.role(
                                            &text[t.start..t.end].to_ascii_lowercase(),
                                            role::ABBREV,
                                        ))
                            });
                        sentence_end = !abbrev;
                    }
                    // Closing marks keep a pending sentence end.
                    '”' | '’' | '"' | '\'' | ')' | '»' => {}
                    _ => sentence_end = false,
                }
                match c {
                    '“' | '«' => in_quote = true,
                    '”' | '»' => in_quote = false,
                    '"' => in_quote = !in_quote,
                    _ => {}
                }
            } else {
                sentence_end = false;
            }
            toks.push(Tok {
                start,
                end,
                kind,
                space_before: space,
                line_start: line,
                sentence,
                in_quote,
            });
            space = false;
            line = false;
        }
        Scan {
            text,
            lower: text.to_ascii_lowercase(),
            toks,
        }
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// The token's text as written.
    pub fn text(&self, i: usize) -> &'a str {
        let t = &self.toks[i];
        &self.text[t.start..t.end]
    }

    /// The token's text with ASCII letters lowercased; "" past the end.
    pub fn low(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| &self.lower[t.start..t.end])
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Word)
    }

    pub fn is_num(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Num)
    }

    /// Token `i` is the symbol `c`.
    pub fn is_sym(&self, i: usize, c: char) -> bool {
        self.kind(i) == Some(Kind::Sym) && self.text(i).starts_with(c)
    }

    /// Token `i` is the word `w` (lowercase), in any case.
    pub fn word_is(&self, i: usize, w: &str) -> bool {
        self.is_word(i) && self.low(i) == w
    }

    /// Token `i` exists and touches the token before it.
    pub fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space_before)
    }

    /// Token `i` is a word starting with an uppercase letter.
    pub fn is_cap(&self, i: usize) -> bool {
        self.is_word(i) && self.text(i).starts_with(char::is_uppercase)
    }

    /// Token `i` is a plain number of `n` digits (no separators).
    pub fn digits(&self, i: usize, n: std::ops::RangeInclusive<usize>) -> Option<u32> {
        if !self.is_num(i) {
            return None;
        }
        let s = self.text(i);
        if !n.contains(&s.len()) || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    }

    /// The byte range from the start of token `a` to the end of token `b - 1`.
    pub fn range(&self, a: usize, b: usize) -> TextRange {
        TextRange::new(self.toks[a].start, self.toks[b - 1].end)
    }

    /// The index of the first token starting at or after byte `offset`.
    pub fn tok_at(&self, offset: usize) -> usize {
        self.toks.partition_point(|t| t.start < offset)
    }

    /// The word tokens in a phrase entry following token `i` match `rest`,
    /// each separated by whitespace. Returns the end token.
    pub fn phrase_rest(&self, i: usize, rest: &[&str]) -> Option<usize> {
        let mut j = i + 1;
        for w in rest {
            if !(self.toks.get(j).is_some_and(|t| t.space_before) && self.low(j) == *w) {
                return None;
            }
            j += 1;
        }
        Some(j)
    }

    /// The entry of `table` that starts at token `j`, with its end token.
    pub fn phrase<T: Copy>(&self, table: &Phrases<T>, j: usize) -> Option<(T, usize)> {
        if j >= self.len() {
            return None;
        }
        table
            .starting(self.low(j))
            .iter()
            .find_map(|(rest, v)| self.phrase_rest(j, rest).map(|end| (*v, end)))
    }

    /// The nearest tense cue to tokens `start..end` in the same sentence:
    /// up to eight words back, six ahead; the earlier one wins a tie.
    /// Cues are `data/cues.tsv`, plus any lowercase word of five letters or
    /// more ending in "-ed" as past.
    pub fn tense(&self, start: usize, end: usize) -> Option<Tense> {
        let sentence = self.toks.get(start)?.sentence;
        let cue = |j: usize| -> Option<Tense> {
            if !self.is_word(j) {
                return None;
            }
            let low = self.low(j);
            if let Some(&t) = LEX.cues.get(low) {
                return Some(t);
            }
            let lowercase = self.text(j).starts_with(|c: char| c.is_ascii_lowercase());
            (lowercase && low.len() >= 5 && low.ends_with("ed")).then_some(Tense::Past)
        };
        // At most 40 tokens each way, so runs of symbols cannot make this quadratic.
        let back = (0..start)
            .rev()
            .take(40)
            .take_while(|&j| self.toks[j].sentence == sentence)
            .filter(|&j| self.is_word(j))
            .take(8)
            .enumerate()
            .find_map(|(d, j)| cue(j).map(|t| (d, t)));
        let ahead = (end..self.len())
            .take(40)
            .take_while(|&j| self.toks[j].sentence == sentence)
            .filter(|&j| self.is_word(j))
            .take(6)
            .enumerate()
            .find_map(|(d, j)| cue(j).map(|t| (d, t)));
        match (back, ahead) {
            (Some((db, tb)), Some((da, ta))) => Some(if db <= da { tb } else { ta }),
            (b, a) => b.or(a).map(|(_, t)| t),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<(&str, Kind, u32)> {
        let s = Scan::new(text);
        (0..s.len())
            .map(|i| (s.text(i), s.toks[i].kind, s.toks[i].sentence))
            .collect()
    }

    #[test]
    fn numbers_words_symbols() {
        use Kind::*;
        assert_eq!(
            toks("£67bn, 1,200.5 and 40-minute’s"),
            vec![
                ("£", Sym, 0),
                ("67", Num, 0),
                ("bn", Word, 0),
                (",", Sym, 0),
                ("1,200.5", Num, 0),
                ("and", Word, 0),
                ("40", Num, 0),
                ("-", Sym, 0),
                ("minute", Word, 0),
                ("’", Sym, 0),
                ("s", Word, 0),
            ]
        );
    }

    #[test]
    fn sentences_skip_abbreviations() {
        let t = toks("The U.S. President met Mr. Putin. He left.\nNext “line”");
        let sentence_of = |w: &str| t.iter().find(|x| x.0 == w).unwrap().2;
        assert_eq!(sentence_of("Putin"), 0);
        assert_eq!(sentence_of("He"), 1);
        assert_eq!(sentence_of("Next"), 2);
    }

    #[test]
    fn quotes_are_tracked() {
        let s = Scan::new("He said “all dressed up today” and \"fine\" today");
        let inside: Vec<&str> = (0..s.len())
            .filter(|&i| s.toks[i].in_quote && s.is_word(i))
            .map(|i| s.text(i))
            .collect();
        assert_eq!(inside, ["all", "dressed", "up", "today", "fine"]);
    }
}
