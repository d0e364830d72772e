//! The checkers on a tiny article, a gold file for it, and a readout built by
//! hand: first a perfect one, then one fault at a time.

use std::path::Path;

use serde_json::{json, Value};

use super::*;

const TEXT: &str = "German Chancellor Friedrich Merz met Emmanuel Macron in Zürich on Monday. \
He said “we will help Ukraine,” adding that talks were useful. \
Merz promised $5 billion within 10 days. Macron rejected the plan.";

const GOLD: &str = r#"
[document]
file = "a.txt"
published = "2025-08-19"

[[actors]]
name = "Friedrich Merz"
kind = "person"
roles = ["Chancellor"]
country = "DEU"
sector = "GOV"
mentions = ["German Chancellor Friedrich Merz", "Merz"]

[[actors]]
name = "Emmanuel Macron"
kind = "person"
country = "FRA"
mentions = ["Emmanuel Macron", "Macron"]

[[actors]]
name = "Ukraine"
kind = "country"
optional = true
mentions = ["Ukraine"]

[[coreference]]
mention = "He said"
word = "He"
actor = "Friedrich Merz"

[[quotes]]
kind = "direct"
speaker = "Friedrich Merz"
cue = "said"
quote = "we will help Ukraine"

[[quotes]]
kind = "indirect"
speaker = ["Emmanuel Macron", "Friedrich Merz"]
cue = "adding"
content = "talks were useful"

[[events]]
type = "CONSULT"
actor = "Friedrich Merz"
target = "Emmanuel Macron"
date = "2025-08-18"
precision = "day"
status = "occurred"
trigger = "met"

[[events]]
type = "AID"
actor = "Friedrich Merz"
status = "future"
trigger = "promised"

[[events]]
type = "REJECT"
actor = "Emmanuel Macron"
trigger = "rejected"
optional = true

[[figures]]
kind = "money"
text = "$5 billion"
amount = 5000000000
currency = "USD"

[[figures]]
kind = "deadline"
text = "within 10 days"
days = 10
by = "2025-08-28"

[[dates]]
text = "on Monday"
date = "2025-08-18"
precision = "day"

[[positions]]
issue = "aid to Ukraine"
keys = ["aid", "help"]
actor = "Friedrich Merz"
stance = "for"
evidence = "we will help Ukraine"

[[ignore]]
layer = "actors"
text = "Zürich"
"#;

fn gold() -> Gold {
    Gold::parse(GOLD, Path::new("a.gold.toml")).unwrap()
}

/// The span of the `nth` occurrence of `needle`, in code points.
fn span(needle: &str, nth: usize) -> Value {
    let (byte, _) = TEXT
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?}"));
    let start = TEXT[..byte].chars().count();
    json!({"start": start, "end": start + needle.chars().count(), "text": needle})
}

fn perfect() -> Value {
    json!({
        "document": {"id": "x", "title": null, "published": "2025-08-19", "url": null},
        "actors": [
            {"id": "a1", "name": "Friedrich Merz", "kind": "person", "roles": ["chancellor"],
             "country": "DEU", "sector": "GOV",
             "mentions": [span("German Chancellor Friedrich Merz", 0), span("He", 0), span("Merz", 1)]},
            {"id": "a2", "name": "Emmanuel Macron", "kind": "person", "roles": [],
             "country": "FRA", "sector": "GOV",
             "mentions": [span("Emmanuel Macron", 0), span("Macron", 1)]},
            {"id": "a3", "name": "Zürich", "kind": "location", "roles": [], "country": "CHE",
             "sector": null, "mentions": [span("Zürich", 0)]}
        ],
        "quotes": [
            {"id": "q1", "kind": "direct", "speaker": "a1", "addressee": null, "source": span("He", 0),
             "cue": span("said", 0), "content": span("“we will help Ukraine,”", 0),
             "quoted": [span("we will help Ukraine,", 0)]},
            {"id": "q2", "kind": "indirect", "speaker": "a1", "addressee": null, "source": null,
             "cue": span("adding", 0), "content": span("that talks were useful", 0), "quoted": []}
        ],
        "events": [
            {"id": "e1", "type": "CONSULT", "mode": null, "context": [], "cameo": null,
             "actors": ["a1"], "targets": ["a2"], "status": "occurred", "trigger": span("met", 0),
             "when": {"date": "2025-08-18", "precision": "day", "text": span("on Monday", 0)},
             "where": {"name": "Zürich", "country": "CHE", "text": span("Zürich", 0)},
             "issue": null, "reported_by": null, "figures": []},
            {"id": "e2", "type": "AGREE", "mode": null, "context": [], "cameo": null,
             "actors": ["a1"], "targets": [], "status": "occurred", "trigger": span("promised", 0),
             "when": null, "where": null, "issue": null, "reported_by": null, "figures": ["f1"]}
        ],
        "figures": [
            {"id": "f1", "kind": "money", "span": span("$5 billion", 0), "amount": 5000000000u64, "currency": "USD"},
            {"id": "f2", "kind": "deadline", "span": span("10 days", 0), "days": 10, "by": "2025-08-29"}
        ],
        "dates": [{"span": span("on Monday", 0), "date": "2025-08-18", "precision": "day"}],
        "positions": [
            {"actor": "a1", "issue": "help for Ukraine", "stance": "for",
             "evidence": [span("“we will help Ukraine,”", 0)], "quotes": ["q1"], "events": []}
        ]
    })
}

fn item<'a>(r: &'a Report, starts: &str) -> &'a ItemResult {
    r.items
        .iter()
        .find(|i| i.item.starts_with(starts))
        .unwrap_or_else(|| panic!("no item {starts:?} in {r:#?}"))
}

fn problems(r: &Report, starts: &str) -> String {
    item(r, starts).problems.join(" | ")
}

#[test]
fn gold_parses() {
    let g = gold();
    assert_eq!(g.actors.len(), 3);
    assert_eq!(g.quotes[1].speaker.0, ["Emmanuel Macron", "Friedrich Merz"]);
    assert_eq!(g.quotes[0].speaker.to_string(), "Friedrich Merz");
    assert_eq!(g.figures[0].amount, Some(5e9));
    assert_eq!(g.events[0].event_type, "CONSULT");
    assert!(g.events[2].optional);
    assert_eq!(g.ignore[0].layer.as_deref(), Some("actors"));
}

#[test]
fn gold_errors_name_the_file_and_problem() {
    let e = Gold::parse("[[actors]]\nname = \"X\"\nkind = 3\n", Path::new("g.toml")).unwrap_err();
    assert!(e.to_string().starts_with("g.toml:3: "), "{e}");
    assert!(!e.to_string().contains('\n'));
    let bad =
        "[[actors]]\nname = \"X\"\nkind = \"person\"\n[[quotes]]\nspeaker = \"Y\"\nquote = \"q\"\n\
               [[events]]\ntype = \"CHAT\"\nstatus = \"maybe\"\n";
    let e = Gold::parse(bad, Path::new("g.toml"))
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "g.toml: quote #1 names \"Y\", which is not in [[actors]] (and 2 more problems)"
    );
    let g: Gold = toml::from_str(bad).unwrap();
    let p = g.problems();
    assert!(
        p[1].contains("\"CHAT\" is not a PLOVER event type"),
        "{p:?}"
    );
    assert!(p[2].contains("status \"maybe\""), "{p:?}");
}

#[test]
fn perfect_readout_passes_everything() {
    let report = check_all(&gold(), &perfect(), TEXT);
    for layer in report.layers() {
        assert!(layer.all_required_pass(), "{}", layer.to_text());
        assert!(layer.unmatched.is_empty(), "{}", layer.to_text());
    }
    assert_eq!(report.quotes.found(), 2);
    assert_eq!(report.quotes.precision(), Some(1.0));
    assert_eq!(report.coreference.precision(), None);
    // Zürich is extracted, matches no gold actor, and is ignored.
    assert_eq!(report.actors.extracted, 3);
    assert_eq!(report.actors.precision(), Some(1.0));
    // The optional REJECT event was not extracted: not required, not penalised.
    assert!(!item(&report.events, "REJECT").passed);
    assert_eq!(report.events.required(), 2);
    // AGREE is accepted for a future AID; the mismatching place is only a note.
    assert!(item(&report.events, "AID").passed);
    assert!(item(&report.events, "AID").notes.is_empty());
    let text = report.to_text();
    assert!(
        text.contains("quotes: 2/2 required found; precision 1.00"),
        "{text}"
    );
    assert!(text.contains("optional REJECT"), "{text}");
}

#[test]
fn actors_wrong_attributes_and_missing_mentions() {
    let mut r = perfect();
    r["actors"][0]["roles"] = json!(["Leader"]);
    r["actors"][0]["country"] = Value::Null;
    r["actors"][1]["kind"] = json!("organisation");
    // "Merz" (second occurrence) now belongs to Macron.
    let merz = r["actors"][0]["mentions"]
        .as_array_mut()
        .unwrap()
        .pop()
        .unwrap();
    r["actors"][1]["mentions"]
        .as_array_mut()
        .unwrap()
        .push(merz);
    let rep = check_actors(&gold(), &r);
    let p = problems(&rep, "actor Friedrich Merz");
    assert!(p.contains(r#"roles ["Leader"] lack ["Chancellor"]"#), "{p}");
    assert!(p.contains(r#"country is None, expected "DEU""#), "{p}");
    assert!(
        p.contains(
            r#"mention "Merz" is not among its mentions (it is a mention of a2 (Emmanuel Macron))"#
        ),
        "{p}"
    );
    assert!(problems(&rep, "actor Emmanuel Macron")
        .contains(r#"kind is "organisation", expected "person""#));
    assert_eq!(rep.found(), 0);
    assert_eq!(rep.required(), 2);
    // Paired actors are not spurious, even when wrong.
    assert!(rep.unmatched.is_empty());
}

#[test]
fn actors_split_person_is_reported() {
    let mut r = perfect();
    r["actors"].as_array_mut().unwrap().push(json!(
        {"id": "a4", "name": "Merz", "kind": "person", "roles": [], "mentions": [span("Merz", 1)]}
    ));
    let rep = check_actors(&gold(), &r);
    let p = problems(&rep, "actor Friedrich Merz");
    assert!(
        p.starts_with("split over 2 actors: a1 (Friedrich Merz"),
        "{p}"
    );
    assert!(p.contains("a4 (Merz: [\"Merz\"])"), "{p}");
    assert_eq!(rep.unmatched, ["a4 Merz (person)"]);
    assert!((rep.precision().unwrap() - 0.75).abs() < 1e-9);
}

#[test]
fn actors_shared_surname_is_not_a_split() {
    let gold_text = r#"
[[actors]]
name = "Donald Trump"
kind = "person"
mentions = ["Trump"]
[[actors]]
name = "Melania Trump"
kind = "person"
mentions = ["Melania Trump"]
"#;
    let g = Gold::parse(gold_text, Path::new("g")).unwrap();
    let text = "Trump and Melania Trump";
    let r = json!({"actors": [
        {"id": "a1", "name": "Donald Trump", "kind": "person", "mentions": [{"start": 0, "end": 5, "text": "Trump"}]},
        {"id": "a2", "name": "Melania Trump", "kind": "person", "mentions": [{"start": 10, "end": 23, "text": "Melania Trump"}]}
    ]});
    let rep = check_all(&g, &r, text).actors;
    assert!(rep.all_required_pass(), "{}", rep.to_text());
}

#[test]
fn gold_places_are_not_spurious_actors() {
    let mut g = gold();
    g.ignore.clear();
    let rep = check_actors(&g, &perfect());
    assert_eq!(rep.unmatched, ["a3 Zürich (location)"]);
    g.places.push(GoldPlace {
        name: "Zürich".into(),
        country: Some("CHE".into()),
        optional: false,
    });
    assert!(check_actors(&g, &perfect()).unmatched.is_empty());
}

#[test]
fn actors_found_through_a_mention() {
    let mut r = perfect();
    r["actors"][0]["name"] = json!("Chancellor Merz");
    r["actors"][0]["mentions"]
        .as_array_mut()
        .unwrap()
        .push(json!({"start": 0, "end": 0, "text": "Friedrich Merz"}));
    let rep = check_actors(&gold(), &r);
    let it = item(&rep, "actor Friedrich Merz");
    assert!(it.passed, "{}", rep.to_text());
    assert!(
        it.notes[0].contains("paired through a mention"),
        "{:?}",
        it.notes
    );
    // And resolution of other layers follows the pairing.
    assert!(check_quotes(&gold(), &r).all_required_pass());
}

#[test]
fn coreference_wrong_actor_and_no_mention() {
    let mut r = perfect();
    let he = r["actors"][0]["mentions"].as_array_mut().unwrap().remove(1);
    let rep = check_coreference(&gold(), &r, TEXT);
    assert!(
        problems(&rep, "\"He\"").starts_with("no extracted mention covers \"He\" at 74..76"),
        "{}",
        rep.to_text()
    );
    r["actors"][1]["mentions"].as_array_mut().unwrap().push(he);
    let rep = check_coreference(&gold(), &r, TEXT);
    let p = problems(&rep, "\"He\"");
    assert!(p.contains("\"He\" at 74..76 is in mention \"He\" (74..76) of a2 Emmanuel Macron, not Friedrich Merz"), "{p}");
    // A wider mention covering the word counts.
    r["actors"][0]["mentions"]
        .as_array_mut()
        .unwrap()
        .push(span("He said", 0));
    assert!(check_coreference(&gold(), &r, TEXT).all_required_pass());
}

#[test]
fn coreference_context_not_in_text() {
    let mut g = gold();
    g.coreference[0].mention = "She said".into();
    g.coreference[0].word = "She".into();
    let rep = check_coreference(&g, &perfect(), TEXT);
    assert!(problems(&rep, "\"She\"")
        .starts_with("the context \"She said\" is not in the article text"));
}

#[test]
fn quotes_wrong_speaker_and_cue() {
    let mut r = perfect();
    r["quotes"][0]["speaker"] = json!("a2");
    r["quotes"][1]["cue"] = Value::Null;
    let rep = check_quotes(&gold(), &r);
    assert_eq!(
        problems(&rep, "quote \"we will help Ukraine\""),
        "speaker is a2 (Emmanuel Macron), expected Friedrich Merz"
    );
    assert_eq!(
        problems(&rep, "content \"talks were useful\""),
        "no cue, expected \"adding\""
    );
    // Both extracted quotes are in no passing pair: both count against precision.
    assert_eq!(rep.unmatched.len(), 2);
    assert_eq!(rep.precision(), Some(0.0));
    assert!(rep
        .to_text()
        .contains("FAIL quote \"we will help Ukraine\" by Friedrich Merz [closest: q1"));
}

#[test]
fn quotes_missing_text_names_the_closest() {
    let mut r = perfect();
    r["quotes"][1]["content"] = span("talks", 0);
    let rep = check_quotes(&gold(), &r);
    let p = problems(&rep, "content");
    assert!(
        p.starts_with("no extracted quote's content contains \"talks were useful\"; closest: q2"),
        "{p}"
    );
}

#[test]
fn matching_is_one_to_one() {
    // Two gold quotes that only one extracted quote can satisfy.
    let mut g = gold();
    let dup = g.quotes[0].clone();
    g.quotes.push(dup);
    let rep = check_quotes(&g, &perfect());
    assert_eq!(rep.found(), 2);
    assert_eq!(rep.required(), 3);
    let last = rep.items.last().unwrap();
    assert!(!last.passed);
    assert!(
        last.problems[0].contains("is taken by another gold item"),
        "{:?}",
        last.problems
    );
}

#[test]
fn events_type_status_actor_date() {
    let mut r = perfect();
    r["events"][0]["targets"] = json!([]);
    r["events"][0]["when"]["precision"] = json!("week");
    r["events"][1]["type"] = json!("AID");
    r["events"][1]["status"] = json!("occurred");
    let rep = check_events(&gold(), &r);
    let p = problems(&rep, "CONSULT");
    assert!(p.contains("no target, expected Emmanuel Macron"), "{p}");
    assert!(
        p.contains("when is 2025-08-18 (week), expected 2025-08-18 (day)"),
        "{p}"
    );
    assert_eq!(
        problems(&rep, "AID"),
        "status is \"occurred\", expected \"future\""
    );
    r["events"][1]["type"] = json!("SUPPORT");
    r["events"][1]["status"] = json!("future");
    assert_eq!(
        problems(&check_events(&gold(), &r), "AID"),
        "type is SUPPORT, expected AID (or AGREE)"
    );
}

#[test]
fn figures_values_and_deadline_tolerance() {
    let mut r = perfect();
    r["figures"][1]["by"] = json!("2025-08-30");
    r["figures"][0]["currency"] = json!("EUR");
    let rep = check_figures(&gold(), &r);
    assert_eq!(
        problems(&rep, "money"),
        "currency is Some(\"EUR\"), expected \"USD\""
    );
    assert_eq!(
        problems(&rep, "deadline"),
        "by is Some(\"2025-08-30\"), expected 2025-08-28 ±1 day"
    );
    r["figures"][1]["by"] = json!("2025-08-27");
    r["figures"][0]["currency"] = json!("USD");
    r["figures"][0]["amount"] = json!(5.0e9);
    assert!(check_figures(&gold(), &r).all_required_pass());
}

#[test]
fn dates_and_unmatched_extractions() {
    let mut r = perfect();
    r["dates"][0]["date"] = json!("2025-08-11");
    r["dates"]
        .as_array_mut()
        .unwrap()
        .push(json!({"span": span("Monday", 0), "date": null, "precision": null}));
    let rep = check_dates(&gold(), &r);
    // The second date ("Monday") is unresolved but the first is wrong: the
    // best candidate explains the failure.
    assert!(!rep.all_required_pass());
    assert!(rep.to_text().contains("resolved to"), "{}", rep.to_text());
    assert_eq!(rep.unmatched.len(), 2);
}

#[test]
fn positions_stance_and_evidence() {
    let mut r = perfect();
    r["positions"][0]["stance"] = json!("against");
    r["positions"][0]["evidence"] = json!([span("Merz promised", 0)]);
    r["positions"][0]["quotes"] = json!([]);
    let rep = check_positions(&gold(), &r);
    let p = problems(&rep, "Friedrich Merz for");
    assert!(p.contains("stance is \"against\", expected \"for\""), "{p}");
    assert!(
        p.contains("no evidence contains \"we will help Ukraine\""),
        "{p}"
    );
    // Citing the quote is evidence enough.
    r["positions"][0]["stance"] = json!("for");
    r["positions"][0]["quotes"] = json!(["q1"]);
    assert!(check_positions(&gold(), &r).all_required_pass());
    // A position of another actor is no candidate.
    r["positions"][0]["actor"] = json!("a2");
    assert!(problems(&check_positions(&gold(), &r), "Friedrich Merz")
        .starts_with("no extracted position"));
}

#[test]
fn malformed_or_partial_readouts() {
    let rep = check_quotes(&gold(), &json!({"quotes": 3}));
    assert!(
        problems(&rep, "quote").starts_with("the readout is malformed"),
        "{}",
        rep.to_text()
    );
    // A readout with missing layers and nulls is checked, not refused.
    let rep = check_all(&gold(), &json!({"actors": null}), TEXT);
    assert_eq!(rep.events.found(), 0);
    assert_eq!(rep.events.extracted, 0);
    assert_eq!(rep.events.precision(), None);
}

#[test]
fn actor_map_resolution() {
    let g = gold();
    let map = ActorMap::build(&g, &perfect());
    assert_eq!(map.extracted_id("friedrich merz"), Some("a1"));
    assert_eq!(map.gold_name("a2"), Some("Emmanuel Macron"));
    assert_eq!(map.gold_name("a3"), None);
    assert!(map.resolves("a1", "Friedrich Merz"));
    assert!(!map.resolves("a2", "Friedrich Merz"));
    assert!(map.resolves_any("a2", &g.quotes[1].speaker));
}
