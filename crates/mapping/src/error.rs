//! The one error type of the crate.

use thiserror::Error;

/// Everything that can go wrong in mapping. Variants carry the offending values; row and column
/// numbers are 1-based as a person counts them in a spreadsheet (the header is row 1).
#[derive(Debug, Error, Clone, PartialEq)]
pub enum MappingError {
    /// A CSV text could not be read at all.
    #[error("CSV error at row {row}: {message} / ошибка CSV в строке {row}: {message}")]
    Csv {
        /// Row number (1 = header).
        row: usize,
        /// What the CSV reader said.
        message: String,
    },
    /// A required column is missing from a header.
    #[error("missing column `{column}` (found: {found}) / нет столбца `{column}` (есть: {found})")]
    MissingColumn {
        /// The column looked for.
        column: String,
        /// The columns that were found, comma-separated.
        found: String,
    },
    /// A cell could not be read as the expected kind of value.
    #[error(
        "row {row}, column `{column}`: `{value}` is not {expected} / строка {row}, столбец `{column}`: `{value}` — ожидалось {expected}"
    )]
    BadValue {
        /// Row number (1 = header).
        row: usize,
        /// Column name.
        column: String,
        /// The text found.
        value: String,
        /// What was expected.
        expected: String,
    },
    /// A matrix row has no values, or not as many as the header.
    #[error(
        "row {row} (`{label}`): {found} values, expected {expected} / строка {row} (`{label}`): значений {found}, ожидалось {expected}"
    )]
    RowLength {
        /// Row number (1 = header).
        row: usize,
        /// The row's label.
        label: String,
        /// Number of values found.
        found: usize,
        /// Number expected (columns in the header).
        expected: usize,
    },
    /// The input holds no data rows or no columns.
    #[error("empty input: {0} / пустые входные данные: {0}")]
    Empty(String),
    /// The same identifier twice.
    #[error(
        "duplicate {what} `{id}` (rows {first} and {second}) / повтор {what} `{id}` (строки {first} и {second})"
    )]
    Duplicate {
        /// What kind of identifier.
        what: &'static str,
        /// The identifier.
        id: String,
        /// Where it was first seen (row or position).
        first: usize,
        /// Where it was seen again.
        second: usize,
    },
    /// Latitude or longitude outside the valid range.
    #[error(
        "point `{id}` (row {row}): {field} = {value} outside [{min}, {max}] / точка `{id}` (строка {row}): {field} = {value} вне [{min}, {max}]"
    )]
    CoordinateOutOfRange {
        /// Point identifier.
        id: String,
        /// Row number or position (1-based).
        row: usize,
        /// `lat` or `lon`.
        field: &'static str,
        /// The value found.
        value: f64,
        /// Lower bound.
        min: f64,
        /// Upper bound.
        max: f64,
    },
    /// A parameter failed validation.
    #[error("parameter `{name}` = {value}: {expected} / параметр `{name}` = {value}: {expected}")]
    InvalidParameter {
        /// Parameter name.
        name: &'static str,
        /// The value given.
        value: String,
        /// What is allowed.
        expected: String,
    },
    /// A taxonomy file is malformed.
    #[error("taxonomy `{name}`: {message} / таксономия `{name}`: {message}")]
    Taxonomy {
        /// Taxonomy name or file label.
        name: String,
        /// What is wrong.
        message: String,
    },
    /// An activity code that cannot be normalised.
    #[error(
        "activity code `{0}` is not a code of digits and dots / код `{0}` — не код из цифр и точек"
    )]
    BadCode(String),
    /// Inputs whose sizes disagree.
    #[error("size mismatch: {0} / несовпадение размеров: {0}")]
    Shape(String),
    /// A territory asked for is not in the table.
    #[error("unknown territory `{0}` / неизвестная территория `{0}`")]
    UnknownTerritory(String),
}
