//! `creacity map aggregate|indices|clusters|hotspots`: the mapping engine (issue #5) on plain CSV files.
//!
//! This file holds the command line and the dispatch; each subcommand lives in its own module.

mod aggregate;
mod clusters;
mod hotspots;
mod indices;
mod io;

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use creacity_model::Lang;

use crate::cli::Global;

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
    Aggregate(AggregateArgs),
    /// EconGeo indices of a territory × sector matrix (CSV: rows territories, columns sectors).
    Indices(IndicesArgs),
    /// DBSCAN or HDBSCAN clusters of points (CSV: id, lat, lon) on the haversine metric.
    Clusters(ClustersArgs),
    /// Local Getis-Ord Gi / Gi* hot spots of a value over points (CSV: id, lat, lon, value).
    Hotspots(HotspotsArgs),
}

/// Arguments of `creacity map aggregate` (the variant's doc comment stays its help text).
#[derive(clap::Args, Debug)]
struct AggregateArgs {
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
}

/// Arguments of `creacity map indices` (the variant's doc comment stays its help text).
#[derive(clap::Args, Debug)]
struct IndicesArgs {
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
}

/// Arguments of `creacity map clusters` (the variant's doc comment stays its help text).
#[derive(clap::Args, Debug)]
struct ClustersArgs {
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
}

/// Arguments of `creacity map hotspots` (the variant's doc comment stays its help text).
#[derive(clap::Args, Debug)]
struct HotspotsArgs {
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
        MapCommand::Aggregate(a) => aggregate::run(g, a),
        MapCommand::Indices(a) => indices::run(g, a),
        MapCommand::Clusters(a) => clusters::run(g, a),
        MapCommand::Hotspots(a) => hotspots::run(g, a),
    }
}

/// The mapping section of the report (built by the application layer, so the web server's
/// report has it too).
pub fn report_section(
    ws: &creacity_store::Workspace,
    lang: Lang,
) -> anyhow::Result<Option<creacity_report::Section>> {
    Ok(creacity_app::firms::mapping_section(ws, lang)?)
}
