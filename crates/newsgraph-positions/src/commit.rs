//! Commitments: who promised what to whom, with amount and deadline.
//!
//! A commitment is reported content that promises future action: the
//! reporting words are a promise ("promised", "pledged", "announced"), or a
//! modal opens a committing verb ("would purchase", "could be finalized"), or
//! the content sets a deadline ("within 10 days"). The promiser is the
//! subject named in the content (a country or organisation acting), else the
//! speaker; the promisee the addressee or the first other actor after the
//! verb; amounts and deadlines come from the figures layer.

use newsgraph_core::{
    ActorKind, Analysis, Commitment, EventStatus, FigureId, FigureValue, TextRange,
};

use crate::lexicon::{find_all, norm_token, PositionLexicon};

pub(crate) fn commitments(lex: &PositionLexicon, a: &Analysis) -> Vec<Commitment> {
    let mut out = Vec::new();
    for q in &a.quotes {
        let Some(speaker) = q.speaker else { continue };
        let content = q.content;
        // Tokens are in text order: the content's run of them, found by a
        // binary search, so many quotations stay linear.
        let from = a
            .tokens
            .partition_point(|t| t.range.start() < content.start());
        let toks: Vec<_> = a.tokens[from..]
            .iter()
            .take_while(|t| t.range.start() < content.end())
            .filter(|t| content.contains_range(t.range))
            .collect();
        if toks.is_empty() {
            continue;
        }
        let norm: Vec<String> = toks.iter().map(|t| norm_token(a.slice(t.range))).collect();
        let n = norm.len();
        let free = vec![false; n];
        let cue_promises = q.cue.is_some_and(|c| {
            let ct: Vec<String> = a.slice(c).split_whitespace().map(norm_token).collect();
            let f = vec![false; ct.len()];
            !find_all(&lex.commit_cues, &ct, 0, ct.len(), &f).is_empty()
        });
        let modals = find_all(&lex.modals, &norm, 0, n, &free);
        let verbs = find_all(&lex.commit_verbs, &norm, 0, n, &free);
        // A modal with a committing verb at most three tokens on.
        let modal_verb = modals.iter().find_map(|&(m0, m1, _)| {
            verbs
                .iter()
                .find(|&&(v0, _, _)| v0 >= m1 && v0 <= m1 + 3)
                .map(|_| m0)
        });
        let figures: Vec<(FigureId, &FigureValue)> = a
            .figures
            .iter()
            .enumerate()
            .filter(|(_, f)| content.contains_range(f.range) && f.same_as.is_none())
            .map(|(i, f)| (FigureId(i as u32), &f.value))
            .collect();
        let deadline = figures.iter().find_map(|(_, v)| match v {
            FigureValue::Deadline { by, .. } => Some(*by),
            _ => None,
        });
        let start = match (modal_verb, modals.first()) {
            (Some(m), _) => m,
            (None, Some(&(m0, _, _))) if cue_promises || deadline.is_some() => m0,
            _ => continue,
        };
        // The action starts at the subject before the modal, if one is named.
        let start_off = toks[start].range.start();
        let subject = a.mentions.iter().rev().find(|m| {
            let k = a.actors[m.actor.index()].kind;
            content.contains_range(m.range)
                && m.range.end() <= start_off
                && matches!(
                    k,
                    ActorKind::Country | ActorKind::Organisation | ActorKind::Person
                )
        });
        let promiser = subject.map(|m| m.actor).unwrap_or(speaker);
        // "would not send", "never would": a negator around the modal.
        let negated = (start.saturating_sub(3)..(start + 3).min(n)).any(|i| {
            matches!(norm[i].as_str(), "not" | "never" | "no") || norm[i].ends_with("n't")
        }) || norm.get(start).is_some_and(|t| t.ends_with("n't"));
        let what_start = subject.map(|m| m.range.start()).unwrap_or(start_off);
        // The promised action ends with its clause ("…, though he stopped short …").
        let mut end = n - 1;
        for i in start + 1..n {
            let next = norm.get(i + 1);
            if norm[i] == ";"
                || (norm[i] == "," && next.is_some_and(|w| lex.clause_words.contains(w)))
            {
                end = i - 1;
                break;
            }
        }
        let what = TextRange::new(what_start, toks[end].range.end());
        let promisee = q.addressee.filter(|&p| p != promiser).or_else(|| {
            a.mentions
                .iter()
                .filter(|m| content.contains_range(m.range) && m.range.start() > start_off)
                .map(|m| m.actor)
                .find(|&x| x != promiser && x != speaker)
        });
        let sentence = a
            .sentence_at(content.start())
            .map(|i| a.sentences[i].range)
            .unwrap_or(content);
        out.push(Commitment {
            promiser,
            promisee,
            what,
            figures: figures
                .iter()
                .filter(|(_, v)| {
                    matches!(v, FigureValue::Money { .. } | FigureValue::Deadline { .. })
                })
                .map(|(i, _)| *i)
                .collect(),
            deadline: deadline.flatten(),
            status: if negated {
                EventStatus::Negated
            } else {
                EventStatus::Future
            },
            evidence: sentence.cover(content),
        });
    }
    out
}
