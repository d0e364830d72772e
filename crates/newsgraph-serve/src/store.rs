//! The corpus over `newsgraph-store` (SQLite or PostgreSQL): the store's
//! merged records mapped into the API's rows.
//!
//! The store is one connection behind a mutex: queries run one at a time,
//! off the async threads. Merges (canonical actors, merged events and quotes)
//! are rebuilt lazily, before the first query after a write.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use newsgraph_readout::{Readout, Span};
use newsgraph_store::{ArticleRecord, MergeOptions, SpanRef, Store};

use crate::corpus::*;

/// A [`Corpus`] backed by a [`Store`].
pub struct StoreCorpus {
    store: Mutex<Store>,
}

fn err(e: newsgraph_store::Error) -> CorpusError {
    CorpusError::Store(e.to_string())
}

fn span(s: &SpanRef) -> Span {
    Span {
        start: s.start.max(0) as usize,
        end: s.end.max(0) as usize,
        text: s.text.clone(),
    }
}

impl StoreCorpus {
    /// Opens (creating and migrating) a store: a SQLite path or a
    /// `postgres://` URL.
    pub fn open(target: &str) -> Result<Self, CorpusError> {
        Ok(StoreCorpus {
            store: Mutex::new(Store::open(target).map_err(err)?),
        })
    }

    pub fn new(store: Store) -> Self {
        StoreCorpus {
            store: Mutex::new(store),
        }
    }

    fn lock(&self) -> Result<MutexGuard<'_, Store>, CorpusError> {
        self.store
            .lock()
            .map_err(|_| CorpusError::Store("store lock poisoned".into()))
    }

    /// The store, with the articles written since the last merge merged in
    /// (incrementally; the store falls back to a rebuild when it must).
    fn fresh(&self) -> Result<MutexGuard<'_, Store>, CorpusError> {
        let mut s = self.lock()?;
        if s.merges_stale().map_err(err)? {
            s.update_merges(&MergeOptions::default()).map_err(err)?;
        }
        Ok(s)
    }
}

/// Finds the sentence around a span in stored articles, reading each
/// article's readout once per query.
struct Sentences<'a> {
    store: &'a mut Store,
    cache: HashMap<String, Vec<Span>>,
}

impl Sentences<'_> {
    fn around(&mut self, article: &str, s: &Span) -> Option<Span> {
        if !self.cache.contains_key(article) {
            let list = self
                .store
                .article(article)
                .ok()
                .flatten()
                .and_then(|a| serde_json::from_str::<serde_json::Value>(&a.readout).ok())
                .map(|r| sentences(&r))
                .unwrap_or_default();
            self.cache.insert(article.to_string(), list);
        }
        self.cache[article]
            .iter()
            .find(|x| x.start <= s.start && s.start < x.end)
            .cloned()
    }
}

fn sentences(readout: &serde_json::Value) -> Vec<Span> {
    readout["sentences"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| {
                    Some(Span {
                        start: x["start"].as_u64()? as usize,
                        end: x["end"].as_u64()? as usize,
                        text: x["text"].as_str()?.to_string(),
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

fn summary(s: newsgraph_store::ArticleSummary) -> ArticleSummary {
    ArticleSummary {
        id: s.id,
        title: s.title,
        published: s.published,
        url: s.url,
        actors: s.actors,
        quotes: s.quotes,
        events: s.events,
    }
}

impl Corpus for StoreCorpus {
    fn insert(&self, text: &str, r: &Readout) -> Result<ArticleSummary, CorpusError> {
        let rec = ArticleRecord::new(text, r, Some("serve"), Some("text"));
        let mut s = self.lock()?;
        s.write_batch(&[rec]).map_err(err)?;
        let id = &r.document.id;
        if s.article(id).map_err(err)?.is_none() {
            // Not written and not there: another text holds this URL.
            return Err(CorpusError::Conflict(format!(
                "another article with the URL {:?} is already stored",
                r.document.url.as_deref().unwrap_or("")
            )));
        }
        Ok(ArticleSummary {
            id: id.clone(),
            title: r.document.title.clone(),
            published: r.document.published.clone(),
            url: r.document.url.clone(),
            actors: r.actors.len(),
            quotes: r.quotes.len(),
            events: r.events.len(),
        })
    }

    fn delete(&self, id: &str) -> Result<bool, CorpusError> {
        self.lock()?.delete_article(id).map_err(err)
    }

    fn articles(&self, limit: usize, offset: usize) -> Result<Vec<ArticleSummary>, CorpusError> {
        let rows = self.lock()?.articles(limit, offset).map_err(err)?;
        Ok(rows.into_iter().map(summary).collect())
    }

    fn article(&self, id: &str) -> Result<Option<ArticleDetail>, CorpusError> {
        let Some(a) = self.lock()?.article(id).map_err(err)? else {
            return Ok(None);
        };
        let readout: serde_json::Value = serde_json::from_str(&a.readout)
            .map_err(|e| CorpusError::Store(format!("stored readout of {id}: {e}")))?;
        let count = |k: &str| readout[k].as_array().map_or(0, Vec::len);
        Ok(Some(ArticleDetail {
            summary: ArticleSummary {
                id: a.id,
                title: a.title,
                published: a.published,
                url: a.url,
                actors: count("actors"),
                quotes: count("quotes"),
                events: count("events"),
            },
            text: a.text,
            readout,
        }))
    }

    fn actors(&self, limit: usize) -> Result<Vec<ActorRow>, CorpusError> {
        let rows = self.fresh()?.actors(Some(limit)).map_err(err)?;
        Ok(rows
            .into_iter()
            .map(|a| ActorRow {
                key: a.key,
                name: a.name,
                kind: a.kind,
                country: a.country,
                articles: a.articles,
                mentions: a.mentions,
                quotes: a.quotes,
                events: a.events,
            })
            .collect())
    }

    fn events(&self, f: &EventFilter) -> Result<Vec<EventRow>, CorpusError> {
        let mut store = self.fresh()?;
        let rows = store
            .timeline(&newsgraph_store::TimelineFilter {
                actor: f.actor.clone(),
                event_type: f.event_type.clone(),
                from: f.from.clone(),
                to: f.to.clone(),
                limit: Some(f.limit),
            })
            .map_err(err)?;
        let mut sentences = Sentences {
            store: &mut store,
            cache: HashMap::new(),
        };
        Ok(rows
            .into_iter()
            .filter_map(|e| {
                let first = e.reports.first()?;
                let trigger = span(&first.trigger);
                Some(EventRow {
                    article: first.article.clone(),
                    article_title: first.title.clone(),
                    id: first.event.clone(),
                    event_type: e.event_type,
                    status: e.status,
                    date: e.date.or_else(|| first.published.clone()),
                    actors: e.actors.into_iter().map(|a| a.name).collect(),
                    targets: e.targets.into_iter().map(|a| a.name).collect(),
                    sentence: sentences.around(&first.article, &trigger),
                    trigger,
                    issue: None,
                    sources: e.sources,
                })
            })
            .collect())
    }

    fn quotes(&self, f: &QuoteFilter) -> Result<Vec<QuoteRow>, CorpusError> {
        let mut store = self.fresh()?;
        let rows = store
            .quotes(&newsgraph_store::QuoteFilter {
                speaker: f.speaker.clone(),
                search: f.q.clone(),
                limit: Some(f.limit),
            })
            .map_err(err)?;
        let mut sentences = Sentences {
            store: &mut store,
            cache: HashMap::new(),
        };
        Ok(rows
            .into_iter()
            .filter_map(|q| {
                let first = q.reports.first()?;
                let content = span(&first.content);
                Some(QuoteRow {
                    article: first.article.clone(),
                    article_title: first.title.clone(),
                    url: first.url.clone(),
                    published: first.published.clone(),
                    id: first.quote.clone(),
                    kind: first.kind.clone(),
                    speaker: q.speaker.map(|a| a.name),
                    addressee: None,
                    cue: None,
                    sentence: sentences.around(&first.article, &content),
                    content,
                    sources: q.sources,
                })
            })
            .collect())
    }

    fn positions(&self, issue: Option<&str>) -> Result<Vec<PositionRow>, CorpusError> {
        let rows = self.fresh()?.positions(issue).map_err(err)?;
        let mut out: Vec<PositionRow> = rows
            .into_iter()
            .flat_map(|p| {
                let (actor, issue) = (p.actor.name, p.issue);
                p.history.into_iter().map(move |h| PositionRow {
                    actor: actor.clone(),
                    issue: issue.clone(),
                    stance: h.stance,
                    article: h.article,
                    published: h.date,
                    evidence: h.evidence.iter().map(span).collect(),
                })
            })
            .collect();
        out.sort_by(|a, b| a.published.cmp(&b.published));
        Ok(out)
    }

    fn graph(&self, limit: usize) -> Result<Graph, CorpusError> {
        let mut store = self.fresh()?;
        let g = store.graph().map_err(err)?;
        // Actors sharing articles link too (dashed on the page), so the
        // network shows who appears with whom before events connect them.
        let actors = store.actors(None).map_err(err)?;
        drop(store);
        let mut nodes: Vec<GraphNode> = g
            .nodes
            .iter()
            .map(|n| GraphNode {
                id: n.key.clone(),
                name: n.name.clone(),
                kind: n.kind.clone(),
                weight: n.events,
            })
            .collect();
        let mut key_of: HashMap<i64, String> =
            g.nodes.iter().map(|n| (n.id, n.key.clone())).collect();
        for a in &actors {
            if let std::collections::hash_map::Entry::Vacant(slot) = key_of.entry(a.id) {
                slot.insert(a.key.clone());
                nodes.push(GraphNode {
                    id: a.key.clone(),
                    name: a.name.clone(),
                    kind: a.kind.clone(),
                    weight: 0,
                });
            }
        }
        // Mentions rank actors that no event names yet.
        let mentions: HashMap<&str, usize> = actors
            .iter()
            .map(|a| (a.key.as_str(), a.mentions))
            .collect();
        nodes.sort_by(|a, b| {
            (b.weight, mentions.get(b.id.as_str()))
                .cmp(&(a.weight, mentions.get(a.id.as_str())))
                .then(a.name.cmp(&b.name))
        });
        nodes.truncate(limit);
        let kept: std::collections::HashSet<&str> = nodes.iter().map(|n| n.id.as_str()).collect();
        let mut edges: std::collections::BTreeMap<(String, String), GraphEdge> =
            std::collections::BTreeMap::new();
        let mut add = |x: &str, y: &str, w: usize, kinds: Vec<String>| {
            if x == y || !kept.contains(x) || !kept.contains(y) {
                return;
            }
            let k = if x < y {
                (x.to_string(), y.to_string())
            } else {
                (y.to_string(), x.to_string())
            };
            let e = edges.entry(k.clone()).or_insert_with(|| GraphEdge {
                source: k.0,
                target: k.1,
                weight: 0,
                types: Vec::new(),
            });
            e.weight += w;
            for t in kinds {
                if !e.types.contains(&t) {
                    e.types.push(t);
                }
            }
        };
        for e in g.edges {
            if let (Some(x), Some(y)) = (key_of.get(&e.source), key_of.get(&e.target)) {
                add(x, y, e.weight, e.types.into_keys().collect());
            }
        }
        for a in &actors {
            for c in &a.cooccurs {
                if let Some(y) = key_of.get(&c.id) {
                    add(&a.key, y, 0, vec!["co-mention".to_string()]);
                }
            }
        }
        let edges = edges
            .into_values()
            .map(|mut e| {
                e.weight = e.weight.max(1);
                e
            })
            .collect();
        Ok(Graph { nodes, edges })
    }
}
