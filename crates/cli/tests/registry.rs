//! `creacity registry ingest` on synthetic registry zips in the real schema, then the firm-facts CSV
//! through `creacity map aggregate`: the registry feeds the mapping of the creative economy.

use std::process::Command;

use creacity_registry::synth::{self, ZipEntry};
use creacity_registry::{Date, SchemaVersion};

fn creacity(dir: &std::path::Path, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_creacity"))
        .current_dir(dir)
        .env("CI", "1")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn registry_zip_to_firm_facts_to_aggregates() {
    let dir = tempfile::tempdir().unwrap();
    let snap = Date::new(2024, 3, 10).unwrap();
    let firms: Vec<_> = synth::firms(7, 40, snap)
        .iter()
        .map(|f| synth::expressible(f, SchemaVersion::V4_06))
        .collect();
    let entries = firms.chunks(15).enumerate().map(|(i, chunk)| ZipEntry {
        name: synth::registry_entry_name(snap, i),
        bytes: synth::registry_xml(SchemaVersion::V4_06, chunk, "synthetic"),
    });
    let zip = dir.path().join("registry.zip");
    synth::write_zip(std::fs::File::create(&zip).unwrap(), entries).unwrap();

    let (ok, _, err) = creacity(
        dir.path(),
        &[
            "registry",
            "ingest",
            "registry.zip",
            "--out",
            "firms.csv",
            "--checkpoint",
            "cp.json",
        ],
    );
    assert!(ok, "{err}");
    assert!(err.contains("read 40 firms"), "{err}");
    let csv = std::fs::read_to_string(dir.path().join("firms.csv")).unwrap();
    assert_eq!(csv.lines().count(), 41);
    assert!(csv.starts_with("id,territory,period,main_code,other_codes"));
    let first = csv.lines().nth(1).unwrap();
    assert!(first.contains(",2024-03,"), "{first}");
    assert!(first.starts_with(&firms[0].inn), "{first}");
    assert!(dir.path().join("cp.json").exists());

    // Resuming a finished run reads nothing more and keeps the file whole.
    let (ok, _, err) = creacity(
        dir.path(),
        &[
            "registry",
            "ingest",
            "registry.zip",
            "--out",
            "firms.csv",
            "--checkpoint",
            "cp.json",
        ],
    );
    assert!(ok, "{err}");
    assert!(err.contains("read 0 firms"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("firms.csv")).unwrap(),
        csv
    );

    let (ok, out, err) = creacity(
        dir.path(),
        &["map", "aggregate", "--firms", "firms.csv", "--json"],
    );
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    // Every firm lands in the denominator of its region for March 2024.
    let all: f64 = v["all_firms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["firms"].as_f64().unwrap())
        .sum();
    assert_eq!(all, 40.0);
    assert!(
        v["all_firms"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["period"]["year"] == 2024 && r["period"]["month"] == 3)
    );
    assert!(!v["rows"].as_array().unwrap().is_empty());
}

#[test]
fn a_broken_zip_is_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.zip"), b"PK\x03\x04 not really a zip").unwrap();
    let (ok, _, err) = creacity(
        dir.path(),
        &["registry", "ingest", "bad.zip", "--out", "f.csv"],
    );
    assert!(!ok);
    assert!(err.contains("bad.zip"), "{err}");
}

/// A companion file of a schema version the reader does not list is read, and the command says
/// so, naming the file and the version (synthetic data).
#[test]
fn a_companion_of_an_unknown_version_is_named_in_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let snap = Date::new(2023, 6, 10).unwrap();
    let as_of = Date::new(2023, 8, 1).unwrap();
    let firms: Vec<_> = synth::firms(3, 30, snap)
        .iter()
        .map(|f| synth::expressible(f, SchemaVersion::V4_06))
        .collect();
    let reg = [ZipEntry {
        name: synth::registry_entry_name(snap, 0),
        bytes: synth::registry_xml(SchemaVersion::V4_06, &firms, "synthetic"),
    }];
    synth::write_zip(
        std::fs::File::create(dir.path().join("data-10062023-structure-10062023.zip")).unwrap(),
        reg,
    )
    .unwrap();
    let rows = synth::companions(4, &firms, as_of);
    let text = String::from_utf8(synth::revexp_xml(&rows, "synthetic"))
        .unwrap()
        .replace("ВерсФорм=\"4.01\"", "ВерсФорм=\"4.99\"");
    let entry =
        synth::companion_entry_name(creacity_registry::FileKind::RevenueExpenditure, as_of, 0);
    synth::write_zip(
        std::fs::File::create(dir.path().join("revexp.zip")).unwrap(),
        [ZipEntry {
            name: entry.clone(),
            bytes: text.into_bytes(),
        }],
    )
    .unwrap();
    let (ok, _, err) = creacity(
        dir.path(),
        &[
            "registry",
            "ingest",
            "data-10062023-structure-10062023.zip",
            "revexp.zip",
            "--out",
            "firms.csv",
        ],
    );
    assert!(ok, "{err}");
    assert!(err.contains("warnings / предупреждения: 1"), "{err}");
    assert!(err.contains(&entry) && err.contains("\"4.99\""), "{err}");
}
