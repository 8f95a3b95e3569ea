//! The errors of the content-analysis engine.

/// Everything that can go wrong in `creacity-text`. Variants carry the offending values.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TextError {
    /// A dictionary file could not be read.
    #[error("{format} dictionary, line {line}: {reason}")]
    Dictionary {
        /// The format being read (`yaml`, `liwc`, `wordstat`, `lexicoder`, `yoshikoder`).
        format: &'static str,
        /// 1-based line of the problem (0 when the whole file is concerned).
        line: usize,
        /// What was expected and what was found.
        reason: String,
    },
    /// A pattern could not be compiled.
    #[error("category `{category}`: pattern {pattern:?} is invalid: {reason}")]
    Pattern {
        /// The category key.
        category: String,
        /// The pattern.
        pattern: String,
        /// Why.
        reason: String,
    },
    /// A parameter is outside its allowed values.
    #[error("parameter `{name}` = {value}: {expected}")]
    Param {
        /// The parameter.
        name: &'static str,
        /// What was given.
        value: String,
        /// What is allowed.
        expected: &'static str,
    },
    /// Two inputs do not fit together (e.g. codings of different lengths).
    #[error("{0}")]
    Mismatch(String),
}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, TextError>;

pub(crate) fn dict_err(format: &'static str, line: usize, reason: impl Into<String>) -> TextError {
    TextError::Dictionary {
        format,
        line,
        reason: reason.into(),
    }
}
