//! Symmetric eigen-decomposition (cyclic Jacobi) and correlation matrices, enough for PCA.

use crate::stats::pearson;

#[allow(clippy::needless_range_loop)] // rotations index rows and columns alike
/// Eigenvalues (descending) and eigenvectors (`vectors[k]` belongs to `values[k]`) of a symmetric matrix.
pub fn sym_eigen(a: &[Vec<f64>]) -> (Vec<f64>, Vec<Vec<f64>>) {
    let n = a.len();
    let mut m: Vec<Vec<f64>> = a.to_vec();
    let mut v: Vec<Vec<f64>> = (0..n)
        .map(|i| (0..n).map(|j| if i == j { 1.0 } else { 0.0 }).collect())
        .collect();
    for _sweep in 0..100 {
        let off: f64 = (0..n)
            .flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| m[i][j] * m[i][j])
            .sum();
        if off < 1e-22 {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                if m[p][q].abs() < 1e-300 {
                    continue;
                }
                let theta = (m[q][q] - m[p][p]) / (2.0 * m[p][q]);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..n {
                    let (mkp, mkq) = (m[k][p], m[k][q]);
                    m[k][p] = c * mkp - s * mkq;
                    m[k][q] = s * mkp + c * mkq;
                }
                for k in 0..n {
                    let (mpk, mqk) = (m[p][k], m[q][k]);
                    m[p][k] = c * mpk - s * mqk;
                    m[q][k] = s * mpk + c * mqk;
                }
                for row in v.iter_mut() {
                    let (vp, vq) = (row[p], row[q]);
                    row[p] = c * vp - s * vq;
                    row[q] = s * vp + c * vq;
                }
            }
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| m[j][j].total_cmp(&m[i][i]));
    let values = order.iter().map(|&i| m[i][i]).collect();
    let vectors = order
        .iter()
        .map(|&k| {
            let mut e: Vec<f64> = (0..n).map(|i| v[i][k]).collect();
            // Sign convention: the largest component positive, so results are reproducible.
            let big = e
                .iter()
                .copied()
                .fold(0.0f64, |a, b| if b.abs() > a.abs() { b } else { a });
            if big < 0.0 {
                e.iter_mut().for_each(|x| *x = -*x);
            }
            e
        })
        .collect();
    (values, vectors)
}

/// Pearson correlation matrix of columns, over the rows complete in every column.
pub fn correlation_matrix(cols: &[&[f64]]) -> Vec<Vec<f64>> {
    let n = cols.first().map_or(0, |c| c.len());
    let rows: Vec<usize> = (0..n)
        .filter(|&i| cols.iter().all(|c| !c[i].is_nan()))
        .collect();
    let sub: Vec<Vec<f64>> = cols
        .iter()
        .map(|c| rows.iter().map(|&i| c[i]).collect())
        .collect();
    let k = sub.len();
    let mut r = vec![vec![1.0; k]; k];
    for i in 0..k {
        for j in i + 1..k {
            let v = pearson(&sub[i], &sub[j]);
            r[i][j] = v;
            r[j][i] = v;
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eigen_of_2x2() {
        // [[2,1],[1,2]] has eigenvalues 3 and 1 with vectors (1,1)/√2 and (1,−1)/√2.
        let (val, vec) = sym_eigen(&[vec![2.0, 1.0], vec![1.0, 2.0]]);
        assert!((val[0] - 3.0).abs() < 1e-12 && (val[1] - 1.0).abs() < 1e-12);
        assert!((vec[0][0] - vec[0][1]).abs() < 1e-12);
        assert!((vec[0][0] - std::f64::consts::FRAC_1_SQRT_2).abs() < 1e-12);
    }
}
