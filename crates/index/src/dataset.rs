//! A units × columns table of numbers, the shape of every stage of a coin.

use serde::{Deserialize, Serialize};

/// A data set: one row per unit, one column per code; `NaN` marks a missing value (serialised as `null`).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Dataset {
    /// Unit codes, in row order.
    pub units: Vec<String>,
    /// Column codes, in column order.
    pub codes: Vec<String>,
    /// `columns[j][i]` is the value of column `codes[j]` for unit `units[i]`.
    #[serde(with = "nan_as_null")]
    pub columns: Vec<Vec<f64>>,
}

impl PartialEq for Dataset {
    /// Equal when the codes are equal and every value is bitwise equal or both are missing.
    fn eq(&self, other: &Self) -> bool {
        self.units == other.units
            && self.codes == other.codes
            && self.columns.len() == other.columns.len()
            && self.columns.iter().zip(&other.columns).all(|(a, b)| {
                a.len() == b.len()
                    && a.iter()
                        .zip(b)
                        .all(|(x, y)| x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan()))
            })
    }
}

impl Dataset {
    /// An empty data set over the given units.
    pub fn new(units: Vec<String>) -> Self {
        Dataset {
            units,
            codes: Vec::new(),
            columns: Vec::new(),
        }
    }

    /// Number of units (rows).
    pub fn n_units(&self) -> usize {
        self.units.len()
    }

    /// Position of a column.
    pub fn col_index(&self, code: &str) -> Option<usize> {
        self.codes.iter().position(|c| c == code)
    }

    /// Position of a unit.
    pub fn unit_index(&self, unit: &str) -> Option<usize> {
        self.units.iter().position(|u| u == unit)
    }

    /// A column by code.
    pub fn col(&self, code: &str) -> Option<&[f64]> {
        self.col_index(code).map(|j| self.columns[j].as_slice())
    }

    /// One value; `None` when the unit or column is unknown, `Some(NaN)` when missing.
    pub fn get(&self, unit: &str, code: &str) -> Option<f64> {
        Some(self.col(code)?[self.unit_index(unit)?])
    }

    /// Adds or replaces a column.
    pub fn set_col(&mut self, code: &str, values: Vec<f64>) {
        debug_assert_eq!(values.len(), self.units.len());
        match self.col_index(code) {
            Some(j) => self.columns[j] = values,
            None => {
                self.codes.push(code.to_string());
                self.columns.push(values);
            }
        }
    }

    /// The rows at `keep`, in that order.
    pub fn select_rows(&self, keep: &[usize]) -> Dataset {
        Dataset {
            units: keep.iter().map(|&i| self.units[i].clone()).collect(),
            codes: self.codes.clone(),
            columns: self
                .columns
                .iter()
                .map(|c| keep.iter().map(|&i| c[i]).collect())
                .collect(),
        }
    }

    /// The columns named, in that order (unknown codes are skipped).
    pub fn select_cols(&self, codes: &[String]) -> Dataset {
        let mut out = Dataset::new(self.units.clone());
        for c in codes {
            if let Some(col) = self.col(c) {
                out.set_col(c, col.to_vec());
            }
        }
        out
    }
}

/// Serialises `NaN` as `null` and back, so missing values survive JSON.
pub(crate) mod nan_as_null {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(cols: &[Vec<f64>], s: S) -> Result<S::Ok, S::Error> {
        let v: Vec<Vec<Option<f64>>> = cols
            .iter()
            .map(|c| {
                c.iter()
                    .map(|x| if x.is_nan() { None } else { Some(*x) })
                    .collect()
            })
            .collect();
        v.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Vec<f64>>, D::Error> {
        let v: Vec<Vec<Option<f64>>> = Vec::deserialize(d)?;
        Ok(v.into_iter()
            .map(|c| c.into_iter().map(|x| x.unwrap_or(f64::NAN)).collect())
            .collect())
    }
}

/// Serialises a map of columns with `NaN` as `null` and back.
pub(crate) mod nan_map {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(
        m: &BTreeMap<String, Vec<f64>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let v: BTreeMap<&String, Vec<Option<f64>>> = m
            .iter()
            .map(|(k, c)| {
                (
                    k,
                    c.iter()
                        .map(|x| if x.is_nan() { None } else { Some(*x) })
                        .collect(),
                )
            })
            .collect();
        v.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<String, Vec<f64>>, D::Error> {
        let v: BTreeMap<String, Vec<Option<f64>>> = BTreeMap::deserialize(d)?;
        Ok(v.into_iter()
            .map(|(k, c)| (k, c.into_iter().map(|x| x.unwrap_or(f64::NAN)).collect()))
            .collect())
    }
}

impl Dataset {
    /// The data set as CSV text: `uCode` then one column per code; missing values are empty cells.
    pub fn to_csv(&self) -> String {
        use std::fmt::Write as _;
        let mut s = String::from("uCode");
        for c in &self.codes {
            let _ = write!(s, ",{c}");
        }
        s.push('\n');
        for (i, u) in self.units.iter().enumerate() {
            s.push_str(u);
            for c in &self.columns {
                if !c[i].is_nan() {
                    let _ = write!(s, ",{}", c[i]);
                } else {
                    s.push(',');
                }
            }
            s.push('\n');
        }
        s
    }
}
