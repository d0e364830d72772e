//! Date expressions, resolved against the publication date.
//!
//! What is recognised, and how it resolves (publication Tuesday 2025-08-19):
//!
//! | text                               | value                     |
//! |------------------------------------|---------------------------|
//! | `on Monday`, `Monday night`, `Monday's` | 2025-08-18, day      |
//! | `last Monday` / `next Monday` / `this Monday` | strictly before / strictly after / in the publication week |
//! | `yesterday`, `today`, `tonight`, `tomorrow`, `last night`, `this morning` | day |
//! | `last week`, `this week`, `next week` | its Monday, week       |
//! | `last month`, `earlier this month`, `next year` | month / year   |
//! | `two days ago`, `a week ago`       | day / week / month / year |
//! | `in February`, `since March`, `mid-February` | month          |
//! | `February 2022`                    | 2022-02, month            |
//! | `August 18`, `18 August`, `Aug. 18, 2025`, `2025-08-18`, `Monday, August 18` | day |
//! | `in 2022`, `since 2014`, `by 2030`, `early 2023` | year           |
//!
//! **Direction.** A news report's weekday or bare month usually looks back:
//! "on Monday" is the last Monday on or before publication, "in February"
//! the last February not after it. When the nearest tense cue in the same
//! sentence (`data/cues.tsv`: "will", "'ll", "scheduled", ...) is a future
//! one, it is the next one on or after publication instead; after "by",
//! "until" or "till" with no cue at all, too ("by Friday"). A month and day
//! without a year ("August 25") takes the year that puts it nearest to the
//! publication date, or the next occurrence under a future cue.
//!
//! **Span.** A lone date word (weekday, month, year) takes the preposition
//! that makes it a date when that preposition names the time itself (on, in,
//! during: "on Monday", "in February", "in 2022"), and always its modifier
//! ("last week", "next Monday", "mid-February"); a compound date stands
//! alone ("February 2022" in "in February 2022"); "since", "by" and the like
//! stay outside. A possessive "'s" stays outside ("Monday" in "Monday's").
//!
//! **Context.** Month and weekday names count only when capitalised, and a
//! bare month (full names only) needs a preposition or modifier before it,
//! so "May" the verb and "March" the noun stay words; a bare year needs one
//! too ("in 2022", never "the 2022 invasion").
//!
//! **Left unresolved** (a [`DateRef`] with `value: None` and a `note`):
//! "February 30" ("no such day"), anything relative when there is no
//! publication date ("no publication date to resolve against"). Relative
//! expressions inside quotation marks resolve as usual but carry a note,
//! since the speaker may have spoken earlier.
//!
//! **Not dates** (skipped): vague spans and durations such as "days after",
//! "for months", "in the short term", "the next week" (seven days from some
//! point, not a calendar week).

use crate::lexicon::{DateWord, Modifier, RelUnit, Tense, Unit, LEX};
use crate::numbers::{parse_number, Form};
use crate::scan::Scan;
use chrono::{Datelike, Days, Months, NaiveDate};
use newsgraph_core::{DateRef, PartialDate, Precision};

pub(crate) const NO_PUBLICATION: &str = "no publication date to resolve against";
const NO_SUCH_DAY: &str = "no such day";
const IN_QUOTE: &str = "in a quotation: resolved against the publication date";
const WEEKDAY_MISMATCH: &str = "the weekday does not match the date";

/// Finds the date expressions in `text`, in text order, not overlapping,
/// and resolves them against `published`.
///
/// ```
/// use chrono::NaiveDate;
/// let published = NaiveDate::from_ymd_opt(2025, 8, 19);
/// let dates = newsgraph_figures::find_dates("They met on Monday.", published);
/// assert_eq!(dates[0].range.slice("They met on Monday."), "on Monday");
/// assert_eq!(dates[0].value.unwrap().iso(), "2025-08-18");
/// ```
pub fn find_dates(text: &str, published: Option<NaiveDate>) -> Vec<DateRef> {
    find_dates_in(&Scan::new(text), published)
}

pub(crate) fn find_dates_in(s: &Scan, published: Option<NaiveDate>) -> Vec<DateRef> {
    let mut f = Finder {
        s,
        published,
        floor: 0,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        match f.at(i) {
            Some(m) => {
                let relative_in_quote = m.relative && s.toks[m.start].in_quote;
                let note = match (&m.value, m.note) {
                    (Resolution::Date(_), Some(n)) => Some(n),
                    (Resolution::Date(_), None) => relative_in_quote.then_some(IN_QUOTE),
                    (Resolution::Invalid(n), _) => Some(*n),
                    (Resolution::NeedsPublication, _) => Some(NO_PUBLICATION),
                };
                out.push(DateRef {
                    range: s.range(m.start, m.end),
                    value: match m.value {
                        Resolution::Date(d) => Some(d),
                        _ => None,
                    },
                    note: note.map(String::from),
                });
                f.floor = m.end;
                i = m.end;
            }
            None => i += 1,
        }
    }
    out
}

/// How a date resolved.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Resolution {
    Date(PartialDate),
    /// No such calendar date; the note says why.
    Invalid(&'static str),
    NeedsPublication,
}

impl Resolution {
    fn day(d: Option<NaiveDate>) -> Resolution {
        Self::at(d, Precision::Day)
    }

    /// A date at `precision`, or "no such day" when arithmetic left the calendar.
    fn at(d: Option<NaiveDate>, precision: Precision) -> Resolution {
        match d {
            Some(date) => Resolution::Date(PartialDate { date, precision }),
            None => Resolution::Invalid(NO_SUCH_DAY),
        }
    }
}

/// A date expression over tokens `start..end`.
struct Match {
    start: usize,
    end: usize,
    value: Resolution,
    /// Resolved against the publication date.
    relative: bool,
    note: Option<&'static str>,
}

/// Which occurrence of a weekday or month a relative expression means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    /// On or before publication.
    Past,
    /// On or after publication.
    Future,
    /// Strictly before ("last Monday").
    StrictPast,
    /// Strictly after ("next Monday").
    StrictFuture,
    /// In the publication week, month or year ("this Monday").
    This,
}

/// What stands before a date word: a modifier and a preposition, with the
/// token each starts at.
#[derive(Debug, Default, Clone, Copy)]
struct Before {
    modifier: Option<(Modifier, usize)>,
    prep: Option<(bool, usize)>,
    /// "the end of": a part of the period.
    part_of: bool,
    /// The preposition is "by", "until" or "till": forward when nothing says otherwise.
    forward: bool,
}

impl Before {
    fn any(&self) -> bool {
        self.modifier.is_some() || self.prep.is_some() || self.part_of
    }

    /// The first token of the expression that starts at `i`.
    fn start(&self, i: usize) -> usize {
        let mut start = self.modifier.map_or(i, |(_, k)| k);
        if let Some((true, k)) = self.prep {
            start = k;
        }
        start
    }
}

struct Finder<'s, 'a> {
    s: &'s Scan<'a>,
    published: Option<NaiveDate>,
    /// The first token a new date may take (the end of the previous one).
    floor: usize,
}

impl Finder<'_, '_> {
    fn at(&self, i: usize) -> Option<Match> {
        self.iso(i)
            .or_else(|| self.deictic(i))
            .or_else(|| self.relative_unit(i))
            .or_else(|| self.ago(i))
            .or_else(|| self.weekday(i))
            .or_else(|| self.month(i))
            .or_else(|| self.day_month(i))
            .or_else(|| self.year(i))
    }

    fn date_word(&self, i: usize) -> Option<DateWord> {
        if !self.s.is_word(i) {
            return None;
        }
        LEX.datewords.get(self.s.low(i)).copied()
    }

    fn modifier(&self, i: usize) -> Option<Modifier> {
        match self.date_word(i)? {
            DateWord::Modifier(m) => Some(m),
            _ => None,
        }
    }

    /// The modifier and preposition before token `i`, not reaching below the floor.
    fn before(&self, i: usize) -> Before {
        let s = self.s;
        let mut b = Before::default();
        let mut base = i;
        if i >= self.floor + 2 && s.is_sym(i - 1, '-') && s.glued(i) && s.glued(i - 1) {
            // "mid-February", "late-2024"
            if let Some(m) = self.modifier(i - 2) {
                b.modifier = Some((m, i - 2));
                base = i - 2;
            }
        } else if i > self.floor && s.toks[i].space_before {
            if let Some(m) = self.modifier(i - 1) {
                b.modifier = Some((m, i - 1));
                base = i - 1;
            }
        }
        if base > self.floor && s.toks[base].space_before {
            match self.date_word(base - 1) {
                Some(DateWord::Prep { absorb }) => {
                    b.prep = Some((absorb, base - 1));
                    b.forward = matches!(s.low(base - 1), "by" | "until" | "till");
                }
                _ if s.word_is(base - 1, "of") => {
                    b.part_of = base >= 2 && self.date_word(base - 2) == Some(DateWord::Part);
                }
                _ => {}
            }
        }
        b
    }

    /// The direction of a relative weekday or month at tokens `i..end`.
    fn direction(&self, b: &Before, i: usize, end: usize) -> Dir {
        match b.modifier {
            Some((Modifier::Last, _)) => Dir::StrictPast,
            Some((Modifier::Next, _)) => Dir::StrictFuture,
            Some((Modifier::This, _)) => Dir::This,
            _ => match self.s.tense(b.start(i).min(i), end) {
                Some(Tense::Future) => Dir::Future,
                Some(Tense::Past) => Dir::Past,
                None if b.forward => Dir::Future,
                None => Dir::Past,
            },
        }
    }

    fn relative(&self, f: impl FnOnce(NaiveDate) -> Resolution) -> Resolution {
        self.published.map_or(Resolution::NeedsPublication, f)
    }

    /// A four-digit year at token `i`, not glued to a following number or word.
    fn year4(&self, i: usize) -> Option<i32> {
        let y = self.s.digits(i, 4..=4)?;
        let next_glued =
            self.s.glued(i + 1) && !self.s.is_sym(i + 1, ',') && !self.s.is_sym(i + 1, '.');
        (!next_glued && (1000..=2999).contains(&y)).then_some(y as i32)
    }

    /// A day of the month at token `i` ("18", "18th"): returns (day, end).
    fn day_number(&self, i: usize) -> Option<(u32, usize)> {
        let s = self.s;
        let d = s.digits(i, 1..=2)?;
        if !(1..=31).contains(&d) {
            return None;
        }
        let mut end = i + 1;
        if s.glued(end) && s.is_word(end) && matches!(s.low(end), "st" | "nd" | "rd" | "th") {
            end += 1;
        }
        // "18:30", "18bn", "18-20": not a plain day.
        if s.glued(end)
            && !(s.is_sym(end, ',')
                || s.is_sym(end, '.')
                || s.is_sym(end, '’')
                || s.is_sym(end, '\''))
        {
            return None;
        }
        Some((d, end))
    }

    /// A capitalised month name at `i`: (month, abbreviated, end after an optional period).
    fn month_name(&self, i: usize) -> Option<(u32, bool, usize)> {
        let s = self.s;
        if !s.is_cap(i) {
            return None;
        }
        let m = LEX.months.get(s.low(i))?;
        let mut end = i + 1;
        if m.abbr && s.is_sym(end, '.') && s.glued(end) {
            end += 1;
        }
        Some((m.month, m.abbr, end))
    }

    /// An optional ", 2025" or " 2025" after token `j - 1`: (year, end).
    fn year_after(&self, j: usize) -> Option<(i32, usize)> {
        let s = self.s;
        let k = if s.is_sym(j, ',') && s.glued(j) {
            j + 1
        } else {
            j
        };
        let y = self.year4(k).filter(|_| s.toks[k].space_before)?;
        Some((y, k + 1))
    }

    /// A month and day with an optional year.
    fn day_value(
        &self,
        year: Option<i32>,
        month: u32,
        day: u32,
        start: usize,
        end: usize,
    ) -> (Resolution, bool) {
        if NaiveDate::from_ymd_opt(2000, month, day).is_none() {
            return (Resolution::Invalid(NO_SUCH_DAY), false);
        }
        if let Some(y) = year {
            return (
                Resolution::day(NaiveDate::from_ymd_opt(y, month, day)),
                false,
            );
        }
        let tense = self.s.tense(start, end);
        let value = self.relative(|p| {
            let candidates =
                (-1..=1).filter_map(|dy| NaiveDate::from_ymd_opt(p.year() + dy, month, day));
            let best = match tense {
                Some(Tense::Future) => candidates.filter(|d| *d >= p).min(),
                Some(Tense::Past) => candidates.filter(|d| *d <= p).max(),
                None => candidates.min_by_key(|d| (*d - p).num_days().abs()),
            };
            Resolution::day(best)
        });
        (value, true)
    }

    fn iso(&self, i: usize) -> Option<Match> {
        let s = self.s;
        let y = s.digits(i, 4..=4)?;
        let dash = |k: usize| s.is_sym(k, '-') && s.glued(k) && s.glued(k + 1);
        if !(dash(i + 1) && dash(i + 3)) || (i > 0 && s.glued(i) && !s.is_sym(i - 1, '(')) {
            return None;
        }
        let m = s.digits(i + 2, 1..=2)?;
        let d = s.digits(i + 4, 1..=2)?;
        if s.glued(i + 5) && (s.is_num(i + 5) || s.is_word(i + 5) || s.is_sym(i + 5, '-')) {
            return None;
        }
        Some(Match {
            start: i,
            end: i + 5,
            value: Resolution::day(NaiveDate::from_ymd_opt(y as i32, m, d)),
            relative: false,
            note: None,
        })
    }

    fn deictic(&self, i: usize) -> Option<Match> {
        let s = self.s;
        if !s.is_word(i) || (i > 0 && s.glued(i) && s.is_word(i - 1)) {
            return None;
        }
        LEX.deictic
            .starting(s.low(i))
            .iter()
            .find_map(|(rest, days)| {
                let end = s.phrase_rest(i, rest)?;
                Some(Match {
                    start: i,
                    end,
                    value: self.relative(|p| Resolution::day(add_days(p, *days))),
                    relative: true,
                    note: None,
                })
            })
    }

    /// "last week", "this month", "next year", "earlier this month".
    fn relative_unit(&self, i: usize) -> Option<Match> {
        let s = self.s;
        let mut j = i;
        if self.modifier(j) == Some(Modifier::Part) && s.toks.get(j + 1)?.space_before {
            j += 1;
        }
        let which = self.modifier(j).filter(|m| *m != Modifier::Part)?;
        // "the next week" is seven days from some point, not a calendar week.
        if i > 0 && s.word_is(i - 1, "the") {
            return None;
        }
        let unit = match self.date_word(j + 1) {
            Some(DateWord::Unit(u)) if s.toks[j + 1].space_before => u,
            _ => return None,
        };
        let step: i32 = match which {
            Modifier::Last => -1,
            Modifier::Next => 1,
            _ => 0,
        };
        let value = self.relative(|p| match unit {
            RelUnit::Week => {
                let monday = monday_of(p).and_then(|m| add_days(m, 7 * i64::from(step)));
                Resolution::at(monday, Precision::Week)
            }
            RelUnit::Month => {
                let first = NaiveDate::from_ymd_opt(p.year(), p.month(), 1);
                Resolution::at(first.and_then(|f| add_months(f, step)), Precision::Month)
            }
            RelUnit::Year => Resolution::at(
                NaiveDate::from_ymd_opt(p.year() + step, 1, 1),
                Precision::Year,
            ),
        });
        Some(Match {
            start: i,
            end: j + 2,
            value,
            relative: true,
            note: None,
        })
    }

    /// "two days ago", "a week ago".
    fn ago(&self, i: usize) -> Option<Match> {
        let s = self.s;
        let n = parse_number(s, i, false)?;
        if !(n.is_explicit() || n.form == Form::Article) || !n.is_integer() || n.value > 100_000.0 {
            return None;
        }
        let unit = LEX
            .units
            .starting(s.low(n.end))
            .iter()
            .find(|(rest, _)| rest.is_empty())?
            .1;
        let Unit::Duration { minutes, months } = unit else {
            return None;
        };
        if !s.toks[n.end].space_before || !s.word_is(n.end + 1, "ago") {
            return None;
        }
        let count = n.value as i64;
        let value = self.relative(|p| match (months, minutes as i64) {
            (12, _) => Resolution::at(
                NaiveDate::from_ymd_opt(p.year() - count as i32, 1, 1),
                Precision::Year,
            ),
            (1, _) => {
                let first = NaiveDate::from_ymd_opt(p.year(), p.month(), 1);
                Resolution::at(
                    first.and_then(|f| add_months(f, -(count as i32))),
                    Precision::Month,
                )
            }
            (_, 10080) => {
                Resolution::at(add_days(p, -7 * count).and_then(monday_of), Precision::Week)
            }
            (_, m) if m >= 1440 => Resolution::day(add_days(p, -(m / 1440) * count)),
            // "two hours ago": the publication day.
            _ => Resolution::day(Some(p)),
        });
        Some(Match {
            start: i,
            end: n.end + 2,
            value,
            relative: true,
            note: None,
        })
    }

    fn weekday(&self, i: usize) -> Option<Match> {
        let s = self.s;
        if !s.is_cap(i) {
            return None;
        }
        let wd = *LEX.weekdays.get(s.low(i))?;
        let b = self.before(i);
        let start = b.start(i);
        // "Monday, August 18": the explicit date decides; the weekday only checks it.
        let j = if s.is_sym(i + 1, ',') && s.glued(i + 1) {
            i + 2
        } else {
            i + 1
        };
        if s.toks.get(j).is_some_and(|t| t.space_before) {
            if let Some(m) = self.month_day(j).or_else(|| self.day_month(j)) {
                let note = match m.value {
                    Resolution::Date(d) if d.date.weekday().num_days_from_monday() != wd.day => {
                        Some(WEEKDAY_MISMATCH)
                    }
                    _ => m.note,
                };
                return Some(Match { start, note, ..m });
            }
        }
        if wd.abbr {
            return None;
        }
        let mut end = i + 1;
        if self.date_word(end) == Some(DateWord::Daypart) && s.toks[end].space_before {
            end += 1;
        }
        let dir = self.direction(&b, i, end);
        let value = self.relative(|p| Resolution::day(weekday_date(p, wd.day, dir)));
        Some(Match {
            start,
            end,
            value,
            relative: true,
            note: None,
        })
    }

    /// "August 18", "Aug. 18, 2025", "August 18th".
    fn month_day(&self, i: usize) -> Option<Match> {
        let (month, _, j) = self.month_name(i)?;
        if !self.s.toks.get(j)?.space_before {
            return None;
        }
        let (day, k) = self.day_number(j)?;
        let year = self.year_after(k);
        let end = year.map_or(k, |(_, e)| e);
        let (value, relative) = self.day_value(year.map(|y| y.0), month, day, i, end);
        Some(Match {
            start: i,
            end,
            value,
            relative,
            note: None,
        })
    }

    fn month(&self, i: usize) -> Option<Match> {
        if let Some(m) = self.month_day(i) {
            return Some(m);
        }
        let s = self.s;
        let (month, abbr, j) = self.month_name(i)?;
        // "February 2022"
        if let Some(y) = self.year4(j).filter(|_| s.toks[j].space_before) {
            return Some(Match {
                start: i,
                end: j + 1,
                value: Resolution::at(NaiveDate::from_ymd_opt(y, month, 1), Precision::Month),
                relative: false,
                note: None,
            });
        }
        // A bare month: a full name after a preposition or modifier.
        let b = self.before(i);
        if abbr || !b.any() {
            return None;
        }
        let dir = self.direction(&b, i, j);
        let value = self.relative(|p| {
            let first = NaiveDate::from_ymd_opt(p.year(), p.month(), 1);
            Resolution::at(
                first.and_then(|f| month_date(f, month, dir)),
                Precision::Month,
            )
        });
        Some(Match {
            start: b.start(i),
            end: j,
            value,
            relative: true,
            note: None,
        })
    }

    /// "18 August", "18th of August 2025".
    fn day_month(&self, i: usize) -> Option<Match> {
        let s = self.s;
        if i > 0 && s.glued(i) && !s.is_sym(i - 1, '(') {
            return None;
        }
        let (day, mut j) = self.day_number(i)?;
        if s.word_is(j, "of") {
            j += 1;
        }
        if !s.toks.get(j)?.space_before {
            return None;
        }
        let (month, _, k) = self.month_name(j)?;
        let year = self.year_after(k);
        let end = year.map_or(k, |(_, e)| e);
        let (value, relative) = self.day_value(year.map(|y| y.0), month, day, i, end);
        Some(Match {
            start: i,
            end,
            value,
            relative,
            note: None,
        })
    }

    /// "in 2022", "since 2014", "early 2023".
    fn year(&self, i: usize) -> Option<Match> {
        let s = self.s;
        let y = self.year4(i)?;
        if i > 0 && s.glued(i) && !s.is_sym(i - 1, '-') {
            return None;
        }
        let next = i + 1;
        if s.glued(next) && (s.is_sym(next, '-') || s.is_sym(next, '%')) {
            return None;
        }
        let next_word = s.is_word(next) && s.toks[next].space_before;
        // "in 1500 cases": an old "year" before a word is more likely a count.
        if next_word
            && (y < 1900
                || LEX.scales.contains_key(s.low(next))
                || !LEX.units.starting(s.low(next)).is_empty())
        {
            return None;
        }
        let b = self.before(i);
        let modifier_ok = matches!(b.modifier, None | Some((Modifier::Part, _)));
        if !b.any() || !modifier_ok {
            return None;
        }
        Some(Match {
            start: b.start(i),
            end: next,
            value: Resolution::at(NaiveDate::from_ymd_opt(y, 1, 1), Precision::Year),
            relative: false,
            note: None,
        })
    }
}

pub(crate) fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

pub(crate) fn add_months(d: NaiveDate, n: i32) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_months(Months::new(n as u32))
    } else {
        d.checked_sub_months(Months::new(n.unsigned_abs()))
    }
}

pub(crate) fn monday_of(d: NaiveDate) -> Option<NaiveDate> {
    add_days(d, -i64::from(d.weekday().num_days_from_monday()))
}

/// The weekday `day` (0 = Monday) in direction `dir` from `p`.
fn weekday_date(p: NaiveDate, day: u32, dir: Dir) -> Option<NaiveDate> {
    let cur = i64::from(p.weekday().num_days_from_monday());
    let day = i64::from(day);
    let back = (cur - day).rem_euclid(7);
    let ahead = (day - cur).rem_euclid(7);
    let offset = match dir {
        Dir::Past => -back,
        Dir::StrictPast => -(if back == 0 { 7 } else { back }),
        Dir::Future => ahead,
        Dir::StrictFuture => {
            if ahead == 0 {
                7
            } else {
                ahead
            }
        }
        Dir::This => day - cur,
    };
    add_days(p, offset)
}

/// The first of `month` in direction `dir` from `first` (the first of the publication month).
fn month_date(first: NaiveDate, month: u32, dir: Dir) -> Option<NaiveDate> {
    let (y, pm) = (first.year(), first.month());
    let year = match dir {
        Dir::Past => y - i32::from(month > pm),
        Dir::StrictPast => y - i32::from(month >= pm),
        Dir::Future => y + i32::from(month < pm),
        Dir::StrictFuture => y + i32::from(month <= pm),
        Dir::This => y,
    };
    NaiveDate::from_ymd_opt(year, month, 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{date, marked};

    /// `input` marks each expected date as `[[...]]`; `expected` lists, in
    /// order, "2025-08-18 day" or "- note" for an unresolved one.
    fn check(input: &str, published: Option<&str>, expected: &[&str]) {
        let (text, spans) = marked(input);
        let got = find_dates(&text, published.map(date));
        let got: Vec<(String, String)> = got
            .iter()
            .map(|d| {
                let value = match (&d.value, &d.note) {
                    (Some(v), None) => format!("{} {}", v.iso(), v.precision.as_str()),
                    (Some(v), Some(n)) => format!("{} {} ({n})", v.iso(), v.precision.as_str()),
                    (None, n) => format!("- {}", n.as_deref().unwrap_or("")),
                };
                (d.range.slice(&text).to_string(), value)
            })
            .collect();
        let want: Vec<(String, String)> = spans
            .into_iter()
            .zip(expected.iter().map(|e| e.to_string()))
            .collect();
        assert_eq!(got, want, "\n{input}");
    }

    const PUB: Option<&str> = Some("2025-08-19"); // a Tuesday

    #[test]
    fn weekdays_look_back() {
        check(
            "He returned to the White House [[on Monday]] for a meeting.",
            PUB,
            &["2025-08-18 day"],
        );
        check(
            "and by [[Monday evening]] the talks had produced nothing",
            PUB,
            &["2025-08-18 day"],
        );
        check(
            "[[On Monday night]], an aide issued a statement.",
            PUB,
            &["2025-08-18 day"],
        );
        check(
            "At a press conference following [[Monday]]'s meetings",
            PUB,
            &["2025-08-18 day"],
        );
        check(
            "At a press conference following [[Monday]]’s meetings",
            PUB,
            &["2025-08-18 day"],
        );
        check(
            "The vote was held [[on Tuesday]].",
            PUB,
            &["2025-08-19 day"],
        );
        check("They spoke [[on Friday]].", PUB, &["2025-08-15 day"]);
        check("They spoke [[last Tuesday]].", PUB, &["2025-08-12 day"]);
    }

    #[test]
    fn weekdays_look_forward_under_a_future_cue() {
        check(
            "Leaders will meet again [[on Friday]].",
            PUB,
            &["2025-08-22 day"],
        );
        check("[[On Friday]], they’ll sign it.", PUB, &["2025-08-22 day"]);
        check(
            "The talks resume [[next Monday]].",
            PUB,
            &["2025-08-25 day"],
        );
        check(
            "The deal is due [[this Thursday]].",
            PUB,
            &["2025-08-21 day"],
        );
        check("Send it by [[Friday]].", PUB, &["2025-08-22 day"]);
        check(
            "The summit is scheduled for [[Tuesday]].",
            PUB,
            &["2025-08-19 day"],
        );
        // The nearest cue wins: "met" is nearer than "will".
        check(
            "Trump will host the man who met Putin [[on Friday]].",
            PUB,
            &["2025-08-15 day"],
        );
    }

    #[test]
    fn deictic_words() {
        check(
            "[[Yesterday]] and [[today]], not [[tomorrow]]",
            PUB,
            &["2025-08-18 day", "2025-08-19 day", "2025-08-20 day"],
        );
        check(
            "Talks ran [[last night]] and resume [[this morning]].",
            PUB,
            &["2025-08-18 day", "2025-08-19 day"],
        );
        check(
            "It ends [[the day after tomorrow]].",
            PUB,
            &["2025-08-21 day"],
        );
    }

    #[test]
    fn relative_weeks_months_years() {
        check(
            "during [[last week]]’s Alaska summit",
            PUB,
            &["2025-08-11 week"],
        );
        check(
            "[[This week]] and [[next week]]",
            PUB,
            &["2025-08-18 week", "2025-08-25 week"],
        );
        check(
            "[[last month]], [[next month]], [[earlier this month]]",
            PUB,
            &["2025-07 month", "2025-09 month", "2025-08 month"],
        );
        check(
            "[[last year]] and [[early next year]]",
            PUB,
            &["2024 year", "2026 year"],
        );
        check(
            "Prices rose in the last week and over the next year.",
            PUB,
            &[],
        );
    }

    #[test]
    fn ago() {
        check(
            "[[two days ago]], [[a week ago]], [[three months ago]], [[ten years ago]]",
            PUB,
            &[
                "2025-08-17 day",
                "2025-08-11 week",
                "2025-05 month",
                "2015 year",
            ],
        );
    }

    #[test]
    fn months() {
        check(
            "After a tense visit [[in February]], he changed tack.",
            PUB,
            &["2025-02 month"],
        );
        check(
            "since the full-scale invasion in [[February 2022]]",
            PUB,
            &["2022-02 month"],
        );
        check(
            "[[in August]] and [[last August]] and [[next March]]",
            PUB,
            &["2025-08 month", "2024-08 month", "2026-03 month"],
        );
        check("They will vote [[in March]].", PUB, &["2026-03 month"]);
        check(
            "since [[March]], until [[mid-February]], the end of [[June]]",
            PUB,
            &["2025-03 month", "2026-02 month", "2025-06 month"],
        );
        check("[[in early February]]", PUB, &["2025-02 month"]);
    }

    #[test]
    fn month_words_that_are_not_dates() {
        check(
            "You May go. Protesters march. March on! May said so. Will met Sun in Mar.",
            PUB,
            &[],
        );
        check(
            "The 2022 invasion had 1500 casualties in 1500 cases.",
            PUB,
            &[],
        );
    }

    #[test]
    fn explicit_days() {
        check(
            "[[August 18]], [[Aug. 18, 2025]], [[18 August 2025]], [[2025-08-18]]",
            PUB,
            &["2025-08-18 day"; 4],
        );
        check("on the [[18th of August]]", PUB, &["2025-08-18 day"]);
        check("[[Monday, August 18]]", PUB, &["2025-08-18 day"]);
        check(
            "[[Friday, August 18]]",
            PUB,
            &[&format!("2025-08-18 day ({WEEKDAY_MISMATCH})")],
        );
        check(
            "[[December 30]] and [[January 3]]",
            PUB,
            &["2025-12-30 day", "2026-01-03 day"],
        );
        check(
            "It happened on [[December 30]] and [[January 3]].",
            PUB,
            &["2024-12-30 day", "2025-01-03 day"],
        );
        check(
            "[[January 3]] and [[December 30]]",
            Some("2025-12-29"),
            &["2026-01-03 day", "2025-12-30 day"],
        );
        check("The vote will be on [[June 3]].", PUB, &["2026-06-03 day"]);
        check("[[Feb 29]]", PUB, &["2024-02-29 day"]);
    }

    #[test]
    fn years() {
        check(
            "[[in 2022]], since [[2014]], by [[2030]], [[early 2023]], [[mid-2024]]",
            PUB,
            &[
                "2022 year",
                "2014 year",
                "2030 year",
                "2023 year",
                "2024 year",
            ],
        );
        check("in 2022-23, in 2022%, in 2000 years, $2022", PUB, &[]);
    }

    #[test]
    fn bad_input_stays_unresolved() {
        check(
            "[[February 30]] and [[2025-02-30]] and [[February 30, 2024]]",
            PUB,
            &["- no such day"; 3],
        );
        check(
            "[[on Monday]] and [[last week]] and [[in February]] and [[August 18]]",
            None,
            &["- no publication date to resolve against"; 4],
        );
        check(
            "but [[February 2022]], [[in 2022]] and [[18 August 2025]] need none",
            None,
            &["2022-02 month", "2022 year", "2025-08-18 day"],
        );
        check(
            "[[2025-13-01]] and [[2025-00-10]]",
            PUB,
            &["- no such day"; 2],
        );
    }

    #[test]
    fn vague_spans_and_durations_are_not_dates() {
        check(
            "just days after the summit, and for months, in the short term, this time",
            PUB,
            &[],
        );
    }

    #[test]
    fn quotes_get_a_note() {
        check(
            "He was “all dressed up [[today]]”.",
            PUB,
            &[&format!("2025-08-19 day ({IN_QUOTE})")],
        );
    }

    #[test]
    fn extreme_publication_dates_do_not_panic() {
        for published in [NaiveDate::MIN, NaiveDate::MAX] {
            let dates = find_dates(
                "next week, tomorrow, yesterday, next year, last year, in February, on Monday",
                Some(published),
            );
            assert_eq!(dates.len(), 7);
        }
    }
}
