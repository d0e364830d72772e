//! Linking chunks into actors: one actor per real-world entity.
//!
//! **Invariant:** two people with different first names are never merged
//! ("Donald Trump" and "Melania Trump"); a lone surname joins the first
//! person introduced with it.

use rustc_hash::FxHashMap as HashMap;

use newsgraph_core::{
    Actor, ActorId, ActorKind, Analysis, Gender, Mention, MentionId, MentionKind, TextRange,
};
use newsgraph_lexicon::Gender as LexGender;

use crate::chunk::{Chunk, What};
use crate::{name_words, ActorRecognizer};

/// Side facts about actors that the readout does not carry.
#[derive(Default)]
pub(crate) struct Facts {
    /// Lexicon title indices per person, for description matching.
    pub titles: HashMap<ActorId, Vec<u32>>,
}

struct State<'a> {
    r: &'a ActorRecognizer,
    actors: Vec<Actor>,
    facts: Facts,
    /// Mentions found so far: (range, head, kind, actor, sentence).
    mentions: Vec<(TextRange, TextRange, MentionKind, ActorId, u32)>,
    persons: Vec<ActorId>,
    /// Per person (same order): first word, last word, word count.
    person_names: Vec<(String, String, usize)>,
    by_key: HashMap<String, ActorId>,
}

fn gender(g: Option<LexGender>) -> Gender {
    match g {
        Some(LexGender::Male) => Gender::Male,
        Some(LexGender::Female) => Gender::Female,
        _ => Gender::Unknown,
    }
}

impl State<'_> {
    fn new_actor(&mut self, name: String, kind: ActorKind) -> ActorId {
        let id = ActorId(self.actors.len() as u32);
        self.actors.push(Actor {
            name,
            kind,
            roles: Vec::new(),
            country: None,
            sector: None,
            affiliation: None,
            gender: Gender::Unknown,
            mentions: Vec::new(),
        });
        id
    }

    fn keyed(&mut self, k: String, make: impl FnOnce(&mut Self) -> ActorId) -> ActorId {
        if let Some(&id) = self.by_key.get(&k) {
            return id;
        }
        let id = make(self);
        self.by_key.insert(k, id);
        id
    }

    fn mention(&mut self, c: &Chunk, kind: MentionKind, actor: ActorId) {
        self.mentions
            .push((c.range, c.head, kind, actor, c.sentence));
    }

    /// The person a name refers to, creating one if `create`.
    fn person(&mut self, name: &str, create: bool) -> Option<ActorId> {
        let words = name_words(name);
        let last = *words.last()?;
        let first = words[0];
        let mut same_surname = None;
        for (k, &p) in self.persons.iter().enumerate() {
            let (pfirst, plast, plen) = &self.person_names[k];
            if plast != last {
                continue;
            }
            if self.actors[p.index()].name == name {
                return Some(p);
            }
            if same_surname.is_none() {
                same_surname = Some((k, p, *plen, pfirst.clone()));
            }
        }
        if let Some((k, p, plen, pfirst)) = same_surname {
            if words.len() == 1 {
                return Some(p);
            }
            if plen == 1 {
                // The surname came first; now we learn the full name.
                self.actors[p.index()].name = name.to_string();
                self.person_names[k] = (first.to_string(), last.to_string(), words.len());
                return Some(p);
            }
            if pfirst == first {
                return Some(p);
            }
        }
        if !create {
            return None;
        }
        let id = self.new_actor(name.to_string(), ActorKind::Person);
        if words.len() > 1 {
            self.actors[id.index()].gender = gender(self.r.lexicon().first_name(first));
        }
        self.persons.push(id);
        self.person_names
            .push((first.to_string(), last.to_string(), words.len()));
        Some(id)
    }

    fn add_roles(
        &mut self,
        id: ActorId,
        roles: &[(String, u32)],
        country: Option<&String>,
        org: Option<u32>,
    ) {
        let lex = self.r.lexicon();
        let titles = self.facts.titles.entry(id).or_default();
        let actor = &mut self.actors[id.index()];
        for (surface, t) in roles {
            if !actor.roles.iter().any(|r| r.eq_ignore_ascii_case(surface)) {
                actor.roles.push(surface.clone());
            }
            if !titles.contains(t) {
                titles.push(*t);
            }
            let title = &lex.titles[*t as usize];
            if actor.sector.is_none() {
                actor.sector = title.sector.clone();
            }
            if actor.gender == Gender::Unknown {
                actor.gender = gender(title.gender);
            }
        }
        if let Some(o) = org {
            let o = &lex.organisations[o as usize];
            if o.kind == "igo" {
                actor.sector = Some("IGO".into());
            } else if actor.sector.is_none() {
                actor.sector = o.sector.clone();
            }
            if actor.affiliation.is_none() {
                actor.affiliation = Some(o.name.clone());
            }
        }
        if actor.country.is_none() {
            actor.country = country.cloned();
        }
    }

    fn organisation(&mut self, o: u32) -> ActorId {
        let lex = self.r.lexicon();
        let org = &lex.organisations[o as usize];
        let (name, country, sector) = (
            org.name.clone(),
            org.country.clone(),
            if org.kind == "igo" {
                Some("IGO".to_string())
            } else {
                org.sector.clone()
            },
        );
        self.keyed(format!("org:{name}"), |st| {
            let id = st.new_actor(name, ActorKind::Organisation);
            let a = &mut st.actors[id.index()];
            a.country = country;
            a.sector = sector;
            id
        })
    }
}

/// Links every chunk except pronouns; writes mentions (sorted) and actors.
/// Returns the pronoun chunks, for [`crate::pronouns`].
pub(crate) fn link(r: &ActorRecognizer, a: &mut Analysis, mut chunks: Vec<Chunk>) -> Vec<Chunk> {
    chunks.sort_by_key(|c| c.range.start());
    let mut st = State {
        r,
        actors: Vec::new(),
        facts: Facts::default(),
        mentions: Vec::new(),
        persons: Vec::new(),
        person_names: Vec::new(),
        by_key: HashMap::default(),
    };
    let lex = r.lexicon();
    // Pass 1: everything with evidence of its own, in text order.
    for c in &chunks {
        match &c.what {
            What::Person {
                name,
                roles,
                country,
                org,
                weak: 0,
            } => {
                let name = a.slice(*name).to_string();
                if let Some(id) = st.person(&name, true) {
                    st.add_roles(id, roles, country.as_ref(), *org);
                    st.mention(c, MentionKind::Name, id);
                }
            }
            What::Country { idx, metonym } => {
                let country = &lex.countries[*idx as usize];
                let (name, iso) = (country.name.clone(), country.iso3.clone());
                let id = st.keyed(format!("country:{iso}"), |st| {
                    let id = st.new_actor(name, ActorKind::Country);
                    st.actors[id.index()].country = Some(iso);
                    id
                });
                let kind = if *metonym {
                    MentionKind::Metonym
                } else if a.slice(c.head).contains('.')
                    || a.slice(c.head).chars().all(|ch| ch.is_uppercase())
                {
                    MentionKind::Acronym
                } else {
                    MentionKind::Name
                };
                st.mention(c, kind, id);
            }
            What::Organisation(o) => {
                let id = st.organisation(*o);
                let kind = if lex.organisations[*o as usize].place {
                    MentionKind::Metonym
                } else {
                    MentionKind::Name
                };
                st.mention(c, kind, id);
            }
            What::UnknownOrg(name) => {
                let name = name.strip_prefix("the ").unwrap_or(name).to_string();
                let id = st.keyed(format!("org:{name}"), |st| {
                    st.new_actor(name, ActorKind::Organisation)
                });
                st.mention(c, MentionKind::Name, id);
            }
            What::Location { name, country } => {
                let (name, country) = (name.clone(), country.clone());
                let id = st.keyed(format!("loc:{name}"), |st| {
                    let id = st.new_actor(name, ActorKind::Location);
                    st.actors[id.index()].country = country;
                    id
                });
                st.mention(c, MentionKind::Name, id);
            }
            What::Group {
                name,
                key,
                country,
                sector,
            } => {
                let (name, country, sector) = (name.clone(), country.clone(), sector.clone());
                let id = st.keyed(key.clone(), |st| {
                    let id = st.new_actor(name, ActorKind::Group);
                    let g = &mut st.actors[id.index()];
                    g.country = country;
                    g.sector = sector;
                    id
                });
                st.mention(c, MentionKind::Group, id);
            }
            What::User(u) => {
                let user = &lex.users[*u as usize];
                let kind = match user.kind.as_str() {
                    "person" => ActorKind::Person,
                    "country" => ActorKind::Country,
                    "group" => ActorKind::Group,
                    "location" => ActorKind::Location,
                    _ => ActorKind::Organisation,
                };
                let id = st.keyed(format!("user:{}", user.name), |st| {
                    let id = st.new_actor(user.name.clone(), kind);
                    let x = &mut st.actors[id.index()];
                    x.roles = user.roles.clone();
                    x.country = user.country.clone();
                    x.sector = user.sector.clone();
                    x.affiliation = user.affiliation.clone();
                    x.gender = match user.gender.as_deref() {
                        Some("male") => Gender::Male,
                        Some("female") => Gender::Female,
                        _ => Gender::Unknown,
                    };
                    if kind == ActorKind::Person {
                        let words = name_words(&user.name);
                        let (f, l) = (
                            words.first().copied().unwrap_or(""),
                            words.last().copied().unwrap_or(""),
                        );
                        st.person_names
                            .push((f.to_string(), l.to_string(), words.len()));
                        st.persons.push(id);
                    }
                    id
                });
                st.mention(c, MentionKind::Name, id);
            }
            _ => {}
        }
    }
    // Pass 2: lone capitalised words join known people; mid-sentence ones
    // may stand alone.
    for c in &chunks {
        if let What::Person { name, weak, .. } = &c.what {
            if *weak == 0 {
                continue;
            }
            let surface = a.slice(*name).to_string();
            if let Some(id) = st.person(&surface, false) {
                st.mention(c, MentionKind::Name, id);
            }
        }
    }
    // Pass 3: descriptions, against every person now known.
    for c in &chunks {
        if let What::Description {
            roles,
            country,
            org,
            definite,
        } = &c.what
        {
            let wanted: Vec<u32> = roles.iter().map(|r| r.1).collect();
            let unique = wanted.iter().any(|t| lex.titles[*t as usize].unique);
            let candidates: Vec<ActorId> = st
                .persons
                .iter()
                .copied()
                .filter(|p| {
                    let titles = st.facts.titles.get(p).map(Vec::as_slice).unwrap_or(&[]);
                    wanted.iter().all(|t| titles.contains(t))
                        && (country.is_none() || st.actors[p.index()].country == *country)
                })
                .collect();
            if *definite && (unique || candidates.len() == 1) && !candidates.is_empty() {
                // The most recently mentioned holder before the description.
                let best = candidates
                    .iter()
                    .copied()
                    .max_by_key(|p| {
                        st.mentions
                            .iter()
                            .filter(|m| m.3 == *p && m.0.start() < c.range.start())
                            .map(|m| m.0.start() + 1)
                            .max()
                            .unwrap_or(0)
                    })
                    .unwrap_or(candidates[0]);
                st.mention(c, MentionKind::Description, best);
            } else if !*definite {
                if let Some(o) = org {
                    let id = st.organisation(*o);
                    st.mention(c, MentionKind::Description, id);
                }
            }
        }
    }
    write(a, st);
    chunks.retain(|c| matches!(c.what, What::Pronoun(_)));
    chunks
}

fn write(a: &mut Analysis, st: State) {
    let State {
        mut actors,
        mut mentions,
        ..
    } = st;
    mentions.sort_by_key(|m| (m.0.start(), std::cmp::Reverse(m.0.end())));
    mentions.dedup_by_key(|m| m.0);
    for act in &mut actors {
        act.mentions.clear();
    }
    a.mentions = mentions
        .into_iter()
        .map(|(range, head, kind, actor, sentence)| Mention {
            range,
            head,
            kind,
            actor,
            sentence,
        })
        .collect();
    a.actors = actors;
}

/// Final pass after pronouns: fill in countries that the text implies, drop
/// actors without mentions, renumber, and index mentions per actor.
pub(crate) fn finish(a: &mut Analysis) {
    a.mentions
        .sort_by_key(|m| (m.range.start(), std::cmp::Reverse(m.range.end())));
    // Family members share a surname and, absent other evidence, a country.
    let n = a.actors.len();
    for i in 0..n {
        if a.actors[i].kind != ActorKind::Person || a.actors[i].country.is_some() {
            continue;
        }
        let words: Vec<String> = name_words(&a.actors[i].name)
            .iter()
            .map(|s| s.to_string())
            .collect();
        if words.len() < 2 {
            continue;
        }
        let surname = words.last().cloned();
        let kin = (0..n).find(|&j| {
            j != i
                && a.actors[j].kind == ActorKind::Person
                && a.actors[j].country.is_some()
                && name_words(&a.actors[j].name).last().map(|s| s.to_string()) == surname
        });
        if let Some(j) = kin {
            a.actors[i].country = a.actors[j].country.clone();
        }
    }
    // Officials named with an unqualified title ("Vice-President JD Vance")
    // belong to the article's home country: the country of its most-mentioned
    // titled official.
    let mut counts = vec![0usize; n];
    for m in &a.mentions {
        counts[m.actor.index()] += 1;
    }
    // Only when that country clearly dominates the titled officials (at
    // least 40% of their mentions): a wire story about many countries has no
    // home country to assume.
    let titled: Vec<usize> = (0..n)
        .filter(|&i| {
            a.actors[i].kind == ActorKind::Person
                && a.actors[i].country.is_some()
                && !a.actors[i].roles.is_empty()
        })
        .collect();
    let total: usize = titled.iter().map(|&i| counts[i]).sum();
    let home = titled
        .iter()
        .copied()
        .max_by_key(|&i| counts[i])
        .and_then(|top| {
            let country = a.actors[top].country.clone()?;
            let share: usize = titled
                .iter()
                .filter(|&&i| a.actors[i].country.as_deref() == Some(country.as_str()))
                .map(|&i| counts[i])
                .sum();
            (share * 5 >= total * 2).then_some(country)
        });
    if let Some(home) = home {
        for act in &mut a.actors {
            if act.kind == ActorKind::Person
                && act.country.is_none()
                && act.affiliation.is_none()
                && act.sector.as_deref() == Some("GOV")
            {
                act.country = Some(home.clone());
            }
        }
    }
    // Renumber: keep actors with mentions, in order of first mention.
    let mut order: Vec<usize> = Vec::new();
    let mut remap = vec![u32::MAX; n];
    for m in &a.mentions {
        let old = m.actor.index();
        if remap[old] == u32::MAX {
            remap[old] = order.len() as u32;
            order.push(old);
        }
    }
    let mut old_actors: Vec<Option<Actor>> = std::mem::take(&mut a.actors)
        .into_iter()
        .map(Some)
        .collect();
    a.actors = order
        .iter()
        .map(|&i| old_actors[i].take().expect("each actor once"))
        .collect();
    for (mi, m) in a.mentions.iter_mut().enumerate() {
        m.actor = ActorId(remap[m.actor.index()]);
        a.actors[m.actor.index()]
            .mentions
            .push(MentionId(mi as u32));
    }
}
