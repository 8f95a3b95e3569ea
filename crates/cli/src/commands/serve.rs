//! `creacity serve … and creacity user … (see issue #7)`.
//!
//! PHASE-2 INSTRUCTIONS for the engineer who owns this file (replace this block with a one-line doc
//! when done):
//! - This file is yours alone; do not edit other files of the CLI crate. If you need a change
//!   elsewhere (a dependency in crates/cli/Cargo.toml, a shared helper), say so in your report.
//! - Keep the two public items and their signatures: `pub struct Args` (derive `clap::Args`; use a
//!   `#[command(subcommand)]` field for sub-commands) and `pub fn run(g: &Global, args: Args)`, and
//!   `pub struct UserArgs` + `pub fn run_user(g: &Global, args: UserArgs)` for `creacity user …`.
//! - `g.workspace` is the workspace path and `super::open(g)` opens it (`creacity_store::Workspace`);
//!   store results with `ws.save_analysis("web", territory_or_none, &result, &provenance)` and read
//!   the newest with `ws.latest_analysis("web", None)`. `g.lang` (`.into()` gives
//!   `creacity_model::Lang`) is the language for text. Print with `crate::output::{emit, json}`
//!   (`emit(None, bytes)` writes to stdout, `emit(Some(path), bytes)` to a file); long work shows a
//!   spinner with `crate::output::Progress`.
//! - Read files here (std::fs), call your engine, print. Errors: `anyhow` with context naming the file.
//!   XLSX input: `creacity_ingest::read_table(path)` gives headers and text cells from CSV/TSV/XLSX.
//! - Integration tests: `crates/cli/tests/serve.rs` (yours) running `env!("CARGO_BIN_EXE_creacity")`.
//!   Build with `cargo build -p creacity-cli`, test with `cargo test -p creacity-cli --test serve`.
//! - Document the command in docs/web.md (yours); the lead links it from the README.

use crate::cli::Global;

/// Arguments of `creacity serve`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Arguments (this command is not available in this build yet).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    rest: Vec<String>,
}

/// Runs `creacity serve`.
pub fn run(_g: &Global, _args: Args) -> anyhow::Result<()> {
    anyhow::bail!("`creacity serve` is not available in this build yet")
}

/// Arguments of `creacity user`.
#[derive(clap::Args, Debug)]
pub struct UserArgs {
    /// Arguments (this command is not available in this build yet).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    rest: Vec<String>,
}

/// Runs `creacity user` (accounts: the first administrator is created here).
pub fn run_user(_g: &Global, _args: UserArgs) -> anyhow::Result<()> {
    anyhow::bail!("`creacity user` is not available in this build yet")
}
