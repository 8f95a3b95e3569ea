//! DBSCAN (Ester et al. 1996) on the haversine metric, label-for-label as scikit-learn's
//! `DBSCAN(metric="haversine")`.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::Clustering;
use super::cells::SortedCells;
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
    // Candidates are pre-filtered by chord with a relative margin far above rounding error; the
    // decisive test is scikit-learn's reduced distance.
    let chord = chord_of(eps);
    let chord2_hi = (chord * (1.0 + 1e-6)).powi(2) + 1e-30;
    // Cells of side chord/√3 (a hair less): any two points of one cell are within eps. Then
    // neighbours lie within two cells, and the core points of a cell form one piece.
    let side = (chord * (1.0 - 1e-6) / 3f64.sqrt()).max(1e-12);
    let same_cell_linked = eps >= 1.5e-7;
    const REACH: i64 = 2;
    let cells = SortedCells::new(&p, side);
    let g = &cells;
    let near = |a: usize, b: usize| g.chord2(a, b) <= chord2_hi && g.rdist(a, b) <= r_eps;

    // Pass 1: core points, cell by cell. A cell holding min_samples points makes them all core
    // at once (they are mutual neighbours); otherwise count neighbours until min_samples.
    let min_samples = params.min_samples;
    let core: Vec<bool> = (0..g.cells.len())
        .into_par_iter()
        .flat_map_iter(|c| {
            let range = g.range(c as u32);
            let mut around = Vec::new();
            let dense = same_cell_linked && range.len() >= min_samples;
            if !dense {
                around.reserve(125);
                g.around(c, REACH, &mut around);
            }
            range.map(move |a| {
                if dense {
                    return true;
                }
                let mut k = 0usize;
                for &d in &around {
                    for b in g.range(d) {
                        k += usize::from(near(a, b));
                        if k >= min_samples {
                            return true;
                        }
                    }
                }
                false
            })
        })
        .collect();

    // Pass 2: which pairs of neighbouring cells have core points within eps of each other.
    let links: Vec<(u32, u32)> = (0..g.cells.len())
        .into_par_iter()
        .flat_map_iter(|c| {
            let mut around = Vec::with_capacity(125);
            g.around(c, REACH, &mut around);
            let cores_c: Vec<usize> = g.range(c as u32).filter(|&a| core[a]).collect();
            let mut out = Vec::new();
            if cores_c.is_empty() {
                return out.into_iter();
            }
            for &d in &around {
                // Pairs inside a cell are settled below; each pair of cells is seen once.
                if (d as usize) <= c {
                    continue;
                }
                if cores_c
                    .iter()
                    .any(|&a| g.range(d).any(|b| core[b] && near(a, b)))
                {
                    out.push((c as u32, d));
                }
            }
            out.into_iter()
        })
        .collect();
    let mut uf = UnionFind::new(n);
    for cell in &g.cells {
        let cores: Vec<usize> = (cell.1 as usize..cell.2 as usize)
            .filter(|&a| core[a])
            .collect();
        for (k, &a) in cores.iter().enumerate() {
            if same_cell_linked {
                uf.union(cores[0], a);
            } else {
                // Below about 1 m the cell-diameter guarantee is too close to rounding.
                for &b in &cores[k + 1..] {
                    if near(a, b) {
                        uf.union(a, b);
                    }
                }
            }
        }
    }
    for &(c, d) in &links {
        if same_cell_linked {
            let a = g
                .range(c)
                .find(|&a| core[a])
                .expect("linked cells hold core points");
            let b = g
                .range(d)
                .find(|&b| core[b])
                .expect("linked cells hold core points");
            uf.union(a, b);
        } else {
            for a in g.range(c).filter(|&a| core[a]) {
                for b in g.range(d).filter(|&b| core[b]) {
                    if near(a, b) {
                        uf.union(a, b);
                    }
                }
            }
        }
    }

    // Clusters are numbered by their lowest original index among core points.
    let mut pos_of = vec![0u32; n];
    for (pos, &orig) in g.order.iter().enumerate() {
        pos_of[orig as usize] = pos as u32;
    }
    let mut root_label = vec![-1i64; n];
    let mut next = 0i64;
    for &pos in &pos_of {
        let pos = pos as usize;
        if core[pos] {
            let r = uf.find(pos);
            if root_label[r] < 0 {
                root_label[r] = next;
                next += 1;
            }
        }
    }
    let comp_label: Vec<i64> = (0..n)
        .map(|pos| {
            if core[pos] {
                root_label[uf.find(pos)]
            } else {
                -1
            }
        })
        .collect();
    // Pass 3: a border point takes the lowest label among its core neighbours.
    let sorted_labels: Vec<i64> = (0..g.cells.len())
        .into_par_iter()
        .flat_map_iter(|c| {
            let mut around = Vec::new();
            let range = g.range(c as u32);
            if range.clone().any(|a| !core[a]) {
                g.around(c, REACH, &mut around);
            }
            let (core, comp_label, around) = (&core, &comp_label, around);
            range.map(move |a| {
                if core[a] {
                    return comp_label[a];
                }
                let mut best = i64::MAX;
                for &d in &around {
                    for b in g.range(d) {
                        if core[b] && comp_label[b] < best && near(a, b) {
                            best = comp_label[b];
                        }
                    }
                }
                if best == i64::MAX { -1 } else { best }
            })
        })
        .collect();
    let mut labels = vec![-1i64; n];
    let mut core_orig = vec![false; n];
    for (pos, &orig) in g.order.iter().enumerate() {
        labels[orig as usize] = sorted_labels[pos];
        core_orig[orig as usize] = core[pos];
    }
    let method = format!(
        "DBSCAN haversine eps_m={} min_samples={} earth_radius_m={}",
        params.eps_m, params.min_samples, params.earth_radius_m
    );
    Ok(Clustering::new(method, labels, core_orig))
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
