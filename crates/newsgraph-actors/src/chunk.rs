//! Chunking: each sentence's tokens become typed noun-phrase chunks.
//!
//! A chunk is read left to right as
//! `[determiner] [modifier]* ['s] [title]* [,] [name]` or a group
//! `[determiner] [modifier]* group-noun`, or a lone lexicon entry, pronoun
//! or unknown capitalised name. Modifiers are country adjectives and names
//! ("German", "U.S."), region adjectives ("European") and organisations
//! ("Kremlin", "NATO").

use std::borrow::Cow;

use newsgraph_core::{Analysis, BlockKind, TextRange, TokenKind};
use newsgraph_lexicon::{key, Entry, Lexicon, Pronoun};

use crate::words::{self, DET, INDEF, LOC, POSS};
use crate::{ActorRecognizer, TokenSet, MAX_PHRASE_TOKENS};

/// What a chunk denotes, before linking.
#[derive(Debug, Clone)]
pub(crate) enum What {
    /// A proper name of a person, with what its titles say.
    Person {
        name: TextRange,
        roles: Vec<(String, u32)>,
        country: Option<String>,
        org: Option<u32>,
        /// 0: a name with evidence (a title, a first name, several words);
        /// 1: a lone capitalised word mid-sentence; 2: a lone word where
        /// everything is capitalised (sentence start, headline). Weak names
        /// only link to people named elsewhere, or (1) stand alone if nothing else.
        weak: u8,
    },
    /// "the U.S. president": resolves to a person with that role and country.
    Description {
        roles: Vec<(String, u32)>,
        country: Option<String>,
        org: Option<u32>,
        definite: bool,
    },
    /// A collective: key is what makes two group chunks the same actor.
    Group {
        name: String,
        key: String,
        country: Option<String>,
        sector: Option<String>,
    },
    Country {
        idx: u32,
        metonym: bool,
    },
    Organisation(u32),
    /// A capitalised phrase classified by its head word or shape.
    UnknownOrg(String),
    Location {
        name: String,
        country: Option<String>,
    },
    User(u32),
    Pronoun(Pronoun),
}

#[derive(Debug, Clone)]
pub(crate) struct Chunk {
    pub range: TextRange,
    pub head: TextRange,
    pub sentence: u32,
    pub what: What,
}

/// Token indices inside quotation marks (tracked per block, so an unclosed
/// quote never runs past its paragraph... except that news continues a quote
/// into the next paragraph only when that paragraph opens with a quote mark,
/// which this handles naturally).
pub(crate) fn quoted_tokens(a: &Analysis) -> TokenSet {
    let mut set = vec![false; a.tokens.len()];
    let mut block = u32::MAX;
    let mut depth = 0usize;
    for s in &a.sentences {
        if s.block != block {
            block = s.block;
            depth = 0;
        }
        let range = s.first_token as usize..s.end_token as usize;
        for (t, inside) in a.tokens[range.clone()].iter().zip(&mut set[range]) {
            match t.kind {
                TokenKind::OpenQuote => depth += 1,
                TokenKind::CloseQuote => depth = depth.saturating_sub(1),
                _ if depth > 0 => *inside = true,
                _ => {}
            }
        }
    }
    set
}

pub(crate) fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn is_possessive(w: &str) -> bool {
    matches!(w, "’s" | "'s" | "’" | "'")
}

/// A word that can be part of a person's name.
fn is_name_word(r: &ActorRecognizer, w: &str, kind: TokenKind) -> bool {
    if kind != TokenKind::Word || !is_cap(w) {
        return false;
    }
    // "Ukrainian-made", "Putin-style": a capitalised word with a lowercase tail is an adjective.
    if let Some((_, tail)) = w.split_once(['-', '‐']) {
        if !is_cap(tail) {
            return false;
        }
    }
    if r.lex.pronoun(w).is_some() {
        return false;
    }
    match r.lex.non_name(w) {
        Some(reason) => reason.contains("ambiguous"),
        None => true,
    }
}

/// Name particles allowed inside a name ("Charles de Gaulle", "bin Salman").
fn is_particle(w: &str) -> bool {
    matches!(
        w,
        "de" | "del"
            | "della"
            | "da"
            | "van"
            | "von"
            | "der"
            | "den"
            | "bin"
            | "ibn"
            | "al"
            | "la"
            | "le"
            | "du"
            | "dos"
            | "di"
    )
}

#[derive(Clone, Copy)]
struct Match<'a> {
    end: usize,
    entries: &'a [Entry],
}

struct Ctx<'a> {
    r: &'a ActorRecognizer,
    a: &'a Analysis,
    /// Lowercased token texts (borrowed when already lowercase).
    lower: Vec<Cow<'a, str>>,
    /// Longest lexicon match per token, computed once (the chunker asks
    /// about the same position several times).
    memo: std::cell::RefCell<Vec<Option<Option<Match<'a>>>>>,
}

impl<'a> Ctx<'a> {
    fn text(&self, i: usize) -> &str {
        self.a.slice(self.a.tokens[i].range)
    }

    /// Longest lexicon match starting at token `i`, within `[i, end)`
    /// (`end` is always the end of `i`'s sentence, so one memo per token).
    fn lookup(&self, i: usize, end: usize) -> Option<Match<'a>> {
        if let Some(m) = self.memo.borrow()[i] {
            return m;
        }
        let m = self.lookup_uncached(i, end);
        self.memo.borrow_mut()[i] = Some(m);
        m
    }

    /// Extends the phrase token by token, keeping the key the way
    /// [`key`] would build it, and stops when no lexicon key starts with it.
    fn lookup_uncached(&self, i: usize, end: usize) -> Option<Match<'a>> {
        let lex: &'a Lexicon = &self.r.lex;
        let text = self.a.text();
        let last = end.min(i + MAX_PHRASE_TOKENS);
        let mut buf = String::with_capacity(32);
        let mut best = None;
        for j in i..last {
            if j > i {
                let gap = &text[self.a.tokens[j - 1].range.end()..self.a.tokens[j].range.start()];
                if !gap.is_empty() {
                    buf.push(' ');
                }
            }
            let w = &self.lower[j];
            if w.is_ascii() {
                buf.push_str(w);
            } else {
                buf.push_str(&key(w));
            }
            let entries = lex.lookup(&buf);
            if !entries.is_empty() {
                best = Some(Match {
                    end: j + 1,
                    entries,
                });
            }
            if !lex.is_key_prefix(&buf) {
                break;
            }
        }
        best
    }

    fn range(&self, i: usize, j: usize) -> TextRange {
        self.a.tokens[i].range.cover(self.a.tokens[j - 1].range)
    }
}

fn find<T>(entries: &[Entry], f: impl Fn(&Entry) -> Option<T>) -> Option<T> {
    entries.iter().find_map(f)
}

/// Chunks every sentence: prose first, then headings (where only known
/// entities count, since headline case capitalises every word).
pub(crate) fn chunk_document(r: &ActorRecognizer, a: &Analysis, quoted: &TokenSet) -> Vec<Chunk> {
    let ctx: Ctx<'_> = Ctx {
        r,
        a,
        lower: a
            .tokens
            .iter()
            .map(|t| {
                let w = a.slice(t.range);
                if w.chars().any(char::is_uppercase) {
                    Cow::Owned(w.to_lowercase())
                } else {
                    Cow::Borrowed(w)
                }
            })
            .collect(),
        memo: std::cell::RefCell::new(vec![None; a.tokens.len()]),
    };
    let mut out = Vec::new();
    for pass_headings in [false, true] {
        for (si, s) in a.sentences.iter().enumerate() {
            let heading = a.blocks[s.block as usize].kind == BlockKind::Heading;
            if heading != pass_headings {
                continue;
            }
            chunk_sentence(&ctx, si, heading, quoted, &mut out);
        }
    }
    out
}

fn chunk_sentence(ctx: &Ctx, si: usize, heading: bool, quoted: &TokenSet, out: &mut Vec<Chunk>) {
    let a = ctx.a;
    let lex = &ctx.r.lex;
    let s = &a.sentences[si];
    let (first, end) = (s.first_token as usize, s.end_token as usize);
    let mut i = first;
    while i < end {
        let start = i;
        let w = ctx.text(i);
        let kind = a.tokens[i].kind;
        if kind != TokenKind::Word {
            i += 1;
            continue;
        }
        let class = words::class(&ctx.lower[i]);
        // Pronouns (outside quotes: inside, "he" is the speaker's, not ours).
        if let Some(p) = lex.pronoun(&ctx.lower[i]) {
            if !(quoted[i] || class & POSS != 0 && starts_group(ctx, i + 1, end)) {
                out.push(Chunk {
                    range: a.tokens[i].range,
                    head: a.tokens[i].range,
                    sentence: si as u32,
                    what: What::Pronoun(p),
                });
                i += 1;
                continue;
            }
        }
        // Optional determiner.
        let mut j = i;
        let mut definite = false;
        let mut indefinite = false;
        let det_class = class;
        if det_class & (DET | INDEF | POSS) != 0 {
            definite = det_class & DET != 0;
            indefinite = det_class & INDEF != 0;
            j += 1;
        }
        // A capitalised run ending in an organisation head word is one
        // organisation ("Serbian Radical Party", "Democratic Party of Serbia"),
        // unless the lexicon knows a phrase at least as long.
        if let Some(org_end) = org_span(ctx, j, end) {
            let known = ctx.lookup(j, end).map(|m| m.end).unwrap_or(j);
            if org_end > known {
                out.push(Chunk {
                    range: ctx.range(j, org_end),
                    head: ctx.range(j, org_end),
                    sentence: si as u32,
                    what: What::UnknownOrg(a.slice(ctx.range(j, org_end)).to_string()),
                });
                i = org_end;
                continue;
            }
        }
        // Modifiers, titles and names.
        let mut country: Option<String> = None;
        let mut country_idx: Option<(u32, usize, usize)> = None;
        let mut region: Option<u32> = None;
        let mut org: Option<(u32, usize, usize)> = None;
        let mut roles: Vec<(String, u32)> = Vec::new();
        let mut role_end = j;
        let mut lexical: Option<(Match, usize)> = None;
        let mut k = j;
        while k < end {
            let Some(m) = ctx.lookup(k, end) else { break };
            let cap = is_cap(ctx.text(k));
            if let Some(t) = find(m.entries, |e| match e {
                Entry::Title(t) => Some(*t),
                _ => None,
            }) {
                roles.push((a.slice(ctx.range(k, m.end)).to_string(), t));
                k = m.end;
                role_end = k;
                continue;
            }
            if !roles.is_empty() {
                break;
            }
            let modifier = find(m.entries, |e| match e {
                Entry::CountryAdjective(c) | Entry::Country(c) if cap => Some(Mod::Country(*c)),
                Entry::RegionAdjective(g) if cap => Some(Mod::Region(*g)),
                Entry::Organisation(o) if cap => Some(Mod::Org(*o)),
                _ => None,
            });
            let next_is_modifiable = m.end < end && {
                let mut n = m.end;
                if n < end && is_possessive(ctx.text(n)) {
                    n += 1;
                }
                n < end
                    && ctx.lookup(n, end).is_some_and(|m2| {
                        m2.entries
                            .iter()
                            .any(|e| matches!(e, Entry::Title(_) | Entry::Group(_)))
                    })
            };
            match modifier {
                Some(md) if next_is_modifiable && lexical.is_none() => {
                    match md {
                        Mod::Country(c) => {
                            country = Some(lex.countries[c as usize].iso3.clone());
                            country_idx = Some((c, k, m.end));
                        }
                        Mod::Region(g) => region = Some(g),
                        Mod::Org(o) => {
                            org = Some((o, k, m.end));
                            if country.is_none() {
                                country = lex.organisations[o as usize].country.clone();
                            }
                        }
                    }
                    k = m.end;
                    if k < end && is_possessive(ctx.text(k)) {
                        k += 1;
                    }
                }
                _ => {
                    lexical = Some((m, k));
                    break;
                }
            }
        }
        // A group noun after the modifiers: "European leaders", "Kremlin officials".
        if roles.is_empty() {
            if let Some((m, at)) = &lexical {
                if let Some(g) = find(m.entries, |e| match e {
                    Entry::Group(g) => Some(*g),
                    _ => None,
                }) {
                    let group = &lex.groups[g as usize];
                    let has_mod = country.is_some() || region.is_some() || org.is_some();
                    let opens = *at == j;
                    // A bare group noun is an actor only as a capitalised
                    // subject ("Analysts note") or with a determiner.
                    if has_mod || is_cap(ctx.text(*at)) || (opens && j > i && definite) {
                        let (name, gkey, sector) = group_identity(
                            ctx,
                            country_idx,
                            region,
                            org,
                            group,
                            a.slice(ctx.range(j, m.end)),
                        );
                        out.push(Chunk {
                            range: ctx.range(i, m.end),
                            head: ctx.range(j, m.end),
                            sentence: si as u32,
                            what: What::Group {
                                name,
                                key: gkey,
                                country: country.clone(),
                                sector,
                            },
                        });
                        i = m.end;
                        continue;
                    }
                }
            }
        }
        // A name after titles: "Chancellor Friedrich Merz", "First Lady, Olena Zelenska".
        if !roles.is_empty() {
            let mut n = role_end;
            if n < end
                && ctx.text(n) == ","
                && n + 1 < end
                && is_name_word(ctx.r, ctx.text(n + 1), a.tokens[n + 1].kind)
            {
                n += 1;
            }
            let name_end = scan_name(ctx, n, end);
            if name_end > n {
                push_modifiers(ctx, out, si, country_idx, org);
                out.push(Chunk {
                    range: ctx.range(i.max(first_modifier(j, country_idx, org)), name_end),
                    head: ctx.range(n, name_end),
                    sentence: si as u32,
                    what: What::Person {
                        name: ctx.range(n, name_end),
                        roles,
                        country,
                        org: org.map(|o| o.0),
                        weak: 0,
                    },
                });
                i = name_end;
                continue;
            }
            if definite || indefinite {
                push_modifiers(ctx, out, si, country_idx, org);
                out.push(Chunk {
                    range: ctx.range(i, role_end),
                    head: ctx.range(j, role_end),
                    sentence: si as u32,
                    what: What::Description {
                        roles,
                        country,
                        org: org.map(|o| o.0),
                        definite,
                    },
                });
                i = role_end;
                continue;
            }
            // A title alone ("President" in a headline): nothing.
            i = role_end.max(i + 1);
            continue;
        }
        // Modifiers consumed but no title or group followed: emit them as
        // plain mentions and move on.
        if let Some((c, s0, e0)) = country_idx {
            push_country(ctx, out, si, c, s0, e0, false);
            i = e0;
            continue;
        }
        if let Some((o, s0, e0)) = org {
            push_org(
                ctx,
                out,
                si,
                o,
                s0,
                e0,
                s0 > first && words::class(ctx.text(s0 - 1)) & LOC != 0,
            );
            i = e0;
            continue;
        }
        // A lexicon entity on its own.
        if let Some((m, at)) = lexical {
            let cap = is_cap(ctx.text(at));
            let prev_loc = at > first && {
                let mut p = at - 1;
                if words::class(&ctx.lower[p]) & DET != 0 && p > first {
                    p -= 1;
                }
                let c = words::class(&ctx.lower[p]);
                c & LOC != 0 || matches!(&*ctx.lower[p], "to" | "from" | "near")
            };
            if let Some(u) = find(m.entries, |e| match e {
                Entry::User(u) => Some(*u),
                _ => None,
            }) {
                out.push(Chunk {
                    range: ctx.range(at, m.end),
                    head: ctx.range(at, m.end),
                    sentence: si as u32,
                    what: What::User(u),
                });
                i = m.end;
                continue;
            }
            if cap {
                if let Some(c) = find(m.entries, |e| match e {
                    Entry::Country(c) => Some(*c),
                    _ => None,
                }) {
                    push_country(ctx, out, si, c, at, m.end, false);
                    i = m.end;
                    continue;
                }
                if let Some(o) = find(m.entries, |e| match e {
                    Entry::Organisation(o) => Some(*o),
                    _ => None,
                }) {
                    // "the Kremlin" keeps its article in the mention.
                    let s0 = if at > i && definite { i } else { at };
                    push_org(ctx, out, si, o, s0, m.end, prev_loc);
                    if let Some(last) = out.last_mut() {
                        last.head = ctx.range(at, m.end);
                    }
                    i = m.end;
                    continue;
                }
                if let Some(p) = find(m.entries, |e| match e {
                    Entry::Place(p) => Some(*p),
                    _ => None,
                }) {
                    let place = &lex.places[p as usize];
                    let possessor = m.end < end && is_possessive(ctx.text(m.end));
                    let what = match (&place.stands_for, prev_loc && !possessor) {
                        (Some(iso), false) => {
                            lex.countries.iter().position(|c| &c.iso3 == iso).map(|c| {
                                What::Country {
                                    idx: c as u32,
                                    metonym: true,
                                }
                            })
                        }
                        _ => None,
                    };
                    let what = what.unwrap_or(What::Location {
                        name: place.name.clone(),
                        country: place.country.clone(),
                    });
                    out.push(Chunk {
                        range: ctx.range(at, m.end),
                        head: ctx.range(at, m.end),
                        sentence: si as u32,
                        what,
                    });
                    i = m.end;
                    continue;
                }
                if let Some(c) = find(m.entries, |e| match e {
                    Entry::CountryPeople(c) => Some(*c),
                    _ => None,
                }) {
                    let c = &lex.countries[c as usize];
                    out.push(group_chunk(
                        ctx,
                        si,
                        i,
                        at,
                        m.end,
                        c.people[0].clone(),
                        format!("people:{}", c.iso3),
                        Some(c.iso3.clone()),
                    ));
                    i = m.end;
                    continue;
                }
                if let Some(g) = find(m.entries, |e| match e {
                    Entry::RegionPeople(g) => Some(*g),
                    _ => None,
                }) {
                    let r = &lex.regions[g as usize];
                    let surface = a.slice(ctx.range(at, m.end)).to_string();
                    out.push(group_chunk(
                        ctx,
                        si,
                        i,
                        at,
                        m.end,
                        surface,
                        format!("region:{}", r.adjective),
                        None,
                    ));
                    i = m.end;
                    continue;
                }
            }
            // A lexicon phrase that is none of the above (a title alone, an
            // adjective) is not a name start; a lone organisation head word
            // ("Party") may still begin an unknown name below.
            if m.end > at + 1 || !m.entries.iter().any(|e| matches!(e, Entry::OrgHead)) {
                i = m.end.max(at + 1);
                continue;
            }
        }
        // Unknown capitalised names.
        if !heading && is_name_word(ctx.r, w, kind) {
            let name_end = scan_name(ctx, i, end);
            if name_end > i {
                if let Some(c) = classify_unknown(ctx, i, name_end, first) {
                    out.push(Chunk {
                        range: ctx.range(i, name_end),
                        head: ctx.range(i, name_end),
                        sentence: si as u32,
                        what: c,
                    });
                }
                i = name_end;
                continue;
            }
        }
        // Headings: single capitalised words may still be known surnames;
        // the linker drops those it cannot place.
        if heading && is_name_word(ctx.r, w, kind) {
            out.push(Chunk {
                range: a.tokens[i].range,
                head: a.tokens[i].range,
                sentence: si as u32,
                what: What::Person {
                    name: a.tokens[i].range,
                    roles: Vec::new(),
                    country: None,
                    org: None,
                    weak: 2,
                },
            });
        }
        i = start + 1;
    }
}

/// The organisation or country named inside a person's or description's
/// modifiers ("Kremlin" in "Kremlin aide Yuri Ushakov", "U.S." in "the U.S.
/// president") is a mention of that actor too. Adjectives ("German") are not.
fn push_modifiers(
    ctx: &Ctx,
    out: &mut Vec<Chunk>,
    si: usize,
    country: Option<(u32, usize, usize)>,
    org: Option<(u32, usize, usize)>,
) {
    if let Some((o, s0, e0)) = org {
        push_org(ctx, out, si, o, s0, e0, false);
    }
    if let Some((c, s0, e0)) = country {
        let surface = ctx.a.slice(ctx.range(s0, e0));
        let lex = &ctx.r.lex;
        let is_name = lex
            .lookup(&key(surface))
            .iter()
            .any(|e| matches!(e, Entry::Country(x) if *x == c));
        if is_name {
            push_country(ctx, out, si, c, s0, e0, false);
        }
    }
}

enum Mod {
    Country(u32),
    Region(u32),
    Org(u32),
}

fn first_modifier(
    j: usize,
    country: Option<(u32, usize, usize)>,
    org: Option<(u32, usize, usize)>,
) -> usize {
    let mut s = j;
    if let Some((_, a, _)) = country {
        s = s.min(a);
    }
    if let Some((_, a, _)) = org {
        s = s.min(a);
    }
    s
}

/// Is the word at `i` the start of a group or modifier phrase (so a possessive
/// determiner before it belongs to the group: "his European counterparts")?
fn starts_group(ctx: &Ctx, mut i: usize, end: usize) -> bool {
    while i < end {
        let Some(m) = ctx.lookup(i, end) else {
            return false;
        };
        if m.entries.iter().any(|e| matches!(e, Entry::Group(_))) {
            return true;
        }
        if m.entries
            .iter()
            .any(|e| matches!(e, Entry::RegionAdjective(_) | Entry::CountryAdjective(_)))
        {
            i = m.end;
            continue;
        }
        return false;
    }
    false
}

#[allow(clippy::too_many_arguments)]
fn group_chunk(
    ctx: &Ctx,
    si: usize,
    i: usize,
    at: usize,
    end: usize,
    name: String,
    key: String,
    country: Option<String>,
) -> Chunk {
    Chunk {
        range: ctx.range(i.min(at), end),
        head: ctx.range(at, end),
        sentence: si as u32,
        what: What::Group {
            name,
            key,
            country,
            sector: None,
        },
    }
}

/// Name, identity key, sector and region-ness of a group chunk.
fn group_identity(
    ctx: &Ctx,
    country: Option<(u32, usize, usize)>,
    region: Option<u32>,
    org: Option<(u32, usize, usize)>,
    group: &newsgraph_lexicon::GroupNoun,
    surface: &str,
) -> (String, String, Option<String>) {
    let lex = &ctx.r.lex;
    let sector = group.sector.clone();
    let sector_key = sector.clone().unwrap_or_else(|| group.noun.to_lowercase());
    if let Some((c, _, _)) = country {
        let c = &lex.countries[c as usize];
        return (
            surface.to_string(),
            format!("{}:{}", c.iso3, sector_key),
            sector,
        );
    }
    if let Some(g) = region {
        let r = &lex.regions[g as usize];
        return (
            surface.to_string(),
            format!("region:{}", r.adjective),
            sector,
        );
    }
    if let Some((o, _, _)) = org {
        let o = &lex.organisations[o as usize];
        return (
            surface.to_string(),
            format!("org:{}:{}", o.name, sector_key),
            sector,
        );
    }
    let name = capitalise(&group.noun);
    (name, format!("bare:{}", group.noun.to_lowercase()), sector)
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn push_country(
    ctx: &Ctx,
    out: &mut Vec<Chunk>,
    si: usize,
    c: u32,
    s0: usize,
    e0: usize,
    metonym: bool,
) {
    out.push(Chunk {
        range: ctx.range(s0, e0),
        head: ctx.range(s0, e0),
        sentence: si as u32,
        what: What::Country { idx: c, metonym },
    });
}

fn push_org(
    ctx: &Ctx,
    out: &mut Vec<Chunk>,
    si: usize,
    o: u32,
    s0: usize,
    e0: usize,
    locative: bool,
) {
    let org = &ctx.r.lex.organisations[o as usize];
    let what = if org.place && locative {
        What::Location {
            name: org.name.clone(),
            country: org.country.clone(),
        }
    } else {
        What::Organisation(o)
    };
    out.push(Chunk {
        range: ctx.range(s0, e0),
        head: ctx.range(s0, e0),
        sentence: si as u32,
        what,
    });
}

fn is_org_head(ctx: &Ctx, i: usize) -> bool {
    ctx.r
        .lex
        .lookup(&ctx.lower[i])
        .iter()
        .any(|e| matches!(e, Entry::OrgHead))
}

/// The end of an organisation name starting at `i`: capitalised words up to
/// an organisation head word, then optionally "of [the] Capitalised ...".
fn org_span(ctx: &Ctx, i: usize, end: usize) -> Option<usize> {
    let a = ctx.a;
    if i >= end
        || a.tokens[i].kind != TokenKind::Word
        || !is_cap(ctx.text(i))
        || is_org_head(ctx, i)
    {
        return None;
    }
    if ctx
        .r
        .lex
        .non_name(ctx.text(i))
        .is_some_and(|r| !r.contains("ambiguous"))
    {
        return None;
    }
    let mut j = i;
    let mut head_end = None;
    let mut after_of = false;
    while j < end && j < i + 12 {
        let w = ctx.text(j);
        let word = a.tokens[j].kind == TokenKind::Word;
        if word && is_cap(w) {
            j += 1;
            if after_of || is_org_head(ctx, j - 1) {
                head_end = Some(j);
            }
            continue;
        }
        let joiner = matches!(
            &*ctx.lower[j],
            "of" | "the" | "for" | "and" | "on" | "'s" | "’s" | "&"
        );
        if joiner && j + 1 < end && is_cap(ctx.text(j + 1))
            || (&*ctx.lower[j] == "of"
                && j + 2 < end
                && &*ctx.lower[j + 1] == "the"
                && is_cap(ctx.text(j + 2)))
        {
            if &*ctx.lower[j] == "of" && head_end.is_some() {
                after_of = true;
            }
            if head_end.is_none() && !matches!(&*ctx.lower[j], "'s" | "’s" | "&" | "and" | "for")
            {
                return None;
            }
            j += 1;
            continue;
        }
        break;
    }
    head_end
}

/// The end of a run of name words starting at `i` (`i` if none).
fn scan_name(ctx: &Ctx, i: usize, end: usize) -> usize {
    let a = ctx.a;
    let mut j = i;
    while j < end {
        let w = ctx.text(j);
        let kind = a.tokens[j].kind;
        if is_name_word(ctx.r, w, kind) {
            // Stop at a known non-person entity that starts here ("Trump Downplays" is fine,
            // but "Merz ... Kremlin" should not glue).
            if j > i {
                if let Some(m) = ctx.lookup(j, end) {
                    if m.entries.iter().any(|e| {
                        matches!(
                            e,
                            Entry::Country(_)
                                | Entry::Organisation(_)
                                | Entry::Place(_)
                                | Entry::Title(_)
                                | Entry::CountryAdjective(_)
                        )
                    }) {
                        break;
                    }
                }
            }
            j += 1;
        } else if j > i
            && j + 1 < end
            && is_particle(w)
            && is_name_word(ctx.r, ctx.text(j + 1), a.tokens[j + 1].kind)
        {
            j += 1;
        } else {
            break;
        }
    }
    j
}

/// What an unknown capitalised phrase is.
fn classify_unknown(ctx: &Ctx, i: usize, end: usize, sentence_start: usize) -> Option<What> {
    let lex = &ctx.r.lex;
    let a = ctx.a;
    let surface = a.slice(ctx.range(i, end)).to_string();
    let last = ctx.text(end - 1);
    if lex
        .lookup(&key(last))
        .iter()
        .any(|e| matches!(e, Entry::OrgHead))
    {
        return Some(What::UnknownOrg(surface));
    }
    let n = end - i;
    let w0 = ctx.text(i);
    let first_name = lex.first_name(w0).is_some();
    if n == 1 && w0.len() > 1 && w0.chars().all(|c| c.is_uppercase() || c == '.') {
        return Some(What::UnknownOrg(surface));
    }
    // Several capitalised words are a person's name when they start with a
    // known given name; otherwise (titles of works, events, slogans) they
    // are weak: they count only if a known person has that surname.
    let weak = match n {
        1 if first_name => 0,
        1 if i == sentence_start => 2,
        1 => 1,
        _ if first_name => 0,
        _ => 1,
    };
    Some(What::Person {
        name: ctx.range(i, end),
        roles: Vec::new(),
        country: None,
        org: None,
        weak,
    })
}
