//! Plain text with optional front matter.
//!
//! Two forms are recognised at the very start of the file:
//!
//! ```text
//! ---                               title: Talks resume
//! title: Talks resume               date: 2026-11-28
//! date: 2026-11-28                  url: https://example.org/talks
//! url: https://example.org/talks
//! ---                               The talks resumed on Friday.
//! The talks resumed on Friday.
//! ```
//!
//! A `---` block may hold any `key: value` lines; the bare form needs its
//! first line to be a known key (`title`, `date`, `published`, `url`, ...)
//! and every line up to the first blank line to be `key: value`, so that an
//! article opening with "Washington: the talks..." stays text. The front
//! matter is removed; the rest of the file is the article text, unchanged.

use newsgraph_core::Metadata;
use newsgraph_input::Limits;

use crate::{date::parse_date, finish, Article, Format, IngestError, Result};

pub(crate) fn article(bytes: Vec<u8>, source: &str, limits: &Limits) -> Result<Article> {
    let input = newsgraph_input::decode(bytes, source, limits)
        .map_err(|e| IngestError::new(source, e.kind().to_string()))?;
    let (meta, body) = split_front_matter(&input.text);
    let body = body.to_string();
    finish(body, meta, source.to_string(), Format::Text, limits)
        .map_err(|m| IngestError::new(source, m))
}

/// The metadata keys understood, and the field each fills.
fn field(key: &str) -> Option<Field> {
    Some(match key.to_ascii_lowercase().as_str() {
        "title" | "headline" => Field::Title,
        "date" | "published" | "pubdate" | "published_at" | "datepublished" => Field::Date,
        "url" | "link" | "source_url" => Field::Url,
        _ => return None,
    })
}

enum Field {
    Title,
    Date,
    Url,
}

/// Splits off front matter: the metadata and the rest of the text.
pub(crate) fn split_front_matter(text: &str) -> (Metadata, &str) {
    let mut meta = Metadata::default();
    let fenced = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"));
    if let Some(rest) = fenced {
        // Find the closing fence on a line of its own.
        let mut offset = 0;
        for line in rest.split_inclusive('\n') {
            let bare = line.trim_end_matches(['\n', '\r']);
            if bare == "---" || bare == "..." {
                let body = &rest[offset + line.len()..];
                for l in rest[..offset].lines() {
                    apply(&mut meta, l);
                }
                return (meta, body);
            }
            if !bare.trim().is_empty() && key_value(bare).is_none() {
                break;
            }
            offset += line.len();
        }
        return (Metadata::default(), text);
    }
    // The bare form: known key first, `key: value` lines up to a blank line.
    let first = text.lines().next().unwrap_or("");
    if key_value(first).is_none_or(|(k, _)| field(k).is_none()) {
        return (meta, text);
    }
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        if bare.trim().is_empty() {
            let body = &text[offset + line.len()..];
            for l in text[..offset].lines() {
                apply(&mut meta, l);
            }
            return (meta, body);
        }
        if key_value(bare).is_none() {
            return (Metadata::default(), text);
        }
        offset += line.len();
    }
    // Only headers and no body: not front matter after all.
    (Metadata::default(), text)
}

/// `key: value` with a short word key.
fn key_value(line: &str) -> Option<(&str, &str)> {
    let (k, v) = line.split_once(':')?;
    let k = k.trim();
    let ok = !k.is_empty()
        && k.len() <= 32
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.');
    ok.then_some((k, v.trim()))
}

fn apply(meta: &mut Metadata, line: &str) {
    let Some((k, v)) = key_value(line) else {
        return;
    };
    let v = v.trim_matches(|c| c == '"' || c == '\'').trim();
    if v.is_empty() {
        return;
    }
    match field(k) {
        Some(Field::Title) => meta.title = Some(v.to_string()),
        Some(Field::Date) if meta.published.is_none() => meta.published = parse_date(v),
        Some(Field::Url) => meta.url = Some(v.to_string()),
        Some(Field::Date) | None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, title: Option<&str>, date: Option<&str>, body: &str) {
        let (meta, rest) = split_front_matter(input);
        assert_eq!(meta.title.as_deref(), title, "{input:?}");
        assert_eq!(
            meta.published.map(|d| d.to_string()).as_deref(),
            date,
            "{input:?}"
        );
        assert_eq!(rest, body, "{input:?}");
    }

    #[test]
    fn fenced() {
        check(
            "---\ntitle: \"Talks resume\"\ndate: 2026-11-28\nauthor: Desk\nurl: https://e.org/a\n---\nBody.\n",
            Some("Talks resume"),
            Some("2026-11-28"),
            "Body.\n",
        );
        check(
            "---\r\ntitle: T\r\n---\r\nBody.\r\n",
            Some("T"),
            None,
            "Body.\r\n",
        );
        // No closing fence: all text.
        check(
            "---\ntitle: T\nBody.\n",
            None,
            None,
            "---\ntitle: T\nBody.\n",
        );
    }

    #[test]
    fn bare() {
        check(
            "title: Talks resume\npublished: Sat, 28 Nov 2026 10:00:00 GMT\n\nBody.\n",
            Some("Talks resume"),
            Some("2026-11-28"),
            "Body.\n",
        );
        // An unknown first key is a dateline, not front matter.
        check(
            "Washington: the talks resumed.\n\nMore.\n",
            None,
            None,
            "Washington: the talks resumed.\n\nMore.\n",
        );
        // A known key followed by prose is text.
        check(
            "Title: a word\nand then a sentence without a colon\n\nMore.\n",
            None,
            None,
            "Title: a word\nand then a sentence without a colon\n\nMore.\n",
        );
        check("Just text.\n", None, None, "Just text.\n");
    }
}
