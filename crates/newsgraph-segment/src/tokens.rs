//! Tokens: one left-to-right pass over a block, byte-level for ASCII.
//!
//! Splitting choices, so that later components can rely on them:
//!
//! - **Words** are letters and digits joined by inner apostrophes ("don’t"),
//!   hyphens ("Ukrainian-made", "COVID-19", "yet-to-be-determined") and, in
//!   dotted acronyms, periods ("U.S", "Ph.D"). A possessive or contracted
//!   `’s`/`'s` is a Word of its own ("Trump" "’s", "it" "’s"); a trailing
//!   possessive apostrophe ("leaders’") is Punct.
//! - **Abbreviations** keep their period ("Mr.", "U.S.", "J.") when listed,
//!   dotted, or a capital initial; any other period is a Punct token, so a
//!   sentence-final period is always its own token unless an abbreviation
//!   took it. "U.S.-Ukraine" is "U.S." "-" "Ukraine".
//! - **Numbers** are ASCII digits with inner decimal points ("3.5"), thousands
//!   commas followed by exactly three digits ("1,200") and clock colons
//!   ("2:30"), plus an ordinal suffix ("10th") or a decade "s" ("1990s"). A
//!   Number token therefore always reads as a number. Letters after digits
//!   start a new Word ("67" "bn"), and a hyphen after digits is Punct:
//!   "40-minute" is "40" "-" "minute", "2022-23" is "2022" "-" "23". A word
//!   that starts with a letter keeps its digits ("G7", "F-16").
//! - **Quotes**: “ ‘ „ « are OpenQuote and ” » CloseQuote. A straight `"`
//!   opens at the start, after whitespace, an opening bracket, a dash or a
//!   curly opening quote, and closes elsewhere (so `""` is open + close). `’` and `'` are apostrophes
//!   inside words, possessives after them, elisions before two digits
//!   ("’90s"), and quotation marks otherwise.
//! - **Punct**: sentence punctuation (a run such as "?!" or "..." is one
//!   token), dashes (a run of ASCII hyphens is one token), brackets, commas,
//!   colons, slashes. **Symbol**: currency, `% & # @ + = < > | ~ ^` and
//!   anything else, with emoji sequences kept whole.

use newsgraph_core::{TextRange, Token, TokenKind};

use crate::chars::{
    decode, is_blank, is_dash, is_extend, is_odd_blank, is_open_bracket, is_other_punct,
    is_regional_indicator, is_terminal, is_word_hyphen,
};
use crate::lexicon::{is_dotted, is_initial, listed_abbreviation, AbbrevKind};

/// Tokenizes `range` of `text`, appending to `out`. Returns the offset of the
/// first control or invisible character skipped, for a diagnostic.
pub(crate) fn tokenize(text: &str, range: TextRange, out: &mut Vec<Token>) -> Option<usize> {
    let mut t = Tokenizer {
        text,
        bytes: text.as_bytes(),
        start: range.start(),
        end: range.end().min(text.len()),
        open_single: false,
        odd_blank: None,
        out,
    };
    t.run();
    t.odd_blank
}

struct Tokenizer<'t, 'o> {
    text: &'t str,
    bytes: &'t [u8],
    start: usize,
    end: usize,
    /// An opening single quote is waiting for its close, so a `’` after an
    /// "s" closes it rather than marking a plural possessive ("‘politics’").
    open_single: bool,
    odd_blank: Option<usize>,
    out: &'o mut Vec<Token>,
}

impl Tokenizer<'_, '_> {
    fn run(&mut self) {
        let mut i = self.start;
        while i < self.end {
            let b = self.bytes[i];
            i = if b < 0x80 {
                if b <= b' ' || b == 0x7F {
                    if !(b as char).is_whitespace() {
                        self.note_odd_blank(i);
                    }
                    i + 1
                } else if b.is_ascii_alphabetic() {
                    self.word(i)
                } else if b.is_ascii_digit() {
                    self.number(i)
                } else {
                    self.ascii_punct(i, b)
                }
            } else {
                let Some((c, n)) = self.char_at(i) else { break };
                if is_blank(c) {
                    if is_odd_blank(c) {
                        self.note_odd_blank(i);
                    }
                    i + n
                } else if c.is_alphanumeric() {
                    self.word(i)
                } else {
                    self.other(i, c, n)
                }
            };
        }
    }

    fn note_odd_blank(&mut self, i: usize) {
        self.odd_blank.get_or_insert(i);
    }

    /// The character at `i` if it lies inside the range being tokenized.
    #[inline]
    fn char_at(&self, i: usize) -> Option<(char, usize)> {
        if i < self.end {
            decode(self.text, i)
        } else {
            None
        }
    }

    #[inline]
    fn byte(&self, i: usize) -> Option<u8> {
        if i < self.end {
            Some(self.bytes[i])
        } else {
            None
        }
    }

    #[inline]
    fn is_alnum_at(&self, i: usize) -> bool {
        self.char_at(i).is_some_and(|(c, _)| c.is_alphanumeric())
    }

    #[inline]
    fn is_digit_at(&self, i: usize) -> bool {
        self.byte(i).is_some_and(|b| b.is_ascii_digit())
    }

    #[inline]
    fn push(&mut self, start: usize, end: usize, kind: TokenKind) -> usize {
        self.out.push(Token {
            range: TextRange::new(start, end),
            kind,
        });
        end
    }

    /// The previous token when it touches `i` (no space between).
    fn adjacent_prev(&self, i: usize) -> Option<Token> {
        self.out
            .last()
            .copied()
            .filter(|t| t.range.end() == i && t.range.start() >= self.start)
    }

    /// True when a quotation mark right after `prev` would open a quote: after
    /// an opening quote, an opening bracket or a dash.
    fn opens_after(&self, prev: Option<Token>) -> bool {
        let Some(p) = prev else { return true };
        match p.kind {
            TokenKind::OpenQuote => true,
            TokenKind::Punct => decode(self.text, p.range.start())
                .is_some_and(|(c, _)| is_open_bracket(c) || is_dash(c) || c == '/'),
            _ => false,
        }
    }

    /// True when `i` starts "s" + a non-alphanumeric: the rest of a possessive
    /// or contracted "’s".
    fn is_possessive_s(&self, i: usize) -> bool {
        matches!(self.byte(i), Some(b's' | b'S')) && !self.is_alnum_at(i + 1)
    }

    /// True when `i` starts exactly two digits: an apostrophe before it
    /// elides a century ("’90s", "'22 election").
    fn is_elision(&self, i: usize) -> bool {
        self.is_digit_at(i) && self.is_digit_at(i + 1) && !self.is_digit_at(i + 2)
    }

    /// A word starting with a letter (or a non-ASCII digit).
    fn word(&mut self, start: usize) -> usize {
        let mut i = start;
        // Characters since the start or the last inner period: a period joins
        // a dotted acronym only after a segment of one or two ("U.S", "Ph.D"),
        // so "end.The" stays three tokens.
        let mut segment = 0usize;
        loop {
            while i < self.end {
                // ASCII letters and digits are most of the text: skip decoding.
                let b = self.bytes[i];
                if b.is_ascii_alphanumeric() {
                    segment += 1;
                    i += 1;
                    continue;
                }
                if b < 0x80 {
                    break;
                }
                let Some((c, n)) = decode(self.text, i) else {
                    break;
                };
                if c.is_alphanumeric() {
                    segment += 1;
                } else if !is_extend(c) && !self.mojibake_tail(i, c) {
                    break;
                }
                i += n;
            }
            let Some((c, n)) = self.char_at(i) else { break };
            let next_alnum = self.is_alnum_at(i + n);
            if (c == '\'' || c == '’') && next_alnum {
                if self.is_possessive_s(i + n) {
                    break;
                }
                i += n;
            } else if is_word_hyphen(c) && next_alnum {
                segment = 0;
                i += n;
            } else if c == '.'
                && segment <= 2
                && self.char_at(i + 1).is_some_and(|(c, _)| c.is_alphabetic())
            {
                segment = 0;
                i += 1;
            } else {
                break;
            }
        }
        let end = if self.byte(i) == Some(b'.')
            && self.byte(i + 1) != Some(b'.')
            && self.claims_period(start, i)
        {
            i + 1
        } else {
            i
        };
        self.push(start, end, TokenKind::Word)
    }

    /// Whether `c` at byte `i` is the second half of a UTF-8 letter read
    /// as Latin-1 ("PeÃ±a" for "Peña", "Ã©" for "é"): a character of
    /// U+0080–U+00BF right after "Ã" or "Â" stays inside the word.
    fn mojibake_tail(&self, i: usize, c: char) -> bool {
        ('\u{80}'..='\u{BF}').contains(&c) && self.text[..i].ends_with(['Ã', 'Â'])
    }

    /// Whether the period at `dot` belongs to the word `start..dot`.
    fn claims_period(&self, start: usize, dot: usize) -> bool {
        let word = &self.text[start..dot + 1];
        let blank_after = self.char_at(dot + 1).is_some_and(|(c, _)| is_blank(c));
        // "R-Wis.", "D-Calif.": a party letter joined to a state abbreviation.
        let tail = word.rsplit('-').next().unwrap_or(word);
        let listed = match listed_abbreviation(word) {
            None if tail.len() < word.len() => listed_abbreviation(tail),
            kind => kind,
        };
        match listed {
            Some(AbbrevKind::End) => true,
            // A title takes its period only before a word: "“No.” he said"
            // and a block ending in "Mr." keep a full stop.
            Some(AbbrevKind::Prefix) => blank_after,
            Some(AbbrevKind::Number) => blank_after && self.is_digit_at(dot + 2),
            // "R-N.Y.": a dotted state after a party letter.
            None => is_dotted(word) || is_dotted(tail) || (blank_after && is_initial(word)),
        }
    }

    /// A number starting with an ASCII digit.
    fn number(&mut self, start: usize) -> usize {
        let mut i = start;
        let mut plain = true;
        while self.is_digit_at(i) {
            i += 1;
        }
        loop {
            match self.byte(i) {
                Some(b'.') if self.is_digit_at(i + 1) => i += 1,
                Some(b',')
                    if (1..=3).all(|k| self.is_digit_at(i + k)) && !self.is_digit_at(i + 4) =>
                {
                    i += 1
                }
                Some(b':')
                    if (1..=2).all(|k| self.is_digit_at(i + k)) && !self.is_digit_at(i + 3) =>
                {
                    i += 1
                }
                _ => break,
            }
            plain = false;
            while self.is_digit_at(i) {
                i += 1;
            }
        }
        // An ordinal suffix or a decade "s" belongs to the number; other
        // letters ("67bn") are a unit, so a new word.
        if let (Some(a), Some(b)) = (self.byte(i), self.byte(i + 1)) {
            let suffix = [a.to_ascii_lowercase(), b.to_ascii_lowercase()];
            if matches!(&suffix, b"st" | b"nd" | b"rd" | b"th") && !self.is_alnum_at(i + 2) {
                return self.push(start, i + 2, TokenKind::Number);
            }
        }
        if plain && self.byte(i) == Some(b's') && !self.is_alnum_at(i + 1) {
            i += 1;
        }
        self.push(start, i, TokenKind::Number)
    }

    fn ascii_punct(&mut self, i: usize, b: u8) -> usize {
        match b {
            b'.' | b'!' | b'?' => self.terminal_run(i),
            b'"' => {
                // `""` is an empty quotation, not two openings.
                let prev = self.adjacent_prev(i);
                let after_straight = prev.is_some_and(|p| self.bytes[p.range.start()] == b'"');
                let kind = if !after_straight && self.opens_after(prev) {
                    TokenKind::OpenQuote
                } else {
                    TokenKind::CloseQuote
                };
                self.push(i, i + 1, kind)
            }
            b'\'' if self.byte(i + 1) == Some(b'\'') => {
                // `''` is a double quotation mark (typewriter style, as in
                // many wire and newspaper archives), never an apostrophe.
                let prev = self.adjacent_prev(i);
                let kind = if self.opens_after(prev) {
                    TokenKind::OpenQuote
                } else {
                    TokenKind::CloseQuote
                };
                self.push(i, i + 2, kind)
            }
            b'\'' => self.apostrophe(i, 1),
            b'-' => {
                let mut j = i + 1;
                while self.byte(j) == Some(b'-') {
                    j += 1;
                }
                self.push(i, j, TokenKind::Punct)
            }
            b'$' | b'%' | b'&' | b'#' | b'@' | b'+' | b'<' | b'=' | b'>' | b'|' | b'~' | b'^'
            | b'`' => self.push(i, i + 1, TokenKind::Symbol),
            _ => self.push(i, i + 1, TokenKind::Punct),
        }
    }

    /// A non-ASCII character that is neither blank nor alphanumeric.
    fn other(&mut self, i: usize, c: char, n: usize) -> usize {
        match c {
            '“' | '„' | '‟' | '«' | '‹' | '‚' => {
                self.push(i, i + n, TokenKind::OpenQuote)
            }
            '”' | '»' | '›' => self.push(i, i + n, TokenKind::CloseQuote),
            '‘' | '‛' => {
                if self.is_elision(i + n) {
                    self.push(i, i + n, TokenKind::Punct)
                } else {
                    self.open_single = true;
                    self.push(i, i + n, TokenKind::OpenQuote)
                }
            }
            '’' => self.apostrophe(i, n),
            _ if is_terminal(c) => self.terminal_run(i),
            _ if is_other_punct(c) => self.push(i, i + n, TokenKind::Punct),
            _ => self.symbol(i, c, n),
        }
    }

    /// A run of sentence punctuation: "." "?!" "..." "…".
    fn terminal_run(&mut self, i: usize) -> usize {
        let mut j = i;
        while let Some((c, n)) = self.char_at(j) {
            if !is_terminal(c) {
                break;
            }
            j += n;
        }
        self.push(i, j, TokenKind::Punct)
    }

    /// `'` or `’` outside a word: a possessive, an elision or a quotation mark.
    fn apostrophe(&mut self, i: usize, n: usize) -> usize {
        let prev = self.adjacent_prev(i);
        match prev {
            Some(p) if matches!(p.kind, TokenKind::Word | TokenKind::Number) => {
                if self.is_possessive_s(i + n) {
                    return self.push(i, i + n + 1, TokenKind::Word);
                }
                let kind = if self.is_alnum_at(i + n) {
                    TokenKind::Punct
                } else if self.open_single {
                    self.open_single = false;
                    TokenKind::CloseQuote
                } else if matches!(self.bytes[i - 1], b's' | b'S') {
                    // "leaders’ summit": the plural possessive.
                    TokenKind::Punct
                } else {
                    TokenKind::CloseQuote
                };
                self.push(i, i + n, kind)
            }
            _ if self.opens_after(prev) => {
                if self.is_elision(i + n) {
                    self.push(i, i + n, TokenKind::Punct)
                } else {
                    self.open_single = true;
                    self.push(i, i + n, TokenKind::OpenQuote)
                }
            }
            _ => {
                self.open_single = false;
                self.push(i, i + n, TokenKind::CloseQuote)
            }
        }
    }

    /// A symbol, keeping emoji sequences whole: modifiers, variation
    /// selectors, joiners with what they join, and flag pairs.
    fn symbol(&mut self, i: usize, c: char, n: usize) -> usize {
        let mut j = i + n;
        if is_regional_indicator(c) {
            if let Some((d, m)) = self.char_at(j) {
                if is_regional_indicator(d) {
                    j += m;
                }
            }
        }
        while let Some((d, m)) = self.char_at(j) {
            if d == '\u{200D}' {
                j += m;
                // A zero-width joiner glues the next pictograph on.
                if let Some((e, k)) = self.char_at(j) {
                    if !e.is_ascii() && !is_blank(e) && !e.is_alphanumeric() {
                        j += k;
                    }
                }
            } else if is_extend(d) {
                j += m;
            } else {
                break;
            }
        }
        self.push(i, j, TokenKind::Symbol)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders the tokens of `input` as `text:K` separated by spaces, where K
    /// is W(ord), N(umber), O(pen quote), C(lose quote), P(unct), S(ymbol).
    /// Tokens never contain whitespace, so the rendering is unambiguous.
    fn check(input: &str, expected: &str) {
        let mut out = Vec::new();
        tokenize(input, TextRange::new(0, input.len()), &mut out);
        let actual: Vec<String> = out
            .iter()
            .map(|t| {
                let k = match t.kind {
                    TokenKind::Word => 'W',
                    TokenKind::Number => 'N',
                    TokenKind::OpenQuote => 'O',
                    TokenKind::CloseQuote => 'C',
                    TokenKind::Punct => 'P',
                    TokenKind::Symbol => 'S',
                };
                format!("{}:{k}", t.range.slice(input))
            })
            .collect();
        assert_eq!(actual.join(" "), expected, "input: {input:?}");
    }

    #[test]
    fn words_with_inner_apostrophes_and_hyphens() {
        check("don’t can't", "don’t:W can't:W");
        check(
            "Vice-President Ukrainian-made yet-to-be-determined",
            "Vice-President:W Ukrainian-made:W yet-to-be-determined:W",
        );
        check("COVID-19 F-16s G7", "COVID-19:W F-16s:W G7:W");
        check("a well- and ill-", "a:W well:W -:P and:W ill:W -:P");
    }

    #[test]
    fn possessives() {
        check("Trump’s Russia's", "Trump:W ’s:W Russia:W 's:W");
        check("it’s TRUMP’S", "it:W ’s:W TRUMP:W ’S:W");
        check("the leaders’ summit", "the:W leaders:W ’:P summit:W");
        check("the U.S.’s role", "the:W U.S.:W ’s:W role:W");
        check("the 1990’s", "the:W 1990:N ’s:W");
    }

    #[test]
    fn two_apostrophes_are_one_double_quotation_mark() {
        check(
            "is ''10 times,'' he",
            "is:W '':O 10:N times:W ,:P '':C he:W",
        );
        check("''Yes.''", "'':O Yes:W .:P '':C");
        // One apostrophe before two digits still elides a century.
        check("the '90s", "the:W ':P 90s:N");
    }

    #[test]
    fn abbreviations_keep_their_period() {
        check("Mr. Smith", "Mr.:W Smith:W");
        check("U.S. President", "U.S.:W President:W");
        check("J. D. Vance", "J.:W D.:W Vance:W");
        check("Donald J. Trump", "Donald:W J.:W Trump:W");
        check(
            "e.g. this, a.m. and Ph.D.",
            "e.g.:W this:W ,:P a.m.:W and:W Ph.D.:W",
        );
        check("Louisville, Ky.", "Louisville:W ,:P Ky.:W");
        check("Aug. 19", "Aug.:W 19:N");
        check("Johnson, R-Wis., said", "Johnson:W ,:P R-Wis.:W ,:P said:W");
        check("Collins, R-N.Y., said", "Collins:W ,:P R-N.Y.:W ,:P said:W");
    }

    #[test]
    fn full_stops_are_their_own_token() {
        check("He left.", "He:W left:W .:P");
        check("in 2022.", "in:W 2022:N .:P");
        check("end.The", "end:W .:P The:W");
        check("Wait... What?!", "Wait:W ...:P What:W ?!:P");
        check("It was… fine.", "It:W was:W …:P fine:W .:P");
    }

    #[test]
    fn titles_take_a_period_only_before_a_word() {
        check("“No.” he said", "“:O No:W .:P ”:C he:W said:W");
        check("No. 10 Downing", "No.:W 10:N Downing:W");
        check(
            "The answer was No. Then",
            "The:W answer:W was:W No:W .:P Then:W",
        );
        check("said Mr.", "said:W Mr:W .:P");
        check("Plan B.”", "Plan:W B:W .:P ”:C");
    }

    #[test]
    fn dotted_acronym_before_a_hyphen() {
        check("U.S.-Ukraine", "U.S.:W -:P Ukraine:W");
        check("U.S.-backed", "U.S.:W -:P backed:W");
    }

    #[test]
    fn numbers() {
        check(
            "90 1,200 3.5 2022 1,200,000.50",
            "90:N 1,200:N 3.5:N 2022:N 1,200,000.50:N",
        );
        check("10th 21st 1990s 90s", "10th:N 21st:N 1990s:N 90s:N");
        check("at 2:30 p.m.", "at:W 2:30:N p.m.:W");
        check("1,2 12,34", "1:N ,:P 2:N 12:N ,:P 34:N");
        check("40-minute 2022-23", "40:N -:P minute:W 2022:N -:P 23:N");
        check("5%", "5:N %:S");
    }

    #[test]
    fn currency_and_units() {
        check(
            "$90 billion (£67bn).",
            "$:S 90:N billion:W (:P £:S 67:N bn:W ):P .:P",
        );
        check("€3.5m", "€:S 3.5:N m:W");
    }

    #[test]
    fn curly_quotes() {
        check("“deal.”", "“:O deal:W .:P ”:C");
        check("‘Stop!’", "‘:O Stop:W !:P ’:C");
        check("‘good politics’ and", "‘:O good:W politics:W ’:C and:W");
        check("the ’90s", "the:W ’:P 90s:N");
        check("«Oui»", "«:O Oui:W »:C");
    }

    #[test]
    fn straight_quotes() {
        check(r#""Yes," he said."#, r#"":O Yes:W ,:P ":C he:W said:W .:P"#);
        check(r#"("No")"#, r#"(:P ":O No:W ":C ):P"#);
        check(r#"—"No""#, r#"—:P ":O No:W ":C"#);
        check(r#""""#, r#"":O ":C"#);
        check("'Stop,' he said", "':O Stop:W ,:P ':C he:W said:W");
        check("'Stop' he said", "':O Stop:W ':C he:W said:W");
        check("the '22 vote", "the:W ':P 22:N vote:W");
    }

    #[test]
    fn punctuation_and_symbols() {
        check(
            "a—b – c -- d; e: f/g [h] {i}",
            "a:W —:P b:W –:P c:W --:P d:W ;:P e:W ::P f:W /:P g:W [:P h:W ]:P {:P i:W }:P",
        );
        check("#Ukraine @nato R&D", "#:S Ukraine:W @:S nato:W R:W &:S D:W");
    }

    #[test]
    fn unicode_edges() {
        check("Zelenska e\u{0301}te", "Zelenska:W e\u{0301}te:W");
        check("🙂👍🏽 🇺🇦!", "🙂:S 👍🏽:S 🇺🇦:S !:P");
        check("👨\u{200D}👩\u{200D}👧 x", "👨\u{200D}👩\u{200D}👧:S x:W");
        check("\u{0301}a", "\u{0301}:S a:W");
        check("Kyiv\u{00A0}said\u{200B}so", "Kyiv:W said:W so:W");
    }

    #[test]
    fn mojibake_letters_stay_in_their_word() {
        // "Peña" and "François" as UTF-8 read as Latin-1.
        check("Enrique PeÃ±a Nieto", "Enrique:W PeÃ±a:W Nieto:W");
        check("FranÃ§ois Hollande", "FranÃ§ois:W Hollande:W");
        // Elsewhere the sign stays a symbol.
        check("a ± b", "a:W ±:S b:W");
        check("x±y", "x:W ±:S y:W");
    }

    #[test]
    fn only_part_of_the_text_is_tokenized() {
        let text = "ab cd ef";
        let mut out = Vec::new();
        tokenize(text, TextRange::new(3, 5), &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].range, TextRange::new(3, 5));
    }

    #[test]
    fn odd_blanks_are_reported() {
        let mut out = Vec::new();
        let text = "a\u{0}b";
        assert_eq!(
            tokenize(text, TextRange::new(0, text.len()), &mut out),
            Some(1)
        );
        assert_eq!(tokenize("a b", TextRange::new(0, 3), &mut out), None);
    }
}
