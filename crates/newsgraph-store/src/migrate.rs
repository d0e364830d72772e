//! Versioned migrations: `migrations/NNNN_name.sql` is shared by both
//! databases; `migrations/sqlite/` and `migrations/postgres/` hold what only
//! one of them understands (full-text search). Each version is applied once,
//! inside one transaction, and recorded in `schema_version`.

use crate::backend::{Conn, Dialect, Value};
use crate::{Error, Result};

struct Migration {
    version: i64,
    name: &'static str,
    shared: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
}

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "init",
        shared: include_str!("../migrations/0001_init.sql"),
        sqlite: include_str!("../migrations/sqlite/0001_init.sql"),
        postgres: include_str!("../migrations/postgres/0001_init.sql"),
    },
    Migration {
        version: 2,
        name: "incremental_merge",
        shared: include_str!("../migrations/0002_incremental_merge.sql"),
        sqlite: include_str!("../migrations/sqlite/0002_incremental_merge.sql"),
        postgres: include_str!("../migrations/postgres/0002_incremental_merge.sql"),
    },
    Migration {
        version: 3,
        name: "merge_first_reports",
        shared: include_str!("../migrations/0003_merge_first_reports.sql"),
        sqlite: include_str!("../migrations/sqlite/0003_merge_first_reports.sql"),
        postgres: include_str!("../migrations/postgres/0003_merge_first_reports.sql"),
    },
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 3;

/// A lock id for PostgreSQL advisory locks taken while migrating, so that
/// several processes starting at once migrate one after the other.
const MIGRATE_LOCK: i64 = 0x6e67_0001;

/// Brings the schema up to [`SCHEMA_VERSION`]; returns the version found before.
pub(crate) fn migrate(conn: &mut dyn Conn) -> Result<i64> {
    match conn.dialect() {
        Dialect::Sqlite => conn.batch("BEGIN IMMEDIATE")?,
        Dialect::Postgres => conn.batch(&format!(
            "BEGIN; SELECT pg_advisory_xact_lock({MIGRATE_LOCK})"
        ))?,
    }
    let result = apply(conn);
    match &result {
        Ok(_) => conn.batch("COMMIT")?,
        Err(_) => {
            let _ = conn.batch("ROLLBACK");
        }
    }
    result
}

fn apply(conn: &mut dyn Conn) -> Result<i64> {
    conn.batch(
        "CREATE TABLE IF NOT EXISTS schema_version (
             version BIGINT PRIMARY KEY,
             name TEXT NOT NULL,
             applied_at TEXT NOT NULL
         )",
    )?;
    let found = conn.query("SELECT MAX(version) FROM schema_version", &[])?[0]
        .int(0)
        .unwrap_or(0);
    if found > SCHEMA_VERSION {
        return Err(Error::TooNew {
            found,
            known: SCHEMA_VERSION,
        });
    }
    for m in MIGRATIONS.iter().filter(|m| m.version > found) {
        let fail = |e: Error| Error::Migration {
            version: m.version,
            name: m.name.to_string(),
            message: e.to_string(),
        };
        conn.batch(m.shared).map_err(fail)?;
        let own = match conn.dialect() {
            Dialect::Sqlite => m.sqlite,
            Dialect::Postgres => m.postgres,
        };
        conn.batch(own).map_err(fail)?;
        conn.execute(
            "INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)",
            &[
                Value::Int(m.version),
                m.name.into(),
                chrono::Utc::now()
                    .format("%Y-%m-%dT%H:%M:%SZ")
                    .to_string()
                    .into(),
            ],
        )
        .map_err(fail)?;
    }
    Ok(found)
}
