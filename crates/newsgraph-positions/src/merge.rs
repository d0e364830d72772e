//! Positions across several articles: who stands where, and who moved.

use chrono::NaiveDate;
use newsgraph_core::{Analysis, Stance};

/// One stated stance, with where it was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    pub stance: Stance,
    /// The evidence text, whitespace collapsed.
    pub evidence: String,
    /// When it was stated (the article's publication date, or the event's).
    pub date: Option<NaiveDate>,
    /// The article's id and origin (a path).
    pub document: String,
    pub origin: Option<String>,
}

/// An actor's position on an issue across articles.
#[derive(Debug, Clone, PartialEq)]
pub struct MergedPosition {
    /// The actor's canonical name (actors are matched across articles by name).
    pub actor: String,
    pub issue: String,
    /// The stance of the latest article (by date, then input order) that states one.
    pub stance: Stance,
    /// Every statement, oldest first (undated ones first, in input order).
    pub history: Vec<Statement>,
}

impl MergedPosition {
    /// True when the actor's stance differs between articles.
    pub fn changed(&self) -> bool {
        self.history
            .iter()
            .any(|s| s.stance != self.history[0].stance)
    }

    /// The statement the summary rests on.
    pub fn latest(&self) -> &Statement {
        self.history
            .iter()
            .rev()
            .find(|s| s.stance == self.stance)
            .unwrap_or(&self.history[self.history.len() - 1])
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Merges the positions of several analyses: one row per (actor name,
/// issue), with the history of statements by date. Within one article the
/// article's own summary stands for it; across articles the latest by date
/// wins. Rows are in order of first appearance.
pub fn merge_positions<'a>(
    analyses: impl IntoIterator<Item = &'a Analysis>,
) -> Vec<MergedPosition> {
    // (row, date, input order) for every article's summary.
    let mut rows: Vec<MergedPosition> = Vec::new();
    let mut latest: Vec<(Option<NaiveDate>, usize)> = Vec::new();
    for (order, a) in analyses.into_iter().enumerate() {
        let published = a.doc.meta.published;
        for p in &a.positions {
            let actor = a.actors[p.actor.index()].name.clone();
            let k = match rows
                .iter()
                .position(|r| r.actor.eq_ignore_ascii_case(&actor) && r.issue == p.issue)
            {
                Some(k) => k,
                None => {
                    rows.push(MergedPosition {
                        actor,
                        issue: p.issue.clone(),
                        stance: p.stance,
                        history: Vec::new(),
                    });
                    latest.push((None, 0));
                    rows.len() - 1
                }
            };
            let row = &mut rows[k];
            let mut date = published;
            for ev in &p.support {
                let d = ev.date.or(published);
                date = date.max(d);
                row.history.push(Statement {
                    stance: ev.stance,
                    evidence: collapse(a.slice(ev.range)),
                    date: d,
                    document: a.doc.id().to_string(),
                    origin: a.doc.meta.origin.clone(),
                });
            }
            let key = (date, order);
            if row.history.len() == p.support.len() || key >= latest[k] {
                row.stance = p.stance;
                latest[k] = key;
            }
        }
    }
    for r in &mut rows {
        // Stable: same-date statements keep their text and input order.
        r.history.sort_by_key(|s| s.date);
    }
    rows
}
