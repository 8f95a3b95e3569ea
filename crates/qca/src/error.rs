//! The one error type of the crate.

/// Everything that can go wrong, from reading a table to minimising it. Variants carry the
/// offending values; messages are in English and Russian.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum QcaError {
    /// The table text could not be split into rows and fields.
    #[error("row {row}: cannot read the table ({reason}) / строка {row}: таблица не читается")]
    Malformed {
        /// 1-based line of the table (the header is row 1).
        row: usize,
        /// What went wrong.
        reason: String,
    },
    /// The table has no data rows or no columns besides the case names.
    #[error("the table is empty / таблица пуста")]
    Empty,
    /// A row has a different number of fields than the header.
    #[error(
        "row {row}: {found} fields, expected {expected} / строка {row}: {found} полей, ожидалось {expected}"
    )]
    RaggedRow {
        /// 1-based line.
        row: usize,
        /// Fields found.
        found: usize,
        /// Fields in the header.
        expected: usize,
    },
    /// A cell is empty or marked missing (`NA`, `-`, `?`).
    #[error(
        "row {row}, column `{column}`: missing value {value:?} / строка {row}, столбец «{column}»: пропущенное значение"
    )]
    MissingValue {
        /// 1-based line.
        row: usize,
        /// Column name.
        column: String,
        /// The cell text.
        value: String,
    },
    /// A cell is not a number.
    #[error(
        "row {row}, column `{column}`: {value:?} is not a number / строка {row}, столбец «{column}»: не число"
    )]
    NotNumeric {
        /// 1-based line.
        row: usize,
        /// Column name.
        column: String,
        /// The cell text.
        value: String,
    },
    /// Two rows carry the same case name.
    #[error(
        "rows {first} and {row}: duplicate case name {name:?} / строки {first} и {row}: повтор имени случая"
    )]
    DuplicateCase {
        /// The name.
        name: String,
        /// Line of the first occurrence.
        first: usize,
        /// Line of the repetition.
        row: usize,
    },
    /// Two columns carry the same name.
    #[error("duplicate column name {0:?} / повтор имени столбца")]
    DuplicateColumn(String),
    /// A column named as outcome or condition is not in the data.
    #[error("column {0:?} is not in the data / столбца нет в данных")]
    UnknownColumn(String),
    /// A fractional value outside [0, 1]: not a fuzzy set (calibrate it first).
    #[error(
        "row {row}, column `{column}`: {value} is not a set membership in [0, 1] (calibrate raw data first) / строка {row}, столбец «{column}»: значение вне [0, 1]"
    )]
    OutOfRange {
        /// 1-based line.
        row: usize,
        /// Column name.
        column: String,
        /// The value.
        value: f64,
    },
    /// A condition membership of exactly 0.5: the case belongs to no truth-table row.
    #[error(
        "case {case:?}, condition `{column}`: membership of exactly 0.5 / случай «{case}», условие «{column}»: принадлежность ровно 0,5"
    )]
    HalfMembership {
        /// Case name.
        case: String,
        /// Column name.
        column: String,
    },
    /// A condition takes one value in every case.
    #[error(
        "condition `{column}` has one value only ({value}) / условие «{column}» принимает одно значение"
    )]
    Constant {
        /// Column name.
        column: String,
        /// The only value.
        value: f64,
    },
    /// The outcome is multi-value but no value was chosen (`Y[1]`).
    #[error(
        "outcome `{0}` is multi-value: name the value, e.g. `{0}[1]` / исход многозначный: укажите значение"
    )]
    MultiValueOutcome(String),
    /// An expression (outcome, directional expectation) could not be parsed.
    #[error("cannot parse {text:?}: {reason} / не удаётся разобрать")]
    Syntax {
        /// The text.
        text: String,
        /// What was expected.
        reason: String,
    },
    /// A parameter is outside its domain.
    #[error("parameter `{name}`: {value} ({reason}) / недопустимый параметр")]
    InvalidParameter {
        /// The parameter.
        name: &'static str,
        /// Its value, printed.
        value: String,
        /// What is allowed.
        reason: String,
    },
    /// No truth-table row is positive, so there is nothing to explain.
    #[error("no truth-table row has output 1: nothing to explain / нет строк с исходом 1")]
    NothingToExplain,
    /// Every configuration is positive or a remainder: all conditions minimise away.
    #[error(
        "all configurations are used: every condition is minimised away / все конфигурации использованы"
    )]
    AllMinimised,
}
