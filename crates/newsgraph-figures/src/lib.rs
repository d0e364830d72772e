//! Figures and dates: money, durations, deadlines, counts, percentages, and
//! date expressions resolved against the publication date.
//!
//! Two pipeline components, each with a plain function underneath:
//!
//! - [`Dates`] ([`find_dates`]) fills [`Analysis::dates`]: "on Monday",
//!   "last week", "in February", "February 2022", "Aug. 18, 2025", ...,
//!   resolved to a [`PartialDate`](newsgraph_core::PartialDate) at day, week,
//!   month or year precision (rules in the [`dates`] module docs).
//! - [`Figures`] ([`find_figures`]) fills [`Analysis::figures`]: "$90 billion
//!   (£67bn)", "40-minute", "within 10 days", "six separate thank yous", "5%"
//!   (rules in the [`figures`] module docs). It needs the dates: numbers
//!   inside a date are not figures, and deadlines count from them.
//!
//! Both work on the raw text with their own small tokenizer, so they do not
//! need the segmentation layers; when [`Analysis::sentences`] is filled,
//! [`Figures`] uses it to find a deadline's anchor in the same sentence.
//! Word lists (month and weekday names, number words, currencies, scale
//! words, units, vague quantities, tense cues) are the TSV files in `data/`,
//! embedded at compile time and parsed once.
//!
//! **Robustness:** neither function panics on any text; both are linear in
//! its length; every range lies on character boundaries; figures come
//! sorted by start and never overlap; dates likewise. Amounts are `f64` and
//! saturate at `f64::MAX` instead of overflowing.
//!
//! ```
//! use chrono::NaiveDate;
//! use newsgraph_core::FigureValue;
//! use newsgraph_figures::{find_dates, find_figures};
//!
//! let text = "On Monday, Trump and Putin held a 40-minute call. \
//!             A deal could be finalized within 10 days.";
//! let published = NaiveDate::from_ymd_opt(2025, 8, 19); // a Tuesday
//! let dates = find_dates(text, published);
//! assert_eq!(dates[0].range.slice(text), "On Monday");
//! assert_eq!(dates[0].value.unwrap().iso(), "2025-08-18");
//!
//! let figures = find_figures(text, published, &dates);
//! assert_eq!(figures[0].value, FigureValue::Duration { minutes: 40.0 });
//! assert_eq!(
//!     figures[1].value,
//!     FigureValue::Deadline { days: 10.0, by: NaiveDate::from_ymd_opt(2025, 8, 28) }
//! );
//! ```

pub mod dates;
pub mod figures;
mod lexicon;
mod numbers;
mod scan;

pub use dates::find_dates;
pub use figures::find_figures;

use newsgraph_core::{Analysis, Component, Layer, Severity, TextRange};

/// Fills [`Analysis::dates`] from the text and the publication date; an
/// expression it cannot resolve is kept with `value: None` and reported as
/// an info diagnostic.
#[derive(Debug, Clone, Copy, Default)]
pub struct Dates;

impl Component for Dates {
    fn name(&self) -> &'static str {
        "dates"
    }

    fn requires(&self) -> &'static [Layer] {
        &[]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Dates]
    }

    fn run(&self, analysis: &mut Analysis) {
        let dates = find_dates(analysis.text(), analysis.doc.meta.published);
        for d in dates.iter().filter(|d| d.value.is_none()) {
            let note = d.note.as_deref().unwrap_or("unresolved");
            let message = format!("date {:?} left unresolved: {note}", analysis.slice(d.range));
            analysis.diagnose(Severity::Info, Some(d.range), message);
        }
        analysis.dates = dates;
    }
}

/// Fills [`Analysis::figures`]; needs [`Dates`] first.
#[derive(Debug, Clone, Copy, Default)]
pub struct Figures;

impl Component for Figures {
    fn name(&self) -> &'static str {
        "figures"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Dates]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Figures]
    }

    fn run(&self, analysis: &mut Analysis) {
        let sentences: Vec<TextRange> = analysis.sentences.iter().map(|s| s.range).collect();
        let sentences = (!sentences.is_empty()).then_some(sentences.as_slice());
        let scan = scan::Scan::new(analysis.text());
        analysis.figures = figures::find_figures_in(
            &scan,
            analysis.doc.meta.published,
            &analysis.dates,
            sentences,
        );
    }
}

#[cfg(test)]
mod test_support {
    use chrono::NaiveDate;

    pub fn date(s: &str) -> NaiveDate {
        s.parse().expect("a test date")
    }

    /// Strips `[[`/`]]` markers: the plain text and the marked spans in order.
    pub fn marked(input: &str) -> (String, Vec<String>) {
        let mut text = String::new();
        let mut spans = Vec::new();
        let mut rest = input;
        while let Some(open) = rest.find("[[") {
            text.push_str(&rest[..open]);
            let after = &rest[open + 2..];
            let close = after.find("]]").expect("unclosed [[");
            text.push_str(&after[..close]);
            spans.push(after[..close].to_string());
            rest = &after[close + 2..];
        }
        text.push_str(rest);
        (text, spans)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_core::{Document, FigureValue, Metadata};

    #[test]
    fn components_fill_their_layers() {
        let meta = Metadata {
            published: Some(test_support::date("2025-08-19")),
            ..Metadata::default()
        };
        let text = "On February 30 they met. Talks on Monday agreed a $5m fund within 10 days.";
        let mut a = Analysis::new(Document::new(text, meta));
        Dates.run(&mut a);
        Figures.run(&mut a);
        a.check_invariants().unwrap();
        assert_eq!(a.dates.len(), 2);
        assert_eq!(a.diagnostics.len(), 1, "February 30 is reported");
        assert!(a.diagnostics[0].message.contains("no such day"));
        assert_eq!(a.figures.len(), 2);
        assert_eq!(
            a.figures[1].value,
            FigureValue::Deadline {
                days: 10.0,
                by: Some(test_support::date("2025-08-28"))
            }
        );
        assert_eq!(Figures.requires(), &[Layer::Dates]);
    }
}

#[cfg(test)]
mod robustness {
    use super::*;
    use newsgraph_core::FigureValue;

    /// A tiny deterministic generator (xorshift), so the test needs no crate.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            items[(self.next() % items.len() as u64) as usize]
        }
    }

    const PIECES: &[&str] = &[
        "$",
        "£",
        "€",
        "US$",
        "Rs",
        "bn",
        "m",
        "k",
        "million",
        "billion",
        "trillion",
        "crore",
        "dollars",
        "pounds",
        "Monday",
        "Tue",
        "February",
        "Aug",
        ".",
        ",",
        "-",
        "–",
        "(",
        ")",
        "“",
        "”",
        "\"",
        "'",
        "’",
        "%",
        "per",
        "cent",
        "in",
        "on",
        "by",
        "the",
        "end",
        "of",
        "last",
        "next",
        "this",
        "mid",
        "early",
        "week",
        "month",
        "year",
        "ago",
        "within",
        "the",
        "next",
        "10",
        "1,200",
        "1.2.3",
        "0",
        "31",
        "30",
        "2025",
        "2025-02-30",
        "99999999999999999999",
        "18th",
        "a",
        "an",
        "half",
        "dozen",
        "dozens",
        "tens",
        "thousands",
        "six",
        "twenty",
        "hundred",
        "and",
        "one",
        "hours",
        "minute",
        "days",
        "old",
        "long",
        "people",
        "will",
        "said",
        "today",
        "night",
        "\n",
        "\u{0}",
        "\t",
        "é",
        "🙂",
        "\u{301}",
        "\u{2028}",
        "Ⅻ",
        "٣",
        "１２",
        ":",
        "/",
        "1.",
        "\r\n",
    ];

    fn check_invariants(text: &str, published: Option<chrono::NaiveDate>) {
        let dates = find_dates(text, published);
        let figures = find_figures(text, published, &dates);
        for w in dates.windows(2) {
            assert!(
                w[0].range.end() <= w[1].range.start(),
                "dates overlap in {text:?}"
            );
        }
        for w in figures.windows(2) {
            assert!(
                w[0].range.end() <= w[1].range.start(),
                "figures overlap in {text:?}"
            );
        }
        for r in dates
            .iter()
            .map(|d| d.range)
            .chain(figures.iter().map(|f| f.range))
        {
            assert!(
                r.end() <= text.len()
                    && text.is_char_boundary(r.start())
                    && text.is_char_boundary(r.end())
            );
            assert!(!r.is_empty());
        }
        for (k, f) in figures.iter().enumerate() {
            assert!(f.same_as.iter().all(|id| id.index() < k));
            let finite = match &f.value {
                FigureValue::Money { amount, .. } => amount.is_finite(),
                FigureValue::Duration { minutes } => minutes.is_finite(),
                FigureValue::Deadline { days, .. } => days.is_finite(),
                FigureValue::Count { value, .. } | FigureValue::Percent { value } => {
                    value.is_finite()
                }
            };
            assert!(finite, "{f:?} in {text:?}");
        }
    }

    #[test]
    fn random_token_soup_never_panics() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let published = [
            None,
            chrono::NaiveDate::from_ymd_opt(2025, 8, 19),
            Some(chrono::NaiveDate::MAX),
            Some(chrono::NaiveDate::MIN),
        ];
        for round in 0..3000 {
            let n = (rng.next() % 40) as usize;
            let mut text = String::new();
            for _ in 0..n {
                text.push_str(rng.pick(PIECES));
                if rng.next() % 3 < 2 {
                    text.push(' ');
                }
            }
            check_invariants(&text, published[round % published.len()]);
        }
    }

    #[test]
    fn random_bytes_never_panic() {
        let mut rng = Rng(42);
        for _ in 0..500 {
            let bytes: Vec<u8> = (0..(rng.next() % 200))
                .map(|_| (rng.next() % 256) as u8)
                .collect();
            let text = String::from_utf8_lossy(&bytes);
            check_invariants(&text, chrono::NaiveDate::from_ymd_opt(2025, 8, 19));
        }
    }

    #[test]
    fn pathological_inputs() {
        let p = chrono::NaiveDate::from_ymd_opt(2025, 8, 19);
        check_invariants(&"9".repeat(100_000), p);
        check_invariants(&format!("${} trillion dollars", "9".repeat(100_000)), p);
        check_invariants(&format!("within {} days", "9".repeat(400)), p);
        check_invariants(&format!("{} ago", "9".repeat(30)), p);
        check_invariants(&"-".repeat(100_000), p);
        check_invariants(&"on Monday ".repeat(10_000), p);
        check_invariants(&"$5 ".repeat(10_000), p);
        check_invariants(&"\u{0}\u{1}\u{7f}\u{feff}".repeat(1000), p);
        check_invariants("", p);
    }
}
