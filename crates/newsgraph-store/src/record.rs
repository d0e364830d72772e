//! One article ready to write: its text, metadata and readout layers as rows.
//!
//! The store reads the readout (the wire format of `newsgraph-readout`), not
//! the internal analysis, so its rows carry the same code-point spans and the
//! same ids (`a3` is actor 3 of its article) as `newsgraph extract` prints.

use newsgraph_core::Analysis;
use newsgraph_readout::{Readout, Span};

use crate::backend::Value;

/// The layer tables and their columns, in insert order.
pub(crate) const LAYERS: &[(&str, &[&str])] = &[
    (
        "actors",
        &[
            "article_id",
            "ord",
            "name",
            "kind",
            "roles",
            "country",
            "sector",
            "affiliation",
            "gender",
            "mentions",
        ],
    ),
    (
        "mentions",
        &[
            "article_id",
            "ord",
            "actor_ord",
            "kind",
            "start_cp",
            "end_cp",
            "text",
        ],
    ),
    (
        "quotes",
        &[
            "article_id",
            "ord",
            "kind",
            "speaker_ord",
            "addressee_ord",
            "source_start",
            "source_end",
            "cue_start",
            "cue_end",
            "content_start",
            "content_end",
            "content",
            "quoted",
            "confidence",
        ],
    ),
    (
        "events",
        &[
            "article_id",
            "ord",
            "type",
            "mode",
            "context",
            "cameo",
            "status",
            "trigger_start",
            "trigger_end",
            "trigger_text",
            "when_date",
            "when_precision",
            "when_start",
            "when_end",
            "place_name",
            "place_country",
            "place_start",
            "place_end",
            "issue",
            "reported_by_ord",
            "date",
        ],
    ),
    (
        "event_actors",
        &["article_id", "event_ord", "role", "pos", "actor_ord"],
    ),
    (
        "figures",
        &[
            "article_id",
            "ord",
            "kind",
            "start_cp",
            "end_cp",
            "text",
            "amount",
            "currency",
            "minutes",
            "days",
            "by_date",
            "value",
        ],
    ),
    (
        "positions",
        &[
            "article_id",
            "ord",
            "actor_ord",
            "issue",
            "stance",
            "evidence",
        ],
    ),
];

/// An article with its readout, as rows for the store.
#[derive(Debug, Clone)]
pub struct ArticleRecord {
    pub(crate) id: String,
    pub(crate) url: Option<String>,
    pub(crate) title: Option<String>,
    pub(crate) published: Option<String>,
    pub(crate) outlet: Option<String>,
    pub(crate) source: Option<String>,
    pub(crate) format: Option<String>,
    pub(crate) chars: usize,
    pub(crate) text: String,
    pub(crate) readout: String,
    /// Rows per entry of [`LAYERS`].
    pub(crate) layers: Vec<Vec<Vec<Value>>>,
}

/// The number in a readout id: `a12` → 12.
fn ord(label: &str) -> Option<i64> {
    label.get(1..).and_then(|n| n.parse().ok())
}

fn spans_json(spans: &[Span]) -> String {
    serde_json::to_string(spans).expect("spans serialize")
}

fn strings_json(items: &[String]) -> String {
    serde_json::to_string(items).expect("strings serialize")
}

fn number(n: &Option<serde_json::Number>) -> Value {
    n.as_ref().and_then(|n| n.as_f64()).into()
}

/// `2025-08-18`, `2025-08` or `2025` as the first day it covers.
pub(crate) fn first_day(iso: &str) -> Option<String> {
    let iso = iso.trim();
    let full = match iso.len() {
        10 => iso.to_string(),
        7 => format!("{iso}-01"),
        4 => format!("{iso}-01-01"),
        _ => return None,
    };
    chrono::NaiveDate::parse_from_str(&full, "%Y-%m-%d")
        .ok()
        .map(|d| d.format("%Y-%m-%d").to_string())
}

/// The host of a URL without `www.`: the outlet.
pub fn outlet_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

impl ArticleRecord {
    /// Rows for one analysed article. `source` says where it was read from
    /// (a path, a WARC record); `format` the input format.
    pub fn from_analysis(a: &Analysis, source: Option<&str>, format: Option<&str>) -> Self {
        Self::new(a.text(), &Readout::from_analysis(a), source, format)
    }

    /// Rows for a text and its readout.
    pub fn new(text: &str, r: &Readout, source: Option<&str>, format: Option<&str>) -> Self {
        let id = r.document.id.clone();
        let a = || Value::Text(id.clone());
        let mut layers: Vec<Vec<Vec<Value>>> = vec![Vec::new(); LAYERS.len()];
        let mut mention_ord = 0i64;
        for (i, actor) in r.actors.iter().enumerate() {
            let actor_ord = ord(&actor.id).unwrap_or(i as i64 + 1);
            layers[0].push(vec![
                a(),
                actor_ord.into(),
                actor.name.as_str().into(),
                actor.kind.into(),
                strings_json(&actor.roles).into(),
                actor.country.clone().into(),
                actor.sector.clone().into(),
                actor.affiliation.clone().into(),
                actor.gender.into(),
                actor.mentions.len().into(),
            ]);
            for m in &actor.mentions {
                mention_ord += 1;
                layers[1].push(vec![
                    a(),
                    mention_ord.into(),
                    actor_ord.into(),
                    m.kind.into(),
                    m.span.start.into(),
                    m.span.end.into(),
                    m.span.text.as_str().into(),
                ]);
            }
        }
        for (i, q) in r.quotes.iter().enumerate() {
            layers[2].push(vec![
                a(),
                ord(&q.id).unwrap_or(i as i64 + 1).into(),
                q.kind.into(),
                q.speaker.as_deref().and_then(ord).into(),
                q.addressee.as_deref().and_then(ord).into(),
                q.source.as_ref().map(|s| s.start).into(),
                q.source.as_ref().map(|s| s.end).into(),
                q.cue.as_ref().map(|s| s.start).into(),
                q.cue.as_ref().map(|s| s.end).into(),
                q.content.start.into(),
                q.content.end.into(),
                q.content.text.as_str().into(),
                spans_json(&q.quoted).into(),
                f64::from(q.confidence).into(),
            ]);
        }
        for (i, e) in r.events.iter().enumerate() {
            let event_ord = ord(&e.id).unwrap_or(i as i64 + 1);
            let date = e
                .when
                .as_ref()
                .and_then(|w| first_day(&w.date))
                .or_else(|| r.document.published.clone());
            layers[3].push(vec![
                a(),
                event_ord.into(),
                e.event_type.into(),
                e.mode.clone().into(),
                strings_json(&e.context).into(),
                e.cameo.clone().into(),
                e.status.into(),
                e.trigger.start.into(),
                e.trigger.end.into(),
                e.trigger.text.as_str().into(),
                e.when.as_ref().map(|w| w.date.clone()).into(),
                e.when.as_ref().map(|w| w.precision).into(),
                e.when.as_ref().map(|w| w.text.start).into(),
                e.when.as_ref().map(|w| w.text.end).into(),
                e.place.as_ref().map(|p| p.name.clone()).into(),
                e.place.as_ref().and_then(|p| p.country.clone()).into(),
                e.place.as_ref().map(|p| p.text.start).into(),
                e.place.as_ref().map(|p| p.text.end).into(),
                e.issue.clone().into(),
                e.reported_by.as_deref().and_then(ord).into(),
                date.into(),
            ]);
            for (role, list) in [("actor", &e.actors), ("target", &e.targets)] {
                for (pos, label) in list.iter().enumerate() {
                    if let Some(actor_ord) = ord(label) {
                        layers[4].push(vec![
                            a(),
                            event_ord.into(),
                            role.into(),
                            pos.into(),
                            actor_ord.into(),
                        ]);
                    }
                }
            }
        }
        for (i, f) in r.figures.iter().enumerate() {
            layers[5].push(vec![
                a(),
                ord(&f.id).unwrap_or(i as i64 + 1).into(),
                f.kind.into(),
                f.span.start.into(),
                f.span.end.into(),
                f.span.text.as_str().into(),
                number(&f.amount),
                f.currency.clone().into(),
                number(&f.minutes),
                number(&f.days),
                f.by.clone().into(),
                number(&f.value),
            ]);
        }
        for (i, p) in r.positions.iter().enumerate() {
            let Some(actor_ord) = ord(&p.actor) else {
                continue;
            };
            layers[6].push(vec![
                a(),
                (i as i64 + 1).into(),
                actor_ord.into(),
                p.issue.as_str().into(),
                p.stance.into(),
                spans_json(&p.evidence).into(),
            ]);
        }
        let url = r.document.url.clone().filter(|u| !u.trim().is_empty());
        ArticleRecord {
            outlet: url.as_deref().and_then(outlet_of),
            url,
            title: r.document.title.clone(),
            published: r.document.published.clone(),
            source: source.map(str::to_string),
            format: format.map(str::to_string),
            chars: text.chars().count(),
            text: text.to_string(),
            readout: r.to_json_line(),
            layers,
            id,
        }
    }

    /// The content id (BLAKE3 of the text).
    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }

    /// Rows in the given layer table (for tests and summaries).
    pub fn rows(&self, table: &str) -> usize {
        LAYERS
            .iter()
            .position(|(t, _)| *t == table)
            .map_or(0, |i| self.layers[i].len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlets_are_hosts_without_www() {
        assert_eq!(
            outlet_of("https://www.example.com/a/b?c").as_deref(),
            Some("example.com")
        );
        assert_eq!(
            outlet_of("http://news.example.org:8080/x").as_deref(),
            Some("news.example.org")
        );
        assert_eq!(outlet_of("").as_deref(), None);
    }

    #[test]
    fn partial_dates_start_on_their_first_day() {
        assert_eq!(first_day("2025-08-18").as_deref(), Some("2025-08-18"));
        assert_eq!(first_day("2025-02").as_deref(), Some("2025-02-01"));
        assert_eq!(first_day("2022").as_deref(), Some("2022-01-01"));
        assert_eq!(first_day("soon"), None);
    }
}
