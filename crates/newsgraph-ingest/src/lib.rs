//! Turning paths into articles: plain text, HTML pages, JSON Lines, WARC
//! archives and RSS/Atom feeds, one directory tree at a time.
//!
//! [`articles`] takes a path (a file, a directory, or `-` for standard input)
//! and returns a lazy iterator of [`Article`]s. Each file's format is detected
//! from its extension *and* its first bytes ([`detect`]); gzip is undone
//! wherever it appears (`crawl.warc.gz`, `dump.jsonl.gz`, multi-member or
//! not). Directories are walked recursively in sorted order, so the same tree
//! always yields the same articles in the same order; hidden entries, links
//! to directories and files whose extension says they are not articles
//! (`.css`, `.png`, ...) are left out. A file named explicitly is always
//! tried, whatever its extension. [`article_from_html`] reads one HTML page
//! held in memory (a request body) just as an `.html` file is read.
//!
//! | format | detected by | one article per | `source` |
//! | --- | --- | --- | --- |
//! | [`Format::Text`] | `.txt`, `.md`, anything else that is text | file | `path` |
//! | [`Format::Html`] | `.html`, `.htm`, `<!doctype html>`, `<html>` | file | `path` |
//! | [`Format::JsonLines`] | `.jsonl`, `.ndjson`, `.json`, a leading `{` | line | `path#record-LINE` |
//! | [`Format::Warc`] | `.warc`, `WARC/1.x` | HTML response or resource record, WET text conversion | `path#record-N` |
//! | [`Format::Feed`] | `.rss`, `.atom`, `.xml`, `<rss>`, `<feed>`, `<rdf:RDF>` | item or entry | `path#record-N` |
//!
//! **Streaming.** JSON Lines, WARC and feeds are read record by record from
//! a buffered (and, for `.gz`, decompressing) reader: a file of millions of
//! records never sits in memory, only the record at hand. Text and HTML
//! files are read whole, after their size was checked against
//! [`Limits::max_bytes`].
//!
//! **Errors.** A bad record is an `Err` item naming the file and the record
//! (`dump.jsonl#record-7: line 7: invalid JSON: ...`) and the iterator goes
//! on with the next one. When a file cannot be read further (a truncated
//! gzip member, an I/O error, [`Options::max_records`] reached) one error says
//! so and the iterator moves to the next file. Nothing here panics on input.
//!
//! **Limits.** One article's input (a text or HTML file, a JSON line, a WARC
//! record's block, a feed item's content) may be at most
//! [`Limits::max_bytes`] (16 MiB by default, `--max-bytes` in the CLI); a
//! larger one is skipped unread, with an error. In a feed, one XML element
//! larger than that ends the file with an error before it is buffered. One
//! file yields at most [`Options::max_records`] records.
//!
//! ```
//! use newsgraph_ingest::{articles, Format, Options};
//!
//! let dir = tempfile::tempdir().unwrap();
//! std::fs::write(
//!     dir.path().join("a.txt"),
//!     "---\ntitle: Talks resume\ndate: 2026-11-28\n---\nThe talks resumed on Friday.\n",
//! )
//! .unwrap();
//! std::fs::write(
//!     dir.path().join("b.jsonl"),
//!     "{\"text\": \"Aid arrived.\", \"url\": \"https://example.org/aid\"}\nnot json\n",
//! )
//! .unwrap();
//!
//! let results: Vec<_> = articles(dir.path(), &Options::default()).collect();
//! assert_eq!(results.len(), 3);
//! let a = results[0].as_ref().unwrap();
//! assert_eq!(a.format, Format::Text);
//! assert_eq!(a.meta.title.as_deref(), Some("Talks resume"));
//! assert_eq!(a.text, "The talks resumed on Friday.\n");
//! let b = results[1].as_ref().unwrap();
//! assert!(b.source.ends_with("b.jsonl#record-1"));
//! let err = results[2].as_ref().unwrap_err();
//! assert!(err.to_string().contains("b.jsonl#record-2: line 2: invalid JSON"));
//! ```

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use newsgraph_core::Metadata;
pub use newsgraph_input::Limits;

pub mod corpus;
mod date;
mod feed;
mod html;
mod jsonl;
mod text;
mod warc;

pub use date::parse_date;

/// One article, ready for `Document::new(article.text, article.meta)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The article's text: the file as read (front matter removed) for
    /// plain text, the extracted main content for HTML, WARC and feeds.
    pub text: String,
    /// Title, publication date and URL as the source states them;
    /// `origin` is [`Article::source`].
    pub meta: Metadata,
    /// Where it came from: the path as given (`-` for stdin), and for
    /// formats with many articles per file `#record-N`, where N is the line
    /// number (JSON Lines) or the 1-based record or item number (WARC, feeds).
    /// Stable across runs over the same file.
    pub source: String,
    pub format: Format,
}

/// The input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Text,
    Html,
    JsonLines,
    Warc,
    Feed,
}

impl Format {
    /// A short lower-case name: `text`, `html`, `jsonl`, `warc`, `feed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::JsonLines => "jsonl",
            Format::Warc => "warc",
            Format::Feed => "feed",
        }
    }

    /// The format an extension stands for (`txt`, `html`, `jsonl`, `warc`,
    /// `rss`, ...; case-insensitive, without the dot).
    pub fn from_extension(ext: &str) -> Option<Format> {
        let ext = ext.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "text" | "md" | "markdown" => Format::Text,
            "html" | "htm" | "xhtml" | "shtml" => Format::Html,
            "jsonl" | "ndjson" | "json" => Format::JsonLines,
            "warc" | "wet" => Format::Warc,
            "rss" | "atom" | "xml" | "rdf" => Format::Feed,
            _ => return None,
        })
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An input, or one record of it, that could not be turned into an article.
/// `Display` is one line: `SOURCE: MESSAGE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestError {
    /// The path, or `path#record-N` when one record failed.
    pub source: String,
    /// What went wrong, naming the line or record and the problem.
    pub message: String,
}

impl IngestError {
    pub fn new(source: impl Into<String>, message: impl Into<String>) -> Self {
        IngestError {
            source: source.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.source, self.message)
    }
}

impl std::error::Error for IngestError {}

/// What an item of the iterator is.
pub type Result<T, E = IngestError> = std::result::Result<T, E>;

/// The default for [`Options::max_records`].
pub const DEFAULT_MAX_RECORDS: usize = 1_000_000;

/// How inputs are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The largest input for one article (file, JSON line, WARC record
    /// block, feed item content), in bytes.
    pub limits: Limits,
    /// The most records (JSON lines, WARC records, feed items) read from one
    /// file; past it the file is abandoned with an error. Default
    /// [`DEFAULT_MAX_RECORDS`].
    pub max_records: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            limits: Limits::default(),
            max_records: DEFAULT_MAX_RECORDS,
        }
    }
}

/// The articles under `path`: a file, a directory (recursively, sorted), or
/// `-` for standard input. Lazy: nothing is read until the first `next`.
pub fn articles(path: &Path, opts: &Options) -> Articles {
    articles_from_paths(&[path.to_path_buf()], opts)
}

/// The articles under each of `paths`, in order.
pub fn articles_from_paths(paths: &[PathBuf], opts: &Options) -> Articles {
    Articles {
        pending: paths.iter().rev().map(|p| p.to_path_buf()).collect(),
        current: None,
        opts: opts.clone(),
    }
}

type RecordIter = Box<dyn Iterator<Item = Result<Article>> + Send>;

/// The iterator returned by [`articles`] and [`articles_from_paths`].
pub struct Articles {
    /// A stack: the next path to open is the last. Paths named by the
    /// caller are always tried; files found in directories only when they
    /// look like articles (see [`articles`]).
    pending: Vec<PathBuf>,
    current: Option<RecordIter>,
    opts: Options,
}

impl Iterator for Articles {
    type Item = Result<Article>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(cur) = &mut self.current {
                if let Some(item) = cur.next() {
                    return Some(item);
                }
                self.current = None;
            }
            let path = self.pending.pop()?;
            match self.open(&path) {
                Ok(Some(iter)) => self.current = Some(iter),
                Ok(None) => {}
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

impl Articles {
    /// Opens one path: a directory's entries go onto the stack, a file
    /// becomes the current record iterator.
    fn open(&mut self, path: &Path) -> Result<Option<RecordIter>> {
        let source = path.display().to_string();
        if path.as_os_str() == "-" {
            let reader = BufReader::with_capacity(64 * 1024, io::stdin());
            return open_reader(Box::new(reader), None, &source, None, &self.opts).map(Some);
        }
        let meta = std::fs::metadata(path).map_err(|e| io_error(&source, &e))?;
        if meta.is_dir() {
            let mut entries = Vec::new();
            let dir = std::fs::read_dir(path).map_err(|e| io_error(&source, &e))?;
            for entry in dir {
                let entry = entry.map_err(|e| io_error(&source, &e))?;
                let name = entry.file_name();
                if name.to_string_lossy().starts_with('.') {
                    continue;
                }
                let path = entry.path();
                let is_dir = match entry.file_type() {
                    // Symbolic links to directories are not followed, so a
                    // link cycle cannot make the walk endless.
                    Ok(t) if t.is_symlink() => {
                        if path.is_dir() {
                            continue;
                        }
                        false
                    }
                    Ok(t) => t.is_dir(),
                    Err(e) => return Err(io_error(&path.display().to_string(), &e)),
                };
                if is_dir || looks_like_article_file(&path) {
                    entries.push(path);
                }
            }
            entries.sort();
            self.pending.extend(entries.into_iter().rev());
            return Ok(None);
        }
        let size = meta.is_file().then_some(meta.len());
        let file = File::open(path).map_err(|e| io_error(&source, &e))?;
        let reader = BufReader::with_capacity(64 * 1024, file);
        let ext = extension_without_gz(path);
        open_reader(Box::new(reader), ext.as_deref(), &source, size, &self.opts).map(Some)
    }
}

/// Whether a file found in a directory is worth opening: a known article
/// extension (possibly followed by `.gz`), or no extension at all.
fn looks_like_article_file(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().to_string());
    let Some(name) = name else { return false };
    match extension_without_gz(path) {
        Some(ext) => Format::from_extension(&ext).is_some(),
        // `notes` or `page.gz`: no extension (under the gzip) to go by.
        None => !name.contains('.') || name.ends_with(".gz"),
    }
}

/// The extension that says what the content is: `warc` for `crawl.warc.gz`.
fn extension_without_gz(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let (_, ext) = name.rsplit_once('.')?;
    (!ext.is_empty()).then(|| ext.to_string())
}

fn io_error(source: &str, e: &io::Error) -> IngestError {
    let message = match e.kind() {
        io::ErrorKind::NotFound => "not found".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => format!("cannot read: {e}"),
    };
    IngestError::new(source, message)
}

/// The format of a file, from its extension and its first bytes (after
/// undoing gzip). Content wins when it is unambiguous (`WARC/1.0`, an
/// `<rss>` root, `<!doctype html>`, a JSON object); otherwise the extension
/// decides; otherwise it is text.
pub fn detect(path: &Path) -> Result<Format> {
    let source = path.display().to_string();
    let file = File::open(path).map_err(|e| io_error(&source, &e))?;
    let mut reader: Box<dyn BufRead + Send> = Box::new(BufReader::new(file));
    if is_gzip(&mut reader).map_err(|e| io_error(&source, &e))? {
        reader = Box::new(BufReader::new(flate2::bufread::MultiGzDecoder::new(reader)));
    }
    let head = peek(&mut reader, SNIFF_BYTES).map_err(|e| gzip_or_io(&source, &e))?;
    let ext = extension_without_gz(path);
    Ok(choose_format(ext.as_deref(), &head))
}

const SNIFF_BYTES: usize = 8 * 1024;

fn is_gzip(reader: &mut Box<dyn BufRead + Send>) -> io::Result<bool> {
    let head = reader.fill_buf()?;
    Ok(head.starts_with(&[0x1f, 0x8b]))
}

/// Up to `n` bytes from the start of the reader, without consuming them.
fn peek(reader: &mut Box<dyn BufRead + Send>, n: usize) -> io::Result<Vec<u8>> {
    // A BufReader only refills when empty, so one fill_buf gives what the
    // first read produced: enough to sniff, and never consumed.
    let buf = reader.fill_buf()?;
    Ok(buf[..buf.len().min(n)].to_vec())
}

fn gzip_or_io(source: &str, e: &io::Error) -> IngestError {
    IngestError::new(source, format!("cannot read: {e}"))
}

fn choose_format(ext: Option<&str>, head: &[u8]) -> Format {
    sniff(head)
        .or_else(|| ext.and_then(Format::from_extension))
        .unwrap_or(Format::Text)
}

/// The format the first bytes make certain, if any.
fn sniff(head: &[u8]) -> Option<Format> {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
    let head = &head[start..];
    if head.starts_with(b"WARC/") {
        return Some(Format::Warc);
    }
    if head.starts_with(b"{") {
        // A JSON object on the first line: JSON Lines (one object per line).
        let first = match memchr::memchr(b'\n', head) {
            Some(i) => &head[..i],
            None => head,
        };
        let first = first.trim_ascii_end();
        return (first.ends_with(b"}") || first.len() == head.len()).then_some(Format::JsonLines);
    }
    if head.starts_with(b"<") {
        let lower = head.to_ascii_lowercase();
        let find = |needle: &[u8]| memchr::memmem::find(&lower, needle);
        let feed = [&b"<rss"[..], b"<feed", b"<rdf:rdf"]
            .iter()
            .filter_map(|n| find(n))
            .min();
        let html = [&b"<!doctype html"[..], b"<html", b"<head", b"<body"]
            .iter()
            .filter_map(|n| find(n))
            .min();
        return match (feed, html) {
            (Some(f), Some(h)) if f < h => Some(Format::Feed),
            (Some(_), None) => Some(Format::Feed),
            (_, Some(_)) => Some(Format::Html),
            (None, None) => None,
        };
    }
    None
}

/// Detects the format of an open reader and returns the records in it.
fn open_reader(
    mut reader: Box<dyn BufRead + Send>,
    ext: Option<&str>,
    source: &str,
    size: Option<u64>,
    opts: &Options,
) -> Result<RecordIter> {
    let mut size = size;
    if is_gzip(&mut reader).map_err(|e| io_error(source, &e))? {
        reader = Box::new(BufReader::with_capacity(
            64 * 1024,
            flate2::bufread::MultiGzDecoder::new(reader),
        ));
        // The compressed size says nothing about the text's.
        size = None;
    }
    let head = peek(&mut reader, SNIFF_BYTES).map_err(|e| gzip_or_io(source, &e))?;
    let format = choose_format(ext, &head);
    let max = opts.limits.max_bytes;
    match format {
        Format::Text | Format::Html => {
            if let Some(size) = size.filter(|&s| s > max) {
                return Err(too_large(source, Some(size), max));
            }
            let bytes = read_bounded(reader, source, max)?;
            let article = if format == Format::Text {
                text::article(bytes, source, &opts.limits)
            } else {
                html::article_from_bytes(&bytes, source, None, None, Format::Html, &opts.limits)
                    .map_err(|m| IngestError::new(source, m))
            };
            Ok(Box::new(std::iter::once(article)))
        }
        Format::JsonLines => Ok(Box::new(jsonl::JsonLines::new(reader, source, opts))),
        Format::Warc => Ok(Box::new(warc::WarcRecords::new(reader, source, opts))),
        Format::Feed => Ok(Box::new(feed::FeedItems::new(reader, source, opts))),
    }
}

/// One HTML page held in memory (a request body, a page fetched by the
/// caller) to one [`Article`], read exactly as an `.html` file is: main
/// content through Readability with navigation, footers, scripts and other
/// boilerplate left out, and title, publication date and URL from meta
/// tags, JSON-LD and `<time>` (see the [module docs](crate) for the order).
///
/// `url` is where the page came from, if known: relative links resolve
/// against it, and it is the article's URL when the page names none of its
/// own. It is also the article's [`Article::source`] (and `meta.origin`);
/// without it (or when blank) the source is `html`.
///
/// The limits are a file's: a page larger than [`Limits::max_bytes`] is
/// refused unread. A page without main text (an empty page, a `<head>`
/// alone) is an error, `no article content found (...)`, as is one whose
/// text would exceed the limit. Never panics on input.
///
/// ```
/// use newsgraph_ingest::{article_from_html, Format, Limits};
///
/// let page = r#"<html><head>
/// <title>Talks resume | The Ledger</title>
/// <meta property="og:title" content="Talks resume">
/// <meta property="article:published_time" content="2026-11-27T09:00:00+01:00">
/// </head><body>
/// <nav><a href="/">Home</a> <a href="/world">World</a></nav>
/// <article><p>The foreign ministers met in Vienna on Thursday to resume the
/// talks, officials said. The meeting lasted three hours.</p></article>
/// <footer>Copyright The Ledger.</footer>
/// <script>track()</script>
/// </body></html>"#;
///
/// let a = article_from_html(page, Some("https://ledger.example/talks"), &Limits::default())
///     .unwrap();
/// assert!(a.text.starts_with("The foreign ministers met in Vienna"));
/// assert!(!a.text.contains("Home") && !a.text.contains("Copyright") && !a.text.contains("track"));
/// assert_eq!(a.meta.title.as_deref(), Some("Talks resume"));
/// assert_eq!(a.meta.published.unwrap().to_string(), "2026-11-27");
/// assert_eq!(a.meta.url.as_deref(), Some("https://ledger.example/talks"));
/// assert_eq!(a.format, Format::Html);
///
/// let e = article_from_html("<html><head><title>Nothing</title></head></html>", None, &Limits::default())
///     .unwrap_err();
/// assert_eq!(e.source, "html");
/// assert!(e.message.starts_with("no article content found"), "{e}");
/// ```
pub fn article_from_html(html: &str, url: Option<&str>, limits: &Limits) -> Result<Article> {
    let url = url.map(str::trim).filter(|u| !u.is_empty());
    let source = url.unwrap_or("html");
    let size = html.len() as u64;
    if size > limits.max_bytes {
        return Err(too_large(source, Some(size), limits.max_bytes));
    }
    html::article_from_bytes(html.as_bytes(), source, url, None, Format::Html, limits)
        .map_err(|m| IngestError::new(source, m))
}

/// Reads at most `max` bytes; more is an error, and is never read.
fn read_bounded(reader: impl Read, source: &str, max: u64) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| gzip_or_io(source, &e))?;
    if bytes.len() as u64 > max {
        return Err(too_large(source, None, max));
    }
    Ok(bytes)
}

/// An input over [`Limits::max_bytes`], in `newsgraph-input`'s words.
fn too_large(source: &str, size: Option<u64>, limit: u64) -> IngestError {
    IngestError::new(
        source,
        newsgraph_input::ErrorKind::TooLarge { size, limit }.to_string(),
    )
}

/// The checks every article passes: some text, within the size limit.
fn finish(
    text: String,
    mut meta: Metadata,
    source: String,
    format: Format,
    limits: &Limits,
) -> Result<Article, String> {
    if text.trim().is_empty() {
        return Err("no text".to_string());
    }
    if text.len() as u64 > limits.max_bytes {
        return Err(format!(
            "text too large: {} bytes exceeds the limit of {} bytes (raise it with --max-bytes)",
            text.len(),
            limits.max_bytes
        ));
    }
    meta.origin = Some(source.clone());
    Ok(Article {
        text,
        meta,
        source,
        format,
    })
}

/// Reads one line (without its `\n`) into `buf`, keeping at most `max`
/// bytes: the rest of a longer line is read and dropped, never stored.
/// Returns `None` at the end of input, else the line's full length.
fn read_line_bounded(
    reader: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> io::Result<Option<usize>> {
    buf.clear();
    let mut total = 0usize;
    let mut any = false;
    loop {
        let avail = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            return Ok(any.then_some(total));
        }
        any = true;
        let (chunk, used, done) = match memchr::memchr(b'\n', avail) {
            Some(i) => (&avail[..i], i + 1, true),
            None => (avail, avail.len(), false),
        };
        total += chunk.len();
        if total <= max {
            buf.extend_from_slice(chunk);
        } else if !buf.is_empty() {
            buf.clear();
            buf.shrink_to(64 * 1024);
        }
        reader.consume(used);
        if done {
            if total <= max && buf.last() == Some(&b'\r') {
                buf.pop();
            }
            return Ok(Some(total));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_iterator_can_move_to_another_thread() {
        fn is_send<T: Send>(_: &T) {}
        is_send(&articles(Path::new("-"), &Options::default()));
    }

    #[test]
    fn sniffing() {
        assert_eq!(sniff(b"WARC/1.1\r\n"), Some(Format::Warc));
        assert_eq!(sniff(b"\n {\"text\": \"a\"}\n"), Some(Format::JsonLines));
        assert_eq!(sniff(b"{ not closed"), Some(Format::JsonLines));
        assert_eq!(sniff(b"<?xml version=\"1.0\"?><rss>"), Some(Format::Feed));
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?><feed xmlns="),
            Some(Format::Feed)
        );
        assert_eq!(sniff(b"<!DOCTYPE html><html>"), Some(Format::Html));
        assert_eq!(sniff(b"<html><body><p>a feed: <feed>"), Some(Format::Html));
        assert_eq!(sniff(b"<p>just a paragraph"), None);
        assert_eq!(sniff(b"Plain words."), None);
        assert_eq!(choose_format(Some("txt"), b"<!doctype html>"), Format::Html);
        assert_eq!(choose_format(Some("rss"), b"not xml at all"), Format::Feed);
        assert_eq!(choose_format(None, b"Plain words."), Format::Text);
    }

    #[test]
    fn extensions() {
        let ext = |p: &str| extension_without_gz(Path::new(p));
        assert_eq!(ext("a/crawl.warc.gz").as_deref(), Some("warc"));
        assert_eq!(ext("a/b.HTML").as_deref(), Some("html"));
        assert_eq!(ext("a/b.gz"), None);
        assert_eq!(ext("a/b"), None);
        assert!(looks_like_article_file(Path::new("x/notes")));
        assert!(looks_like_article_file(Path::new("x/feed.xml")));
        assert!(!looks_like_article_file(Path::new("x/style.css")));
        assert!(!looks_like_article_file(Path::new("x/logo.png")));
    }

    #[test]
    fn html_in_memory_is_read_as_an_html_file_is() {
        let page = "<!doctype html><html><head><title>Talks</title>\
            <meta property=\"og:url\" content=\"https://ledger.example/talks\"></head>\
            <body><nav>Home | World</nav><p>Ministers met in Vienna on Thursday.</p></body></html>";
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("talks.html");
        std::fs::write(&path, page).unwrap();
        let from_file = articles(&path, &Options::default())
            .next()
            .unwrap()
            .unwrap();
        let limits = Limits::default();
        let a = article_from_html(page, None, &limits).unwrap();
        assert_eq!(a.text, from_file.text);
        assert_eq!(a.text, "Ministers met in Vienna on Thursday.\n");
        assert_eq!(a.meta.title, from_file.meta.title);
        assert_eq!(a.meta.url.as_deref(), Some("https://ledger.example/talks"));
        assert_eq!((a.source.as_str(), a.format), ("html", Format::Html));
        // The caller's URL names the source; the page's own URL still wins.
        let b = article_from_html(page, Some("https://mirror.example/1"), &limits).unwrap();
        assert_eq!(b.source, "https://mirror.example/1");
        assert_eq!(b.meta.url.as_deref(), Some("https://ledger.example/talks"));
        assert_eq!(article_from_html(page, Some(" "), &limits).unwrap(), a);
        // A BOM is dropped, as from a file.
        let c = article_from_html(&format!("\u{feff}{page}"), None, &limits).unwrap();
        assert_eq!(c.text, a.text);
    }

    #[test]
    fn html_in_memory_keeps_the_limits_and_errors() {
        let small = Limits { max_bytes: 10 };
        let e = article_from_html("<p>More than ten bytes.</p>", None, &small).unwrap_err();
        assert_eq!(
            e.to_string(),
            "html: too large: 27 bytes exceeds the limit of 10 bytes (raise it with --max-bytes)"
        );
        let limits = Limits::default();
        let e = article_from_html("  \n", Some("https://x.example/a"), &limits).unwrap_err();
        assert_eq!(e.to_string(), "https://x.example/a: empty page");
        let e = article_from_html("<html><body><nav>Home</nav></body></html>", None, &limits)
            .unwrap_err();
        assert!(e.message.starts_with("no article content found"), "{e}");
    }

    #[test]
    fn bounded_lines() {
        let mut r = io::Cursor::new(b"ab\r\ncdefgh\n\nxyz".to_vec());
        let mut buf = Vec::new();
        assert_eq!(read_line_bounded(&mut r, &mut buf, 4).unwrap(), Some(3));
        assert_eq!(buf, b"ab");
        assert_eq!(read_line_bounded(&mut r, &mut buf, 4).unwrap(), Some(6));
        assert!(buf.is_empty());
        assert_eq!(read_line_bounded(&mut r, &mut buf, 4).unwrap(), Some(0));
        assert_eq!(read_line_bounded(&mut r, &mut buf, 4).unwrap(), Some(3));
        assert_eq!(buf, b"xyz");
        assert_eq!(read_line_bounded(&mut r, &mut buf, 4).unwrap(), None);
    }
}
