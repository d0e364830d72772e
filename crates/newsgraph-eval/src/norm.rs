//! Text normalisation for gold matching.
//!
//! The seed gold file matches text "after folding curly quotes/apostrophes to
//! straight ones, collapsing whitespace, and trimming leading/trailing
//! punctuation and spaces". [`fold`] is exactly that; [`fold_ci`] also
//! lowercases, for names and roles, which are identifiers rather than quoted
//! text.

/// Folds one character: typographic quotes, apostrophes and primes to their
/// straight ASCII forms; everything else unchanged.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2033}' => '"',
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{2039}'
        | '\u{203A}' => '\'',
        c => c,
    }
}

/// Characters trimmed from both ends by [`fold`]: whitespace, and sentence and
/// quotation punctuation (after quote folding). Currency, percent and other
/// symbols (`$ £ € % & #`) are kept: they belong to figures.
pub fn is_trimmed(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '.' | ','
                | ';'
                | ':'
                | '!'
                | '?'
                | '\''
                | '"'
                | '('
                | ')'
                | '['
                | ']'
                | '{'
                | '}'
                | '-'
                | '_'
                | '/'
                | '*'
                | '\u{2026}' // …
                | '\u{2010}'
                ..='\u{2015}' // hyphens and dashes ‐ ‑ ‒ – — ―
                | '\u{00A1}' // ¡
                | '\u{00BF}' // ¿
                | '\u{00B7}' // ·
        )
}

/// The gold matching normalisation: curly quotes and apostrophes (“ ” ‘ ’ „
/// « » ′ …) become straight ones, whitespace runs (including no-break spaces
/// and line breaks) become one space, and punctuation and spaces are trimmed
/// from both ends. Case is kept.
///
/// ```
/// use newsgraph_eval::norm::fold;
/// assert_eq!(fold("  “I don’t know that it’s necessary,”\n"), "I don't know that it's necessary");
/// assert_eq!(fold("the U.S.\u{a0} would   provide “good protection.”"), "the U.S. would provide \"good protection");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(fold_char(c));
    }
    let trimmed = out.trim_matches(is_trimmed);
    if trimmed.len() == out.len() {
        out
    } else {
        trimmed.to_string()
    }
}

/// [`fold`], then lowercase: for names, roles and other identifiers.
pub fn fold_ci(text: &str) -> String {
    fold(text).to_lowercase()
}

/// True when the two texts are equal after [`fold`].
pub fn eq(a: &str, b: &str) -> bool {
    fold(a) == fold(b)
}

/// True when the two texts are equal after [`fold_ci`].
pub fn eq_ci(a: &str, b: &str) -> bool {
    fold_ci(a) == fold_ci(b)
}

/// The lowercase words of a text: maximal runs of alphanumeric characters
/// (apostrophes inside a word are kept: "don't"). Used for "the cue overlaps
/// the cue words" and "the trigger overlaps".
pub fn words(text: &str) -> Vec<String> {
    let folded: String = text.chars().map(fold_char).collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = folded.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let inner_apostrophe =
            c == '\'' && !cur.is_empty() && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        if c.is_alphanumeric() || inner_apostrophe {
            cur.extend(c.to_lowercase());
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// True when the two texts share at least one word (see [`words`]).
pub fn words_overlap(a: &str, b: &str) -> bool {
    let wa = words(a);
    words(b).iter().any(|w| wa.contains(w))
}

/// True when `needle` occurs in `haystack` as whole words: the match starts
/// and ends at a word boundary (not inside an alphanumeric run). Both texts
/// should already be folded the same way.
pub fn contains_words(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let mut from = 0;
    while let Some(i) = haystack[from..].find(needle) {
        let start = from + i;
        let end = start + needle.len();
        let before_ok = !haystack[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
            || !needle.starts_with(char::is_alphanumeric);
        let after_ok = !haystack[end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
            || !needle.ends_with(char::is_alphanumeric);
        if before_ok && after_ok {
            return true;
        }
        from = start + haystack[start..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_quotes_and_apostrophes() {
        assert_eq!(fold("“a” ‘b’ „c“ «d» e′s"), "a\" 'b' \"c\" \"d\" e's");
        assert_eq!(fold("Ukraine’s First Lady"), "Ukraine's First Lady");
    }

    #[test]
    fn collapses_whitespace() {
        assert_eq!(fold("a \t\n b\u{a0}\u{a0}c"), "a b c");
        assert_eq!(fold("\r\n  a  \r\n"), "a");
    }

    #[test]
    fn trims_punctuation_at_both_ends_only() {
        assert_eq!(fold("“first line of defence,”"), "first line of defence");
        assert_eq!(fold("— [it’s] to your wife,” "), "it's] to your wife");
        assert_eq!(fold("U.S."), "U.S");
        assert_eq!(fold("a, b. c"), "a, b. c");
        assert_eq!(fold("...!?"), "");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn keeps_currency_and_percent() {
        assert_eq!(fold("$90 billion"), "$90 billion");
        assert_eq!(fold("(£67bn)"), "£67bn");
        assert_eq!(fold("40%."), "40%");
    }

    #[test]
    fn both_sides_fold_the_same() {
        assert!(eq(
            "I don’t know that it’s necessary",
            "“I don't know that it's necessary,”"
        ));
        assert!(!eq("Trump", "trump"));
        assert!(eq_ci("Trump", "trump."));
    }

    #[test]
    fn words_and_overlap() {
        assert_eq!(
            words("According to Trump’s aides, don’t"),
            ["according", "to", "trump's", "aides", "don't"]
        );
        assert_eq!(
            words("Putin–Zelensky 40-minute"),
            ["putin", "zelensky", "40", "minute"]
        );
        assert!(words_overlap("expressed willingness", "Expressed"));
        assert!(!words_overlap("said", "told"));
    }

    #[test]
    fn contains_whole_words() {
        assert!(contains_words("he had offered six separate", "six"));
        assert!(!contains_words("sixty", "six"));
        assert!(contains_words("within 10 days", "10 days"));
        assert!(contains_words("x $90 billion", "$90 billion"));
        assert!(!contains_words("abc", ""));
        assert!(contains_words("ab ab", "ab"));
        assert!(!contains_words("abab", "ab"));
    }
}
