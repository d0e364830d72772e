//! The store against SQLite and (when NEWSGRAPH_TEST_PG is set) PostgreSQL:
//! the same synthetic corpus, the same assertions, the same answers.

use newsgraph_core::{
    Actor, ActorId, ActorKind, Analysis, Document, Event, EventStatus, EventType, Gender, Mention,
    MentionId, MentionKind, Metadata, PartialDate, Position, Precision, Quote, QuoteKind, Stance,
    TextRange, When,
};
use newsgraph_store::testing::{self, TestDb};
use newsgraph_store::{
    ArticleRecord, ExportFormat, ExportWhat, MergeOptions, QuoteFilter, Store, TimelineFilter,
};

fn date(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// An article builder: layers are given by the substrings they cover.
struct Article {
    a: Analysis,
}

impl Article {
    fn new(text: &str, url: &str, published: &str) -> Self {
        let meta = Metadata {
            title: Some(format!("Story at {url}")),
            published: Some(date(published)),
            url: Some(url.to_string()),
            origin: None,
        };
        Article {
            a: Analysis::new(Document::new(text, meta)),
        }
    }

    fn range(&self, s: &str) -> TextRange {
        let start = self
            .a
            .text()
            .find(s)
            .unwrap_or_else(|| panic!("{s:?} not in text"));
        TextRange::new(start, start + s.len())
    }

    fn actor(&mut self, name: &str, kind: ActorKind, country: &str, surface: &str) -> ActorId {
        let id = ActorId(self.a.actors.len() as u32);
        let m = MentionId(self.a.mentions.len() as u32);
        let r = self.range(surface);
        self.a.mentions.push(Mention {
            range: r,
            head: r,
            kind: MentionKind::Name,
            actor: id,
            sentence: 0,
        });
        self.a.actors.push(Actor {
            name: name.to_string(),
            kind,
            roles: vec!["President".to_string()],
            country: Some(country.to_string()),
            sector: Some("GOV".to_string()),
            affiliation: None,
            gender: Gender::Male,
            mentions: vec![m],
        });
        id
    }

    fn event(
        &mut self,
        t: EventType,
        actor: ActorId,
        target: ActorId,
        trigger: &str,
        when: Option<&str>,
    ) {
        let trigger = self.range(trigger);
        let when = when.map(|w| When {
            value: PartialDate {
                date: date(w),
                precision: Precision::Day,
            },
            range: trigger,
        });
        self.a.events.push(Event {
            event_type: t,
            mode: Some("phone".to_string()),
            context: vec!["diplomatic".to_string()],
            cameo: Some("040".to_string()),
            actors: vec![actor],
            targets: vec![target],
            status: EventStatus::Occurred,
            trigger,
            when,
            place: None,
            issue: None,
            reported_by: None,
            figures: vec![],
            sentence: 0,
        });
    }

    fn quote(&mut self, speaker: ActorId, content: &str) {
        let r = self.range(content);
        self.a.quotes.push(Quote {
            kind: QuoteKind::Direct,
            speaker: Some(speaker),
            addressee: None,
            source: None,
            cue: None,
            content: r,
            quoted: vec![r],
            confidence: 0.9,
        });
    }

    fn position(&mut self, actor: ActorId, issue: &str, stance: Stance, evidence: &str) {
        let r = self.range(evidence);
        self.a.positions.push(Position {
            actor,
            issue: issue.to_string(),
            stance,
            evidence: vec![r],
            quotes: vec![],
            events: vec![],
            support: vec![],
        });
    }

    fn record(&self) -> ArticleRecord {
        ArticleRecord::from_analysis(&self.a, Some("test"), Some("text"))
    }
}

/// Three outlets report one Trump–Putin call (one names only "Putin"); a
/// fourth article reports a later call; a fifth is about something else.
fn corpus() -> Vec<ArticleRecord> {
    use ActorKind::*;
    use EventType::*;
    let mut out = Vec::new();

    let mut a = Article::new(
        "Donald Trump spoke with Vladimir Putin by phone on Monday. “It was a very good call,” Trump said. Vladimir Putin rejected a ceasefire, his aide said. Ökonomen zählten 3 Anrufe.",
        "https://www.wire-one.example/2025/08/18/call",
        "2025-08-18",
    );
    let t = a.actor("Donald Trump", Person, "USA", "Donald Trump");
    let p = a.actor("Vladimir Putin", Person, "RUS", "Vladimir Putin");
    a.event(Consult, t, p, "spoke with", Some("2025-08-18"));
    a.quote(t, "It was a very good call,");
    a.position(p, "ceasefire", Stance::Against, "rejected a ceasefire");
    out.push(a.record());

    let mut b = Article::new(
        "President Donald Trump held a call with Putin on Monday, saying “it was a very, very good call.”",
        "https://daily-two.example/news/trump-putin",
        "2025-08-19",
    );
    let t = b.actor("Donald Trump", Person, "USA", "Donald Trump");
    let p = b.actor("Putin", Person, "RUS", "Putin");
    b.event(Consult, t, p, "held a call", Some("2025-08-18"));
    b.quote(t, "it was a very, very good call.");
    out.push(b.record());

    let mut c = Article::new(
        "The U.S. president Donald Trump called Vladimir Putin. Putin now backs a ceasefire, the Kremlin said. “We will see,” Trump said.",
        "https://www.third-times.example/world/1",
        "2025-08-20",
    );
    let t = c.actor("Donald Trump", Person, "USA", "Donald Trump");
    let p = c.actor("Vladimir Putin", Person, "RUS", "Vladimir Putin");
    c.event(Consult, t, p, "called", None);
    c.quote(t, "We will see,");
    c.position(p, "ceasefire", Stance::For, "backs a ceasefire");
    out.push(c.record());

    let mut d = Article::new(
        "Donald Trump phoned Vladimir Putin again in September.",
        "https://www.wire-one.example/2025/09/10/again",
        "2025-09-10",
    );
    let t = d.actor("Donald Trump", Person, "USA", "Donald Trump");
    let p = d.actor("Vladimir Putin", Person, "RUS", "Vladimir Putin");
    d.event(Consult, t, p, "phoned", Some("2025-09-10"));
    out.push(d.record());

    let mut e = Article::new(
        "Germany accused Russia of sabotage.",
        "https://daily-two.example/news/sabotage",
        "2025-08-21",
    );
    let g = e.actor("Germany", Country, "DEU", "Germany");
    let r = e.actor("Russia", Country, "RUS", "Russia");
    e.event(Accuse, g, r, "accused", None);
    out.push(e.record());
    out
}

fn open(db: &TestDb) -> Store {
    Store::open(&db.target).unwrap_or_else(|e| panic!("{}: {e}", db.backend))
}

#[test]
fn ingest_is_idempotent_by_hash_and_url() {
    for db in testing::all("idempotent") {
        let mut store = open(&db);
        let recs = corpus();
        let first = store.write_batch(&recs).unwrap();
        assert_eq!((first.inserted, first.duplicates), (5, 0), "{}", db.backend);
        let before = store.counts().unwrap();
        let again = store.write_batch(&recs).unwrap();
        assert_eq!((again.inserted, again.duplicates), (0, 5), "{}", db.backend);
        // Same URL, different text: kept out.
        let mut changed = Article::new(
            "Donald Trump spoke with Vladimir Putin (updated).",
            "https://www.wire-one.example/2025/08/18/call",
            "2025-08-18",
        );
        changed.actor("Donald Trump", ActorKind::Person, "USA", "Donald Trump");
        let s = store.write_batch(&[changed.record()]).unwrap();
        assert_eq!((s.inserted, s.duplicates), (0, 1), "{}", db.backend);
        assert_eq!(store.counts().unwrap(), before, "{}", db.backend);
        assert_eq!(before.articles, 5);
        assert_eq!(before.actors, 10);
        assert_eq!(before.events, 5);
        assert_eq!(before.quotes, 3);
        assert_eq!(store.check_spans().unwrap(), 0, "{}", db.backend);
        // Reopening migrates nothing and keeps everything.
        drop(store);
        let mut store = open(&db);
        assert_eq!(
            store.schema_version().unwrap(),
            newsgraph_store::SCHEMA_VERSION
        );
        assert_eq!(store.counts().unwrap(), before);
    }
}

#[test]
fn stored_spans_verify_against_stored_text_in_code_points() {
    for db in testing::all("spans") {
        let mut store = open(&db);
        let recs = corpus();
        store.write_batch(&recs).unwrap();
        let art = store.article(recs[0].id()).unwrap().expect("stored");
        let readout: serde_json::Value = serde_json::from_str(&art.readout).unwrap();
        let chars: Vec<char> = art.text.chars().collect();
        for actor in readout["actors"].as_array().unwrap() {
            for m in actor["mentions"].as_array().unwrap() {
                let (s, e) = (
                    m["start"].as_u64().unwrap() as usize,
                    m["end"].as_u64().unwrap() as usize,
                );
                assert_eq!(
                    chars[s..e].iter().collect::<String>(),
                    m["text"].as_str().unwrap()
                );
            }
        }
        assert_eq!(art.outlet.as_deref(), Some("wire-one.example"));
        assert_eq!(store.check_spans().unwrap(), 0, "{}", db.backend);
        assert!(store.delete_article(recs[0].id()).unwrap());
        assert!(!store.delete_article(recs[0].id()).unwrap());
        assert_eq!(store.counts().unwrap().articles, 4);
        assert_eq!(store.counts().unwrap().quotes, 2);
        assert!(store.merges_stale().unwrap());
    }
}

#[test]
fn one_story_from_three_outlets_is_one_event_with_three_sources() {
    for db in testing::all("merge") {
        let mut store = open(&db);
        store.write_batch(&corpus()).unwrap();
        assert!(store.merges_stale().unwrap());
        let summary = store.rebuild_merges(&MergeOptions::default()).unwrap();
        assert!(!store.merges_stale().unwrap());
        // Trump, Putin (with the lone "Putin" merged in), Germany, Russia.
        assert_eq!(summary.canon_actors, 4, "{}", db.backend);
        assert_eq!(summary.merged_events, 3, "{}", db.backend);

        let calls = store
            .timeline(&TimelineFilter {
                actor: Some("Putin".into()),
                event_type: Some("consult".into()),
                ..TimelineFilter::default()
            })
            .unwrap();
        assert_eq!(calls.len(), 2, "{}", db.backend);
        let call = &calls[0];
        assert_eq!(call.date.as_deref(), Some("2025-08-18"));
        assert_eq!(call.reports.len(), 3);
        assert_eq!(call.sources, 3);
        assert_eq!(
            call.outlets,
            [
                "daily-two.example",
                "third-times.example",
                "wire-one.example"
            ]
        );
        assert_eq!(call.actors[0].name, "Donald Trump");
        assert_eq!(call.targets[0].name, "Vladimir Putin");
        assert!(
            call.reason.contains("3 reports of CONSULT"),
            "{}",
            call.reason
        );
        assert_eq!(call.reports[0].reason, "first report");
        assert!(call.reports.iter().any(|r| r.trigger.text == "held a call"));
        assert_eq!(
            calls[1].reports.len(),
            1,
            "September's call is another event"
        );

        let dated = store
            .timeline(&TimelineFilter {
                from: Some("2025-09-01".into()),
                to: Some("2025-09-30".into()),
                ..TimelineFilter::default()
            })
            .unwrap();
        assert_eq!(dated.len(), 1);
        let bad = store.timeline(&TimelineFilter {
            from: Some("September".into()),
            ..TimelineFilter::default()
        });
        assert!(bad
            .unwrap_err()
            .to_string()
            .contains("\"September\" is not a date"));
        assert_eq!(dated[0].reports[0].trigger.text, "phoned");

        let putin = store.actors(None).unwrap();
        let putin = putin.iter().find(|a| a.name == "Vladimir Putin").unwrap();
        let by_key = store.resolve_actor("person:vladimir putin").unwrap();
        assert_eq!(by_key.into_iter().collect::<Vec<_>>(), [putin.id]);
        assert_eq!(store.resolve_actor("PUTIN").unwrap().len(), 1);
        assert_eq!(store.resolve_actor("president").unwrap().len(), 0);
        assert!(store.resolve_actor("").unwrap().is_empty());
        assert_eq!(putin.variants, ["Putin", "Vladimir Putin"]);
        assert_eq!(putin.articles, 4);
        assert_eq!(putin.events, 2);
        assert_eq!(putin.cooccurs[0].name, "Donald Trump");
        assert_eq!(putin.cooccurs[0].articles, 4);
    }
}

#[test]
fn near_identical_quotes_by_one_speaker_are_one_quote_with_every_outlet() {
    for db in testing::all("quotes") {
        let mut store = open(&db);
        store.write_batch(&corpus()).unwrap();
        store.rebuild_merges(&MergeOptions::default()).unwrap();
        let quotes = store
            .quotes(&QuoteFilter {
                speaker: Some("trump".into()),
                ..QuoteFilter::default()
            })
            .unwrap();
        assert_eq!(quotes.len(), 2, "{}", db.backend);
        assert_eq!(quotes[0].reports.len(), 2);
        assert_eq!(quotes[0].outlets, ["daily-two.example", "wire-one.example"]);
        assert!(quotes[0].reason.contains("2 reports by Donald Trump"));
        let found = store
            .quotes(&QuoteFilter {
                search: Some("Good CALL".into()),
                ..QuoteFilter::default()
            })
            .unwrap();
        assert_eq!(found.len(), 1, "{}", db.backend);
        assert_eq!(found[0].id, quotes[0].id);
        let none = store
            .quotes(&QuoteFilter {
                search: Some("sabotage".into()),
                ..QuoteFilter::default()
            })
            .unwrap();
        assert!(none.is_empty());
    }
}

#[test]
fn the_latest_stance_wins_and_changes_are_listed() {
    for db in testing::all("positions") {
        let mut store = open(&db);
        store.write_batch(&corpus()).unwrap();
        store.rebuild_merges(&MergeOptions::default()).unwrap();
        let pos = store.positions(Some("Ceasefire")).unwrap();
        assert_eq!(pos.len(), 1, "{}", db.backend);
        assert_eq!(pos[0].actor.name, "Vladimir Putin");
        assert_eq!(pos[0].stance, "for");
        assert_eq!(pos[0].date.as_deref(), Some("2025-08-20"));
        assert_eq!(pos[0].changes.len(), 1);
        assert_eq!(
            (
                pos[0].changes[0].from.as_str(),
                pos[0].changes[0].to.as_str()
            ),
            ("against", "for")
        );
        assert_eq!(pos[0].history[0].evidence[0].text, "rejected a ceasefire");
        assert!(store.positions(Some("tariffs")).unwrap().is_empty());
    }
}

#[test]
fn the_graph_weights_edges_by_merged_events() {
    for db in testing::all("graph") {
        let mut store = open(&db);
        store.write_batch(&corpus()).unwrap();
        store.rebuild_merges(&MergeOptions::default()).unwrap();
        let g = store.graph().unwrap();
        assert_eq!(g.nodes.len(), 4);
        let names: std::collections::HashMap<i64, &str> =
            g.nodes.iter().map(|n| (n.id, n.name.as_str())).collect();
        let call = g
            .edges
            .iter()
            .find(|e| names[&e.source] == "Donald Trump")
            .unwrap();
        assert_eq!(names[&call.target], "Vladimir Putin");
        assert_eq!((call.weight, call.reports), (2, 4));
        let xml = g.to_graphml();
        assert!(xml.contains("<data key=\"weight\">2</data>"));
        assert_eq!(xml.matches("<node ").count(), 4);
        let json: serde_json::Value = serde_json::from_str(&g.to_json()).unwrap();
        assert_eq!(json["edges"].as_array().unwrap().len(), 2);
    }
}

fn export(store: &mut Store, what: ExportWhat, format: ExportFormat) -> String {
    let mut out = Vec::new();
    store.export(what, format, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn exports_carry_sources_and_evidence_offsets() {
    for db in testing::all("exports") {
        let mut store = open(&db);
        store.write_batch(&corpus()).unwrap();
        store.rebuild_merges(&MergeOptions::default()).unwrap();
        let jsonl = export(&mut store, ExportWhat::Events, ExportFormat::Jsonl);
        assert_eq!(jsonl.lines().count(), 3);
        for line in jsonl.lines() {
            serde_json::from_str::<serde_json::Value>(line).unwrap();
        }
        let csv = export(&mut store, ExportWhat::Events, ExportFormat::Csv);
        assert_eq!(
            csv.lines().count(),
            1 + 5,
            "a header and one row per report"
        );
        let gdelt = export(&mut store, ExportWhat::Events, ExportFormat::Gdelt);
        let rows: Vec<Vec<&str>> = gdelt.lines().map(|l| l.split('\t').collect()).collect();
        assert!(rows.iter().all(|r| r.len() == rows[0].len()));
        let call = &rows[1];
        assert_eq!(call[1], "20250818");
        assert_eq!(call[2], "Donald Trump");
        assert_eq!(call[12], "3");
        assert!(call[17].starts_with("https://"));
        assert_eq!(call[19].split(' ').count(), 3);
        let plover = export(&mut store, ExportWhat::Events, ExportFormat::Plover);
        let first: serde_json::Value =
            serde_json::from_str(plover.lines().next().unwrap()).unwrap();
        assert_eq!(first["event_type"], "CONSULT");
        assert_eq!(first["mode"], "phone");
        assert_eq!(first["num_sources"], 3);
        assert_eq!(first["reports"].as_array().unwrap().len(), 3);
        let quotes = export(&mut store, ExportWhat::Quotes, ExportFormat::Csv);
        assert!(quotes.contains("\"It was a very good call,\""));
        let actors = export(&mut store, ExportWhat::Actors, ExportFormat::Csv);
        assert_eq!(actors.lines().count(), 5);
        let pos = export(&mut store, ExportWhat::Positions, ExportFormat::Jsonl);
        assert_eq!(pos.lines().count(), 1);
        let pos = export(&mut store, ExportWhat::Positions, ExportFormat::Csv);
        assert_eq!(pos.lines().count(), 3);
        let mut sink = Vec::new();
        assert!(store
            .export(ExportWhat::Quotes, ExportFormat::Gdelt, &mut sink)
            .is_err());
    }
}

/// A Parquet export read back with the parquet crate's own reader.
fn read_parquet(store: &mut Store, what: ExportWhat) -> Vec<arrow_array::RecordBatch> {
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    let mut file = tempfile::tempfile().unwrap();
    store
        .export(what, ExportFormat::Parquet, &mut file)
        .unwrap();
    let reader = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
    assert_eq!(
        reader.schema().as_ref(),
        newsgraph_store::parquet_schema(what).as_ref()
    );
    reader.build().unwrap().map(|b| b.unwrap()).collect()
}

fn column<'a, T: 'static>(batch: &'a arrow_array::RecordBatch, name: &str) -> &'a T {
    batch
        .column_by_name(name)
        .unwrap_or_else(|| panic!("no column {name}"))
        .as_any()
        .downcast_ref::<T>()
        .unwrap_or_else(|| panic!("column {name} has another type"))
}

#[test]
fn parquet_exports_read_back_with_typed_columns() {
    use arrow_array::{Array, Date32Array, Float64Array, Int64Array, ListArray, StringArray};
    for db in testing::all("parquet") {
        let mut store = open(&db);
        store.write_batch(&corpus()).unwrap();
        store.rebuild_merges(&MergeOptions::default()).unwrap();
        let rows = |b: &[arrow_array::RecordBatch]| b.iter().map(|b| b.num_rows()).sum::<usize>();
        let csv_rows =
            |store: &mut Store, what| export(store, what, ExportFormat::Csv).lines().count() - 1;

        // Events: one row per report, like the CSV.
        let events = read_parquet(&mut store, ExportWhat::Events);
        assert_eq!(rows(&events), 5, "{}", db.backend);
        assert_eq!(rows(&events), csv_rows(&mut store, ExportWhat::Events));
        let b = &events[0];
        let types = column::<StringArray>(b, "type");
        let dates = column::<Date32Array>(b, "date");
        let starts = column::<Int64Array>(b, "trigger_start");
        let ends = column::<Int64Array>(b, "trigger_end");
        let texts = column::<StringArray>(b, "trigger_text");
        let sources = column::<Int64Array>(b, "sources");
        let actors = column::<ListArray>(b, "actors");
        assert_eq!(types.value(0), "CONSULT");
        // 2025-08-18 is day 20318 after 1970-01-01.
        assert_eq!(dates.value(0), 20318);
        assert_eq!(sources.value(0), 3);
        let first_actors = actors.value(0);
        let first_actors = first_actors.as_any().downcast_ref::<StringArray>().unwrap();
        assert_eq!(first_actors.value(0), "Donald Trump");
        assert_eq!(
            ends.value(0) - starts.value(0),
            texts.value(0).chars().count() as i64
        );
        // The Accuse event is undated in its article and dated by publication.
        assert!((0..b.num_rows()).any(|i| types.value(i) == "ACCUSE"));
        assert!(column::<Date32Array>(b, "published").null_count() == 0);

        // Quotes.
        let quotes = read_parquet(&mut store, ExportWhat::Quotes);
        assert_eq!(rows(&quotes), 3, "{}", db.backend);
        assert_eq!(rows(&quotes), csv_rows(&mut store, ExportWhat::Quotes));
        let b = &quotes[0];
        let content = column::<StringArray>(b, "content");
        let sim = column::<Float64Array>(b, "similarity");
        let speaker = column::<StringArray>(b, "speaker");
        let i = (0..b.num_rows())
            .find(|&i| content.value(i) == "It was a very good call,")
            .expect("the first quote");
        assert_eq!(speaker.value(i), "Donald Trump");
        assert_eq!(sim.value(i), 1.0);
        assert!(column::<Int64Array>(b, "content_start").value(i) > 0);

        // Actors: one row each, with list columns.
        let actors = read_parquet(&mut store, ExportWhat::Actors);
        assert_eq!(rows(&actors), 4, "{}", db.backend);
        assert_eq!(rows(&actors), csv_rows(&mut store, ExportWhat::Actors));
        let b = &actors[0];
        let names = column::<StringArray>(b, "name");
        let i = (0..b.num_rows())
            .find(|&i| names.value(i) == "Vladimir Putin")
            .unwrap();
        let variants = column::<ListArray>(b, "variants").value(i);
        let variants = variants.as_any().downcast_ref::<StringArray>().unwrap();
        assert_eq!(
            (0..variants.len())
                .map(|k| variants.value(k))
                .collect::<Vec<_>>(),
            ["Putin", "Vladimir Putin"]
        );
        assert_eq!(column::<Int64Array>(b, "articles").value(i), 4);
        assert_eq!(column::<Int64Array>(b, "events").value(i), 2);

        // Positions: one row per report, evidence as typed columns and JSON.
        let positions = read_parquet(&mut store, ExportWhat::Positions);
        assert_eq!(rows(&positions), 2, "{}", db.backend);
        assert_eq!(
            rows(&positions),
            csv_rows(&mut store, ExportWhat::Positions)
        );
        let b = &positions[0];
        assert_eq!(
            column::<StringArray>(b, "evidence_text").value(0),
            "rejected a ceasefire"
        );
        assert_eq!(column::<StringArray>(b, "stance").value(0), "against");
        assert_eq!(column::<StringArray>(b, "current_stance").value(0), "for");
        let evidence: serde_json::Value =
            serde_json::from_str(column::<StringArray>(b, "evidence").value(0)).unwrap();
        assert_eq!(evidence[0]["text"], "rejected a ceasefire");
    }
}

/// Every query answer as JSON, for comparing backends.
fn answers(store: &mut Store) -> String {
    let mut s = String::new();
    s += &serde_json::to_string(&store.timeline(&TimelineFilter::default()).unwrap()).unwrap();
    s += &serde_json::to_string(&store.quotes(&QuoteFilter::default()).unwrap()).unwrap();
    s += &serde_json::to_string(&store.actors(None).unwrap()).unwrap();
    s += &serde_json::to_string(&store.positions(None).unwrap()).unwrap();
    s += &serde_json::to_string(&store.graph().unwrap()).unwrap();
    s += &serde_json::to_string(&store.articles(100, 0).unwrap()).unwrap();
    for what in [
        ExportWhat::Events,
        ExportWhat::Quotes,
        ExportWhat::Actors,
        ExportWhat::Positions,
    ] {
        s += &export(store, what, ExportFormat::Csv);
    }
    s += &export(store, ExportWhat::Events, ExportFormat::Gdelt);
    s
}

#[test]
fn both_databases_give_identical_answers() {
    // A second SQLite store written in the opposite order: answers must not
    // depend on the order articles arrive in, nor on the database.
    let mut dbs = testing::all("identical");
    dbs.insert(1, testing::sqlite());
    let mut results = Vec::new();
    for (i, db) in dbs.iter().enumerate() {
        let mut store = open(db);
        let mut recs = corpus();
        if i % 2 == 1 {
            recs.reverse();
        }
        store.write_batch(&recs[..2]).unwrap();
        store.write_batch(&recs[2..]).unwrap();
        store.rebuild_merges(&MergeOptions::default()).unwrap();
        results.push((db.backend, answers(&mut store)));
    }
    for (backend, r) in &results[1..] {
        assert_eq!(r, &results[0].1, "{backend} differs from sqlite");
    }
}

#[test]
fn concurrent_writers_store_each_article_once() {
    for db in testing::all("concurrent") {
        let recs = corpus();
        let handles: Vec<_> = (0..4)
            .map(|i| {
                let target = db.target.clone();
                let mut recs = recs.clone();
                recs.rotate_left(i);
                std::thread::spawn(move || {
                    let mut store = Store::open(&target).unwrap();
                    let mut inserted = 0;
                    for chunk in recs.chunks(2) {
                        inserted += store.write_batch(chunk).unwrap().inserted;
                    }
                    store.rebuild_merges(&MergeOptions::default()).unwrap();
                    inserted
                })
            })
            .collect();
        let inserted: usize = handles.into_iter().map(|h| h.join().unwrap()).sum();
        assert_eq!(inserted, 5, "{}", db.backend);
        let mut store = open(&db);
        let c = store.counts().unwrap();
        assert_eq!(
            (c.articles, c.actors, c.events, c.merged_events),
            (5, 10, 5, 3),
            "{}",
            db.backend
        );
    }
}

/// One text under two URLs: the earlier-published copy is kept, whichever
/// arrives first, in one batch or two.
#[test]
fn one_text_under_two_urls_keeps_the_same_copy_in_any_order() {
    let copy = |url: &str, published: &str| {
        let mut a = Article::new(
            "Germany accused Russia of sabotage on Monday.",
            url,
            published,
        );
        let g = a.actor("Germany", ActorKind::Country, "DEU", "Germany");
        let r = a.actor("Russia", ActorKind::Country, "RUS", "Russia");
        a.event(EventType::Accuse, g, r, "accused", None);
        a.record()
    };
    let early = copy("https://b.example/early", "2025-08-18");
    let late = copy("https://a.example/late", "2025-08-20");
    for db in testing::all("two_urls") {
        let mut answers_seen = Vec::new();
        for order in [vec![&late, &early], vec![&early, &late]] {
            for split in [false, true] {
                let fresh = if db.backend == "sqlite" {
                    testing::sqlite()
                } else {
                    testing::postgres("two_urls_run").expect("configured")
                };
                let mut store = open(&fresh);
                if split {
                    store.write_batch(&[order[0].clone()]).unwrap();
                    store.write_batch(&[order[1].clone()]).unwrap();
                } else {
                    let batch: Vec<ArticleRecord> = order.iter().map(|r| (*r).clone()).collect();
                    store.write_batch(&batch).unwrap();
                }
                // Idempotent afterwards.
                let again = store.write_batch(&[late.clone(), early.clone()]).unwrap();
                assert_eq!((again.inserted, again.replaced), (0, 0));
                let art = store.article(early.id()).unwrap().unwrap();
                assert_eq!(art.url.as_deref(), Some("https://b.example/early"));
                let c = store.counts().unwrap();
                assert_eq!(
                    (c.articles, c.actors, c.events),
                    (1, 2, 1),
                    "{}",
                    db.backend
                );
                assert_eq!(store.check_spans().unwrap(), 0);
                store.rebuild_merges(&MergeOptions::default()).unwrap();
                let t = store.timeline(&TimelineFilter::default()).unwrap();
                assert_eq!(t[0].date.as_deref(), Some("2025-08-18"));
                answers_seen.push(answers(&mut store));
            }
        }
        assert!(
            answers_seen.windows(2).all(|w| w[0] == w[1]),
            "{}",
            db.backend
        );
    }
}

/// The corpus plus articles that make an incremental merge work: a second
/// "Putin" (a lone surname stops joining Vladimir Putin), a lone "Smith"
/// and later "John Smith" (it starts joining), the United States as a
/// country (Trump, an official, now counts as it in event keys), "GERMANY"
/// (the canonical name changes) reporting Germany's accusation again, and
/// a repeated quote.
fn larger_corpus() -> Vec<ArticleRecord> {
    use ActorKind::*;
    use EventType::*;
    let mut out = corpus();
    let mut f = Article::new(
        "Anna Putin met Donald Trump in Vienna. “We talked for an hour about the plan,” Anna Putin said.",
        "https://www.wire-one.example/2025/08/19/anna",
        "2025-08-19",
    );
    let a = f.actor("Anna Putin", Person, "RUS", "Anna Putin");
    let t = f.actor("Donald Trump", Person, "USA", "Donald Trump");
    f.event(Consult, a, t, "met", Some("2025-08-19"));
    f.quote(a, "We talked for an hour about the plan,");
    out.push(f.record());

    let mut g = Article::new(
        "Smith said the talks failed. “They failed because nobody came,” Smith said.",
        "https://daily-two.example/news/smith",
        "2025-08-22",
    );
    let s = g.actor("Smith", Person, "GBR", "Smith");
    g.quote(s, "They failed because nobody came,");
    out.push(g.record());

    let mut h = Article::new(
        "John Smith met Vladimir Putin in Geneva.",
        "https://www.third-times.example/world/smith",
        "2025-08-22",
    );
    let s = h.actor("John Smith", Person, "GBR", "John Smith");
    let p = h.actor("Vladimir Putin", Person, "RUS", "Vladimir Putin");
    h.event(Consult, s, p, "met", Some("2025-08-22"));
    out.push(h.record());

    let mut i = Article::new(
        "The United States accused Russia of hacking.",
        "https://www.wire-one.example/2025/08/21/hacking",
        "2025-08-21",
    );
    let u = i.actor("United States", Country, "USA", "United States");
    let r = i.actor("Russia", Country, "RUS", "Russia");
    i.event(Accuse, u, r, "accused", None);
    out.push(i.record());

    let mut j = Article::new(
        "GERMANY accused Russia of sabotage again.",
        "https://daily-two.example/news/sabotage-again",
        "2025-08-22",
    );
    let g = j.actor("GERMANY", Country, "DEU", "GERMANY");
    let r = j.actor("Russia", Country, "RUS", "Russia");
    j.event(Accuse, g, r, "accused", Some("2025-08-21"));
    out.push(j.record());

    let mut k = Article::new(
        "“We talked for an hour about the plan,” said Anna Putin on Wednesday.",
        "https://www.third-times.example/world/anna",
        "2025-08-20",
    );
    let a = k.actor("Anna Putin", Person, "RUS", "Anna Putin");
    k.quote(a, "We talked for an hour about the plan,");
    out.push(k.record());

    // Weeks later: the same words again are said again (outside the
    // quote window), next to a quote within the window of the first.
    let mut l = Article::new(
        "“We talked for an hour about the plan,” Anna Putin repeated. “We will see,” Donald Trump said.",
        "https://daily-two.example/news/anna-again",
        "2025-09-12",
    );
    let a = l.actor("Anna Putin", Person, "RUS", "Anna Putin");
    let t = l.actor("Donald Trump", Person, "USA", "Donald Trump");
    l.quote(a, "We talked for an hour about the plan,");
    l.quote(t, "We will see,");
    out.push(l.record());
    let mut m = Article::new(
        "“We will see,” Donald Trump said again on Sunday.",
        "https://www.third-times.example/world/see",
        "2025-09-14",
    );
    let t = m.actor("Donald Trump", Person, "USA", "Donald Trump");
    m.quote(t, "We will see,");
    out.push(m.record());
    out
}

/// Writes `recs` in batches split at `cuts`, updating the merges after
/// each; every update after the first must be incremental and leave the
/// tables and every answer as a full rebuild of the same articles does.
fn check_incremental(store: &mut Store, recs: &[ArticleRecord], cuts: &[usize], what: &str) {
    check_incremental_with(store, recs, cuts, what, &MergeOptions::default());
}

fn check_incremental_with(
    store: &mut Store,
    recs: &[ArticleRecord],
    cuts: &[usize],
    what: &str,
    opts: &MergeOptions,
) {
    let mut start = 0;
    for (n, &end) in cuts.iter().chain(std::iter::once(&recs.len())).enumerate() {
        store.write_batch(&recs[start..end]).unwrap();
        start = end;
        let s = store.update_merges(opts).unwrap();
        assert_eq!(s.incremental, n > 0, "{what}: batch {n}");
        assert!(!store.merges_stale().unwrap(), "{what}");
        let incremental = (store.dump_merges(), answers(store));
        let full = store.rebuild_merges(opts).unwrap();
        assert!(!full.incremental);
        let rebuilt = (store.dump_merges(), answers(store));
        if incremental != rebuilt {
            let diff: Vec<_> = incremental
                .0
                .iter()
                .filter(|r| !rebuilt.0.contains(r))
                .map(|r| format!("- {r}"))
                .chain(
                    rebuilt
                        .0
                        .iter()
                        .filter(|r| !incremental.0.contains(r))
                        .map(|r| format!("+ {r}")),
                )
                .collect();
            panic!(
                "{what}: batch {n}: the incremental merge differs from a rebuild:\n{}",
                diff.join("\n")
            );
        }
        assert_eq!(
            (s.canon_actors, s.merged_events, s.merged_quotes),
            (full.canon_actors, full.merged_events, full.merged_quotes),
            "{what}"
        );
    }
}

#[test]
fn incremental_merges_equal_a_full_rebuild() {
    let recs = larger_corpus();
    let n = recs.len();
    // Every split in two, in three orders, on SQLite.
    for order in 0..3 {
        let mut recs = recs.clone();
        match order {
            1 => recs.reverse(),
            2 => recs.rotate_left(4),
            _ => {}
        }
        for cut in 1..n {
            let db = testing::sqlite();
            let mut store = open(&db);
            check_incremental(
                &mut store,
                &recs,
                &[cut],
                &format!("sqlite order {order} cut {cut}"),
            );
        }
        // One article at a time.
        let db = testing::sqlite();
        let mut store = open(&db);
        let cuts: Vec<usize> = (1..n).collect();
        check_incremental(
            &mut store,
            &recs,
            &cuts,
            &format!("sqlite order {order} one by one"),
        );
    }
    // With an actors file: "Putin" is a variant of Vladimir Putin, so the
    // lone-surname rule leaves it alone; "GERMANY" is Germany's canonical name.
    let aliases = MergeOptions {
        aliases: vec![
            newsgraph_store::Alias {
                name: "Vladimir Putin".into(),
                kind: Some("person".into()),
                variants: vec!["Putin".into()],
            },
            newsgraph_store::Alias {
                name: "GERMANY".into(),
                kind: None,
                variants: vec![],
            },
        ],
        ..MergeOptions::default()
    };
    for cut in 1..n {
        let db = testing::sqlite();
        let mut store = open(&db);
        check_incremental_with(
            &mut store,
            &recs,
            &[cut],
            &format!("sqlite aliases cut {cut}"),
            &aliases,
        );
    }
    // PostgreSQL: a few splits, and one article at a time.
    if let Some(db) = testing::postgres("incremental_one_by_one") {
        let mut store = open(&db);
        let cuts: Vec<usize> = (1..n).collect();
        check_incremental(&mut store, &recs, &cuts, "postgres one by one");
    }
    for cut in [3, 5, 8] {
        if let Some(db) = testing::postgres("incremental_split") {
            let mut store = open(&db);
            let mut recs = recs.clone();
            recs.reverse();
            check_incremental(
                &mut store,
                &recs,
                &[cut],
                &format!("postgres reversed cut {cut}"),
            );
        }
    }
}

/// One report of a Trump–Putin call on `day` (and published then) with a
/// Trump quote; `tag` makes the text, and so the id, its own.
fn call_report(tag: &str, day: &str, quote: &str) -> ArticleRecord {
    use ActorKind::*;
    let mut a = Article::new(
        &format!("Donald Trump called Vladimir Putin. “{quote},” Donald Trump said. ({tag})"),
        &format!("https://wire.example/{}", tag.replace(' ', "-")),
        day,
    );
    let t = a.actor("Donald Trump", Person, "USA", "Donald Trump");
    let p = a.actor("Vladimir Putin", Person, "RUS", "Vladimir Putin");
    a.event(EventType::Consult, t, p, "called", Some(day));
    a.quote(t, quote);
    a.record()
}

/// New reports joining stored clusters, sorting before a cluster's first
/// report, dated outside every window, opening a cluster that takes stored
/// reports (and so on down the key), and a new quote that takes a stored
/// quote away from the cluster it had joined: each update equals a rebuild.
#[test]
fn new_reports_merge_into_stored_clusters_as_a_rebuild_would() {
    let plan = "alpha bravo charlie delta echo foxtrot golf hotel india juliet";
    // Copies of one report on one day, merged one at a time: in id order
    // each joins the stored cluster; in reverse id order each sorts before
    // the stored first report and takes its cluster over.
    let mut copies: Vec<ArticleRecord> = (0..6)
        .map(|i| call_report(&format!("copy {i}"), "2025-08-10", plan))
        .collect();
    copies.sort_by(|a, b| a.id().cmp(b.id()));
    let cuts: Vec<usize> = (1..copies.len()).collect();
    for (reverse, what) in [
        (false, "copies in id order"),
        (true, "copies before the first"),
    ] {
        let mut recs = copies.clone();
        if reverse {
            recs.reverse();
        }
        for db in testing::all("incremental_copies") {
            let mut store = open(&db);
            check_incremental(&mut store, &recs, &cuts, &format!("{} {what}", db.backend));
        }
    }

    // Stored: the call on the 1st (and the 3rd, within three days) and on
    // the 6th (and the 8th). New: the 5th (outside the first cluster's
    // window: it opens a cluster the 6th and the 8th now join), the 30th
    // of July (before the first report, within its window: it takes the
    // cluster over), the 20th of July and the 1st of September (far from
    // every cluster). Quotes: the 3rd's ("kilo") joined the 1st's (9 of 11
    // words); the 2nd's is nearer to it (10 of 11 words) but not near the
    // 1st's (9 of 12), so once the 2nd is in, the 3rd's quote moves there.
    let kilo = "alpha bravo charlie delta echo foxtrot golf hotel india kilo";
    let lima = "alpha bravo charlie delta echo foxtrot golf hotel india kilo lima";
    let vienna = "We will meet again soon in Vienna";
    let stored = vec![
        call_report("first", "2025-08-01", plan),
        call_report("third", "2025-08-03", kilo),
        call_report("sixth", "2025-08-06", vienna),
        call_report("eighth", "2025-08-08", vienna),
    ];
    let new = [
        call_report("second", "2025-08-02", lima),
        call_report(
            "fifth",
            "2025-08-05",
            "We will meet again soon in Geneva or Vienna",
        ),
        call_report("july", "2025-07-30", plan),
        call_report("far", "2025-07-20", plan),
        call_report("later", "2025-09-01", vienna),
    ];
    let n = stored.len();
    for (k, report) in new.iter().enumerate() {
        let mut recs = stored.clone();
        recs.push(report.clone());
        let db = testing::sqlite();
        let mut store = open(&db);
        check_incremental(&mut store, &recs, &[n], &format!("sqlite new report {k}"));
    }
    let mut recs = stored.clone();
    recs.extend(new.iter().cloned());
    for db in testing::all("incremental_windows") {
        let mut store = open(&db);
        check_incremental(
            &mut store,
            &recs,
            &[n],
            &format!("{} all at once", db.backend),
        );
    }
    for db in testing::all("incremental_windows_one_by_one") {
        let mut store = open(&db);
        let cuts: Vec<usize> = (n..recs.len()).collect();
        check_incremental(
            &mut store,
            &recs,
            &cuts,
            &format!("{} one by one", db.backend),
        );
    }
}

#[test]
fn replaced_copies_deletions_and_new_options_make_the_update_a_rebuild() {
    for db in testing::all("incremental_fallback") {
        let mut store = open(&db);
        let opts = MergeOptions::default();
        let recs = larger_corpus();
        store.write_batch(&recs[..6]).unwrap();
        assert!(!store.update_merges(&opts).unwrap().incremental);
        store.write_batch(&recs[6..8]).unwrap();
        let s = store.update_merges(&opts).unwrap();
        assert!(s.incremental, "{}", db.backend);
        assert_eq!(s.new_articles, 2);
        // Nothing new: nothing to do.
        let s = store.update_merges(&opts).unwrap();
        assert!(s.incremental && s.new_articles == 0);
        // Other options: a rebuild.
        let wider = MergeOptions {
            window_days: 10,
            ..MergeOptions::default()
        };
        store.write_batch(&recs[8..9]).unwrap();
        assert!(!store.update_merges(&wider).unwrap().incremental);
        // A deleted article: a rebuild.
        assert!(store.delete_article(recs[0].id()).unwrap());
        assert!(!store.update_merges(&wider).unwrap().incremental);
        let after_delete = answers(&mut store);
        store.rebuild_merges(&wider).unwrap();
        assert_eq!(after_delete, answers(&mut store), "{}", db.backend);
        // An earlier copy of a stored text replaces it: a rebuild.
        let mut copy = Article::new(
            "Germany accused Russia of sabotage.",
            "https://early.example/sabotage",
            "2025-08-01",
        );
        let g = copy.actor("Germany", ActorKind::Country, "DEU", "Germany");
        let r = copy.actor("Russia", ActorKind::Country, "RUS", "Russia");
        copy.event(EventType::Accuse, g, r, "accused", None);
        assert_eq!(store.write_batch(&[copy.record()]).unwrap().replaced, 1);
        assert!(!store.update_merges(&wider).unwrap().incremental);
        let before = store.dump_merges();
        store.rebuild_merges(&wider).unwrap();
        assert_eq!(before, store.dump_merges(), "{}", db.backend);
    }
}
