//! Queries over the corpus: timeline, quotes, positions, actors, the actor
//! network and the article list. Every answer is sorted on a total key in
//! Rust, so SQLite and PostgreSQL return the same rows in the same order.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::Serialize;

use crate::backend::{Dialect, Row, Value};
use crate::merge::{normalise, words};
use crate::{Result, Store};

/// A span of an article's text, in code points, with its text.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, serde::Deserialize)]
pub struct SpanRef {
    pub start: i64,
    pub end: i64,
    pub text: String,
}

/// A canonical actor, as other records refer to it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ActorRef {
    pub id: i64,
    /// `kind:normalised name`: stable across rebuilds of the same corpus.
    pub key: String,
    pub name: String,
    pub kind: String,
    pub country: Option<String>,
}

/// Filters for [`Store::timeline`]. Dates are `YYYY-MM-DD`, inclusive.
#[derive(Debug, Clone, Default)]
pub struct TimelineFilter {
    /// An actor's key, name, variant, or words of its name.
    pub actor: Option<String>,
    /// A PLOVER event type (any case).
    pub event_type: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub limit: Option<usize>,
}

/// One article's report of a merged event.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EventReport {
    pub article: String,
    /// The event's id in the article's readout (`e2`).
    pub event: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub date: Option<String>,
    pub status: String,
    pub trigger: SpanRef,
    /// Why this report joined the merged event.
    pub reason: String,
}

/// An event as the corpus knows it: every report of it, from every source.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MergedEvent {
    pub id: i64,
    #[serde(rename = "type")]
    pub event_type: String,
    pub status: String,
    pub date: Option<String>,
    pub date_last: Option<String>,
    pub actors: Vec<ActorRef>,
    pub targets: Vec<ActorRef>,
    /// Distinct articles reporting it.
    pub sources: usize,
    pub outlets: Vec<String>,
    pub reason: String,
    pub reports: Vec<EventReport>,
}

/// Filters for [`Store::quotes`].
#[derive(Debug, Clone, Default)]
pub struct QuoteFilter {
    /// A speaker's key, name, variant, or words of its name.
    pub speaker: Option<String>,
    /// Words every returned quote contains (whole words, any case).
    pub search: Option<String>,
    pub limit: Option<usize>,
}

/// One article's report of a merged quote.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct QuoteReport {
    pub article: String,
    /// The quote's id in the article's readout (`q1`).
    pub quote: String,
    pub kind: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub content: SpanRef,
    /// Word-set similarity to the first report.
    pub similarity: f64,
    pub reason: String,
}

/// A quote as the corpus knows it: one speaker's words and every outlet that carried them.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MergedQuote {
    pub id: i64,
    pub speaker: Option<ActorRef>,
    pub content: String,
    pub date: Option<String>,
    pub sources: usize,
    pub outlets: Vec<String>,
    pub reason: String,
    pub reports: Vec<QuoteReport>,
}

/// One article's statement of a stance.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PositionReport {
    pub date: Option<String>,
    pub stance: String,
    pub article: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub evidence: Vec<SpanRef>,
}

/// A change of stance between two consecutive reports.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StanceChange {
    pub date: Option<String>,
    pub from: String,
    pub to: String,
    pub article: String,
}

/// Where an actor stands on an issue across the corpus: the latest report
/// wins; changes are listed.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PositionSummary {
    pub issue: String,
    pub actor: ActorRef,
    pub stance: String,
    pub date: Option<String>,
    pub changes: Vec<StanceChange>,
    pub history: Vec<PositionReport>,
}

/// An actor that appears in the same articles.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CoOccurrence {
    pub id: i64,
    pub name: String,
    pub articles: usize,
}

/// A canonical actor with its counts.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ActorSummary {
    pub id: i64,
    pub key: String,
    pub name: String,
    pub kind: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub roles: Vec<String>,
    /// The names merged into it.
    pub variants: Vec<String>,
    pub articles: usize,
    pub mentions: usize,
    /// Quote reports with this speaker.
    pub quotes: usize,
    /// Merged events it takes part in.
    pub events: usize,
    /// The five actors sharing most articles with it.
    pub cooccurs: Vec<CoOccurrence>,
}

/// A node of the actor network.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GraphNode {
    pub id: i64,
    pub key: String,
    pub name: String,
    pub kind: String,
    pub country: Option<String>,
    pub events: usize,
}

/// An edge: merged events between two actors (actor → target, or two
/// co-actors when the events have no target).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GraphEdge {
    pub source: i64,
    pub target: i64,
    pub directed: bool,
    /// Merged events.
    pub weight: usize,
    /// Reports of those events.
    pub reports: usize,
    pub types: BTreeMap<String, usize>,
}

/// The actor network weighted by events.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Graph {
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
}

/// An article in a list.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ArticleSummary {
    pub id: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub actors: usize,
    pub quotes: usize,
    pub events: usize,
}

fn by_date<T>(items: &mut [T], key: impl Fn(&T) -> (Option<&str>, i64)) {
    items.sort_by(|a, b| {
        let (da, ia) = key(a);
        let (db, ib) = key(b);
        (da.is_none(), da, ia).cmp(&(db.is_none(), db, ib))
    });
}

fn ids(json: &str) -> Vec<i64> {
    serde_json::from_str(json).unwrap_or_default()
}

fn strings(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_default()
}

fn outlets<'a>(urls: impl Iterator<Item = &'a Option<String>>) -> Vec<String> {
    urls.flatten()
        .cloned()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

impl Store {
    /// Canonical actors by id.
    pub(crate) fn canon_refs(&mut self) -> Result<HashMap<i64, ActorRef>> {
        Ok(self
            .conn
            .query("SELECT id, key, name, kind, country FROM canon_actors", &[])?
            .into_iter()
            .map(|r| {
                let id = r.int(0).unwrap_or(0);
                (
                    id,
                    ActorRef {
                        id,
                        key: r.string(1),
                        name: r.string(2),
                        kind: r.string(3),
                        country: r.text(4),
                    },
                )
            })
            .collect())
    }

    /// The canonical actors a user's words name: the one whose key it is
    /// (`person:vladimir putin`); else every actor whose name or a variant
    /// is the words, or whose name contains them as whole words ("Trump"
    /// finds "Donald Trump", "Ivanka Trump" and a lone "Trump").
    pub fn resolve_actor(&mut self, query: &str) -> Result<BTreeSet<i64>> {
        let rows = self
            .conn
            .query("SELECT id, key, name, variants FROM canon_actors", &[])?;
        let q = normalise(query);
        if let Some(r) = rows.iter().find(|r| r.string(1) == query.trim()) {
            return Ok(BTreeSet::from([r.int(0).unwrap_or(0)]));
        }
        let mut found = BTreeSet::new();
        if q.is_empty() {
            return Ok(found);
        }
        let padded = format!(" {q} ");
        for r in &rows {
            let name = normalise(&r.string(2));
            if name == q
                || format!(" {name} ").contains(&padded)
                || strings(&r.string(3)).iter().any(|v| normalise(v) == q)
            {
                found.insert(r.int(0).unwrap_or(0));
            }
        }
        Ok(found)
    }

    /// Merged events in date order, with every report.
    pub fn timeline(&mut self, f: &TimelineFilter) -> Result<Vec<MergedEvent>> {
        for (flag, d) in [("from", &f.from), ("to", &f.to)] {
            if let Some(d) = d {
                if chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_err() {
                    return Err(crate::Error::Invalid(format!(
                        "--{flag} {d:?} is not a date of the form YYYY-MM-DD"
                    )));
                }
            }
        }
        let mut sql =
            "SELECT id, type, status, date_first, date_last, actors, targets, sources, reason
                       FROM merged_events WHERE 1 = 1"
                .to_string();
        let mut params: Vec<Value> = Vec::new();
        if let Some(t) = &f.event_type {
            params.push(t.trim().to_uppercase().into());
            sql.push_str(&format!(" AND type = ${}", params.len()));
        }
        if let Some(d) = &f.from {
            params.push(d.as_str().into());
            sql.push_str(&format!(" AND date_first >= ${}", params.len()));
        }
        if let Some(d) = &f.to {
            params.push(d.as_str().into());
            sql.push_str(&format!(" AND date_first <= ${}", params.len()));
        }
        let rows = self.conn.query(&sql, &params)?;
        let wanted = match &f.actor {
            Some(a) => Some(self.resolve_actor(a)?),
            None => None,
        };
        let canon = self.canon_refs()?;
        let refs = |list: &[i64]| -> Vec<ActorRef> {
            list.iter()
                .filter_map(|id| canon.get(id).cloned())
                .collect()
        };
        let mut events: Vec<MergedEvent> = Vec::new();
        for r in rows {
            let (actors, targets) = (ids(&r.string(5)), ids(&r.string(6)));
            if let Some(w) = &wanted {
                if !actors.iter().chain(&targets).any(|a| w.contains(a)) {
                    continue;
                }
            }
            events.push(MergedEvent {
                id: r.int(0).unwrap_or(0),
                event_type: r.string(1),
                status: r.string(2),
                date: r.text(3),
                date_last: r.text(4),
                actors: refs(&actors),
                targets: refs(&targets),
                sources: r.int(7).unwrap_or(0) as usize,
                outlets: Vec::new(),
                reason: r.string(8),
                reports: Vec::new(),
            });
        }
        by_date(&mut events, |e| (e.date.as_deref(), e.id));
        if let Some(limit) = f.limit {
            events.truncate(limit);
        }
        let wanted: Vec<i64> = events.iter().map(|e| e.id).collect();
        let mut reports: HashMap<i64, Vec<(i64, EventReport)>> = HashMap::new();
        for r in self.members(
            "SELECT m.merged_id, m.article_id, m.event_ord, m.reason, e.trigger_start, e.trigger_end,
                    e.trigger_text, e.date, e.status, a.url, a.outlet, a.title, a.published
             FROM merged_event_members m
             JOIN events e ON e.article_id = m.article_id AND e.ord = m.event_ord
             JOIN articles a ON a.id = m.article_id",
            &wanted,
        )? {
            let ord = r.int(2).unwrap_or(0);
            reports.entry(r.int(0).unwrap_or(0)).or_default().push((
                ord,
                EventReport {
                    article: r.string(1),
                    event: format!("e{ord}"),
                    reason: r.string(3),
                    trigger: SpanRef {
                        start: r.int(4).unwrap_or(0),
                        end: r.int(5).unwrap_or(0),
                        text: r.string(6),
                    },
                    date: r.text(7),
                    status: r.string(8),
                    url: r.text(9),
                    outlet: r.text(10),
                    title: r.text(11),
                    published: r.text(12),
                },
            ));
        }
        for e in &mut events {
            let mut list = reports.remove(&e.id).unwrap_or_default();
            list.sort_by(|(oa, a), (ob, b)| {
                (a.date.is_none(), &a.date, &a.article, oa).cmp(&(
                    b.date.is_none(),
                    &b.date,
                    &b.article,
                    ob,
                ))
            });
            e.reports = list.into_iter().map(|(_, r)| r).collect();
            e.outlets = outlets(e.reports.iter().map(|r| &r.outlet));
        }
        Ok(events)
    }

    /// Member rows of the given merged ids (`m.merged_id` is column 0),
    /// fetched in chunks.
    fn members(&mut self, base: &str, wanted: &[i64]) -> Result<Vec<Row>> {
        let mut out = Vec::new();
        for chunk in wanted.chunks(500) {
            let list: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!("{base} WHERE m.merged_id IN ({})", list.join(", "));
            let params: Vec<Value> = chunk.iter().map(|&i| Value::Int(i)).collect();
            out.extend(self.conn.query(&sql, &params)?);
        }
        Ok(out)
    }

    /// Quotes (article, ord) whose content has every word: the full-text
    /// index finds candidates, then each is checked word by word.
    fn search_quotes(&mut self, search: &str) -> Result<HashSet<(String, i64)>> {
        let wanted: Vec<String> = words(search);
        if wanted.is_empty() {
            return Ok(HashSet::new());
        }
        let rows = match self.dialect() {
            Dialect::Sqlite => {
                let q: Vec<String> = wanted.iter().map(|w| format!("\"{w}\"")).collect();
                self.conn.query(
                    "SELECT article_id, ord, content FROM quotes_fts WHERE quotes_fts MATCH $1",
                    &[q.join(" ").into()],
                )?
            }
            Dialect::Postgres => self.conn.query(
                "SELECT article_id, ord, content FROM quotes
                 WHERE content_tsv @@ to_tsquery('simple', $1)",
                &[wanted.join(" & ").into()],
            )?,
        };
        Ok(rows
            .into_iter()
            .filter(|r| {
                let have: HashSet<String> = words(&r.string(2)).into_iter().collect();
                wanted.iter().all(|w| have.contains(w))
            })
            .map(|r| (r.string(0), r.int(1).unwrap_or(0)))
            .collect())
    }

    /// Merged quotes in date order, with every outlet's report.
    pub fn quotes(&mut self, f: &QuoteFilter) -> Result<Vec<MergedQuote>> {
        let rows = self.conn.query(
            "SELECT id, speaker, content, date_first, sources, reason FROM merged_quotes",
            &[],
        )?;
        let speakers = match &f.speaker {
            Some(s) => Some(self.resolve_actor(s)?),
            None => None,
        };
        let matching: Option<HashSet<i64>> = match &f.search {
            Some(s) => {
                let hits = self.search_quotes(s)?;
                let members = self.conn.query(
                    "SELECT merged_id, article_id, quote_ord FROM merged_quote_members",
                    &[],
                )?;
                Some(
                    members
                        .into_iter()
                        .filter(|r| hits.contains(&(r.string(1), r.int(2).unwrap_or(0))))
                        .map(|r| r.int(0).unwrap_or(0))
                        .collect(),
                )
            }
            None => None,
        };
        let canon = self.canon_refs()?;
        let mut quotes: Vec<MergedQuote> = Vec::new();
        for r in rows {
            let id = r.int(0).unwrap_or(0);
            let speaker = r.int(1);
            if let Some(s) = &speakers {
                if !speaker.is_some_and(|sp| s.contains(&sp)) {
                    continue;
                }
            }
            if let Some(m) = &matching {
                if !m.contains(&id) {
                    continue;
                }
            }
            quotes.push(MergedQuote {
                id,
                speaker: speaker.and_then(|s| canon.get(&s).cloned()),
                content: r.string(2),
                date: r.text(3),
                sources: r.int(4).unwrap_or(0) as usize,
                outlets: Vec::new(),
                reason: r.string(5),
                reports: Vec::new(),
            });
        }
        by_date(&mut quotes, |q| (q.date.as_deref(), q.id));
        if let Some(limit) = f.limit {
            quotes.truncate(limit);
        }
        let wanted: Vec<i64> = quotes.iter().map(|q| q.id).collect();
        let mut reports: HashMap<i64, Vec<(i64, QuoteReport)>> = HashMap::new();
        for r in self.members(
            "SELECT m.merged_id, m.article_id, m.quote_ord, m.similarity, m.reason, q.kind,
                    q.content_start, q.content_end, q.content, a.url, a.outlet, a.title, a.published
             FROM merged_quote_members m
             JOIN quotes q ON q.article_id = m.article_id AND q.ord = m.quote_ord
             JOIN articles a ON a.id = m.article_id",
            &wanted,
        )? {
            let ord = r.int(2).unwrap_or(0);
            reports.entry(r.int(0).unwrap_or(0)).or_default().push((
                ord,
                QuoteReport {
                    article: r.string(1),
                    quote: format!("q{ord}"),
                    similarity: (r.real(3).unwrap_or(0.0) * 1000.0).round() / 1000.0,
                    reason: r.string(4),
                    kind: r.string(5),
                    content: SpanRef {
                        start: r.int(6).unwrap_or(0),
                        end: r.int(7).unwrap_or(0),
                        text: r.string(8),
                    },
                    url: r.text(9),
                    outlet: r.text(10),
                    title: r.text(11),
                    published: r.text(12),
                },
            ));
        }
        for q in &mut quotes {
            let mut list = reports.remove(&q.id).unwrap_or_default();
            list.sort_by(|(oa, a), (ob, b)| {
                (a.published.is_none(), &a.published, &a.article, oa).cmp(&(
                    b.published.is_none(),
                    &b.published,
                    &b.article,
                    ob,
                ))
            });
            q.reports = list.into_iter().map(|(_, r)| r).collect();
            q.outlets = outlets(q.reports.iter().map(|r| &r.outlet));
        }
        Ok(quotes)
    }

    /// Stances per issue and canonical actor over the corpus. `issue`
    /// filters by words of the issue name (any case).
    pub fn positions(&mut self, issue: Option<&str>) -> Result<Vec<PositionSummary>> {
        let rows = self.conn.query(
            "SELECT p.article_id, p.ord, p.issue, p.stance, p.evidence, c.canon_id,
                    a.published, a.url, a.outlet
             FROM positions p
             JOIN canon_actor_members c ON c.article_id = p.article_id AND c.actor_ord = p.actor_ord
             JOIN articles a ON a.id = p.article_id",
            &[],
        )?;
        let wanted = issue.map(normalise);
        let canon = self.canon_refs()?;
        type Entry = (Option<String>, String, i64, PositionReport);
        let mut groups: BTreeMap<(String, i64), Vec<Entry>> = BTreeMap::new();
        for r in rows {
            let issue = r.string(2);
            if let Some(w) = &wanted {
                if !format!(" {} ", normalise(&issue)).contains(&format!(" {w} ")) {
                    continue;
                }
            }
            let report = PositionReport {
                date: r.text(6),
                stance: r.string(3),
                article: r.string(0),
                url: r.text(7),
                outlet: r.text(8),
                evidence: serde_json::from_str(&r.string(4)).unwrap_or_default(),
            };
            groups
                .entry((issue, r.int(5).unwrap_or(0)))
                .or_default()
                .push((r.text(6), r.string(0), r.int(1).unwrap_or(0), report));
        }
        let mut out = Vec::new();
        for ((issue, actor), mut list) in groups {
            // Undated reports first, so a dated one is the latest.
            list.sort_by(|a, b| (&a.0, &a.1, a.2).cmp(&(&b.0, &b.1, b.2)));
            let history: Vec<PositionReport> = list.into_iter().map(|(_, _, _, r)| r).collect();
            let changes = history
                .windows(2)
                .filter(|w| w[0].stance != w[1].stance)
                .map(|w| StanceChange {
                    date: w[1].date.clone(),
                    from: w[0].stance.clone(),
                    to: w[1].stance.clone(),
                    article: w[1].article.clone(),
                })
                .collect();
            let last = history.last().expect("a group has a member");
            let Some(actor) = canon.get(&actor).cloned() else {
                continue;
            };
            out.push(PositionSummary {
                stance: last.stance.clone(),
                date: last.date.clone(),
                issue,
                actor,
                changes,
                history,
            });
        }
        out.sort_by(|a, b| {
            (&a.issue, &a.actor.name, a.actor.id).cmp(&(&b.issue, &b.actor.name, b.actor.id))
        });
        Ok(out)
    }

    /// Canonical actors, most mentioned first, with counts and co-occurrence.
    pub fn actors(&mut self, limit: Option<usize>) -> Result<Vec<ActorSummary>> {
        let rows = self.conn.query(
            "SELECT id, key, name, kind, country, sector, roles, variants, articles, mentions
             FROM canon_actors",
            &[],
        )?;
        let mut quotes: HashMap<i64, usize> = HashMap::new();
        for r in self.conn.query(
            "SELECT q.speaker, COUNT(*) FROM merged_quote_members m
             JOIN merged_quotes q ON q.id = m.merged_id
             WHERE q.speaker IS NOT NULL GROUP BY q.speaker",
            &[],
        )? {
            quotes.insert(r.int(0).unwrap_or(0), r.int(1).unwrap_or(0) as usize);
        }
        let mut events: HashMap<i64, usize> = HashMap::new();
        for r in self
            .conn
            .query("SELECT actors, targets FROM merged_events", &[])?
        {
            let all: BTreeSet<i64> = ids(&r.string(0))
                .into_iter()
                .chain(ids(&r.string(1)))
                .collect();
            for a in all {
                *events.entry(a).or_default() += 1;
            }
        }
        let mut actors: Vec<ActorSummary> = rows
            .into_iter()
            .map(|r| {
                let id = r.int(0).unwrap_or(0);
                ActorSummary {
                    id,
                    key: r.string(1),
                    name: r.string(2),
                    kind: r.string(3),
                    country: r.text(4),
                    sector: r.text(5),
                    roles: strings(&r.string(6)),
                    variants: strings(&r.string(7)),
                    articles: r.int(8).unwrap_or(0) as usize,
                    mentions: r.int(9).unwrap_or(0) as usize,
                    quotes: quotes.get(&id).copied().unwrap_or(0),
                    events: events.get(&id).copied().unwrap_or(0),
                    cooccurs: Vec::new(),
                }
            })
            .collect();
        actors.sort_by(|a, b| {
            (b.mentions, b.articles, &a.name, a.id).cmp(&(a.mentions, a.articles, &b.name, b.id))
        });
        if let Some(limit) = limit {
            actors.truncate(limit);
        }
        let listed: HashSet<i64> = actors.iter().map(|a| a.id).collect();
        let mut per_article: BTreeMap<String, BTreeSet<i64>> = BTreeMap::new();
        for r in self
            .conn
            .query("SELECT article_id, canon_id FROM canon_actor_members", &[])?
        {
            per_article
                .entry(r.string(0))
                .or_default()
                .insert(r.int(1).unwrap_or(0));
        }
        let mut co: HashMap<i64, HashMap<i64, usize>> = HashMap::new();
        for set in per_article.values() {
            for a in set.iter().filter(|a| listed.contains(a)) {
                let entry = co.entry(*a).or_default();
                for b in set.iter().filter(|b| *b != a) {
                    *entry.entry(*b).or_default() += 1;
                }
            }
        }
        let names: HashMap<i64, String> = self
            .canon_refs()?
            .into_iter()
            .map(|(id, r)| (id, r.name))
            .collect();
        for a in &mut actors {
            let mut list: Vec<(i64, usize)> =
                co.remove(&a.id).unwrap_or_default().into_iter().collect();
            list.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
            a.cooccurs = list
                .into_iter()
                .take(5)
                .map(|(id, n)| CoOccurrence {
                    id,
                    name: names.get(&id).cloned().unwrap_or_default(),
                    articles: n,
                })
                .collect();
        }
        Ok(actors)
    }

    /// The actor network: canonical actors linked by the merged events
    /// between them.
    pub fn graph(&mut self) -> Result<Graph> {
        let canon = self.canon_refs()?;
        let mut edges: BTreeMap<(i64, i64), GraphEdge> = BTreeMap::new();
        let mut node_events: BTreeMap<i64, usize> = BTreeMap::new();
        for r in self.conn.query(
            "SELECT type, actors, targets, reports FROM merged_events",
            &[],
        )? {
            let (t, actors, targets) = (r.string(0), ids(&r.string(1)), ids(&r.string(2)));
            let reports = r.int(3).unwrap_or(0) as usize;
            let mut pairs: BTreeSet<(i64, i64, bool)> = BTreeSet::new();
            if targets.is_empty() {
                for (i, a) in actors.iter().enumerate() {
                    for b in &actors[i + 1..] {
                        pairs.insert((*a.min(b), *a.max(b), false));
                    }
                }
            } else {
                for a in &actors {
                    for b in targets.iter().filter(|b| *b != a) {
                        pairs.insert((*a, *b, true));
                    }
                }
            }
            for (a, b, directed) in pairs {
                let e = edges.entry((a, b)).or_insert_with(|| GraphEdge {
                    source: a,
                    target: b,
                    directed,
                    weight: 0,
                    reports: 0,
                    types: BTreeMap::new(),
                });
                e.weight += 1;
                e.reports += reports;
                *e.types.entry(t.clone()).or_default() += 1;
            }
            for a in actors.iter().chain(&targets).collect::<BTreeSet<_>>() {
                *node_events.entry(*a).or_default() += 1;
            }
        }
        let nodes = node_events
            .into_iter()
            .filter_map(|(id, events)| {
                canon.get(&id).map(|r| GraphNode {
                    id,
                    key: r.key.clone(),
                    name: r.name.clone(),
                    kind: r.kind.clone(),
                    country: r.country.clone(),
                    events,
                })
            })
            .collect();
        Ok(Graph {
            nodes,
            edges: edges.into_values().collect(),
        })
    }

    /// Articles, newest publication first (undated last).
    pub fn articles(&mut self, limit: usize, offset: usize) -> Result<Vec<ArticleSummary>> {
        let rows = self.conn.query(
            "SELECT a.id, a.title, a.published, a.url, a.outlet,
                    (SELECT COUNT(*) FROM actors x WHERE x.article_id = a.id),
                    (SELECT COUNT(*) FROM quotes x WHERE x.article_id = a.id),
                    (SELECT COUNT(*) FROM events x WHERE x.article_id = a.id)
             FROM articles a
             ORDER BY (a.published IS NULL), a.published DESC, a.id
             LIMIT $1 OFFSET $2",
            &[limit.into(), offset.into()],
        )?;
        Ok(rows
            .into_iter()
            .map(|r| ArticleSummary {
                id: r.string(0),
                title: r.text(1),
                published: r.text(2),
                url: r.text(3),
                outlet: r.text(4),
                actors: r.int(5).unwrap_or(0) as usize,
                quotes: r.int(6).unwrap_or(0) as usize,
                events: r.int(7).unwrap_or(0) as usize,
            })
            .collect())
    }
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

impl Graph {
    /// GraphML (readable by Gephi, networkx, igraph).
    pub fn to_graphml(&self) -> String {
        let mut s = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n\
             \x20 <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n\
             \x20 <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n\
             \x20 <key id=\"country\" for=\"node\" attr.name=\"country\" attr.type=\"string\"/>\n\
             \x20 <key id=\"events\" for=\"node\" attr.name=\"events\" attr.type=\"int\"/>\n\
             \x20 <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"int\"/>\n\
             \x20 <key id=\"reports\" for=\"edge\" attr.name=\"reports\" attr.type=\"int\"/>\n\
             \x20 <key id=\"types\" for=\"edge\" attr.name=\"types\" attr.type=\"string\"/>\n\
             \x20 <graph id=\"actors\" edgedefault=\"directed\">\n",
        );
        for n in &self.nodes {
            s.push_str(&format!(
                "    <node id=\"n{}\"><data key=\"name\">{}</data><data key=\"kind\">{}</data><data key=\"country\">{}</data><data key=\"events\">{}</data></node>\n",
                n.id,
                xml_escape(&n.name),
                xml_escape(&n.kind),
                xml_escape(n.country.as_deref().unwrap_or("")),
                n.events
            ));
        }
        for (i, e) in self.edges.iter().enumerate() {
            let types: Vec<String> = e.types.iter().map(|(t, n)| format!("{t}:{n}")).collect();
            s.push_str(&format!(
                "    <edge id=\"e{}\" source=\"n{}\" target=\"n{}\" directed=\"{}\"><data key=\"weight\">{}</data><data key=\"reports\">{}</data><data key=\"types\">{}</data></edge>\n",
                i + 1,
                e.source,
                e.target,
                e.directed,
                e.weight,
                e.reports,
                types.join(" ")
            ));
        }
        s.push_str("  </graph>\n</graphml>\n");
        s
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("graph serializes")
    }
}
