//! The corpus store: articles and their readout layers in an embedded SQLite
//! file (the default, `newsgraph.db`) or in PostgreSQL (`postgres://…`), with
//! one schema, versioned migrations, cross-article merges, queries and
//! exports.
//!
//! ```
//! use newsgraph_core::{Analysis, Document, Metadata};
//! use newsgraph_store::{ArticleRecord, MergeOptions, Store};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let mut store = Store::open(dir.path().join("news.db").to_str().unwrap()).unwrap();
//! let a = Analysis::new(Document::new("Merz spoke.", Metadata::default()));
//! let rec = ArticleRecord::from_analysis(&a, Some("merz.txt"), Some("text"));
//! assert_eq!(store.write_batch(&[rec.clone()]).unwrap().inserted, 1);
//! // Idempotent: the same text again changes nothing.
//! assert_eq!(store.write_batch(&[rec]).unwrap().duplicates, 1);
//! store.rebuild_merges(&MergeOptions::default()).unwrap();
//! assert_eq!(store.counts().unwrap().articles, 1);
//! ```
//!
//! **Source records and derived records.** Ingest writes each article's text
//! (once, keyed by its BLAKE3 content id; a URL is stored once too) and its
//! readout layers (actors, mentions, quotes, events, figures, positions) with
//! code-point spans that `check_spans` verifies against the stored text. The
//! merges (canonical actors, merged events, merged quotes) are derived from
//! those records by [`Store::rebuild_merges`], or brought up to date with
//! only the articles written since by [`Store::update_merges`] (same
//! result; see the `merge` module): every merged record lists its members
//! and why each joined, and rebuilding with other options changes nothing in
//! the source records.
//!
//! **One text, several URLs.** The same text is stored once, under the copy
//! with the earliest publication date (then the smallest URL), whichever
//! copy arrives first; a later, preferred copy replaces the stored one's
//! metadata and layers. A URL is stored once: a second text under a known
//! URL is skipped (the first stored keeps it).
//!
//! **Crash and concurrency safety.** [`Store::write_batch`] writes a batch in
//! one transaction, each article with `ON CONFLICT DO NOTHING` on its id and
//! URL, and its layers only when the article row was new. A batch killed
//! halfway is rolled back and the rerun writes it whole; a batch rerun after
//! it committed finds every article present. Several processes may write to
//! one PostgreSQL at once: articles are written in id order (so concurrent
//! batches take their row locks in the same order) and a deadlock or
//! serialization failure retries the batch.

mod backend;
mod error;
mod export;
mod merge;
mod migrate;
mod parquet_export;
mod query;
mod record;
#[doc(hidden)]
pub mod testing;

use backend::{Conn, Value};

pub use backend::Dialect;
pub use error::{Error, Result};
pub use export::{ExportFormat, ExportWhat};
pub use merge::{Alias, MergeOptions, MergeSummary};
pub use migrate::SCHEMA_VERSION;
pub use parquet_export::{parquet_schema, BATCH_ROWS, ROW_GROUP_ROWS};
pub use query::*;
pub use record::{outlet_of, ArticleRecord};

/// The default SQLite file.
pub const DEFAULT_DB: &str = "newsgraph.db";

/// An open store.
pub struct Store {
    conn: Box<dyn Conn>,
}

/// What one [`Store::write_batch`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteSummary {
    /// Articles written (with their layers).
    pub inserted: usize,
    /// Articles already present (same text, or same URL): nothing written.
    pub duplicates: usize,
    /// Of the duplicates, texts already stored under another copy's metadata
    /// that this copy replaced (see [`Store::write_batch`]).
    pub replaced: usize,
    /// Transactions retried after a deadlock or a busy database.
    pub retries: usize,
}

/// Row counts of the source and derived tables.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub articles: u64,
    pub actors: u64,
    pub mentions: u64,
    pub quotes: u64,
    pub events: u64,
    pub figures: u64,
    pub positions: u64,
    pub canon_actors: u64,
    pub merged_events: u64,
    pub merged_quotes: u64,
}

/// One stored article.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredArticle {
    pub id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub source: Option<String>,
    pub format: Option<String>,
    pub text: String,
    /// The readout JSON, as `newsgraph extract --format json` prints it.
    pub readout: String,
}

/// Whether a target names PostgreSQL (`postgres://`, `postgresql://`).
pub fn is_postgres(target: &str) -> bool {
    target.starts_with("postgres://") || target.starts_with("postgresql://")
}

impl Store {
    /// Opens (creating and migrating as needed) a store: a PostgreSQL URL, or
    /// a SQLite file path (optionally `sqlite://PATH`).
    pub fn open(target: &str) -> Result<Store> {
        let mut conn: Box<dyn Conn> = if is_postgres(target) {
            Box::new(backend::Postgres::connect(target)?)
        } else {
            let path = target.strip_prefix("sqlite://").unwrap_or(target);
            Box::new(backend::Sqlite::open(path)?)
        };
        migrate::migrate(conn.as_mut())?;
        Ok(Store { conn })
    }

    pub fn dialect(&self) -> Dialect {
        self.conn.dialect()
    }

    /// The schema version recorded in the database.
    pub fn schema_version(&mut self) -> Result<i64> {
        Ok(self
            .conn
            .query("SELECT MAX(version) FROM schema_version", &[])?[0]
            .int(0)
            .unwrap_or(0))
    }

    /// Runs `f` inside a write transaction, retrying transient failures.
    fn in_transaction<T>(&mut self, f: impl FnMut(&mut Self) -> Result<T>) -> Result<(T, usize)> {
        let begin = match self.dialect() {
            // IMMEDIATE takes the write lock up front, so a busy database
            // waits (busy_timeout) instead of failing at the first write.
            Dialect::Sqlite => "BEGIN IMMEDIATE",
            Dialect::Postgres => "BEGIN",
        };
        self.in_transaction_with(begin, f)
    }

    /// Runs `f` inside a transaction opened by `begin`, retrying transient failures.
    fn in_transaction_with<T>(
        &mut self,
        begin: &str,
        mut f: impl FnMut(&mut Self) -> Result<T>,
    ) -> Result<(T, usize)> {
        let mut retries = 0;
        loop {
            self.conn.batch(begin)?;
            let result = f(self).and_then(|v| self.conn.batch("COMMIT").map(|_| v));
            match result {
                Ok(v) => return Ok((v, retries)),
                Err(e) => {
                    let _ = self.conn.batch("ROLLBACK");
                    if e.is_transient() && retries < 8 {
                        retries += 1;
                        std::thread::sleep(std::time::Duration::from_millis(20 << retries));
                        continue;
                    }
                    return Err(e);
                }
            }
        }
    }

    /// Writes a batch of articles in one transaction. Articles already
    /// present (by content id or URL) are skipped with their layers.
    pub fn write_batch(&mut self, records: &[ArticleRecord]) -> Result<WriteSummary> {
        let mut order: Vec<&ArticleRecord> = records.iter().collect();
        order.sort_by(|a, b| a.id.cmp(&b.id));
        let (mut summary, retries) = self.in_transaction(|store| {
            let mut summary = WriteSummary::default();
            let mut fresh: Vec<&ArticleRecord> = Vec::new();
            for rec in &order {
                let n = store.conn.execute(
                    "INSERT INTO articles (id, url, title, published, outlet, source, format, chars, text, readout)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING",
                    &[
                        rec.id.as_str().into(),
                        rec.url.clone().into(),
                        rec.title.clone().into(),
                        rec.published.clone().into(),
                        rec.outlet.clone().into(),
                        rec.source.clone().into(),
                        rec.format.clone().into(),
                        rec.chars.into(),
                        rec.text.as_str().into(),
                        rec.readout.as_str().into(),
                    ],
                )?;
                if n == 0 {
                    summary.duplicates += 1;
                    if store.prefer_copy(rec)? {
                        summary.replaced += 1;
                        // An earlier copy in this batch gives way too.
                        fresh.retain(|r| r.id != rec.id);
                        fresh.push(rec);
                    }
                } else {
                    summary.inserted += 1;
                    fresh.push(rec);
                }
            }
            for (i, (table, cols)) in record::LAYERS.iter().enumerate() {
                let rows: Vec<&Vec<Value>> = fresh.iter().flat_map(|r| &r.layers[i]).collect();
                store.insert_rows(table, cols, &rows)?;
            }
            if store.dialect() == Dialect::Sqlite {
                for rec in &fresh {
                    for q in &rec.layers[2] {
                        store.conn.execute(
                            "INSERT INTO quotes_fts (content, article_id, ord) VALUES ($1, $2, $3)",
                            &[q[11].clone(), q[0].clone(), q[1].clone()],
                        )?;
                    }
                }
            }
            Ok(summary)
        })?;
        summary.retries = retries;
        Ok(summary)
    }

    /// One text arriving under several URLs is stored once, as the copy
    /// with the earliest publication date (then the smallest URL), whatever
    /// order the copies arrive in, so that parallel and repeated ingests end
    /// in the same store. When `rec` is that copy and the stored one is not,
    /// this replaces the stored metadata, drops its layers and returns true
    /// (the caller writes `rec`'s layers). A URL held by another text is
    /// never taken over.
    fn prefer_copy(&mut self, rec: &ArticleRecord) -> Result<bool> {
        let lock = match self.dialect() {
            Dialect::Sqlite => "",
            Dialect::Postgres => " FOR UPDATE",
        };
        let held = self.conn.query(
            &format!("SELECT url, published FROM articles WHERE id = $1{lock}"),
            &[rec.id.as_str().into()],
        )?;
        let Some(held) = held.first() else {
            return Ok(false); // the conflict was on the URL: another text keeps it
        };
        let key = |published: &Option<String>, url: &Option<String>| {
            (
                published.is_none(),
                published.clone(),
                url.is_none(),
                url.clone(),
            )
        };
        if key(&rec.published, &rec.url) >= key(&held.text(1), &held.text(0)) {
            return Ok(false);
        }
        if let Some(url) = &rec.url {
            let taken = self.conn.query(
                "SELECT COUNT(*) FROM articles WHERE url = $1 AND id <> $2",
                &[url.as_str().into(), rec.id.as_str().into()],
            )?;
            if taken[0].int(0).unwrap_or(0) > 0 {
                return Ok(false);
            }
        }
        self.delete_layers(&rec.id)?;
        self.invalidate_merges_of(&rec.id)?;
        self.conn.execute(
            "UPDATE articles SET url = $2, title = $3, published = $4, outlet = $5, source = $6,
                 format = $7, readout = $8
             WHERE id = $1",
            &[
                rec.id.as_str().into(),
                rec.url.clone().into(),
                rec.title.clone().into(),
                rec.published.clone().into(),
                rec.outlet.clone().into(),
                rec.source.clone().into(),
                rec.format.clone().into(),
                rec.readout.as_str().into(),
            ],
        )?;
        Ok(true)
    }

    /// When the merges include an article whose layers are about to change
    /// or go, makes the next merge a full rebuild.
    fn invalidate_merges_of(&mut self, id: &str) -> Result<()> {
        self.conn.execute(
            "DELETE FROM merge_state
             WHERE EXISTS (SELECT 1 FROM merge_articles WHERE article_id = $1)",
            &[id.into()],
        )?;
        Ok(())
    }

    /// Removes an article's layer rows (and its full-text entries).
    fn delete_layers(&mut self, id: &str) -> Result<()> {
        for (table, _) in record::LAYERS {
            self.conn.execute(
                &format!("DELETE FROM {table} WHERE article_id = $1"),
                &[id.into()],
            )?;
        }
        if self.dialect() == Dialect::Sqlite {
            self.conn
                .execute("DELETE FROM quotes_fts WHERE article_id = $1", &[id.into()])?;
        }
        Ok(())
    }

    /// Multi-row inserts in chunks of up to 64 rows.
    fn insert_rows(&mut self, table: &str, cols: &[&str], rows: &[&Vec<Value>]) -> Result<()> {
        const CHUNK: usize = 64;
        for chunk in rows.chunks(CHUNK) {
            let mut sql = format!("INSERT INTO {table} ({}) VALUES ", cols.join(", "));
            let mut params = Vec::with_capacity(chunk.len() * cols.len());
            for (r, row) in chunk.iter().enumerate() {
                if r > 0 {
                    sql.push_str(", ");
                }
                sql.push('(');
                for c in 0..cols.len() {
                    if c > 0 {
                        sql.push_str(", ");
                    }
                    sql.push_str(&format!("${}", r * cols.len() + c + 1));
                }
                sql.push(')');
                params.extend(row.iter().cloned());
            }
            sql.push_str(" ON CONFLICT DO NOTHING");
            self.conn.execute(&sql, &params)?;
        }
        Ok(())
    }

    fn count(&mut self, table: &str) -> Result<u64> {
        Ok(self
            .conn
            .query(&format!("SELECT COUNT(*) FROM {table}"), &[])?[0]
            .int(0)
            .unwrap_or(0) as u64)
    }

    /// Row counts of every table.
    pub fn counts(&mut self) -> Result<Counts> {
        Ok(Counts {
            articles: self.count("articles")?,
            actors: self.count("actors")?,
            mentions: self.count("mentions")?,
            quotes: self.count("quotes")?,
            events: self.count("events")?,
            figures: self.count("figures")?,
            positions: self.count("positions")?,
            canon_actors: self.count("canon_actors")?,
            merged_events: self.count("merged_events")?,
            merged_quotes: self.count("merged_quotes")?,
        })
    }

    /// One article with its text and readout.
    pub fn article(&mut self, id: &str) -> Result<Option<StoredArticle>> {
        let rows = self.conn.query(
            "SELECT id, url, title, published, outlet, source, format, text, readout
             FROM articles WHERE id = $1",
            &[id.into()],
        )?;
        Ok(rows.first().map(|r| StoredArticle {
            id: r.string(0),
            url: r.text(1),
            title: r.text(2),
            published: r.text(3),
            outlet: r.text(4),
            source: r.text(5),
            format: r.text(6),
            text: r.string(7),
            readout: r.string(8),
        }))
    }

    /// Removes an article and its layers (merges go stale until rebuilt);
    /// false when there was none.
    pub fn delete_article(&mut self, id: &str) -> Result<bool> {
        let id = id.to_string();
        let (n, _) = self.in_transaction(|store| {
            store.delete_layers(&id)?;
            store.invalidate_merges_of(&id)?;
            store
                .conn
                .execute("DELETE FROM articles WHERE id = $1", &[id.as_str().into()])
        })?;
        Ok(n > 0)
    }

    /// Spans whose stored text differs from the article text at their
    /// offsets (`substr` counts code points in both databases): 0 when every
    /// span verifies.
    pub fn check_spans(&mut self) -> Result<u64> {
        let checks = [
            "SELECT COUNT(*) FROM mentions m JOIN articles a ON a.id = m.article_id
             WHERE substr(a.text, CAST(m.start_cp + 1 AS INTEGER), CAST(m.end_cp - m.start_cp AS INTEGER)) <> m.text",
            "SELECT COUNT(*) FROM quotes q JOIN articles a ON a.id = q.article_id
             WHERE substr(a.text, CAST(q.content_start + 1 AS INTEGER), CAST(q.content_end - q.content_start AS INTEGER)) <> q.content",
            "SELECT COUNT(*) FROM events e JOIN articles a ON a.id = e.article_id
             WHERE substr(a.text, CAST(e.trigger_start + 1 AS INTEGER), CAST(e.trigger_end - e.trigger_start AS INTEGER)) <> e.trigger_text",
            "SELECT COUNT(*) FROM figures f JOIN articles a ON a.id = f.article_id
             WHERE substr(a.text, CAST(f.start_cp + 1 AS INTEGER), CAST(f.end_cp - f.start_cp AS INTEGER)) <> f.text",
            "SELECT COUNT(*) FROM mentions m JOIN articles a ON a.id = m.article_id
             WHERE m.end_cp > a.chars OR m.start_cp > m.end_cp",
        ];
        let mut bad = 0;
        for sql in checks {
            bad += self.conn.query(sql, &[])?[0].int(0).unwrap_or(0) as u64;
        }
        Ok(bad)
    }
}
