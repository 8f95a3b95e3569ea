//! The product of a binary territory × sector matrix with the relatedness matrix, by the "four
//! Russians" device (Arlazarov et al. 1970): sectors are taken 8 at a time, the 256 subset sums of
//! their rows of `R` are tabulated once, and each territory adds one table entry per block of 8
//! sectors instead of one row of `R` per specialisation.
//!
//! The product streams table entries from L2 and is bound by that bandwidth, so the kernel keeps
//! every accumulator in a register, reads each table entry as one aligned cache line and lets
//! nothing else (bounds checks, spilled pointers) into the inner loop.

/// Sectors per block: one byte of specialisation bits indexes a 256-entry table.
pub(crate) const BLOCK_BITS: usize = 8;
/// Result columns per pass: one cache line of `f64`.
const TILE: usize = 8;
/// Blocks tabulated together: 16 tables of 16 KiB stay in L2 while the accumulators stay in
/// registers across them.
const GROUP: usize = 16;

/// TILE values on one cache line, so a table lookup touches exactly one line.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
pub(crate) struct Lane([f64; TILE]);

const ZERO: Lane = Lane([0.0; TILE]);

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

/// Buffers of the product, kept between calls so that a panel of months allocates them once.
#[derive(Default)]
pub(crate) struct DensityScratch {
    table: Vec<[Lane; 256]>,
    /// `R` tile-major: tile `t`, sector `j` holds `R[j][8t..8t + 8]`, so that tabulating a tile
    /// reads one contiguous run instead of one line from each of `n` rows.
    relt: Vec<Lane>,
    /// One tile's running sums, a line per territory (in L2 from one group to the next).
    acc: Vec<Lane>,
}

/// The column sums of `rel` (`n × n`, row-major): the denominators of the density.
pub(crate) fn column_totals(rel: &[f64], n: usize) -> Vec<f64> {
    let mut tot = vec![0.0f64; n];
    for row in rel.chunks_exact(n) {
        for (a, v) in tot.iter_mut().zip(row) {
            *a += v;
        }
    }
    tot
}

/// Packs each territory's binary row into one byte per block of [`BLOCK_BITS`] sectors.
pub(crate) fn pack_codes(binary: &[u8], n: usize) -> Vec<u8> {
    let nblocks = n.div_ceil(BLOCK_BITS);
    let mut codes = vec![0u8; binary.len() / n * nblocks];
    for (c, row) in codes.chunks_exact_mut(nblocks).zip(binary.chunks_exact(n)) {
        for (j, &b) in row.iter().enumerate() {
            c[j / BLOCK_BITS] |= u8::from(b != 0) << (j % BLOCK_BITS);
        }
    }
    codes
}

/// Writes `100 · (B·R)_ik / reltot_k` for the territories whose codes are given (one byte per
/// block, `nblocks` per territory) into `out` (row-major, `n` per territory).
pub(crate) fn density_rows(
    codes: &[u8],
    rel: &[f64],
    reltot: &[f64],
    n: usize,
    out: &mut [f64],
    s: &mut DensityScratch,
) {
    #[cfg(target_arch = "x86_64")]
    {
        if std::is_x86_feature_detected!("avx512f") {
            // SAFETY: the CPU supports AVX-512F (checked just above).
            return unsafe { density_rows_avx512(codes, rel, reltot, n, out, s) };
        }
        if std::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU supports AVX2 (checked just above).
            return unsafe { density_rows_avx2(codes, rel, reltot, n, out, s) };
        }
    }
    density_rows_body(codes, rel, reltot, n, out, s, add_group_plain);
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
unsafe fn density_rows_avx512(
    codes: &[u8],
    rel: &[f64],
    reltot: &[f64],
    n: usize,
    out: &mut [f64],
    s: &mut DensityScratch,
) {
    density_rows_body(codes, rel, reltot, n, out, s, |st, a, o, n| {
        // SAFETY: this function runs only where AVX-512F is supported.
        unsafe { add_group_avx512(st, a, o, n) }
    });
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn density_rows_avx2(
    codes: &[u8],
    rel: &[f64],
    reltot: &[f64],
    n: usize,
    out: &mut [f64],
    s: &mut DensityScratch,
) {
    density_rows_body(codes, rel, reltot, n, out, s, add_group_plain);
}

/// One group of blocks of one tile, as a kernel sees it.
#[derive(Clone, Copy)]
struct Step<'a> {
    codes: &'a [u8],
    nblocks: usize,
    g0: usize,
    tables: &'a [[Lane; 256]],
    /// The tile's first result column and width.
    c0: usize,
    w: usize,
    /// The tile's first group: its sums start from zero, not from the result.
    first: bool,
    /// The tile's last group: its sums are scaled into densities as they are stored.
    scale: Option<&'a Lane>,
}

#[inline(always)]
fn density_rows_body(
    codes: &[u8],
    rel: &[f64],
    reltot: &[f64],
    n: usize,
    out: &mut [f64],
    s: &mut DensityScratch,
    add_group: impl Fn(Step, &mut [Lane], &mut [f64], usize),
) {
    let nblocks = n.div_ceil(BLOCK_BITS);
    let nrows = out.len() / n;
    let ntiles = n.div_ceil(TILE);
    assert!(codes.len() >= nrows * nblocks && rel.len() == n * n && reltot.len() == n);
    if nrows == 0 {
        return;
    }
    s.table.resize(GROUP, [ZERO; 256]);
    s.relt.resize(ntiles * n, ZERO);
    // Never read before the first group of a tile writes it.
    s.acc.resize(nrows, ZERO);
    for (j, row) in rel.chunks_exact(n).enumerate() {
        let mut tiles = row.chunks_exact(TILE);
        for (tile, full) in tiles.by_ref().enumerate() {
            s.relt[tile * n + j] = Lane(full.try_into().unwrap_or([0.0; TILE]));
        }
        if !tiles.remainder().is_empty() {
            s.relt[(ntiles - 1) * n + j] = partial_lane(tiles.remainder());
        }
    }
    // 100 / total once per sector, then one multiplication per cell (the results differ
    // from a division in the last bit at most).
    let mut scale = vec![ZERO; ntiles];
    for (k, t) in reltot.iter().enumerate() {
        scale[k / TILE].0[k % TILE] = 100.0 / *t;
    }
    // A tile's sums accumulate in aligned lines; the last group scales them into the result
    // rows, so each row is written once per tile.
    for (tile, sc) in scale.iter().enumerate() {
        let relt = &s.relt[tile * n..(tile + 1) * n];
        let c0 = tile * TILE;
        for g0 in (0..nblocks).step_by(GROUP) {
            let gn = GROUP.min(nblocks - g0);
            fill_tables(&mut s.table[..gn], relt, g0);
            let step = Step {
                codes,
                nblocks,
                g0,
                tables: &s.table[..gn],
                c0,
                w: TILE.min(n - c0),
                first: g0 == 0,
                scale: (g0 + gn == nblocks).then_some(sc),
            };
            add_group(step, &mut s.acc, out, n);
        }
    }
}

/// The subset sums of the blocks `g0..g0 + tables.len()`, from one tile of `R` (`relt[j]` is
/// sector `j`'s slice).
#[inline(always)]
fn fill_tables(tables: &mut [[Lane; 256]], relt: &[Lane], g0: usize) {
    for (gb, t) in tables.iter_mut().enumerate() {
        t[0] = ZERO;
        // Doubling: the subsets that include sector `bit` are those without it plus its row of
        // R, so each entry costs one vector addition.
        for bit in 0..BLOCK_BITS {
            let r = relt
                .get((g0 + gb) * BLOCK_BITS + bit)
                .copied()
                .unwrap_or(ZERO);
            let (lo, hi) = t.split_at_mut(1 << bit);
            for (d, a) in hi[..1 << bit].iter_mut().zip(lo.iter()) {
                d.set_sum(a, &r);
            }
        }
    }
}

/// The last, narrower tile's slice of a row, zero-padded. Kept out of line: inlined, the
/// compiler merges it with the whole-tile move into one variable-length `memcpy` call.
#[cold]
#[inline(never)]
fn partial_lane(src: &[f64]) -> Lane {
    let mut r = ZERO;
    r.0[..src.len()].copy_from_slice(src);
    r
}

/// Adds, for every territory, the table entries its codes of the group select to its eight
/// values of the result: eight territories at a time in 512-bit registers.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
unsafe fn add_group_avx512(st: Step, acc: &mut [Lane], out: &mut [f64], n: usize) {
    use std::arch::x86_64::{
        __m512d, _MM_HINT_T0, _mm_prefetch, _mm512_add_pd, _mm512_load_pd, _mm512_loadu_pd,
        _mm512_mask_storeu_pd, _mm512_mul_pd, _mm512_setzero_pd, _mm512_store_pd,
    };
    /// Territories summed together: eight independent chains of additions hide the latency
    /// of the L2 reads.
    const IL: usize = 8;
    let gn = st.tables.len();
    let nrows = out.len() / n;
    assert!(
        st.g0 + gn <= st.nblocks
            && st.codes.len() >= nrows * st.nblocks
            && st.c0 + st.w <= n
            && st.w <= TILE
            && acc.len() >= nrows
    );
    let m: u8 = if st.w == TILE {
        0xff
    } else {
        (1u8 << st.w) - 1
    };
    let tp = st.tables.as_ptr().cast::<f64>();
    let op = out.as_mut_ptr();
    let ap = acc.as_mut_ptr().cast::<f64>();
    let mut i = 0;
    // SAFETY (whole block): every code row `i + r < nrows` has `nblocks ≥ g0 + gn` bytes, a
    // `u8` code indexes a 256-entry table of 64-byte aligned `Lane`s, and the masked loads and
    // stores touch only columns c0..c0 + w of rows below `nrows` (the assertion above).
    unsafe {
        while i + IL <= nrows {
            let mut v: [__m512d; IL] = [_mm512_setzero_pd(); IL];
            let mut p = [std::ptr::null::<u8>(); IL];
            for r in 0..IL {
                if !st.first {
                    v[r] = _mm512_load_pd(ap.add((i + r) * TILE));
                }
                p[r] = st.codes.as_ptr().add((i + r) * st.nblocks + st.g0);
            }
            if st.scale.is_some() && i + 2 * IL <= nrows {
                // The result lines of the next block, fetched while this one sums: they are
                // cold, and a store that waits for its line stalls the loop.
                for r in IL..2 * IL {
                    let row = op.add((i + r) * n + st.c0).cast::<i8>();
                    _mm_prefetch::<_MM_HINT_T0>(row);
                    _mm_prefetch::<_MM_HINT_T0>(row.add(8 * TILE - 1));
                }
            }
            for gb in 0..gn {
                let tb = tp.add(gb * 256 * TILE);
                for r in 0..IL {
                    let c = usize::from(*p[r].add(gb));
                    v[r] = _mm512_add_pd(v[r], _mm512_load_pd(tb.add(c * TILE)));
                }
            }
            if let Some(sc) = st.scale {
                let sc = _mm512_loadu_pd(sc.0.as_ptr());
                for (r, x) in v.iter().enumerate() {
                    _mm512_mask_storeu_pd(op.add((i + r) * n + st.c0), m, _mm512_mul_pd(*x, sc));
                }
            } else {
                for (r, x) in v.iter().enumerate() {
                    _mm512_store_pd(ap.add((i + r) * TILE), *x);
                }
            }
            i += IL;
        }
    }
    let rest = Step {
        codes: &st.codes[i * st.nblocks..],
        ..st
    };
    add_group_plain(rest, &mut acc[i..], &mut out[i * n..], n);
}

/// The same without intrinsics, one territory at a time.
#[inline(always)]
fn add_group_plain(st: Step, acc: &mut [Lane], out: &mut [f64], n: usize) {
    let (g0, gn) = (st.g0, st.tables.len());
    let rows = out.chunks_exact_mut(n).zip(st.codes.chunks(st.nblocks));
    for ((row, codes), a) in rows.zip(acc) {
        let mut v = if st.first { ZERO } else { *a };
        for (t, &code) in st.tables.iter().zip(&codes[g0..g0 + gn]) {
            v.add(&t[usize::from(code)]);
        }
        match st.scale {
            Some(sc) => {
                for ((d, x), k) in row[st.c0..st.c0 + st.w].iter_mut().zip(&v.0).zip(&sc.0) {
                    *d = x * k;
                }
            }
            None => *a = v,
        }
    }
}
