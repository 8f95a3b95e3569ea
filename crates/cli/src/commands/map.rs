//! `creacity map aggregate|indices|clusters|hotspots (see issue #5)`.
//!
//! PHASE-2 INSTRUCTIONS for the engineer who owns this file (replace this block with a one-line doc
//! when done):
//! - This file is yours alone; do not edit other files of the CLI crate. If you need a change
//!   elsewhere (a dependency in crates/cli/Cargo.toml, a shared helper), say so in your report.
//! - Keep the two public items and their signatures: `pub struct Args` (derive `clap::Args`; use a
//!   `#[command(subcommand)]` field for sub-commands) and `pub fn run(g: &Global, args: Args)`, plus
//!   `pub fn report_section`, which the `creacity report` command calls to add your newest stored
//!   result to the territory's HTML report (return `Ok(None)` when there is none).
//! - `g.workspace` is the workspace path and `super::open(g)` opens it (`creacity_store::Workspace`);
//!   store results with `ws.save_analysis("mapping", territory_or_none, &result, &provenance)` and read
//!   the newest with `ws.latest_analysis("mapping", None)`. `g.lang` (`.into()` gives
//!   `creacity_model::Lang`) is the language for text. Print with `crate::output::{emit, json}`
//!   (`emit(None, bytes)` writes to stdout, `emit(Some(path), bytes)` to a file); long work shows a
//!   spinner with `crate::output::Progress`.
//! - Read files here (std::fs), call your engine, print. Errors: `anyhow` with context naming the file.
//!   XLSX input: `creacity_ingest::read_table(path)` gives headers and text cells from CSV/TSV/XLSX.
//! - Integration tests: `crates/cli/tests/map.rs` (yours) running `env!("CARGO_BIN_EXE_creacity")`.
//!   Build with `cargo build -p creacity-cli`, test with `cargo test -p creacity-cli --test map`.
//! - Document the command in docs/methods/mapping.md (yours); the lead links it from the README.

use crate::cli::Global;

/// Arguments of `creacity map`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Arguments (this command is not available in this build yet).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    rest: Vec<String>,
}

/// Runs `creacity map`.
pub fn run(_g: &Global, _args: Args) -> anyhow::Result<()> {
    anyhow::bail!("`creacity map` is not available in this build yet")
}

/// The report section of the newest stored mapping result, if any.
pub fn report_section(
    _ws: &creacity_store::Workspace,
    _lang: creacity_model::Lang,
) -> anyhow::Result<Option<creacity_report::Section>> {
    Ok(None)
}
