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

#[test]
fn gap_patterns_span_a_short_noun_phrase() {
    // Up to four noun-phrase words between the verb and its noun.
    check(
        "Chile and Peru sealed a new fisheries pact.",
        &["SUPPORT sealed a new fisheries pact: Chile -> Peru (occurred)"],
    );
    check(
        "Ghana struck a long-awaited cocoa deal with Brazil.",
        &["AGREE struck a long-awaited cocoa deal: Ghana -> Brazil (occurred)"],
    );
    // The words in the gap are still read: an arms deal is also aid.
    let a = analyze("Poland signed an arms deal to Ukraine.");
    let got: Vec<(&str, &str)> = a
        .events
        .iter()
        .map(|e| (e.event_type.as_str(), a.slice(e.trigger)))
        .collect();
    assert_eq!(
        got,
        [("SUPPORT", "signed an arms deal"), ("AID", "arms deal")]
    );
}

#[test]
fn gaps_stop_at_punctuation_verbs_and_length() {
    // A comma ends the gap.
    check("Chile and Peru sealed, at last, a fisheries pact.", &[]);
    // A verb ends it ("called" is not part of the noun phrase).
    check("Chile sealed what many called a pact with Peru.", &[]);
    // Five words are too many.
    check(
        "Chile and Peru sealed a broad new regional fisheries pact.",
        &[],
    );
    // An actor is not part of the gap: the plain "signed" is the trigger.
    check(
        "Chile signed Peru's fisheries pact.",
        &["SUPPORT signed: Chile ->  (occurred)"],
    );
}

/// The date of the event at `i`, ISO, or "-".
fn date_of(a: &Analysis, i: usize) -> String {
    a.events[i]
        .when
        .as_ref()
        .map_or("-".to_string(), |w| w.value.iso())
}

#[test]
fn dates_in_an_apposition_or_aside_are_not_the_events() {
    // The only date belongs to the apposition: no date.
    let a = check(
        "Chad attacked Niger on Independence Day, the anniversary of independence on August 3, 1960.",
        &["ASSAULT attacked: Chad -> Niger (occurred)"],
    );
    assert_eq!(date_of(&a, 0), "-");
    // Then the event that happened takes the date of the sentence before.
    let a = analyze(
        "Fighting began on Saturday. Chad attacked Niger on Independence Day, the anniversary of independence on August 3, 1960.",
    );
    assert_eq!(date_of(&a, 0), "2025-08-16");
    // A relative clause dates its own verb, not the main clause's.
    let a = check(
        "Russia, which signed the treaty in 1997, attacked Ukraine on Monday.",
        &[
            "SUPPORT signed the treaty: Russia ->  (occurred)",
            "ASSAULT attacked: Russia -> Ukraine (occurred)",
        ],
    );
    assert_eq!(date_of(&a, 0), "1997");
    assert_eq!(date_of(&a, 1), "2025-08-18");
    // A date alone between dashes is no aside (a dateline).
    let a = check(
        "NAIROBI — August 14, 2025 — Kenya recognized Eritrea, the ministry said.",
        &["SUPPORT recognized: Kenya -> Eritrea (occurred)"],
    );
    assert_eq!(date_of(&a, 0), "2025-08-14");
    // A parenthesis.
    let a = check(
        "Chile sanctioned Peru (a partner since 2019) last week.",
        &["SANCTION sanctioned: Chile -> Peru (occurred)"],
    );
    assert_eq!(date_of(&a, 0), "2025-08-11");
}

#[test]
fn dates_of_the_triggers_clause_come_first() {
    // The trigger's own clause over a nearer date elsewhere in the sentence.
    let a = analyze(
        "Last week, the ministry said, Chile sanctioned Peru over a fishing dispute on its southern coast on Monday.",
    );
    let e = a
        .events
        .iter()
        .position(|e| e.event_type == EventType::Sanction)
        .unwrap();
    assert_eq!(date_of(&a, e), "2025-08-18");
    // The main clause over a subordinate one.
    let a = analyze(
        "Poland and Hungary signed a treaty that ended the dispute of March 2, 1990, on Monday.",
    );
    assert_eq!(date_of(&a, 0), "2025-08-18");
    // A reporting clause after a comma is not an apposition.
    let a = check(
        "Russia attacked Ukraine, the ministry said on Monday.",
        &["ASSAULT attacked: Russia -> Ukraine (occurred)"],
    );
    assert_eq!(date_of(&a, 0), "2025-08-18");
    // Also with no quotation found: a reporting verb makes it a clause.
    let a = analyze("Chile sanctioned Peru, an aide to the president said Wednesday.");
    let e = a
        .events
        .iter()
        .position(|e| e.event_type == EventType::Sanction)
        .unwrap();
    assert_eq!(date_of(&a, e), "2025-08-13");
    // Coordinated dates are both the main clause's: a participle after a
    // comma takes the nearest, not only the one before "and".
    let a = analyze("Chile attacked Peru on Sunday and Monday, killing ten people.");
    let dates: Vec<(&str, String)> = (0..a.events.len())
        .map(|i| (a.slice(a.events[i].trigger), date_of(&a, i)))
        .collect();
    assert_eq!(
        dates,
        [
            ("attacked", "2025-08-17".to_string()),
            ("killing", "2025-08-18".to_string())
        ]
    );
    // An event told in a relative clause takes no date from the main clause.
    let a = analyze("Chile, which sanctioned Peru, attacked Bolivia on Monday.");
    let dates: Vec<(&str, String)> = (0..a.events.len())
        .map(|i| (a.events[i].event_type.as_str(), date_of(&a, i)))
        .collect();
    assert_eq!(
        dates,
        [
            ("SANCTION", "-".to_string()),
            ("ASSAULT", "2025-08-18".to_string())
        ]
    );
    // A date joined by a comma ("July 14, 1789") is one date, in the clause.
    let a = check(
        "Kenya recognized Eritrea on May 24, 1993, in Nairobi.",
        &["SUPPORT recognized: Kenya -> Eritrea (occurred)"],
    );
    assert_eq!(date_of(&a, 0), "1993-05-24");
}
