//! Character classes shared by the block, token and sentence passes.
//!
//! std has no Unicode general categories, so the few classes the segmenter
//! needs beyond `char::is_alphanumeric` and `char::is_whitespace` are listed
//! here by code point.

/// Text that separates tokens and never belongs to one: whitespace, control
/// characters and invisible separators. A byte-order mark or a zero-width
/// space carries no meaning, and control characters are copy-paste noise.
#[inline]
pub(crate) fn is_blank(c: char) -> bool {
    c.is_whitespace() || c.is_control() || matches!(c, '\u{200B}' | '\u{FEFF}')
}

/// True for a blank that is not ordinary whitespace (worth a diagnostic).
#[inline]
pub(crate) fn is_odd_blank(c: char) -> bool {
    !c.is_whitespace() && is_blank(c)
}

/// Characters that attach to the character before them: combining marks,
/// joiners, variation selectors, emoji modifiers and tags, the soft hyphen.
/// They never start a token of their own when something precedes them, so
/// "é" written as e + U+0301 stays one word and a family emoji one symbol.
#[inline]
pub(crate) fn is_extend(c: char) -> bool {
    matches!(c,
        '\u{00AD}'
        | '\u{0300}'..='\u{036F}'
        | '\u{0483}'..='\u{0489}'
        | '\u{0591}'..='\u{05BD}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{093C}' | '\u{094D}' | '\u{09BC}' | '\u{09CD}' | '\u{0A3C}' | '\u{0A4D}'
        | '\u{0ABC}' | '\u{0ACD}' | '\u{0B3C}' | '\u{0B4D}' | '\u{0BCD}' | '\u{0C4D}'
        | '\u{0CBC}' | '\u{0CCD}' | '\u{0D4D}' | '\u{0DCA}'
        | '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{200C}' | '\u{200D}' | '\u{2060}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{1F3FB}'..='\u{1F3FF}'
        | '\u{E0020}'..='\u{E007F}'
        | '\u{E0100}'..='\u{E01EF}'
    )
}

/// Regional indicator letters: two of them make one flag emoji.
#[inline]
pub(crate) fn is_regional_indicator(c: char) -> bool {
    matches!(c, '\u{1F1E6}'..='\u{1F1FF}')
}

/// Characters that end a sentence, alone or in runs ("?!", "...").
#[inline]
pub(crate) fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？')
}

/// Dashes of every width. Hyphens join words; the rest are punctuation.
#[inline]
pub(crate) fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'
            ..='\u{2015}' | '\u{2E3A}' | '\u{2E3B}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}'
    )
}

/// Hyphens that join the parts of a word ("Ukrainian-made").
#[inline]
pub(crate) fn is_word_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Opening brackets.
#[inline]
pub(crate) fn is_open_bracket(c: char) -> bool {
    matches!(c, '(' | '[' | '{')
}

/// Closing brackets.
#[inline]
pub(crate) fn is_close_bracket(c: char) -> bool {
    matches!(c, ')' | ']' | '}')
}

/// Currency signs, which may open a sentence ("$90 billion was pledged.").
#[inline]
pub(crate) fn is_currency(c: char) -> bool {
    matches!(c, '$' | '£' | '€' | '¥' | '₹' | '₽' | '₴' | '₩' | '₪' | '¢')
}

/// Non-ASCII characters that are punctuation rather than symbols. Anything
/// else that is neither a letter, a digit nor a quotation mark is a symbol.
#[inline]
pub(crate) fn is_other_punct(c: char) -> bool {
    is_dash(c)
        || matches!(
            c,
            '•' | '‣'
                | '◦'
                | '·'
                | '¡'
                | '¿'
                | '§'
                | '¶'
                | '†'
                | '‡'
                | '‰'
                | '′'
                | '″'
                | '、'
                | '，'
                | '：'
                | '；'
                | '（'
                | '）'
        )
}

/// The character starting at byte `i` of `s`, with its length, or `None` at
/// the end or off a character boundary (which callers never ask for, but a
/// wrong answer must not panic).
#[inline]
pub(crate) fn decode(s: &str, i: usize) -> Option<(char, usize)> {
    let b = *s.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((b as char, 1));
    }
    let c = s.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// The first non-blank byte at or after `i` and before `end`, or `end`.
pub(crate) fn skip_blanks(s: &str, mut i: usize, end: usize) -> usize {
    while i < end {
        match decode(s, i) {
            Some((c, n)) if is_blank(c) => i += n,
            _ => break,
        }
    }
    i
}

/// The end of the text in `start..end` without trailing blanks.
pub(crate) fn trim_blanks_end(s: &str, start: usize, mut end: usize) -> usize {
    while end > start {
        let Some(c) = s.get(start..end).and_then(|t| t.chars().next_back()) else {
            break;
        };
        if !is_blank(c) {
            break;
        }
        end -= c.len_utf8();
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(
            is_blank('\u{00A0}') && is_blank('\u{0}') && is_blank('\u{FEFF}') && is_blank('\r')
        );
        assert!(!is_blank('a') && !is_blank('\u{200D}'));
        assert!(is_extend('\u{0303}') && is_extend('\u{200D}') && is_extend('\u{1F3FD}'));
        assert!(is_terminal('…') && !is_terminal(','));
        assert!(is_dash('—') && is_dash('–') && !is_word_hyphen('—'));
    }

    #[test]
    fn decode_and_trim_never_panic_off_boundaries() {
        let s = "a’b  ";
        assert_eq!(decode(s, 1), Some(('’', 3)));
        assert_eq!(decode(s, 2), None);
        assert_eq!(decode(s, 99), None);
        assert_eq!(trim_blanks_end(s, 0, s.len()), 5);
        assert_eq!(skip_blanks(s, 5, s.len()), s.len());
    }
}
