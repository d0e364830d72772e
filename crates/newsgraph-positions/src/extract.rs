//! Stances from the text: issue mentions, stance cues, their holders, and
//! the modifiers (negation, hedging, rhetorical questions, asides) between.

use newsgraph_core::{
    ActorId, ActorKind, Analysis, BlockKind, EventId, EventStatus, EventType, QuoteId, Stance,
    TextRange,
};

use crate::lexicon::{find_all, norm_token, CueStance, Direction, IssueKind, PositionLexicon};

/// How far back (in tokens) a negator or hedge still governs a cue.
const MODIFIER_WINDOW: usize = 6;
/// How many words may stand between a cue and its issue.
const MAX_BRIDGE: usize = 6;
/// How many sentences back an anaphor ("such a proposal") may reach.
const ANAPHOR_REACH: usize = 1;

/// One piece of evidence, before grouping into positions.
#[derive(Debug, Clone)]
pub(crate) struct Ev {
    pub actor: ActorId,
    pub issue: String,
    pub stance: Stance,
    pub range: TextRange,
    pub quote: Option<QuoteId>,
    pub event: Option<EventId>,
    pub sentence: usize,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum HitKind {
    Issue(usize),
    Anaphor,
}

#[derive(Debug, Clone)]
struct Hit {
    start: usize,
    end: usize,
    kind: HitKind,
    /// The name given when a cue first took this mention as its target.
    name: Option<String>,
}

struct Sent {
    idx: usize,
    prose: bool,
    toks: Vec<String>,
    ranges: Vec<TextRange>,
    clause: Vec<usize>,
    /// Per clause: (first token, last token).
    clauses: Vec<(usize, usize)>,
    hits: Vec<Hit>,
    /// Tokens taken by asides, issues and cues.
    taken: Vec<bool>,
    cues: Vec<(usize, usize, usize)>,
    /// Cues governed by an earlier cue ("dismiss the necessity of X").
    inner: Vec<bool>,
    /// Mentions in the sentence: (first token, end token, actor, range).
    mentions: Vec<(usize, usize, ActorId, TextRange)>,
}

pub(crate) struct Extractor<'a> {
    lex: &'a PositionLexicon,
    a: &'a Analysis,
    sents: Vec<Sent>,
    pub evidence: Vec<Ev>,
}

fn flip(s: Stance) -> Stance {
    match s {
        Stance::For => Stance::Against,
        Stance::Against => Stance::For,
        Stance::Undecided => Stance::Undecided,
    }
}

/// The short name of an actor for naming meetings: a person's surname.
pub(crate) fn short_name(a: &Analysis, id: ActorId) -> String {
    let actor = &a.actors[id.index()];
    if actor.kind == ActorKind::Person {
        actor
            .name
            .rsplit(' ')
            .next()
            .unwrap_or(&actor.name)
            .to_string()
    } else {
        actor.name.clone()
    }
}

impl<'a> Extractor<'a> {
    pub fn new(lex: &'a PositionLexicon, a: &'a Analysis) -> Self {
        let mut sents = Vec::with_capacity(a.sentences.len());
        let mut by_sentence: Vec<Vec<usize>> = vec![Vec::new(); a.sentences.len()];
        for (i, m) in a.mentions.iter().enumerate() {
            if let Some(v) = by_sentence.get_mut(m.sentence as usize) {
                v.push(i);
            }
        }
        let mut named = vec![false; lex.issues.len()];
        for (idx, s) in a.sentences.iter().enumerate() {
            let toks_raw = a.sentence_tokens(idx);
            let toks: Vec<String> = toks_raw
                .iter()
                .map(|t| norm_token(a.slice(t.range)))
                .collect();
            let ranges: Vec<TextRange> = toks_raw.iter().map(|t| t.range).collect();
            let block = a.blocks.get(s.block as usize);
            let prose = match block.map(|b| b.kind) {
                Some(BlockKind::Paragraph) | None => true,
                Some(BlockKind::ListItem) => {
                    // A list item that reads as a headline is not a statement.
                    let last = toks
                        .iter()
                        .rev()
                        .find(|t| !matches!(t.as_str(), "\"" | "'"));
                    matches!(last.map(String::as_str), Some("." | "!" | "?"))
                }
                _ => false,
            };
            let n = toks.len();
            // Clauses.
            let mut clause = vec![0; n];
            let mut clauses = Vec::new();
            let mut c = 0;
            let mut start = 0;
            for i in 0..n {
                let t = toks[i].as_str();
                let opens = i > start
                    && ((toks[i - 1] == "," && lex.clause_words.iter().any(|w| w == t))
                        || matches!(t, "but" | "though" | "although" | "whereas"));
                if opens {
                    clauses.push((start, i - 1));
                    c += 1;
                    start = i;
                }
                clause[i] = c;
                if matches!(t, ";" | "." | "?" | "!") && i + 1 < n {
                    // Closing quotation marks stay with the clause they close.
                    let mut j = i + 1;
                    while j < n && matches!(toks[j].as_str(), "\"" | "'") {
                        clause[j] = c;
                        j += 1;
                    }
                    if j < n {
                        clauses.push((start, j - 1));
                        c += 1;
                        start = j;
                    }
                }
            }
            clauses.push((start, n.saturating_sub(1)));
            // Fix up clause ids of tokens skipped over above.
            for (k, &(s0, s1)) in clauses.iter().enumerate() {
                for cl in clause.iter_mut().take(s1 + 1).skip(s0) {
                    *cl = k;
                }
            }
            let mut taken = vec![false; n];
            for (s0, e0, _) in find_all(&lex.asides, &toks, 0, n, &taken) {
                taken[s0..e0].iter_mut().for_each(|t| *t = true);
            }
            let mut hits: Vec<Hit> = Vec::new();
            for (s0, e0, k) in find_all(&lex.issue_phrases, &toks, 0, n, &taken) {
                let r = lex.issue_phrases[k].1;
                // "the guarantees" names the security guarantees only once
                // they have been named in full.
                if r.echo && !named[r.issue] {
                    continue;
                }
                if prose || !r.echo {
                    named[r.issue] = true;
                }
                hits.push(Hit {
                    start: s0,
                    end: e0,
                    kind: HitKind::Issue(r.issue),
                    name: None,
                });
            }
            for h in &hits {
                taken[h.start..h.end].iter_mut().for_each(|t| *t = true);
            }
            // A cue's gap may run over an issue ("can't imagine that the next
            // meeting would take place without"), but its words may not.
            let asides: Vec<bool> = {
                let mut t = vec![false; n];
                for (s0, e0, _) in find_all(&lex.asides, &toks, 0, n, &t.clone()) {
                    t[s0..e0].iter_mut().for_each(|x| *x = true);
                }
                t
            };
            // A one-word cue after a determiner is a noun ("female support
            // on Election Day"), not a stance taken.
            let cues: Vec<(usize, usize, usize)> = find_all(&lex.cues, &toks, 0, n, &asides)
                .into_iter()
                .filter(|&(s0, e0, _)| !taken[s0] && !taken[e0 - 1])
                .filter(|&(s0, e0, k)| {
                    e0 - s0 > 1
                        || lex.cues[k].1.direction != Direction::After
                        || s0 == 0
                        || !lex.determiners.iter().any(|d| *d == toks[s0 - 1])
                })
                .collect();
            for &(s0, e0, _) in &cues {
                taken[s0..e0].iter_mut().for_each(|t| *t = true);
            }
            for (s0, e0, _) in find_all(&lex.anaphors, &toks, 0, n, &taken) {
                hits.push(Hit {
                    start: s0,
                    end: e0,
                    kind: HitKind::Anaphor,
                    name: None,
                });
            }
            hits.sort_by_key(|h| h.start);
            let tok_at = |off: usize| ranges.partition_point(|r| r.end() <= off);
            let mentions = by_sentence[idx]
                .iter()
                .map(|&mi| {
                    let m = &a.mentions[mi];
                    let s0 = tok_at(m.range.start());
                    let e0 = tok_at(m.range.end().saturating_sub(1)) + 1;
                    (s0, e0.max(s0 + 1).min(n), m.actor, m.range)
                })
                .filter(|&(s0, _, _, _)| s0 < n)
                .collect();
            sents.push(Sent {
                idx,
                prose,
                toks,
                ranges,
                clause,
                clauses,
                hits,
                taken,
                inner: vec![false; cues.len()],
                cues,
                mentions,
            });
        }
        Extractor {
            lex,
            a,
            sents,
            evidence: Vec::new(),
        }
    }

    /// The quote whose content (or cue) holds this byte, with a speaker;
    /// the innermost when several do. The flag says "in the cue".
    fn quote_at(&self, off: usize) -> Option<(QuoteId, bool)> {
        let mut best: Option<(usize, QuoteId, bool)> = None;
        for (i, q) in self.a.quotes.iter().enumerate() {
            if q.speaker.is_none() {
                continue;
            }
            let in_cue = q.cue.is_some_and(|c| c.contains(off));
            if q.content.contains(off) || in_cue {
                let len = if in_cue { 0 } else { q.content.len() };
                if !matches!(best, Some((l, _, _)) if l <= len) {
                    best = Some((len, QuoteId(i as u32), in_cue));
                }
            }
        }
        best.map(|(_, q, c)| (q, c))
    }

    fn is_subject(&self, s: &Sent, m: &(usize, usize, ActorId, TextRange)) -> bool {
        let (s0, e0, actor, range) = *m;
        if self.a.actors[actor.index()].kind == ActorKind::Location {
            return false;
        }
        if s0 > 0 && self.lex.prepositions.contains(&s.toks[s0 - 1]) {
            return false;
        }
        let rest = &self.a.text()[range.end()..];
        if rest.starts_with("'s") || rest.starts_with("\u{2019}s") {
            return false;
        }
        if s.toks[s0..e0].iter().any(|t| t.ends_with("'s")) && e0 - s0 == 1 {
            return false;
        }
        // A mention inside an issue phrase ("U.S. troops") is the issue, not a holder.
        !s.hits
            .iter()
            .any(|h| h.kind != HitKind::Anaphor && h.start < e0 && s0 < h.end)
    }

    /// Who holds the stance of a cue at token `cs` of sentence `si`: the
    /// subject before it, or the speaker of the quote it lies in.
    fn holder(
        &self,
        si: usize,
        cs: usize,
        skip: usize,
    ) -> Option<(ActorId, Option<TextRange>, Option<QuoteId>)> {
        let s = &self.sents[si];
        let off = s.ranges[cs].start();
        let quote = self.quote_at(off);
        let subject = |lo: usize| {
            s.mentions
                .iter()
                .filter(|m| m.1 <= cs && m.0 >= lo.max(skip) && self.is_subject(s, m))
                .max_by_key(|m| m.0)
        };
        match quote {
            Some((qid, in_cue)) => {
                let q = &self.a.quotes[qid.index()];
                let speaker = q.speaker?;
                if in_cue {
                    let src = q.source.filter(|r| s.range_in_sentence(*r));
                    return Some((speaker, src, Some(qid)));
                }
                let lo = s.ranges.partition_point(|r| r.start() < q.content.start());
                let first_person = (lo..cs)
                    .rev()
                    .find(|&i| matches!(s.toks[i].as_str(), "i" | "we"));
                let m = subject(lo);
                match (m, first_person) {
                    (Some(m), fp) if !matches!(fp, Some(f) if f >= m.0) => {
                        let actor = &self.a.actors[m.2.index()];
                        let sp = &self.a.actors[speaker.index()];
                        let speaks_for = m.2 == speaker
                            || (sp.kind == ActorKind::Person
                                && actor.kind != ActorKind::Person
                                && actor.kind != ActorKind::Group
                                && actor.country.is_some()
                                && actor.country == sp.country);
                        if speaks_for {
                            Some((speaker, None, Some(qid)))
                        } else {
                            Some((m.2, Some(m.3), Some(qid)))
                        }
                    }
                    _ => Some((speaker, None, Some(qid))),
                }
            }
            None => {
                // The subject of the cue's own clause; a relative clause
                // ("Zelensky, who has demanded …") reaches back one.
                let clause = s.clause[cs];
                let (mut c0, _) = s.clauses[clause];
                if clause > 0 && matches!(s.toks[c0].as_str(), "who" | "which" | "that") {
                    c0 = s.clauses[clause - 1].0;
                }
                subject(c0).map(|m| (m.2, Some(m.3), None))
            }
        }
    }

    fn issue_name(&self, si: usize, hit: usize, holder: Option<ActorId>) -> String {
        let s = &self.sents[si];
        let h = &s.hits[hit];
        if let Some(n) = &h.name {
            return n.clone();
        }
        let HitKind::Issue(i) = h.kind else {
            return String::new();
        };
        let (name, kind) = &self.lex.issues[i];
        match kind {
            IssueKind::Plain => name.clone(),
            IssueKind::Troops => {
                let t = s.toks[h.start..h.end]
                    .iter()
                    .position(|t| t == "troops")
                    .map(|k| h.start + k)
                    .unwrap_or(h.start);
                if t > 0 {
                    let prev = self.a.slice(s.ranges[t - 1]);
                    let in_mention = s.mentions.iter().any(|m| m.0 < t && t - 1 < m.1);
                    if in_mention && prev.chars().next().is_some_and(char::is_uppercase) {
                        return format!("{name} ({prev} troops)")
                            .replace("deployment of troops (", "deployment of ")
                            .replace(" troops)", " troops");
                    }
                }
                name.clone()
            }
            IssueKind::Meeting => {
                let (mut parts, _) = self.meeting_parts(si, hit);
                if parts.len() == 1 {
                    if let Some(hd) = holder.filter(|hd| !parts.contains(hd)) {
                        parts.push(hd);
                    }
                }
                if parts.len() < 2 {
                    return name.clone();
                }
                let mut names: Vec<String> = parts.iter().map(|&p| short_name(self.a, p)).collect();
                names.sort();
                names.dedup();
                format!("{} {name}", names.join("–"))
            }
        }
    }

    /// The participants a meeting mention names ("a Putin–Zelensky meeting",
    /// "talks between A and B", "meet Putin"), and the extent of the words
    /// naming them after the mention.
    fn meeting_parts(&self, si: usize, hit: usize) -> (Vec<ActorId>, Option<TextRange>) {
        let s = &self.sents[si];
        let h = &s.hits[hit];
        let mut extent = None;
        let is_meeting =
            matches!(h.kind, HitKind::Issue(i) if self.lex.issues[i].1 == IssueKind::Meeting);
        if !is_meeting {
            return (Vec::new(), None);
        }
        {
            {
                let mut parts: Vec<ActorId> = Vec::new();
                // "a Putin–Zelensky meeting"
                if h.start > 0 {
                    let prev = self.a.slice(s.ranges[h.start - 1]);
                    if prev.contains(['–', '-', '—']) {
                        for p in prev.split(['–', '-', '—']) {
                            let p = norm_token(p);
                            if let Some(id) = (0..self.a.actors.len())
                                .map(|k| ActorId(k as u32))
                                .find(|&id| norm_token(&short_name(self.a, id)) == p)
                            {
                                parts.push(id);
                            }
                        }
                    }
                }
                let next = s.toks.get(h.end).map(String::as_str);
                let verb = matches!(s.toks[h.end - 1].as_str(), "meet" | "with");
                let reach = match next {
                    Some("between") => 10,
                    Some("with") => 5,
                    _ if verb => 4,
                    _ => 0,
                };
                let clause = s.clause[h.start];
                for m in &s.mentions {
                    if m.0 >= h.end
                        && m.0 < h.end + reach
                        && s.clause[m.0] == clause
                        && self.a.actors[m.2.index()].kind != ActorKind::Location
                        && !parts.contains(&m.2)
                        && parts.len() < 2
                    {
                        parts.push(m.2);
                        extent = Some(m.3);
                    }
                }
                (parts, extent)
            }
        }
    }

    /// True when token `i` may stand between a cue and its issue.
    fn bridge_ok(&self, s: &Sent, i: usize) -> bool {
        let t = s.toks[i].as_str();
        let raw = self.a.slice(s.ranges[i]);
        self.lex.bridge_words.iter().any(|w| w == t)
            || (t.len() > 5
                && t.ends_with("ing")
                && !self.lex.nonbridge_words.iter().any(|w| w == t))
            || s.cues.iter().any(|c| c.0 <= i && i < c.1)
            || self
                .a
                .figures
                .iter()
                .any(|f| f.range.contains_range(s.ranges[i]))
            || raw
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            || (!raw.chars().any(char::is_alphanumeric)
                && !matches!(t, "," | ";" | ":" | "." | "\"" | "'"))
    }

    /// The issue an anaphor in sentence `si` at token `at` refers back to.
    fn antecedent(&self, si: usize, at: usize) -> Option<(usize, usize)> {
        let s = &self.sents[si];
        if let Some(k) = s
            .hits
            .iter()
            .rposition(|h| h.end <= at && matches!(h.kind, HitKind::Issue(_)))
        {
            return Some((si, k));
        }
        (si.saturating_sub(ANAPHOR_REACH)..si).rev().find_map(|j| {
            let sj = &self.sents[j];
            // Within the paragraph only.
            if !sj.prose || self.a.sentences[j].block != self.a.sentences[si].block {
                return None;
            }
            sj.hits
                .iter()
                .rposition(|h| matches!(h.kind, HitKind::Issue(_)))
                .map(|k| (j, k))
        })
    }

    pub fn run(&mut self) {
        // The verb "meet" names a meeting only with someone to meet ("meet
        // Putin", not "meet his goals").
        for si in 0..self.sents.len() {
            let keep: Vec<bool> = (0..self.sents[si].hits.len())
                .map(|k| {
                    let h = &self.sents[si].hits[k];
                    let verb = matches!(h.kind, HitKind::Issue(_))
                        && matches!(self.sents[si].toks[h.end - 1].as_str(), "meet" | "with");
                    !verb || !self.meeting_parts(si, k).0.is_empty()
                })
                .collect();
            let mut it = keep.into_iter();
            self.sents[si].hits.retain(|_| it.next().unwrap_or(true));
        }
        for si in 0..self.sents.len() {
            if !self.sents[si].prose {
                continue;
            }
            for ci in 0..self.sents[si].cues.len() {
                self.cue(si, ci);
            }
        }
        self.events();
    }

    fn cue(&mut self, si: usize, ci: usize) {
        let lex = self.lex;
        let (cs, ce, k) = self.sents[si].cues[ci];
        let cue = lex.cues[k].1;
        if self.sents[si].inner[ci] {
            return;
        }
        let s = &self.sents[si];
        let clause = s.clause[cs];
        let (c0, c1) = s.clauses[clause];
        // Questions state no stance unless rhetorical.
        let last = (c0..=c1)
            .rev()
            .find(|&i| !matches!(s.toks[i].as_str(), "\"" | "'"))
            .unwrap_or(c1);
        let mut rhetorical = false;
        let mut opener_end = 0;
        if s.toks[last] == "?" {
            let first = (c0..=c1)
                .find(|&i| !matches!(s.toks[i].as_str(), "\"" | "'"))
                .unwrap_or(c0);
            // The opener is no actor ("Who" is not the WHO).
            opener_end = lex
                .rhetorical
                .iter()
                .filter_map(|(p, _)| p.match_at(&s.toks, first, c1 + 1))
                .max()
                .unwrap_or(0);
            rhetorical = opener_end > 0;
            if !rhetorical {
                return;
            }
        }
        let Some((holder, holder_range, quote)) = self.holder(si, cs, opener_end) else {
            return;
        };
        let mut stance = match cue.stance {
            CueStance::For => Stance::For,
            CueStance::Against => Stance::Against,
            CueStance::Undecided => Stance::Undecided,
        };
        // Negators and hedges just before the cue, in its clause.
        let w0 = cs.saturating_sub(MODIFIER_WINDOW).max(c0);
        // Words of a date are no modifiers ("In May").
        let mut free: Vec<bool> = s.taken.clone();
        for (i, r) in s.ranges.iter().enumerate() {
            if self.a.dates.iter().any(|d| d.range.contains_range(*r)) {
                free[i] = true;
            }
        }
        let negs = find_all(&lex.negators, &s.toks, w0, cs, &free);
        let hedges = find_all(&lex.hedges, &s.toks, w0, cs, &free);
        if negs.len() % 2 == 1 {
            stance = flip(stance);
        }
        if !hedges.is_empty() {
            stance = Stance::Undecided;
        }
        if rhetorical {
            stance = flip(stance);
        }
        let mut lo = cs;
        for &(a0, _, _) in negs.iter().chain(hedges.iter()) {
            lo = lo.min(a0);
        }
        let negs_or_hedges = |i: usize| {
            negs.iter()
                .chain(hedges.iter())
                .any(|&(a0, a1, _)| a0 <= i && i < a1)
        };
        // The issue the cue governs.
        let quote_content = quote.map(|q| self.a.quotes[q.index()].content);
        let real = |h: &Hit| matches!(h.kind, HitKind::Issue(_));
        let same = |h: &Hit| s.clause[h.start] == clause;
        // Only bridge words may stand between a cue and its issue: "wants a
        // crisis in an election year" is not about elections.
        let bridged = |from: usize, to: usize| {
            to >= from
                && to - from <= MAX_BRIDGE
                && (from..to).all(|i| self.bridge_ok(s, i) || negs_or_hedges(i))
        };
        // A predicate word reaches forward only through a preposition ("the
        // necessity of a ceasefire"); "a crazy election" is no stance on it.
        let linked = |to: usize| {
            cue.direction != Direction::Either
                || (ce..to)
                    .any(|i| matches!(s.toks[i].as_str(), "of" | "for" | "to" | "about" | "on"))
        };
        let after_real = s
            .hits
            .iter()
            .position(|h| real(h) && same(h) && h.start >= ce)
            .filter(|&k| bridged(ce, s.hits[k].start) && linked(s.hits[k].start));
        let after_ana = s
            .hits
            .iter()
            .position(|h| !real(h) && same(h) && h.start >= ce)
            .filter(|&k| bridged(ce, s.hits[k].start));
        let before_real = s
            .hits
            .iter()
            .rposition(|h| real(h) && same(h) && h.end <= cs)
            .filter(|&k| bridged(s.hits[k].end, cs));
        let before_ana = s
            .hits
            .iter()
            .rposition(|h| !real(h) && same(h) && h.end <= cs)
            .filter(|&k| bridged(s.hits[k].end, cs));
        // "“It's not necessary,” she said of the truce."
        // Only from inside the quotation, and only to "of"/"about X".
        let after_attr = quote_content
            .filter(|qc| qc.contains(s.ranges[cs].start()))
            .and_then(|qc| {
                // "… Trump said of a ceasefire": the issue follows the
                // quotation's own cue.
                let qcue = self.a.quotes[quote?.index()].cue?;
                let k = s.ranges.partition_point(|r| r.start() < qcue.end());
                let next = s.toks.get(k).map(String::as_str);
                if !matches!(next, Some("of" | "about" | "on")) {
                    return None;
                }
                s.hits.iter().position(|h| {
                    real(h)
                        && h.start > k
                        && h.start <= k + 3
                        && !qc.contains(s.ranges[h.start].start())
                })
            });
        let order: Vec<Option<usize>> = match cue.direction {
            Direction::After => vec![after_real, after_ana, after_attr],
            Direction::Before => vec![before_real, before_ana],
            Direction::Either => vec![before_real, after_real, before_ana, after_ana, after_attr],
            Direction::React => vec![after_real],
        };
        let target = order.into_iter().flatten().next();
        // A cue between this one and its issue is governed by it: "dismiss
        // the necessity of a ceasefire" is against, "welcomed the rejection
        // of sanctions" against too.
        if let Some(t) = target.filter(|&t| s.hits[t].start >= ce) {
            let tstart = s.hits[t].start;
            let inner: Vec<usize> = (0..s.cues.len())
                .filter(|&j| {
                    j != ci
                        && s.cues[j].0 >= ce
                        && s.cues[j].1 <= tstart
                        && lex.cues[s.cues[j].2].1.direction != Direction::React
                })
                .collect();
            for &j in &inner {
                if lex.cues[s.cues[j].2].1.stance == CueStance::Against {
                    stance = flip(stance);
                }
            }
            for j in inner {
                self.sents[si].inner[j] = true;
            }
        }
        let s = &self.sents[si];
        let (issue, target_range) = match target {
            Some(t) if real(&s.hits[t]) => {
                let name = self.issue_name(si, t, Some(holder));
                self.sents[si].hits[t].name.get_or_insert(name.clone());
                let h = &self.sents[si].hits[t];
                let mut r = self.sents[si].ranges[h.start].cover(self.sents[si].ranges[h.end - 1]);
                if let (_, Some(x)) = self.meeting_parts(si, t) {
                    r = r.cover(x);
                }
                (name, Some(r))
            }
            Some(t) => {
                let ana = &s.hits[t];
                let ana_range = s.ranges[ana.start].cover(s.ranges[ana.end - 1]);
                let Some((sj, hj)) = self.antecedent(si, ana.start) else {
                    return;
                };
                let name = match &self.sents[sj].hits[hj].name {
                    Some(n) => n.clone(),
                    None => {
                        let subj = self.sents[sj]
                            .mentions
                            .iter()
                            .find(|m| self.is_subject(&self.sents[sj], m))
                            .map(|m| m.2);
                        self.issue_name(sj, hj, subj)
                    }
                };
                (name, Some(ana_range))
            }
            // "avoided ruling it out": the cue's own pronoun refers back.
            None if s.toks[cs..ce].iter().any(|t| t == "it") => {
                let Some((sj, hj)) = self.antecedent(si, cs) else {
                    return;
                };
                let name = self.sents[sj].hits[hj]
                    .name
                    .clone()
                    .unwrap_or_else(|| self.issue_name(sj, hj, Some(holder)));
                (name, None)
            }
            None if cue.direction == Direction::React => {
                // Answering the last position someone else stated.
                let prev = self
                    .evidence
                    .iter()
                    .rev()
                    .find(|e| e.actor != holder && e.sentence + 2 >= si && e.sentence <= si);
                let Some(prev) = prev else { return };
                let st = if cue.stance == CueStance::Against {
                    flip(prev.stance)
                } else {
                    prev.stance
                };
                if st == Stance::Undecided {
                    return;
                }
                stance = st;
                (prev.issue.clone(), None)
            }
            None => return,
        };
        if issue.is_empty() {
            return;
        }
        let s = &self.sents[si];
        let mut range = s.ranges[lo].cover(s.ranges[ce - 1]);
        if let Some(r) = target_range {
            if s.range_in_sentence(r) {
                range = range.cover(r);
            }
        }
        if let Some(r) = holder_range {
            range = range.cover(r);
        }
        // Inside a quotation the evidence starts with the speaker's words
        // ("I don't know that it's necessary"), not mid-clause.
        let speaker_words = holder_range.is_none();
        if let Some(qc) = quote_content.filter(|qc| speaker_words && qc.contains(range.start())) {
            let from = (c0..lo).find(|&i| {
                qc.contains(s.ranges[i].start())
                    && !matches!(s.toks[i].as_str(), "\"" | "'" | "," | ":" | "that")
            });
            if let Some(i) = from {
                range = range.cover(s.ranges[i]);
            }
        }
        self.push(Ev {
            actor: holder,
            issue,
            stance,
            range,
            quote,
            event: None,
            sentence: s.idx,
        });
    }

    fn push(&mut self, ev: Ev) {
        if let Some(e) = self.evidence.iter_mut().find(|e| {
            e.actor == ev.actor
                && e.issue == ev.issue
                && e.sentence == ev.sentence
                && e.stance == ev.stance
        }) {
            // Two cues in one sentence for the same stance: one piece of evidence.
            e.range = e.range.cover(ev.range);
            e.quote = e.quote.or(ev.quote);
            e.event = e.event.or(ev.event);
            return;
        }
        self.evidence.push(ev);
    }

    /// Evidence from the events layer: REJECT is against, AGREE and REQUEST for.
    fn events(&mut self) {
        for (i, e) in self.a.events.iter().enumerate() {
            let base = match e.event_type {
                EventType::Reject => Stance::Against,
                EventType::Agree | EventType::Request => Stance::For,
                _ => continue,
            };
            let stance = match e.status {
                EventStatus::Negated => flip(base),
                EventStatus::Hypothetical => continue,
                _ => base,
            };
            let Some(&actor) = e.actors.first() else {
                continue;
            };
            let si = e.sentence as usize;
            let Some(s) = self.sents.get(si) else {
                continue;
            };
            if !s.prose {
                continue;
            }
            let id = EventId(i as u32);
            // The issue: named after the trigger in its clause, or the event's own.
            let t0 = s.ranges.partition_point(|r| r.end() <= e.trigger.start());
            let t1 = s.ranges.partition_point(|r| r.start() < e.trigger.end());
            let clause = s.clause.get(t0).copied();
            let hit = s.hits.iter().position(|h| {
                h.start >= t1
                    && h.start <= t1 + MAX_BRIDGE
                    && Some(s.clause[h.start]) == clause
                    && (t1..h.start).all(|i| self.bridge_ok(s, i))
            });
            let issue = match hit {
                Some(h) if matches!(s.hits[h].kind, HitKind::Issue(_)) => {
                    Some(self.issue_name(si, h, Some(actor)))
                }
                Some(h) => self.antecedent(si, s.hits[h].start).map(|(sj, hj)| {
                    self.sents[sj].hits[hj]
                        .name
                        .clone()
                        .unwrap_or_else(|| self.issue_name(sj, hj, None))
                }),
                None => None,
            };
            // The event's own issue stands only when the sentence names none
            // the text analysis could reach.
            let named_here = s.hits.iter().any(|h| matches!(h.kind, HitKind::Issue(_)));
            let issue = issue.or_else(|| {
                if named_here {
                    return None;
                }
                let text = e.issue.as_deref()?;
                let (k, kind) = self.lex.normalise(text)?;
                match kind {
                    // The event names the meeting; keep its name. A bare
                    // "meeting" is too vague to stand alone.
                    IssueKind::Meeting if text.contains(['–', '-']) => {
                        Some(text.trim().to_string())
                    }
                    IssueKind::Meeting => None,
                    _ => Some(self.lex.issues[k].0.clone()),
                }
            });
            let Some(issue) = issue.filter(|n| !n.is_empty()) else {
                continue;
            };
            // What the text says in the event's sentence is more precise than
            // the event's issue: the event joins that evidence.
            if let Some(ev) = self
                .evidence
                .iter_mut()
                .filter(|x| x.actor == actor && x.sentence == si)
                .min_by_key(|x| x.issue != issue)
            {
                ev.event.get_or_insert(id);
                continue;
            }
            // A new position on an event's word alone only when the text
            // agrees on who holds it.
            let s = &self.sents[si];
            let holder = (t0 < s.toks.len())
                .then(|| self.holder(si, t0, 0))
                .flatten();
            if holder.map(|h| h.0) != Some(actor) {
                continue;
            }
            let mut range = e.trigger;
            if let Some(h) = hit {
                let hh = &s.hits[h];
                range = range.cover(s.ranges[hh.start].cover(s.ranges[hh.end - 1]));
            }
            self.evidence.push(Ev {
                actor,
                issue,
                stance,
                range,
                quote: None,
                event: Some(id),
                sentence: si,
            });
        }
    }
}

impl Sent {
    fn range_in_sentence(&self, r: TextRange) -> bool {
        match (self.ranges.first(), self.ranges.last()) {
            (Some(a), Some(b)) => a.start() <= r.start() && r.end() <= b.end(),
            _ => false,
        }
    }
}
