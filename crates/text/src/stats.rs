//! Small numerical helpers: log-gamma, the χ²(1) tail, the hypergeometric distribution and
//! Fisher's exact test.

/// ln Γ(x) for x > 0 (Lanczos approximation, g = 7, 9 terms; relative error below 1e-13).
pub(crate) fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection.
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut a = C[0];
    let t = x + G + 0.5;
    for (i, c) in C.iter().enumerate().skip(1) {
        a += c / (x + i as f64);
    }
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

fn ln_choose(n: u64, k: u64) -> f64 {
    ln_gamma(n as f64 + 1.0) - ln_gamma(k as f64 + 1.0) - ln_gamma((n - k) as f64 + 1.0)
}

/// Complementary error function: the Chebyshev fit of Numerical Recipes (`erfcc`), relative
/// error below 1.2e-7 everywhere.
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let r = t
        * (-z * z - 1.265_512_23
            + t * (1.000_023_68
                + t * (0.374_091_96
                    + t * (0.096_784_18
                        + t * (-0.186_288_06
                            + t * (0.278_868_07
                                + t * (-1.135_203_98
                                    + t * (1.488_515_87
                                        + t * (-0.822_152_23 + t * 0.170_872_77)))))))))
            .exp();
    if x >= 0.0 { r } else { 2.0 - r }
}

/// P(χ²₁ > x).
pub(crate) fn chisq1_sf(x: f64) -> f64 {
    if x.is_nan() {
        return f64::NAN;
    }
    erfc((x.max(0.0) / 2.0).sqrt())
}

/// Fisher's exact test on the table with first column (a, b) and second column (c, d), as R's
/// `fisher.test(matrix(c(a, b, c, d), 2))`: returns the conditional maximum-likelihood odds ratio and the
/// two-sided p-value (sum of the probabilities not above that of the observed table, with R's
/// relative tolerance 1e-7).
pub(crate) fn fisher_exact(a: u64, b: u64, c: u64, d: u64) -> (f64, f64) {
    // x = a; m = a + b (first column), n = c + d (second column), k = a + c (first row).
    let (m, n, k) = (a + b, c + d, a + c);
    let lo = k.saturating_sub(n);
    let hi = k.min(m);
    let base = ln_choose(m + n, k);
    let logd: Vec<f64> = (lo..=hi)
        .map(|x| ln_choose(m, x) + ln_choose(n, k - x) - base)
        .collect();
    let obs = logd[(a - lo) as usize];
    let p: f64 = logd
        .iter()
        .filter(|&&l| l <= obs + (1e-7f64).ln_1p())
        .map(|l| l.exp())
        .sum::<f64>()
        .min(1.0);
    let or = if a == lo {
        0.0
    } else if a == hi {
        f64::INFINITY
    } else {
        // Solve E[X | ψ] = a for ψ by bisection on ln ψ (the mean rises with ψ).
        let mean = |t: f64| {
            let w: Vec<f64> = logd
                .iter()
                .enumerate()
                .map(|(i, l)| l + t * (lo + i as u64) as f64)
                .collect();
            let mx = w.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let (mut s, mut sx) = (0.0, 0.0);
            for (i, l) in w.iter().enumerate() {
                let e = (l - mx).exp();
                s += e;
                sx += e * (lo + i as u64) as f64;
            }
            sx / s
        };
        let (mut l, mut h) = (-60.0f64, 60.0f64);
        for _ in 0..200 {
            let mid = 0.5 * (l + h);
            if mean(mid) < a as f64 {
                l = mid;
            } else {
                h = mid;
            }
        }
        (0.5 * (l + h)).exp()
    };
    (or, p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gamma_and_chisq() {
        assert!((ln_gamma(5.0) - 24f64.ln()).abs() < 1e-12);
        assert!((ln_gamma(0.5) - std::f64::consts::PI.sqrt().ln()).abs() < 1e-12);
        // qchisq(0.95, 1) = 3.841459 (R).
        assert!((chisq1_sf(3.841_459) - 0.05).abs() < 1e-6);
    }

    /// R 4.x: fisher.test(matrix(c(3, 1, 1, 3), 2)) gives p = 0.4857, odds ratio 6.408309.
    #[test]
    fn fisher_tea_tasting() {
        let (or, p) = fisher_exact(3, 1, 1, 3);
        assert!((p - 0.485_714_3).abs() < 1e-6, "{p}");
        assert!((or - 6.408_309).abs() < 1e-4, "{or}");
    }
}
