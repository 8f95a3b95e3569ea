//! Reliability of coding: agreement between two codings of the same units, and internal
//! consistency of a category's items.
//!
//! - **Cohen's kappa** (Cohen 1960): κ = (p_o − p_e) / (1 − p_e), p_e from the two coders'
//!   own marginals.
//! - **Krippendorff's alpha, nominal** (Krippendorff 2011): α = 1 − (n − 1) Σ_{c≠k} o_ck /
//!   Σ_{c≠k} n_c n_k over the coincidence matrix of pairable values; units coded by fewer than
//!   two coders are left out, so missing codes are allowed.
//! - **Cronbach's alpha** (Cronbach 1951): α = k/(k − 1) (1 − Σ s²_i / s²_total) over k items
//!   (columns) and cases (rows); on 0/1 items it equals **KR-20** (Kuder & Richardson 1937).

use std::collections::BTreeMap;
use std::hash::Hash;

use serde::{Deserialize, Serialize};

use crate::error::{Result, TextError};

/// Agreement between two codings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agreement {
    /// Units coded by both.
    pub units: usize,
    /// Observed share of agreement.
    pub observed: f64,
    /// Agreement expected by chance (Cohen).
    pub expected: f64,
    /// Cohen's kappa.
    pub kappa: f64,
    /// Krippendorff's alpha (nominal).
    pub alpha: f64,
}

/// Cohen's kappa and Krippendorff's alpha between two codings of the same units (`None` =
/// not coded; kappa uses the units both coded).
///
/// # Errors
/// [`TextError::Mismatch`] when the codings differ in length or share no coded unit.
///
/// ```
/// // Krippendorff (2011), two observers, binary data: alpha = 0.095.
/// let a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0].map(Some);
/// let b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0].map(Some);
/// let r = creacity_text::agreement(&a, &b).unwrap();
/// assert!((r.alpha - 0.095).abs() < 5e-4);
/// assert!((r.kappa - 0.04 / 0.44).abs() < 1e-12);
/// ```
pub fn agreement<T: Eq + Hash + Ord + Clone>(
    a: &[Option<T>],
    b: &[Option<T>],
) -> Result<Agreement> {
    if a.len() != b.len() {
        return Err(TextError::Mismatch(format!(
            "codings of {} and {} units",
            a.len(),
            b.len()
        )));
    }
    let pairs: Vec<(&T, &T)> = a
        .iter()
        .zip(b)
        .filter_map(|(x, y)| Some((x.as_ref()?, y.as_ref()?)))
        .collect();
    let n = pairs.len();
    if n == 0 {
        return Err(TextError::Mismatch("no unit is coded by both".into()));
    }
    let nf = n as f64;
    let observed = pairs.iter().filter(|(x, y)| x == y).count() as f64 / nf;
    let mut ma: BTreeMap<&T, f64> = BTreeMap::new();
    let mut mb: BTreeMap<&T, f64> = BTreeMap::new();
    for (x, y) in &pairs {
        *ma.entry(x).or_default() += 1.0;
        *mb.entry(y).or_default() += 1.0;
    }
    let expected: f64 = ma
        .iter()
        .map(|(k, ca)| ca / nf * mb.get(k).copied().unwrap_or(0.0) / nf)
        .sum();
    let kappa = if expected >= 1.0 {
        // Both coders used one and the same value throughout: agreement is perfect but chance.
        if observed >= 1.0 { 1.0 } else { 0.0 }
    } else {
        (observed - expected) / (1.0 - expected)
    };
    // Coincidences: with two coders every pairable unit adds (x, y) and (y, x), each weight 1.
    let mut nc: BTreeMap<&T, f64> = BTreeMap::new();
    let mut disagree = 0.0;
    for (x, y) in &pairs {
        *nc.entry(x).or_default() += 1.0;
        *nc.entry(y).or_default() += 1.0;
        if x != y {
            disagree += 2.0;
        }
    }
    let total = 2.0 * nf;
    let sq: f64 = nc.values().map(|v| v * v).sum();
    let expected_pairs = total * total - sq;
    let alpha = if expected_pairs == 0.0 {
        1.0
    } else {
        1.0 - (total - 1.0) * disagree / expected_pairs
    };
    Ok(Agreement {
        units: n,
        observed,
        expected,
        kappa,
        alpha,
    })
}

/// Cronbach's alpha of `items` (rows = cases, columns = items), sample variances.
///
/// # Errors
/// [`TextError::Mismatch`] for fewer than two items or cases, or ragged rows.
///
/// ```
/// // Item variances 11/12, 2/3, 11/12 (sum 2.5); totals 3, 6, 9, 6 (variance 6):
/// // alpha = 3/2 (1 - 2.5/6) = 0.875.
/// let rows = [[1.0, 1.0, 1.0], [2.0, 2.0, 2.0], [3.0, 3.0, 3.0], [1.0, 2.0, 3.0]];
/// let a = creacity_text::cronbach_alpha(&rows.map(|r| r.to_vec())).unwrap();
/// assert!((a - 0.875).abs() < 1e-12);
/// ```
pub fn cronbach_alpha(items: &[Vec<f64>]) -> Result<f64> {
    let n = items.len();
    let k = items.first().map_or(0, Vec::len);
    if n < 2 || k < 2 {
        return Err(TextError::Mismatch(format!(
            "alpha needs at least 2 cases and 2 items, got {n} cases and {k} items"
        )));
    }
    if let Some((i, r)) = items.iter().enumerate().find(|(_, r)| r.len() != k) {
        return Err(TextError::Mismatch(format!(
            "case {} has {} items, the first has {k}",
            i + 1,
            r.len()
        )));
    }
    let var = |v: &[f64]| {
        let m = v.iter().sum::<f64>() / v.len() as f64;
        v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (v.len() as f64 - 1.0)
    };
    let item_var: f64 = (0..k)
        .map(|j| var(&items.iter().map(|r| r[j]).collect::<Vec<_>>()))
        .sum();
    let totals: Vec<f64> = items.iter().map(|r| r.iter().sum()).collect();
    let tv = var(&totals);
    if tv == 0.0 {
        return Ok(f64::NAN);
    }
    Ok(k as f64 / (k as f64 - 1.0) * (1.0 - item_var / tv))
}

/// KR-20 of 0/1 items (presence of each item in each case): Cronbach's alpha on binary data.
///
/// # Errors
/// As [`cronbach_alpha`].
pub fn kr20(items: &[Vec<bool>]) -> Result<f64> {
    let rows: Vec<Vec<f64>> = items
        .iter()
        .map(|r| r.iter().map(|&b| f64::from(u8::from(b))).collect())
        .collect();
    cronbach_alpha(&rows)
}

/// Internal consistency of one dictionary category over a corpus: each of its patterns (its
/// sub-categories' included) is an item, each document a case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Consistency {
    /// The category.
    pub category: String,
    /// Items (patterns).
    pub items: usize,
    /// Cases (documents).
    pub cases: usize,
    /// Cronbach's alpha on the counts.
    pub alpha: f64,
    /// KR-20 on presence (0/1).
    pub kr20: f64,
}

/// Cronbach's alpha and KR-20 of `category` over `docs`.
///
/// # Errors
/// Fewer than two patterns or documents; a pattern that does not compile.
pub fn category_consistency(
    docs: &[crate::TextDocument],
    category: &crate::Category,
    params: &crate::LookupParams,
) -> Result<Consistency> {
    fn collect<'a>(c: &'a crate::Category, out: &mut Vec<&'a str>) {
        out.extend(c.patterns.iter().map(String::as_str));
        for ch in &c.children {
            collect(ch, out);
        }
    }
    let mut pats = Vec::new();
    collect(category, &mut pats);
    let cats = pats
        .iter()
        .enumerate()
        .map(|(i, p)| crate::Category::leaf(format!("item{i}"), &[p]))
        .collect();
    let d = crate::Dictionary::new("items", "", cats);
    let lk = crate::Lookup::new(
        &d,
        &crate::LookupParams {
            levels: (1, 1),
            ..params.clone()
        },
    )?;
    let t = crate::count_documents(docs, &lk);
    let counts: Vec<Vec<f64>> = t
        .counts
        .iter()
        .map(|r| r.iter().map(|&c| c as f64).collect())
        .collect();
    let presence: Vec<Vec<bool>> = t
        .counts
        .iter()
        .map(|r| r.iter().map(|&c| c > 0).collect())
        .collect();
    Ok(Consistency {
        category: category.id.clone(),
        items: pats.len(),
        cases: docs.len(),
        alpha: cronbach_alpha(&counts)?,
        kr20: kr20(&presence)?,
    })
}
