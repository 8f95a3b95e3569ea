//! DBSCAN (Ester et al. 1996) on the haversine metric, label-for-label as scikit-learn's
//! `DBSCAN(metric="haversine")`.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::Clustering;
use super::index::SphereIndex;
use super::points::validate_points;
use super::sphere::{EARTH_RADIUS_M, Prepared, chord_of};
use crate::MappingError;

/// Validated DBSCAN parameters; build with [`DbscanParams::builder`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DbscanParams {
    /// Neighbourhood radius in metres.
    pub eps_m: f64,
    /// Minimum number of points within `eps_m`, the point itself included, to be a core point
    /// (scikit-learn's `min_samples`).
    pub min_samples: usize,
    /// Earth radius used to turn metres into radians.
    pub earth_radius_m: f64,
}

/// Builder of [`DbscanParams`].
#[derive(Debug, Clone, Copy)]
pub struct DbscanParamsBuilder {
    eps_m: f64,
    min_samples: usize,
    earth_radius_m: f64,
}

impl DbscanParams {
    /// Starts a builder: `eps_m` 500, `min_samples` 5 (scikit-learn's default), Earth radius
    /// [`EARTH_RADIUS_M`].
    pub fn builder() -> DbscanParamsBuilder {
        DbscanParamsBuilder {
            eps_m: 500.0,
            min_samples: 5,
            earth_radius_m: EARTH_RADIUS_M,
        }
    }
    /// The radius in radians, `eps_m / earth_radius_m` (what scikit-learn is given).
    pub fn eps_rad(&self) -> f64 {
        self.eps_m / self.earth_radius_m
    }
}

impl DbscanParamsBuilder {
    /// Radius in metres (> 0).
    pub fn eps_m(mut self, v: f64) -> Self {
        self.eps_m = v;
        self
    }
    /// Core-point threshold (≥ 1).
    pub fn min_samples(mut self, v: usize) -> Self {
        self.min_samples = v;
        self
    }
    /// Earth radius in metres (> 0).
    pub fn earth_radius_m(mut self, v: f64) -> Self {
        self.earth_radius_m = v;
        self
    }
    /// Validates.
    ///
    /// # Errors
    /// [`MappingError::InvalidParameter`] for a non-positive or non-finite radius, a radius of
    /// half the globe or more, or `min_samples` 0.
    pub fn build(self) -> Result<DbscanParams, MappingError> {
        if !(self.earth_radius_m.is_finite() && self.earth_radius_m > 0.0) {
            return Err(MappingError::InvalidParameter {
                name: "earth_radius_m",
                value: self.earth_radius_m.to_string(),
                expected: "a positive number of metres".into(),
            });
        }
        let max = std::f64::consts::PI * self.earth_radius_m;
        if !(self.eps_m.is_finite() && self.eps_m > 0.0 && self.eps_m < max) {
            return Err(MappingError::InvalidParameter {
                name: "eps_m",
                value: self.eps_m.to_string(),
                expected: format!("metres, > 0 and < {max:.0}"),
            });
        }
        if self.min_samples == 0 {
            return Err(MappingError::InvalidParameter {
                name: "min_samples",
                value: "0".into(),
                expected: "an integer ≥ 1".into(),
            });
        }
        Ok(DbscanParams {
            eps_m: self.eps_m,
            min_samples: self.min_samples,
            earth_radius_m: self.earth_radius_m,
        })
    }
}

/// Clusters points given in degrees with DBSCAN on the haversine metric.
///
/// Labels equal scikit-learn's exactly, numbering included. Two points are neighbours when
/// scikit-learn's reduced haversine distance `sin²(Δφ/2) + cos φ1 cos φ2 sin²(Δλ/2)` is at most
/// `sin²(eps/2)`; a point is core when it has at least `min_samples` neighbours counting
/// itself. Clusters are numbered in the order of their lowest-index core point, and a border
/// point (a non-core point within `eps` of core points of several clusters) goes to the
/// cluster with the lowest number — scikit-learn expands clusters one at a time in index order,
/// so the first cluster to reach a border point keeps it.
///
/// # Errors
/// [`MappingError::CoordinateOutOfRange`] or [`MappingError::Shape`] for bad coordinates.
///
/// ```
/// use creacity_mapping::spatial::{DbscanParams, dbscan};
/// // Three points ~100 m apart in Yekaterinburg and one far away.
/// let lat = [56.8380, 56.8389, 56.8398, 57.5];
/// let lon = [60.5970, 60.5970, 60.5970, 61.0];
/// let p = DbscanParams::builder().eps_m(150.0).min_samples(2).build().unwrap();
/// let c = dbscan(&lat, &lon, &p).unwrap();
/// assert_eq!(c.labels, vec![0, 0, 0, -1]);
/// ```
pub fn dbscan(lat: &[f64], lon: &[f64], params: &DbscanParams) -> Result<Clustering, MappingError> {
    validate_points(lat, lon)?;
    let p = Prepared::new(lat, lon);
    let n = p.len();
    let eps = params.eps_rad();
    let r_eps = (0.5 * eps).sin().powi(2);
    // The chord prefilter gets a relative margin far above rounding error; the exact test is
    // scikit-learn's reduced distance.
    let chord = chord_of(eps) * (1.0 + 1e-6) + 1e-15;
    let index = SphereIndex::new(&p, chord);
    let chord2 = chord * chord;
    let neighbours: Vec<Vec<u32>> = (0..n)
        .into_par_iter()
        .map(|i| {
            let mut v = Vec::new();
            index.for_each_near(&p.xyz[i], chord, |j| {
                if p.chord2(i, j) <= chord2 && p.rdist(i, j) <= r_eps {
                    v.push(j as u32);
                }
            });
            v
        })
        .collect();
    let core: Vec<bool> = neighbours
        .iter()
        .map(|v| v.len() >= params.min_samples)
        .collect();
    let mut uf = UnionFind::new(n);
    for i in 0..n {
        if core[i] {
            for &j in &neighbours[i] {
                let j = j as usize;
                if j > i && core[j] {
                    uf.union(i, j);
                }
            }
        }
    }
    let mut root_label = vec![-1i64; n];
    let mut labels = vec![-1i64; n];
    let mut next = 0i64;
    for i in 0..n {
        if core[i] {
            let r = uf.find(i);
            if root_label[r] < 0 {
                root_label[r] = next;
                next += 1;
            }
            labels[i] = root_label[r];
        }
    }
    for i in 0..n {
        if !core[i] {
            labels[i] = neighbours[i]
                .iter()
                .filter(|&&j| core[j as usize])
                .map(|&j| labels[j as usize])
                .min()
                .unwrap_or(-1);
        }
    }
    let method = format!(
        "DBSCAN haversine eps_m={} min_samples={} earth_radius_m={}",
        params.eps_m, params.min_samples, params.earth_radius_m
    );
    Ok(Clustering::new(method, labels, core))
}

pub(crate) struct UnionFind {
    parent: Vec<u32>,
    rank: Vec<u8>,
}

impl UnionFind {
    pub fn new(n: usize) -> Self {
        Self {
            parent: (0..n as u32).collect(),
            rank: vec![0; n],
        }
    }
    pub fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] as usize != x {
            let p = self.parent[x] as usize;
            self.parent[x] = self.parent[p];
            x = p;
        }
        x
    }
    pub fn union(&mut self, a: usize, b: usize) -> usize {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return ra;
        }
        let (hi, lo) = if self.rank[ra] >= self.rank[rb] {
            (ra, rb)
        } else {
            (rb, ra)
        };
        self.parent[lo] = hi as u32;
        if self.rank[hi] == self.rank[lo] {
            self.rank[hi] += 1;
        }
        hi
    }
}
