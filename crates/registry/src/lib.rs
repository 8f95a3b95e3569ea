//! # creacity-registry
//!
//! Reader of the Russian SME registry open data (Единый реестр субъектов МСП, FNS dataset
//! 7707329152-rsmp): monthly zips of XML files, read as a stream of entries without unpacking to
//! disk, inflated and parsed in parallel, every schema version (`ВерсФорм` 4.01–4.06), with the
//! revenue/expenditure (7707329152-revexp) and headcount (7707329152-sshr2019) companions joined
//! by INN. An adapter crate: it reads files; everything else is pure.
//!
//! ## Catalogue
//! - [`ingest`]: zips → batches of [`FirmRecord`] through a callback, with a [`Checkpoint`] per
//!   batch for resuming, a [`Progress`] callback and a [`Report`] of every problem met.
//! - [`parse_file`]: one XML file in memory → records or companion rows (no I/O).
//! - [`SchemaVersion`]: the versions known; an unknown `ВерсФорм` of the registry is refused with
//!   the list; a companion file of an unknown `ВерсФорм` is read with the known structure when all
//!   its documents parse, with a [`Warning`] in the [`Report`], else refused.
//! - [`AddressTable`]: address type spellings → canonical type (`г.` → город, `р-н` → район), as
//!   data (`crates/mapping/data/address-types.csv`, shared with territory matching in
//!   `creacity-mapping`), replaceable by the user's own table.
//! - [`ExitTracker`]: exclusion dates, from consecutive dumps (a dump has no exclusion field).
//! - [`inn_checksum_ok`], [`okved_syntax_ok`]: identifier and code checks.
//! - `ParquetSink` (feature `parquet`, off by default): batches → Parquet files partitioned by
//!   snapshot year and region (`DIR/year=YYYY/region=RR/part-RUN.parquet`).
//! - [`synth`]: synthetic registry and companion files in the real schema, for tests and benches.
//!
//! ## References
//! - Format: FNS of Russia, open data set 7707329152-rsmp, structure files structure-08012016 …
//!   structure-10062023; facts in `shared/reference/mapping/fns-sme-registry.md`.
//! - OKVED 2: ОК 029-2014 (КДЕС Ред. 2), the classifier of activity codes.
//! - INN check digits: the FNS check-digit algorithm (weights 2,4,10,3,5,9,4,6,8, sum mod 11 mod
//!   10, for legal entities; two check digits for persons).
//!
//! ```
//! use creacity_registry::{AddressTable, OnError, ParseContext, parse_file, synth, Date, SchemaVersion};
//! let snap = Date::new(2023, 6, 10).unwrap();
//! let firms = synth::firms(3, 2, snap);
//! let xml = synth::registry_xml(SchemaVersion::V4_01, &firms, "synthetic");
//! let table = AddressTable::default();
//! let cx = ParseContext { zip: "z", entry: "VO_RRMSPSV_x.xml", table: &table, known_codes: None, on_error: OnError::Stop };
//! let parsed = parse_file(&xml, &cx).unwrap();
//! assert_eq!(parsed.version, Some(SchemaVersion::V4_01));
//! assert_eq!(parsed.records.len(), 2);
//! assert!(parsed.records[0].ogrn.is_none()); // 4.01 files carry no OGRN
//! ```
#![warn(missing_docs)]

mod address;
mod build;
mod companion;
mod error;
mod exits;
mod ingest;
#[cfg(feature = "parquet")]
mod parquet_out;
mod parse;
mod pipeline;
mod record;
mod report;
mod schema;
pub mod synth;

pub use address::{
    AddressTable, AddressType, DEFAULT_ADDRESS_TABLE, DEFAULT_ADDRESS_TABLE_NAME, type_key,
};
pub use error::RegistryError;
pub use exits::{Exit, ExitTracker, SnapshotChange};
pub use ingest::{DuplicatePolicy, Options, OptionsBuilder, ingest};
#[cfg(feature = "parquet")]
pub use parquet_out::{ParquetSink, ParquetSummary};
pub use parse::{
    CompanionRow, FileStats, OnError, ParseContext, ParsedFile, okved_syntax_ok, parse_file,
};
pub use record::{
    ActivityCode, Category, Date, EmployeesSource, Finance, FirmKind, FirmRecord, OkvedEdition,
    Place, inn_checksum_ok,
};
pub use report::{
    Batch, Checkpoint, Duplicate, Phase, Progress, REPORT_EXAMPLES, Report, SkippedError, Warning,
    ZipCheckpoint, ZipReport,
};
pub use schema::{COMPANION_FORM_VERSIONS, FileKind, SchemaVersion};
