//! Weighting and aggregation up the framework tree.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Ctx, StepReport};
use crate::dataset::Dataset;
use crate::error::{IndexError, Result};
use crate::framework::Framework;
use crate::linalg::{correlation_matrix, sym_eigen};
use crate::stats::min_max;

/// An aggregation method (COINr `f_ag`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum AggMethod {
    /// Σ wᵢxᵢ / Σ wᵢ (COINr `a_amean`).
    Arithmetic,
    /// exp(Σ wᵢ ln xᵢ / Σ wᵢ) (COINr `a_gmean`).
    Geometric,
    /// Σ wᵢ / Σ (wᵢ/xᵢ) (COINr `a_hmean`).
    Harmonic,
    /// (Σ wᵢxᵢᵖ / Σ wᵢ)^(1/p) (COINr `a_genmean`), p ≠ 0.
    Generalised {
        /// The exponent.
        p: f64,
    },
    /// Copeland score from the weighted outranking matrix: +1 per unit beaten, −1 per unit lost to
    /// (COINr `a_copeland`).
    Copeland,
}

impl AggMethod {
    fn name(&self) -> &'static str {
        match self {
            AggMethod::Arithmetic => "arithmetic",
            AggMethod::Geometric => "geometric",
            AggMethod::Harmonic => "harmonic",
            AggMethod::Generalised { .. } => "generalised",
            AggMethod::Copeland => "copeland",
        }
    }

    /// Whether the method needs strictly positive values.
    fn needs_positive(&self) -> bool {
        match self {
            AggMethod::Geometric | AggMethod::Harmonic => true,
            AggMethod::Generalised { p } => *p < 0.0 || p.fract() != 0.0,
            _ => false,
        }
    }
}

/// Where weights come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WeightSource {
    /// The framework's `weight` column (COINr `w = "Original"`).
    Framework,
    /// Equal weights within each group of siblings.
    Equal,
    /// Absolute loadings of the first principal component of each group of siblings (correlation
    /// matrix, complete units), normalised to sum 1 (COINr `get_PCA(weights_to = …)`, OECD Handbook §6).
    Pca,
}

/// An aggregation method for every aggregate at a level.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LevelMethod {
    /// Level of the aggregates (2 = parents of indicators).
    pub level: u8,
    /// Method.
    pub method: AggMethod,
}

/// An aggregation method for one aggregate (its group of children).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupMethod {
    /// Code of the aggregate.
    pub parent: String,
    /// Method.
    pub method: AggMethod,
}

/// A weight source for the children at a level.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LevelWeights {
    /// Level of the nodes being weighted (1 = indicators).
    pub level: u8,
    /// Source.
    pub source: WeightSource,
}

/// What to do with zero or negative values under methods that need positive ones.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "policy", rename_all = "snake_case")]
pub enum NonPositive {
    /// Refuse with [`IndexError::NonPositive`] naming the unit and indicator (COINr's behaviour).
    Refuse,
    /// Shift every value of the group by s = −min + fraction·(max − min) (over all units, so units stay
    /// comparable), aggregate, subtract s. With min-max to [0, 100] and fraction 0.01, zeros become 1.
    Shift {
        /// Share of the group's range added above its minimum (default 0.01).
        fraction: f64,
    },
}

/// Weights and aggregates every level (COINr `Aggregate(f_ag, w, dat_thresh, by_df)`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Aggregate {
    /// Method for aggregates with no more specific choice.
    pub method: AggMethod,
    /// Method per level.
    #[serde(default)]
    pub by_level: Vec<LevelMethod>,
    /// Method per aggregate (group of siblings); wins over `by_level`.
    #[serde(default)]
    pub by_group: Vec<GroupMethod>,
    /// Default weight source.
    #[serde(default = "framework_weights")]
    pub weights: WeightSource,
    /// Weight source per level of the weighted nodes.
    #[serde(default)]
    pub weights_by_level: Vec<LevelWeights>,
    /// Node → weight, winning over the source.
    #[serde(default)]
    pub weight_overrides: BTreeMap<String, f64>,
    /// Minimum share of children with data for an aggregate to be computed (COINr `dat_thresh`).
    #[serde(default)]
    pub min_availability: Option<f64>,
    /// Zero/negative policy for geometric, harmonic and generalised means.
    #[serde(default = "shift_default")]
    pub nonpositive: NonPositive,
}

fn framework_weights() -> WeightSource {
    WeightSource::Framework
}

fn shift_default() -> NonPositive {
    NonPositive::Shift { fraction: 0.01 }
}

impl Default for Aggregate {
    fn default() -> Self {
        Aggregate {
            method: AggMethod::Arithmetic,
            by_level: vec![],
            by_group: vec![],
            weights: WeightSource::Framework,
            weights_by_level: vec![],
            weight_overrides: BTreeMap::new(),
            min_availability: None,
            nonpositive: shift_default(),
        }
    }
}

impl Aggregate {
    pub(crate) fn validate(&self, fw: &Framework) -> Result<()> {
        let bad = |s: String, v: String, e: &str| {
            Err(IndexError::BadSetting {
                setting: s,
                value: v,
                expected: e.into(),
            })
        };
        let check_m = |s: String, m: &AggMethod| match m {
            AggMethod::Generalised { p } if *p == 0.0 || !p.is_finite() => {
                bad(s, p.to_string(), "p ≠ 0 (p = 0 is the geometric mean)")
            }
            _ => Ok(()),
        };
        check_m("aggregate.method".into(), &self.method)?;
        for l in &self.by_level {
            if l.level < 2 || l.level > fw.top_level() {
                return bad(
                    "aggregate.by_level.level".into(),
                    l.level.to_string(),
                    "a level of aggregates",
                );
            }
            check_m(format!("aggregate.by_level[{}]", l.level), &l.method)?;
        }
        for g in &self.by_group {
            if fw.node(&g.parent).is_none_or(|n| n.level < 2) {
                return Err(IndexError::UnknownCode {
                    context: "aggregate.by_group".into(),
                    code: g.parent.clone(),
                });
            }
            check_m(format!("aggregate.by_group[{}]", g.parent), &g.method)?;
        }
        for (k, w) in &self.weight_overrides {
            if fw.node(k).is_none() {
                return Err(IndexError::UnknownCode {
                    context: "aggregate.weight_overrides".into(),
                    code: k.clone(),
                });
            }
            if !w.is_finite() || *w < 0.0 {
                return bad(
                    format!("aggregate.weight_overrides.{k}"),
                    w.to_string(),
                    "a finite weight ≥ 0",
                );
            }
        }
        if let Some(a) = self.min_availability
            && !(0.0..=1.0).contains(&a)
        {
            return bad(
                "aggregate.min_availability".into(),
                a.to_string(),
                "a share in [0, 1]",
            );
        }
        if let NonPositive::Shift { fraction } = self.nonpositive
            && !(fraction > 0.0 && fraction.is_finite())
        {
            return bad(
                "aggregate.nonpositive.fraction".into(),
                fraction.to_string(),
                "a positive share",
            );
        }
        Ok(())
    }

    /// The method used for an aggregate.
    pub fn method_for(&self, code: &str, level: u8) -> &AggMethod {
        self.by_group
            .iter()
            .find(|g| g.parent == code)
            .map(|g| &g.method)
            .or_else(|| {
                self.by_level
                    .iter()
                    .find(|l| l.level == level)
                    .map(|l| &l.method)
            })
            .unwrap_or(&self.method)
    }

    fn source_for(&self, level: u8) -> WeightSource {
        self.weights_by_level
            .iter()
            .find(|l| l.level == level)
            .map_or(self.weights, |l| l.source)
    }

    pub(crate) fn apply(&self, ctx: &Ctx<'_>, input: Dataset) -> Result<(Dataset, StepReport)> {
        aggregate_all(self, ctx.fw, input, ctx.report)
    }
}

/// Runs the aggregation on a data set holding at least the indicator columns.
pub(crate) fn aggregate_all(
    s: &Aggregate,
    fw: &Framework,
    input: Dataset,
    report: bool,
) -> Result<(Dataset, StepReport)> {
    let mut out = input;
    let (mut weights, mut methods, mut shifts) =
        (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
    let n = out.n_units();
    // Column positions by code, kept up to date as aggregates are appended.
    let mut pos: std::collections::HashMap<String, usize> = out
        .codes
        .iter()
        .enumerate()
        .map(|(j, c)| (c.clone(), j))
        .collect();
    for level in 2..=fw.top_level() {
        for node in fw.at_level(level) {
            let kids = fw.children(&node.code);
            let cols: Vec<&[f64]> = kids
                .iter()
                .map(|k| {
                    pos.get(&k.code)
                        .map(|&j| out.columns[j].as_slice())
                        .ok_or_else(|| IndexError::NoDataset(format!("column {}", k.code)))
                })
                .collect::<Result<_>>()?;
            let w = child_weights(
                s,
                &kids
                    .iter()
                    .map(|k| (k.code.as_str(), k.weight, k.level))
                    .collect::<Vec<_>>(),
                &cols,
                &node.code,
            )?;
            let method = s.method_for(&node.code, level).clone();
            let mut shift = 0.0;
            if method.needs_positive() {
                let (lo, hi) = cols
                    .iter()
                    .map(|c| min_max(c))
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |a, b| {
                        (a.0.min(b.0), a.1.max(b.1))
                    });
                if lo <= 0.0 {
                    match s.nonpositive {
                        NonPositive::Refuse => {
                            let (k, i) = (0..cols.len())
                                .flat_map(|k| (0..n).map(move |i| (k, i)))
                                .find(|&(k, i)| cols[k][i] <= 0.0)
                                .expect("a value ≤ 0 exists");
                            return Err(IndexError::NonPositive {
                                code: kids[k].code.clone(),
                                unit: out.units[i].clone(),
                                value: cols[k][i],
                                method: method.name().into(),
                                parent: node.code.clone(),
                            });
                        }
                        NonPositive::Shift { fraction } => {
                            let r = hi - lo;
                            shift = -lo + if r > 0.0 { fraction * r } else { 1.0 };
                        }
                    }
                }
            }
            let values = if method == AggMethod::Copeland {
                copeland(&cols, &w)
            } else {
                let mut v = vec![f64::NAN; n];
                let mut x = Vec::with_capacity(cols.len());
                for (i, vi) in v.iter_mut().enumerate() {
                    x.clear();
                    x.extend(cols.iter().map(|c| c[i] + shift));
                    let have = x.iter().filter(|a| !a.is_nan()).count();
                    if have == 0
                        || s.min_availability
                            .is_some_and(|t| (have as f64) < t * cols.len() as f64)
                    {
                        continue;
                    }
                    *vi = mean_of(&method, &x, &w) - shift;
                }
                v
            };
            if report {
                let tot: f64 = w.iter().sum();
                for (k, wk) in kids.iter().zip(&w) {
                    weights.insert(k.code.clone(), wk / tot);
                }
                methods.insert(node.code.clone(), method);
                if shift != 0.0 {
                    shifts.insert(node.code.clone(), shift);
                }
            }
            match pos.get(&node.code) {
                Some(&j) => out.columns[j] = values,
                None => {
                    pos.insert(node.code.clone(), out.codes.len());
                    out.codes.push(node.code.clone());
                    out.columns.push(values);
                }
            }
        }
    }
    Ok((
        out,
        StepReport::Aggregate {
            weights,
            methods,
            shifts,
        },
    ))
}

/// Weights of a group of siblings: override, else the source for their level.
fn child_weights(
    s: &Aggregate,
    kids: &[(&str, f64, u8)],
    cols: &[&[f64]],
    parent: &str,
) -> Result<Vec<f64>> {
    let level = kids.first().map_or(1, |k| k.2);
    let base: Vec<f64> = match s.source_for(level) {
        WeightSource::Framework => kids.iter().map(|k| k.1).collect(),
        WeightSource::Equal => vec![1.0; kids.len()],
        WeightSource::Pca => pca_weights(cols),
    };
    let w: Vec<f64> = kids
        .iter()
        .zip(base)
        .map(|(k, b)| s.weight_overrides.get(k.0).copied().unwrap_or(b))
        .collect();
    if !(w.iter().sum::<f64>() > 0.0) {
        return Err(IndexError::BadWeights {
            parent: parent.into(),
            why: "sum to zero".into(),
        });
    }
    Ok(w)
}

/// First-component absolute loadings, normalised (equal weights for a single child or a degenerate group).
pub(crate) fn pca_weights(cols: &[&[f64]]) -> Vec<f64> {
    if cols.len() < 2 {
        return vec![1.0; cols.len()];
    }
    let r = correlation_matrix(cols);
    if r.iter().flatten().any(|v| v.is_nan()) {
        return vec![1.0; cols.len()];
    }
    let (_, vecs) = sym_eigen(&r);
    let l: Vec<f64> = vecs[0].iter().map(|v| v.abs()).collect();
    let t: f64 = l.iter().sum();
    l.iter().map(|v| v / t).collect()
}

/// Weighted mean of the present values by a method (not Copeland).
fn mean_of(m: &AggMethod, x: &[f64], w: &[f64]) -> f64 {
    let (mut sw, mut acc) = (0.0, 0.0);
    for (xi, wi) in x.iter().zip(w) {
        if xi.is_nan() {
            continue;
        }
        sw += wi;
        acc += match m {
            AggMethod::Arithmetic => wi * xi,
            AggMethod::Geometric => wi * xi.ln(),
            AggMethod::Harmonic => wi / xi,
            AggMethod::Generalised { p } => wi * xi.powf(*p),
            AggMethod::Copeland => unreachable!("handled apart"),
        };
    }
    match m {
        AggMethod::Arithmetic => acc / sw,
        AggMethod::Geometric => (acc / sw).exp(),
        AggMethod::Harmonic => sw / acc,
        AggMethod::Generalised { p } => (acc / sw).powf(1.0 / p),
        AggMethod::Copeland => unreachable!(),
    }
}

/// Copeland scores over all units.
fn copeland(cols: &[&[f64]], w: &[f64]) -> Vec<f64> {
    let n = cols.first().map_or(0, |c| c.len());
    let mut out = vec![0.0; n];
    for a in 0..n {
        for b in 0..n {
            if a == b {
                continue;
            }
            let (mut win, mut tot) = (0.0, 0.0);
            for (c, wk) in cols.iter().zip(w) {
                let (xa, xb) = (c[a], c[b]);
                if xa.is_nan() || xb.is_nan() {
                    continue;
                }
                tot += wk;
                if xa > xb {
                    win += wk;
                } else if xa == xb {
                    win += 0.5 * wk;
                }
            }
            if tot > 0.0 {
                let share = win / tot;
                out[a] += if share > 0.5 {
                    1.0
                } else if share < 0.5 {
                    -1.0
                } else {
                    0.0
                };
            }
        }
    }
    out
}
