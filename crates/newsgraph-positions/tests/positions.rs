//! Positions through the real pipeline: each case is a short passage written
//! for these tests and the position a careful reader takes from it.

use chrono::NaiveDate;
use newsgraph_core::{
    Analysis, Component, Event, EventStatus, EventType, Metadata, Stance, TextRange,
};
use newsgraph_lexicon::Lexicon;
use newsgraph_pipeline::Pipeline;
use newsgraph_positions::{merge_positions, Positions};

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn analyse(text: &str, published: Option<&str>) -> Analysis {
    let p = Pipeline::default_pipeline(Lexicon::shared());
    let meta = Metadata {
        published: published.map(date),
        ..Metadata::default()
    };
    let a = p.analyze_text(text, meta);
    a.check_invariants().unwrap();
    a
}

/// (actor, issue, stance) of every position.
fn positions(a: &Analysis) -> Vec<(String, String, &'static str)> {
    a.positions
        .iter()
        .map(|p| {
            (
                a.actors[p.actor.index()].name.clone(),
                p.issue.clone(),
                p.stance.as_str(),
            )
        })
        .collect()
}

/// Asserts that `text` yields each expected (actor, issue, stance).
fn check(text: &str, expected: &[(&str, &str, &str)]) -> Analysis {
    let a = analyse(text, Some("2025-08-18"));
    let got = positions(&a);
    for (actor, issue, stance) in expected {
        assert!(
            got.iter()
                .any(|(x, i, s)| x == actor && i == issue && s == stance),
            "expected {actor} {stance} {issue:?} in {text:?}\ngot {got:#?}"
        );
    }
    // Every position cites evidence inside the text.
    for p in &a.positions {
        assert!(!p.evidence.is_empty() && !p.support.is_empty());
    }
    a
}

/// Asserts that `actor` takes no position on `issue`.
fn check_none(a: &Analysis, actor: &str, issue: &str) {
    let got = positions(a);
    assert!(
        !got.iter().any(|(x, i, _)| x == actor && i == issue),
        "unexpected position of {actor} on {issue:?}: {got:#?}"
    );
}

const TRUMP: &str = "U.S. President Donald Trump met reporters on Monday.";

// ------------------------------------------------------------- negation

#[test]
fn negated_necessity_is_against() {
    check(
        &format!("{TRUMP} “I don’t know that it’s necessary,” Trump said of a ceasefire."),
        &[("Donald Trump", "ceasefire", "against")],
    );
}

#[test]
fn cannot_imagine_without_is_for() {
    check(
        "German Chancellor Friedrich Merz was firm. “I can’t imagine that the next meeting \
         would take place without a ceasefire,” Merz said.",
        &[("Friedrich Merz", "ceasefire", "for")],
    );
}

#[test]
fn does_not_support_is_against() {
    check(
        "French President Emmanuel Macron spoke in Paris. Macron does not support new sanctions.",
        &[("Emmanuel Macron", "sanctions", "against")],
    );
}

#[test]
fn dismissing_the_necessity_is_against_only() {
    let a = check(
        &format!("{TRUMP} Trump appeared to dismiss the necessity of a ceasefire."),
        &[("Donald Trump", "ceasefire", "against")],
    );
    let p = &a.positions[0];
    assert!(p.support.iter().all(|s| s.stance == Stance::Against));
}

// -------------------------------------------------------------- hedging

#[test]
fn not_committing_and_not_ruling_out_is_undecided() {
    check(
        &format!(
            "{TRUMP} While he did not commit to deploying U.S. troops, Trump avoided ruling it out."
        ),
        &[("Donald Trump", "deployment of U.S. troops", "undecided")],
    );
}

#[test]
fn might_be_worthwhile_is_undecided() {
    check(
        "Kremlin aide Yuri Ushakov said it might be worthwhile to hold talks between Russia and Ukraine.",
        &[("Yuri Ushakov", "Russia–Ukraine meeting", "undecided")],
    );
}

#[test]
fn may_be_necessary_is_undecided() {
    check(
        "French President Emmanuel Macron said new sanctions may be necessary.",
        &[("Emmanuel Macron", "sanctions", "undecided")],
    );
}

// ------------------------------------------------- rhetorical questions

#[test]
fn who_does_not_want_is_for() {
    check(
        "Italian Prime Minister Giorgia Meloni was asked about the truce. \
         “Who doesn’t want a ceasefire?” Meloni said.",
        &[("Giorgia Meloni", "ceasefire", "for")],
    );
}

#[test]
fn a_rhetorical_opener_is_no_actor() {
    let a = check(
        "Italian Prime Minister Giorgia Meloni spoke. “Who could oppose new sanctions?” Meloni said.",
        &[("Giorgia Meloni", "sanctions", "for")],
    );
    assert!(positions(&a).iter().all(|(x, _, _)| x == "Giorgia Meloni"));
}

#[test]
fn why_would_we_need_is_against() {
    check(
        "Russian President Vladimir Putin spoke in Moscow. \
         “Why would we need a ceasefire now?” Putin said.",
        &[("Vladimir Putin", "ceasefire", "against")],
    );
}

#[test]
fn a_plain_question_states_no_stance() {
    let a = analyse(
        "Ukrainian President Volodymyr Zelensky met reporters. \
         “Do you support a ceasefire?” a reporter asked Zelensky.",
        Some("2025-08-18"),
    );
    assert!(a.positions.is_empty(), "{:#?}", positions(&a));
}

// ------------------------------------------- reported (second-hand) stances

#[test]
fn by_someones_account_the_stance_is_the_subjects() {
    let a = check(
        "U.S. President Donald Trump and Russian President Vladimir Putin met in Alaska. \
         By Trump’s account, Putin agreed to security guarantees for Ukraine.",
        &[("Vladimir Putin", "security guarantees", "for")],
    );
    check_none(&a, "Donald Trump", "security guarantees");
}

#[test]
fn a_claim_about_another_leader_is_that_leaders_stance() {
    let a = check(
        "U.S. President Donald Trump met Russian President Vladimir Putin last week. \
         Trump claimed that Putin had accepted security guarantees for Ukraine.",
        &[("Vladimir Putin", "security guarantees", "for")],
    );
    check_none(&a, "Donald Trump", "security guarantees");
}

#[test]
fn a_leader_speaking_for_his_country() {
    check(
        "U.S. President Donald Trump met Ukrainian President Volodymyr Zelensky. \
         Trump told Zelensky that the United States would help guarantee Ukraine’s security.",
        &[("Donald Trump", "security guarantees", "for")],
    );
}

// --------------------------------------------------------------- asides

#[test]
fn an_aside_is_not_a_stance() {
    let a = check(
        &format!("{TRUMP} “As crazy as that sounds, I want a ceasefire,” Trump said."),
        &[("Donald Trump", "ceasefire", "for")],
    );
    assert!(a.positions[0]
        .support
        .iter()
        .all(|s| s.stance == Stance::For));
}

#[test]
fn an_aside_alone_says_nothing() {
    let a = analyse(
        &format!(
            "{TRUMP} “I think he wants to make a deal. You understand that? \
             As crazy as that sounds,” Trump told reporters."
        ),
        Some("2025-08-18"),
    );
    assert!(a.positions.is_empty(), "{:#?}", positions(&a));
}

// ------------------------------------------------ issues and anaphora

#[test]
fn halting_hostilities_and_a_truce_are_one_issue() {
    let a = check(
        "Ukraine has consistently argued that halting hostilities must come first. \
         Ukraine also wants a truce before winter.",
        &[("Ukraine", "ceasefire", "for")],
    );
    let n = a
        .positions
        .iter()
        .filter(|p| p.issue == "ceasefire")
        .count();
    assert_eq!(n, 1);
    assert_eq!(a.positions[0].support.len(), 2);
}

#[test]
fn such_a_proposal_refers_back_to_the_meeting() {
    check(
        "Russian President Vladimir Putin spoke on Monday. Ukrainian President Volodymyr Zelensky \
         has publicly expressed willingness to meet Putin. The Kremlin has repeatedly rejected \
         such a proposal.",
        &[
            ("Volodymyr Zelensky", "Putin–Zelensky meeting", "for"),
            ("Kremlin", "Putin–Zelensky meeting", "against"),
        ],
    );
}

#[test]
fn a_meeting_is_named_after_its_participants() {
    check(
        "U.S. President Donald Trump, Russian President Vladimir Putin and Ukrainian President \
         Volodymyr Zelensky were in the news. Trump revealed that he had spoken with Putin to \
         start arranging direct talks between the Russian president and Zelensky.",
        &[("Donald Trump", "Putin–Zelensky meeting", "for")],
    );
}

#[test]
fn disagreeing_takes_the_opposite_of_the_last_stance() {
    check(
        &format!("{TRUMP} Trump dismissed the need for a ceasefire. European leaders disagreed."),
        &[
            ("Donald Trump", "ceasefire", "against"),
            ("European leaders", "ceasefire", "for"),
        ],
    );
}

#[test]
fn a_headline_is_not_a_statement() {
    let a = analyse(
        "- Europeans Push Back as Trump Downplays Ceasefire\n\n\
         U.S. President Donald Trump met reporters on Monday.",
        Some("2025-08-18"),
    );
    assert!(a.positions.is_empty(), "{:#?}", positions(&a));
}

#[test]
fn an_observation_without_a_cue_is_no_stance() {
    let a = analyse(
        "Analysts note that while a ceasefire would be difficult, it is still more achievable \
         than a comprehensive peace deal.",
        Some("2025-08-18"),
    );
    assert!(a.positions.is_empty(), "{:#?}", positions(&a));
}

// ------------------------------------------------- conflicting evidence

#[test]
fn conflicting_evidence_is_kept() {
    let a = check(
        &format!(
            "{TRUMP} In May, Trump rejected new sanctions. In August, Trump backed new sanctions."
        ),
        &[("Donald Trump", "sanctions", "for")],
    );
    let p = a.positions.iter().find(|p| p.issue == "sanctions").unwrap();
    let stances: Vec<Stance> = p.support.iter().map(|s| s.stance).collect();
    assert_eq!(stances, [Stance::Against, Stance::For]);
    assert_eq!(p.evidence.len(), 2);
}

// ---------------------------------------- change of mind across articles

#[test]
fn the_latest_article_wins_across_dates() {
    let early = analyse(
        "U.S. President Donald Trump spoke on Friday. Trump rejected new sanctions on Russia.",
        Some("2025-08-01"),
    );
    let late = analyse(
        "U.S. President Donald Trump spoke on Tuesday. Trump backed new sanctions on Russia.",
        Some("2025-08-19"),
    );
    // Input order does not matter: dates do.
    for order in [[&early, &late], [&late, &early]] {
        let rows = merge_positions(order);
        let r = rows
            .iter()
            .find(|r| r.actor == "Donald Trump" && r.issue == "sanctions")
            .expect("a merged position");
        assert_eq!(r.stance, Stance::For);
        assert!(r.changed());
        let history: Vec<(Stance, NaiveDate)> = r
            .history
            .iter()
            .map(|s| (s.stance, s.date.unwrap()))
            .collect();
        assert_eq!(
            history,
            [
                (Stance::Against, date("2025-08-01")),
                (Stance::For, date("2025-08-19"))
            ]
        );
        assert!(r.latest().evidence.contains("backed"));
    }
}

// ------------------------------------------------------------- events

/// Runs the pipeline, then adds an event by hand and reruns positions, so
/// the test does not depend on what the events component finds.
fn with_event(
    text: &str,
    t: EventType,
    status: EventStatus,
    actor: &str,
    trigger: &str,
) -> Analysis {
    let mut a = analyse(text, Some("2025-08-18"));
    let actor = a
        .actors
        .iter()
        .position(|x| x.name == actor)
        .map(|i| newsgraph_core::ActorId(i as u32))
        .expect("the actor");
    let start = a.text().find(trigger).unwrap();
    let trigger = TextRange::new(start, start + trigger.len());
    a.events = vec![Event {
        event_type: t,
        mode: None,
        context: Vec::new(),
        cameo: None,
        actors: vec![actor],
        targets: Vec::new(),
        status,
        trigger,
        when: None,
        place: None,
        issue: Some("sanctions".into()),
        reported_by: None,
        figures: Vec::new(),
        sentence: a.sentence_at(start).unwrap() as u32,
    }];
    a.positions.clear();
    Positions::new().run(&mut a);
    a
}

#[test]
fn a_reject_event_is_against() {
    let a = with_event(
        "French President Emmanuel Macron spoke. Macron turned down the package of sanctions.",
        EventType::Reject,
        EventStatus::Occurred,
        "Emmanuel Macron",
        "turned down",
    );
    let p = a.positions.iter().find(|p| p.issue == "sanctions").unwrap();
    assert_eq!(p.stance, Stance::Against);
    assert_eq!(p.events.len(), 1);
}

#[test]
fn request_and_agree_events_are_for_and_negation_flips() {
    let a = with_event(
        "French President Emmanuel Macron spoke. Macron asked Brussels for tougher measures.",
        EventType::Request,
        EventStatus::Occurred,
        "Emmanuel Macron",
        "asked",
    );
    // The issue comes from the event when the sentence names none.
    let p = a.positions.iter().find(|p| p.issue == "sanctions").unwrap();
    assert_eq!(p.stance, Stance::For);
    let a = with_event(
        "French President Emmanuel Macron spoke. Macron did not sign up to the measures.",
        EventType::Agree,
        EventStatus::Negated,
        "Emmanuel Macron",
        "sign up",
    );
    let p = a.positions.iter().find(|p| p.issue == "sanctions").unwrap();
    assert_eq!(p.stance, Stance::Against);
}

// ------------------------------------------------- user issues, commitments

#[test]
fn a_user_issues_file_adds_issues() {
    let path = std::env::temp_dir().join(format!("newsgraph-issues-{}.tsv", std::process::id()));
    std::fs::write(
        &path,
        "issue\tkind\tphrases\ngrain corridor\tplain\tgrain deal|grain corridor\n",
    )
    .unwrap();
    let positions = Positions::with_issues_file(&path).unwrap();
    std::fs::remove_file(&path).ok();
    let mut a = analyse(
        "Turkish President Recep Tayyip Erdogan spoke. Erdogan backed the grain deal.",
        None,
    );
    positions.run(&mut a);
    assert!(
        a.positions
            .iter()
            .any(|p| p.issue == "grain corridor" && p.stance == Stance::For),
        "{:#?}",
        a.positions
    );
    let err =
        Positions::with_issues_file(std::path::Path::new("/nonexistent/issues.tsv")).unwrap_err();
    assert!(err.to_string().contains("/nonexistent/issues.tsv"));
}

#[test]
fn a_deadline_makes_a_commitment() {
    let a = analyse(
        "Ukrainian President Volodymyr Zelensky spoke on Monday. He suggested that the details \
         of the security guarantees could be finalized within 10 days.",
        Some("2025-08-18"),
    );
    let c = a.commitments.first().expect("a commitment");
    assert_eq!(a.actors[c.promiser.index()].name, "Volodymyr Zelensky");
    assert_eq!(c.deadline, Some(date("2025-08-28")));
    assert_eq!(c.status, EventStatus::Future);
}

#[test]
fn a_promised_purchase_is_the_countrys_commitment() {
    let a = analyse(
        "Ukrainian President Volodymyr Zelensky spoke on Monday. Zelensky also announced that \
         the U.S. would purchase Ukrainian-made drones worth $2 billion.",
        Some("2025-08-18"),
    );
    let c = a.commitments.first().expect("a commitment");
    assert_eq!(a.actors[c.promiser.index()].name, "United States");
    assert!(a.slice(c.what).contains("purchase Ukrainian-made drones"));
    assert_eq!(c.figures.len(), 1);
}

#[test]
fn a_promise_to_the_addressee() {
    let a = analyse(
        "U.S. President Donald Trump met Ukrainian President Volodymyr Zelensky on Monday. \
         Trump promised Zelensky that the U.S. would provide $5 billion in military aid.",
        Some("2025-08-18"),
    );
    let c = a.commitments.first().expect("a commitment");
    assert_eq!(a.actors[c.promiser.index()].name, "United States");
    assert_eq!(
        c.promisee.map(|p| a.actors[p.index()].name.as_str()),
        Some("Volodymyr Zelensky")
    );
    assert!(a.slice(c.what).contains("provide $5 billion"));
    // And a stance: Trump is for the aid he promises.
    assert!(positions(&a)
        .iter()
        .any(|(x, i, s)| x == "Donald Trump" && i == "aid" && *s == "for"));
}

#[test]
fn a_refusal_to_commit_is_a_negated_commitment() {
    let a = analyse(
        "French President Emmanuel Macron spoke on Monday. Macron said France would not send troops.",
        Some("2025-08-18"),
    );
    let c = a.commitments.first().expect("a commitment");
    assert_eq!(c.status, EventStatus::Negated);
}
