//! Screening units by data availability.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Ctx, StepReport, indicator_cols};
use crate::dataset::Dataset;
use crate::error::{IndexError, Result};

/// Keeps units whose share of indicators with data is at least `min_availability`
/// (COINr `Screen(unit_screen = "byNA", dat_thresh)`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Screen {
    /// Minimum share of indicators with data, in [0, 1].
    pub min_availability: f64,
    /// Units kept whatever their data (COINr `Force`).
    #[serde(default)]
    pub force_include: Vec<String>,
    /// Units removed whatever their data.
    #[serde(default)]
    pub force_exclude: Vec<String>,
}

impl Screen {
    pub(crate) fn validate(&self) -> Result<()> {
        if !(0.0..=1.0).contains(&self.min_availability) {
            return Err(IndexError::BadSetting {
                setting: "screen.min_availability".into(),
                value: self.min_availability.to_string(),
                expected: "a share in [0, 1]".into(),
            });
        }
        Ok(())
    }

    pub(crate) fn apply(&self, ctx: &Ctx<'_>, input: Dataset) -> Result<(Dataset, StepReport)> {
        let cols = indicator_cols(ctx.fw, &input);
        let mut keep = Vec::new();
        let mut removed = Vec::new();
        let mut availability = BTreeMap::new();
        for (i, u) in input.units.iter().enumerate() {
            let have = cols
                .iter()
                .filter(|(_, j)| !input.columns[*j][i].is_nan())
                .count();
            let share = have as f64 / cols.len().max(1) as f64;
            if ctx.report {
                availability.insert(u.clone(), share);
            }
            let ok = self.force_include.contains(u)
                || (share >= self.min_availability && !self.force_exclude.contains(u));
            if ok {
                keep.push(i)
            } else {
                removed.push(u.clone())
            }
        }
        if keep.is_empty() {
            return Err(IndexError::NoUnitsLeft);
        }
        let out = if removed.is_empty() {
            input
        } else {
            input.select_rows(&keep)
        };
        Ok((
            out,
            StepReport::Screen {
                removed,
                availability,
            },
        ))
    }
}
