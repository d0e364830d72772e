//! Commitments: who promised what to whom, with amount and deadline.
//!
//! A commitment is reported content that promises future action: the
//! reporting words are a promise ("promised", "pledged", "announced"), or a
//! modal opens a committing verb ("would purchase", "could be finalized"), or
//! the content sets a deadline ("within 10 days"). The promiser is the
//! subject named in the content (a country or organisation acting), else the
//! speaker; the promisee the addressee or the first other actor after the
//! verb; amounts and deadlines come from the figures layer.

use std::ops::Range;

use newsgraph_core::{
    ActorKind, Analysis, Commitment, EventStatus, FigureId, FigureValue, TextRange,
};

use crate::lexicon::{find_all, find_iter, norm_token, PositionLexicon};

pub(crate) fn commitments(lex: &PositionLexicon, a: &Analysis) -> Vec<Commitment> {
    let mut out = Vec::new();
    if a.quotes.iter().all(|q| q.speaker.is_none()) {
        return out;
    }
    // A quotation's content can run for most of a long article, and many
    // quotations overlap: each token is normalised once, when a quotation
    // first reaches it (tokens outside quotations are never read), and a
    // quotation takes its run of them.
    let mut norm_all: Vec<String> = vec![String::new(); a.tokens.len()];
    let mut pending = NextPending::new(a.tokens.len());
    let free_all = vec![false; norm_all.len()];
    // Where a promised action's clause ends: a semicolon, or a comma before a
    // clause word (which must lie in the same content; see below).
    let breaks: Vec<usize> = (0..a.tokens.len())
        .filter(|&i| match a.slice(a.tokens[i].range) {
            ";" => true,
            "," => a
                .tokens
                .get(i + 1)
                .is_some_and(|t| lex.clause_words.contains(&norm_token(a.slice(t.range)))),
            _ => false,
        })
        .collect();
    let mentions = StartRuns::new(a.mentions.iter().map(|m| m.range.start()));
    let figure_runs = StartRuns::new(a.figures.iter().map(|f| f.range.start()));
    for q in &a.quotes {
        let Some(speaker) = q.speaker else { continue };
        let content = q.content;
        // Tokens are in text order and do not overlap: the content's run of
        // them, found by a binary search, ends before the first token that
        // reaches past it.
        let from = a
            .tokens
            .partition_point(|t| t.range.start() < content.start());
        let to = from
            + a.tokens[from..].partition_point(|t| {
                t.range.start() < content.end() && t.range.end() <= content.end()
            });
        let toks = &a.tokens[from..to];
        if toks.is_empty() {
            continue;
        }
        let mut i = pending.first_from(from);
        while i < to {
            norm_all[i] = norm_token(a.slice(a.tokens[i].range));
            i = pending.take(i);
        }
        let norm = &norm_all[from..to];
        let n = norm.len();
        let free = &free_all[from..to];
        let cue_promises = q.cue.is_some_and(|c| {
            let ct: Vec<String> = a.slice(c).split_whitespace().map(norm_token).collect();
            let f = vec![false; ct.len()];
            !find_all(&lex.commit_cues, &ct, 0, ct.len(), &f).is_empty()
        });
        // A modal with a committing verb at most three tokens on. Both come in
        // text order, so the search stops at the first such modal.
        let mut verbs = find_iter(&lex.commit_verbs, norm, 0, n, free).peekable();
        let mut first_modal = None;
        let mut modal_verb = None;
        for (m0, m1, _) in find_iter(&lex.modals, norm, 0, n, free) {
            first_modal.get_or_insert(m0);
            while verbs.next_if(|&(v0, _, _)| v0 < m1).is_some() {}
            if verbs.peek().is_some_and(|&(v0, _, _)| v0 <= m1 + 3) {
                modal_verb = Some(m0);
                break;
            }
        }
        let figures: Vec<(FigureId, &FigureValue)> = figure_runs
            .within(content.start()..content.end() + 1)
            .filter(|&i| {
                let f = &a.figures[i];
                content.contains_range(f.range) && f.same_as.is_none()
            })
            .map(|i| (FigureId(i as u32), &a.figures[i].value))
            .collect();
        let deadline = figures.iter().find_map(|(_, v)| match v {
            FigureValue::Deadline { by, .. } => Some(*by),
            _ => None,
        });
        let start = match (modal_verb, first_modal) {
            (Some(m), _) => m,
            (None, Some(m0)) if cue_promises || deadline.is_some() => m0,
            _ => continue,
        };
        // The action starts at the subject before the modal, if one is named:
        // the last such mention in the layer.
        let start_off = toks[start].range.start();
        let subject = mentions
            .last(content.start()..start_off + 1, |i| {
                let m = &a.mentions[i];
                let k = a.actors[m.actor.index()].kind;
                content.contains_range(m.range)
                    && m.range.end() <= start_off
                    && matches!(
                        k,
                        ActorKind::Country | ActorKind::Organisation | ActorKind::Person
                    )
            })
            .map(|i| &a.mentions[i]);
        let promiser = subject.map(|m| m.actor).unwrap_or(speaker);
        // "would not send", "never would": a negator around the modal.
        let negated = (start.saturating_sub(3)..(start + 3).min(n)).any(|i| {
            matches!(norm[i].as_str(), "not" | "never" | "no") || norm[i].ends_with("n't")
        }) || norm.get(start).is_some_and(|t| t.ends_with("n't"));
        let what_start = subject.map(|m| m.range.start()).unwrap_or(start_off);
        // The promised action ends with its clause ("…, though he stopped short …").
        // A comma at the content's last token has no clause word after it in
        // the content, so it ends nothing.
        let first_break = breaks.partition_point(|&b| b < from + start + 1);
        let end = breaks[first_break..]
            .iter()
            .map(|&b| b - from)
            .take_while(|&i| i < n)
            .find(|&i| i + 1 < n || norm[i] == ";")
            .map_or(n - 1, |i| i - 1);
        let what = TextRange::new(what_start, toks[end].range.end());
        let promisee = q.addressee.filter(|&p| p != promiser).or_else(|| {
            mentions
                .first(start_off + 1..content.end() + 1, |i| {
                    let m = &a.mentions[i];
                    content.contains_range(m.range)
                        && m.range.start() > start_off
                        && m.actor != promiser
                        && m.actor != speaker
                })
                .map(|i| a.mentions[i].actor)
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

/// The positions `0..n` not yet taken, each found in near-constant time
/// (a union-find over "next pending position" with path compression), so
/// that overlapping runs visit each position once in all.
struct NextPending {
    next: Vec<usize>,
}

impl NextPending {
    fn new(n: usize) -> NextPending {
        NextPending {
            next: (0..=n).collect(),
        }
    }

    /// The first pending position at or after `i` (`n` when none is).
    fn first_from(&mut self, i: usize) -> usize {
        let mut root = i.min(self.next.len() - 1);
        while self.next[root] != root {
            root = self.next[root];
        }
        let mut k = i.min(self.next.len() - 1);
        while self.next[k] != root {
            let up = self.next[k];
            self.next[k] = root;
            k = up;
        }
        root
    }

    /// Takes the pending position `i`; returns the next pending one.
    fn take(&mut self, i: usize) -> usize {
        self.next[i] = i + 1;
        self.first_from(i + 1)
    }
}

/// A layer's items cut into runs in text order (starts never decreasing),
/// so that the items starting in a window are found by a binary search in
/// each run, in layer order. Layers need not be in text order (pronoun
/// mentions come after the rest); a layer in text order is one run.
struct StartRuns {
    starts: Vec<usize>,
    runs: Vec<Range<usize>>,
}

impl StartRuns {
    fn new(starts: impl Iterator<Item = usize>) -> StartRuns {
        let starts: Vec<usize> = starts.collect();
        let mut runs = Vec::new();
        let mut run_start = 0;
        for i in 1..=starts.len() {
            if i == starts.len() || starts[i] < starts[i - 1] {
                runs.push(run_start..i);
                run_start = i;
            }
        }
        StartRuns { starts, runs }
    }

    /// Per run, the items whose start lies in `window`.
    fn run_windows(
        &self,
        window: Range<usize>,
    ) -> impl DoubleEndedIterator<Item = Range<usize>> + '_ {
        self.runs.iter().map(move |r| {
            let s = &self.starts[r.clone()];
            let lo = s.partition_point(|&x| x < window.start);
            let hi = lo + s[lo..].partition_point(|&x| x < window.end);
            r.start + lo..r.start + hi
        })
    }

    /// The items starting in `window`, in layer order.
    fn within(&self, window: Range<usize>) -> impl Iterator<Item = usize> + '_ {
        self.run_windows(window).flatten()
    }

    /// The first item in layer order starting in `window` for which `pred` holds.
    fn first(&self, window: Range<usize>, mut pred: impl FnMut(usize) -> bool) -> Option<usize> {
        self.within(window).find(|&i| pred(i))
    }

    /// The last item in layer order starting in `window` for which `pred` holds.
    fn last(&self, window: Range<usize>, mut pred: impl FnMut(usize) -> bool) -> Option<usize> {
        self.run_windows(window)
            .rev()
            .find_map(|r| r.rev().find(|&i| pred(i)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Overlapping runs visit each position once, in order.
    #[test]
    fn next_pending_visits_each_position_once() {
        let mut p = NextPending::new(10);
        let mut seen = Vec::new();
        for (from, to) in [(2, 5), (0, 3), (4, 8), (1, 10), (9, 10)] {
            let mut i = p.first_from(from);
            while i < to {
                seen.push(i);
                i = p.take(i);
            }
        }
        assert_eq!(seen, vec![2, 3, 4, 0, 1, 5, 6, 7, 8, 9]);
        assert_eq!(p.first_from(0), 10);
    }

    /// The windowed lookups agree with a scan of the whole layer, in text
    /// order or not.
    #[test]
    fn start_runs_match_a_scan() {
        let layers: [&[usize]; 5] = [
            &[],
            &[3],
            &[0, 2, 2, 5, 9, 9, 12],
            &[0, 4, 8, 12, 1, 5, 5, 2],
            &[7, 6, 5, 4, 3, 3, 2, 10, 0],
        ];
        for starts in layers {
            let runs = StartRuns::new(starts.iter().copied());
            for lo in 0..14 {
                for hi in lo..15 {
                    let in_window = |i: usize| (lo..hi).contains(&starts[i]);
                    let all: Vec<usize> = (0..starts.len()).filter(|&i| in_window(i)).collect();
                    assert_eq!(
                        runs.within(lo..hi).collect::<Vec<_>>(),
                        all,
                        "{starts:?} {lo}..{hi}"
                    );
                    for m in 1..4 {
                        let pred = |i: usize| i.is_multiple_of(m);
                        let first = (0..starts.len()).find(|&i| in_window(i) && pred(i));
                        let last = (0..starts.len()).rev().find(|&i| in_window(i) && pred(i));
                        assert_eq!(runs.first(lo..hi, pred), first, "{starts:?} {lo}..{hi}");
                        assert_eq!(runs.last(lo..hi, pred), last, "{starts:?} {lo}..{hi}");
                    }
                }
            }
        }
    }
}
