//! A corpus in memory: what `newsgraph serve` uses without `--db`, and what
//! the tests run against. Queries scan every article; fine for a session's
//! worth of reading, not for an archive.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::RwLock;

use newsgraph_readout::{Readout, Span};

use crate::corpus::*;

struct Stored {
    summary: ArticleSummary,
    text: String,
    readout: serde_json::Value,
    /// (key, name, kind, country, mentions) per actor of the article.
    actors: Vec<(String, String, String, Option<String>, usize)>,
    events: Vec<EventRow>,
    quotes: Vec<QuoteRow>,
    positions: Vec<PositionRow>,
    /// Actor keys of every event's participants and targets.
    event_keys: Vec<(Vec<String>, Vec<String>)>,
    quote_keys: Vec<Option<String>>,
    /// Actor keys of every quote's addressee.
    addressee_keys: Vec<Option<String>>,
    /// Pairs of actors named in the same sentence.
    together: Vec<(String, String)>,
}

/// Articles held in memory, in insertion order.
#[derive(Default)]
pub struct MemoryCorpus {
    articles: RwLock<Vec<Stored>>,
}

/// The corpus-wide key of an actor: its name, case-folded.
pub(crate) fn actor_key(name: &str) -> String {
    name.trim().to_lowercase()
}

fn sentence_of(r: &Readout, span: &Span) -> Option<Span> {
    r.sentences
        .iter()
        .find(|s| s.start <= span.start && span.start < s.end.max(s.start + 1))
        .cloned()
}

/// Pairs of actors (by key) with mentions in the same sentence. Sentences
/// naming more than eight actors are lists, not relations, and are skipped.
fn co_mentions(r: &Readout) -> Vec<(String, String)> {
    let mut pairs = BTreeSet::new();
    for s in &r.sentences {
        let inside: BTreeSet<String> = r
            .actors
            .iter()
            .filter(|a| {
                a.mentions
                    .iter()
                    .any(|m| m.span.start >= s.start && m.span.end <= s.end)
            })
            .map(|a| actor_key(&a.name))
            .collect();
        if inside.len() > 8 {
            continue;
        }
        let v: Vec<&String> = inside.iter().collect();
        for (i, x) in v.iter().enumerate() {
            for y in &v[i + 1..] {
                pairs.insert(((*x).clone(), (*y).clone()));
            }
        }
    }
    pairs.into_iter().collect()
}

type Edges = BTreeMap<(String, String), (usize, BTreeSet<String>)>;

/// Counts one link between two actors, in either direction.
fn link(edges: &mut Edges, x: &str, y: &str, kind: &str) {
    if x == y {
        return;
    }
    let k = if x < y {
        (x.to_string(), y.to_string())
    } else {
        (y.to_string(), x.to_string())
    };
    let entry = edges.entry(k).or_default();
    entry.0 += 1;
    entry.1.insert(kind.to_string());
}

fn matches_actor(needle: &str, key: &str) -> bool {
    let needle = actor_key(needle);
    key == needle || key.contains(&needle)
}

impl MemoryCorpus {
    fn read(&self) -> Result<std::sync::RwLockReadGuard<'_, Vec<Stored>>, CorpusError> {
        self.articles
            .read()
            .map_err(|_| CorpusError::Store("memory corpus poisoned".into()))
    }

    fn stored(text: &str, r: &Readout) -> Stored {
        let doc = &r.document;
        let summary = ArticleSummary {
            id: doc.id.clone(),
            title: doc.title.clone(),
            published: doc.published.clone(),
            url: doc.url.clone(),
            actors: r.actors.len(),
            quotes: r.quotes.len(),
            events: r.events.len(),
        };
        let names: BTreeMap<&str, &str> = r
            .actors
            .iter()
            .map(|a| (a.id.as_str(), a.name.as_str()))
            .collect();
        let name = |id: &str| names.get(id).map(|n| n.to_string());
        let key = |id: &str| names.get(id).map(|n| actor_key(n));
        let events = r
            .events
            .iter()
            .map(|e| EventRow {
                article: doc.id.clone(),
                article_title: doc.title.clone(),
                id: e.id.clone(),
                event_type: e.event_type.to_string(),
                status: e.status.to_string(),
                date: e
                    .when
                    .as_ref()
                    .map(|w| w.date.clone())
                    .or_else(|| doc.published.clone()),
                actors: e.actors.iter().filter_map(|a| name(a)).collect(),
                targets: e.targets.iter().filter_map(|a| name(a)).collect(),
                trigger: e.trigger.clone(),
                sentence: sentence_of(r, &e.trigger),
                issue: e.issue.clone(),
                sources: 1,
            })
            .collect();
        let event_keys = r
            .events
            .iter()
            .map(|e| {
                (
                    e.actors.iter().filter_map(|a| key(a)).collect(),
                    e.targets.iter().filter_map(|a| key(a)).collect(),
                )
            })
            .collect();
        let quotes = r
            .quotes
            .iter()
            .map(|q| QuoteRow {
                article: doc.id.clone(),
                article_title: doc.title.clone(),
                url: doc.url.clone(),
                published: doc.published.clone(),
                id: q.id.clone(),
                kind: q.kind.to_string(),
                speaker: q.speaker.as_deref().and_then(name),
                addressee: q.addressee.as_deref().and_then(name),
                cue: q.cue.clone(),
                content: q.content.clone(),
                sentence: sentence_of(r, &q.content),
                sources: 1,
            })
            .collect();
        let quote_keys = r
            .quotes
            .iter()
            .map(|q| q.speaker.as_deref().and_then(key))
            .collect();
        let addressee_keys = r
            .quotes
            .iter()
            .map(|q| q.addressee.as_deref().and_then(key))
            .collect();
        let together = co_mentions(r);
        let positions = r
            .positions
            .iter()
            .filter_map(|p| {
                Some(PositionRow {
                    actor: name(&p.actor)?,
                    issue: p.issue.clone(),
                    stance: p.stance.to_string(),
                    article: doc.id.clone(),
                    published: doc.published.clone(),
                    evidence: p.evidence.clone(),
                })
            })
            .collect();
        let actors = r
            .actors
            .iter()
            .map(|a| {
                (
                    actor_key(&a.name),
                    a.name.clone(),
                    a.kind.to_string(),
                    a.country.clone(),
                    a.mentions.len(),
                )
            })
            .collect();
        Stored {
            summary,
            text: text.to_string(),
            readout: serde_json::to_value(r).unwrap_or(serde_json::Value::Null),
            actors,
            events,
            quotes,
            positions,
            event_keys,
            quote_keys,
            addressee_keys,
            together,
        }
    }
}

impl Corpus for MemoryCorpus {
    fn insert(&self, text: &str, readout: &Readout) -> Result<ArticleSummary, CorpusError> {
        let stored = Self::stored(text, readout);
        let summary = stored.summary.clone();
        let mut all = self
            .articles
            .write()
            .map_err(|_| CorpusError::Store("memory corpus poisoned".into()))?;
        if !all.iter().any(|s| s.summary.id == summary.id) {
            all.push(stored);
        }
        Ok(summary)
    }

    fn delete(&self, id: &str) -> Result<bool, CorpusError> {
        let mut all = self
            .articles
            .write()
            .map_err(|_| CorpusError::Store("memory corpus poisoned".into()))?;
        let before = all.len();
        all.retain(|s| s.summary.id != id);
        Ok(all.len() != before)
    }

    fn articles(&self, limit: usize, offset: usize) -> Result<Vec<ArticleSummary>, CorpusError> {
        let all = self.read()?;
        let mut v: Vec<ArticleSummary> = all.iter().rev().map(|s| s.summary.clone()).collect();
        // Newest publication first; undated last; insertion order breaks ties.
        v.sort_by(|a, b| b.published.cmp(&a.published));
        Ok(v.into_iter().skip(offset).take(limit).collect())
    }

    fn article(&self, id: &str) -> Result<Option<ArticleDetail>, CorpusError> {
        Ok(self
            .read()?
            .iter()
            .find(|s| s.summary.id == id)
            .map(|s| ArticleDetail {
                summary: s.summary.clone(),
                text: s.text.clone(),
                readout: s.readout.clone(),
            }))
    }

    fn actors(&self, limit: usize) -> Result<Vec<ActorRow>, CorpusError> {
        let all = self.read()?;
        let mut rows: BTreeMap<String, ActorRow> = BTreeMap::new();
        for s in all.iter() {
            for (key, name, kind, country, mentions) in &s.actors {
                let row = rows.entry(key.clone()).or_insert_with(|| ActorRow {
                    key: key.clone(),
                    name: name.clone(),
                    kind: kind.clone(),
                    country: country.clone(),
                    articles: 0,
                    mentions: 0,
                    quotes: 0,
                    events: 0,
                });
                row.articles += 1;
                row.mentions += mentions;
            }
            for k in s.quote_keys.iter().flatten() {
                if let Some(row) = rows.get_mut(k) {
                    row.quotes += 1;
                }
            }
            for (a, t) in &s.event_keys {
                for k in a.iter().chain(t).collect::<BTreeSet<_>>() {
                    if let Some(row) = rows.get_mut(k) {
                        row.events += 1;
                    }
                }
            }
        }
        let mut v: Vec<ActorRow> = rows.into_values().collect();
        v.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.name.cmp(&b.name)));
        v.truncate(limit);
        Ok(v)
    }

    fn events(&self, f: &EventFilter) -> Result<Vec<EventRow>, CorpusError> {
        let all = self.read()?;
        let mut v = Vec::new();
        for s in all.iter() {
            for (e, (a, t)) in s.events.iter().zip(&s.event_keys) {
                if let Some(actor) = &f.actor {
                    if !a.iter().chain(t).any(|k| matches_actor(actor, k)) {
                        continue;
                    }
                }
                if f.event_type.as_ref().is_some_and(|ty| *ty != e.event_type) {
                    continue;
                }
                // Month- or year-precision dates compare by their prefix.
                let d = e.date.as_deref().unwrap_or("");
                if f.from
                    .as_ref()
                    .is_some_and(|from| d.is_empty() || *d < from[..d.len().min(from.len())])
                {
                    continue;
                }
                if f.to
                    .as_ref()
                    .is_some_and(|to| d.is_empty() || d > to.as_str())
                {
                    continue;
                }
                v.push(e.clone());
            }
        }
        v.sort_by(|a, b| a.date.cmp(&b.date));
        v.truncate(f.limit);
        Ok(v)
    }

    fn quotes(&self, f: &QuoteFilter) -> Result<Vec<QuoteRow>, CorpusError> {
        let all = self.read()?;
        let q = f.q.as_deref().map(str::to_lowercase);
        let mut v = Vec::new();
        for s in all.iter().rev() {
            for (row, key) in s.quotes.iter().zip(&s.quote_keys) {
                if let Some(sp) = &f.speaker {
                    if !key.as_deref().is_some_and(|k| matches_actor(sp, k)) {
                        continue;
                    }
                }
                if let Some(q) = &q {
                    if !row.content.text.to_lowercase().contains(q.as_str()) {
                        continue;
                    }
                }
                v.push(row.clone());
            }
        }
        v.sort_by(|a, b| b.published.cmp(&a.published));
        v.truncate(f.limit);
        Ok(v)
    }

    fn positions(&self, issue: Option<&str>) -> Result<Vec<PositionRow>, CorpusError> {
        let all = self.read()?;
        let issue = issue.map(str::to_lowercase);
        let mut v: Vec<PositionRow> = all
            .iter()
            .flat_map(|s| s.positions.iter())
            .filter(|p| {
                issue
                    .as_ref()
                    .is_none_or(|i| p.issue.to_lowercase().contains(i.as_str()))
            })
            .cloned()
            .collect();
        v.sort_by(|a, b| a.published.cmp(&b.published));
        Ok(v)
    }

    fn graph(&self, limit: usize) -> Result<Graph, CorpusError> {
        let actors = self.actors(usize::MAX)?;
        let all = self.read()?;
        let mut edges: Edges = BTreeMap::new();
        for s in all.iter() {
            for (e, (a, t)) in s.events.iter().zip(&s.event_keys) {
                // Participants to targets; with no targets, participants together.
                let pairs: Vec<(&String, &String)> = if t.is_empty() {
                    a.iter()
                        .enumerate()
                        .flat_map(|(i, x)| a[i + 1..].iter().map(move |y| (x, y)))
                        .collect()
                } else {
                    a.iter()
                        .flat_map(|x| t.iter().map(move |y| (x, y)))
                        .collect()
                };
                for (x, y) in pairs {
                    link(&mut edges, x, y, &e.event_type);
                }
            }
            // Words addressed to someone link speaker and addressee too.
            for (sp, to) in s.quote_keys.iter().zip(&s.addressee_keys) {
                if let (Some(x), Some(y)) = (sp, to) {
                    link(&mut edges, x, y, "quote");
                }
            }
            for (x, y) in &s.together {
                link(&mut edges, x, y, "co-mention");
            }
        }
        let mut keep: BTreeSet<String> = BTreeSet::new();
        for (a, b) in edges.keys() {
            keep.insert(a.clone());
            keep.insert(b.clone());
        }
        // Connected actors first, then the most mentioned (the order of
        // `actors`), up to `limit` nodes; a node weighs its events.
        let mut nodes: Vec<GraphNode> = actors
            .iter()
            .map(|a| GraphNode {
                id: a.key.clone(),
                name: a.name.clone(),
                kind: a.kind.clone(),
                weight: a.events,
            })
            .collect();
        nodes.sort_by_key(|n| !keep.contains(&n.id));
        nodes.truncate(limit);
        let ids: BTreeSet<&str> = nodes.iter().map(|n| n.id.as_str()).collect();
        let edges = edges
            .into_iter()
            .filter(|((a, b), _)| ids.contains(a.as_str()) && ids.contains(b.as_str()))
            .map(|((source, target), (weight, types))| GraphEdge {
                source,
                target,
                weight,
                types: types.into_iter().collect(),
            })
            .collect();
        Ok(Graph { nodes, edges })
    }
}
