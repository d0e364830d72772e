//! A small HTML-to-text fallback for `POST /api/extract` with HTML: drops
//! `script`, `style`, `head`-like elements and tags, turns block elements into
//! paragraph breaks and decodes the common entities. Readability-style
//! boilerplate removal is `newsgraph-ingest`'s job; this only makes pasted
//! HTML readable by the pipeline.

/// Elements whose content is never article text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "head", "nav", "footer", "form", "button",
];
/// Elements that end a paragraph.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "section",
    "article",
    "header",
    "tr",
    "table",
    "pre",
    "figure",
    "figcaption",
    "hr",
];

/// The readable text of an HTML document, paragraphs separated by blank lines.
///
/// ```
/// let t = newsgraph_serve::html_to_text("<p>One &amp; two</p><script>x()</script><p>Three</p>");
/// assert_eq!(t, "One & two\n\nThree");
/// ```
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    let mut skipping: Option<String> = None;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if skipping.is_none() {
                push_text(&mut out, rest);
            }
            break;
        };
        if skipping.is_none() {
            push_text(&mut out, &rest[..lt]);
        }
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else { break };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if let Some(open) = &skipping {
            if closing && *open == name {
                skipping = None;
            }
            continue;
        }
        if !closing && SKIP.contains(&name.as_str()) && !tag.ends_with('/') {
            skipping = Some(name);
            continue;
        }
        if BLOCK.contains(&name.as_str()) {
            paragraph_break(&mut out);
        }
    }
    out.trim().to_string()
}

/// The text of the first `<title>` element, if any.
///
/// ```
/// assert_eq!(newsgraph_serve::html_title("<head><title> A &amp; B </title></head>"), Some("A & B".into()));
/// ```
pub fn html_title(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let open = lower.find("<title")?;
    let start = open + lower[open..].find('>')? + 1;
    let end = start + lower[start..].find("</title")?;
    let t = decode_entities(html[start..end].trim());
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

fn paragraph_break(out: &mut String) {
    let trimmed = out.trim_end_matches([' ', '\t']).len();
    out.truncate(trimmed);
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
    }
}

/// Appends text with runs of whitespace collapsed and entities decoded.
fn push_text(out: &mut String, raw: &str) {
    let decoded = decode_entities(raw);
    for (i, word) in decoded.split_whitespace().enumerate() {
        let at_start = out.is_empty() || out.ends_with('\n');
        let had_space = i > 0 || decoded.starts_with(char::is_whitespace);
        if !at_start && (had_space || out.ends_with(' ')) && !out.ends_with(' ') {
            out.push(' ');
        }
        out.push_str(word);
    }
    if decoded.ends_with(char::is_whitespace) && !out.is_empty() && !out.ends_with(['\n', ' ']) {
        out.push(' ');
    }
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[..rest.len().min(12)].find(';');
        let decoded = end.and_then(|e| entity(&rest[1..e]).map(|c| (c, e)));
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "lsquo" => '\u{2018}',
        "rsquo" => '\u{2019}',
        "ldquo" => '\u{201C}',
        "rdquo" => '\u{201D}',
        "ndash" => '\u{2013}',
        "mdash" => '\u{2014}',
        "hellip" => '\u{2026}',
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            return char::from_u32(code);
        }
    };
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::html_to_text;

    fn check(html: &str, expected: &str) {
        assert_eq!(html_to_text(html), expected);
    }

    #[test]
    fn paragraphs_and_inline_tags() {
        check(
            "<html><head><title>T</title></head><body><h1>Talks</h1>\
             <p>Merz <b>said</b> &ldquo;yes&rdquo;.</p><p>Then&nbsp;left.</p></body></html>",
            "Talks\n\nMerz said \u{201C}yes\u{201D}.\n\nThen left.",
        );
    }

    #[test]
    fn scripts_styles_and_comments_vanish() {
        check(
            "<p>A</p><script>alert('<p>x</p>')</script><style>p{}</style><!-- c --><p>B</p>",
            "A\n\nB",
        );
    }

    #[test]
    fn numeric_entities_and_stray_ampersands() {
        check(
            "<p>&#8220;Hi&#x201D; R&D &bogus; x</p>",
            "\u{201C}Hi\u{201D} R&D &bogus; x",
        );
    }
}
