//! Pairing quotation marks into quoted spans, paragraph by paragraph.
//!
//! One pass over the tokens with a stack of open marks per block. A closing
//! mark closes the nearest open mark of its family (double “ ” " « » „ or
//! single ‘ ’ '), dropping any unclosed marks opened after it. A quote still
//! open at the end of its paragraph closes there — unless the next paragraph
//! starts with an opening mark of the same family, the newspaper convention
//! for a quotation running over several paragraphs, in which case the two
//! spans are linked. So an unbalanced mark never swallows more than the rest
//! of its paragraph.

use newsgraph_core::{Analysis, TextRange, TokenKind};

/// A top-level quoted span (quotes nested inside are part of it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct QuoteSpan {
    /// Token index of the opening mark.
    pub open: usize,
    /// Token index of the closing mark; `None` when the paragraph ended first.
    pub close: Option<usize>,
    /// Index of the last token of the span (the closing mark, or the last
    /// token of the paragraph).
    pub last: usize,
    /// The span continuing this one in the next paragraph.
    pub next: Option<usize>,
    /// The span this one continues, from the previous paragraph.
    pub prev: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

fn family(mark: &str) -> Family {
    if mark == "''" {
        return Family::Double;
    }
    match mark.chars().next() {
        Some('‘' | '’' | '\'' | '‚' | '‛' | '‹' | '›') => Family::Single,
        _ => Family::Double,
    }
}

/// The quoted spans of a document and, per token, the index + 1 of the
/// top-level span containing it (0 for none).
pub(crate) struct Marks {
    pub spans: Vec<QuoteSpan>,
    pub top: Vec<u32>,
    /// Opening marks left unclosed at the end of a paragraph.
    pub unclosed: Vec<TextRange>,
}

/// Pairs the quotation marks of every block.
pub(crate) fn pair(a: &Analysis) -> Marks {
    let text = a.text();
    let toks = &a.tokens;
    let mut spans: Vec<QuoteSpan> = Vec::new();
    let mut top = vec![0u32; toks.len()];
    let mut unclosed = Vec::new();
    let mut stack: Vec<(usize, Family)> = Vec::new();
    // Token ranges of the blocks, from their sentences (list markers lie
    // outside every sentence and are not quoted text).
    let mut blocks: Vec<(u32, usize, usize)> = Vec::new();
    for s in &a.sentences {
        match blocks.last_mut() {
            Some(last) if last.0 == s.block => last.2 = s.end_token as usize,
            _ => blocks.push((s.block, s.first_token as usize, s.end_token as usize)),
        }
    }
    // A top-level span still open at the end of the previous block, waiting
    // for a continuation.
    let mut pending: Option<(usize, Family)> = None;
    for &(_, b0, b1) in &blocks {
        if b0 >= b1 || b1 > toks.len() {
            continue;
        }
        stack.clear();
        let mut current: Option<usize> = None;
        for i in b0..b1 {
            let t = toks[i];
            let mut kind = t.kind;
            let mark = t.range.slice(text);
            if kind == TokenKind::OpenQuote
                && family(mark) == Family::Double
                && stack.iter().any(|&(_, f)| f == Family::Double)
                && text[t.range.end()..]
                    .chars()
                    .next()
                    .is_none_or(|c| c.is_whitespace() || ",.;:!?)".contains(c))
            {
                // An opening mark followed by a space or punctuation while a
                // quotation is open closes it: "... center,' " she said, or a
                // typo such as “Do you?“ he asked.
                kind = TokenKind::CloseQuote;
            }
            match kind {
                TokenKind::OpenQuote => {
                    let fam = family(t.range.slice(text));
                    if stack.is_empty() {
                        let prev = match pending.take() {
                            Some((p, pf)) if i == b0 && pf == fam => Some(p),
                            Some((p, _)) => {
                                unclosed.push(toks[spans[p].open].range);
                                None
                            }
                            None => None,
                        };
                        spans.push(QuoteSpan {
                            open: i,
                            close: None,
                            last: i,
                            next: None,
                            prev,
                        });
                        let id = spans.len() - 1;
                        if let Some(p) = prev {
                            spans[p].next = Some(id);
                        }
                        current = Some(id);
                    }
                    stack.push((i, fam));
                }
                TokenKind::CloseQuote => {
                    let fam = family(t.range.slice(text));
                    if let Some(pos) = stack.iter().rposition(|&(_, f)| f == fam) {
                        stack.truncate(pos);
                        if stack.is_empty() {
                            if let Some(id) = current.take() {
                                spans[id].close = Some(i);
                                spans[id].last = i;
                                top[i] = id as u32 + 1;
                            }
                        }
                    }
                }
                _ => {}
            }
            if let Some(id) = current {
                top[i] = id as u32 + 1;
                spans[id].last = i;
            }
        }
        if let Some(p) = pending.take() {
            unclosed.push(toks[spans[p.0].open].range);
        }
        if let (Some(id), Some(&(_, fam))) = (current, stack.first()) {
            pending = Some((id, fam));
        }
    }
    if let Some((p, _)) = pending {
        unclosed.push(toks[spans[p].open].range);
    }
    Marks {
        spans,
        top,
        unclosed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_core::{Document, Metadata};

    fn spans(text: &str) -> Vec<(String, bool)> {
        let mut a = Analysis::new(Document::new(text, Metadata::default()));
        newsgraph_segment::segment(&mut a);
        let m = pair(&a);
        m.spans
            .iter()
            .map(|s| {
                let r = a.tokens[s.open].range.cover(a.tokens[s.last].range);
                (a.slice(r).to_string(), s.close.is_some())
            })
            .collect()
    }

    #[test]
    fn nested_and_unbalanced() {
        assert_eq!(
            spans("He said “she told me ‘no’ twice.” Then left."),
            [("“she told me ‘no’ twice.”".to_string(), true)]
        );
        // An unclosed quote stops at the end of its paragraph.
        assert_eq!(
            spans("“Open forever. And on.\n\nNext paragraph here."),
            [("“Open forever. And on.".to_string(), false)]
        );
    }

    #[test]
    fn multi_paragraph_quotes_are_linked() {
        let text = "“First part of it.\n\n“Second part,” she said.";
        let mut a = Analysis::new(Document::new(text, Metadata::default()));
        newsgraph_segment::segment(&mut a);
        let m = pair(&a);
        assert_eq!(m.spans.len(), 2);
        assert_eq!(m.spans[0].next, Some(1));
        assert_eq!(m.spans[1].prev, Some(0));
        assert!(m.unclosed.is_empty());
    }
}
