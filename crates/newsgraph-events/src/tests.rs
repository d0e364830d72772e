//! Short passages written for these tests; published 19 August 2025 (a Tuesday).

use chrono::NaiveDate;
use newsgraph_core::{Analysis, Component, Document, Event, EventType, Metadata};
use newsgraph_lexicon::Lexicon;

use super::*;

fn analyze_with(text: &str, events: &Events) -> Analysis {
    let meta = Metadata {
        published: NaiveDate::from_ymd_opt(2025, 8, 19),
        ..Metadata::default()
    };
    let mut a = Analysis::new(Document::new(text, meta));
    newsgraph_segment::segment(&mut a);
    newsgraph_figures::Dates.run(&mut a);
    newsgraph_figures::Figures.run(&mut a);
    newsgraph_actors::ActorRecognizer::new(Lexicon::shared()).run(&mut a);
    newsgraph_quotes::Quotes::new().run(&mut a);
    events.run(&mut a);
    assert_eq!(a.check_invariants(), Ok(()));
    a
}

fn analyze(text: &str) -> Analysis {
    analyze_with(text, &Events::new(Lexicon::shared()))
}

fn names(a: &Analysis, ids: &[newsgraph_core::ActorId]) -> String {
    ids.iter()
        .map(|x| a.actors[x.index()].name.as_str())
        .collect::<Vec<_>>()
        .join("+")
}

/// One line per event: `TYPE trigger: actors -> targets (status)`.
fn show(a: &Analysis, e: &Event) -> String {
    format!(
        "{} {}: {} -> {} ({})",
        e.event_type.as_str(),
        a.slice(e.trigger),
        names(a, &e.actors),
        names(a, &e.targets),
        e.status.as_str()
    )
}

/// Extracts `text` and compares every event, in text order, with `expected`.
fn check(text: &str, expected: &[&str]) -> Analysis {
    let a = analyze(text);
    let got: Vec<String> = a.events.iter().map(|e| show(&a, e)).collect();
    assert_eq!(got, expected, "in {text:?}");
    a
}

#[test]
fn subject_object_date() {
    let a = check(
        "Russia attacked Ukraine on Monday.",
        &["ASSAULT attacked: Russia -> Ukraine (occurred)"],
    );
    let w = a.events[0].when.as_ref().unwrap();
    assert_eq!(w.value.iso(), "2025-08-18");
    assert_eq!(a.slice(w.range), "on Monday");
    assert_eq!(a.events[0].cameo.as_deref(), Some("190"));
}

#[test]
fn status_from_the_clause() {
    check(
        "Germany did not sanction Russia.",
        &["SANCTION sanction: Germany -> Russia (negated)"],
    );
    check(
        "Poland refrained from criticizing Hungary.",
        &["ACCUSE criticizing: Poland -> Hungary (negated)"],
    );
    check(
        "France will meet with Spain.",
        &["CONSULT meet with: France -> Spain (future)"],
    );
    check(
        "If Italy attacks Greece, Turkey might protest.",
        &[
            "ASSAULT attacks: Italy -> Greece (hypothetical)",
            "PROTEST protest: Turkey ->  (hypothetical)",
        ],
    );
    // Negation of a verb governing the trigger leaves it undecided.
    check(
        "Canada did not commit to deploying troops in Latvia.",
        &["MOBILIZE deploying: Canada -> Latvia (hypothetical)"],
    );
}

#[test]
fn between_with_and_coordination() {
    let a = check(
        "Talks between Armenia and Azerbaijan resumed in Geneva.",
        &["CONSULT Talks: Armenia -> Azerbaijan (occurred)"],
    );
    let p = a.events[0].place.as_ref().unwrap();
    assert_eq!(
        (p.name.as_str(), p.country.as_deref()),
        ("Geneva", Some("CHE"))
    );
    check(
        "Poland held talks with Lithuania on Friday.",
        &["CONSULT held talks: Poland -> Lithuania (occurred)"],
    );
    let a = check(
        "Egypt and Jordan held a 40-minute phone call on Monday.",
        &["CONSULT phone call: Egypt -> Jordan (occurred)"],
    );
    assert_eq!(a.events[0].mode.as_deref(), Some("phone"));
    let f = a.events[0].figures[0];
    assert_eq!(a.slice(a.figures[f.index()].range), "40-minute");
}

#[test]
fn passive_by() {
    check(
        "Serbia was sharply criticized by Croatia.",
        &["ACCUSE criticized: Croatia -> Serbia (occurred)"],
    );
}

#[test]
fn nouns_possessors_and_compounds() {
    let a = check(
        "Russia's invasion of Ukraine began in February 2022.",
        &["ASSAULT invasion: Russia -> Ukraine (occurred)"],
    );
    assert_eq!(a.events[0].when.as_ref().unwrap().value.iso(), "2022-02");
    check(
        "Officials said the accord includes a Japan–Philippines arms deal.",
        &["AID arms deal: Japan -> Philippines (occurred)"],
    );
}

#[test]
fn venues_from_the_gazetteer() {
    // "the Élysée" stands for France in the actor layer; as a place it is the venue.
    let a = check(
        "Italy's Giorgia Meloni met Emmanuel Macron at the Élysée on Tuesday.",
        &["CONSULT met: Giorgia Meloni -> Emmanuel Macron (occurred)"],
    );
    let e = &a.events[0];
    let p = e.place.as_ref().expect("a place");
    assert_eq!(p.name, "Élysée Palace");
    assert_eq!(p.country.as_deref(), Some("FRA"));
}

#[test]
fn reported_events_and_demands() {
    let a = check(
        "Poland said that Russia had attacked Lithuania.",
        &["ASSAULT attacked: Russia -> Lithuania (occurred)"],
    );
    assert_eq!(names(&a, &[a.events[0].reported_by.unwrap()]), "Poland");
    let a = check(
        "Estonia argued that sanctions must come first.",
        &["REQUEST argued: Estonia ->  (occurred)"],
    );
    assert_eq!(a.events[0].issue.as_deref(), Some("sanctions"));
}

#[test]
fn an_event_told_again_is_one_event() {
    let a = check(
        "Chile's summit with Peru ended on Friday. After the summit, Peru left. Last week's summit was calm.",
        &["CONSULT summit: Chile -> Peru (occurred)"],
    );
    // The first date in the event's own sentence stays.
    assert_eq!(a.events[0].when.as_ref().unwrap().value.iso(), "2025-08-15");
    // "such a meeting" takes the sides of the last one of its type.
    check(
        "Chile proposed direct talks between Peru and Bolivia. Such a meeting would be historic.",
        &[
            "CONSULT talks: Peru -> Bolivia (future)",
            "CONSULT meeting: Peru -> Bolivia (future)",
        ],
    );
}

#[test]
fn plover_strict_codes_future_cooperation_as_agree() {
    let mut a = analyze("France will meet with Spain. Spain attacked Portugal.");
    plover_strict(&mut a);
    assert_eq!(a.events[0].event_type, EventType::Agree);
    assert_eq!(a.events[0].cameo.as_deref(), Some("036"));
    assert_eq!(a.events[1].event_type, EventType::Assault);
}

#[test]
fn user_lexicon_adds_patterns() {
    let plain = analyze("Norway bombarded Sweden.");
    assert!(plain.events.is_empty());
    let mut lex = EventLexicon::builtin();
    lex.extend_from_tsv(
        "bombard\tverb\tASSAULT\theavy-weapons\tmilitary\t194\tobj\n",
        "mine.tsv",
    )
    .unwrap();
    let a = analyze_with(
        "Norway bombarded Sweden.",
        &Events::with_lexicon(lex, Lexicon::shared()),
    );
    assert_eq!(
        show(&a, &a.events[0]),
        "ASSAULT bombarded: Norway -> Sweden (occurred)"
    );
    assert_eq!(a.events[0].mode.as_deref(), Some("heavy-weapons"));
}

#[test]
fn quoted_words_and_actorless_nouns_are_not_events() {
    check("“We will attack Ukraine,” Russia said.", &[]);
    check("The war goes on. Negotiations could begin soon.", &[]);
}
