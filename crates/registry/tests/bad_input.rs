//! Every bad input of issue #5's list: clear messages, nothing lost.

mod common;

use common::{entries, run, snap, write};
use creacity_registry::synth::{self, ZipEntry};
use creacity_registry::{DuplicatePolicy, OnError, Options, RegistryError, SchemaVersion};

fn xml(v: SchemaVersion, first: u64, n: usize) -> Vec<u8> {
    let firms: Vec<_> = (first..first + n as u64)
        .map(|i| synth::firm(1, i, snap()))
        .collect();
    synth::registry_xml(v, &firms, "synthetic")
}

fn entry(i: usize, bytes: Vec<u8>) -> ZipEntry {
    ZipEntry {
        name: synth::registry_entry_name(snap(), i),
        bytes,
    }
}

fn skip() -> Options {
    Options::builder().on_error(OnError::Skip).build().unwrap()
}

#[test]
fn truncated_zip_delivers_complete_entries_then_stops_or_skips() {
    let dir = tempfile::tempdir().unwrap();
    let firms = synth::firms(3, 500, snap());
    let full = write(
        dir.path(),
        "full.zip",
        entries(SchemaVersion::V4_06, &firms, 100),
    );
    let bytes = std::fs::read(&full).unwrap();
    let cut = dir.path().join("data-10062023-structure-10062023.zip");
    std::fs::write(&cut, &bytes[..bytes.len() * 3 / 5]).unwrap();

    let (r, got, cp) = run(&[&cut], &Options::default());
    let err = r.unwrap_err();
    let RegistryError::TruncatedZip {
        zip,
        entries_read,
        at_byte,
        ..
    } = &err
    else {
        panic!("expected a truncated zip, got {err}");
    };
    assert_eq!(zip, "data-10062023-structure-10062023.zip");
    assert!(*entries_read >= 1 && *entries_read < 5, "{entries_read}");
    assert!(*at_byte > 0 && *at_byte < bytes.len() as u64);
    assert!(err.to_string().contains("truncated zip"));
    // Nothing lost: every complete entry was delivered and checkpointed before the error.
    assert_eq!(got.len(), entries_read * 100);
    assert_eq!(cp.entries_done(), *entries_read);
    assert!(!cp.zips.values().any(|z| z.complete));

    let (r, got2, _) = run(&[&cut], &skip());
    let r = r.unwrap();
    assert_eq!(got2.len(), got.len());
    assert_eq!(r.skipped, 1);
    assert!(r.zips[0].read_by_local_headers);
    assert!(r.skipped_examples[0].message.contains("truncated zip"));
}

#[test]
fn every_cut_point_gives_an_error_or_a_clean_skip_never_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let firms = synth::firms(4, 60, snap());
    let full = write(
        dir.path(),
        "full.zip",
        entries(SchemaVersion::V4_03, &firms, 20),
    );
    let bytes = std::fs::read(&full).unwrap();
    let path = dir.path().join("cut.zip");
    for k in 0..40 {
        let at = bytes.len() * k / 40;
        std::fs::write(&path, &bytes[..at]).unwrap();
        let (r, got, _) = run(&[&path], &skip());
        match r {
            Ok(rep) => assert_eq!(rep.records as usize, got.len()),
            Err(e) => assert!(
                matches!(e, RegistryError::NotZip { .. }),
                "cut at {at}: {e}"
            ),
        }
        assert!(got.len() <= 60 && got.len() % 20 == 0);
    }
}

#[test]
fn not_a_zip_and_missing_file_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("notes.zip");
    std::fs::write(&p, "this is not an archive").unwrap();
    let (r, _, _) = run(&[&p], &skip());
    let e = r.unwrap_err();
    assert!(
        matches!(&e, RegistryError::NotZip { zip, .. } if zip == "notes.zip"),
        "{e}"
    );
    let missing = dir.path().join("missing.zip");
    let (r, _, _) = run(&[&missing], &Options::default());
    assert!(
        matches!(r.unwrap_err(), RegistryError::Io { path, .. } if path.ends_with("missing.zip"))
    );
}

#[test]
fn malformed_xml_names_the_entry_and_the_byte_offset() {
    let dir = tempfile::tempdir().unwrap();
    let good = xml(SchemaVersion::V4_06, 0, 10);
    let mut bad = String::from_utf8(xml(SchemaVersion::V4_06, 10, 10)).unwrap();
    let at = bad.match_indices("</Документ>").nth(4).unwrap().0;
    bad.replace_range(at..at + "</Документ>".len(), "</Докумен>");
    let path = write(
        dir.path(),
        "d.zip",
        vec![
            entry(0, good),
            entry(1, bad.into_bytes()),
            entry(2, xml(SchemaVersion::V4_06, 20, 10)),
        ],
    );

    let (r, got, _) = run(&[&path], &Options::default());
    let e = r.unwrap_err();
    let RegistryError::MalformedXml {
        zip,
        entry: name,
        offset,
        ..
    } = &e
    else {
        panic!("{e}")
    };
    assert_eq!(zip, "d.zip");
    assert_eq!(name, &synth::registry_entry_name(snap(), 1));
    assert_eq!(*offset, at as u64, "offset of the bad closing tag");
    assert!(e.to_string().contains(&format!("at byte {at}")));
    assert_eq!(got.len(), 10, "the entry before the bad one is delivered");

    let (r, got, cp) = run(&[&path], &skip());
    let r = r.unwrap();
    assert_eq!(got.len(), 20);
    assert_eq!(r.skipped, 1);
    assert_eq!(
        r.skipped_examples[0].entry,
        synth::registry_entry_name(snap(), 1)
    );
    // A skipped entry is not marked done, so a later run can read it once repaired.
    assert_eq!(cp.entries_done(), 2);
}

#[test]
fn unknown_schema_version_is_refused_with_the_known_list() {
    let dir = tempfile::tempdir().unwrap();
    let x = String::from_utf8(xml(SchemaVersion::V4_06, 0, 3))
        .unwrap()
        .replace("ВерсФорм=\"4.06\"", "ВерсФорм=\"4.99\"");
    let path = write(dir.path(), "d.zip", vec![entry(0, x.into_bytes())]);
    // Refused even under skip: a version the reader does not know cannot be read correctly.
    let (r, got, _) = run(&[&path], &skip());
    let e = r.unwrap_err();
    let msg = e.to_string();
    assert!(
        matches!(&e, RegistryError::UnknownSchema { found, .. } if found == "4.99"),
        "{msg}"
    );
    for v in SchemaVersion::ALL {
        assert!(
            msg.contains(v.form_version()) && msg.contains(v.structure()),
            "{msg}"
        );
    }
    assert!(got.is_empty());
}

#[test]
fn unknown_codes_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    let x = String::from_utf8(xml(SchemaVersion::V4_06, 0, 5)).unwrap();
    let first = x.find("КодОКВЭД=\"").unwrap() + "КодОКВЭД=\"".len();
    let end = first + x[first..].find('"').unwrap();
    let mut x2 = x.clone();
    x2.replace_range(first..end, "6201");
    let path = write(dir.path(), "d.zip", vec![entry(0, x2.into_bytes())]);
    let (r, got, _) = run(&[&path], &Options::default());
    let r = r.unwrap();
    assert_eq!(r.unknown_codes.get("6201"), Some(&1));
    assert_eq!(got[0].main_code(), Some("6201"), "kept as written");

    // Against a caller's list: everything outside it is counted.
    let opts = Options::builder()
        .known_codes(["62.01".to_string()])
        .build()
        .unwrap();
    let path = write(dir.path(), "e.zip", vec![entry(0, x.into_bytes())]);
    let (r, got, _) = run(&[&path], &opts);
    let r = r.unwrap();
    let outside: u64 = got
        .iter()
        .flat_map(|f| &f.codes)
        .filter(|c| c.code != "62.01")
        .count() as u64;
    assert_eq!(r.unknown_codes.values().sum::<u64>(), outside);
    assert!(!r.unknown_codes.contains_key("62.01"));
}

#[test]
fn duplicate_firm_ids_are_reported_and_kept_or_dropped() {
    let dir = tempfile::tempdir().unwrap();
    // Entry 1 repeats records 5..10 of entry 0.
    let path = write(
        dir.path(),
        "d.zip",
        vec![
            entry(0, xml(SchemaVersion::V4_06, 0, 10)),
            entry(1, xml(SchemaVersion::V4_06, 5, 10)),
        ],
    );
    let (r, got, _) = run(&[&path], &Options::default());
    let r = r.unwrap();
    assert_eq!(r.duplicates, 5);
    assert_eq!(got.len(), 15);
    let d = &r.duplicate_examples[0];
    assert_eq!(
        (d.first_entry.as_str(), d.entry.as_str()),
        (
            synth::registry_entry_name(snap(), 0).as_str(),
            synth::registry_entry_name(snap(), 1).as_str()
        )
    );
    assert_eq!(d.inn, synth::firm(1, 5, snap()).inn);

    let opts = Options::builder()
        .duplicates(DuplicatePolicy::KeepAll)
        .build()
        .unwrap();
    let (r, got, _) = run(&[&path], &opts);
    assert_eq!((r.unwrap().duplicates, got.len()), (5, 20));

    // The same firm in two monthly dumps is not a duplicate.
    let other = write(
        dir.path(),
        "e.zip",
        vec![entry(0, xml(SchemaVersion::V4_06, 0, 10))],
    );
    let (r, _, _) = run(&[&path, &other], &Options::default());
    assert_eq!(r.unwrap().duplicates, 5);
}

#[test]
fn corrupt_entry_is_caught_by_its_checksum() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "d.zip",
        vec![
            entry(0, xml(SchemaVersion::V4_06, 0, 10)),
            entry(1, xml(SchemaVersion::V4_06, 10, 10)),
        ],
    );
    let start = {
        let mut ar = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
        let f = ar.by_index_raw(1).unwrap();
        f.data_start().unwrap() + f.compressed_size() / 2
    };
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[start as usize] ^= 0x55;
    std::fs::write(&path, bytes).unwrap();
    let (r, got, _) = run(&[&path], &Options::default());
    let e = r.unwrap_err();
    assert!(
        matches!(&e, RegistryError::CorruptEntry { entry, .. } if entry == &synth::registry_entry_name(snap(), 1)),
        "{e}"
    );
    assert_eq!(got.len(), 10);
    let (r, got, _) = run(&[&path], &skip());
    assert_eq!((r.unwrap().skipped, got.len()), (1, 10));
}

#[test]
fn invalid_record_names_field_value_and_offset() {
    let dir = tempfile::tempdir().unwrap();
    let x = String::from_utf8(xml(SchemaVersion::V4_06, 0, 5)).unwrap();
    let doc3 = x.match_indices("<Документ ").nth(2).unwrap().0;
    let cat = doc3 + x[doc3..].find("КатСубМСП=\"").unwrap() + "КатСубМСП=\"".len();
    let mut bad = x.clone();
    bad.replace_range(cat..cat + 1, "7");
    let path = write(dir.path(), "d.zip", vec![entry(0, bad.into_bytes())]);
    let (r, got, _) = run(&[&path], &Options::default());
    let e = r.unwrap_err();
    let RegistryError::InvalidRecord {
        field,
        value,
        offset,
        ..
    } = &e
    else {
        panic!("{e}")
    };
    assert_eq!(
        (*field, value.as_str(), *offset),
        ("КатСубМСП", "7", doc3 as u64)
    );
    assert!(got.is_empty());
    let (r, got, _) = run(&[&path], &skip());
    let r = r.unwrap();
    assert_eq!((r.skipped, got.len(), r.count_mismatches), (1, 4, 0));
}

#[test]
fn checkpoint_of_another_file_and_bad_options_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "d.zip",
        vec![entry(0, xml(SchemaVersion::V4_06, 0, 3))],
    );
    let mut cp = creacity_registry::Checkpoint::default();
    cp.zips.insert(
        "d.zip".into(),
        creacity_registry::ZipCheckpoint {
            size: 1,
            ..Default::default()
        },
    );
    let (r, _, _) = run(&[&path], &Options::builder().resume(cp).build().unwrap());
    assert!(matches!(
        r.unwrap_err(),
        RegistryError::CheckpointMismatch { expected: 1, .. }
    ));
    let e = Options::builder().batch_size(0).build().unwrap_err();
    assert!(matches!(
        e,
        RegistryError::InvalidOption {
            option: "batch_size",
            ..
        }
    ));
    assert!(Options::builder().threads(5000).build().is_err());
}
