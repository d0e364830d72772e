//! RSS 2.0, RSS 1.0 (RDF) and Atom feeds, read one item at a time with
//! quick-xml.
//!
//! The article text is the item's full content (`content:encoded`, Atom
//! `<content>`, HTML, XHTML or text), else its `description` or `summary`;
//! the title is `title`; the URL is `link` (Atom: the `alternate` link's
//! `href`), else a URL-shaped `guid`; the date is `pubDate`, `published`,
//! `dc:date` or `updated`. An item without any text is an error; a feed
//! that is not XML, or whose root is not `rss`, `feed` or `rdf:RDF`, is one
//! error for the file.

use std::io::{self, BufRead, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use chrono::NaiveDate;
use newsgraph_core::Metadata;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::{date::parse_date, finish, html, Article, Format, IngestError, Options, Result};

/// Caps what quick-xml may read for one event, which it buffers whole: one
/// giant text node cannot fill memory. The count is reset before each event.
struct EventBudget {
    inner: Box<dyn BufRead + Send>,
    used: Arc<AtomicU64>,
    limit: u64,
}

impl EventBudget {
    fn check(&self) -> io::Result<()> {
        if self.used.load(Ordering::Relaxed) > self.limit {
            return Err(io::Error::other("over budget"));
        }
        Ok(())
    }
}

impl Read for EventBudget {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.check()?;
        let n = self.inner.read(buf)?;
        self.used.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

impl BufRead for EventBudget {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.check()?;
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.used.fetch_add(amt as u64, Ordering::Relaxed);
        self.inner.consume(amt);
    }
}

pub(crate) struct FeedItems {
    reader: Reader<EventBudget>,
    /// Bytes read for the current event (see [`EventBudget`]).
    used: Arc<AtomicU64>,
    path: String,
    opts: Options,
    buf: Vec<u8>,
    root_seen: bool,
    items: usize,
    item: Option<Item>,
    done: bool,
}

/// How a field's content is collected.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Text: entities resolved.
    Plain,
    /// HTML carried as escaped text or CDATA: entities resolved, giving HTML.
    EscapedHtml,
    /// Atom `type="xhtml"`: child elements written back out as HTML.
    Markup,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Link,
    Guid,
    /// Dates, by rank: lower is better.
    Date(u8),
    Content,
    Summary,
}

struct Capture {
    field: Field,
    mode: Mode,
    /// The depth of the field's element inside the item.
    depth: usize,
    text: String,
}

#[derive(Default)]
struct Item {
    n: usize,
    /// Depth of the current element inside the item (the item is 0).
    depth: usize,
    capture: Option<Capture>,
    title: Option<(String, Mode)>,
    link: Option<String>,
    guid: Option<String>,
    date: Option<(u8, NaiveDate)>,
    content: Option<(String, Mode)>,
    summary: Option<(String, Mode)>,
    too_large: bool,
}

impl FeedItems {
    pub(crate) fn new(reader: Box<dyn BufRead + Send>, path: &str, opts: &Options) -> Self {
        let used = Arc::new(AtomicU64::new(0));
        let budget = EventBudget {
            inner: reader,
            used: Arc::clone(&used),
            // Room for an item's content plus the markup around it.
            limit: opts.limits.max_bytes.saturating_add(64 * 1024),
        };
        let mut reader = Reader::from_reader(budget);
        let config = reader.config_mut();
        config.check_end_names = true;
        config.trim_text(false);
        FeedItems {
            reader,
            used,
            path: path.to_string(),
            opts: opts.clone(),
            buf: Vec::new(),
            root_seen: false,
            items: 0,
            item: None,
            done: false,
        }
    }

    fn error(&mut self, message: String) -> Option<Result<Article>> {
        let source = match &self.item {
            Some(item) => format!("{}#record-{}", self.path, item.n),
            None => self.path.clone(),
        };
        Some(Err(IngestError::new(source, message)))
    }
}

fn local(e: &BytesStart<'_>) -> String {
    e.local_name().as_ref().to_ascii_lowercase()
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref().eq_ignore_ascii_case(name))
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.trim().to_string())
        })
}

/// The field a direct child of an item stands for, and how to read it.
fn field_of(name: &str, e: &BytesStart<'_>) -> Option<(Field, Mode)> {
    let typed = |default: Mode| match attr(e, "type").as_deref() {
        Some("xhtml") => Mode::Markup,
        Some("html") | Some("text/html") => Mode::EscapedHtml,
        Some("text") | Some("text/plain") => Mode::Plain,
        _ => default,
    };
    Some(match name {
        "title" => (Field::Title, typed(Mode::Plain)),
        "link" => (Field::Link, Mode::Plain),
        "guid" | "id" => (Field::Guid, Mode::Plain),
        "pubdate" => (Field::Date(0), Mode::Plain),
        "published" => (Field::Date(1), Mode::Plain),
        "date" | "issued" => (Field::Date(2), Mode::Plain),
        "updated" | "modified" => (Field::Date(3), Mode::Plain),
        "encoded" => (Field::Content, Mode::EscapedHtml),
        // Atom content without a type is text; RSS has no <content>.
        "content" => (Field::Content, typed(Mode::Plain)),
        "description" => (Field::Summary, Mode::EscapedHtml),
        "summary" => (Field::Summary, typed(Mode::Plain)),
        _ => return None,
    })
}

fn entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            return char::from_u32(code);
        }
    })
}

impl Item {
    fn push(&mut self, s: &str, max: usize) {
        let Some(c) = &mut self.capture else { return };
        if c.text.len() + s.len() > max {
            self.too_large = true;
            c.text.clear();
            return;
        }
        c.text.push_str(s);
    }

    fn end_capture(&mut self) {
        let Some(c) = self.capture.take() else { return };
        let text = c.text;
        match c.field {
            Field::Title => self.title = Some((text, c.mode)),
            Field::Link => {
                if self.link.is_none() && !text.trim().is_empty() {
                    self.link = Some(text.trim().to_string());
                }
            }
            Field::Guid => self.guid = Some(text.trim().to_string()),
            Field::Date(rank) => {
                if let Some(d) = parse_date(&text) {
                    if self.date.is_none_or(|(r, _)| rank < r) {
                        self.date = Some((rank, d));
                    }
                }
            }
            Field::Content => {
                if !text.trim().is_empty() {
                    self.content = Some((text, c.mode));
                }
            }
            Field::Summary => {
                if !text.trim().is_empty() {
                    self.summary = Some((text, c.mode));
                }
            }
        }
    }

    fn into_article(self, source: String, opts: &Options) -> Result<Article, String> {
        let max = opts.limits.max_bytes;
        if self.too_large {
            return Err(format!(
                "too large: the content exceeds the limit of {max} bytes (raise it with --max-bytes)"
            ));
        }
        let as_text = |(s, mode): (String, Mode)| match mode {
            Mode::Plain => html::tidy(&s),
            Mode::EscapedHtml | Mode::Markup => html::fragment_text(&s),
        };
        let Some(text) = self.content.or(self.summary).map(as_text) else {
            return Err("no content (no content:encoded, content, description or summary)".into());
        };
        let title = self
            .title
            .map(as_text)
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty());
        let url = self.link.or_else(|| {
            self.guid
                .filter(|g| g.starts_with("http://") || g.starts_with("https://"))
        });
        let meta = Metadata {
            title,
            published: self.date.map(|(_, d)| d),
            url,
            origin: None,
        };
        finish(text, meta, source, Format::Feed, &opts.limits)
    }
}

impl Iterator for FeedItems {
    type Item = Result<Article>;

    fn next(&mut self) -> Option<Self::Item> {
        let max = usize::try_from(self.opts.limits.max_bytes).unwrap_or(usize::MAX);
        while !self.done {
            self.buf.clear();
            self.used.store(0, Ordering::Relaxed);
            let event = match self.reader.read_event_into(&mut self.buf) {
                Ok(ev) => ev,
                Err(_) if self.used.load(Ordering::Relaxed) > self.reader.get_ref().limit => {
                    self.done = true;
                    let message = format!(
                        "too large: one XML element exceeds the limit of {} bytes (raise it with --max-bytes)",
                        self.opts.limits.max_bytes
                    );
                    return self.error(message);
                }
                Err(e) => {
                    self.done = true;
                    let pos = self.reader.error_position();
                    let what = if self.root_seen {
                        "bad XML"
                    } else {
                        "not a feed: not XML"
                    };
                    let message = format!("{what} at byte {pos}: {e}");
                    return self.error(message);
                }
            };
            match event {
                Event::Eof => {
                    self.done = true;
                    if !self.root_seen {
                        return self.error(
                            "not a feed: no <rss>, <feed> or <rdf:RDF> element".to_string(),
                        );
                    }
                    if self.item.is_some() {
                        return self.error("truncated inside an item".to_string());
                    }
                    return None;
                }
                Event::Start(e) => {
                    let name = local(&e);
                    if !self.root_seen {
                        if matches!(name.as_str(), "rss" | "feed" | "rdf") {
                            self.root_seen = true;
                            continue;
                        }
                        self.done = true;
                        return self
                            .error(format!("not a feed: the root element is <{name}>, not <rss>, <feed> or <rdf:RDF>"));
                    }
                    match &mut self.item {
                        None => {
                            if name == "item" || name == "entry" {
                                self.items += 1;
                                if self.items > self.opts.max_records {
                                    self.done = true;
                                    let message = format!(
                                        "stopped after {} items (the limit of records per file)",
                                        self.opts.max_records
                                    );
                                    return Some(Err(IngestError::new(&self.path, message)));
                                }
                                self.item = Some(Item {
                                    n: self.items,
                                    ..Item::default()
                                });
                            }
                        }
                        Some(item) => {
                            item.depth += 1;
                            let markup = item
                                .capture
                                .as_ref()
                                .is_some_and(|c| c.mode == Mode::Markup);
                            if markup {
                                let tag = format!("<{name}{}>", e.attributes_raw());
                                item.push(&tag, max);
                            } else if item.capture.is_none() && item.depth == 1 {
                                if let Some((field, mode)) = field_of(&name, &e) {
                                    if field == Field::Link {
                                        // Atom-style link with an href, written open.
                                        if let Some(href) = attr(&e, "href") {
                                            link_href(item, &e, href);
                                        }
                                    }
                                    item.capture = Some(Capture {
                                        field,
                                        mode,
                                        depth: item.depth,
                                        text: String::new(),
                                    });
                                }
                            }
                        }
                    }
                }
                Event::Empty(e) => {
                    if !self.root_seen {
                        self.done = true;
                        return self.error("not a feed: the document is one empty element".into());
                    }
                    if let Some(item) = &mut self.item {
                        let name = local(&e);
                        let markup = item
                            .capture
                            .as_ref()
                            .is_some_and(|c| c.mode == Mode::Markup);
                        if markup {
                            let tag = format!("<{name}{}/>", e.attributes_raw());
                            item.push(&tag, max);
                        } else if item.capture.is_none() && item.depth == 0 && name == "link" {
                            if let Some(href) = attr(&e, "href") {
                                link_href(item, &e, href);
                            }
                        }
                    }
                }
                Event::End(e) => {
                    let Some(item) = &mut self.item else { continue };
                    if item.depth == 0 {
                        let item = self.item.take().expect("checked above");
                        let source = format!("{}#record-{}", self.path, item.n);
                        let n = item.n;
                        return Some(
                            item.into_article(source.clone(), &self.opts)
                                .map_err(|m| IngestError::new(source, format!("item {n}: {m}"))),
                        );
                    }
                    if item.capture.as_ref().is_some_and(|c| c.depth == item.depth) {
                        item.end_capture();
                    } else if item
                        .capture
                        .as_ref()
                        .is_some_and(|c| c.mode == Mode::Markup)
                    {
                        let name = e.local_name().as_ref().to_ascii_lowercase();
                        item.push(&format!("</{name}>"), max);
                    }
                    item.depth -= 1;
                }
                Event::Text(t) => {
                    if let Some(item) = &mut self.item {
                        item.push(&t.xml10_content(), max);
                    }
                }
                Event::CData(t) => {
                    if let Some(item) = &mut self.item {
                        let mode = item.capture.as_ref().map(|c| c.mode);
                        if mode == Some(Mode::Markup) {
                            // Inside XHTML, CDATA is text: escape it back.
                            let escaped = t.replace('&', "&amp;").replace('<', "&lt;");
                            item.push(&escaped, max);
                        } else {
                            item.push(&t, max);
                        }
                    }
                }
                Event::GeneralRef(r) => {
                    if let Some(item) = &mut self.item {
                        let mode = item.capture.as_ref().map(|c| c.mode);
                        if mode == Some(Mode::Markup) {
                            item.push(&format!("&{};", &*r), max);
                        } else {
                            match entity(&r) {
                                Some(c) => item.push(c.encode_utf8(&mut [0; 4]), max),
                                None => item.push(&format!("&{};", &*r), max),
                            }
                        }
                    }
                }
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
            }
        }
        None
    }
}

/// An Atom link: the `alternate` one (or one without `rel`) is the item's URL.
fn link_href(item: &mut Item, e: &BytesStart<'_>, href: String) {
    let rel = attr(e, "rel");
    if matches!(rel.as_deref(), None | Some("alternate")) && item.link.is_none() && !href.is_empty()
    {
        item.link = Some(href);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(xml: &str) -> Vec<Result<Article>> {
        let reader: Box<dyn BufRead + Send> =
            Box::new(std::io::Cursor::new(xml.as_bytes().to_vec()));
        FeedItems::new(reader, "f.xml", &Options::default()).collect()
    }

    #[test]
    fn rss_items() {
        let xml = r#"<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Channel</title><link>https://e.org/</link>
<item><title>Aid &amp; trade</title><link>https://e.org/a</link>
<pubDate>Sat, 28 Nov 2026 10:00:00 GMT</pubDate>
<description>Short.</description>
<content:encoded><![CDATA[<p>Full <b>text</b> one.</p><p>Two.</p>]]></content:encoded></item>
<item><title>Second</title><guid>https://e.org/b</guid><description>&lt;p&gt;Only a summary &amp;amp; more.&lt;/p&gt;</description></item>
<item><title>Empty</title></item>
</channel></rss>"#;
        let got = items(xml);
        assert_eq!(got.len(), 3);
        let a = got[0].as_ref().unwrap();
        assert_eq!(a.text, "Full text one.\n\nTwo.\n");
        assert_eq!(a.meta.title.as_deref(), Some("Aid & trade"));
        assert_eq!(a.meta.url.as_deref(), Some("https://e.org/a"));
        assert_eq!(a.meta.published.unwrap().to_string(), "2026-11-28");
        assert_eq!(a.source, "f.xml#record-1");
        let b = got[1].as_ref().unwrap();
        assert_eq!(b.text, "Only a summary & more.\n");
        assert_eq!(b.meta.url.as_deref(), Some("https://e.org/b"));
        let e = got[2].as_ref().unwrap_err();
        assert_eq!(e.source, "f.xml#record-3");
        assert!(e.message.starts_with("item 3: no content"), "{e}");
    }

    #[test]
    fn atom_entries() {
        let xml = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>
<entry><title type="html">Talks &lt;b&gt;resume&lt;/b&gt;</title>
<link rel="self" href="https://e.org/self"/><link rel="alternate" href="https://e.org/talks"/>
<updated>2026-11-29T00:00:00Z</updated><published>2026-11-27T09:00:00+01:00</published>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>First &amp; foremost.</p><p>Second<br/>line.</p></div></content>
</entry>
<entry><title>Plain</title><link href="https://e.org/p"/><content type="text">Just text
over two lines.</content></entry>
</feed>"#;
        let got = items(xml);
        assert_eq!(got.len(), 2);
        let a = got[0].as_ref().unwrap();
        assert_eq!(a.meta.title.as_deref(), Some("Talks resume"));
        assert_eq!(a.meta.url.as_deref(), Some("https://e.org/talks"));
        assert_eq!(a.meta.published.unwrap().to_string(), "2026-11-27");
        assert!(
            a.text.starts_with("First & foremost.\n\nSecond"),
            "{:?}",
            a.text
        );
        let b = got[1].as_ref().unwrap();
        assert_eq!(b.text, "Just text\nover two lines.\n");
    }

    #[test]
    fn a_giant_text_node_is_refused_unbuffered() {
        let mut xml = String::from("<rss><channel><description>");
        xml.push_str(&"x".repeat(300_000));
        xml.push_str("</description><item><description>ok</description></item></channel></rss>");
        // Files are read through a 64 KiB BufReader; the budget is checked
        // at every refill.
        let reader: Box<dyn BufRead + Send> = Box::new(std::io::BufReader::with_capacity(
            64 * 1024,
            std::io::Cursor::new(xml.into_bytes()),
        ));
        let opts = Options {
            limits: newsgraph_input::Limits { max_bytes: 100_000 },
            ..Options::default()
        };
        let got: Vec<_> = FeedItems::new(reader, "f.xml", &opts).collect();
        assert_eq!(got.len(), 1);
        let e = got[0].as_ref().unwrap_err();
        assert_eq!(
            e.to_string(),
            "f.xml: too large: one XML element exceeds the limit of 100000 bytes (raise it with --max-bytes)"
        );
        // Within the limit, the same feed is fine.
        let small = "<rss><channel><description>short</description><item><description>ok</description></item></channel></rss>";
        let reader: Box<dyn BufRead + Send> =
            Box::new(std::io::Cursor::new(small.as_bytes().to_vec()));
        let got: Vec<_> = FeedItems::new(reader, "f.xml", &opts).collect();
        assert_eq!(got[0].as_ref().unwrap().text, "ok\n");
    }

    #[test]
    fn not_a_feed() {
        let got = items("this is not xml at all, just words");
        assert_eq!(got.len(), 1);
        let e = got[0].as_ref().unwrap_err();
        assert!(e.message.starts_with("not a feed"), "{e}");
        let got = items("<html><body>x</body></html>");
        assert!(got[0]
            .as_ref()
            .unwrap_err()
            .message
            .contains("root element is <html>"));
        let got = items("<rss><channel><item><title>x</title><description>y</desc></item>");
        let e = got[0].as_ref().unwrap_err();
        assert!(e.message.starts_with("bad XML at byte"), "{e}");
        assert_eq!(e.source, "f.xml#record-1");
    }
}
