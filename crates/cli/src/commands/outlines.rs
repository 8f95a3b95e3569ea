//! `creacity outlines …`: territory outlines (GeoJSON) for the offline maps of the web application.

use std::path::PathBuf;

use anyhow::Context;
use creacity_app::outlines::{DEFAULT_ID_PROPERTIES, import_outlines, latest_outlines};

use crate::cli::Global;

/// Territory outlines in the workspace.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(clap::Subcommand, Debug)]
enum Cmd {
    /// Import a GeoJSON FeatureCollection of Polygon/MultiPolygon outlines, one per territory
    /// (replaces the outlines stored before; features matching no territory are listed and left out).
    Import {
        /// The GeoJSON file (RFC 7946: positions are [longitude, latitude]).
        file: PathBuf,
        /// The feature property holding the territory's id or OKTMO code (default: tries
        /// territory_id, id, oktmo).
        #[arg(long)]
        id_property: Option<String>,
        /// Print the outcome as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Which territories have outlines, and from which file.
    Status {
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Runs `creacity outlines …`.
pub fn run(g: &Global, args: Args) -> anyhow::Result<()> {
    match args.cmd {
        Cmd::Import {
            file,
            id_property,
            json,
        } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            let mut ws = super::open(g)?;
            let source = creacity_app::file_name(&file);
            let o = import_outlines(&mut ws, &text, id_property.as_deref(), &source)
                .with_context(|| format!("in {}", file.display()))?;
            ws.log_change(
                "cli",
                "outlines.import",
                &source,
                &format!(
                    "{} matched, {} unmatched",
                    o.matched.len(),
                    o.unmatched.len()
                ),
            )?;
            if json {
                return crate::output::json(&serde_json::json!({
                    "matched": o.matched, "unmatched": o.unmatched, "bbox": o.bbox }));
            }
            for m in &o.matched {
                println!(
                    "feature {}\t{} = {}\t→ {}",
                    m.index, m.property, m.value, m.territory_id
                );
            }
            for u in &o.unmatched {
                eprintln!("feature {} left out: {}", u.index, u.reason);
            }
            eprintln!(
                "stored outlines of {} territories ({} features left out) / сохранены контуры {} территорий",
                o.matched.len(),
                o.unmatched.len(),
                o.matched.len()
            );
            Ok(())
        }
        Cmd::Status { json } => {
            let ws = super::open(g)?;
            let Some((fc, p, at)) = latest_outlines(&ws)? else {
                if json {
                    return crate::output::json(&serde_json::Value::Null);
                }
                println!(
                    "no outlines yet: run `creacity outlines import FILE.geojson` (properties {}) / контуров ещё нет",
                    DEFAULT_ID_PROPERTIES.join(", ")
                );
                return Ok(());
            };
            let ids: Vec<&str> = fc["features"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|f| f["properties"]["territory_id"].as_str())
                .collect();
            let without: Vec<String> = ws
                .territories()?
                .into_iter()
                .filter(|t| !ids.contains(&t.id.as_str()))
                .map(|t| t.id)
                .collect();
            if json {
                return crate::output::json(&serde_json::json!({
                    "territories": ids, "without_outline": without, "bbox": fc["bbox"],
                    "source": p.inputs, "stored_at": at }));
            }
            println!(
                "outlines of {} territories: {} (from {}, {at})",
                ids.len(),
                ids.join(", "),
                p.inputs.join(", ")
            );
            if !without.is_empty() {
                println!("without an outline: {}", without.join(", "));
            }
            Ok(())
        }
    }
}
