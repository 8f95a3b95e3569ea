//! `creacity map aggregate|indices|clusters|hotspots`: the mapping engine (issue #5) on plain CSV files.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Subcommand, ValueEnum};
use creacity_mapping::indices::{IndexParams, IndexReport, RelatednessMethod, compute_indices};
use creacity_mapping::spatial::{
    Clustering, DbscanParams, HdbscanParams, HotSpotParams, Neighbours, PointTable,
    WeightTransform, cluster_hulls, clusters_geojson, getis_ord, grid_cells, hotspot_class,
    hotspots_geojson, parse_points_csv,
};
use creacity_mapping::taxonomy::{
    BuiltinTaxonomy, ClassificationMode, Classifier, CodeSystem, Taxonomy, builtin,
};
use creacity_mapping::{Matrix, aggregate, parse_firm_facts_csv};
use creacity_model::Lang;

use crate::cli::Global;
use crate::output::{Progress, emit};

/// Arguments of `creacity map`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    command: MapCommand,
}

#[derive(Subcommand, Debug)]
enum MapCommand {
    /// Firms CSV → territory × sector × period table (firms, employees, revenue, shares, growth,
    /// entries, exits).
    Aggregate {
        /// Firms CSV: id, territory, period, main_code[, other_codes, employees, revenue,
        /// registered, exited]. Without it, the firms stored in the workspace are used.
        #[arg(long)]
        firms: Option<PathBuf>,
        /// With firms from the workspace: which territory each firm counts in.
        #[arg(long, value_enum, default_value_t = ByArg::Territory)]
        by: ByArg,
        /// A shipped taxonomy, or `--taxonomy-file` for your own.
        #[arg(long, value_enum, default_value_t = TaxonomyArg::RuCreativeOkved2)]
        taxonomy: TaxonomyArg,
        /// Your own taxonomy file (TOML, see data/taxonomies/).
        #[arg(long)]
        taxonomy_file: Option<PathBuf>,
        /// Code system of the firms' codes.
        #[arg(long, value_enum, default_value_t = SystemArg::Okved2)]
        codes: SystemArg,
        /// Which codes make a firm creative.
        #[arg(long, value_enum, default_value_t = ModeArg::Main)]
        mode: ModeArg,
        /// Weight of the main code in `--mode weighted`.
        #[arg(long, default_value_t = 0.5)]
        main_share: f64,
        /// Count codes shallower than a rule (e.g. 59.2 for 59.20) as creative.
        #[arg(long)]
        accept_coarser: bool,
        /// Output file (CSV); standard output when absent.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Print JSON (with the classification summary) instead of CSV.
        #[arg(long)]
        json: bool,
        /// Also write the table as an XLSX workbook.
        #[arg(long)]
        xlsx: Option<PathBuf>,
        /// Store the result in the workspace.
        #[arg(long)]
        save: bool,
    },
    /// EconGeo indices of a territory × sector matrix (CSV: rows territories, columns sectors).
    Indices {
        /// The matrix CSV.
        #[arg(long)]
        matrix: PathBuf,
        /// Relatedness normalisation.
        #[arg(long, value_enum, default_value_t = RelArg::Prob)]
        relatedness: RelArg,
        /// Output file; standard output when absent.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Print JSON (every index, matrices included) instead of CSV tables.
        #[arg(long)]
        json: bool,
        /// Also write the tables as an XLSX workbook (one sheet each).
        #[arg(long)]
        xlsx: Option<PathBuf>,
        /// Store the result in the workspace.
        #[arg(long)]
        save: bool,
    },
    /// DBSCAN or HDBSCAN clusters of points (CSV: id, lat, lon) on the haversine metric.
    Clusters {
        /// Points CSV; without it, the workspace's firms with coordinates (newest period of each).
        #[arg(long)]
        points: Option<PathBuf>,
        /// Method.
        #[arg(long, value_enum, default_value_t = MethodArg::Dbscan)]
        method: MethodArg,
        /// DBSCAN radius in metres.
        #[arg(long, default_value_t = 500.0)]
        eps_m: f64,
        /// Core-point threshold (the point itself counted).
        #[arg(long, default_value_t = 5)]
        min_samples: usize,
        /// HDBSCAN smallest cluster.
        #[arg(long, default_value_t = 5)]
        min_cluster_size: usize,
        /// Labels CSV (id, lat, lon, label; -1 is noise).
        #[arg(long)]
        out: PathBuf,
        /// Also write hulls and labelled points as GeoJSON.
        #[arg(long)]
        geojson: Option<PathBuf>,
        /// Store the result in the workspace.
        #[arg(long)]
        save: bool,
    },
    /// Local Getis-Ord Gi / Gi* hot spots of a value over points (CSV: id, lat, lon, value).
    Hotspots {
        /// Points CSV; without it, the workspace's firms with coordinates (value columns:
        /// employees, revenue, expenditure).
        #[arg(long)]
        points: Option<PathBuf>,
        /// The value column; without it every point counts 1 (use with --grid-m).
        #[arg(long)]
        value: Option<String>,
        /// Distance band in metres (neighbours within it).
        #[arg(long, default_value_t = 1000.0)]
        band_m: f64,
        /// Bin points into square cells of this side (metres) and analyse the cells (queen
        /// contiguity) instead of the points.
        #[arg(long)]
        grid_m: Option<f64>,
        /// Gi* (the point counted in its own neighbourhood).
        #[arg(long)]
        star: bool,
        /// Weights.
        #[arg(long, value_enum, default_value_t = TransformArg::Row)]
        transform: TransformArg,
        /// Results CSV (id, lat, lon, value, g, z, p_norm, class).
        #[arg(long)]
        out: PathBuf,
        /// Also write GeoJSON.
        #[arg(long)]
        geojson: Option<PathBuf>,
        /// Store the result in the workspace.
        #[arg(long)]
        save: bool,
    },
}

/// Which stored field places a firm in a territory.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq)]
enum ByArg {
    /// The firm's territory code, else its OKTMO code, else its region code.
    Territory,
    /// The OKTMO code (after `creacity firms match`).
    Oktmo,
    /// The municipality: the first 5 digits of the OKTMO code.
    Municipality,
    /// The region code.
    RegionCode,
}

#[derive(ValueEnum, Debug, Clone, Copy)]
enum TaxonomyArg {
    UkDcmsSic2007,
    RuCreativeOkved2,
    EurostatCultureNace2,
    UnescoFcs2009,
    UsArtsNaics,
}

#[derive(ValueEnum, Debug, Clone, Copy)]
enum SystemArg {
    Okved2,
    Nace2,
    Sic2007,
    Isic4,
    Naics,
}

#[derive(ValueEnum, Debug, Clone, Copy)]
enum ModeArg {
    Main,
    Any,
    Weighted,
}

#[derive(ValueEnum, Debug, Clone, Copy)]
enum RelArg {
    Prob,
    Association,
    Cosine,
    Jaccard,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq)]
enum MethodArg {
    Dbscan,
    Hdbscan,
}

#[derive(ValueEnum, Debug, Clone, Copy)]
enum TransformArg {
    Binary,
    Row,
}

/// Runs `creacity map`.
pub fn run(g: &Global, args: Args) -> anyhow::Result<()> {
    match args.command {
        MapCommand::Aggregate {
            firms,
            by,
            taxonomy,
            taxonomy_file,
            codes,
            mode,
            main_share,
            accept_coarser,
            out,
            json: as_json,
            xlsx,
            save,
        } => {
            let (facts, source) = match &firms {
                Some(path) => (
                    parse_firm_facts_csv(&read(path)?).with_context(|| name(path))?,
                    path.clone(),
                ),
                None => (
                    facts_from_workspace(&super::open(g)?, by)?,
                    PathBuf::from("workspace firms"),
                ),
            };
            let firms = source;
            let tax = match &taxonomy_file {
                Some(p) => Taxonomy::from_toml_str(&read(p)?).with_context(|| name(p))?,
                None => builtin(builtin_of(taxonomy)),
            };
            let mode = match mode {
                ModeArg::Main => ClassificationMode::Main,
                ModeArg::Any => ClassificationMode::Any,
                ModeArg::Weighted => ClassificationMode::Weighted { main_share },
            };
            let c = Classifier::new(&tax, system_of(codes), mode, accept_coarser)?;
            let table = aggregate(&facts, &c).with_context(|| name(&firms))?;
            let s = &table.summary;
            eprintln!(
                "{} firms: {} creative by main code, {} by any code ({}); {} invalid codes",
                s.n_firms,
                s.creative_by_main,
                s.creative_by_any,
                tax.label(),
                s.invalid_codes.values().sum::<usize>()
            );
            if save {
                let params = serde_json::json!({"mode": mode, "accept_coarser": accept_coarser});
                store(g, "aggregate", &table, params, &[&firms], vec![tax.label()])?;
            }
            let mut csv = String::from(
                "territory,sector,period,firms,employees,revenue,share_of_all_firms,share_of_creative,growth,entries,exits\n",
            );
            for r in &table.rows {
                writeln!(
                    csv,
                    "{},{},{},{},{},{},{},{},{},{},{}",
                    cell(&r.territory),
                    cell(&r.sector),
                    r.period,
                    r.firms,
                    opt(r.employees),
                    opt(r.revenue),
                    r.share_of_all_firms,
                    r.share_of_creative,
                    opt(r.growth),
                    r.entries,
                    r.exits
                )?;
            }
            if let Some(path) = &xlsx {
                write_xlsx(path, &[("aggregate".into(), csv.clone())])?;
            }
            if as_json {
                let text = serde_json::to_string_pretty(&table)? + "\n";
                return emit(out.as_deref(), text.as_bytes());
            }
            emit(out.as_deref(), csv.as_bytes())
        }
        MapCommand::Indices {
            matrix,
            relatedness,
            out,
            json: as_json,
            xlsx,
            save,
        } => {
            let m = Matrix::from_csv_str(&read(&matrix)?).with_context(|| name(&matrix))?;
            let method = match relatedness {
                RelArg::Prob => RelatednessMethod::Prob,
                RelArg::Association => RelatednessMethod::Association,
                RelArg::Cosine => RelatednessMethod::Cosine,
                RelArg::Jaccard => RelatednessMethod::Jaccard,
            };
            let params = IndexParams::builder().relatedness(method).build(&m)?;
            let report = compute_indices(&m, &params);
            if save {
                store(
                    g,
                    "indices",
                    &report,
                    serde_json::to_value(&params)?,
                    &[&matrix],
                    vec![],
                )?;
            }
            let tables = indices_csv(&report);
            if let Some(path) = &xlsx {
                let names = ["territories", "sectors", "territory x sector"];
                let sheets: Vec<(String, String)> = tables
                    .split("\n\n")
                    .zip(names)
                    .map(|(t, n)| (n.to_string(), t.to_string()))
                    .collect();
                write_xlsx(path, &sheets)?;
            }
            if as_json {
                let text = serde_json::to_string_pretty(&report)? + "\n";
                return emit(out.as_deref(), text.as_bytes());
            }
            emit(out.as_deref(), tables.as_bytes())
        }
        MapCommand::Clusters {
            points,
            method,
            eps_m,
            min_samples,
            min_cluster_size,
            out,
            geojson,
            save,
        } => {
            let (t, points) = load_points(g, points.as_deref(), None)?;
            let progress = Progress::start("clustering");
            let c = if method == MethodArg::Dbscan {
                let p = DbscanParams::builder()
                    .eps_m(eps_m)
                    .min_samples(min_samples)
                    .build()?;
                creacity_mapping::spatial::dbscan(&t.lat, &t.lon, &p)?
            } else {
                let p = HdbscanParams::builder()
                    .min_cluster_size(min_cluster_size)
                    .min_samples(min_samples)
                    .build()?;
                creacity_mapping::spatial::hdbscan(&t.lat, &t.lon, &p)?
            };
            progress.finish();
            eprintln!(
                "{} points: {} clusters, {} noise ({})",
                t.len(),
                c.n_clusters,
                c.n_noise,
                c.method
            );
            let mut csv = String::from("id,lat,lon,label\n");
            for i in 0..t.len() {
                writeln!(
                    csv,
                    "{},{},{},{}",
                    cell(&t.ids[i]),
                    t.lat[i],
                    t.lon[i],
                    c.labels[i]
                )?;
            }
            emit(Some(&out), csv.as_bytes())?;
            if let Some(path) = geojson {
                let hulls = cluster_hulls(&t.lat, &t.lon, &c);
                emit(
                    Some(&path),
                    clusters_geojson(&t, &c, &hulls, true).as_bytes(),
                )?;
            }
            if save {
                let summary = cluster_summary(&c, &t);
                store(
                    g,
                    "clusters",
                    &summary,
                    serde_json::json!({"method": c.method}),
                    &[&points],
                    vec![],
                )?;
            }
            Ok(())
        }
        MapCommand::Hotspots {
            points,
            value,
            band_m,
            grid_m,
            star,
            transform,
            out,
            geojson,
            save,
        } => {
            let (t, points) = load_points(g, points.as_deref(), value.as_deref())?;
            let params = HotSpotParams::builder()
                .star(star)
                .transform(match transform {
                    TransformArg::Binary => WeightTransform::Binary,
                    TransformArg::Row => WeightTransform::Row,
                })
                .build();
            // On a grid the cells are the observations; on points, the points.
            let (obs, values, nb) = match grid_m {
                Some(side) => {
                    let cells = grid_cells(&t.lat, &t.lon, side, t.values.as_deref())?;
                    let nb = cells.queen();
                    let obs = PointTable {
                        ids: (0..cells.values.len())
                            .map(|k| format!("cell{k}"))
                            .collect(),
                        lat: cells.centres.iter().map(|c| c.0).collect(),
                        lon: cells.centres.iter().map(|c| c.1).collect(),
                        values: None,
                    };
                    (obs, cells.values, nb)
                }
                None => {
                    let values = t.values.clone().ok_or_else(|| {
                        anyhow::anyhow!("--value COLUMN is needed unless --grid-m is given")
                    })?;
                    let nb = Neighbours::distance_band_haversine(&t.lat, &t.lon, band_m)?;
                    (t.clone(), values, nb)
                }
            };
            let r = getis_ord(&values, &nb, &params)?;
            let mut csv = String::from("id,lat,lon,value,g,z,p_norm,class\n");
            let mut classes = std::collections::BTreeMap::<&str, usize>::new();
            for (i, value) in values.iter().enumerate() {
                let class = hotspot_class(r.z[i]);
                *classes.entry(class).or_default() += 1;
                writeln!(
                    csv,
                    "{},{},{},{},{},{},{},{}",
                    cell(&obs.ids[i]),
                    obs.lat[i],
                    obs.lon[i],
                    value,
                    num(r.g[i]),
                    num(r.z[i]),
                    num(r.p_norm[i]),
                    class
                )?;
            }
            eprintln!("{} observations ({}): {classes:?}", obs.len(), r.method);
            emit(Some(&out), csv.as_bytes())?;
            if let Some(path) = geojson {
                emit(Some(&path), hotspots_geojson(&obs, &values, &r).as_bytes())?;
            }
            if save {
                // The map draws every observation when there are few, else the significant ones.
                let spots: Vec<serde_json::Value> = (0..obs.len())
                    .filter(|&i| r.z[i].is_finite() && (obs.len() <= 5000 || r.z[i].abs() >= 1.645))
                    .map(|i| serde_json::json!([obs.lat[i], obs.lon[i], r.z[i]]))
                    .collect();
                let summary = serde_json::json!({"method": r.method, "classes": classes,
                                                 "observations": obs.len(), "spots": spots,
                                                 "grid_m": grid_m});
                store(
                    g,
                    "hotspots",
                    &summary,
                    serde_json::to_value(params)?,
                    &[&points],
                    vec![],
                )?;
            }
            Ok(())
        }
    }
}

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

fn name(path: &Path) -> String {
    format!("in {}", path.display())
}

fn builtin_of(t: TaxonomyArg) -> BuiltinTaxonomy {
    match t {
        TaxonomyArg::UkDcmsSic2007 => BuiltinTaxonomy::UkDcmsSic2007,
        TaxonomyArg::RuCreativeOkved2 => BuiltinTaxonomy::RuCreativeOkved2,
        TaxonomyArg::EurostatCultureNace2 => BuiltinTaxonomy::EurostatCultureNace2,
        TaxonomyArg::UnescoFcs2009 => BuiltinTaxonomy::UnescoFcs2009,
        TaxonomyArg::UsArtsNaics => BuiltinTaxonomy::UsArtsNaics,
    }
}

fn system_of(s: SystemArg) -> CodeSystem {
    match s {
        SystemArg::Okved2 => CodeSystem::Okved2,
        SystemArg::Nace2 => CodeSystem::Nace2,
        SystemArg::Sic2007 => CodeSystem::Sic2007,
        SystemArg::Isic4 => CodeSystem::Isic4,
        SystemArg::Naics => CodeSystem::Naics,
    }
}

/// A CSV cell, quoted when it holds a separator, quote or line break.
fn cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn opt(v: Option<f64>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

fn num(v: f64) -> String {
    if v.is_finite() {
        v.to_string()
    } else {
        String::new()
    }
}

fn indices_csv(r: &IndexReport) -> String {
    let mut s = String::from(
        "territory,total,krugman,specialisation_coefficient,herfindahl,entropy,diversity\n",
    );
    for t in &r.by_territory {
        let _ = writeln!(
            s,
            "{},{},{},{},{},{},{}",
            cell(&t.territory),
            t.total,
            opt(t.krugman),
            opt(t.specialisation_coefficient),
            opt(t.herfindahl),
            opt(t.entropy),
            t.diversity
        );
    }
    s.push_str("\nsector,total,hoover,ubiquity\n");
    for x in &r.by_sector {
        let _ = writeln!(
            s,
            "{},{},{},{}",
            cell(&x.sector),
            x.total,
            opt(x.hoover),
            x.ubiquity
        );
    }
    s.push_str("\nterritory,sector,location_quotient,binary_lq,relatedness_density\n");
    let nc = r.sectors.len();
    for (i, t) in r.territories.iter().enumerate() {
        for (j, sec) in r.sectors.iter().enumerate() {
            let k = i * nc + j;
            let _ = writeln!(
                s,
                "{},{},{},{},{}",
                cell(t),
                cell(sec),
                r.location_quotient[k],
                r.binary_lq[k],
                num(r.relatedness_density[k])
            );
        }
    }
    s
}

fn cluster_summary(c: &Clustering, t: &PointTable) -> serde_json::Value {
    let hulls = cluster_hulls(&t.lat, &t.lon, c);
    serde_json::json!({
        "method": c.method, "points": t.len(), "n_clusters": c.n_clusters, "n_noise": c.n_noise,
        "clusters": hulls.iter().map(|h| serde_json::json!({
            "label": h.label, "n_points": h.n_points,
            "centroid_lat": h.centroid.0, "centroid_lon": h.centroid.1,
            // Hull vertices as [lat, lon], for the report's map.
            "hull": h.hull.iter().map(|&(lon, lat)| [lat, lon]).collect::<Vec<_>>()})).collect::<Vec<_>>(),
    })
}

/// Stores a result as `{ "kind": …, "result": … }` with its provenance.
fn store(
    g: &Global,
    kind: &str,
    result: &impl serde::Serialize,
    parameters: serde_json::Value,
    inputs: &[&Path],
    data: Vec<String>,
) -> anyhow::Result<()> {
    let provenance = super::file_provenance(
        format!("creacity-mapping {kind}"),
        &parameters,
        inputs,
        data,
    );
    let id = super::save_result(g, "mapping", kind, result, &provenance)?;
    eprintln!("stored as {id}");
    Ok(())
}

/// Firm facts from the workspace's firms; firms without a territory under `by` are left out
/// (and counted on standard error).
fn facts_from_workspace(
    ws: &creacity_store::Workspace,
    by: ByArg,
) -> anyhow::Result<Vec<creacity_mapping::FirmFact>> {
    use creacity_mapping::{Date, FirmFact, Period};
    let firms = ws.firms(&creacity_store::FirmFilter::default())?;
    if firms.is_empty() {
        anyhow::bail!(
            "no firms in the workspace: give --firms FILE.csv, or store firms with `creacity firms import FILE` or `creacity registry ingest ZIP…`"
        );
    }
    let mut out = Vec::with_capacity(firms.len());
    let mut unplaced = 0;
    for f in firms {
        let territory = match by {
            ByArg::Territory => f
                .territory
                .clone()
                .or_else(|| f.oktmo.clone())
                .or_else(|| f.region_code.clone()),
            ByArg::Oktmo => f.oktmo.clone(),
            ByArg::Municipality => f
                .oktmo
                .as_ref()
                .filter(|o| o.len() >= 5)
                .map(|o| o[..5].to_string()),
            ByArg::RegionCode => f.region_code.clone(),
        };
        let Some(territory) = territory else {
            unplaced += 1;
            continue;
        };
        let date = |d: &Option<String>, what: &str| -> anyhow::Result<Option<Date>> {
            d.as_deref()
                .map(Date::parse)
                .transpose()
                .with_context(|| format!("stored firm {} ({}): {what}", f.id, f.period))
        };
        out.push(FirmFact {
            period: Period::parse(&f.period)
                .with_context(|| format!("stored firm {}: period", f.id))?,
            main_code: f.main_code.clone(),
            other_codes: f.other_codes.clone(),
            employees: f.employees,
            revenue: f.revenue,
            registered: date(&f.registered, "registered")?,
            exited: date(&f.exited, "exited")?,
            territory,
            id: f.id,
        });
    }
    if unplaced > 0 {
        eprintln!(
            "{unplaced} stored firms have no territory under --by {by:?} and are left out (run `creacity firms match` for OKTMO codes)"
        );
    }
    Ok(out)
}

/// Points from a CSV file, or the workspace's firms with coordinates (the newest period of each).
fn load_points(
    g: &Global,
    points: Option<&Path>,
    value: Option<&str>,
) -> anyhow::Result<(PointTable, PathBuf)> {
    if let Some(path) = points {
        let t = parse_points_csv(&read(path)?, value).with_context(|| name(path))?;
        return Ok((t, path.to_path_buf()));
    }
    let ws = super::open(g)?;
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

fn write_xlsx(path: &Path, sheets: &[(String, String)]) -> anyhow::Result<()> {
    let bytes =
        creacity_ingest::csv_sheets_to_xlsx(sheets).map_err(|e| anyhow::anyhow!("xlsx: {e}"))?;
    emit(Some(path), &bytes)
}

/// The mapping section of the report (built by the application layer, so the web server's
/// report has it too).
pub fn report_section(
    ws: &creacity_store::Workspace,
    lang: Lang,
) -> anyhow::Result<Option<creacity_report::Section>> {
    Ok(creacity_app::firms::mapping_section(ws, lang)?)
}
