//! Variance-based sensitivity analysis: the Saltelli design and Sobol' first-order and total indices.
//!
//! Design (Saltelli 2002; Saltelli et al. 2010): two base matrices A and B of N points each in [0, 1)^d, and
//! for every input i the matrix A_B^(i), A with column i taken from B; N(d + 2) runs in the order
//! A, B, A_B^(1), …, A_B^(d) (as COINr's `SA_sample`). With V = var(f(A) ∪ f(B)):
//! - first order, Saltelli et al. (2010): Sᵢ = mean(f(B)·(f(A_B^(i)) − f(A))) / V
//! - first order, Jansen (1999): Sᵢ = (V − mean((f(B) − f(A_B^(i)))²)/2) / V
//! - total, Jansen (1999): S_Tᵢ = mean((f(A) − f(A_B^(i)))²)/2 / V
//! - total, Sobol' (2007): S_Tᵢ = mean(f(A)·(f(A) − f(A_B^(i)))) / V
//!
//! Bootstrap intervals resample the N rows (the same rows for A, B and every A_B^(i)) and take percentiles.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::{IndexError, Result};
use crate::sobol::SobolSeq;
use crate::stats::quantile_sorted;

/// Where the base points come from.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "sampler", rename_all = "snake_case")]
pub enum Sampler {
    /// Sobol' quasi-random points of dimension 2d (A from the first d, B from the last d).
    Sobol,
    /// Pseudo-random points from a seeded ChaCha8 generator.
    Random {
        /// Seed.
        seed: u64,
    },
}

/// First-order estimator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum FirstOrder {
    /// Saltelli et al. (2010), as COINr.
    #[default]
    Saltelli2010,
    /// Jansen (1999).
    Jansen1999,
}

/// Total-order estimator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum TotalOrder {
    /// Jansen (1999), as COINr.
    #[default]
    Jansen1999,
    /// Sobol' (2007) / Saltelli (2008).
    Sobol2007,
}

/// Bootstrap settings.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bootstrap {
    /// Number of resamples.
    pub resamples: usize,
    /// Two-sided confidence level, e.g. 0.90 for the 5–95 % interval.
    pub confidence: f64,
    /// Seed.
    pub seed: u64,
}

/// Estimator settings.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct Estimators {
    /// First-order estimator.
    pub first: FirstOrder,
    /// Total-order estimator.
    pub total: TotalOrder,
    /// Bootstrap intervals, if wanted.
    pub bootstrap: Option<Bootstrap>,
}

/// Sobol' indices of one output.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SobolIndices {
    /// First-order index per input.
    pub first: Vec<f64>,
    /// Total index per input.
    pub total: Vec<f64>,
    /// Bootstrap interval of each first-order index.
    pub first_interval: Option<Vec<(f64, f64)>>,
    /// Bootstrap interval of each total index.
    pub total_interval: Option<Vec<(f64, f64)>>,
    /// Output variance V.
    pub variance: f64,
    /// Rows left out because a run failed (its output is missing).
    pub rows_dropped: usize,
}

/// A Saltelli design: N base rows, d inputs, all N(d + 2) points.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SaltelliDesign {
    /// Base sample size N.
    pub n: usize,
    /// Number of inputs d.
    pub d: usize,
    /// Points in [0, 1)^d in the order A, B, A_B^(1), …, A_B^(d).
    pub points: Vec<Vec<f64>>,
}

impl SaltelliDesign {
    /// Builds the design.
    ///
    /// # Errors
    /// N < 2, d < 1, or 2d above the Sobol' generator's dimensions.
    pub fn new(n: usize, d: usize, sampler: Sampler) -> Result<SaltelliDesign> {
        if n < 2 || d < 1 {
            return Err(IndexError::BadSetting {
                setting: "saltelli design".into(),
                value: format!("N = {n}, d = {d}"),
                expected: "N ≥ 2 and d ≥ 1".into(),
            });
        }
        let base: Vec<Vec<f64>> = match sampler {
            Sampler::Sobol => {
                let mut s = SobolSeq::new(2 * d)?;
                // Skip the origin so no point sits exactly on the lower bound of every input.
                s.next_point();
                (0..n).map(|_| s.next_point()).collect()
            }
            Sampler::Random { seed } => {
                let mut r = ChaCha8Rng::seed_from_u64(seed);
                (0..n)
                    .map(|_| (0..2 * d).map(|_| r.random::<f64>()).collect())
                    .collect()
            }
        };
        let mut points = Vec::with_capacity(n * (d + 2));
        points.extend(base.iter().map(|p| p[..d].to_vec()));
        points.extend(base.iter().map(|p| p[d..].to_vec()));
        for i in 0..d {
            for p in &base {
                let mut q = p[..d].to_vec();
                q[i] = p[d + i];
                points.push(q);
            }
        }
        Ok(SaltelliDesign { n, d, points })
    }
}

/// Estimates Sobol' indices from the outputs of a design (`y` in the design's order; `NaN` = failed run).
///
/// # Errors
/// When `y` does not have N(d + 2) values or the output has no variance.
///
/// # Examples
/// ```
/// use creacity_index::sensitivity::*;
/// // f(x) = x₁ (only the first input matters): S₁ = S_T1 = 1, S₂ = S_T2 = 0.
/// let des = SaltelliDesign::new(256, 2, Sampler::Sobol).unwrap();
/// let y: Vec<f64> = des.points.iter().map(|p| p[0]).collect();
/// let est = Estimators { first: FirstOrder::Jansen1999, ..Default::default() };
/// let s = sobol_indices(&y, des.n, des.d, &est).unwrap();
/// assert!((s.first[0] - 1.0).abs() < 1e-12 && s.total[1].abs() < 1e-12);
/// ```
pub fn sobol_indices(y: &[f64], n: usize, d: usize, est: &Estimators) -> Result<SobolIndices> {
    if y.len() != n * (d + 2) {
        return Err(IndexError::BadSetting {
            setting: "outputs".into(),
            value: y.len().to_string(),
            expected: format!("N(d + 2) = {}", n * (d + 2)),
        });
    }
    let rows: Vec<usize> = (0..n)
        .filter(|&j| (0..d + 2).all(|k| y[k * n + j].is_finite()))
        .collect();
    let dropped = n - rows.len();
    let point = |rows: &[usize]| estimate(y, n, d, rows, est);
    let (first, total, variance) = point(&rows);
    if !(variance > 0.0) {
        return Err(IndexError::NoVariance {
            code: "output".into(),
            stage: "sensitivity".into(),
        });
    }
    let (mut first_interval, mut total_interval) = (None, None);
    if let Some(b) = est.bootstrap {
        let reps: Vec<(Vec<f64>, Vec<f64>)> = (0..b.resamples)
            .into_par_iter()
            .map(|r| {
                let mut rng = ChaCha8Rng::seed_from_u64(b.seed.wrapping_add(r as u64));
                let pick: Vec<usize> = (0..rows.len())
                    .map(|_| rows[rng.random_range(0..rows.len())])
                    .collect();
                let (f, t, _) = point(&pick);
                (f, t)
            })
            .collect();
        let lo = (1.0 - b.confidence) / 2.0;
        let interval = |second: bool| -> Vec<(f64, f64)> {
            (0..d)
                .map(|i| {
                    let mut v: Vec<f64> = reps
                        .iter()
                        .map(|r| if second { r.1[i] } else { r.0[i] })
                        .filter(|x| x.is_finite())
                        .collect();
                    v.sort_by(f64::total_cmp);
                    (quantile_sorted(&v, lo), quantile_sorted(&v, 1.0 - lo))
                })
                .collect()
        };
        first_interval = Some(interval(false));
        total_interval = Some(interval(true));
    }
    Ok(SobolIndices {
        first,
        total,
        first_interval,
        total_interval,
        variance,
        rows_dropped: dropped,
    })
}

/// Point estimates over the given base rows.
fn estimate(
    y: &[f64],
    n: usize,
    d: usize,
    rows: &[usize],
    est: &Estimators,
) -> (Vec<f64>, Vec<f64>, f64) {
    let m = rows.len() as f64;
    let ya = |j: usize| y[j];
    let yb = |j: usize| y[n + j];
    let yab = |i: usize, j: usize| y[(2 + i) * n + j];
    // Sample variance of A ∪ B (R's var, denominator 2m − 1).
    let mean = rows.iter().map(|&j| ya(j) + yb(j)).sum::<f64>() / (2.0 * m);
    let var = rows
        .iter()
        .map(|&j| (ya(j) - mean).powi(2) + (yb(j) - mean).powi(2))
        .sum::<f64>()
        / (2.0 * m - 1.0);
    let mut first = Vec::with_capacity(d);
    let mut total = Vec::with_capacity(d);
    for i in 0..d {
        let s = match est.first {
            FirstOrder::Saltelli2010 => {
                rows.iter()
                    .map(|&j| yb(j) * (yab(i, j) - ya(j)))
                    .sum::<f64>()
                    / m
                    / var
            }
            FirstOrder::Jansen1999 => {
                (var - rows
                    .iter()
                    .map(|&j| (yb(j) - yab(i, j)).powi(2))
                    .sum::<f64>()
                    / (2.0 * m))
                    / var
            }
        };
        let t = match est.total {
            TotalOrder::Jansen1999 => {
                rows.iter()
                    .map(|&j| (ya(j) - yab(i, j)).powi(2))
                    .sum::<f64>()
                    / (2.0 * m)
                    / var
            }
            TotalOrder::Sobol2007 => {
                rows.iter()
                    .map(|&j| ya(j) * (ya(j) - yab(i, j)))
                    .sum::<f64>()
                    / m
                    / var
            }
        };
        first.push(s);
        total.push(t);
    }
    (first, total, var)
}

/// The Ishigami function f(x) = sin x₁ + a sin² x₂ + b x₃⁴ sin x₁ on x ∈ [−π, π]³, from u ∈ [0, 1)³.
pub fn ishigami(u: &[f64], a: f64, b: f64) -> f64 {
    let x: Vec<f64> = u
        .iter()
        .map(|v| -std::f64::consts::PI + 2.0 * std::f64::consts::PI * v)
        .collect();
    x[0].sin() + a * x[1].sin().powi(2) + b * x[2].powi(4) * x[0].sin()
}
