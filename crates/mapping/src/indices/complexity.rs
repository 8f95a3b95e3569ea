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
        // Branch-free: about half the cells are set, so a branch would mispredict often.
        for (j, &b) in r.iter().enumerate() {
            bits[j * words + i / 64] |= u64::from(b != 0) << (i % 64);
        }
    }
    let mut out = vec![0u32; ncols * ncols];
    // The matrix is symmetric: each row computes the cells right of the diagonal, then the
    // lower triangle is mirrored.
    out.par_chunks_mut(ncols).enumerate().for_each(|(j, row)| {
        cooc_row(&bits, words, j, row);
    });
    for j in 0..ncols {
        for k in 0..j {
            out[j * ncols + k] = out[k * ncols + j];
        }
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
    let mut codes = vec![0u8; nrows * nblocks];
    codes
        .par_chunks_mut(nblocks)
        .zip(binary.par_chunks(n))
        .for_each(|(c, row)| {
            for (j, &b) in row.iter().enumerate() {
                c[j / BLOCK_BITS] |= u8::from(b != 0) << (j % BLOCK_BITS);
            }
        });
    let mut out = vec![0.0f64; nrows * n];
    if nrows == 0 || n == 0 {
        return out;
    }
    // One chunk of territories per thread: each thread tabulates the subset sums for itself
    // (about a tenth of the additions) and writes its rows of the result directly.
    let chunk_rows = nrows.div_ceil(rayon::current_num_threads().max(1));
    out.par_chunks_mut(chunk_rows * n)
        .zip(codes.par_chunks(chunk_rows * nblocks))
        .for_each(|(o, c)| density_rows(c, nblocks, rel, &reltot, n, o));
    out
}

const BLOCK_BITS: usize = 8;
/// Result columns per pass: one accumulator of 8 values stays in registers.
const TILE: usize = 8;
/// Blocks tabulated together: 16 × 256 lanes of 64 bytes (256 KiB) stay in L2.
const GROUP: usize = 16;

fn density_rows(
    codes: &[u8],
    nblocks: usize,
    rel: &[f64],
    reltot: &[f64],
    n: usize,
    out: &mut [f64],
) {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU supports AVX2 (checked just above).
        return unsafe { density_rows_avx2(codes, nblocks, rel, reltot, n, out) };
    }
    density_rows_plain(codes, nblocks, rel, reltot, n, out)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn density_rows_avx2(
    codes: &[u8],
    nblocks: usize,
    rel: &[f64],
    reltot: &[f64],
    n: usize,
    out: &mut [f64],
) {
    density_rows_plain(codes, nblocks, rel, reltot, n, out)
}

#[inline(always)]
fn density_rows_plain(
    codes: &[u8],
    nblocks: usize,
    rel: &[f64],
    reltot: &[f64],
    n: usize,
    out: &mut [f64],
) {
    let nrows = out.len() / n;
    let zero = Lane([0.0; TILE]);
    // One 256-entry table per block of the group; a `u8` code indexes it without a check.
    let mut table = vec![[zero; 256]; GROUP];
    let mut acc = vec![zero; nrows];
    // R cut into tiles of TILE columns, each sector's slice one lane (zero-padded).
    let ntiles = n.div_ceil(TILE);
    let mut relt = vec![zero; ntiles * n];
    for (j, row) in rel.chunks_exact(n).enumerate() {
        for (k, &v) in row.iter().enumerate() {
            relt[(k / TILE) * n + j].0[k % TILE] = v;
        }
    }
    for tile in 0..ntiles {
        let c0 = tile * TILE;
        let w = TILE.min(n - c0);
        acc.iter_mut().for_each(|a| *a = zero);
        for g0 in (0..nblocks).step_by(GROUP) {
            let gn = GROUP.min(nblocks - g0);
            for (gb, t) in table.iter_mut().enumerate().take(gn) {
                // Doubling: the subsets that include sector `bit` are those without it plus
                // its row of R, so each entry costs one vector addition from contiguous rows.
                for bit in 0..BLOCK_BITS {
                    let j = (g0 + gb) * BLOCK_BITS + bit;
                    let r = if j < n { relt[tile * n + j] } else { zero };
                    let (lo, hi) = t.split_at_mut(1 << bit);
                    for (d, a) in hi[..1 << bit].iter_mut().zip(lo.iter()) {
                        d.set_sum(a, &r);
                    }
                }
            }
            let tables = &table[..gn];
            // Four territories at a time: four independent chains of additions keep the
            // adder busy while table rows arrive (each chain still sums in block order).
            let mut quads = acc.chunks_exact_mut(4);
            let mut i = 0;
            for q in quads.by_ref() {
                let row = |r: usize| &codes[(i + r) * nblocks + g0..(i + r) * nblocks + g0 + gn];
                let (r0, r1, r2, r3) = (row(0), row(1), row(2), row(3));
                let (mut v0, mut v1, mut v2, mut v3) = (q[0], q[1], q[2], q[3]);
                for (gb, t) in tables.iter().enumerate() {
                    v0.add(&t[r0[gb] as usize]);
                    v1.add(&t[r1[gb] as usize]);
                    v2.add(&t[r2[gb] as usize]);
                    v3.add(&t[r3[gb] as usize]);
                }
                q[0] = v0;
                q[1] = v1;
                q[2] = v2;
                q[3] = v3;
                i += 4;
            }
            for a in quads.into_remainder() {
                let row_codes = &codes[i * nblocks + g0..i * nblocks + g0 + gn];
                for (t, &code) in tables.iter().zip(row_codes) {
                    a.add(&t[code as usize]);
                }
                i += 1;
            }
        }
        for (row, a) in out.chunks_exact_mut(n).zip(&acc) {
            for ((x, v), t) in row[c0..c0 + w]
                .iter_mut()
                .zip(&a.0)
                .zip(&reltot[c0..c0 + w])
            {
                *x = v / t * 100.0;
            }
        }
    }
}

/// TILE values on one cache line, so a table lookup touches exactly one line.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Lane([f64; TILE]);

impl Lane {
    #[inline(always)]
    fn add(&mut self, o: &Lane) {
        for k in 0..TILE {
            self.0[k] += o.0[k];
        }
    }
    #[inline(always)]
    fn set_sum(&mut self, a: &Lane, b: &Lane) {
        for k in 0..TILE {
            self.0[k] = a.0[k] + b.0[k];
        }
    }
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
        for &(nr, nc) in &[(1, 1), (3, 7), (5, 9), (37, 65), (130, 130), (9, 300)] {
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
