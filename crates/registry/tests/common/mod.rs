//! Helpers shared by the integration tests: synthetic zips on disk.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use creacity_registry::synth::{self, ZipEntry};
use creacity_registry::{Batch, Date, FirmRecord, Options, Report, SchemaVersion, ingest};

pub fn snap() -> Date {
    Date::new(2023, 6, 10).unwrap()
}

/// Registry entries of `per_file` records each, for records `firms`, in schema `v`.
pub fn entries(v: SchemaVersion, firms: &[FirmRecord], per_file: usize) -> Vec<ZipEntry> {
    firms
        .chunks(per_file)
        .enumerate()
        .map(|(i, chunk)| ZipEntry {
            name: synth::registry_entry_name(snap(), i),
            bytes: synth::registry_xml(v, chunk, &format!("synthetic-{i}")),
        })
        .collect()
}

pub fn write(dir: &Path, name: &str, entries: Vec<ZipEntry>) -> PathBuf {
    let path = dir.join(name);
    synth::write_zip(std::fs::File::create(&path).unwrap(), entries).unwrap();
    path
}

/// Runs ingest and collects records and the last checkpoint.
pub fn run(
    paths: &[&Path],
    options: &Options,
) -> (
    Result<Report, creacity_registry::RegistryError>,
    Vec<FirmRecord>,
    creacity_registry::Checkpoint,
) {
    let mut got = Vec::new();
    let mut cp = creacity_registry::Checkpoint::default();
    let r = ingest(
        paths,
        options,
        |b: Batch<'_>| {
            got.extend(b.records);
            cp = b.checkpoint.clone();
            Ok::<_, std::io::Error>(())
        },
        |_| {},
    );
    (r, got, cp)
}
