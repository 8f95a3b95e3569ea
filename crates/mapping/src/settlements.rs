//! An open settlements table (names, types, region, district, OKTMO, coordinates, population)
//! read from CSV text, with any column names: the defaults are those of the open table
//! `hflabs/city` (`city.csv`, CC BY-SA 4.0) and of a plain `oktmo,name,type,region,district,lat,lon,population`
//! table; a [`SettlementColumns`] mapping names others.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::MappingError;

/// One settlement of the table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Settlement {
    /// OKTMO code as written (8 or 11 digits).
    pub oktmo: String,
    /// Name.
    pub name: String,
    /// Type as written (`г`, `город`, `пгт`…), if any.
    pub kind: Option<String>,
    /// Region name (with its type when the table gives it apart).
    pub region: Option<String>,
    /// District name (with its type), if any.
    pub district: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Population.
    pub population: Option<f64>,
    /// Row in the file (header = 1).
    pub row: usize,
}

/// Which column holds each field. Each field lists candidate headers; the first present in the
/// file is used, and for the name the first non-empty cell among the candidates present.
#[derive(Debug, Clone, PartialEq)]
pub struct SettlementColumns {
    fields: BTreeMap<&'static str, Vec<String>>,
}

/// The fields a settlements table can map.
pub const SETTLEMENT_FIELDS: &[&str] = &[
    "oktmo",
    "name",
    "type",
    "region",
    "region_type",
    "district",
    "district_type",
    "lat",
    "lon",
    "population",
];

impl Default for SettlementColumns {
    /// Headers of `hflabs/city` and of a plain table, in Russian too.
    fn default() -> Self {
        let c = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let mut fields = BTreeMap::new();
        fields.insert("oktmo", c(&["oktmo", "октмо"]));
        fields.insert(
            "name",
            c(&["name", "city", "settlement", "название", "наименование"]),
        );
        fields.insert("type", c(&["type", "city_type", "settlement_type", "тип"]));
        fields.insert("region", c(&["region", "регион"]));
        fields.insert("region_type", c(&["region_type"]));
        fields.insert("district", c(&["district", "area", "район"]));
        fields.insert("district_type", c(&["district_type", "area_type"]));
        fields.insert("lat", c(&["lat", "geo_lat", "latitude", "широта"]));
        fields.insert("lon", c(&["lon", "geo_lon", "longitude", "долгота"]));
        fields.insert("population", c(&["population", "население"]));
        SettlementColumns { fields }
    }
}

impl SettlementColumns {
    /// Applies a mapping written `field=header,field=header` (e.g. `name=settlement,lat=y`).
    ///
    /// # Errors
    /// [`MappingError::InvalidParameter`] for an unknown field or a pair without `=`.
    ///
    /// ```
    /// use creacity_mapping::SettlementColumns;
    /// let c = SettlementColumns::default().with_mapping("name=nazvanie,lat=y").unwrap();
    /// assert!(SettlementColumns::default().with_mapping("colour=x").is_err());
    /// # let _ = c;
    /// ```
    pub fn with_mapping(mut self, spec: &str) -> Result<Self, MappingError> {
        for pair in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (k, v) = pair
                .split_once('=')
                .ok_or_else(|| MappingError::InvalidParameter {
                    name: "columns",
                    value: pair.to_string(),
                    expected: "field=header pairs separated by commas".into(),
                })?;
            let key = SETTLEMENT_FIELDS
                .iter()
                .find(|f| **f == k.trim())
                .ok_or_else(|| MappingError::InvalidParameter {
                    name: "columns",
                    value: k.to_string(),
                    expected: format!("one of {}", SETTLEMENT_FIELDS.join(", ")),
                })?;
            self.fields.insert(key, vec![v.trim().to_string()]);
        }
        Ok(self)
    }
}

/// Reads a settlements table from CSV text (`,` or `;`, optional BOM). Rows without an OKTMO code
/// or a name are skipped (counted in the second value returned).
///
/// # Errors
/// [`MappingError::MissingColumn`] when no column holds the OKTMO code or the name;
/// [`MappingError::BadValue`] naming row and column for a number that does not read;
/// [`MappingError::CoordinateOutOfRange`] for coordinates out of range; [`MappingError::Empty`]
/// without rows.
///
/// ```
/// use creacity_mapping::{SettlementColumns, parse_settlements_csv};
/// let text = "oktmo,city_type,city,region_type,region,geo_lat,geo_lon,population\n\
///             00000000001,г,Синтетград,обл,Синтетическая,56.8,60.6,120000\n";
/// let (s, skipped) = parse_settlements_csv(text, &SettlementColumns::default()).unwrap();
/// assert_eq!((s.len(), skipped), (1, 0));
/// assert_eq!(s[0].region.as_deref(), Some("обл Синтетическая"));
/// ```
pub fn parse_settlements_csv(
    text: &str,
    columns: &SettlementColumns,
) -> Result<(Vec<Settlement>, usize), MappingError> {
    let (mut rdr, header) = crate::csv_text::with_header(text)?;
    let present = |field: &str| -> Vec<usize> {
        columns.fields[field]
            .iter()
            .filter_map(|h| header.iter().position(|x| *x == h.to_lowercase()))
            .collect()
    };
    let need = |field: &str| -> Result<Vec<usize>, MappingError> {
        let p = present(field);
        if p.is_empty() {
            Err(MappingError::MissingColumn {
                column: format!("{field} ({})", columns.fields[field].join(" | ")),
                found: header.join(", "),
            })
        } else {
            Ok(p)
        }
    };
    let oktmo = need("oktmo")?[0];
    let names = need("name")?;
    let one = |f: &str| present(f).first().copied();
    let (kind, region, region_type, district, district_type) = (
        present("type"),
        one("region"),
        one("region_type"),
        one("district"),
        one("district_type"),
    );
    let (lat, lon, population) = (one("lat"), one("lon"), one("population"));
    let mut out = Vec::new();
    let mut skipped = 0;
    for (k, rec) in rdr.records().enumerate() {
        let row = k + 2;
        let rec = rec.map_err(|e| MappingError::Csv {
            row,
            message: e.to_string(),
        })?;
        let cell = |c: Option<usize>| {
            c.and_then(|c| rec.get(c))
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        let first_of = |cs: &[usize]| cs.iter().find_map(|&c| cell(Some(c)));
        let (Some(code), Some(name)) = (cell(Some(oktmo)), first_of(&names)) else {
            skipped += 1;
            continue;
        };
        let num = |c: Option<usize>| -> Result<Option<f64>, MappingError> {
            match cell(c) {
                None => Ok(None),
                Some(s) => {
                    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
                    t.replace(',', ".").parse::<f64>().map(Some).map_err(|_| {
                        MappingError::BadValue {
                            row,
                            column: header[c.unwrap_or(0)].clone(),
                            value: s.to_string(),
                            expected: "a number / число".into(),
                        }
                    })
                }
            }
        };
        let joined = |t: Option<usize>, n: Option<usize>| match (cell(t), cell(n)) {
            (Some(t), Some(n)) => Some(format!("{t} {n}")),
            (None, Some(n)) => Some(n.to_string()),
            _ => None,
        };
        let (la, lo) = (num(lat)?, num(lon)?);
        for (field, v, lim) in [("lat", la, 90.0), ("lon", lo, 180.0)] {
            if let Some(v) = v
                && !(-lim..=lim).contains(&v)
            {
                return Err(MappingError::CoordinateOutOfRange {
                    id: code.to_string(),
                    row,
                    field,
                    value: v,
                    min: -lim,
                    max: lim,
                });
            }
        }
        out.push(Settlement {
            oktmo: code.to_string(),
            name: name.to_string(),
            kind: first_of(&kind).map(String::from),
            region: joined(region_type, region),
            district: joined(district_type, district),
            lat: la,
            lon: lo,
            population: num(population)?,
            row,
        });
    }
    if out.is_empty() {
        return Err(MappingError::Empty(
            "no settlement with an OKTMO code and a name".into(),
        ));
    }
    Ok((out, skipped))
}
