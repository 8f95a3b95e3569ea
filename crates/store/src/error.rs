//! Errors of the workspace store.

use std::path::PathBuf;

/// What can go wrong opening or using a workspace.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// `init` was asked to create a workspace where a file already is.
    #[error(
        "{0}: a file or workspace already exists there; creacity never overwrites a workspace (choose another path or remove it yourself)"
    )]
    AlreadyExists(PathBuf),
    /// The workspace file does not exist.
    #[error("{0}: no workspace there; create one with `creacity init {0}` or run `creacity demo`")]
    NotFound(PathBuf),
    /// The file is not a SQLite database, or is damaged.
    #[error("{path}: not a readable creacity workspace ({reason}); the file was left untouched")]
    Damaged {
        /// The file.
        path: PathBuf,
        /// What SQLite or the check said.
        reason: String,
    },
    /// The file is a workspace from a newer creacity.
    #[error(
        "{path}: workspace schema version {found} is newer than this creacity knows ({known}); upgrade creacity — the file was left untouched"
    )]
    NewerSchema {
        /// The file.
        path: PathBuf,
        /// The file's schema version.
        found: u32,
        /// The newest this build knows.
        known: u32,
    },
    /// A record refers to another that is not in the workspace.
    #[error("{what} {id:?} refers to {target_kind} {target:?}, which is not in the workspace")]
    MissingReference {
        /// Kind of the referring record.
        what: &'static str,
        /// Its id.
        id: String,
        /// Kind of the missing record.
        target_kind: &'static str,
        /// The missing id.
        target: String,
    },
    /// A record was not found.
    #[error("no {what} with id {id:?} in the workspace")]
    NoSuchRecord {
        /// Kind of record.
        what: &'static str,
        /// The id asked for.
        id: String,
    },
    /// A record with this id already exists.
    #[error("{what} {id:?} already exists")]
    Duplicate {
        /// Kind of record.
        what: &'static str,
        /// Its id.
        id: String,
    },
    /// The same firm id and period twice in one import.
    #[error(
        "firm {id:?} of period {period} appears twice in the import (records {first} and {second}); nothing was imported / фирма {id:?} за период {period} встречается дважды (записи {first} и {second}); ничего не импортировано"
    )]
    DuplicateFirm {
        /// The id.
        id: String,
        /// The period.
        period: String,
        /// 1-based position of the first record.
        first: usize,
        /// 1-based position of the second.
        second: usize,
    },
    /// A firm with a value the store refuses.
    #[error(
        "firm {id:?} (record {position}): {field} = {value:?}, expected {expected}; nothing was imported / фирма {id:?} (запись {position}): {field} = {value:?}, ожидалось {expected}"
    )]
    InvalidFirm {
        /// 1-based position in the import.
        position: usize,
        /// The id.
        id: String,
        /// The field.
        field: &'static str,
        /// The value found.
        value: String,
        /// What is allowed.
        expected: String,
    },
    /// A record was changed by someone else since it was read.
    #[error(
        "{what} {id:?} was changed by someone else (version {expected} expected, {found} found); reload it and apply your change again"
    )]
    Conflict {
        /// Kind of record.
        what: &'static str,
        /// Its id.
        id: String,
        /// Version the writer read.
        expected: i64,
        /// Version now stored.
        found: i64,
    },
    /// A stored value could not be decoded (the file was edited by hand or is damaged).
    #[error("stored {what} {id:?}: {reason}")]
    Corrupt {
        /// Kind of record.
        what: &'static str,
        /// Its id.
        id: String,
        /// What is wrong.
        reason: String,
    },
    /// Any other database error (SQLite).
    #[error("database: {0}")]
    Sql(#[from] rusqlite::Error),
    /// Any other database error (PostgreSQL).
    #[error("database: {0}")]
    Postgres(#[from] postgres::Error),
    /// The PostgreSQL server could not be reached or refused the connection.
    #[error("{location}: cannot connect to the PostgreSQL server ({reason})")]
    Unreachable {
        /// The URL, password hidden.
        location: PathBuf,
        /// What the driver said.
        reason: String,
    },
    /// A stored value has another type than the schema says.
    #[error("stored value: {0}")]
    Decode(String),
    /// JSON encoding of a result failed.
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
}

/// Result alias of the store.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
