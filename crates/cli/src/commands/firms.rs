//! `creacity firms import|status|export|match`: firm lists stored in the workspace, and territory
//! matching of their addresses to OKTMO codes and coordinates.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Subcommand, ValueEnum};
use creacity_app::TableFormat;
use creacity_app::firms::{FIRM_CHUNK_ROWS, export_firms, import_firm_list_chunked};
use creacity_mapping::address::{AddressTypes, DEFAULT_ADDRESS_TABLE_NAME};
use creacity_mapping::{
    PlaceMatch, PlaceQuery, SettlementColumns, match_place_counts, oktmo_prefix,
    parse_settlements_csv,
};
use creacity_store::{FirmFilter, PlaceLocation};

use crate::cli::Global;
use crate::output::{Progress, emit};

/// Firm lists in the workspace.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    command: FirmsCommand,
}

#[derive(Subcommand, Debug)]
enum FirmsCommand {
    /// Store a firm list (CSV/TSV/XLSX) in the workspace, all or nothing. Columns (English,
    /// Russian or key headers; only id is required): id, name, period, kind, category, main_code,
    /// other_codes, codes, territory, region_code, region, district, city, settlement, address,
    /// oktmo, lat, lon, registered, exited, employees, revenue, expenditure. The firms.csv of
    /// `creacity registry ingest --out` is read as it is. CSV/TSV and .xlsx sheets stream row by
    /// row (memory stays bounded); .xls/.ods are loaded whole.
    Import {
        /// The file.
        file: PathBuf,
        /// Period of rows without one (YYYY or YYYY-MM); default: the current year.
        #[arg(long)]
        period: Option<String>,
        /// Remove every stored firm first (same transaction).
        #[arg(long)]
        replace: bool,
    },
    /// Counts of the stored firms: periods, kinds, sources, matched and placed.
    Status {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write the stored firms as CSV or XLSX (the import columns: an export imports back), or
    /// those with coordinates as GeoJSON points.
    Export {
        /// Only firms whose territory is this, or whose OKTMO lies inside this OKTMO code.
        #[arg(long)]
        territory: Option<String>,
        /// Only this period.
        #[arg(long)]
        period: Option<String>,
        /// File format.
        #[arg(long, value_enum, default_value_t = FormatArg::Csv)]
        format: FormatArg,
        /// Output file; standard output when absent (CSV only).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Match the stored firms' region / district / city / settlement names to an open settlements
    /// table and write OKTMO codes (and coordinates, where a firm has none) into the workspace.
    ///
    /// The table is one you download: for example `city.csv` of the open repository
    /// github.com/hflabs/city (Russian cities with region, district, OKTMO, geo_lat, geo_lon and
    /// population; licence CC BY-SA 4.0), read as it is. Any other CSV works when its columns are
    /// named with --columns.
    Match {
        /// The settlements table (CSV, `,` or `;`).
        #[arg(long)]
        settlements: PathBuf,
        /// Column names of the table: `field=header,…` with fields oktmo, name, type, region,
        /// region_type, district, district_type, lat, lon, population.
        #[arg(long)]
        columns: Option<String>,
        /// Your own address-type table (CSV spelling,canonical_ru,canonical_en).
        #[arg(long)]
        address_table: Option<PathBuf>,
        /// Write the report (unmatched and ambiguous places, ranked by firm count) as CSV.
        #[arg(long)]
        report: Option<PathBuf>,
        /// Also replace coordinates that firms already have with the settlement's.
        #[arg(long)]
        overwrite_coordinates: bool,
        /// Match and report only; write nothing into the workspace.
        #[arg(long)]
        dry_run: bool,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(ValueEnum, Debug, Clone, Copy)]
enum FormatArg {
    Csv,
    Xlsx,
    Geojson,
}

/// The filter of `--territory`: the territory column, or OKTMO codes inside the code given.
pub fn territory_filter(territory: Option<&str>, period: Option<&str>) -> FirmFilter {
    FirmFilter {
        territory: territory.map(String::from),
        oktmo_prefix: territory.and_then(oktmo_prefix).map(String::from),
        period: period.map(String::from),
    }
}

/// Runs `creacity firms …`.
pub fn run(g: &Global, args: Args) -> anyhow::Result<()> {
    match args.command {
        FirmsCommand::Import {
            file,
            period,
            replace,
        } => {
            let mut ws = super::open(g)?;
            // CSV/TSV stream in chunks (bounded memory); the spinner counts rows on a terminal.
            let progress = Progress::start("reading firms / чтение фирм");
            let r = import_firm_list_chunked(
                &mut ws,
                &file,
                period.as_deref(),
                replace,
                FIRM_CHUNK_ROWS,
                |rows| progress.step(&format!("{rows} rows read / строк прочитано")),
            );
            progress.finish();
            let r = r?;
            eprintln!(
                "{}: {} firms stored ({} new, {} replaced{}){}",
                r.source,
                r.firms,
                r.summary.inserted,
                r.summary.updated,
                if replace {
                    format!(", {} removed first", r.summary.removed)
                } else {
                    String::new()
                },
                r.period_assumed
                    .map(|p| format!(
                        "; the file has no period column: stored as period {p} (set --period)"
                    ))
                    .unwrap_or_default()
            );
            Ok(())
        }
        FirmsCommand::Status { json } => {
            let ws = super::open(g)?;
            let s = ws.firm_status()?;
            if json {
                return crate::output::json(&s);
            }
            let pct = |n: i64| {
                if s.rows > 0 {
                    format!("{:.1}%", 100.0 * n as f64 / s.rows as f64)
                } else {
                    "-".into()
                }
            };
            let mut out = format!(
                "firms: {} rows, {} distinct ids\nwith OKTMO: {} ({})\nwith coordinates: {} ({})\n",
                s.rows,
                s.firms,
                s.with_oktmo,
                pct(s.with_oktmo),
                s.with_coordinates,
                pct(s.with_coordinates)
            );
            for (title, list) in [
                ("periods", &s.periods),
                ("kinds", &s.kinds),
                ("sources", &s.sources),
            ] {
                let _ = writeln!(out, "{title}:");
                for (k, n) in list {
                    let _ = writeln!(out, "  {k}\t{n}");
                }
            }
            emit(None, out.as_bytes())
        }
        FirmsCommand::Export {
            territory,
            period,
            format,
            out,
        } => {
            let ws = super::open(g)?;
            let filter = territory_filter(territory.as_deref(), period.as_deref());
            let format = match format {
                FormatArg::Csv => TableFormat::Csv,
                FormatArg::Xlsx => TableFormat::Xlsx,
                FormatArg::Geojson => {
                    let text = firms_geojson(&ws.firms(&filter)?)?;
                    return emit(out.as_deref(), text.as_bytes());
                }
            };
            if matches!(format, TableFormat::Xlsx) && out.is_none() {
                anyhow::bail!("--format xlsx needs --out FILE.xlsx");
            }
            let bytes = export_firms(&ws, &filter, format)?;
            emit(out.as_deref(), &bytes)
        }
        FirmsCommand::Match {
            settlements,
            columns,
            address_table,
            report,
            overwrite_coordinates,
            dry_run,
            json,
        } => {
            let text = std::fs::read_to_string(&settlements)
                .with_context(|| format!("reading {}", settlements.display()))?;
            let mut cols = SettlementColumns::default();
            if let Some(spec) = &columns {
                cols = cols.with_mapping(spec)?;
            }
            let (table, skipped) = parse_settlements_csv(&text, &cols)
                .with_context(|| format!("in {}", settlements.display()))?;
            let (types, types_name) = match &address_table {
                Some(p) => {
                    let t = std::fs::read_to_string(p)
                        .with_context(|| format!("reading {}", p.display()))?;
                    (
                        AddressTypes::from_csv(&t)
                            .with_context(|| format!("in {}", p.display()))?,
                        file_label(p),
                    )
                }
                None => (
                    AddressTypes::default(),
                    DEFAULT_ADDRESS_TABLE_NAME.to_string(),
                ),
            };
            let mut ws = super::open(g)?;
            // Matching works on the distinct places, each with its number of firms.
            let places = ws.firm_places()?;
            if places.is_empty() {
                anyhow::bail!(
                    "no firms in the workspace: store some with `creacity firms import FILE` or `creacity registry ingest ZIP…`"
                );
            }
            let queries: Vec<PlaceQuery> = places
                .iter()
                .map(|(p, _)| PlaceQuery {
                    region: p.region.clone(),
                    district: p.district.clone(),
                    city: p.city.clone(),
                    settlement: p.settlement.clone(),
                    // A territory that is a code is not a place name.
                    territory: p
                        .territory
                        .clone()
                        .filter(|t| !t.bytes().all(|b| b.is_ascii_digit())),
                })
                .collect();
            let counts: Vec<usize> = places.iter().map(|(_, n)| *n).collect();
            let (matches, rep) = match_place_counts(&table, &queries, &counts, &types, &types_name);
            let locations: Vec<PlaceLocation> = places
                .iter()
                .zip(&matches)
                .filter_map(|((p, _), m)| match m {
                    PlaceMatch::Matched { settlement, .. } => {
                        let s = &table[*settlement];
                        let both = s.lat.is_some() && s.lon.is_some();
                        Some(PlaceLocation {
                            place: p.clone(),
                            oktmo: s.oktmo.clone(),
                            lat: s.lat.filter(|_| both),
                            lon: s.lon.filter(|_| both),
                        })
                    }
                    _ => None,
                })
                .collect();
            let written = if dry_run {
                0
            } else {
                ws.set_place_locations(&locations, overwrite_coordinates)?
            };
            eprintln!(
                "{} firms, {} settlements ({} rows skipped without code or name): {} matched ({:.1}%), {} ambiguous, {} unmatched in {} places, {} without any place name; {} rows written{}",
                rep.firms,
                rep.settlements,
                skipped,
                rep.matched,
                100.0 * rep.share_matched,
                rep.ambiguous_firms,
                rep.unmatched.iter().map(|u| u.firms).sum::<usize>(),
                rep.unmatched.len(),
                rep.no_place,
                written,
                if dry_run { " (dry run)" } else { "" }
            );
            for u in rep.unmatched.iter().take(10) {
                eprintln!("  unmatched: {} ({} firms)", u.place, u.firms);
            }
            if !dry_run {
                // Kept with the mapping results, so the report shows how well firms were placed.
                let mut stored = rep.clone();
                stored.unmatched.truncate(50);
                stored.ambiguous.truncate(50);
                let provenance = creacity_model::Provenance {
                    tool_version: env!("CARGO_PKG_VERSION").to_string(),
                    method: "creacity-mapping territory-match".into(),
                    parameters: serde_json::json!({"columns": columns,
                        "overwrite_coordinates": overwrite_coordinates})
                    .to_string(),
                    data: vec![types_name.clone()],
                    inputs: vec![file_label(&settlements)],
                    created_at: String::new(),
                };
                let body = serde_json::json!({"kind": "territory-match", "result": stored});
                ws.save_analysis("mapping", None, &body, &provenance)?;
            }
            if let Some(path) = &report {
                let mut csv = String::from("status,place,firms,candidates\n");
                for u in &rep.unmatched {
                    let _ = writeln!(csv, "unmatched,{},{},", cell(&u.place), u.firms);
                }
                for a in &rep.ambiguous {
                    let _ = writeln!(
                        csv,
                        "ambiguous,{},{},{}",
                        cell(&a.place),
                        a.firms,
                        cell(&a.candidates.join(" | "))
                    );
                }
                emit(Some(path), csv.as_bytes())?;
            }
            if json {
                return crate::output::json(&rep);
            }
            Ok(())
        }
    }
}

/// Firms with coordinates as an RFC 7946 FeatureCollection of Points (`[lon, lat]`).
fn firms_geojson(firms: &[creacity_store::Firm]) -> anyhow::Result<String> {
    let features: Vec<serde_json::Value> = firms
        .iter()
        .filter_map(|f| {
            let (lat, lon) = (f.lat?, f.lon?);
            Some(serde_json::json!({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "id": f.id, "name": f.name, "period": f.period, "kind": f.kind.code(),
                    "main_code": f.main_code, "other_codes": f.other_codes.join(";"),
                    "territory": f.territory, "oktmo": f.oktmo, "employees": f.employees,
                    "revenue": f.revenue,
                }
            }))
        })
        .collect();
    let fc = serde_json::json!({"type": "FeatureCollection", "features": features});
    Ok(serde_json::to_string(&fc)? + "\n")
}

fn file_label(p: &std::path::Path) -> String {
    p.file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
