//! Finding events: triggers from the lexicon, arguments from clause
//! structure, then status, time, place, issue, figures and the reporter.

use std::borrow::Cow;

use newsgraph_core::{
    ActorId, ActorKind, Analysis, BlockKind, Event, EventStatus, EventType, FigureId, MentionKind,
    PartialDate, Place, Quote, TextRange, Token, TokenKind, When,
};
use newsgraph_lexicon::{Entry, Lexicon};

use crate::lexicon::{EventEntry, EventLexicon, Pos, GAP, MAX_GAP};
use crate::words::{Class, Issues, PhraseStarts, Words};

/// How many tokens from its trigger an event's place may lie.
const MAX_PLACE_DISTANCE: usize = 60;
/// How many earlier candidates a retelling ("the talks") or an anaphor
/// ("such a proposal") looks back over.
const MAX_RETELLING_LOOKBACK: usize = 256;
/// How far after a passive trigger its "by" agent may stand.
const MAX_AGENT_DISTANCE: usize = 24;
/// The dates of its sentence an event may take its time from: this many
/// on each side of the trigger.
const MAX_WHEN_DATES: usize = 16;

/// An actor mention as an argument chunk: sentence-local token indices.
#[derive(Debug, Clone, Copy)]
struct Chunk {
    first: usize,
    last: usize,
    actor: ActorId,
    range: TextRange,
    poss: bool,
    loc: bool,
    /// The mention is of a person ("President Daniel Osei").
    person: bool,
}

/// How a noun trigger is introduced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Det {
    None,
    /// "the talks", "his trip", "Monday's meetings": an event already told.
    Definite,
    /// "such a meeting": an event of the kind already told.
    Kind,
    /// "the next meeting", "his previous trip": another instance.
    New,
}

/// An event found in the text, before merging with the ones it refers to.
struct Cand {
    ev: Event,
    entry: Option<u32>,
    det: Det,
    /// `when` came from the event's own sentence.
    explicit_when: bool,
    /// The event is the same as an earlier one (index into the candidates).
    merged: bool,
    /// A passive with no agent named ("X was arrested"): kept without an actor.
    agentless: bool,
}

/// Why a walk for a subject stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// A comma, colon, "and" or "but": a participle or second verb may share
    /// the main clause's subject.
    Coord,
    Other,
}

pub(crate) struct Extractor<'a> {
    a: &'a Analysis,
    lex: &'a EventLexicon,
    words: &'a Words,
    issues: &'a Issues,
    gaz: &'a Lexicon,
    /// Mention indices per sentence.
    by_sentence: Vec<Vec<u32>>,
    /// Spans inside quotation marks.
    quoted: Vec<TextRange>,
    /// Date indices per sentence.
    dates_by_sentence: Vec<Vec<u32>>,
    /// Whether a sentence holds a date with a value.
    dated: Vec<bool>,
    /// Mentions per country actor, for the salient-target rule.
    country_counts: Vec<(ActorId, usize)>,
    cands: Vec<Cand>,
}

impl<'a> Extractor<'a> {
    pub(crate) fn new(
        a: &'a Analysis,
        lex: &'a EventLexicon,
        words: &'a Words,
        issues: &'a Issues,
        gaz: &'a Lexicon,
    ) -> Self {
        let mut by_sentence = vec![Vec::new(); a.sentences.len()];
        for (i, m) in a.mentions.iter().enumerate() {
            if let Some(v) = by_sentence.get_mut(m.sentence as usize) {
                v.push(i as u32);
            }
        }
        let mut dates_by_sentence = vec![Vec::new(); a.sentences.len()];
        for (i, d) in a.dates.iter().enumerate() {
            if let Some(si) = a.sentence_at(d.range.start()) {
                if a.sentences[si].range.contains_range(d.range) {
                    dates_by_sentence[si].push(i as u32);
                }
            }
        }
        // In text order, for the search in `when`.
        for v in &mut dates_by_sentence {
            v.sort_by_key(|&i| a.dates[i as usize].range.start());
        }
        let dated = dates_by_sentence
            .iter()
            .map(|v| v.iter().any(|&i| a.dates[i as usize].value.is_some()))
            .collect();
        let mut quoted: Vec<TextRange> = a
            .quotes
            .iter()
            .flat_map(|q| q.quoted.iter().copied())
            .collect();
        quoted.sort_by_key(|r| r.start());
        let mut country_counts: Vec<(ActorId, usize)> = a
            .actors
            .iter()
            .enumerate()
            .filter(|(_, x)| x.kind == ActorKind::Country)
            .map(|(i, x)| (ActorId(i as u32), x.mentions.len()))
            .collect();
        country_counts.sort_by_key(|&(id, n)| (std::cmp::Reverse(n), id));
        Extractor {
            a,
            lex,
            words,
            issues,
            gaz,
            by_sentence,
            dates_by_sentence,
            dated,
            quoted,
            country_counts,
            cands: Vec::new(),
        }
    }

    pub(crate) fn run(mut self) -> Vec<Event> {
        for si in 0..self.a.sentences.len() {
            self.sentence(si);
        }
        // Who reported each event: for all of them in one sweep.
        let triggers: Vec<TextRange> = self.cands.iter().map(|c| c.ev.trigger).collect();
        for (c, r) in self
            .cands
            .iter_mut()
            .zip(reporters(&self.a.quotes, &triggers))
        {
            c.ev.reported_by = r;
        }
        self.speech_requests();
        let mut out: Vec<Event> = self
            .cands
            .into_iter()
            .filter(|c| !c.merged)
            .map(|c| c.ev)
            .collect();
        out.sort_by_key(|e| (e.trigger.start(), e.trigger.end()));
        out.dedup_by(|b, a| {
            a.sentence == b.sentence
                && a.event_type == b.event_type
                && a.actors == b.actors
                && a.targets == b.targets
        });
        out
    }

    fn in_quotation(&self, r: TextRange) -> bool {
        let i = self.quoted.partition_point(|q| q.end() <= r.start());
        self.quoted
            .get(i)
            .is_some_and(|q| q.start() <= r.start() && r.end() <= q.end())
    }

    fn sentence(&mut self, si: usize) {
        let a = self.a;
        let toks = a.sentence_tokens(si);
        // Headings restate the body in a few words ("Is a Putin–Zelensky
        // Meeting in the Works?"); furniture is not prose.
        let block = a.blocks[a.sentences[si].block as usize].kind;
        // No actor mentioned: no event can have an actor or a target, unless
        // it takes them from an event of its kind ("such a meeting").
        let text = a.text();
        let kind_word = || {
            toks.iter().any(|t| {
                let w = t.range.slice(text);
                w.len() <= 8 && self.words.is(&w.to_ascii_lowercase(), Class::Kind)
            })
        };
        if toks.is_empty()
            || matches!(block, BlockKind::Heading | BlockKind::Furniture)
            || (self.by_sentence[si].is_empty() && !kind_word())
        {
            return;
        }
        let s = Sent::new(self, si, toks);
        let words: Vec<&str> = s.w.iter().map(|w| w.as_ref()).collect();
        let mut i = 0;
        while i < toks.len() {
            if toks[i].kind != TokenKind::Word {
                i += 1;
                continue;
            }
            if let Some(n) = self.words.phrase_at(&words, i, Class::Block) {
                i += n;
                continue;
            }
            let Some(m) = s.trigger_at(self, &words, i) else {
                i += 1;
                continue;
            };
            let len = m.len;
            let trigger = TextRange::new(toks[i].range.start(), toks[i + len - 1].range.end());
            if !self.in_quotation(trigger) {
                if let Some(c) = self.build(&s, &words, i, i + len - 1, m.entry, m.past, trigger) {
                    self.place_candidate(c);
                }
            }
            // The words a gap spanned are read again: "signed an arms deal"
            // is also an arms deal.
            i += m.advance;
        }
    }

    /// Resolves a candidate against the earlier ones (same event told again,
    /// event of the same kind, missing targets) and keeps or drops it.
    fn place_candidate(&mut self, mut c: Cand) {
        let entry = c.entry.map(|e| self.lex.entry(e).clone());
        let lemma = entry.as_ref().map(|e| e.lemma.as_str()).unwrap_or("");
        let si = c.ev.sentence as usize;
        // The same event told again: "the talks", "last week's summit".
        if c.det == Det::Definite {
            let own: Vec<ActorId> = c.ev.actors.iter().chain(&c.ev.targets).copied().collect();
            // The most recent telling: a bounded look back keeps a text of
            // many events linear.
            let floor = self.cands.len().saturating_sub(MAX_RETELLING_LOOKBACK);
            let ante = self.cands[floor..]
                .iter()
                .rposition(|p| {
                    !p.merged
                        && p.ev.event_type == c.ev.event_type
                        && p.entry.is_some_and(|e| self.lex.entry(e).lemma == lemma)
                        && own
                            .iter()
                            .all(|x| p.ev.actors.contains(x) || p.ev.targets.contains(x))
                })
                .map(|p| floor + p);
            if let Some(p) = ante {
                let (when, explicit, place, figures) = (
                    c.ev.when.clone(),
                    c.explicit_when,
                    c.ev.place.clone(),
                    c.ev.figures.clone(),
                );
                let p = &mut self.cands[p];
                if explicit && when.is_some() && !p.explicit_when {
                    p.ev.when = when;
                    p.explicit_when = true;
                }
                if p.ev.place.is_none() {
                    p.ev.place = place;
                }
                for f in figures {
                    if !p.ev.figures.contains(&f) {
                        p.ev.figures.push(f);
                    }
                }
                return;
            }
        }
        // An event of a kind told before: "such a bilateral meeting".
        if c.ev.actors.is_empty() && c.det == Det::Kind {
            if let Some(p) = self.recent_same_type(&c, si) {
                c.ev.actors = p.actors.clone();
                c.ev.targets = p.targets.clone();
            }
        }
        if c.ev.actors.is_empty() && (!c.agentless || c.ev.targets.is_empty()) {
            return;
        }
        if c.ev.targets.is_empty() && c.det != Det::New {
            if let Some(e) = &entry {
                if e.needs_target {
                    if let Some(p) = self.recent_same_type(&c, si) {
                        let t: Vec<ActorId> = p
                            .actors
                            .iter()
                            .chain(&p.targets)
                            .copied()
                            .filter(|x| !c.ev.actors.contains(x))
                            .collect();
                        c.ev.targets = t;
                    }
                }
            }
        }
        if c.ev.targets.is_empty() && entry.as_ref().is_some_and(|e| e.target.salient) {
            if let Some(t) = self.salient_other(&c.ev.actors) {
                c.ev.targets.push(t);
            }
        }
        if c.ev.targets.is_empty() && entry.as_ref().is_some_and(|e| e.needs_target) {
            return;
        }
        self.cands.push(c);
    }

    /// The latest event of the same type in this or the previous two sentences.
    fn recent_same_type(&self, c: &Cand, si: usize) -> Option<&Event> {
        // Candidates are in sentence order: stop at the first older one.
        self.cands
            .iter()
            .rev()
            .take_while(|p| p.ev.sentence as usize + 2 >= si)
            .take(MAX_RETELLING_LOOKBACK)
            .filter(|p| !p.merged)
            .find(|p| p.ev.event_type == c.ev.event_type && !p.ev.actors.is_empty())
            .map(|p| &p.ev)
    }

    /// The country named most often whose actor and country differ from `actors`'.
    fn salient_other(&self, actors: &[ActorId]) -> Option<ActorId> {
        let countries: Vec<Option<&str>> = actors
            .iter()
            .map(|x| self.a.actors[x.index()].country.as_deref())
            .collect();
        self.country_counts
            .iter()
            .find(|(id, _)| {
                !actors.contains(id)
                    && !countries
                        .iter()
                        .any(|c| c.is_some() && *c == self.a.actors[id.index()].country.as_deref())
            })
            .map(|&(id, _)| id)
    }

    /// The latest event (not by `own`) in this or the previous two sentences,
    /// or the subject of the previous sentence: whom "such a proposal" came from.
    fn proposer(&self, si: usize, own: &[ActorId]) -> Vec<ActorId> {
        if let Some(p) = self
            .cands
            .iter()
            .rev()
            .take_while(|p| p.ev.sentence as usize + 2 >= si)
            .take(MAX_RETELLING_LOOKBACK)
            .find(|p| !p.ev.actors.is_empty() && !p.ev.actors.iter().any(|x| own.contains(x)))
        {
            return p.ev.actors.clone();
        }
        if si == 0 {
            return Vec::new();
        }
        let toks = self.a.sentence_tokens(si - 1);
        let prev = Sent::new(self, si - 1, toks);
        prev.chunks
            .iter()
            .find(|c| !c.loc && !prev.after_prep(self.words, c) && !own.contains(&c.actor))
            .map(|c| vec![c.actor])
            .unwrap_or_default()
    }

    #[allow(clippy::too_many_arguments)]
    fn build(
        &self,
        s: &Sent,
        words: &[&str],
        t0: usize,
        t1: usize,
        entry_idx: u32,
        past: bool,
        trigger: TextRange,
    ) -> Option<Cand> {
        let entry = self.lex.entry(entry_idx);
        let w = self.words;
        let mut actors: Vec<ActorId> = Vec::new();
        let mut targets: Vec<ActorId> = Vec::new();
        let mut det = Det::None;
        let mut zone_start = t0;
        let mut places: Vec<Chunk> = Vec::new();
        let mut anaphoric_object = false;
        let mut agentless = false;
        match entry.pos {
            Pos::Verb => {
                let passive = past && s.passive_before(w, words, t0);
                // An agent follows within the clause, if at all.
                let clause_end = (t1 + 1 + MAX_AGENT_DISTANCE).min(words.len());
                agentless = passive && !words[t1 + 1..clause_end].contains(&"by");
                let (subj, stop) = s.subject(w, words, t0, true);
                let mut subj = subj;
                if subj.is_empty() && stop == Some(Stop::Coord) {
                    subj = s.main_subject(w, words, t0);
                }
                let obj = s.objects(self, w, words, t1, entry, true, passive);
                if passive {
                    targets = subj;
                    actors = obj.by;
                    // "An agreement between A and B was signed": the sides
                    // act together when no agent is named.
                    let between = t0 >= 2 && words[t0.saturating_sub(10)..t0].contains(&"between");
                    if actors.is_empty() && between && targets.len() > 1 {
                        actors.push(targets.remove(0));
                    }
                } else {
                    actors = subj;
                    targets = obj.targets;
                }
                if actors.is_empty() && !obj.between.is_empty() {
                    actors = obj.between;
                } else {
                    targets.extend(obj.between);
                }
                places = obj.places;
                anaphoric_object = obj.anaphor;
                if targets.is_empty() && !passive {
                    targets.extend(obj.demonym);
                }
            }
            Pos::Noun => {
                let zone = s.zone(w, words, t0);
                det = zone.det;
                zone_start = zone.start;
                places.extend(zone.places);
                let obj = s.objects(self, w, words, t1, entry, false, false);
                places.extend(obj.places);
                if let Some(p) = zone.possessor {
                    actors.push(p);
                    targets.extend(zone.compounds);
                } else if let Some((first, rest)) = zone.compounds.split_first() {
                    actors.push(*first);
                    targets.extend_from_slice(rest);
                }
                targets.extend(obj.targets);
                if actors.is_empty() {
                    actors.extend(obj.by);
                }
                if actors.is_empty() && !obj.between.is_empty() {
                    actors = obj.between;
                } else {
                    targets.extend(obj.between);
                }
                if actors.is_empty() {
                    actors = s.relative_subject(w, words, t1);
                }
                if actors.is_empty() && det != Det::Kind {
                    let (subj, _) = s.subject(w, words, zone_start, false);
                    actors = subj;
                }
            }
        }
        // Coordinated subjects of a two-sided event with no other target:
        // "Trump and Putin held talks" is Trump with Putin.
        if targets.is_empty() && actors.len() > 1 {
            targets = actors.split_off(1);
        }
        actors.dedup();
        targets.retain(|x| !actors.contains(x));
        targets.dedup();
        if targets.is_empty() && entry.target.content {
            targets = self.content_target(trigger, &actors);
        }
        if targets.is_empty() && anaphoric_object {
            targets = self.proposer(s.si, &actors);
        }
        let (cl_start, cl_end) = s.clause(w, words, zone_start.min(t0), t1);
        let status = s.status(w, words, t0, t1, zone_start, cl_start, entry.pos);
        let (when, explicit_when) = self.when(s, t0, status);
        let place = self.place(s, words, t0, &places);
        let lo = s.toks[cl_start].range.start();
        let hi = s.toks[cl_end].range.end();
        let figures: Vec<FigureId> = self
            .a
            .figures
            .iter()
            .enumerate()
            .filter(|(_, f)| f.range.start() >= lo && f.range.end() <= hi)
            .map(|(i, _)| FigureId(i as u32))
            .collect();
        let issue = s.issue(self.issues, words, t0, t1).map(str::to_string);
        Some(Cand {
            ev: Event {
                event_type: entry.event_type,
                mode: entry.mode.clone(),
                context: entry.context.clone(),
                cameo: entry.cameo.clone(),
                actors,
                targets,
                status,
                trigger,
                when,
                place,
                issue,
                // Filled in by `run`, for all candidates at once.
                reported_by: None,
                figures,
                sentence: s.si as u32,
            },
            entry: Some(entry_idx),
            det,
            explicit_when,
            merged: false,
            agentless,
        })
    }

    /// The first actor other than `own` named in the content of the quotation
    /// that the word at `cue` introduces.
    fn content_target(&self, cue: TextRange, own: &[ActorId]) -> Vec<ActorId> {
        let Some(q) = self
            .a
            .quotes
            .iter()
            .find(|q| q.cue.is_some_and(|c| c.intersects(cue)))
        else {
            return Vec::new();
        };
        if let Some(x) = q.addressee.filter(|x| !own.contains(x)) {
            return vec![x];
        }
        self.a
            .mentions
            .iter()
            .filter(|m| q.content.contains_range(m.range))
            .map(|m| m.actor)
            .find(|x| {
                !own.contains(x)
                    && Some(*x) != q.speaker
                    && self.a.actors[x.index()].kind != ActorKind::Location
            })
            .into_iter()
            .collect()
    }

    /// The date of the event: the nearest resolved date in the trigger's own
    /// segment of the sentence, else the nearest in the main clause and
    /// phrases set off by commas, else in a subordinate clause; never one in
    /// an aside (parenthesis, dashes, relative clause, apposition — see
    /// [`Sent::date_segments`]), and for a trigger inside an aside only its
    /// own segment's. For an event that happened with none, the latest date
    /// of the two sentences before.
    fn when(&self, s: &Sent, t0: usize, status: EventStatus) -> (Option<When>, bool) {
        let a = self.a;
        let at = s.toks[t0].range.start();
        let dated = self.dated[s.si];
        // Cut once per sentence, and only when it has a date: a sentence of
        // many triggers stays linear.
        let no_segments = (Vec::new(), Vec::new());
        let (seg, attach) = if dated {
            s.segments.get_or_init(|| s.date_segments(self))
        } else {
            &no_segments
        };
        let own = seg.get(t0).copied().unwrap_or(0);
        // The dates nearest the trigger, at most MAX_WHEN_DATES on each
        // side: a sentence of many triggers and many dates stays linear.
        let dates = &self.dates_by_sentence[s.si];
        let mid = dates.partition_point(|&i| a.dates[i as usize].range.start() < at);
        let near =
            &dates[mid.saturating_sub(MAX_WHEN_DATES)..(mid + MAX_WHEN_DATES).min(dates.len())];
        let best = near
            .iter()
            .map(|&i| &a.dates[i as usize])
            .filter_map(|d| d.value.map(|v| (d, v)))
            .filter_map(|(d, v)| {
                let k = s.toks.partition_point(|t| t.range.end() <= d.range.start());
                let g = *seg.get(k)?;
                let tier = match attach[g] {
                    _ if g == own => 0,
                    // An event told in an aside has no date from the rest.
                    _ if attach[own] == Attach::Aside => return None,
                    Attach::Main => 1,
                    Attach::Subordinate => 2,
                    Attach::Aside => return None,
                };
                Some((tier, d, v))
            })
            .min_by_key(|&(tier, d, _)| {
                let dist = if d.range.start() >= at {
                    d.range.start() - at
                } else {
                    at - d.range.end()
                };
                (tier, dist)
            })
            .map(|(_, d, v)| (d, v));
        if let Some((d, v)) = best {
            return (
                Some(When {
                    value: v,
                    range: d.range,
                }),
                true,
            );
        }
        if status != EventStatus::Occurred {
            return (None, false);
        }
        for back in 1..=2 {
            let Some(pi) = s.si.checked_sub(back) else {
                break;
            };
            let last = self.dates_by_sentence[pi]
                .iter()
                .map(|&i| &a.dates[i as usize])
                .filter(|d| d.note.is_none())
                .filter_map(|d| d.value.map(|v: PartialDate| (d, v)))
                .next_back();
            if let Some((d, v)) = last {
                return (
                    Some(When {
                        value: v,
                        range: d.range,
                    }),
                    false,
                );
            }
        }
        (None, false)
    }

    /// Where the event happened: a place named after "in", "at", "to" in its
    /// sentence (locations from the actor layer, venues from the gazetteer),
    /// nearest to the trigger.
    fn place(&self, s: &Sent, words: &[&str], t0: usize, extra: &[Chunk]) -> Option<Place> {
        let a = self.a;
        let mut best: Option<(usize, Place)> = None;
        let mut consider = |dist: usize, p: Place| {
            if best.as_ref().is_none_or(|(d, _)| dist < *d) {
                best = Some((dist, p));
            }
        };
        // Chunks start in text order: only those that can lie within
        // MAX_PLACE_DISTANCE of the trigger.
        let lo = s
            .chunks
            .partition_point(|c| c.first + 2 * MAX_PLACE_DISTANCE < t0);
        let hi = s
            .chunks
            .partition_point(|c| c.first <= t0 + MAX_PLACE_DISTANCE);
        for c in s.chunks[lo..hi.max(lo)].iter().chain(extra) {
            let prep = c.first.checked_sub(1).map(|j| words[j]);
            let place_prep = matches!(prep, Some("in" | "at" | "to" | "from"));
            if !c.loc && !place_prep {
                continue;
            }
            let dist = if c.first > t0 {
                c.first - t0
            } else {
                t0.saturating_sub(c.last)
            };
            // A place is near its trigger; the bound also keeps a sentence of
            // many triggers and places linear.
            if dist > MAX_PLACE_DISTANCE {
                continue;
            }
            let actor = &a.actors[c.actor.index()];
            let venue = self.venue(c.range.slice(a.text()));
            if !(c.loc || venue.is_some()) {
                continue;
            }
            let (name, country) = match venue {
                Some((n, cty)) => (n, cty),
                None => (actor.name.clone(), actor.country.clone()),
            };
            consider(
                dist,
                Place {
                    name,
                    country,
                    range: trim_article(a.text(), c.range),
                },
            );
        }
        best.map(|(_, p)| p)
    }

    /// A gazetteer place of this name: its canonical name and country.
    fn venue(&self, name: &str) -> Option<(String, Option<String>)> {
        let key = newsgraph_lexicon::key(name);
        self.gaz.lookup(&key).iter().find_map(|e| match e {
            Entry::Place(i) => {
                let p = &self.gaz.places[*i as usize];
                Some((p.name.clone(), p.country.clone()))
            }
            _ => None,
        })
    }

    /// A country actor for a demonym ("Ukrainian-made drones" -> Ukraine).
    fn demonym_actor(&self, word: &str) -> Option<ActorId> {
        let head = word.split('-').next().unwrap_or(word);
        let iso = self.gaz.lookup(head).iter().find_map(|e| match e {
            Entry::CountryAdjective(i) => Some(self.gaz.countries[*i as usize].iso3.as_str()),
            _ => None,
        })?;
        self.a
            .actors
            .iter()
            .position(|x| x.kind == ActorKind::Country && x.country.as_deref() == Some(iso))
            .map(|i| ActorId(i as u32))
    }

    /// Speech that states an obligation is a demand: "Ukraine has argued that
    /// halting hostilities must come first" is a REQUEST by Ukraine.
    fn speech_requests(&mut self) {
        let a = self.a;
        if !a
            .quotes
            .iter()
            .any(|q| q.speaker.is_some() && q.cue.is_some())
        {
            return;
        }
        // Only the content outside quotation marks counts: the reporter's
        // words. A content can run for most of a long article and contents
        // overlap, so those words are read once for the article: `rank`
        // gives, per token, how many of them come before it, so a content's
        // words are a run of `words`, searched through the phrase indices.
        // Tokens in no content of a speaker's cue are left out: a phrase is
        // only ever sought within one content.
        let triggers = Reach::new(self.cands.iter().map(|c| c.ev.trigger));
        let token_run = |q: &Quote| {
            let from = a
                .tokens
                .partition_point(|t| t.range.start() < q.content.start());
            let to = from + a.tokens[from..].partition_point(|t| t.range.end() <= q.content.end());
            (from, to)
        };
        let mut depth = vec![0i32; a.tokens.len() + 1];
        for q in &a.quotes {
            if q.speaker.is_some() && q.cue.is_some_and(|c| !triggers.intersects(c)) {
                let (from, to) = token_run(q);
                depth[from] += 1;
                depth[to] -= 1;
            }
        }
        let mut rank = Vec::with_capacity(a.tokens.len() + 1);
        let mut norm: Vec<Cow<str>> = Vec::new();
        let mut inside = 0;
        for (t, d) in a.tokens.iter().zip(&depth) {
            inside += d;
            rank.push(norm.len());
            if inside > 0 && !self.in_quotation(t.range) {
                norm.push(norm_word(t.range.slice(a.text())));
            }
        }
        rank.push(norm.len());
        let words: Vec<&str> = norm.iter().map(|w| w.as_ref()).collect();
        let deontic = PhraseStarts::new(words.len(), |i| {
            self.words.shortest_at(&words, i, Class::Deontic)
        });
        let issues = PhraseStarts::new(words.len(), |i| self.issues.shortest_at(&words, i));
        let mut found = Vec::new();
        for q in &a.quotes {
            let (Some(speaker), Some(cue)) = (q.speaker, q.cue) else {
                continue;
            };
            if triggers.intersects(cue) {
                continue;
            }
            let Some(si) = a.sentence_at(cue.start()) else {
                continue;
            };
            // Tokens are in text order and do not overlap: the content's
            // run of them ends before the first reaching past it.
            let (from, to) = token_run(q);
            let (lo, hi) = (rank[from], rank[to]);
            if deontic.first_within(lo, hi).is_none() {
                continue;
            }
            // The first issue of the content, read as in the content alone:
            // no phrase runs past its end.
            let issue = issues
                .first_within(lo, hi)
                .and_then(|i| self.issues.at(&words[..hi], i))
                .map(str::to_string);
            let targets: Vec<ActorId> = q.addressee.into_iter().collect();
            found.push(Cand {
                ev: Event {
                    event_type: EventType::Request,
                    mode: None,
                    context: Vec::new(),
                    cameo: Some("100".into()),
                    actors: vec![speaker],
                    targets,
                    status: EventStatus::Occurred,
                    trigger: cue,
                    when: None,
                    place: None,
                    issue,
                    reported_by: None,
                    figures: Vec::new(),
                    sentence: si as u32,
                },
                entry: None,
                det: Det::None,
                explicit_when: false,
                merged: false,
                agentless: false,
            });
        }
        // One reading per sentence, however many demands it holds.
        let mut sent: Option<Sent> = None;
        for mut c in found {
            let si = c.ev.sentence as usize;
            let toks = a.sentence_tokens(si);
            if !toks.is_empty() {
                if sent.as_ref().is_none_or(|s| s.si != si) {
                    sent = Some(Sent::new(self, si, toks));
                }
                if let Some(s) = &sent {
                    let t0 = toks.partition_point(|t| t.range.start() < c.ev.trigger.start());
                    let t0 = if t0 < toks.len() { t0 } else { 0 };
                    let (when, _) = self.when(s, t0, EventStatus::Occurred);
                    c.ev.when = when;
                }
            }
            self.cands.push(c);
        }
    }
}

/// For each range, the speaker of the innermost quotation whose content
/// holds it and whose cue does not (the first in the layer of those as
/// short); `None` also when that quotation has no speaker. One sweep in text
/// order over the ranges and the contents, keeping only the contents still
/// open: many events in many long quotations are not each read against
/// every quotation.
fn reporters(quotes: &[Quote], ranges: &[TextRange]) -> Vec<Option<ActorId>> {
    let mut order: Vec<usize> = (0..ranges.len()).collect();
    order.sort_by_key(|&i| ranges[i].start());
    let mut by_start: Vec<usize> = (0..quotes.len()).collect();
    by_start.sort_by_key(|&k| quotes[k].content.start());
    let mut next = 0;
    let mut open: Vec<usize> = Vec::new();
    let mut out = vec![None; ranges.len()];
    for i in order {
        let r = ranges[i];
        while let Some(&k) = by_start.get(next) {
            if quotes[k].content.start() > r.start() {
                break;
            }
            open.push(k);
            next += 1;
        }
        // A content ending before this range starts holds no later one.
        open.retain(|&k| quotes[k].content.end() >= r.start());
        out[i] = open
            .iter()
            .copied()
            .filter(|&k| {
                let q = &quotes[k];
                q.content.contains_range(r) && q.cue.is_none_or(|c| !c.contains_range(r))
            })
            .min_by_key(|&k| (quotes[k].content.len(), k))
            .and_then(|k| quotes[k].speaker);
    }
    out
}

/// Ranges by start, with the furthest end reached so far: whether any of
/// them intersects a range, by a binary search.
struct Reach {
    starts: Vec<usize>,
    max_end: Vec<usize>,
}

impl Reach {
    fn new(ranges: impl Iterator<Item = TextRange>) -> Reach {
        let mut r: Vec<TextRange> = ranges.collect();
        r.sort_by_key(|r| r.start());
        let mut end = 0;
        let max_end = r
            .iter()
            .map(|r| {
                end = end.max(r.end());
                end
            })
            .collect();
        Reach {
            starts: r.iter().map(|r| r.start()).collect(),
            max_end,
        }
    }

    /// True when one of the ranges shares a byte with `r` ([`TextRange::intersects`]).
    fn intersects(&self, r: TextRange) -> bool {
        // Of those starting before `r` ends, one must end after it starts.
        let k = self.starts.partition_point(|&s| s < r.end());
        k > 0 && self.max_end[k - 1] > r.start()
    }
}

/// For `keys` in ascending order, per position `0..=n`: how many keys are
/// below it (so the keys equal to `j` are `out[j]..out[j + 1]`).
fn counts_before(n: usize, keys: impl Iterator<Item = usize>) -> Vec<u32> {
    let mut out = vec![0u32; n + 1];
    let mut below = 0u32;
    let mut keys = keys.peekable();
    for (j, slot) in out.iter_mut().enumerate() {
        while keys.next_if(|&k| k < j).is_some() {
            below += 1;
        }
        *slot = below;
    }
    out
}

/// Drops a leading "the " from a place's span.
fn trim_article(text: &str, r: TextRange) -> TextRange {
    let s = r.slice(text);
    for p in ["the ", "The "] {
        if s.starts_with(p) && s.len() > p.len() {
            return TextRange::new(r.start() + p.len(), r.end());
        }
    }
    r
}

/// Lowercase with straight apostrophes, borrowing when already so.
fn norm_word(s: &str) -> Cow<'_, str> {
    if s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(
            s.chars()
                .flat_map(|c| match c {
                    '’' | '‘' => '\''.to_lowercase(),
                    c => c.to_lowercase(),
                })
                .collect(),
        )
    }
}

/// What a segment of a sentence is to its main clause, for dating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attach {
    /// The main clause, an introductory phrase, or a phrase set off by
    /// commas ("..., signed in Nairobi on Thursday").
    Main,
    /// A clause opened by a boundary word other than a coordinator
    /// ("that", "after").
    Subordinate,
    /// A parenthesis, dash pair, relative clause or apposition: its dates
    /// are not the event's.
    Aside,
}

/// A trigger found at a token.
#[derive(Debug, Clone, Copy)]
struct TriggerMatch {
    /// Tokens the trigger covers, gaps included.
    len: usize,
    entry: u32,
    /// A past-tense or past-participle verb form (for the passive).
    past: bool,
    /// Tokens to move on by: the whole trigger, or the words before its gap.
    advance: usize,
}

/// Arguments found to the right of a trigger.
#[derive(Default)]
struct Objects {
    targets: Vec<ActorId>,
    between: Vec<ActorId>,
    by: Vec<ActorId>,
    places: Vec<Chunk>,
    demonym: Vec<ActorId>,
    anaphor: bool,
}

/// What stands before a noun trigger.
struct Zone {
    start: usize,
    det: Det,
    possessor: Option<ActorId>,
    compounds: Vec<ActorId>,
    places: Vec<Chunk>,
}

/// One sentence: tokens, normalised words and argument chunks.
struct Sent<'a> {
    si: usize,
    toks: &'a [Token],
    w: Vec<Cow<'a, str>>,
    /// Actor mentions, in text order (by first token).
    chunks: Vec<Chunk>,
    /// Chunk indices ordered by (last token, index), for [`Sent::chunks_ending`].
    by_last: Vec<u32>,
    /// Per token, and one past the last: how many chunks start before it
    /// (in `chunks`) and end before it (in `by_last`). Chunks are looked up
    /// at every token a trigger's arguments are sought from: a lookup, not a
    /// search, keeps a sentence of many triggers and chunks linear.
    starting_from: Vec<u32>,
    ending_from: Vec<u32>,
    /// Tokens inside some chunk.
    covered: Vec<bool>,
    /// [`Sent::main_subject`]'s chunk, computed on first use.
    main_subject_chunk: std::cell::OnceCell<Option<usize>>,
    /// Tokens inside a date expression ("on Thursday", "last week").
    in_date: Vec<bool>,
    /// [`Sent::date_segments`], computed on first use.
    segments: std::cell::OnceCell<(Vec<usize>, Vec<Attach>)>,
}

fn is_possessive_pronoun(w: &str) -> bool {
    matches!(w, "his" | "her" | "its" | "their" | "our" | "my" | "your")
}

impl<'a> Sent<'a> {
    fn new(x: &Extractor<'a>, si: usize, toks: &'a [Token]) -> Sent<'a> {
        let a = x.a;
        let text = a.text();
        let w: Vec<Cow<'a, str>> = toks
            .iter()
            .map(|t| norm_word(t.range.slice(text)))
            .collect();
        let tok_of = |off: usize| {
            toks.partition_point(|t| t.range.end() <= off)
                .min(toks.len() - 1)
        };
        let mut ms: Vec<&newsgraph_core::Mention> = x.by_sentence[si]
            .iter()
            .map(|&i| &a.mentions[i as usize])
            .collect();
        // Drop mentions inside a longer one ("U.S." in "U.S. President Donald
        // Trump"): in (start, longest first) order a mention lies inside
        // another exactly when an earlier one reaches at least as far.
        ms.sort_by_key(|m| (m.range.start(), std::cmp::Reverse(m.range.end())));
        ms.dedup_by_key(|m| m.range);
        let mut reach = 0;
        ms.retain(|m| {
            let inside = m.range.end() <= reach;
            reach = reach.max(m.range.end());
            !inside
        });
        let chunks = ms
            .iter()
            .map(|m| {
                let first = tok_of(m.range.start());
                let last = tok_of(m.range.end().saturating_sub(1));
                let after = &text[m.range.end()..];
                let poss = after.starts_with("'s")
                    || after.starts_with("’s")
                    || (m.kind == MentionKind::Pronoun && is_possessive_pronoun(&w[first]));
                Chunk {
                    first,
                    last,
                    actor: m.actor,
                    range: m.range,
                    poss,
                    loc: a.actors[m.actor.index()].kind == ActorKind::Location,
                    person: a.actors[m.actor.index()].kind == ActorKind::Person,
                }
            })
            .collect();
        let mut in_date = vec![false; toks.len()];
        for d in x.dates_by_sentence[si]
            .iter()
            .map(|&i| &a.dates[i as usize])
        {
            // Tokens are in text order: only those from the date's start on.
            let from = toks.partition_point(|t| t.range.start() < d.range.start());
            for (k, t) in toks.iter().enumerate().skip(from) {
                if t.range.start() >= d.range.end() {
                    break;
                }
                if d.range.contains_range(t.range) {
                    in_date[k] = true;
                }
            }
        }
        let chunks: Vec<Chunk> = chunks;
        let mut by_last: Vec<u32> = (0..chunks.len() as u32).collect();
        by_last.sort_by_key(|&i| (chunks[i as usize].last, i));
        let starting_from = counts_before(toks.len(), chunks.iter().map(|c| c.first));
        let ending_from =
            counts_before(toks.len(), by_last.iter().map(|&i| chunks[i as usize].last));
        let mut covered = vec![false; toks.len()];
        for c in &chunks {
            for k in covered.iter_mut().take(c.last + 1).skip(c.first) {
                *k = true;
            }
        }
        Sent {
            si,
            toks,
            w,
            chunks,
            by_last,
            starting_from,
            ending_from,
            covered,
            main_subject_chunk: std::cell::OnceCell::new(),
            in_date,
            segments: std::cell::OnceCell::new(),
        }
    }

    fn word(&self, j: usize) -> &str {
        &self.w[j]
    }

    /// The sentence cut into segments for dating: a segment per token, and
    /// per segment whether it is an aside whose dates belong to something
    /// else. Segments end at clause punctuation and boundary words (never
    /// inside a date: "July 14, 1789"). Asides are a parenthesis or a pair of
    /// dashes, a relative clause ("which", "who": `aside` in `data/words.tsv`),
    /// and an apposition: after a comma or dash, a phrase opening with a
    /// determiner or possessive with no auxiliary or reporting verb (`aux`),
    /// form of "be" or quotation cue in it (", the anniversary of ..." but
    /// not ", the ministry said on Monday"). A parenthesis or dash pair
    /// holding a date alone is no aside (a dateline). A segment opened by a
    /// boundary word other than a coordinator (`coord`) is subordinate.
    fn date_segments(&self, x: &Extractor) -> (Vec<usize>, Vec<Attach>) {
        #[derive(Default, Clone, Copy)]
        struct Seg {
            paren: bool,
            rel: bool,
            comma: bool,
            bound: bool,
            first: Option<usize>,
            /// A word outside any date.
            words: bool,
        }
        let w = x.words;
        let n = self.toks.len();
        let dash = |k: usize| matches!(self.word(k), "—" | "–");
        // A dash between two words without spaces joins them ("Trump–Putin").
        let joiner = |k: usize| {
            k > 0
                && k + 1 < n
                && self.toks[k - 1].range.end() == self.toks[k].range.start()
                && self.toks[k].range.end() == self.toks[k + 1].range.start()
        };
        let mut segs: Vec<Seg> = vec![Seg::default()];
        let mut seg_of: Vec<usize> = Vec::with_capacity(n);
        let mut cur = 0usize;
        // Outer segments to resume after a parenthesis or dash pair, with
        // the closing mark expected.
        let mut stack: Vec<(usize, &str)> = Vec::new();
        let open_new = |segs: &mut Vec<Seg>, cur: &mut usize| {
            if segs[*cur].first.is_some() {
                segs.push(Seg::default());
                *cur = segs.len() - 1;
            }
        };
        for k in 0..n {
            let word = self.word(k);
            let closing = stack.last().is_some_and(|&(_, c)| c == word) && !joiner(k);
            if self.in_date[k] {
                seg_of.push(cur);
                segs[cur].first.get_or_insert(k);
                continue;
            }
            if closing {
                seg_of.push(cur);
                let (outer, _) = stack.pop().expect("checked");
                cur = outer;
                continue;
            }
            let paired_dash = dash(k)
                && !joiner(k)
                && (k + 1..n).any(|j| self.word(j) == word && !self.in_date[j] && !joiner(j));
            if word == "(" || paired_dash {
                stack.push((cur, if word == "(" { ")" } else { word }));
                segs.push(Seg {
                    paren: true,
                    ..Seg::default()
                });
                cur = segs.len() - 1;
                seg_of.push(cur);
                continue;
            }
            let punct = self.is_punct_bound(k) && !(dash(k) && joiner(k));
            if punct || w.is(word, Class::Bound) {
                open_new(&mut segs, &mut cur);
                let s = &mut segs[cur];
                s.comma |= punct && matches!(word, "," | "—" | "–");
                s.rel |= w.is(word, Class::Aside);
                s.bound |= w.is(word, Class::Bound) && !w.is(word, Class::Coord);
                seg_of.push(cur);
                continue;
            }
            seg_of.push(cur);
            segs[cur].first.get_or_insert(k);
            segs[cur].words = true;
        }
        let cues: Vec<TextRange> = x.a.quotes.iter().filter_map(|q| q.cue).collect();
        let attach = segs
            .iter()
            .enumerate()
            .map(|(g, s)| {
                // A date alone between dashes is the event's: a dateline
                // ("BOGOTÁ — September 16, 2025 — The ministry signed ...").
                if s.paren && !s.words {
                    return Attach::Main;
                }
                if s.paren || s.rel {
                    return Attach::Aside;
                }
                let kept = if s.bound {
                    Attach::Subordinate
                } else {
                    Attach::Main
                };
                let Some(first) = s.first else {
                    return kept;
                };
                if !s.comma
                    || !(w.is(self.word(first), Class::Det)
                        || is_possessive_pronoun(self.word(first)))
                {
                    return kept;
                }
                // A clause, not a noun phrase: "the ministry has said".
                let clause = (0..n).filter(|&k| seg_of[k] == g).any(|k| {
                    let word = self.word(k);
                    w.is(word, Class::Aux)
                        || w.is(word, Class::Be)
                        || cues.iter().any(|c| c.intersects(self.toks[k].range))
                });
                if clause {
                    kept
                } else {
                    Attach::Aside
                }
            })
            .collect();
        (seg_of, attach)
    }

    fn is_punct_bound(&self, j: usize) -> bool {
        self.toks[j].kind == TokenKind::Punct
            && matches!(self.word(j), "," | ";" | ":" | "—" | "–" | "?" | "!" | ".")
    }

    fn is_bound(&self, w: &Words, j: usize) -> bool {
        self.is_punct_bound(j) || w.is(self.word(j), Class::Bound)
    }

    /// The chunks whose last token is `j`, in text order.
    fn chunks_ending(&self, j: usize) -> impl Iterator<Item = &Chunk> {
        let ids = match (self.ending_from.get(j), self.ending_from.get(j + 1)) {
            (Some(&from), Some(&to)) => &self.by_last[from as usize..to as usize],
            _ => &[],
        };
        ids.iter().map(|&i| &self.chunks[i as usize])
    }

    /// The chunks whose first token is `j`, in text order.
    fn chunks_starting(&self, j: usize) -> &[Chunk] {
        match (self.starting_from.get(j), self.starting_from.get(j + 1)) {
            (Some(&from), Some(&to)) => &self.chunks[from as usize..to as usize],
            _ => &[],
        }
    }

    fn chunk_starting(&self, j: usize) -> Option<&Chunk> {
        self.chunks_starting(j).first()
    }

    fn after_prep(&self, w: &Words, c: &Chunk) -> bool {
        c.first > 0 && w.is(self.word(c.first - 1), Class::Prep)
    }

    /// The longest lexicon pattern starting at token `i`.
    fn trigger_at(&self, x: &Extractor, words: &[&str], i: usize) -> Option<TriggerMatch> {
        let best = self.trigger_candidates(x, words, i);
        let (n, entry, past) = self.pick_trigger(x, words, i, best)?;
        let form_gap = x
            .lex
            .starting_with(words[i])
            .filter(|f| f.entry == entry)
            .filter_map(|f| f.words.iter().position(|w| w == GAP))
            .min();
        // A gap pattern matched over its gap: go on right after the words
        // before the gap.
        let advance = match form_gap {
            Some(g) if n > g => g,
            _ => n,
        };
        Some(TriggerMatch {
            len: n,
            entry,
            past,
            advance: advance.max(1),
        })
    }

    /// Every lexicon form matching at token `i`: (length in tokens, entry, past form).
    fn trigger_candidates(
        &self,
        x: &Extractor,
        words: &[&str],
        i: usize,
    ) -> Vec<(usize, u32, bool)> {
        let mut best: Vec<(usize, u32, bool)> = Vec::new();
        for f in x.lex.starting_with(words[i]) {
            if let Some(end) = self.match_form(x, words, &f.words, i) {
                best.push((end - i, f.entry, f.past));
            }
        }
        best
    }

    /// Matches pattern words `p` at token `j`: the token after the match.
    /// A gap takes up to [`MAX_GAP`] words of a noun phrase (see [`Sent::gap_word`]),
    /// as few as the next pattern word allows.
    fn match_form(&self, x: &Extractor, words: &[&str], p: &[String], j: usize) -> Option<usize> {
        let Some((first, rest)) = p.split_first() else {
            return Some(j);
        };
        if first != GAP {
            return (j < words.len() && words[j] == first)
                .then(|| self.match_form(x, words, rest, j + 1))
                .flatten();
        }
        let next = rest.first()?;
        for g in 0..=MAX_GAP {
            let k = j + g;
            if k >= words.len() {
                break;
            }
            if words[k] == next {
                if let Some(end) = self.match_form(x, words, rest, k) {
                    return Some(end);
                }
            }
            if g == MAX_GAP || !self.gap_word(x, words, k) {
                break;
            }
        }
        None
    }

    /// A word a pattern's gap may span: part of a noun phrase (determiner,
    /// adjective, number, noun modifier), not punctuation, an actor, a date,
    /// a clause boundary, a preposition, an auxiliary, a modal, a negation or
    /// a verb (a past form or "-ed"/"-ing" word not after a determiner).
    fn gap_word(&self, x: &Extractor, words: &[&str], k: usize) -> bool {
        let w = x.words;
        let word = words[k];
        if !matches!(
            self.toks[k].kind,
            TokenKind::Word | TokenKind::Number | TokenKind::Symbol
        ) || self.in_date[k]
            || self.covered[k]
        {
            return false;
        }
        let closed = [
            Class::Bound,
            Class::Rel,
            Class::Prep,
            Class::Be,
            Class::Skip,
            Class::Neg,
            Class::NegVerb,
            Class::Hypo,
            Class::Future,
            Class::Deontic,
            Class::Block,
        ];
        if closed.iter().any(|&c| w.is(word, c)) {
            return false;
        }
        let verbal = word.ends_with("ed") || word.ends_with("ing") || x.lex.is_past_verb(word);
        !(verbal && !(k > 0 && w.is(words[k - 1], Class::Det)))
    }

    /// Of the forms matching at token `i`, the one that reads there: a noun
    /// after a determiner, otherwise the longest.
    fn pick_trigger(
        &self,
        x: &Extractor,
        words: &[&str],
        i: usize,
        mut best: Vec<(usize, u32, bool)>,
    ) -> Option<(usize, u32, bool)> {
        if best.is_empty() {
            return None;
        }
        // Longest first; the lexicon order (user entries first) breaks ties.
        best.sort_by_key(|&(n, _, _)| std::cmp::Reverse(n));
        // Noun or verb: a determiner, possessive or preposition before the
        // word (past one adjective) makes it a noun.
        let prev = |k: usize| i.checked_sub(k).map(|j| words[j]);
        // A gerund after a preposition is a verb ("refrained from criticizing").
        let gerund = words[i].ends_with("ing");
        let noun_ctx = |p: Option<&str>| {
            p.is_some_and(|p| {
                x.words.is(p, Class::Det)
                    || p.ends_with("'s")
                    || (x.words.is(p, Class::Prep) && p != "to" && !gerund)
            })
        };
        let poss_chunk_before = i > 0 && self.chunks_ending(i - 1).any(|c| c.poss);
        // A name before the word is a subject, not an adjective ("The Hamas threatened").
        let prev1_skip = prev(1).is_some_and(|p| x.words.is(p, Class::Skip) || p.ends_with("ly"))
            || (i > 0 && self.chunks_ending(i - 1).any(|c| !c.poss));
        let nounish = noun_ctx(prev(1))
            || poss_chunk_before
            || (!prev1_skip
                && prev(1).is_some_and(|p| !x.words.is(p, Class::Prep))
                && (noun_ctx(prev(2)) && !prev(2).is_some_and(|p| x.words.is(p, Class::Prep))));
        let pick = |pos: Pos| {
            best.iter()
                .copied()
                .find(|&(_, e, _)| x.lex.entry(e).pos == pos)
        };
        if nounish {
            return pick(Pos::Noun);
        }
        // Otherwise the longest pattern, a verb when a noun is as long.
        let longest = best[0].0;
        best.iter()
            .copied()
            .filter(|&(n, _, _)| n == longest)
            .find(|&(_, e, _)| x.lex.entry(e).pos == Pos::Verb)
            .or(Some(best[0]))
    }

    /// A past participle after a form of "be" (adverbs between): passive.
    fn passive_before(&self, w: &Words, words: &[&str], t0: usize) -> bool {
        let mut j = t0;
        for _ in 0..3 {
            let Some(k) = j.checked_sub(1) else {
                return false;
            };
            j = k;
            if w.is(words[j], Class::Be) {
                return true;
            }
            if !(words[j].ends_with("ly") || words[j] == "not" || words[j] == "also") {
                return false;
            }
        }
        false
    }

    /// The subject before `t`: walking left over auxiliaries and adverbs (for
    /// verbs, `strict`: at most three other words and no preposition; for
    /// nouns, over the governing verb and its complements).
    fn subject(
        &self,
        w: &Words,
        words: &[&str],
        t: usize,
        strict: bool,
    ) -> (Vec<ActorId>, Option<Stop>) {
        let mut j = t;
        let mut budget = 3;
        while j > 0 {
            j -= 1;
            let ending: Vec<&Chunk> = self.chunks_ending(j).collect();
            if let Some(c) = ending.iter().min_by_key(|c| c.first).copied() {
                // "President X of Kenya signed": the person is the subject.
                if let Some(h) = self.of_head(words, c) {
                    return (self.coordinated_left(words, h), None);
                }
                if c.loc || self.after_prep(w, c) && (strict || words[c.first - 1] != "to") {
                    if strict && !c.loc {
                        return (Vec::new(), Some(Stop::Other));
                    }
                    j = c.first;
                    continue;
                }
                return (self.coordinated_left(words, c), None);
            }
            if self.is_bound(w, j) {
                if w.is(words[j], Class::Rel) && strict {
                    let mut k = j;
                    if k > 0 && words[k - 1] == "," {
                        k -= 1;
                    }
                    if let Some(c) = k.checked_sub(1).and_then(|k| self.chunks_ending(k).next()) {
                        return (vec![c.actor], None);
                    }
                }
                // Only right before the verb group: ", insisting", "and promised"
                // (not "mines and drone strikes threatened").
                let coord =
                    matches!(words[j], "," | ":" | "and" | "but" | ";") && (!strict || budget == 3);
                return (
                    Vec::new(),
                    Some(if coord { Stop::Coord } else { Stop::Other }),
                );
            }
            if self.in_date[j] {
                // "Albania on Friday denounced ...".
                continue;
            }
            if strict {
                let gerund_prep = j + 1 == t && words[t].ends_with("ing");
                if w.is(words[j], Class::Prep) && words[j] != "to" && !gerund_prep {
                    return (Vec::new(), Some(Stop::Other));
                }
                if !(w.is(words[j], Class::Skip) || words[j].ends_with("ly")) {
                    budget -= 1;
                    if budget == 0 {
                        return (Vec::new(), Some(Stop::Other));
                    }
                }
            }
        }
        (Vec::new(), Some(Stop::Other))
    }

    /// The person a chunk post-modifies: "President X of Kenya" for "Kenya".
    fn of_head(&self, words: &[&str], c: &Chunk) -> Option<&Chunk> {
        if c.first < 2 || words[c.first - 1] != "of" {
            return None;
        }
        self.chunks_ending(c.first - 2)
            .find(|h| h.person && !h.loc && !h.poss)
    }

    /// "A and B", "A, B and C" ending with chunk `c`, in text order.
    fn coordinated_left(&self, words: &[&str], c: &Chunk) -> Vec<ActorId> {
        let mut out = vec![c.actor];
        let mut first = c.first;
        let mut seen_and = false;
        while first >= 2 && (words[first - 1] == "and" || words[first - 1] == "," && seen_and) {
            seen_and = true;
            match self.chunks_ending(first - 2).find(|d| !d.loc && !d.poss) {
                Some(d) => {
                    let d = self.of_head(words, d).unwrap_or(d);
                    out.insert(0, d.actor);
                    first = d.first;
                }
                None => break,
            }
        }
        out
    }

    /// "A and B" starting with chunk `c`: the chunks and the last token.
    fn coordinated_right(&self, words: &[&str], c: &Chunk) -> (Vec<ActorId>, usize) {
        let mut out = vec![c.actor];
        let mut last = c.last;
        while last + 2 < words.len() && matches!(words[last + 1], "and" | ",") {
            let listed = |d: &&Chunk| {
                words[last + 1] == "and"
                    || d.last + 1 < words.len() && matches!(words[d.last + 1], "," | "and")
            };
            match self
                .chunk_starting(last + 2)
                .filter(|d| !d.loc)
                .filter(listed)
            {
                Some(d) => {
                    out.push(d.actor);
                    last = d.last;
                }
                None => break,
            }
        }
        (out, last)
    }

    /// The main clause's subject: the first actor in the sentence before `t`
    /// that is not the object of a preposition.
    /// "The leaders of Kenya and Norway met ... and signed": the countries
    /// a group of people is "of" stand for it.
    fn main_subject(&self, w: &Words, words: &[&str], t: usize) -> Vec<ActorId> {
        // The first such chunk of the sentence, found once: chunks are in
        // text order and none lies inside another, so it is the answer for
        // every `t` after it.
        let first = *self.main_subject_chunk.get_or_init(|| {
            self.chunks
                .iter()
                .position(|c| !c.loc && !c.poss && !self.after_prep(w, c))
        });
        let Some(c) = first.map(|i| &self.chunks[i]).filter(|c| c.last < t) else {
            return Vec::new();
        };
        if !c.person && c.last + 2 < t && words[c.last + 1] == "of" {
            if let Some(d) = self
                .chunk_starting(c.last + 2)
                .filter(|d| !d.loc && d.last < t)
            {
                let (sides, _) = self.coordinated_right(words, d);
                if sides.len() > 1 {
                    return sides;
                }
            }
        }
        // "Kenya and Norway agreed ..., signed": both are the subject.
        let (sides, last) = self.coordinated_right(words, c);
        if last < t {
            return sides;
        }
        vec![c.actor]
    }

    /// "... a session that he would join": the subject of a relative clause
    /// right after a noun trigger.
    fn relative_subject(&self, w: &Words, words: &[&str], t1: usize) -> Vec<ActorId> {
        if t1 + 2 < words.len() && w.is(words[t1 + 1], Class::Rel) {
            for k in t1 + 2..(t1 + 4).min(words.len()) {
                if let Some(c) = self.chunk_starting(k).filter(|c| !c.loc) {
                    return vec![c.actor];
                }
            }
        }
        Vec::new()
    }

    /// Objects and prepositional arguments after the trigger, within its clause.
    #[allow(clippy::too_many_arguments)]
    fn objects(
        &self,
        x: &Extractor,
        w: &Words,
        words: &[&str],
        t1: usize,
        entry: &EventEntry,
        verb: bool,
        passive: bool,
    ) -> Objects {
        let mut o = Objects::default();
        let mut j = t1 + 1;
        let mut steps = 0;
        while j < words.len() && steps < 12 {
            if self.is_punct_bound(j)
                || (w.is(words[j], Class::Bound)
                    && !(words[j] == "and" && j > 0 && words[j - 1] == "between"))
            {
                break;
            }
            if let Some(c) = self
                .chunks_starting(j)
                .iter()
                .min_by_key(|c| c.last)
                .copied()
            {
                let prep = (j > t1 + 1 && w.is(words[j - 1], Class::Prep)).then(|| words[j - 1]);
                if c.loc {
                    o.places.push(c);
                    j = c.last + 1;
                    steps += 1;
                    continue;
                }
                match prep {
                    Some("between") | Some("among") => {
                        let (v, last) = self.coordinated_right(words, &c);
                        o.between.extend(v);
                        j = last + 1;
                        steps += 1;
                        continue;
                    }
                    Some("by") if passive || !verb => {
                        let (v, last) = self.coordinated_right(words, &c);
                        o.by.extend(v);
                        j = last + 1;
                        steps += 1;
                        continue;
                    }
                    Some(p)
                        if o.targets.is_empty() && entry.target.preps.iter().any(|q| q == p) =>
                    {
                        o.targets = self.coordinated_right(words, &c).0;
                    }
                    None if o.targets.is_empty() && verb && entry.target.object && !passive => {
                        o.targets = self.coordinated_right(words, &c).0;
                    }
                    _ => {}
                }
                j = c.last + 1;
                steps += 1;
                continue;
            }
            if verb && words[j] == "that" {
                break;
            }
            if w.is(words[j], Class::Anaphor)
                && j > 0
                && (w.is(words[j - 1], Class::Det)
                    || words[j - 1] == "a" && j > 1 && words[j - 2] == "such")
            {
                o.anaphor = true;
            }
            if o.demonym.is_empty() && self.toks[j].kind == TokenKind::Word {
                let raw = self.toks[j].range.slice(x.a.text());
                if raw.starts_with(|c: char| c.is_uppercase()) {
                    if let Some(id) = x.demonym_actor(words[j]) {
                        o.demonym.push(id);
                    }
                }
            }
            j += 1;
            steps += 1;
        }
        // A gazetteer venue after "at"/"in" that the actor layer did not mark.
        o
    }

    /// The words before a noun trigger: determiner, possessor, compound
    /// modifiers ("U.S.-Ukraine arms deal"), places ("Alaska summit").
    fn zone(&self, w: &Words, words: &[&str], t0: usize) -> Zone {
        let mut z = Zone {
            start: t0,
            det: Det::None,
            possessor: None,
            compounds: Vec::new(),
            places: Vec::new(),
        };
        let mut j = t0;
        let mut steps = 0;
        let mut new = false;
        while j > 0 && steps < 6 {
            j -= 1;
            steps += 1;
            let mut ending: Vec<&Chunk> = self.chunks_ending(j).collect();
            if !ending.is_empty() {
                ending.sort_by_key(|c| c.first);
                let first = ending[0].first;
                if let Some(p) = ending.iter().find(|c| c.poss) {
                    z.possessor = Some(p.actor);
                    z.det = Det::Definite;
                    z.start = p.first;
                    break;
                }
                // Scanning leftwards: keep the compounds in text order.
                for c in ending.iter().rev() {
                    if c.loc {
                        z.places.push(**c);
                    } else {
                        z.compounds.insert(0, c.actor);
                    }
                }
                z.start = first;
                j = first;
                continue;
            }
            let word = words[j];
            if w.is(word, Class::New) {
                new = true;
            }
            if w.is(word, Class::Det) {
                z.start = j;
                z.det = if w.is(word, Class::Kind) {
                    Det::Kind
                } else if word == "a" && j > 0 && words[j - 1] == "such" {
                    z.start = j - 1;
                    Det::Kind
                } else if w.is(word, Class::Definite) {
                    Det::Definite
                } else {
                    Det::None
                };
                break;
            }
            if word.ends_with("'s") || word.ends_with("s'") {
                z.det = Det::Definite;
                z.start = j;
                continue;
            }
            let joins_chunks = matches!(word, "-" | "–" | "/")
                && j > 0
                && self.chunks_ending(j - 1).next().is_some();
            if !joins_chunks
                && (self.is_bound(w, j) || w.is(word, Class::Prep) || w.is(word, Class::Skip))
            {
                break;
            }
            let verbal = word.ends_with("ing") || word.ends_with("ed");
            if self.toks[j].kind == TokenKind::Word
                && verbal
                && !(j > 0 && w.is(words[j - 1], Class::Det))
            {
                // A verb governing the noun, not a modifier ("proposed talks"
                // but "the proposed talks").
                break;
            }
            z.start = j;
        }
        if new {
            z.det = Det::New;
        }
        z
    }

    /// The clause around tokens `t0..=t1`: from the last boundary before to
    /// the first after (parentheses do not end a clause).
    fn clause(&self, w: &Words, words: &[&str], t0: usize, t1: usize) -> (usize, usize) {
        let mut lo = t0;
        while lo > 0 && !self.is_bound(w, lo - 1) {
            lo -= 1;
        }
        let mut hi = t1;
        while hi + 1 < words.len() && !self.is_bound(w, hi + 1) {
            hi += 1;
        }
        (lo, hi)
    }

    /// Status from the words of the clause before the trigger (and, for a
    /// noun, the verb group after it).
    #[allow(clippy::too_many_arguments)]
    fn status(
        &self,
        w: &Words,
        words: &[&str],
        t0: usize,
        t1: usize,
        zone_start: usize,
        cl_start: usize,
        pos: Pos,
    ) -> EventStatus {
        // Negation right before the trigger's verb group: "did not meet",
        // "refrained from meeting", "no talks".
        let mut only_skips = true;
        let mut j = zone_start.min(t0);
        let mut neg_far = false;
        let mut k = 0;
        while j > cl_start && k < 6 {
            j -= 1;
            k += 1;
            let word = words[j];
            if w.is(word, Class::Neg) || word.ends_with("n't") {
                if only_skips {
                    return EventStatus::Negated;
                }
                neg_far = true;
                break;
            }
            if let Some(n) = w.phrase_at(words, j, Class::NegVerb) {
                let adjacent = (j + n..zone_start.min(t0))
                    .all(|k| w.is(words[k], Class::Skip) || words[k].ends_with("ly"));
                if adjacent {
                    return EventStatus::Negated;
                }
                neg_far = true;
                break;
            }
            if !(w.is(word, Class::Skip) || word.ends_with("ly")) {
                only_skips = false;
            }
        }
        if pos == Pos::Noun && zone_start > 0 && words[zone_start.min(t0)..t0].contains(&"no") {
            return EventStatus::Negated;
        }
        // Words on the noun itself: "ongoing talks", "upcoming summit".
        if pos == Pos::Noun {
            let near = zone_start.saturating_sub(2).max(cl_start);
            for word in &words[near..t0] {
                if w.is(word, Class::Past) {
                    return EventStatus::Occurred;
                }
            }
            for word in &words[near..t0] {
                if w.is(word, Class::Prosp) {
                    return EventStatus::Future;
                }
            }
        }
        let mut scan: Vec<usize> = (cl_start..zone_start.min(t0)).collect();
        if pos == Pos::Noun {
            // The verb group after a subject noun: "such a meeting — at a
            // place to be decided — would be followed by ...".
            let mut j = t1 + 1;
            let mut n = 0;
            while j < words.len() && n < 6 {
                if matches!(words[j], "—" | "–" | "(") {
                    let close = if words[j] == "(" { ")" } else { words[j] };
                    match (j + 1..words.len()).find(|&k| words[k] == close) {
                        Some(k) => {
                            j = k + 1;
                            continue;
                        }
                        None => break,
                    }
                }
                if self.is_bound(w, j) {
                    break;
                }
                scan.push(j);
                j += 1;
                n += 1;
            }
        }
        let has = |c: Class| scan.iter().any(|&j| w.phrase_at(words, j, c).is_some());
        let mut future = has(Class::Future);
        if pos == Pos::Noun
            && !scan.iter().any(|&j| {
                j < t0 && words[j] != "to" && w.phrase_at(words, j, Class::Future).is_some()
            })
            && !scan
                .iter()
                .any(|&j| j > t1 && w.phrase_at(words, j, Class::Future).is_some())
        {
            // An infinitive "to" alone does not make a noun's event future
            // ("traveled to Washington to join the talks").
            future = false;
        }
        if pos == Pos::Verb {
            // For a verb, "to" counts only right before it ("willing to meet").
            let to_only = scan
                .iter()
                .filter(|&&j| w.phrase_at(words, j, Class::Future).is_some())
                .all(|&j| words[j] == "to");
            // "continued to send arms" happened; "agreed to send arms" is to come.
            let aspect = t0 > 1 && words[t0 - 1] == "to" && w.is(words[t0 - 2], Class::Past);
            if to_only && future && (!(t0 > 0 && words[t0 - 1] == "to") || aspect) {
                future = false;
            }
        }
        let whole: Vec<usize> = (cl_start..t0).collect();
        let hypo = whole
            .iter()
            .chain(scan.iter())
            .any(|&j| w.phrase_at(words, j, Class::Hypo).is_some())
            || (cl_start > 0 && w.is(words[cl_start - 1], Class::Hypo));
        if neg_far {
            return EventStatus::Hypothetical;
        }
        if hypo {
            return EventStatus::Hypothetical;
        }
        if future {
            return EventStatus::Future;
        }
        EventStatus::Occurred
    }

    /// The issue nearest the trigger in the sentence, after it first.
    fn issue<'i>(
        &self,
        issues: &'i Issues,
        words: &[&str],
        t0: usize,
        t1: usize,
    ) -> Option<&'i str> {
        (t1 + 1..words.len())
            .chain((0..t0).rev())
            .chain(t0..=t1)
            .find_map(|j| issues.at(words, j))
    }
}

#[cfg(test)]
mod index_tests {
    use newsgraph_core::QuoteKind;

    use super::*;

    fn quote(content: (usize, usize), cue: Option<(usize, usize)>, speaker: Option<u32>) -> Quote {
        Quote {
            kind: QuoteKind::Indirect,
            speaker: speaker.map(ActorId),
            addressee: None,
            source: None,
            cue: cue.map(|(s, e)| TextRange::new(s, e)),
            content: TextRange::new(content.0, content.1),
            quoted: Vec::new(),
            confidence: 1.0,
        }
    }

    /// The counts give the same runs of keys as a binary search does.
    #[test]
    fn counts_before_match_a_search() {
        let n = 8;
        for keys in [&[][..], &[0], &[0, 0, 2, 5, 5, 5, 7], &[3, 3, 4]] {
            let counts = counts_before(n, keys.iter().copied());
            for j in 0..n {
                let from = keys.partition_point(|&k| k < j);
                let to = from + keys[from..].partition_point(|&k| k == j);
                assert_eq!(
                    (counts[j], counts[j + 1]),
                    (from as u32, to as u32),
                    "{keys:?} {j}"
                );
            }
            assert_eq!(counts[n] as usize, keys.len(), "{keys:?}");
        }
    }

    /// Nested, overlapping, equal and disjoint contents, cues inside and
    /// outside them: the sweep answers as a scan of every quotation does.
    #[test]
    fn reporters_and_reach_match_a_scan() {
        let quotes = vec![
            quote((0, 40), Some((41, 45)), Some(0)),
            quote((5, 20), Some((20, 24)), Some(1)),
            quote((5, 20), None, Some(2)),
            quote((10, 30), Some((12, 15)), None),
            quote((18, 19), None, Some(4)),
            quote((2, 12), Some((0, 2)), Some(5)),
            quote((35, 60), Some((30, 35)), Some(6)),
            quote((50, 50), None, Some(7)),
        ];
        let mut ranges = Vec::new();
        for s in 0..62 {
            for len in 0..4 {
                ranges.push(TextRange::new(s, s + len));
            }
        }
        // Not in text order.
        ranges.reverse();
        ranges.rotate_left(37);
        let scan = |r: TextRange| {
            quotes
                .iter()
                .filter(|q| {
                    q.content.contains_range(r) && q.cue.is_none_or(|c| !c.contains_range(r))
                })
                .min_by_key(|q| q.content.len())
                .and_then(|q| q.speaker)
        };
        let swept = reporters(&quotes, &ranges);
        for (r, got) in ranges.iter().zip(&swept) {
            assert_eq!(*got, scan(*r), "{r:?}");
        }
        let cues: Vec<TextRange> = quotes.iter().filter_map(|q| q.cue).collect();
        let reach = Reach::new(cues.iter().copied());
        for r in &ranges {
            assert_eq!(
                reach.intersects(*r),
                cues.iter().any(|c| c.intersects(*r)),
                "{r:?}"
            );
        }
    }
}
