//! A synthetic test corpus: templated news reports about invented political
//! events, written to disk in every input format.
//!
//! All text is generated here from templates (invented people, generic
//! events: meetings, sanctions, aid, phone calls, agreements, visits), so it
//! can be shipped and changed freely. [`write_corpus`] lays out:
//!
//! ```text
//! text/         50 .txt files, fenced or bare front matter, some without
//! html/OUTLET/  50 pages with boilerplate (cookie banner, nav, ads,
//!               related links, newsletter box, footer), metadata in og:,
//!               JSON-LD, citation_* or <time> tags
//! jsonl/wire.jsonl      40 lines (every fourth an HTML page in "html")
//! feeds/world.rss       25 RSS 2.0 items with content:encoded
//! feeds/politics.atom   25 Atom entries (HTML and XHTML content)
//! warc/crawl.warc.gz    30 HTML responses, plus warcinfo, request, a
//!                       redirect and an image record, one gzip member each
//! ```
//!
//! 220 articles in all. Six of them are one story, the climate-finance
//! agreement signed in Nairobi, told by six outlets in different words and
//! spread over text, HTML, JSON Lines, RSS and WARC: near-duplicates for
//! cross-article merging. Everything is deterministic: the same call writes
//! the same bytes.
//!
//! ```no_run
//! let dir = std::path::Path::new("corpus");
//! let summary = newsgraph_ingest::corpus::write_corpus(dir).unwrap();
//! assert_eq!(summary.expected.len(), 220);
//! ```

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::{Datelike, Duration, NaiveDate};

use crate::Format;

/// One article the corpus holds, as ingest should find it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    /// `None` (with `published` and `url`) for text files without front matter.
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    /// Unique per article where present.
    pub url: Option<String>,
    pub format: Format,
    pub outlet: String,
    /// The lead sentence, unique per article; the ingested text contains it.
    pub lead: String,
    /// `Some(0)` for the six reports of the shared story.
    pub story: Option<usize>,
}

/// What [`write_corpus`] wrote.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Every file written, sorted.
    pub files: Vec<PathBuf>,
    /// Every article, in no particular order.
    pub expected: Vec<Expected>,
}

/// A generated report before it is written in some format.
#[derive(Debug, Clone)]
pub struct Report {
    pub title: String,
    pub published: NaiveDate,
    pub url: String,
    pub outlet: &'static Outlet,
    pub paragraphs: Vec<String>,
    pub story: Option<usize>,
}

#[derive(Debug)]
pub struct Outlet {
    pub name: &'static str,
    pub domain: &'static str,
}

pub static OUTLETS: &[Outlet] = &[
    Outlet {
        name: "The Daily Ledger",
        domain: "ledger.example",
    },
    Outlet {
        name: "Harbor Times",
        domain: "harbortimes.example",
    },
    Outlet {
        name: "Global Wire",
        domain: "globalwire.example",
    },
    Outlet {
        name: "Northern Courier",
        domain: "courier.example",
    },
    Outlet {
        name: "Plains Gazette",
        domain: "gazette.example",
    },
    Outlet {
        name: "Metro Post",
        domain: "metropost.example",
    },
];

/// (country, capital, adjective)
const COUNTRIES: &[(&str, &str, &str)] = &[
    ("Germany", "Berlin", "German"),
    ("France", "Paris", "French"),
    ("Poland", "Warsaw", "Polish"),
    ("Kenya", "Nairobi", "Kenyan"),
    ("Brazil", "Brasilia", "Brazilian"),
    ("Japan", "Tokyo", "Japanese"),
    ("Canada", "Ottawa", "Canadian"),
    ("Egypt", "Cairo", "Egyptian"),
    ("India", "New Delhi", "Indian"),
    ("Mexico", "Mexico City", "Mexican"),
    ("Norway", "Oslo", "Norwegian"),
    ("Turkey", "Ankara", "Turkish"),
    ("Indonesia", "Jakarta", "Indonesian"),
    ("Chile", "Santiago", "Chilean"),
    ("Ghana", "Accra", "Ghanaian"),
    ("Vietnam", "Hanoi", "Vietnamese"),
];

const TITLES: &[&str] = &[
    "Foreign Minister",
    "Prime Minister",
    "President",
    "Trade Minister",
    "Defence Minister",
    "Finance Minister",
    "Energy Minister",
];

/// Invented people: (first name, surname).
const PEOPLE: &[(&str, &str)] = &[
    ("Anna", "Varga"),
    ("Tomas", "Lindqvist"),
    ("Amara", "Okafor"),
    ("Hiroshi", "Tanabe"),
    ("Lucia", "Moreno"),
    ("Pieter", "Van Aalst"),
    ("Farid", "Haddad"),
    ("Mei", "Chen"),
    ("Daniel", "Osei"),
    ("Sofia", "Marin"),
    ("Rajesh", "Kulkarni"),
    ("Elena", "Petrova"),
    ("Carlos", "Ibarra"),
    ("Ingrid", "Solberg"),
    ("Kemal", "Aydin"),
    ("Nadia", "Rahman"),
    ("Jonas", "Brandt"),
    ("Camille", "Dufresne"),
    ("Kwame", "Mensah"),
    ("Yuki", "Morita"),
];

const TOPICS: &[&str] = &[
    "trade tariffs",
    "energy supplies",
    "border security",
    "climate finance",
    "grain exports",
    "migration",
    "fishing rights",
    "a ceasefire in the region",
    "debt relief",
    "vaccine production",
    "rare earth mining",
    "port investment",
];

const SECTORS: &[&str] = &[
    "banks",
    "oil exports",
    "shipping companies",
    "arms suppliers",
    "senior officials",
    "technology firms",
];

const QUOTES: &[&str] = &[
    "We will not accept any further delay on this issue",
    "Our door remains open to dialogue",
    "These measures are a direct response to repeated violations",
    "The aid will reach the families who need it most",
    "This agreement shows what patient diplomacy can achieve",
    "We expect concrete steps, not more promises",
    "Nobody benefits from a trade war",
    "We are ready to work with all our partners",
    "The decision was not taken lightly",
    "Our priority is the safety of our citizens",
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn weekday(d: NaiveDate) -> &'static str {
    match d.weekday() {
        chrono::Weekday::Mon => "Monday",
        chrono::Weekday::Tue => "Tuesday",
        chrono::Weekday::Wed => "Wednesday",
        chrono::Weekday::Thu => "Thursday",
        chrono::Weekday::Fri => "Friday",
        chrono::Weekday::Sat => "Saturday",
        chrono::Weekday::Sun => "Sunday",
    }
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// One story told by three outlets, for tests of cross-article merging,
/// worded so that the extractor finds the same SANCTION event (Norway →
/// Chile) and the same quote in each.
pub const NEAR_DUPLICATES: [(&str, &str); 3] = [
    (
        "dup-a.txt",
        "---\ntitle: Norway sanctions Chile\ndate: 2026-11-12\nurl: https://www.first-paper.example/world/norway-chile\n---\n\
         Norway announced new sanctions against Chile on Tuesday, targeting shipping firms in a dispute over fishing rights.\n\n\
         \"These measures are a direct response to repeated violations,\" Foreign Minister Ingrid Solberg said.\n",
    ),
    (
        "dup-b.txt",
        "---\ntitle: Oslo hits Santiago with sanctions\ndate: 2026-11-11\nurl: https://second-daily.example/2026/11/11/sanctions\n---\n\
         Norway imposed sanctions on Chile on Tuesday over a long-running dispute about fishing rights.\n\n\
         \"These measures are a direct response to repeated violations,\" Norwegian Foreign Minister Ingrid Solberg told reporters.\n",
    ),
    (
        "dup-c.txt",
        "---\ntitle: New sanctions in fishing row\ndate: 2026-11-12\nurl: https://third-wire.example/n/8812\n---\n\
         Chile faces new sanctions: Norway announced sanctions against Chile on Tuesday, officials said.\n\n\
         Foreign Minister Ingrid Solberg said: \"These measures are a direct response to repeated violations.\"\n",
    ),
];

/// The `i`-th independent report (i >= 0), deterministic in `i`.
pub fn report(i: usize) -> Report {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ ((i as u64 + 1) * 0x1000_0000_01B3));
    for _ in 0..4 {
        rng.next();
    }
    let outlet = &OUTLETS[i % OUTLETS.len()];
    let published =
        NaiveDate::from_ymd_opt(2026, 9, 1).expect("valid") + Duration::days(rng.below(88) as i64);
    let event_day = published - Duration::days(rng.below(3) as i64 + 1);
    let day = weekday(event_day);
    let c1 = *rng.pick(COUNTRIES);
    let mut c2 = *rng.pick(COUNTRIES);
    while c2.0 == c1.0 {
        c2 = *rng.pick(COUNTRIES);
    }
    let (t1, t2) = (*rng.pick(TITLES), *rng.pick(TITLES));
    let p1 = PEOPLE[(i * 7 + rng.below(3)) % PEOPLE.len()];
    let mut p2 = *rng.pick(PEOPLE);
    while p2 == p1 {
        p2 = *rng.pick(PEOPLE);
    }
    let topic = *rng.pick(TOPICS);
    let (q1, q2) = (*rng.pick(QUOTES), *rng.pick(QUOTES));
    let amount = 5 * (rng.below(80) + 2);
    let next_month = MONTHS[(published.month0() as usize + 1 + rng.below(2)) % 12];
    let person1 = format!("{} {} {} of {}", t1, p1.0, p1.1, c1.0);
    let person2 = format!("{} {} {} of {}", t2, p2.0, p2.1, c2.0);
    let kind = i % 6;
    let (title, lead) = match kind {
        0 => (
            format!("{} and {} leaders meet in {} over {}", c1.2, c2.2, c1.1, topic),
            format!(
                "{person1} met {person2} in {} on {day} to discuss {topic}, officials said.",
                c1.1
            ),
        ),
        1 => (
            format!("{} imposes new sanctions on {}", c1.0, c2.0),
            format!(
                "{} announced new sanctions against {} on {day}, targeting {} in a dispute over {topic}.",
                c1.0,
                c2.0,
                rng.pick(SECTORS)
            ),
        ),
        2 => (
            format!("{} pledges {amount} million dollars in aid to {}", c1.0, c2.0),
            format!(
                "{} pledged {amount} million dollars in humanitarian aid to {} on {day}, {person1} told reporters.",
                c1.0, c2.0
            ),
        ),
        3 => (
            format!("{} {} and {} {} hold phone call", c1.2, t1, c2.2, t2),
            format!(
                "{} {} and {} {} spoke by phone on {day} about {topic}, according to a statement from {}.",
                t1, p1.1, t2, p2.1, c1.1
            ),
        ),
        4 => (
            format!("{} and {} sign agreement on {}", c1.0, c2.0, topic),
            format!(
                "{} and {} signed an agreement on {topic} in {} on {day}, ending months of negotiations.",
                c1.0, c2.0, c2.1
            ),
        ),
        _ => (
            format!("{} {} visits {}", c1.2, t1, c2.0),
            format!(
                "{person1} arrived in {} on {day} for a two-day visit focused on {topic}.",
                c2.1
            ),
        ),
    };
    // Introduce each person in full the first time, by surname after.
    let speaker1 = if lead.contains(p1.1) {
        format!("{} {}", p1.0, p1.1)
    } else {
        person1.clone()
    };
    let speaker2 = if lead.contains(p2.1) {
        format!("{} {}", t2, p2.1)
    } else {
        person2.clone()
    };
    let occasion = match kind {
        1 => "in a statement",
        2 => "at a news conference",
        3 => "after the call",
        _ => "after the talks",
    };
    let paragraphs = vec![
        lead,
        format!("\"{q1},\" {speaker1} said {occasion}."),
        format!(
            "The talks come after weeks of tension between {} and {} over {topic}. Diplomats in {} described the mood as cautious.",
            c1.0, c2.0, c2.1
        ),
        format!(
            "{speaker2} responded that {} would study the proposals. \"{q2},\" {} said.",
            c2.0, p2.1
        ),
        format!(
            "Officials from both countries are expected to meet again in {next_month}, a spokesperson for the {} government said.",
            c2.2
        ),
    ];
    let url = format!(
        "https://{}/{}/{:02}/{}-{}",
        outlet.domain,
        published.year(),
        published.month(),
        slug(&title),
        i
    );
    Report {
        title,
        published,
        url,
        outlet,
        paragraphs,
        story: None,
    }
}

/// The shared story told by outlet `k` (0..6): the same event, date and
/// quotes, different wording and URL.
pub fn shared_story(k: usize) -> Report {
    let outlet = &OUTLETS[k % OUTLETS.len()];
    let published = NaiveDate::from_ymd_opt(2026, 11, 20).expect("valid");
    let leads = [
        "President Daniel Osei of Kenya and Prime Minister Ingrid Solberg of Norway signed a climate finance agreement in Nairobi on Thursday, officials said.",
        "Kenya and Norway agreed on Thursday to a climate finance deal worth 400 million dollars, signed in Nairobi by President Daniel Osei and Prime Minister Ingrid Solberg.",
        "Norwegian Prime Minister Ingrid Solberg and Kenyan President Daniel Osei sealed a climate finance pact in Nairobi on Thursday.",
        "A climate finance agreement between Kenya and Norway was signed in Nairobi on Thursday by the two countries' leaders.",
        "Kenyan President Daniel Osei on Thursday signed a 400 million dollar climate finance agreement with Norway in Nairobi.",
        "The leaders of Kenya and Norway met in Nairobi on Thursday and signed an agreement on climate finance, their offices said.",
    ];
    let titles = [
        "Kenya and Norway sign climate finance agreement",
        "Kenya, Norway agree 400 million dollar climate deal",
        "Norway and Kenya seal climate finance pact in Nairobi",
        "Climate finance agreement signed in Nairobi",
        "Osei signs climate finance deal with Norway",
        "Kenyan and Norwegian leaders sign climate accord",
    ];
    let paragraphs = vec![
        leads[k % leads.len()].to_string(),
        format!(
            "\"This agreement shows what patient diplomacy can achieve,\" Osei said at a joint news conference{}.",
            if k.is_multiple_of(2) { " in the Kenyan capital" } else { "" }
        ),
        "Under the deal, Norway will provide 400 million dollars over five years for solar power and drought protection in northern Kenya.".to_string(),
        format!(
            "Solberg {} that the money would be released in stages. \"We expect concrete steps, not more promises,\" she said.",
            if k.is_multiple_of(3) { "said" } else { "told reporters" }
        ),
        "The two governments plan to review progress at a meeting in Oslo in March.".to_string(),
    ];
    Report {
        title: titles[k % titles.len()].to_string(),
        published,
        url: format!(
            "https://{}/world/2026/11/kenya-norway-climate-finance-{}",
            outlet.domain,
            k + 1
        ),
        outlet,
        paragraphs,
        story: Some(0),
    }
}

fn expect_of(r: &Report, format: Format) -> Expected {
    Expected {
        title: Some(r.title.clone()),
        published: Some(r.published),
        url: Some(r.url.clone()),
        format,
        outlet: r.outlet.name.to_string(),
        lead: r.paragraphs[0].clone(),
        story: r.story,
    }
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn html_paragraphs(r: &Report) -> String {
    r.paragraphs
        .iter()
        .map(|p| format!("<p>{}</p>\n", xml_escape(p)))
        .collect()
}

/// A plain-text article; `style` 0: fenced front matter, 1: bare, 2: none.
pub fn text_file(r: &Report, style: usize) -> String {
    let body = r.paragraphs.join("\n\n") + "\n";
    match style % 3 {
        0 => format!(
            "---\ntitle: \"{}\"\ndate: {}\nurl: {}\noutlet: {}\n---\n{body}",
            r.title, r.published, r.url, r.outlet.name
        ),
        1 => format!(
            "title: {}\npublished: {}T09:30:00Z\nurl: {}\n\n{body}",
            r.title, r.published, r.url
        ),
        _ => format!("{}\n\n{body}", r.title),
    }
}

/// A full page with boilerplate around the article; `style` picks where the
/// metadata is (0: og/article tags, 1: JSON-LD, 2: citation tags and
/// canonical link, 3: `<time>` and canonical link).
pub fn html_page(r: &Report, style: usize) -> String {
    let title = xml_escape(&r.title);
    let url = xml_escape(&r.url);
    let date = r.published;
    let outlet = r.outlet.name;
    let head_meta = match style % 4 {
        0 => format!(
            "<meta property=\"og:title\" content=\"{title}\">\n<meta property=\"og:url\" content=\"{url}\">\n<meta property=\"article:published_time\" content=\"{date}T08:15:00+00:00\">\n<meta property=\"og:site_name\" content=\"{outlet}\">"
        ),
        1 => format!(
            "<script type=\"application/ld+json\">{}</script>",
            serde_json::json!({
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": r.title,
                "datePublished": format!("{date}T06:00:00Z"),
                "url": r.url,
                "publisher": {"@type": "Organization", "name": outlet, "url": format!("https://{}/", r.outlet.domain)},
            })
        ),
        2 => format!(
            "<meta name=\"citation_title\" content=\"{title}\">\n<meta name=\"citation_date\" content=\"{}\">\n<link rel=\"canonical\" href=\"{url}\">",
            date.format("%Y/%m/%d")
        ),
        _ => format!("<link rel=\"canonical\" href=\"{url}\">"),
    };
    let time = if style % 4 == 3 {
        format!(
            "<time datetime=\"{date}T10:00:00+01:00\">{}</time>",
            date.format("%e %B %Y")
        )
    } else {
        String::new()
    };
    let related: String = (1..=6)
        .map(|k| {
            format!(
                "<li><a href=\"https://{}/more/{k}\">More stories from {outlet} number {k}</a></li>",
                r.outlet.domain
            )
        })
        .collect();
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} | {outlet}</title>
{head_meta}
<link rel="stylesheet" href="/static/site.css">
<script>window.dataLayer = window.dataLayer || []; function track() {{ return 1; }}</script>
</head>
<body>
<div id="cookie-banner" class="cookie-consent">We use cookies to personalise content and ads. <button>Accept all</button> <button>Manage preferences</button></div>
<header class="site-header"><a class="logo" href="/">{outlet}</a>
<nav class="main-nav"><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li><li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li></ul></nav>
</header>
<div class="ad-banner advertisement">Advertisement: Subscribe now and get three months free.</div>
<main>
<article class="story">
<h1 class="headline">{title}</h1>
<div class="byline">By staff reporters {time}</div>
<div class="article-body">
{body}</div>
</article>
<aside class="related sidebar"><h3>Related</h3><ul>{related}</ul></aside>
<div class="newsletter-signup">Get the morning briefing in your inbox. <input type="email"> <button>Sign up</button></div>
</main>
<footer class="site-footer"><p>Copyright 2026 {outlet}. All rights reserved.</p><p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a> <a href="/contact">Contact</a></p></footer>
</body>
</html>
"#,
        body = html_paragraphs(r),
    )
}

/// One JSON line; `with_html` puts the page in `html` instead of `text`.
pub fn json_line(r: &Report, with_html: bool) -> String {
    let value = if with_html {
        serde_json::json!({
            "html": html_page(r, 0),
            "published": r.published.to_string(),
            "url": r.url,
        })
    } else {
        serde_json::json!({
            "title": r.title,
            "published": format!("{}T12:00:00Z", r.published),
            "url": r.url,
            "text": r.paragraphs.join("\n\n"),
            "outlet": r.outlet.name,
        })
    };
    value.to_string()
}

/// An RSS 2.0 feed with full content in `content:encoded`.
pub fn rss_feed(reports: &[Report]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n<title>World news</title>\n<link>https://globalwire.example/</link>\n<description>Synthetic test feed</description>\n",
    );
    for r in reports {
        out.push_str(&format!(
            "<item>\n<title>{}</title>\n<link>{}</link>\n<guid isPermaLink=\"true\">{}</guid>\n<pubDate>{}</pubDate>\n<description>{}</description>\n<content:encoded><![CDATA[{}]]></content:encoded>\n</item>\n",
            xml_escape(&r.title),
            xml_escape(&r.url),
            xml_escape(&r.url),
            r.published.format("%a, %d %b %Y 07:45:00 GMT"),
            xml_escape(&r.paragraphs[0]),
            html_paragraphs(r),
        ));
    }
    out.push_str("</channel>\n</rss>\n");
    out
}

/// An Atom feed; every third entry carries XHTML content, the others HTML.
pub fn atom_feed(reports: &[Report]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>Politics</title>\n<id>urn:example:politics</id>\n<updated>2026-11-28T00:00:00Z</updated>\n",
    );
    for (i, r) in reports.iter().enumerate() {
        let content = if i % 3 == 2 {
            format!(
                "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">{}</div></content>",
                html_paragraphs(r)
            )
        } else {
            format!(
                "<content type=\"html\">{}</content>",
                xml_escape(&html_paragraphs(r))
            )
        };
        out.push_str(&format!(
            "<entry>\n<title>{}</title>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<id>{}</id>\n<published>{}T05:30:00-03:00</published>\n<updated>2026-11-28T00:00:00Z</updated>\n<summary>{}</summary>\n{content}\n</entry>\n",
            xml_escape(&r.title),
            xml_escape(&r.url),
            xml_escape(&r.url),
            r.published,
            xml_escape(&r.paragraphs[0]),
        ));
    }
    out.push_str("</feed>\n");
    out
}

/// One WARC/1.1 record (headers, block, trailer).
pub fn warc_record(
    warc_type: &str,
    uri: Option<&str>,
    content_type: &str,
    block: &[u8],
) -> Vec<u8> {
    let mut out = Vec::with_capacity(block.len() + 300);
    out.extend_from_slice(b"WARC/1.1\r\n");
    out.extend_from_slice(format!("WARC-Type: {warc_type}\r\n").as_bytes());
    out.extend_from_slice(b"WARC-Date: 2026-11-28T12:00:00Z\r\n");
    out.extend_from_slice(format!("WARC-Record-ID: <urn:uuid:{:032x}>\r\n", fnv(block)).as_bytes());
    if let Some(uri) = uri {
        out.extend_from_slice(format!("WARC-Target-URI: {uri}\r\n").as_bytes());
    }
    out.extend_from_slice(format!("Content-Type: {content_type}\r\n").as_bytes());
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// An HTTP response record for `html` fetched from `uri`.
pub fn warc_response(uri: &str, status: &str, http_content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut block = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {http_content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    block.extend_from_slice(body);
    warc_record(
        "response",
        Some(uri),
        "application/http; msgtype=response",
        &block,
    )
}

fn fnv(bytes: &[u8]) -> u128 {
    let mut h: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    for &b in bytes {
        h ^= b as u128;
        h = h.wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013B);
    }
    h
}

/// Gzips each record as its own member, as crawlers write `.warc.gz`.
pub fn gzip_members(records: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    for r in records {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(r).expect("writing to a Vec");
        out.extend_from_slice(&enc.finish().expect("writing to a Vec"));
    }
    out
}

/// A WARC crawl of `reports`: warcinfo, then for each a request and a
/// response record; plus a redirect and an image that hold no article.
pub fn warc_crawl(reports: &[Report]) -> Vec<Vec<u8>> {
    let mut records = vec![warc_record(
        "warcinfo",
        None,
        "application/warc-fields",
        b"software: newsgraph-ingest corpus\r\nformat: WARC File Format 1.1\r\n",
    )];
    for (i, r) in reports.iter().enumerate() {
        let request = format!(
            "GET /{} HTTP/1.1\r\nHost: {}\r\n\r\n",
            r.url.split('/').skip(3).collect::<Vec<_>>().join("/"),
            r.outlet.domain
        );
        records.push(warc_record(
            "request",
            Some(&r.url),
            "application/http; msgtype=request",
            request.as_bytes(),
        ));
        records.push(warc_response(
            &r.url,
            "200 OK",
            "text/html; charset=utf-8",
            html_page(r, i).as_bytes(),
        ));
        if i == 3 {
            records.push(warc_response(
                "https://ledger.example/old-link",
                "301 Moved Permanently",
                "text/html",
                b"",
            ));
            records.push(warc_response(
                "https://ledger.example/logo.png",
                "200 OK",
                "image/png",
                b"\x89PNG\r\n\x1a\n0000",
            ));
        }
    }
    records
}

/// Writes the corpus under `dir` (created if missing) and says what it holds.
pub fn write_corpus(dir: &Path) -> io::Result<Summary> {
    let mut files = Vec::new();
    let mut expected = Vec::new();
    let mut write = |rel: &str, bytes: &[u8]| -> io::Result<()> {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, bytes)?;
        files.push(path);
        Ok(())
    };

    // Independent reports 0..214, and the shared story by six outlets.
    let mut next = 0usize;
    let mut take = |n: usize| -> Vec<Report> {
        let out = (next..next + n).map(report).collect();
        next += n;
        out
    };

    // Text: 49 + shared story (outlet 0). The shared story has fenced front matter.
    let mut texts = take(49);
    texts.insert(0, shared_story(0));
    for (i, r) in texts.iter().enumerate() {
        let name = format!("text/{:03}-{}.txt", i, slug(&r.title));
        write(&name, text_file(r, i).as_bytes())?;
        let mut e = expect_of(r, Format::Text);
        if i % 3 == 2 {
            // No front matter: no metadata to expect.
            e.title = None;
            e.published = None;
            e.url = None;
        }
        expected.push(e);
    }

    // HTML: 48 + shared story (outlets 1 and 2).
    let mut pages = take(48);
    pages.insert(0, shared_story(1));
    pages.insert(1, shared_story(2));
    for (i, r) in pages.iter().enumerate() {
        let name = format!(
            "html/{}/{:03}-{}.html",
            slug(r.outlet.name),
            i,
            slug(&r.title)
        );
        write(&name, html_page(r, i).as_bytes())?;
        expected.push(expect_of(r, Format::Html));
    }

    // JSON Lines: 39 + shared story (outlet 3).
    let mut lines = take(39);
    lines.insert(5, shared_story(3));
    let mut jsonl = String::new();
    for (i, r) in lines.iter().enumerate() {
        jsonl.push_str(&json_line(r, i % 4 == 3));
        jsonl.push('\n');
        expected.push(expect_of(r, Format::JsonLines));
    }
    write("jsonl/wire.jsonl", jsonl.as_bytes())?;

    // Feeds: RSS 24 + shared story (outlet 4), Atom 25.
    let mut rss = take(24);
    rss.insert(10, shared_story(4));
    write("feeds/world.rss", rss_feed(&rss).as_bytes())?;
    expected.extend(rss.iter().map(|r| expect_of(r, Format::Feed)));
    let atom = take(25);
    write("feeds/politics.atom", atom_feed(&atom).as_bytes())?;
    expected.extend(atom.iter().map(|r| expect_of(r, Format::Feed)));

    // WARC: 29 + shared story (outlet 5).
    let mut crawl = take(29);
    crawl.insert(7, shared_story(5));
    write("warc/crawl.warc.gz", &gzip_members(&warc_crawl(&crawl)))?;
    expected.extend(crawl.iter().map(|r| expect_of(r, Format::Warc)));

    files.sort();
    Ok(Summary { files, expected })
}
