//! Command implementations: each reads its inputs, calls the application layer or an engine, prints.

mod analysis;
mod demo;
pub mod firms;
pub mod index;
pub mod map;
pub mod outlines;
pub mod qca;
mod records;
pub mod registry;
pub mod serve;
pub mod text;
mod workspace;

use anyhow::Context;
use creacity_app::{Knowledge, Overrides};
use creacity_store::Workspace;

use crate::cli::{Cli, Command, Global};

/// Runs one command.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let g = cli.global;
    match cli.command {
        Command::Init { path } => workspace::init(&path),
        Command::Status => workspace::status(&g),
        Command::Demo { out, force } => demo::run(&g, &out, force),
        Command::Import(what) => records::import(&g, what),
        Command::Export { kind, format, out } => records::export(&g, kind, format, out.as_deref()),
        Command::Template { kind, format, out } => records::template(kind, format, out.as_deref()),
        Command::Classify { territory, json } => analysis::classify(&g, territory.as_deref(), json),
        Command::Problems { json } => analysis::problems(&g, json),
        Command::Strategy { territory, json } => analysis::strategy(&g, &territory, json),
        Command::Report { territory, out } => analysis::report(&g, &territory, &out),
        Command::Qca(args) => qca::run(&g, args),
        Command::Text(args) => text::run(&g, args),
        Command::Map(args) => map::run(&g, args),
        Command::Index(args) => index::run(&g, args),
        Command::Registry(args) => registry::run(&g, args),
        Command::Firms(args) => firms::run(&g, args),
        Command::Outlines(args) => outlines::run(&g, args),
        Command::Serve(args) => serve::run(&g, args),
        Command::User(args) => serve::run_user(&g, args),
    }
}

/// Opens the workspace named by `--workspace`.
pub fn open(g: &Global) -> anyhow::Result<Workspace> {
    Workspace::open(&g.workspace)
        .with_context(|| "opening the workspace (see --workspace)".to_string())
}

/// Loads the reference knowledge, with the user's files in place of the defaults.
pub fn knowledge(g: &Global) -> anyhow::Result<Knowledge> {
    Ok(Knowledge::load(&Overrides {
        spec: g.spec.clone(),
        dictionary: g.dictionary.clone(),
        problems: g.problem_catalogue.clone(),
        instruments: g.instrument_catalogue.clone(),
        rules: g.rules.clone(),
    })?)
}

/// The provenance of a result an engine command computed from files: the tool's version, the
/// method and its parameters, the reference data used, the input files by name, and the time.
pub fn file_provenance(
    method: String,
    parameters: &serde_json::Value,
    inputs: &[&std::path::Path],
    data: Vec<String>,
) -> creacity_model::Provenance {
    creacity_model::Provenance {
        tool_version: creacity_app::VERSION.to_string(),
        method,
        parameters: parameters.to_string(),
        data,
        inputs: inputs
            .iter()
            .map(|p| {
                p.file_name().map_or_else(
                    || p.display().to_string(),
                    |f| f.to_string_lossy().into_owned(),
                )
            })
            .collect(),
        created_at: creacity_store::now(),
    }
}

/// Stores `{ "kind": sub_kind, "result": … }` as an analysis of `kind` and returns its id.
pub fn save_result(
    g: &Global,
    kind: &str,
    sub_kind: &str,
    result: &impl serde::Serialize,
    provenance: &creacity_model::Provenance,
) -> anyhow::Result<String> {
    let mut ws = open(g)?;
    let body = serde_json::json!({ "kind": sub_kind, "result": result });
    Ok(ws.save_analysis(kind, None, &body, provenance)?)
}
