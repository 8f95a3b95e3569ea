//! Specialisation and concentration indices, each as the R package EconGeo (Balland) computes it.

use crate::Matrix;

/// Location quotient (EconGeo `location.quotient(mat)`, Balassa's RCA):
/// `LQ_ij = (x_ij / Σ_j x_ij) / (Σ_i x_ij / Σ_ij x_ij)`; an undefined ratio (0/0) is 0.
///
/// ```
/// use creacity_mapping::{Matrix, indices::location_quotient};
/// let m = Matrix::from_rows(&[vec![1.0, 1.0], vec![0.0, 2.0]]).unwrap();
/// // Region 1 holds half its activity in I1, the whole holds a quarter: LQ = 2.
/// assert_eq!(location_quotient(&m)[0], 2.0);
/// ```
pub fn location_quotient(m: &Matrix) -> Vec<f64> {
    let n = m.ncols();
    let total: f64 = m.values().iter().sum();
    let col_share: Vec<f64> = m.col_sums().iter().map(|c| c / total).collect();
    let mut out = Vec::with_capacity(m.values().len());
    for i in 0..m.nrows() {
        let row = m.row(i);
        let rs: f64 = row.iter().sum();
        for j in 0..n {
            let v = (row[j] / rs) / col_share[j];
            out.push(if v.is_nan() { 0.0 } else { v });
        }
    }
    out
}

/// Binary location quotient (EconGeo `location.quotient(mat, binary = TRUE)`): 1 where LQ ≥ 1
/// (an LQ of exactly 1 counts as specialised), else 0.
pub fn binary_lq(lq: &[f64]) -> Vec<u8> {
    lq.iter().map(|&v| u8::from(v >= 1.0)).collect()
}

/// Krugman specialisation index of every region (EconGeo `Krugman.index`):
/// `K_i = Σ_j |x_ij/Σ_j x_ij − Σ_i x_ij/Σ_ij x_ij|`. `None` for a region with no activity
/// (EconGeo returns `NaN`).
pub fn krugman(m: &Matrix) -> Vec<Option<f64>> {
    let total: f64 = m.values().iter().sum();
    let col_share: Vec<f64> = m.col_sums().iter().map(|c| c / total).collect();
    (0..m.nrows())
        .map(|i| {
            let row = m.row(i);
            let rs: f64 = row.iter().sum();
            (rs > 0.0).then(|| {
                row.iter()
                    .zip(&col_share)
                    .map(|(x, s)| (x / rs - s).abs())
                    .sum()
            })
        })
        .collect()
}

/// Specialisation coefficient (EconGeo `spec.coeff`): half the Krugman index, in [0, 1).
pub fn specialisation_coefficient(m: &Matrix) -> Vec<Option<f64>> {
    krugman(m).into_iter().map(|k| k.map(|k| k / 2.0)).collect()
}

/// Herfindahl index of every region (EconGeo `Herfindahl`): `Σ_j x_ij² / (Σ_j x_ij)²`.
/// `None` for a region with no activity.
pub fn herfindahl(m: &Matrix) -> Vec<Option<f64>> {
    (0..m.nrows())
        .map(|i| {
            let row = m.row(i);
            let rs: f64 = row.iter().sum();
            (rs > 0.0).then(|| row.iter().map(|x| x * x).sum::<f64>() / (rs * rs))
        })
        .collect()
}

/// Shannon entropy of every region's sector shares in bits (EconGeo `entropy`):
/// `−Σ_j p_ij log2 p_ij` with `0 · log 0 = 0`. EconGeo adds 1e-9 inside the logarithm and rounds
/// to 3 decimals; creacity returns the unrounded value, equal to EconGeo's at its 3 decimals.
/// `None` for a region with no activity.
pub fn entropy(m: &Matrix) -> Vec<Option<f64>> {
    (0..m.nrows())
        .map(|i| {
            let row = m.row(i);
            let rs: f64 = row.iter().sum();
            (rs > 0.0).then(|| {
                -row.iter()
                    .filter(|&&x| x > 0.0)
                    .map(|x| {
                        let p = x / rs;
                        p * p.log2()
                    })
                    .sum::<f64>()
            })
        })
        .collect()
}

/// Hoover index of every sector (EconGeo `Hoover.index(mat, pop)`):
/// `100 · Σ_i |x_ij/Σ_i x_ij − pop_i/Σ pop| / 2`. Without `population` every region weighs the
/// same, as EconGeo's default. EconGeo rounds to 2 decimals; creacity does not. `None` for a
/// sector with no activity.
///
/// # Panics
/// When `population` is given with a length other than the number of rows (validated earlier
/// by [`crate::indices::IndexParams`]).
pub fn hoover(m: &Matrix, population: Option<&[f64]>) -> Vec<Option<f64>> {
    let nr = m.nrows();
    let pop_share: Vec<f64> = match population {
        Some(p) => {
            assert_eq!(p.len(), nr, "population length");
            let s: f64 = p.iter().sum();
            p.iter().map(|v| v / s).collect()
        }
        None => vec![1.0 / nr as f64; nr],
    };
    let cs = m.col_sums();
    // Row-major accumulation: the same terms summed in the same order (ascending i) as a
    // column-by-column loop, without striding through memory.
    let mut acc = vec![0.0f64; m.ncols()];
    for (i, ps) in pop_share.iter().enumerate() {
        for ((a, x), c) in acc.iter_mut().zip(m.row(i)).zip(&cs) {
            *a += (x / c - ps).abs();
        }
    }
    acc.iter()
        .zip(&cs)
        .map(|(s, c)| (*c > 0.0).then(|| 100.0 * s / 2.0))
        .collect()
}
