//! Analysis of necessary conditions (Ragin 2006; Schneider & Wagemann 2012 for RoN; R QCA
//! `pof(relation = "necessity")` and `superSubset()`).

use crate::render::implicant_expression;
use crate::{QcaError, SetData};
use serde::{Deserialize, Serialize};

/// Options of the necessity analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NecessityParams {
    /// `incl.cut`: unions are reported when inclN reaches this value.
    pub incl_cut: f64,
    /// `cov.cut`: and covN reaches this value.
    pub cov_cut: f64,
    /// Largest number of literals in a union (1 = single conditions only).
    pub max_terms: usize,
}

impl Default for NecessityParams {
    fn default() -> Self {
        NecessityParams {
            incl_cut: 0.9,
            cov_cut: 0.0,
            max_terms: 2,
        }
    }
}

/// Necessity fit of one condition or union.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NecessityFit {
    /// The literal or union, e.g. `LIT` or `DEV + ~STB`.
    pub expression: String,
    /// inclN = Σmin(X,Y) / ΣY.
    pub incl: f64,
    /// Relevance of necessity RoN = Σ(1−X) / Σ(1−min(X,Y)).
    pub ron: f64,
    /// covN = Σmin(X,Y) / ΣX.
    pub cov: f64,
}

/// The result: every single literal, and the minimal unions that pass the cuts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Necessity {
    /// Options used.
    pub params: NecessityParams,
    /// Every literal of every condition, in condition order (`~X` then `X`; `X[0]`, `X[1]`…).
    pub single: Vec<NecessityFit>,
    /// Unions of literals from different conditions passing the cuts and containing no smaller
    /// passing union, by number of literals, then condition order (as R's `superSubset()`).
    pub unions: Vec<NecessityFit>,
}

/// Necessity fit of membership `x` for outcome `y`.
///
/// ```
/// let f = creacity_qca::necessity_fit("X", &[1.0, 1.0, 0.0], &[1.0, 0.0, 0.0]);
/// assert_eq!((f.incl, f.cov), (1.0, 0.5));
/// ```
pub fn necessity_fit(expression: &str, x: &[f64], y: &[f64]) -> NecessityFit {
    let (mut sx, mut sy, mut sxy, mut snx, mut snxy) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for (&a, &b) in x.iter().zip(y) {
        let m = a.min(b);
        sx += a;
        sy += b;
        sxy += m;
        snx += 1.0 - a;
        snxy += 1.0 - m;
    }
    NecessityFit {
        expression: expression.to_string(),
        incl: sxy / sy,
        ron: snx / snxy,
        cov: sxy / sx,
    }
}

/// Runs the necessity analysis.
///
/// # Errors
/// [`QcaError::InvalidParameter`] for cuts outside [0, 1] or `max_terms` of 0.
pub fn necessity(data: &SetData, params: &NecessityParams) -> Result<Necessity, QcaError> {
    for (name, v) in [("incl_cut", params.incl_cut), ("cov_cut", params.cov_cut)] {
        if !(0.0..=1.0).contains(&v) {
            return Err(QcaError::InvalidParameter {
                name,
                value: v.to_string(),
                reason: "must lie in [0, 1]".into(),
            });
        }
    }
    if params.max_terms == 0 {
        return Err(QcaError::InvalidParameter {
            name: "max_terms",
            value: "0".into(),
            reason: "must be at least 1".into(),
        });
    }
    let names: Vec<String> = data.conditions.iter().map(|c| c.name.clone()).collect();
    let k = names.len();
    let n = data.cases.len();
    let y = &data.outcome_membership;
    // literals: (condition, value, membership, expression)
    let mut literals = Vec::new();
    for (c, cond) in data.conditions.iter().enumerate() {
        let levels = cond.kind.levels();
        for v in 0..levels {
            let mut vals = vec![None; k];
            vals[c] = Some(v);
            let x: Vec<f64> = (0..n).map(|i| data.literal(c, v, i)).collect();
            literals.push((
                c,
                v,
                x,
                implicant_expression(&vals, &names, data.multi_value),
            ));
        }
    }
    let single: Vec<NecessityFit> = literals
        .iter()
        .map(|(_, _, x, e)| necessity_fit(e, x, y))
        .collect();
    let passes = |f: &NecessityFit| {
        f.incl + crate::truth_table::TOL > params.incl_cut
            && f.cov + crate::truth_table::TOL > params.cov_cut
    };
    let mut found: Vec<(Vec<usize>, NecessityFit)> = Vec::new();
    let mut combo: Vec<usize> = Vec::new();
    for size in 1..=params.max_terms.min(k) {
        combo.clear();
        combo.extend(0..size);
        if size > literals.len() {
            break;
        }
        loop {
            let distinct = combo
                .windows(2)
                .all(|w| literals[w[0]].0 != literals[w[1]].0);
            let minimal = !found
                .iter()
                .any(|(s, _)| s.iter().all(|i| combo.contains(i)));
            if distinct && minimal {
                let x: Vec<f64> = (0..n)
                    .map(|i| combo.iter().map(|&l| literals[l].2[i]).fold(0.0, f64::max))
                    .collect();
                let expr: Vec<&str> = combo.iter().map(|&l| literals[l].3.as_str()).collect();
                let f = necessity_fit(&expr.join(" + "), &x, y);
                if passes(&f) {
                    found.push((combo.clone(), f));
                }
            }
            if !crate::implicant::next_combination(&mut combo, literals.len()) {
                break;
            }
        }
    }
    // R's superSubset() order: fewer literals first, then by conditions, then by values.
    let key = |s: &Vec<usize>| {
        let conds: Vec<usize> = s.iter().map(|&l| literals[l].0).collect();
        let vals: Vec<u8> = s.iter().map(|&l| literals[l].1).collect();
        (s.len(), conds, vals)
    };
    found.sort_by_key(|(s, _)| key(s));
    let unions: Vec<NecessityFit> = found.into_iter().map(|(_, f)| f).collect();
    Ok(Necessity {
        params: params.clone(),
        single,
        unions,
    })
}
