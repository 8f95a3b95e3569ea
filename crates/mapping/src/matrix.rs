//! A labelled territory × sector matrix and its reader from CSV text.

use serde::Serialize;

use crate::MappingError;

/// A dense matrix with territories in rows and sectors (industries) in columns, as EconGeo's
/// `mat` argument. Values are non-negative and finite (counts of firms, employees, revenue…).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Matrix {
    rows: Vec<String>,
    cols: Vec<String>,
    /// Row-major values, `rows.len() * cols.len()` of them.
    values: Vec<f64>,
}

impl Matrix {
    /// Builds a matrix from labels and row-major values.
    ///
    /// # Errors
    /// [`MappingError::Shape`] when the sizes disagree, [`MappingError::Empty`] for no rows or no
    /// columns, [`MappingError::BadValue`] for a negative or non-finite value.
    ///
    /// ```
    /// use creacity_mapping::Matrix;
    /// let m = Matrix::new(vec!["A".into()], vec!["x".into(), "y".into()], vec![1.0, 3.0]).unwrap();
    /// assert_eq!(m.get(0, 1), 3.0);
    /// ```
    pub fn new(
        rows: Vec<String>,
        cols: Vec<String>,
        values: Vec<f64>,
    ) -> Result<Self, MappingError> {
        if rows.is_empty() || cols.is_empty() {
            return Err(MappingError::Empty(format!(
                "{} rows, {} columns",
                rows.len(),
                cols.len()
            )));
        }
        if values.len() != rows.len() * cols.len() {
            return Err(MappingError::Shape(format!(
                "{} values for {} × {}",
                values.len(),
                rows.len(),
                cols.len()
            )));
        }
        if let Some(k) = values.iter().position(|v| !v.is_finite() || *v < 0.0) {
            return Err(MappingError::BadValue {
                row: k / cols.len() + 2,
                column: cols[k % cols.len()].clone(),
                value: values[k].to_string(),
                expected: "a finite number ≥ 0".into(),
            });
        }
        Ok(Self { rows, cols, values })
    }

    /// Builds a matrix from unlabelled rows; labels become `R1…`, `I1…` as in EconGeo's examples.
    ///
    /// # Errors
    /// As [`Matrix::new`], plus [`MappingError::RowLength`] for ragged rows.
    pub fn from_rows(data: &[Vec<f64>]) -> Result<Self, MappingError> {
        let ncol = data.first().map_or(0, Vec::len);
        let mut values = Vec::with_capacity(data.len() * ncol);
        for (i, r) in data.iter().enumerate() {
            if r.len() != ncol {
                return Err(MappingError::RowLength {
                    row: i + 2,
                    label: format!("R{}", i + 1),
                    found: r.len(),
                    expected: ncol,
                });
            }
            values.extend_from_slice(r);
        }
        let rows = (1..=data.len()).map(|i| format!("R{i}")).collect();
        let cols = (1..=ncol).map(|j| format!("I{j}")).collect();
        Self::new(rows, cols, values)
    }

    /// Reads a matrix from CSV text: the header holds a corner label then sector names; each row
    /// a territory label then one number per sector. Separator `,` or `;` (detected from the
    /// header). Empty cells, text, negative numbers and ragged rows are errors naming row and
    /// column; a duplicated territory or sector is an error.
    ///
    /// # Errors
    /// [`MappingError`] variants naming the row (1 = header), the column and what was expected.
    ///
    /// ```
    /// use creacity_mapping::Matrix;
    /// let m = Matrix::from_csv_str("territory,film,music\nA,1,3\nB,2,0\n").unwrap();
    /// assert_eq!((m.nrows(), m.ncols()), (2, 2));
    /// assert_eq!(m.row_sum(0), 4.0);
    /// ```
    pub fn from_csv_str(text: &str) -> Result<Self, MappingError> {
        let mut rdr = crate::csv_text::reader(text, false);
        let mut records = rdr.records();
        let header = match records.next() {
            None => return Err(MappingError::Empty("no header row".into())),
            Some(r) => r.map_err(|e| csv_err(1, e))?,
        };
        let cols: Vec<String> = header.iter().skip(1).map(str::to_string).collect();
        if cols.is_empty() {
            return Err(MappingError::Empty(
                "the header names no sector columns".into(),
            ));
        }
        check_unique("sector", &cols, 0)?;
        let mut rows = Vec::new();
        let mut values = Vec::new();
        for (k, rec) in records.enumerate() {
            let rowno = k + 2;
            let rec = rec.map_err(|e| csv_err(rowno, e))?;
            if rec.iter().all(str::is_empty) {
                // A blank line between rows is harmless; a labelled empty row is not (below).
                continue;
            }
            let label = rec.get(0).unwrap_or("").to_string();
            let found = rec.len().saturating_sub(1);
            if found != cols.len() {
                return Err(MappingError::RowLength {
                    row: rowno,
                    label,
                    found,
                    expected: cols.len(),
                });
            }
            for (j, cell) in rec.iter().skip(1).enumerate() {
                values.push(parse_cell(cell, rowno, &cols[j])?);
            }
            rows.push(label);
        }
        if rows.is_empty() {
            return Err(MappingError::Empty("no data rows after the header".into()));
        }
        check_unique("territory", &rows, 1)?;
        Self::new(rows, cols, values)
    }

    /// Number of territories.
    pub fn nrows(&self) -> usize {
        self.rows.len()
    }
    /// Number of sectors.
    pub fn ncols(&self) -> usize {
        self.cols.len()
    }
    /// Territory labels.
    pub fn row_labels(&self) -> &[String] {
        &self.rows
    }
    /// Sector labels.
    pub fn col_labels(&self) -> &[String] {
        &self.cols
    }
    /// The value at territory `i`, sector `j`.
    pub fn get(&self, i: usize, j: usize) -> f64 {
        self.values[i * self.cols.len() + j]
    }
    /// Row `i` as a slice.
    pub fn row(&self, i: usize) -> &[f64] {
        let n = self.cols.len();
        &self.values[i * n..(i + 1) * n]
    }
    /// All values, row-major.
    pub fn values(&self) -> &[f64] {
        &self.values
    }
    /// Sum of row `i`.
    pub fn row_sum(&self, i: usize) -> f64 {
        self.row(i).iter().sum()
    }
    /// Column sums.
    pub fn col_sums(&self) -> Vec<f64> {
        let mut s = vec![0.0; self.cols.len()];
        for r in self.values.chunks_exact(self.cols.len()) {
            for (a, v) in s.iter_mut().zip(r) {
                *a += v;
            }
        }
        s
    }
    /// Index of the row labelled `label`.
    pub fn row_index(&self, label: &str) -> Option<usize> {
        self.rows.iter().position(|r| r == label)
    }
}

fn csv_err(row: usize, e: csv::Error) -> MappingError {
    MappingError::Csv {
        row,
        message: e.to_string(),
    }
}

fn parse_cell(cell: &str, row: usize, col: &str) -> Result<f64, MappingError> {
    let bad = || MappingError::BadValue {
        row,
        column: col.to_string(),
        value: cell.to_string(),
        expected: "a finite number ≥ 0 / число ≥ 0".into(),
    };
    // Accept a decimal comma, common in Russian spreadsheets, when the separator is `;`.
    let v: f64 = cell.replace(',', ".").parse().map_err(|_| bad())?;
    if !v.is_finite() || v < 0.0 {
        return Err(bad());
    }
    Ok(v)
}

fn check_unique(what: &'static str, labels: &[String], offset: usize) -> Result<(), MappingError> {
    let mut seen = std::collections::HashMap::new();
    for (k, l) in labels.iter().enumerate() {
        if let Some(first) = seen.insert(l.as_str(), k) {
            return Err(MappingError::Duplicate {
                what,
                id: l.clone(),
                first: first + 1 + offset,
                second: k + 1 + offset,
            });
        }
    }
    Ok(())
}
