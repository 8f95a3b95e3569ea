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
        cooc_row(&bits, words, j, row);
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
///
/// The product of the binary matrix with `R` uses the "four Russians" device: sectors are
/// taken 8 at a time, the 256 subset sums of their rows of `R` are tabulated once, and each
/// territory adds one table row per block instead of one row of `R` per specialisation. Sums
/// are therefore grouped differently from a plain loop (last-bit differences only).
pub fn relatedness_density(binary: &[u8], ncols: usize, rel: &[f64]) -> Vec<f64> {
    let n = ncols;
    let nrows = binary.len() / n;
    let mut reltot = vec![0.0f64; n];
    for row in rel.chunks_exact(n) {
        for (a, v) in reltot.iter_mut().zip(row) {
            *a += v;
        }
    }
    let nblocks = n.div_ceil(BLOCK_BITS);
    // Each territory's specialisations as one byte per block of 8 sectors.
    let codes: Vec<u8> = binary
        .par_chunks(n)
        .flat_map_iter(|row| {
            (0..nblocks).map(move |b| {
                let mut c = 0u8;
                for t in 0..BLOCK_BITS {
                    let j = b * BLOCK_BITS + t;
                    if j < n && row[j] != 0 {
                        c |= 1 << t;
                    }
                }
                c
            })
        })
        .collect();
    let ntiles = n.div_ceil(TILE_COLS);
    let tiles: Vec<Vec<f64>> = (0..ntiles)
        .into_par_iter()
        .map(|t| {
            let c0 = t * TILE_COLS;
            let c1 = (c0 + TILE_COLS).min(n);
            density_tile(&codes, nrows, nblocks, rel, n, c0, c1)
        })
        .collect();
    let mut out = vec![0.0f64; nrows * n];
    out.par_chunks_mut(n).enumerate().for_each(|(i, row)| {
        for (t, buf) in tiles.iter().enumerate() {
            let c0 = t * TILE_COLS;
            let w = (c0 + TILE_COLS).min(n) - c0;
            for (k, x) in row[c0..c0 + w].iter_mut().enumerate() {
                *x = buf[i * w + k] / reltot[c0 + k] * 100.0;
            }
        }
    });
    out
}

const BLOCK_BITS: usize = 8;
/// Columns per tile: a tile's table (256 × 64 values) stays in L2.
const TILE_COLS: usize = 64;

fn density_tile(
    codes: &[u8],
    nrows: usize,
    nblocks: usize,
    rel: &[f64],
    n: usize,
    c0: usize,
    c1: usize,
) -> Vec<f64> {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU supports AVX2 (checked just above).
        return unsafe { density_tile_avx2(codes, nrows, nblocks, rel, n, c0, c1) };
    }
    density_tile_plain(codes, nrows, nblocks, rel, n, c0, c1)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn density_tile_avx2(
    codes: &[u8],
    nrows: usize,
    nblocks: usize,
    rel: &[f64],
    n: usize,
    c0: usize,
    c1: usize,
) -> Vec<f64> {
    density_tile_plain(codes, nrows, nblocks, rel, n, c0, c1)
}

#[inline(always)]
fn density_tile_plain(
    codes: &[u8],
    nrows: usize,
    nblocks: usize,
    rel: &[f64],
    n: usize,
    c0: usize,
    c1: usize,
) -> Vec<f64> {
    let w = c1 - c0;
    let mut buf = vec![0.0f64; nrows * w];
    let mut table = vec![0.0f64; 256 * w];
    for b in 0..nblocks {
        for s in 1..256usize {
            let j = b * BLOCK_BITS + s.trailing_zeros() as usize;
            let prev = s & (s - 1);
            let (lo, hi) = table.split_at_mut(s * w);
            let dst = &mut hi[..w];
            let src = &lo[prev * w..prev * w + w];
            if j < n {
                for ((d, a), r) in dst.iter_mut().zip(src).zip(&rel[j * n + c0..j * n + c1]) {
                    *d = a + r;
                }
            } else {
                dst.copy_from_slice(src);
            }
        }
        for (i, row) in buf.chunks_exact_mut(w).enumerate() {
            let code = codes[i * nblocks + b] as usize;
            if code != 0 {
                for (x, v) in row.iter_mut().zip(&table[code * w..code * w + w]) {
                    *x += v;
                }
            }
        }
    }
    buf
}

fn cooc_row(bits: &[u64], words: usize, j: usize, row: &mut [u32]) {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("popcnt") {
        // SAFETY: the CPU has the POPCNT instruction (checked just above).
        unsafe { cooc_row_popcnt(bits, words, j, row) };
        return;
    }
    cooc_row_plain(bits, words, j, row);
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "popcnt")]
unsafe fn cooc_row_popcnt(bits: &[u64], words: usize, j: usize, row: &mut [u32]) {
    cooc_row_plain(bits, words, j, row);
}

#[inline(always)]
fn cooc_row_plain(bits: &[u64], words: usize, j: usize, row: &mut [u32]) {
    let a = &bits[j * words..(j + 1) * words];
    for (k, cell) in row.iter_mut().enumerate() {
        if k != j {
            let b = &bits[k * words..(k + 1) * words];
            *cell = a.iter().zip(b).map(|(x, y)| (x & y).count_ones()).sum();
        }
    }
}
