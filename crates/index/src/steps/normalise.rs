//! Normalisation: bringing indicators to a common scale, respecting their direction.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Ctx, StepReport, indicator_cols};
use crate::dataset::Dataset;
use crate::error::{IndexError, Result};
use crate::framework::{Direction, Framework};
use crate::stats::{mean, min_max, rank_min, sd};

/// A normalisation method (COINr `f_n` and its `f_n_para`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum NormMethod {
    /// (x − min)/(max − min)·(hi − lo) + lo (COINr `n_minmax`, `l_u = c(lo, hi)`).
    MinMax {
        /// Lower end.
        lo: f64,
        /// Upper end.
        hi: f64,
    },
    /// (x − mean)/sd·s + m (COINr `n_zscore`, `m_sd = c(m, s)`).
    ZScore {
        /// Target mean.
        mean: f64,
        /// Target standard deviation.
        sd: f64,
    },
    /// Rank, ties taking the lowest rank, the best unit highest (COINr `n_rank`).
    Rank,
    /// (rank − 1)/(n − 1) (COINr `n_prank`).
    PercentRank,
    /// Borda score: rank − 1 (COINr `n_borda`).
    Borda,
    /// 1 − (max − x)/(max − min) (COINr `n_dist2max`).
    DistToMax,
    /// Share of the way from the worst value to the indicator's target: (x − min)/(target − min), or
    /// (max − x)/(max − target) for negative indicators; capped at 1 if asked (COINr `n_dist2targ`).
    DistToTarget {
        /// Cap values beyond the target at 1.
        cap: bool,
    },
    /// (x − lo)/(hi − lo) (reversed for negative indicators), truncated to [0, 1], times `scale`
    /// (COINr `n_goalposts`, `gposts = c(lo, hi, scale)`).
    Goalposts {
        /// Lower goalpost.
        lo: f64,
        /// Upper goalpost.
        hi: f64,
        /// Scale factor (e.g. 100).
        scale: f64,
        /// Truncate to the goalposts.
        trunc: bool,
    },
    /// x / max (COINr `n_fracmax`).
    FracMax,
}

/// Normalises every indicator (COINr `Normalise(global_specs, indiv_specs, directions)`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Normalise {
    /// Method for indicators not in `per_indicator`.
    pub default: NormMethod,
    /// Indicator → its own method.
    #[serde(default)]
    pub per_indicator: BTreeMap<String, NormMethod>,
    /// Multiply by the direction first (COINr's default); `false` ignores directions.
    #[serde(default = "yes")]
    pub use_directions: bool,
}

fn yes() -> bool {
    true
}

impl Default for Normalise {
    fn default() -> Self {
        Normalise {
            default: NormMethod::MinMax { lo: 0.0, hi: 100.0 },
            per_indicator: BTreeMap::new(),
            use_directions: true,
        }
    }
}

impl Normalise {
    pub(crate) fn validate(&self, fw: &Framework) -> Result<()> {
        for k in self.per_indicator.keys() {
            if fw.node(k).is_none_or(|n| n.level != 1) {
                return Err(IndexError::UnknownCode {
                    context: "normalise.per_indicator".into(),
                    code: k.clone(),
                });
            }
        }
        let bad = |s: &str, v: String, e: &str| {
            Err(IndexError::BadSetting {
                setting: s.into(),
                value: v,
                expected: e.into(),
            })
        };
        for n in fw.indicators() {
            match self.per_indicator.get(&n.code).unwrap_or(&self.default) {
                NormMethod::MinMax { lo, hi } if !(hi > lo) => {
                    return bad("normalise.min_max", format!("[{lo}, {hi}]"), "lo < hi")?;
                }
                NormMethod::ZScore { sd, .. } if !(*sd > 0.0) => {
                    return bad("normalise.z_score.sd", sd.to_string(), "sd > 0")?;
                }
                NormMethod::Goalposts { lo, hi, .. } if lo == hi => {
                    return bad(
                        &format!("normalise goalposts of `{}`", n.code),
                        format!("[{lo}, {hi}]"),
                        "lo ≠ hi",
                    )?;
                }
                NormMethod::DistToTarget { .. } if n.target.is_none() => {
                    return bad(
                        &format!("target of `{}`", n.code),
                        "none".into(),
                        "a target for distance-to-target",
                    )?;
                }
                _ => {}
            }
        }
        Ok(())
    }

    pub(crate) fn apply(&self, ctx: &Ctx<'_>, input: Dataset) -> Result<(Dataset, StepReport)> {
        let mut out = input;
        let mut methods = BTreeMap::new();
        for (code, j) in indicator_cols(ctx.fw, &out) {
            let node = ctx.fw.node(&code).expect("indicator");
            let dir = if self.use_directions {
                node.direction
            } else {
                Direction::Positive
            };
            let m = self.per_indicator.get(&code).unwrap_or(&self.default);
            out.columns[j] = normalise_column(&out.columns[j], m, dir, node.target, &code)?;
            if ctx.report {
                methods.insert(code, m.clone());
            }
        }
        Ok((out, StepReport::Normalise { methods }))
    }
}

/// Normalises one column.
///
/// # Errors
/// [`IndexError::NoVariance`] when the method divides by the range or the standard deviation and it is 0.
pub fn normalise_column(
    x: &[f64],
    m: &NormMethod,
    dir: Direction,
    target: Option<f64>,
    code: &str,
) -> Result<Vec<f64>> {
    let s = dir.sign();
    let signed: Vec<f64> = x.iter().map(|v| v * s).collect();
    let no_var = || IndexError::NoVariance {
        code: code.into(),
        stage: "normalise".into(),
    };
    let out = match m {
        NormMethod::MinMax { lo, hi } => {
            let (a, b) = min_max(&signed);
            if !(b > a) {
                return Err(no_var());
            }
            signed
                .iter()
                .map(|v| (v - a) / (b - a) * (hi - lo) + lo)
                .collect()
        }
        NormMethod::ZScore { mean: m0, sd: s0 } => {
            let (mu, sig) = (mean(&signed), sd(&signed));
            if !(sig > 0.0) {
                return Err(no_var());
            }
            signed.iter().map(|v| (v - mu) / sig * s0 + m0).collect()
        }
        NormMethod::Rank => rank_min(&signed, false),
        NormMethod::Borda => rank_min(&signed, false)
            .into_iter()
            .map(|r| r - 1.0)
            .collect(),
        NormMethod::PercentRank => {
            let n = signed.iter().filter(|v| !v.is_nan()).count();
            if n < 2 {
                return Err(no_var());
            }
            rank_min(&signed, false)
                .into_iter()
                .map(|r| (r - 1.0) / (n - 1) as f64)
                .collect()
        }
        NormMethod::DistToMax => {
            let (a, b) = min_max(&signed);
            if !(b > a) {
                return Err(no_var());
            }
            signed.iter().map(|v| 1.0 - (b - v) / (b - a)).collect()
        }
        NormMethod::FracMax => {
            let (_, b) = min_max(&signed);
            signed.iter().map(|v| v / b).collect()
        }
        NormMethod::DistToTarget { cap } => {
            let t = target.unwrap_or(f64::NAN);
            let (a, b) = min_max(x);
            let y: Vec<f64> = match dir {
                Direction::Positive if t != a => x.iter().map(|v| (v - a) / (t - a)).collect(),
                Direction::Negative if t != b => x.iter().map(|v| (b - v) / (b - t)).collect(),
                _ => return Err(no_var()),
            };
            if *cap {
                y.into_iter().map(|v| v.min(1.0)).collect()
            } else {
                y
            }
        }
        NormMethod::Goalposts {
            lo,
            hi,
            scale,
            trunc,
        } => x
            .iter()
            .map(|v| {
                let y = match dir {
                    Direction::Positive => (v - lo) / (hi - lo),
                    Direction::Negative => (v - hi) / (lo - hi),
                };
                (if *trunc { y.clamp(0.0, 1.0) } else { y }) * scale
            })
            .collect(),
    };
    Ok(out)
}
