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
    let side = (ext[0] * ext[1] * k as f64 / n as f64)
        .sqrt()
        .clamp(1e-9, 2.0);
    let index = SphereIndex::new(p, side);
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
    // State of the points outside the tree, kept in parallel arrays that shrink together.
    let mut ids: Vec<u32> = (1..n as u32).collect();
    let mut state: Vec<Candidate> = vec![
        Candidate {
            best: f64::INFINITY,
            chord2: f64::INFINITY,
            source: 0,
        };
        n.saturating_sub(1)
    ];
    let mut edges = Vec::with_capacity(n.saturating_sub(1));
    let mut current = 0usize;
    while !ids.is_empty() {
        let c = current;
        let core_c = core[c];
        let (val, j, pos) = ids
            .par_iter()
            .zip(state.par_iter_mut())
            .enumerate()
            .with_min_len(2048)
            .map(|(pos, (&j, st))| {
                let j = j as usize;
                // Mutual reachability is at least the larger core distance, and at least the
                // great-circle distance, whose chord is cheap: test both before the haversine.
                let lb = core_c.max(core[j]);
                if lb < st.best && p.chord2(c, j) < st.chord2 {
                    let mr = lb.max(p.dist(c, j));
                    if mr < st.best {
                        st.best = mr;
                        let ch = chord_of(mr);
                        st.chord2 = ch * ch * (1.0 + 1e-6) + 1e-18;
                        st.source = c as u32;
                    }
                }
                (st.best, j, pos)
            })
            .reduce(
                || (f64::INFINITY, usize::MAX, usize::MAX),
                |a, b| if (b.0, b.1) < (a.0, a.1) { b } else { a },
            );
        let src = state[pos].source as usize;
        ids.swap_remove(pos);
        state.swap_remove(pos);
        edges.push((src, j, val));
        current = j;
    }
    edges
}

#[derive(Debug, Clone, Copy)]
struct Candidate {
    best: f64,
    chord2: f64,
    source: u32,
}
