//! Stored firms written back out as CSV or XLSX, in the columns the import reads.

use creacity_ingest::columns::Column;
use creacity_store::{Firm, FirmFilter, Workspace};

use super::col;
use crate::records::TableFormat;
use crate::{AppError, Result};

/// The header of exported firm lists: the import columns (an export imports back unchanged).
pub const EXPORT_HEADER: &[&str] = &[
    "id",
    "name",
    "period",
    "kind",
    "category",
    "main_code",
    "other_codes",
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
];

fn cells(f: &Firm) -> Vec<String> {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    let n = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    vec![
        f.id.clone(),
        f.name.clone(),
        f.period.clone(),
        f.kind.code().into(),
        o(&f.category),
        o(&f.main_code),
        f.other_codes.join(";"),
        o(&f.territory),
        o(&f.region_code),
        o(&f.region),
        o(&f.district),
        o(&f.city),
        o(&f.settlement),
        o(&f.address),
        o(&f.oktmo),
        n(f.lat),
        n(f.lon),
        o(&f.registered),
        o(&f.exited),
        n(f.employees),
        n(f.revenue),
        n(f.expenditure),
    ]
}

/// The stored firms (filtered) as CSV or XLSX bytes. In workbooks only coordinates and amounts
/// are numbers; ids, codes and OKTMO stay text so leading zeros survive.
///
/// # Errors
/// A store or XLSX error.
pub fn export_firms(ws: &Workspace, filter: &FirmFilter, format: TableFormat) -> Result<Vec<u8>> {
    let firms = ws.firms(filter)?;
    let rows: Vec<Vec<String>> = firms.iter().map(cells).collect();
    let columns: Vec<Column> = EXPORT_HEADER.iter().map(|k| col(k, k, k, false)).collect();
    match format {
        TableFormat::Csv => Ok(creacity_ingest::write_csv(&columns, &rows).into_bytes()),
        TableFormat::Xlsx => creacity_ingest::write_xlsx(&columns, &rows, "firms")
            .map_err(|e| AppError::Xlsx(e.to_string())),
    }
}
