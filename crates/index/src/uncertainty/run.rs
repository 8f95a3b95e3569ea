//! Running a plan: Monte Carlo ranks and variance-based sensitivity, in parallel.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::Plan;
use crate::coin::{Coin, run_column};
use crate::dataset::Dataset;
use crate::error::{IndexError, Result};
use crate::sensitivity::{Estimators, SaltelliDesign, Sampler, SobolIndices, sobol_indices};
use crate::sobol::SobolSeq;
use crate::stats::{quantile_sorted, rank_min};
use crate::steps::{Ctx, Step};

/// A run that failed, and why (failures are counted, never hidden).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunFailure {
    /// Run number (0-based, in design order).
    pub run: usize,
    /// The error message.
    pub message: String,
}

/// Rank and score distribution of one unit over the runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitRankStats {
    /// Unit code.
    pub unit: String,
    /// Score of the nominal coin.
    pub nominal_score: f64,
    /// Rank of the nominal coin.
    pub nominal_rank: f64,
    /// Mean rank.
    pub mean_rank: f64,
    /// Median rank.
    pub median_rank: f64,
    /// 5th percentile of the rank.
    pub q05_rank: f64,
    /// 95th percentile of the rank.
    pub q95_rank: f64,
    /// 5th percentile of the score.
    pub q05_score: f64,
    /// 95th percentile of the score.
    pub q95_score: f64,
    /// Runs where the unit had a score.
    pub runs_with_score: usize,
}

/// Result of a Monte Carlo uncertainty analysis.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UncertaintyResult {
    /// Names of the uncertain inputs.
    pub inputs: Vec<String>,
    /// Number of runs.
    pub runs: usize,
    /// Number of failed runs.
    pub failed: usize,
    /// The first failures (up to 20).
    pub failures: Vec<RunFailure>,
    /// Per unit, in the nominal coin's order.
    pub units: Vec<UnitRankStats>,
}

/// Settings of a sensitivity analysis.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SensitivityOptions {
    /// Base sample size N (runs = N(d + 2)).
    pub n: usize,
    /// Base points.
    pub sampler: Sampler,
    /// Estimators and bootstrap.
    pub estimators: Estimators,
    /// Also estimate indices of each unit's rank (without bootstrap).
    pub per_unit: bool,
}

/// Sensitivity of one unit's rank.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitSensitivity {
    /// Unit code.
    pub unit: String,
    /// Indices of the unit's rank; `None` when its rank never changes.
    pub indices: Option<SobolIndices>,
}

/// Result of a variance-based sensitivity analysis.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SensitivityResult {
    /// Names of the inputs, in index order.
    pub inputs: Vec<String>,
    /// N.
    pub n: usize,
    /// Runs = N(d + 2).
    pub runs: usize,
    /// Failed runs.
    pub failed: usize,
    /// The first failures (up to 20).
    pub failures: Vec<RunFailure>,
    /// Indices of the mean absolute rank change against the nominal ranks (COINr's output); all 0 with
    /// `variance` 0 when no run changes any rank.
    pub index: SobolIndices,
    /// Per unit, when asked.
    pub per_unit: Vec<UnitSensitivity>,
    /// Rank statistics over the A and B runs.
    pub rank_stats: Vec<UnitRankStats>,
}

/// Scores of the root aligned with the nominal coin's units (`NaN` for screened-out units).
fn align(coin: &Coin, d: &Dataset) -> std::result::Result<Vec<f64>, String> {
    let root = coin.framework.root();
    let col = d.col(root).ok_or_else(|| format!("no column {root}"))?;
    let nominal = &coin.last().units;
    if d.units == *nominal {
        return Ok(col.to_vec());
    }
    Ok(nominal
        .iter()
        .map(|n| {
            d.units
                .iter()
                .position(|x| x == n)
                .map_or(f64::NAN, |i| col[i])
        })
        .collect())
}

/// Scores for every point, each run replaying the whole log.
fn evaluate(
    coin: &Coin,
    plan: &Plan,
    points: &[Vec<f64>],
) -> Vec<std::result::Result<Vec<f64>, String>> {
    let root = coin.framework.root().to_string();
    let ctx = Ctx::new(&coin.framework, &coin.data, false);
    points
        .par_iter()
        .map(|u| {
            let log = plan.log_at(&coin.log, u).map_err(|e| e.to_string())?;
            let (units, col) = run_column(&ctx, &log, &root).map_err(|e| e.to_string())?;
            align(
                coin,
                &Dataset {
                    units,
                    codes: vec![root.clone()],
                    columns: vec![col],
                },
            )
        })
        .collect()
}

/// Scores for a Saltelli design, in design order. Runs are grouped by base row j: A_B^(i) differs from A
/// only in input i, so it starts from A's stage just before the first step whose settings differ
/// (inputs that only touch aggregation re-run only aggregation). Results are identical to [`evaluate`].
fn evaluate_saltelli(
    coin: &Coin,
    plan: &Plan,
    design: &SaltelliDesign,
) -> Vec<std::result::Result<Vec<f64>, String>> {
    let (n, d) = (design.n, design.d);
    let ctx = Ctx::new(&coin.framework, &coin.data, false);
    let per_row: Vec<Vec<std::result::Result<Vec<f64>, String>>> = (0..n)
        .into_par_iter()
        .map(|j| {
            let mut out = Vec::with_capacity(d + 2);
            let log_a = plan.log_at(&coin.log, &design.points[j]);
            let stages_a = log_a
                .as_ref()
                .map_err(|e| e.to_string())
                .and_then(|l| run_stages(&ctx, l).map_err(|e| e.to_string()));
            out.push(
                stages_a
                    .as_ref()
                    .map_err(Clone::clone)
                    .and_then(|s| align(coin, s.last().expect("raw"))),
            );
            let b = plan
                .log_at(&coin.log, &design.points[n + j])
                .map_err(|e| e.to_string())
                .and_then(|l| {
                    let mut cur = coin.data.indicators.clone();
                    for step in &l {
                        cur = step.apply(&ctx, cur).map_err(|e| e.to_string())?.0;
                    }
                    align(coin, &cur)
                });
            out.push(b);
            for i in 0..d {
                let r = plan
                    .log_at(&coin.log, &design.points[(2 + i) * n + j])
                    .map_err(|e| e.to_string())
                    .and_then(|log| {
                        let (k, start) = match (&log_a, &stages_a) {
                            (Ok(la), Ok(sa)) => {
                                let k = log.iter().zip(la).take_while(|(x, y)| x == y).count();
                                (k, sa[k].clone())
                            }
                            _ => (0, coin.data.indicators.clone()),
                        };
                        let mut cur = start;
                        for step in &log[k..] {
                            cur = step.apply(&ctx, cur).map_err(|e| e.to_string())?.0;
                        }
                        align(coin, &cur)
                    });
                out.push(r);
            }
            out
        })
        .collect();
    let mut res: Vec<std::result::Result<Vec<f64>, String>> = Vec::with_capacity(n * (d + 2));
    for k in 0..d + 2 {
        for row in &per_row {
            res.push(row[k].clone());
        }
    }
    res
}

/// Every stage of a run (raw first), without reports.
fn run_stages(ctx: &Ctx<'_>, log: &[Step]) -> Result<Vec<Dataset>> {
    let mut stages = Vec::with_capacity(log.len() + 1);
    stages.push(ctx.data.indicators.clone());
    for step in log {
        let next = step.apply(ctx, stages.last().expect("raw").clone())?.0;
        stages.push(next);
    }
    Ok(stages)
}

fn failures(res: &[std::result::Result<Vec<f64>, String>]) -> (usize, Vec<RunFailure>) {
    let mut list = Vec::new();
    let mut n = 0;
    for (run, r) in res.iter().enumerate() {
        if let Err(message) = r {
            n += 1;
            if list.len() < 20 {
                list.push(RunFailure {
                    run,
                    message: message.clone(),
                });
            }
        }
    }
    (n, list)
}

fn rank_stats(coin: &Coin, scores: &[&Vec<f64>]) -> Result<Vec<UnitRankStats>> {
    let nominal = coin.ranking(None)?;
    let ranks: Vec<Vec<f64>> = scores.par_iter().map(|s| rank_min(s, true)).collect();
    Ok((0..nominal.units.len())
        .map(|i| {
            let mut r: Vec<f64> = ranks
                .iter()
                .map(|rk| rk[i])
                .filter(|v| !v.is_nan())
                .collect();
            let mut s: Vec<f64> = scores
                .iter()
                .map(|sc| sc[i])
                .filter(|v| !v.is_nan())
                .collect();
            r.sort_by(f64::total_cmp);
            s.sort_by(f64::total_cmp);
            UnitRankStats {
                unit: nominal.units[i].clone(),
                nominal_score: nominal.scores[i],
                nominal_rank: nominal.ranks[i],
                mean_rank: if r.is_empty() {
                    f64::NAN
                } else {
                    r.iter().sum::<f64>() / r.len() as f64
                },
                median_rank: quantile_sorted(&r, 0.5),
                q05_rank: quantile_sorted(&r, 0.05),
                q95_rank: quantile_sorted(&r, 0.95),
                q05_score: quantile_sorted(&s, 0.05),
                q95_score: quantile_sorted(&s, 0.95),
                runs_with_score: s.len(),
            }
        })
        .collect())
}

/// Monte Carlo uncertainty analysis: `runs` points (Sobol' or seeded random), each regenerating the coin
/// with the plan's values; ranks per unit (COINr `get_sensitivity(SA_type = "UA")`).
///
/// # Errors
/// When the coin has no index column, or `runs` is 0.
pub fn run_monte_carlo(
    coin: &Coin,
    plan: &Plan,
    runs: usize,
    sampler: Sampler,
) -> Result<UncertaintyResult> {
    if runs == 0 {
        return Err(IndexError::BadSetting {
            setting: "runs".into(),
            value: "0".into(),
            expected: "at least 1".into(),
        });
    }
    let d = plan.inputs().len();
    let points: Vec<Vec<f64>> = match sampler {
        Sampler::Sobol => {
            let mut s = SobolSeq::new(d)?;
            s.next_point();
            (0..runs).map(|_| s.next_point()).collect()
        }
        Sampler::Random { seed } => {
            let mut r = ChaCha8Rng::seed_from_u64(seed);
            (0..runs)
                .map(|_| (0..d).map(|_| r.random::<f64>()).collect())
                .collect()
        }
    };
    let res = evaluate(coin, plan, &points);
    let (failed, failures) = failures(&res);
    let ok: Vec<&Vec<f64>> = res.iter().filter_map(|r| r.as_ref().ok()).collect();
    Ok(UncertaintyResult {
        inputs: plan.inputs().iter().map(|i| i.name.clone()).collect(),
        runs,
        failed,
        failures,
        units: rank_stats(coin, &ok)?,
    })
}

/// Variance-based sensitivity analysis over the plan's inputs (COINr `get_sensitivity(SA_type = "SA")`,
/// parallel, with per-unit indices).
///
/// The output for the index is the mean absolute rank change against the nominal ranks; failed runs
/// drop their base row from the estimators and are reported.
///
/// # Errors
/// Bad N, fewer than 2 inputs, or an output without variance.
pub fn run_sensitivity(
    coin: &Coin,
    plan: &Plan,
    opts: &SensitivityOptions,
) -> Result<SensitivityResult> {
    let d = plan.inputs().len();
    if d < 2 {
        return Err(IndexError::BadUncertainInput {
            name: String::new(),
            why: "sensitivity analysis needs at least 2 uncertain inputs; use Monte Carlo for one"
                .into(),
        });
    }
    let design = SaltelliDesign::new(opts.n, d, opts.sampler)?;
    let res = evaluate_saltelli(coin, plan, &design);
    let (failed, failures) = failures(&res);
    let nominal = coin.ranking(None)?;
    let nan_row = vec![f64::NAN; nominal.units.len()];
    let ranks: Vec<Vec<f64>> = res
        .par_iter()
        .map(|r| match r {
            Ok(s) => rank_min(s, true),
            Err(_) => nan_row.clone(),
        })
        .collect();
    let y: Vec<f64> = ranks
        .iter()
        .map(|rk| {
            let (mut s, mut k) = (0.0, 0usize);
            for (a, b) in rk.iter().zip(&nominal.ranks) {
                if !a.is_nan() && !b.is_nan() {
                    s += (a - b).abs();
                    k += 1;
                }
            }
            if k == 0 { f64::NAN } else { s / k as f64 }
        })
        .collect();
    // Ranks that never move are a result, not an error: no input matters, every index is 0.
    let index = match sobol_indices(&y, opts.n, d, &opts.estimators) {
        Err(IndexError::NoVariance { .. }) => SobolIndices {
            first: vec![0.0; d],
            total: vec![0.0; d],
            first_interval: opts.estimators.bootstrap.map(|_| vec![(0.0, 0.0); d]),
            total_interval: opts.estimators.bootstrap.map(|_| vec![(0.0, 0.0); d]),
            variance: 0.0,
            rows_dropped: (0..opts.n)
                .filter(|&j| (0..d + 2).any(|k| !y[k * opts.n + j].is_finite()))
                .count(),
        },
        other => other?,
    };
    let per_unit = if opts.per_unit {
        let est = Estimators {
            bootstrap: None,
            ..opts.estimators
        };
        (0..nominal.units.len())
            .into_par_iter()
            .map(|i| {
                let yi: Vec<f64> = ranks.iter().map(|rk| rk[i]).collect();
                UnitSensitivity {
                    unit: nominal.units[i].clone(),
                    indices: sobol_indices(&yi, opts.n, d, &est).ok(),
                }
            })
            .collect()
    } else {
        vec![]
    };
    let ab: Vec<&Vec<f64>> = res[..2 * opts.n]
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .collect();
    Ok(SensitivityResult {
        inputs: plan.inputs().iter().map(|i| i.name.clone()).collect(),
        n: opts.n,
        runs: design.points.len(),
        failed,
        failures,
        index,
        per_unit,
        rank_stats: rank_stats(coin, &ab)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::steps::{AggMethod, Aggregate, Impute, ImputeMethod, NormMethod, Normalise, Treat};
    use crate::uncertainty::{Distribution, ParamPath, ParamValue, UncertainInput};
    use crate::{read_idata, read_imeta};

    #[test]
    fn shared_prefixes_give_the_same_scores() {
        let meta = "Level,iCode,iName,Direction,Weight,Unit,Target,Denominator,Parent,Type\n\
                    1,a,A,1,1,,,,P,Indicator\n1,b,B,-1,1,,,,P,Indicator\n1,c,C,1,1,,,,Q,Indicator\n\
                    1,d,D,1,1,,,,Q,Indicator\n2,P,P,1,1,,,,I,Aggregate\n2,Q,Q,1,1,,,,I,Aggregate\n\
                    3,I,I,1,1,,,,,Aggregate\n,g,G,,,,,,,Group\n";
        let data = "uCode,g,a,b,c,d\nA,x,1,9,3,40\nB,x,2,,1,1\nC,y,4,3,0,7\nD,y,3,5,2,2\nE,x,30,1,,5\nF,y,5,2,8,3\n";
        let fw = read_imeta(meta).unwrap();
        let d = read_idata(data, &fw).unwrap();
        let log = vec![
            Step::Impute(Impute {
                method: ImputeMethod::GroupMean { group: "g".into() },
            }),
            Step::Treat(Treat::default()),
            Step::Normalise(Normalise::default()),
            Step::Aggregate(Aggregate::default()),
        ];
        let coin = Coin::build(fw, d, log).unwrap();
        let disc = |name: &str, path, values| UncertainInput {
            name: name.into(),
            path,
            distribution: Distribution::Discrete { values },
        };
        let plan = Plan::new(
            &coin,
            vec![
                disc(
                    "agg",
                    ParamPath::AggregateMethod,
                    vec![
                        ParamValue::Aggregate(AggMethod::Arithmetic),
                        ParamValue::Aggregate(AggMethod::Geometric),
                    ],
                ),
                disc(
                    "imp",
                    ParamPath::ImputeMethod,
                    vec![
                        ParamValue::Impute(ImputeMethod::ColumnMean),
                        ParamValue::Impute(ImputeMethod::ColumnMedian),
                    ],
                ),
                disc(
                    "norm",
                    ParamPath::NormaliseDefault,
                    vec![
                        ParamValue::Normalise(NormMethod::MinMax { lo: 0.0, hi: 100.0 }),
                        ParamValue::Normalise(NormMethod::Rank),
                    ],
                ),
                UncertainInput {
                    name: "win".into(),
                    path: ParamPath::TreatWinmax,
                    distribution: Distribution::Uniform { lo: 0.0, hi: 3.0 },
                },
            ],
        )
        .unwrap();
        let design = SaltelliDesign::new(64, 4, Sampler::Random { seed: 5 }).unwrap();
        let fast = evaluate_saltelli(&coin, &plan, &design);
        let plain = evaluate(&coin, &plan, &design.points);
        assert_eq!(fast.len(), plain.len());
        for (a, b) in fast.iter().zip(&plain) {
            let (a, b) = (a.as_ref().unwrap(), b.as_ref().unwrap());
            assert!(a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits()));
        }
    }
}
