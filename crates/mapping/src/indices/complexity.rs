//! Diversity, ubiquity, co-occurrence and relatedness, as the R package EconGeo computes them.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::density::{self, BLOCK_BITS};
use super::engine::density_parallel;

/// Diversity of every region (EconGeo `diversity(mat, RCA = TRUE)`): the number of sectors in
/// which the region has a binary LQ of 1. `binary` is row-major `nrows × ncols`.
pub fn diversity(binary: &[u8], ncols: usize) -> Vec<u32> {
    binary
        .chunks_exact(ncols)
        .map(|r| r.iter().map(|&b| u32::from(b)).sum())
        .collect()
}

/// Ubiquity of every sector (EconGeo `ubiquity(mat, RCA = TRUE)`): the number of regions with
/// a binary LQ of 1 in it.
pub fn ubiquity(binary: &[u8], ncols: usize) -> Vec<u32> {
    let mut u = vec![0u32; ncols];
    for r in binary.chunks_exact(ncols) {
        for (a, &b) in u.iter_mut().zip(r) {
            *a += u32::from(b);
        }
    }
    u
}

/// Sector × sector co-occurrence (EconGeo `co.occurrence(t(mat))` on the binary region × sector
/// matrix): `C_jk = Σ_i b_ij b_ik`, the number of regions specialised in both `j` and `k`, with
/// a zero diagonal (EconGeo's default `diagonal = FALSE`). Row-major `ncols × ncols`.
///
/// ```
/// use creacity_mapping::indices::co_occurrence;
/// // Two regions: R1 specialised in I1 and I2, R2 in I2 and I3.
/// let b = [1, 1, 0, 0, 1, 1];
/// let c = co_occurrence(&b, 3);
/// assert_eq!(c, vec![0, 1, 0, 1, 0, 1, 0, 1, 0]);
/// ```
pub fn co_occurrence(binary: &[u8], ncols: usize) -> Vec<u32> {
    let nrows = binary.len() / ncols;
    let words = nrows.div_ceil(64);
    // Each sector as a bit set over regions: the count is then a popcount of an AND.
    let mut bits = vec![0u64; ncols * words];
    for (i, r) in binary.chunks_exact(ncols).enumerate() {
        // Branch-free: about half the cells are set, so a branch would mispredict often.
        for (j, &b) in r.iter().enumerate() {
            bits[j * words + i / 64] |= u64::from(b != 0) << (i % 64);
        }
    }
    cooc_from_bits(&bits, words, ncols, true, Vec::new())
}

/// Co-occurrence counts from each sector's bit set over regions (`words` `u64` per sector):
/// the upper triangle counted, the lower one mirrored, the diagonal zero.
pub(super) fn cooc_from_bits(
    bits: &[u64],
    words: usize,
    n: usize,
    parallel: bool,
    mut out: Vec<u32>,
) -> Vec<u32> {
    // Every cell is written below, so a reused buffer keeps its old values until then.
    out.resize(n * n, 0);
    if parallel {
        out.par_chunks_mut(n)
            .enumerate()
            .for_each(|(j, row)| cooc_row(bits, words, j, row));
    } else {
        for (j, row) in out.chunks_mut(n).enumerate() {
            cooc_row(bits, words, j, row);
        }
    }
    for j in 0..n {
        for k in 0..j {
            out[j * n + k] = out[k * n + j];
        }
        out[j * n + j] = 0;
    }
    out
}

/// How co-occurrences are normalised into relatedness (EconGeo `relatedness(mat, method)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RelatednessMethod {
    /// EconGeo's default `"prob"`: co-occurrence over its expected value when sectors are drawn
    /// by their totals, `C_jk / ((S_k/T · S_j/(T−S_k) + S_j/T · S_k/(T−S_j)) · T/2)`.
    #[default]
    Prob,
    /// `"association"`: `(C_jk/T) / ((S_j/T)(S_k/T))`.
    Association,
    /// `"cosine"`: `C_jk / √(S_j S_k)`.
    Cosine,
    /// `"jaccard"`: `C_jk / (S_j + S_k − C_jk)`.
    Jaccard,
}

/// Relatedness between sectors from a co-occurrence matrix (EconGeo `relatedness`). `S_j` are
/// the column sums of the co-occurrence matrix with its diagonal zeroed and `T` their total;
/// undefined ratios (0/0) are 0 and the diagonal is 0, as in EconGeo.
pub fn relatedness(cooc: &[u32], n: usize, method: RelatednessMethod) -> Vec<f64> {
    let mut out = Vec::new();
    relatedness_into(cooc, n, method, &mut out);
    out
}

/// [`relatedness`] into a buffer that may be reused (every cell is written).
pub(super) fn relatedness_into(
    cooc: &[u32],
    n: usize,
    method: RelatednessMethod,
    out: &mut Vec<f64>,
) {
    // Column sums without the diagonal; counts are integers, so the order of the additions
    // (and the subtraction of the diagonal afterwards) changes nothing.
    let mut s = vec![0.0f64; n];
    for row in cooc.chunks_exact(n) {
        for (a, &c) in s.iter_mut().zip(row) {
            *a += f64::from(c);
        }
    }
    for (k, a) in s.iter_mut().enumerate() {
        *a -= f64::from(cooc[k * n + k]);
    }
    let t: f64 = s.iter().sum();
    out.resize(n * n, 0.0);
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx512f") {
        // SAFETY: the CPU supports AVX-512F (checked just above).
        unsafe { relatedness_upper_avx512(cooc, &s, t, method, out) };
        return mirror(out, n);
    }
    relatedness_upper(cooc, &s, t, method, out);
    mirror(out, n);
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
unsafe fn relatedness_upper_avx512(
    cooc: &[u32],
    s: &[f64],
    t: f64,
    method: RelatednessMethod,
    out: &mut [f64],
) {
    relatedness_upper(cooc, s, t, method, out);
}

/// The cells right of the diagonal, row by row: contiguous loops without branches, which the
/// compiler turns into vector divisions. The formulas are symmetric in (a, b) also in floating
/// point (the two terms of "prob" swap places in a sum, the others swap factors), so the lower
/// triangle is then mirrored.
#[inline(always)]
fn relatedness_upper(cooc: &[u32], s: &[f64], t: f64, method: RelatednessMethod, out: &mut [f64]) {
    let n = s.len();
    for a in 0..n {
        // EconGeo broadcasts Si by row (Si[a, b] = S_b) and Sj by column (Sj[a, b] = S_a).
        let sj = s[a];
        let row = &mut out[a * n + a + 1..(a + 1) * n];
        let cs = &cooc[a * n + a + 1..(a + 1) * n];
        let si = &s[a + 1..];
        let cells = row.iter_mut().zip(cs).zip(si);
        match method {
            RelatednessMethod::Prob => {
                for ((o, &c), &si) in cells {
                    let c = f64::from(c);
                    let v =
                        c / (((si / t) * (sj / (t - si)) + (sj / t) * (si / (t - sj))) * (t / 2.0));
                    *o = if v.is_nan() { 0.0 } else { v };
                }
            }
            RelatednessMethod::Association => {
                for ((o, &c), &si) in cells {
                    let v = (f64::from(c) / t) / ((si / t) * (sj / t));
                    *o = if v.is_nan() { 0.0 } else { v };
                }
            }
            RelatednessMethod::Cosine => {
                for ((o, &c), &si) in cells {
                    let v = f64::from(c) / (si * sj).sqrt();
                    *o = if v.is_nan() { 0.0 } else { v };
                }
            }
            RelatednessMethod::Jaccard => {
                for ((o, &c), &si) in cells {
                    let c = f64::from(c);
                    let v = c / (si + sj - c);
                    *o = if v.is_nan() { 0.0 } else { v };
                }
            }
        }
    }
}

/// Copies the upper triangle onto the lower one and zeroes the diagonal, as EconGeo's.
fn mirror(out: &mut [f64], n: usize) {
    for a in 0..n {
        for b in 0..a {
            out[a * n + b] = out[b * n + a];
        }
        out[a * n + a] = 0.0;
    }
}

/// Relatedness density (EconGeo `relatedness.density(mat, relatedness)`): for region `i` and
/// sector `k`, `100 · Σ_j b_ij R_jk / Σ_j R_jk`, the share of the sectors related to `k` in which
/// `i` is specialised. EconGeo rounds to 2 decimals; creacity does not. `NaN` (JSON `null`)
/// where a sector is related to nothing, as EconGeo.
///
/// The product of the binary matrix with `R` uses the "four Russians" device (see
/// `density.rs`): sums are grouped by blocks of 8 sectors, so they can differ from a plain loop
/// in the last bits.
pub fn relatedness_density(binary: &[u8], ncols: usize, rel: &[f64]) -> Vec<f64> {
    let n = ncols;
    let reltot = density::column_totals(rel, n);
    let codes = density::pack_codes(binary, n);
    let mut out = vec![0.0f64; binary.len() / n * n];
    density_parallel(&codes, n.div_ceil(BLOCK_BITS), rel, &reltot, n, &mut out);
    out
}

fn cooc_row(bits: &[u64], words: usize, j: usize, row: &mut [u32]) {
    #[cfg(target_arch = "x86_64")]
    {
        if std::is_x86_feature_detected!("avx512f")
            && std::is_x86_feature_detected!("avx512vpopcntdq")
        {
            // SAFETY: the CPU has AVX-512F and VPOPCNTDQ (checked just above).
            return unsafe { cooc_row_avx512(bits, words, j, row) };
        }
        if std::is_x86_feature_detected!("popcnt") {
            // SAFETY: the CPU has the POPCNT instruction (checked just above).
            return unsafe { cooc_row_popcnt(bits, words, j, row) };
        }
    }
    cooc_row_plain(bits, words, j, row);
}

/// Eight sectors `k` against sector `j` at a time: `j`'s words are loaded once for the eight,
/// eight words are counted by one `vpopcntq`, and the eight sums stay in registers until the
/// end (one horizontal sum per cell instead of a reduction per pair of vectors).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512vpopcntdq")]
unsafe fn cooc_row_avx512(bits: &[u64], words: usize, j: usize, row: &mut [u32]) {
    use std::arch::x86_64::{
        __m512i, _mm512_add_epi64, _mm512_and_si512, _mm512_loadu_epi64, _mm512_maskz_loadu_epi64,
        _mm512_popcnt_epi64, _mm512_reduce_add_epi64, _mm512_setzero_si512,
    };
    let n = row.len();
    assert!(bits.len() >= n * words && j < n);
    let full = words / 8;
    let tail = words % 8;
    let tail_mask: u8 = ((1u16 << tail) - 1) as u8;
    let a = bits[j * words..].as_ptr();
    let mut k = j + 1;
    // SAFETY (whole block): rows j and k..k + 8 are below n, each `words` long (the assertion
    // above); the tail's masked loads read only its `tail` words.
    unsafe {
        while k + 8 <= n {
            let mut acc: [__m512i; 8] = [_mm512_setzero_si512(); 8];
            for v in 0..full {
                let av = _mm512_loadu_epi64(a.add(v * 8).cast());
                for (r, x) in acc.iter_mut().enumerate() {
                    let b = _mm512_loadu_epi64(bits.as_ptr().add((k + r) * words + v * 8).cast());
                    *x = _mm512_add_epi64(*x, _mm512_popcnt_epi64(_mm512_and_si512(av, b)));
                }
            }
            if tail > 0 {
                let av = _mm512_maskz_loadu_epi64(tail_mask, a.add(full * 8).cast());
                for (r, x) in acc.iter_mut().enumerate() {
                    let p = bits.as_ptr().add((k + r) * words + full * 8);
                    let b = _mm512_maskz_loadu_epi64(tail_mask, p.cast());
                    *x = _mm512_add_epi64(*x, _mm512_popcnt_epi64(_mm512_and_si512(av, b)));
                }
            }
            for (r, x) in acc.iter().enumerate() {
                row[k + r] = _mm512_reduce_add_epi64(*x) as u32;
            }
            k += 8;
        }
    }
    let a = &bits[j * words..(j + 1) * words];
    for (k, cell) in row.iter_mut().enumerate().skip(k) {
        let b = &bits[k * words..(k + 1) * words];
        *cell = a.iter().zip(b).map(|(x, y)| (x & y).count_ones()).sum();
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "popcnt")]
unsafe fn cooc_row_popcnt(bits: &[u64], words: usize, j: usize, row: &mut [u32]) {
    cooc_row_plain(bits, words, j, row);
}

#[inline(always)]
fn cooc_row_plain(bits: &[u64], words: usize, j: usize, row: &mut [u32]) {
    let a = &bits[j * words..(j + 1) * words];
    for (k, cell) in row.iter_mut().enumerate().skip(j + 1) {
        let b = &bits[k * words..(k + 1) * words];
        *cell = a.iter().zip(b).map(|(x, y)| (x & y).count_ones()).sum();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Deterministic pseudo-random bits and weights (SplitMix64), so shapes that cross every
    /// tile, group and four-row boundary can be checked against the plain definitions.
    fn splitmix(state: &mut u64) -> u64 {
        *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = *state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    #[test]
    fn fast_products_equal_the_plain_definitions() {
        let mut st = 7u64;
        for &(nr, nc) in &[
            (1, 1),
            (3, 7),
            (5, 9),
            (37, 65),
            (130, 130),
            (9, 300),
            (700, 20),
            (1100, 11),
        ] {
            let b: Vec<u8> = (0..nr * nc)
                .map(|_| u8::from(splitmix(&mut st) % 5 < 2))
                .collect();
            let c = co_occurrence(&b, nc);
            for j in 0..nc {
                for k in 0..nc {
                    let want: u32 = if j == k {
                        0
                    } else {
                        (0..nr)
                            .map(|i| u32::from(b[i * nc + j] & b[i * nc + k]))
                            .sum()
                    };
                    assert_eq!(c[j * nc + k], want, "co-occurrence {nr}×{nc} at ({j},{k})");
                }
            }
            let rel: Vec<f64> = (0..nc * nc)
                .map(|_| (splitmix(&mut st) % 1000) as f64 / 37.0)
                .collect();
            let d = relatedness_density(&b, nc, &rel);
            for i in 0..nr {
                for k in 0..nc {
                    let num: f64 = (0..nc)
                        .map(|j| f64::from(b[i * nc + j]) * rel[j * nc + k])
                        .sum();
                    let den: f64 = (0..nc).map(|j| rel[j * nc + k]).sum();
                    let want = num / den * 100.0;
                    let got = d[i * nc + k];
                    assert!(
                        (got - want).abs() <= 1e-12 * want.abs().max(1.0),
                        "density {nr}×{nc} at ({i},{k}): {got} vs {want}"
                    );
                }
            }
        }
    }
}
