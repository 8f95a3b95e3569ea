//! Prim's exact O(n²) minimum spanning tree of the mutual-reachability graph, the algorithm
//! scikit-learn's `mst_from_data_matrix` runs for the haversine metric: the oracle against which
//! the Borůvka tree is tested.

use rayon::prelude::*;

use super::sphere::{Prepared, chord_of};

/// Prim's algorithm on the mutual-reachability distance `max(core_i, core_j, d_ij)`, starting
/// from point 0 and taking, at each step, the lowest-index point among equal best distances
/// (the order scikit-learn's `mst_from_data_matrix` visits them in).
pub(crate) fn prim_mst(p: &Prepared, core: &[f64]) -> Vec<(usize, usize, f64)> {
    let n = p.len();
    let mut out = Outside::new(p, core);
    let mut edges = Vec::with_capacity(n.saturating_sub(1));
    let mut current = 0usize;
    while !out.ids.is_empty() {
        let len = out.ids.len();
        let (val, j, pos) = if len < PARALLEL_FROM {
            out.update(p, current, core[current], 0, len)
        } else {
            // Chunks update disjoint ranges; each reports its minimum.
            let chunk = len.div_ceil(rayon::current_num_threads() * 4).max(4096);
            let starts: Vec<usize> = (0..len).step_by(chunk).collect();
            let parts = out.split(chunk);
            parts
                .into_par_iter()
                .zip(starts)
                .map(|(mut part, s)| part.update(p, current, core[current], s, s + part.ids.len()))
                .reduce(
                    || (f64::INFINITY, usize::MAX, usize::MAX),
                    |a, b| if (b.0, b.1) < (a.0, a.1) { b } else { a },
                )
        };
        let src = out.src[pos] as usize;
        out.remove(pos);
        edges.push((src, j, val));
        current = j;
    }
    edges
}

/// Below this many outside points a step runs on one thread: the work per step is then too
/// small to pay for waking the others.
const PARALLEL_FROM: usize = 1 << 16;

/// The points outside the tree, as parallel arrays that shrink together (coordinates copied in
/// so that each step streams through memory).
struct Outside {
    ids: Vec<u32>,
    xyz: Vec<[f64; 3]>,
    core: Vec<f64>,
    best: Vec<f64>,
    chord2: Vec<f64>,
    src: Vec<u32>,
}

/// A mutable view of a range of [`Outside`].
struct OutsidePart<'a> {
    ids: &'a [u32],
    xyz: &'a [[f64; 3]],
    core: &'a [f64],
    best: &'a mut [f64],
    chord2: &'a mut [f64],
    src: &'a mut [u32],
}

impl Outside {
    fn new(p: &Prepared, core: &[f64]) -> Self {
        let n = p.len();
        Self {
            ids: (1..n as u32).collect(),
            xyz: p.xyz[1.min(n)..].to_vec(),
            core: core[1.min(n)..].to_vec(),
            best: vec![f64::INFINITY; n.saturating_sub(1)],
            chord2: vec![f64::INFINITY; n.saturating_sub(1)],
            src: vec![0; n.saturating_sub(1)],
        }
    }
    fn update(
        &mut self,
        p: &Prepared,
        c: usize,
        core_c: f64,
        start: usize,
        end: usize,
    ) -> (f64, usize, usize) {
        let mut part = OutsidePart {
            ids: &self.ids[start..end],
            xyz: &self.xyz[start..end],
            core: &self.core[start..end],
            best: &mut self.best[start..end],
            chord2: &mut self.chord2[start..end],
            src: &mut self.src[start..end],
        };
        part.update(p, c, core_c, start, end)
    }
    fn split(&mut self, chunk: usize) -> Vec<OutsidePart<'_>> {
        self.ids
            .chunks(chunk)
            .zip(self.xyz.chunks(chunk))
            .zip(self.core.chunks(chunk))
            .zip(self.best.chunks_mut(chunk))
            .zip(self.chord2.chunks_mut(chunk))
            .zip(self.src.chunks_mut(chunk))
            .map(|(((((ids, xyz), core), best), chord2), src)| OutsidePart {
                ids,
                xyz,
                core,
                best,
                chord2,
                src,
            })
            .collect()
    }
    fn remove(&mut self, pos: usize) {
        self.ids.swap_remove(pos);
        self.xyz.swap_remove(pos);
        self.core.swap_remove(pos);
        self.best.swap_remove(pos);
        self.chord2.swap_remove(pos);
        self.src.swap_remove(pos);
    }
}

impl OutsidePart<'_> {
    /// Relaxes every point of the range through tree point `c`; returns the range's minimum as
    /// (distance, point id, position in the whole array).
    fn update(
        &mut self,
        p: &Prepared,
        c: usize,
        core_c: f64,
        start: usize,
        _end: usize,
    ) -> (f64, usize, usize) {
        let cv = p.xyz[c];
        let mut min = (f64::INFINITY, usize::MAX, usize::MAX);
        for k in 0..self.ids.len() {
            // Mutual reachability is at least the larger core distance, and at least the
            // great-circle distance, whose chord is cheap: test both before the haversine.
            let lb = core_c.max(self.core[k]);
            if lb < self.best[k] {
                let v = self.xyz[k];
                let (dx, dy, dz) = (v[0] - cv[0], v[1] - cv[1], v[2] - cv[2]);
                if dx * dx + dy * dy + dz * dz < self.chord2[k] {
                    let j = self.ids[k] as usize;
                    let mr = lb.max(p.dist(c, j));
                    if mr < self.best[k] {
                        self.best[k] = mr;
                        let ch = chord_of(mr);
                        self.chord2[k] = ch * ch * (1.0 + 1e-6) + 1e-18;
                        self.src[k] = c as u32;
                    }
                }
            }
            let cand = (self.best[k], self.ids[k] as usize);
            if cand < (min.0, min.1) {
                min = (cand.0, cand.1, start + k);
            }
        }
        min
    }
}
