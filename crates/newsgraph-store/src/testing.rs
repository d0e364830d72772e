//! Helpers for tests that run against both databases: a fresh SQLite file,
//! and, when `NEWSGRAPH_TEST_PG` names a PostgreSQL server, a fresh database
//! on it (dropped again by [`TestDb`]'s `Drop`).

use std::sync::atomic::{AtomicUsize, Ordering};

/// The environment variable naming the PostgreSQL server for tests.
pub const PG_ENV: &str = "NEWSGRAPH_TEST_PG";

/// A database for one test.
pub struct TestDb {
    /// What to pass to `Store::open` or `--db`.
    pub target: String,
    /// `sqlite` or `postgres`.
    pub backend: &'static str,
    _dir: Option<tempfile::TempDir>,
    cleanup: Option<(String, String)>,
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((base, name)) = &self.cleanup {
            if let Ok(mut c) = postgres::Client::connect(base, postgres::NoTls) {
                let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        }
    }
}

/// `base` with its database name replaced by `name`.
pub fn with_database(base: &str, name: &str) -> String {
    let (head, query) = match base.split_once('?') {
        Some((h, q)) => (h, Some(q)),
        None => (base, None),
    };
    let after_scheme = head.find("://").map_or(0, |i| i + 3);
    let head = match head[after_scheme..].find('/') {
        Some(i) => &head[..after_scheme + i],
        None => head,
    };
    match query {
        Some(q) => format!("{head}/{name}?{q}"),
        None => format!("{head}/{name}"),
    }
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A fresh SQLite file in a temporary directory.
pub fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("test.db").to_string_lossy().into_owned();
    TestDb {
        target,
        backend: "sqlite",
        _dir: Some(dir),
        cleanup: None,
    }
}

/// A fresh PostgreSQL database when `NEWSGRAPH_TEST_PG` is set; `None`
/// (with a notice on stderr) otherwise.
pub fn postgres(test: &str) -> Option<TestDb> {
    let Ok(base) = std::env::var(PG_ENV) else {
        // Written to stderr directly, past the test harness's capture, so
        // the skip shows in every test run.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "notice: {PG_ENV} is not set; {test} runs on SQLite only"
        );
        return None;
    };
    let name = format!(
        "ng_{}_{}_{}",
        test.chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
            .take(30)
            .collect::<String>()
            .to_lowercase(),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    let mut client = postgres::Client::connect(&base, postgres::NoTls)
        .unwrap_or_else(|e| panic!("{PG_ENV}: cannot connect: {e}"));
    client
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap_or_else(|e| panic!("{PG_ENV}: cannot create database {name}: {e}"));
    Some(TestDb {
        target: with_database(&base, &name),
        backend: "postgres",
        _dir: None,
        cleanup: Some((base, name)),
    })
}

impl crate::Store {
    /// Every row of the merge tables, sorted, one string a row: for tests
    /// that compare an incremental update with a rebuild.
    pub fn dump_merges(&mut self) -> Vec<String> {
        let mut out = Vec::new();
        for table in crate::merge::MERGE_TABLES {
            let mut rows: Vec<String> = self
                .conn
                .query(&format!("SELECT * FROM {table}"), &[])
                .expect("merge tables read")
                .into_iter()
                .map(|r| format!("{table}: {:?}", r.0))
                .collect();
            rows.sort();
            out.extend(rows);
        }
        out
    }
}

/// SQLite, plus PostgreSQL when configured.
pub fn all(test: &str) -> Vec<TestDb> {
    let mut dbs = vec![sqlite()];
    dbs.extend(postgres(test));
    dbs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_names_are_replaced_in_urls() {
        assert_eq!(
            with_database("postgres://u@localhost:5433/postgres", "t1"),
            "postgres://u@localhost:5433/t1"
        );
        assert_eq!(
            with_database("postgres://u@localhost:5433", "t1"),
            "postgres://u@localhost:5433/t1"
        );
        assert_eq!(
            with_database("postgresql://u@h/db?sslmode=disable", "t1"),
            "postgresql://u@h/t1?sslmode=disable"
        );
    }
}
