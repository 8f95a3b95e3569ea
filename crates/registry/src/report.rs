//! What a run read: the report, the checkpoint for resuming, and progress.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use crate::error::RegistryError;
use crate::record::FirmRecord;

/// How far reading of each zip has come: the entries whose records have all been handed to the
/// batch callback. Save it together with the batch (same transaction) and pass it back through
/// [`crate::OptionsBuilder::resume`] to go on where a run stopped.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// By zip file name (without directories).
    pub zips: BTreeMap<String, ZipCheckpoint>,
}

/// Progress through one zip.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ZipCheckpoint {
    /// Size of the zip in bytes, to tell another file of the same name.
    pub size: u64,
    /// Names of the entries fully delivered.
    pub done: BTreeSet<String>,
    /// True once every entry was read (skipped broken ones included).
    pub complete: bool,
}

impl Checkpoint {
    /// Number of entries recorded as delivered, over all zips.
    pub fn entries_done(&self) -> usize {
        self.zips.values().map(|z| z.done.len()).sum()
    }
}

/// A batch of records for the caller to store, with the checkpoint that holds once it is stored.
#[derive(Debug)]
pub struct Batch<'a> {
    /// The records, in file order. A batch ends at an entry boundary, so it may be a little
    /// larger than the batch size asked for; at the end of a zip it may be empty, carrying only
    /// the checkpoint that marks the zip complete.
    pub records: Vec<FirmRecord>,
    /// The state of reading once this batch is stored.
    pub checkpoint: &'a Checkpoint,
}

/// Which part of a run is going on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Reading the revenue and headcount companions into the join table.
    Companions,
    /// Reading the registry.
    Registry,
}

/// Where a run stands, handed to the progress callback after every entry.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    /// Companions or registry.
    pub phase: Phase,
    /// The zip being read.
    pub zip: String,
    /// Compressed bytes consumed over all zips of the run, this one included.
    pub bytes_done: u64,
    /// Total compressed bytes of all zips of the run.
    pub bytes_total: u64,
    /// Entries read in this run.
    pub entries: u64,
    /// Registry records delivered so far.
    pub records: u64,
}

/// An error that was skipped under [`crate::OnError::Skip`], kept as text for the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkippedError {
    /// Zip.
    pub zip: String,
    /// Entry inside the zip, empty for errors of the zip as a whole.
    pub entry: String,
    /// The message, naming the byte offset where there is one.
    pub message: String,
}

impl SkippedError {
    pub(crate) fn from_error(zip: &str, entry: &str, e: &RegistryError) -> SkippedError {
        SkippedError {
            zip: zip.to_string(),
            entry: entry.to_string(),
            message: e.to_string(),
        }
    }
}

/// Something read although it should be checked: nothing was lost, but the reader made an
/// assumption the caller should know of. Its `Display` is the message in English and Russian.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Warning {
    /// A companion file whose `ВерсФорм` is not among [`crate::COMPANION_FORM_VERSIONS`], read
    /// with the known structure because every document in it parsed.
    CompanionVersion {
        /// The zip.
        zip: String,
        /// The file inside the zip.
        entry: String,
        /// The `ВерсФорм` found.
        found: String,
        /// The versions known, comma-separated.
        known: String,
        /// Rows read from it.
        rows: u64,
    },
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Warning::CompanionVersion {
                zip,
                entry,
                found,
                known,
                rows,
            } => write!(
                f,
                "{zip}/{entry}: companion file of schema version ВерсФорм={found:?}, not among the \
                 known {known}: read with the known structure, all {rows} documents parsed; check \
                 the values / файл-спутник версии формата ВерсФорм={found:?}, не из известных \
                 ({known}): прочитан по известной структуре, разобраны все документы ({rows}); \
                 проверьте значения"
            ),
        }
    }
}

/// A firm id met twice in the same zip.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Duplicate {
    /// The INN.
    pub inn: String,
    /// The zip.
    pub zip: String,
    /// Entry of the first occurrence.
    pub first_entry: String,
    /// Entry of this occurrence.
    pub entry: String,
}

/// Per-zip summary.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ZipReport {
    /// Zip file name.
    pub zip: String,
    /// Size in bytes.
    pub size: u64,
    /// XML entries read in this run.
    pub entries_read: u64,
    /// Entries passed over because the checkpoint had them.
    pub entries_resumed: u64,
    /// Records (registry) or rows (companions) read.
    pub records: u64,
    /// Records (registry) or rows (companions) read per schema version (`ВерсФорм`).
    pub schema_versions: BTreeMap<String, u64>,
    /// True when the central directory was unreadable and entries were read by their local
    /// headers (a truncated or damaged archive).
    pub read_by_local_headers: bool,
}

/// How many examples the report keeps of each kind of problem; counts are always complete.
pub const REPORT_EXAMPLES: usize = 1000;

/// Everything a run read and every problem met.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    /// Per zip, companions first.
    pub zips: Vec<ZipReport>,
    /// Registry records delivered.
    pub records: u64,
    /// Activity codes delivered, main and additional.
    pub codes: u64,
    /// Records without a main code (delivered).
    pub missing_main_code: u64,
    /// Records whose INN fails its check digits (delivered).
    pub bad_inn_checksum: u64,
    /// Duplicate firm ids within a zip.
    pub duplicates: u64,
    /// Up to [`REPORT_EXAMPLES`] of them.
    pub duplicate_examples: Vec<Duplicate>,
    /// Codes not recognised, with counts (all of them; they are few in practice).
    pub unknown_codes: BTreeMap<String, u64>,
    /// Address type spellings not in the table, with counts.
    pub unknown_place_types: BTreeMap<String, u64>,
    /// Files whose `КолДок` differs from the documents read.
    pub count_mismatches: u64,
    /// Entries and records skipped, and truncated zips, under [`crate::OnError::Skip`].
    pub skipped: u64,
    /// Up to [`REPORT_EXAMPLES`] of them.
    pub skipped_examples: Vec<SkippedError>,
    /// Files read with a warning (a companion of an unknown `ВерсФорм`), nothing lost.
    pub warnings: u64,
    /// Up to [`REPORT_EXAMPLES`] of them.
    pub warning_examples: Vec<Warning>,
    /// Companion rows read.
    pub companion_rows: u64,
    /// Registry records that received revenue or headcount from a companion.
    pub companion_matched: u64,
    /// Name and version of the address table used.
    pub address_table: String,
    /// Crate version that read the data.
    pub reader_version: String,
}

impl Report {
    pub(crate) fn skip(&mut self, s: SkippedError) {
        self.skipped += 1;
        if self.skipped_examples.len() < REPORT_EXAMPLES {
            self.skipped_examples.push(s);
        }
    }

    pub(crate) fn warn(&mut self, w: Warning) {
        self.warnings += 1;
        if self.warning_examples.len() < REPORT_EXAMPLES {
            self.warning_examples.push(w);
        }
    }

    pub(crate) fn merge_counts(
        target: &mut BTreeMap<String, u64>,
        from: impl IntoIterator<Item = (String, u64)>,
    ) {
        for (k, v) in from {
            *target.entry(k).or_default() += v;
        }
    }

    pub(crate) fn merge_hash(target: &mut BTreeMap<String, u64>, from: HashMap<String, u64>) {
        Report::merge_counts(target, from);
    }
}
