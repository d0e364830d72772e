//! Segmentation: blocks (paragraphs, headings, list items), sentences and tokens.
//!
//! [`segment`] fills three layers of an [`Analysis`] in one linear pass per
//! layer:
//!
//! - **blocks**: paragraphs separated by blank lines (or one per line when
//!   the text has none), headings, list items and furniture (bylines, bare
//!   datelines, credits), with list markers kept apart from the text;
//! - **tokens**: words, numbers, quotation marks, punctuation and symbols,
//!   covering every character except whitespace and invisible control or
//!   format characters; list markers are tokenized too, outside any sentence;
//! - **sentences**: never crossing a block, ending after `. ! ? …` and
//!   the closing quotes that follow, but not after abbreviations ("Mr.",
//!   "Gen."), initials ("J. D. Vance"), decimals, or "U.S." before anything
//!   but a common sentence starter.
//!
//! The abbreviation, sentence-starter, title-case and furniture word lists
//! are data files in `data/`, embedded at compile time. The token-splitting
//! choices (hyphens, numbers, possessives, quotes) are listed in the docs of
//! the `tokens` module and summed up on [`segment`].
//!
//! Segmentation never fails: any text, however odd, gets layers that satisfy
//! [`Analysis::check_invariants`], and oddities become diagnostics.
//!
//! ```
//! use newsgraph_core::{Analysis, BlockKind, Document, Metadata};
//!
//! let text = "Trump Hints at Security Guarantees\n\
//!             U.S. President Donald Trump met Mr. Zelensky. “It went well,” he said.";
//! let mut analysis = Analysis::new(Document::new(text, Metadata::default()));
//! newsgraph_segment::segment(&mut analysis);
//!
//! assert_eq!(analysis.blocks[0].kind, BlockKind::Heading);
//! let sentences: Vec<&str> = analysis.sentences.iter().map(|s| analysis.slice(s.range)).collect();
//! assert_eq!(
//!     sentences,
//!     [
//!         "Trump Hints at Security Guarantees",
//!         "U.S. President Donald Trump met Mr. Zelensky.",
//!         "“It went well,” he said.",
//!     ]
//! );
//! let words: Vec<&str> = analysis.sentence_tokens(1).iter().map(|t| analysis.slice(t.range)).collect();
//! assert_eq!(words, ["U.S.", "President", "Donald", "Trump", "met", "Mr.", "Zelensky", "."]);
//! ```

mod blocks;
mod chars;
mod lexicon;
mod sentences;
mod tokens;

use newsgraph_core::{Analysis, Component, Layer, Severity, TextRange};

pub use lexicon::is_abbreviation;

/// A sentence with more tokens than this probably lost its punctuation;
/// worth a diagnostic, since every later component reads sentence by sentence.
const LONG_SENTENCE_TOKENS: u32 = 400;

/// The segmentation component: requires nothing, assigns blocks, sentences
/// and tokens.
#[derive(Debug, Clone, Copy, Default)]
pub struct Segmenter;

impl Segmenter {
    pub fn new() -> Self {
        Segmenter
    }
}

impl Component for Segmenter {
    fn name(&self) -> &'static str {
        "segment"
    }

    fn requires(&self) -> &'static [Layer] {
        &[]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Blocks, Layer::Sentences, Layer::Tokens]
    }

    fn run(&self, analysis: &mut Analysis) {
        segment(analysis);
    }
}

/// Fills `analysis.blocks`, `analysis.sentences` and `analysis.tokens`,
/// replacing whatever they held, and may add Info diagnostics (control
/// characters in the text, unusually long sentences).
///
/// **Invariants:** blocks, sentences and tokens are in text order and do not
/// overlap; every sentence lies inside its block; the tokens of a block's
/// text are split among its sentences, each token in exactly one, while the
/// tokens of a list marker come just before the block's first sentence and
/// belong to none; no token is empty or contains whitespace.
///
/// Token choices: "Trump’s" is "Trump" + "’s" (Word); "leaders’" is
/// "leaders" + "’" (Punct); inner hyphens and apostrophes join a word
/// ("Ukrainian-made", "don’t"); abbreviations keep their period ("U.S.",
/// "Mr.", "J."), any other period is its own Punct token; numbers are digits
/// with inner "." "," ":" and an ordinal or decade suffix ("1,200", "3.5",
/// "10th", "1990s"), so "£67bn" is "£" "67" "bn" and "40-minute" is "40" "-"
/// "minute".
///
/// Texts longer than 4 GiB, which byte offsets cannot address, are left
/// unsegmented with a warning.
pub fn segment(analysis: &mut Analysis) {
    analysis.blocks.clear();
    analysis.sentences.clear();
    analysis.tokens.clear();
    let text = analysis.doc.text();
    if u32::try_from(text.len()).is_err() {
        analysis.diagnose(
            Severity::Warning,
            None,
            "text longer than 4 GiB: not segmented",
        );
        return;
    }

    let blocks = blocks::find_blocks(text);
    // News text averages five or six bytes per token; reserving avoids most
    // regrowth without over-allocating much.
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let mut sentences = Vec::with_capacity(text.len() / 100 + 1);
    let mut odd_blank = None;
    for (bi, block) in blocks.iter().enumerate() {
        if let Some(marker) = block.marker {
            tokens::tokenize(text, marker, &mut tokens);
        }
        let first = tokens.len();
        if let Some(at) = tokens::tokenize(text, block.range, &mut tokens) {
            odd_blank.get_or_insert(at);
        }
        sentences::split(
            text,
            &tokens,
            first,
            tokens.len(),
            bi as u32,
            &mut sentences,
        );
    }

    let mut diagnostics = Vec::new();
    if let Some(at) = odd_blank {
        let n = text[at..].chars().next().map_or(1, char::len_utf8);
        diagnostics.push((
            Some(TextRange::new(at, at + n)),
            "control or invisible characters in the text were skipped".to_string(),
        ));
    }
    for s in &sentences {
        let n = s.end_token - s.first_token;
        if n > LONG_SENTENCE_TOKENS {
            diagnostics.push((
                Some(s.range),
                format!("sentence of {n} tokens: punctuation may be missing"),
            ));
        }
    }
    analysis.blocks = blocks;
    analysis.tokens = tokens;
    analysis.sentences = sentences;
    for (range, message) in diagnostics {
        analysis.diagnose(Severity::Info, range, message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_core::{Document, Metadata, TokenKind};

    fn analyse(text: &str) -> Analysis {
        let mut analysis = Analysis::new(Document::new(text, Metadata::default()));
        segment(&mut analysis);
        analysis
    }

    /// Everything the layers promise, beyond what `check_invariants` checks.
    fn assert_sound(text: &str) {
        let a = analyse(text);
        a.check_invariants()
            .unwrap_or_else(|e| panic!("{e} in {text:?}"));

        // Tokens cover every non-blank character and contain no whitespace.
        let mut covered = vec![false; text.len()];
        for t in &a.tokens {
            let s = a.slice(t.range);
            assert!(
                !s.is_empty() && !s.contains(char::is_whitespace),
                "token {s:?} in {text:?}"
            );
            covered[t.range.as_range()]
                .iter_mut()
                .for_each(|c| *c = true);
        }
        for (i, c) in text.char_indices() {
            if !chars::is_blank(c) {
                assert!(covered[i], "{c:?} at {i} not covered in {text:?}");
            }
        }

        // Blocks are ordered and disjoint, markers come before their text.
        let mut prev = 0;
        for b in &a.blocks {
            assert!(!b.range.is_empty());
            if let Some(m) = b.marker {
                assert!(m.start() >= prev && m.end() < b.range.start());
            }
            assert!(b.range.start() >= prev, "blocks overlap in {text:?}");
            prev = b.range.end();
        }

        // Each block's tokens are split among its sentences, in order.
        let mut next_token = 0usize;
        let mut si = 0;
        for (bi, b) in a.blocks.iter().enumerate() {
            while next_token < a.tokens.len() && !b.range.contains_range(a.tokens[next_token].range)
            {
                // Only a marker's tokens lie outside every block.
                let m = b.marker.expect("token outside any block or marker");
                assert!(m.contains_range(a.tokens[next_token].range));
                next_token += 1;
            }
            let mut any = false;
            while si < a.sentences.len() && a.sentences[si].block as usize == bi {
                let s = &a.sentences[si];
                assert_eq!(
                    s.first_token as usize, next_token,
                    "gap before sentence in {text:?}"
                );
                assert!(s.end_token > s.first_token);
                for t in a.sentence_tokens(si) {
                    assert!(s.range.contains_range(t.range));
                }
                next_token = s.end_token as usize;
                si += 1;
                any = true;
            }
            assert!(any, "block without sentence in {text:?}");
        }
        assert_eq!(si, a.sentences.len());
        assert_eq!(next_token, a.tokens.len());
    }

    const MESSY: &[&str] = &[
        "",
        " ",
        "\n\n\n",
        "“”“”‘’‘’\"\"''",
        "\"",
        "’",
        "...",
        "?!?!",
        ".....\n\n.....",
        "\u{0}\u{1}\u{7F}\u{85}\u{FEFF}\u{200B}",
        "a\u{0}b\u{1B}[31mred\u{1B}[0m",
        "e\u{0301}\u{0302}\u{0303} \u{0301}\u{0301} 🙂\u{200D}\u{200D} 🇺 🇺🇦🇺",
        "(((((]]]]] “‘”’ “nested ‘badly” ’",
        "- \n* \n1. \n# \n#\n(a)\n(12345) x\n- - - x",
        "U.S.U.S.U.S. U.S.. U.S.’s’s ’’s 's",
        "Mr.\nMr. \nMr.”\n\r\n\r\r\n",
        "1,,2..3::4 1,234,5 10thth 1990ss $$$ £ €100bn%",
        "KYIV, Aug 19 (Reuters) - Ukraine said the $90 billion (£67bn) U.S.-Ukraine deal, which Trump’s aides called “good protection,” was close.",
        "By Jane Smith\nWASHINGTON (Reuters) -\n\nZelensky Launches a Charm Offensive\nHe thanked the leaders’ hosts. “It’s not to you — [it’s] to your wife,” he joked.\n\n- Trump Hints at Security Guarantees\n- The minister said talks would continue on Friday.\n",
        "\t\tindented\r\n\r\n\t- item\r\n\t  wrapped\r\n",
        "x\u{2028}y\u{2029}z\u{000B}w\u{000C}v",
        "ǅemal Ⅻ ² ½ ٣٤ 𝟘𝟙 ﬁne Ⓐ",
    ];

    #[test]
    fn messy_texts_are_sound() {
        for text in MESSY {
            assert_sound(text);
        }
    }

    /// A small deterministic generator, so the test needs no dependency and
    /// fails the same way every time.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (self.0 >> 33) as usize
        }
    }

    #[test]
    fn random_soups_of_tricky_pieces_are_sound() {
        const PIECES: &[&str] = &[
            "a", "Mr", "U", "S", "The", "he", "3", "5", ".", ".", "!", "?", "…", ",", "’", "'",
            "\"", "“", "”", "‘", "(", ")", "[", "]", "-", "—", "–", " ", " ", " ", "\n", "\n\n",
            "\r\n", "\t", "\u{0}", "\u{0301}", "\u{200D}", "🙂", "🇺", "$", "£", "#", "1.", "- ",
            "* ", "s", "é", "\u{00A0}", "No", "J", "’s",
        ];
        let mut rng = Lcg(42);
        for _ in 0..3000 {
            let len = rng.next() % 40;
            let text: String = (0..len)
                .map(|_| PIECES[rng.next() % PIECES.len()])
                .collect();
            assert_sound(&text);
        }
    }

    #[test]
    fn huge_unpunctuated_paragraph_is_one_sentence() {
        let text = "word ".repeat(50_000);
        let a = analyse(&text);
        a.check_invariants().unwrap();
        assert_eq!(a.blocks.len(), 1);
        assert_eq!(a.sentences.len(), 1);
        assert_eq!(a.tokens.len(), 50_000);
        assert!(a
            .diagnostics
            .iter()
            .any(|d| d.message.contains("50000 tokens")));
    }

    #[test]
    fn huge_degenerate_inputs_stay_linear() {
        // Each of these would take minutes if any pass were quadratic.
        for text in [
            ".".repeat(200_000),
            "“".repeat(100_000),
            "a.".repeat(100_000),
            "U.S. ".repeat(50_000),
            "- x\n".repeat(50_000),
            "\n".repeat(200_000) + "x",
            "-\n\n".repeat(50_000),
            "'s".repeat(100_000),
        ] {
            let a = analyse(&text);
            a.check_invariants().unwrap();
        }
    }

    #[test]
    fn token_kinds_in_context() {
        let a = analyse("Trump’s “deal” cost $90 (£67bn).");
        let kinds: Vec<(&str, TokenKind)> = a
            .tokens
            .iter()
            .map(|t| (a.slice(t.range), t.kind))
            .collect();
        use TokenKind::*;
        assert_eq!(
            kinds,
            [
                ("Trump", Word),
                ("’s", Word),
                ("“", OpenQuote),
                ("deal", Word),
                ("”", CloseQuote),
                ("cost", Word),
                ("$", Symbol),
                ("90", Number),
                ("(", Punct),
                ("£", Symbol),
                ("67", Number),
                ("bn", Word),
                (")", Punct),
                (".", Punct),
            ]
        );
    }

    #[test]
    fn segmenting_twice_replaces_the_layers() {
        let mut a = Analysis::new(Document::new("One. Two.", Metadata::default()));
        segment(&mut a);
        segment(&mut a);
        assert_eq!(a.sentences.len(), 2);
        assert_eq!(a.tokens.len(), 4);
    }

    #[test]
    fn component_declares_its_layers() {
        let s = Segmenter::new();
        assert!(s.requires().is_empty());
        assert_eq!(
            s.assigns(),
            [Layer::Blocks, Layer::Sentences, Layer::Tokens]
        );
        let mut a = Analysis::new(Document::new("Hi there.", Metadata::default()));
        Segmenter.run(&mut a);
        assert_eq!(a.blocks.len(), 1);
    }

    #[test]
    fn control_characters_get_one_diagnostic() {
        let a = analyse("a\u{0}b\u{0}c.");
        let info: Vec<_> = a
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Info)
            .collect();
        assert_eq!(info.len(), 1);
        assert_eq!(info[0].range, Some(TextRange::new(1, 2)));
    }
}
