//! Convex hulls of clusters, drawn in longitude/latitude (clusters are city-scale; a cluster
//! spanning the antimeridian is not supported).

use serde::Serialize;

use super::Clustering;

/// A cluster's outline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterHull {
    /// Cluster label.
    pub label: i64,
    /// Points in the cluster.
    pub n_points: usize,
    /// Hull vertices as `(lon, lat)` counter-clockwise, not closed; fewer than 3 when the
    /// points are collinear or coincide.
    pub hull: Vec<(f64, f64)>,
    /// Mean latitude and longitude of the cluster's points.
    pub centroid: (f64, f64),
}

/// Convex hull of `(x, y)` points by Andrew's monotone chain, counter-clockwise, without
/// repeating the first vertex; collinear points are dropped.
///
/// ```
/// use creacity_mapping::spatial::convex_hull;
/// let h = convex_hull(&[(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.5, 0.5)]);
/// assert_eq!(h, vec![(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)]);
/// ```
pub fn convex_hull(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut p: Vec<(f64, f64)> = points.to_vec();
    p.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    p.dedup();
    if p.len() < 3 {
        return p;
    }
    let cross = |o: (f64, f64), a: (f64, f64), b: (f64, f64)| {
        (a.0 - o.0) * (b.1 - o.1) - (a.1 - o.1) * (b.0 - o.0)
    };
    let mut lower: Vec<(f64, f64)> = Vec::new();
    for &q in &p {
        while lower.len() >= 2 && cross(lower[lower.len() - 2], lower[lower.len() - 1], q) <= 0.0 {
            lower.pop();
        }
        lower.push(q);
    }
    let mut upper: Vec<(f64, f64)> = Vec::new();
    for &q in p.iter().rev() {
        while upper.len() >= 2 && cross(upper[upper.len() - 2], upper[upper.len() - 1], q) <= 0.0 {
            upper.pop();
        }
        upper.push(q);
    }
    lower.pop();
    upper.pop();
    lower.extend(upper);
    lower
}

/// The hull of every cluster of `clustering` over points in degrees, in label order.
pub fn cluster_hulls(lat: &[f64], lon: &[f64], clustering: &Clustering) -> Vec<ClusterHull> {
    let mut members: Vec<Vec<(f64, f64)>> = vec![Vec::new(); clustering.n_clusters];
    for (i, &l) in clustering.labels.iter().enumerate() {
        if l >= 0 {
            members[l as usize].push((lon[i], lat[i]));
        }
    }
    members
        .into_iter()
        .enumerate()
        .map(|(k, m)| {
            let n = m.len().max(1) as f64;
            let centroid = (
                m.iter().map(|p| p.1).sum::<f64>() / n,
                m.iter().map(|p| p.0).sum::<f64>() / n,
            );
            ClusterHull {
                label: k as i64,
                n_points: m.len(),
                hull: convex_hull(&m),
                centroid,
            }
        })
        .collect()
}
