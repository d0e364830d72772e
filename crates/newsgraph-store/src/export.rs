//! Exports of the merged corpus: JSON Lines and CSV of events, quotes,
//! actors and positions; PLOVER-style JSON Lines of events; a GDELT-like
//! tab-separated event table with source URLs and evidence offsets; Parquet
//! of all four with typed columns (`parquet_export`).

use std::collections::HashMap;
use std::io::Write;

use serde_json::json;

use crate::query::{MergedEvent, QuoteFilter, TimelineFilter};
use crate::{Error, Result, Store};

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportWhat {
    Events,
    Quotes,
    Actors,
    Positions,
}

/// How to write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One JSON object per line (merged records with their reports nested).
    Jsonl,
    /// One row per report (events, quotes, positions) or per actor.
    Csv,
    /// Events only: PLOVER-style JSON Lines, one merged event per line.
    Plover,
    /// Events only: a GDELT-like tab-separated table.
    Gdelt,
    /// A Parquet file with typed columns: the CSV export's rows (see
    /// `parquet_export` for the columns and types).
    Parquet,
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv_row(out: &mut dyn Write, fields: &[String]) -> std::io::Result<()> {
    let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    writeln!(out, "{}", row.join(","))
}

fn tsv_field(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

fn names(list: &[crate::ActorRef]) -> String {
    list.iter()
        .map(|a| a.name.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Details of an article's event the merged record does not carry.
struct EventExtra {
    mode: Option<String>,
    context: Vec<String>,
    cameo: Option<String>,
    place: Option<String>,
    place_country: Option<String>,
    issue: Option<String>,
}

impl Store {
    /// Writes an export. PLOVER and GDELT formats are for events only.
    /// Parquet is binary: `out` should be a file (or a pipe), not a terminal.
    pub fn export<W: Write + Send>(
        &mut self,
        what: ExportWhat,
        format: ExportFormat,
        out: &mut W,
    ) -> Result<()> {
        if format == ExportFormat::Parquet {
            return self.export_parquet(what, out);
        }
        let out: &mut dyn Write = out;
        match (what, format) {
            (ExportWhat::Events, ExportFormat::Jsonl) => {
                for e in self.timeline(&TimelineFilter::default())? {
                    writeln!(out, "{}", serde_json::to_string(&e).expect("serializes"))?;
                }
            }
            (ExportWhat::Events, ExportFormat::Csv) => self.events_csv(out)?,
            (ExportWhat::Events, ExportFormat::Plover) => self.events_plover(out)?,
            (ExportWhat::Events, ExportFormat::Gdelt) => self.events_gdelt(out)?,
            (ExportWhat::Quotes, ExportFormat::Jsonl) => {
                for q in self.quotes(&QuoteFilter::default())? {
                    writeln!(out, "{}", serde_json::to_string(&q).expect("serializes"))?;
                }
            }
            (ExportWhat::Quotes, ExportFormat::Csv) => self.quotes_csv(out)?,
            (ExportWhat::Actors, ExportFormat::Jsonl) => {
                for a in self.actors(None)? {
                    writeln!(out, "{}", serde_json::to_string(&a).expect("serializes"))?;
                }
            }
            (ExportWhat::Actors, ExportFormat::Csv) => {
                csv_row(
                    out,
                    &[
                        "id", "key", "name", "kind", "country", "sector", "roles", "variants",
                        "articles", "mentions", "quotes", "events",
                    ]
                    .map(String::from),
                )?;
                for a in self.actors(None)? {
                    csv_row(
                        out,
                        &[
                            a.id.to_string(),
                            a.key,
                            a.name,
                            a.kind,
                            opt(&a.country),
                            opt(&a.sector),
                            a.roles.join("; "),
                            a.variants.join("; "),
                            a.articles.to_string(),
                            a.mentions.to_string(),
                            a.quotes.to_string(),
                            a.events.to_string(),
                        ],
                    )?;
                }
            }
            (ExportWhat::Positions, ExportFormat::Jsonl) => {
                for p in self.positions(None)? {
                    writeln!(out, "{}", serde_json::to_string(&p).expect("serializes"))?;
                }
            }
            (ExportWhat::Positions, ExportFormat::Csv) => {
                csv_row(
                    out,
                    &[
                        "issue",
                        "actor_id",
                        "actor",
                        "current_stance",
                        "date",
                        "stance",
                        "article",
                        "url",
                        "evidence_start",
                        "evidence_end",
                        "evidence_text",
                    ]
                    .map(String::from),
                )?;
                for p in self.positions(None)? {
                    for h in &p.history {
                        let ev = h.evidence.first();
                        csv_row(
                            out,
                            &[
                                p.issue.clone(),
                                p.actor.id.to_string(),
                                p.actor.name.clone(),
                                p.stance.clone(),
                                opt(&h.date),
                                h.stance.clone(),
                                h.article.clone(),
                                opt(&h.url),
                                ev.map(|e| e.start.to_string()).unwrap_or_default(),
                                ev.map(|e| e.end.to_string()).unwrap_or_default(),
                                ev.map(|e| e.text.clone()).unwrap_or_default(),
                            ],
                        )?;
                    }
                }
            }
            (w, f) => {
                return Err(Error::Invalid(format!(
                    "{f:?} export is for events only, not {w:?}"
                )))
            }
        }
        Ok(())
    }

    fn events_csv(&mut self, out: &mut dyn Write) -> Result<()> {
        csv_row(
            out,
            &[
                "merged_id",
                "type",
                "status",
                "date",
                "actors",
                "targets",
                "sources",
                "article",
                "event",
                "url",
                "outlet",
                "report_date",
                "trigger_start",
                "trigger_end",
                "trigger_text",
                "reason",
            ]
            .map(String::from),
        )?;
        for e in self.timeline(&TimelineFilter::default())? {
            for r in &e.reports {
                csv_row(
                    out,
                    &[
                        e.id.to_string(),
                        e.event_type.clone(),
                        e.status.clone(),
                        opt(&e.date),
                        names(&e.actors),
                        names(&e.targets),
                        e.sources.to_string(),
                        r.article.clone(),
                        r.event.clone(),
                        opt(&r.url),
                        opt(&r.outlet),
                        opt(&r.date),
                        r.trigger.start.to_string(),
                        r.trigger.end.to_string(),
                        r.trigger.text.clone(),
                        r.reason.clone(),
                    ],
                )?;
            }
        }
        Ok(())
    }

    fn quotes_csv(&mut self, out: &mut dyn Write) -> Result<()> {
        csv_row(
            out,
            &[
                "merged_id",
                "speaker",
                "date",
                "sources",
                "article",
                "quote",
                "kind",
                "url",
                "outlet",
                "content_start",
                "content_end",
                "content",
                "similarity",
                "reason",
            ]
            .map(String::from),
        )?;
        for q in self.quotes(&QuoteFilter::default())? {
            for r in &q.reports {
                csv_row(
                    out,
                    &[
                        q.id.to_string(),
                        q.speaker
                            .as_ref()
                            .map(|s| s.name.clone())
                            .unwrap_or_default(),
                        opt(&q.date),
                        q.sources.to_string(),
                        r.article.clone(),
                        r.quote.clone(),
                        r.kind.clone(),
                        opt(&r.url),
                        opt(&r.outlet),
                        r.content.start.to_string(),
                        r.content.end.to_string(),
                        r.content.text.clone(),
                        format!("{:.3}", r.similarity),
                        r.reason.clone(),
                    ],
                )?;
            }
        }
        Ok(())
    }

    fn event_extras(&mut self) -> Result<HashMap<(String, i64), EventExtra>> {
        Ok(self
            .conn
            .query(
                "SELECT article_id, ord, mode, context, cameo, place_name, place_country, issue
                 FROM events",
                &[],
            )?
            .into_iter()
            .map(|r| {
                (
                    (r.string(0), r.int(1).unwrap_or(0)),
                    EventExtra {
                        mode: r.text(2),
                        context: serde_json::from_str(&r.string(3)).unwrap_or_default(),
                        cameo: r.text(4),
                        place: r.text(5),
                        place_country: r.text(6),
                        issue: r.text(7),
                    },
                )
            })
            .collect())
    }

    fn first_extra<'a>(
        extras: &'a HashMap<(String, i64), EventExtra>,
        e: &MergedEvent,
    ) -> Option<&'a EventExtra> {
        let r = e.reports.first()?;
        let ord = r.event.trim_start_matches('e').parse().ok()?;
        extras.get(&(r.article.clone(), ord))
    }

    fn sectors(&mut self) -> Result<HashMap<i64, String>> {
        Ok(self
            .conn
            .query(
                "SELECT id, sector FROM canon_actors WHERE sector IS NOT NULL",
                &[],
            )?
            .into_iter()
            .map(|r| (r.int(0).unwrap_or(0), r.string(1)))
            .collect())
    }

    fn events_plover(&mut self, out: &mut dyn Write) -> Result<()> {
        let extras = self.event_extras()?;
        let sectors = self.sectors()?;
        for e in self.timeline(&TimelineFilter::default())? {
            let extra = Self::first_extra(&extras, &e);
            let actor = e.actors.first();
            let recipient = e.targets.first();
            let record = json!({
                "id": format!("newsgraph-{}", e.id),
                "date": e.date,
                "event_type": e.event_type,
                "mode": extra.and_then(|x| x.mode.clone()),
                "context": extra.map(|x| x.context.clone()).unwrap_or_default(),
                "status": e.status,
                "actor": actor.map(|a| a.name.clone()),
                "actor_country": actor.and_then(|a| a.country.clone()),
                "actor_sector": actor.and_then(|a| sectors.get(&a.id).cloned()),
                "recipient": recipient.map(|a| a.name.clone()),
                "recipient_country": recipient.and_then(|a| a.country.clone()),
                "recipient_sector": recipient.and_then(|a| sectors.get(&a.id).cloned()),
                "actors": e.actors.iter().map(|a| a.name.clone()).collect::<Vec<_>>(),
                "recipients": e.targets.iter().map(|a| a.name.clone()).collect::<Vec<_>>(),
                "location": extra.and_then(|x| x.place.clone()),
                "location_country": extra.and_then(|x| x.place_country.clone()),
                "cameo": extra.and_then(|x| x.cameo.clone()),
                "issue": extra.and_then(|x| x.issue.clone()),
                "num_reports": e.reports.len(),
                "num_sources": e.sources,
                "sources": e.outlets,
                "merge_reason": e.reason,
                "reports": e.reports.iter().map(|r| json!({
                    "article": r.article,
                    "url": r.url,
                    "source": r.outlet,
                    "publication_date": r.published,
                    "text": r.trigger.text,
                    "start": r.trigger.start,
                    "end": r.trigger.end,
                })).collect::<Vec<_>>(),
            });
            writeln!(out, "{record}")?;
        }
        Ok(())
    }

    fn events_gdelt(&mut self, out: &mut dyn Write) -> Result<()> {
        let extras = self.event_extras()?;
        let sectors = self.sectors()?;
        let header = [
            "GLOBALEVENTID",
            "SQLDATE",
            "Actor1Name",
            "Actor1CountryCode",
            "Actor1Type1Code",
            "Actor2Name",
            "Actor2CountryCode",
            "Actor2Type1Code",
            "EventCode",
            "EventRootCode",
            "PloverType",
            "Status",
            "NumMentions",
            "NumSources",
            "NumArticles",
            "ActionGeo_FullName",
            "ActionGeo_CountryCode",
            "SOURCEURL",
            "SourceURLs",
            "Evidence",
        ];
        writeln!(out, "{}", header.join("\t"))?;
        for e in self.timeline(&TimelineFilter::default())? {
            let extra = Self::first_extra(&extras, &e);
            let a1 = e.actors.first();
            let a2 = e.targets.first();
            let cameo = extra.and_then(|x| x.cameo.clone()).unwrap_or_default();
            let urls: Vec<String> = e.reports.iter().filter_map(|r| r.url.clone()).collect();
            let evidence: Vec<String> = e
                .reports
                .iter()
                .map(|r| format!("{}:{}-{}", r.article, r.trigger.start, r.trigger.end))
                .collect();
            let row = [
                e.id.to_string(),
                e.date.as_deref().unwrap_or("").replace('-', ""),
                a1.map(|a| a.name.clone()).unwrap_or_default(),
                a1.and_then(|a| a.country.clone()).unwrap_or_default(),
                a1.and_then(|a| sectors.get(&a.id).cloned())
                    .unwrap_or_default(),
                a2.map(|a| a.name.clone()).unwrap_or_default(),
                a2.and_then(|a| a.country.clone()).unwrap_or_default(),
                a2.and_then(|a| sectors.get(&a.id).cloned())
                    .unwrap_or_default(),
                cameo.clone(),
                cameo.chars().take(2).collect(),
                e.event_type.clone(),
                e.status.clone(),
                e.reports.len().to_string(),
                e.outlets.len().to_string(),
                e.sources.to_string(),
                extra.and_then(|x| x.place.clone()).unwrap_or_default(),
                extra
                    .and_then(|x| x.place_country.clone())
                    .unwrap_or_default(),
                urls.first().cloned().unwrap_or_default(),
                urls.join(" "),
                evidence.join(" "),
            ];
            let row: Vec<String> = row.iter().map(|f| tsv_field(f)).collect();
            writeln!(out, "{}", row.join("\t"))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"no\""), "\"say \"\"no\"\"\"");
        assert_eq!(tsv_field("a\tb\nc"), "a b c");
    }
}
