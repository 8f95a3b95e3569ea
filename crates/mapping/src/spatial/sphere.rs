//! Haversine distance exactly as scikit-learn's `haversine` metric computes it, and unit-sphere
//! coordinates whose chord distance orders pairs as the haversine distance does.

/// Mean Earth radius in metres (IUGG), used to turn metres into radians.
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// The "reduced" haversine distance of scikit-learn: `sin²(Δφ/2) + cos φ1 cos φ2 sin²(Δλ/2)`.
/// Arguments are latitude and longitude in radians; `cos_*` the cosines of the latitudes.
#[inline]
pub(crate) fn rdist(lat1: f64, lon1: f64, cos1: f64, lat2: f64, lon2: f64, cos2: f64) -> f64 {
    let s0 = (0.5 * (lat1 - lat2)).sin();
    let s1 = (0.5 * (lon1 - lon2)).sin();
    s0 * s0 + cos1 * cos2 * s1 * s1
}

/// Great-circle distance in radians between two points given in radians (lat, lon), with the
/// same floating-point steps as scikit-learn: `2 asin(√rdist)`.
///
/// ```
/// use creacity_mapping::spatial::haversine_rad;
/// let d = haversine_rad(0.0, 0.0, 0.0, std::f64::consts::FRAC_PI_2);
/// assert!((d - std::f64::consts::FRAC_PI_2).abs() < 1e-15);
/// ```
pub fn haversine_rad(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    2.0 * rdist(lat1, lon1, lat1.cos(), lat2, lon2, lat2.cos())
        .sqrt()
        .asin()
}

/// Points prepared for distance work: radians, cosines and unit vectors.
#[derive(Debug, Clone)]
pub(crate) struct Prepared {
    pub lat: Vec<f64>,
    pub lon: Vec<f64>,
    pub cos: Vec<f64>,
    pub xyz: Vec<[f64; 3]>,
}

impl Prepared {
    pub fn new(lat_deg: &[f64], lon_deg: &[f64]) -> Self {
        let lat: Vec<f64> = lat_deg.iter().map(|d| d.to_radians()).collect();
        let lon: Vec<f64> = lon_deg.iter().map(|d| d.to_radians()).collect();
        let cos: Vec<f64> = lat.iter().map(|a| a.cos()).collect();
        let xyz = lat
            .iter()
            .zip(&lon)
            .zip(&cos)
            .map(|((la, lo), c)| [c * lo.cos(), c * lo.sin(), la.sin()])
            .collect();
        Self { lat, lon, cos, xyz }
    }
    pub fn len(&self) -> usize {
        self.lat.len()
    }
    #[inline]
    pub fn rdist(&self, i: usize, j: usize) -> f64 {
        rdist(
            self.lat[i],
            self.lon[i],
            self.cos[i],
            self.lat[j],
            self.lon[j],
            self.cos[j],
        )
    }
    #[inline]
    pub fn dist(&self, i: usize, j: usize) -> f64 {
        2.0 * self.rdist(i, j).sqrt().asin()
    }
}

/// Chord length on the unit sphere of an angle in radians; monotone in the angle on [0, π].
#[inline]
pub(crate) fn chord_of(angle: f64) -> f64 {
    2.0 * (0.5 * angle.min(std::f64::consts::PI)).sin()
}
