//! # creacity-ingest
//!
//! creacity's readers and writers at the edge:
//! - tables from CSV/TSV (delimiter detected; UTF-8, UTF-8 with BOM or windows-1251) and XLSX/ODS
//!   workbooks ([`read_table`]), and large CSV/TSV and `.xlsx` sheets row by row into one reused
//!   buffer ([`read_table_rows`]) or in chunks of rows ([`read_table_chunks`]), with bounded memory;
//! - case cards ([`read_clusters`]) and territories ([`read_territories`]) with English or Russian
//!   headers, codes or labels in either language, decimal commas and percentages, every problem named
//!   by file, row and column — and nothing returned unless every row is valid;
//! - exports and fillable templates with explanations ([`write_csv`], [`write_xlsx`],
//!   [`template_csv`], [`template_xlsx`]);
//! - folders of `.txt`/`.md`/`.html`/`.docx`/`.pdf` documents with a `metadata.csv` sidecar
//!   ([`read_documents`]); the text layer of PDFs page by page ([`pdf_pages`], [`pdf_text`]), with
//!   broken, encrypted, oversized and scanned files refused by name.
#![warn(missing_docs)]

mod chunks;
mod clusters;
pub mod columns;
mod decode;
mod documents;
mod error;
mod formats;
mod pdf;
mod table;
mod territories;
mod writer;
mod xlsx_chunks;

pub use chunks::read_table_chunks;
pub use chunks::{TableHead, TableRow, read_table_rows};
pub use clusters::{CLUSTER_COLUMNS, cluster_cells, read_clusters};
pub use decode::decode;
pub use documents::{MAX_DOCUMENT_BYTES, METADATA_FILE, detect_lang, read_documents};
pub use error::{IngestError, MAX_PROBLEMS, Problem, count_label};
pub use formats::{docx_text, html_text};
pub use pdf::{
    MAX_OPERATIONS, MAX_PDF_BYTES, MAX_PDF_PAGES, MAX_STREAM_BYTES, NO_TEXT_LAYER, pdf_pages,
    pdf_text,
};
pub use table::{Table, parse_delimited, read_table};
pub use territories::{TERRITORY_COLUMNS, read_territories, territory_cells};
pub use writer::{csv_sheets_to_xlsx, template_csv, template_xlsx, write_csv, write_xlsx};
