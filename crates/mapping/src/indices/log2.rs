//! Base-2 logarithm for the entropy, the same operations in scalar and vector code so that
//! every CPU gives the same bits: `x = m · 2^k` with `m` in [0.75, 1.5), then
//! `ln m = 2 atanh(s)`, `s = (m − 1)/(m + 1)`, by its series to `s²³` (`|s| ≤ 0.2`, so the
//! first term left out is below 2⁻⁶³ of the sum). Within 2.5 ulp of the C library's `log2`
//! on (0, 1] (tested); exact at powers of two.

/// `1/(2i + 1)`: the atanh series in `s²`.
pub(crate) const SERIES: [f64; 12] = [
    1.0,
    1.0 / 3.0,
    1.0 / 5.0,
    1.0 / 7.0,
    1.0 / 9.0,
    1.0 / 11.0,
    1.0 / 13.0,
    1.0 / 15.0,
    1.0 / 17.0,
    1.0 / 19.0,
    1.0 / 21.0,
    1.0 / 23.0,
];

/// `log2 x` for finite `x > 0`.
#[inline(always)]
pub(crate) fn log2(x: f64) -> f64 {
    let (x, bias) = if x < f64::MIN_POSITIVE {
        // Subnormal: scaled into the normal range exactly.
        (x * f64::from_bits((1023 + 54) << 52), -54.0)
    } else {
        (x, 0.0)
    };
    let b = x.to_bits();
    let e = ((b >> 52) & 0x7ff) as i64 - 1023;
    let m1 = f64::from_bits((b & ((1u64 << 52) - 1)) | (1023u64 << 52));
    let (m, k) = if m1 >= 1.5 {
        (m1 * 0.5, e as f64 + 1.0)
    } else {
        (m1, e as f64)
    };
    from_mantissa(m, k + bias)
}

/// `k + log2 m` for `m` in [0.75, 1.5).
#[inline(always)]
pub(crate) fn from_mantissa(m: f64, k: f64) -> f64 {
    let s = (m - 1.0) / (m + 1.0);
    let z = s * s;
    let mut p = SERIES[11];
    for c in SERIES[..11].iter().rev() {
        p = p * z + c;
    }
    k + ((2.0 * s) * p) * std::f64::consts::LOG2_E
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn within_a_few_ulp_of_the_c_library() {
        let mut st = 1u64;
        let mut worst = 0.0f64;
        for i in 0..400_000u64 {
            st = st
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let u = (st >> 11) as f64 / (1u64 << 53) as f64;
            let x = match i % 3 {
                0 => u,
                1 => 0.6 + 0.9 * u,
                _ => u * 1e-300,
            };
            if x <= 0.0 {
                continue;
            }
            let (got, want) = (log2(x), x.log2());
            let ulps = (got - want).abs() / (want.abs() * f64::EPSILON).max(f64::EPSILON);
            worst = worst.max(ulps);
        }
        assert!(worst <= 2.5, "worst error {worst} ulp");
        for k in -1074i64..=0 {
            // 2^k from its bits (`powi` loses the subnormals).
            let x = if k >= -1022 {
                f64::from_bits(((k + 1023) as u64) << 52)
            } else {
                f64::from_bits(1u64 << (k + 1074))
            };
            assert_eq!(log2(x), k as f64, "2^{k}");
        }
        assert_eq!(log2(1.0), 0.0);
        assert!((log2(5e-324) + 1074.0).abs() < 1e-12);
    }
}
