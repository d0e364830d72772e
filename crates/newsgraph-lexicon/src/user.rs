//! The user actors file (`--actors FILE`).
//!
//! ```toml
//! [[actor]]
//! name = "Friedrich Merz"         # canonical name (required)
//! aliases = ["Merz"]              # other surface forms
//! kind = "person"                 # person | organisation | country | group | location
//! roles = ["Chancellor"]
//! country = "DEU"                 # ISO 3166-1 alpha-3
//! sector = "GOV"                  # PLOVER sector
//! affiliation = "CDU"
//! gender = "male"                 # male | female
//! ```

use crate::{Error, Result};
use serde::Deserialize;

/// One entry of a user actors file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserActor {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub kind: String,
    #[serde(default)]
    pub roles: Vec<String>,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub affiliation: Option<String>,
    pub gender: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    actor: Vec<UserActor>,
}

const KINDS: &[&str] = &["person", "organisation", "country", "group", "location"];

pub(crate) fn parse(origin: &str, text: &str) -> Result<Vec<UserActor>> {
    let file: File = toml::from_str(text).map_err(|e| Error::Parse {
        path: origin.to_string(),
        line: e
            .span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
            .unwrap_or(0),
        message: e.message().to_string(),
    })?;
    for a in &file.actor {
        let bad = |message: String| Error::Parse {
            path: origin.to_string(),
            line: 0,
            message,
        };
        if !KINDS.contains(&a.kind.as_str()) {
            return Err(bad(format!(
                "actor {:?}: kind {:?} is not one of {}",
                a.name,
                a.kind,
                KINDS.join(", ")
            )));
        }
        if let Some(c) = &a.country {
            if c.len() != 3 || !c.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(bad(format!(
                    "actor {:?}: country {c:?} is not an ISO 3166-1 alpha-3 code",
                    a.name
                )));
            }
        }
        if let Some(g) = &a.gender {
            if g != "male" && g != "female" {
                return Err(bad(format!(
                    "actor {:?}: gender {g:?} is not male or female",
                    a.name
                )));
            }
        }
    }
    Ok(file.actor)
}
