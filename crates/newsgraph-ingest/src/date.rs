//! Publication dates as sources write them, reduced to a calendar date.
//!
//! The date kept is the one the publisher wrote, in the publisher's own
//! offset: `2026-11-28T23:30:00-05:00` is 28 November, not the UTC day after,
//! because relative dates in the text ("on Friday") are written from there.

use chrono::{DateTime, NaiveDate};

/// Parses the date forms found in front matter, meta tags, JSON-LD, feeds and
/// WARC headers. Returns `None` for anything else.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    // ISO 8601 / RFC 3339 and their relatives: the first ten characters.
    if let Some(head) = s.get(..10) {
        for fmt in ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"] {
            if let Ok(d) = NaiveDate::parse_from_str(head, fmt) {
                return Some(d);
            }
        }
    }
    // Compact ISO: 20261128 or 20261128T103000Z.
    if let Some(head) = s.get(..8) {
        if head.bytes().all(|b| b.is_ascii_digit()) {
            if let Ok(d) = NaiveDate::parse_from_str(head, "%Y%m%d") {
                return Some(d);
            }
        }
    }
    // RSS: RFC 2822 ("Sat, 28 Nov 2026 10:00:00 GMT").
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(dt.naive_local().date());
    }
    // Written dates: "28 November 2026", "November 28, 2026", with or without
    // a weekday in front or a time after.
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    for window in words.windows(3) {
        let joined = window.join(" ");
        for fmt in ["%d %B %Y", "%B %d %Y", "%d %b %Y", "%b %d %Y"] {
            if let Ok(d) = NaiveDate::parse_from_str(&joined, fmt) {
                return Some(d);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: Option<&str>) {
        let got = parse_date(input).map(|d| d.to_string());
        assert_eq!(got.as_deref(), expected, "{input:?}");
    }

    #[test]
    fn forms() {
        check("2026-11-28", Some("2026-11-28"));
        check("2026-11-28T23:30:00-05:00", Some("2026-11-28"));
        check("2026-11-28T10:00:00Z", Some("2026-11-28"));
        check("2026/11/28", Some("2026-11-28"));
        check("20261128T103000Z", Some("2026-11-28"));
        check("Sat, 28 Nov 2026 10:00:00 GMT", Some("2026-11-28"));
        check("Sat, 28 Nov 2026 23:00:00 -0500", Some("2026-11-28"));
        check("28 November 2026", Some("2026-11-28"));
        check("November 28, 2026", Some("2026-11-28"));
        check("Saturday, November 28, 2026 10:00", Some("2026-11-28"));
        check("yesterday", None);
        check("2026-13-45", None);
        check("", None);
    }
}
