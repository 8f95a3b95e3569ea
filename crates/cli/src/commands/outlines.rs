//! `creacity outlines …`: territory outlines (GeoJSON) for offline maps (to be completed).

use clap::Parser;

use crate::cli::Global;

/// Territory outlines in the workspace.
#[derive(Parser, Debug)]
pub struct Args {}

/// Runs `creacity outlines …`.
pub fn run(_g: &Global, _args: Args) -> anyhow::Result<()> {
    anyhow::bail!("creacity outlines: not available yet")
}
