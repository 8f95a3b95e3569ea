//! The whole catalogue of one matrix in two passes over its values: the first takes the row and
//! column sums, the second everything that is read cell by cell (location quotients, the binary
//! matrix and its packed forms, Krugman, Herfindahl, entropy, Hoover, diversity, ubiquity).
//! Co-occurrence, relatedness and density then work on the packed binary matrix.
//!
//! Rows are cut into tasks of [`ROWS_PER_TASK`]; the same cut is used on one thread and on many,
//! and partial column sums are added in task order, so [`IndexEngine::compute`] and
//! [`super::compute_indices`] give the same bits on any number of threads.

use rayon::prelude::*;

use super::density::{self, BLOCK_BITS, DensityScratch};
use super::{IndexParams, IndexReport, complexity, log2};
use crate::Matrix;

/// Rows per task: a multiple of 64, so that each task owns whole words of the sectors' bit sets.
const ROWS_PER_TASK: usize = 256;
/// Values handled together in the cell pass: one vector of `f64`, one byte of binary LQ.
const W: usize = BLOCK_BITS;

/// Computes the indices of many matrices one after another on the calling thread, keeping its
/// buffers between them: for panels, where months are spread over threads with one engine each.
///
/// ```
/// use creacity_mapping::{Matrix, indices::{IndexEngine, IndexParams, compute_indices}};
/// let months = [
///     Matrix::from_rows(&[vec![3.0, 1.0], vec![1.0, 3.0]]).unwrap(),
///     Matrix::from_rows(&[vec![1.0, 1.0], vec![0.0, 2.0]]).unwrap(),
/// ];
/// let p = IndexParams::builder().build(&months[0]).unwrap();
/// let mut engine = IndexEngine::new();
/// let krugman: Vec<Option<f64>> = months
///     .iter()
///     .map(|m| engine.compute(m, &p).by_territory[0].krugman)
///     .collect();
/// assert_eq!(krugman, [Some(0.5), Some(0.5)]);
/// // The same bits as the multi-threaded entry point.
/// let (one, many) = (engine.compute(&months[1], &p), compute_indices(&months[1], &p));
/// assert_eq!(one.by_territory, many.by_territory);
/// assert_eq!(one.location_quotient, many.location_quotient);
/// ```
#[derive(Default)]
pub struct IndexEngine {
    density: DensityScratch,
}

impl IndexEngine {
    /// An engine with empty buffers.
    pub fn new() -> Self {
        Self::default()
    }

    /// Every index of the catalogue on `m`, on the calling thread.
    pub fn compute(&mut self, m: &Matrix, params: &IndexParams) -> IndexReport {
        let c = passes(
            m,
            params,
            false,
            Some(&mut self.density),
            Buffers::default(),
        );
        super::assemble(m, params, c)
    }

    /// As [`IndexEngine::compute`], written over `report` (the result of an earlier call, or
    /// of [`super::compute_indices`]): its buffers are reused, so a panel of months of the same
    /// shape allocates and clears its 30-odd MB of results once, not once a month. Every value
    /// of `report` is replaced.
    pub fn compute_into(&mut self, m: &Matrix, params: &IndexParams, report: &mut IndexReport) {
        let bufs = Buffers {
            lq: std::mem::take(&mut report.location_quotient),
            binary: std::mem::take(&mut report.binary_lq),
            cooc: std::mem::take(&mut report.co_occurrence),
            rel: std::mem::take(&mut report.relatedness),
            density: std::mem::take(&mut report.relatedness_density),
        };
        let c = passes(m, params, false, Some(&mut self.density), bufs);
        super::assemble_into(m, params, c, report);
    }
}

/// Every index on `m`, the passes spread over rayon's threads.
pub(super) fn compute_parallel(m: &Matrix, params: &IndexParams) -> IndexReport {
    let c = passes(m, params, true, None, Buffers::default());
    super::assemble(m, params, c)
}

/// Result buffers handed back for reuse (empty for a fresh report).
#[derive(Default)]
struct Buffers {
    lq: Vec<f64>,
    binary: Vec<u8>,
    cooc: Vec<u32>,
    rel: Vec<f64>,
    density: Vec<f64>,
}

/// The per-territory indices of one row.
#[derive(Clone, Copy, Default)]
pub(super) struct RowIndices {
    pub(super) krugman: Option<f64>,
    pub(super) herfindahl: Option<f64>,
    pub(super) entropy: Option<f64>,
    pub(super) diversity: u32,
}

/// What the passes produce, before labels are attached.
pub(super) struct Computed {
    pub(super) row_sums: Vec<f64>,
    pub(super) col_sums: Vec<f64>,
    pub(super) rows: Vec<RowIndices>,
    pub(super) hoover: Vec<Option<f64>>,
    pub(super) ubiquity: Vec<u32>,
    pub(super) lq: Vec<f64>,
    pub(super) binary: Vec<u8>,
    pub(super) cooc: Vec<u32>,
    pub(super) rel: Vec<f64>,
    pub(super) density: Vec<f64>,
}

/// Maps `f` over `items`, on rayon's threads or in order on this one; results in item order.
fn each<I: Send, T: Send>(
    items: Vec<I>,
    parallel: bool,
    f: impl Fn(I) -> T + Sync + Send,
) -> Vec<T> {
    if parallel {
        items.into_par_iter().map(f).collect()
    } else {
        items.into_iter().map(f).collect()
    }
}

fn passes(
    m: &Matrix,
    params: &IndexParams,
    parallel: bool,
    scratch: Option<&mut DensityScratch>,
    bufs: Buffers,
) -> Computed {
    let (nr, n) = (m.nrows(), m.ncols());
    let values = m.values();
    let task_len = ROWS_PER_TASK * n;

    // Pass 1: row sums, and column sums per task added in task order.
    let mut row_sums = vec![0.0f64; nr];
    let tasks: Vec<_> = values
        .chunks(task_len)
        .zip(row_sums.chunks_mut(ROWS_PER_TASK))
        .collect();
    let partial = each(tasks, parallel, |(x, rs)| {
        let mut cs = vec![0.0f64; n];
        for (row, s) in x.chunks_exact(n).zip(rs) {
            *s = lane_sum(row);
            for (a, v) in cs.iter_mut().zip(row) {
                *a += v;
            }
        }
        cs
    });
    let mut col_sums = vec![0.0f64; n];
    for p in &partial {
        for (a, v) in col_sums.iter_mut().zip(p) {
            *a += v;
        }
    }
    let total: f64 = col_sums.iter().sum();
    let col_share: Vec<f64> = col_sums.iter().map(|c| c / total).collect();
    let pop_share: Vec<f64> = match &params.population {
        Some(p) => {
            let s: f64 = p.iter().sum();
            p.iter().map(|v| v / s).collect()
        }
        None => vec![1.0 / nr as f64; nr],
    };

    // Pass 2: every cell once.
    let nblocks = n.div_ceil(BLOCK_BITS);
    let words = nr.div_ceil(64);
    // Every cell of these is written by the pass, so a reused buffer keeps its old values
    // until then (`resize` neither clears nor refills what is already there).
    let (mut lq, mut binary) = (bufs.lq, bufs.binary);
    lq.resize(nr * n, 0.0);
    binary.resize(nr * n, 0);
    let mut codes = vec![0u8; nr * nblocks];
    let mut rows = vec![RowIndices::default(); nr];
    // Word-major while written (each task owns whole words), sector-major for the counts.
    let mut bits_by_word = vec![0u64; words * n];
    let cells = CellInputs {
        n,
        col_share: &col_share,
        col_sums: &col_sums,
    };
    let tasks: Vec<_> = values
        .chunks(task_len)
        .zip(lq.chunks_mut(task_len))
        .zip(binary.chunks_mut(task_len))
        .zip(codes.chunks_mut(ROWS_PER_TASK * nblocks))
        .zip(rows.chunks_mut(ROWS_PER_TASK))
        .zip(bits_by_word.chunks_mut(ROWS_PER_TASK / 64 * n))
        .enumerate()
        .map(|(t, (((((x, lq), bin), codes), rows), bits))| {
            let r0 = t * ROWS_PER_TASK;
            let r1 = r0 + rows.len();
            TaskOut {
                x,
                row_sums: &row_sums[r0..r1],
                pop_share: &pop_share[r0..r1],
                lq,
                bin,
                codes,
                rows,
                bits,
            }
        })
        .collect();
    let partial = each(tasks, parallel, |t| cell_task(&cells, t));
    let mut hoover_sum = vec![0.0f64; n];
    let mut ubiquity = vec![0u32; n];
    for (h, u) in &partial {
        for (a, v) in hoover_sum.iter_mut().zip(h) {
            *a += v;
        }
        for (a, v) in ubiquity.iter_mut().zip(u) {
            *a += v;
        }
    }
    let hoover = hoover_sum
        .iter()
        .zip(&col_sums)
        .map(|(s, c)| (*c > 0.0).then(|| 100.0 * s / 2.0))
        .collect();

    // Co-occurrence, relatedness, density.
    let mut bits = vec![0u64; n * words];
    for (w, chunk) in bits_by_word.chunks_exact(n).enumerate() {
        for (j, &b) in chunk.iter().enumerate() {
            bits[j * words + w] = b;
        }
    }
    let cooc = complexity::cooc_from_bits(&bits, words, n, parallel, bufs.cooc);
    let mut rel = bufs.rel;
    complexity::relatedness_into(&cooc, n, params.relatedness, &mut rel);
    let reltot = density::column_totals(&rel, n);
    let mut dens = bufs.density;
    dens.resize(nr * n, 0.0);
    match scratch {
        Some(s) if !parallel => density::density_rows(&codes, &rel, &reltot, n, &mut dens, s),
        _ => density_parallel(&codes, nblocks, &rel, &reltot, n, &mut dens),
    }
    Computed {
        row_sums,
        col_sums,
        rows,
        hoover,
        ubiquity,
        lq,
        binary,
        cooc,
        rel,
        density: dens,
    }
}

/// The density with one chunk of territories per thread (each thread tabulates for itself).
pub(super) fn density_parallel(
    codes: &[u8],
    nblocks: usize,
    rel: &[f64],
    reltot: &[f64],
    n: usize,
    out: &mut [f64],
) {
    let nr = out.len() / n;
    if nr == 0 {
        return;
    }
    let chunk = nr.div_ceil(rayon::current_num_threads().max(1));
    out.par_chunks_mut(chunk * n)
        .zip(codes.par_chunks(chunk * nblocks))
        .for_each(|(o, c)| {
            density::density_rows(c, rel, reltot, n, o, &mut DensityScratch::default())
        });
}

/// Sum in eight lanes: independent additions instead of one chain.
#[inline(always)]
fn lane_sum(x: &[f64]) -> f64 {
    let mut l = [0.0f64; W];
    let mut ch = x.chunks_exact(W);
    for c in ch.by_ref() {
        for k in 0..W {
            l[k] += c[k];
        }
    }
    let mut s = ((l[0] + l[4]) + (l[1] + l[5])) + ((l[2] + l[6]) + (l[3] + l[7]));
    for v in ch.remainder() {
        s += v;
    }
    s
}

/// Inputs shared by every task of the cell pass.
struct CellInputs<'a> {
    n: usize,
    col_share: &'a [f64],
    col_sums: &'a [f64],
}

/// One task's rows and the parts of the outputs it writes.
struct TaskOut<'a> {
    x: &'a [f64],
    row_sums: &'a [f64],
    pop_share: &'a [f64],
    lq: &'a mut [f64],
    bin: &'a mut [u8],
    codes: &'a mut [u8],
    rows: &'a mut [RowIndices],
    bits: &'a mut [u64],
}

/// The cell pass over one task; returns its Hoover terms and binary counts per sector.
fn cell_task(c: &CellInputs, t: TaskOut) -> (Vec<f64>, Vec<u32>) {
    #[cfg(target_arch = "x86_64")]
    {
        if std::is_x86_feature_detected!("avx512f")
            && std::is_x86_feature_detected!("avx512bw")
            && std::is_x86_feature_detected!("avx512dq")
            && std::is_x86_feature_detected!("avx512vl")
            && std::is_x86_feature_detected!("bmi2")
        {
            // SAFETY: the CPU supports these features (checked just above).
            return unsafe { cell_task_avx512(c, t) };
        }
        if std::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU supports AVX2 (checked just above).
            return unsafe { cell_task_avx2(c, t) };
        }
    }
    cell_task_body(c, t, row_plain)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bw,avx512dq,avx512vl,bmi2")]
unsafe fn cell_task_avx512(c: &CellInputs, t: TaskOut) -> (Vec<f64>, Vec<u32>) {
    cell_task_body(c, t, |r| {
        // SAFETY: this function runs only where these features are supported.
        unsafe { super::cells_avx512::row(r) }
    })
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn cell_task_avx2(c: &CellInputs, t: TaskOut) -> (Vec<f64>, Vec<u32>) {
    cell_task_body(c, t, row_plain)
}

/// One row's inputs and outputs in the cell pass.
pub(super) struct RowCells<'a> {
    pub(super) x: &'a [f64],
    pub(super) rs: f64,
    pub(super) ps: f64,
    pub(super) col_share: &'a [f64],
    pub(super) col_sums: &'a [f64],
    pub(super) lq: &'a mut [f64],
    pub(super) bin: &'a mut [u8],
    pub(super) codes: &'a mut [u8],
    pub(super) hoover: &'a mut [f64],
    pub(super) ubiq: &'a mut [u32],
    /// This row's word of every sector's bit set, and its bit in it.
    pub(super) word: &'a mut [u64],
    pub(super) bit: u32,
    /// Scratch for the row's non-zero shares; `x.len() + W` long.
    pub(super) nonzero: &'a mut [f64],
}

/// What a row's cell loop sums, lane by lane.
pub(super) struct RowSums {
    pub(super) krugman: [f64; W],
    pub(super) squares: [f64; W],
    /// `Σ p log2 p` over the non-zero shares, lane `k` taking every `k`-th of them.
    pub(super) entropy: [f64; W],
}

#[inline(always)]
fn cell_task_body(
    c: &CellInputs,
    t: TaskOut,
    row: impl Fn(RowCells) -> RowSums,
) -> (Vec<f64>, Vec<u32>) {
    let n = c.n;
    let nblocks = n.div_ceil(BLOCK_BITS);
    let mut hoover = vec![0.0f64; n];
    let mut ubiq = vec![0u32; n];
    let mut nonzero = vec![0.0f64; n + W];
    let rows = t.x.chunks_exact(n).zip(t.lq.chunks_exact_mut(n));
    let rows = rows.zip(t.bin.chunks_exact_mut(n));
    let rows = rows.zip(t.codes.chunks_exact_mut(nblocks));
    for (i, (((x, lq), bin), codes)) in rows.enumerate() {
        let rs = t.row_sums[i];
        let sums = row(RowCells {
            x,
            rs,
            ps: t.pop_share[i],
            col_share: c.col_share,
            col_sums: c.col_sums,
            lq,
            bin,
            codes: &mut *codes,
            hoover: &mut hoover,
            ubiq: &mut ubiq,
            word: &mut t.bits[(i / 64) * n..(i / 64 + 1) * n],
            bit: (i % 64) as u32,
            nonzero: &mut nonzero,
        });
        let some = rs > 0.0;
        t.rows[i] = RowIndices {
            krugman: some.then(|| fold_lanes(&sums.krugman)),
            herfindahl: some.then(|| fold_lanes(&sums.squares) / (rs * rs)),
            entropy: some.then(|| -fold_lanes(&sums.entropy)),
            diversity: codes.iter().map(|b| b.count_ones()).sum(),
        };
    }
    (hoover, ubiq)
}

/// One row of the cell pass without intrinsics (the compiler vectorises what it can).
#[inline(always)]
fn row_plain(r: RowCells) -> RowSums {
    let n = r.x.len();
    let mut acc = RowSums {
        krugman: [0.0; W],
        squares: [0.0; W],
        entropy: [0.0; W],
    };
    let mut len = 0;
    let mut codes = r.codes.iter_mut();
    for j0 in (0..n).step_by(W) {
        let mut byte = 0u8;
        for j in j0..(j0 + W).min(n) {
            let k = j - j0;
            let x = r.x[j];
            let share = x / r.rs;
            let v = share / r.col_share[j];
            let l = if v.is_nan() { 0.0 } else { v };
            r.lq[j] = l;
            let b = l >= 1.0;
            r.bin[j] = u8::from(b);
            byte |= u8::from(b) << k;
            acc.krugman[k] += (share - r.col_share[j]).abs();
            acc.squares[k] += x * x;
            r.hoover[j] += (x / r.col_sums[j] - r.ps).abs();
            r.ubiq[j] += u32::from(b);
            r.word[j] |= u64::from(b) << r.bit;
            // The non-zero shares, gathered without a branch (zeros fall at random).
            r.nonzero[len] = share;
            len += usize::from(x > 0.0);
        }
        if let Some(c) = codes.next() {
            *c = byte;
        }
    }
    for (k, p) in r.nonzero[..len].iter().enumerate() {
        acc.entropy[k % W] += p * log2::log2(*p);
    }
    acc
}

#[inline(always)]
fn fold_lanes(l: &[f64; W]) -> f64 {
    ((l[0] + l[4]) + (l[1] + l[5])) + ((l[2] + l[6]) + (l[3] + l[7]))
}

#[cfg(test)]
mod tests;
