//! # creacity-app
//!
//! The application layer of creacity: each function loads what it needs from a
//! [`creacity_store::Workspace`], calls a pure engine, and saves the result with its provenance.
//! The CLI and the web server are thin shells over it.
//!
//! | step of the loop | function |
//! |---|---|
//! | records in and out | [`import_table`], [`import_documents`], [`export`], [`template`] |
//! | classify | [`classify`] (typology engine) |
//! | find problems | [`problems`] (content-analysis engine) |
//! | plan | [`strategy`] (strategy engine) |
//! | report | [`report()`] |
//! | everything on synthetic data | [`demo()`] |
#![warn(missing_docs)]

mod analyse;
mod demo;
mod error;
pub mod firms;
mod knowledge;
pub mod outlines;
mod records;
mod report;
mod report_map;
mod report_tables;

pub use analyse::{VERSION, classify, latest_problems, problems, strategy};
pub use demo::{DemoOutcome, demo};
pub use error::{AppError, Result};
pub use knowledge::{Knowledge, Overrides};
pub use records::{
    RecordKind, TableFormat, export, file_name, import_documents, import_table, template,
};
pub use report::report;
