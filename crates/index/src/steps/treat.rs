//! Outlier treatment: the skew/kurtosis rule with winsorisation and a log fallback, or Box-Cox.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Ctx, StepReport, indicator_cols};
use crate::dataset::Dataset;
use crate::error::{IndexError, Result};
use crate::framework::Framework;
use crate::stats::{min_max, skew_kurt};

/// How one indicator is treated.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum TreatMethod {
    /// Leave as is.
    None,
    /// COINr's default: pass when |skew| < `skew_thresh` or kurtosis < `kurt_thresh`; otherwise winsorise
    /// step by step up to `winmax` points, then fall back to log(x − min + 0.01·(max − min)).
    SkewKurt {
        /// Winsorisation limit (COINr `winmax`, default 5).
        winmax: usize,
        /// Absolute skewness threshold (default 2).
        skew_thresh: f64,
        /// Kurtosis threshold (default 3.5).
        kurt_thresh: f64,
        /// Whether to apply the log transform when winsorisation is not enough (COINr `f2 = "log_CT"`).
        log_fallback: bool,
    },
    /// Box-Cox transform of x − min + 1 with the given λ (λ = 0 is the log), always applied.
    BoxCox {
        /// λ.
        lambda: f64,
    },
}

impl TreatMethod {
    /// COINr's default treatment (winmax 5, thresholds 2 and 3.5, log fallback).
    pub fn coinr_default() -> Self {
        TreatMethod::SkewKurt {
            winmax: 5,
            skew_thresh: 2.0,
            kurt_thresh: 3.5,
            log_fallback: true,
        }
    }
}

/// Treats outliers indicator by indicator (COINr `Treat(global_specs, indiv_specs)`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Treat {
    /// Method for every indicator not listed in `per_indicator`.
    pub default: TreatMethod,
    /// Indicator → its own method.
    #[serde(default)]
    pub per_indicator: BTreeMap<String, TreatMethod>,
}

impl Default for Treat {
    fn default() -> Self {
        Treat {
            default: TreatMethod::coinr_default(),
            per_indicator: BTreeMap::new(),
        }
    }
}

/// What happened to one indicator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TreatOutcome {
    /// Passed the rule untouched.
    Passed,
    /// Winsorised until it passed.
    Winsorised,
    /// Winsorisation was not enough; log-transformed instead.
    LogTransformed,
    /// Winsorised to the limit, still failing, no fallback.
    WinsorisedStillFailing,
    /// Box-Cox transformed.
    BoxCox,
    /// No treatment asked.
    NotTreated,
    /// The rule could not be evaluated (too few or identical values); left untreated.
    NotEvaluable,
}

/// Treatment details for one indicator.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TreatDetail {
    /// Indicator code.
    pub code: String,
    /// Skewness before.
    pub skew: f64,
    /// Kurtosis before.
    pub kurt: f64,
    /// Outcome.
    pub outcome: TreatOutcome,
    /// Units whose value was lowered (winsorised from above).
    pub winsorised_high: Vec<String>,
    /// Units whose value was raised (winsorised from below).
    pub winsorised_low: Vec<String>,
    /// Skewness after.
    pub skew_after: f64,
    /// Kurtosis after.
    pub kurt_after: f64,
}

impl PartialEq for TreatDetail {
    /// Statistics that are `NaN` (too few values) compare equal to each other.
    fn eq(&self, o: &Self) -> bool {
        let f = |a: f64, b: f64| a == b || (a.is_nan() && b.is_nan());
        self.code == o.code
            && self.outcome == o.outcome
            && self.winsorised_high == o.winsorised_high
            && self.winsorised_low == o.winsorised_low
            && f(self.skew, o.skew)
            && f(self.kurt, o.kurt)
            && f(self.skew_after, o.skew_after)
            && f(self.kurt_after, o.kurt_after)
    }
}

impl Treat {
    pub(crate) fn validate(&self, fw: &Framework) -> Result<()> {
        for k in self.per_indicator.keys() {
            if fw.node(k).is_none_or(|n| n.level != 1) {
                return Err(IndexError::UnknownCode {
                    context: "treat.per_indicator".into(),
                    code: k.clone(),
                });
            }
        }
        for (name, m) in std::iter::once(("treat.default".to_string(), &self.default)).chain(
            self.per_indicator
                .iter()
                .map(|(k, v)| (format!("treat.per_indicator.{k}"), v)),
        ) {
            if let TreatMethod::SkewKurt {
                skew_thresh,
                kurt_thresh,
                ..
            } = m
                && (!(*skew_thresh > 0.0) || !kurt_thresh.is_finite())
            {
                return Err(IndexError::BadSetting {
                    setting: name,
                    value: format!("skew_thresh {skew_thresh}, kurt_thresh {kurt_thresh}"),
                    expected: "a positive skewness threshold and a finite kurtosis threshold"
                        .into(),
                });
            }
        }
        Ok(())
    }

    pub(crate) fn apply(&self, ctx: &Ctx<'_>, input: Dataset) -> Result<(Dataset, StepReport)> {
        let mut out = input;
        let mut details = Vec::new();
        for (code, j) in indicator_cols(ctx.fw, &out) {
            let method = self.per_indicator.get(&code).unwrap_or(&self.default);
            let (mut x, mut d) = treat_inner(&out.columns[j], method);
            let changed = !x.0.is_empty();
            if !ctx.report {
                if changed {
                    out.columns[j] = x.0;
                }
                continue;
            }
            if !changed {
                x.0 = std::mem::take(&mut out.columns[j]);
            }
            let names = |idx: &[usize]| {
                idx.iter()
                    .map(|&i| out.units[i].clone())
                    .collect::<Vec<_>>()
            };
            d.code = code;
            d.winsorised_high = names(&x.1);
            d.winsorised_low = names(&x.2);
            out.columns[j] = x.0;
            details.push(d);
        }
        Ok((out, StepReport::Treat { details }))
    }
}

type Treated = (Vec<f64>, Vec<usize>, Vec<usize>);

/// Treats one column; returns (values, rows lowered, rows raised) and the detail without names.
pub fn treat_column(x: &[f64], method: &TreatMethod) -> (Treated, TreatDetail) {
    let (mut t, d) = treat_inner(x, method);
    if t.0.is_empty() {
        t.0 = x.to_vec();
    }
    (t, d)
}

/// As [`treat_column`], but an untouched column comes back as an empty vector (no copy).
fn treat_inner(x: &[f64], method: &TreatMethod) -> (Treated, TreatDetail) {
    let (skew, kurt) = skew_kurt(x);
    let mut detail = TreatDetail {
        code: String::new(),
        skew,
        kurt,
        outcome: TreatOutcome::NotTreated,
        winsorised_high: vec![],
        winsorised_low: vec![],
        skew_after: skew,
        kurt_after: kurt,
    };
    let untouched = (Vec::new(), vec![], vec![]);
    let result = match method {
        TreatMethod::None => untouched,
        TreatMethod::BoxCox { lambda } => {
            let (lo, _) = min_max(x);
            detail.outcome = TreatOutcome::BoxCox;
            let y = x
                .iter()
                .map(|v| {
                    let s = v - lo + 1.0;
                    if *lambda == 0.0 {
                        s.ln()
                    } else {
                        (s.powf(*lambda) - 1.0) / lambda
                    }
                })
                .collect();
            (y, vec![], vec![])
        }
        TreatMethod::SkewKurt {
            winmax,
            skew_thresh,
            kurt_thresh,
            log_fallback,
        } => {
            let rule = |(s, k): (f64, f64)| -> Option<bool> {
                // R's `|` gives TRUE if either side is TRUE even when the other is NA.
                let a = (!s.is_nan()).then_some(s.abs() < *skew_thresh);
                let b = (!k.is_nan()).then_some(k < *kurt_thresh);
                match (a, b) {
                    (Some(true), _) | (_, Some(true)) => Some(true),
                    (Some(false), Some(false)) => Some(false),
                    _ => None,
                }
            };
            match rule((skew, kurt)) {
                None => {
                    detail.outcome = TreatOutcome::NotEvaluable;
                    untouched
                }
                Some(true) => {
                    detail.outcome = TreatOutcome::Passed;
                    untouched
                }
                Some(false) => match winsorise(x, skew, *winmax, &rule) {
                    None => {
                        detail.outcome = TreatOutcome::NotEvaluable;
                        untouched
                    }
                    Some((w, true, sk)) => {
                        detail.outcome = TreatOutcome::Winsorised;
                        (detail.skew_after, detail.kurt_after) = sk;
                        return (w, detail);
                    }
                    Some((w, false, sk)) => {
                        if *log_fallback {
                            detail.outcome = TreatOutcome::LogTransformed;
                            let (lo, hi) = min_max(x);
                            (
                                x.iter().map(|v| (v - lo + 0.01 * (hi - lo)).ln()).collect(),
                                vec![],
                                vec![],
                            )
                        } else {
                            detail.outcome = TreatOutcome::WinsorisedStillFailing;
                            (detail.skew_after, detail.kurt_after) = sk;
                            return (w, detail);
                        }
                    }
                },
            }
        }
    };
    if matches!(
        detail.outcome,
        TreatOutcome::Passed | TreatOutcome::NotTreated | TreatOutcome::NotEvaluable
    ) {
        return (result, detail);
    }
    (detail.skew_after, detail.kurt_after) = skew_kurt(&result.0);
    (result, detail)
}

/// COINr's winsorisation loop, including its counter: the number of points counted against `winmax` is the
/// size of the latest high step plus the latest low step, not the running total.
/// Returns `None` when the rule stops being evaluable, else (treated, passes, final skew and kurtosis).
fn winsorise(
    x: &[f64],
    skew0: f64,
    winmax: usize,
    rule: &dyn Fn((f64, f64)) -> Option<bool>,
) -> Option<(Treated, bool, (f64, f64))> {
    let mut v = x.to_vec();
    let (mut nmax, mut nmin) = (0usize, 0usize);
    let mut passing = false;
    let mut s = skew0;
    let mut sk = (f64::NAN, f64::NAN);
    let (mut high, mut low) = (Vec::new(), Vec::new());
    let mut idx = Vec::new();
    while !passing && nmax + nmin < winmax {
        if s.is_nan() {
            return None;
        }
        let high_side = s >= 0.0;
        let (lo, hi) = min_max(&v);
        let ext = if high_side { hi } else { lo };
        idx.clear();
        let mut next = if high_side {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        };
        for (i, &a) in v.iter().enumerate() {
            if a == ext {
                idx.push(i);
            } else if !a.is_nan() {
                next = if high_side { next.max(a) } else { next.min(a) };
            }
        }
        if !next.is_finite() {
            return None;
        }
        for &i in &idx {
            v[i] = next;
        }
        let (seen, count) = if high_side {
            (&mut high, &mut nmax)
        } else {
            (&mut low, &mut nmin)
        };
        for &i in &idx {
            if !seen.contains(&i) {
                seen.push(i);
            }
        }
        *count = idx.len();
        sk = skew_kurt(&v);
        s = sk.0;
        passing = rule(sk)?;
    }
    Some(((v, high, low), passing, sk))
}
