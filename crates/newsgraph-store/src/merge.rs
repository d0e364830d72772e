//! Cross-article merging, derived from the source records: canonical actors
//! (normalised name and kind, the user's aliases, a lone surname joining the
//! one person who bears it), merged events (same type, status and canonical
//! participants within a date window) and merged quotes (one speaker,
//! near-identical words). Every member records why it joined; the source
//! records are never changed.
//!
//! **Full and incremental.** [`Store::rebuild_merges`] recomputes every
//! merge table from the source records. [`Store::update_merges`] merges only
//! the articles added since into the existing tables, and its result is
//! always the one a full rebuild would give: every merged record is a
//! function of its members alone, its id is a hash of what identifies it
//! (the canonical key; the first report), and the update recomputes exactly
//! the records whose members can have changed:
//!
//! - canonical actors that gain members (their counts are kept as JSON in
//!   `canon_actors.stats`, so new members add to them without a re-read),
//!   and, when a new full name makes a lone surname join its bearer or stop
//!   doing so (the surname now has one bearer, or more than one), the
//!   canonical actors that lose or gain those members, re-read whole;
//! - every event whose merge key (type, status, the participants' sides)
//!   may have changed: the new articles' events, events of actors that moved,
//!   and events of canonical actors whose name or side (an official counts as
//!   their country) changed; every key that stored events leave or join is
//!   clustered again whole, in date order; a key that only gains new events
//!   takes them from its stored first reports (see `new_events`: a report
//!   that joins a cluster changes no other; one that opens a cluster before
//!   stored reports re-reads the key from there until the clustering is
//!   back in step with the stored one);
//! - every speaker with a moved quote or a new name is clustered again
//!   whole (only the rows that differ are written); a speaker with new
//!   quotes only takes them from the stored first reports dated within the
//!   quote window (see `new_quotes`: a quote that opens or closes a cluster
//!   re-reads only the stored clusters whose members may now choose
//!   otherwise).
//!
//! So an update reads and holds what the new articles touch (their
//! records, the first reports of the clusters they join, the clusters they
//! reshape) and writes as it goes, not the history of every key and
//! speaker, so its memory does not grow with the corpus (only actors whose
//! name, side or members change still have their history re-read).
//!
//! A changed actors file or merge option, a deleted merged article, or a
//! copy that replaced a merged article's layers makes the next update a full
//! rebuild (a copy replaced before it was merged changes nothing), and so
//! does a batch of over 1,000 articles larger than the merged corpus (where a
//! rebuild is cheaper).
//!
//! Ids are below 2^53 (exact as JSON numbers everywhere). Two keys hashing
//! to one id (about one chance in 10^6 at a million keys) take the next free
//! id, which may then depend on the order the articles were merged in.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::backend::{Dialect, Value};
use crate::{Result, Store};

mod new_events;
mod new_quotes;

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

impl MergeOptions {
    /// Everything the merged tables depend on besides the source records.
    fn fingerprint(&self) -> String {
        let aliases: Vec<(&str, Option<&str>, &[String])> = self
            .aliases
            .iter()
            .map(|a| (a.name.as_str(), a.kind.as_deref(), a.variants.as_slice()))
            .collect();
        serde_json::to_string(&(
            aliases,
            self.window_days,
            self.quote_similarity,
            self.quote_window_days,
        ))
        .expect("options serialize")
    }
}

/// What a rebuild or an update produced (counts over the whole corpus).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeSummary {
    pub articles: u64,
    pub actors: usize,
    pub canon_actors: usize,
    pub events: usize,
    pub merged_events: usize,
    pub quotes: usize,
    pub merged_quotes: usize,
    /// Whether [`Store::update_merges`] merged only the new articles.
    pub incremental: bool,
    /// Articles merged in by this run (all of them for a rebuild).
    pub new_articles: u64,
}

const MERGE_LOCK: i64 = 0x6e67_0002;

/// An update merging more new articles than the corpus had, and more than
/// this, rebuilds instead.
const REBUILD_BELOW: u64 = 1000;

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

/// The id of a derived record: a hash of what identifies it, in [1, 2^53).
fn stable_id(s: &str) -> i64 {
    ((fnv(s) >> 11) as i64).max(1)
}

/// The first id from `id` on that `taken` does not hold.
fn free_id(mut id: i64, mut taken: impl FnMut(i64) -> Result<bool>) -> Result<i64> {
    while taken(id)? {
        id = id % ((1 << 53) - 1) + 1;
    }
    Ok(id)
}

/// A text's distinct words (as [`words`] splits them, lower-cased char by
/// char) as sorted hashes: 8 bytes a word, so the quotes of a large corpus
/// fit in memory while they are clustered, hashed without allocating.
fn word_hashes(text: &str) -> Vec<u64> {
    const START: u64 = 0xcbf2_9ce4_8422_2325;
    let mut out = Vec::new();
    let mut h = START;
    let mut in_word = false;
    fn feed(h: &mut u64, b: u8) {
        *h ^= u64::from(b);
        *h = h.wrapping_mul(0x0100_0000_01b3);
    }
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            feed(&mut h, c.to_ascii_lowercase() as u8);
            in_word = true;
        } else if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                let mut buf = [0u8; 4];
                for &b in l.encode_utf8(&mut buf).as_bytes() {
                    feed(&mut h, b);
                }
            }
            in_word = true;
        } else if in_word {
            out.push(h);
            h = START;
            in_word = false;
        }
    }
    if in_word {
        out.push(h);
    }
    out.sort_unstable();
    out.dedup();
    out
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

fn days_between(a: &str, b: &str) -> Option<i64> {
    let a = chrono::NaiveDate::parse_from_str(a, "%Y-%m-%d").ok()?;
    let b = chrono::NaiveDate::parse_from_str(b, "%Y-%m-%d").ok()?;
    Some((b - a).num_days())
}

/// `date` moved by `days` (both ways), as `%Y-%m-%d`; `None` for an odd date.
fn shift_date(date: &str, days: i64) -> Option<String> {
    let d = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let shifted = d.checked_add_signed(chrono::Duration::days(days))?;
    Some(shifted.format("%Y-%m-%d").to_string())
}

/// Whether `date` is a well-formed date that orders as text as it does in
/// time (what bounding a re-read by date relies on).
fn plain_date(date: &str) -> bool {
    shift_date(date, 0).as_deref() == Some(date)
}

/// Merged rows and member rows to insert.
type NewRows = (Vec<Vec<Value>>, Vec<Vec<Value>>);

/// Where an update puts a report: a stored cluster (by merged id) or a
/// cluster it opens (by index into its list of opened clusters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Target {
    Stored(i64),
    New(usize),
}

/// One placed report as the incremental merges see it: the stored cluster
/// it leaves (if any), where it goes, its key (article, ordinal) and what
/// a stored cluster gains from it.
struct Placement<'p, T> {
    old: Option<i64>,
    to: Target,
    key: (&'p str, i64),
    gain: T,
}

/// What a plan's placed reports change in the stored clusters.
struct Moves<'p, T> {
    /// Stored clusters totalled again from their members: they lose one,
    /// or gain one that moved from another.
    recount: BTreeSet<i64>,
    /// What each stored cluster gains.
    gains: BTreeMap<i64, Vec<T>>,
    /// Members that leave a cluster that stays.
    moved: Vec<(&'p str, i64)>,
}

impl<'p, T> Moves<'p, T> {
    fn of(placed: impl IntoIterator<Item = Placement<'p, T>>, dropped: &BTreeSet<i64>) -> Self {
        let mut m = Moves {
            recount: BTreeSet::new(),
            gains: BTreeMap::new(),
            moved: Vec::new(),
        };
        for p in placed {
            if let Some(old) = p.old.filter(|old| !dropped.contains(old)) {
                m.moved.push(p.key);
                m.recount.insert(old);
            }
            if let Target::Stored(id) = p.to {
                m.gains.entry(id).or_default().push(p.gain);
                if p.old.is_some() {
                    m.recount.insert(id);
                }
            }
        }
        m
    }
}

/// The members of each cluster an update opens (`n` of them), in order.
fn opened_members<T>(n: usize, placed: impl IntoIterator<Item = (Target, T)>) -> Vec<Vec<T>> {
    let mut out: Vec<Vec<T>> = (0..n).map(|_| Vec::new()).collect();
    for (to, member) in placed {
        if let Target::New(k) = to {
            out[k].push(member);
        }
    }
    out
}

fn json<T: Serialize>(v: &T) -> Value {
    Value::Text(serde_json::to_string(v).expect("json"))
}

/// `$1, $2, …, $n`.
fn placeholders(n: usize) -> String {
    (1..=n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

// ---------------------------------------------------------------------------
// Canonical actors.

#[derive(Debug, Clone)]
struct ActorIn {
    article: Arc<str>,
    ord: i64,
    name: String,
    kind: String,
    roles: Vec<String>,
    country: Option<String>,
    sector: Option<String>,
    mentions: i64,
    /// The key before the lone-surname rule, and the actors file's reason.
    base_key: String,
    base_reason: String,
}

/// One alias entry: kind (or any), canonical normalised name, display name.
type AliasHit<'a> = (Option<&'a str>, String, &'a str);

/// Alias variants (and names) → their entries.
struct Aliases<'a> {
    map: HashMap<String, Vec<AliasHit<'a>>>,
    opts: &'a MergeOptions,
}

impl<'a> Aliases<'a> {
    fn new(opts: &'a MergeOptions) -> Self {
        let mut map: HashMap<String, Vec<AliasHit>> = HashMap::new();
        for a in &opts.aliases {
            for v in a.variants.iter().chain(std::iter::once(&a.name)) {
                map.entry(normalise(v)).or_default().push((
                    a.kind.as_deref(),
                    normalise(&a.name),
                    a.name.as_str(),
                ));
            }
        }
        Aliases { map, opts }
    }

    /// An actor's key (`kind:normalised name`) and the actors file's reason
    /// for it (empty when the file says nothing).
    fn base_key(&self, name: &str, kind: &str) -> (String, String) {
        let n = normalise(name);
        let hit = self
            .map
            .get(&n)
            .and_then(|list| list.iter().find(|(k, _, _)| k.is_none_or(|k| k == kind)));
        match hit {
            Some((_, canon, display)) if *canon != n => (
                format!("{kind}:{canon}"),
                format!("actors file: {name:?} is a variant of {display:?}"),
            ),
            Some((_, canon, _)) => (
                format!("{kind}:{canon}"),
                "actors file: canonical name".to_string(),
            ),
            None => (format!("{kind}:{n}"), String::new()),
        }
    }

    /// The display name the actors file gives a key's name.
    fn display(&self, key_name: &str) -> Option<String> {
        self.opts
            .aliases
            .iter()
            .find(|a| normalise(&a.name) == key_name)
            .map(|a| a.name.clone())
    }
}

/// Full person keys ("person:vladimir putin") by surname ("putin").
#[derive(Default)]
struct Surnames(HashMap<String, BTreeSet<String>>);

impl Surnames {
    fn surname(key: &str) -> Option<&str> {
        let name = key.strip_prefix("person:")?;
        name.rsplit_once(' ').map(|(_, last)| last)
    }

    /// Adds a key; returns its surname and how many keys bore it before,
    /// when the key is a new full person key.
    fn add(&mut self, key: &str) -> Option<(String, usize)> {
        let last = Self::surname(key)?;
        let set = self.0.entry(last.to_string()).or_default();
        let before = set.len();
        set.insert(key.to_string())
            .then(|| (last.to_string(), before))
    }

    fn count(&self, surname: &str) -> usize {
        self.0.get(surname).map_or(0, BTreeSet::len)
    }

    /// The final key of an actor and the reason it joined by the
    /// lone-surname rule (else the base reason).
    fn final_key(&self, base_key: &str, base_reason: &str) -> (String, String) {
        if base_reason.is_empty() {
            if let Some(name) = base_key.strip_prefix("person:") {
                if !name.contains(' ') {
                    if let Some(full) = self.0.get(name) {
                        if full.len() == 1 {
                            let target = full.iter().next().expect("one").clone();
                            let reason = format!(
                                "lone surname {name:?}: the only person in the corpus with it is {:?}",
                                target.trim_start_matches("person:")
                            );
                            return (target, reason);
                        }
                    }
                }
            }
        }
        (base_key.to_string(), base_reason.to_string())
    }
}

/// A canonical actor's member counts, from which its row follows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct Stats {
    names: BTreeMap<String, i64>,
    countries: BTreeMap<String, i64>,
    sectors: BTreeMap<String, i64>,
    roles: BTreeMap<String, i64>,
    articles: i64,
    mentions: i64,
}

impl Stats {
    /// Adds a member (its article is counted by the caller).
    fn add(&mut self, a: &ActorIn) {
        *self.names.entry(a.name.clone()).or_default() += 1;
        if let Some(c) = &a.country {
            *self.countries.entry(c.clone()).or_default() += 1;
        }
        if let Some(s) = &a.sector {
            *self.sectors.entry(s.clone()).or_default() += 1;
        }
        for r in &a.roles {
            *self.roles.entry(r.clone()).or_default() += 1;
        }
        self.mentions += a.mentions;
    }

    fn of<'a>(members: impl Iterator<Item = &'a ActorIn>) -> Stats {
        let mut s = Stats::default();
        let mut articles = BTreeSet::new();
        for a in members {
            s.add(a);
            articles.insert(a.article.clone());
        }
        s.articles = articles.len() as i64;
        s
    }
}

/// Highest count; ties go to the smallest string.
fn most_frequent<'a>(counts: impl Iterator<Item = (&'a String, &'a i64)>) -> Option<String> {
    let mut best: Option<(&String, i64)> = None;
    for (s, n) in counts {
        if best.is_none_or(|(b, m)| *n > m || (*n == m && s < b)) {
            best = Some((s, *n));
        }
    }
    best.map(|(s, _)| s.clone())
}

/// A canonical actor's row.
#[derive(Debug, Clone, PartialEq)]
struct Canon {
    id: i64,
    key: String,
    name: String,
    kind: String,
    country: Option<String>,
    sector: Option<String>,
    stats: Stats,
}

impl Canon {
    fn new(id: i64, key: &str, stats: Stats, aliases: &Aliases) -> Canon {
        let (kind, key_name) = key.split_once(':').unwrap_or(("", key));
        let name = aliases
            .display(key_name)
            .or_else(|| most_frequent(stats.names.iter().filter(|(n, _)| normalise(n) == key_name)))
            .or_else(|| most_frequent(stats.names.iter()))
            .unwrap_or_default();
        Canon {
            id,
            key: key.to_string(),
            name,
            kind: kind.to_string(),
            country: most_frequent(stats.countries.iter()),
            sector: most_frequent(stats.sectors.iter()),
            stats,
        }
    }

    fn key_name(&self) -> &str {
        self.key.split_once(':').map_or("", |(_, n)| n)
    }

    fn row(&self) -> Vec<Value> {
        let mut roles: Vec<(&String, &i64)> = self.stats.roles.iter().collect();
        roles.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let roles: Vec<&String> = roles.into_iter().map(|(r, _)| r).collect();
        let variants: Vec<&String> = self.stats.names.keys().collect();
        vec![
            Value::Int(self.id),
            self.key.as_str().into(),
            self.name.as_str().into(),
            self.kind.as_str().into(),
            self.country.clone().into(),
            self.sector.clone().into(),
            json(&roles),
            json(&variants),
            Value::Int(self.stats.articles),
            Value::Int(self.stats.mentions),
            json(&self.stats),
        ]
    }

    /// Why a member joined (`reason`: the actors file's or the lone
    /// surname's, else empty).
    fn member_reason(&self, actor_name: &str, reason: &str) -> String {
        if !reason.is_empty() {
            reason.to_string()
        } else if actor_name == self.name {
            "same name and kind".to_string()
        } else {
            format!("same normalised name {:?} and kind", self.key_name())
        }
    }

    /// A member's row in `canon_actor_members`.
    fn member_row(&self, a: &ActorIn, surnames: &Surnames) -> Vec<Value> {
        let (_, reason) = surnames.final_key(&a.base_key, &a.base_reason);
        vec![
            a.article.as_ref().into(),
            Value::Int(a.ord),
            Value::Int(self.id),
            self.member_reason(&a.name, &reason).into(),
            a.base_key.as_str().into(),
            a.base_reason.as_str().into(),
        ]
    }
}

const CANON_COLS: &[&str] = &[
    "id", "key", "name", "kind", "country", "sector", "roles", "variants", "articles", "mentions",
    "stats",
];
const CANON_MEMBER_COLS: &[&str] = &[
    "article_id",
    "actor_ord",
    "canon_id",
    "reason",
    "base_key",
    "base_reason",
];

/// The side a canonical actor takes part for in the event merge key:
/// "Kenyan President Osei signed" and "Kenya signed" report one side of one
/// event, so a government official with a known country counts as that
/// country's canonical actor (the one with the smallest key).
#[derive(Default, PartialEq)]
struct Sides {
    official_country: HashMap<i64, String>,
    country_canon: HashMap<String, (String, i64)>,
}

impl Sides {
    fn new<'a>(canons: impl Iterator<Item = &'a Canon>) -> Sides {
        let mut s = Sides::default();
        for c in canons {
            let Some(iso) = c.country.clone() else {
                continue;
            };
            if c.kind == "country" {
                let slot = s
                    .country_canon
                    .entry(iso)
                    .or_insert_with(|| (c.key.clone(), c.id));
                if c.key < slot.0 {
                    *slot = (c.key.clone(), c.id);
                }
            } else if c.kind == "person" && c.sector.as_deref() == Some("GOV") {
                s.official_country.insert(c.id, iso);
            }
        }
        s
    }

    fn side(&self, id: i64) -> i64 {
        self.official_country
            .get(&id)
            .and_then(|iso| self.country_canon.get(iso))
            .map_or(id, |(_, c)| *c)
    }
}

// ---------------------------------------------------------------------------
// Events.

#[derive(Debug, Clone)]
struct EventIn {
    article: Arc<str>,
    ord: i64,
    event_type: String,
    status: String,
    date: Option<String>,
    actors: BTreeSet<i64>,
    targets: BTreeSet<i64>,
}

impl EventIn {
    /// An event report from a row holding type, status and date from column
    /// `at` on, without its participants.
    fn from_row(r: &crate::backend::Row, at: usize, article: Arc<str>, ord: i64) -> EventIn {
        EventIn {
            article,
            ord,
            event_type: r.string(at),
            status: r.string(at + 1),
            date: r.text(at + 2),
            actors: BTreeSet::new(),
            targets: BTreeSet::new(),
        }
    }

    /// The merge key: type, status and the participants' sides. `None`
    /// without participants or a date: nothing says two such reports are of
    /// one event, so they stay apart.
    fn key(&self, sides: &Sides) -> Option<String> {
        // A set, so symmetric events match whichever side is the actor.
        let participants: BTreeSet<i64> = self
            .actors
            .union(&self.targets)
            .map(|&a| sides.side(a))
            .collect();
        if participants.is_empty() || self.date.is_none() {
            return None;
        }
        let ids: Vec<String> = participants.iter().map(i64::to_string).collect();
        Some(format!(
            "{}|{}|{}",
            self.event_type,
            self.status,
            ids.join(",")
        ))
    }

    fn order(&self) -> (bool, &Option<String>, &str, i64) {
        (self.date.is_none(), &self.date, &self.article, self.ord)
    }
}

/// One key's events (in date order) into clusters: (first date, members).
/// A report joins the last cluster opened when dated within the window of
/// its first report.
fn cluster_events(events: &[&EventIn], window_days: i64) -> Vec<(Option<String>, Vec<usize>)> {
    let mut clusters: Vec<(Option<String>, Vec<usize>)> = Vec::new();
    for (i, e) in events.iter().enumerate() {
        let joined = clusters
            .last_mut()
            .filter(|(first, _)| match (first, &e.date) {
                (Some(f), Some(d)) => days_between(f, d).is_some_and(|n| n <= window_days),
                _ => false,
            });
        match joined {
            Some((_, members)) => members.push(i),
            None => clusters.push((e.date.clone(), vec![i])),
        }
    }
    clusters
}

const EVENT_COLS: &[&str] = &[
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
];
const EVENT_MEMBER_COLS: &[&str] = &[
    "article_id",
    "event_ord",
    "merged_id",
    "reason",
    "merge_key",
    "actors",
    "targets",
];

/// What a merged event's row holds besides its first report: the union of
/// its members' participants, its last date and its counts.
#[derive(Debug, Clone, Default)]
struct EventTotals {
    actors: BTreeSet<i64>,
    targets: BTreeSet<i64>,
    date_last: Option<String>,
    reports: usize,
    sources: usize,
}

impl EventTotals {
    fn of(members: &[&EventIn]) -> EventTotals {
        let sources: BTreeSet<&str> = members.iter().map(|e| e.article.as_ref()).collect();
        let mut totals = EventTotals {
            sources: sources.len(),
            ..EventTotals::default()
        };
        for e in members {
            totals.add(e);
        }
        totals
    }

    /// Adds a member (its article counted by the caller).
    fn add(&mut self, e: &EventIn) {
        self.actors.extend(e.actors.iter().copied());
        self.targets.extend(e.targets.iter().copied());
        if e.date.is_some() && e.date > self.date_last {
            self.date_last = e.date.clone();
        }
        self.reports += 1;
    }
}

/// A merged event's row: a function of its first report (type, status,
/// date) and its totals alone, so that an update can compute it from the
/// stored row and the new members.
fn merged_event_row(
    id: i64,
    (event_type, status): (&str, &str),
    first_date: &Option<String>,
    totals: &EventTotals,
    names: &dyn Fn(i64) -> String,
    opts: &MergeOptions,
) -> Vec<Value> {
    let all: BTreeSet<i64> = totals.actors.union(&totals.targets).copied().collect();
    let reason = if all.is_empty() {
        "no canonical participants: not merged".to_string()
    } else if first_date.is_none() {
        "undated: not merged".to_string()
    } else if totals.reports == 1 {
        "one report".to_string()
    } else {
        let names: Vec<String> = all.iter().map(|&id| names(id)).collect();
        format!(
            "{} reports of {} ({}) with participants {} dated within {} days of {}",
            totals.reports,
            event_type,
            status,
            names.join(", "),
            opts.window_days,
            first_date.as_deref().unwrap_or("an unknown date")
        )
    };
    vec![
        Value::Int(id),
        event_type.into(),
        status.into(),
        first_date.clone().into(),
        totals.date_last.clone().into(),
        json(&totals.actors),
        json(&totals.targets),
        totals.reports.into(),
        totals.sources.into(),
        reason.into(),
    ]
}

/// A member's row: a function of the member and its cluster's first report.
fn event_member_row(
    id: i64,
    first_date: &Option<String>,
    e: &EventIn,
    is_first: bool,
    key: Option<&str>,
) -> Vec<Value> {
    let reason = if is_first {
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
    vec![
        e.article.as_ref().into(),
        Value::Int(e.ord),
        Value::Int(id),
        reason.into(),
        key.map(str::to_string).into(),
        json(&e.actors),
        json(&e.targets),
    ]
}

/// A merged event's row and its members' rows.
fn event_rows(
    id: i64,
    first_date: &Option<String>,
    members: &[&EventIn],
    key: Option<&str>,
    names: &dyn Fn(i64) -> String,
    opts: &MergeOptions,
) -> (Vec<Value>, Vec<Vec<Value>>) {
    let first = members[0];
    let row = merged_event_row(
        id,
        (&first.event_type, &first.status),
        first_date,
        &EventTotals::of(members),
        names,
        opts,
    );
    let member_rows = members
        .iter()
        .enumerate()
        .map(|(k, e)| event_member_row(id, first_date, e, k == 0, key))
        .collect();
    (row, member_rows)
}

// ---------------------------------------------------------------------------
// Quotes.

struct QuoteIn {
    article: Arc<str>,
    ord: i64,
    speaker: Option<i64>,
    content: String,
    date: Option<String>,
    words: Vec<u64>,
}

impl QuoteIn {
    fn order(&self) -> (bool, &Option<String>, &str, i64) {
        (self.date.is_none(), &self.date, &self.article, self.ord)
    }
}

/// One speaker's quotes (in date order) into clusters of (member,
/// similarity to the first). Candidates come from a bottom-3 sketch of word
/// hashes, so near-identical quotes (which share most words) meet without
/// comparing every pair.
fn cluster_quotes(quotes: &[&QuoteIn], opts: &MergeOptions) -> Vec<Vec<(usize, f64)>> {
    cluster_quotes_from(quotes, 0, Vec::new(), opts)
}

/// Whether a quote can merge with others (else it stays alone).
fn mergeable(q: &QuoteIn) -> bool {
    q.speaker.is_some() && !q.words.is_empty() && q.date.is_some()
}

/// [`cluster_quotes`] resumed at `start`, with the clusters (in the order
/// they were opened) that the quotes before it formed.
fn cluster_quotes_from(
    quotes: &[&QuoteIn],
    start: usize,
    initial: Vec<Vec<(usize, f64)>>,
    opts: &MergeOptions,
) -> Vec<Vec<(usize, f64)>> {
    let mut clusters: Vec<Vec<(usize, f64)>> = Vec::new();
    let mut sketch_index: HashMap<u64, Vec<usize>> = HashMap::new();
    for c in initial {
        let rep = quotes[c[0].0];
        if mergeable(rep) {
            for &h in rep.words.iter().take(3) {
                sketch_index.entry(h).or_default().push(clusters.len());
            }
        }
        clusters.push(c);
    }
    for (i, q) in quotes.iter().enumerate().skip(start) {
        if !mergeable(q) {
            clusters.push(vec![(i, 1.0)]);
            continue;
        }
        let hashes: Vec<u64> = q.words.iter().take(3).copied().collect();
        let mut best: Option<(usize, f64)> = None;
        let mut seen = BTreeSet::new();
        for h in &hashes {
            for &c in sketch_index.get(h).into_iter().flatten() {
                if !seen.insert(c) {
                    continue;
                }
                let rep = quotes[clusters[c][0].0];
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
            Some((c, sim)) => clusters[c].push((i, sim)),
            None => {
                for h in hashes {
                    sketch_index.entry(h).or_default().push(clusters.len());
                }
                clusters.push(vec![(i, 1.0)]);
            }
        }
    }
    clusters
}

const QUOTE_COLS: &[&str] = &[
    "id",
    "speaker",
    "content",
    "date_first",
    "reports",
    "sources",
    "reason",
];
const QUOTE_MEMBER_COLS: &[&str] = &[
    "article_id",
    "quote_ord",
    "merged_id",
    "similarity",
    "reason",
];

/// A merged quote's row: a function of its first report and its counts.
fn merged_quote_row(
    id: i64,
    first: &QuoteIn,
    reports: usize,
    sources: usize,
    names: &dyn Fn(i64) -> String,
    opts: &MergeOptions,
) -> Vec<Value> {
    let reason = match first.speaker {
        None => "no speaker: not merged".to_string(),
        Some(_) if first.date.is_none() => "undated: not merged".to_string(),
        Some(_) if reports == 1 => "one report".to_string(),
        Some(s) => format!(
            "{} reports by {} sharing at least {:.0}% of their words, published within {} days",
            reports,
            names(s),
            opts.quote_similarity * 100.0,
            opts.quote_window_days
        ),
    };
    vec![
        Value::Int(id),
        first.speaker.into(),
        first.content.as_str().into(),
        first.date.clone().into(),
        reports.into(),
        sources.into(),
        reason.into(),
    ]
}

/// A member's row: a function of the member and its similarity to the first.
fn quote_member_row(article: &str, ord: i64, id: i64, sim: f64, is_first: bool) -> Vec<Value> {
    let reason = if is_first {
        "first report".to_string()
    } else {
        format!(
            "same speaker; {:.0}% of words shared with the first report",
            sim * 100.0
        )
    };
    vec![
        article.into(),
        Value::Int(ord),
        Value::Int(id),
        Value::Real(sim),
        reason.into(),
    ]
}

/// A merged quote's row and its members' rows.
fn quote_rows(
    id: i64,
    members: &[(&QuoteIn, f64)],
    names: &dyn Fn(i64) -> String,
    opts: &MergeOptions,
) -> (Vec<Value>, Vec<Vec<Value>>) {
    let sources: BTreeSet<&str> = members.iter().map(|(q, _)| q.article.as_ref()).collect();
    let row = merged_quote_row(id, members[0].0, members.len(), sources.len(), names, opts);
    let member_rows = members
        .iter()
        .enumerate()
        .map(|(k, (q, sim))| quote_member_row(&q.article, q.ord, id, *sim, k == 0))
        .collect();
    (row, member_rows)
}

fn text_of(v: &Value) -> String {
    match v {
        Value::Text(t) => t.clone(),
        _ => String::new(),
    }
}

fn int_of(v: &Value) -> i64 {
    match v {
        Value::Int(n) => *n,
        _ => 0,
    }
}

/// Merged rows to insert, merged ids to delete, member rows to delete
/// (article, ord, old merged id).
type QuoteDiff = (
    Vec<(Vec<Value>, Vec<Vec<Value>>)>,
    Vec<i64>,
    Vec<(String, i64, i64)>,
);

/// One speaker's clusters against the rows stored for them (`old`,
/// `old_members`: every stored row the clusters may replace).
fn diff_quotes(
    refs: &[&QuoteIn],
    clusters: Vec<Vec<(usize, f64)>>,
    old: HashMap<i64, Vec<Value>>,
    old_members: HashMap<(String, i64), Vec<Value>>,
    names: &dyn Fn(i64) -> String,
    opts: &MergeOptions,
) -> QuoteDiff {
    let mut insert = Vec::new();
    let mut keep_merged: HashSet<i64> = HashSet::new();
    let mut keep_members: HashSet<(String, i64)> = HashSet::new();
    for c in clusters {
        let members: Vec<(&QuoteIn, f64)> = c.into_iter().map(|(i, sim)| (refs[i], sim)).collect();
        let id = stable_id(&quote_id_seed(&members[0].0.article, members[0].0.ord));
        let (row, rows) = quote_rows(id, &members, names, opts);
        let unchanged = old.get(&id) == Some(&row)
            && rows
                .iter()
                .all(|m| old_members.get(&(text_of(&m[0]), int_of(&m[1]))) == Some(m));
        if unchanged {
            keep_merged.insert(id);
            for m in &rows {
                keep_members.insert((text_of(&m[0]), int_of(&m[1])));
            }
        } else {
            insert.push((row, rows));
        }
    }
    let delete_merged = old
        .into_keys()
        .filter(|id| !keep_merged.contains(id))
        .collect();
    let delete_members = old_members
        .into_iter()
        .filter(|(k, _)| !keep_members.contains(k))
        .map(|((article, ord), row)| (article, ord, int_of(&row[2])))
        .collect();
    (insert, delete_merged, delete_members)
}

/// The rows of quotes that merge with no other: each its own cluster.
fn single_quote_rows(
    quotes: &[QuoteIn],
    names: &dyn Fn(i64) -> String,
    opts: &MergeOptions,
) -> Vec<(Vec<Value>, Vec<Vec<Value>>)> {
    quotes
        .iter()
        .map(|q| {
            let id = stable_id(&quote_id_seed(&q.article, q.ord));
            quote_rows(id, &[(q, 1.0)], names, opts)
        })
        .collect()
}

/// The tables the merge derives from the source tables (besides its state
/// row): what a rebuild empties and what tests compare.
pub(crate) const MERGE_TABLES: &[&str] = &[
    "canon_actors",
    "canon_actor_members",
    "merged_events",
    "merged_event_members",
    "merged_quotes",
    "merged_quote_members",
    "merge_articles",
];

fn event_id_seed(article: &str, ord: i64) -> String {
    format!("event:{article}:{ord}")
}

fn quote_id_seed(article: &str, ord: i64) -> String {
    format!("quote:{article}:{ord}")
}

/// Rows buffered for a multi-row insert, written every few thousand so
/// that a rebuild never holds a whole derived table.
struct Buffered {
    table: &'static str,
    cols: &'static [&'static str],
    rows: Vec<Vec<Value>>,
}

impl Buffered {
    fn new(table: &'static str, cols: &'static [&'static str]) -> Self {
        Buffered {
            table,
            cols,
            rows: Vec::new(),
        }
    }

    fn push(&mut self, store: &mut Store, row: Vec<Value>) -> Result<()> {
        self.rows.push(row);
        if self.rows.len() >= 4096 {
            self.flush(store)?;
        }
        Ok(())
    }

    fn flush(&mut self, store: &mut Store) -> Result<()> {
        let refs: Vec<&Vec<Value>> = self.rows.iter().collect();
        store.insert_rows(self.table, self.cols, &refs)?;
        self.rows.clear();
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// The store side: full rebuild and incremental update.

/// Article ids shared, not copied, by the many rows that name them.
#[derive(Default)]
struct Interner(HashSet<Arc<str>>);

impl Interner {
    fn get(&mut self, s: String) -> Arc<str> {
        if let Some(a) = self.0.get(s.as_str()) {
            return a.clone();
        }
        let a: Arc<str> = Arc::from(s);
        self.0.insert(a.clone());
        a
    }
}

fn actor_from_row(r: &crate::backend::Row, at: usize, article: Arc<str>, ord: i64) -> ActorIn {
    ActorIn {
        article,
        ord,
        name: r.string(at),
        kind: r.string(at + 1),
        roles: serde_json::from_str(&r.string(at + 2)).unwrap_or_default(),
        country: r.text(at + 3),
        sector: r.text(at + 4),
        mentions: r.int(at + 5).unwrap_or(0),
        base_key: String::new(),
        base_reason: String::new(),
    }
}

fn ids_of(json: &str) -> BTreeSet<i64> {
    serde_json::from_str(json).unwrap_or_default()
}

impl Store {
    /// Whether articles were written or removed since the last merge.
    pub fn merges_stale(&mut self) -> Result<bool> {
        let state = self
            .conn
            .query("SELECT articles FROM merge_state WHERE id = 1", &[])?;
        let articles = self.conn.query("SELECT COUNT(*) FROM articles", &[])?[0]
            .int(0)
            .unwrap_or(0);
        Ok(state.first().and_then(|r| r.int(0)) != Some(articles))
    }

    /// The transaction a merge runs in: readers see the old merges until it
    /// commits; concurrent merges run one after the other.
    fn merge_begin(&self) -> String {
        match self.dialect() {
            Dialect::Sqlite => "BEGIN IMMEDIATE".to_string(),
            Dialect::Postgres => format!(
                "BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT pg_advisory_xact_lock({MERGE_LOCK})"
            ),
        }
    }

    /// Recomputes every merge table from the source records, in one
    /// transaction.
    pub fn rebuild_merges(&mut self, opts: &MergeOptions) -> Result<MergeSummary> {
        let begin = self.merge_begin();
        let (summary, _) = self.in_transaction_with(&begin, |store| store.rebuild_inner(opts))?;
        Ok(summary)
    }

    /// Merges the articles written since the last merge into the merge
    /// tables, in one transaction; the tables end as
    /// [`Store::rebuild_merges`] would leave them. Falls back to a full
    /// rebuild when the last merge used other options, articles were
    /// removed or replaced since, or the new articles outnumber the merged.
    pub fn update_merges(&mut self, opts: &MergeOptions) -> Result<MergeSummary> {
        let begin = self.merge_begin();
        let (summary, _) =
            self.in_transaction_with(&begin, |store| match store.update_inner(opts)? {
                Some(s) => Ok(s),
                None => store.rebuild_inner(opts),
            })?;
        Ok(summary)
    }

    fn count_rows(&mut self, table: &str) -> Result<u64> {
        Ok(self
            .conn
            .query(&format!("SELECT COUNT(*) FROM {table}"), &[])?[0]
            .int(0)
            .unwrap_or(0) as u64)
    }

    fn merge_summary(&mut self, incremental: bool, new_articles: u64) -> Result<MergeSummary> {
        Ok(MergeSummary {
            articles: self.count_rows("articles")?,
            actors: self.count_rows("actors")? as usize,
            canon_actors: self.count_rows("canon_actors")? as usize,
            events: self.count_rows("events")? as usize,
            merged_events: self.count_rows("merged_events")? as usize,
            quotes: self.count_rows("quotes")? as usize,
            merged_quotes: self.count_rows("merged_quotes")? as usize,
            incremental,
            new_articles,
        })
    }

    fn write_merge_state(&mut self, opts: &MergeOptions) -> Result<()> {
        let articles = self.count_rows("articles")?;
        self.conn.execute("DELETE FROM merge_state", &[])?;
        self.conn.execute(
            "INSERT INTO merge_state (id, articles, options) VALUES (1, $1, $2)",
            &[Value::Int(articles as i64), opts.fingerprint().into()],
        )?;
        Ok(())
    }

    fn rebuild_inner(&mut self, opts: &MergeOptions) -> Result<MergeSummary> {
        let aliases = Aliases::new(opts);
        let mut interner = Interner::default();
        let mut published: HashMap<Arc<str>, Option<String>> = HashMap::new();
        for r in self.conn.query("SELECT id, published FROM articles", &[])? {
            published.insert(interner.get(r.string(0)), r.text(1));
        }
        for table in MERGE_TABLES.iter().chain(&["merge_state"]) {
            self.conn.execute(&format!("DELETE FROM {table}"), &[])?;
        }

        // Actors.
        let mut actors: Vec<ActorIn> = Vec::new();
        self.conn.for_each(
            "SELECT article_id, ord, name, kind, roles, country, sector, mentions FROM actors",
            &[],
            &mut |r| {
                let mut a = actor_from_row(&r, 2, interner.get(r.string(0)), r.int(1).unwrap_or(0));
                (a.base_key, a.base_reason) = aliases.base_key(&a.name, &a.kind);
                actors.push(a);
                Ok(())
            },
        )?;
        actors.sort_by(|a, b| (&a.article, a.ord).cmp(&(&b.article, b.ord)));
        let mut surnames = Surnames::default();
        for a in &actors {
            surnames.add(&a.base_key);
        }
        let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, a) in actors.iter().enumerate() {
            let (key, _) = surnames.final_key(&a.base_key, &a.base_reason);
            groups.entry(key).or_default().push(i);
        }
        let mut canon_of: HashMap<(Arc<str>, i64), i64> = HashMap::with_capacity(actors.len());
        let mut canons: Vec<Canon> = Vec::with_capacity(groups.len());
        let mut taken = HashSet::new();
        let mut canon_buf = Buffered::new("canon_actors", CANON_COLS);
        let mut member_buf = Buffered::new("canon_actor_members", CANON_MEMBER_COLS);
        for (key, members) in groups {
            let id = free_id(stable_id(&key), |id| Ok(taken.contains(&id)))?;
            taken.insert(id);
            let canon = Canon::new(
                id,
                &key,
                Stats::of(members.iter().map(|&m| &actors[m])),
                &aliases,
            );
            canon_buf.push(self, canon.row())?;
            for m in members {
                let a = &actors[m];
                member_buf.push(self, canon.member_row(a, &surnames))?;
                canon_of.insert((a.article.clone(), a.ord), id);
            }
            canons.push(Canon {
                stats: Stats::default(),
                ..canon
            });
        }
        canon_buf.flush(self)?;
        member_buf.flush(self)?;
        let n_actors = actors.len();
        drop(actors);
        let sides = Sides::new(canons.iter());
        let names: HashMap<i64, String> = canons.into_iter().map(|c| (c.id, c.name)).collect();
        let name = |id: i64| names.get(&id).cloned().unwrap_or_default();

        // Events.
        let mut events: Vec<EventIn> = Vec::new();
        self.conn.for_each(
            "SELECT article_id, ord, type, status, date FROM events",
            &[],
            &mut |r| {
                events.push(EventIn::from_row(
                    &r,
                    2,
                    interner.get(r.string(0)),
                    r.int(1).unwrap_or(0),
                ));
                Ok(())
            },
        )?;
        let index: HashMap<(Arc<str>, i64), usize> = events
            .iter()
            .enumerate()
            .map(|(i, e)| ((e.article.clone(), e.ord), i))
            .collect();
        self.conn.for_each(
            "SELECT article_id, event_ord, role, actor_ord FROM event_actors",
            &[],
            &mut |r| {
                let article = interner.get(r.string(0));
                let Some(&canon) = canon_of.get(&(article.clone(), r.int(3).unwrap_or(0))) else {
                    return Ok(());
                };
                if let Some(&i) = index.get(&(article, r.int(1).unwrap_or(0))) {
                    if r.string(2) == "target" {
                        events[i].targets.insert(canon);
                    } else {
                        events[i].actors.insert(canon);
                    }
                }
                Ok(())
            },
        )?;
        drop(index);
        events.sort_by(|a, b| a.order().cmp(&b.order()));
        let mut by_key: BTreeMap<String, Vec<&EventIn>> = BTreeMap::new();
        let mut single: Vec<&EventIn> = Vec::new();
        for e in &events {
            match e.key(&sides) {
                Some(k) => by_key.entry(k).or_default().push(e),
                None => single.push(e),
            }
        }
        let mut taken = HashSet::new();
        let mut merged_buf = Buffered::new("merged_events", EVENT_COLS);
        let mut member_buf = Buffered::new("merged_event_members", EVENT_MEMBER_COLS);
        let mut merged_events = 0;
        let keyed = by_key.iter().flat_map(|(k, list)| {
            cluster_events(list, opts.window_days)
                .into_iter()
                .map(move |(first, m)| {
                    (
                        Some(k.as_str()),
                        first,
                        m.iter().map(|&i| list[i]).collect::<Vec<_>>(),
                    )
                })
        });
        let singles = single.iter().map(|e| (None, e.date.clone(), vec![*e]));
        for (key, first_date, members) in keyed.chain(singles) {
            let seed = event_id_seed(&members[0].article, members[0].ord);
            let id = free_id(stable_id(&seed), |id| Ok(taken.contains(&id)))?;
            taken.insert(id);
            let (row, rows) = event_rows(id, &first_date, &members, key, &name, opts);
            merged_buf.push(self, row)?;
            for r in rows {
                member_buf.push(self, r)?;
            }
            merged_events += 1;
        }
        merged_buf.flush(self)?;
        member_buf.flush(self)?;
        let n_events = events.len();
        drop(by_key);
        drop(single);
        drop(events);

        // Quotes.
        let mut quotes: Vec<QuoteIn> = Vec::new();
        self.conn.for_each(
            "SELECT article_id, ord, speaker_ord, content FROM quotes",
            &[],
            &mut |r| {
                let article = interner.get(r.string(0));
                let content = r.string(3);
                quotes.push(QuoteIn {
                    speaker: r
                        .int(2)
                        .and_then(|s| canon_of.get(&(article.clone(), s)).copied()),
                    date: published.get(&article).cloned().flatten(),
                    words: word_hashes(&content),
                    ord: r.int(1).unwrap_or(0),
                    article,
                    content,
                });
                Ok(())
            },
        )?;
        drop(canon_of);
        quotes.sort_by(|a, b| a.order().cmp(&b.order()));
        let mut by_speaker: BTreeMap<i64, Vec<&QuoteIn>> = BTreeMap::new();
        let mut single: Vec<&QuoteIn> = Vec::new();
        for q in &quotes {
            match q.speaker {
                Some(s) => by_speaker.entry(s).or_default().push(q),
                None => single.push(q),
            }
        }
        let mut taken = HashSet::new();
        let mut merged_buf = Buffered::new("merged_quotes", QUOTE_COLS);
        let mut member_buf = Buffered::new("merged_quote_members", QUOTE_MEMBER_COLS);
        let mut merged_quotes = 0;
        let keyed = by_speaker.values().flat_map(|list| {
            cluster_quotes(list, opts)
                .into_iter()
                .map(move |c| c.into_iter().map(|(i, s)| (list[i], s)).collect::<Vec<_>>())
        });
        let singles = single.iter().map(|q| vec![(*q, 1.0)]);
        for members in keyed.chain(singles) {
            let seed = quote_id_seed(&members[0].0.article, members[0].0.ord);
            let id = free_id(stable_id(&seed), |id| Ok(taken.contains(&id)))?;
            taken.insert(id);
            let (row, rows) = quote_rows(id, &members, &name, opts);
            merged_buf.push(self, row)?;
            for r in rows {
                member_buf.push(self, r)?;
            }
            merged_quotes += 1;
        }
        merged_buf.flush(self)?;
        member_buf.flush(self)?;

        self.conn.execute(
            "INSERT INTO merge_articles (article_id) SELECT id FROM articles",
            &[],
        )?;
        self.write_merge_state(opts)?;
        Ok(MergeSummary {
            articles: published.len() as u64,
            actors: n_actors,
            canon_actors: names.len(),
            events: n_events,
            merged_events,
            quotes: quotes.len(),
            merged_quotes,
            incremental: false,
            new_articles: published.len() as u64,
        })
    }

    /// Members of a canonical actor with their actor records and current reasons.
    fn canon_members(
        &mut self,
        canon_id: i64,
        interner: &mut Interner,
    ) -> Result<Vec<(ActorIn, Vec<Value>)>> {
        let mut out = Vec::new();
        self.conn.for_each(
            "SELECT c.article_id, c.actor_ord, c.canon_id, c.reason, c.base_key, c.base_reason,
                    x.name, x.kind, x.roles, x.country, x.sector, x.mentions
             FROM canon_actor_members c
             JOIN actors x ON x.article_id = c.article_id AND x.ord = c.actor_ord
             WHERE c.canon_id = $1",
            &[Value::Int(canon_id)],
            &mut |r| {
                let mut a = actor_from_row(&r, 6, interner.get(r.string(0)), r.int(1).unwrap_or(0));
                a.base_key = r.string(4);
                a.base_reason = r.string(5);
                let old = r.0[..6].to_vec();
                out.push((a, old));
                Ok(())
            },
        )?;
        Ok(out)
    }

    /// Of `ids`, those `table` holds in its `id` column.
    fn existing_ids(&mut self, table: &str, ids: &[i64]) -> Result<HashSet<i64>> {
        let mut out = HashSet::new();
        for chunk in ids.chunks(400) {
            let sql = format!(
                "SELECT id FROM {table} WHERE id IN ({})",
                placeholders(chunk.len())
            );
            let params: Vec<Value> = chunk.iter().map(|&i| Value::Int(i)).collect();
            for r in self.conn.query(&sql, &params)? {
                out.insert(r.int(0).unwrap_or(0));
            }
        }
        Ok(out)
    }

    /// Ids for new rows of `table` (`merged_events` or `merged_quotes`): each
    /// wanted id or, past a collision, the next one neither stored nor
    /// `taken`. The ids given join `taken`.
    fn assign_ids(
        &mut self,
        table: &str,
        wanted: &[i64],
        taken: &mut HashSet<i64>,
    ) -> Result<Vec<i64>> {
        let held = self.existing_ids(table, wanted)?;
        let probe = format!("SELECT 1 FROM {table} WHERE id = $1");
        let mut out = Vec::with_capacity(wanted.len());
        for &want in wanted {
            let id = free_id(want, |id| {
                Ok(taken.contains(&id)
                    || if id == want {
                        held.contains(&id)
                    } else {
                        !self.conn.query(&probe, &[Value::Int(id)])?.is_empty()
                    })
            })?;
            taken.insert(id);
            out.push(id);
        }
        Ok(out)
    }

    /// Deletes merged quotes with their members, and other members one by one.
    fn delete_quote_rows(
        &mut self,
        merged: Vec<i64>,
        members: Vec<(String, i64, i64)>,
    ) -> Result<()> {
        let gone: HashSet<i64> = merged.iter().copied().collect();
        let merged: Vec<Value> = merged.into_iter().map(Value::Int).collect();
        self.delete_in("merged_quote_members", "merged_id", &merged)?;
        for (article, ord, _) in members.iter().filter(|m| !gone.contains(&m.2)) {
            self.conn.execute(
                "DELETE FROM merged_quote_members WHERE article_id = $1 AND quote_ord = $2",
                &[article.as_str().into(), Value::Int(*ord)],
            )?;
        }
        self.delete_in("merged_quotes", "id", &merged)
    }

    /// Buffers merged quotes (row and member rows, made with the wanted
    /// id) for insertion, moving each to a free id past a collision.
    fn insert_quote_clusters(
        &mut self,
        clusters: Vec<(Vec<Value>, Vec<Vec<Value>>)>,
        taken: &mut HashSet<i64>,
        merged_buf: &mut Buffered,
        member_buf: &mut Buffered,
    ) -> Result<()> {
        let wanted: Vec<i64> = clusters.iter().map(|(row, _)| int_of(&row[0])).collect();
        let ids = self.assign_ids("merged_quotes", &wanted, taken)?;
        for ((mut row, mut rows), id) in clusters.into_iter().zip(ids) {
            if id != int_of(&row[0]) {
                row[0] = Value::Int(id);
                for m in &mut rows {
                    m[2] = Value::Int(id);
                }
            }
            merged_buf.push(self, row)?;
            for m in rows {
                member_buf.push(self, m)?;
            }
        }
        Ok(())
    }

    /// Deletes member rows of `table` by (article, `ord_col`), 100 a
    /// statement.
    fn delete_members(&mut self, table: &str, ord_col: &str, keys: &[(&str, i64)]) -> Result<()> {
        for chunk in keys.chunks(100) {
            let clauses: Vec<String> = (0..chunk.len())
                .map(|i| {
                    format!(
                        "(article_id = ${} AND {ord_col} = ${})",
                        2 * i + 1,
                        2 * i + 2
                    )
                })
                .collect();
            let sql = format!("DELETE FROM {table} WHERE {}", clauses.join(" OR "));
            let params: Vec<Value> = chunk
                .iter()
                .flat_map(|&(article, ord)| [article.into(), Value::Int(ord)])
                .collect();
            self.conn.execute(&sql, &params)?;
        }
        Ok(())
    }

    /// Deletes the rows of `table` whose `col` is one of `values`.
    fn delete_in(&mut self, table: &str, col: &str, values: &[Value]) -> Result<()> {
        for chunk in values.chunks(400) {
            let sql = format!(
                "DELETE FROM {table} WHERE {col} IN ({})",
                placeholders(chunk.len())
            );
            self.conn.execute(&sql, chunk)?;
        }
        Ok(())
    }

    /// Runs `sql` once per chunk of `values` (the chunk fills `IN (?)`).
    fn by_values(
        &mut self,
        sql: &str,
        values: &[Value],
        f: &mut dyn FnMut(crate::backend::Row) -> Result<()>,
    ) -> Result<()> {
        for chunk in values.chunks(400) {
            let sql = sql.replace("IN (?)", &format!("IN ({})", placeholders(chunk.len())));
            self.conn.for_each(&sql, chunk, f)?;
        }
        Ok(())
    }

    /// Runs `sql` once per chunk of `ids` (the chunk fills `IN (…)`).
    fn by_ids(
        &mut self,
        sql: &str,
        ids: &[Arc<str>],
        f: &mut dyn FnMut(crate::backend::Row) -> Result<()>,
    ) -> Result<()> {
        for chunk in ids.chunks(400) {
            let sql = sql.replace("IN (?)", &format!("IN ({})", placeholders(chunk.len())));
            let params: Vec<Value> = chunk.iter().map(|s| s.as_ref().into()).collect();
            self.conn.for_each(&sql, &params, f)?;
        }
        Ok(())
    }

    /// The incremental update; `None` when only a rebuild will do.
    fn update_inner(&mut self, opts: &MergeOptions) -> Result<Option<MergeSummary>> {
        let state = self.conn.query(
            "SELECT articles, options FROM merge_state WHERE id = 1",
            &[],
        )?;
        let Some(state) = state.first() else {
            return Ok(None);
        };
        if state.text(1).as_deref() != Some(opts.fingerprint().as_str()) {
            return Ok(None);
        }
        let gone = self.conn.query(
            "SELECT COUNT(*) FROM merge_articles m LEFT JOIN articles a ON a.id = m.article_id
             WHERE a.id IS NULL",
            &[],
        )?[0]
            .int(0)
            .unwrap_or(0);
        if gone > 0 {
            return Ok(None);
        }
        let merged = self.count_rows("merge_articles")?;
        let mut interner = Interner::default();
        let mut new_articles: Vec<Arc<str>> = Vec::new();
        for r in self.conn.query(
            "SELECT a.id FROM articles a LEFT JOIN merge_articles m ON m.article_id = a.id
             WHERE m.article_id IS NULL",
            &[],
        )? {
            new_articles.push(interner.get(r.string(0)));
        }
        new_articles.sort();
        // Many new articles against a small merged corpus: a rebuild is cheaper.
        if new_articles.len() as u64 > merged.max(REBUILD_BELOW) {
            return Ok(None);
        }
        if new_articles.is_empty() {
            return self.merge_summary(true, 0).map(Some);
        }
        let aliases = Aliases::new(opts);

        // 1. Every canonical actor, without its counts.
        let mut canons: HashMap<String, Canon> = HashMap::new();
        let mut key_of: HashMap<i64, String> = HashMap::new();
        for r in self.conn.query(
            "SELECT id, key, name, kind, country, sector FROM canon_actors",
            &[],
        )? {
            let c = Canon {
                id: r.int(0).unwrap_or(0),
                key: r.string(1),
                name: r.string(2),
                kind: r.string(3),
                country: r.text(4),
                sector: r.text(5),
                stats: Stats::default(),
            };
            key_of.insert(c.id, c.key.clone());
            canons.insert(c.key.clone(), c);
        }
        let sides_before = Sides::new(canons.values());
        let mut surnames = Surnames::default();
        for k in canons.keys() {
            surnames.add(k);
        }

        // 2. The new articles' actors; surnames whose lone bearers move.
        let mut new_actors: Vec<ActorIn> = Vec::new();
        self.by_ids(
            "SELECT article_id, ord, name, kind, roles, country, sector, mentions FROM actors
             WHERE article_id IN (?)",
            &new_articles,
            &mut |r| {
                let mut a = actor_from_row(&r, 2, interner.get(r.string(0)), r.int(1).unwrap_or(0));
                (a.base_key, a.base_reason) = aliases.base_key(&a.name, &a.kind);
                new_actors.push(a);
                Ok(())
            },
        )?;
        new_actors.sort_by(|a, b| (&a.article, a.ord).cmp(&(&b.article, b.ord)));
        let mut before: BTreeMap<String, usize> = BTreeMap::new();
        for a in &new_actors {
            if let Some((s, n)) = surnames.add(&a.base_key) {
                before.entry(s).or_insert(n);
            }
        }
        // (article, ord) → (old canon id, new key) of members that move.
        let mut moved: BTreeMap<(Arc<str>, i64), (i64, String)> = BTreeMap::new();
        for (s, n) in before {
            let after = surnames.count(&s);
            if !((n == 0 && after == 1) || (n == 1 && after >= 2)) {
                continue;
            }
            let lone = format!("person:{s}");
            let (to, _) = surnames.final_key(&lone, "");
            for r in self.conn.query(
                "SELECT article_id, actor_ord, canon_id FROM canon_actor_members
                 WHERE base_key = $1 AND base_reason = ''",
                &[lone.as_str().into()],
            )? {
                let from = r.int(2).unwrap_or(0);
                if key_of.get(&from) != Some(&to) {
                    moved.insert(
                        (interner.get(r.string(0)), r.int(1).unwrap_or(0)),
                        (from, to.clone()),
                    );
                }
            }
        }

        // 3. Canonical actors: those losing or gaining moved members are
        // re-read whole; the others add their new members to their counts.
        let mut grow: BTreeMap<String, Vec<ActorIn>> = BTreeMap::new();
        for a in new_actors {
            let (key, _) = surnames.final_key(&a.base_key, &a.base_reason);
            grow.entry(key).or_default().push(a);
        }
        let mut reload: BTreeSet<String> = BTreeSet::new();
        for (from, to) in moved.values() {
            reload.insert(to.clone());
            if let Some(k) = key_of.get(from) {
                reload.insert(k.clone());
            }
        }
        // Old member rows of re-read actors, and every actor of the new groups.
        let mut old_rows: HashMap<(Arc<str>, i64), Vec<Value>> = HashMap::new();
        let mut regroup: BTreeMap<String, Vec<ActorIn>> = BTreeMap::new();
        for key in &reload {
            let Some(id) = canons.get(key).map(|c| c.id) else {
                continue;
            };
            for (a, old) in self.canon_members(id, &mut interner)? {
                let to = moved
                    .get(&(a.article.clone(), a.ord))
                    .map_or(key.clone(), |(_, to)| to.clone());
                old_rows.insert((a.article.clone(), a.ord), old);
                regroup.entry(to).or_default().push(a);
            }
        }
        let mut name_changed: BTreeSet<i64> = BTreeSet::new();
        let mut removed: BTreeSet<i64> = BTreeSet::new();
        let mut canon_delete: Vec<i64> = Vec::new();
        let mut canon_insert: Vec<Vec<Value>> = Vec::new();
        let mut member_delete: Vec<(Arc<str>, i64)> = Vec::new();
        let mut member_insert: Vec<Vec<Value>> = Vec::new();
        let touched: BTreeSet<String> = reload.iter().chain(grow.keys()).cloned().collect();
        // The counts of the actors that only gain members.
        let mut stats_of: HashMap<i64, Stats> = HashMap::new();
        let grown: Vec<Value> = grow
            .keys()
            .filter(|k| !reload.contains(*k))
            .filter_map(|k| canons.get(k))
            .map(|c| Value::Int(c.id))
            .collect();
        self.by_values(
            "SELECT id, stats FROM canon_actors WHERE id IN (?)",
            &grown,
            &mut |r| {
                stats_of.insert(
                    r.int(0).unwrap_or(0),
                    serde_json::from_str(&r.string(1)).unwrap_or_default(),
                );
                Ok(())
            },
        )?;
        for key in touched {
            let old = canons.get(&key).cloned();
            let mut fresh = grow.remove(&key).unwrap_or_default();
            let id = match &old {
                Some(c) => c.id,
                None => {
                    let id = free_id(stable_id(&key), |id| Ok(key_of.contains_key(&id)))?;
                    key_of.insert(id, key.clone());
                    id
                }
            };
            if let Some(c) = &old {
                canon_delete.push(c.id);
            }
            let reread = reload.contains(&key);
            let mut members: Vec<ActorIn> = regroup.remove(&key).unwrap_or_default();
            let stats = if reread {
                members.append(&mut fresh);
                members.sort_by(|a, b| (&a.article, a.ord).cmp(&(&b.article, b.ord)));
                Stats::of(members.iter())
            } else {
                let mut stats = old
                    .as_ref()
                    .and_then(|c| stats_of.remove(&c.id))
                    .unwrap_or_default();
                let articles: BTreeSet<&Arc<str>> = fresh.iter().map(|a| &a.article).collect();
                stats.articles += articles.len() as i64;
                for a in &fresh {
                    stats.add(a);
                }
                stats
            };
            if reread && members.is_empty() {
                removed.insert(id);
                key_of.remove(&id);
                canons.remove(&key);
                continue;
            }
            let canon = Canon::new(id, &key, stats, &aliases);
            canon_insert.push(canon.row());
            let renamed = old.as_ref().is_some_and(|c| c.name != canon.name);
            if renamed {
                name_changed.insert(id);
                if !reread {
                    // Every member's reason may name the new display name.
                    for (a, old) in self.canon_members(id, &mut interner)? {
                        old_rows.insert((a.article.clone(), a.ord), old);
                        members.push(a);
                    }
                }
            }
            for a in members.iter().chain(&fresh) {
                let row = canon.member_row(a, &surnames);
                match old_rows.get(&(a.article.clone(), a.ord)) {
                    Some(old) if *old == row => {}
                    Some(_) => {
                        member_delete.push((a.article.clone(), a.ord));
                        member_insert.push(row);
                    }
                    None => member_insert.push(row),
                }
            }
            canons.insert(
                key.clone(),
                Canon {
                    stats: Stats::default(),
                    ..canon
                },
            );
        }
        for (article, ord) in &member_delete {
            self.conn.execute(
                "DELETE FROM canon_actor_members WHERE article_id = $1 AND actor_ord = $2",
                &[article.as_ref().into(), Value::Int(*ord)],
            )?;
        }
        let canon_delete: Vec<Value> = canon_delete.into_iter().map(Value::Int).collect();
        self.delete_in("canon_actors", "id", &canon_delete)?;
        let refs: Vec<&Vec<Value>> = canon_insert.iter().collect();
        self.insert_rows("canon_actors", CANON_COLS, &refs)?;
        let refs: Vec<&Vec<Value>> = member_insert.iter().collect();
        self.insert_rows("canon_actor_members", CANON_MEMBER_COLS, &refs)?;
        drop((canon_insert, member_insert, old_rows));

        let sides = Sides::new(canons.values());
        let side_changed: Vec<i64> = canons
            .values()
            .filter(|c| sides_before.side(c.id) != sides.side(c.id))
            .map(|c| c.id)
            .collect();
        let names: HashMap<i64, String> = canons.values().map(|c| (c.id, c.name.clone())).collect();
        let moved_to: BTreeSet<i64> = moved
            .values()
            .filter_map(|(_, to)| canons.get(to).map(|c| c.id))
            .collect();
        drop(canons);
        let name = |id: i64| names.get(&id).cloned().unwrap_or_default();

        // 4. Events whose key may have changed, then every key they leave or
        // join; keys that only gain new events take them (`new_events`).
        let new_set: HashSet<Arc<str>> = new_articles.iter().cloned().collect();
        let mut affected: BTreeSet<(Arc<str>, i64)> = BTreeSet::new();
        for (article, ord) in moved.keys() {
            for r in self.conn.query(
                "SELECT event_ord FROM event_actors WHERE article_id = $1 AND actor_ord = $2",
                &[article.as_ref().into(), Value::Int(*ord)],
            )? {
                affected.insert((article.clone(), r.int(0).unwrap_or(0)));
            }
        }
        for &c in name_changed.iter().chain(&side_changed) {
            for r in self.conn.query(
                "SELECT ea.article_id, ea.event_ord FROM canon_actor_members c
                 JOIN event_actors ea ON ea.article_id = c.article_id AND ea.actor_ord = c.actor_ord
                 WHERE c.canon_id = $1",
                &[Value::Int(c)],
            )? {
                affected.insert((interner.get(r.string(0)), r.int(1).unwrap_or(0)));
            }
        }
        let mut load: BTreeSet<Arc<str>> = affected.iter().map(|(a, _)| a.clone()).collect();
        load.extend(new_articles.iter().cloned());
        let load: Vec<Arc<str>> = load.into_iter().collect();
        let mut changed: BTreeMap<(Arc<str>, i64), EventIn> = BTreeMap::new();
        self.by_ids(
            "SELECT article_id, ord, type, status, date FROM events WHERE article_id IN (?)",
            &load,
            &mut |r| {
                let key = (interner.get(r.string(0)), r.int(1).unwrap_or(0));
                if new_set.contains(&key.0) || affected.contains(&key) {
                    let e = EventIn::from_row(&r, 2, key.0.clone(), key.1);
                    changed.insert(key, e);
                }
                Ok(())
            },
        )?;
        let mut old_keys: BTreeSet<String> = BTreeSet::new();
        let mut old_single: Vec<(Arc<str>, i64, i64)> = Vec::new();
        self.by_ids(
            "SELECT ea.article_id, ea.event_ord, ea.role, c.canon_id FROM event_actors ea
             JOIN canon_actor_members c ON c.article_id = ea.article_id AND c.actor_ord = ea.actor_ord
             WHERE ea.article_id IN (?)",
            &load,
            &mut |r| {
                if let Some(e) = changed.get_mut(&(interner.get(r.string(0)), r.int(1).unwrap_or(0))) {
                    let canon = r.int(3).unwrap_or(0);
                    if r.string(2) == "target" {
                        e.targets.insert(canon);
                    } else {
                        e.actors.insert(canon);
                    }
                }
                Ok(())
            },
        )?;
        self.by_ids(
            "SELECT article_id, event_ord, merge_key, merged_id FROM merged_event_members
             WHERE article_id IN (?)",
            &load,
            &mut |r| {
                let key = (interner.get(r.string(0)), r.int(1).unwrap_or(0));
                if changed.contains_key(&key) {
                    match r.text(2) {
                        Some(k) => {
                            old_keys.insert(k);
                        }
                        None => old_single.push((key.0, key.1, r.int(3).unwrap_or(0))),
                    }
                }
                Ok(())
            },
        )?;
        // Keys that stored reports leave or join are clustered again whole;
        // keys that only gain new reports take them without a re-read of
        // their history (see `new_events`), unless a new report's date is
        // odd (the re-read goes by date).
        let mut keys: BTreeMap<String, Vec<EventIn>> = BTreeMap::new();
        let mut single: Vec<EventIn> = Vec::new();
        for k in &old_keys {
            keys.entry(k.clone()).or_default();
        }
        let (fresh, stored): (Vec<&EventIn>, Vec<&EventIn>) =
            changed.values().partition(|e| new_set.contains(&e.article));
        for e in stored {
            match e.key(&sides) {
                Some(k) => keys.entry(k).or_default().push(e.clone()),
                None => single.push(e.clone()),
            }
        }
        let mut gaining: BTreeMap<String, Vec<EventIn>> = BTreeMap::new();
        for e in fresh {
            match e.key(&sides) {
                Some(k) if keys.contains_key(&k) => keys.entry(k).or_default().push(e.clone()),
                Some(k) => gaining.entry(k).or_default().push(e.clone()),
                None => single.push(e.clone()),
            }
        }
        let odd: Vec<String> = gaining
            .iter()
            .filter(|(_, list)| {
                list.iter()
                    .any(|e| !e.date.as_deref().is_some_and(plain_date))
            })
            .map(|(k, _)| k.clone())
            .collect();
        for k in odd {
            let list = gaining.remove(&k).unwrap_or_default();
            keys.insert(k, list);
        }
        // Unchanged members of those keys, then away with the keys' old rows.
        let mut old_merged: BTreeSet<i64> = old_single.iter().map(|s| s.2).collect();
        let key_list: Vec<Arc<str>> = keys.keys().map(|k| Arc::from(k.as_str())).collect();
        self.by_ids(
            "SELECT m.article_id, m.event_ord, m.merged_id, m.actors, m.targets, e.type, e.status,
                    e.date, m.merge_key
             FROM merged_event_members m
             JOIN events e ON e.article_id = m.article_id AND e.ord = m.event_ord
             WHERE m.merge_key IN (?)",
            &key_list,
            &mut |r| {
                old_merged.insert(r.int(2).unwrap_or(0));
                let key = (interner.get(r.string(0)), r.int(1).unwrap_or(0));
                if changed.contains_key(&key) {
                    return Ok(());
                }
                if let Some(list) = keys.get_mut(&r.string(8)) {
                    list.push(EventIn {
                        actors: ids_of(&r.string(3)),
                        targets: ids_of(&r.string(4)),
                        ..EventIn::from_row(&r, 5, key.0, key.1)
                    });
                }
                Ok(())
            },
        )?;
        let key_values: Vec<Value> = key_list.iter().map(|k| k.as_ref().into()).collect();
        self.delete_in("merged_event_members", "merge_key", &key_values)?;
        for (article, ord, _) in &old_single {
            self.conn.execute(
                "DELETE FROM merged_event_members WHERE article_id = $1 AND event_ord = $2",
                &[article.as_ref().into(), Value::Int(*ord)],
            )?;
        }
        let old_merged: Vec<Value> = old_merged.into_iter().map(Value::Int).collect();
        self.delete_in("merged_events", "id", &old_merged)?;
        let mut merged_buf = Buffered::new("merged_events", EVENT_COLS);
        let mut member_buf = Buffered::new("merged_event_members", EVENT_MEMBER_COLS);
        let mut taken: HashSet<i64> = HashSet::new();
        single.sort_by(|a, b| a.order().cmp(&b.order()));
        let mut groups: Vec<(Option<String>, Option<String>, Vec<&EventIn>)> = Vec::new();
        for (k, list) in keys.iter_mut() {
            list.sort_by(|a, b| a.order().cmp(&b.order()));
            let refs: Vec<&EventIn> = list.iter().collect();
            for (first, members) in cluster_events(&refs, opts.window_days) {
                groups.push((
                    Some(k.clone()),
                    first,
                    members.iter().map(|&i| refs[i]).collect(),
                ));
            }
        }
        for e in &single {
            groups.push((None, e.date.clone(), vec![e]));
        }
        let wanted: Vec<i64> = groups
            .iter()
            .map(|(_, _, m)| stable_id(&event_id_seed(&m[0].article, m[0].ord)))
            .collect();
        let ids = self.assign_ids("merged_events", &wanted, &mut taken)?;
        for ((key, first_date, members), id) in groups.into_iter().zip(ids) {
            let (row, rows) = event_rows(id, &first_date, &members, key.as_deref(), &name, opts);
            merged_buf.push(self, row)?;
            for r in rows {
                member_buf.push(self, r)?;
            }
        }
        merged_buf.flush(self)?;
        member_buf.flush(self)?;
        drop((keys, single, changed));
        self.merge_new_events(gaining, &name, opts, &mut taken)?;

        // 5. Quotes. Speakers whose quotes change otherwise than by new
        // quotes (moved, renamed) are clustered again whole and only the rows
        // that differ are written; the others take their new quotes into the
        // stored clusters.
        let mut speakers: BTreeSet<i64> = name_changed.clone();
        speakers.extend(removed.iter().copied());
        speakers.extend(moved.values().map(|(from, _)| *from));
        speakers.extend(moved_to);
        let mut new_quotes: BTreeMap<i64, Vec<QuoteIn>> = BTreeMap::new();
        let mut fresh_single: Vec<QuoteIn> = Vec::new();
        let mut published: HashMap<Arc<str>, Option<String>> = HashMap::new();
        self.by_ids(
            "SELECT id, published FROM articles WHERE id IN (?)",
            &new_articles,
            &mut |r| {
                published.insert(interner.get(r.string(0)), r.text(1));
                Ok(())
            },
        )?;
        self.by_ids(
            "SELECT q.article_id, q.ord, q.content, c.canon_id FROM quotes q
             LEFT JOIN canon_actor_members c ON c.article_id = q.article_id AND c.actor_ord = q.speaker_ord
             WHERE q.article_id IN (?)",
            &new_articles,
            &mut |r| {
                match r.int(3) {
                    Some(s) => {
                        let article = interner.get(r.string(0));
                        let content = r.string(2);
                        new_quotes.entry(s).or_default().push(QuoteIn {
                            date: published.get(&article).cloned().flatten(),
                            ord: r.int(1).unwrap_or(0),
                            article,
                            speaker: Some(s),
                            words: word_hashes(&content),
                            content,
                        });
                    }
                    None => {
                        let article = interner.get(r.string(0));
                        let content = r.string(2);
                        fresh_single.push(QuoteIn {
                            date: published.get(&article).cloned().flatten(),
                            ord: r.int(1).unwrap_or(0),
                            article,
                            speaker: None,
                            words: Vec::new(),
                            content,
                        });
                    }
                }
                Ok(())
            },
        )?;
        // A speaker with an odd date among their new quotes is clustered
        // again whole (merging in the new quotes reads by date).
        speakers.extend(
            new_quotes
                .iter()
                .filter(|(_, list)| {
                    list.iter()
                        .any(|q| q.date.as_deref().is_some_and(|d| !plain_date(d)))
                })
                .map(|(&s, _)| s),
        );
        let mut merged_buf = Buffered::new("merged_quotes", QUOTE_COLS);
        let mut member_buf = Buffered::new("merged_quote_members", QUOTE_MEMBER_COLS);
        let mut taken: HashSet<i64> = HashSet::new();
        let speaker_list: Vec<i64> = speakers.iter().copied().collect();
        for chunk in speaker_list.chunks(200) {
            let values: Vec<Value> = chunk.iter().map(|&s| Value::Int(s)).collect();
            let mut old: HashMap<i64, HashMap<i64, Vec<Value>>> = HashMap::new();
            self.by_values(
                "SELECT id, speaker, content, date_first, reports, sources, reason
                 FROM merged_quotes WHERE speaker IN (?)",
                &values,
                &mut |r| {
                    let speaker = r.int(1).unwrap_or(0);
                    old.entry(speaker)
                        .or_default()
                        .insert(r.int(0).unwrap_or(0), r.0);
                    Ok(())
                },
            )?;
            let mut old_members: HashMap<i64, HashMap<(String, i64), Vec<Value>>> = HashMap::new();
            self.by_values(
                "SELECT m.article_id, m.quote_ord, m.merged_id, m.similarity, m.reason, q.speaker
                 FROM merged_quote_members m JOIN merged_quotes q ON q.id = m.merged_id
                 WHERE q.speaker IN (?)",
                &values,
                &mut |mut r| {
                    let speaker = r.int(5).unwrap_or(0);
                    r.0.truncate(5);
                    old_members
                        .entry(speaker)
                        .or_default()
                        .insert((r.string(0), r.int(1).unwrap_or(0)), r.0);
                    Ok(())
                },
            )?;
            let mut current: HashMap<i64, Vec<QuoteIn>> = HashMap::new();
            self.by_values(
                "SELECT q.article_id, q.ord, q.content, a.published, c.canon_id
                 FROM canon_actor_members c
                 JOIN quotes q ON q.article_id = c.article_id AND q.speaker_ord = c.actor_ord
                 JOIN articles a ON a.id = q.article_id
                 WHERE c.canon_id IN (?)",
                &values,
                &mut |r| {
                    let speaker = r.int(4).unwrap_or(0);
                    let content = r.string(2);
                    current.entry(speaker).or_default().push(QuoteIn {
                        article: interner.get(r.string(0)),
                        ord: r.int(1).unwrap_or(0),
                        speaker: Some(speaker),
                        words: word_hashes(&content),
                        content,
                        date: r.text(3),
                    });
                    Ok(())
                },
            )?;
            let mut insert = Vec::new();
            let mut delete_merged = Vec::new();
            let mut delete_members = Vec::new();
            for &s in chunk {
                let old = old.remove(&s).unwrap_or_default();
                let old_members = old_members.remove(&s).unwrap_or_default();
                let mut quotes = current.remove(&s).unwrap_or_default();
                quotes.sort_by(|a, b| a.order().cmp(&b.order()));
                let refs: Vec<&QuoteIn> = quotes.iter().collect();
                let clusters = cluster_quotes(&refs, opts);
                let diff = diff_quotes(&refs, clusters, old, old_members, &name, opts);
                insert.extend(diff.0);
                delete_merged.extend(diff.1);
                delete_members.extend(diff.2);
            }
            self.delete_quote_rows(delete_merged, delete_members)?;
            self.insert_quote_clusters(insert, &mut taken, &mut merged_buf, &mut member_buf)?;
        }
        // The other speakers take their new quotes without a re-read of
        // their history (see `new_quotes`); quotes that cannot merge (no
        // date or no words) stay alone.
        for (s, list) in new_quotes {
            if speakers.contains(&s) {
                continue;
            }
            let (merging, alone): (Vec<QuoteIn>, Vec<QuoteIn>) =
                list.into_iter().partition(mergeable);
            let singles = single_quote_rows(&alone, &name, opts);
            self.insert_quote_clusters(singles, &mut taken, &mut merged_buf, &mut member_buf)?;
            self.merge_new_quotes(
                s,
                merging,
                &name,
                opts,
                &mut taken,
                &mut merged_buf,
                &mut member_buf,
            )?;
        }
        fresh_single.sort_by(|a, b| a.order().cmp(&b.order()));
        let singles = single_quote_rows(&fresh_single, &name, opts);
        self.insert_quote_clusters(singles, &mut taken, &mut merged_buf, &mut member_buf)?;
        merged_buf.flush(self)?;
        member_buf.flush(self)?;

        // 6. The new articles are merged.
        let rows: Vec<Vec<Value>> = new_articles
            .iter()
            .map(|a| vec![a.as_ref().into()])
            .collect();
        let refs: Vec<&Vec<Value>> = rows.iter().collect();
        self.insert_rows("merge_articles", &["article_id"], &refs)?;
        self.write_merge_state(opts)?;
        self.merge_summary(true, new_articles.len() as u64)
            .map(Some)
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
            base_key: String::new(),
            base_reason: String::new(),
        }
    }

    /// Canonical keys with their members' ords, as a rebuild groups them.
    fn keys(actors: &[ActorIn], opts: &MergeOptions) -> Vec<(String, Vec<i64>)> {
        let aliases = Aliases::new(opts);
        let mut surnames = Surnames::default();
        let based: Vec<(String, String)> = actors
            .iter()
            .map(|a| aliases.base_key(&a.name, &a.kind))
            .collect();
        for (k, _) in &based {
            surnames.add(k);
        }
        let mut groups: BTreeMap<String, Vec<i64>> = BTreeMap::new();
        for (a, (k, r)) in actors.iter().zip(&based) {
            groups
                .entry(surnames.final_key(k, r).0)
                .or_default()
                .push(a.ord);
        }
        groups.into_iter().collect()
    }

    #[test]
    fn stable_ids_are_exact_in_json_numbers_and_probe_past_collisions() {
        for s in ["person:vladimir putin", "", "event:abc:1"] {
            let id = stable_id(s);
            assert!((1..1 << 53).contains(&id));
            assert_eq!(id, stable_id(s));
        }
        let taken = [5_i64, 6];
        assert_eq!(free_id(5, |id| Ok(taken.contains(&id))).unwrap(), 7);
        assert_eq!(
            free_id((1 << 53) - 1, |_| Ok(false)).unwrap(),
            (1 << 53) - 1
        );
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
    fn word_hashes_hash_the_lower_cased_words() {
        let text = "Ökonomen ZÄHLTEN 3 Anrufe, ökonomen zählten!";
        let mut want: Vec<u64> = words(text).iter().map(|w| fnv(w)).collect();
        want.sort_unstable();
        want.dedup();
        assert_eq!(word_hashes(text), want);
        assert!(word_hashes(" ,. ").is_empty());
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
