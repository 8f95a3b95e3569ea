//! Square grid cells over points, for hot-spot analysis on counts or sums per cell.

use serde::Serialize;

use super::getis_ord::Neighbours;
use super::points::validate_points;
use super::sphere::EARTH_RADIUS_M;
use crate::MappingError;

/// At most this many cells, so that a tiny cell size cannot exhaust memory.
const MAX_CELLS: usize = 4_000_000;

/// A regular grid of square cells (side in metres on an equirectangular projection about the
/// points' mean latitude) covering the points' bounding box, empty cells included.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GridCells {
    /// Cell side in metres.
    pub side_m: f64,
    /// Columns (west → east).
    pub nx: usize,
    /// Rows (south → north).
    pub ny: usize,
    /// Per cell, row-major from the south-west: the number of points, or the sum of their values.
    pub values: Vec<f64>,
    /// Per cell: centre latitude and longitude in degrees.
    pub centres: Vec<(f64, f64)>,
    /// Per cell: `[west, south, east, north]` in degrees.
    pub bounds: Vec<[f64; 4]>,
    /// Per point: the index of its cell.
    pub cell_of_point: Vec<usize>,
}

impl GridCells {
    /// Queen contiguity: the up to 8 cells around each cell.
    pub fn queen(&self) -> Neighbours {
        let (nx, ny) = (self.nx as i64, self.ny as i64);
        let lists = (0..ny)
            .flat_map(|y| (0..nx).map(move |x| (x, y)))
            .map(|(x, y)| {
                let mut v = Vec::with_capacity(8);
                for dy in -1..=1 {
                    for dx in -1..=1 {
                        let (a, b) = (x + dx, y + dy);
                        if (dx, dy) != (0, 0) && (0..nx).contains(&a) && (0..ny).contains(&b) {
                            v.push((b * nx + a) as u32);
                        }
                    }
                }
                v
            })
            .collect();
        Neighbours::from_lists(lists, &format!("grid {} m, queen contiguity", self.side_m))
            .expect("grid neighbours are in range")
    }
}

/// Bins points (degrees) into square cells of `side_m` metres; with `weights` each cell holds
/// the sum of its points' weights, otherwise their number.
///
/// # Errors
/// Bad coordinates, a non-positive side, weights of the wrong length, or more than 4 million
/// cells.
///
/// ```
/// use creacity_mapping::spatial::grid_cells;
/// let g = grid_cells(&[56.0, 56.0, 56.02], &[60.0, 60.001, 60.0], 1000.0, None).unwrap();
/// assert_eq!(g.values.iter().sum::<f64>(), 3.0);
/// assert_eq!(g.values[g.cell_of_point[0]], 2.0);
/// ```
pub fn grid_cells(
    lat: &[f64],
    lon: &[f64],
    side_m: f64,
    weights: Option<&[f64]>,
) -> Result<GridCells, MappingError> {
    validate_points(lat, lon)?;
    if lat.is_empty() {
        return Err(MappingError::Empty("no points".into()));
    }
    if !(side_m.is_finite() && side_m > 0.0) {
        return Err(MappingError::InvalidParameter {
            name: "side_m",
            value: side_m.to_string(),
            expected: "a positive number of metres".into(),
        });
    }
    if let Some(w) = weights
        && w.len() != lat.len()
    {
        return Err(MappingError::Shape(format!(
            "{} weights for {} points",
            w.len(),
            lat.len()
        )));
    }
    let lat0 = (lat.iter().sum::<f64>() / lat.len() as f64).to_radians();
    let k = lat0.cos().max(1e-6);
    let dlat = (side_m / EARTH_RADIUS_M).to_degrees();
    let dlon = dlat / k;
    let (mut w, mut s) = (f64::MAX, f64::MAX);
    let (mut e, mut nn) = (f64::MIN, f64::MIN);
    for (&la, &lo) in lat.iter().zip(lon) {
        w = w.min(lo);
        e = e.max(lo);
        s = s.min(la);
        nn = nn.max(la);
    }
    let nx = ((e - w) / dlon).floor() as usize + 1;
    let ny = ((nn - s) / dlat).floor() as usize + 1;
    if nx.saturating_mul(ny) > MAX_CELLS {
        return Err(MappingError::InvalidParameter {
            name: "side_m",
            value: side_m.to_string(),
            expected: format!("a side giving at most {MAX_CELLS} cells ({nx} × {ny} asked)"),
        });
    }
    let mut values = vec![0.0; nx * ny];
    let mut cell_of_point = Vec::with_capacity(lat.len());
    for (i, (&la, &lo)) in lat.iter().zip(lon).enumerate() {
        let x = (((lo - w) / dlon).floor() as usize).min(nx - 1);
        let y = (((la - s) / dlat).floor() as usize).min(ny - 1);
        let c = y * nx + x;
        values[c] += weights.map_or(1.0, |ws| ws[i]);
        cell_of_point.push(c);
    }
    let mut centres = Vec::with_capacity(nx * ny);
    let mut bounds = Vec::with_capacity(nx * ny);
    for y in 0..ny {
        for x in 0..nx {
            let (x0, y0) = (w + x as f64 * dlon, s + y as f64 * dlat);
            centres.push((y0 + dlat / 2.0, x0 + dlon / 2.0));
            bounds.push([x0, y0, x0 + dlon, y0 + dlat]);
        }
    }
    Ok(GridCells {
        side_m,
        nx,
        ny,
        values,
        centres,
        bounds,
        cell_of_point,
    })
}
