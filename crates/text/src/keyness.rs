//! Keyness: which features a target set of documents uses more (or less) than the reference.
//!
//! For each feature the 2×2 table is `a` = its count in the target, `b` = in the reference,
//! `c` = all other tokens of the target, `d` = of the reference, `N = a + b + c + d`, and
//! `E = (a + b)(a + c) / N` the expected count of `a`. Formulas as in quanteda.textstats
//! (`textstat_keyness`, version 0.97):
//! - **chi²** = N (|ad − bc| − N·δ)² / ((a+b)(c+d)(a+c)(b+d)), with Yates' δ = ½ when
//!   |ad − bc| ≥ N/2 and some expected cell is below 5, else 0 (quanteda's "default"/"yates");
//! - **G²** = 2 Σ O ln(O/E + 10⁻⁹), divided by Williams' q = 1 + (N/(a+b) + N/(c+d) − 1)
//!   (N/(a+c) + N/(b+d) − 1) / (6N) (q = 1 when a cell is 0);
//! - **PMI** = ln(a/E + 10⁻⁹);
//! - **Fisher's exact test**: the conditional maximum-likelihood odds ratio (R's `fisher.test`
//!   estimate) and the two-sided p-value.
//!
//! chi² and G² are signed: negative when `a < E` (the target uses the feature less).
//! Their p-values are from χ² with 1 degree of freedom.

use serde::{Deserialize, Serialize};

use crate::dfm::Dfm;
use crate::error::{Result, TextError};
use crate::stats::{chisq1_sf, fisher_exact};

/// The keyness measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Keyness {
    /// chi² with Yates' correction (as quanteda's default).
    Chi2,
    /// chi² without correction.
    Chi2Uncorrected,
    /// Likelihood ratio G² with Williams' correction.
    G2,
    /// Likelihood ratio G² without correction.
    G2Uncorrected,
    /// Pointwise mutual information.
    Pmi,
    /// Fisher's exact test (statistic = conditional MLE odds ratio).
    Fisher,
}

/// One feature's keyness.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeynessRow {
    /// The feature.
    pub feature: String,
    /// The statistic (signed for chi² and G²).
    pub statistic: f64,
    /// p-value.
    pub p: f64,
    /// Count in the target.
    pub n_target: u64,
    /// Count in the reference.
    pub n_reference: u64,
}

/// The statistic and p-value of one 2×2 table.
pub fn keyness_cell(a: f64, b: f64, c: f64, d: f64, m: Keyness) -> (f64, f64) {
    let n = a + b + c + d;
    let e = (a + b) * (a + c) / n;
    let sign = if a > e { 1.0 } else { -1.0 };
    let stat = match m {
        Keyness::Chi2 | Keyness::Chi2Uncorrected => {
            let small = [
                (a + b) * (a + c),
                (a + b) * (b + d),
                (a + c) * (c + d),
                (c + d) * (b + d),
            ]
            .iter()
            .any(|x| x / n < 5.0);
            let delta = if m == Keyness::Chi2 && (a * d - b * c).abs() >= n / 2.0 && small {
                0.5
            } else {
                0.0
            };
            n * ((a * d - b * c).abs() - n * delta).powi(2)
                / ((a + b) * (c + d) * (a + c) * (b + d))
                * sign
        }
        Keyness::G2 | Keyness::G2Uncorrected => {
            const EPS: f64 = 1e-9;
            let t = |o: f64, r: f64, k: f64| o * (o / (r * k / n) + EPS).ln();
            let g = 2.0
                * (t(a, a + b, a + c)
                    + t(b, a + b, b + d)
                    + t(c, a + c, c + d)
                    + t(d, b + d, c + d))
                * sign;
            if m == Keyness::G2 && a * b * c * d != 0.0 {
                let q = 1.0
                    + (n / (a + b) + n / (c + d) - 1.0) * (n / (a + c) + n / (b + d) - 1.0)
                        / (6.0 * n);
                g / q
            } else {
                g
            }
        }
        Keyness::Pmi => (a / e + 1e-9).ln(),
        Keyness::Fisher => {
            let (or, p) = fisher_exact(a as u64, b as u64, c as u64, d as u64);
            return (or, p);
        }
    };
    (stat, chisq1_sf(stat.abs()))
}

/// Keyness of every feature of `dfm` for the documents where `target` is true against the
/// others, sorted by statistic (highest first), ties by feature.
///
/// # Errors
/// [`TextError::Mismatch`] when `target` does not have one flag per document, or selects none
/// or all of them.
pub fn keyness(dfm: &Dfm, target: &[bool], measure: Keyness) -> Result<Vec<KeynessRow>> {
    if target.len() != dfm.documents.len() {
        return Err(TextError::Mismatch(format!(
            "{} target flags for {} documents",
            target.len(),
            dfm.documents.len()
        )));
    }
    let nt = target.iter().filter(|t| **t).count();
    if nt == 0 || nt == target.len() {
        return Err(TextError::Mismatch(
            "the target must hold some but not all documents".into(),
        ));
    }
    let t = dfm.column_sums(target);
    let not: Vec<bool> = target.iter().map(|x| !x).collect();
    let r = dfm.column_sums(&not);
    let (tn, rn) = (t.iter().sum::<u64>() as f64, r.iter().sum::<u64>() as f64);
    let mut rows: Vec<KeynessRow> = (0..dfm.features.len())
        .map(|f| {
            let (a, b) = (t[f] as f64, r[f] as f64);
            let (statistic, p) = keyness_cell(a, b, tn - a, rn - b, measure);
            KeynessRow {
                feature: dfm.features[f].clone(),
                statistic,
                p,
                n_target: t[f],
                n_reference: r[f],
            }
        })
        .collect();
    rows.sort_by(|x, y| {
        y.statistic
            .total_cmp(&x.statistic)
            .then(x.feature.cmp(&y.feature))
    });
    Ok(rows)
}
