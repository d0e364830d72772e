//! The parts of the readout JSON the checkers read (see `READOUT.md`).
//! Missing fields and `null`s default to empty, so a partial readout (a
//! pipeline without events yet) is checked rather than refused.

use serde::{Deserialize, Deserializer};

fn null_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A span: code-point offsets and text.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct RSpan {
    #[serde(deserialize_with = "null_default")]
    pub start: usize,
    #[serde(deserialize_with = "null_default")]
    pub end: usize,
    #[serde(deserialize_with = "null_default")]
    pub text: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct RActor {
    #[serde(deserialize_with = "null_default")]
    pub id: String,
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    #[serde(deserialize_with = "null_default")]
    pub kind: String,
    #[serde(deserialize_with = "null_default")]
    pub roles: Vec<String>,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub affiliation: Option<String>,
    #[serde(deserialize_with = "null_default")]
    pub mentions: Vec<RSpan>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct RQuote {
    #[serde(deserialize_with = "null_default")]
    pub id: String,
    #[serde(deserialize_with = "null_default")]
    pub kind: String,
    pub speaker: Option<String>,
    pub addressee: Option<String>,
    pub source: Option<RSpan>,
    pub cue: Option<RSpan>,
    pub content: Option<RSpan>,
    #[serde(deserialize_with = "null_default")]
    pub quoted: Vec<RSpan>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct RWhen {
    #[serde(deserialize_with = "null_default")]
    pub date: String,
    #[serde(deserialize_with = "null_default")]
    pub precision: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct RWhere {
    #[serde(deserialize_with = "null_default")]
    pub name: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct REvent {
    #[serde(deserialize_with = "null_default")]
    pub id: String,
    #[serde(rename = "type", deserialize_with = "null_default")]
    pub event_type: String,
    pub mode: Option<String>,
    #[serde(deserialize_with = "null_default")]
    pub context: Vec<String>,
    #[serde(deserialize_with = "null_default")]
    pub actors: Vec<String>,
    #[serde(deserialize_with = "null_default")]
    pub targets: Vec<String>,
    #[serde(deserialize_with = "null_default")]
    pub status: String,
    pub trigger: Option<RSpan>,
    pub when: Option<RWhen>,
    #[serde(rename = "where")]
    pub place: Option<RWhere>,
    pub issue: Option<String>,
    pub reported_by: Option<String>,
    #[serde(deserialize_with = "null_default")]
    pub figures: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct RFigure {
    #[serde(deserialize_with = "null_default")]
    pub id: String,
    #[serde(deserialize_with = "null_default")]
    pub kind: String,
    #[serde(deserialize_with = "null_default")]
    pub span: RSpan,
    pub amount: Option<f64>,
    pub currency: Option<String>,
    pub minutes: Option<f64>,
    pub days: Option<f64>,
    pub by: Option<String>,
    pub value: Option<f64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct RDate {
    #[serde(deserialize_with = "null_default")]
    pub span: RSpan,
    pub date: Option<String>,
    pub precision: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct RPosition {
    #[serde(deserialize_with = "null_default")]
    pub actor: String,
    #[serde(deserialize_with = "null_default")]
    pub issue: String,
    #[serde(deserialize_with = "null_default")]
    pub stance: String,
    #[serde(deserialize_with = "null_default")]
    pub evidence: Vec<RSpan>,
    #[serde(deserialize_with = "null_default")]
    pub quotes: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Readout {
    #[serde(deserialize_with = "null_default")]
    pub actors: Vec<RActor>,
    #[serde(deserialize_with = "null_default")]
    pub quotes: Vec<RQuote>,
    #[serde(deserialize_with = "null_default")]
    pub events: Vec<REvent>,
    #[serde(deserialize_with = "null_default")]
    pub figures: Vec<RFigure>,
    #[serde(deserialize_with = "null_default")]
    pub dates: Vec<RDate>,
    #[serde(deserialize_with = "null_default")]
    pub positions: Vec<RPosition>,
}

impl Readout {
    /// Parses the readout; the error says which part is malformed.
    pub fn from_value(v: &serde_json::Value) -> Result<Readout, String> {
        Readout::deserialize(v).map_err(|e| format!("the readout is malformed: {e}"))
    }

    pub fn actor_index(&self, id: &str) -> Option<usize> {
        self.actors.iter().position(|a| a.id == id)
    }

    /// "a3 (Donald Trump)", or the bare id when it names no actor.
    pub fn describe_actor(&self, id: &str) -> String {
        match self.actor_index(id) {
            Some(i) => format!("{id} ({})", self.actors[i].name),
            None => format!("{id} (no such actor)"),
        }
    }

    pub fn quote(&self, id: &str) -> Option<&RQuote> {
        self.quotes.iter().find(|q| q.id == id)
    }

    pub fn figure(&self, id: &str) -> Option<&RFigure> {
        self.figures.iter().find(|f| f.id == id)
    }
}
