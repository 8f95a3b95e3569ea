//! Diversity, ubiquity, co-occurrence and relatedness, as the R package EconGeo computes them.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

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
        for (j, &b) in r.iter().enumerate() {
            if b != 0 {
                bits[j * words + i / 64] |= 1u64 << (i % 64);
            }
        }
    }
    let mut out = vec![0u32; ncols * ncols];
    out.par_chunks_mut(ncols).enumerate().for_each(|(j, row)| {
        let a = &bits[j * words..(j + 1) * words];
        for (k, cell) in row.iter_mut().enumerate() {
            if k != j {
                let b = &bits[k * words..(k + 1) * words];
                *cell = a.iter().zip(b).map(|(x, y)| (x & y).count_ones()).sum();
            }
        }
    });
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
    let mut s = vec![0.0f64; n];
    for (r, row) in cooc.chunks_exact(n).enumerate() {
        for (k, &c) in row.iter().enumerate() {
            if r != k {
                s[k] += f64::from(c);
            }
        }
    }
    let t: f64 = s.iter().sum();
    let mut out = vec![0.0; n * n];
    out.par_chunks_mut(n).enumerate().for_each(|(a, row)| {
        // EconGeo broadcasts Si by row (Si[a, b] = S_b) and Sj by column (Sj[a, b] = S_a).
        let sj = s[a];
        for (b, cell) in row.iter_mut().enumerate() {
            if a == b {
                continue;
            }
            let c = f64::from(cooc[a * n + b]);
            let si = s[b];
            let v = match method {
                RelatednessMethod::Prob => {
                    c / (((si / t) * (sj / (t - si)) + (sj / t) * (si / (t - sj))) * (t / 2.0))
                }
                RelatednessMethod::Association => (c / t) / ((si / t) * (sj / t)),
                RelatednessMethod::Cosine => c / (si * sj).sqrt(),
                RelatednessMethod::Jaccard => c / (si + sj - c),
            };
            *cell = if v.is_nan() { 0.0 } else { v };
        }
    });
    out
}

/// Relatedness density (EconGeo `relatedness.density(mat, relatedness)`): for region `i` and
/// sector `k`, `100 · Σ_j b_ij R_jk / Σ_j R_jk`, the share of the sectors related to `k` in which
/// `i` is specialised. EconGeo rounds to 2 decimals; creacity does not. `NaN` (JSON `null`)
/// where a sector is related to nothing, as EconGeo.
pub fn relatedness_density(binary: &[u8], ncols: usize, rel: &[f64]) -> Vec<f64> {
    let n = ncols;
    let mut reltot = vec![0.0f64; n];
    for row in rel.chunks_exact(n) {
        for (a, v) in reltot.iter_mut().zip(row) {
            *a += v;
        }
    }
    let mut out = vec![0.0f64; binary.len()];
    out.par_chunks_mut(n * TILE_ROWS)
        .zip(binary.par_chunks(n * TILE_ROWS))
        .for_each(|(o, b)| {
            density_tile(o, b, rel, n);
            for row in o.chunks_exact_mut(n) {
                for (x, t) in row.iter_mut().zip(&reltot) {
                    *x = *x / t * 100.0;
                }
            }
        });
    out
}

// Tiles of 16 territories × 128 sectors keep the output in L1 and a column band of the
// relatedness matrix in L2; each cell still sums over j in ascending order, so the result does
// not depend on the tiling or on the instruction set chosen below.
const TILE_ROWS: usize = 16;
const TILE_COLS: usize = 128;

fn density_tile(o: &mut [f64], b: &[u8], rel: &[f64], n: usize) {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU supports AVX2 (checked just above).
        unsafe { density_tile_avx2(o, b, rel, n) };
        return;
    }
    density_tile_plain(o, b, rel, n);
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn density_tile_avx2(o: &mut [f64], b: &[u8], rel: &[f64], n: usize) {
    density_tile_plain(o, b, rel, n);
}

#[inline(always)]
fn density_tile_plain(o: &mut [f64], b: &[u8], rel: &[f64], n: usize) {
    let rows = b.len() / n;
    let mut c0 = 0;
    while c0 < n {
        let c1 = (c0 + TILE_COLS).min(n);
        for j in 0..n {
            let r = &rel[j * n + c0..j * n + c1];
            for k in 0..rows {
                if b[k * n + j] != 0 {
                    for (x, v) in o[k * n + c0..k * n + c1].iter_mut().zip(r) {
                        *x += v;
                    }
                }
            }
        }
        c0 = c1;
    }
}
