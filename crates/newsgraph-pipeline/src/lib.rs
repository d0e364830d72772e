//! The default pipeline: segmentation, dates, figures, actors, quotes, events,
//! positions.
//!
//! Components declare the layers they need and add; [`Pipeline::new`]
//! checks the order when the pipeline is built, so a swapped or reordered
//! component fails at start-up, not on the millionth article.
//!
//! ```
//! use newsgraph_pipeline::Pipeline;
//! let p = Pipeline::default_pipeline(newsgraph_lexicon::Lexicon::shared());
//! let a = p.analyze_text("NATO Secretary General Mark Rutte arrived.", Default::default());
//! assert_eq!(a.actors[0].name, "Mark Rutte");
//! ```

use std::sync::Arc;

use newsgraph_core::{Analysis, Component, Document, Layer, Metadata};
use newsgraph_lexicon::Lexicon;

/// A pipeline whose components' requirements were not met.
#[derive(Debug, thiserror::Error)]
#[error("component {component} needs layer {layer:?}, which no earlier component adds")]
pub struct OrderError {
    pub component: &'static str,
    pub layer: Layer,
}

/// An ordered list of components.
pub struct Pipeline {
    components: Vec<Box<dyn Component>>,
}

impl Pipeline {
    /// Builds a pipeline, checking that every component's required layers are
    /// assigned by an earlier one.
    pub fn new(components: Vec<Box<dyn Component>>) -> Result<Self, OrderError> {
        let mut have: Vec<Layer> = Vec::new();
        for c in &components {
            for l in c.requires() {
                if !have.contains(l) {
                    return Err(OrderError {
                        component: c.name(),
                        layer: *l,
                    });
                }
            }
            have.extend_from_slice(c.assigns());
        }
        Ok(Pipeline { components })
    }

    /// The standard components with the given knowledge.
    pub fn default_pipeline(lex: Arc<Lexicon>) -> Self {
        let events = newsgraph_events::Events::new(lex.clone());
        Pipeline::with_events(lex, events)
    }

    /// The standard components with the given knowledge and event lexicon
    /// (`newsgraph extract --events FILE`).
    pub fn with_events(lex: Arc<Lexicon>, events: newsgraph_events::Events) -> Self {
        Pipeline::new(vec![
            Box::new(newsgraph_segment::Segmenter::new()),
            Box::new(newsgraph_figures::Dates),
            Box::new(newsgraph_figures::Figures),
            Box::new(newsgraph_actors::ActorRecognizer::new(lex)),
            Box::new(newsgraph_quotes::Quotes::new()),
            Box::new(events),
            Box::new(newsgraph_positions::Positions::new()),
        ])
        .expect("the default pipeline is well ordered")
    }

    /// Replaces the positions component (`newsgraph extract --issues FILE`).
    pub fn with_positions(mut self, positions: newsgraph_positions::Positions) -> Self {
        for c in &mut self.components {
            if c.name() == "positions" {
                *c = Box::new(positions.clone());
            }
        }
        self
    }

    /// The names of the components, in order.
    pub fn component_names(&self) -> Vec<&'static str> {
        self.components.iter().map(|c| c.name()).collect()
    }

    pub fn analyze(&self, doc: Document) -> Analysis {
        let mut a = Analysis::new(doc);
        for c in &self.components {
            c.run(&mut a);
        }
        a
    }

    pub fn analyze_text(&self, text: &str, meta: Metadata) -> Analysis {
        self.analyze(Document::new(text, meta))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_is_checked() {
        let lex = Lexicon::shared();
        let err = Pipeline::new(vec![Box::new(newsgraph_actors::ActorRecognizer::new(lex))])
            .err()
            .expect("actors need tokens");
        assert_eq!(err.component, "actors");
    }

    #[test]
    fn default_pipeline_runs_all_components() {
        let p = Pipeline::default_pipeline(Lexicon::shared());
        assert_eq!(
            p.component_names(),
            [
                "segment",
                "dates",
                "figures",
                "actors",
                "quotes",
                "events",
                "positions"
            ]
        );
        let a = p.analyze_text("Russia and Ukraine talked on Monday.", Metadata::default());
        assert!(a.check_invariants().is_ok());
        assert!(a.actors.iter().any(|x| x.name == "Ukraine"));
    }
}
