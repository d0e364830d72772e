//! JSON Lines: one article per line, read one line at a time.
//!
//! Each non-blank line is a JSON object with the text in `text` (or `body`,
//! `content`) or an HTML page in `html` (its main content is extracted), and
//! optionally `title` (`headline`), `published` (`date`, `published_at`,
//! `datePublished`) and `url` (`link`). A line longer than
//! [`newsgraph_input::Limits::max_bytes`] is skipped without being stored.
//! An unparseable date leaves `published` empty; it does not reject the line.

use std::io::BufRead;

use newsgraph_core::Metadata;
use serde_json::{Map, Value};

use crate::{
    date::parse_date, finish, html, read_line_bounded, Article, Format, IngestError, Options,
    Result,
};

pub(crate) struct JsonLines {
    reader: Box<dyn BufRead + Send>,
    path: String,
    opts: Options,
    line_no: usize,
    records: usize,
    buf: Vec<u8>,
    done: bool,
}

impl JsonLines {
    pub(crate) fn new(reader: Box<dyn BufRead + Send>, path: &str, opts: &Options) -> Self {
        JsonLines {
            reader,
            path: path.to_string(),
            opts: opts.clone(),
            line_no: 0,
            records: 0,
            buf: Vec::new(),
            done: false,
        }
    }
}

impl Iterator for JsonLines {
    type Item = Result<Article>;

    fn next(&mut self) -> Option<Self::Item> {
        let max = usize::try_from(self.opts.limits.max_bytes).unwrap_or(usize::MAX);
        while !self.done {
            let len = match read_line_bounded(&mut self.reader, &mut self.buf, max) {
                Ok(Some(len)) => len,
                Ok(None) => return None,
                Err(e) => {
                    self.done = true;
                    return Some(Err(IngestError::new(
                        &self.path,
                        format!("line {}: cannot read: {e}", self.line_no + 1),
                    )));
                }
            };
            self.line_no += 1;
            let n = self.line_no;
            let source = format!("{}#record-{n}", self.path);
            if len > max {
                return Some(Err(IngestError::new(
                    source,
                    format!(
                        "line {n}: too large: {len} bytes exceeds the limit of {max} bytes (raise it with --max-bytes)"
                    ),
                )));
            }
            if self.buf.trim_ascii().is_empty() {
                continue;
            }
            self.records += 1;
            if self.records > self.opts.max_records {
                self.done = true;
                return Some(Err(IngestError::new(
                    &self.path,
                    format!(
                        "line {n}: stopped after {} records (the limit of records per file)",
                        self.opts.max_records
                    ),
                )));
            }
            return Some(
                record(&self.buf, &source, &self.opts)
                    .map_err(|m| IngestError::new(source, format!("line {n}: {m}"))),
            );
        }
        None
    }
}

fn record(line: &[u8], source: &str, opts: &Options) -> Result<Article, String> {
    let value: Value = serde_json::from_slice(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let map = match value {
        Value::Object(map) => map,
        Value::Array(_) => {
            return Err(
                "a JSON array, not an object (JSON Lines holds one object per line)".to_string(),
            )
        }
        _ => return Err("not a JSON object".to_string()),
    };
    let title = string(&map, &["title", "headline"]);
    let url = string(&map, &["url", "link"]);
    let published = string(
        &map,
        &["published", "date", "published_at", "datePublished"],
    )
    .as_deref()
    .and_then(parse_date);
    let (text, mut meta) = if let Some(text) = string(&map, &["text", "body", "content"]) {
        (text, Metadata::default())
    } else if let Some(page) = string(&map, &["html"]) {
        html::extract(&page, url.as_deref())?
    } else {
        return Err("no \"text\" or \"html\" field".to_string());
    };
    // The line's own fields speak louder than the page's tags.
    meta.title = title.or(meta.title);
    meta.url = url.or(meta.url);
    meta.published = published.or(meta.published);
    finish(
        text,
        meta,
        source.to_string(),
        Format::JsonLines,
        &opts.limits,
    )
}

fn string(map: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| {
        map.get(*k)
            .and_then(Value::as_str)
            .filter(|s| !s.trim().is_empty())
            .map(str::to_string)
    })
}
