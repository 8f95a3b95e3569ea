//! Firm points (id, latitude, longitude, optional value) and their reader from CSV text.

use serde::{Deserialize, Serialize};

use crate::MappingError;

/// One point in WGS 84 degrees.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GeoPoint {
    /// Identifier (firm id, cell id…).
    pub id: String,
    /// Latitude in degrees, −90…90.
    pub lat: f64,
    /// Longitude in degrees, −180…180.
    pub lon: f64,
}

/// Points in columns, as read from a CSV file; `values` holds the chosen value column if any.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct PointTable {
    /// Identifiers.
    pub ids: Vec<String>,
    /// Latitudes in degrees.
    pub lat: Vec<f64>,
    /// Longitudes in degrees.
    pub lon: Vec<f64>,
    /// The value column, when one was asked for.
    pub values: Option<Vec<f64>>,
}

impl PointTable {
    /// Number of points.
    pub fn len(&self) -> usize {
        self.ids.len()
    }
    /// True when there are no points.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
    /// Builds a table from points.
    pub fn from_points(points: &[GeoPoint]) -> Self {
        Self {
            ids: points.iter().map(|p| p.id.clone()).collect(),
            lat: points.iter().map(|p| p.lat).collect(),
            lon: points.iter().map(|p| p.lon).collect(),
            values: None,
        }
    }
}

const ID: &[&str] = &["id", "firm_id", "ид"];
const LAT: &[&str] = &["lat", "latitude", "y", "широта"];
const LON: &[&str] = &["lon", "lng", "long", "longitude", "x", "долгота"];

/// Reads points from CSV text with a header naming `id`, `lat` and `lon` (also `latitude`,
/// `longitude`, `lng`, `широта`, `долгота`; any case), and, when `value_column` is given, that
/// column as numbers. Separator `,` or `;`.
///
/// # Errors
/// A missing column, a non-number (row and column named), coordinates out of range, a
/// duplicate id, or no rows.
///
/// ```
/// use creacity_mapping::spatial::parse_points_csv;
/// let t = parse_points_csv("id,lat,lon,n\na,56.8,60.6,3\n", Some("n")).unwrap();
/// assert_eq!(t.values.unwrap(), vec![3.0]);
/// ```
pub fn parse_points_csv(
    text: &str,
    value_column: Option<&str>,
) -> Result<PointTable, MappingError> {
    let (mut rdr, header) = crate::csv_text::with_header(text)?;
    let find = |names: &[&str], label: &str| {
        header
            .iter()
            .position(|h| names.contains(&h.as_str()))
            .ok_or_else(|| MappingError::MissingColumn {
                column: label.to_string(),
                found: header.join(", "),
            })
    };
    let (ci, cla, clo) = (find(ID, "id")?, find(LAT, "lat")?, find(LON, "lon")?);
    let cv = match value_column {
        Some(v) => Some(find(&[v.to_lowercase().as_str()], v)?),
        None => None,
    };
    let mut t = PointTable {
        values: cv.map(|_| Vec::new()),
        ..Default::default()
    };
    let mut seen = std::collections::HashMap::new();
    for (k, rec) in rdr.records().enumerate() {
        let row = k + 2;
        let rec = rec.map_err(|e| MappingError::Csv {
            row,
            message: e.to_string(),
        })?;
        if rec.iter().all(str::is_empty) {
            continue;
        }
        let cell = |c: usize| rec.get(c).unwrap_or("");
        let num = |c: usize, name: &str| -> Result<f64, MappingError> {
            let s = cell(c);
            s.replace(',', ".")
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| MappingError::BadValue {
                    row,
                    column: name.to_string(),
                    value: s.to_string(),
                    expected: "a number / число".into(),
                })
        };
        let id = cell(ci).to_string();
        if id.is_empty() {
            return Err(MappingError::BadValue {
                row,
                column: header[ci].clone(),
                value: String::new(),
                expected: "a non-empty id / непустой идентификатор".into(),
            });
        }
        let lat = num(cla, &header[cla])?;
        let lon = num(clo, &header[clo])?;
        check_coord(&id, row, lat, lon)?;
        if let Some(first) = seen.insert(id.clone(), row) {
            return Err(MappingError::Duplicate {
                what: "point id",
                id,
                first,
                second: row,
            });
        }
        if let (Some(c), Some(vs)) = (cv, t.values.as_mut()) {
            vs.push(num(c, &header[c])?);
        }
        t.ids.push(id);
        t.lat.push(lat);
        t.lon.push(lon);
    }
    if t.is_empty() {
        return Err(MappingError::Empty("no points after the header".into()));
    }
    Ok(t)
}

/// Checks every coordinate; positions in errors are 1-based.
///
/// # Errors
/// [`MappingError::CoordinateOutOfRange`] for the first latitude outside ±90 or longitude
/// outside ±180 (or not finite); [`MappingError::Shape`] if the slices differ in length.
pub fn validate_points(lat: &[f64], lon: &[f64]) -> Result<(), MappingError> {
    if lat.len() != lon.len() {
        return Err(MappingError::Shape(format!(
            "{} latitudes, {} longitudes",
            lat.len(),
            lon.len()
        )));
    }
    for (k, (&la, &lo)) in lat.iter().zip(lon).enumerate() {
        check_coord(&format!("#{}", k + 1), k + 1, la, lo)?;
    }
    Ok(())
}

fn check_coord(id: &str, row: usize, lat: f64, lon: f64) -> Result<(), MappingError> {
    if !(-90.0..=90.0).contains(&lat) {
        return Err(MappingError::CoordinateOutOfRange {
            id: id.to_string(),
            row,
            field: "lat",
            value: lat,
            min: -90.0,
            max: 90.0,
        });
    }
    if !(-180.0..=180.0).contains(&lon) {
        return Err(MappingError::CoordinateOutOfRange {
            id: id.to_string(),
            row,
            field: "lon",
            value: lon,
            min: -180.0,
            max: 180.0,
        });
    }
    Ok(())
}
