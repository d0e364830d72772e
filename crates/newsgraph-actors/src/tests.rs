//! Actor recognition and coreference, case by case. Each test is a short
//! passage and the actors expected out of it, written as
//! `Name (kind) country/sector: mention | mention | ...`.

use newsgraph_core::{Analysis, Component, Document, Metadata};
use newsgraph_lexicon::Lexicon;

use crate::ActorRecognizer;

fn analyse(text: &str) -> Analysis {
    let mut a = Analysis::new(Document::new(text, Metadata::default()));
    newsgraph_segment::Segmenter::new().run(&mut a);
    ActorRecognizer::new(Lexicon::shared()).run(&mut a);
    a.check_invariants().unwrap();
    a
}

fn render(a: &Analysis) -> Vec<String> {
    a.actors
        .iter()
        .map(|x| {
            let mentions: Vec<&str> = x
                .mentions
                .iter()
                .map(|m| a.slice(a.mentions[m.index()].range))
                .collect();
            format!(
                "{} ({}) {}/{}: {}",
                x.name,
                x.kind.as_str(),
                x.country.as_deref().unwrap_or("-"),
                x.sector.as_deref().unwrap_or("-"),
                mentions.join(" | ")
            )
        })
        .collect()
}

/// Checks that every expected line appears among the rendered actors.
fn check(text: &str, expected: &[&str]) {
    let got = render(&analyse(text));
    for e in expected {
        assert!(
            got.iter().any(|g| g == e),
            "expected {e:?}\n got:\n  {}",
            got.join("\n  ")
        );
    }
}

/// Checks that no rendered actor line starts with `name (`.
fn check_absent(text: &str, name: &str) {
    let got = render(&analyse(text));
    let prefix = format!("{name} (");
    assert!(
        !got.iter().any(|g| g.starts_with(&prefix)),
        "unexpected {name}:\n  {}",
        got.join("\n  ")
    );
}

#[test]
fn title_country_and_name_compose() {
    check(
        "German Chancellor Friedrich Merz arrived. Merz said he was ready.",
        &["Friedrich Merz (person) DEU/GOV: German Chancellor Friedrich Merz | Merz | he"],
    );
}

#[test]
fn organisation_modifier_gives_affiliation_and_sector() {
    let a = analyse("NATO Secretary General Mark Rutte spoke to reporters.");
    let rutte = a.actors.iter().find(|x| x.name == "Mark Rutte").unwrap();
    assert_eq!(rutte.sector.as_deref(), Some("IGO"));
    assert_eq!(rutte.affiliation.as_deref(), Some("NATO"));
    assert!(
        a.actors.iter().any(|x| x.name == "NATO"),
        "the modifier is a mention of NATO too"
    );
}

#[test]
fn capital_stands_for_government_unless_a_location() {
    check(
        "Analysts said Moscow has no interest in talks. Delegates flew to Moscow on Friday.",
        &[
            "Russia (country) RUS/-: Moscow",
            "Moscow (location) RUS/-: Moscow",
        ],
    );
}

#[test]
fn possessive_capital_is_the_government() {
    check(
        "The weapons are not yet in Kyiv’s arsenal.",
        &["Ukraine (country) UKR/-: Kyiv"],
    );
}

#[test]
fn definite_description_resolves_by_role_and_country() {
    check(
        "French President Emmanuel Macron met Italian Prime Minister Giorgia Meloni. Later the French president left.",
        &["Emmanuel Macron (person) FRA/GOV: French President Emmanuel Macron | the French president"],
    );
}

#[test]
fn pronoun_prefers_previous_subject_over_object() {
    // "she" agrees only with Meloni; "he" prefers the subject Macron over the object.
    let a = analyse(
        "French President Emmanuel Macron handed Prime Minister Giorgia Meloni a letter. \
         “Read it,” he said. She smiled.",
    );
    let got = render(&a);
    assert!(
        got.iter()
            .any(|g| g.starts_with("Emmanuel Macron") && g.ends_with("| he")),
        "{got:#?}"
    );
    assert!(
        got.iter()
            .any(|g| g.starts_with("Giorgia Meloni") && g.ends_with("| She")),
        "{got:#?}"
    );
}

#[test]
fn object_pronoun_is_not_its_own_clause_subject() {
    let a = analyse("Senator Maria Olsen arrived late. Later, Governor Paul Strand thanked her.");
    let got = render(&a);
    assert!(
        got.iter()
            .any(|g| g.starts_with("Maria Olsen") && g.ends_with("| her")),
        "{got:#?}"
    );
}

#[test]
fn family_members_are_not_merged() {
    let a = analyse(
        "President Donald Trump met reporters. A letter was sent to Melania Trump. Trump left.",
    );
    let names: Vec<&str> = a.actors.iter().map(|x| x.name.as_str()).collect();
    assert!(
        names.contains(&"Donald Trump") && names.contains(&"Melania Trump"),
        "{names:?}"
    );
    let donald = a.actors.iter().find(|x| x.name == "Donald Trump").unwrap();
    assert_eq!(
        donald.mentions.len(),
        2,
        "the lone surname joins the first Trump introduced"
    );
}

#[test]
fn groups_merge_by_region() {
    check(
        "European leaders met in Brussels. His European counterparts were cautious. Still, the Europeans agreed.",
        &["European leaders (group) -/GOV: European leaders | His European counterparts | the Europeans"],
    );
}

#[test]
fn unknown_organisation_by_head_word() {
    check(
        "The Democratic Party of Serbia and the Serbian Radical Party disagreed.",
        &[
            "Democratic Party of Serbia (organisation) -/-: Democratic Party of Serbia",
            "Serbian Radical Party (organisation) -/-: Serbian Radical Party",
        ],
    );
}

#[test]
fn headline_case_words_are_not_people() {
    check_absent(
        "Europeans Push Back as Leaders Downplay Ceasefire\nThe talks went on.",
        "Push Back",
    );
    check_absent(
        "Europeans Push Back as Leaders Downplay Ceasefire\nThe talks went on.",
        "Downplay Ceasefire",
    );
}

#[test]
fn sentence_initial_words_are_not_names() {
    check_absent(
        "Meanwhile, the talks went on. Whether they succeed is unclear.",
        "Meanwhile",
    );
    check_absent(
        "Meanwhile, the talks went on. Whether they succeed is unclear.",
        "Whether",
    );
}

#[test]
fn pronouns_inside_quotes_are_left_alone() {
    let a = analyse("Chancellor Friedrich Merz said: “He wants a deal, I think.”");
    assert!(a.mentions.iter().all(|m| a.slice(m.range) != "He"));
}

#[test]
fn nothing_breaks_on_odd_input() {
    for text in [
        "",
        "“““",
        "he he he",
        "The the The",
        "’s ’s",
        "A\u{0}B Merz\u{7}",
        "U.S. U.S. U.S.",
        "Mr. Mrs. Dr.",
    ] {
        analyse(text);
    }
}

#[test]
fn a_name_read_as_a_date_is_no_person() {
    let text = "The task force should start by June 30, Minister Ada Obi said. The vote is expected in April.";
    let meta = Metadata {
        published: "2026-03-04".parse().ok(),
        ..Metadata::default()
    };
    let mut a = Analysis::new(Document::new(text, meta));
    newsgraph_segment::Segmenter::new().run(&mut a);
    newsgraph_figures::Dates.run(&mut a);
    ActorRecognizer::new(Lexicon::shared()).run(&mut a);
    a.check_invariants().unwrap();
    let names: Vec<&str> = a.actors.iter().map(|x| x.name.as_str()).collect();
    assert!(names.contains(&"Ada Obi"), "{names:?}");
    assert!(
        !names.iter().any(|n| *n == "June" || *n == "April"),
        "{names:?}"
    );
}
