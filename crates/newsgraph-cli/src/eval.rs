//! `newsgraph eval`: glue between the pipeline and the scorers in
//! `newsgraph-eval`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use newsgraph_core::{ActorKind, Analysis, MentionKind, Metadata};
use newsgraph_eval::crossner::{self, NerReport, TokenSpan};
use newsgraph_pipeline::Pipeline;
use newsgraph_readout::Readout;

use crate::args::{EvalArgs, EvalWhat};
use crate::extract::lexicon;

pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    match args.what {
        EvalWhat::Ner {
            file,
            min_f1,
            knowledge,
        } => {
            let pipeline = Pipeline::default_pipeline(lexicon(&knowledge)?);
            let report = ner(&pipeline, &file)?;
            print!("{}", report.to_table());
            println!(
                "\nMapping: CrossNER politician+person -> person, organisation+politicalparty -> organisation,\n\
                 country -> country, location -> location; election, event, misc are not scored.\n\
                 A capital or seat standing for a government (metonymy) is scored as location."
            );
            if let Some(min) = min_f1 {
                let f1 = report.overall.f1();
                if f1 < min {
                    eprintln!("newsgraph: overall F1 {f1:.3} is below the threshold {min:.3}");
                    return Ok(ExitCode::from(1));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        EvalWhat::Attribution(a) => {
            let pipeline = Pipeline::default_pipeline(lexicon(&a.knowledge)?);
            crate::attribution::run(a, &pipeline)
        }
        EvalWhat::Events {
            file,
            min_accuracy,
            knowledge,
        } => crate::events::eval(&file, min_accuracy, &knowledge),
        EvalWhat::Seed { gold, knowledge } => {
            let pipeline = crate::events::pipeline(&knowledge)?;
            let (report, _) = seed(&pipeline, &gold)?;
            print!("{}", report.to_text());
            let ok = report.actors.all_required_pass() && report.coreference.all_required_pass();
            Ok(if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
    }
}

/// The CrossNER type our mention stands for, if it is scored at all.
fn ner_type(a: &Analysis, m: &newsgraph_core::Mention) -> Option<&'static str> {
    let kind = a.actors[m.actor.index()].kind;
    match (m.kind, kind) {
        (MentionKind::Pronoun | MentionKind::Description | MentionKind::Group, _) => None,
        (MentionKind::Metonym, ActorKind::Country) => Some("location"),
        (_, ActorKind::Person) => Some("person"),
        (_, ActorKind::Organisation) => Some("organisation"),
        (_, ActorKind::Country) => Some("country"),
        (_, ActorKind::Location) => Some("location"),
        (_, ActorKind::Group) => None,
    }
}

fn gold_type(t: &str) -> Option<String> {
    match t {
        "politician" | "person" => Some("person".into()),
        "organisation" | "politicalparty" => Some("organisation".into()),
        "country" => Some("country".into()),
        "location" => Some("location".into()),
        _ => None,
    }
}

/// Runs the pipeline over every CrossNER sentence (tokens joined by spaces)
/// and scores the name mentions (their head: "Friedrich Merz" in "German
/// Chancellor Friedrich Merz") against the mapped gold types.
pub fn ner(pipeline: &Pipeline, file: &Path) -> anyhow::Result<NerReport> {
    let sentences = crossner::read(file)?;
    let mut gold = Vec::with_capacity(sentences.len());
    let mut pred = Vec::with_capacity(sentences.len());
    for s in &sentences {
        gold.push(crossner::map_types(&[s.spans()], gold_type).remove(0));
        let text = s.text();
        let a = pipeline.analyze_text(&text, Metadata::default());
        let map = newsgraph_core::OffsetMap::new(&text);
        let mut spans: Vec<TokenSpan> = Vec::new();
        for m in &a.mentions {
            let Some(t) = ner_type(&a, m) else { continue };
            let (cs, ce) = map.char_range(m.head);
            if let Some((ts, te)) = s.tokens_for_chars(cs, ce) {
                spans.push((ts, te, t.to_string()));
            }
        }
        pred.push(spans);
    }
    Ok(crossner::score(&gold, &pred))
}

/// Extracts the article beside a seed gold file and checks every layer.
pub fn seed(
    pipeline: &Pipeline,
    gold_path: &Path,
) -> anyhow::Result<(newsgraph_eval::seed::SeedReport, serde_json::Value)> {
    let gold = newsgraph_eval::seed::load(gold_path)?;
    let file = match &gold.document.file {
        Some(f) => f.clone(),
        None => gold_path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".gold.toml"))
            .map(|stem| format!("{stem}.txt"))
            .with_context(|| {
                format!(
                    "{}: no [document] file and no NAME.gold.toml name",
                    gold_path.display()
                )
            })?,
    };
    let text_path = gold_path.with_file_name(file);
    let text = std::fs::read_to_string(&text_path)
        .with_context(|| format!("{}: cannot read the article", text_path.display()))?;
    let published = gold
        .document
        .published
        .as_deref()
        .map(crate::extract::parse_date)
        .transpose()?;
    let a = pipeline.analyze_text(
        &text,
        Metadata {
            published,
            ..Metadata::default()
        },
    );
    let value = serde_json::to_value(Readout::from_analysis(&a))?;
    Ok((newsgraph_eval::seed::check_all(&gold, &value, &text), value))
}
