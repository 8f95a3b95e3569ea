//! The entry point: options, and `ingest` over a list of zips.

use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

use serde::Serialize;

use crate::address::{AddressTable, DEFAULT_ADDRESS_TABLE_NAME};
use crate::error::RegistryError;
use crate::parse::OnError;
use crate::pipeline::{self, Done, WorkerSettings, ZipJob};
use crate::record::{EmployeesSource, Finance, FirmKind, FirmRecord, inn_key};
use crate::report::{
    Batch, Checkpoint, Duplicate, Phase, Progress, REPORT_EXAMPLES, Report, SkippedError, ZipReport,
};
use crate::schema::FileKind;

/// What to do with a firm id met twice in the same zip. Every duplicate is reported either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DuplicatePolicy {
    /// Deliver the first record, drop later ones (the default: a store keyed by INN and date
    /// accepts the batch).
    #[default]
    KeepFirst,
    /// Deliver every record.
    KeepAll,
}

/// Validated options of a run; build them with [`Options::builder`].
#[derive(Debug, Clone)]
pub struct Options {
    threads: usize,
    batch_size: usize,
    in_flight: usize,
    on_error: OnError,
    duplicates: DuplicatePolicy,
    known_codes: Option<HashSet<String>>,
    table: AddressTable,
    table_name: String,
    resume: Checkpoint,
}

impl Default for Options {
    fn default() -> Self {
        Options::builder().build().expect("the defaults are valid")
    }
}

impl Options {
    /// A builder with the defaults: all cores, batches of 10 000 records, stop on error, keep the
    /// first of duplicates, syntax check of codes, the shipped address table, no checkpoint.
    pub fn builder() -> OptionsBuilder {
        OptionsBuilder {
            threads: 0,
            batch_size: 10_000,
            in_flight: 0,
            on_error: OnError::Stop,
            duplicates: DuplicatePolicy::KeepFirst,
            known_codes: None,
            table: None,
            resume: Checkpoint::default(),
        }
    }
}

/// Builder of [`Options`]; `build` checks the values.
#[derive(Debug, Clone)]
pub struct OptionsBuilder {
    threads: usize,
    batch_size: usize,
    in_flight: usize,
    on_error: OnError,
    duplicates: DuplicatePolicy,
    known_codes: Option<HashSet<String>>,
    table: Option<(AddressTable, String)>,
    resume: Checkpoint,
}

impl OptionsBuilder {
    /// Worker threads for inflating and parsing; 0 = one per core.
    pub fn threads(mut self, n: usize) -> Self {
        self.threads = n;
        self
    }
    /// Target records per batch (≥ 1); a batch ends at the end of an XML file.
    pub fn batch_size(mut self, n: usize) -> Self {
        self.batch_size = n;
        self
    }
    /// Entries held in memory at once between reading and delivery; 0 = four per thread.
    /// Memory is bounded by this times the size of one inflated entry (≈ 4 MB in real dumps).
    pub fn in_flight(mut self, n: usize) -> Self {
        self.in_flight = n;
        self
    }
    /// Skip or stop on a broken entry, record or archive.
    pub fn on_error(mut self, p: OnError) -> Self {
        self.on_error = p;
        self
    }
    /// What to do with duplicate firm ids.
    pub fn duplicates(mut self, p: DuplicatePolicy) -> Self {
        self.duplicates = p;
        self
    }
    /// The codes the caller knows (say, every OKVED 2 code of a taxonomy); others are counted.
    pub fn known_codes(mut self, codes: impl IntoIterator<Item = String>) -> Self {
        self.known_codes = Some(codes.into_iter().collect());
        self
    }
    /// An address table of the user's own, with a name reported in results.
    pub fn address_table(mut self, table: AddressTable, name: impl Into<String>) -> Self {
        self.table = Some((table, name.into()));
        self
    }
    /// Go on from a checkpoint saved by an earlier run.
    pub fn resume(mut self, checkpoint: Checkpoint) -> Self {
        self.resume = checkpoint;
        self
    }
    /// Checks and returns the options.
    ///
    /// # Errors
    /// [`RegistryError::InvalidOption`] for a batch size of 0 or more than 1024 threads.
    pub fn build(self) -> Result<Options, RegistryError> {
        if self.batch_size == 0 {
            return Err(RegistryError::InvalidOption {
                option: "batch_size",
                message: "must be at least 1".into(),
            });
        }
        if self.threads > 1024 {
            return Err(RegistryError::InvalidOption {
                option: "threads",
                message: format!("{} is more than 1024", self.threads),
            });
        }
        let threads = if self.threads == 0 {
            std::thread::available_parallelism().map_or(2, |n| n.get())
        } else {
            self.threads
        };
        let in_flight = if self.in_flight == 0 {
            4 * threads
        } else {
            self.in_flight
        };
        let (table, table_name) = self.table.unwrap_or_else(|| {
            (
                AddressTable::default(),
                DEFAULT_ADDRESS_TABLE_NAME.to_string(),
            )
        });
        Ok(Options {
            threads,
            batch_size: self.batch_size,
            in_flight,
            on_error: self.on_error,
            duplicates: self.duplicates,
            known_codes: self.known_codes,
            table,
            table_name,
            resume: self.resume,
        })
    }
}

#[derive(Default, Clone, Copy)]
struct CompanionFacts {
    revenue: Option<f64>,
    expenditure: Option<f64>,
    fin_date: Option<crate::record::Date>,
    employees: Option<u32>,
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The dataset of a zip, from the name of its first XML entry (registry when unknown).
fn classify(path: &Path) -> FileKind {
    let first = std::fs::File::open(path).ok().and_then(|f| {
        let mut r = std::io::BufReader::new(f);
        match zip::ZipArchive::new(&mut r) {
            Ok(ar) => ar
                .file_names()
                .filter_map(|n| n.ok().map(|n| n.into_owned()))
                .find(|n| n.to_ascii_lowercase().ends_with(".xml")),
            Err(_) => {
                let mut r = std::io::BufReader::new(std::fs::File::open(path).ok()?);
                let f = zip::read::read_zipfile_from_stream(&mut r).ok()??;
                f.name().ok().map(|n| n.into_owned())
            }
        }
    });
    first
        .as_deref()
        .and_then(FileKind::from_entry_name)
        .unwrap_or(FileKind::Registry)
}

/// Reads registry zips (and any revenue/expenditure or headcount companion zips among `paths`,
/// which are read first and joined to the registry records by INN) and hands the records to
/// `on_batch` in batches, in file order. `on_progress` is called after every XML entry.
///
/// Each batch comes with the [`Checkpoint`] that holds once it is stored; pass a saved checkpoint
/// to [`OptionsBuilder::resume`] to go on after an interruption. Companion zips are always read
/// whole (they are small and rebuild the join table).
///
/// # Errors
/// A zip that cannot be opened or is not a zip; under [`OnError::Stop`] (the default) the first
/// truncated archive, corrupt entry, malformed file, unknown schema version or invalid record —
/// the records before it have been delivered and checkpointed; [`RegistryError::Sink`] when
/// `on_batch` fails; [`RegistryError::CheckpointMismatch`] when a checkpoint names a zip of
/// another size.
///
/// ```
/// use creacity_registry::{Date, Options, SchemaVersion, ingest, synth};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("data-10062023-structure-10062023.zip");
/// let snap = Date::new(2023, 6, 10).unwrap();
/// let firms = synth::firms(1, 5, snap);
/// let entry = synth::ZipEntry {
///     name: synth::registry_entry_name(snap, 0),
///     bytes: synth::registry_xml(SchemaVersion::V4_06, &firms, "synthetic"),
/// };
/// synth::write_zip(std::fs::File::create(&path).unwrap(), [entry]).unwrap();
/// let mut got = Vec::new();
/// let report = ingest(&[&path], &Options::default(), |b| { got.extend(b.records); Ok::<_, std::io::Error>(()) }, |_| {}).unwrap();
/// assert_eq!(report.records, 5);
/// assert_eq!(got, firms);
/// ```
pub fn ingest<P, E>(
    paths: &[P],
    options: &Options,
    mut on_batch: impl FnMut(Batch<'_>) -> Result<(), E>,
    mut on_progress: impl FnMut(&Progress),
) -> Result<Report, RegistryError>
where
    P: AsRef<Path>,
    E: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let mut report = Report {
        address_table: options.table_name.clone(),
        reader_version: format!("creacity-registry {}", env!("CARGO_PKG_VERSION")),
        ..Report::default()
    };
    let mut companions = Vec::new();
    let mut registry = Vec::new();
    for p in paths {
        let path = p.as_ref();
        let size = std::fs::metadata(path)
            .map_err(|source| RegistryError::Io {
                path: path.display().to_string(),
                source,
            })?
            .len();
        let name = file_name(path);
        let kind = classify(path);
        let mut done = BTreeSet::new();
        if kind == FileKind::Registry
            && let Some(cp) = options.resume.zips.get(&name)
        {
            if cp.size != size {
                return Err(RegistryError::CheckpointMismatch {
                    zip: name,
                    expected: cp.size,
                    found: size,
                });
            }
            done = cp.done.clone();
        }
        let job = ZipJob {
            path: path.to_path_buf(),
            name,
            size,
            done,
        };
        if kind == FileKind::Registry {
            registry.push(job);
        } else {
            companions.push(job);
        }
    }
    let bytes_total: u64 = companions.iter().chain(&registry).map(|j| j.size).sum();
    let settings = WorkerSettings {
        table: &options.table,
        known_codes: options.known_codes.as_ref(),
        on_error: options.on_error,
        threads: options.threads,
        in_flight: options.in_flight,
    };
    let mut progress = Progress {
        phase: Phase::Companions,
        zip: String::new(),
        bytes_done: 0,
        bytes_total,
        entries: 0,
        records: 0,
    };

    // Phase 1: companions into a join table keyed by INN.
    let mut join: HashMap<u64, CompanionFacts> = HashMap::new();
    let mut zip_base = 0u64;
    if !companions.is_empty() {
        pipeline::run(&companions, &settings, |d| {
            match d {
                Done::Begin { zip } => {
                    progress.zip = companions[zip].name.clone();
                    report.zips.push(ZipReport {
                        zip: companions[zip].name.clone(),
                        size: companions[zip].size,
                        ..ZipReport::default()
                    });
                }
                Done::Entry {
                    zip,
                    name,
                    pos,
                    result,
                } => {
                    let zr = report.zips.last_mut().expect("begun");
                    zr.entries_read += 1;
                    match result {
                        Ok(f) => {
                            zr.records += f.companions.len() as u64;
                            *zr.schema_versions.entry(f.form_version).or_default() +=
                                f.companions.len() as u64;
                            report.companion_rows += f.companions.len() as u64;
                            for w in f.warnings {
                                report.warn(w);
                            }
                            for e in &f.skipped {
                                report.skip(SkippedError::from_error(
                                    &companions[zip].name,
                                    &name,
                                    e,
                                ));
                            }
                            for row in f.companions {
                                let Some(k) = inn_key(&row.inn) else { continue };
                                let c = join.entry(k).or_default();
                                if row.revenue.is_some() || row.expenditure.is_some() {
                                    c.revenue = row.revenue;
                                    c.expenditure = row.expenditure;
                                    c.fin_date = row.date;
                                }
                                if row.employees.is_some() {
                                    c.employees = row.employees;
                                }
                            }
                        }
                        Err(e) => {
                            skip_or_stop(&mut report, options, &companions[zip].name, &name, e)?
                        }
                    }
                    progress.entries += 1;
                    progress.bytes_done = zip_base + pos;
                    on_progress(&progress);
                }
                Done::End {
                    zip,
                    by_local_headers,
                    result,
                    ..
                } => {
                    report.zips.last_mut().expect("begun").read_by_local_headers = by_local_headers;
                    zip_base += companions[zip].size;
                    progress.bytes_done = zip_base;
                    if let Err(e) = result {
                        skip_or_stop(&mut report, options, &companions[zip].name, "", e)?;
                    }
                }
            }
            Ok(())
        })?;
    }

    // Phase 2: the registry, delivered in batches.
    progress.phase = Phase::Registry;
    let mut checkpoint = options.resume.clone();
    let mut pending: Vec<FirmRecord> = Vec::with_capacity(options.batch_size + 1024);
    let mut pending_entries: Vec<(usize, String)> = Vec::new();
    let mut seen: HashMap<u64, u32> = HashMap::new();
    let mut entry_names: Vec<String> = Vec::new();
    let mut flush = |pending: &mut Vec<FirmRecord>,
                     pending_entries: &mut Vec<(usize, String)>,
                     checkpoint: &mut Checkpoint,
                     complete: Option<usize>|
     -> Result<(), RegistryError> {
        for (zi, name) in pending_entries.drain(..) {
            let job = &registry[zi];
            let z = checkpoint.zips.entry(job.name.clone()).or_default();
            z.size = job.size;
            z.done.insert(name);
        }
        if let Some(zi) = complete {
            let job = &registry[zi];
            let z = checkpoint.zips.entry(job.name.clone()).or_default();
            z.size = job.size;
            z.complete = true;
        }
        if pending.is_empty() && complete.is_none() {
            return Ok(());
        }
        let records = std::mem::replace(pending, Vec::with_capacity(options.batch_size + 1024));
        on_batch(Batch {
            records,
            checkpoint,
        })
        .map_err(|e| RegistryError::Sink(e.into()))
    };
    let outcome = pipeline::run(&registry, &settings, |d| {
        match d {
            Done::Begin { zip } => {
                progress.zip = registry[zip].name.clone();
                seen.clear();
                entry_names.clear();
                report.zips.push(ZipReport {
                    zip: registry[zip].name.clone(),
                    size: registry[zip].size,
                    ..ZipReport::default()
                });
            }
            Done::Entry {
                zip,
                name,
                pos,
                result,
            } => {
                let zname = &registry[zip].name;
                let zr = report.zips.last_mut().expect("begun");
                zr.entries_read += 1;
                match result {
                    Ok(f) => {
                        if let Some(v) = f.version {
                            *zr.schema_versions.entry(v.to_string()).or_default() +=
                                f.records.len() as u64;
                        }
                        zr.records += f.records.len() as u64;
                        if f.declared_docs
                            .is_some_and(|n| n != f.records.len() + f.skipped.len())
                        {
                            report.count_mismatches += 1;
                        }
                        for e in &f.skipped {
                            report.skip(SkippedError::from_error(zname, &name, e));
                        }
                        for w in &f.warnings {
                            report.warn(w.clone());
                        }
                        report.codes += f.stats.codes;
                        report.missing_main_code += f.stats.missing_main_code;
                        report.bad_inn_checksum += f.stats.bad_inn_checksum;
                        Report::merge_hash(&mut report.unknown_codes, f.stats.unknown_codes);
                        Report::merge_hash(
                            &mut report.unknown_place_types,
                            f.stats.unknown_place_types,
                        );
                        let entry_no = entry_names.len() as u32;
                        entry_names.push(name.clone());
                        for mut r in f.records {
                            let first = inn_key(&r.inn).and_then(|k| match seen.entry(k) {
                                Entry::Occupied(o) => Some(*o.get()),
                                Entry::Vacant(v) => {
                                    v.insert(entry_no);
                                    None
                                }
                            });
                            if let Some(first) = first {
                                report.duplicates += 1;
                                if report.duplicate_examples.len() < REPORT_EXAMPLES {
                                    report.duplicate_examples.push(Duplicate {
                                        inn: r.inn.clone(),
                                        zip: zname.clone(),
                                        first_entry: entry_names[first as usize].clone(),
                                        entry: name.clone(),
                                    });
                                }
                                if options.duplicates == DuplicatePolicy::KeepFirst {
                                    continue;
                                }
                            }
                            if !join.is_empty() && r.kind == FirmKind::LegalEntity {
                                join_companion(&mut r, &join, &mut report.companion_matched);
                            }
                            pending.push(r);
                            report.records += 1;
                        }
                        pending_entries.push((zip, name));
                    }
                    Err(e) => {
                        if let Err(e) = skip_or_stop(&mut report, options, zname, &name, e) {
                            flush(&mut pending, &mut pending_entries, &mut checkpoint, None)?;
                            return Err(e);
                        }
                    }
                }
                if pending.len() >= options.batch_size {
                    flush(&mut pending, &mut pending_entries, &mut checkpoint, None)?;
                }
                progress.entries += 1;
                progress.records = report.records;
                progress.bytes_done = zip_base + pos;
                on_progress(&progress);
            }
            Done::End {
                zip,
                resumed,
                by_local_headers,
                result,
            } => {
                let zr = report.zips.last_mut().expect("begun");
                zr.entries_resumed = resumed;
                zr.read_by_local_headers = by_local_headers;
                zip_base += registry[zip].size;
                progress.bytes_done = zip_base;
                let zname = registry[zip].name.clone();
                match result {
                    Ok(()) => flush(
                        &mut pending,
                        &mut pending_entries,
                        &mut checkpoint,
                        Some(zip),
                    )?,
                    Err(e) => {
                        let stop = skip_or_stop(&mut report, options, &zname, "", e);
                        let complete = stop.is_ok().then_some(zip);
                        flush(
                            &mut pending,
                            &mut pending_entries,
                            &mut checkpoint,
                            complete,
                        )?;
                        stop?;
                    }
                }
                on_progress(&progress);
            }
        }
        Ok(())
    });
    outcome.map(|()| report)
}

fn join_companion(r: &mut FirmRecord, join: &HashMap<u64, CompanionFacts>, matched: &mut u64) {
    let Some(c) = inn_key(&r.inn).and_then(|k| join.get(&k)) else {
        return;
    };
    *matched += 1;
    if let (Some(revenue), Some(expenditure)) = (c.revenue, c.expenditure) {
        r.finance = Some(Finance {
            revenue,
            expenditure,
            as_of: c.fin_date,
        });
    }
    if r.employees.is_none()
        && let Some(n) = c.employees
    {
        r.employees = Some(n);
        r.employees_source = Some(EmployeesSource::Companion);
    }
}

fn skip_or_stop(
    report: &mut Report,
    options: &Options,
    zip: &str,
    entry: &str,
    e: RegistryError,
) -> Result<(), RegistryError> {
    if options.on_error == OnError::Skip && e.is_skippable() {
        report.skip(SkippedError::from_error(zip, entry, &e));
        Ok(())
    } else {
        Err(e)
    }
}
