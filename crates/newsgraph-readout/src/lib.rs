//! The readout: what `newsgraph extract --format json` prints.
//!
//! This crate is the only place the wire format lives. Every span is
//! `{"start", "end", "text"}` with **Unicode code-point** offsets into the
//! input text (end exclusive) and `text == input[start:end]`.
//!
//! ```json
//! {
//!   "document": {"id": "…", "title": null, "published": "2025-08-19", "url": null},
//!   "actors": [{"id": "a1", "name": "Friedrich Merz", "kind": "person",
//!               "roles": ["Chancellor"], "country": "DEU", "sector": "GOV",
//!               "affiliation": null, "gender": "male",
//!               "mentions": [{"start": 0, "end": 32, "text": "German Chancellor Friedrich Merz",
//!                             "kind": "name"}]}],
//!   "quotes": [], "events": [], "figures": [], "dates": [], "positions": [],
//!   "commitments": [], "sentences": [span, …], "diagnostics": [{"severity", "message", "span"}]
//! }
//! ```
//!
//! Mentions carry an extra `kind` (name, acronym, metonym, description,
//! pronoun, group); figures carry only the fields of their kind; `dates`
//! entries with an unresolvable expression carry `date: null` and a `note`.
//! Positions carry, besides `evidence`, the `quotes` and `events` they rest
//! on and `support`: every piece of evidence with its own stance, quote,
//! event and date, so conflicting evidence is kept; `stance` is the latest.
//! Commitments carry `promiser`, `promisee`, `what`, `figures` (amounts and
//! deadlines), `deadline` (YYYY-MM-DD), `status` and `evidence`.
//!
//! ```
//! use newsgraph_core::{Analysis, Document, Metadata};
//! let a = Analysis::new(Document::new("text", Metadata::default()));
//! let r = newsgraph_readout::Readout::from_analysis(&a);
//! assert!(serde_json::to_string(&r).unwrap().contains("\"actors\":[]"));
//! ```

mod table;

use newsgraph_core::{Analysis, FigureValue, Gender, MentionKind, OffsetMap, Severity, TextRange};
use serde::Serialize;

pub use table::render_table;

/// A span of the input, in code points, with its text.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct DocumentInfo {
    pub id: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct MentionOut {
    #[serde(flatten)]
    pub span: Span,
    pub kind: &'static str,
}

#[derive(Debug, Serialize)]
pub struct ActorOut {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub roles: Vec<String>,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub affiliation: Option<String>,
    pub gender: Option<&'static str>,
    pub mentions: Vec<MentionOut>,
}

#[derive(Debug, Serialize)]
pub struct QuoteOut {
    pub id: String,
    pub kind: &'static str,
    pub speaker: Option<String>,
    pub addressee: Option<String>,
    pub source: Option<Span>,
    pub cue: Option<Span>,
    pub content: Span,
    pub quoted: Vec<Span>,
    pub confidence: f32,
}

#[derive(Debug, Serialize)]
pub struct WhenOut {
    pub date: String,
    pub precision: &'static str,
    pub text: Span,
}

#[derive(Debug, Serialize)]
pub struct WhereOut {
    pub name: String,
    pub country: Option<String>,
    pub text: Span,
}

#[derive(Debug, Serialize)]
pub struct EventOut {
    pub id: String,
    #[serde(rename = "type")]
    pub event_type: &'static str,
    pub mode: Option<String>,
    pub context: Vec<String>,
    pub cameo: Option<String>,
    pub actors: Vec<String>,
    pub targets: Vec<String>,
    pub status: &'static str,
    pub trigger: Span,
    pub when: Option<WhenOut>,
    #[serde(rename = "where")]
    pub place: Option<WhereOut>,
    pub issue: Option<String>,
    pub reported_by: Option<String>,
    pub figures: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct FigureOut {
    pub id: String,
    pub kind: &'static str,
    pub span: Span,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<serde_json::Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minutes: Option<serde_json::Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<serde_json::Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<serde_json::Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approximate: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub same_as: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct DateOut {
    pub span: Span,
    pub date: Option<String>,
    pub precision: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct PositionOut {
    pub actor: String,
    pub issue: String,
    /// The summary: the latest evidence by date wins.
    pub stance: &'static str,
    pub evidence: Vec<Span>,
    pub quotes: Vec<String>,
    pub events: Vec<String>,
    /// Each piece of evidence with the stance it shows (conflicts are kept).
    pub support: Vec<SupportOut>,
}

/// `{"stance", "span", "quote": "q3"|null, "event": "e2"|null, "date": "YYYY-MM-DD"|null}`.
#[derive(Debug, Serialize)]
pub struct SupportOut {
    pub stance: &'static str,
    pub span: Span,
    pub quote: Option<String>,
    pub event: Option<String>,
    pub date: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct CommitmentOut {
    pub promiser: String,
    pub promisee: Option<String>,
    pub what: Span,
    pub figures: Vec<String>,
    pub deadline: Option<String>,
    pub status: &'static str,
    pub evidence: Span,
}

#[derive(Debug, Serialize)]
pub struct DiagnosticOut {
    pub severity: &'static str,
    pub message: String,
    pub span: Option<Span>,
}

/// The whole readout of one article.
#[derive(Debug, Serialize)]
pub struct Readout {
    pub document: DocumentInfo,
    pub actors: Vec<ActorOut>,
    pub quotes: Vec<QuoteOut>,
    pub events: Vec<EventOut>,
    pub figures: Vec<FigureOut>,
    pub dates: Vec<DateOut>,
    pub positions: Vec<PositionOut>,
    pub commitments: Vec<CommitmentOut>,
    pub sentences: Vec<Span>,
    pub diagnostics: Vec<DiagnosticOut>,
}

/// A JSON number from an f64: an integer when it is whole and fits, else a float.
fn number(x: f64) -> Option<serde_json::Number> {
    if x.is_finite() && x.fract() == 0.0 && x.abs() < 9.0e15 {
        Some(serde_json::Number::from(x as i64))
    } else {
        serde_json::Number::from_f64(x)
    }
}

struct Spans<'a> {
    text: &'a str,
    map: OffsetMap,
}

impl Spans<'_> {
    fn span(&self, r: TextRange) -> Span {
        let (start, end) = self.map.char_range(r);
        Span {
            start,
            end,
            text: r.slice(self.text).to_string(),
        }
    }
}

fn mention_kind(k: MentionKind) -> &'static str {
    match k {
        MentionKind::Name => "name",
        MentionKind::Acronym => "acronym",
        MentionKind::Metonym => "metonym",
        MentionKind::Description => "description",
        MentionKind::Pronoun => "pronoun",
        MentionKind::Group => "group",
    }
}

impl Readout {
    pub fn from_analysis(a: &Analysis) -> Readout {
        let sp = Spans {
            text: a.text(),
            map: OffsetMap::new(a.text()),
        };
        let label = |id: newsgraph_core::ActorId| id.label();
        let meta = &a.doc.meta;
        Readout {
            document: DocumentInfo {
                id: a.doc.id().to_string(),
                title: meta.title.clone(),
                published: meta.published.map(|d| d.format("%Y-%m-%d").to_string()),
                url: meta.url.clone(),
            },
            actors: a
                .actors
                .iter()
                .enumerate()
                .map(|(i, x)| ActorOut {
                    id: format!("a{}", i + 1),
                    name: x.name.clone(),
                    kind: x.kind.as_str(),
                    roles: x.roles.clone(),
                    country: x.country.clone(),
                    sector: x.sector.clone(),
                    affiliation: x.affiliation.clone(),
                    gender: match x.gender {
                        Gender::Male => Some("male"),
                        Gender::Female => Some("female"),
                        Gender::Unknown => None,
                    },
                    mentions: x
                        .mentions
                        .iter()
                        .map(|m| {
                            let m = &a.mentions[m.index()];
                            MentionOut {
                                span: sp.span(m.range),
                                kind: mention_kind(m.kind),
                            }
                        })
                        .collect(),
                })
                .collect(),
            quotes: a
                .quotes
                .iter()
                .enumerate()
                .map(|(i, q)| QuoteOut {
                    id: format!("q{}", i + 1),
                    kind: q.kind.as_str(),
                    speaker: q.speaker.map(label),
                    addressee: q.addressee.map(label),
                    source: q.source.map(|r| sp.span(r)),
                    cue: q.cue.map(|r| sp.span(r)),
                    content: sp.span(q.content),
                    quoted: q.quoted.iter().map(|r| sp.span(*r)).collect(),
                    confidence: q.confidence,
                })
                .collect(),
            events: a
                .events
                .iter()
                .enumerate()
                .map(|(i, e)| EventOut {
                    id: format!("e{}", i + 1),
                    event_type: e.event_type.as_str(),
                    mode: e.mode.clone(),
                    context: e.context.clone(),
                    cameo: e.cameo.clone(),
                    actors: e.actors.iter().map(|x| x.label()).collect(),
                    targets: e.targets.iter().map(|x| x.label()).collect(),
                    status: e.status.as_str(),
                    trigger: sp.span(e.trigger),
                    when: e.when.as_ref().map(|w| WhenOut {
                        date: w.value.iso(),
                        precision: w.value.precision.as_str(),
                        text: sp.span(w.range),
                    }),
                    place: e.place.as_ref().map(|p| WhereOut {
                        name: p.name.clone(),
                        country: p.country.clone(),
                        text: sp.span(p.range),
                    }),
                    issue: e.issue.clone(),
                    reported_by: e.reported_by.map(label),
                    figures: e.figures.iter().map(|f| f.label()).collect(),
                })
                .collect(),
            figures: a
                .figures
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    let mut out = FigureOut {
                        id: format!("f{}", i + 1),
                        kind: f.value.kind(),
                        span: sp.span(f.range),
                        amount: None,
                        currency: None,
                        minutes: None,
                        days: None,
                        by: None,
                        value: None,
                        approximate: None,
                        same_as: f.same_as.map(|x| x.label()),
                    };
                    match &f.value {
                        FigureValue::Money { amount, currency } => {
                            out.amount = number(*amount);
                            out.currency = Some(currency.clone());
                        }
                        FigureValue::Duration { minutes } => out.minutes = number(*minutes),
                        FigureValue::Deadline { days, by } => {
                            out.days = number(*days);
                            out.by = by.map(|d| d.format("%Y-%m-%d").to_string());
                        }
                        FigureValue::Count { value, approximate } => {
                            out.value = number(*value);
                            out.approximate = approximate.then_some(true);
                        }
                        FigureValue::Percent { value } => out.value = number(*value),
                    }
                    out
                })
                .collect(),
            dates: a
                .dates
                .iter()
                .map(|d| DateOut {
                    span: sp.span(d.range),
                    date: d.value.map(|v| v.iso()),
                    precision: d.value.map(|v| v.precision.as_str()),
                    note: d.note.clone(),
                })
                .collect(),
            positions: a
                .positions
                .iter()
                .map(|p| PositionOut {
                    actor: p.actor.label(),
                    issue: p.issue.clone(),
                    stance: p.stance.as_str(),
                    evidence: p.evidence.iter().map(|r| sp.span(*r)).collect(),
                    quotes: p.quotes.iter().map(|q| q.label()).collect(),
                    events: p.events.iter().map(|e| e.label()).collect(),
                    support: p
                        .support
                        .iter()
                        .map(|s| SupportOut {
                            stance: s.stance.as_str(),
                            span: sp.span(s.range),
                            quote: s.quote.map(|q| q.label()),
                            event: s.event.map(|e| e.label()),
                            date: s.date.map(|d| d.format("%Y-%m-%d").to_string()),
                        })
                        .collect(),
                })
                .collect(),
            commitments: a
                .commitments
                .iter()
                .map(|c| CommitmentOut {
                    promiser: c.promiser.label(),
                    promisee: c.promisee.map(label),
                    what: sp.span(c.what),
                    figures: c.figures.iter().map(|f| f.label()).collect(),
                    deadline: c.deadline.map(|d| d.format("%Y-%m-%d").to_string()),
                    status: c.status.as_str(),
                    evidence: sp.span(c.evidence),
                })
                .collect(),
            sentences: a.sentences.iter().map(|s| sp.span(s.range)).collect(),
            diagnostics: a
                .diagnostics
                .iter()
                .map(|d| DiagnosticOut {
                    severity: match d.severity {
                        Severity::Info => "info",
                        Severity::Warning => "warning",
                    },
                    message: d.message.clone(),
                    span: d.range.map(|r| sp.span(r)),
                })
                .collect(),
        }
    }

    /// Pretty JSON.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("readout serializes")
    }

    /// One-line JSON (for JSON Lines output).
    pub fn to_json_line(&self) -> String {
        serde_json::to_string(self).expect("readout serializes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_core::{Actor, ActorId, ActorKind, Document, Mention, MentionId, Metadata};

    #[test]
    fn spans_are_code_points_with_text() {
        let text = "“Merz” spoke — and Merz left.";
        let mut a = Analysis::new(Document::new(text, Metadata::default()));
        let start = text.find("and Merz").unwrap() + 4;
        let r = TextRange::new(start, start + 4);
        a.mentions.push(Mention {
            range: r,
            head: r,
            kind: MentionKind::Name,
            actor: ActorId(0),
            sentence: 0,
        });
        a.actors.push(Actor {
            name: "Merz".into(),
            kind: ActorKind::Person,
            roles: vec![],
            country: Some("DEU".into()),
            sector: None,
            affiliation: None,
            gender: Gender::Male,
            mentions: vec![MentionId(0)],
        });
        let out = Readout::from_analysis(&a);
        let m = &out.actors[0].mentions[0].span;
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[m.start..m.end].iter().collect::<String>(), "Merz");
        assert_eq!(m.text, "Merz");
        let v: serde_json::Value = serde_json::from_str(&out.to_json_line()).unwrap();
        assert_eq!(v["actors"][0]["country"], "DEU");
        assert_eq!(v["actors"][0]["mentions"][0]["kind"], "name");
    }

    #[test]
    fn numbers_are_integers_when_whole() {
        assert_eq!(number(9.0e10).unwrap().to_string(), "90000000000");
        assert!(number(f64::INFINITY).is_none());
        assert_eq!(number(1.5).unwrap().to_string(), "1.5");
    }
}
