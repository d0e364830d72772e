//! Blocks: paragraphs, headings, list items and furniture.
//!
//! Text with blank lines is read as paragraphs separated by them, where a
//! single newline is a hard wrap, except before a list marker and after a
//! heading. Text without blank lines (common in scraped copy) is read one
//! block per line, except that a line starting in lowercase continues the
//! line before it, since prose never starts a paragraph that way.
//!
//! Whether a line is a heading is decided from its shape: short, in title
//! case, and without the punctuation that ends prose ("Zelensky Launches a
//! Charm Offensive", "1. Is a Putin–Zelensky Meeting in the Works?"). A
//! marked line in title case is a heading when it stands alone among prose,
//! and a list item when it is one of a run of marked lines.

use memchr::memchr;
use newsgraph_core::{Block, BlockKind, TextRange};

use crate::chars::{decode, is_blank, is_dash, is_terminal, skip_blanks, trim_blanks_end};
use crate::lexicon::{furniture_prefixes, is_abbreviation, is_small_word};

/// Headings longer than this many words are prose.
const MAX_HEADING_WORDS: usize = 15;
/// A line that is not in title case is still a heading when it stands alone,
/// is at most this long, and has no comma, no full stop inside, no opening
/// quote and no final punctuation ("Zelensky wins praise in Washington").
const MAX_PLAIN_HEADING_WORDS: usize = 12;
/// The article's first line, standing alone, is its headline: there the
/// plain (sentence-case) heading may run to `MAX_HEADING_WORDS`
/// ("EU agrees €1.2 billion Black Sea shipping fund as NATO urges faster
/// delivery").
const MAX_HEADLINE_WORDS: usize = MAX_HEADING_WORDS;
/// Bylines and bare datelines are short.
const MAX_FURNITURE_WORDS: usize = 8;

/// The kind of marker that opens a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    None,
    /// "- ", "* ", "• "...
    Bullet,
    /// "1. ", "2) ", "(a) "...
    Number,
    /// Markdown "# ".
    Hash,
}

/// One line of the text, trimmed.
#[derive(Debug, Clone, Copy)]
struct Line {
    /// Where the text after the marker starts (the line start when unmarked).
    body: usize,
    /// The end of the line without trailing blanks; `body == end` for a blank line.
    end: usize,
    marker: Option<TextRange>,
    mark: Mark,
    /// A line without letters or digits ("***", "—") is a separator.
    has_alnum: bool,
}

impl Line {
    fn parse(text: &str, start: usize, end: usize) -> Line {
        let s = skip_blanks(text, start, end);
        let e = trim_blanks_end(text, s, end);
        let mut line = Line {
            body: s,
            end: e,
            marker: None,
            mark: Mark::None,
            has_alnum: false,
        };
        if s == e {
            return line;
        }
        let slice = &text[s..e];
        line.has_alnum = slice.bytes().any(|b| b.is_ascii_alphanumeric())
            || (!slice.is_ascii() && slice.chars().any(char::is_alphanumeric));
        if line.has_alnum {
            if let Some((mark, marker_end)) = marker_at(text, s, e) {
                line.mark = mark;
                line.marker = Some(TextRange::new(s, marker_end));
                line.body = skip_blanks(text, marker_end, e);
            }
        }
        line
    }

    fn is_blank(&self) -> bool {
        self.body == self.end
    }

    fn body<'t>(&self, text: &'t str) -> &'t str {
        &text[self.body..self.end]
    }

    fn is_listed(&self) -> bool {
        matches!(self.mark, Mark::Bullet | Mark::Number)
    }
}

/// The marker at the start of `s..e`, with where it ends, when it is followed
/// by a blank and then more text.
fn marker_at(text: &str, s: usize, e: usize) -> Option<(Mark, usize)> {
    let b = text.as_bytes();
    let at = |i: usize| if i < e { Some(b[i]) } else { None };
    let digits_from = |i: usize| {
        let mut j = i;
        while at(j).is_some_and(|c| c.is_ascii_digit()) {
            j += 1;
        }
        j
    };
    let (mark, end) = match at(s)? {
        b'#' => {
            let mut j = s;
            while at(j) == Some(b'#') {
                j += 1;
            }
            (j - s <= 6).then_some((Mark::Hash, j))?
        }
        b'0'..=b'9' => {
            let j = digits_from(s);
            (j - s <= 3 && matches!(at(j), Some(b'.' | b')'))).then_some((Mark::Number, j + 1))?
        }
        b'(' => {
            let j = digits_from(s + 1);
            let j = if j == s + 1 && at(j).is_some_and(|c| c.is_ascii_alphabetic()) {
                j + 1
            } else {
                j
            };
            (j > s + 1 && j - s <= 4 && at(j) == Some(b')')).then_some((Mark::Number, j + 1))?
        }
        b'a'..=b'z' => (at(s + 1) == Some(b')')).then_some((Mark::Number, s + 2))?,
        _ => {
            let (c, n) = decode(text, s)?;
            matches!(
                c,
                '-' | '*' | '+' | '•' | '◦' | '▪' | '‣' | '●' | '■' | '►' | '▸' | '–' | '·'
            )
            .then_some((Mark::Bullet, s + n))?
        }
    };
    // The marker must be followed by a blank and then by text.
    let (next, _) = decode(text, end).filter(|_| end < e)?;
    (is_blank(next) && skip_blanks(text, end, e) < e).then_some((mark, end))
}

/// How much a line looks like a heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Short, title case, no final period ("Trump Hints at Security Guarantees").
    Title,
    /// Short, capitalised, without final punctuation, but not in title case.
    Plain,
    /// Prose.
    Prose,
}

/// The heading shape of a line's text. Looks at most at the first
/// `MAX_HEADING_WORDS + 1` words, so a huge line costs no more than a short one
/// beyond finding its last character.
fn shape(line: &str) -> Shape {
    shape_within(line, MAX_PLAIN_HEADING_WORDS)
}

/// [`shape`], with `plain_limit` words at most for a sentence-case heading.
fn shape_within(line: &str, plain_limit: usize) -> Shape {
    // The last character that is not a closing quote or bracket decides how
    // the line ends: “...deal.” is prose, "Trump Calls Deal ‘Possible’" is not.
    let last = line
        .chars()
        .rev()
        .find(|&c| !matches!(c, '”' | '’' | '"' | '\'' | ')' | ']' | '»' | '*'));
    let question = match last {
        Some('?' | '!') => true,
        Some(c) if is_terminal(c) || matches!(c, ',' | ';' | ':') || is_dash(c) => {
            return Shape::Prose
        }
        Some(_) => false,
        None => return Shape::Prose,
    };
    let mut words = 0;
    let mut content = 0;
    let mut capitalised = 0;
    let mut first_capitalised = None;
    let mut last_small = false;
    // Whether a word before the last ends a sentence ("He left. She stayed").
    let mut inner_stop = false;
    let mut stop = false;
    for word in line.split_whitespace() {
        words += 1;
        if words > MAX_HEADING_WORDS {
            return Shape::Prose;
        }
        inner_stop |= stop;
        stop = word.ends_with(is_terminal) && !is_abbreviation(word);
        let w = word.trim_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = w.chars().next() else {
            continue;
        };
        first_capitalised.get_or_insert(first.is_uppercase() || first.is_numeric());
        last_small = is_small_word(w);
        if first.is_numeric() || last_small {
            continue;
        }
        content += 1;
        if first.is_uppercase() {
            capitalised += 1;
        }
    }
    // A heading starts with a capital and does not stop on "of" or "the",
    // which is where a wrapped line of prose breaks.
    if first_capitalised != Some(true) || last_small || content == 0 {
        return Shape::Prose;
    }
    if capitalised * 5 >= content * 4 {
        Shape::Title
    } else if !question
        && !inner_stop
        && words <= plain_limit
        && !line.contains(',')
        && !line.starts_with(['“', '"', '‘', '\'', '«'])
    {
        Shape::Plain
    } else {
        Shape::Prose
    }
}

/// True for credits, bylines and bare datelines: lines that are not prose
/// and belong to no sentence of the story.
fn is_furniture(line: &str) -> bool {
    let prefixed = furniture_prefixes().iter().any(|p| {
        line.strip_prefix(p)
            .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
    });
    if prefixed {
        return true;
    }
    let words: Vec<&str> = line
        .split_whitespace()
        .take(MAX_FURNITURE_WORDS + 1)
        .collect();
    if words.len() > MAX_FURNITURE_WORDS {
        return false;
    }
    // "By Jane Smith and John Doe, Reuters": a byline.
    if words.len() >= 2 && words[0] == "By" && !line.ends_with('.') {
        let names = words[1..].iter().all(|w| {
            matches!(*w, "and" | "&" | "in")
                || w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || !c.is_alphanumeric())
        });
        if names {
            return true;
        }
    }
    // "WASHINGTON (Reuters) -": a dateline standing alone.
    let first = words.first().map(|w| w.trim_end_matches(','));
    let capital_place = first.is_some_and(|w| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
    });
    capital_place && line.ends_with(['-', '–', '—'])
}

/// True when the line's text starts with a lowercase letter.
fn starts_lower(text: &str, line: &Line) -> bool {
    line.body(text).starts_with(char::is_lowercase)
}

/// True when the line ends like prose: with a full stop, question or
/// exclamation mark, or colon, possibly inside closing quotes or brackets.
fn ends_sentence(text: &str, line: &Line) -> bool {
    line.body(text)
        .chars()
        .rev()
        .find(|&c| !matches!(c, '”' | '’' | '"' | '\'' | ')' | ']' | '»'))
        .is_some_and(|c| is_terminal(c) || c == ':')
}

struct Lines<'t> {
    text: &'t str,
    lines: Vec<Line>,
}

impl Lines<'_> {
    /// The next line of the same paragraph (no blank line between).
    fn next_in_paragraph(&self, li: usize) -> Option<&Line> {
        self.lines.get(li + 1).filter(|l| !l.is_blank())
    }

    /// True when the nearest non-blank line before or after `li` carries a
    /// list marker: `li` is one of a run of items, not a lone heading.
    fn in_marked_run(&self, li: usize) -> bool {
        let before = self.lines[..li].iter().rev().find(|l| !l.is_blank());
        let after = self.lines[li + 1..].iter().find(|l| !l.is_blank());
        before.is_some_and(Line::is_listed) || after.is_some_and(Line::is_listed)
    }

    /// True when a line must be a block of its own inside a paragraph: a
    /// markdown heading, a separator, furniture, or a title-case heading
    /// whose next line starts a sentence. `opens` is true when the line
    /// starts its paragraph or follows a line that ends a sentence; a line
    /// in the middle of a sentence is never a heading.
    fn stands_alone(&self, li: usize, opens: bool) -> bool {
        let line = &self.lines[li];
        if line.mark == Mark::Hash || !line.has_alnum {
            return true;
        }
        if !opens {
            return false;
        }
        let body = line.body(self.text);
        if line.mark == Mark::None && is_furniture(body) {
            return true;
        }
        let next_starts = !self
            .next_in_paragraph(li)
            .is_some_and(|n| starts_lower(self.text, n));
        next_starts && shape(body) == Shape::Title && !(line.is_listed() && self.in_marked_run(li))
    }

    /// The kind of the block made of lines `first..=last`.
    fn kind(&self, first: usize, last: usize) -> BlockKind {
        let line = &self.lines[first];
        let multi = first != last;
        match line.mark {
            Mark::Hash => BlockKind::Heading,
            Mark::Bullet | Mark::Number => {
                if !multi
                    && shape(line.body(self.text)) == Shape::Title
                    && !self.in_marked_run(first)
                {
                    BlockKind::Heading
                } else {
                    BlockKind::ListItem
                }
            }
            Mark::None if multi => BlockKind::Paragraph,
            Mark::None => {
                let body = line.body(self.text);
                let headline = self.lines[..first].iter().all(Line::is_blank);
                let limit = if headline {
                    MAX_HEADLINE_WORDS
                } else {
                    MAX_PLAIN_HEADING_WORDS
                };
                if !line.has_alnum || is_furniture(body) {
                    BlockKind::Furniture
                } else if shape_within(body, limit) != Shape::Prose {
                    BlockKind::Heading
                } else {
                    BlockKind::Paragraph
                }
            }
        }
    }
}

/// Splits `text` into blocks, in text order.
pub(crate) fn find_blocks(text: &str) -> Vec<Block> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    loop {
        let end = memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |p| start + p);
        lines.push(Line::parse(text, start, end));
        if end >= bytes.len() {
            break;
        }
        start = end + 1;
    }
    let lines = Lines { text, lines };

    // Blank lines separate paragraphs only when they lie between text.
    let first_text = lines.lines.iter().position(|l| !l.is_blank());
    let last_text = lines.lines.iter().rposition(|l| !l.is_blank());
    let paragraphs = match (first_text, last_text) {
        (Some(a), Some(b)) => lines.lines[a..b].iter().any(Line::is_blank),
        _ => return Vec::new(),
    };

    let mut blocks = Vec::new();
    // The open block: its first and last line, and whether its last line
    // opened (started a paragraph or followed the end of a sentence).
    let mut open: Option<(usize, usize, bool)> = None;
    let flush = |open: &mut Option<(usize, usize, bool)>, blocks: &mut Vec<Block>| {
        if let Some((first, last, _)) = open.take() {
            blocks.push(Block {
                range: TextRange::new(lines.lines[first].body, lines.lines[last].end),
                marker: lines.lines[first].marker,
                kind: lines.kind(first, last),
            });
        }
    };
    for (li, line) in lines.lines.iter().enumerate() {
        if line.is_blank() {
            flush(&mut open, &mut blocks);
            continue;
        }
        let join = match open {
            None => None,
            Some((first, last, last_opened)) => {
                let prev = &lines.lines[last];
                let opens = ends_sentence(text, prev);
                let join = line.mark == Mark::None
                    && !lines.stands_alone(last, last_opened || last == first)
                    && if paragraphs {
                        !lines.stands_alone(li, opens)
                    } else {
                        starts_lower(text, line)
                    };
                join.then_some((first, opens))
            }
        };
        match join {
            Some((first, opens)) => open = Some((first, li, opens)),
            None => {
                flush(&mut open, &mut blocks);
                open = Some((li, li, true));
            }
        }
    }
    flush(&mut open, &mut blocks);
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders each block on a line as `Kind(marker) text`, with newlines
    /// inside a block shown as `⏎`.
    fn check(input: &str, expected: &str) {
        let actual: Vec<String> = find_blocks(input)
            .iter()
            .map(|b| {
                let kind = match b.kind {
                    BlockKind::Paragraph => "P",
                    BlockKind::Heading => "H",
                    BlockKind::ListItem => "L",
                    BlockKind::Furniture => "F",
                };
                let marker = b
                    .marker
                    .map(|m| format!("({})", m.slice(input)))
                    .unwrap_or_default();
                let body = b.range.slice(input).replace("\r\n", "⏎").replace('\n', "⏎");
                format!("{kind}{marker} {body}")
            })
            .collect();
        let expected: Vec<&str> = expected
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(actual, expected, "input: {input:?}");
    }

    #[test]
    fn a_long_sentence_case_first_line_is_the_headline() {
        let text = "Ministers agree new grain corridor fund as navy chiefs urge faster mine clearance\n\nMinisters met on Tuesday.\n\nMinisters agree new grain corridor fund as navy chiefs urge faster mine clearance\n\nThey left.\n";
        check(
            text,
            "
            H Ministers agree new grain corridor fund as navy chiefs urge faster mine clearance
            P Ministers met on Tuesday.
            P Ministers agree new grain corridor fund as navy chiefs urge faster mine clearance
            P They left.
            ",
        );
    }

    #[test]
    fn one_block_per_line_without_blank_lines() {
        check(
            "Zelensky returned to Washington on Monday.\nEuropean leaders joined him.\n",
            "
            P Zelensky returned to Washington on Monday.
            P European leaders joined him.
            ",
        );
    }

    #[test]
    fn lowercase_line_continues_without_blank_lines() {
        check(
            "The talks, which came days after the summit in\nAlaska, ended without\nprogress on a ceasefire.\nTrump left.",
            "
            P The talks, which came days after the summit in
            P Alaska, ended without⏎progress on a ceasefire.
            P Trump left.
            ",
        );
    }

    #[test]
    fn paragraphs_join_hard_wraps() {
        check(
            "\n\nThe talks ended\nwithout progress.\n\n\nTrump left.\r\nHe said so.\r\n\r\nLast one.\n\n",
            "
            P The talks ended⏎without progress.
            P Trump left.⏎He said so.
            P Last one.
            ",
        );
    }

    #[test]
    fn headings_from_the_seed_style() {
        check(
            "Trump met Zelensky.\n1. Is a Putin–Zelensky Meeting in the Works?\nThe Kremlin said no.\n- Europeans Push Back as Trump Downplays Ceasefire\nTrump dismissed it.\n- Trump Hints at Security Guarantees\nHe stressed Europe's role.\nZelensky Launches a Charm Offensive\nHe thanked Trump.",
            "
            P Trump met Zelensky.
            H(1.) Is a Putin–Zelensky Meeting in the Works?
            P The Kremlin said no.
            H(-) Europeans Push Back as Trump Downplays Ceasefire
            P Trump dismissed it.
            H(-) Trump Hints at Security Guarantees
            P He stressed Europe's role.
            H Zelensky Launches a Charm Offensive
            P He thanked Trump.
            ",
        );
    }

    #[test]
    fn prose_list_items() {
        check(
            "Officials said:\n- The minister said talks would continue on Friday.\n- Sanctions remain in place.\n2) no deal yet\n(b) Aid Package Approved\n",
            "
            P Officials said:
            L(-) The minister said talks would continue on Friday.
            L(-) Sanctions remain in place.
            L(2)) no deal yet
            L((b)) Aid Package Approved
            ",
        );
    }

    #[test]
    fn a_run_of_title_case_items_is_a_list() {
        check(
            "Related stories:\n\n* Trump Hints at Security Guarantees\n* Europeans Push Back\n\nMore text here.",
            "
            P Related stories:
            L(*) Trump Hints at Security Guarantees
            L(*) Europeans Push Back
            P More text here.
            ",
        );
    }

    #[test]
    fn markdown_headings() {
        check(
            "# Talks in Washington\n## what comes next\nText follows.\n#Ukraine is a hashtag.",
            "
            H(#) Talks in Washington
            H(##) what comes next
            P Text follows.
            P #Ukraine is a hashtag.
            ",
        );
    }

    #[test]
    fn headings_and_lists_inside_paragraph_mode() {
        check(
            "Zelensky Launches a Charm Offensive\nAfter a tense visit, Zelensky changed tack.\nHe thanked\nTrump.\n\nKey points:\n- Aid will continue.\n- Talks go on\n  next week.\n\n# Next\nMore.",
            "
            H Zelensky Launches a Charm Offensive
            P After a tense visit, Zelensky changed tack.⏎He thanked⏎Trump.
            P Key points:
            L(-) Aid will continue.
            L(-) Talks go on⏎  next week.
            H(#) Next
            P More.
            ",
        );
    }

    #[test]
    fn wrapped_title_case_line_is_not_a_heading() {
        check(
            "Zelensky Met With U.S. President Donald Trump and European\nleaders on Monday.\n\nNext paragraph.",
            "
            P Zelensky Met With U.S. President Donald Trump and European⏎leaders on Monday.
            P Next paragraph.
            ",
        );
    }

    #[test]
    fn plain_short_lines_are_headings() {
        check(
            "Zelensky wins praise in Washington\nHe thanked everyone.\nwhat next",
            "
            H Zelensky wins praise in Washington
            P He thanked everyone.⏎what next
            ",
        );
    }

    #[test]
    fn unpunctuated_prose_is_not_a_heading() {
        check(
            "He left. She stayed\n“I think he wants a deal”\nTalks Fail. Zelensky Leaves\nMr. Trump arrives",
            "
            P He left. She stayed
            P “I think he wants a deal”
            H Talks Fail. Zelensky Leaves
            H Mr. Trump arrives
            ",
        );
    }

    #[test]
    fn furniture() {
        check(
            "By Jane Smith and John Doe\nWASHINGTON (Reuters) -\nKYIV, Aug 19 (Reuters) - Ukraine said talks went well.\n* * *\nBy the time talks ended, it was dark.\n(Reporting by Jane Smith; Editing by Tom Brown)\n© 2025 Example News",
            "
            F By Jane Smith and John Doe
            F WASHINGTON (Reuters) -
            P KYIV, Aug 19 (Reuters) - Ukraine said talks went well.
            F * * *
            P By the time talks ended, it was dark.
            F (Reporting by Jane Smith; Editing by Tom Brown)
            F © 2025 Example News
            ",
        );
    }

    #[test]
    fn markers_need_text_after_them() {
        check(
            "- \n1.\n2022. A year of war.\n-5 degrees\n- ",
            "
            F -
            P 1.
            P 2022. A year of war.
            H -5 degrees
            F -
            ",
        );
    }

    #[test]
    fn empty_and_blank_input() {
        check("", "");
        check(" \n\t\r\n\u{FEFF}\u{00A0}", "");
        check("\u{0}", "");
    }
}
