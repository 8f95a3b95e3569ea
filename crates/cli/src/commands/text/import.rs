//! `creacity text import`, and the check for Latin look-alikes of Cyrillic in stored documents.

use std::path::Path;

use anyhow::Context;
use creacity_model::{Document, Lang};
use creacity_text::check_script;

use crate::cli::Global;

/// Documents that look like Cyrillic read through a Latin font: Russian ones with mostly Latin
/// letters, and any whose words have odd capitals or digits inside (a garbled Russian text is
/// often guessed to be English).
pub(super) fn flagged(docs: &[Document]) -> Vec<String> {
    docs.iter()
        .filter(|d| {
            let c = check_script(&d.text, 0.5);
            (d.lang == Lang::Ru && c.flagged) || c.garbled()
        })
        .map(|d| d.id.clone())
        .collect()
}

pub(super) fn import(g: &Global, dir: &Path) -> anyhow::Result<()> {
    let mut ws = crate::commands::open(g)?;
    let summary = creacity_app::import_documents(&mut ws, dir)
        .with_context(|| format!("importing documents from {}", dir.display()))?;
    eprintln!(
        "imported documents: {} new, {} updated",
        summary.inserted, summary.updated
    );
    super::warn_documents(&ws.documents()?, g.lang.into());
    Ok(())
}
