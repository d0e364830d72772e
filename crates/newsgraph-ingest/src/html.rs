//! HTML pages: main-content extraction (dom_smoothie, a port of Mozilla's
//! Readability) and metadata from meta tags, JSON-LD and `<time>`.
//!
//! Metadata sources, first found wins:
//!
//! - title: `og:title`, JSON-LD `headline`, `citation_title`,
//!   `twitter:title`, then Readability's title (from `<title>` and `<h1>`);
//! - publication date: meta tags (`article:published_time`,
//!   `citation_publication_date`, `citation_date`, `dc.date`, `pubdate`,
//!   ...), JSON-LD `datePublished`, `<time itemprop=datePublished>`,
//!   `<time pubdate>`, the first `<time datetime>` inside `<article>`, then
//!   the first anywhere;
//! - URL: `og:url`, `<link rel=canonical>`, JSON-LD `url` (absolute ones
//!   only), then the URL the page was fetched from (a WARC record's target).

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};
use newsgraph_core::Metadata;
use newsgraph_input::Limits;

use crate::{date::parse_date, finish, Article, Format};

/// Meta tag names (`property`, `name` or `itemprop`) that carry the
/// publication date, best first.
const DATE_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "published_time",
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "date",
    "sailthru.date",
    "parsely-pub-date",
];

const TITLE_KEYS: &[&str] = &["og:title", "citation_title", "twitter:title", "dc.title"];

const URL_KEYS: &[&str] = &["og:url", "citation_public_url", "twitter:url"];

/// Decodes a page's bytes: UTF-8 when valid; Windows-1252 (of which
/// ISO-8859-1 is, in practice, a subset: browsers decode both so) when the
/// page or `charset_hint` (an HTTP `Content-Type`) declares `iso-8859-1`,
/// `latin1` or `windows-1252`; otherwise UTF-8 with replacement characters.
pub(crate) fn decode(bytes: &[u8], charset_hint: Option<&str>) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.strip_prefix('\u{feff}').unwrap_or(s).to_string(),
        Err(_) => {
            let head = &bytes[..bytes.len().min(4096)];
            let mut lower = head.to_ascii_lowercase();
            if let Some(h) = charset_hint {
                lower.extend_from_slice(h.to_ascii_lowercase().as_bytes());
            }
            let legacy = [
                &b"iso-8859-1"[..],
                b"iso8859-1",
                b"latin1",
                b"latin-1",
                b"windows-1252",
                b"cp1252",
            ]
            .iter()
            .any(|c| memchr::memmem::find(&lower, c).is_some());
            if legacy {
                bytes.iter().map(|&b| windows_1252(b)).collect()
            } else {
                String::from_utf8_lossy(bytes).into_owned()
            }
        }
    }
}

/// One Windows-1252 byte as a character: Latin-1, except that 0x80-0x9F
/// hold curly quotes, dashes, the euro sign and so on.
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '\u{20ac}', '\u{81}', '\u{201a}', '\u{192}', '\u{201e}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{2c6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8d}', '\u{17d}',
        '\u{8f}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}', '\u{2022}', '\u{2013}',
        '\u{2014}', '\u{2dc}', '\u{2122}', '\u{161}', '\u{203a}', '\u{153}', '\u{9d}', '\u{17e}',
        '\u{178}',
    ];
    match b {
        0x80..=0x9f => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// One page to one article. `base_url` is where it was fetched from, if
/// known. The error is the message only; the caller adds the source.
pub(crate) fn article_from_bytes(
    bytes: &[u8],
    source: &str,
    base_url: Option<&str>,
    charset_hint: Option<&str>,
    format: Format,
    limits: &Limits,
) -> Result<Article, String> {
    let html = decode(bytes, charset_hint);
    let (text, meta) = extract(&html, base_url)?;
    finish(text, meta, source.to_string(), format, limits)
}

/// The main text and metadata of a page.
pub(crate) fn extract(html: &str, base_url: Option<&str>) -> Result<(String, Metadata), String> {
    if html.trim().is_empty() {
        return Err("empty page".to_string());
    }
    let doc = Document::from(html);
    let mut meta = page_metadata(&doc);
    remove_boilerplate(&doc);
    let base_abs = base_url.filter(|u| is_absolute(u));
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let mut readability = Readability::with_document(doc, base_abs, Some(cfg))
        .map_err(|e| format!("cannot read the page: {e}"))?;
    let parsed = readability
        .parse()
        .map_err(|e| format!("no article content found ({e})"))?;
    let text = tidy(&parsed.text_content);
    if text.is_empty() {
        return Err("no article content found (the page has no main text)".to_string());
    }
    if meta.title.is_none() && !parsed.title.trim().is_empty() {
        meta.title = Some(collapse_ws(&parsed.title));
    }
    if meta.published.is_none() {
        meta.published = parsed.published_time.as_deref().and_then(parse_date);
    }
    if meta.url.is_none() {
        meta.url = parsed
            .url
            .filter(|u| is_absolute(u))
            .or_else(|| base_url.map(str::to_string));
    }
    Ok((text, meta))
}

/// Elements that are never the article, whatever Readability scores them:
/// navigation, consent banners, sign-up boxes, forms, related links.
const BOILERPLATE: &str = "nav, footer, aside, form, noscript, button, \
    [role=navigation], [role=contentinfo], [role=complementary], [aria-hidden=true], \
    [id*=cookie], [class*=cookie], [id*=consent], [class*=consent], \
    [class*=newsletter], [id*=newsletter], [class*=subscribe], [class*=signup], \
    [class*=related], [class*=advert], [id*=advert], [class*=paywall], [class*=breadcrumb]";

/// Removes [`BOILERPLATE`] elements before extraction, except one holding
/// half the page's paragraphs or more: that is the article, whatever its
/// class says.
fn remove_boilerplate(doc: &Document) {
    let total = doc.select("p").length();
    for node in doc.select(BOILERPLATE).nodes() {
        let inside = dom_query::Selection::from(*node).select("p").length();
        if total == 0 || inside * 2 < total {
            node.remove_from_parent();
        }
    }
}

/// The text of an HTML fragment (a feed item's content), without
/// Readability: the fragment is the content already.
pub(crate) fn fragment_text(html: &str) -> String {
    let doc = Document::fragment(html);
    tidy(&doc.formatted_text())
}

/// An `http(s)` URL with something after the scheme: what Readability
/// accepts as the page's URL (`http://` alone would fail the whole page).
fn is_absolute(url: &str) -> bool {
    let url = url.trim();
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"));
    rest.is_some_and(|r| !r.is_empty() && !r.ends_with("://"))
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One paragraph per line, separated by blank lines: lines trimmed, runs of
/// spaces collapsed, runs of blank lines made one, ends trimmed; a final
/// newline.
pub(crate) fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines() {
        let line = collapse_ws(line);
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push_str("\n\n");
        } else if !out.is_empty() {
            out.push('\n');
        }
        blank = false;
        out.push_str(&line);
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// Title, date and URL from the page's head, JSON-LD and `<time>` tags.
fn page_metadata(doc: &Document) -> Metadata {
    // One pass over the meta tags, keyed by lower-cased property/name/itemprop.
    let mut tags: Vec<(String, String)> = Vec::new();
    for node in doc.select("meta").nodes() {
        let Some(content) = node.attr("content") else {
            continue;
        };
        let content = content.trim().to_string();
        if content.is_empty() {
            continue;
        }
        for attr in ["property", "name", "itemprop"] {
            if let Some(key) = node.attr(attr) {
                tags.push((key.trim().to_ascii_lowercase(), content.clone()));
            }
        }
    }
    let tag = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|k| {
            tags.iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
        })
    };
    let ld = json_ld(doc);

    let title = tag(TITLE_KEYS)
        .or_else(|| ld.headline.clone())
        .map(|t| collapse_ws(&t))
        .filter(|t| !t.is_empty());

    let published = DATE_KEYS
        .iter()
        .filter_map(|k| tags.iter().find(|(key, _)| key == k))
        .find_map(|(_, v)| parse_date(v))
        .or_else(|| ld.date_published.as_deref().and_then(parse_date))
        .or_else(|| time_tag(doc));

    let canonical = doc
        .select("link[rel=canonical]")
        .nodes()
        .iter()
        .find_map(|n| n.attr("href").map(|h| h.trim().to_string()));
    let url = tag(URL_KEYS)
        .into_iter()
        .chain(canonical)
        .chain(ld.url.clone())
        .find(|u| is_absolute(u));

    Metadata {
        title,
        published,
        url,
        origin: None,
    }
}

/// The publication date from `<time>` tags.
fn time_tag(doc: &Document) -> Option<chrono::NaiveDate> {
    for sel in [
        "time[itemprop=datePublished]",
        "time[pubdate]",
        "article time[datetime]",
        "time[datetime]",
    ] {
        for node in doc.select(sel).nodes() {
            let value = node.attr("datetime").map(|v| v.to_string());
            let value = value.unwrap_or_else(|| node.text().to_string());
            if let Some(d) = parse_date(&value) {
                return Some(d);
            }
        }
    }
    None
}

#[derive(Default)]
struct LdFields {
    headline: Option<String>,
    date_published: Option<String>,
    url: Option<String>,
}

/// `headline`, `datePublished` and `url` from the first JSON-LD object that
/// has them (arrays and `@graph` are searched; unparseable blocks skipped).
fn json_ld(doc: &Document) -> LdFields {
    let mut out = LdFields::default();
    for node in doc.select("script[type=\"application/ld+json\"]").nodes() {
        let raw = node.text();
        let raw = raw.trim();
        let raw = raw
            .strip_prefix("<![CDATA[")
            .and_then(|r| r.strip_suffix("]]>"))
            .unwrap_or(raw);
        let Ok(value) = serde_json::from_str::<serde_json::Value>(raw) else {
            continue;
        };
        walk_ld(&value, &mut out, 0);
    }
    out
}

fn walk_ld(value: &serde_json::Value, out: &mut LdFields, depth: usize) {
    use serde_json::Value;
    if depth > 8 {
        return;
    }
    match value {
        Value::Array(items) => items.iter().for_each(|v| walk_ld(v, out, depth + 1)),
        Value::Object(map) => {
            let s = |k: &str| map.get(k).and_then(Value::as_str).map(str::to_string);
            // Only article-like objects speak for the page (not its
            // publisher's Organization, nor a BreadcrumbList).
            let kind = map
                .get("@type")
                .map(|t| t.to_string().to_ascii_lowercase())
                .unwrap_or_default();
            let article_like = kind.contains("article")
                || kind.contains("posting")
                || kind.contains("report")
                || kind.contains("webpage")
                || map.contains_key("headline");
            if article_like {
                if out.headline.is_none() {
                    out.headline = s("headline").or_else(|| s("name"));
                }
                if out.date_published.is_none() {
                    out.date_published = s("datePublished").or_else(|| s("dateCreated"));
                }
                if out.url.is_none() {
                    out.url = s("url").or_else(|| {
                        map.get("mainEntityOfPage").and_then(|m| {
                            m.as_str().map(str::to_string).or_else(|| {
                                m.get("@id").and_then(Value::as_str).map(str::to_string)
                            })
                        })
                    });
                }
            }
            if let Some(graph) = map.get("@graph") {
                walk_ld(graph, out, depth + 1);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html>
<html><head>
<title>Ministers meet in Vienna | The Daily Ledger</title>
<meta property="og:title" content="Ministers meet in Vienna">
<meta name="citation_date" content="2026/11/27">
<link rel="canonical" href="https://ledger.example/world/ministers-meet">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"LD headline","datePublished":"2026-11-26T08:00:00Z"}</script>
</head><body>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></nav>
<div class="ad">Advertisement: buy the premium subscription today</div>
<article>
<h1>Ministers meet in Vienna</h1>
<time datetime="2026-11-25">25 November</time>
<p>The foreign ministers of Austria and Hungary met in Vienna on Thursday to discuss border controls, officials said. The meeting lasted three hours and ended without a joint statement.</p>
<p>"We had a frank exchange," the Austrian minister said after the talks. Both sides agreed to meet again in January, according to a spokesperson for the Hungarian government.</p>
<p>The talks followed weeks of tension over migration policy between the two neighbours, which share a long land border and a history of cooperation.</p>
</article>
<footer>Copyright The Daily Ledger. All rights reserved. Contact us. Privacy policy.</footer>
</body></html>"#;

    #[test]
    fn extracts_main_text_and_metadata() {
        let (text, meta) = extract(PAGE, None).unwrap();
        assert!(text.contains("The foreign ministers of Austria"), "{text}");
        assert!(text.contains("\"We had a frank exchange,\""), "{text}");
        assert!(!text.contains("cookies"), "{text}");
        assert!(!text.contains("Advertisement"), "{text}");
        assert!(!text.contains("Copyright"), "{text}");
        assert!(text.contains("\n\n"), "paragraphs are separated: {text}");
        assert_eq!(meta.title.as_deref(), Some("Ministers meet in Vienna"));
        // citation_date is a meta tag: it wins over JSON-LD and <time>.
        assert_eq!(meta.published.unwrap().to_string(), "2026-11-27");
        assert_eq!(
            meta.url.as_deref(),
            Some("https://ledger.example/world/ministers-meet")
        );
    }

    #[test]
    fn json_ld_then_time_tag() {
        let page = PAGE.replace("citation_date", "x-other");
        let (_, meta) = extract(&page, None).unwrap();
        assert_eq!(meta.published.unwrap().to_string(), "2026-11-26");
        let page = page.replace("datePublished", "x");
        let (_, meta) = extract(&page, None).unwrap();
        assert_eq!(meta.published.unwrap().to_string(), "2026-11-25");
    }

    #[test]
    fn no_body_is_an_error() {
        let e = extract("<html><head><title>Nothing</title></head></html>", None).unwrap_err();
        assert!(e.contains("no article content"), "{e}");
        assert!(extract("   ", None).is_err());
    }

    #[test]
    fn a_bad_base_url_is_ignored() {
        for base in ["http://", "https:// ", "http://a://", "example.org/a"] {
            let (text, meta) = extract(PAGE, Some(base)).unwrap();
            assert!(text.contains("The foreign ministers"), "{base:?}");
            assert_eq!(
                meta.url.as_deref(),
                Some("https://ledger.example/world/ministers-meet")
            );
        }
        assert!(is_absolute("https://ledger.example/a"));
        assert!(!is_absolute("ftp://ledger.example/a"));
    }

    #[test]
    fn fragment() {
        assert_eq!(
            fragment_text("<p>One &amp; two.</p><p>Three.</p>"),
            "One & two.\n\nThree.\n"
        );
    }

    #[test]
    fn tidy_collapses() {
        assert_eq!(tidy("\n  a   b \n\n\n\n c\n d  \n\n"), "a b\n\nc\nd\n");
        assert_eq!(tidy(" \n "), "");
    }

    #[test]
    fn decodes_latin1_when_declared() {
        let bytes = b"<meta charset=\"iso-8859-1\"><p>caf\xe9</p>";
        assert!(decode(bytes, None).contains("caf\u{e9}"));
        assert!(decode(b"<p>caf\xe9</p>", None).contains('\u{fffd}'));
        // Curly quotes from Windows-1252, declared by the HTTP header.
        let quoted = decode(
            b"<p>\x93Yes,\x94 he said \x96 \x80 5</p>",
            Some("text/html; charset=windows-1252"),
        );
        assert!(
            quoted.contains("\u{201c}Yes,\u{201d} he said \u{2013} \u{20ac} 5"),
            "{quoted}"
        );
    }
}
