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
    /// The sums of every tile, tile-major: each tile's pass writes its own contiguous run,
    /// instead of eight values into every row of the result (a cache and TLB miss per row).
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
    density_rows_body(codes, rel, reltot, n, out, s, |c, nb, g0, t, a, first| {
        // SAFETY: this function runs only where AVX-512F is supported.
        unsafe { add_group_avx512(c, nb, g0, t, a, first) }
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

/// Territories per block of the final transposition: their rows of the result (about 300 KiB
/// at 600 sectors) stay in L2 while every tile's run is read.
const OUT_ROWS: usize = 64;

#[inline(always)]
fn density_rows_body(
    codes: &[u8],
    rel: &[f64],
    reltot: &[f64],
    n: usize,
    out: &mut [f64],
    s: &mut DensityScratch,
    add_group: impl Fn(&[u8], usize, usize, &[[Lane; 256]], &mut [Lane], bool),
) {
    let nblocks = n.div_ceil(BLOCK_BITS);
    let nrows = out.len() / n;
    let ntiles = n.div_ceil(TILE);
    assert!(codes.len() >= nrows * nblocks && rel.len() == n * n && reltot.len() == n);
    s.table.resize(GROUP, [ZERO; 256]);
    // Left as the last call left it: the first group of every tile overwrites its run.
    if s.acc.len() < ntiles * nrows {
        s.acc = vec![ZERO; ntiles * nrows];
    }
    if nrows == 0 {
        return;
    }
    for (tile, acc) in s.acc.chunks_exact_mut(nrows).take(ntiles).enumerate() {
        let c0 = tile * TILE;
        let w = TILE.min(n - c0);
        for g0 in (0..nblocks).step_by(GROUP) {
            let gn = GROUP.min(nblocks - g0);
            fill_tables(&mut s.table[..gn], rel, n, c0, w, g0);
            add_group(codes, nblocks, g0, &s.table[..gn], acc, g0 == 0);
        }
    }
    let mut inv = vec![ZERO; ntiles];
    for (k, t) in reltot.iter().enumerate() {
        inv[k / TILE].0[k % TILE] = *t;
    }
    for (r0, rows) in out.chunks_mut(OUT_ROWS * n).enumerate() {
        for (tile, t) in inv.iter().enumerate() {
            let c0 = tile * TILE;
            let w = TILE.min(n - c0);
            let run = &s.acc[tile * nrows + r0 * OUT_ROWS..];
            for (row, a) in rows.chunks_exact_mut(n).zip(run) {
                match row[c0..].first_chunk_mut::<TILE>() {
                    Some(dst) => {
                        for ((d, v), t) in dst.iter_mut().zip(&a.0).zip(&t.0) {
                            *d = v / t * 100.0;
                        }
                    }
                    None => {
                        for (k, d) in row[c0..c0 + w].iter_mut().enumerate() {
                            *d = a.0[k] / t.0[k] * 100.0;
                        }
                    }
                }
            }
        }
    }
}

/// The subset sums of the blocks `g0..g0 + tables.len()`, columns `c0..c0 + w` of `rel`.
#[inline(always)]
fn fill_tables(tables: &mut [[Lane; 256]], rel: &[f64], n: usize, c0: usize, w: usize, g0: usize) {
    for (gb, t) in tables.iter_mut().enumerate() {
        t[0] = ZERO;
        // Doubling: the subsets that include sector `bit` are those without it plus its row of
        // R, so each entry costs one vector addition.
        for bit in 0..BLOCK_BITS {
            let j = (g0 + gb) * BLOCK_BITS + bit;
            let mut r = ZERO;
            if j < n {
                let src = &rel[j * n + c0..j * n + c0 + w];
                for (d, v) in r.0.iter_mut().zip(src) {
                    *d = *v;
                }
            }
            let (lo, hi) = t.split_at_mut(1 << bit);
            for (d, a) in hi[..1 << bit].iter_mut().zip(lo.iter()) {
                d.set_sum(a, &r);
            }
        }
    }
}

/// Adds, for every territory, the table entries its codes of the group select: eight
/// territories at a time in 512-bit registers.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
unsafe fn add_group_avx512(
    codes: &[u8],
    nblocks: usize,
    g0: usize,
    tables: &[[Lane; 256]],
    acc: &mut [Lane],
    first: bool,
) {
    use std::arch::x86_64::{
        __m512d, _mm512_add_pd, _mm512_load_pd, _mm512_setzero_pd, _mm512_store_pd,
    };
    /// Territories summed together: eight independent chains of additions hide the latency
    /// of the L2 reads.
    const IL: usize = 8;
    let gn = tables.len();
    let nrows = acc.len();
    assert!(g0 + gn <= nblocks && codes.len() >= nrows * nblocks);
    let tp = tables.as_ptr().cast::<f64>();
    let ap = acc.as_mut_ptr().cast::<f64>();
    let mut i = 0;
    // SAFETY (whole loop): every code row `i + r < nrows` has `nblocks ≥ g0 + gn` bytes (the
    // assertion above), a `u8` code indexes a 256-entry table, and `Lane` is 64-byte aligned,
    // as the aligned loads and stores need.
    unsafe {
        while i + IL <= nrows {
            let mut v: [__m512d; IL] = [_mm512_setzero_pd(); IL];
            let mut p = [std::ptr::null::<u8>(); IL];
            for r in 0..IL {
                if !first {
                    v[r] = _mm512_load_pd(ap.add((i + r) * TILE));
                }
                p[r] = codes.as_ptr().add((i + r) * nblocks + g0);
            }
            for gb in 0..gn {
                let tb = tp.add(gb * 256 * TILE);
                for r in 0..IL {
                    let c = usize::from(*p[r].add(gb));
                    v[r] = _mm512_add_pd(v[r], _mm512_load_pd(tb.add(c * TILE)));
                }
            }
            for (r, x) in v.iter().enumerate() {
                _mm512_store_pd(ap.add((i + r) * TILE), *x);
            }
            i += IL;
        }
    }
    add_group_plain(
        &codes[i * nblocks..],
        nblocks,
        g0,
        tables,
        &mut acc[i..nrows],
        first,
    );
}

/// The same without intrinsics: four territories at a time.
#[inline(always)]
fn add_group_plain(
    codes: &[u8],
    nblocks: usize,
    g0: usize,
    tables: &[[Lane; 256]],
    acc: &mut [Lane],
    first: bool,
) {
    let gn = tables.len();
    if first {
        acc.iter_mut().for_each(|a| *a = ZERO);
    }
    // Four territories at a time: four independent chains of additions.
    let mut quads = acc.chunks_exact_mut(4);
    let mut rows = codes.chunks(nblocks);
    for q in quads.by_ref() {
        let mut r = [&[][..]; 4];
        for x in &mut r {
            *x = &rows.next().unwrap_or_default()[g0..g0 + gn];
        }
        let mut v = [q[0], q[1], q[2], q[3]];
        for (gb, t) in tables.iter().enumerate() {
            for k in 0..4 {
                v[k].add(&t[usize::from(r[k][gb])]);
            }
        }
        q.copy_from_slice(&v);
    }
    for a in quads.into_remainder() {
        let row = &rows.next().unwrap_or_default()[g0..g0 + gn];
        for (t, &code) in tables.iter().zip(row) {
            a.add(&t[usize::from(code)]);
        }
    }
}
