//! HDBSCAN (Campello et al. 2013) on the haversine metric, as scikit-learn's
//! `HDBSCAN(metric="haversine")`: core distances to the `min_samples`-th nearest neighbour (the
//! point itself counted), a minimum spanning tree of the mutual-reachability graph (Borůvka's
//! algorithm over a k-d tree, `boruvka.rs`; Prim's exact O(n²) algorithm, which scikit-learn
//! uses for this metric, is kept here as the test oracle), then the condensed tree and
//! excess-of-mass selection.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::Clustering;
use super::boruvka::boruvka_mst;
use super::hierarchy::{ClusterSelection, labels_from_mst};
use super::index::SphereIndex;
use super::points::validate_points;
use super::sphere::Prepared;
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
/// Labels equal scikit-learn's up to renumbering, except where mutual-reachability ties are
/// ordered differently when the tree's edges are sorted (scikit-learn orders them with an
/// unstable sort). The spanning tree is exact: Borůvka's algorithm with k-d tree pruning, so
/// a million points take about a minute where Prim's O(n²) algorithm would take hours.
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
    let edges = boruvka_mst(&p, &core);
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
            // The k nearest (squared chord, id) seen so far, kept sorted.
            let mut best: Vec<(f64, usize)> = Vec::with_capacity(k + 1);
            let mut ring = 0i64;
            loop {
                // Neighbours are ranked by squared chord (monotone in the angle, no
                // trigonometry); the k-th one's exact haversine is taken at the end.
                index.for_each_in_ring(&p.xyz[i], ring, |j| {
                    let d = chord2(&p.xyz[i], &p.xyz[j]);
                    if best.len() < k || d < best[k - 1].0 {
                        let pos = best.partition_point(|b| b.0 <= d);
                        best.insert(pos, (d, j));
                        best.truncate(k);
                    }
                });
                // Everything outside the rings seen is farther than `ring · side` in chord.
                if best.len() == k {
                    let chord_k = best[k - 1].0.sqrt();
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
                    let mut all: Vec<f64> = (0..n).map(|j| p.rdist(i, j)).collect();
                    all.select_nth_unstable_by(k - 1, f64::total_cmp);
                    return 2.0 * all[k - 1].sqrt().asin();
                }
            }
            p.dist(i, best[k - 1].1)
        })
        .collect()
}

/// Squared Euclidean distance between unit vectors (the squared chord).
#[inline]
fn chord2(a: &[f64; 3], b: &[f64; 3]) -> f64 {
    (a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)
}
