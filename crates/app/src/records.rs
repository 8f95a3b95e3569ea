//! Moving records between files and the workspace: imports, exports and templates.

use std::path::Path;

use creacity_ingest as ingest;
use creacity_store::{ImportSummary, Workspace};

use crate::{AppError, Result};

/// The kinds of record that have a table form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    /// Creative-cluster case cards.
    Clusters,
    /// Territories.
    Territories,
}

/// A table file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    /// Comma-separated UTF-8 text.
    Csv,
    /// An Excel workbook.
    Xlsx,
}

/// The file name without directories, so provenance never records a host path.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Imports a CSV/XLSX file of `kind` in one transaction: all rows or none.
///
/// # Errors
/// Every invalid cell named by file, row and column; a missing territory reference.
pub fn import_table(ws: &mut Workspace, kind: RecordKind, path: &Path) -> Result<ImportSummary> {
    let table = ingest::read_table(path)?;
    let source = file_name(path);
    Ok(match kind {
        RecordKind::Clusters => ws.import_clusters(&source, &ingest::read_clusters(&table)?)?,
        RecordKind::Territories => {
            ws.import_territories(&source, &ingest::read_territories(&table)?)?
        }
    })
}

/// Imports every `.txt`, `.md`, `.html`, `.docx` and `.pdf` document of a folder in one transaction.
///
/// # Errors
/// An unreadable, binary or empty file, a PDF without a text layer, or a bad `metadata.csv` row;
/// nothing is stored then.
pub fn import_documents(ws: &mut Workspace, dir: &Path) -> Result<ImportSummary> {
    let docs = ingest::read_documents(dir)?;
    Ok(ws.import_documents(&file_name(dir), &docs)?)
}

fn xlsx(e: impl std::fmt::Display) -> AppError {
    AppError::Xlsx(e.to_string())
}

/// Exports the records of `kind` as file bytes.
///
/// # Errors
/// A store error or an XLSX writer error.
pub fn export(ws: &Workspace, kind: RecordKind, format: TableFormat) -> Result<Vec<u8>> {
    let (columns, rows, sheet) = match kind {
        RecordKind::Clusters => (
            ingest::CLUSTER_COLUMNS,
            ws.clusters(None)?
                .iter()
                .map(ingest::cluster_cells)
                .collect::<Vec<_>>(),
            "clusters",
        ),
        RecordKind::Territories => (
            ingest::TERRITORY_COLUMNS,
            ws.territories()?
                .iter()
                .map(ingest::territory_cells)
                .collect(),
            "territories",
        ),
    };
    match format {
        TableFormat::Csv => Ok(ingest::write_csv(columns, &rows).into_bytes()),
        TableFormat::Xlsx => ingest::write_xlsx(columns, &rows, sheet).map_err(xlsx),
    }
}

/// A fillable template for `kind` with explanations of every column in both languages.
///
/// # Errors
/// An XLSX writer error.
pub fn template(kind: RecordKind, format: TableFormat) -> Result<Vec<u8>> {
    let (columns, title, sheet) = match kind {
        RecordKind::Clusters => (
            ingest::CLUSTER_COLUMNS,
            "creacity: creative cluster case cards / карточки креативных кластеров",
            "clusters",
        ),
        RecordKind::Territories => (
            ingest::TERRITORY_COLUMNS,
            "creacity: territories / территории",
            "territories",
        ),
    };
    match format {
        TableFormat::Csv => Ok(ingest::template_csv(columns, title).into_bytes()),
        TableFormat::Xlsx => ingest::template_xlsx(columns, sheet).map_err(xlsx),
    }
}
