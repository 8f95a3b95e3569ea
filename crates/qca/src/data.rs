//! The data table: case names in the first column, one numeric column per set or raw variable.

use crate::QcaError;
use serde::Serialize;
use std::collections::HashMap;

/// A table of cases: the first column names the cases, every other column holds numbers
/// (raw values, crisp or multi-value codes 0, 1, 2…, or fuzzy memberships in [0, 1]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dataset {
    cases: Vec<String>,
    columns: Vec<String>,
    /// Column-major values: `values[column][case]`.
    values: Vec<Vec<f64>>,
}

/// Cells read as missing values.
const MISSING: [&str; 6] = ["", "NA", "na", "-", "?", "."];

impl Dataset {
    /// Builds a table from names and column-major values, checking the shape and names.
    ///
    /// # Errors
    /// [`QcaError::Empty`], [`QcaError::RaggedRow`], [`QcaError::DuplicateCase`],
    /// [`QcaError::DuplicateColumn`], [`QcaError::NotNumeric`] for a non-finite value.
    pub fn new(
        cases: Vec<String>,
        columns: Vec<String>,
        values: Vec<Vec<f64>>,
    ) -> Result<Self, QcaError> {
        if cases.is_empty() || columns.is_empty() {
            return Err(QcaError::Empty);
        }
        if values.len() != columns.len() {
            return Err(QcaError::RaggedRow {
                row: 1,
                found: values.len() + 1,
                expected: columns.len() + 1,
            });
        }
        for (c, col) in values.iter().enumerate() {
            if col.len() != cases.len() {
                return Err(QcaError::RaggedRow {
                    row: col.len().min(cases.len()) + 2,
                    found: col.len(),
                    expected: cases.len(),
                });
            }
            if let Some(r) = col.iter().position(|v| !v.is_finite()) {
                return Err(QcaError::NotNumeric {
                    row: r + 2,
                    column: columns[c].clone(),
                    value: col[r].to_string(),
                });
            }
        }
        check_unique(&cases, &columns)?;
        Ok(Dataset {
            cases,
            columns,
            values,
        })
    }

    /// Reads CSV or TSV text (delimiter guessed from the header line: tab, semicolon or comma).
    /// The header names the columns; its first cell (the case-name column) may be empty.
    /// With a tab or semicolon delimiter a decimal comma is accepted.
    ///
    /// # Errors
    /// Names the row (1-based line, header = 1) and column of the first bad cell: missing
    /// value, non-number, ragged row, duplicate case or column name.
    ///
    /// ```
    /// let d = creacity_qca::Dataset::parse("case,A,Y\nx,1,0\ny,0,1\n").unwrap();
    /// assert_eq!(d.column("Y").unwrap(), &[0.0, 1.0]);
    /// ```
    pub fn parse(text: &str) -> Result<Self, QcaError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let first = text.lines().next().unwrap_or("");
        let delimiter = if first.contains('\t') {
            b'\t'
        } else if first.contains(';') {
            b';'
        } else {
            b','
        };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let mut records = reader.records();
        let header = match records.next() {
            None => return Err(QcaError::Empty),
            Some(Err(e)) => return Err(malformed(1, &e)),
            Some(Ok(h)) => h,
        };
        let mut body = Vec::new();
        for (i, rec) in records.enumerate() {
            let row = i + 2;
            let rec = rec.map_err(|e| malformed(row, &e))?;
            if !rec.iter().all(str::is_empty) {
                body.push((row, rec));
            }
        }
        // R's write.table leaves the case-name column out of the header.
        let skip = match body.first() {
            Some((_, r)) if r.len() == header.len() + 1 => 0,
            _ => 1,
        };
        let width = header.len() + 1 - skip;
        if width < 2 {
            return Err(QcaError::Empty);
        }
        let columns: Vec<String> = header.iter().skip(skip).map(str::to_string).collect();
        let mut cases = Vec::new();
        let mut values = vec![Vec::new(); columns.len()];
        for (row, rec) in body {
            if rec.len() != width {
                return Err(QcaError::RaggedRow {
                    row,
                    found: rec.len(),
                    expected: width,
                });
            }
            cases.push(rec[0].to_string());
            for (c, cell) in rec.iter().skip(1).enumerate() {
                values[c].push(parse_cell(cell, delimiter != b',', row, &columns[c])?);
            }
        }
        if cases.is_empty() {
            return Err(QcaError::Empty);
        }
        check_unique_rows(&cases)?;
        check_unique(&cases, &columns)?;
        Ok(Dataset {
            cases,
            columns,
            values,
        })
    }

    /// Case names, in table order.
    pub fn cases(&self) -> &[String] {
        &self.cases
    }

    /// Column names (without the case-name column).
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// Values of a column, by name.
    pub fn column(&self, name: &str) -> Option<&[f64]> {
        self.index(name).map(|i| self.values[i].as_slice())
    }

    /// Position of a column, by name.
    pub fn index(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    /// Number of cases.
    pub fn len(&self) -> usize {
        self.cases.len()
    }

    /// True when there are no cases (never, for a table built by this crate).
    pub fn is_empty(&self) -> bool {
        self.cases.is_empty()
    }

    /// A copy with one column replaced (used by calibration).
    ///
    /// # Errors
    /// [`QcaError::UnknownColumn`] or [`QcaError::RaggedRow`] on a length mismatch.
    pub fn with_column(&self, name: &str, column: Vec<f64>) -> Result<Self, QcaError> {
        let i = self
            .index(name)
            .ok_or_else(|| QcaError::UnknownColumn(name.to_string()))?;
        if column.len() != self.len() {
            return Err(QcaError::RaggedRow {
                row: 1,
                found: column.len(),
                expected: self.len(),
            });
        }
        let mut out = self.clone();
        out.values[i] = column;
        Ok(out)
    }
}

fn malformed(row: usize, e: &csv::Error) -> QcaError {
    QcaError::Malformed {
        row,
        reason: e.to_string(),
    }
}

fn parse_cell(cell: &str, decimal_comma: bool, row: usize, column: &str) -> Result<f64, QcaError> {
    let cell = cell.trim_matches('"').trim();
    if MISSING.contains(&cell) {
        return Err(QcaError::MissingValue {
            row,
            column: column.to_string(),
            value: cell.to_string(),
        });
    }
    let owned;
    let text = if decimal_comma && cell.contains(',') {
        owned = cell.replace(',', ".");
        owned.as_str()
    } else {
        cell
    };
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(QcaError::NotNumeric {
            row,
            column: column.to_string(),
            value: cell.to_string(),
        }),
    }
}

fn check_unique_rows(cases: &[String]) -> Result<(), QcaError> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, c) in cases.iter().enumerate() {
        if let Some(first) = seen.insert(c, i) {
            return Err(QcaError::DuplicateCase {
                name: c.clone(),
                first: first + 2,
                row: i + 2,
            });
        }
    }
    Ok(())
}

fn check_unique(cases: &[String], columns: &[String]) -> Result<(), QcaError> {
    check_unique_rows(cases)?;
    let mut seen = std::collections::HashSet::new();
    for c in columns {
        if !seen.insert(c.as_str()) {
            return Err(QcaError::DuplicateColumn(c.clone()));
        }
    }
    Ok(())
}
