//! A readable terminal view of a readout.

use std::fmt::Write;

use crate::Readout;

fn clip(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out.replace('\n', " ")
}

/// Renders actors (with roles, country, sector and every mention), then the
/// other layers that have content, as plain-text tables.
pub fn render_table(r: &Readout) -> String {
    let mut out = String::new();
    let title = r.document.title.as_deref().unwrap_or("(untitled)");
    let _ = writeln!(
        out,
        "{title}  [{}]{}",
        &r.document.id[..12.min(r.document.id.len())],
        r.document
            .published
            .as_deref()
            .map(|d| format!("  published {d}"))
            .unwrap_or_default()
    );
    let _ = writeln!(out, "\nACTORS ({})", r.actors.len());
    let _ = writeln!(
        out,
        "{:<4} {:<26} {:<12} {:<22} {:<4} {:<4} {:>3}  mentions",
        "id", "name", "kind", "roles", "ctry", "sect", "n"
    );
    for a in &r.actors {
        let mut seen: Vec<&str> = Vec::new();
        for m in &a.mentions {
            if !seen.contains(&m.span.text.as_str()) {
                seen.push(&m.span.text);
            }
        }
        let _ = writeln!(
            out,
            "{:<4} {:<26} {:<12} {:<22} {:<4} {:<4} {:>3}  {}",
            a.id,
            clip(&a.name, 26),
            a.kind,
            clip(&a.roles.join(", "), 22),
            a.country.as_deref().unwrap_or("-"),
            a.sector.as_deref().unwrap_or("-"),
            a.mentions.len(),
            clip(&seen.join(" | "), 70)
        );
    }
    if !r.quotes.is_empty() {
        let _ = writeln!(out, "\nQUOTES ({})", r.quotes.len());
        for q in &r.quotes {
            let speaker = q
                .speaker
                .as_ref()
                .and_then(|s| r.actors.iter().find(|a| &a.id == s))
                .map(|a| a.name.as_str())
                .unwrap_or("?");
            let _ = writeln!(
                out,
                "{:<4} {:<8} {:<22} {:<12} {}",
                q.id,
                q.kind,
                clip(speaker, 22),
                clip(q.cue.as_ref().map(|c| c.text.as_str()).unwrap_or("-"), 12),
                clip(&q.content.text, 80)
            );
        }
    }
    if !r.events.is_empty() {
        let _ = writeln!(out, "\nEVENTS ({})", r.events.len());
        for e in &r.events {
            let _ = writeln!(
                out,
                "{:<4} {:<10} {:<12} {:<10} {}",
                e.id,
                e.event_type,
                e.status,
                e.when.as_ref().map(|w| w.date.as_str()).unwrap_or("-"),
                clip(&e.trigger.text, 40)
            );
        }
    }
    if !r.figures.is_empty() {
        let _ = writeln!(out, "\nFIGURES ({})", r.figures.len());
        for f in &r.figures {
            let value = f
                .amount
                .as_ref()
                .map(|a| format!("{a} {}", f.currency.as_deref().unwrap_or("")))
                .or(f.minutes.as_ref().map(|m| format!("{m} min")))
                .or(f
                    .days
                    .as_ref()
                    .map(|d| format!("{d} days, by {}", f.by.as_deref().unwrap_or("?"))))
                .or(f.value.as_ref().map(|v| v.to_string()))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "{:<4} {:<9} {:<24} {}",
                f.id,
                f.kind,
                clip(&f.span.text, 24),
                value
            );
        }
    }
    if !r.dates.is_empty() {
        let _ = writeln!(out, "\nDATES ({})", r.dates.len());
        for d in &r.dates {
            let _ = writeln!(
                out,
                "     {:<24} {:<11} {}",
                clip(&d.span.text, 24),
                d.date.as_deref().unwrap_or("unresolved"),
                d.note.as_deref().or(d.precision).unwrap_or("")
            );
        }
    }
    if !r.positions.is_empty() {
        let _ = writeln!(out, "\nPOSITIONS ({})", r.positions.len());
        for p in &r.positions {
            let _ = writeln!(
                out,
                "     {:<4} {:<32} {:<9} {}",
                p.actor,
                clip(&p.issue, 32),
                p.stance,
                clip(
                    p.evidence.first().map(|e| e.text.as_str()).unwrap_or(""),
                    60
                )
            );
        }
    }
    out
}
