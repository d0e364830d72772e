//! Sentences: one pass over a block's tokens.
//!
//! The tokenizer has already decided which periods belong to abbreviations,
//! so a sentence ends after a run of sentence punctuation (a Punct token of
//! `. ! ? …`), together with the closing quotes and brackets right after it,
//! when whitespace and then a sentence opening follow: a capital or uncased
//! letter, a digit, an opening quote or bracket, or a currency sign.
//!
//! An abbreviation that can also end a sentence ("U.S.", "Inc.", "a.m.") or
//! an initial ("J.") ends one only before a common sentence starter ("The",
//! "He", "But"), since "U.S. President Donald Trump" and "Donald J. Trump"
//! are far more frequent than a sentence ending on them.

use newsgraph_core::{Sentence, Token, TokenKind};

use crate::chars::{decode, is_close_bracket, is_currency, is_open_bracket, is_terminal};
use crate::lexicon::{is_sentence_starter, listed_abbreviation, AbbrevKind};

/// How surely a token ends a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    /// ". ! ? …": before any sentence opening.
    Strong,
    /// An abbreviation or initial that took the period: only before a
    /// sentence starter.
    Weak,
}

fn first_char(text: &str, t: &Token) -> Option<char> {
    decode(text, t.range.start()).map(|(c, _)| c)
}

fn end_of(text: &str, t: &Token) -> Option<End> {
    match t.kind {
        // Runs of sentence punctuation are homogeneous, so the first
        // character speaks for the token.
        TokenKind::Punct => first_char(text, t)
            .filter(|&c| is_terminal(c))
            .map(|_| End::Strong),
        TokenKind::Word => {
            let word = t.range.slice(text);
            if word.len() < 2 || !word.ends_with('.') {
                return None;
            }
            match listed_abbreviation(word) {
                Some(AbbrevKind::Prefix | AbbrevKind::Number) => None,
                Some(AbbrevKind::End) | None => Some(End::Weak),
            }
        }
        _ => None,
    }
}

/// True for tokens that stay with the sentence they close: closing quotes
/// and brackets ("deal.”", "(£67bn).)").
fn closes(text: &str, t: &Token) -> bool {
    match t.kind {
        TokenKind::CloseQuote => true,
        TokenKind::Punct => first_char(text, t).is_some_and(is_close_bracket),
        _ => false,
    }
}

/// True when `t` can open a sentence after ". ! ?".
fn opens(text: &str, t: &Token) -> bool {
    match t.kind {
        TokenKind::OpenQuote => true,
        TokenKind::Word | TokenKind::Number => first_char(text, t)
            .is_some_and(|c| c.is_numeric() || (c.is_alphabetic() && !c.is_lowercase())),
        TokenKind::Punct => first_char(text, t).is_some_and(is_open_bracket),
        TokenKind::Symbol => first_char(text, t).is_some_and(is_currency),
        TokenKind::CloseQuote => false,
    }
}

/// True when tokens from `j` open a sentence after an abbreviation: a
/// sentence starter, possibly right after an opening quote.
fn opens_after_abbreviation(text: &str, tokens: &[Token], j: usize) -> bool {
    let starter = |t: &Token| t.kind == TokenKind::Word && is_sentence_starter(t.range.slice(text));
    match tokens.get(j) {
        Some(t) if starter(t) => true,
        Some(q) if q.kind == TokenKind::OpenQuote => tokens
            .get(j + 1)
            .is_some_and(|t| t.range.start() == q.range.end() && starter(t)),
        _ => false,
    }
}

/// Splits the tokens `first..end` of block `block` into sentences, appending
/// to `out`. Every token in the range lands in exactly one sentence.
pub(crate) fn split(
    text: &str,
    tokens: &[Token],
    first: usize,
    end: usize,
    block: u32,
    out: &mut Vec<Sentence>,
) {
    let end = end.min(tokens.len());
    if first >= end {
        return;
    }
    let mut push = |from: usize, to: usize| {
        out.push(Sentence {
            range: tokens[from].range.cover(tokens[to - 1].range),
            block,
            first_token: from as u32,
            end_token: to as u32,
        });
    };
    let mut start = first;
    let mut i = first;
    while i < end {
        let Some(kind) = end_of(text, &tokens[i]) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < end && closes(text, &tokens[j]) {
            j += 1;
        }
        if j >= end {
            break;
        }
        // A sentence ends only before whitespace: "end.The" and
        // "U.S.-Ukraine" go on.
        let spaced = tokens[j].range.start() > tokens[j - 1].range.end();
        let split = spaced
            && match kind {
                End::Strong => opens(text, &tokens[j]),
                End::Weak => opens_after_abbreviation(text, &tokens[..end], j),
            };
        if split {
            push(start, j);
            start = j;
        }
        i = j;
    }
    push(start, end);
}

#[cfg(test)]
mod tests {
    use newsgraph_core::{Analysis, Document, Metadata};

    /// Segments `input` and renders it with every sentence wrapped in `[...]`,
    /// everything between sentences kept as it is.
    fn check(input: &str, expected: &str) {
        let mut analysis = Analysis::new(Document::new(input, Metadata::default()));
        crate::segment(&mut analysis);
        analysis.check_invariants().unwrap();
        let mut actual = String::new();
        let mut at = 0;
        for s in &analysis.sentences {
            actual.push_str(&input[at..s.range.start()]);
            actual.push('[');
            actual.push_str(s.range.slice(input));
            actual.push(']');
            at = s.range.end();
        }
        actual.push_str(&input[at..]);
        assert_eq!(actual, expected);
    }

    #[test]
    fn plain_sentences() {
        check(
            "Trump met Zelensky. They talked! Did it work? Nobody knows",
            "[Trump met Zelensky.] [They talked!] [Did it work?] [Nobody knows]",
        );
    }

    #[test]
    fn closing_quotes_and_brackets_stay() {
        check(
            "“I think he wants to make a deal.” Trump told Macron.",
            "[“I think he wants to make a deal.”] [Trump told Macron.]",
        );
        check(
            "He left (finally.) Then he came back.",
            "[He left (finally.)] [Then he came back.]",
        );
        check("She said 'no.' He agreed.", "[She said 'no.'] [He agreed.]");
    }

    #[test]
    fn quotes_spanning_sentences_are_several() {
        check(
            "“I think he wants to make a deal. I think he wants to make a deal for me. You understand that? As crazy as that sounds,” Trump told Macron.",
            "[“I think he wants to make a deal.] [I think he wants to make a deal for me.] [You understand that?] [As crazy as that sounds,” Trump told Macron.]",
        );
    }

    #[test]
    fn what_opens_a_sentence() {
        check(
            "He left. 2022 was hard. “Stop,” she said. (It worked.) $90 billion went. he said. ‘No.’",
            "[He left.] [2022 was hard.] [“Stop,” she said.] [(It worked.)] [$90 billion went. he said.] [‘No.’]",
        );
    }

    #[test]
    fn closing_quote_before_lowercase_does_not_split() {
        check(
            "“Stop!” he said. “Why?” asked Merz.",
            "[“Stop!” he said.] [“Why?” asked Merz.]",
        );
    }

    #[test]
    fn abbreviations_do_not_split() {
        check(
            "Mr. Smith met Gen. Jones and Sen. Warren at 10 a.m. on Aug. 19 in Louisville, Ky. with Dr. Who.",
            "[Mr. Smith met Gen. Jones and Sen. Warren at 10 a.m. on Aug. 19 in Louisville, Ky. with Dr. Who.]",
        );
        check(
            "Lt. Col. Sgt. Capt. St. Jr. Sr. Prof. Rev. Inc. Corp. Ltd. Co. No. 5 vs. etc. e.g. i.e. Jan. Feb. Sept. Oct. Nov. Dec. Calif. Mass. Gov. Rep. Mrs. Ms. end.",
            "[Lt. Col. Sgt. Capt. St. Jr. Sr. Prof. Rev. Inc. Corp. Ltd. Co. No. 5 vs. etc. e.g. i.e. Jan. Feb. Sept. Oct. Nov. Dec. Calif. Mass. Gov. Rep. Mrs. Ms. end.]",
        );
    }

    #[test]
    fn initials_do_not_split() {
        check(
            "J. D. Vance spoke. Donald J. Trump listened. He was given Plan B. The rest failed.",
            "[J. D. Vance spoke.] [Donald J. Trump listened.] [He was given Plan B.] [The rest failed.]",
        );
    }

    #[test]
    fn decimals_and_money() {
        check(
            "Growth was 3.5 percent. It cost $90 billion (£67bn). Kyiv agreed.",
            "[Growth was 3.5 percent.] [It cost $90 billion (£67bn).] [Kyiv agreed.]",
        );
    }

    #[test]
    fn ambiguous_country_abbreviations() {
        check(
            "He sent troops to the U.S. The president said no. U.S. President Donald Trump agreed.",
            "[He sent troops to the U.S.] [The president said no.] [U.S. President Donald Trump agreed.]",
        );
        check(
            "It hurt the U.K. But not the U.N. or the E.U. “We will see,” he said.",
            "[It hurt the U.K.] [But not the U.N. or the E.U.] [“We will see,” he said.]",
        );
        check(
            "The U.S.-Ukraine deal was signed.",
            "[The U.S.-Ukraine deal was signed.]",
        );
        check(
            "He works for Apple Inc. The firm agreed.",
            "[He works for Apple Inc.] [The firm agreed.]",
        );
        check("at 9 a.m. He left.", "[at 9 a.m.] [He left.]");
    }

    #[test]
    fn titles_before_a_closing_quote_end_sentences() {
        check("“No.” The talks ended.", "[“No.”] [The talks ended.]");
    }

    #[test]
    fn ellipses() {
        check(
            "He paused... and went on. He stopped… Then he left... “Why?”",
            "[He paused... and went on.] [He stopped…] [Then he left...] [“Why?”]",
        );
        check("Wait?! Really?", "[Wait?!] [Really?]");
    }

    #[test]
    fn dashes_never_split() {
        check(
            "A bilateral meeting — at a yet-to-be-determined location — would follow. Putin–Zelensky talks – maybe.",
            "[A bilateral meeting — at a yet-to-be-determined location — would follow.] [Putin–Zelensky talks – maybe.]",
        );
    }

    #[test]
    fn no_space_no_split() {
        check(
            "It ended.The end. Visit example.com Today.",
            "[It ended.The end.] [Visit example.com Today.]",
        );
    }

    #[test]
    fn sentences_never_cross_blocks() {
        check(
            "Trump spoke to the\nU.S. Senate\n\nIt was late. Everyone left\n\nThe end",
            "[Trump spoke to the\nU.S. Senate]\n\n[It was late.] [Everyone left]\n\n[The end]",
        );
        check(
            "Talks Begin\nTrump said. More",
            "[Talks Begin]\n[Trump said.] [More]",
        );
    }

    #[test]
    fn list_markers_are_outside_sentences() {
        check(
            "1. Is a Putin–Zelensky Meeting in the Works?\n- The minister said talks would continue. They did.",
            "1. [Is a Putin–Zelensky Meeting in the Works?]\n- [The minister said talks would continue.] [They did.]",
        );
    }

    #[test]
    fn uncased_scripts_start_sentences() {
        check(
            "Он ушёл. Она осталась. 他走了。 她留下了。",
            "[Он ушёл.] [Она осталась.] [他走了。] [她留下了。]",
        );
    }
}
