//! Creating, opening and migrating a workspace: a SQLite file, or a PostgreSQL database named by a
//! `postgres://` URL. Both run the same migration files.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use crate::db::{Conn, Db, vals};
use crate::{Result, StoreError};

/// The identity written into every workspace, so other SQLite files are recognised and refused.
pub const APPLICATION: &str = "creacity";

/// Migrations in order; index + 1 is the schema version they bring the file to.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_init.sql"),
    include_str!("../migrations/0002_accounts.sql"),
    include_str!("../migrations/0003_firms.sql"),
];

/// The newest schema version this build knows.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Whether a workspace string names a PostgreSQL database rather than a file.
pub fn is_postgres(location: &Path) -> bool {
    let s = location.to_string_lossy();
    s.starts_with("postgres://") || s.starts_with("postgresql://")
}

/// The URL with its password hidden, for messages.
pub(crate) fn redacted(location: &Path) -> PathBuf {
    let s = location.to_string_lossy();
    let Some((scheme, rest)) = s.split_once("://") else {
        return location.to_path_buf();
    };
    match rest.split_once('@') {
        Some((cred, host)) => {
            let user = cred.split(':').next().unwrap_or("");
            PathBuf::from(format!("{scheme}://{user}:***@{host}"))
        }
        None => location.to_path_buf(),
    }
}

fn connect_pg(location: &Path) -> Result<postgres::Client> {
    postgres::Client::connect(&location.to_string_lossy(), postgres::NoTls).map_err(|e| {
        StoreError::Unreachable {
            location: redacted(location),
            reason: e.to_string(),
        }
    })
}

fn pg_has_meta(db: &Db) -> Result<bool> {
    Ok(db
        .query_opt(
            "SELECT table_name FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_name = 'meta'",
            &[],
        )?
        .is_some())
}

pub(crate) fn create(path: &Path) -> Result<Db> {
    let db = if is_postgres(path) {
        let db = Db::new(Conn::Pg(Box::new(connect_pg(path)?)));
        if pg_has_meta(&db)? {
            return Err(StoreError::AlreadyExists(redacted(path)));
        }
        db
    } else {
        if path.exists() {
            return Err(StoreError::AlreadyExists(path.to_path_buf()));
        }
        let conn = Connection::open(path)?;
        pragmas(&conn)?;
        Db::new(Conn::Lite(conn))
    };
    let tx = db.begin()?;
    migrate_from(&tx, 0)?;
    tx.exec(
        "INSERT INTO meta (key, value) VALUES ('application', ?1)",
        vals![APPLICATION],
    )?;
    tx.commit()?;
    Ok(db)
}

pub(crate) fn open(path: &Path) -> Result<Db> {
    if is_postgres(path) {
        return open_pg(path);
    }
    if !path.exists() {
        return Err(StoreError::NotFound(path.to_path_buf()));
    }
    let damaged = |reason: String| StoreError::Damaged {
        path: path.to_path_buf(),
        reason,
    };
    // Open without creating, so a wrong path never leaves an empty file behind.
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| damaged(e.to_string()))?;
    let has_meta: Option<String> = conn
        .query_row(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
            [],
            |r| r.get(0),
        )
        .optional()
        .map_err(|e| damaged(e.to_string()))?;
    if has_meta.is_none() {
        return Err(damaged("it has no creacity metadata table".into()));
    }
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| damaged(e.to_string()))?;
    if check != "ok" {
        return Err(damaged(format!("integrity check: {check}")));
    }
    pragmas(&conn)?;
    let db = Db::new(Conn::Lite(conn));
    check_and_upgrade(db, path)
}

fn open_pg(path: &Path) -> Result<Db> {
    let db = Db::new(Conn::Pg(Box::new(connect_pg(path)?)));
    if !pg_has_meta(&db)? {
        return Err(StoreError::NotFound(redacted(path)));
    }
    check_and_upgrade(db, &redacted(path))
}

fn check_and_upgrade(db: Db, path: &Path) -> Result<Db> {
    let damaged = |reason: String| StoreError::Damaged {
        path: path.to_path_buf(),
        reason,
    };
    let app = meta(&db, "application").map_err(|e| damaged(e.to_string()))?;
    if app.as_deref() != Some(APPLICATION) {
        return Err(damaged(format!(
            "its application mark is {app:?}, expected {APPLICATION:?}"
        )));
    }
    let found: u32 = meta(&db, "schema_version")
        .map_err(|e| damaged(e.to_string()))?
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| damaged("its schema version is missing or not a number".into()))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found,
            known: SCHEMA_VERSION,
        });
    }
    if found < SCHEMA_VERSION {
        let tx = db.begin()?;
        migrate_from(&tx, found)?;
        tx.commit()?;
    }
    Ok(db)
}

fn pragmas(conn: &Connection) -> Result<()> {
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;")?;
    Ok(())
}

fn migrate_from(db: &Db, from: u32) -> Result<()> {
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        db.batch(sql)?;
        db.exec(
            "INSERT INTO meta (key, value) VALUES ('schema_version', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            vals![(i + 1).to_string()],
        )?;
    }
    Ok(())
}

pub(crate) fn meta(db: &Db, key: &str) -> Result<Option<String>> {
    db.query_opt("SELECT value FROM meta WHERE key = ?1", vals![key])?
        .map(|r| r.text(0))
        .transpose()
}
