//! The store's one error type.

/// A store failure: the database could not be opened, migrated, written or read.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The database URL or file could not be opened.
    #[error("{target}: cannot open database: {message}")]
    Open { target: String, message: String },
    /// A statement failed. `code` is the SQLSTATE (PostgreSQL) or the SQLite
    /// result code name, when known.
    #[error("database: {message}")]
    Db {
        code: Option<String>,
        message: String,
    },
    /// A migration failed.
    #[error("migration {version} ({name}): {message}")]
    Migration {
        version: i64,
        name: String,
        message: String,
    },
    /// The database was written by a newer newsgraph.
    #[error("database schema version {found} is newer than this newsgraph knows ({known})")]
    TooNew { found: i64, known: i64 },
    /// A request the store cannot answer (an unknown export, a bad date).
    #[error("{0}")]
    Invalid(String),
    /// Writing an export failed.
    #[error("writing export: {0}")]
    Io(#[from] std::io::Error),
}

impl Error {
    /// True for failures worth retrying the whole transaction: PostgreSQL
    /// deadlocks and serialization failures, SQLite busy/locked.
    pub fn is_transient(&self) -> bool {
        match self {
            Error::Db {
                code: Some(code), ..
            } => matches!(
                code.as_str(),
                "40P01" | "40001" | "SQLITE_BUSY" | "SQLITE_LOCKED"
            ),
            _ => false,
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        let code = match &e {
            rusqlite::Error::SqliteFailure(f, _) => match f.code {
                rusqlite::ErrorCode::DatabaseBusy => Some("SQLITE_BUSY".to_string()),
                rusqlite::ErrorCode::DatabaseLocked => Some("SQLITE_LOCKED".to_string()),
                other => Some(format!("{other:?}")),
            },
            _ => None,
        };
        Error::Db {
            code,
            message: e.to_string(),
        }
    }
}

impl From<postgres::Error> for Error {
    fn from(e: postgres::Error) -> Self {
        match e.as_db_error() {
            Some(db) => Error::Db {
                code: Some(db.code().code().to_string()),
                message: format!("{} ({})", db.message(), db.code().code()),
            },
            None => Error::Db {
                code: None,
                message: e.to_string(),
            },
        }
    }
}

/// The store's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
