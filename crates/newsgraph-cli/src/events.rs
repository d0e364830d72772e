//! Events glue: the pipeline with a user event lexicon (`--events FILE`),
//! and `newsgraph eval events` over PLOVER's gold-standard sentences.

use std::path::Path;
use std::process::ExitCode;

use newsgraph_core::{Analysis, Metadata};
use newsgraph_eval::events::{self, EventsReport, Predicted};
use newsgraph_pipeline::Pipeline;

use crate::args::Knowledge;
use crate::extract::lexicon;

/// The default pipeline with the user's actors and event files, if any.
pub fn pipeline(k: &Knowledge) -> anyhow::Result<Pipeline> {
    let lex = lexicon(k)?;
    let events = match &k.events {
        None => newsgraph_events::Events::new(lex.clone()),
        Some(path) => newsgraph_events::Events::with_user_file(path, lex.clone())?,
    };
    Ok(Pipeline::with_events(lex, events))
}

/// The event that stands for a sentence: the first in the text, after
/// PLOVER's strict coding of future cooperation as AGREE.
fn predicted(a: &Analysis) -> Predicted {
    let Some(e) = a.events.first() else {
        return Predicted::default();
    };
    let texts = |ids: &[newsgraph_core::ActorId]| -> Vec<String> {
        ids.iter()
            .flat_map(|x| {
                a.actors[x.index()]
                    .mentions
                    .iter()
                    .map(|m| a.slice(a.mentions[m.index()].range).to_string())
                    .chain(std::iter::once(a.actors[x.index()].name.clone()))
            })
            .collect()
    };
    Predicted {
        event_type: Some(e.event_type.as_str().to_string()),
        actors: texts(&e.actors),
        targets: texts(&e.targets),
    }
}

/// Extracts every gold sentence and scores the event types.
pub fn score_file(pipeline: &Pipeline, file: &Path) -> anyhow::Result<EventsReport> {
    let gold = events::read(file)?;
    let pred: Vec<Predicted> = gold
        .iter()
        .map(|g| {
            let mut a = pipeline.analyze_text(&g.text, Metadata::default());
            newsgraph_events::plover_strict(&mut a);
            predicted(&a)
        })
        .collect();
    Ok(events::score(&gold, &pred))
}

/// `newsgraph eval events FILE [--min-accuracy X]`.
pub fn eval(file: &Path, min_accuracy: Option<f64>, k: &Knowledge) -> anyhow::Result<ExitCode> {
    let report = score_file(&pipeline(k)?, file)?;
    print!("{}", report.to_table());
    println!(
        "\nOne event per sentence: the first extracted, with future cooperation coded AGREE\n\
         (--plover-strict). Gold types are PLOVER 2.0 (`event_v2`; the 0.5 labels DEMAND,\n\
         DISAPPROVE, INVESTIGATE, FIGHT map to REQUEST, ACCUSE, ACCUSE, ASSAULT)."
    );
    if let Some(min) = min_accuracy {
        if report.accuracy() < min {
            eprintln!(
                "newsgraph: event-type accuracy {:.3} is below the threshold {min:.3}",
                report.accuracy()
            );
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}
