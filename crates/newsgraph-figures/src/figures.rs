//! Figures: money, durations, deadlines, counts and percentages.
//!
//! | text                                   | value                                  |
//! |----------------------------------------|----------------------------------------|
//! | `$90 billion`, `£67bn`, `€1.2 trillion`, `US$5 million`, `$5m`, `$1,200`, `Rs 500 crore` | money, prefix currency |
//! | `90bn dollars`, `5 million euros`, `5 million pounds` | money, currency after the number |
//! | `$90 billion (£67bn)`                  | two money figures, the second `same_as` the first |
//! | `$5-10 billion`                        | 5e9 and 1e10 USD                       |
//! | `40-minute`, `two hours`, `90 minutes`, `three days`, `a week-long`, `half an hour` | duration in minutes (a month is 30 days, a year 365) |
//! | `within 10 days`, `in the next two weeks`, `in 10 days` (future cue) | deadline: `days` and `by` from an anchor |
//! | `by Friday` (future), `by the end of the month`, `by March` | deadline at the end of that day or period |
//! | `six separate thank yous`, `1,200 troops`, `about 300 people`, `1.2 million` | count (only the number is the span) |
//! | `dozens`, `hundreds of`, `tens of thousands`, `scores of` | approximate count |
//! | `5%`, `5 percent`, `five per cent`, `2 percentage points` | percent |
//!
//! **Deadline anchor.** A deadline counts from a resolved day-precision
//! date: the nearest one earlier in the same sentence, else the first one
//! later in it, else the most recent one earlier in the text, else the
//! publication date. `by` is then `anchor + days` (calendar months for
//! month and year units). A `by <date>` is a deadline only when the date
//! ends after publication ("by Monday evening the talks had failed" is not).
//!
//! **Not counts:** years (four plain digits 1900-2100), numbers inside
//! dates, money, durations or percentages, list numbering ("1." at a line
//! start), codes glued to letters or symbols ("G7", "F-16", "3:1"),
//! ordinals, the word "one", and a small number in words after a determiner
//! ("the two adversaries": things already named). A count needs a plural
//! noun within three words ("six separate thank yous"), or a scale word.
//!
//! **Amounts** are `f64`: a value too large saturates to `f64::MAX`.

use crate::dates::{add_days, add_months};
use crate::lexicon::{role, Tense, Unit, LEX};
use crate::numbers::{decimal, parse_number, saturate, Form, Number};
use crate::scan::{Kind, Scan};
use chrono::{Datelike, NaiveDate};
use newsgraph_core::{DateRef, Figure, FigureId, FigureValue, PartialDate, Precision, TextRange};

/// Finds the figures in `text`, sorted by start. `dates` are the date
/// expressions of the same text (from [`crate::find_dates`]): numbers inside
/// them are not figures, and deadlines count from them.
///
/// ```
/// use chrono::NaiveDate;
/// let text = "A $90 billion (£67bn) deal.";
/// let figures = newsgraph_figures::find_figures(text, None, &[]);
/// assert_eq!(figures.len(), 2);
/// assert_eq!(figures[1].range.slice(text), "£67bn");
/// assert_eq!(figures[1].same_as.map(|f| f.index()), Some(0));
/// ```
pub fn find_figures(text: &str, published: Option<NaiveDate>, dates: &[DateRef]) -> Vec<Figure> {
    find_figures_in(&Scan::new(text), published, dates, None)
}

/// [`find_figures`] over a scanned text, with the sentence ranges of the
/// segmentation layer when there is one.
pub(crate) fn find_figures_in(
    s: &Scan,
    published: Option<NaiveDate>,
    dates: &[DateRef],
    sentences: Option<&[TextRange]>,
) -> Vec<Figure> {
    let mut dates: Vec<&DateRef> = dates
        .iter()
        .filter(|d| {
            d.range.end() <= s.text.len()
                && s.text.is_char_boundary(d.range.start())
                && s.text.is_char_boundary(d.range.end())
        })
        .collect();
    dates.sort_by_key(|d| d.range.start());
    let mut f = Finder {
        s,
        published,
        sentences,
        taken: vec![false; s.len()],
        date_at: vec![None; s.len()],
        anchors: Vec::new(),
        carry: None,
    };
    for d in &dates {
        let first = s.tok_at(d.range.start());
        if let Some(slot) = f.date_at.get_mut(first) {
            if s.toks[first].start == d.range.start() {
                *slot = Some((d.value, d.range));
            }
        }
        let mut j = first;
        while j < s.len() && s.toks[j].end <= d.range.end() {
            f.taken[j] = true;
            j += 1;
        }
        if let Some(v) = d.value.filter(|v| v.precision == Precision::Day) {
            let sentence = f.sentence_of(d.range.start());
            f.anchors.push(Anchor {
                start: d.range.start(),
                end: d.range.end(),
                sentence,
                date: v.date,
            });
        }
    }

    let mut out: Vec<Figure> = Vec::new();
    let mut i = 0;
    while i < s.len() {
        if f.taken[i] {
            i += 1;
            continue;
        }
        let found = f
            .by_deadline(i)
            .or_else(|| f.within_deadline(i))
            .or_else(|| f.quantity(i))
            .or_else(|| f.vague(i));
        match found {
            Some(m) => {
                for t in &mut f.taken[m.start_tok..m.end] {
                    *t = true;
                }
                out.push(Figure {
                    range: TextRange::new(m.start, s.toks[m.end - 1].end),
                    value: m.value,
                    same_as: None,
                });
                i = m.end;
            }
            None => i += 1,
        }
    }
    out.sort_by_key(|f| f.range.start());
    link_conversions(s.text, &mut out);
    out
}

/// "$90 billion (£67bn)": a money figure right after another one, in
/// parentheses or after "or", states the same amount.
fn link_conversions(text: &str, figures: &mut [Figure]) {
    for k in 1..figures.len() {
        let (a, b) = (&figures[k - 1], &figures[k]);
        if !matches!(a.value, FigureValue::Money { .. })
            || !matches!(b.value, FigureValue::Money { .. })
        {
            continue;
        }
        if a.range.end() > b.range.start() {
            continue;
        }
        // "(£67bn)", "(about £67bn)", ", or £67bn", "(…) or £1bn"
        let gap = text[a.range.end()..b.range.start()].trim();
        let gap = gap.strip_prefix(')').unwrap_or(gap).trim_start();
        let gap = gap.strip_prefix(',').unwrap_or(gap).trim_start();
        let or = gap
            .strip_prefix("or")
            .filter(|r| r.is_empty() || r.starts_with(char::is_whitespace));
        let rest = gap.strip_prefix('(').or(or).map(str::trim);
        let linked = match rest {
            Some("") | Some("~") => true,
            Some(w) => LEX.role(&w.to_ascii_lowercase(), role::APPROX),
            None => false,
        };
        if linked {
            let root = a.same_as.unwrap_or(FigureId((k - 1) as u32));
            figures[k].same_as = Some(root);
        }
    }
}

/// A figure over tokens `start_tok..end`, starting at byte `start` (a
/// currency prefix may start inside the token before the number).
struct Match {
    start: usize,
    start_tok: usize,
    end: usize,
    value: FigureValue,
}

/// A resolved day-precision date a deadline may count from.
struct Anchor {
    start: usize,
    end: usize,
    sentence: usize,
    date: NaiveDate,
}

struct Finder<'s, 'a> {
    s: &'s Scan<'a>,
    published: Option<NaiveDate>,
    sentences: Option<&'s [TextRange]>,
    /// Tokens inside a date or a figure already found.
    taken: Vec<bool>,
    /// The date (value and range) starting at each token.
    date_at: Vec<Option<(Option<PartialDate>, TextRange)>>,
    /// Day-precision dates in text order.
    anchors: Vec<Anchor>,
    /// "$5-10 billion": the token of the second number and its currency.
    carry: Option<(usize, &'static str)>,
}

impl Finder<'_, '_> {
    fn sentence_of(&self, offset: usize) -> usize {
        match self.sentences {
            Some(ranges) => ranges.partition_point(|r| r.end() <= offset),
            None => {
                let t = self.s.tok_at(offset).min(self.s.len().saturating_sub(1));
                self.s.toks.get(t).map_or(0, |t| t.sentence as usize)
            }
        }
    }

    /// The date a deadline over bytes `start..end` counts from.
    fn anchor(&self, start: usize, end: usize) -> Option<NaiveDate> {
        let sentence = self.sentence_of(start);
        let k = self.anchors.partition_point(|a| a.end <= start);
        let before = k.checked_sub(1).map(|k| &self.anchors[k]);
        let after = self
            .anchors
            .get(self.anchors.partition_point(|a| a.start < end));
        if let Some(a) = before.filter(|a| a.sentence == sentence) {
            return Some(a.date);
        }
        if let Some(a) = after.filter(|a| a.sentence == sentence) {
            return Some(a.date);
        }
        before.map(|a| a.date).or(self.published)
    }

    /// A deadline over tokens `start_tok..end` of `value` units.
    fn deadline(
        &self,
        start_tok: usize,
        end: usize,
        value: f64,
        minutes: f64,
        months: u32,
    ) -> Match {
        let s = self.s;
        let start = s.toks[start_tok].start;
        let anchor = self.anchor(start, s.toks[end - 1].end);
        let mut days = saturate(value * minutes / 1440.0);
        let by = anchor.and_then(|a| {
            if months > 0 && value.fract() == 0.0 && value <= 10_000.0 {
                let by = add_months(a, value as i32 * months as i32)?;
                days = (by - a).num_days() as f64;
                Some(by)
            } else if days < 3.0e6 {
                add_days(a, days.floor() as i64)
            } else {
                None
            }
        });
        Match {
            start,
            start_tok,
            end,
            value: FigureValue::Deadline { days, by },
        }
    }

    /// A duration unit at token `j`, spaced, glued, or after a glued hyphen
    /// ("40-minute"): (unit, end, hyphenated).
    fn unit_at(&self, j: usize) -> Option<(Unit, usize, bool)> {
        let s = self.s;
        if s.is_sym(j, '-') && s.glued(j) && s.glued(j + 1) && s.is_word(j + 1) {
            let (u, end) = s.phrase(&LEX.units, j + 1)?;
            return matches!(u, Unit::Duration { .. }).then_some((u, end, true));
        }
        if !s.is_word(j) && !s.is_sym(j, '%') {
            return None;
        }
        s.phrase(&LEX.units, j).map(|(u, end)| (u, end, false))
    }

    /// "within 10 days", "within a week", "in the next two weeks", "over the coming days".
    fn within_deadline(&self, i: usize) -> Option<Match> {
        let s = self.s;
        if !s.is_word(i) {
            return None;
        }
        let next = |k: usize| {
            s.word_is(k, "the") && (s.word_is(k + 1, "next") || s.word_is(k + 1, "coming"))
        };
        let j = match s.low(i) {
            "within" if next(i + 1) => i + 3,
            "within" => i + 1,
            "in" | "over" if next(i + 1) => i + 3,
            _ => return None,
        };
        if self.taken.get(j).copied().unwrap_or(true) {
            return None;
        }
        let n = parse_number(s, j, false).filter(|n| n.is_explicit() || n.form == Form::Article)?;
        match self.unit_at(n.end)? {
            (Unit::Duration { minutes, months }, end, false) => {
                Some(self.deadline(i, end, n.value, minutes, months))
            }
            _ => None,
        }
    }

    /// "by Friday" (when Friday is after publication), "by March",
    /// "by the end of the month", "by the end of this year".
    fn by_deadline(&self, i: usize) -> Option<Match> {
        let s = self.s;
        if !s.word_is(i, "by") {
            return None;
        }
        let p = self.published?;
        let mut j = i + 1;
        let part = if s.word_is(j, "the") && s.word_is(j + 1, "end") && s.word_is(j + 2, "of") {
            j += 3;
            true
        } else if s.word_is(j, "end") && s.word_is(j + 1, "of") {
            j += 2;
            true
        } else {
            false
        };
        let (period, end) = if let Some((value, range)) = self.date_at.get(j).copied().flatten() {
            (value?, s.tok_at(range.end()))
        } else if part && s.word_is(j, "the") {
            // "the end of the month": the publication's month.
            let (precision, date) = match s.low(j + 1) {
                "week" => (Precision::Week, crate::dates::monday_of(p)?),
                "month" => (
                    Precision::Month,
                    NaiveDate::from_ymd_opt(p.year(), p.month(), 1)?,
                ),
                "year" => (Precision::Year, NaiveDate::from_ymd_opt(p.year(), 1, 1)?),
                _ => return None,
            };
            (PartialDate { date, precision }, j + 2)
        } else {
            return None;
        };
        let due = period_end(period)?;
        if due <= p || end <= i {
            return None;
        }
        let start = s.toks[i].start;
        let anchor = self.anchor(start, s.toks[end - 1].end).unwrap_or(p);
        Some(Match {
            start,
            start_tok: i,
            end,
            value: FigureValue::Deadline {
                days: (due - anchor).num_days() as f64,
                by: Some(due),
            },
        })
    }

    /// A currency written before the number at token `i`: (byte start, ISO code).
    fn currency_prefix(&self, i: usize) -> Option<(usize, &'static str)> {
        let s = self.s;
        let before = &s.text[..s.toks[i].start];
        let trimmed = before.trim_end_matches([' ', '\u{a0}', '\u{202f}', '\u{2009}']);
        if before.len() - trimmed.len() > 4 {
            return None;
        }
        let (form, iso) = LEX
            .currency_prefix
            .iter()
            .find(|(form, _)| trimmed.ends_with(form))?;
        let start = trimmed.len() - form.len();
        let alnum_before = trimmed[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        if form.starts_with(char::is_alphabetic) && alnum_before {
            return None;
        }
        // The prefix must not belong to an earlier figure or date.
        let first = s.tok_at(start);
        if self.taken[first..i].iter().any(|&t| t) {
            return None;
        }
        Some((start, iso))
    }

    /// Token `i` continues a word, number or code ("G7", "F-16", "3:1").
    fn attached(&self, i: usize) -> bool {
        let s = self.s;
        if i == 0 || !s.glued(i) {
            return false;
        }
        match s.kind(i - 1) {
            Some(Kind::Word | Kind::Num) => true,
            _ => {
                let joiner = ['-', '–', '/', ':', '.', '+', '^']
                    .iter()
                    .any(|&c| s.is_sym(i - 1, c));
                joiner
                    && i >= 2
                    && s.glued(i - 1)
                    && matches!(s.kind(i - 2), Some(Kind::Word | Kind::Num))
            }
        }
    }

    fn money(&self, start: usize, start_tok: usize, end: usize, amount: f64, iso: &str) -> Match {
        Match {
            start,
            start_tok,
            end,
            value: FigureValue::Money {
                amount,
                currency: iso.to_string(),
            },
        }
    }

    /// A number and what follows it: money, percent, duration, deadline or count.
    fn quantity(&mut self, i: usize) -> Option<Match> {
        let s = self.s;
        if !(s.is_num(i) || s.is_word(i)) {
            return None;
        }
        let carried = self.carry.filter(|(t, _)| *t == i).map(|(_, iso)| iso);
        let prefix = if s.is_num(i) {
            self.currency_prefix(i)
        } else {
            None
        };
        if prefix.is_none() && carried.is_none() && self.attached(i) {
            return None;
        }
        let n = parse_number(s, i, prefix.is_some())?;
        if let Some((start, iso)) = prefix.filter(|_| n.is_explicit()) {
            let first = s.tok_at(start);
            let amount = self.range_scale(i, &n, iso).unwrap_or(n.value);
            return Some(self.money(start, first, n.end, amount, iso));
        }
        if let Some(iso) = carried.filter(|_| n.is_explicit()) {
            return Some(self.money(s.toks[i].start, i, n.end, n.value, iso));
        }
        let j = n.end;
        if n.is_explicit() {
            if let Some((c, end)) = s
                .phrase(&LEX.currency_suffix, j)
                .filter(|_| s.toks[j].space_before)
            {
                if !c.weak || n.scaled {
                    return Some(self.money(s.toks[i].start, i, end, n.value, c.iso));
                }
            }
        }
        if let Some((unit, end, hyphen)) = self.unit_at(j) {
            return self.measure(i, &n, unit, end, hyphen);
        }
        self.count(i, &n)
    }

    /// "$5-10 billion": the scale of the second number applies to the first,
    /// and the second is money in the same currency.
    fn range_scale(&mut self, i: usize, n: &Number, iso: &'static str) -> Option<f64> {
        let s = self.s;
        if n.scaled || n.form == Form::Words {
            return None;
        }
        let k = n.end;
        let dash = (s.is_sym(k, '-') || s.is_sym(k, '–')) && s.glued(k + 1);
        if !(dash || s.word_is(k, "to")) {
            return None;
        }
        // The second number, maybe with its own currency ("$5 to $10 billion").
        let t = (k + 1..(k + 4).min(s.len())).find(|&t| s.is_num(t))?;
        let own_prefix = t > k + 1
            && self
                .currency_prefix(t)
                .is_some_and(|(start, _)| start >= s.toks[k + 1].start);
        if t > k + 1 && !own_prefix {
            return None;
        }
        let second = parse_number(s, t, true).filter(|m| m.scaled && m.is_explicit())?;
        if !own_prefix {
            self.carry = Some((t, iso));
        }
        decimal(s.text(i), second.exp)
    }

    /// A number with a unit: percent, duration, or a deadline ("in 10 days" under a future cue).
    fn measure(&self, i: usize, n: &Number, unit: Unit, end: usize, hyphen: bool) -> Option<Match> {
        let s = self.s;
        let start = s.toks[i].start;
        match unit {
            Unit::Percent => n.is_explicit().then_some(Match {
                start,
                start_tok: i,
                end,
                value: FigureValue::Percent { value: n.value },
            }),
            Unit::Duration { minutes, months } => {
                // "40-year-old", "40 years old": an age.
                let old = (s.is_sym(end, '-') && s.glued(end) && s.word_is(end + 1, "old"))
                    || s.word_is(end, "old");
                let long = s.is_sym(end, '-')
                    && s.glued(end)
                    && s.glued(end + 1)
                    && s.word_is(end + 1, "long");
                if old {
                    return None;
                }
                // "a week" only as "a week-long" or "for a week".
                if n.form == Form::Article && !long && !(i > 0 && s.word_is(i - 1, "for")) {
                    return None;
                }
                if !hyphen
                    && i > 0
                    && s.word_is(i - 1, "in")
                    && !self.taken[i - 1]
                    && s.tense(i - 1, end) == Some(Tense::Future)
                {
                    return Some(self.deadline(i - 1, end, n.value, minutes, months));
                }
                Some(Match {
                    start,
                    start_tok: i,
                    end: if long { end + 2 } else { end },
                    value: FigureValue::Duration {
                        minutes: saturate(n.value * minutes),
                    },
                })
            }
        }
    }

    fn count(&self, i: usize, n: &Number) -> Option<Match> {
        let s = self.s;
        if !n.is_explicit() || n.value < 1.0 {
            return None;
        }
        if !n.scaled {
            let one = n.form == Form::Words && n.value == 1.0;
            let year = matches!(
                n.form,
                Form::Digits {
                    plain: true,
                    len: 4
                }
            ) && (1900.0..=2100.0).contains(&n.value);
            let list =
                (i == 0 || s.toks[i].line_start) && (s.is_sym(n.end, '.') || s.is_sym(n.end, ')'));
            let glued_after = s.glued(n.end)
                && !matches!(
                    s.text.get(s.toks[n.end].start..s.toks[n.end].end),
                    Some("," | "." | ";" | ")" | "”" | "\"" | "’" | "!" | "?")
                );
            let determiner = n.form == Form::Words
                && n.value <= 10.0
                && i > 0
                && s.is_word(i - 1)
                && LEX.role(s.low(i - 1), role::DETERMINER);
            if one
                || year
                || list
                || glued_after
                || determiner
                || !n.is_integer()
                || !self.plural_follows(n.end)
            {
                return None;
            }
        }
        let approximate = i > 0 && s.is_word(i - 1) && LEX.role(s.low(i - 1), role::APPROX);
        Some(Match {
            start: s.toks[i].start,
            start_tok: i,
            end: n.end,
            value: FigureValue::Count {
                value: n.value,
                approximate,
            },
        })
    }

    /// A plural noun within three words after token `j - 1`, past adjectives,
    /// hyphens and quotation marks ("six separate “thank yous”").
    fn plural_follows(&self, j: usize) -> bool {
        let s = self.s;
        let mut words = 0;
        let mut k = j;
        // Three words, and a bounded number of quotation marks and hyphens between them.
        while k < s.len().min(j + 12) && words < 3 {
            match s.kind(k) {
                Some(Kind::Word) => {
                    let w = s.low(k);
                    if LEX.role(w, role::PLURAL) {
                        return true;
                    }
                    if LEX.role(w, role::STOP) || LEX.role(w, role::NOT_PLURAL) || self.taken[k] {
                        return false;
                    }
                    if w.len() >= 3
                        && w.ends_with('s')
                        && !w.ends_with("ss")
                        && !(w.len() >= 6 && w.ends_with("ous"))
                    {
                        return true;
                    }
                    words += 1;
                }
                Some(Kind::Sym)
                    if ['“', '”', '"', '‘', '’', '\'', '-']
                        .iter()
                        .any(|&c| s.is_sym(k, c)) => {}
                _ => return false,
            }
            k += 1;
        }
        false
    }

    /// "dozens", "hundreds of", "tens of thousands", "scores of".
    fn vague(&self, i: usize) -> Option<Match> {
        use crate::lexicon::VagueUse;
        let s = self.s;
        if !s.is_word(i) {
            return None;
        }
        let v = LEX.vague.get(s.low(i))?;
        let mut value = v.value;
        let mut end = i + 1;
        let second = s
            .word_is(end, "of")
            .then(|| LEX.vague.get(s.low(end + 1)))
            .flatten();
        if let Some(w) = second.filter(|w| w.usage == VagueUse::Alone && s.is_word(end + 1)) {
            value = v.value * w.times;
            end += 2;
        } else if v.usage == VagueUse::Head || (v.usage == VagueUse::Of && !s.word_is(end, "of")) {
            return None;
        }
        // "hundreds of millions of dollars": vague money, not a count.
        if s.word_is(end, "of") && s.phrase(&LEX.currency_suffix, end + 1).is_some() {
            return None;
        }
        Some(Match {
            start: s.toks[i].start,
            start_tok: i,
            end,
            value: FigureValue::Count {
                value,
                approximate: true,
            },
        })
    }
}

/// The last day of a date's period.
fn period_end(d: PartialDate) -> Option<NaiveDate> {
    match d.precision {
        Precision::Day => Some(d.date),
        Precision::Week => add_days(d.date, 6),
        Precision::Month => add_months(d.date, 1).and_then(|n| add_days(n, -1)),
        Precision::Year => NaiveDate::from_ymd_opt(d.date.year(), 12, 31),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::find_dates;
    use crate::test_support::{date, marked};

    fn show(v: &FigureValue) -> String {
        match v {
            FigureValue::Money { amount, currency } => format!("money {amount} {currency}"),
            FigureValue::Duration { minutes } => format!("duration {minutes}"),
            FigureValue::Deadline { days, by } => {
                format!(
                    "deadline {days} {}",
                    by.map_or("-".to_string(), |d| d.to_string())
                )
            }
            FigureValue::Count { value, approximate } => {
                format!("count {}{value}", if *approximate { "~" } else { "" })
            }
            FigureValue::Percent { value } => format!("percent {value}"),
        }
    }

    /// `input` marks each expected figure as `[[...]]`; `expected` lists, in
    /// order, "money 90000000000 USD", "duration 40", "deadline 10 2025-08-28",
    /// "count 6" ("count ~24" when approximate), "percent 5"; " =f1" after a
    /// value means `same_as` the figure at index 1.
    fn check(input: &str, published: Option<&str>, expected: &[&str]) {
        let (text, spans) = marked(input);
        let published = published.map(date);
        let dates = find_dates(&text, published);
        let got: Vec<(String, String)> = find_figures(&text, published, &dates)
            .iter()
            .map(|f| {
                let link = f
                    .same_as
                    .map_or(String::new(), |id| format!(" =f{}", id.index()));
                (f.range.slice(&text).to_string(), show(&f.value) + &link)
            })
            .collect();
        let want: Vec<(String, String)> = spans
            .into_iter()
            .zip(expected.iter().map(|e| e.to_string()))
            .collect();
        assert_eq!(got, want, "\n{input}");
    }

    const PUB: Option<&str> = Some("2025-08-19");

    #[test]
    fn money_with_a_conversion() {
        check(
            "would likely involve a [[$90 billion]] ([[£67bn]]) U.S.-Ukraine arms deal.",
            PUB,
            &["money 90000000000 USD", "money 67000000000 GBP =f0"],
        );
        check(
            "[[€1.2 trillion]] (about [[$1.4tn]]) or [[£1bn]]",
            None,
            &[
                "money 1200000000000 EUR",
                "money 1400000000000 USD =f0",
                "money 1000000000 GBP =f0",
            ],
        );
        check(
            "[[$5m]] then [[$7m]]",
            None,
            &["money 5000000 USD", "money 7000000 USD"],
        );
    }

    #[test]
    fn money_forms() {
        check(
            "[[90bn dollars]], [[US$5 million]], [[$5m]], [[5 million euros]], [[$1,200]], [[Rs 500 crore]], [[USD 3bn]], [[€ 40]]",
            None,
            &[
                "money 90000000000 USD",
                "money 5000000 USD",
                "money 5000000 USD",
                "money 5000000 EUR",
                "money 1200 USD",
                "money 5000000000 INR",
                "money 3000000000 USD",
                "money 40 EUR",
            ],
        );
        check(
            "[[5 million pounds]] but [[500]] pounds of TNT",
            None,
            &["money 5000000 GBP", "count 500"],
        );
        check(
            "[[a billion dollars]] and [[two million US dollars]]",
            None,
            &["money 1000000000 USD", "money 2000000 USD"],
        );
        check(
            "[[$5]]-[[10 billion]]",
            None,
            &["money 5000000000 USD", "money 10000000000 USD"],
        );
        check(
            "[[$5]] to [[$10 billion]]",
            None,
            &["money 5000000000 USD", "money 10000000000 USD"],
        );
        check("hundreds of millions of dollars", None, &[]);
    }

    #[test]
    fn absurd_amounts_saturate() {
        check(
            "[[$9999999999999999 trillion]]",
            None,
            &["money 10000000000000000000000000000 USD"],
        );
        let text = format!("${} trillion", "9".repeat(2000));
        let figures = find_figures(&text, None, &[]);
        assert!(
            matches!(figures[0].value, FigureValue::Money { amount, .. } if amount == f64::MAX)
        );
    }

    #[test]
    fn durations() {
        check(
            "held a [[40-minute]] phone call, [[two hours]], [[90 minutes]], [[three days]], [[a week-long]] visit, [[half an hour]]",
            PUB,
            &["duration 40", "duration 120", "duration 90", "duration 4320", "duration 10080", "duration 30"],
        );
        check(
            "stayed for [[a week]]; a day after; a 40-year-old man, 40 years old",
            None,
            &["duration 10080"],
        );
    }

    #[test]
    fn deadlines() {
        // Counted from the Monday of the earlier sentence, not from publication.
        check(
            "At a press conference following Monday’s meetings, he spoke. \
             The details could be finalized [[within 10 days]].",
            PUB,
            &["deadline 10 2025-08-28"],
        );
        check(
            "It must be done [[within 48 hours]].",
            PUB,
            &["deadline 2 2025-08-21"],
        );
        check(
            "[[within two months]] and [[in the next two weeks]]",
            PUB,
            &["deadline 61 2025-10-19", "deadline 14 2025-09-02"],
        );
        check(
            "On August 1 they agreed to act [[within a week]].",
            PUB,
            &["deadline 7 2025-08-08"],
        );
        check(
            "They will decide [[in 10 days]], as they did in [[10 days]] before.",
            PUB,
            &["deadline 10 2025-08-29", "duration 14400"],
        );
        check("[[within 10 days]]", None, &["deadline 10 -"]);
    }

    #[test]
    fn by_deadlines() {
        check(
            "They must sign it [[by Friday]].",
            PUB,
            &["deadline 3 2025-08-22"],
        );
        check(
            "Pay [[by the end of the month]] or [[by the end of next year]].",
            PUB,
            &["deadline 12 2025-08-31", "deadline 499 2026-12-31"],
        );
        check("by Monday evening the talks had produced nothing", PUB, &[]);
        check(
            "Troops leave [[by March]] and [[by 2030]].",
            PUB,
            &["deadline 224 2026-03-31", "deadline 1960 2030-12-31"],
        );
        check("by Friday", None, &[]);
    }

    #[test]
    fn anchors_follow_the_sentence_layer_when_there_is_one() {
        let text = "Talks ended August 1. A deal within 10 days of talks on August 5.";
        let published = Some(date("2025-08-19"));
        let dates = find_dates(text, published);
        let by = |sentences: Option<&[TextRange]>| match find_figures_in(
            &Scan::new(text),
            published,
            &dates,
            sentences,
        )[0]
        .value
        {
            FigureValue::Deadline { by, .. } => by,
            _ => None,
        };
        // Own sentence split: August 5 is in the deadline's sentence.
        assert_eq!(by(None), Some(date("2025-08-15")));
        // A segmenter that sees one sentence: the earlier August 1 is nearer.
        assert_eq!(
            by(Some(&[TextRange::new(0, text.len())])),
            Some(date("2025-08-11"))
        );
    }

    #[test]
    fn counts() {
        check(
            "he had offered [[six]] separate “thank yous.”",
            PUB,
            &["count 6"],
        );
        check("[[1,200]] troops, about [[300]] people, [[2.5 million]], [[a dozen]] eggs, [[forty-two]] ships", None, &["count 1200", "count ~300", "count 2500000", "count 12", "count 42"]);
        check("[[dozens]] of people, [[hundreds]] were hurt, [[tens of thousands]] fled, [[scores]] of boats", None, &["count ~24", "count ~200", "count ~20000", "count ~40"]);
    }

    #[test]
    fn numbers_that_are_not_counts() {
        check(
            "1. Is a meeting in the works?\nWhether the two adversaries meet for the first time since 2022 is unclear. \
             One said no one came. The G7 and F-16 at 3:1 in 2024 elections; one of them; five was; test scores; tens of people.",
            PUB,
            &[],
        );
        check(
            "on August 18 [[2,000]] people gathered",
            PUB,
            &["count 2000"],
        );
    }

    #[test]
    fn percentages() {
        check(
            "[[5%]], [[5 percent]], [[five per cent]], [[2.5 percentage points]], [[7 %]]",
            None,
            &[
                "percent 5",
                "percent 5",
                "percent 5",
                "percent 2.5",
                "percent 7",
            ],
        );
    }

    #[test]
    fn sorted_and_never_overlapping() {
        let text = "By Friday, $5m (£4m) was paid within 10 days to 300 people: 5% in 2 hours.";
        let dates = find_dates(text, Some(date("2025-08-19")));
        let figures = find_figures(text, Some(date("2025-08-19")), &dates);
        assert!(figures
            .windows(2)
            .all(|w| w[0].range.end() <= w[1].range.start()));
        assert_eq!(figures.len(), 6);
    }
}
