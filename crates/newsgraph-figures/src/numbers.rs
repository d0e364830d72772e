//! Numbers in digits ("1,200", "1.2", "67" + "bn") or in words ("forty",
//! "twenty-five", "two hundred and fifty", "a dozen", "half a million").
//!
//! Digit strings are turned into `f64` by parsing `"<digits>e<exponent>"`,
//! which rounds once and correctly ("1.2 trillion" is exactly 1.2e12) and
//! never fails: a value too large for `f64` becomes `f64::MAX`, so an absurd
//! amount saturates instead of overflowing, and the result stays finite
//! (JSON has no infinity).

use crate::lexicon::{NumClass, ScaleUse, LEX};
use crate::scan::{Kind, Scan};

/// How a number was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// Digits; `plain` when without separators, `digits` their count.
    Digits { plain: bool, len: usize },
    /// Number words ("six", "two hundred").
    Words,
    /// A lone "a"/"an" standing for one ("a week-long"): only units use it.
    Article,
    /// "half a"/"half an" before a unit ("half an hour").
    Half,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Number {
    /// One past the last token.
    pub end: usize,
    pub value: f64,
    pub form: Form,
    /// A scale word or abbreviation was applied ("90 billion", "67bn").
    pub scaled: bool,
    /// The power of ten of the last scale applied, 0 without one.
    pub exp: i32,
}

impl Number {
    /// A real number, not a lone article or "half a".
    pub fn is_explicit(&self) -> bool {
        matches!(self.form, Form::Digits { .. } | Form::Words)
    }

    pub fn is_integer(&self) -> bool {
        self.value.fract() == 0.0
    }
}

/// `digits` (ASCII digits with `,` and at most one `.`) times ten to `exp`.
/// Returns `None` when the separators are malformed ("1.2.3", "1,20").
pub(crate) fn decimal(digits: &str, exp: i32) -> Option<f64> {
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) if !f.contains(['.', ',']) => (i, f),
        Some(_) => return None,
        None => (digits, ""),
    };
    if int.contains(',') {
        let mut groups = int.split(',');
        let first = groups.next().unwrap_or("");
        if first.is_empty() || first.len() > 3 || groups.any(|g| g.len() != 3) {
            return None;
        }
    }
    let mut s = String::with_capacity(digits.len() + 24);
    s.extend(int.chars().filter(|&c| c != ','));
    s.push_str(frac);
    let exp = i64::from(exp) - frac.len() as i64;
    s.push('e');
    s.push_str(&exp.to_string());
    let v: f64 = s.parse().ok()?;
    Some(saturate(v))
}

/// Keeps a value finite: too large becomes `f64::MAX`.
pub(crate) fn saturate(v: f64) -> f64 {
    if v.is_finite() {
        v
    } else {
        f64::MAX
    }
}

/// The scale after token `j - 1` of a number: returns (power of ten, end).
/// `money` allows one-letter abbreviations glued to the number ("$5m").
fn scale_at(s: &Scan, j: usize, money: bool) -> Option<(i32, usize)> {
    if !s.is_word(j) {
        return None;
    }
    let sc = LEX.scales.get(s.low(j))?;
    let glued = s.glued(j);
    let ok = match sc.usage {
        ScaleUse::Word => !glued,
        ScaleUse::Abbr => true,
        ScaleUse::Money => glued && money,
    };
    // Word tokens are whole runs of letters, so "5min" never reads as 5 + "m".
    ok.then_some((sc.exp, j + 1))
}

/// Parses the number starting at token `i`, if any. `money` tells whether a
/// currency precedes it (for one-letter scale abbreviations).
pub(crate) fn parse_number(s: &Scan, i: usize, money: bool) -> Option<Number> {
    match s.kind(i)? {
        Kind::Num => parse_digits(s, i, money),
        Kind::Word => parse_words(s, i),
        Kind::Sym => None,
    }
}

fn parse_digits(s: &Scan, i: usize, money: bool) -> Option<Number> {
    let text = s.text(i);
    // Ordinals ("18th") are not quantities.
    if s.glued(i + 1) && matches!(s.low(i + 1), "st" | "nd" | "rd" | "th") {
        return None;
    }
    let (exp, end) = scale_at(s, i + 1, money).unwrap_or((0, i + 1));
    let value = decimal(text, exp)?;
    Some(Number {
        end,
        value,
        form: Form::Digits {
            plain: !text.contains([',', '.']),
            len: text.len(),
        },
        scaled: end > i + 1,
        exp,
    })
}

/// Where a number in words stands, for deciding which word may come next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    Unit,
    Teen,
    Ten,
    Hundred,
    /// After a scale word ("two million"): a smaller number may follow.
    Scale,
    /// After "a"/"an" or "half a": only hundred, dozen or a scale may follow.
    Article,
    Dozen,
}

fn parse_words(s: &Scan, i: usize) -> Option<Number> {
    let lex = &*LEX;
    let first = lex.numbers.get(s.low(i))?;
    let mut total = 0.0f64;
    let mut cur = 0.0f64;
    let mut state = State::Start;
    // The last scale used: later scales must be smaller ("two million three thousand").
    let mut last_exp = i32::MAX;
    let mut scaled = false;
    let mut j = i;
    let mut end = i;

    // "half a/an ...": half of what follows.
    if first.class == NumClass::Half {
        if !(s.is_word(i + 1) && !s.glued(i + 1) && matches!(s.low(i + 1), "a" | "an")) {
            return None;
        }
        cur = 0.5;
        state = State::Article;
        j = i + 2;
        end = j;
    }

    while j < s.len() && state != State::Dozen {
        if j > i {
            // "twenty-five": a hyphen glued between a ten and a unit.
            if state == State::Ten && s.is_sym(j, '-') && s.glued(j) && s.glued(j + 1) {
                match lex.numbers.get(s.low(j + 1)) {
                    Some(w) if w.class == NumClass::Unit && s.is_word(j + 1) => {
                        cur += w.value;
                        state = State::Unit;
                        j += 2;
                        end = j;
                        continue;
                    }
                    _ => break,
                }
            }
            if !s.toks[j].space_before {
                break;
            }
        }
        if !s.is_word(j) {
            break;
        }
        let w = s.low(j);
        // "two hundred and fifty": "and" only after a hundred or a scale, before a smaller number.
        if w == "and" {
            let next = lex.numbers.get(s.low(j + 1));
            let small = next.is_some_and(|n| {
                matches!(n.class, NumClass::Unit | NumClass::Teen | NumClass::Ten)
            });
            if matches!(state, State::Hundred | State::Scale) && s.is_word(j + 1) && small {
                j += 1;
                continue;
            }
            break;
        }
        if let Some(sc) = lex.scales.get(w).filter(|sc| sc.usage == ScaleUse::Word) {
            let ok = matches!(
                state,
                State::Unit | State::Teen | State::Ten | State::Hundred | State::Article
            );
            if !ok || sc.exp >= last_exp {
                break;
            }
            total += cur * 10f64.powi(sc.exp);
            cur = 0.0;
            last_exp = sc.exp;
            state = State::Scale;
            scaled = true;
            j += 1;
            end = j;
            continue;
        }
        let Some(n) = lex.numbers.get(w) else { break };
        state = match (n.class, state) {
            (NumClass::Unit, State::Start | State::Ten | State::Hundred | State::Scale) => {
                cur += n.value;
                State::Unit
            }
            (NumClass::Teen, State::Start | State::Hundred | State::Scale) => {
                cur += n.value;
                State::Teen
            }
            (NumClass::Ten, State::Start | State::Hundred | State::Scale) => {
                cur += n.value;
                State::Ten
            }
            (NumClass::Hundred, State::Unit | State::Teen | State::Article) => {
                cur *= 100.0;
                State::Hundred
            }
            (NumClass::Dozen, State::Unit | State::Article) => {
                cur *= 12.0;
                State::Dozen
            }
            (NumClass::Article, State::Start) => {
                cur = 1.0;
                State::Article
            }
            _ => break,
        };
        j += 1;
        end = j;
    }
    if end == i {
        return None;
    }
    let form = match (first.class, state) {
        (NumClass::Half, State::Article) => Form::Half,
        (NumClass::Article, State::Article) => Form::Article,
        _ => Form::Words,
    };
    Some(Number {
        end,
        value: saturate(total + cur),
        form,
        scaled,
        exp: if scaled { last_exp } else { 0 },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses the number at the start of `text`: (value, words consumed as text).
    fn check(text: &str, expected: Option<(f64, &str)>) {
        let s = Scan::new(text);
        let got = parse_number(&s, 0, text.starts_with('$'))
            .map(|n| (n.value, s.range(0, n.end).slice(text)));
        assert_eq!(got, expected, "{text:?}");
    }

    #[test]
    fn digits() {
        check("1,200 people", Some((1200.0, "1,200")));
        check("1.2 trillion", Some((1.2e12, "1.2 trillion")));
        check("67bn", Some((6.7e10, "67bn")));
        check("67 bn", Some((6.7e10, "67 bn")));
        check("5m wall", Some((5.0, "5")));
        check("90 billion", Some((9e10, "90 billion")));
        check("1.2.3", None);
        check("1,20", None);
        check("18th", None);
        check("12,345,678.25", Some((12345678.25, "12,345,678.25")));
    }

    #[test]
    fn huge_digit_strings_saturate() {
        let text = "9".repeat(5000);
        let s = Scan::new(&text);
        let n = parse_number(&s, 0, false).unwrap();
        assert_eq!(n.value, f64::MAX);
        assert_eq!(decimal("9999999999999999", 12), Some(1e28));
    }

    #[test]
    fn words() {
        check("six separate", Some((6.0, "six")));
        check("twenty-five", Some((25.0, "twenty-five")));
        check(
            "two hundred and fifty",
            Some((250.0, "two hundred and fifty")),
        );
        check("two hundred and then", Some((200.0, "two hundred")));
        check("three million people", Some((3e6, "three million")));
        check("a dozen eggs", Some((12.0, "a dozen")));
        check("two dozen", Some((24.0, "two dozen")));
        check("a hundred", Some((100.0, "a hundred")));
        check("a million", Some((1e6, "a million")));
        check("half a million", Some((5e5, "half a million")));
        check("half an hour", Some((0.5, "half an")));
        check("one two", Some((1.0, "one")));
        check("twenty thirty", Some((20.0, "twenty")));
        check(
            "one thousand two hundred",
            Some((1200.0, "one thousand two hundred")),
        );
        check("million", None);
        check("half", None);
        check("and", None);
    }
}
