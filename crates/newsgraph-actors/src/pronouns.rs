//! Pronoun resolution.
//!
//! Each third-person pronoun outside quotation marks picks, among the people
//! mentioned in its own sentence (before it) and the three before, the best
//! by recency and salience: a clause subject in the previous sentence beats
//! an object in it ("Zelensky ... handing Trump a letter. ... he joked" is
//! Zelensky). Gender must agree where known. An object pronoun never takes
//! the subject of its own clause ("Trump had once teased him").

use newsgraph_core::{ActorId, ActorKind, Analysis, Gender, MentionKind, TextRange, TokenKind};
use newsgraph_lexicon::{Gender as LexGender, PronounNumber};

use crate::chunk::{Chunk, What};
use crate::words::{self, CLAUSE, PREP};
use crate::TokenSet;

/// How many sentences back a pronoun looks.
const WINDOW: u32 = 3;

struct Item {
    range: TextRange,
    sentence: u32,
    actor: ActorId,
    subject: bool,
}

fn token_at(a: &Analysis, offset: usize) -> usize {
    a.tokens.partition_point(|t| t.range.start() < offset)
}

/// True when the token before `offset` (in the same sentence) is a preposition.
fn after_preposition(a: &Analysis, offset: usize, sentence: u32) -> bool {
    let t = token_at(a, offset);
    let first = a.sentences[sentence as usize].first_token as usize;
    t > first && words::class(a.slice(a.tokens[t - 1].range)) & PREP != 0
}

/// The start of the clause containing `offset`: after the last comma, dash,
/// semicolon or clause word before it in its sentence.
fn clause_start(a: &Analysis, offset: usize, sentence: u32) -> usize {
    let s = &a.sentences[sentence as usize];
    let mut t = token_at(a, offset);
    while t > s.first_token as usize {
        t -= 1;
        let tok = a.tokens[t];
        let w = a.slice(tok.range);
        if (tok.kind == TokenKind::Punct && matches!(w, "," | ";" | "—" | "–" | ":" | "-"))
            || words::class(w) & CLAUSE != 0
        {
            return tok.range.end();
        }
    }
    s.range.start()
}

pub(crate) fn resolve(a: &mut Analysis, pronouns: &[Chunk], quoted: &TokenSet) {
    let mut items: Vec<Item> = Vec::new();
    let mut seen_subject: Option<u32> = None;
    let mut push =
        |items: &mut Vec<Item>, a: &Analysis, range: TextRange, sentence: u32, actor: ActorId| {
            let subject =
                seen_subject != Some(sentence) && !after_preposition(a, range.start(), sentence);
            if subject {
                seen_subject = Some(sentence);
            }
            items.push(Item {
                range,
                sentence,
                actor,
                subject,
            });
        };
    // Person mentions in text order, merged with pronouns as they resolve.
    let persons: Vec<(TextRange, u32, ActorId)> = a
        .mentions
        .iter()
        .filter(|m| a.actors[m.actor.index()].kind == ActorKind::Person)
        .filter(|m| !quoted[token_at(a, m.range.start())])
        .map(|m| (m.range, m.sentence, m.actor))
        .collect();
    let mut pi = 0;
    let mut new_mentions = Vec::new();
    for p in pronouns {
        while pi < persons.len() && persons[pi].0.start() < p.range.start() {
            let (r, s, act) = persons[pi];
            push(&mut items, a, r, s, act);
            pi += 1;
        }
        let What::Pronoun(pr) = &p.what else { continue };
        if pr.number != PronounNumber::Singular {
            continue;
        }
        let Some(want) = pr.gender else { continue };
        let object = matches!(
            a.slice(p.range).to_lowercase().as_str(),
            "him" | "her" | "himself" | "herself"
        ) && !pr.possessive;
        let clause = clause_start(a, p.range.start(), p.sentence);
        let mut best: Option<(f32, usize)> = None;
        for (idx, it) in items.iter().enumerate().rev() {
            if it.sentence + WINDOW < p.sentence {
                break;
            }
            let g = a.actors[it.actor.index()].gender;
            let agrees = matches!(
                (want, g),
                (_, Gender::Unknown)
                    | (LexGender::Unisex, _)
                    | (LexGender::Male, Gender::Male)
                    | (LexGender::Female, Gender::Female)
            );
            if !agrees {
                continue;
            }
            let d = p.sentence - it.sentence;
            if object && d == 0 && it.range.start() >= clause {
                continue;
            }
            let mut score = 3.0 - d as f32;
            if it.subject {
                score += match d {
                    0 => 1.0,
                    1 => 1.5,
                    _ => 0.5,
                };
            }
            if g == Gender::Unknown {
                score -= 0.5;
            }
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, idx));
            }
        }
        if let Some((_, idx)) = best {
            let actor = items[idx].actor;
            let act = &mut a.actors[actor.index()];
            if act.gender == Gender::Unknown {
                act.gender = match want {
                    LexGender::Male => Gender::Male,
                    LexGender::Female => Gender::Female,
                    LexGender::Unisex => Gender::Unknown,
                };
            }
            push(&mut items, a, p.range, p.sentence, actor);
            new_mentions.push(newsgraph_core::Mention {
                range: p.range,
                head: p.head,
                kind: MentionKind::Pronoun,
                actor,
                sentence: p.sentence,
            });
        }
    }
    a.mentions.extend(new_mentions);
}
