//! The units (cities, countries) and their data: indicator values, group labels, denominators, time.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::dataset::Dataset;
use crate::error::{IndexError, Result};
use crate::framework::Framework;

/// One unit of analysis.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    /// Unique code (COINr `uCode`).
    pub code: String,
    /// Display name (COINr `uName`).
    pub name: String,
}

/// The raw data of a coin: units, indicator values, group labels and denominators.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct UnitData {
    /// The units, in row order.
    pub units: Vec<Unit>,
    /// Raw indicator values (all level-1 codes of the framework).
    pub indicators: Dataset,
    /// Group variable → label per unit (`None` when missing).
    pub groups: BTreeMap<String, Vec<Option<String>>>,
    /// Denominator variable → value per unit.
    #[serde(with = "crate::dataset::nan_map")]
    pub denominators: BTreeMap<String, Vec<f64>>,
    /// Time (year) per unit when the data carries it.
    pub time: Option<Vec<i32>>,
}

impl PartialEq for UnitData {
    /// Missing values compare equal to each other.
    fn eq(&self, o: &Self) -> bool {
        let same = |a: &[f64], b: &[f64]| {
            a.len() == b.len()
                && a.iter()
                    .zip(b)
                    .all(|(x, y)| x == y || (x.is_nan() && y.is_nan()))
        };
        self.units == o.units
            && self.indicators == o.indicators
            && self.groups == o.groups
            && self.time == o.time
            && self.denominators.len() == o.denominators.len()
            && self
                .denominators
                .iter()
                .zip(&o.denominators)
                .all(|((ka, va), (kb, vb))| ka == kb && same(va, vb))
    }
}

impl UnitData {
    /// Checks the data against a framework: unique unit codes, every indicator present, declared groups and
    /// denominators present, no unit without any indicator value.
    ///
    /// # Errors
    /// The first problem, naming the unit or column.
    pub fn validate(&self, fw: &Framework) -> Result<()> {
        let mut seen = BTreeMap::new();
        for (i, u) in self.units.iter().enumerate() {
            if seen.insert(u.code.as_str(), i).is_some() {
                return Err(IndexError::DuplicateCode {
                    code: u.code.clone(),
                    row: i + 1,
                });
            }
        }
        for c in fw.indicator_codes() {
            if self.indicators.col(&c).is_none() {
                return Err(IndexError::MissingColumn {
                    table: "iData".into(),
                    column: c,
                });
            }
        }
        for g in &fw.groups {
            if !self.groups.contains_key(g) {
                return Err(IndexError::MissingColumn {
                    table: "iData".into(),
                    column: g.clone(),
                });
            }
        }
        for d in &fw.denominators {
            if !self.denominators.contains_key(d) {
                return Err(IndexError::MissingColumn {
                    table: "iData".into(),
                    column: d.clone(),
                });
            }
        }
        let cols: Vec<&[f64]> = fw
            .indicators()
            .filter_map(|n| self.indicators.col(&n.code))
            .collect();
        for (i, u) in self.units.iter().enumerate() {
            let any = cols.iter().any(|col| !col[i].is_nan());
            if !any {
                return Err(IndexError::UnitAllMissing {
                    unit: u.code.clone(),
                });
            }
        }
        Ok(())
    }

    /// Position of a unit.
    pub fn unit_index(&self, code: &str) -> Option<usize> {
        self.units.iter().position(|u| u.code == code)
    }

    /// Splits panel data (one row per unit and year) into one data set per year.
    pub fn split_by_time(&self) -> BTreeMap<i32, UnitData> {
        let mut out = BTreeMap::new();
        let Some(time) = &self.time else {
            return out;
        };
        let mut years: Vec<i32> = time.clone();
        years.sort_unstable();
        years.dedup();
        for y in years {
            let rows: Vec<usize> = (0..self.units.len()).filter(|&i| time[i] == y).collect();
            out.insert(y, self.select_rows(&rows));
        }
        out
    }

    /// The rows at `rows`, in that order.
    pub fn select_rows(&self, rows: &[usize]) -> UnitData {
        UnitData {
            units: rows.iter().map(|&i| self.units[i].clone()).collect(),
            indicators: self.indicators.select_rows(rows),
            groups: self
                .groups
                .iter()
                .map(|(k, v)| (k.clone(), rows.iter().map(|&i| v[i].clone()).collect()))
                .collect(),
            denominators: self
                .denominators
                .iter()
                .map(|(k, v)| (k.clone(), rows.iter().map(|&i| v[i]).collect()))
                .collect(),
            time: self
                .time
                .as_ref()
                .map(|t| rows.iter().map(|&i| t[i]).collect()),
        }
    }

    /// Appends a unit (used by scenarios that add a unit not in the data). Missing values are `NaN`.
    ///
    /// # Errors
    /// When the code exists already or a value names an unknown indicator.
    pub fn push_unit(
        &mut self,
        unit: Unit,
        values: &BTreeMap<String, f64>,
        groups: &BTreeMap<String, String>,
        denominators: &BTreeMap<String, f64>,
    ) -> Result<()> {
        if self.unit_index(&unit.code).is_some() {
            return Err(IndexError::DuplicateCode {
                code: unit.code,
                row: 0,
            });
        }
        for k in values.keys() {
            if self.indicators.col(k).is_none() {
                return Err(IndexError::UnknownCode {
                    context: "new unit".into(),
                    code: k.clone(),
                });
            }
        }
        self.indicators.units.push(unit.code.clone());
        for (j, c) in self.indicators.codes.iter().enumerate() {
            self.indicators.columns[j].push(values.get(c).copied().unwrap_or(f64::NAN));
        }
        for (k, v) in self.groups.iter_mut() {
            v.push(groups.get(k).cloned());
        }
        for (k, v) in self.denominators.iter_mut() {
            v.push(denominators.get(k).copied().unwrap_or(f64::NAN));
        }
        if let Some(t) = &mut self.time {
            let last = t.last().copied().unwrap_or(0);
            t.push(last);
        }
        self.units.push(unit);
        Ok(())
    }
}
