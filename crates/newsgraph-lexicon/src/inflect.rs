//! English word forms shared by the lexicons of the layers (cues, event
//! triggers): regular verb inflection and the folding applied to lexicon
//! phrases and text words before they are compared.

/// Lowercase, straight apostrophes (’ ‘ ` → '), single spaces.
pub fn fold_phrase(s: &str) -> String {
    // Fast path: one ASCII word without backquotes lowercases bytewise.
    if s.bytes().all(|b| b.is_ascii_graphic() && b != b'`') {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in w.chars() {
            match c {
                '’' | '‘' | '`' => out.push('\''),
                c => out.extend(c.to_lowercase()),
            }
        }
    }
    out
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// The regular inflections of a verb, in this order: base, third person
/// present (-s), past (-ed), participle (-ing). "deny" → denies, denied,
/// denying; "vote" → votes, voted, voting; "tie" → tying.
pub fn verb_forms(v: &str) -> [String; 4] {
    let b = v.as_bytes();
    let n = b.len();
    let last = b.last().copied().unwrap_or(b'x');
    let before = if n >= 2 { b[n - 2] } else { b'x' };
    let consonant_y = last == b'y' && !is_vowel(before);
    let present = if consonant_y {
        format!("{}ies", &v[..n - 1])
    } else if v.ends_with('s')
        || v.ends_with('x')
        || v.ends_with('z')
        || v.ends_with("ch")
        || v.ends_with("sh")
    {
        format!("{v}es")
    } else {
        format!("{v}s")
    };
    let past = if last == b'e' {
        format!("{v}d")
    } else if consonant_y {
        format!("{}ied", &v[..n - 1])
    } else {
        format!("{v}ed")
    };
    let participle = if v.ends_with("ie") {
        format!("{}ying", &v[..n - 2])
    } else if last == b'e' && !v.ends_with("ee") && !v.ends_with("ye") && !v.ends_with("oe") {
        format!("{}ing", &v[..n - 1])
    } else {
        format!("{v}ing")
    };
    [v.to_string(), present, past, participle]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_verbs_inflect() {
        assert_eq!(verb_forms("deny"), ["deny", "denies", "denied", "denying"]);
        assert_eq!(verb_forms("vote"), ["vote", "votes", "voted", "voting"]);
        assert_eq!(verb_forms("tie"), ["tie", "ties", "tied", "tying"]);
        assert_eq!(verb_forms("push"), ["push", "pushes", "pushed", "pushing"]);
        assert_eq!(
            verb_forms("agree"),
            ["agree", "agrees", "agreed", "agreeing"]
        );
        assert_eq!(verb_forms("play"), ["play", "plays", "played", "playing"]);
    }

    #[test]
    fn phrases_fold() {
        assert_eq!(fold_phrase("Said"), "said");
        assert_eq!(fold_phrase("  According   TO "), "according to");
        assert_eq!(fold_phrase("Trump’s `aide`"), "trump's 'aide'");
    }
}
