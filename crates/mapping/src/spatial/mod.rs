//! Spatial methods on firm points: density clusters (DBSCAN, HDBSCAN) on the haversine metric,
//! their convex hulls, local Getis-Ord hot spots, and GeoJSON output.

mod boruvka;
mod cells;
mod dbscan;
mod geojson;
mod getis_ord;
mod grid;
mod hdbscan;
mod hierarchy;
mod hull;
mod index;
mod points;
#[cfg(test)]
mod prim;
mod sphere;

pub use dbscan::{DbscanParams, DbscanParamsBuilder, dbscan};
pub use geojson::{clusters_geojson, hotspot_class, hotspots_geojson};
pub use getis_ord::{
    GetisOrd, HotSpotParams, HotSpotParamsBuilder, Neighbours, WeightTransform, getis_ord,
    global_g, normal_sf,
};
pub use grid::{GridCells, grid_cells};
pub use hdbscan::{HdbscanParams, HdbscanParamsBuilder, hdbscan};
pub use hierarchy::ClusterSelection;
pub use hull::{ClusterHull, cluster_hulls, convex_hull};
pub use points::{GeoPoint, PointTable, parse_points_csv, validate_points};
pub use sphere::{EARTH_RADIUS_M, haversine_rad};

use serde::Serialize;

/// Labels of a density clustering: one per input point, `-1` for noise, clusters numbered from
/// 0 as scikit-learn numbers them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Clustering {
    /// Method and parameters, for provenance.
    pub method: String,
    /// One label per point, in input order; `-1` is noise.
    pub labels: Vec<i64>,
    /// Number of clusters found.
    pub n_clusters: usize,
    /// Number of noise points.
    pub n_noise: usize,
    /// For DBSCAN: whether each point is a core point (empty for HDBSCAN).
    pub core: Vec<bool>,
}

impl Clustering {
    pub(crate) fn new(method: String, labels: Vec<i64>, core: Vec<bool>) -> Self {
        let n_clusters = labels
            .iter()
            .copied()
            .max()
            .map_or(0, |m| (m + 1).max(0) as usize);
        let n_noise = labels.iter().filter(|&&l| l < 0).count();
        Self {
            method,
            labels,
            n_clusters,
            n_noise,
            core,
        }
    }
}
