//! `creacity firms …`: firm lists stored in the workspace (to be completed).

use clap::Parser;

use crate::cli::Global;

/// Firm lists in the workspace.
#[derive(Parser, Debug)]
pub struct Args {}

/// Runs `creacity firms …`.
pub fn run(_g: &Global, _args: Args) -> anyhow::Result<()> {
    anyhow::bail!("creacity firms: not available yet")
}
