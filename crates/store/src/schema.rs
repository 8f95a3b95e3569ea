//! Creating, opening and migrating a workspace file.

use std::path::Path;

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use crate::{Result, StoreError};

/// The identity written into every workspace, so other SQLite files are recognised and refused.
pub const APPLICATION: &str = "creacity";

/// Migrations in order; index + 1 is the schema version they bring the file to.
const MIGRATIONS: &[&str] = &[include_str!("../migrations/0001_init.sql")];

/// The newest schema version this build knows.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

pub(crate) fn create(path: &Path) -> Result<Connection> {
    if path.exists() {
        return Err(StoreError::AlreadyExists(path.to_path_buf()));
    }
    let conn = Connection::open(path)?;
    pragmas(&conn)?;
    let tx = conn.unchecked_transaction()?;
    migrate_from(&tx, 0)?;
    tx.execute(
        "INSERT INTO meta (key, value) VALUES ('application', ?1)",
        [APPLICATION],
    )?;
    tx.commit()?;
    Ok(conn)
}

pub(crate) fn open(path: &Path) -> Result<Connection> {
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
    let app = meta(&conn, "application").map_err(|e| damaged(e.to_string()))?;
    if app.as_deref() != Some(APPLICATION) {
        return Err(damaged(format!(
            "its application mark is {app:?}, expected {APPLICATION:?}"
        )));
    }
    let found: u32 = meta(&conn, "schema_version")
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
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| damaged(e.to_string()))?;
    if check != "ok" {
        return Err(damaged(format!("integrity check: {check}")));
    }
    pragmas(&conn)?;
    if found < SCHEMA_VERSION {
        let tx = conn.unchecked_transaction()?;
        migrate_from(&tx, found)?;
        tx.commit()?;
    }
    Ok(conn)
}

fn pragmas(conn: &Connection) -> Result<()> {
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;")?;
    Ok(())
}

fn migrate_from(conn: &Connection, from: u32) -> Result<()> {
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        conn.execute_batch(sql)?;
        let version = (i + 1).to_string();
        conn.execute(
            "INSERT INTO meta (key, value) VALUES ('schema_version', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [version],
        )?;
    }
    Ok(())
}

pub(crate) fn meta(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()
}
