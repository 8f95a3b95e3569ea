//! Shared helpers of the `map` commands: reading inputs, CSV cells, XLSX output, storing results.

use std::path::{Path, PathBuf};

use anyhow::Context;
use creacity_mapping::spatial::{PointTable, parse_points_csv};

use crate::cli::Global;
use crate::output::emit;

pub(super) fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

pub(super) fn name(path: &Path) -> String {
    format!("in {}", path.display())
}

/// A CSV cell, quoted when it holds a separator, quote or line break.
pub(super) fn cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub(super) fn opt(v: Option<f64>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

pub(super) fn num(v: f64) -> String {
    if v.is_finite() {
        v.to_string()
    } else {
        String::new()
    }
}

/// Stores a result as `{ "kind": …, "result": … }` with its provenance.
pub(super) fn store(
    g: &Global,
    kind: &str,
    result: &impl serde::Serialize,
    parameters: serde_json::Value,
    inputs: &[&Path],
    data: Vec<String>,
) -> anyhow::Result<()> {
    let provenance = crate::commands::file_provenance(
        format!("creacity-mapping {kind}"),
        &parameters,
        inputs,
        data,
    );
    let id = crate::commands::save_result(g, "mapping", kind, result, &provenance)?;
    eprintln!("stored as {id}");
    Ok(())
}

/// Points from a CSV file, or the workspace's firms with coordinates (the newest period of each).
pub(super) fn load_points(
    g: &Global,
    points: Option<&Path>,
    value: Option<&str>,
) -> anyhow::Result<(PointTable, PathBuf)> {
    if let Some(path) = points {
        let t = parse_points_csv(&read(path)?, value).with_context(|| name(path))?;
        return Ok((t, path.to_path_buf()));
    }
    let ws = crate::commands::open(g)?;
    let mut newest: std::collections::BTreeMap<String, creacity_store::Firm> = Default::default();
    for f in ws.firms(&creacity_store::FirmFilter::default())? {
        if f.lat.is_some() && f.lon.is_some() {
            // Firms come ordered by id and period, so the last one seen is the newest.
            newest.insert(f.id.clone(), f);
        }
    }
    if newest.is_empty() {
        anyhow::bail!(
            "no stored firm has coordinates: give --points FILE.csv, import firms with lat/lon, or run `creacity firms match --settlements …`"
        );
    }
    let mut t = PointTable {
        ids: Vec::new(),
        lat: Vec::new(),
        lon: Vec::new(),
        values: value.map(|_| Vec::new()),
    };
    for (id, f) in newest {
        let v = match value {
            None => None,
            Some("employees") => Some(f.employees.unwrap_or(0.0)),
            Some("revenue") => Some(f.revenue.unwrap_or(0.0)),
            Some("expenditure") => Some(f.expenditure.unwrap_or(0.0)),
            Some(other) => anyhow::bail!(
                "--value {other}: stored firms have employees, revenue and expenditure"
            ),
        };
        t.ids.push(id);
        t.lat.push(f.lat.unwrap_or_default());
        t.lon.push(f.lon.unwrap_or_default());
        if let (Some(vs), Some(v)) = (t.values.as_mut(), v) {
            vs.push(v);
        }
    }
    Ok((t, PathBuf::from("workspace firms")))
}

pub(super) fn write_xlsx(path: &Path, sheets: &[(String, String)]) -> anyhow::Result<()> {
    let bytes =
        creacity_ingest::csv_sheets_to_xlsx(sheets).map_err(|e| anyhow::anyhow!("xlsx: {e}"))?;
    emit(Some(path), &bytes)
}
