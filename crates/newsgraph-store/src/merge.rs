//! Cross-article merging, derived from the source records and rebuilt as a
//! whole: canonical actors (normalised name and kind, the user's aliases, a
//! lone surname joining the one person who bears it), merged events (same
//! type, status and canonical participants within a date window) and merged
//! quotes (one speaker, near-identical words). Every member records why it
//! joined; the source records are never changed.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use crate::backend::{Dialect, Value};
use crate::{Result, Store};

/// A user-supplied canonical name with its variants (from the actors file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    pub name: String,
    /// person, organisation, country, group or location; `None` for any.
    pub kind: Option<String>,
    pub variants: Vec<String>,
}

/// How records merge.
#[derive(Debug, Clone)]
pub struct MergeOptions {
    pub aliases: Vec<Alias>,
    /// Reports of one event may be dated up to this many days after the first.
    pub window_days: i64,
    /// Word-set similarity (Jaccard, 0–1) from which two quotes are one.
    pub quote_similarity: f64,
    /// Reports of one quote may be published up to this many days after the
    /// first (a speaker repeating a line a month later said it again).
    pub quote_window_days: i64,
}

impl Default for MergeOptions {
    fn default() -> Self {
        MergeOptions {
            aliases: Vec::new(),
            window_days: 3,
            quote_similarity: 0.8,
            quote_window_days: 7,
        }
    }
}

/// What a rebuild produced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeSummary {
    pub articles: u64,
    pub actors: usize,
    pub canon_actors: usize,
    pub events: usize,
    pub merged_events: usize,
    pub quotes: usize,
    pub merged_quotes: usize,
}

const MERGE_LOCK: i64 = 0x6e67_0002;

/// A table, its columns, and the rows to insert.
type TableRows = (&'static str, &'static [&'static str], Vec<Vec<Value>>);

/// Lower case, dots dropped ("U.S." → "us"), other punctuation as spaces.
pub(crate) fn normalise(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        if c == '.' || c == '\u{2019}' || c == '\'' {
            continue;
        }
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

/// The words of a text, lower-cased (letters and digits).
pub(crate) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A text's distinct words as sorted hashes: 8 bytes a word, so the
/// quotes of a large corpus fit in memory while they are clustered.
fn word_hashes(text: &str) -> Vec<u64> {
    let mut h: Vec<u64> = words(text).iter().map(|w| fnv(w)).collect();
    h.sort_unstable();
    h.dedup();
    h
}

/// Jaccard similarity of two sorted, distinct hash lists.
fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut inter) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    inter as f64 / (a.len() + b.len() - inter) as f64
}

struct ActorIn {
    article: Arc<str>,
    ord: i64,
    name: String,
    kind: String,
    roles: Vec<String>,
    country: Option<String>,
    sector: Option<String>,
    mentions: i64,
}

/// Canonical actors: (key, member indices with reasons).
struct Canon {
    key: String,
    members: Vec<(usize, String)>,
}

fn most_frequent<'a>(items: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for i in items {
        *counts.entry(i).or_default() += 1;
    }
    // Highest count; ties go to the smallest string (BTreeMap order).
    let best = counts.values().copied().max()?;
    counts
        .into_iter()
        .find(|(_, n)| *n == best)
        .map(|(s, _)| s.to_string())
}

fn canonicalise(actors: &[ActorIn], opts: &MergeOptions) -> Vec<Canon> {
    // Alias variants (and names) → (kind or any, canonical normalised name, display).
    let mut alias: HashMap<String, Vec<(Option<String>, String, String)>> = HashMap::new();
    for a in &opts.aliases {
        for v in a.variants.iter().chain(std::iter::once(&a.name)) {
            alias.entry(normalise(v)).or_default().push((
                a.kind.clone(),
                normalise(&a.name),
                a.name.clone(),
            ));
        }
    }
    let mut keyed: Vec<(String, String)> = Vec::with_capacity(actors.len());
    for a in actors {
        let n = normalise(&a.name);
        let hit = alias.get(&n).and_then(|list| {
            list.iter()
                .find(|(k, _, _)| k.as_deref().is_none_or(|k| k == a.kind))
        });
        match hit {
            Some((_, canon, display)) if *canon != n => keyed.push((
                format!("{}:{canon}", a.kind),
                format!("actors file: {:?} is a variant of {display:?}", a.name),
            )),
            Some((_, canon, _)) => keyed.push((
                format!("{}:{canon}", a.kind),
                "actors file: canonical name".to_string(),
            )),
            None => keyed.push((format!("{}:{n}", a.kind), String::new())),
        }
    }
    // A lone surname joins the one person in the corpus who bears it.
    let mut by_surname: HashMap<String, BTreeSet<String>> = HashMap::new();
    for (key, _) in &keyed {
        if let Some(name) = key.strip_prefix("person:") {
            if let Some((_, last)) = name.rsplit_once(' ') {
                by_surname
                    .entry(last.to_string())
                    .or_default()
                    .insert(key.clone());
            }
        }
    }
    for (key, reason) in &mut keyed {
        if let Some(name) = key.strip_prefix("person:") {
            if !name.contains(' ') && reason.is_empty() {
                if let Some(full) = by_surname.get(name) {
                    if full.len() == 1 {
                        let target = full.iter().next().expect("one").clone();
                        *reason = format!(
                            "lone surname {name:?}: the only person in the corpus with it is {:?}",
                            target.trim_start_matches("person:")
                        );
                        *key = target;
                    }
                }
            }
        }
    }
    let mut groups: BTreeMap<String, Vec<(usize, String)>> = BTreeMap::new();
    for (i, (key, reason)) in keyed.into_iter().enumerate() {
        groups.entry(key).or_default().push((i, reason));
    }
    groups
        .into_iter()
        .map(|(key, members)| Canon { key, members })
        .collect()
}

struct EventIn {
    article: Arc<str>,
    ord: i64,
    event_type: String,
    status: String,
    date: Option<String>,
    actors: BTreeSet<i64>,
    targets: BTreeSet<i64>,
}

fn days_between(a: &str, b: &str) -> Option<i64> {
    let a = chrono::NaiveDate::parse_from_str(a, "%Y-%m-%d").ok()?;
    let b = chrono::NaiveDate::parse_from_str(b, "%Y-%m-%d").ok()?;
    Some((b - a).num_days())
}

impl Store {
    /// Whether articles were written or removed since the last rebuild.
    pub fn merges_stale(&mut self) -> Result<bool> {
        let state = self
            .conn
            .query("SELECT articles FROM merge_state WHERE id = 1", &[])?;
        let articles = self.conn.query("SELECT COUNT(*) FROM articles", &[])?[0]
            .int(0)
            .unwrap_or(0);
        Ok(state.first().and_then(|r| r.int(0)) != Some(articles))
    }

    /// Recomputes every merge table from the source records, in one
    /// transaction (readers see the old merges until it commits; concurrent
    /// rebuilds run one after the other).
    pub fn rebuild_merges(&mut self, opts: &MergeOptions) -> Result<MergeSummary> {
        let begin = match self.dialect() {
            Dialect::Sqlite => "BEGIN IMMEDIATE".to_string(),
            Dialect::Postgres => format!(
                "BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT pg_advisory_xact_lock({MERGE_LOCK})"
            ),
        };
        let (summary, _) = self.in_transaction_with(&begin, |store| store.rebuild_inner(opts))?;
        Ok(summary)
    }

    fn rebuild_inner(&mut self, opts: &MergeOptions) -> Result<MergeSummary> {
        let mut summary = MergeSummary {
            articles: self.conn.query("SELECT COUNT(*) FROM articles", &[])?[0]
                .int(0)
                .unwrap_or(0) as u64,
            ..MergeSummary::default()
        };
        let published: HashMap<String, Option<String>> = self
            .conn
            .query("SELECT id, published FROM articles", &[])?
            .into_iter()
            .map(|r| (r.string(0), r.text(1)))
            .collect();
        // Article ids are shared, not copied, by the million rows that name them.
        let interned: HashMap<&str, Arc<str>> = published
            .keys()
            .map(|k| (k.as_str(), Arc::from(k.as_str())))
            .collect();
        let intern = |s: String| -> Arc<str> {
            interned
                .get(s.as_str())
                .cloned()
                .unwrap_or_else(|| Arc::from(s))
        };

        // Actors.
        let mut actors: Vec<ActorIn> = Vec::new();
        self.conn.for_each(
            "SELECT article_id, ord, name, kind, roles, country, sector, mentions FROM actors",
            &[],
            &mut |r| {
                actors.push(ActorIn {
                    article: intern(r.string(0)),
                    ord: r.int(1).unwrap_or(0),
                    name: r.string(2),
                    kind: r.string(3),
                    roles: serde_json::from_str(&r.string(4)).unwrap_or_default(),
                    country: r.text(5),
                    sector: r.text(6),
                    mentions: r.int(7).unwrap_or(0),
                });
                Ok(())
            },
        )?;
        actors.sort_by(|a, b| (&a.article, a.ord).cmp(&(&b.article, b.ord)));
        let canons = canonicalise(&actors, opts);
        let mut canon_of: HashMap<(Arc<str>, i64), i64> = HashMap::new();
        let mut canon_name: HashMap<i64, String> = HashMap::new();
        // Government officials with a known country, and each country's
        // canonical actor: "Kenyan President Osei signed" and "Kenya signed"
        // report one side of one event.
        let mut official_country: HashMap<i64, String> = HashMap::new();
        let mut country_canon: HashMap<String, i64> = HashMap::new();
        let mut canon_rows = Vec::new();
        let mut member_rows = Vec::new();
        for (i, c) in canons.iter().enumerate() {
            let id = i as i64 + 1;
            let members: Vec<&ActorIn> = c.members.iter().map(|(m, _)| &actors[*m]).collect();
            let key_name = c.key.split_once(':').map_or("", |(_, n)| n);
            let alias_name = opts
                .aliases
                .iter()
                .find(|a| normalise(&a.name) == key_name)
                .map(|a| a.name.clone());
            let name = alias_name
                .or_else(|| {
                    most_frequent(
                        members
                            .iter()
                            .filter(|a| normalise(&a.name) == key_name)
                            .map(|a| a.name.as_str()),
                    )
                })
                .or_else(|| most_frequent(members.iter().map(|a| a.name.as_str())))
                .unwrap_or_default();
            let kind = members[0].kind.clone();
            let country = most_frequent(members.iter().filter_map(|a| a.country.as_deref()));
            let sector = most_frequent(members.iter().filter_map(|a| a.sector.as_deref()));
            let mut role_counts: BTreeMap<&str, usize> = BTreeMap::new();
            for r in members.iter().flat_map(|a| &a.roles) {
                *role_counts.entry(r.as_str()).or_default() += 1;
            }
            let mut roles: Vec<(&str, usize)> = role_counts.into_iter().collect();
            roles.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            let roles: Vec<&str> = roles.into_iter().map(|(r, _)| r).collect();
            let variants: BTreeSet<&str> = members.iter().map(|a| a.name.as_str()).collect();
            let articles: BTreeSet<&str> = members.iter().map(|a| a.article.as_ref()).collect();
            let mentions: i64 = members.iter().map(|a| a.mentions).sum();
            canon_rows.push(vec![
                Value::Int(id),
                c.key.as_str().into(),
                name.as_str().into(),
                kind.clone().into(),
                country.clone().into(),
                sector.clone().into(),
                serde_json::to_string(&roles).expect("json").into(),
                serde_json::to_string(&variants).expect("json").into(),
                articles.len().into(),
                mentions.into(),
            ]);
            for (m, reason) in &c.members {
                let a = &actors[*m];
                let reason = if !reason.is_empty() {
                    reason.clone()
                } else if a.name == name {
                    "same name and kind".to_string()
                } else {
                    format!("same normalised name {key_name:?} and kind")
                };
                canon_of.insert((a.article.clone(), a.ord), id);
                member_rows.push(vec![
                    a.article.as_ref().into(),
                    a.ord.into(),
                    Value::Int(id),
                    reason.into(),
                ]);
            }
            if let Some(iso) = country.clone() {
                if kind == "country" {
                    country_canon.entry(iso).or_insert(id);
                } else if kind == "person" && sector.as_deref() == Some("GOV") {
                    official_country.insert(id, iso);
                }
            }
            canon_name.insert(id, name);
        }
        // The side an actor takes part for in the merge key.
        let side = |id: i64| -> i64 {
            official_country
                .get(&id)
                .and_then(|iso| country_canon.get(iso))
                .copied()
                .unwrap_or(id)
        };
        summary.actors = actors.len();
        summary.canon_actors = canons.len();

        // Events.
        let mut events: Vec<EventIn> = self
            .conn
            .query(
                "SELECT article_id, ord, type, status, date FROM events",
                &[],
            )?
            .into_iter()
            .map(|r| EventIn {
                article: intern(r.string(0)),
                ord: r.int(1).unwrap_or(0),
                event_type: r.string(2),
                status: r.string(3),
                date: r.text(4),
                actors: BTreeSet::new(),
                targets: BTreeSet::new(),
            })
            .collect();
        let index: HashMap<(Arc<str>, i64), usize> = events
            .iter()
            .enumerate()
            .map(|(i, e)| ((e.article.clone(), e.ord), i))
            .collect();
        self.conn.for_each(
            "SELECT article_id, event_ord, role, actor_ord FROM event_actors",
            &[],
            &mut |r| {
                let (article, ord, role, actor) = (
                    intern(r.string(0)),
                    r.int(1).unwrap_or(0),
                    r.string(2),
                    r.int(3).unwrap_or(0),
                );
                let Some(&canon) = canon_of.get(&(article.clone(), actor)) else {
                    return Ok(());
                };
                if let Some(&i) = index.get(&(article, ord)) {
                    if role == "target" {
                        events[i].targets.insert(canon);
                    } else {
                        events[i].actors.insert(canon);
                    }
                }
                Ok(())
            },
        )?;
        events.sort_by(|a, b| {
            (a.date.is_none(), &a.date, &a.article, a.ord).cmp(&(
                b.date.is_none(),
                &b.date,
                &b.article,
                b.ord,
            ))
        });
        type Key = (String, String, Vec<i64>);
        // Open clusters per key: (first date, member indices).
        let mut clusters: Vec<(Option<String>, Vec<usize>)> = Vec::new();
        let mut open: HashMap<Key, usize> = HashMap::new();
        for (i, e) in events.iter().enumerate() {
            // A set, so symmetric events match whichever side is the actor.
            let participants: Vec<i64> = e
                .actors
                .union(&e.targets)
                .map(|&a| side(a))
                .collect::<BTreeSet<i64>>()
                .into_iter()
                .collect();
            // Without participants or a date nothing says two reports are
            // of one event: they stay apart.
            if participants.is_empty() || e.date.is_none() {
                clusters.push((e.date.clone(), vec![i]));
                continue;
            }
            let key = (e.event_type.clone(), e.status.clone(), participants);
            let joined = open.get(&key).copied().filter(|&c| {
                let first = &clusters[c].0;
                match (first, &e.date) {
                    (Some(f), Some(d)) => days_between(f, d).is_some_and(|n| n <= opts.window_days),
                    _ => false,
                }
            });
            match joined {
                Some(c) => clusters[c].1.push(i),
                None => {
                    open.insert(key, clusters.len());
                    clusters.push((e.date.clone(), vec![i]));
                }
            }
        }
        let names = |ids: &BTreeSet<i64>| -> String {
            ids.iter()
                .map(|id| canon_name.get(id).cloned().unwrap_or_default())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut merged_rows = Vec::new();
        let mut merged_members = Vec::new();
        for (c, (first_date, members)) in clusters.iter().enumerate() {
            let id = c as i64 + 1;
            let first = &events[members[0]];
            let actors: BTreeSet<i64> = members
                .iter()
                .flat_map(|&m| events[m].actors.iter().copied())
                .collect();
            let targets: BTreeSet<i64> = members
                .iter()
                .flat_map(|&m| events[m].targets.iter().copied())
                .collect();
            let last_date = members.iter().filter_map(|&m| events[m].date.clone()).max();
            let sources: BTreeSet<&str> = members
                .iter()
                .map(|&m| events[m].article.as_ref())
                .collect();
            let all: BTreeSet<i64> = actors.union(&targets).copied().collect();
            let reason = if all.is_empty() {
                "no canonical participants: not merged".to_string()
            } else if first_date.is_none() {
                "undated: not merged".to_string()
            } else if members.len() == 1 {
                "one report".to_string()
            } else {
                format!(
                    "{} reports of {} ({}) with participants {} dated within {} days of {}",
                    members.len(),
                    first.event_type,
                    first.status,
                    names(&all),
                    opts.window_days,
                    first_date.as_deref().unwrap_or("an unknown date")
                )
            };
            merged_rows.push(vec![
                Value::Int(id),
                first.event_type.as_str().into(),
                first.status.as_str().into(),
                first_date.clone().into(),
                last_date.into(),
                serde_json::to_string(&actors).expect("json").into(),
                serde_json::to_string(&targets).expect("json").into(),
                members.len().into(),
                sources.len().into(),
                reason.into(),
            ]);
            for (k, &m) in members.iter().enumerate() {
                let e = &events[m];
                let reason = if k == 0 {
                    "first report".to_string()
                } else {
                    match (first_date, &e.date) {
                        (Some(f), Some(d)) => format!(
                            "same type, status and participants; dated {d}, {} day(s) after the first report",
                            days_between(f, d).unwrap_or(0)
                        ),
                        _ => "same type, status and participants; both undated".to_string(),
                    }
                };
                merged_members.push(vec![
                    e.article.as_ref().into(),
                    e.ord.into(),
                    Value::Int(id),
                    reason.into(),
                ]);
            }
        }
        summary.events = events.len();
        summary.merged_events = clusters.len();

        // Quotes.
        struct QuoteIn {
            article: Arc<str>,
            ord: i64,
            speaker: Option<i64>,
            content: String,
            date: Option<String>,
            words: Vec<u64>,
        }
        let mut quotes: Vec<QuoteIn> = Vec::new();
        self.conn.for_each(
            "SELECT article_id, ord, speaker_ord, content FROM quotes",
            &[],
            &mut |r| {
                let article = intern(r.string(0));
                let content = r.string(3);
                quotes.push(QuoteIn {
                    speaker: r
                        .int(2)
                        .and_then(|s| canon_of.get(&(article.clone(), s)).copied()),
                    date: published.get(&*article).cloned().flatten(),
                    words: word_hashes(&content),
                    ord: r.int(1).unwrap_or(0),
                    article,
                    content,
                });
                Ok(())
            },
        )?;
        quotes.sort_by(|a, b| {
            (a.date.is_none(), &a.date, &a.article, a.ord).cmp(&(
                b.date.is_none(),
                &b.date,
                &b.article,
                b.ord,
            ))
        });
        // Clusters: (members with similarity). Candidates come from a
        // bottom-3 sketch of word hashes, so near-identical quotes (which
        // share most words) meet without comparing every pair.
        let mut qclusters: Vec<Vec<(usize, f64)>> = Vec::new();
        let mut sketch_index: HashMap<(i64, u64), Vec<usize>> = HashMap::new();
        for (i, q) in quotes.iter().enumerate() {
            let Some(speaker) = q
                .speaker
                .filter(|_| !q.words.is_empty() && q.date.is_some())
            else {
                qclusters.push(vec![(i, 1.0)]);
                continue;
            };
            let hashes: Vec<u64> = q.words.iter().take(3).copied().collect();
            let mut best: Option<(usize, f64)> = None;
            let mut seen = BTreeSet::new();
            for h in &hashes {
                for &c in sketch_index.get(&(speaker, *h)).into_iter().flatten() {
                    if !seen.insert(c) {
                        continue;
                    }
                    let rep = &quotes[qclusters[c][0].0];
                    let in_window = match (&rep.date, &q.date) {
                        (Some(f), Some(d)) => {
                            days_between(f, d).is_some_and(|n| n <= opts.quote_window_days)
                        }
                        _ => false,
                    };
                    if !in_window {
                        continue;
                    }
                    let sim = jaccard(&rep.words, &q.words);
                    if sim >= opts.quote_similarity && best.is_none_or(|(_, s)| sim > s) {
                        best = Some((c, sim));
                    }
                }
            }
            match best {
                Some((c, sim)) => qclusters[c].push((i, sim)),
                None => {
                    for h in hashes {
                        sketch_index
                            .entry((speaker, h))
                            .or_default()
                            .push(qclusters.len());
                    }
                    qclusters.push(vec![(i, 1.0)]);
                }
            }
        }
        let mut mq_rows = Vec::new();
        let mut mq_members = Vec::new();
        for (c, members) in qclusters.iter().enumerate() {
            let id = c as i64 + 1;
            let first = &quotes[members[0].0];
            let sources: BTreeSet<&str> = members
                .iter()
                .map(|(m, _)| quotes[*m].article.as_ref())
                .collect();
            let reason = match first.speaker {
                None => "no speaker: not merged".to_string(),
                Some(_) if first.date.is_none() => "undated: not merged".to_string(),
                Some(_) if members.len() == 1 => "one report".to_string(),
                Some(s) => format!(
                    "{} reports by {} sharing at least {:.0}% of their words, published within {} days",
                    members.len(),
                    canon_name.get(&s).cloned().unwrap_or_default(),
                    opts.quote_similarity * 100.0,
                    opts.quote_window_days
                ),
            };
            mq_rows.push(vec![
                Value::Int(id),
                first.speaker.into(),
                first.content.as_str().into(),
                first.date.clone().into(),
                members.len().into(),
                sources.len().into(),
                reason.into(),
            ]);
            for (k, (m, sim)) in members.iter().enumerate() {
                let q = &quotes[*m];
                let reason = if k == 0 {
                    "first report".to_string()
                } else {
                    format!(
                        "same speaker; {:.0}% of words shared with the first report",
                        sim * 100.0
                    )
                };
                mq_members.push(vec![
                    q.article.as_ref().into(),
                    q.ord.into(),
                    Value::Int(id),
                    (*sim).into(),
                    reason.into(),
                ]);
            }
        }
        summary.quotes = quotes.len();
        summary.merged_quotes = qclusters.len();

        for table in [
            "canon_actors",
            "canon_actor_members",
            "merged_events",
            "merged_event_members",
            "merged_quotes",
            "merged_quote_members",
            "merge_state",
        ] {
            self.conn.execute(&format!("DELETE FROM {table}"), &[])?;
        }
        let ins: [TableRows; 6] = [
            (
                "canon_actors",
                &[
                    "id", "key", "name", "kind", "country", "sector", "roles", "variants",
                    "articles", "mentions",
                ],
                canon_rows,
            ),
            (
                "canon_actor_members",
                &["article_id", "actor_ord", "canon_id", "reason"],
                member_rows,
            ),
            (
                "merged_events",
                &[
                    "id",
                    "type",
                    "status",
                    "date_first",
                    "date_last",
                    "actors",
                    "targets",
                    "reports",
                    "sources",
                    "reason",
                ],
                merged_rows,
            ),
            (
                "merged_event_members",
                &["article_id", "event_ord", "merged_id", "reason"],
                merged_members,
            ),
            (
                "merged_quotes",
                &[
                    "id",
                    "speaker",
                    "content",
                    "date_first",
                    "reports",
                    "sources",
                    "reason",
                ],
                mq_rows,
            ),
            (
                "merged_quote_members",
                &[
                    "article_id",
                    "quote_ord",
                    "merged_id",
                    "similarity",
                    "reason",
                ],
                mq_members,
            ),
        ];
        for (table, cols, rows) in ins {
            let refs: Vec<&Vec<Value>> = rows.iter().collect();
            self.insert_rows(table, cols, &refs)?;
        }
        self.conn.execute(
            "INSERT INTO merge_state (id, articles) VALUES (1, $1)",
            &[Value::Int(summary.articles as i64)],
        )?;
        Ok(summary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(article: &str, ord: i64, name: &str, kind: &str) -> ActorIn {
        ActorIn {
            article: article.into(),
            ord,
            name: name.into(),
            kind: kind.into(),
            roles: vec![],
            country: None,
            sector: None,
            mentions: 1,
        }
    }

    fn keys(actors: &[ActorIn], opts: &MergeOptions) -> Vec<(String, Vec<i64>)> {
        canonicalise(actors, opts)
            .into_iter()
            .map(|c| {
                (
                    c.key,
                    c.members.iter().map(|(m, _)| actors[*m].ord).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn names_normalise_case_dots_and_punctuation() {
        assert_eq!(normalise("U.S."), "us");
        assert_eq!(normalise("  Vladimir  PUTIN "), "vladimir putin");
        assert_eq!(normalise("Jean-Noël Barrot"), "jean noël barrot");
    }

    #[test]
    fn a_lone_surname_joins_the_only_person_bearing_it() {
        let actors = [
            actor("x", 1, "Vladimir Putin", "person"),
            actor("y", 2, "Putin", "person"),
            actor("y", 3, "Smith", "person"),
            actor("z", 4, "John Smith", "person"),
            actor("z", 5, "Anna Smith", "person"),
        ];
        assert_eq!(
            keys(&actors, &MergeOptions::default()),
            vec![
                ("person:anna smith".to_string(), vec![5]),
                ("person:john smith".to_string(), vec![4]),
                ("person:smith".to_string(), vec![3]),
                ("person:vladimir putin".to_string(), vec![1, 2]),
            ]
        );
    }

    #[test]
    fn aliases_from_the_actors_file_merge_variants() {
        let actors = [
            actor("x", 1, "Volodymyr Zelensky", "person"),
            actor("y", 2, "Volodymyr Zelenskyy", "person"),
            actor("y", 3, "Zelenskyy", "organisation"),
        ];
        let opts = MergeOptions {
            aliases: vec![Alias {
                name: "Volodymyr Zelensky".into(),
                kind: Some("person".into()),
                variants: vec!["Volodymyr Zelenskyy".into()],
            }],
            ..MergeOptions::default()
        };
        assert_eq!(
            keys(&actors, &opts),
            vec![
                ("organisation:zelenskyy".to_string(), vec![3]),
                ("person:volodymyr zelensky".to_string(), vec![1, 2]),
            ]
        );
    }

    #[test]
    fn quote_similarity_is_word_set_jaccard() {
        let a = word_hashes("We will not give up, ever.");
        let b = word_hashes("we will not give up ever");
        let c = word_hashes("We will give in.");
        assert_eq!(jaccard(&a, &b), 1.0);
        assert_eq!(jaccard(&a, &c), 3.0 / 7.0);
    }
}
