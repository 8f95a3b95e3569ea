//! Local Getis-Ord Gi and Gi* (Getis & Ord 1992; Ord & Getis 1995) with normal-approximation
//! z-scores, and the global G, as PySAL esda's `G_Local` and `G` compute them.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::index::SphereIndex;
use super::points::validate_points;
use super::sphere::{EARTH_RADIUS_M, Prepared, chord_of};
use crate::MappingError;

/// Spatial weights transformation (esda's `transform`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WeightTransform {
    /// Binary: every neighbour weighs 1 (`"B"`).
    Binary,
    /// Row-standardised: a row's weights sum to 1 (`"R"`, esda's default).
    #[default]
    Row,
}

/// Neighbour lists (without the point itself), one per observation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Neighbours {
    lists: Vec<Vec<u32>>,
    /// How the neighbours were found, for provenance.
    pub description: String,
}

impl Neighbours {
    /// Neighbour lists given directly (each without the observation itself).
    ///
    /// # Errors
    /// [`MappingError::Shape`] for an index out of range or a self-neighbour.
    pub fn from_lists(lists: Vec<Vec<u32>>, description: &str) -> Result<Self, MappingError> {
        let n = lists.len();
        for (i, l) in lists.iter().enumerate() {
            if let Some(&j) = l.iter().find(|&&j| j as usize >= n || j as usize == i) {
                return Err(MappingError::Shape(format!(
                    "neighbour {j} of observation {i} (n = {n})"
                )));
            }
        }
        Ok(Self {
            lists,
            description: description.to_string(),
        })
    }

    /// Planar distance band (libpysal `DistanceBand(binary=True)`): `i` and `j` are neighbours
    /// when their Euclidean distance is at most `threshold`.
    ///
    /// # Errors
    /// [`MappingError::InvalidParameter`] for a non-positive threshold or a non-finite coordinate.
    pub fn distance_band_planar(xy: &[(f64, f64)], threshold: f64) -> Result<Self, MappingError> {
        positive("band", threshold)?;
        if let Some(p) = xy.iter().find(|p| !(p.0.is_finite() && p.1.is_finite())) {
            return Err(MappingError::InvalidParameter {
                name: "xy",
                value: format!("{p:?}"),
                expected: "finite coordinates".into(),
            });
        }
        let mut order: Vec<usize> = (0..xy.len()).collect();
        order.sort_by(|&a, &b| xy[a].0.total_cmp(&xy[b].0));
        let t2 = threshold * threshold;
        let mut lists = vec![Vec::new(); xy.len()];
        for (k, &i) in order.iter().enumerate() {
            for &j in &order[k + 1..] {
                let dx = xy[j].0 - xy[i].0;
                if dx > threshold {
                    break;
                }
                let dy = xy[j].1 - xy[i].1;
                if dx * dx + dy * dy <= t2 {
                    lists[i].push(j as u32);
                    lists[j].push(i as u32);
                }
            }
        }
        for l in &mut lists {
            l.sort_unstable();
        }
        Ok(Self {
            lists,
            description: format!("planar distance band {threshold}"),
        })
    }

    /// Great-circle distance band on points in degrees: neighbours within `band_m` metres
    /// (haversine, Earth radius [`EARTH_RADIUS_M`]).
    ///
    /// # Errors
    /// Bad coordinates or a non-positive band.
    pub fn distance_band_haversine(
        lat: &[f64],
        lon: &[f64],
        band_m: f64,
    ) -> Result<Self, MappingError> {
        validate_points(lat, lon)?;
        positive("band_m", band_m)?;
        let p = Prepared::new(lat, lon);
        let eps = band_m / EARTH_RADIUS_M;
        let r = (0.5 * eps.min(std::f64::consts::PI)).sin().powi(2);
        let chord = chord_of(eps) * (1.0 + 1e-6) + 1e-15;
        let index = SphereIndex::new(&p, chord);
        let lists = (0..p.len())
            .into_par_iter()
            .map(|i| {
                let mut v = Vec::new();
                index.for_each_near(&p.xyz[i], chord, |j| {
                    if j != i && p.rdist(i, j) <= r {
                        v.push(j as u32);
                    }
                });
                v.sort_unstable();
                v
            })
            .collect();
        Ok(Self {
            lists,
            description: format!("haversine distance band {band_m} m"),
        })
    }

    /// Number of observations.
    pub fn len(&self) -> usize {
        self.lists.len()
    }
    /// True when there are no observations.
    pub fn is_empty(&self) -> bool {
        self.lists.is_empty()
    }
    /// Neighbours of observation `i`.
    pub fn of(&self, i: usize) -> &[u32] {
        &self.lists[i]
    }
}

fn positive(name: &'static str, v: f64) -> Result<(), MappingError> {
    if v.is_finite() && v > 0.0 {
        Ok(())
    } else {
        Err(MappingError::InvalidParameter {
            name,
            value: v.to_string(),
            expected: "a positive number".into(),
        })
    }
}

/// Validated hot-spot parameters.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct HotSpotParams {
    /// Gi* (the observation counted in its own neighbourhood) instead of Gi.
    pub star: bool,
    /// Binary or row-standardised weights.
    pub transform: WeightTransform,
}

/// Builder of [`HotSpotParams`].
#[derive(Debug, Clone, Copy, Default)]
pub struct HotSpotParamsBuilder(HotSpotParams);

impl HotSpotParams {
    /// Starts a builder: Gi (not star), row-standardised weights (esda's defaults).
    pub fn builder() -> HotSpotParamsBuilder {
        HotSpotParamsBuilder::default()
    }
}

impl HotSpotParamsBuilder {
    /// Gi* when true.
    pub fn star(mut self, v: bool) -> Self {
        self.0.star = v;
        self
    }
    /// Weights transformation.
    pub fn transform(mut self, v: WeightTransform) -> Self {
        self.0.transform = v;
        self
    }
    /// Returns the parameters (every combination is valid).
    pub fn build(self) -> HotSpotParams {
        self.0
    }
}

/// Local Getis-Ord statistics, one entry per observation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GetisOrd {
    /// Method, weights and parameters, for provenance.
    pub method: String,
    /// The parameters used.
    pub params: HotSpotParams,
    /// The statistic `G_i = Σ_j w_ij y_j / Σ_{j (≠ i for Gi)} y_j`.
    pub g: Vec<f64>,
    /// Normal-approximation z-scores (esda `Zs`); `NaN` (JSON `null`) without neighbours.
    pub z: Vec<f64>,
    /// One-sided p-values of |z| under the normal (esda `p_norm`).
    pub p_norm: Vec<f64>,
    /// Neighbour counts (without the observation itself).
    pub n_neighbours: Vec<usize>,
}

/// Computes local Gi or Gi* of `values` over `neighbours`.
///
/// With `N = n − 1` (Gi) or `n` (Gi*), `W_i = Σ_j w_ij`, and the mean `ȳ_i` and variance `s_i²`
/// of the values other than `y_i` (Gi) or of all values (Gi*): `E[G_i] = W_i / N`,
/// `Var[G_i] = W_i (N − W_i) / (N − 1) · s_i² / (N² ȳ_i²)`, `z_i = (G_i − E[G_i]) / √Var[G_i]`
/// — esda's analytical moments. For Gi* the self-weight is 1 before row-standardisation.
///
/// # Errors
/// [`MappingError::Shape`] when values and neighbours differ in length or there are fewer than
/// 3 observations; [`MappingError::BadValue`] for a non-finite value.
///
/// ```
/// use creacity_mapping::spatial::{HotSpotParams, Neighbours, WeightTransform, getis_ord};
/// let xy = [(10.0, 10.0), (20.0, 10.0), (40.0, 10.0), (15.0, 20.0), (30.0, 20.0), (30.0, 30.0)];
/// let nb = Neighbours::distance_band_planar(&xy, 15.0).unwrap();
/// let p = HotSpotParams::builder().star(true).transform(WeightTransform::Binary).build();
/// let r = getis_ord(&[2.0, 3.0, 3.2, 5.0, 8.0, 7.0], &nb, &p).unwrap();
/// assert!((r.z[5] - 2.02424331).abs() < 1e-8); // esda's value
/// ```
pub fn getis_ord(
    values: &[f64],
    nb: &Neighbours,
    params: &HotSpotParams,
) -> Result<GetisOrd, MappingError> {
    let n = values.len();
    if nb.len() != n || n < 3 {
        return Err(MappingError::Shape(format!(
            "{n} values, {} neighbour lists (need equal and ≥ 3)",
            nb.len()
        )));
    }
    if let Some(k) = values.iter().position(|v| !v.is_finite()) {
        return Err(MappingError::BadValue {
            row: k + 1,
            column: "value".into(),
            value: values[k].to_string(),
            expected: "a finite number".into(),
        });
    }
    let star = params.star;
    let sum: f64 = values.iter().sum();
    let sum2: f64 = values.iter().map(|v| v * v).sum();
    let rm = if star { 0.0 } else { 1.0 };
    let big_n = n as f64 - rm;
    let out: Vec<(f64, f64, f64)> = (0..n)
        .into_par_iter()
        .map(|i| {
            let l = nb.of(i);
            let k = l.len() as f64 + if star { 1.0 } else { 0.0 };
            let w = match params.transform {
                WeightTransform::Binary => 1.0,
                WeightTransform::Row => {
                    if k > 0.0 {
                        1.0 / k
                    } else {
                        0.0
                    }
                }
            };
            let mut lag: f64 = l.iter().map(|&j| values[j as usize]).sum();
            if star {
                lag += values[i];
            }
            let y = values[i];
            let g = w * lag / (sum - y * rm);
            let mean = (sum - y * rm) / big_n;
            let var = (sum2 - y * y * rm) / big_n - mean * mean;
            let card = w * k;
            let e = card / big_n;
            let v = card * (big_n - card) / (big_n - 1.0)
                * (1.0 / (big_n * big_n))
                * (var / (mean * mean));
            let z = (g - e) / v.sqrt();
            (g, z, normal_sf(z.abs()))
        })
        .collect();
    Ok(GetisOrd {
        method: format!(
            "local Getis-Ord {} ({:?} weights, {})",
            if star { "Gi*" } else { "Gi" },
            params.transform,
            nb.description
        ),
        params: *params,
        g: out.iter().map(|o| o.0).collect(),
        z: out.iter().map(|o| o.1).collect(),
        p_norm: out.iter().map(|o| o.2).collect(),
        n_neighbours: (0..n).map(|i| nb.of(i).len()).collect(),
    })
}

/// Global Getis-Ord G with binary weights (esda `G`): `Σ_i Σ_j w_ij y_i y_j / Σ_i Σ_{j≠i} y_i y_j`.
///
/// # Errors
/// [`MappingError::Shape`] when the lengths differ.
pub fn global_g(values: &[f64], nb: &Neighbours) -> Result<f64, MappingError> {
    if nb.len() != values.len() {
        return Err(MappingError::Shape(format!(
            "{} values, {} neighbour lists",
            values.len(),
            nb.len()
        )));
    }
    let num: f64 = (0..values.len())
        .map(|i| values[i] * nb.of(i).iter().map(|&j| values[j as usize]).sum::<f64>())
        .sum();
    let s: f64 = values.iter().sum();
    let s2: f64 = values.iter().map(|v| v * v).sum();
    Ok(num / (s * s - s2))
}

/// Upper tail of the standard normal, `P(Z > x)`, via the complementary error function
/// (the Chebyshev approximation published in Numerical Recipes, `erfcc`, fractional error
/// below 1.2e-7).
pub fn normal_sf(x: f64) -> f64 {
    if x.is_nan() {
        return f64::NAN;
    }
    0.5 * erfc(x / std::f64::consts::SQRT_2)
}

fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let r = t
        * (-z * z - 1.265_512_23
            + t * (1.000_023_68
                + t * (0.374_091_96
                    + t * (0.096_784_18
                        + t * (-0.186_288_06
                            + t * (0.278_868_07
                                + t * (-1.135_203_98
                                    + t * (1.488_515_87
                                        + t * (-0.822_152_23 + t * 0.170_872_77)))))))))
            .exp();
    if x >= 0.0 { r } else { 2.0 - r }
}
