//! Calibration of raw values into set memberships (Ragin 2008, ch. 5; R QCA `calibrate()`).

use crate::{Dataset, QcaError};
use serde::{Deserialize, Serialize};

/// How the log-odds at the exclusion and inclusion anchors are fixed in the logistic direct method.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum LogOdds {
    /// Log-odds of ±3 at the anchors (Ragin's convention, membership 0.953 / 0.047).
    Three,
    /// Membership 0.95 at the inclusion anchor (R QCA's `idm = 0.95`, log-odds ±2.944).
    Inclusion95,
}

impl LogOdds {
    fn value(self) -> f64 {
        match self {
            LogOdds::Three => 3.0,
            LogOdds::Inclusion95 => (0.95f64 / 0.05).ln(),
        }
    }
}

/// One calibration rule. Anchors are exclusion `e`, crossover `c`, inclusion `i`; with `e > i`
/// the set is decreasing (more raw value, less membership).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Calibration {
    /// Direct method, logistic: `calibrate(x, thresholds = c(e, c, i), logistic = TRUE)`.
    Logistic {
        /// Exclusion anchor.
        e: f64,
        /// Crossover anchor.
        c: f64,
        /// Inclusion anchor.
        i: f64,
        /// Log-odds convention at the anchors.
        log_odds: LogOdds,
    },
    /// Direct method, piecewise linear: `calibrate(..., logistic = FALSE)`: 0 at or beyond `e`,
    /// 0.5 at `c`, 1 at or beyond `i`.
    Linear {
        /// Exclusion anchor.
        e: f64,
        /// Crossover anchor.
        c: f64,
        /// Inclusion anchor.
        i: f64,
    },
    /// Crisp or multi-value thresholds: the value is the number of thresholds at or below the raw
    /// value (`calibrate(x, type = "crisp")`, R's `findInterval`): one threshold gives 0/1,
    /// two give 0/1/2.
    Thresholds(Vec<f64>),
}

impl Calibration {
    /// Checks the anchors: three distinct anchors with the crossover strictly between the others;
    /// at least one finite threshold.
    ///
    /// # Errors
    /// [`QcaError::InvalidParameter`].
    pub fn validate(&self) -> Result<(), QcaError> {
        let bad = |reason: &str| QcaError::InvalidParameter {
            name: "calibration",
            value: format!("{self:?}"),
            reason: reason.to_string(),
        };
        match self {
            Calibration::Logistic { e, c, i, .. } | Calibration::Linear { e, c, i } => {
                if ![e, c, i].iter().all(|v| v.is_finite()) {
                    return Err(bad("anchors must be finite"));
                }
                if !((e < c && c < i) || (e > c && c > i)) {
                    return Err(bad(
                        "the crossover must lie strictly between exclusion and inclusion",
                    ));
                }
            }
            Calibration::Thresholds(t) => {
                if t.is_empty() || t.iter().any(|v| !v.is_finite()) {
                    return Err(bad("give at least one finite threshold"));
                }
            }
        }
        Ok(())
    }

    /// Calibrates one raw value.
    ///
    /// ```
    /// use creacity_qca::{Calibration, LogOdds};
    /// let dev = Calibration::Logistic { e: 400.0, c: 550.0, i: 900.0, log_odds: LogOdds::Three };
    /// // Belgium, GNP per capita 1098 (Lipset data): membership 0.99
    /// assert!((dev.apply(1098.0) - 0.99).abs() < 0.005);
    /// assert_eq!(dev.apply(550.0), 0.5);
    /// ```
    pub fn apply(&self, x: f64) -> f64 {
        match *self {
            Calibration::Logistic { e, c, i, log_odds } => {
                let odds = log_odds.value();
                let decreasing = e > i;
                let (ex, inc) = if decreasing { (i, e) } else { (e, i) };
                // R QCA: the distance to the crossover is scaled by the anchor on the same side.
                let lo = if x < c {
                    -(x - c) * odds / (ex - c)
                } else {
                    (x - c) * odds / (inc - c)
                };
                let fs = 1.0 / (1.0 + (-lo).exp());
                if decreasing { 1.0 - fs } else { fs }
            }
            Calibration::Linear { e, c, i } => {
                if e < i {
                    if x <= e {
                        0.0
                    } else if x <= c {
                        (e - x) / (e - c) / 2.0
                    } else if x <= i {
                        1.0 - (i - x) / (i - c) / 2.0
                    } else {
                        1.0
                    }
                } else if x <= i {
                    1.0
                } else if x <= c {
                    1.0 - (i - x) / (i - c) / 2.0
                } else if x <= e {
                    (e - x) / (e - c) / 2.0
                } else {
                    0.0
                }
            }
            Calibration::Thresholds(ref t) => t.iter().filter(|&&th| th <= x).count() as f64,
        }
    }

    /// Calibrates a column.
    pub fn apply_all(&self, xs: &[f64]) -> Vec<f64> {
        xs.iter().map(|&x| self.apply(x)).collect()
    }
}

/// Calibrates several columns of a table at once; other columns are copied unchanged.
///
/// # Errors
/// [`QcaError::UnknownColumn`] for a column not in the table, or an invalid calibration.
pub fn calibrate(data: &Dataset, rules: &[(String, Calibration)]) -> Result<Dataset, QcaError> {
    let mut out = data.clone();
    for (name, rule) in rules {
        rule.validate()?;
        let raw = data
            .column(name)
            .ok_or_else(|| QcaError::UnknownColumn(name.clone()))?;
        out = out.with_column(name, rule.apply_all(raw))?;
    }
    Ok(out)
}
