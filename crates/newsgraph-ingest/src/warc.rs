//! WARC 1.0/1.1 archives (plain or gzip, one member per record or not),
//! read one record at a time.
//!
//! A record is a `WARC/1.x` line, header lines, a blank line, a block of
//! `Content-Length` bytes and a blank-line trailer. Articles come from
//! `response` records holding an HTTP response with an HTML body (status
//! 2xx; chunked transfer and gzip/deflate content encoding are undone),
//! from `resource` records of type `text/html`, and from the `conversion`
//! records of WET files (`text/plain`, taken as is). Other records (`warcinfo`,
//! `request`, `metadata`, redirects, images, robots.txt) are passed over
//! silently.
//!
//! The URL is the page's own (canonical, `og:url`) or else
//! `WARC-Target-URI`; the publication date is the page's own or else the
//! day of `WARC-Date` (the crawl: for a news crawl usually the day of
//! publication, and a far better anchor for "on Friday" than none).
//!
//! A record whose length does not match its content is reported, and
//! reading resumes at the next `WARC/` line; a truncated file or gzip
//! member ends the file with an error.

use std::io::{self, BufRead, Read};

use crate::{html, read_line_bounded, Article, Format, IngestError, Options, Result};

/// The longest header line accepted.
const MAX_HEADER_LINE: usize = 64 * 1024;
/// The most header lines in one record.
const MAX_HEADERS: usize = 1024;

pub(crate) struct WarcRecords {
    reader: Box<dyn BufRead + Send>,
    path: String,
    opts: Options,
    record_no: usize,
    /// A line read ahead that starts the next record.
    pushback: Option<Vec<u8>>,
    /// After a bad record: skip lines up to the next `WARC/` line.
    resync: bool,
    done: bool,
    line: Vec<u8>,
}

impl WarcRecords {
    pub(crate) fn new(reader: Box<dyn BufRead + Send>, path: &str, opts: &Options) -> Self {
        WarcRecords {
            reader,
            path: path.to_string(),
            opts: opts.clone(),
            record_no: 0,
            pushback: None,
            resync: false,
            done: false,
            line: Vec::new(),
        }
    }

    fn source(&self) -> String {
        format!("{}#record-{}", self.path, self.record_no)
    }

    fn fail(&mut self, message: String, fatal: bool) -> Option<Result<Article>> {
        if fatal {
            self.done = true;
        } else {
            self.resync = true;
        }
        Some(Err(IngestError::new(
            self.source(),
            format!("record {}: {message}", self.record_no),
        )))
    }

    /// The next line, from the pushback first. `None` at the end.
    fn next_line(&mut self) -> io::Result<Option<usize>> {
        if let Some(line) = self.pushback.take() {
            let n = line.len();
            self.line = line;
            return Ok(Some(n));
        }
        read_line_bounded(&mut self.reader, &mut self.line, MAX_HEADER_LINE)
    }
}

impl Iterator for WarcRecords {
    type Item = Result<Article>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                return None;
            }
            // The version line, after any blank lines (or, after a bad
            // record, any lines at all).
            match self.next_line() {
                Ok(None) => return None,
                Ok(Some(_)) => {}
                Err(e) => {
                    self.record_no += 1;
                    return self.fail(format!("cannot read: {e}"), true);
                }
            }
            if self.line.starts_with(b"WARC/") {
                self.resync = false;
            } else if self.resync || self.line.trim_ascii().is_empty() {
                continue;
            } else {
                self.record_no += 1;
                let found = String::from_utf8_lossy(&self.line[..self.line.len().min(40)]);
                return self.fail(
                    format!("expected a WARC/1.x version line, found {found:?}"),
                    false,
                );
            }
            self.record_no += 1;
            if self.record_no > self.opts.max_records {
                self.done = true;
                return Some(Err(IngestError::new(
                    &self.path,
                    format!(
                        "stopped after {} records (the limit of records per file)",
                        self.opts.max_records
                    ),
                )));
            }
            match self.read_record() {
                Ok(Some(article)) => return Some(Ok(article)),
                Ok(None) => continue,
                Err((message, fatal)) => return self.fail(message, fatal),
            }
        }
    }
}

/// A record's problem and whether the rest of the file is lost with it.
type RecordError = (String, bool);

impl WarcRecords {
    /// Reads the rest of one record (after its version line). `Ok(None)` for
    /// a record that holds no article.
    fn read_record(&mut self) -> Result<Option<Article>, RecordError> {
        let mut headers: Vec<(String, String)> = Vec::new();
        loop {
            match self.next_line() {
                Ok(Some(_)) => {}
                Ok(None) => return Err(("truncated in its headers".to_string(), true)),
                Err(e) => return Err((format!("cannot read: {e}"), true)),
            }
            if self.line.is_empty() {
                break;
            }
            if headers.len() >= MAX_HEADERS {
                return Err((format!("more than {MAX_HEADERS} header lines"), false));
            }
            let line = String::from_utf8_lossy(&self.line);
            if let Some((k, v)) = line.split_once(':') {
                headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
            }
        }
        let header = |name: &str| {
            headers
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        let length: u64 = match header("content-length").map(|v| v.parse::<u64>()) {
            Some(Ok(n)) => n,
            Some(Err(_)) => {
                let v = header("content-length").unwrap_or_default();
                return Err((format!("bad Content-Length {v:?}"), false));
            }
            None => return Err(("no Content-Length".to_string(), false)),
        };
        let kind = header("warc-type").unwrap_or("").to_ascii_lowercase();
        let content_type = header("content-type").unwrap_or("").to_ascii_lowercase();
        let wanted = match kind.as_str() {
            "response" => content_type.contains("application/http"),
            "resource" => is_html_type(&content_type),
            // WET files: the text a crawler extracted from a page.
            "conversion" => content_type.contains("text/plain"),
            _ => false,
        };
        let uri = header("warc-target-uri").map(|u| u.trim_matches(['<', '>']).to_string());
        let warc_date = header("warc-date").and_then(crate::date::parse_date);
        let max = self.opts.limits.max_bytes;
        if !wanted || length > max {
            let skipped = io::copy(&mut (&mut self.reader).take(length), &mut io::sink())
                .map_err(|e| (format!("cannot read: {e}"), true))?;
            if skipped < length {
                return Err((truncated(length, skipped), true));
            }
            self.check_trailer()?;
            if wanted {
                return Err((
                    format!(
                        "too large: {length} bytes exceeds the limit of {max} bytes (raise it with --max-bytes)"
                    ),
                    false,
                ));
            }
            return Ok(None);
        }
        let mut block = Vec::with_capacity(length as usize);
        (&mut self.reader)
            .take(length)
            .read_to_end(&mut block)
            .map_err(|e| (format!("cannot read: {e}"), true))?;
        if (block.len() as u64) < length {
            return Err((truncated(length, block.len() as u64), true));
        }
        self.check_trailer()?;
        let source = self.source();
        if kind == "conversion" {
            let text = String::from_utf8_lossy(&block).into_owned();
            let meta = newsgraph_core::Metadata {
                url: uri,
                published: warc_date,
                ..Default::default()
            };
            return crate::finish(text, meta, source, Format::Warc, &self.opts.limits)
                .map(Some)
                .map_err(|m| (m, false));
        }
        let (body, http_type) = if kind == "response" {
            match http_html_body(&block, max).map_err(|m| (m, false))? {
                Some(found) => found,
                None => return Ok(None),
            }
        } else {
            (block, content_type)
        };
        let mut article = html::article_from_bytes(
            &body,
            &source,
            uri.as_deref(),
            Some(&http_type),
            Format::Warc,
            &self.opts.limits,
        )
        .map_err(|m| {
            let m = match &uri {
                Some(u) => format!("{u}: {m}"),
                None => m,
            };
            (m, false)
        })?;
        if article.meta.published.is_none() {
            article.meta.published = warc_date;
        }
        Ok(Some(article))
    }

    /// The two line ends after a block. Anything else means the length was
    /// wrong: the next `WARC/` line, if that is what was found, is kept.
    fn check_trailer(&mut self) -> Result<(), RecordError> {
        for _ in 0..2 {
            match self.next_line() {
                Ok(None) => return Ok(()),
                Ok(Some(_)) if self.line.is_empty() => {}
                Ok(Some(_)) => {
                    if self.line.starts_with(b"WARC/") {
                        self.pushback = Some(std::mem::take(&mut self.line));
                    }
                    return Err((
                        "bad Content-Length: the block does not end where the length says"
                            .to_string(),
                        false,
                    ));
                }
                Err(e) => return Err((format!("cannot read: {e}"), true)),
            }
        }
        Ok(())
    }
}

fn truncated(length: u64, got: u64) -> String {
    format!("truncated: Content-Length is {length} bytes but only {got} remain")
}

fn is_html_type(content_type: &str) -> bool {
    content_type.contains("text/html") || content_type.contains("application/xhtml")
}

/// The HTML body of an HTTP response and its `Content-Type`, or `None`
/// when it is no HTML page with a 2xx status.
fn http_html_body(block: &[u8], max: u64) -> Result<Option<(Vec<u8>, String)>, String> {
    let (head_len, body_start) = match memchr::memmem::find(block, b"\r\n\r\n") {
        Some(i) => (i, i + 4),
        None => match memchr::memmem::find(block, b"\n\n") {
            Some(i) => (i, i + 2),
            None => return Err("HTTP response without a header end".to_string()),
        },
    };
    let head = String::from_utf8_lossy(&block[..head_len]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    if !status_line.starts_with("HTTP/") {
        let start: String = status_line.chars().take(40).collect();
        return Err(format!("not an HTTP response: {start:?}"));
    }
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    if !(200..300).contains(&status) {
        return Ok(None);
    }
    let mut content_type = String::new();
    let mut chunked = false;
    let mut encoding = String::new();
    for line in lines {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let v = v.trim().to_ascii_lowercase();
        match k.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = v,
            "transfer-encoding" => chunked = v.contains("chunked"),
            "content-encoding" => encoding = v,
            _ => {}
        }
    }
    // No Content-Type: sniff, as browsers do.
    let body = &block[body_start..];
    let html = if content_type.is_empty() {
        crate::sniff(body) == Some(Format::Html)
    } else {
        is_html_type(&content_type)
    };
    if !html {
        return Ok(None);
    }
    let body = if chunked {
        dechunk(body)?
    } else {
        body.to_vec()
    };
    let body = match encoding.as_str() {
        "" | "identity" => body,
        "gzip" | "x-gzip" => inflate(flate2::read::MultiGzDecoder::new(&body[..]), max)?,
        "deflate" => inflate(flate2::read::ZlibDecoder::new(&body[..]), max)?,
        other => return Err(format!("unsupported Content-Encoding {other:?}")),
    };
    Ok(Some((body, content_type)))
}

fn inflate(reader: impl Read, max: u64) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    reader
        .take(max.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| format!("cannot decompress the HTTP body: {e}"))?;
    if out.len() as u64 > max {
        return Err(format!(
            "too large: the decompressed body exceeds the limit of {max} bytes (raise it with --max-bytes)"
        ));
    }
    Ok(out)
}

/// Undoes HTTP chunked transfer coding.
fn dechunk(mut body: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let Some(eol) = memchr::memchr(b'\n', body) else {
            return Err("bad chunked encoding: no chunk size line".to_string());
        };
        let size_line = String::from_utf8_lossy(&body[..eol]);
        let size_hex = size_line.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_hex, 16)
            .map_err(|_| format!("bad chunked encoding: chunk size {size_hex:?}"))?;
        body = &body[eol + 1..];
        if size == 0 {
            return Ok(out);
        }
        if body.len() < size {
            return Err("bad chunked encoding: chunk longer than the body".to_string());
        }
        out.extend_from_slice(&body[..size]);
        body = &body[size..];
        body = body
            .strip_prefix(b"\r\n")
            .or_else(|| body.strip_prefix(b"\n"))
            .unwrap_or(body);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dechunks() {
        assert_eq!(
            dechunk(b"3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n").unwrap(),
            b"abcde"
        );
        assert!(dechunk(b"zz\r\nabc").is_err());
        assert!(dechunk(b"9\r\nabc").is_err());
    }

    #[test]
    fn http_bodies() {
        let ok = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>x</p>";
        let (body, content_type) = http_html_body(ok, 100).unwrap().unwrap();
        assert_eq!(body, b"<p>x</p>");
        assert_eq!(content_type, "text/html; charset=utf-8");
        let redirect = b"HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n";
        assert_eq!(http_html_body(redirect, 100).unwrap(), None);
        let image = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
        assert_eq!(http_html_body(image, 100).unwrap(), None);
        assert!(http_html_body(b"garbage", 100).is_err());
    }
}
