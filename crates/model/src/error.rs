//! Validation errors of the domain model.

/// A value that breaks a rule of the domain model. Variants carry the offending value.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ModelError {
    /// A coded field holds a value outside its list.
    #[error("field `{field}`: unknown value {value:?}; expected one of: {expected}")]
    UnknownValue {
        /// The field.
        field: &'static str,
        /// What was given.
        value: String,
        /// The accepted codes.
        expected: String,
    },
    /// A number lies outside its allowed range.
    #[error("field `{field}`: {value} is outside {min}..={max}")]
    OutOfRange {
        /// The field.
        field: &'static str,
        /// What was given.
        value: f64,
        /// Lowest allowed value.
        min: f64,
        /// Highest allowed value.
        max: f64,
    },
    /// A required field is empty.
    #[error("field `{field}` is required")]
    Missing {
        /// The field.
        field: &'static str,
    },
    /// Two fields contradict each other.
    #[error("{0}")]
    Inconsistent(String),
}
