//! `creacity import`, `creacity export`, `creacity template`.

use std::path::Path;

use creacity_app::{RecordKind, TableFormat};

use crate::cli::{Format, Global, Import, Kind};
use crate::output::emit;

fn kind(k: Kind) -> RecordKind {
    match k {
        Kind::Clusters => RecordKind::Clusters,
        Kind::Territories => RecordKind::Territories,
    }
}

fn format(f: Format) -> TableFormat {
    match f {
        Format::Csv => TableFormat::Csv,
        Format::Xlsx => TableFormat::Xlsx,
    }
}

pub fn import(g: &Global, what: Import) -> anyhow::Result<()> {
    let mut ws = super::open(g)?;
    let (label, summary) = match what {
        Import::Territories { file } => (
            "territories",
            creacity_app::import_table(&mut ws, RecordKind::Territories, &file)?,
        ),
        Import::Clusters { file } => (
            "clusters",
            creacity_app::import_table(&mut ws, RecordKind::Clusters, &file)?,
        ),
        Import::Documents { dir } => ("documents", creacity_app::import_documents(&mut ws, &dir)?),
    };
    eprintln!(
        "imported {label}: {} new, {} updated",
        summary.inserted, summary.updated
    );
    if label == "documents" {
        // Stored, but worth a look before counting: empty texts and Latin look-alikes of Cyrillic.
        super::text::warn_documents(&ws.documents()?, g.lang.into());
    }
    Ok(())
}

pub fn export(g: &Global, k: Kind, f: Format, out: Option<&Path>) -> anyhow::Result<()> {
    let ws = super::open(g)?;
    emit(out, &creacity_app::export(&ws, kind(k), format(f))?)
}

pub fn template(k: Kind, f: Format, out: Option<&Path>) -> anyhow::Result<()> {
    emit(out, &creacity_app::template(kind(k), format(f))?)
}
