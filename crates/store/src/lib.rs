//! # creacity-store
//!
//! One workspace is the truth about a territory: its cities, clusters, actors, documents, analysis
//! results, strategies and KPIs. By default the workspace is a single SQLite file with versioned
//! migrations (`migrations/`). The schema is portable SQL so that PostgreSQL can serve as a second
//! backend with the same migrations.
//!
//! Every import runs in one transaction: either all records are written, or none.
//! A file that is not a creacity workspace, is damaged, or comes from a newer schema is refused and
//! left untouched.
//!
//! ```
//! let dir = tempfile::tempdir().unwrap();
//! let path = dir.path().join("w.db");
//! let ws = creacity_store::Workspace::create(&path).unwrap();
//! assert_eq!(ws.schema_version().unwrap(), creacity_store::SCHEMA_VERSION);
//! ```
#![warn(missing_docs)]

mod analyses;
mod clusters;
mod documents;
mod error;
mod schema;
mod strategies;
mod territories;

use std::path::Path;

use rusqlite::Connection;

pub use analyses::StoredAnalysis;
pub use error::{Result, StoreError};
pub use schema::{APPLICATION, SCHEMA_VERSION};

/// How many records an import added and how many it replaced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportSummary {
    /// New records.
    pub inserted: usize,
    /// Records that existed (same id) and were replaced.
    pub updated: usize,
}

/// An open workspace.
pub struct Workspace {
    conn: Connection,
}

impl Workspace {
    /// Creates a new workspace file at `path`.
    ///
    /// # Errors
    /// [`StoreError::AlreadyExists`] when any file is there: a workspace is never overwritten.
    pub fn create(path: &Path) -> Result<Self> {
        Ok(Self {
            conn: schema::create(path)?,
        })
    }

    /// Opens an existing workspace, upgrading an older schema in one transaction.
    ///
    /// # Errors
    /// [`StoreError::NotFound`], [`StoreError::Damaged`] for files that are not creacity workspaces
    /// or fail SQLite's integrity check, [`StoreError::NewerSchema`] for files from a newer creacity.
    pub fn open(path: &Path) -> Result<Self> {
        Ok(Self {
            conn: schema::open(path)?,
        })
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<u32> {
        Ok(schema::meta(&self.conn, "schema_version")?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0))
    }

    /// Records counts per table, for `creacity status`.
    pub fn counts(&self) -> Result<Vec<(&'static str, i64)>> {
        let tables = [
            "territories",
            "clusters",
            "actors",
            "documents",
            "analyses",
            "strategies",
            "measures",
            "kpis",
            "imports",
        ];
        tables
            .iter()
            .map(|t| {
                let n: i64 =
                    self.conn
                        .query_row(&format!("SELECT COUNT(*) FROM {t}"), [], |r| r.get(0))?;
                Ok((*t, n))
            })
            .collect()
    }

    /// The import journal, newest first: (kind, source, records, time).
    pub fn imports(&self) -> Result<Vec<(String, String, i64, String)>> {
        let mut st = self.conn.prepare(
            "SELECT kind, source, records, created_at FROM imports ORDER BY created_at DESC, id DESC",
        )?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The current time as RFC 3339 UTC text, as every stamp in the store is written.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Writes a journal line inside the caller's transaction.
pub(crate) fn journal(
    tx: &rusqlite::Transaction<'_>,
    kind: &str,
    source: &str,
    records: usize,
) -> Result<()> {
    let stamp = now();
    let id = format!("{kind}-{stamp}-{records}");
    tx.execute(
        "INSERT INTO imports (id, kind, source, records, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        rusqlite::params![id, kind, source, records as i64, stamp],
    )?;
    Ok(())
}

pub(crate) fn bool_of(v: i64) -> bool {
    v != 0
}

pub(crate) fn split_list(s: &str) -> Vec<String> {
    s.split(';')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(String::from)
        .collect()
}

pub(crate) fn parse_coded<T: creacity_model::Coded>(
    what: &'static str,
    id: &str,
    value: &str,
) -> Result<T> {
    T::parse(value).ok_or_else(|| StoreError::Corrupt {
        what,
        id: id.to_string(),
        reason: format!("{} holds unknown value {value:?}", T::FIELD),
    })
}
