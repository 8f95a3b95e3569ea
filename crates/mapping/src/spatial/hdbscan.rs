//! HDBSCAN (Campello et al. 2013) on the haversine metric, as scikit-learn's
//! `HDBSCAN(metric="haversine")`: core distances to the `min_samples`-th nearest neighbour (the
//! point itself counted), a minimum spanning tree of the mutual-reachability graph by Prim's
//! algorithm, then the condensed tree and excess-of-mass selection.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::Clustering;
use super::hierarchy::{ClusterSelection, labels_from_mst};
use super::index::SphereIndex;
use super::points::validate_points;
use super::sphere::{Prepared, chord_of};
use crate::MappingError;

/// Validated HDBSCAN parameters; build with [`HdbscanParams::builder`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct HdbscanParams {
    /// Smallest group of points counted as a cluster (≥ 2).
    pub min_cluster_size: usize,
    /// Neighbours (the point included) defining the core distance; scikit-learn's default is
    /// `min_cluster_size`.
    pub min_samples: usize,
    /// Excess of mass or leaf selection.
    pub selection: ClusterSelection,
}

/// Builder of [`HdbscanParams`].
#[derive(Debug, Clone, Copy)]
pub struct HdbscanParamsBuilder {
    min_cluster_size: usize,
    min_samples: Option<usize>,
    selection: ClusterSelection,
}

impl HdbscanParams {
    /// Starts a builder with scikit-learn's defaults: `min_cluster_size` 5, `min_samples` equal
    /// to it, excess of mass.
    pub fn builder() -> HdbscanParamsBuilder {
        HdbscanParamsBuilder {
            min_cluster_size: 5,
            min_samples: None,
            selection: ClusterSelection::Eom,
        }
    }
}

impl HdbscanParamsBuilder {
    /// Smallest cluster size.
    pub fn min_cluster_size(mut self, v: usize) -> Self {
        self.min_cluster_size = v;
        self
    }
    /// Core-distance neighbour count.
    pub fn min_samples(mut self, v: usize) -> Self {
        self.min_samples = Some(v);
        self
    }
    /// Cluster selection method.
    pub fn selection(mut self, v: ClusterSelection) -> Self {
        self.selection = v;
        self
    }
    /// Validates.
    ///
    /// # Errors
    /// [`MappingError::InvalidParameter`] for `min_cluster_size` < 2 or `min_samples` 0.
    pub fn build(self) -> Result<HdbscanParams, MappingError> {
        if self.min_cluster_size < 2 {
            return Err(MappingError::InvalidParameter {
                name: "min_cluster_size",
                value: self.min_cluster_size.to_string(),
                expected: "an integer ≥ 2".into(),
            });
        }
        let ms = self.min_samples.unwrap_or(self.min_cluster_size);
        if ms == 0 {
            return Err(MappingError::InvalidParameter {
                name: "min_samples",
                value: "0".into(),
                expected: "an integer ≥ 1".into(),
            });
        }
        Ok(HdbscanParams {
            min_cluster_size: self.min_cluster_size,
            min_samples: ms,
            selection: self.selection,
        })
    }
}

/// Clusters points given in degrees with HDBSCAN on the haversine metric.
///
/// Labels equal scikit-learn's up to renumbering (equal numbering too unless
/// mutual-reachability ties are ordered differently when sorting the tree's edges).
/// The spanning tree is Prim's exact O(n²) algorithm, as scikit-learn uses for this metric,
/// pruned by lower bounds and run in parallel.
///
/// # Errors
/// Bad coordinates, or `min_samples` larger than the number of points (as scikit-learn).
///
/// ```
/// use creacity_mapping::spatial::{HdbscanParams, hdbscan};
/// // Two tight groups of three points ~10 km apart.
/// let lat = [56.800, 56.801, 56.802, 56.900, 56.901, 56.902];
/// let lon = [60.600; 6];
/// let p = HdbscanParams::builder().min_cluster_size(3).min_samples(2).build().unwrap();
/// let c = hdbscan(&lat, &lon, &p).unwrap();
/// assert_eq!(c.n_clusters, 2);
/// assert_eq!(c.labels[0], c.labels[2]);
/// assert_ne!(c.labels[0], c.labels[3]);
/// ```
pub fn hdbscan(
    lat: &[f64],
    lon: &[f64],
    params: &HdbscanParams,
) -> Result<Clustering, MappingError> {
    validate_points(lat, lon)?;
    let n = lat.len();
    if params.min_samples > n {
        return Err(MappingError::InvalidParameter {
            name: "min_samples",
            value: params.min_samples.to_string(),
            expected: format!("at most the number of points ({n})"),
        });
    }
    let p = Prepared::new(lat, lon);
    let core = core_distances(&p, params.min_samples);
    let edges = prim_mst(&p, &core);
    let labels = labels_from_mst(n, edges, params.min_cluster_size, params.selection);
    let method = format!(
        "HDBSCAN haversine min_cluster_size={} min_samples={} selection={:?}",
        params.min_cluster_size, params.min_samples, params.selection
    );
    Ok(Clustering::new(method, labels, Vec::new()))
}

/// Distance in radians to the `k`-th nearest point, the point itself counted first.
pub(crate) fn core_distances(p: &Prepared, k: usize) -> Vec<f64> {
    let n = p.len();
    if k <= 1 || n == 0 {
        return vec![0.0; n];
    }
    // Cells holding about k points each on average over the occupied patch of the sphere.
    let (mut lo, mut hi) = ([f64::MAX; 3], [f64::MIN; 3]);
    for v in &p.xyz {
        for a in 0..3 {
            lo[a] = lo[a].min(v[a]);
            hi[a] = hi[a].max(v[a]);
        }
    }
    let mut ext: Vec<f64> = (0..3).map(|a| (hi[a] - lo[a]).max(1e-9)).collect();
    ext.sort_by(|a, b| b.total_cmp(a));
    let mut side = (ext[0] * ext[1] * k as f64 / n as f64)
        .sqrt()
        .clamp(1e-9, 2.0);
    let mut index = SphereIndex::new(p, side);
    // Firms crowd into towns, so the bounding box overstates the area: shrink the cells until
    // an average point shares its cell with about 2k others.
    for _ in 0..6 {
        let crowd = n as f64 / index.n_cells() as f64;
        if crowd <= 2.0 * k as f64 || side <= 1e-9 {
            break;
        }
        side = (side * (2.0 * k as f64 / crowd).sqrt()).max(1e-9);
        index = SphereIndex::new(p, side);
    }
    (0..n)
        .into_par_iter()
        .map(|i| {
            // The k smallest reduced distances seen so far, kept sorted.
            let mut best: Vec<f64> = Vec::with_capacity(k + 1);
            let mut ring = 0i64;
            loop {
                index.for_each_in_ring(&p.xyz[i], ring, |j| {
                    let d = p.rdist(i, j);
                    if best.len() < k || d < best[k - 1] {
                        let pos = best.partition_point(|&b| b <= d);
                        best.insert(pos, d);
                        best.truncate(k);
                    }
                });
                // Everything outside the rings seen is farther than `ring · side` in chord.
                if best.len() == k {
                    let chord_k = 2.0 * best[k - 1].sqrt();
                    if chord_k * (1.0 + 1e-9) < ring as f64 * side {
                        break;
                    }
                }
                ring += 1;
                if ring as f64 * side > 2.5 {
                    break;
                }
                if ring > 48 {
                    // An isolated point in a sparse index: a plain scan is cheaper than rings.
                    best.clear();
                    let mut all: Vec<f64> = (0..n).map(|j| p.rdist(i, j)).collect();
                    all.select_nth_unstable_by(k - 1, f64::total_cmp);
                    best.push(all[k - 1]);
                    return 2.0 * best[0].sqrt().asin();
                }
            }
            2.0 * best[k - 1].sqrt().asin()
        })
        .collect()
}

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
