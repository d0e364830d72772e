//! Knowledge as data.
//!
//! Countries, places, organisations, titles, group nouns, first names,
//! pronouns and words that are never names, loaded from the TSV files in
//! `data/` (embedded at compile time; see `data/README.md`) plus an optional
//! user actors file in TOML that adds or overrides entries without
//! recompiling.
//!
//! ```
//! let lex = newsgraph_lexicon::Lexicon::embedded();
//! let ukr = lex.lookup("ukraine").iter().any(|e| matches!(e, newsgraph_lexicon::Entry::Country(_)));
//! assert!(ukr);
//! ```
//!
//! Lookup keys are lowercase, with curly apostrophes folded to `'` and a
//! leading "the " dropped; callers build keys with [`key`].

pub mod inflect;
mod tsv;
mod user;

use rustc_hash::FxHashMap as HashMap;
use std::path::Path;
use std::sync::{Arc, LazyLock};

pub use user::UserActor;

/// A lexicon file that could not be read or parsed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Parse {
        path: String,
        line: usize,
        message: String,
    },
}

pub type Result<T> = std::result::Result<T, Error>;

/// Grammatical gender of a name, title or pronoun.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    Male,
    Female,
    Unisex,
}

#[derive(Debug, Clone)]
pub struct Country {
    pub iso3: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub adjectives: Vec<String>,
    pub people: Vec<String>,
    pub capital: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Place {
    pub name: String,
    pub aliases: Vec<String>,
    pub country: Option<String>,
    pub kind: String,
    /// The country whose government this place stands for ("Kyiv", "the Kremlin").
    pub stands_for: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Organisation {
    pub name: String,
    pub aliases: Vec<String>,
    pub kind: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    /// The name is also a place ("White House", "Kremlin").
    pub place: bool,
}

#[derive(Debug, Clone)]
pub struct Title {
    pub title: String,
    pub aliases: Vec<String>,
    pub sector: Option<String>,
    pub gender: Option<Gender>,
    /// "the <adjective> <title>" denotes one holder.
    pub unique: bool,
    pub rank: u8,
}

#[derive(Debug, Clone)]
pub struct GroupNoun {
    pub noun: String,
    pub singular: String,
    pub sector: Option<String>,
    pub kind: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PronounNumber {
    Singular,
    Plural,
    First,
}

#[derive(Debug, Clone, Copy)]
pub struct Pronoun {
    pub gender: Option<Gender>,
    pub number: PronounNumber,
    pub possessive: bool,
}

/// What a lookup key can denote. Indices point into the [`Lexicon`] tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Country(u32),
    /// A demonym adjective ("German").
    CountryAdjective(u32),
    /// A plural demonym ("Ukrainians").
    CountryPeople(u32),
    Place(u32),
    Organisation(u32),
    Title(u32),
    Group(u32),
    /// A region adjective that forms groups ("European", "Western").
    RegionAdjective(u32),
    /// A region's plural people noun ("Europeans").
    RegionPeople(u32),
    /// An organisation head word ("Ministry", "Party").
    OrgHead,
    User(u32),
}

/// Region adjectives and their plural people nouns, from `regions.tsv`.
#[derive(Debug, Clone)]
pub struct Region {
    pub adjective: String,
    pub people: Vec<String>,
    pub name: String,
}

/// The knowledge base. Build once ([`Lexicon::embedded`], [`Lexicon::shared`])
/// and share: lookups never allocate beyond the key.
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub countries: Vec<Country>,
    pub places: Vec<Place>,
    pub organisations: Vec<Organisation>,
    pub titles: Vec<Title>,
    pub groups: Vec<GroupNoun>,
    pub regions: Vec<Region>,
    pub users: Vec<UserActor>,
    first_names: HashMap<String, Gender>,
    non_names: HashMap<String, String>,
    pronouns: HashMap<String, Pronoun>,
    index: HashMap<String, Vec<Entry>>,
    /// Every proper prefix of every key, so a matcher can extend a phrase
    /// token by token and stop as soon as nothing can follow.
    key_prefixes: rustc_hash::FxHashSet<String>,
}

macro_rules! data {
    ($name:literal) => {
        ($name, include_str!(concat!("../data/", $name)))
    };
}

static EMBEDDED: LazyLock<Arc<Lexicon>> =
    LazyLock::new(|| Arc::new(Lexicon::from_embedded().expect("embedded lexicon parses")));

/// Builds a lookup key: lowercase, curly apostrophes and quotes folded, a leading "the " dropped.
pub fn key(phrase: &str) -> String {
    let trimmed = phrase.trim();
    // Fast path: plain ASCII with single spaces (almost every lookup).
    if trimmed.is_ascii() && !trimmed.contains("  ") && !trimmed.contains(['\t', '\n', '\r']) {
        let out = trimmed.to_ascii_lowercase();
        return match out.strip_prefix("the ") {
            Some(rest) => rest.to_string(),
            None => out,
        };
    }
    let mut out = String::with_capacity(phrase.len());
    for c in phrase.trim().chars() {
        match c {
            '’' | '‘' | '`' => out.push('\''),
            '–' | '—' => out.push('-'),
            c if c.is_whitespace() => {
                if !out.ends_with(' ') {
                    out.push(' ')
                }
            }
            c => out.extend(c.to_lowercase()),
        }
    }
    match out.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => out,
    }
}

fn prefixes_of<'a>(keys: impl Iterator<Item = &'a String>) -> rustc_hash::FxHashSet<String> {
    let mut set = rustc_hash::FxHashSet::default();
    for k in keys {
        for (i, _) in k.char_indices().skip(1) {
            set.insert(k[..i].to_string());
        }
    }
    set
}

impl Lexicon {
    /// The default knowledge shipped in `data/`, parsed once per process.
    pub fn shared() -> Arc<Lexicon> {
        EMBEDDED.clone()
    }

    /// A fresh copy of the default knowledge (to extend with user files).
    pub fn embedded() -> Lexicon {
        (*Self::shared()).clone()
    }

    fn from_embedded() -> Result<Lexicon> {
        let mut lex = Lexicon {
            countries: Vec::new(),
            places: Vec::new(),
            organisations: Vec::new(),
            titles: Vec::new(),
            groups: Vec::new(),
            regions: Vec::new(),
            users: Vec::new(),
            first_names: HashMap::default(),
            non_names: HashMap::default(),
            pronouns: HashMap::default(),
            index: HashMap::default(),
            key_prefixes: Default::default(),
        };
        let (p, s) = data!("countries.tsv");
        lex.countries = tsv::countries(p, s)?;
        let (p, s) = data!("places.tsv");
        lex.places = tsv::places(p, s)?;
        let (p, s) = data!("organisations.tsv");
        lex.organisations = tsv::organisations(p, s)?;
        let (p, s) = data!("titles.tsv");
        lex.titles = tsv::titles(p, s)?;
        let (p, s) = data!("groups.tsv");
        lex.groups = tsv::groups(p, s)?;
        let (p, s) = data!("regions.tsv");
        lex.regions = tsv::regions(p, s)?;
        let (p, s) = data!("first_names.tsv");
        lex.first_names = tsv::first_names(p, s)?;
        let (p, s) = data!("non_names.tsv");
        lex.non_names = tsv::non_names(p, s)?;
        let (p, s) = data!("pronouns.tsv");
        lex.pronouns = tsv::pronouns(p, s)?;
        let (p, s) = data!("org_heads.tsv");
        let heads = tsv::org_heads(p, s)?;
        lex.rebuild_index(&heads);
        Ok(lex)
    }

    fn rebuild_index(&mut self, org_heads: &[String]) {
        let mut index: HashMap<String, Vec<Entry>> = HashMap::default();
        let mut add = |phrase: &str, e: Entry| {
            let k = key(phrase);
            if k.is_empty() {
                return;
            }
            let v = index.entry(k).or_default();
            if !v.contains(&e) {
                v.push(e);
            }
        };
        for (i, c) in self.countries.iter().enumerate() {
            let i = i as u32;
            add(&c.name, Entry::Country(i));
            for a in &c.aliases {
                add(a, Entry::Country(i));
            }
            for a in &c.adjectives {
                add(a, Entry::CountryAdjective(i));
            }
            for a in &c.people {
                add(a, Entry::CountryPeople(i));
            }
        }
        for (i, p) in self.places.iter().enumerate() {
            add(&p.name, Entry::Place(i as u32));
            for a in &p.aliases {
                add(a, Entry::Place(i as u32));
            }
        }
        for (i, o) in self.organisations.iter().enumerate() {
            add(&o.name, Entry::Organisation(i as u32));
            for a in &o.aliases {
                add(a, Entry::Organisation(i as u32));
            }
        }
        for (i, t) in self.titles.iter().enumerate() {
            add(&t.title, Entry::Title(i as u32));
            for a in &t.aliases {
                add(a, Entry::Title(i as u32));
            }
        }
        for (i, g) in self.groups.iter().enumerate() {
            add(&g.noun, Entry::Group(i as u32));
        }
        for (i, r) in self.regions.iter().enumerate() {
            add(&r.adjective, Entry::RegionAdjective(i as u32));
            for p in &r.people {
                add(p, Entry::RegionPeople(i as u32));
            }
        }
        for h in org_heads {
            add(h, Entry::OrgHead);
        }
        for (i, u) in self.users.iter().enumerate() {
            add(&u.name, Entry::User(i as u32));
            for a in &u.aliases {
                add(a, Entry::User(i as u32));
            }
        }
        self.key_prefixes = prefixes_of(index.keys());
        self.index = index;
    }

    /// Adds a user actors file (TOML, see [`UserActor`]). User entries are
    /// looked up before the built-in ones.
    pub fn load_user_file(&mut self, path: &Path) -> Result<()> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.display().to_string(),
            source,
        })?;
        self.add_user_actors(&path.display().to_string(), &text)
    }

    /// Adds user actors from TOML text (`origin` names it in errors).
    pub fn add_user_actors(&mut self, origin: &str, text: &str) -> Result<()> {
        let added = user::parse(origin, text)?;
        let keys: Vec<String> = added
            .iter()
            .flat_map(|u| std::iter::once(&u.name).chain(u.aliases.iter()))
            .map(|p| key(p))
            .collect();
        self.key_prefixes.extend(prefixes_of(keys.iter()));
        let start = self.users.len() as u32;
        for (j, u) in added.iter().enumerate() {
            for phrase in std::iter::once(&u.name).chain(u.aliases.iter()) {
                let v = self.index.entry(key(phrase)).or_default();
                v.insert(0, Entry::User(start + j as u32));
            }
        }
        self.users.extend(added);
        Ok(())
    }

    /// True when some key starts with `prefix` and is longer than it.
    pub fn is_key_prefix(&self, prefix: &str) -> bool {
        self.key_prefixes.contains(prefix)
    }

    /// Everything a key (see [`key`]) can denote; user entries first.
    pub fn lookup(&self, key: &str) -> &[Entry] {
        self.index.get(key).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Every lookup key.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.index.keys().map(String::as_str)
    }

    /// The gender of a given name ("Friedrich" → male), if known.
    pub fn first_name(&self, name: &str) -> Option<Gender> {
        self.first_names.get(name).copied()
    }

    /// Why a capitalised word is not a name on its own, if it is not.
    pub fn non_name(&self, word: &str) -> Option<&str> {
        self.non_names.get(word).map(String::as_str)
    }

    /// A personal or possessive pronoun (case-insensitive).
    pub fn pronoun(&self, word: &str) -> Option<Pronoun> {
        if word.len() > 10 {
            return None;
        }
        if word.bytes().all(|b| b.is_ascii_lowercase()) {
            self.pronouns.get(word).copied()
        } else {
            self.pronouns.get(&word.to_lowercase()).copied()
        }
    }

    pub fn country_by_iso(&self, iso3: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.iso3 == iso3)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_folds_case_quotes_and_article() {
        assert_eq!(key("The  Kremlin"), "kremlin");
        assert_eq!(key("People’s Liberation Army"), "people's liberation army");
        assert_eq!(key("U.S."), "u.s.");
    }

    #[test]
    fn embedded_tables_load_and_index() {
        let lex = Lexicon::embedded();
        assert!(lex.countries.len() > 150);
        assert!(lex
            .lookup("german")
            .iter()
            .any(|e| matches!(e, Entry::CountryAdjective(_))));
        assert!(lex
            .lookup("chancellor")
            .iter()
            .any(|e| matches!(e, Entry::Title(_))));
        assert!(lex
            .lookup("nato")
            .iter()
            .any(|e| matches!(e, Entry::Organisation(_))));
        assert_eq!(lex.first_name("Friedrich"), Some(Gender::Male));
        assert!(lex.pronoun("He").is_some());
        assert!(lex.non_name("Monday").is_some());
    }

    #[test]
    fn user_file_overrides_and_reports_errors() {
        let mut lex = Lexicon::embedded();
        lex.add_user_actors(
            "mine.toml",
            r#"
[[actor]]
name = "Ada Example"
aliases = ["Example"]
kind = "person"
country = "FRA"
sector = "GOV"
roles = ["Minister"]
gender = "female"
"#,
        )
        .unwrap();
        assert!(matches!(lex.lookup("example")[0], Entry::User(_)));
        let err = lex
            .add_user_actors("bad.toml", "[[actor]]\nkind = \"person\"\n")
            .unwrap_err();
        assert!(err.to_string().starts_with("bad.toml"), "{err}");
        let err = lex
            .add_user_actors("bad.toml", "[[actor]]\nname = \"X\"\nkind = \"alien\"\n")
            .unwrap_err();
        assert!(err.to_string().contains("alien"), "{err}");
    }
}
