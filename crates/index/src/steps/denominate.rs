//! Denomination: dividing an indicator by a size variable (area, GDP, population).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Ctx, StepReport};
use crate::dataset::Dataset;
use crate::error::{IndexError, Result};
use crate::framework::Framework;

/// Divides each indicator by its denominator (COINr `Denominate(denoms, denomby)`).
///
/// By default the framework's `denominator` of each indicator is used; `overrides` sets another one
/// (`Some`) or none (`None`) for given indicators.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Denominate {
    /// Indicator → denominator to use instead of the framework's (`None`: do not denominate).
    #[serde(default)]
    pub overrides: BTreeMap<String, Option<String>>,
}

impl Denominate {
    pub(crate) fn validate(&self, fw: &Framework) -> Result<()> {
        for (k, v) in &self.overrides {
            if fw.node(k).is_none_or(|n| n.level != 1) {
                return Err(IndexError::UnknownCode {
                    context: "denominate.overrides".into(),
                    code: k.clone(),
                });
            }
            if let Some(d) = v
                && !fw.denominators.contains(d)
            {
                return Err(IndexError::UnknownCode {
                    context: "denominate.overrides (denominator)".into(),
                    code: d.clone(),
                });
            }
        }
        Ok(())
    }

    pub(crate) fn apply(&self, ctx: &Ctx<'_>, input: Dataset) -> Result<(Dataset, StepReport)> {
        let mut out = input;
        let mut divided = BTreeMap::new();
        let rows: Vec<usize> = out.units.iter().map(|u| ctx.row(u)).collect();
        for n in ctx.fw.indicators() {
            let den = match self.overrides.get(&n.code) {
                Some(o) => o.clone(),
                None => n.denominator.clone(),
            };
            let (Some(den), Some(j)) = (den, out.col_index(&n.code)) else {
                continue;
            };
            let dv = &ctx.data.denominators[&den];
            for (i, &r) in rows.iter().enumerate() {
                let d = dv[r];
                // A zero or missing denominator leaves the value missing rather than infinite.
                out.columns[j][i] = if d == 0.0 || d.is_nan() {
                    f64::NAN
                } else {
                    out.columns[j][i] / d
                };
            }
            if ctx.report {
                divided.insert(n.code.clone(), den);
            }
        }
        Ok((out, StepReport::Denominate { divided }))
    }
}
