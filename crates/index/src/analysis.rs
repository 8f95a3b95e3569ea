//! Analysis of a built coin: correlations, Cronbach's α, PCA, strengths and weaknesses, and the effect of
//! dropping each indicator or aggregate.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::coin::Coin;
use crate::dataset::Dataset;
use crate::error::{IndexError, Result};
use crate::linalg::{correlation_matrix, sym_eigen};
use crate::stats::{pearson, rank_min, spearman};
use crate::steps::Step;

/// Correlation coefficient.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CorrMethod {
    /// Pearson.
    #[default]
    Pearson,
    /// Spearman (ranks, ties averaged).
    Spearman,
}

/// A correlation matrix between two sets of columns (pairwise complete units).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Correlations {
    /// Row codes.
    pub rows: Vec<String>,
    /// Column codes.
    pub cols: Vec<String>,
    /// `values[i][j]` = corr(rows[i], cols[j]).
    pub values: Vec<Vec<f64>>,
}

fn dataset<'a>(coin: &'a Coin, name: Option<&str>) -> Result<&'a Dataset> {
    match name {
        Some(n) => coin
            .dataset(n)
            .ok_or_else(|| IndexError::NoDataset(n.into())),
        None => Ok(coin.last()),
    }
}

fn codes_at(coin: &Coin, level: u8) -> Vec<String> {
    coin.framework
        .at_level(level)
        .iter()
        .map(|n| n.code.clone())
        .collect()
}

fn column<'a>(d: &'a Dataset, code: &str) -> Result<&'a [f64]> {
    d.col(code)
        .ok_or_else(|| IndexError::NoDataset(format!("column {code}")))
}

/// Correlations between the nodes at two levels of a data set (the last stage when `None`; COINr
/// `get_corr(Levels = c(a, b))`). Equal levels give the within-level matrix.
///
/// # Errors
/// When the data set or a column is missing (e.g. aggregates before aggregation).
pub fn correlations(
    coin: &Coin,
    dset: Option<&str>,
    level_a: u8,
    level_b: u8,
    method: CorrMethod,
) -> Result<Correlations> {
    let d = dataset(coin, dset)?;
    let (rows, cols) = (codes_at(coin, level_a), codes_at(coin, level_b));
    let f = match method {
        CorrMethod::Pearson => pearson,
        CorrMethod::Spearman => spearman,
    };
    let mut values = Vec::with_capacity(rows.len());
    for r in &rows {
        let a = column(d, r)?;
        values.push(
            cols.iter()
                .map(|c| column(d, c).map(|b| f(a, b)))
                .collect::<Result<Vec<f64>>>()?,
        );
    }
    Ok(Correlations { rows, cols, values })
}

/// Cronbach's α of a set of columns over complete units: k/(k − 1)·(1 − Σ var(xᵢ) / var(Σ xᵢ))
/// (COINr `get_cronbach`).
///
/// # Errors
/// Fewer than 2 columns, or a missing column.
///
/// # Examples
/// ```
/// use creacity_index::{analysis::cronbach_alpha, Dataset};
/// let d = Dataset { units: vec!["a".into(), "b".into(), "c".into()], codes: vec!["x".into(), "y".into()],
///                   columns: vec![vec![1.0, 2.0, 3.0], vec![1.0, 2.0, 3.0]] };
/// assert!((cronbach_alpha(&d, &["x".into(), "y".into()]).unwrap() - 1.0).abs() < 1e-12);
/// ```
pub fn cronbach_alpha(d: &Dataset, codes: &[String]) -> Result<f64> {
    if codes.len() < 2 {
        return Err(IndexError::BadSetting {
            setting: "cronbach codes".into(),
            value: codes.len().to_string(),
            expected: "at least 2 columns".into(),
        });
    }
    let cols: Vec<&[f64]> = codes.iter().map(|c| column(d, c)).collect::<Result<_>>()?;
    let rows: Vec<usize> = (0..d.n_units())
        .filter(|&i| cols.iter().all(|c| !c[i].is_nan()))
        .collect();
    let var = |v: &[f64]| {
        let m = v.iter().sum::<f64>() / v.len() as f64;
        v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (v.len() as f64 - 1.0)
    };
    let sum_var: f64 = cols
        .iter()
        .map(|c| var(&rows.iter().map(|&i| c[i]).collect::<Vec<_>>()))
        .sum();
    let totals: Vec<f64> = rows
        .iter()
        .map(|&i| cols.iter().map(|c| c[i]).sum())
        .collect();
    let k = codes.len() as f64;
    Ok(k / (k - 1.0) * (1.0 - sum_var / var(&totals)))
}

/// Principal components of a set of columns (correlation matrix, complete units).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pca {
    /// Column codes.
    pub codes: Vec<String>,
    /// Eigenvalues, largest first.
    pub eigenvalues: Vec<f64>,
    /// Share of variance explained by each component.
    pub explained: Vec<f64>,
    /// `loadings[k][j]`: weight of column j in component k (sign: largest entry positive).
    pub loadings: Vec<Vec<f64>>,
}

/// PCA of the given columns (COINr `get_PCA`).
///
/// # Errors
/// A missing column.
pub fn pca(d: &Dataset, codes: &[String]) -> Result<Pca> {
    let cols: Vec<&[f64]> = codes.iter().map(|c| column(d, c)).collect::<Result<_>>()?;
    let r = correlation_matrix(&cols);
    let (eigenvalues, loadings) = sym_eigen(&r);
    let tot: f64 = eigenvalues.iter().sum();
    Ok(Pca {
        codes: codes.to_vec(),
        explained: eigenvalues.iter().map(|e| e / tot).collect(),
        eigenvalues,
        loadings,
    })
}

/// One indicator's standing for a unit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Standing {
    /// Indicator code.
    pub code: String,
    /// The unit's rank on it among all units (1 = best, direction-aware).
    pub rank: f64,
    /// The unit's value in the data set used.
    pub value: f64,
}

/// A unit's strengths (best-ranked indicators) and weaknesses (worst-ranked).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StrengthsWeaknesses {
    /// Unit code.
    pub unit: String,
    /// Best `k`, best first.
    pub strengths: Vec<Standing>,
    /// Worst `k`, worst first.
    pub weaknesses: Vec<Standing>,
}

/// Strengths and weaknesses of a unit: its `k` best and worst indicator ranks in a data set (COINr
/// `get_str_weak`). Ranks follow each indicator's direction.
///
/// # Errors
/// Unknown unit or data set.
pub fn strengths_weaknesses(
    coin: &Coin,
    dset: Option<&str>,
    unit: &str,
    k: usize,
) -> Result<StrengthsWeaknesses> {
    let d = dataset(coin, dset)?;
    let i = d.unit_index(unit).ok_or_else(|| IndexError::UnknownCode {
        context: "unit".into(),
        code: unit.into(),
    })?;
    let mut st: Vec<Standing> = coin
        .framework
        .indicators()
        .filter_map(|n| {
            let c = d.col(&n.code)?;
            let signed: Vec<f64> = c.iter().map(|v| v * n.direction.sign()).collect();
            let r = rank_min(&signed, true)[i];
            (!r.is_nan()).then(|| Standing {
                code: n.code.clone(),
                rank: r,
                value: c[i],
            })
        })
        .collect();
    st.sort_by(|a, b| a.rank.total_cmp(&b.rank).then_with(|| a.code.cmp(&b.code)));
    let strengths = st.iter().take(k).cloned().collect();
    let weaknesses = st.iter().rev().take(k).cloned().collect();
    Ok(StrengthsWeaknesses {
        unit: unit.into(),
        strengths,
        weaknesses,
    })
}

/// What dropping one node does to the index.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DropEffect {
    /// The node dropped (with everything below it).
    pub dropped: String,
    /// Mean absolute change of rank over units.
    pub mean_abs_rank_change: f64,
    /// Largest absolute rank change.
    pub max_abs_rank_change: f64,
    /// Rank change per unit (new − nominal), in the nominal order.
    pub rank_change: Vec<f64>,
    /// Why the rebuild failed, if it did.
    pub failure: Option<String>,
}

/// Drops each node at `level` in turn (an indicator at level 1, a dimension above), rebuilds with the same
/// log, and reports rank changes (COINr `remove_elements`). Settings that name dropped nodes are removed
/// from the log. Failures are reported per node, not hidden.
///
/// # Errors
/// When the nominal coin has no index column.
pub fn drop_effects(coin: &Coin, level: u8) -> Result<Vec<DropEffect>> {
    let nominal = coin.ranking(None)?;
    let codes = codes_at(coin, level);
    Ok(codes
        .par_iter()
        .map(|code| {
            let mut gone: Vec<String> = coin
                .framework
                .indicators_under(code)
                .iter()
                .map(|n| n.code.clone())
                .collect();
            gone.push(code.clone());
            let rebuilt = coin.framework.without(&gone).and_then(|fw| {
                let log = strip_codes(&coin.log, &gone);
                Coin::build(fw, coin.data.clone(), log)?.ranking(None)
            });
            match rebuilt {
                Ok(r) => {
                    let change: Vec<f64> = nominal
                        .units
                        .iter()
                        .zip(&nominal.ranks)
                        .map(|(u, r0)| {
                            r.units
                                .iter()
                                .position(|x| x == u)
                                .map_or(f64::NAN, |i| r.ranks[i] - r0)
                        })
                        .collect();
                    let abs: Vec<f64> = change
                        .iter()
                        .filter(|v| !v.is_nan())
                        .map(|v| v.abs())
                        .collect();
                    DropEffect {
                        dropped: code.clone(),
                        mean_abs_rank_change: abs.iter().sum::<f64>() / abs.len().max(1) as f64,
                        max_abs_rank_change: abs.iter().copied().fold(0.0, f64::max),
                        rank_change: change,
                        failure: None,
                    }
                }
                Err(e) => DropEffect {
                    dropped: code.clone(),
                    mean_abs_rank_change: f64::NAN,
                    max_abs_rank_change: f64::NAN,
                    rank_change: vec![],
                    failure: Some(e.to_string()),
                },
            }
        })
        .collect())
}

/// The log without settings that name any of `codes`.
pub(crate) fn strip_codes(log: &[Step], codes: &[String]) -> Vec<Step> {
    let mut log = log.to_vec();
    for s in &mut log {
        match s {
            Step::Denominate(x) => x.overrides.retain(|k, _| !codes.contains(k)),
            Step::Treat(x) => x.per_indicator.retain(|k, _| !codes.contains(k)),
            Step::Normalise(x) => x.per_indicator.retain(|k, _| !codes.contains(k)),
            Step::Aggregate(x) => {
                x.weight_overrides.retain(|k, _| !codes.contains(k));
                x.by_group.retain(|g| !codes.contains(&g.parent));
            }
            Step::Impute(_) | Step::Screen(_) => {}
        }
    }
    log
}

/// One unit's score and rank, with its name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitScore {
    /// Unit code.
    pub unit: String,
    /// Unit name.
    pub name: String,
    /// Index score.
    pub score: f64,
    /// Rank (1 = best).
    pub rank: f64,
}

/// What a built index shows a reader: ranking with names, the framework tree, each unit's strengths and
/// weaknesses, the stages and what each step did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// The index code.
    pub index: String,
    /// Units in rank order.
    pub units: Vec<UnitScore>,
    /// The framework's nodes (code, name, level, parent, weight …).
    pub framework: Vec<crate::framework::Node>,
    /// Strengths and weaknesses per unit (on the `Normalised` data set when there is one).
    pub strengths_weaknesses: Vec<StrengthsWeaknesses>,
    /// Stage names.
    pub stages: Vec<String>,
    /// What each step did.
    pub reports: Vec<crate::steps::StepReport>,
    /// The log.
    pub log: Vec<Step>,
}

/// The summary of a built coin, with `top` strengths and weaknesses per unit.
///
/// # Errors
/// When the coin has no index column (no aggregation step).
pub fn summary(coin: &Coin, top: usize) -> Result<Summary> {
    let r = coin.ranking(None)?;
    let mut order: Vec<usize> = (0..r.units.len()).collect();
    order.sort_by(|&a, &b| r.ranks[a].total_cmp(&r.ranks[b]));
    let name = |u: &str| {
        coin.data
            .units
            .iter()
            .find(|x| x.code == u)
            .map(|x| x.name.clone())
            .unwrap_or_default()
    };
    let dset = coin.dataset("Normalised").map(|_| "Normalised");
    Ok(Summary {
        index: r.code.clone(),
        units: order
            .iter()
            .map(|&k| UnitScore {
                unit: r.units[k].clone(),
                name: name(&r.units[k]),
                score: r.scores[k],
                rank: r.ranks[k],
            })
            .collect(),
        framework: coin.framework.nodes().to_vec(),
        strengths_weaknesses: order
            .iter()
            .filter_map(|&k| strengths_weaknesses(coin, dset, &r.units[k], top).ok())
            .collect(),
        stages: coin.stages.iter().map(|s| s.name.clone()).collect(),
        reports: coin
            .stages
            .iter()
            .filter_map(|s| s.report.clone())
            .collect(),
        log: coin.log.clone(),
    })
}
