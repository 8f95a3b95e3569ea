//! Imputation of missing values.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Ctx, StepReport, indicator_cols};
use crate::dataset::Dataset;
use crate::error::{IndexError, Result};
use crate::framework::Framework;
use crate::stats;

/// How a missing value is filled.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum ImputeMethod {
    /// Mean of the indicator over all units (COINr `i_mean`).
    ColumnMean,
    /// Median of the indicator over all units (COINr `i_median`).
    ColumnMedian,
    /// Mean of the indicator over the units of the same group (COINr `i_mean_grp`).
    GroupMean {
        /// Group variable, e.g. `EurAsia_group`.
        group: String,
    },
    /// Median over the units of the same group (COINr `i_median_grp`).
    GroupMedian {
        /// Group variable.
        group: String,
    },
    /// Mean of the unit's other indicators under the same parent (by row; meaningful on a common scale).
    RowMean,
    /// Median of the unit's other indicators under the same parent.
    RowMedian,
}

/// Fills missing indicator values (COINr `Impute(f_i, use_group, impute_by)`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Impute {
    /// The method.
    pub method: ImputeMethod,
}

impl Impute {
    pub(crate) fn validate(&self, fw: &Framework) -> Result<()> {
        if let ImputeMethod::GroupMean { group } | ImputeMethod::GroupMedian { group } =
            &self.method
            && !fw.groups.contains(group)
        {
            return Err(IndexError::UnknownCode {
                context: "impute.group".into(),
                code: group.clone(),
            });
        }
        Ok(())
    }

    pub(crate) fn apply(&self, ctx: &Ctx<'_>, input: Dataset) -> Result<(Dataset, StepReport)> {
        let mut out = input;
        let mut imputed = BTreeMap::new();
        let cols = indicator_cols(ctx.fw, &out);
        let n = out.n_units();
        let centre = |v: &[f64], median: bool| {
            if median {
                stats::median(v)
            } else {
                stats::mean(v)
            }
        };
        match &self.method {
            ImputeMethod::ColumnMean | ImputeMethod::ColumnMedian => {
                let median = matches!(self.method, ImputeMethod::ColumnMedian);
                for (code, j) in &cols {
                    let c = centre(&out.columns[*j], median);
                    let k = fill(&mut out.columns[*j], |_| c);
                    if ctx.report {
                        imputed.insert(code.clone(), k);
                    }
                }
            }
            ImputeMethod::GroupMean { group } | ImputeMethod::GroupMedian { group } => {
                let median = matches!(self.method, ImputeMethod::GroupMedian { .. });
                let labels = &ctx.data.groups[group];
                // Group labels → small integer ids, once; units without a label form their own group.
                let mut names: Vec<Option<&String>> = Vec::new();
                let gid: Vec<usize> = out
                    .units
                    .iter()
                    .map(|u| {
                        let l = labels[ctx.row(u)].as_ref();
                        names.iter().position(|x| *x == l).unwrap_or_else(|| {
                            names.push(l);
                            names.len() - 1
                        })
                    })
                    .collect();
                let mut buf = Vec::with_capacity(n);
                for (code, j) in &cols {
                    let col = &out.columns[*j];
                    if !col.iter().any(|v| v.is_nan()) {
                        continue;
                    }
                    let centres: Vec<f64> = (0..names.len())
                        .map(|g| {
                            buf.clear();
                            buf.extend((0..n).filter(|&i| gid[i] == g).map(|i| col[i]));
                            centre(&buf, median)
                        })
                        .collect();
                    let k = fill(&mut out.columns[*j], |i| centres[gid[i]]);
                    if ctx.report {
                        imputed.insert(code.clone(), k);
                    }
                }
            }
            ImputeMethod::RowMean | ImputeMethod::RowMedian => {
                let median = matches!(self.method, ImputeMethod::RowMedian);
                // Row imputation reads the values before any are filled.
                let orig = out.columns.clone();
                for (code, j) in &cols {
                    let parent = ctx.fw.node(code).and_then(|n| n.parent.clone());
                    let sib: Vec<usize> = cols
                        .iter()
                        .filter(|(c, _)| {
                            c != code && ctx.fw.node(c).and_then(|n| n.parent.clone()) == parent
                        })
                        .map(|(_, k)| *k)
                        .collect();
                    let k = fill(&mut out.columns[*j], |i| {
                        let v: Vec<f64> = sib.iter().map(|&s| orig[s][i]).collect();
                        centre(&v, median)
                    });
                    if ctx.report {
                        imputed.insert(code.clone(), k);
                    }
                }
            }
        }
        let still_missing = cols
            .iter()
            .map(|(_, j)| out.columns[*j].iter().filter(|v| v.is_nan()).count())
            .sum();
        Ok((
            out,
            StepReport::Impute {
                imputed,
                still_missing,
            },
        ))
    }
}

/// Fills missing values of a column; returns how many were filled.
fn fill(col: &mut [f64], value: impl Fn(usize) -> f64) -> usize {
    let mut k = 0;
    for (i, v) in col.iter_mut().enumerate() {
        if v.is_nan() {
            let f = value(i);
            if !f.is_nan() {
                *v = f;
                k += 1;
            }
        }
    }
    k
}
