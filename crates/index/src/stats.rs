//! Small statistics on slices with `NaN` as missing.

/// Values that are not missing.
pub fn present(x: &[f64]) -> Vec<f64> {
    x.iter().copied().filter(|v| !v.is_nan()).collect()
}

/// Arithmetic mean of the present values (`NaN` when none).
pub fn mean(x: &[f64]) -> f64 {
    let (s, n) = x
        .iter()
        .filter(|v| !v.is_nan())
        .fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    if n == 0 { f64::NAN } else { s / n as f64 }
}

/// Median of the present values (`NaN` when none), by selection rather than a full sort.
pub fn median(x: &[f64]) -> f64 {
    let mut v = present(x);
    let n = v.len();
    if n == 0 {
        return f64::NAN;
    }
    let (lower, mid, _) = v.select_nth_unstable_by(n / 2, f64::total_cmp);
    let mid = *mid;
    if n % 2 == 1 {
        mid
    } else {
        0.5 * (lower.iter().copied().fold(f64::NEG_INFINITY, f64::max) + mid)
    }
}

/// Sample standard deviation (denominator n − 1).
pub fn sd(x: &[f64]) -> f64 {
    let v = present(x);
    let n = v.len();
    if n < 2 {
        return f64::NAN;
    }
    let m = v.iter().sum::<f64>() / n as f64;
    (v.iter().map(|a| (a - m) * (a - m)).sum::<f64>() / (n - 1) as f64).sqrt()
}

/// Minimum and maximum of the present values.
pub fn min_max(x: &[f64]) -> (f64, f64) {
    x.iter()
        .filter(|v| !v.is_nan())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        })
}

/// Count, mean, and the 2nd, 3rd and 4th central sums of the present values, without allocating.
fn moments(x: &[f64]) -> (f64, f64, f64, f64) {
    let (mut n, mut s) = (0usize, 0.0);
    for v in x.iter().filter(|v| !v.is_nan()) {
        n += 1;
        s += v;
    }
    let m = s / n as f64;
    let (mut s2, mut s3, mut s4) = (0.0, 0.0, 0.0);
    for v in x.iter().filter(|v| !v.is_nan()) {
        let d = v - m;
        let d2 = d * d;
        s2 += d2;
        s3 += d2 * d;
        s4 += d2 * d2;
    }
    (n as f64, s2, s3, s4)
}

/// Sample-adjusted skewness and excess kurtosis (e1071 type 2, Excel `SKEW` and `KURT`); `NaN` with
/// fewer than 3 (skewness) or 4 (kurtosis) values.
pub fn skew_kurt(x: &[f64]) -> (f64, f64) {
    let m = moments(x);
    (skew_of(m), kurt_of(m))
}

fn skew_of((n, s2, s3, _): (f64, f64, f64, f64)) -> f64 {
    if n < 3.0 {
        return f64::NAN;
    }
    let g = n.sqrt() * s3 / s2.powf(1.5);
    g * (n * (n - 1.0)).sqrt() / (n - 2.0)
}

fn kurt_of((n, s2, _, s4): (f64, f64, f64, f64)) -> f64 {
    if n < 4.0 {
        return f64::NAN;
    }
    let r = n * s4 / (s2 * s2);
    ((n + 1.0) * (r - 3.0) + 6.0) * (n - 1.0) / ((n - 2.0) * (n - 3.0))
}

/// Ranks with ties sharing the lowest rank (R `ties.method = "min"`); missing stay `NaN`.
/// `descending` ranks the highest value 1.
pub fn rank_min(x: &[f64], descending: bool) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..x.len()).filter(|&i| !x[i].is_nan()).collect();
    if descending {
        idx.sort_by(|&a, &b| x[b].total_cmp(&x[a]));
    } else {
        idx.sort_by(|&a, &b| x[a].total_cmp(&x[b]));
    }
    let mut out = vec![f64::NAN; x.len()];
    let mut k = 0;
    while k < idx.len() {
        let mut e = k;
        while e + 1 < idx.len() && x[idx[e + 1]] == x[idx[k]] {
            e += 1;
        }
        for &i in &idx[k..=e] {
            out[i] = (k + 1) as f64;
        }
        k = e + 1;
    }
    out
}

/// Quantile of sorted values by linear interpolation (R type 7).
pub fn quantile_sorted(v: &[f64], p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    let h = (v.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    v[lo] + (h - lo as f64) * (v[hi] - v[lo])
}

/// Pearson correlation over the pairs where both are present.
pub fn pearson(a: &[f64], b: &[f64]) -> f64 {
    let pairs: Vec<(f64, f64)> = a
        .iter()
        .zip(b)
        .filter(|(x, y)| !x.is_nan() && !y.is_nan())
        .map(|(x, y)| (*x, *y))
        .collect();
    let n = pairs.len() as f64;
    if pairs.len() < 2 {
        return f64::NAN;
    }
    let (ma, mb) = (
        pairs.iter().map(|p| p.0).sum::<f64>() / n,
        pairs.iter().map(|p| p.1).sum::<f64>() / n,
    );
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for (x, y) in &pairs {
        sab += (x - ma) * (y - mb);
        saa += (x - ma) * (x - ma);
        sbb += (y - mb) * (y - mb);
    }
    sab / (saa * sbb).sqrt()
}

/// Spearman rank correlation (Pearson on average-free "min" ranks of the complete pairs).
pub fn spearman(a: &[f64], b: &[f64]) -> f64 {
    let keep: Vec<usize> = (0..a.len())
        .filter(|&i| !a[i].is_nan() && !b[i].is_nan())
        .collect();
    let aa: Vec<f64> = keep.iter().map(|&i| a[i]).collect();
    let bb: Vec<f64> = keep.iter().map(|&i| b[i]).collect();
    pearson(&rank_avg(&aa), &rank_avg(&bb))
}

/// Ranks with ties averaged (ascending).
pub fn rank_avg(x: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..x.len()).collect();
    idx.sort_by(|&a, &b| x[a].total_cmp(&x[b]));
    let mut out = vec![0.0; x.len()];
    let mut k = 0;
    while k < idx.len() {
        let mut e = k;
        while e + 1 < idx.len() && x[idx[e + 1]] == x[idx[k]] {
            e += 1;
        }
        let r = (k + e) as f64 / 2.0 + 1.0;
        for &i in &idx[k..=e] {
            out[i] = r;
        }
        k = e + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skew_kurt_match_excel() {
        // Excel: SKEW(1,2,3,10) = 1.763632615, KURT(1,2,3,10) = 3.228
        let x = [1.0, 2.0, 3.0, 10.0];
        let (s, k) = skew_kurt(&x);
        assert!((s - 1.763_632_615).abs() < 1e-8);
        assert!((k - 3.228).abs() < 1e-9);
    }

    #[test]
    fn ranks_min_ties() {
        assert_eq!(
            rank_min(&[3.0, 1.0, 3.0, 2.0], true),
            vec![1.0, 4.0, 1.0, 3.0]
        );
        assert_eq!(quantile_sorted(&[1.0, 2.0, 3.0, 4.0], 0.05), 1.15);
    }
}
