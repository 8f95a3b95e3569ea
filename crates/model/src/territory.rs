//! Territories: cities, municipalities and regions.

use serde::{Deserialize, Serialize};

use crate::{ModelError, coded_enum};

coded_enum!(
    /// The administrative kind of a territory.
    TerritoryKind, "kind", {
        /// A city or town.
        City => ("city", "city", "город"),
        /// A municipal district or okrug.
        Municipality => ("municipality", "municipality", "муниципальное образование"),
        /// A region (subject of the federation).
        Region => ("region", "region", "регион"),
    }
);

/// A territory whose creative economy is managed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Territory {
    /// Stable identifier chosen by the user.
    pub id: String,
    /// City, municipality or region.
    pub kind: TerritoryKind,
    /// Name in Russian.
    pub name_ru: String,
    /// Name in English.
    pub name_en: String,
    /// The enclosing territory (a city's region), if recorded.
    pub parent_id: Option<String>,
    /// OKTMO code (Russian territory classifier), if known.
    pub oktmo: Option<String>,
    /// Population, if known.
    pub population: Option<u64>,
    /// Latitude in degrees (WGS 84).
    pub lat: Option<f64>,
    /// Longitude in degrees (WGS 84).
    pub lon: Option<f64>,
    /// A second-tier city (not a regional capital or a national centre).
    pub second_tier: bool,
    /// An old industrial city.
    pub industrial: bool,
    /// A single-industry town (monotown).
    pub monotown: bool,
    /// True for synthetic (demo) records.
    pub synthetic: bool,
}

impl Territory {
    /// Checks identifiers and coordinates.
    ///
    /// # Errors
    /// An empty id or name, a latitude outside ±90 or a longitude outside ±180, or only one of the two.
    pub fn validate(&self) -> Result<(), ModelError> {
        if self.id.trim().is_empty() {
            return Err(ModelError::Missing { field: "id" });
        }
        if self.name_ru.trim().is_empty() && self.name_en.trim().is_empty() {
            return Err(ModelError::Missing { field: "name" });
        }
        if let Some(lat) = self.lat
            && !(-90.0..=90.0).contains(&lat)
        {
            return Err(ModelError::OutOfRange {
                field: "lat",
                value: lat,
                min: -90.0,
                max: 90.0,
            });
        }
        if let Some(lon) = self.lon
            && !(-180.0..=180.0).contains(&lon)
        {
            return Err(ModelError::OutOfRange {
                field: "lon",
                value: lon,
                min: -180.0,
                max: 180.0,
            });
        }
        if self.lat.is_some() != self.lon.is_some() {
            return Err(ModelError::Inconsistent(format!(
                "territory {}: give both lat and lon or neither",
                self.id
            )));
        }
        Ok(())
    }

    /// The name in `lang`, falling back to the other.
    pub fn name(&self, lang: crate::Lang) -> &str {
        let (a, b) = match lang {
            crate::Lang::Ru => (&self.name_ru, &self.name_en),
            crate::Lang::En => (&self.name_en, &self.name_ru),
        };
        if a.is_empty() { b } else { a }
    }
}
