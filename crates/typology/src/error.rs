//! Errors of reading and validating a typology spec.

/// What is wrong with a typology spec. Every variant names the key (a readable path such as
/// `dimensions[governance].facts[0].scores.castle`) and carries the offending value.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TypologyError {
    /// The text is not TOML, or a key is unknown, misspelt or of the wrong type.
    /// The message of the TOML reader names the line, the column and the key.
    #[error("typology spec is not valid TOML: {message}")]
    Toml {
        /// The TOML reader's message.
        message: String,
    },
    /// The spec's `format` is not one this version of creacity reads.
    #[error(
        "`format`: spec format {found} is not supported; this version reads format {supported}"
    )]
    UnsupportedFormat {
        /// The format written in the spec.
        found: u32,
        /// The format this version reads.
        supported: u32,
    },
    /// A required key is missing or empty.
    #[error("`{key}` is required and must not be empty")]
    Missing {
        /// The key.
        key: String,
    },
    /// Two entries share an id.
    #[error("`{key}`: id {id:?} is used twice")]
    Duplicate {
        /// The key of the second entry.
        key: String,
        /// The repeated id.
        id: String,
    },
    /// A weight is negative or not a finite number.
    #[error("`{key}`: weight {value} must be a finite number >= 0")]
    NegativeWeight {
        /// The key.
        key: String,
        /// The weight given.
        value: f64,
    },
    /// Every weight of a list is zero, so nothing could be averaged.
    #[error("`{key}`: all weights are 0; at least one must be positive")]
    AllWeightsZero {
        /// The list whose weights are all zero.
        key: String,
    },
    /// A number lies outside its allowed range.
    #[error("`{key}`: {value} is outside {min}..={max}")]
    OutOfRange {
        /// The key.
        key: String,
        /// The value given.
        value: f64,
        /// Lowest allowed value.
        min: f64,
        /// Highest allowed value.
        max: f64,
    },
    /// A `scores` table names a code that the field's list does not have.
    #[error("`{key}`: {code:?} is not a value of `{field}`; expected one of: {expected}")]
    UnknownCode {
        /// The key.
        key: String,
        /// The fact's field.
        field: String,
        /// The code given.
        code: String,
        /// The field's codes.
        expected: String,
    },
    /// A code of a coded field has no score and the fact gives no `default`.
    #[error("`{key}`: value {code:?} of `{field}` has no score and no `default` is given")]
    UnscoredCode {
        /// The key of the `scores` table.
        key: String,
        /// The fact's field.
        field: String,
        /// The code left without a score.
        code: String,
    },
    /// A key that does not fit the kind of the fact's field (e.g. `steps` for a coded field).
    #[error("`{key}` cannot be used for field `{field}` ({reason})")]
    Mismatch {
        /// The key.
        key: String,
        /// The fact's field.
        field: String,
        /// Why not.
        reason: String,
    },
    /// Numbers that must increase strictly do not.
    #[error("`{key}`: {value} must be greater than the previous value {previous}")]
    NotIncreasing {
        /// The key of the offending value.
        key: String,
        /// The previous value.
        previous: f64,
        /// The offending value.
        value: f64,
    },
    /// A rule names a dimension that the spec does not define.
    #[error("`{key}`: unknown dimension {name:?}; the spec defines: {expected}")]
    UnknownDimension {
        /// The key.
        key: String,
        /// The name given.
        name: String,
        /// The dimensions defined.
        expected: String,
    },
    /// Fewer types than a scale needs.
    #[error("`types`: {count} type(s) given; a typology needs at least 2")]
    TooFewTypes {
        /// How many types were given.
        count: usize,
    },
    /// The fuzzy bands around two thresholds would overlap.
    #[error("`{key}`: width {width} is wider than the gap {gap} between two thresholds")]
    BandTooWide {
        /// The key.
        key: String,
        /// The band width.
        width: f64,
        /// The narrowest gap between thresholds.
        gap: f64,
    },
    /// Every type has requirements, so a cluster could be left without a type.
    #[error("`types`: every type has `require` rules; at least one type must have none")]
    NoFallbackType,
    /// Anything else that contradicts itself.
    #[error("`{key}`: {problem}")]
    Invalid {
        /// The key.
        key: String,
        /// What is wrong.
        problem: String,
    },
}
