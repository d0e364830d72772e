//! PolNeAR attributions: brat standoff reading and writing, and scoring.
//!
//! # Format
//!
//! Each article `NAME` has `text/NAME.txt` and one or more
//! `attributions/NAME_<annotator>.ann` brat files. Offsets are **Unicode code
//! points**, end exclusive. The lines that matter (fields are separated by
//! tabs, shown here as two spaces):
//!
//! ```text
//! T1  Source 89 106  The New York Post
//! T2  Cue 107 114  reports
//! T3  Content 115 150;160 290  that Hillary … wraps.”
//! T4  Attribution 107 114  reports
//! E1  Attribution:T4 Content:T3 Cue:T2 Source:T1
//! ```
//!
//! A T line is `id<TAB>Type start end[;start end…]<TAB>text`; several
//! fragments make a discontinuous span. An E line ties one attribution
//! together: the first argument is the anchor (`Attribution`, or
//! `Attribution-no-source` when there is no source), whose span is the cue's;
//! then `Source`, `Cue`, `Content` and rarely `Content2` (a second content
//! span, merged into `content` here). An E line may refer to a T line that
//! comes after it. `Discuss`/`Discard` T lines, `A`, `R`, `N`, `*` and `#`
//! lines are ignored, and so is the T text column (a line that starts with
//! none of the known prefixes is a continuation of a text column that held a
//! raw newline). When an E line has no `Cue`, the anchor's span is the cue;
//! a `Source` role counts even under an `Attribution-no-source` anchor (it
//! happens once in dev).
//!
//! # Scoring
//!
//! [`score`] compares predicted attributions with gold, document by document,
//! for each part (source, cue, content) and for the whole attribution, under
//! two matchings:
//!
//! - **exact**: the same code points, after trimming whitespace from each
//!   fragment and merging fragments that touch or are separated only by
//!   whitespace (so `10 20;21 30` over `"… …"` equals `10 30`);
//! - **overlap**: at least one code point in common.
//!
//! A whole attribution matches when cue and content match and the sources
//! match or are both absent. Matching is **one-to-one and greedy**: all
//! matching pairs are sorted by overlap size (code points in common, summed
//! over cue, content and source for whole attributions), largest first, and a
//! pair is taken when neither side is taken yet. Gold attributions without a
//! cue or content (a handful of incomplete E lines) are skipped and counted in
//! [`AttributionReport::skipped_gold`]; predictions with neither are dropped.
//! The same scores are also given for the **quote subset**: gold and predicted
//! attributions whose content contains a quotation mark (`“`, `”` or `"`).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::path::Path;

use serde::Serialize;

use crate::metrics::{greedy_match, Prf};
use crate::{Error, Result};

/// A code-point range `[start, end)`.
pub type CharRange = (usize, usize);

/// One attribution: who (source), the reporting words (cue), what (content).
/// Each part is a list of fragments (discontinuous spans), sorted by start.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Attribution {
    /// `None` for attributions without a source (`Attribution-no-source`).
    pub source: Option<Vec<CharRange>>,
    pub cue: Vec<CharRange>,
    pub content: Vec<CharRange>,
}

/// One gold article: its text and the attributions of one annotator.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GoldDoc {
    /// The article stem (`breitbart_2016-09-12_stealth-over-health-hillary-clin`).
    pub name: String,
    /// The annotator whose file was used (`ef2d`).
    pub annotator: String,
    pub text: String,
    pub attributions: Vec<Attribution>,
}

fn is_id(s: &str, prefix: char) -> bool {
    s.strip_prefix(prefix)
        .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
}

fn parse_fragments(s: &str) -> Option<Vec<CharRange>> {
    let mut out = Vec::new();
    for frag in s.split(';') {
        let mut it = frag.split_whitespace();
        let start: usize = it.next()?.parse().ok()?;
        let end: usize = it.next()?.parse().ok()?;
        if it.next().is_some() || start > end {
            return None;
        }
        out.push((start, end));
    }
    Some(out)
}

/// Parses one `.ann` file; `origin` names it in errors.
pub fn parse_ann(ann: &str, origin: impl AsRef<Path>) -> Result<Vec<Attribution>> {
    let origin = origin.as_ref();
    let mut spans: HashMap<&str, Vec<CharRange>> = HashMap::new();
    let mut events: Vec<(usize, &str)> = Vec::new();
    for (n, line) in ann.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let Some((id, rest)) = line.split_once('\t') else {
            continue; // a blank line or a continuation of a text column
        };
        if is_id(id, 'T') {
            let spec = rest.split('\t').next().unwrap_or("");
            let parsed = spec
                .split_once(' ')
                .and_then(|(_, frags)| parse_fragments(frags));
            let Some(frags) = parsed else {
                return Err(Error::format(
                    origin,
                    Some(n + 1),
                    format!("expected `Type start end[;start end…]`, found {spec:?}"),
                ));
            };
            spans.insert(id, frags);
        } else if is_id(id, 'E') {
            events.push((n + 1, rest));
        }
        // A, R, N, *, # lines and continuations: ignored.
    }
    let mut out = Vec::new();
    for (line, args) in events {
        let mut anchor = Vec::new();
        let mut a = Attribution::default();
        for (i, arg) in args.split_whitespace().enumerate() {
            let Some((role, id)) = arg.split_once(':') else {
                return Err(Error::format(
                    origin,
                    Some(line),
                    format!("expected Role:Tn, found {arg:?}"),
                ));
            };
            let Some(frags) = spans.get(id) else {
                return Err(Error::format(
                    origin,
                    Some(line),
                    format!("{id} is not defined"),
                ));
            };
            if i == 0 {
                anchor.extend_from_slice(frags);
            } else if role == "Source" {
                a.source
                    .get_or_insert_with(Vec::new)
                    .extend_from_slice(frags);
            } else if role == "Cue" {
                a.cue.extend_from_slice(frags);
            } else if role.starts_with("Content") {
                a.content.extend_from_slice(frags);
            }
        }
        if a.cue.is_empty() {
            a.cue = anchor;
        }
        for part in [Some(&mut a.cue), Some(&mut a.content), a.source.as_mut()]
            .into_iter()
            .flatten()
        {
            part.sort_unstable();
        }
        out.push(a);
    }
    Ok(out)
}

/// Loads a PolNeAR compartment (`dev/`, `train/`): `text/NAME.txt` and
/// `attributions/NAME_XXXX.ann`. When an article has several annotator files,
/// the **first in sorted order** (the smallest annotator id) is used. Articles
/// without an `.ann` file are left out; an `.ann` without its text is an
/// error, and so is a span beyond the end of the text. Sorted by name.
pub fn load_dir(gold_dir: &Path) -> Result<Vec<GoldDoc>> {
    let ann_dir = gold_dir.join("attributions");
    let mut files: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(&ann_dir).map_err(|e| Error::io(&ann_dir, e))? {
        let entry = entry.map_err(|e| Error::io(&ann_dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".ann") {
            files.push(name);
        }
    }
    files.sort();
    let mut first: BTreeMap<String, (String, String)> = BTreeMap::new();
    for file in files {
        let stem = &file[..file.len() - ".ann".len()];
        let Some((doc, annotator)) = stem.rsplit_once('_') else {
            return Err(Error::format(
                &ann_dir.join(&file),
                None,
                "expected a name of the form NAME_ANNOTATOR.ann",
            ));
        };
        first
            .entry(doc.to_string())
            .or_insert_with(|| (annotator.to_string(), file.clone()));
    }
    let mut out = Vec::new();
    for (name, (annotator, file)) in first {
        let ann_path = ann_dir.join(&file);
        let text_path = gold_dir.join("text").join(format!("{name}.txt"));
        let text = std::fs::read_to_string(&text_path).map_err(|e| Error::io(&text_path, e))?;
        let ann = std::fs::read_to_string(&ann_path).map_err(|e| Error::io(&ann_path, e))?;
        let attributions = parse_ann(&ann, &ann_path)?;
        let len = text.chars().count();
        for a in &attributions {
            if let Some(&(s, e)) = all_ranges(a).find(|&&(_, e)| e > len) {
                return Err(Error::format(
                    &ann_path,
                    None,
                    format!(
                        "span {s}..{e} is beyond the end of {} ({len} code points)",
                        text_path.display()
                    ),
                ));
            }
        }
        out.push(GoldDoc {
            name,
            annotator,
            text,
            attributions,
        });
    }
    Ok(out)
}

fn all_ranges(a: &Attribution) -> impl Iterator<Item = &CharRange> {
    a.cue
        .iter()
        .chain(&a.content)
        .chain(a.source.iter().flatten())
}

/// The quotes of a readout (`serde_json::Value`, see `READOUT.md`) as
/// attributions: source, cue and content spans, in code points.
pub fn attributions_from_readout(readout: &serde_json::Value) -> Vec<Attribution> {
    let Ok(r) = crate::seed::readout::Readout::from_value(readout) else {
        return Vec::new();
    };
    r.quotes
        .iter()
        .map(|q| Attribution {
            source: q.source.as_ref().map(|s| vec![(s.start, s.end)]),
            cue: q.cue.iter().map(|s| (s.start, s.end)).collect(),
            content: q.content.iter().map(|s| (s.start, s.end)).collect(),
        })
        .collect()
}

// ------------------------------------------------------------------ writer

/// The text of a list of fragments, joined by one space (as brat does), with
/// line breaks turned into spaces so that each T line stays one line.
fn fragments_text(frags: &[CharRange], text: &str, map: &newsgraph_core::OffsetMap) -> String {
    let byte = |c: usize| map.byte_offset(c).unwrap_or(text.len());
    frags
        .iter()
        .map(|&(s, e)| {
            let (bs, be) = (byte(s), byte(e.max(s)));
            text[bs..be].replace(['\n', '\r'], " ")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn fragments_spec(frags: &[CharRange]) -> String {
    frags
        .iter()
        .map(|(s, e)| format!("{s} {e}"))
        .collect::<Vec<_>>()
        .join(";")
}

/// Writes attributions as a PolNeAR brat file: for each, T lines for the
/// source, cue and content, an anchor T line (`Attribution`, or
/// `Attribution-no-source`) over the cue span, then
/// `En<TAB>Attribution:Ta Content:Tc Cue:Tq Source:Ts`. `text` is the article
/// the code-point ranges index (to fill the text column). An attribution with
/// no cue is anchored on its content; one with neither is skipped.
///
/// ```
/// use newsgraph_eval::polnear::{write_ann, Attribution};
/// let text = "Trump said it was fine.";
/// let a = Attribution { source: Some(vec![(0, 5)]), cue: vec![(6, 10)], content: vec![(11, 22)] };
/// assert_eq!(
///     write_ann(&[a], text),
///     "T1\tSource 0 5\tTrump\nT2\tCue 6 10\tsaid\nT3\tContent 11 22\tit was fine\n\
///      T4\tAttribution 6 10\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
/// );
/// ```
pub fn write_ann(attrs: &[Attribution], text: &str) -> String {
    let map = newsgraph_core::OffsetMap::new(text);
    let mut out = String::new();
    let mut t = 0usize;
    let mut e = 0usize;
    let mut tline = |out: &mut String, ty: &str, frags: &[CharRange]| {
        t += 1;
        let _ = writeln!(
            out,
            "T{t}\t{ty} {}\t{}",
            fragments_spec(frags),
            fragments_text(frags, text, &map)
        );
        t
    };
    for a in attrs {
        let anchor = if !a.cue.is_empty() {
            &a.cue
        } else {
            &a.content
        };
        if anchor.is_empty() {
            continue;
        }
        let source = a.source.as_ref().filter(|s| !s.is_empty());
        let s_id = source.map(|s| tline(&mut out, "Source", s));
        let q_id = (!a.cue.is_empty()).then(|| tline(&mut out, "Cue", &a.cue));
        let c_id = (!a.content.is_empty()).then(|| tline(&mut out, "Content", &a.content));
        let anchor_type = if source.is_some() {
            "Attribution"
        } else {
            "Attribution-no-source"
        };
        let a_id = tline(&mut out, anchor_type, anchor);
        e += 1;
        let _ = write!(out, "E{e}\t{anchor_type}:T{a_id}");
        if let Some(c) = c_id {
            let _ = write!(out, " Content:T{c}");
        }
        if let Some(q) = q_id {
            let _ = write!(out, " Cue:T{q}");
        }
        if let Some(s) = s_id {
            let _ = write!(out, " Source:T{s}");
        }
        out.push('\n');
    }
    out
}

// ----------------------------------------------------------------- scoring

/// Scores of source, cue, content and whole attributions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Components {
    pub source: Prf,
    pub cue: Prf,
    pub content: Prf,
    pub attribution: Prf,
}

impl Components {
    fn add(&mut self, o: Components) {
        self.source.add(o.source);
        self.cue.add(o.cue);
        self.content.add(o.content);
        self.attribution.add(o.attribution);
    }

    fn rows(&self) -> [(&'static str, &Prf); 4] {
        [
            ("source", &self.source),
            ("cue", &self.cue),
            ("content", &self.content),
            ("attribution", &self.attribution),
        ]
    }
}

/// Exact and overlap scores for one subset.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Section {
    pub exact: Components,
    pub overlap: Components,
}

/// The result of [`score`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct AttributionReport {
    pub docs: usize,
    /// Gold attributions left out for lacking a cue or content.
    pub skipped_gold: usize,
    /// All attributions.
    pub all: Section,
    /// Attributions whose content contains a quotation mark.
    pub quotes: Section,
}

/// An attribution after trimming and merging its fragments.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Norm {
    source: Option<Vec<CharRange>>,
    cue: Vec<CharRange>,
    content: Vec<CharRange>,
    quote: bool,
}

/// Trims whitespace off each fragment, drops empty ones, sorts, and merges
/// fragments that overlap, touch, or are separated only by whitespace.
fn normalize(frags: &[CharRange], chars: &[char]) -> Vec<CharRange> {
    let mut v: Vec<CharRange> = frags
        .iter()
        .map(|&(s, e)| {
            let e = e.min(chars.len());
            let mut s = s.min(e);
            let mut e = e;
            while s < e && chars[s].is_whitespace() {
                s += 1;
            }
            while e > s && chars[e - 1].is_whitespace() {
                e -= 1;
            }
            (s, e)
        })
        .filter(|(s, e)| s < e)
        .collect();
    v.sort_unstable();
    let mut out: Vec<CharRange> = Vec::with_capacity(v.len());
    for (s, e) in v {
        if let Some(last) = out.last_mut() {
            if s <= last.1 || chars[last.1..s].iter().all(|c| c.is_whitespace()) {
                last.1 = last.1.max(e);
                continue;
            }
        }
        out.push((s, e));
    }
    out
}

fn is_quote_content(frags: &[CharRange], chars: &[char]) -> bool {
    frags
        .iter()
        .any(|&(s, e)| chars[s..e].iter().any(|c| matches!(c, '“' | '”' | '"')))
}

fn norm_attr(a: &Attribution, chars: &[char]) -> Norm {
    let content = normalize(&a.content, chars);
    Norm {
        source: a
            .source
            .as_ref()
            .map(|s| normalize(s, chars))
            .filter(|s| !s.is_empty()),
        cue: normalize(&a.cue, chars),
        quote: is_quote_content(&content, chars),
        content,
    }
}

/// Code points the two fragment lists share.
fn overlap(a: &[CharRange], b: &[CharRange]) -> u64 {
    let mut n = 0;
    for &(s1, e1) in a {
        for &(s2, e2) in b {
            let (s, e) = (s1.max(s2), e1.min(e2));
            if s < e {
                n += (e - s) as u64;
            }
        }
    }
    n
}

fn len(a: &[CharRange]) -> u64 {
    a.iter().map(|(s, e)| (e - s) as u64).sum()
}

/// One part, one-to-one: `exact` pairs need equal fragments; overlap pairs
/// need a shared code point and are taken largest overlap first.
fn score_part(gold: &[&Vec<CharRange>], pred: &[&Vec<CharRange>], exact: bool) -> Prf {
    let pairs = greedy_match(gold.len(), pred.len(), |g, p| {
        if exact {
            (gold[g] == pred[p]).then(|| len(gold[g]))
        } else {
            Some(overlap(gold[g], pred[p])).filter(|&n| n > 0)
        }
    });
    Prf::new(gold.len(), pred.len(), pairs.len())
}

fn score_whole(gold: &[&Norm], pred: &[&Norm], exact: bool) -> Prf {
    let pairs = greedy_match(gold.len(), pred.len(), |g, p| {
        let (g, p) = (gold[g], pred[p]);
        if exact {
            (g.cue == p.cue && g.content == p.content && g.source == p.source)
                .then(|| len(&g.cue) + len(&g.content) + 1)
        } else {
            let cue = overlap(&g.cue, &p.cue);
            let content = overlap(&g.content, &p.content);
            let source = match (&g.source, &p.source) {
                (None, None) => Some(0),
                (Some(a), Some(b)) => Some(overlap(a, b)).filter(|&n| n > 0),
                _ => None,
            };
            (cue > 0 && content > 0).then_some(())?;
            source.map(|s| cue + content + s)
        }
    });
    Prf::new(gold.len(), pred.len(), pairs.len())
}

fn score_section(gold: &[&Norm], pred: &[&Norm], exact: bool) -> Components {
    fn parts<'a>(
        v: &[&'a Norm],
        f: impl Fn(&'a Norm) -> Option<&'a Vec<CharRange>>,
    ) -> Vec<&'a Vec<CharRange>> {
        v.iter()
            .filter_map(|n| f(n))
            .filter(|x| !x.is_empty())
            .collect()
    }
    Components {
        source: score_part(
            &parts(gold, |n| n.source.as_ref()),
            &parts(pred, |n| n.source.as_ref()),
            exact,
        ),
        cue: score_part(
            &parts(gold, |n| Some(&n.cue)),
            &parts(pred, |n| Some(&n.cue)),
            exact,
        ),
        content: score_part(
            &parts(gold, |n| Some(&n.content)),
            &parts(pred, |n| Some(&n.content)),
            exact,
        ),
        attribution: score_whole(gold, pred, exact),
    }
}

/// Scores predicted attributions (by article name; a missing name means no
/// predictions, names not in `gold` are ignored) against the gold documents.
/// See the module docs for the matching rules.
pub fn score(gold: &[GoldDoc], predicted: &HashMap<String, Vec<Attribution>>) -> AttributionReport {
    let mut report = AttributionReport {
        docs: gold.len(),
        ..AttributionReport::default()
    };
    let none = Vec::new();
    for doc in gold {
        let chars: Vec<char> = doc.text.chars().collect();
        let g_all: Vec<Norm> = doc
            .attributions
            .iter()
            .map(|a| norm_attr(a, &chars))
            .collect();
        let g: Vec<&Norm> = g_all
            .iter()
            .filter(|n| !n.cue.is_empty() && !n.content.is_empty())
            .collect();
        report.skipped_gold += g_all.len() - g.len();
        let p_all: Vec<Norm> = predicted
            .get(&doc.name)
            .unwrap_or(&none)
            .iter()
            .map(|a| norm_attr(a, &chars))
            .collect();
        let p: Vec<&Norm> = p_all
            .iter()
            .filter(|n| !n.cue.is_empty() || !n.content.is_empty())
            .collect();
        let gq: Vec<&Norm> = g.iter().copied().filter(|n| n.quote).collect();
        let pq: Vec<&Norm> = p.iter().copied().filter(|n| n.quote).collect();
        report.all.exact.add(score_section(&g, &p, true));
        report.all.overlap.add(score_section(&g, &p, false));
        report.quotes.exact.add(score_section(&gq, &pq, true));
        report.quotes.overlap.add(score_section(&gq, &pq, false));
    }
    report
}

impl AttributionReport {
    /// A fixed-width table: subset × matching × part.
    pub fn to_table(&self) -> String {
        let mut s = format!(
            "PolNeAR attributions: {} documents, {} gold ({} skipped: no cue or content), {} predicted\n",
            self.docs,
            self.all.exact.attribution.gold,
            self.skipped_gold,
            self.all.exact.attribution.pred
        );
        let _ = writeln!(
            s,
            "{:<7} {:<8} {:<12} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}",
            "subset", "match", "part", "gold", "pred", "tp", "P", "R", "F1"
        );
        for (subset, section) in [("all", &self.all), ("quotes", &self.quotes)] {
            for (matching, comps) in [("exact", &section.exact), ("overlap", &section.overlap)] {
                for (part, c) in comps.rows() {
                    let _ = writeln!(
                        s,
                        "{:<7} {:<8} {:<12} {:>6} {:>6} {:>6} {:>6.3} {:>6.3} {:>6.3}",
                        subset,
                        matching,
                        part,
                        c.gold,
                        c.pred,
                        c.tp,
                        c.precision(),
                        c.recall(),
                        c.f1()
                    );
                }
            }
        }
        s
    }
}

#[cfg(test)]
mod tests;
