//! `newsgraph export --format parquet`: every table to a file (`--out`) and
//! to a redirected standard output, read back with the parquet crate's
//! reader; the row counts agree with the CSV export's.

use std::process::Command;

use arrow_array::{Array, Int64Array, StringArray};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

const BIN: &str = env!("CARGO_BIN_EXE_newsgraph");

fn run(args: &[&str]) -> Vec<u8> {
    let out = Command::new(BIN)
        .args(args)
        .output()
        .expect("newsgraph runs");
    assert!(
        out.status.success(),
        "newsgraph {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn read(path: &std::path::Path) -> Vec<arrow_array::RecordBatch> {
    let file = std::fs::File::open(path).unwrap();
    ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap()
        .map(|b| b.unwrap())
        .collect()
}

#[test]
fn every_table_exports_to_parquet_with_the_csv_rows() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    // One story from three outlets (the SANCTION event and the quote merge).
    for (name, text) in newsgraph_ingest::corpus::NEAR_DUPLICATES {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let db = tmp.path().join("corpus.db");
    let db = db.to_str().unwrap();
    run(&["ingest", "--jobs", "1", "--db", db, dir.to_str().unwrap()]);
    for what in ["events", "quotes", "actors", "positions"] {
        let path = tmp.path().join(format!("{what}.parquet"));
        run(&[
            "export",
            "--db",
            db,
            "--what",
            what,
            "--format",
            "parquet",
            "--out",
            path.to_str().unwrap(),
        ]);
        let batches = read(&path);
        let rows: usize = batches.iter().map(|b| b.num_rows()).sum();
        let csv = run(&["export", "--db", db, "--what", what, "--format", "csv"]);
        let csv_rows = String::from_utf8(csv).unwrap().lines().count() - 1;
        assert_eq!(rows, csv_rows, "{what}");
        // Standard output redirected to a file gives the same bytes.
        let stdout = run(&["export", "--db", db, "--what", what, "--format", "parquet"]);
        assert_eq!(stdout, std::fs::read(&path).unwrap(), "{what}");
        if what == "events" {
            let b = &batches[0];
            let col = |n: &str| b.column_by_name(n).unwrap().clone();
            let types = col("type");
            let types = types.as_any().downcast_ref::<StringArray>().unwrap();
            let sources = col("sources");
            let sources = sources.as_any().downcast_ref::<Int64Array>().unwrap();
            let i = (0..b.num_rows())
                .find(|&i| types.value(i) == "SANCTION" && sources.value(i) == 3)
                .expect("the merged SANCTION event with three sources");
            let start = col("trigger_start");
            let start = start.as_any().downcast_ref::<Int64Array>().unwrap();
            let end = col("trigger_end");
            let end = end.as_any().downcast_ref::<Int64Array>().unwrap();
            assert!(end.value(i) > start.value(i));
            assert!(!col("date").is_null(i));
        }
        if what == "actors" {
            let names = batches[0].column_by_name("name").unwrap();
            let names = names.as_any().downcast_ref::<StringArray>().unwrap();
            assert!((0..names.len()).any(|i| names.value(i) == "Ingrid Solberg"));
        }
    }
}
