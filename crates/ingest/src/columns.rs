//! Column schemas: each field's key, English and Russian headers, whether it is required, and help
//! texts; binding a table's headers to them and reading typed cells with precise problems.

use std::collections::HashMap;

use creacity_model::{Coded, fold};

use crate::{Problem, Table};

/// One column of an import schema.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The machine key (also the English header written by exports).
    pub key: &'static str,
    /// A friendlier English header accepted on import.
    pub en: &'static str,
    /// The Russian header accepted on import.
    pub ru: &'static str,
    /// Whether a value is required.
    pub required: bool,
    /// Help text, English.
    pub help_en: &'static str,
    /// Help text, Russian.
    pub help_ru: &'static str,
    /// For coded columns, the accepted values as (code, English, Russian).
    pub values: fn() -> Vec<(&'static str, &'static str, &'static str)>,
}

/// No fixed list of values.
pub fn free() -> Vec<(&'static str, &'static str, &'static str)> {
    Vec::new()
}

/// The values of a coded vocabulary, for [`Column::values`].
pub fn values_of<T: Coded>() -> Vec<(&'static str, &'static str, &'static str)> {
    T::ALL
        .iter()
        .map(|v| (v.code(), v.label_en(), v.label_ru()))
        .collect()
}

/// A table whose headers were matched to a schema.
pub struct Bound<'a> {
    table: &'a Table,
    columns: &'a [Column],
    index: HashMap<&'static str, usize>,
}

/// Matches headers (key, English or Russian, case- and `ё`-insensitive) to the schema.
///
/// # Errors
/// Every unknown, repeated or missing required column.
pub fn bind<'a>(table: &'a Table, columns: &'a [Column]) -> Result<Bound<'a>, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut index = HashMap::new();
    for (i, header) in table.headers.iter().enumerate() {
        if header.is_empty() {
            continue;
        }
        let h = fold(header);
        match columns
            .iter()
            .find(|c| fold(c.key) == h || fold(c.en) == h || fold(c.ru) == h)
        {
            Some(c) => {
                if index.insert(c.key, i).is_some() {
                    problems.push(table.problem(
                        1,
                        header,
                        format!("column {} appears twice", c.key),
                    ));
                }
            }
            None => problems.push(table.problem(
                1,
                header,
                format!(
                    "unknown column; expected one of: {}",
                    columns.iter().map(|c| c.key).collect::<Vec<_>>().join(", ")
                ),
            )),
        }
    }
    for c in columns.iter().filter(|c| c.required) {
        if !index.contains_key(c.key) {
            problems.push(table.problem(
                1,
                c.key,
                format!(
                    "required column is missing (header {:?} or {:?})",
                    c.en, c.ru
                ),
            ));
        }
    }
    if problems.is_empty() {
        Ok(Bound {
            table,
            columns,
            index,
        })
    } else {
        Err(problems)
    }
}

impl<'a> Bound<'a> {
    /// Readers for every data row.
    pub fn rows(&'a self) -> impl Iterator<Item = Cells<'a>> + 'a {
        self.table.rows.iter().map(move |(row, cells)| Cells {
            bound: self,
            row: *row,
            cells,
        })
    }
}

/// One row's cells, read by column key; each reader records a problem and returns a neutral value on error.
pub struct Cells<'a> {
    bound: &'a Bound<'a>,
    /// Row number in the file.
    pub row: usize,
    cells: &'a [String],
}

impl Cells<'_> {
    fn header(&self, key: &str) -> String {
        self.bound
            .index
            .get(key)
            .map(|&i| self.bound.table.headers[i].clone())
            .unwrap_or_else(|| key.to_string())
    }

    fn raw(&self, key: &str) -> &str {
        self.bound
            .index
            .get(key)
            .and_then(|&i| self.cells.get(i))
            .map_or("", |s| s.as_str())
    }

    fn required(&self, key: &str) -> bool {
        self.bound
            .columns
            .iter()
            .any(|c| c.key == key && c.required)
    }

    fn problem(&self, out: &mut Vec<Problem>, key: &str, message: String) {
        out.push(Problem {
            row: self.row,
            column: self.header(key),
            message,
        });
    }

    /// Text, checked for presence when the column is required.
    pub fn text(&self, key: &str, out: &mut Vec<Problem>) -> String {
        let v = self.raw(key).to_string();
        if v.is_empty() && self.required(key) {
            self.problem(out, key, "a value is required".into());
        }
        v
    }

    /// Optional text: `None` when empty.
    pub fn opt_text(&self, key: &str) -> Option<String> {
        Some(self.raw(key).to_string()).filter(|s| !s.is_empty())
    }

    /// A coded value: code or label in either language.
    pub fn coded<T: Coded>(&self, key: &str, out: &mut Vec<Problem>) -> Option<T> {
        let v = self.raw(key);
        if v.is_empty() {
            if self.required(key) {
                self.problem(
                    out,
                    key,
                    format!("a value is required; one of: {}", T::expected()),
                );
            }
            return None;
        }
        let parsed = T::parse(v);
        if parsed.is_none() {
            self.problem(
                out,
                key,
                format!(
                    "{v:?} is not in the list; expected one of: {}",
                    T::expected()
                ),
            );
        }
        parsed
    }

    /// A set of coded values separated by `;`, `,` or `|`.
    pub fn coded_set<T: Coded + Ord>(
        &self,
        key: &str,
        out: &mut Vec<Problem>,
    ) -> std::collections::BTreeSet<T> {
        let mut set = std::collections::BTreeSet::new();
        for part in self
            .raw(key)
            .split([';', ',', '|'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            match T::parse(part) {
                Some(v) => {
                    set.insert(v);
                }
                None => self.problem(
                    out,
                    key,
                    format!(
                        "{part:?} is not in the list; expected values from: {} (separated by ';')",
                        T::expected()
                    ),
                ),
            }
        }
        set
    }

    /// A share in [0, 1]: `0.4`, `0,4` or `40%`.
    pub fn share(&self, key: &str, out: &mut Vec<Problem>) -> f64 {
        let v = self.raw(key);
        if v.is_empty() {
            if self.required(key) {
                self.problem(
                    out,
                    key,
                    "a share is required: a number from 0 to 1, or a percentage such as 40%".into(),
                );
            }
            return 0.0;
        }
        let (num, scale) = match v.strip_suffix('%') {
            Some(p) => (p.trim(), 100.0),
            None => (v, 1.0),
        };
        match num.replace(',', ".").parse::<f64>() {
            Ok(x) if (0.0..=1.0).contains(&(x / scale)) => x / scale,
            Ok(x) => {
                self.problem(out, key, format!("{v:?} is outside 0..1 (or 0%..100%)"));
                (x / scale).clamp(0.0, 1.0)
            }
            Err(_) => {
                self.problem(
                    out,
                    key,
                    format!("{v:?} is not a number: expected a share from 0 to 1, or a percentage"),
                );
                0.0
            }
        }
    }

    /// A non-negative whole number; empty gives 0 unless required.
    pub fn count(&self, key: &str, out: &mut Vec<Problem>) -> u32 {
        self.opt_int(key, out, 0, u32::MAX as i64)
            .map_or(0, |v| v as u32)
    }

    /// An optional whole number within `min..=max`.
    pub fn opt_int(&self, key: &str, out: &mut Vec<Problem>, min: i64, max: i64) -> Option<i64> {
        let v = self.raw(key);
        if v.is_empty() {
            if self.required(key) {
                self.problem(out, key, "a whole number is required".into());
            }
            return None;
        }
        let cleaned: String = v
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
            .collect();
        match cleaned.parse::<i64>() {
            Ok(x) if (min..=max).contains(&x) => Some(x),
            Ok(x) => {
                self.problem(out, key, format!("{x} is outside {min}..={max}"));
                None
            }
            Err(_) => {
                self.problem(out, key, format!("{v:?} is not a whole number"));
                None
            }
        }
    }

    /// An optional decimal number within `min..=max` (decimal comma accepted).
    pub fn opt_float(&self, key: &str, out: &mut Vec<Problem>, min: f64, max: f64) -> Option<f64> {
        let v = self.raw(key);
        if v.is_empty() {
            return None;
        }
        match v.replace(',', ".").parse::<f64>() {
            Ok(x) if (min..=max).contains(&x) => Some(x),
            Ok(x) => {
                self.problem(out, key, format!("{x} is outside {min}..={max}"));
                None
            }
            Err(_) => {
                self.problem(out, key, format!("{v:?} is not a number"));
                None
            }
        }
    }

    /// A yes/no flag: `true/false`, `yes/no`, `да/нет`, `1/0`; empty is `false`.
    pub fn flag(&self, key: &str, out: &mut Vec<Problem>) -> bool {
        match fold(self.raw(key)).as_str() {
            "" | "false" | "no" | "0" | "нет" | "n" => false,
            "true" | "yes" | "1" | "да" | "y" => true,
            other => {
                self.problem(
                    out,
                    key,
                    format!("{other:?} is not yes/no (true/false, да/нет, 1/0)"),
                );
                false
            }
        }
    }
}

/// A record that a table row becomes: it names itself and checks its own rules.
pub trait RowRecord {
    /// The record's id (unique within a file).
    fn id(&self) -> &str;
    /// The model's validation of the whole record.
    ///
    /// # Errors
    /// The first broken rule.
    fn check(&self) -> Result<(), creacity_model::ModelError>;
}

impl RowRecord for creacity_model::CreativeCluster {
    fn id(&self) -> &str {
        &self.id
    }
    fn check(&self) -> Result<(), creacity_model::ModelError> {
        self.validate()
    }
}

impl RowRecord for creacity_model::Territory {
    fn id(&self) -> &str {
        &self.id
    }
    fn check(&self) -> Result<(), creacity_model::ModelError> {
        self.validate()
    }
}

/// Reads every row of `table` into records with `build`, collecting every problem: unknown or
/// missing columns, bad cells, duplicate ids (`what` names the record kind in messages) and broken
/// record rules. Nothing is returned unless every row is valid.
///
/// # Errors
/// [`crate::IngestError::Format`] for a table without data rows, [`crate::IngestError::Invalid`]
/// with every problem found (up to [`crate::MAX_PROBLEMS`]).
pub fn read_records<T: RowRecord>(
    table: &Table,
    columns: &[Column],
    what: &str,
    build: impl Fn(&Cells<'_>, &mut Vec<Problem>) -> T,
) -> Result<Vec<T>, crate::IngestError> {
    let invalid = |problems: Vec<Problem>| crate::IngestError::Invalid {
        file: table.file.clone(),
        problems,
    };
    if table.rows.is_empty() {
        return Err(crate::IngestError::Format {
            file: table.file.clone(),
            reason: format!("no data rows: expected one row per {what} under the header"),
        });
    }
    let bound = bind(table, columns).map_err(invalid)?;
    let mut problems = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for cells in bound.rows() {
        if problems.len() >= crate::MAX_PROBLEMS {
            break;
        }
        let before = problems.len();
        let record = build(&cells, &mut problems);
        if problems.len() > before {
            continue;
        }
        let problem = |column: &str, message: String| Problem {
            row: cells.row,
            column: column.into(),
            message,
        };
        if !record.id().is_empty() && !seen.insert(record.id().to_string()) {
            problems.push(problem(
                "id",
                format!("duplicate {what} id {:?}", record.id()),
            ));
        } else if let Err(e) = record.check() {
            problems.push(problem("", e.to_string()));
        } else {
            out.push(record);
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(invalid(problems))
    }
}
