//! Parameters of fit (Ragin 2006; R QCA `pof()`): inclusion (consistency), PRI, coverage.

use crate::SetData;
use serde::Serialize;

/// Sufficiency fit of a set X for the outcome Y.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Fit {
    /// inclS = Σmin(X,Y) / ΣX.
    pub incl: f64,
    /// PRI = (Σmin(X,Y) − Σmin(X,Y,1−Y)) / (ΣX − Σmin(X,Y,1−Y)).
    pub pri: f64,
    /// covS = Σmin(X,Y) / ΣY.
    pub cov: f64,
}

/// Sufficiency fit of membership vector `x` for outcome `y`.
///
/// ```
/// let f = creacity_qca::sufficiency(&[1.0, 1.0, 0.0], &[1.0, 0.0, 1.0]);
/// assert_eq!((f.incl, f.cov), (0.5, 0.5));
/// ```
pub fn sufficiency(x: &[f64], y: &[f64]) -> Fit {
    let (mut sx, mut sy, mut sxy, mut sxyny) = (0.0, 0.0, 0.0, 0.0);
    for (&a, &b) in x.iter().zip(y) {
        let m = a.min(b);
        sx += a;
        sy += b;
        sxy += m;
        sxyny += m.min(1.0 - b);
    }
    Fit {
        incl: sxy / sx,
        pri: (sxy - sxyny) / (sx - sxyny),
        cov: sxy / sy,
    }
}

/// Membership of every case in a conjunction (`values[c]` = `Some(v)` for literal `C[v]`).
pub fn conjunction(data: &SetData, values: &[Option<u8>]) -> Vec<f64> {
    (0..data.cases.len())
        .map(|case| {
            values
                .iter()
                .enumerate()
                .filter_map(|(c, v)| v.map(|v| data.literal(c, v, case)))
                .fold(1.0, f64::min)
        })
        .collect()
}

/// Membership in a disjunction of membership vectors.
pub fn disjunction(terms: &[Vec<f64>], ncases: usize) -> Vec<f64> {
    (0..ncases)
        .map(|i| terms.iter().map(|t| t[i]).fold(0.0, f64::max))
        .collect()
}

/// Unique coverage of term `t` among `terms`: covS of all minus covS of all but `t`.
pub fn unique_coverage(terms: &[Vec<f64>], t: usize, y: &[f64]) -> f64 {
    let n = y.len();
    let all = disjunction(terms, n);
    let others: Vec<Vec<f64>> = terms
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != t)
        .map(|(_, v)| v.clone())
        .collect();
    let rest = disjunction(&others, n);
    let sy: f64 = y.iter().sum();
    let a: f64 = all.iter().zip(y).map(|(x, y)| x.min(*y)).sum();
    let b: f64 = rest.iter().zip(y).map(|(x, y)| x.min(*y)).sum();
    (a - b) / sy
}
