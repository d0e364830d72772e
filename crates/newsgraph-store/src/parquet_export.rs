//! Parquet exports: the rows of the CSV exports (one per report of a merged
//! event or quote, one per actor, one per position report) with typed
//! columns. Offsets and counts are `Int64`, similarities `Float64`, dates
//! `Date32` (days since 1970-01-01; null when absent or not a full
//! `YYYY-MM-DD` date), names of several actors and the roles and variants of
//! an actor are lists of strings, and a position report's evidence spans are
//! a JSON string column (`[{"start", "end", "text"}]`, code points) beside
//! the first span's typed columns.
//!
//! Rows go to the Arrow writer in batches of [`BATCH_ROWS`], and the writer
//! closes a row group every [`ROW_GROUP_ROWS`] rows, so the encoder holds at
//! most one row group however large the export.

use std::io::Write;
use std::sync::Arc;

use arrow_array::builder::{
    Date32Builder, Float64Builder, Int64Builder, ListBuilder, StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use crate::export::ExportWhat;
use crate::query::{QuoteFilter, TimelineFilter};
use crate::{Error, Result, Store};

/// Rows handed to the writer at a time.
pub const BATCH_ROWS: usize = 8192;
/// Rows per Parquet row group.
pub const ROW_GROUP_ROWS: usize = 8 * BATCH_ROWS;

fn parquet_err(e: impl std::fmt::Display) -> Error {
    Error::Invalid(format!("writing Parquet: {e}"))
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date.
pub(crate) fn date32(s: Option<&str>) -> Option<i32> {
    let d = chrono::NaiveDate::parse_from_str(s?, "%Y-%m-%d").ok()?;
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date");
    i32::try_from((d - epoch).num_days()).ok()
}

/// A column's type.
#[derive(Clone, Copy)]
enum Kind {
    Int,
    Float,
    Str,
    Date,
    StrList,
    IntList,
}

/// One cell of a row.
enum Cell {
    Int(Option<i64>),
    Float(Option<f64>),
    Str(Option<String>),
    Date(Option<i32>),
    StrList(Vec<String>),
    IntList(Vec<i64>),
}

enum Builder {
    Int(Int64Builder),
    Float(Float64Builder),
    Str(StringBuilder),
    Date(Date32Builder),
    StrList(ListBuilder<StringBuilder>),
    IntList(ListBuilder<Int64Builder>),
}

impl Builder {
    fn new(kind: Kind) -> Builder {
        match kind {
            Kind::Int => Builder::Int(Int64Builder::new()),
            Kind::Float => Builder::Float(Float64Builder::new()),
            Kind::Str => Builder::Str(StringBuilder::new()),
            Kind::Date => Builder::Date(Date32Builder::new()),
            Kind::StrList => Builder::StrList(ListBuilder::new(StringBuilder::new())),
            Kind::IntList => Builder::IntList(ListBuilder::new(Int64Builder::new())),
        }
    }

    fn push(&mut self, cell: Cell) {
        match (self, cell) {
            (Builder::Int(b), Cell::Int(v)) => b.append_option(v),
            (Builder::Float(b), Cell::Float(v)) => b.append_option(v),
            (Builder::Str(b), Cell::Str(v)) => b.append_option(v),
            (Builder::Date(b), Cell::Date(v)) => b.append_option(v),
            (Builder::StrList(b), Cell::StrList(v)) => {
                for s in v {
                    b.values().append_value(s);
                }
                b.append(true);
            }
            (Builder::IntList(b), Cell::IntList(v)) => {
                for n in v {
                    b.values().append_value(n);
                }
                b.append(true);
            }
            _ => unreachable!("a cell of another type than its column"),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Int(b) => Arc::new(b.finish()),
            Builder::Float(b) => Arc::new(b.finish()),
            Builder::Str(b) => Arc::new(b.finish()),
            Builder::Date(b) => Arc::new(b.finish()),
            Builder::StrList(b) => Arc::new(b.finish()),
            Builder::IntList(b) => Arc::new(b.finish()),
        }
    }
}

/// The columns of one export: name, type, whether it may be null.
fn columns(what: ExportWhat) -> &'static [(&'static str, Kind, bool)] {
    use Kind::*;
    match what {
        ExportWhat::Events => &[
            ("merged_id", Int, false),
            ("type", Str, false),
            ("status", Str, false),
            ("date", Date, true),
            ("date_last", Date, true),
            ("actors", StrList, false),
            ("actor_ids", IntList, false),
            ("targets", StrList, false),
            ("target_ids", IntList, false),
            ("sources", Int, false),
            ("reports", Int, false),
            ("merge_reason", Str, false),
            ("article", Str, false),
            ("event", Str, false),
            ("url", Str, true),
            ("outlet", Str, true),
            ("published", Date, true),
            ("report_date", Date, true),
            ("report_status", Str, false),
            ("trigger_start", Int, false),
            ("trigger_end", Int, false),
            ("trigger_text", Str, false),
            ("reason", Str, false),
        ],
        ExportWhat::Quotes => &[
            ("merged_id", Int, false),
            ("speaker_id", Int, true),
            ("speaker", Str, true),
            ("date", Date, true),
            ("sources", Int, false),
            ("reports", Int, false),
            ("merge_reason", Str, false),
            ("article", Str, false),
            ("quote", Str, false),
            ("kind", Str, false),
            ("url", Str, true),
            ("outlet", Str, true),
            ("published", Date, true),
            ("content_start", Int, false),
            ("content_end", Int, false),
            ("content", Str, false),
            ("similarity", Float, false),
            ("reason", Str, false),
        ],
        ExportWhat::Actors => &[
            ("id", Int, false),
            ("key", Str, false),
            ("name", Str, false),
            ("kind", Str, false),
            ("country", Str, true),
            ("sector", Str, true),
            ("roles", StrList, false),
            ("variants", StrList, false),
            ("articles", Int, false),
            ("mentions", Int, false),
            ("quotes", Int, false),
            ("events", Int, false),
        ],
        ExportWhat::Positions => &[
            ("issue", Str, false),
            ("actor_id", Int, false),
            ("actor", Str, false),
            ("current_stance", Str, false),
            ("current_date", Date, true),
            ("date", Date, true),
            ("stance", Str, false),
            ("article", Str, false),
            ("url", Str, true),
            ("outlet", Str, true),
            ("evidence_start", Int, true),
            ("evidence_end", Int, true),
            ("evidence_text", Str, true),
            ("evidence", Str, false),
        ],
    }
}

fn data_type(kind: Kind) -> DataType {
    match kind {
        Kind::Int => DataType::Int64,
        Kind::Float => DataType::Float64,
        Kind::Str => DataType::Utf8,
        Kind::Date => DataType::Date32,
        Kind::StrList => DataType::List(Arc::new(Field::new_list_field(DataType::Utf8, true))),
        Kind::IntList => DataType::List(Arc::new(Field::new_list_field(DataType::Int64, true))),
    }
}

/// The Arrow schema of an export.
pub fn parquet_schema(what: ExportWhat) -> SchemaRef {
    Arc::new(Schema::new(
        columns(what)
            .iter()
            .map(|(name, kind, nullable)| Field::new(*name, data_type(*kind), *nullable))
            .collect::<Vec<_>>(),
    ))
}

/// Rows in, record batches out to the Parquet writer.
struct Sink<W: Write + Send> {
    schema: SchemaRef,
    builders: Vec<Builder>,
    rows: usize,
    writer: ArrowWriter<W>,
}

impl<W: Write + Send> Sink<W> {
    fn new(what: ExportWhat, out: W) -> Result<Self> {
        let schema = parquet_schema(what);
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
            .set_created_by(format!("newsgraph {}", env!("CARGO_PKG_VERSION")))
            .build();
        let writer = ArrowWriter::try_new(out, schema.clone(), Some(props)).map_err(parquet_err)?;
        Ok(Sink {
            builders: columns(what).iter().map(|c| Builder::new(c.1)).collect(),
            schema,
            rows: 0,
            writer,
        })
    }

    fn push(&mut self, row: Vec<Cell>) -> Result<()> {
        debug_assert_eq!(row.len(), self.builders.len());
        for (b, cell) in self.builders.iter_mut().zip(row) {
            b.push(cell);
        }
        self.rows += 1;
        if self.rows >= BATCH_ROWS {
            self.flush_batch()?;
        }
        Ok(())
    }

    fn flush_batch(&mut self) -> Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = self.builders.iter_mut().map(Builder::finish).collect();
        let batch = RecordBatch::try_new(self.schema.clone(), arrays).map_err(parquet_err)?;
        self.writer.write(&batch).map_err(parquet_err)?;
        self.rows = 0;
        Ok(())
    }

    fn finish(mut self) -> Result<()> {
        self.flush_batch()?;
        let mut out = self.writer.into_inner().map_err(parquet_err)?;
        out.flush()?;
        Ok(())
    }
}

fn s(v: &str) -> Cell {
    Cell::Str(Some(v.to_string()))
}

fn os(v: &Option<String>) -> Cell {
    Cell::Str(v.clone())
}

fn int(v: impl TryInto<i64>) -> Cell {
    Cell::Int(v.try_into().ok())
}

fn date(v: &Option<String>) -> Cell {
    Cell::Date(date32(v.as_deref()))
}

impl Store {
    /// Writes `what` as a Parquet file (see the module docs for the columns).
    pub(crate) fn export_parquet<W: Write + Send>(
        &mut self,
        what: ExportWhat,
        out: W,
    ) -> Result<()> {
        let mut sink = Sink::new(what, out)?;
        match what {
            ExportWhat::Events => {
                for e in self.timeline(&TimelineFilter::default())? {
                    for r in &e.reports {
                        sink.push(vec![
                            int(e.id),
                            s(&e.event_type),
                            s(&e.status),
                            date(&e.date),
                            date(&e.date_last),
                            Cell::StrList(e.actors.iter().map(|a| a.name.clone()).collect()),
                            Cell::IntList(e.actors.iter().map(|a| a.id).collect()),
                            Cell::StrList(e.targets.iter().map(|a| a.name.clone()).collect()),
                            Cell::IntList(e.targets.iter().map(|a| a.id).collect()),
                            int(e.sources),
                            int(e.reports.len()),
                            s(&e.reason),
                            s(&r.article),
                            s(&r.event),
                            os(&r.url),
                            os(&r.outlet),
                            date(&r.published),
                            date(&r.date),
                            s(&r.status),
                            int(r.trigger.start),
                            int(r.trigger.end),
                            s(&r.trigger.text),
                            s(&r.reason),
                        ])?;
                    }
                }
            }
            ExportWhat::Quotes => {
                for q in self.quotes(&QuoteFilter::default())? {
                    for r in &q.reports {
                        sink.push(vec![
                            int(q.id),
                            Cell::Int(q.speaker.as_ref().map(|a| a.id)),
                            Cell::Str(q.speaker.as_ref().map(|a| a.name.clone())),
                            date(&q.date),
                            int(q.sources),
                            int(q.reports.len()),
                            s(&q.reason),
                            s(&r.article),
                            s(&r.quote),
                            s(&r.kind),
                            os(&r.url),
                            os(&r.outlet),
                            date(&r.published),
                            int(r.content.start),
                            int(r.content.end),
                            s(&r.content.text),
                            Cell::Float(Some(r.similarity)),
                            s(&r.reason),
                        ])?;
                    }
                }
            }
            ExportWhat::Actors => {
                for a in self.actors(None)? {
                    sink.push(vec![
                        int(a.id),
                        s(&a.key),
                        s(&a.name),
                        s(&a.kind),
                        os(&a.country),
                        os(&a.sector),
                        Cell::StrList(a.roles),
                        Cell::StrList(a.variants),
                        int(a.articles),
                        int(a.mentions),
                        int(a.quotes),
                        int(a.events),
                    ])?;
                }
            }
            ExportWhat::Positions => {
                for p in self.positions(None)? {
                    for h in &p.history {
                        let ev = h.evidence.first();
                        sink.push(vec![
                            s(&p.issue),
                            int(p.actor.id),
                            s(&p.actor.name),
                            s(&p.stance),
                            date(&p.date),
                            date(&h.date),
                            s(&h.stance),
                            s(&h.article),
                            os(&h.url),
                            os(&h.outlet),
                            Cell::Int(ev.map(|e| e.start)),
                            Cell::Int(ev.map(|e| e.end)),
                            Cell::Str(ev.map(|e| e.text.clone())),
                            Cell::Str(Some(
                                serde_json::to_string(&h.evidence).expect("spans serialize"),
                            )),
                        ])?;
                    }
                }
            }
        }
        sink.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_days_since_the_epoch() {
        assert_eq!(date32(Some("1970-01-02")), Some(1));
        assert_eq!(date32(Some("2025-08-18")), Some(20318));
        assert_eq!(date32(Some("2025-08")), None);
        assert_eq!(date32(None), None);
    }

    #[test]
    fn rows_are_written_in_batches_and_row_groups() {
        use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
        let n = ROW_GROUP_ROWS + BATCH_ROWS + 5;
        let mut file = tempfile::tempfile().unwrap();
        let mut sink = Sink::new(ExportWhat::Actors, &mut file).unwrap();
        for i in 0..n {
            sink.push(vec![
                int(i),
                s(&format!("person:p{i}")),
                s(&format!("P{i}")),
                s("person"),
                Cell::Str(None),
                os(&Some("GOV".to_string())),
                Cell::StrList(vec!["Minister".into(), "MP".into()]),
                Cell::StrList(vec![]),
                int(1),
                int(i % 7),
                int(0),
                int(0),
            ])
            .unwrap();
            assert!(sink.rows < BATCH_ROWS, "a full batch is handed on at once");
        }
        sink.finish().unwrap();
        let reader = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
        assert_eq!(reader.metadata().num_row_groups(), 2);
        assert_eq!(reader.metadata().file_metadata().num_rows(), n as i64);
        let mut seen = 0;
        for batch in reader.build().unwrap() {
            seen += batch.unwrap().num_rows();
        }
        assert_eq!(seen, n);
    }

    #[test]
    fn every_export_has_a_schema_with_distinct_columns() {
        for what in [
            ExportWhat::Events,
            ExportWhat::Quotes,
            ExportWhat::Actors,
            ExportWhat::Positions,
        ] {
            let schema = parquet_schema(what);
            let mut names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
            let n = names.len();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), n);
        }
    }
}
