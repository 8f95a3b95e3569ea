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
    #[error(
        "{file}: {}, nothing was imported:\n{}",
        count_label(problems),
        list(problems)
    )]
    Invalid {
        /// The file.
        file: String,
        /// Every problem found (up to a limit).
        problems: Vec<Problem>,
    },
}

/// At most this many problems are collected before reading stops, so a wholly wrong file stays readable.
pub const MAX_PROBLEMS: usize = 50;

/// Starts the message of the line that closes a list cut at [`MAX_PROBLEMS`].
const MORE: &str = "and ";

impl Problem {
    /// The line that closes a list cut at [`MAX_PROBLEMS`]: `more` problems not listed, `all`
    /// in all (RU/EN).
    pub fn more(more: usize, all: usize) -> Problem {
        Problem {
            row: 0,
            column: String::new(),
            message: format!(
                "{MORE}{more} more problem(s) not listed, {all} in all / и ещё {more} (не показаны), всего проблем: {all}"
            ),
        }
    }

    fn is_more(&self) -> bool {
        self.row == 0 && self.column.is_empty() && self.message.starts_with(MORE)
    }
}

/// "N problem(s)", or "N problem(s), the first K listed" when the list was cut: for the
/// headline of an import error.
pub fn count_label(problems: &[Problem]) -> String {
    match problems.last() {
        Some(last) if last.is_more() => {
            let listed = problems.len() - 1;
            let all = last
                .message
                .split(" in all")
                .next()
                .and_then(|h| h.rsplit(' ').next())
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(listed);
            format!("{all} problem(s), the first {listed} listed")
        }
        _ => format!("{} problem(s)", problems.len()),
    }
}

fn list(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("  - {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_headline_counts_every_problem_of_a_cut_list() {
        let p = |row| Problem {
            row,
            column: "employees".into(),
            message: "expected a number".into(),
        };
        let mut list: Vec<Problem> = (2..52).map(p).collect();
        assert_eq!(count_label(&list), "50 problem(s)");
        list.push(Problem::more(30, 80));
        assert_eq!(count_label(&list), "80 problem(s), the first 50 listed");
        let e = IngestError::Invalid {
            file: "firms.csv".into(),
            problems: list,
        };
        let text = e.to_string();
        assert!(
            text.starts_with("firms.csv: 80 problem(s), the first 50 listed, nothing was imported"),
            "{text}"
        );
        assert!(text.ends_with("всего проблем: 80"), "{text}");
    }
}
