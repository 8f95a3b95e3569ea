//! The crate's one error type.

use thiserror::Error;

/// Everything that can go wrong when reading a framework, building an index or analysing it.
///
/// User errors (bad input, bad settings) carry the offending row, field or value so the message can
/// be shown as it is. Each message is given in English and Russian.
#[derive(Debug, Error, Clone, PartialEq)]
#[non_exhaustive]
pub enum IndexError {
    /// A CSV or TOML input could not be parsed at all.
    #[error("cannot parse {what}: {message} / не удаётся разобрать {what}: {message}")]
    Parse {
        /// Which input (`iData`, `iMeta`, `spec`).
        what: String,
        /// The parser's message.
        message: String,
    },
    /// A required column is absent from a table.
    #[error("{table}: column `{column}` is missing / {table}: нет столбца `{column}`")]
    MissingColumn {
        /// `iData` or `iMeta`.
        table: String,
        /// The column name.
        column: String,
    },
    /// A cell does not hold what its column expects.
    #[error(
        "{table} row {row}, column `{column}`: `{value}` is not {expected} / {table}, строка {row}, столбец `{column}`: `{value}` — ожидается {expected}"
    )]
    BadCell {
        /// `iData` or `iMeta`.
        table: String,
        /// 1-based data row (the header is row 0).
        row: usize,
        /// Column name.
        column: String,
        /// The cell's text.
        value: String,
        /// What the column expects.
        expected: String,
    },
    /// A code is defined twice.
    #[error(
        "code `{code}` is defined twice (row {row}) / код `{code}` определён дважды (строка {row})"
    )]
    DuplicateCode {
        /// The duplicated code.
        code: String,
        /// Row of the second definition (1-based) or 0 when unknown.
        row: usize,
    },
    /// A node names a parent that does not exist.
    #[error(
        "`{code}` (row {row}): parent `{parent}` is not in the framework / `{code}` (строка {row}): родителя `{parent}` нет в структуре"
    )]
    UnknownParent {
        /// The child.
        code: String,
        /// The missing parent.
        parent: String,
        /// Row of the child or 0.
        row: usize,
    },
    /// A node is not connected to the root: an indicator or aggregate without parent below the top level,
    /// or an aggregate with no children.
    #[error(
        "`{code}` (row {row}) is an orphan: {why} / `{code}` (строка {row}) не связан со структурой: {why}"
    )]
    Orphan {
        /// The node.
        code: String,
        /// Row or 0.
        row: usize,
        /// What is wrong.
        why: String,
    },
    /// Following parents leads back to a node.
    #[error("cycle in the framework: {} / цикл в структуре", path.join(" → "))]
    Cycle {
        /// The codes on the cycle, first repeated at the end.
        path: Vec<String>,
    },
    /// A parent is not exactly one level above its child.
    #[error(
        "`{code}` is at level {level} but its parent `{parent}` is at level {parent_level} / уровни `{code}` и `{parent}` не согласованы"
    )]
    LevelMismatch {
        /// The child.
        code: String,
        /// Its level.
        level: u8,
        /// The parent.
        parent: String,
        /// The parent's level.
        parent_level: u8,
    },
    /// More than one node at the top, or none.
    #[error("the framework must have exactly one root, found {} / в структуре должен быть один корень", roots.join(", "))]
    Roots {
        /// The roots found.
        roots: Vec<String>,
    },
    /// The weights of a group of siblings sum to zero (or a weight is negative or not finite).
    #[error("weights of the children of `{parent}` {why} / веса дочерних узлов `{parent}`: {why}")]
    BadWeights {
        /// The parent whose children are weighted.
        parent: String,
        /// What is wrong.
        why: String,
    },
    /// A code used in settings or data is unknown.
    #[error("{context}: unknown code `{code}` / {context}: неизвестный код `{code}`")]
    UnknownCode {
        /// Where it was used.
        context: String,
        /// The code.
        code: String,
    },
    /// A unit has no indicator data at all.
    #[error("unit `{unit}` has no indicator data / у единицы `{unit}` нет ни одного значения")]
    UnitAllMissing {
        /// The unit code.
        unit: String,
    },
    /// An indicator has no variance where a method needs it.
    #[error(
        "indicator `{code}` has no variance ({stage}) / у показателя `{code}` нет разброса ({stage})"
    )]
    NoVariance {
        /// The indicator.
        code: String,
        /// The step that needed variance.
        stage: String,
    },
    /// Zero or negative values where the aggregation method cannot take them and the policy is to refuse.
    #[error(
        "`{code}` of unit `{unit}` is {value} ≤ 0 under {method} aggregation of `{parent}`; choose NonPositive::Shift or normalise to a positive range / `{code}` у `{unit}` = {value} ≤ 0 при агрегации {method}"
    )]
    NonPositive {
        /// Child code.
        code: String,
        /// Unit code.
        unit: String,
        /// Offending value.
        value: f64,
        /// Aggregation method.
        method: String,
        /// Parent being aggregated.
        parent: String,
    },
    /// Screening removed every unit.
    #[error("screening removed every unit / отбор исключил все единицы")]
    NoUnitsLeft,
    /// A setting is out of its range.
    #[error("{setting} = {value}: {expected} / {setting} = {value}: {expected}")]
    BadSetting {
        /// Setting path.
        setting: String,
        /// The value given.
        value: String,
        /// What is allowed.
        expected: String,
    },
    /// A data set asked for does not exist in the coin.
    #[error("no data set `{0}` in the coin / в наборе нет данных `{0}`")]
    NoDataset(String),
    /// An uncertain input is declared wrongly.
    #[error("uncertain input `{name}`: {why} / неопределённый параметр `{name}`: {why}")]
    BadUncertainInput {
        /// The input's name.
        name: String,
        /// What is wrong.
        why: String,
    },
}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, IndexError>;
