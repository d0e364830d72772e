//! Prints the positions and commitments of an article:
//! `cargo run -p newsgraph-positions --example show -- FILE [YYYY-MM-DD]`.

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: show FILE [YYYY-MM-DD]");
    let published = args
        .next()
        .map(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").expect("a date"));
    let text = std::fs::read_to_string(&path).expect("a readable file");
    let p = newsgraph_pipeline::Pipeline::default_pipeline(newsgraph_lexicon::Lexicon::shared());
    let meta = newsgraph_core::Metadata {
        published,
        ..Default::default()
    };
    let a = p.analyze_text(&text, meta);
    let name = |id: newsgraph_core::ActorId| a.actors[id.index()].name.clone();
    for pos in &a.positions {
        println!(
            "{} | {} | {}",
            name(pos.actor),
            pos.issue,
            pos.stance.as_str()
        );
        for s in &pos.support {
            println!(
                "    {:9} {:?} q={:?} e={:?}",
                s.stance.as_str(),
                a.slice(s.range),
                s.quote.map(|q| q.label()),
                s.event.map(|e| e.label())
            );
        }
    }
    for c in &a.commitments {
        println!(
            "COMMIT {} -> {:?} | {:?} | by {:?} | {}",
            name(c.promiser),
            c.promisee.map(name),
            a.slice(c.what),
            c.deadline,
            c.status.as_str()
        );
    }
}
