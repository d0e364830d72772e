//! PLOVER's gold-standard example sentences (`plover_gsr_cameo.normalized.jsonl`)
//! and an event-type scorer.
//!
//! Each record is one sentence with one gold event: its PLOVER 2.0 type
//! (`event_v2`: the 2016 records were coded in PLOVER 0.5, whose DEMAND,
//! DISAPPROVE, INVESTIGATE and FIGHT the normalised file maps to REQUEST,
//! ACCUSE, ACCUSE and ASSAULT; the original label stays in `event_v0_5`),
//! and the source and target actor texts. [`score`] compares one predicted
//! event per sentence with it:
//!
//! - **type accuracy**: sentences whose predicted type equals the gold type,
//!   over all sentences (no prediction counts as wrong);
//! - **per type** precision, recall and F1: a sentence is a true positive of
//!   its gold type when predicted right, a false positive of the predicted
//!   type otherwise;
//! - **actor** and **target** agreement, where the gold gives them and the
//!   type is right: a predicted actor text equal to, inside or containing a
//!   gold source text (folded, any case). Compound gold sources ("Jordan and
//!   Britain") may be predicted as actor and target, so sources are compared
//!   with actors and targets together.
//!
//! ```
//! use newsgraph_eval::events::{score, GsrRecord, Predicted};
//!
//! let gold = vec![GsrRecord {
//!     id: "x".into(),
//!     event: "ASSAULT".into(),
//!     text: "Russia attacked Ukraine.".into(),
//!     source: vec!["Russia".into()],
//!     target: vec!["Ukraine".into()],
//!     ..Default::default()
//! }];
//! let pred = vec![Predicted {
//!     event_type: Some("ASSAULT".into()),
//!     actors: vec!["Russia".into()],
//!     targets: vec!["Ukraine".into()],
//! }];
//! let r = score(&gold, &pred);
//! assert_eq!(r.accuracy(), 1.0);
//! assert_eq!(r.per_type["ASSAULT"].f1(), 1.0);
//! ```

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

use serde::Deserialize;

use crate::metrics::Prf;
use crate::norm::{contains_words, fold_ci};
use crate::{Error, Result};

/// One gold example sentence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GsrRecord {
    pub id: String,
    /// The PLOVER 2.0 event type (`event_v2`).
    pub event: String,
    /// The label the record was coded with (PLOVER 0.5).
    pub event_v0_5: String,
    pub mode: Option<String>,
    pub context: Vec<String>,
    pub text: String,
    /// Source actor texts.
    pub source: Vec<String>,
    /// Target actor texts.
    pub target: Vec<String>,
}

#[derive(Deserialize)]
struct RawActor {
    #[serde(rename = "actorText")]
    actor_text: Option<String>,
}

#[derive(Deserialize)]
struct RawRecord {
    id: String,
    event_v2: String,
    #[serde(default)]
    event_v0_5: Option<String>,
    #[serde(default)]
    mode: Option<String>,
    #[serde(default)]
    context: Vec<String>,
    text: String,
    #[serde(default)]
    source: Vec<RawActor>,
    #[serde(default)]
    target: Vec<RawActor>,
}

fn texts(v: Vec<RawActor>) -> Vec<String> {
    v.into_iter()
        .filter_map(|a| a.actor_text)
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

/// Parses the normalised JSON Lines; `origin` names the file in errors.
pub fn parse(jsonl: &str, origin: &Path) -> Result<Vec<GsrRecord>> {
    let mut out = Vec::new();
    for (n, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let r: RawRecord = serde_json::from_str(line)
            .map_err(|e| Error::format(origin, Some(n + 1), e.to_string()))?;
        if newsgraph_core::EventType::parse(&r.event_v2).is_none() {
            return Err(Error::format(
                origin,
                Some(n + 1),
                format!("{:?} is not a PLOVER 2.0 event type", r.event_v2),
            ));
        }
        out.push(GsrRecord {
            id: r.id,
            event: r.event_v2.to_uppercase(),
            event_v0_5: r.event_v0_5.unwrap_or_default(),
            mode: r.mode,
            context: r.context,
            text: r.text,
            source: texts(r.source),
            target: texts(r.target),
        });
    }
    Ok(out)
}

/// Reads `plover_gsr_cameo.normalized.jsonl`.
pub fn read(path: &Path) -> Result<Vec<GsrRecord>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse(&text, path)
}

/// The event predicted for one sentence, with the texts naming its actors
/// and targets (any of an actor's mention texts).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Predicted {
    pub event_type: Option<String>,
    pub actors: Vec<String>,
    pub targets: Vec<String>,
}

/// Agreement counts: how many items were checked, how many agreed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Agreement {
    pub checked: usize,
    pub agreed: usize,
}

impl Agreement {
    pub fn rate(&self) -> f64 {
        if self.checked == 0 {
            0.0
        } else {
            self.agreed as f64 / self.checked as f64
        }
    }
}

/// Scores of event types over the gold sentences.
#[derive(Debug, Clone, Default)]
pub struct EventsReport {
    /// Per PLOVER type: gold = sentences of the type, pred = sentences
    /// predicted as the type, tp = both.
    pub per_type: BTreeMap<String, Prf>,
    pub total: usize,
    pub correct: usize,
    /// Sentences with any predicted event.
    pub predicted: usize,
    pub actors: Agreement,
    pub targets: Agreement,
}

impl EventsReport {
    /// Correctly typed sentences over all sentences.
    pub fn accuracy(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.correct as f64 / self.total as f64
        }
    }

    /// Accuracy over the sentences with a prediction.
    pub fn accuracy_predicted(&self) -> f64 {
        if self.predicted == 0 {
            0.0
        } else {
            self.correct as f64 / self.predicted as f64
        }
    }

    /// A table: one row per type, then the totals.
    pub fn to_table(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{:<10} {:>5} {:>5} {:>5} {:>7} {:>7} {:>7}",
            "type", "gold", "pred", "tp", "P", "R", "F1"
        );
        for (t, p) in &self.per_type {
            let _ = writeln!(
                s,
                "{:<10} {:>5} {:>5} {:>5} {:>7.3} {:>7.3} {:>7.3}",
                t,
                p.gold,
                p.pred,
                p.tp,
                p.precision(),
                p.recall(),
                p.f1()
            );
        }
        let _ = writeln!(
            s,
            "\ntype accuracy: {:.3} ({} of {} sentences; {} with an event, {:.3} of those)",
            self.accuracy(),
            self.correct,
            self.total,
            self.predicted,
            self.accuracy_predicted()
        );
        let _ = writeln!(
            s,
            "actor agreement: {:.3} ({} of {}); target agreement: {:.3} ({} of {}) (right type, gold given)",
            self.actors.rate(),
            self.actors.agreed,
            self.actors.checked,
            self.targets.rate(),
            self.targets.agreed,
            self.targets.checked
        );
        s
    }
}

/// Same actor text: equal, or one contains the other as whole words.
fn same_actor(a: &str, b: &str) -> bool {
    let (a, b) = (fold_ci(a), fold_ci(b));
    !a.is_empty() && !b.is_empty() && (a == b || contains_words(&a, &b) || contains_words(&b, &a))
}

/// Scores one prediction per gold record (`pred[i]` for `gold[i]`).
pub fn score(gold: &[GsrRecord], pred: &[Predicted]) -> EventsReport {
    let mut r = EventsReport::default();
    for t in newsgraph_core::EventType::ALL {
        r.per_type.insert(t.as_str().to_string(), Prf::default());
    }
    for (g, p) in gold.iter().zip(pred) {
        r.total += 1;
        r.per_type.entry(g.event.clone()).or_default().gold += 1;
        let Some(pt) = &p.event_type else { continue };
        let pt = pt.to_uppercase();
        r.predicted += 1;
        r.per_type.entry(pt.clone()).or_default().pred += 1;
        if pt != g.event {
            continue;
        }
        r.correct += 1;
        r.per_type.entry(pt).or_default().tp += 1;
        let both: Vec<&String> = p.actors.iter().chain(&p.targets).collect();
        if !g.source.is_empty() {
            r.actors.checked += 1;
            if g.source
                .iter()
                .any(|s| both.iter().any(|a| same_actor(a, s)))
            {
                r.actors.agreed += 1;
            }
        }
        if !g.target.is_empty() {
            r.targets.checked += 1;
            if g.target
                .iter()
                .any(|s| p.targets.iter().any(|a| same_actor(a, s)))
            {
                r.targets.agreed += 1;
            }
        }
    }
    r.total += gold.len().saturating_sub(pred.len());
    for g in gold.iter().skip(pred.len()) {
        r.per_type.entry(g.event.clone()).or_default().gold += 1;
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_records_and_rejects_bad_types() {
        let line = r#"{"id": "PLOVER-1", "event_v0_5": "DEMAND", "event_v2": "REQUEST", "mode": null, "context": ["military"], "text": "Iran demanded that Iraq withdraw.", "source": [{"actorText": "Iran", "code": "IRN"}], "target": [{"actorText": "Iraq"}, {"code": "X"}]}"#;
        let r = parse(line, Path::new("g.jsonl")).unwrap();
        assert_eq!(r[0].event, "REQUEST");
        assert_eq!(r[0].event_v0_5, "DEMAND");
        assert_eq!(r[0].source, ["Iran"]);
        assert_eq!(r[0].target, ["Iraq"]);
        let bad = line.replace("\"REQUEST\"", "\"DEMAND\"");
        let err = parse(&bad, Path::new("g.jsonl")).unwrap_err().to_string();
        assert_eq!(err, "g.jsonl:1: \"DEMAND\" is not a PLOVER 2.0 event type");
        assert!(parse("{", Path::new("g.jsonl")).is_err());
    }

    #[test]
    fn scores_types_actors_and_targets() {
        let rec = |t: &str, s: &str, tg: &str| GsrRecord {
            event: t.into(),
            source: vec![s.into()],
            target: vec![tg.into()],
            ..Default::default()
        };
        let gold = vec![
            rec("ASSAULT", "Russia", "Ukraine"),
            rec("AGREE", "Jordan", "Britain"),
            rec("REJECT", "Iran", "U.N."),
        ];
        let pred = vec![
            Predicted {
                event_type: Some("ASSAULT".into()),
                actors: vec!["Russian troops".into()],
                targets: vec!["Kyiv".into()],
            },
            Predicted {
                event_type: Some("CONSULT".into()),
                ..Default::default()
            },
            Predicted::default(),
        ];
        let r = score(&gold, &pred);
        assert_eq!((r.total, r.predicted, r.correct), (3, 2, 1));
        assert_eq!(r.per_type["ASSAULT"], Prf::new(1, 1, 1));
        assert_eq!(r.per_type["CONSULT"], Prf::new(0, 1, 0));
        assert_eq!(r.per_type["AGREE"], Prf::new(1, 0, 0));
        assert_eq!(r.per_type["REJECT"].recall(), 0.0);
        // "Russian troops" does not contain "Russia" as a word.
        assert_eq!(
            r.actors,
            Agreement {
                checked: 1,
                agreed: 0
            }
        );
        assert_eq!(
            r.targets,
            Agreement {
                checked: 1,
                agreed: 0
            }
        );
        assert!((r.accuracy() - 1.0 / 3.0).abs() < 1e-9);
        assert!(r.to_table().contains("type accuracy: 0.333"));
    }
}
