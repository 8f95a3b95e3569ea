//! Errors of the readers, naming file, row and column.

use std::fmt;

/// One invalid cell or row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based row in the file (the header is row 1), 0 when the problem concerns the whole file or header.
    pub row: usize,
    /// Column header as written in the file, empty when the problem concerns a whole row.
    pub column: String,
    /// What was expected and what was found.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.row, self.column.is_empty()) {
            (0, true) => write!(f, "{}", self.message),
            (0, false) => write!(f, "column {:?}: {}", self.column, self.message),
            (r, true) => write!(f, "row {r}: {}", self.message),
            (r, false) => write!(f, "row {r}, column {:?}: {}", self.column, self.message),
        }
    }
}

/// What can go wrong reading an outside file.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The file could not be read.
    #[error("{file}: {source}")]
    Io {
        /// The file.
        file: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not of a format creacity reads here.
    #[error("{file}: {reason}")]
    Format {
        /// The file.
        file: String,
        /// Why.
        reason: String,
    },
    /// The file was read but some of its content is invalid; nothing was imported.
    #[error("{file}: {} problem(s), nothing was imported:\n{}", problems.len(), list(problems))]
    Invalid {
        /// The file.
        file: String,
        /// Every problem found (up to a limit).
        problems: Vec<Problem>,
    },
}

/// At most this many problems are collected before reading stops, so a wholly wrong file stays readable.
pub const MAX_PROBLEMS: usize = 50;

fn list(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("  - {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}
