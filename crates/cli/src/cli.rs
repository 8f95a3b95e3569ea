//! The command line: global options and every command.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::commands::{firms, index, map, outlines, qca, registry, serve, text};

/// creacity — manage the development of a city's creative industries:
/// diagnose → classify → find problems → plan → monitor.
#[derive(Parser, Debug)]
#[command(name = "creacity", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub global: Global,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Args, Debug, Clone)]
pub struct Global {
    /// The workspace file (SQLite).
    #[arg(
        long,
        global = true,
        default_value = "creacity.db",
        env = "CREACITY_WORKSPACE"
    )]
    pub workspace: PathBuf,
    /// Language of explanations and reports.
    #[arg(long, global = true, value_enum, default_value_t = LangArg::En)]
    pub lang: LangArg,
    /// Your own typology spec (TOML) instead of the default.
    #[arg(long, global = true)]
    pub spec: Option<PathBuf>,
    /// Your own problem dictionary (YAML) instead of the default.
    #[arg(long, global = true)]
    pub dictionary: Option<PathBuf>,
    /// Your own strategy rules (TOML) instead of the default.
    #[arg(long, global = true)]
    pub rules: Option<PathBuf>,
    /// Your own problem catalogue (TOML) instead of the default.
    #[arg(long, global = true)]
    pub problem_catalogue: Option<PathBuf>,
    /// Your own instrument catalogue (TOML) instead of the default.
    #[arg(long, global = true)]
    pub instrument_catalogue: Option<PathBuf>,
}

/// Language of explanations and reports.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum LangArg {
    /// English.
    En,
    /// Russian.
    Ru,
}

impl From<LangArg> for creacity_model::Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::En => creacity_model::Lang::En,
            LangArg::Ru => creacity_model::Lang::Ru,
        }
    }
}

/// Records that have a table form.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Creative-cluster case cards.
    Clusters,
    /// Territories (cities, municipalities, regions).
    Territories,
}

/// A table file format.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated UTF-8 text.
    Csv,
    /// Excel workbook.
    Xlsx,
}

/// Every command.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create a new, empty workspace file.
    Init {
        /// Where to create it (never overwrites an existing file).
        path: PathBuf,
    },
    /// Build the synthetic demo workspace, run the whole loop, write the reports.
    Demo {
        /// Output folder.
        #[arg(long, default_value = "creacity-demo")]
        out: PathBuf,
        /// Rebuild the demo workspace if the folder already has one.
        #[arg(long)]
        force: bool,
    },
    /// Show what the workspace holds.
    Status,
    /// Import records from a file (all rows or none).
    #[command(subcommand)]
    Import(Import),
    /// Export records as CSV or XLSX.
    Export {
        /// What to export.
        #[arg(value_enum)]
        kind: Kind,
        /// File format.
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
        /// Output file (standard output when omitted).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Write a fillable template with explanations of every column.
    Template {
        /// What the template is for.
        #[arg(value_enum)]
        kind: Kind,
        /// File format.
        #[arg(long, value_enum, default_value_t = Format::Xlsx)]
        format: Format,
        /// Output file (standard output when omitted).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Classify clusters by how the public and private sectors formed them.
    Classify {
        /// Only this territory's clusters.
        #[arg(long)]
        territory: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Rank management problems across the workspace's documents.
    Problems {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Build (and store) a strategy for a territory.
    Strategy {
        /// The territory's id.
        #[arg(long)]
        territory: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Write a territory's self-contained HTML report.
    Report {
        /// The territory's id.
        #[arg(long)]
        territory: String,
        /// Output file.
        #[arg(long)]
        out: PathBuf,
    },
    /// Qualitative comparative analysis (crisp, multi-value, fuzzy sets).
    Qca(qca::Args),
    /// Content analysis of documents.
    Text(text::Args),
    /// Map the creative economy: indices, spatial clusters, hot spots.
    Map(map::Args),
    /// Composite creative-city index: build, audit, scenarios.
    Index(index::Args),
    /// Russian SME registry ingest.
    Registry(registry::Args),
    /// Firm lists (generic CSV/XLSX or registry output) stored in the workspace.
    Firms(firms::Args),
    /// Territory outlines (GeoJSON) for offline maps.
    Outlines(outlines::Args),
    /// Serve the web application over the workspace (SQLite file or postgres://…).
    Serve(serve::Args),
    /// Manage web accounts (create the first administrator here).
    User(serve::UserArgs),
}

/// What to import.
#[derive(Subcommand, Debug)]
pub enum Import {
    /// Territories from CSV/XLSX.
    Territories {
        /// The file.
        file: PathBuf,
    },
    /// Cluster case cards from CSV/XLSX (English or Russian column names).
    Clusters {
        /// The file.
        file: PathBuf,
    },
    /// A folder of .txt, .md, .html, .docx and .pdf (text layer) documents, with an optional metadata.csv.
    Documents {
        /// The folder.
        dir: PathBuf,
    },
}
