//! The word lists in `data/*.tsv`, embedded at compile time and parsed once.
//!
//! Every file documents its columns in its `#` header. A malformed line is
//! skipped and recorded in [`Lexicon::errors`] (a unit test keeps that list
//! empty), so loading never panics.

use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

/// The lexicon, parsed on first use.
pub(crate) static LEX: LazyLock<Lexicon> = LazyLock::new(Lexicon::load);

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct MonthWord {
    pub month: u32,
    pub abbr: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct WeekdayWord {
    /// 0 = Monday.
    pub day: u32,
    pub abbr: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumClass {
    Unit,
    Teen,
    Ten,
    Hundred,
    Dozen,
    Article,
    Half,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct NumWord {
    pub value: f64,
    pub class: NumClass,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ScaleUse {
    Word,
    Abbr,
    Money,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Scale {
    pub exp: i32,
    pub usage: ScaleUse,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Currency {
    pub iso: &'static str,
    /// Money only after a scale word ("5 million pounds").
    pub weak: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Unit {
    Duration { minutes: f64, months: u32 },
    Percent,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Modifier {
    Last,
    Next,
    This,
    /// early, late, mid, earlier, later: a part of the period, same resolution.
    Part,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RelUnit {
    Week,
    Month,
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateWord {
    Prep { absorb: bool },
    Modifier(Modifier),
    Daypart,
    Unit(RelUnit),
    Ago,
    Part,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    Future,
    Past,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Vague {
    pub value: f64,
    pub times: f64,
    pub usage: VagueUse,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VagueUse {
    Alone,
    Of,
    Head,
}

/// Roles of a word in `words.tsv`, as bit flags (a word may have several).
pub(crate) mod role {
    pub const DETERMINER: u8 = 1;
    pub const APPROX: u8 = 2;
    pub const STOP: u8 = 4;
    pub const NOT_PLURAL: u8 = 8;
    pub const PLURAL: u8 = 16;
    pub const ABBREV: u8 = 32;
}

/// Entries of several words, keyed by their first word. The rest of each
/// entry's words follow; longer entries come first so the longest match wins.
#[derive(Debug)]
pub(crate) struct Phrases<T> {
    map: HashMap<&'static str, Vec<(Vec<&'static str>, T)>>,
}

impl<T: Copy> Phrases<T> {
    fn new() -> Self {
        Phrases {
            map: HashMap::default(),
        }
    }

    fn insert(&mut self, form: &'static str, value: T) {
        let mut words = form.split(' ').filter(|w| !w.is_empty());
        let Some(first) = words.next() else { return };
        let entries = self.map.entry(first).or_default();
        entries.push((words.collect(), value));
        entries.sort_by_key(|(rest, _)| std::cmp::Reverse(rest.len()));
    }

    /// The entries starting with `first`, longest first.
    pub fn starting(&self, first: &str) -> &[(Vec<&'static str>, T)] {
        self.map.get(first).map_or(&[], Vec::as_slice)
    }
}

#[derive(Debug)]
pub(crate) struct Lexicon {
    pub months: HashMap<&'static str, MonthWord>,
    pub weekdays: HashMap<&'static str, WeekdayWord>,
    pub numbers: HashMap<&'static str, NumWord>,
    pub scales: HashMap<&'static str, Scale>,
    /// Prefix forms, longest first, matched case-sensitively.
    pub currency_prefix: Vec<(&'static str, &'static str)>,
    pub currency_suffix: Phrases<Currency>,
    pub units: Phrases<Unit>,
    pub vague: HashMap<&'static str, Vague>,
    pub datewords: HashMap<&'static str, DateWord>,
    /// Days from publication.
    pub deictic: Phrases<i64>,
    pub cues: HashMap<&'static str, Tense>,
    pub roles: HashMap<&'static str, u8>,
    /// Malformed lines, as "file:line: problem".
    pub errors: Vec<String>,
}

/// The non-comment, non-blank lines of a data file, split on tabs, with
/// their 1-based line numbers.
fn rows(text: &'static str) -> impl Iterator<Item = (usize, Vec<&'static str>)> {
    text.lines().enumerate().filter_map(|(i, line)| {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            return None;
        }
        Some((i + 1, line.split('\t').map(str::trim).collect()))
    })
}

struct Loader {
    errors: Vec<String>,
}

impl Loader {
    /// Rows of `file` with at least `n` columns, each parsed by `f`; rows
    /// that are too short or that `f` rejects are recorded as errors.
    fn each<F>(&mut self, file: &str, text: &'static str, n: usize, mut f: F)
    where
        F: FnMut(&[&'static str]) -> Result<(), String>,
    {
        for (line, cells) in rows(text) {
            let result = if cells.len() < n {
                Err(format!(
                    "expected {n} tab-separated columns, found {}",
                    cells.len()
                ))
            } else {
                f(&cells)
            };
            if let Err(e) = result {
                self.errors.push(format!("{file}:{line}: {e}"));
            }
        }
    }
}

fn num<T: std::str::FromStr>(cell: &str) -> Result<T, String> {
    cell.parse()
        .map_err(|_| format!("{cell:?} is not a number"))
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut l = Loader { errors: Vec::new() };
        let mut lex = Lexicon {
            months: HashMap::default(),
            weekdays: HashMap::default(),
            numbers: HashMap::default(),
            scales: HashMap::default(),
            currency_prefix: Vec::new(),
            currency_suffix: Phrases::new(),
            units: Phrases::new(),
            vague: HashMap::default(),
            datewords: HashMap::default(),
            deictic: Phrases::new(),
            cues: HashMap::default(),
            roles: HashMap::default(),
            errors: Vec::new(),
        };
        let abbr = |cell: &str| match cell {
            "full" => Ok(false),
            "abbr" => Ok(true),
            other => Err(format!("kind {other:?} is not full or abbr")),
        };

        l.each("months.tsv", include_str!("../data/months.tsv"), 3, |c| {
            let month: u32 = num(c[1])?;
            if !(1..=12).contains(&month) {
                return Err(format!("month {month} is not 1-12"));
            }
            lex.months.insert(
                c[0],
                MonthWord {
                    month,
                    abbr: abbr(c[2])?,
                },
            );
            Ok(())
        });
        l.each(
            "weekdays.tsv",
            include_str!("../data/weekdays.tsv"),
            3,
            |c| {
                let day: u32 = num(c[1])?;
                if day > 6 {
                    return Err(format!("day {day} is not 0-6"));
                }
                lex.weekdays.insert(
                    c[0],
                    WeekdayWord {
                        day,
                        abbr: abbr(c[2])?,
                    },
                );
                Ok(())
            },
        );
        l.each("numbers.tsv", include_str!("../data/numbers.tsv"), 3, |c| {
            let class = match c[2] {
                "unit" => NumClass::Unit,
                "teen" => NumClass::Teen,
                "ten" => NumClass::Ten,
                "hundred" => NumClass::Hundred,
                "dozen" => NumClass::Dozen,
                "article" => NumClass::Article,
                "half" => NumClass::Half,
                other => return Err(format!("unknown class {other:?}")),
            };
            lex.numbers.insert(
                c[0],
                NumWord {
                    value: num(c[1])?,
                    class,
                },
            );
            Ok(())
        });
        l.each("scales.tsv", include_str!("../data/scales.tsv"), 3, |c| {
            let usage = match c[2] {
                "word" => ScaleUse::Word,
                "abbr" => ScaleUse::Abbr,
                "money" => ScaleUse::Money,
                other => return Err(format!("unknown use {other:?}")),
            };
            lex.scales.insert(
                c[0],
                Scale {
                    exp: num(c[1])?,
                    usage,
                },
            );
            Ok(())
        });
        l.each(
            "currencies.tsv",
            include_str!("../data/currencies.tsv"),
            3,
            |c| {
                match c[2] {
                    "prefix" => lex.currency_prefix.push((c[0], c[1])),
                    "suffix" => lex.currency_suffix.insert(
                        c[0],
                        Currency {
                            iso: c[1],
                            weak: false,
                        },
                    ),
                    "weak" => lex.currency_suffix.insert(
                        c[0],
                        Currency {
                            iso: c[1],
                            weak: true,
                        },
                    ),
                    other => return Err(format!("unknown position {other:?}")),
                }
                Ok(())
            },
        );
        lex.currency_prefix
            .sort_by_key(|(form, _)| std::cmp::Reverse(form.len()));
        l.each("units.tsv", include_str!("../data/units.tsv"), 4, |c| {
            let unit = match c[1] {
                "duration" => Unit::Duration {
                    minutes: num(c[2])?,
                    months: num(c[3])?,
                },
                "percent" => Unit::Percent,
                other => return Err(format!("unknown kind {other:?}")),
            };
            lex.units.insert(c[0], unit);
            Ok(())
        });
        l.each("vague.tsv", include_str!("../data/vague.tsv"), 4, |c| {
            let usage = match c[3] {
                "alone" => VagueUse::Alone,
                "of" => VagueUse::Of,
                "head" => VagueUse::Head,
                other => return Err(format!("unknown use {other:?}")),
            };
            lex.vague.insert(
                c[0],
                Vague {
                    value: num(c[1])?,
                    times: num(c[2])?,
                    usage,
                },
            );
            Ok(())
        });
        l.each(
            "datewords.tsv",
            include_str!("../data/datewords.tsv"),
            3,
            |c| {
                let word = match c[1] {
                    "prep" => DateWord::Prep {
                        absorb: c[2] == "1",
                    },
                    "modifier" => DateWord::Modifier(match c[2] {
                        "last" => Modifier::Last,
                        "next" => Modifier::Next,
                        "this" => Modifier::This,
                        "early" | "late" | "mid" | "earlier" | "later" => Modifier::Part,
                        other => return Err(format!("unknown modifier {other:?}")),
                    }),
                    "daypart" => DateWord::Daypart,
                    "unit" => DateWord::Unit(match c[2] {
                        "week" => RelUnit::Week,
                        "month" => RelUnit::Month,
                        "year" => RelUnit::Year,
                        other => return Err(format!("unknown unit {other:?}")),
                    }),
                    "ago" => DateWord::Ago,
                    "part" => DateWord::Part,
                    "deictic" => {
                        lex.deictic.insert(c[0], num(c[2])?);
                        return Ok(());
                    }
                    other => return Err(format!("unknown kind {other:?}")),
                };
                lex.datewords.insert(c[0], word);
                Ok(())
            },
        );
        l.each("cues.tsv", include_str!("../data/cues.tsv"), 2, |c| {
            let tense = match c[1] {
                "future" => Tense::Future,
                "past" => Tense::Past,
                other => return Err(format!("unknown tense {other:?}")),
            };
            lex.cues.insert(c[0], tense);
            Ok(())
        });
        l.each("words.tsv", include_str!("../data/words.tsv"), 2, |c| {
            let bit = match c[1] {
                "determiner" => role::DETERMINER,
                "approx" => role::APPROX,
                "stop" => role::STOP,
                "notplural" => role::NOT_PLURAL,
                "plural" => role::PLURAL,
                "abbrev" => role::ABBREV,
                other => return Err(format!("unknown role {other:?}")),
            };
            *lex.roles.entry(c[0]).or_default() |= bit;
            Ok(())
        });
        lex.errors = l.errors;
        lex
    }

    /// The roles of a lowercase word (a bit set of [`role`] flags).
    pub fn role(&self, word: &str, bit: u8) -> bool {
        self.roles.get(word).is_some_and(|r| r & bit != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_line_parses() {
        assert_eq!(LEX.errors, Vec::<String>::new());
        assert_eq!(LEX.months.len(), 24);
        assert_eq!(LEX.weekdays["friday"].day, 4);
        assert_eq!(LEX.numbers["ninety"].value, 90.0);
        assert_eq!(LEX.scales["bn"].exp, 9);
        assert_eq!(
            LEX.currency_prefix[0].0.len(),
            3,
            "longest prefix forms first"
        );
        assert!(LEX.role("the", role::DETERMINER) && LEX.role("the", role::STOP));
    }
}
