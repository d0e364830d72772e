//! The checkers: gold items against the readout. Matching rules are in the
//! module docs of [`crate::seed`].

use serde_json::Value;

use super::readout::{RActor, RSpan, Readout};
use super::report::{ItemResult, Report, SeedReport};
use super::{Gold, GoldActor, Names};
use crate::norm::{self, fold, fold_ci};

/// Shortens a text for a message: at most `n` characters, then `…`.
fn short(text: &str, n: usize) -> String {
    let t = fold(text);
    if t.chars().count() <= n {
        t
    } else {
        let mut s: String = t.chars().take(n).collect();
        s.push('…');
        s
    }
}

fn num_eq(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn opt_eq_ci(a: Option<&str>, b: &str) -> bool {
    a.is_some_and(|a| norm::eq_ci(a, b))
}

/// Which extracted actor each gold actor is: the pairing made by
/// [`check_actors`], reused by the other checkers to resolve names.
#[derive(Debug, Clone, Default)]
pub struct ActorMap {
    /// Gold actor names, in gold order.
    gold: Vec<String>,
    /// The extracted actor index paired with each gold actor.
    paired: Vec<Option<usize>>,
    /// How the pair was found ("name", "mention").
    via: Vec<&'static str>,
    /// Extracted actor ids and names.
    ids: Vec<String>,
    names: Vec<String>,
}

impl ActorMap {
    /// Pairs gold actors with the actors of a readout (empty when the readout
    /// is malformed).
    pub fn build(gold: &Gold, readout: &Value) -> ActorMap {
        match Readout::from_value(readout) {
            Ok(r) => ActorMap::from_readout(gold, &r),
            Err(_) => ActorMap::from_readout(gold, &Readout::default()),
        }
    }

    pub(crate) fn from_readout(gold: &Gold, r: &Readout) -> ActorMap {
        let ex_mentions: Vec<Vec<String>> = r
            .actors
            .iter()
            .map(|a| a.mentions.iter().map(|m| fold_ci(&m.text)).collect())
            .collect();
        let coverage = |g: &GoldActor, e: usize| {
            g.mentions
                .iter()
                .filter(|m| ex_mentions[e].contains(&fold_ci(m)))
                .count()
        };
        let mut taken = vec![false; r.actors.len()];
        let mut paired = vec![None; gold.actors.len()];
        let mut via = vec![""; gold.actors.len()];
        // Pass 1: same name. Pass 2: a mention whose text is the gold name.
        for (pass, how) in [(0, "name"), (1, "mention")] {
            for (gi, g) in gold.actors.iter().enumerate() {
                if paired[gi].is_some() {
                    continue;
                }
                let name = fold_ci(&g.name);
                let best = (0..r.actors.len())
                    .filter(|&e| !taken[e])
                    .filter(|&e| {
                        if pass == 0 {
                            fold_ci(&r.actors[e].name) == name
                        } else {
                            ex_mentions[e].contains(&name)
                        }
                    })
                    .max_by_key(|&e| (coverage(g, e), std::cmp::Reverse(e)));
                if let Some(e) = best {
                    taken[e] = true;
                    paired[gi] = Some(e);
                    via[gi] = how;
                }
            }
        }
        ActorMap {
            gold: gold.actors.iter().map(|a| a.name.clone()).collect(),
            paired,
            via,
            ids: r.actors.iter().map(|a| a.id.clone()).collect(),
            names: r.actors.iter().map(|a| a.name.clone()).collect(),
        }
    }

    fn gold_index(&self, gold_name: &str) -> Option<usize> {
        self.gold.iter().position(|g| norm::eq_ci(g, gold_name))
    }

    /// The id of the extracted actor paired with the gold actor `gold_name`.
    pub fn extracted_id(&self, gold_name: &str) -> Option<&str> {
        let e = self.paired[self.gold_index(gold_name)?]?;
        Some(&self.ids[e])
    }

    /// The gold actor paired with the extracted actor `id`.
    pub fn gold_name(&self, id: &str) -> Option<&str> {
        let e = self.ids.iter().position(|i| i == id)?;
        let g = self.paired.iter().position(|p| *p == Some(e))?;
        Some(&self.gold[g])
    }

    /// True when the extracted actor `id` is the gold actor `gold_name`:
    /// paired with it, or carrying its name.
    pub fn resolves(&self, id: &str, gold_name: &str) -> bool {
        if self.extracted_id(gold_name) == Some(id) {
            return true;
        }
        self.ids
            .iter()
            .position(|i| i == id)
            .is_some_and(|e| norm::eq_ci(&self.names[e], gold_name))
    }

    /// True when `id` resolves to any of `names`.
    pub fn resolves_any(&self, id: &str, names: &Names) -> bool {
        names.iter().any(|n| self.resolves(id, n))
    }
}

fn malformed(layer: &str, items: Vec<(String, bool)>, message: &str) -> Report {
    let mut report = Report::new(layer);
    report.items = items
        .into_iter()
        .map(|(item, optional)| ItemResult {
            item,
            optional,
            problems: vec![message.to_string()],
            ..ItemResult::default()
        })
        .collect();
    report
}

/// True when an `[[ignore]]` entry names this extracted item.
fn ignored(gold: &Gold, layer: &str, text: &str) -> bool {
    gold.ignore
        .iter()
        .any(|i| none_or_eq(i.layer.as_deref(), layer) && norm::eq_ci(&i.text, text))
}

/// True when `a` is absent or equal to `b` (ASCII case-insensitive).
fn none_or_eq(a: Option<&str>, b: &str) -> bool {
    match a {
        None => true,
        Some(x) => x.eq_ignore_ascii_case(b),
    }
}

// ------------------------------------------------------------------ actors

fn describe_ex_actor(a: &RActor) -> String {
    format!("{} {} ({})", a.id, a.name, a.kind)
}

fn role_key(role: &str) -> String {
    fold_ci(role).replace('-', " ")
}

/// The extracted actors that hold a mention naming the gold person: its full
/// name (or a mention containing it), a gold mention containing its surname,
/// or the bare surname when no other gold actor shares it.
fn persons_holding(gold: &Gold, g: &GoldActor, r: &Readout) -> Vec<usize> {
    let name = fold_ci(&g.name);
    let surname = name.rsplit(' ').next().unwrap_or(&name).to_string();
    let mut keys: Vec<String> = g
        .mentions
        .iter()
        .map(|m| fold_ci(m))
        .filter(|m| norm::contains_words(m, &surname))
        .collect();
    let shared = gold
        .actors
        .iter()
        .filter(|o| !norm::eq_ci(&o.name, &g.name))
        .any(|o| {
            norm::contains_words(&fold_ci(&o.name), &surname)
                || o.mentions
                    .iter()
                    .any(|m| norm::contains_words(&fold_ci(m), &surname))
        });
    if !shared && name.contains(' ') {
        keys.push(surname);
    }
    (0..r.actors.len())
        .filter(|&e| {
            r.actors[e].mentions.iter().any(|m| {
                let t = fold_ci(&m.text);
                keys.contains(&t) || norm::contains_words(&t, &name)
            })
        })
        .collect()
}

fn actors_impl(gold: &Gold, r: &Readout, map: &ActorMap) -> Report {
    let mut report = Report::new("actors");
    report.extracted = r.actors.len();
    for (gi, g) in gold.actors.iter().enumerate() {
        let mut item = ItemResult {
            item: format!("actor {} ({})", g.name, g.kind),
            optional: g.optional,
            ..ItemResult::default()
        };
        let Some(e) = map.paired[gi] else {
            item.problems.push(format!(
                "no extracted actor is named {:?} or has a mention {:?}",
                g.name, g.name
            ));
            // The closest by mentions, to help find what went wrong.
            let best = (0..r.actors.len())
                .map(|e| {
                    let n = g
                        .mentions
                        .iter()
                        .filter(|m| r.actors[e].mentions.iter().any(|x| norm::eq(&x.text, m)))
                        .count();
                    (n, e)
                })
                .filter(|(n, _)| *n > 0)
                .max_by_key(|(n, e)| (*n, std::cmp::Reverse(*e)));
            if let Some((_, e)) = best {
                item.matched = Some(describe_ex_actor(&r.actors[e]));
            }
            report.items.push(item);
            continue;
        };
        let a = &r.actors[e];
        item.matched = Some(describe_ex_actor(a));
        if map.via[gi] == "mention" {
            item.notes.push(format!(
                "paired through a mention: its name is {:?}",
                a.name
            ));
        }
        let kind_ok = norm::eq_ci(&a.kind, &g.kind)
            || (fold_ci(&g.kind) == "organisation" && fold_ci(&a.kind) == "organization");
        if !kind_ok {
            item.problems
                .push(format!("kind is {:?}, expected {:?}", a.kind, g.kind));
        }
        let roles: Vec<String> = a.roles.iter().map(|r| role_key(r)).collect();
        let missing: Vec<&str> = g
            .roles
            .iter()
            .filter(|r| !roles.contains(&role_key(r)))
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            item.problems
                .push(format!("roles {:?} lack {:?}", a.roles, missing));
        }
        for (what, want, got) in [
            ("country", &g.country, &a.country),
            ("sector", &g.sector, &a.sector),
        ] {
            if let Some(want) = want {
                if !opt_eq_ci(got.as_deref(), want) {
                    item.problems
                        .push(format!("{what} is {got:?}, expected {want:?}"));
                }
            }
        }
        if let Some(want) = &g.affiliation {
            if !opt_eq_ci(a.affiliation.as_deref(), want) {
                item.notes.push(format!(
                    "affiliation is {:?}, expected {want:?}",
                    a.affiliation
                ));
            }
        }
        for m in &g.mentions {
            if a.mentions.iter().any(|x| norm::eq(&x.text, m)) {
                continue;
            }
            let elsewhere: Vec<String> = r
                .actors
                .iter()
                .filter(|o| o.mentions.iter().any(|x| norm::eq(&x.text, m)))
                .map(|o| format!("{} ({})", o.id, o.name))
                .collect();
            let where_ = if elsewhere.is_empty() {
                "no actor has it".to_string()
            } else {
                format!("it is a mention of {}", elsewhere.join(", "))
            };
            item.problems.push(format!(
                "mention {m:?} is not among its mentions ({where_})"
            ));
        }
        if norm::eq_ci(&g.kind, "person") {
            let holders = persons_holding(gold, g, r);
            if holders.len() > 1 {
                let list: Vec<String> = holders
                    .iter()
                    .map(|&h| {
                        let texts: Vec<&str> = r.actors[h]
                            .mentions
                            .iter()
                            .map(|m| m.text.as_str())
                            .collect();
                        format!("{} ({}: {:?})", r.actors[h].id, r.actors[h].name, texts)
                    })
                    .collect();
                item.problems.push(format!(
                    "split over {} actors: {}",
                    holders.len(),
                    list.join("; ")
                ));
            }
        }
        item.passed = item.problems.is_empty();
        report.items.push(item);
    }
    let paired: Vec<usize> = map.paired.iter().flatten().copied().collect();
    for (e, a) in r.actors.iter().enumerate() {
        // A location the gold lists under [[places]] is right, not noise.
        let is_gold_place = a.kind == "location"
            && gold.places.iter().any(|p| {
                crate::norm::fold(&p.name).eq_ignore_ascii_case(&crate::norm::fold(&a.name))
            });
        if !paired.contains(&e) && !is_gold_place && !ignored(gold, "actors", &a.name) {
            report.unmatched.push(describe_ex_actor(a));
        }
    }
    report
}

/// Checks every gold actor: found (by name, or by a mention with its name),
/// kind, roles ⊆ extracted roles, country and sector when given, every gold
/// mention among the actor's mentions, and no person split over actors.
pub fn check_actors(gold: &Gold, readout: &Value) -> Report {
    match Readout::from_value(readout) {
        Ok(r) => actors_impl(gold, &r, &ActorMap::from_readout(gold, &r)),
        Err(m) => malformed("actors", actor_items(gold), &m),
    }
}

fn actor_items(gold: &Gold) -> Vec<(String, bool)> {
    gold.actors
        .iter()
        .map(|g| (format!("actor {} ({})", g.name, g.kind), g.optional))
        .collect()
}

// ------------------------------------------------------------- coreference

/// Code-point offsets of every occurrence of `pat` in `text` (both already
/// folded character by character).
fn find_all(text: &[char], pat: &[char]) -> Vec<usize> {
    if pat.is_empty() || pat.len() > text.len() {
        return Vec::new();
    }
    (0..=text.len() - pat.len())
        .filter(|&i| text[i..i + pat.len()] == *pat)
        .collect()
}

/// The first occurrence of `word` in `ctx` at word boundaries.
fn find_word(ctx: &[char], word: &[char]) -> Option<usize> {
    find_all(ctx, word).into_iter().find(|&i| {
        let before = i == 0 || !ctx[i - 1].is_alphanumeric() || !word[0].is_alphanumeric();
        let end = i + word.len();
        let after = end == ctx.len()
            || !ctx[end].is_alphanumeric()
            || !word[word.len() - 1].is_alphanumeric();
        before && after
    })
}

fn coreference_impl(gold: &Gold, r: &Readout, map: &ActorMap, text: &str) -> Report {
    let mut report = Report::new("coreference");
    let chars: Vec<char> = text.chars().map(norm::fold_char).collect();
    for c in &gold.coreference {
        let mut item = ItemResult {
            item: format!("{:?} in {:?} is {}", c.word, c.mention, c.actor),
            optional: c.optional,
            ..ItemResult::default()
        };
        let ctx: Vec<char> = c.mention.chars().map(norm::fold_char).collect();
        let word: Vec<char> = c.word.chars().map(norm::fold_char).collect();
        let occurrences = find_all(&chars, &ctx);
        let Some(wi) = find_word(&ctx, &word) else {
            item.problems.push(format!(
                "gold error: {:?} is not a word of {:?}",
                c.word, c.mention
            ));
            report.items.push(item);
            continue;
        };
        if occurrences.is_empty() {
            item.problems.push(format!(
                "the context {:?} is not in the article text",
                c.mention
            ));
        }
        let mut problems = Vec::new();
        for occ in occurrences {
            let (ws, we) = (occ + wi, occ + wi + word.len());
            let mut covering = Vec::new();
            for a in &r.actors {
                for m in &a.mentions {
                    if m.start <= ws && we <= m.end {
                        covering.push((a, m));
                    }
                }
            }
            if let Some((a, m)) = covering.iter().find(|(a, _)| map.resolves(&a.id, &c.actor)) {
                item.passed = true;
                item.matched = Some(format!(
                    "{} mention {:?} at {}..{}",
                    a.id, m.text, m.start, m.end
                ));
                break;
            }
            if covering.is_empty() {
                problems.push(format!(
                    "no extracted mention covers {:?} at {ws}..{we}",
                    c.word
                ));
            } else {
                for (a, m) in covering {
                    problems.push(format!(
                        "{:?} at {ws}..{we} is in mention {:?} ({}..{}) of {} {}, not {}",
                        c.word, m.text, m.start, m.end, a.id, a.name, c.actor
                    ));
                }
            }
        }
        if !item.passed {
            if map.extracted_id(&c.actor).is_none() {
                problems.push(format!("{} has no extracted actor", c.actor));
            }
            item.problems.extend(problems);
        }
        report.items.push(item);
    }
    report
}

/// Checks each `[[coreference]]` item: the word, located inside its context
/// in `text` (the article), must be covered by an extracted mention of the
/// gold actor.
pub fn check_coreference(gold: &Gold, readout: &Value, text: &str) -> Report {
    match Readout::from_value(readout) {
        Ok(r) => coreference_impl(gold, &r, &ActorMap::from_readout(gold, &r), text),
        Err(m) => malformed("coreference", coreference_items(gold), &m),
    }
}

fn coreference_items(gold: &Gold) -> Vec<(String, bool)> {
    gold.coreference
        .iter()
        .map(|c| {
            (
                format!("{:?} in {:?} is {}", c.word, c.mention, c.actor),
                c.optional,
            )
        })
        .collect()
}

// ---------------------------------------------------------------- matching

/// A candidate pair of a gold and an extracted item.
struct Cand {
    problems: Vec<String>,
    notes: Vec<String>,
}

impl Cand {
    fn new() -> Self {
        Cand {
            problems: Vec::new(),
            notes: Vec::new(),
        }
    }
}

/// One layer's one-to-one matching. `eval(g, e)` returns `None` when the
/// extracted item is no candidate for the gold item, else the problems that
/// stop the pair passing. A maximum matching is taken over passing pairs,
/// required gold items first; each remaining gold item is explained through
/// its candidate with the fewest problems (preferring free ones), or by
/// `missing(g)`.
fn match_layer(
    gold: &Gold,
    layer: &str,
    items: Vec<(String, bool)>,
    extracted: Vec<(String, String)>,
    eval: impl Fn(usize, usize) -> Option<Cand>,
    missing: impl Fn(usize) -> String,
) -> Report {
    let n_ex = extracted.len();
    let cands: Vec<Vec<(usize, Cand)>> = (0..items.len())
        .map(|g| {
            (0..n_ex)
                .filter_map(|e| eval(g, e).map(|c| (e, c)))
                .collect()
        })
        .collect();
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&g| items[g].1); // required (false) first, stable
    let allowed: Vec<Vec<usize>> = order
        .iter()
        .map(|&g| {
            cands[g]
                .iter()
                .filter(|(_, c)| c.problems.is_empty())
                .map(|(e, _)| *e)
                .collect()
        })
        .collect();
    let matched = crate::metrics::max_match(&allowed, n_ex);
    let mut pass_of = vec![None; items.len()];
    let mut in_pass = vec![false; n_ex];
    for (k, &g) in order.iter().enumerate() {
        if let Some(e) = matched[k] {
            pass_of[g] = Some(e);
            in_pass[e] = true;
        }
    }
    let mut used = in_pass.clone();
    let mut report = Report::new(layer);
    report.extracted = n_ex;
    for (g, (item, optional)) in items.into_iter().enumerate() {
        let mut r = ItemResult {
            item,
            optional,
            ..ItemResult::default()
        };
        if let Some(e) = pass_of[g] {
            let c = cands[g].iter().find(|(x, _)| *x == e).map(|(_, c)| c);
            r.passed = true;
            r.matched = Some(extracted[e].0.clone());
            r.notes = c.map(|c| c.notes.clone()).unwrap_or_default();
        } else if let Some((e, c)) = cands[g]
            .iter()
            .min_by_key(|(e, c)| (used[*e], c.problems.len(), *e))
        {
            r.matched = Some(extracted[*e].0.clone());
            if c.problems.is_empty() {
                r.problems.push(format!(
                    "its match {} is taken by another gold item",
                    extracted[*e].0
                ));
            }
            r.problems.extend(c.problems.iter().cloned());
            r.notes = c.notes.clone();
            used[*e] = true;
        } else {
            r.problems.push(missing(g));
        }
        report.items.push(r);
    }
    for (e, (desc, text)) in extracted.iter().enumerate() {
        if !in_pass[e] && !ignored(gold, layer, text) {
            report.unmatched.push(desc.clone());
        }
    }
    report
}

/// The extracted item sharing the most words with `target`, for messages.
fn closest<'a>(target: &str, texts: impl Iterator<Item = (&'a str, &'a str)>) -> Option<String> {
    let want = norm::words(target);
    texts
        .map(|(desc, t)| {
            let n = norm::words(t).iter().filter(|w| want.contains(w)).count();
            (n, desc)
        })
        .filter(|(n, _)| *n > 0)
        .max_by_key(|(n, _)| *n)
        .map(|(_, d)| d.to_string())
}

fn speaker_problem(
    map: &ActorMap,
    r: &Readout,
    got: Option<&str>,
    want: &Names,
    what: &str,
) -> Option<String> {
    if want.is_empty() {
        return None;
    }
    match got {
        Some(id) if map.resolves_any(id, want) => None,
        Some(id) => Some(format!(
            "{what} is {}, expected {want}",
            r.describe_actor(id)
        )),
        None => Some(format!("no {what}, expected {want}")),
    }
}

// ------------------------------------------------------------------ quotes

fn quotes_impl(gold: &Gold, r: &Readout, map: &ActorMap) -> Report {
    let items = quote_items(gold);
    let extracted: Vec<(String, String)> = r
        .quotes
        .iter()
        .map(|q| {
            let content = q.content.as_ref().map(|c| c.text.as_str()).unwrap_or("");
            let speaker = q
                .speaker
                .as_deref()
                .map(|s| r.describe_actor(s))
                .unwrap_or_else(|| "none".into());
            (
                format!(
                    "{} [{}] {:?} speaker {speaker}",
                    q.id,
                    q.kind,
                    short(content, 60)
                ),
                content.to_string(),
            )
        })
        .collect();
    let eval = |g: usize, e: usize| {
        let gq = &gold.quotes[g];
        let q = &r.quotes[e];
        let content = q
            .content
            .as_ref()
            .map(|c| fold(&c.text))
            .unwrap_or_default();
        let quoted: Vec<String> = q.quoted.iter().map(|s| fold(&s.text)).collect();
        let joined = fold(
            &q.quoted
                .iter()
                .map(|s| s.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        );
        let quote_ok = |want: &str| {
            let want = fold(want);
            quoted.contains(&want) || (!quoted.is_empty() && joined == want) || content == want
        };
        let mut c = Cand::new();
        match (&gq.content, &gq.quote) {
            (Some(want), quote) => {
                if !content.contains(&fold(want)) {
                    return None;
                }
                if let Some(quote) = quote {
                    if !quote_ok(quote) {
                        c.notes.push(format!(
                            "quoted words {quoted:?} do not include {:?}",
                            fold(quote)
                        ));
                    }
                }
            }
            (None, Some(quote)) => {
                if !quote_ok(quote) {
                    return None;
                }
            }
            (None, None) => return None,
        }
        if let Some(p) = speaker_problem(map, r, q.speaker.as_deref(), &gq.speaker, "speaker") {
            c.problems.push(p);
        }
        if let Some(want) = &gq.cue {
            match &q.cue {
                Some(cue) if norm::words_overlap(&cue.text, want) => {}
                Some(cue) => c
                    .problems
                    .push(format!("cue {:?} does not overlap {want:?}", cue.text)),
                None => c.problems.push(format!("no cue, expected {want:?}")),
            }
        }
        if let Some(kind) = &gq.kind {
            if !norm::eq_ci(kind, &q.kind) {
                c.notes
                    .push(format!("kind is {:?}, expected {kind:?}", q.kind));
            }
        }
        if let Some(p) = speaker_problem(map, r, q.addressee.as_deref(), &gq.addressee, "addressee")
        {
            c.notes.push(p);
        }
        Some(c)
    };
    let missing = |g: usize| {
        let gq = &gold.quotes[g];
        let (what, text) = match (&gq.content, &gq.quote) {
            (Some(c), _) => ("content contains", c.as_str()),
            (None, Some(q)) => ("quoted words equal", q.as_str()),
            (None, None) => ("text matches", ""),
        };
        let mut m = format!("no extracted quote's {what} {:?}", short(text, 60));
        if let Some(c) = closest(
            text,
            extracted.iter().map(|(d, t)| (d.as_str(), t.as_str())),
        ) {
            m.push_str(&format!("; closest: {c}"));
        }
        m
    };
    match_layer(gold, "quotes", items, extracted.clone(), eval, missing)
}

fn quote_items(gold: &Gold) -> Vec<(String, bool)> {
    gold.quotes
        .iter()
        .map(|q| {
            let desc = match (&q.quote, &q.content) {
                (Some(quote), _) => format!("quote {:?}", short(quote, 50)),
                (None, Some(content)) => format!("content {:?}", short(content, 50)),
                (None, None) => "quote (no text)".to_string(),
            };
            (format!("{desc} by {}", q.speaker), q.optional)
        })
        .collect()
}

/// Checks every gold quote: the quoted words (or, for `content`, the
/// extracted content containing it), the speaker, and the cue.
pub fn check_quotes(gold: &Gold, readout: &Value) -> Report {
    match Readout::from_value(readout) {
        Ok(r) => quotes_impl(gold, &r, &ActorMap::from_readout(gold, &r)),
        Err(m) => malformed("quotes", quote_items(gold), &m),
    }
}

// ------------------------------------------------------------------ events

/// Types PLOVER codes as AGREE when they lie in the future.
const COOPERATIVE: [&str; 4] = ["CONSULT", "SUPPORT", "COOPERATE", "AID"];

fn events_impl(gold: &Gold, r: &Readout, map: &ActorMap) -> Report {
    let items = event_items(gold);
    let extracted: Vec<(String, String)> = r
        .events
        .iter()
        .map(|e| {
            let trigger = e.trigger.as_ref().map(|t| t.text.as_str()).unwrap_or("");
            let actors: Vec<String> = e.actors.iter().map(|a| r.describe_actor(a)).collect();
            let targets: Vec<String> = e.targets.iter().map(|a| r.describe_actor(a)).collect();
            (
                format!(
                    "{} {} {:?} {} -> {} ({})",
                    e.id,
                    e.event_type,
                    trigger,
                    actors.join(", "),
                    targets.join(", "),
                    e.status
                ),
                trigger.to_string(),
            )
        })
        .collect();
    let eval = |g: usize, x: usize| {
        let ge = &gold.events[g];
        let e = &r.events[x];
        let trigger = e.trigger.as_ref().map(|t| t.text.as_str()).unwrap_or("");
        if let Some(want) = &ge.trigger {
            if !norm::words_overlap(trigger, want) {
                return None;
            }
        }
        let mut c = Cand::new();
        let gtype = ge.event_type.to_uppercase();
        let gstatus = ge.status.as_deref().unwrap_or("occurred");
        let agree_instead = COOPERATIVE.contains(&gtype.as_str())
            && gstatus == "future"
            && e.event_type.eq_ignore_ascii_case("AGREE");
        if !agree_instead && !e.event_type.eq_ignore_ascii_case(&gtype) {
            let alt = if COOPERATIVE.contains(&gtype.as_str()) && gstatus == "future" {
                " (or AGREE)"
            } else {
                ""
            };
            c.problems
                .push(format!("type is {}, expected {gtype}{alt}", e.event_type));
        }
        for (what, got, want) in [
            ("actor", &e.actors, &ge.actor),
            ("target", &e.targets, &ge.target),
        ] {
            if want.is_empty() || got.iter().any(|id| map.resolves_any(id, want)) {
                continue;
            }
            let got: Vec<String> = got.iter().map(|id| r.describe_actor(id)).collect();
            c.problems.push(if got.is_empty() {
                format!("no {what}, expected {want}")
            } else {
                format!("{what}s are {}, expected {want}", got.join(", "))
            });
        }
        if ge.status.is_some() && !agree_instead && !e.status.eq_ignore_ascii_case(gstatus) {
            c.problems
                .push(format!("status is {:?}, expected {gstatus:?}", e.status));
        }
        if let Some(date) = &ge.date {
            match &e.when {
                Some(w) if w.date == *date && none_or_eq(ge.precision.as_deref(), &w.precision) => {
                }
                Some(w) => c.problems.push(format!(
                    "when is {} ({}), expected {date} ({})",
                    w.date,
                    w.precision,
                    ge.precision.as_deref().unwrap_or("any precision")
                )),
                None => c.problems.push(format!("no date, expected {date}")),
            }
        }
        // Reported, not failed.
        if let Some(mode) = &ge.mode {
            if !opt_eq_ci(e.mode.as_deref(), mode) {
                c.notes
                    .push(format!("mode is {:?}, expected {mode:?}", e.mode));
            }
        }
        if !ge.place.is_empty() {
            let got = e.place.as_ref().map(|p| p.name.as_str());
            if !ge.place.iter().any(|p| opt_eq_ci(got, p)) {
                c.notes
                    .push(format!("place is {got:?}, expected {}", ge.place));
            }
        }
        if let Some(issue) = &ge.issue {
            if !opt_eq_ci(e.issue.as_deref(), issue) {
                c.notes
                    .push(format!("issue is {:?}, expected {issue:?}", e.issue));
            }
        }
        if let Some(by) = &ge.reported_by {
            if !e
                .reported_by
                .as_deref()
                .is_some_and(|id| map.resolves(id, by))
            {
                c.notes
                    .push(format!("reported_by is {:?}, expected {by}", e.reported_by));
            }
        }
        for ctx in ge.context.iter() {
            if !e.context.iter().any(|x| norm::eq_ci(x, ctx)) {
                c.notes
                    .push(format!("context {:?} lacks {ctx:?}", e.context));
            }
        }
        let figures: Vec<_> = e.figures.iter().filter_map(|id| r.figure(id)).collect();
        if let Some(m) = &ge.money {
            let ok = figures.iter().any(|f| {
                f.amount.is_some_and(|a| num_eq(a, m.amount))
                    && opt_eq_ci(f.currency.as_deref(), &m.currency)
            });
            if !ok {
                c.notes
                    .push(format!("no linked figure of {} {}", m.amount, m.currency));
            }
        }
        if let Some(min) = ge.duration_minutes {
            if !figures
                .iter()
                .any(|f| f.minutes.is_some_and(|x| num_eq(x, min)))
            {
                c.notes.push(format!("no linked figure of {min} minutes"));
            }
        }
        Some(c)
    };
    let missing = |g: usize| {
        let ge = &gold.events[g];
        let t = ge.trigger.as_deref().unwrap_or("");
        format!("no extracted event has a trigger sharing a word with {t:?}")
    };
    match_layer(gold, "events", items, extracted.clone(), eval, missing)
}

fn event_items(gold: &Gold) -> Vec<(String, bool)> {
    gold.events
        .iter()
        .map(|e| {
            let mut d = format!(
                "{} {:?} {}",
                e.event_type,
                e.trigger.as_deref().unwrap_or(""),
                e.actor
            );
            if !e.target.is_empty() {
                d.push_str(&format!(" -> {}", e.target));
            }
            (d, e.optional)
        })
        .collect()
}

/// Checks every gold event: type (future cooperation may be AGREE), actor,
/// target, status, date and precision, with a trigger sharing a word.
pub fn check_events(gold: &Gold, readout: &Value) -> Report {
    match Readout::from_value(readout) {
        Ok(r) => events_impl(gold, &r, &ActorMap::from_readout(gold, &r)),
        Err(m) => malformed("events", event_items(gold), &m),
    }
}

// ----------------------------------------------------------------- figures

/// Same text, or one contains the other as whole words (folded, any case).
fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (fold_ci(a), fold_ci(b));
    !a.is_empty()
        && !b.is_empty()
        && (a == b || norm::contains_words(&a, &b) || norm::contains_words(&b, &a))
}

fn figures_impl(gold: &Gold, r: &Readout) -> Report {
    let items: Vec<(String, bool)> = figure_items(gold);
    let extracted: Vec<(String, String)> = r
        .figures
        .iter()
        .map(|f| {
            (
                format!("{} {} {:?}", f.id, f.kind, f.span.text),
                f.span.text.clone(),
            )
        })
        .collect();
    let eval = |g: usize, e: usize| {
        let gf = &gold.figures[g];
        let f = &r.figures[e];
        if !same_text(&f.span.text, &gf.text) {
            return None;
        }
        let mut c = Cand::new();
        if !norm::eq_ci(&f.kind, &gf.kind) {
            c.problems
                .push(format!("kind is {:?}, expected {:?}", f.kind, gf.kind));
        }
        for (what, want, got) in [
            ("amount", gf.amount, f.amount),
            ("minutes", gf.minutes, f.minutes),
            ("days", gf.days, f.days),
            ("value", gf.value, f.value),
        ] {
            if let Some(want) = want {
                if !got.is_some_and(|g| num_eq(g, want)) {
                    c.problems
                        .push(format!("{what} is {got:?}, expected {want}"));
                }
            }
        }
        if let Some(want) = &gf.currency {
            if !opt_eq_ci(f.currency.as_deref(), want) {
                c.problems
                    .push(format!("currency is {:?}, expected {want:?}", f.currency));
            }
        }
        if let Some(want) = &gf.by {
            let ok = match (
                super::parse_day(want),
                f.by.as_deref().and_then(super::parse_day),
            ) {
                (Some(w), Some(g)) => (g - w).num_days().abs() <= 1,
                _ => false,
            };
            if !ok {
                c.problems
                    .push(format!("by is {:?}, expected {want} ±1 day", f.by));
            }
        }
        Some(c)
    };
    let missing = |g: usize| {
        format!(
            "no extracted figure has the text {:?}",
            gold.figures[g].text
        )
    };
    match_layer(gold, "figures", items, extracted.clone(), eval, missing)
}

fn figure_items(gold: &Gold) -> Vec<(String, bool)> {
    gold.figures
        .iter()
        .map(|f| (format!("{} {:?}", f.kind, f.text), f.optional))
        .collect()
}

/// Checks every gold figure: text, kind and value fields (`by` ±1 day).
pub fn check_figures(gold: &Gold, readout: &Value) -> Report {
    match Readout::from_value(readout) {
        Ok(r) => figures_impl(gold, &r),
        Err(m) => malformed("figures", figure_items(gold), &m),
    }
}

// ------------------------------------------------------------------- dates

fn dates_impl(gold: &Gold, r: &Readout) -> Report {
    let items = date_items(gold);
    let extracted: Vec<(String, String)> = r
        .dates
        .iter()
        .map(|d| {
            (
                format!(
                    "{:?} {} ({})",
                    d.span.text,
                    d.date.as_deref().unwrap_or("unresolved"),
                    d.precision.as_deref().unwrap_or("-")
                ),
                d.span.text.clone(),
            )
        })
        .collect();
    let eval = |g: usize, e: usize| {
        let gd = &gold.dates[g];
        let d = &r.dates[e];
        if !same_text(&d.span.text, &gd.text) {
            return None;
        }
        let mut c = Cand::new();
        if d.date.as_deref() != Some(gd.date.as_str())
            || !opt_eq_ci(d.precision.as_deref(), &gd.precision)
        {
            c.problems.push(format!(
                "resolved to {} ({}), expected {} ({})",
                d.date.as_deref().unwrap_or("nothing"),
                d.precision.as_deref().unwrap_or("-"),
                gd.date,
                gd.precision
            ));
        }
        Some(c)
    };
    let missing = |g: usize| format!("no extracted date has the text {:?}", gold.dates[g].text);
    match_layer(gold, "dates", items, extracted.clone(), eval, missing)
}

fn date_items(gold: &Gold) -> Vec<(String, bool)> {
    gold.dates
        .iter()
        .map(|d| {
            (
                format!("date {:?} = {} ({})", d.text, d.date, d.precision),
                d.optional,
            )
        })
        .collect()
}

/// Checks every gold date: text, date and precision.
pub fn check_dates(gold: &Gold, readout: &Value) -> Report {
    match Readout::from_value(readout) {
        Ok(r) => dates_impl(gold, &r),
        Err(m) => malformed("dates", date_items(gold), &m),
    }
}

// --------------------------------------------------------------- positions

fn positions_impl(gold: &Gold, r: &Readout, map: &ActorMap) -> Report {
    let items = position_items(gold);
    let extracted: Vec<(String, String)> = r
        .positions
        .iter()
        .map(|p| {
            (
                format!("{} {} {:?}", r.describe_actor(&p.actor), p.stance, p.issue),
                p.issue.clone(),
            )
        })
        .collect();
    let eval = |g: usize, e: usize| {
        let gp = &gold.positions[g];
        let p = &r.positions[e];
        if !map.resolves(&p.actor, &gp.actor) {
            return None;
        }
        let issue = fold_ci(&p.issue);
        let issue_ok = issue == fold_ci(&gp.issue)
            || gp.keys.iter().any(|k| issue.contains(&fold_ci(k)))
            || (gp.keys.is_empty() && issue.contains(&fold_ci(&gp.issue)));
        if !issue_ok {
            return None;
        }
        let mut c = Cand::new();
        if !norm::eq_ci(&p.stance, &gp.stance) {
            c.problems.push(format!(
                "stance is {:?}, expected {:?}",
                p.stance, gp.stance
            ));
        }
        let want = fold_ci(&gp.evidence);
        let mut evidence: Vec<&str> = p.evidence.iter().map(|s| s.text.as_str()).collect();
        for q in p.quotes.iter().filter_map(|id| r.quote(id)) {
            evidence.extend(q.content.as_ref().map(|c: &RSpan| c.text.as_str()));
            evidence.extend(q.quoted.iter().map(|s| s.text.as_str()));
        }
        let ok = evidence.iter().any(|t| {
            let t = fold_ci(t);
            t.contains(&want) || (want.contains(&t) && norm::words(&t).len() >= 3)
        });
        if !ok {
            c.problems.push(format!(
                "no evidence contains {:?} (evidence: {:?})",
                short(&gp.evidence, 60),
                evidence.iter().map(|t| short(t, 40)).collect::<Vec<_>>()
            ));
        }
        Some(c)
    };
    let missing = |g: usize| {
        let gp = &gold.positions[g];
        let keys = if gp.keys.is_empty() {
            vec![gp.issue.clone()]
        } else {
            gp.keys.clone()
        };
        format!(
            "no extracted position of {} has an issue containing {keys:?}",
            gp.actor
        )
    };
    match_layer(gold, "positions", items, extracted.clone(), eval, missing)
}

fn position_items(gold: &Gold) -> Vec<(String, bool)> {
    gold.positions
        .iter()
        .map(|p| {
            (
                format!("{} {} {:?}", p.actor, p.stance, p.issue),
                p.optional,
            )
        })
        .collect()
}

/// Checks every gold position: actor, issue (by its keys), stance, evidence.
pub fn check_positions(gold: &Gold, readout: &Value) -> Report {
    match Readout::from_value(readout) {
        Ok(r) => positions_impl(gold, &r, &ActorMap::from_readout(gold, &r)),
        Err(m) => malformed("positions", position_items(gold), &m),
    }
}

/// Runs every checker; `text` is the article the readout was made from.
pub fn check_all(gold: &Gold, readout: &Value, text: &str) -> SeedReport {
    match Readout::from_value(readout) {
        Ok(r) => {
            let map = ActorMap::from_readout(gold, &r);
            SeedReport {
                actors: actors_impl(gold, &r, &map),
                coreference: coreference_impl(gold, &r, &map, text),
                quotes: quotes_impl(gold, &r, &map),
                events: events_impl(gold, &r, &map),
                figures: figures_impl(gold, &r),
                dates: dates_impl(gold, &r),
                positions: positions_impl(gold, &r, &map),
            }
        }
        Err(m) => SeedReport {
            actors: malformed("actors", actor_items(gold), &m),
            coreference: malformed("coreference", coreference_items(gold), &m),
            quotes: malformed("quotes", quote_items(gold), &m),
            events: malformed("events", event_items(gold), &m),
            figures: malformed("figures", figure_items(gold), &m),
            dates: malformed("dates", date_items(gold), &m),
            positions: malformed("positions", position_items(gold), &m),
        },
    }
}
