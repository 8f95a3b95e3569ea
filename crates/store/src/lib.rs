//! # creacity-store
//!
//! One workspace is the truth about a territory: its cities, clusters, actors, documents, analysis
//! results, strategies and KPIs, and the accounts, sessions and audit log of the web application.
//! By default the workspace is a single SQLite file with versioned migrations (`migrations/`); a
//! workspace string of the form `postgres://user:password@host:port/database` names a PostgreSQL
//! database instead, with the same schema and migrations (portable SQL, one text per statement).
//!
//! | what | methods |
//! |---|---|
//! | lifecycle | [`Workspace::create`], [`Workspace::open`], [`Workspace::schema_version`], [`is_postgres`] |
//! | records | `import_territories`, `import_clusters`, `import_documents`, `territories`, `clusters`, `documents`, [`Workspace::update_cluster`] |
//! | firms | [`Workspace::import_firms`] (multi-row `INSERT`s in one transaction), [`Workspace::begin_firm_import`] (batches, for streamed readers), [`Workspace::firms`] by territory, [`Workspace::firm_status`], [`Workspace::set_firm_locations`] |
//! | results | `save_analysis`, `latest_analysis`, `save_problem_ranking`, `save_strategy`, `strategy`, `set_measure_status`, [`Workspace::update_kpi`] |
//! | accounts | [`Workspace::add_user`], [`Workspace::user`], sessions, [`Workspace::audit`] |
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

mod accounts;
mod analyses;
mod clusters;
mod db;
mod documents;
mod error;
mod firms;
mod schema;
mod strategies;
mod territories;

use std::path::Path;

use db::{Db, Tx, vals};

pub use accounts::{AuditEntry, Role, Session, User};
pub use analyses::StoredAnalysis;
pub use error::{Result, StoreError};
pub use firms::{
    Firm, FirmFilter, FirmImport, FirmImportSummary, FirmKind, FirmLocation, FirmPlace, FirmStatus,
    PlaceLocation, ROWS_PER_STATEMENT,
};
pub use schema::{APPLICATION, SCHEMA_VERSION, is_postgres};
pub use strategies::{KpiValues, Versions};

/// How many records an import added and how many it replaced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportSummary {
    /// New records.
    pub inserted: usize,
    /// Records that existed (same id) and were replaced.
    pub updated: usize,
}

/// An open workspace (one connection; open several for concurrent use).
pub struct Workspace {
    db: Db,
}

impl Workspace {
    /// Creates a new workspace file at `path`, or the schema in the PostgreSQL database when
    /// `path` is a `postgres://` URL.
    ///
    /// # Errors
    /// [`StoreError::AlreadyExists`] when any file (or a workspace in the database) is there: a
    /// workspace is never overwritten. [`StoreError::Unreachable`] when the server cannot be reached.
    pub fn create(path: &Path) -> Result<Self> {
        Ok(Self {
            db: schema::create(path)?,
        })
    }

    /// Opens an existing workspace, upgrading an older schema in one transaction.
    ///
    /// # Errors
    /// [`StoreError::NotFound`], [`StoreError::Damaged`] for files that are not creacity workspaces
    /// or fail SQLite's integrity check, [`StoreError::NewerSchema`] for files from a newer creacity.
    pub fn open(path: &Path) -> Result<Self> {
        Ok(Self {
            db: schema::open(path)?,
        })
    }

    /// Whether this workspace lives in PostgreSQL.
    pub fn is_postgres(&self) -> bool {
        self.db.is_pg()
    }

    /// Lets readers and one writer work at the same time on a SQLite file (write-ahead log, kept in
    /// the file from then on); nothing to do on PostgreSQL. The server calls this once.
    pub fn prefer_concurrency(&self) -> Result<()> {
        if !self.db.is_pg() {
            self.db.query("PRAGMA journal_mode = WAL", &[])?;
        }
        Ok(())
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<u32> {
        Ok(schema::meta(&self.db, "schema_version")?
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
            "firms",
            "analyses",
            "strategies",
            "measures",
            "kpis",
            "imports",
        ];
        tables
            .iter()
            .map(|t| {
                let n = self
                    .db
                    .query(&format!("SELECT COUNT(*) FROM {t}"), &[])?
                    .first()
                    .map_or(Ok(0), |r| r.int(0))?;
                Ok((*t, n))
            })
            .collect()
    }

    /// The import journal, newest first: (kind, source, records, time).
    pub fn imports(&self) -> Result<Vec<(String, String, i64, String)>> {
        self.db
            .query(
                "SELECT kind, source, records, created_at FROM imports ORDER BY created_at DESC, id DESC",
                &[],
            )?
            .iter()
            .map(|r| Ok((r.text(0)?, r.text(1)?, r.int(2)?, r.text(3)?)))
            .collect()
    }
}

/// The current time as RFC 3339 UTC text, as every stamp in the store is written.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// A unique record id: the stamp, a sequence number of this process and a random suffix. Two
/// writers in the same millisecond (two server threads, two processes) never collide, and of two
/// records this process wrote in the same millisecond the later one has the greater id, which is
/// how "newest" breaks ties on the stamp.
pub(crate) fn unique_id(prefix: &str, stamp: &str) -> String {
    use rand::Rng;
    use std::sync::atomic::{AtomicU32, Ordering};
    static SEQUENCE: AtomicU32 = AtomicU32::new(0);
    let seq = SEQUENCE.fetch_add(1, Ordering::Relaxed);
    let n: u32 = rand::rng().random();
    format!("{prefix}-{stamp}-{seq:08x}{n:08x}")
}

/// Writes a journal line inside the caller's transaction.
pub(crate) fn journal(tx: &Tx<'_>, kind: &str, source: &str, records: usize) -> Result<()> {
    let stamp = now();
    let id = unique_id(kind, &stamp);
    tx.exec(
        "INSERT INTO imports (id, kind, source, records, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        vals![id, kind, source, records, stamp],
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
