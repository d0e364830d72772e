use std::collections::HashMap;
use std::path::Path;

use super::*;

/// Quirks seen in the real files: an E line naming a T defined after it, a
/// discontinuous content, `Content2`, an anchor-only E line with a trailing
/// space, a source under `Attribution-no-source`, annotator flags, notes, and
/// a text column broken by a raw newline.
const ANN: &str = "T1\tSource 0 5\tTrump\n\
T2\tCue 6 10\tsaid\n\
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1 Content2:T9\n\
T3\tContent 12 20;25 30\tit was fine also\n\
T4\tAttribution 6 10\tsaid\n\
T5\tCue 40 46\tfeared\n\
T6\tContent 47 60\tthe worst\n\
T7\tAttribution-no-source 40 46\tfeared\n\
E2\tAttribution-no-source:T7 Content:T6 Cue:T5\n\
T8\tDiscuss 0 60\tthe whole\n\
paragraph continued\n\
T9\tContent 32 35\tyes\n\
#1\tAnnotatorNotes T8\tnot sure\n\
A1\tNegated E1\n\
R1\tRel Arg1:T1 Arg2:T3\n\
*\tEquiv T1 T3\n\
T10\tAttribution-no-source 62 64\tok\n\
E3\tAttribution-no-source:T10 \n\
T11\tSource 70 72\twe\n\
T12\tAttribution-no-source 73 75\tso\n\
E4\tAttribution-no-source:T12 Source:T11\n";

#[test]
fn parses_brat_quirks() {
    let a = parse_ann(ANN, "x.ann").unwrap();
    assert_eq!(a.len(), 4);
    assert_eq!(
        a[0],
        Attribution {
            source: Some(vec![(0, 5)]),
            cue: vec![(6, 10)],
            content: vec![(12, 20), (25, 30), (32, 35)],
        }
    );
    assert_eq!(
        a[1],
        Attribution {
            source: None,
            cue: vec![(40, 46)],
            content: vec![(47, 60)],
        }
    );
    // Anchor only: the anchor is the cue.
    assert_eq!(
        a[2],
        Attribution {
            source: None,
            cue: vec![(62, 64)],
            content: vec![],
        }
    );
    assert_eq!(a[3].source, Some(vec![(70, 72)]));
}

#[test]
fn parse_errors_name_file_and_line() {
    let e = parse_ann("T1\tCue 5\tx\n", "x.ann").unwrap_err();
    assert_eq!(
        e.to_string(),
        "x.ann:1: expected `Type start end[;start end…]`, found \"Cue 5\""
    );
    let e = parse_ann("T1\tCue 9 5\tx\n", "x.ann").unwrap_err();
    assert!(e.to_string().starts_with("x.ann:1:"), "{e}");
    let e = parse_ann("T1\tCue 1 5\tx\nE1\tAttribution:T1 Content:T7\n", "x.ann").unwrap_err();
    assert_eq!(e.to_string(), "x.ann:2: T7 is not defined");
}

fn write(dir: &Path, rel: &str, body: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, body).unwrap();
}

#[test]
fn load_dir_takes_the_first_annotator_in_sorted_order() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "text/a.txt", "“Yes,” she said.");
    write(d, "text/a_b.txt", "He said no.");
    write(d, "text/unannotated.txt", "Nothing.");
    write(d, "attributions/a_ef2d.ann", "T1\tCue 7 11\tshe\n");
    write(
        d,
        "attributions/a_4b22.ann",
        "T1\tSource 7 10\tshe\nT2\tCue 11 15\tsaid\nT3\tContent 0 6\t“Yes,”\nT4\tAttribution 11 15\tsaid\n\
         E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n",
    );
    write(d, "attributions/a_b_d473.ann", "");
    write(d, "attributions/README", "not an ann file");
    let docs = load_dir(d).unwrap();
    let names: Vec<(&str, &str)> = docs
        .iter()
        .map(|d| (d.name.as_str(), d.annotator.as_str()))
        .collect();
    assert_eq!(names, [("a", "4b22"), ("a_b", "d473")]);
    assert_eq!(docs[0].attributions.len(), 1);
    assert_eq!(docs[0].text, "“Yes,” she said.");
    assert!(docs[1].attributions.is_empty());

    // A span beyond the text (16 code points, 20 bytes) is an error.
    write(
        d,
        "attributions/a_0000.ann",
        "T1\tCue 15 17\tx\nE1\tAttribution:T1\n",
    );
    let e = load_dir(d).unwrap_err().to_string();
    assert!(
        e.contains("a_0000.ann: span 15..17 is beyond the end of"),
        "{e}"
    );
    assert!(e.contains("(16 code points)"), "{e}");

    // An annotation without its text.
    std::fs::remove_file(d.join("attributions/a_0000.ann")).unwrap();
    write(d, "attributions/zz_1111.ann", "");
    let e = load_dir(d).unwrap_err().to_string();
    assert!(e.contains("zz.txt"), "{e}");
}

fn doc(text: &str, attributions: Vec<Attribution>) -> GoldDoc {
    GoldDoc {
        name: "d".into(),
        annotator: "0000".into(),
        text: text.into(),
        attributions,
    }
}

fn attr(source: Option<CharRange>, cue: CharRange, content: &[CharRange]) -> Attribution {
    Attribution {
        source: source.map(|s| vec![s]),
        cue: vec![cue],
        content: content.to_vec(),
    }
}

fn predicted(attrs: Vec<Attribution>) -> HashMap<String, Vec<Attribution>> {
    HashMap::from([("d".to_string(), attrs)])
}

//                   0         1         2         3         4         5
//                   0123456789012345678901234567890123456789012345678901234
const TEXT: &str = "Trump said the talks were good and useful. Aides fear it.";

#[test]
fn exact_ignores_whitespace_and_fragment_boundaries() {
    let gold = vec![doc(
        TEXT,
        vec![attr(Some((0, 5)), (6, 10), &[(11, 20), (21, 41)])],
    )];
    // Same code points, with stray spaces and one fragment instead of two.
    let pred = predicted(vec![attr(Some((0, 6)), (5, 10), &[(10, 41)])]);
    let r = score(&gold, &pred);
    assert_eq!(r.all.exact.attribution, Prf::new(1, 1, 1));
    assert_eq!(r.all.exact.source, Prf::new(1, 1, 1));
    assert_eq!(r.all.exact.content, Prf::new(1, 1, 1));
    // No quotation mark: nothing in the quote subset.
    assert_eq!(r.quotes.exact.attribution, Prf::new(0, 0, 0));
}

#[test]
fn overlap_versus_exact() {
    let gold = vec![doc(TEXT, vec![attr(Some((0, 5)), (6, 10), &[(11, 41)])])];
    let pred = predicted(vec![attr(Some((0, 3)), (6, 10), &[(15, 20)])]);
    let r = score(&gold, &pred);
    assert_eq!(r.all.exact.cue, Prf::new(1, 1, 1));
    assert_eq!(r.all.exact.content, Prf::new(1, 1, 0));
    assert_eq!(r.all.exact.attribution, Prf::new(1, 1, 0));
    assert_eq!(r.all.overlap.content, Prf::new(1, 1, 1));
    assert_eq!(r.all.overlap.attribution, Prf::new(1, 1, 1));
    // A missing source fails the whole attribution, an extra one too.
    let pred = predicted(vec![attr(None, (6, 10), &[(11, 41)])]);
    let r = score(&gold, &pred);
    assert_eq!(r.all.overlap.attribution.tp, 0);
    assert_eq!(r.all.overlap.source, Prf::new(1, 0, 0));
    let gold = vec![doc(TEXT, vec![attr(None, (49, 53), &[(54, 56)])])];
    let r = score(&gold, &predicted(vec![attr(None, (49, 53), &[(54, 57)])]));
    assert_eq!(r.all.overlap.attribution.tp, 1);
    let r = score(
        &gold,
        &predicted(vec![attr(Some((43, 48)), (49, 53), &[(54, 57)])]),
    );
    assert_eq!(r.all.overlap.attribution.tp, 0);
}

#[test]
fn matching_is_one_to_one_by_largest_overlap() {
    let gold = vec![doc(
        TEXT,
        vec![
            attr(None, (6, 10), &[(11, 41)]),
            attr(None, (49, 53), &[(54, 56)]),
        ],
    )];
    // Both predictions overlap the first gold content; the larger one wins it.
    let pred = predicted(vec![
        attr(None, (6, 10), &[(11, 15)]),
        attr(None, (6, 10), &[(11, 30)]),
    ]);
    let r = score(&gold, &pred);
    assert_eq!(r.all.overlap.content, Prf::new(2, 2, 1));
    assert_eq!(r.all.overlap.cue, Prf::new(2, 2, 1));
    assert_eq!(r.all.overlap.attribution, Prf::new(2, 2, 1));
    assert_eq!(r.docs, 1);
}

#[test]
fn quote_subset_and_skipped_gold() {
    let text = "“We won,” he said. They hoped so.";
    let gold = vec![doc(
        text,
        vec![
            attr(Some((10, 12)), (13, 17), &[(0, 9)]),
            attr(None, (24, 29), &[(30, 32)]),
            Attribution {
                source: None,
                cue: vec![(24, 29)],
                content: vec![],
            },
        ],
    )];
    let pred = predicted(vec![
        attr(Some((10, 12)), (13, 17), &[(1, 7)]),
        attr(None, (24, 29), &[(30, 32)]),
    ]);
    let r = score(&gold, &pred);
    assert_eq!(r.skipped_gold, 1);
    assert_eq!(r.all.exact.attribution, Prf::new(2, 2, 1));
    assert_eq!(r.quotes.overlap.attribution, Prf::new(1, 0, 0));
    // The prediction without quotation marks is outside the subset.
    let pred = predicted(vec![attr(Some((10, 12)), (13, 17), &[(0, 9)])]);
    let r = score(&gold, &pred);
    assert_eq!(r.quotes.exact.attribution, Prf::new(1, 1, 1));
    // No predictions for the document at all.
    let r = score(&gold, &HashMap::new());
    assert_eq!(r.all.overlap.attribution, Prf::new(2, 0, 0));
    let table = r.to_table();
    assert!(
        table.starts_with("PolNeAR attributions: 1 documents, 2 gold (1 skipped"),
        "{table}"
    );
    assert_eq!(table.lines().count(), 2 + 16);
}

#[test]
fn writer_matches_polnear_format_and_round_trips() {
    let text = "“Oui,” dit Macron.\nThey feared\nthe worst.";
    let attrs = vec![
        attr(Some((11, 17)), (7, 10), &[(0, 6)]),
        Attribution {
            source: None,
            cue: vec![(24, 30)],
            content: vec![(31, 34), (35, 41)],
        },
    ];
    let ann = write_ann(&attrs, text);
    assert_eq!(
        ann,
        "T1\tSource 11 17\tMacron\n\
         T2\tCue 7 10\tdit\n\
         T3\tContent 0 6\t“Oui,”\n\
         T4\tAttribution 7 10\tdit\n\
         E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n\
         T5\tCue 24 30\tfeared\n\
         T6\tContent 31 34;35 41\tthe worst.\n\
         T7\tAttribution-no-source 24 30\tfeared\n\
         E2\tAttribution-no-source:T7 Content:T6 Cue:T5\n"
    );
    assert_eq!(parse_ann(&ann, "w.ann").unwrap(), attrs);
    // Line breaks inside a span stay on one line.
    let a = attr(None, (24, 30), &[(19, 41)]);
    let ann = write_ann(std::slice::from_ref(&a), text);
    assert!(
        ann.contains("T2\tContent 19 41\tThey feared the worst.\n"),
        "{ann}"
    );
    assert_eq!(parse_ann(&ann, "w.ann").unwrap(), vec![a]);
    // Nothing to anchor on: skipped. No cue: anchored on the content.
    let empty = Attribution::default();
    assert_eq!(write_ann(&[empty], text), "");
    let no_cue = Attribution {
        source: None,
        cue: vec![],
        content: vec![(0, 6)],
    };
    assert_eq!(
        write_ann(&[no_cue], text),
        "T1\tContent 0 6\t“Oui,”\nT2\tAttribution-no-source 0 6\t“Oui,”\nE1\tAttribution-no-source:T2 Content:T1\n"
    );
}

#[test]
fn readout_quotes_become_attributions() {
    let readout = serde_json::json!({"quotes": [
        {"id": "q1", "kind": "direct", "speaker": "a1",
         "source": {"start": 11, "end": 17, "text": "Macron"},
         "cue": {"start": 7, "end": 10, "text": "dit"},
         "content": {"start": 0, "end": 6, "text": "“Oui,”"}, "quoted": []},
        {"id": "q2", "kind": "indirect", "source": null, "cue": null,
         "content": {"start": 20, "end": 30, "text": "x"}}
    ]});
    assert_eq!(
        attributions_from_readout(&readout),
        vec![
            attr(Some((11, 17)), (7, 10), &[(0, 6)]),
            Attribution {
                source: None,
                cue: vec![],
                content: vec![(20, 30)],
            }
        ]
    );
    assert!(attributions_from_readout(&serde_json::json!({"quotes": 1})).is_empty());
}
