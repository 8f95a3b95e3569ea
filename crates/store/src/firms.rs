//! Firms in the store: a generic firm list or the SME registry's records, one row per firm and
//! period, written with multi-row `INSERT`s (one statement per row is about two orders of
//! magnitude slower: see `docs/benchmarks/mapping.md`). The types are here; writing is in
//! `import`, reading, counting and territory matches in `query`.

mod import;
mod query;

use serde::{Deserialize, Serialize};

use crate::db::{Db, Val};
use crate::{Result, StoreError};

pub use import::{FirmImport, ROWS_PER_STATEMENT};

/// Legal form of a firm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FirmKind {
    /// A legal entity (юридическое лицо).
    Company,
    /// An individual entrepreneur (индивидуальный предприниматель).
    SoleTrader,
    /// The head of a peasant farm (глава КФХ).
    Farm,
    /// Not stated in the source.
    Unknown,
}

impl FirmKind {
    /// The code stored and written in files.
    pub fn code(self) -> &'static str {
        match self {
            FirmKind::Company => "company",
            FirmKind::SoleTrader => "sole_trader",
            FirmKind::Farm => "farm",
            FirmKind::Unknown => "unknown",
        }
    }

    /// Reads a code (as [`FirmKind::code`] writes it).
    pub fn parse(code: &str) -> Option<FirmKind> {
        Some(match code {
            "company" => FirmKind::Company,
            "sole_trader" => FirmKind::SoleTrader,
            "farm" => FirmKind::Farm,
            "unknown" => FirmKind::Unknown,
            _ => return None,
        })
    }
}

/// One firm in one period, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Firm {
    /// Identifier (INN, OGRN or the list's own); unique within a period.
    pub id: String,
    /// The snapshot the row describes: `YYYY` or `YYYY-MM`.
    pub period: String,
    /// Name.
    pub name: String,
    /// Legal form.
    pub kind: FirmKind,
    /// Size category (`micro`, `small`, `medium` in the registry), as given.
    pub category: Option<String>,
    /// Main activity code.
    pub main_code: Option<String>,
    /// Additional activity codes (all of them, in source order).
    pub other_codes: Vec<String>,
    /// The user's territory code (a workspace territory id, OKTMO, region code…).
    pub territory: Option<String>,
    /// Region code (two digits in Russia).
    pub region_code: Option<String>,
    /// Region name (with its type, as normalised by the reader).
    pub region: Option<String>,
    /// District (район) name.
    pub district: Option<String>,
    /// City name.
    pub city: Option<String>,
    /// Settlement (населённый пункт) name.
    pub settlement: Option<String>,
    /// Free-text address.
    pub address: Option<String>,
    /// OKTMO code, given or found by territory matching.
    pub oktmo: Option<String>,
    /// Latitude, WGS 84 degrees.
    pub lat: Option<f64>,
    /// Longitude, WGS 84 degrees.
    pub lon: Option<f64>,
    /// Registration (or inclusion in the registry) date, `YYYY-MM-DD`.
    pub registered: Option<String>,
    /// Exit date, `YYYY-MM-DD`.
    pub exited: Option<String>,
    /// Headcount.
    pub employees: Option<f64>,
    /// Revenue.
    pub revenue: Option<f64>,
    /// Expenditure.
    pub expenditure: Option<f64>,
    /// The file it came from; set by the import (ignored on input).
    #[serde(default)]
    pub source: String,
    /// The import journal entry that wrote it; set by the import (ignored on input).
    #[serde(default)]
    pub import_id: String,
}

impl Firm {
    /// A firm with only the required fields; the rest empty.
    pub fn new(id: impl Into<String>, period: impl Into<String>, name: impl Into<String>) -> Self {
        Firm {
            id: id.into(),
            period: period.into(),
            name: name.into(),
            kind: FirmKind::Unknown,
            category: None,
            main_code: None,
            other_codes: Vec::new(),
            territory: None,
            region_code: None,
            region: None,
            district: None,
            city: None,
            settlement: None,
            address: None,
            oktmo: None,
            lat: None,
            lon: None,
            registered: None,
            exited: None,
            employees: None,
            revenue: None,
            expenditure: None,
            source: String::new(),
            import_id: String::new(),
        }
    }
}

/// Which firms to read back. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FirmFilter {
    /// Firms whose `territory` equals this, or whose `oktmo` starts with `oktmo_prefix`.
    pub territory: Option<String>,
    /// OKTMO prefix (the region's 2 digits, a municipality's 5, a settlement's 8…).
    pub oktmo_prefix: Option<String>,
    /// Only this period.
    pub period: Option<String>,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FirmImportSummary {
    /// The journal id written into every row's `import_id`.
    pub import_id: String,
    /// New rows.
    pub inserted: usize,
    /// Rows that existed (same id and period) and were replaced.
    pub updated: usize,
    /// Rows removed first (`replace`).
    pub removed: usize,
}

/// Counts of the stored firms, for `creacity firms status`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FirmStatus {
    /// Rows.
    pub rows: i64,
    /// Distinct firm ids.
    pub firms: i64,
    /// Rows per period.
    pub periods: Vec<(String, i64)>,
    /// Rows per kind.
    pub kinds: Vec<(String, i64)>,
    /// Rows with an OKTMO code.
    pub with_oktmo: i64,
    /// Rows with coordinates.
    pub with_coordinates: i64,
    /// Rows per source file.
    pub sources: Vec<(String, i64)>,
}

/// A territory match written back into stored firms.
#[derive(Debug, Clone, PartialEq)]
pub struct FirmLocation {
    /// Firm id.
    pub id: String,
    /// Period of the row.
    pub period: String,
    /// OKTMO code found.
    pub oktmo: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
}

/// The address parts that place a firm; territory matching works on distinct places, not firms,
/// so a national list of millions of firms is matched as its few hundred thousand places.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct FirmPlace {
    /// Region name.
    pub region: Option<String>,
    /// District name.
    pub district: Option<String>,
    /// City name.
    pub city: Option<String>,
    /// Settlement name.
    pub settlement: Option<String>,
    /// The user's territory code or name.
    pub territory: Option<String>,
}

/// A match written back to every firm at one place.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceLocation {
    /// The place, as [`Workspace::firm_places`] gave it.
    pub place: FirmPlace,
    /// OKTMO code found.
    pub oktmo: String,
    /// Latitude of the settlement.
    pub lat: Option<f64>,
    /// Longitude of the settlement.
    pub lon: Option<f64>,
}

/// The stored columns, in the order of `INSERT`s and `SELECT`s.
const COLUMNS: [&str; 24] = [
    "id",
    "period",
    "name",
    "kind",
    "category",
    "main_code",
    "codes",
    "territory",
    "region_code",
    "region",
    "district",
    "city",
    "settlement",
    "address",
    "oktmo",
    "lat",
    "lon",
    "registered",
    "exited",
    "employees",
    "revenue",
    "expenditure",
    "source",
    "import_id",
];

fn count(db: &Db, sql: &str) -> Result<i64> {
    count_with(db, sql, &[])
}

fn count_with(db: &Db, sql: &str, params: &[Val]) -> Result<i64> {
    db.query(sql, params)?.first().map_or(Ok(0), |r| r.int(0))
}

/// Refuses a firm whose coordinates are out of range or half given.
fn check(f: &Firm, position: usize) -> Result<()> {
    let bad = |field: &'static str, value: String, expected: &str| {
        Err(StoreError::InvalidFirm {
            position,
            id: f.id.clone(),
            field,
            value,
            expected: expected.to_string(),
        })
    };
    if f.id.trim().is_empty() {
        return bad("id", f.id.clone(), "a non-empty identifier");
    }
    if f.period.trim().is_empty() {
        return bad("period", f.period.clone(), "YYYY or YYYY-MM");
    }
    match (f.lat, f.lon) {
        (Some(lat), _) if !(-90.0..=90.0).contains(&lat) => {
            bad("lat", lat.to_string(), "a latitude in [-90, 90]")
        }
        (_, Some(lon)) if !(-180.0..=180.0).contains(&lon) => {
            bad("lon", lon.to_string(), "a longitude in [-180, 180]")
        }
        (Some(_), None) | (None, Some(_)) => bad(
            if f.lat.is_none() { "lat" } else { "lon" },
            String::new(),
            "both coordinates or neither",
        ),
        _ => Ok(()),
    }
}
