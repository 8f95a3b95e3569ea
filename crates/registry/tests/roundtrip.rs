//! Round trip: synthetic files of every schema version, written in the real element and
//! attribute names, read back equal to what the version can carry.

mod common;

use common::{entries, run, snap, write};
use creacity_registry::synth::{self, ZipEntry};
use creacity_registry::{
    AddressTable, EmployeesSource, FileKind, FirmKind, OnError, Options, ParseContext, Phase,
    SchemaVersion, ingest, parse_file,
};

#[test]
fn every_schema_version_round_trips_through_the_parser() {
    let table = AddressTable::default();
    let firms = synth::firms(11, 300, snap());
    for v in SchemaVersion::ALL {
        let xml = synth::registry_xml(v, &firms, "synthetic");
        let cx = ParseContext {
            zip: "z.zip",
            entry: "VO_RRMSPSV_0000_9965_20230610_x.xml",
            table: &table,
            known_codes: None,
            on_error: OnError::Stop,
        };
        let parsed = parse_file(&xml, &cx).unwrap();
        assert_eq!(parsed.version, Some(v));
        assert_eq!(parsed.declared_docs, Some(300));
        let want: Vec<_> = firms.iter().map(|f| synth::expressible(f, v)).collect();
        assert_eq!(parsed.records.len(), want.len());
        for (got, want) in parsed.records.iter().zip(&want) {
            assert_eq!(got, want, "version {v}");
        }
        assert!(parsed.stats.unknown_codes.is_empty());
        assert!(
            parsed.stats.unknown_place_types.is_empty(),
            "{:?}",
            parsed.stats.unknown_place_types
        );
        assert_eq!(parsed.stats.bad_inn_checksum, 0);
        let n_codes: usize = firms.iter().map(|f| f.codes.len()).sum();
        assert_eq!(parsed.stats.codes, n_codes as u64);
    }
}

#[test]
fn every_code_is_kept_main_first() {
    let firms = synth::firms(5, 200, snap());
    let many = firms
        .iter()
        .find(|f| f.codes.len() == 41)
        .expect("a firm with 40 additional codes");
    assert!(many.codes[0].main && many.codes[1..].iter().all(|c| !c.main));
    let xml = synth::registry_xml(SchemaVersion::V4_04, std::slice::from_ref(many), "s");
    let table = AddressTable::default();
    let cx = ParseContext {
        zip: "z",
        entry: "VO_RRMSPSV_a.xml",
        table: &table,
        known_codes: None,
        on_error: OnError::Stop,
    };
    let r = &parse_file(&xml, &cx).unwrap().records[0];
    assert_eq!(r.codes.len(), 41);
    assert_eq!(r.main_code(), Some(many.codes[0].code.as_str()));
}

#[test]
fn versions_differ_in_what_they_carry() {
    let f = synth::firm(1, 0, snap());
    let old = synth::expressible(&f, SchemaVersion::V4_01);
    assert!(old.ogrn.is_none() && old.employees.is_none() && old.social_enterprise.is_none());
    let mid = synth::expressible(&f, SchemaVersion::V4_02);
    assert!(mid.ogrn.is_some() && mid.employees.is_none());
    let new = synth::expressible(&f, SchemaVersion::V4_06);
    assert_eq!(new.ogrn, f.ogrn);
    // Type spellings differ: full words up to 4.04, abbreviations from 4.05.
    let x401 = String::from_utf8(synth::registry_xml(
        SchemaVersion::V4_01,
        std::slice::from_ref(&f),
        "s",
    ))
    .unwrap();
    let x406 = String::from_utf8(synth::registry_xml(
        SchemaVersion::V4_06,
        std::slice::from_ref(&f),
        "s",
    ))
    .unwrap();
    assert!(x401.contains("Тип=\"ОБЛАСТЬ\"") || x401.contains("Тип=\"РЕСПУБЛИКА\""));
    assert!(x406.contains("Тип=\"ОБЛ.\"") || x406.contains("Тип=\"РЕСП.\""));
}

#[test]
fn ingest_reads_many_entries_of_every_version_in_order() {
    let dir = tempfile::tempdir().unwrap();
    for v in SchemaVersion::ALL {
        let firms = synth::firms(v as u64, 1_000, snap());
        let path = write(
            dir.path(),
            &format!("data-{v}.zip"),
            entries(v, &firms, 300),
        );
        for threads in [1, 2, 3] {
            let opts = Options::builder()
                .threads(threads)
                .batch_size(450)
                .in_flight(3)
                .build()
                .unwrap();
            let (r, got, cp) = run(&[&path], &opts);
            let r = r.unwrap();
            let want: Vec<_> = firms.iter().map(|f| synth::expressible(f, v)).collect();
            assert!(
                got == want,
                "version {v}, {threads} threads: records differ"
            );
            assert_eq!(r.records, 1_000);
            assert_eq!(r.zips[0].entries_read, 4);
            assert_eq!(
                r.zips[0].schema_versions.get(v.form_version()),
                Some(&1_000)
            );
            assert_eq!(r.duplicates, 0);
            assert_eq!(cp.entries_done(), 4);
            assert!(cp.zips.values().all(|z| z.complete));
        }
    }
}

#[test]
fn batches_end_at_entry_boundaries_and_progress_reaches_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let firms = synth::firms(2, 1_000, snap());
    let path = write(
        dir.path(),
        "d.zip",
        entries(SchemaVersion::V4_06, &firms, 100),
    );
    let size = std::fs::metadata(&path).unwrap().len();
    let opts = Options::builder().batch_size(250).build().unwrap();
    let mut sizes = Vec::new();
    let mut last = None;
    ingest(
        &[&path],
        &opts,
        |b| {
            sizes.push(b.records.len());
            Ok::<_, std::io::Error>(())
        },
        |p| last = Some(p.clone()),
    )
    .unwrap();
    // 100-record files, batches of at least 250 → 300, 300, 300, then the last 100 at the zip's end.
    assert_eq!(sizes, vec![300, 300, 300, 100]);
    let last = last.unwrap();
    assert_eq!(last.phase, Phase::Registry);
    assert_eq!((last.bytes_done, last.bytes_total), (size, size));
    assert_eq!((last.entries, last.records), (10, 1_000));
}

#[test]
fn companions_are_joined_by_inn() {
    let dir = tempfile::tempdir().unwrap();
    let firms = synth::firms(9, 600, snap());
    let reg = write(
        dir.path(),
        "data-10062023-structure-10062023.zip",
        entries(SchemaVersion::V4_02, &firms, 200),
    );
    let as_of = creacity_registry::Date::new(2023, 8, 1).unwrap();
    let rows = synth::companions(4, &firms, as_of);
    let revexp = write(
        dir.path(),
        "revexp.zip",
        vec![ZipEntry {
            name: synth::companion_entry_name(FileKind::RevenueExpenditure, as_of, 0),
            bytes: synth::revexp_xml(&rows, "s"),
        }],
    );
    let head = write(
        dir.path(),
        "sshr.zip",
        vec![ZipEntry {
            name: synth::companion_entry_name(FileKind::Headcount, as_of, 0),
            bytes: synth::headcount_xml(&rows, "s"),
        }],
    );
    // The registry comes first on the command line; companions are read first anyway.
    let (r, got, _) = run(&[&reg, &revexp, &head], &Options::default());
    let r = r.unwrap();
    let legal = firms
        .iter()
        .filter(|f| f.kind == FirmKind::LegalEntity)
        .count();
    assert_eq!(r.companion_rows, 2 * legal as u64);
    assert_eq!(r.companion_matched, legal as u64);
    assert_eq!(
        r.zips.iter().map(|z| z.zip.as_str()).collect::<Vec<_>>(),
        [
            "revexp.zip",
            "sshr.zip",
            "data-10062023-structure-10062023.zip"
        ]
    );
    for (rec, f) in got.iter().zip(&firms) {
        if f.kind == FirmKind::LegalEntity {
            let row = rows.iter().find(|x| x.inn == f.inn).unwrap();
            let fin = rec.finance.unwrap();
            assert_eq!(
                (Some(fin.revenue), Some(fin.expenditure), fin.as_of),
                (row.revenue, row.expenditure, Some(as_of))
            );
            // 4.02 files carry no ССЧР, so the headcount comes from the companion.
            assert_eq!(rec.employees, row.employees);
            assert_eq!(rec.employees_source, Some(EmployeesSource::Companion));
        } else {
            assert!(rec.finance.is_none() && rec.employees.is_none());
        }
    }
}

#[test]
fn resume_delivers_only_what_is_left() {
    let dir = tempfile::tempdir().unwrap();
    let firms = synth::firms(21, 1_000, snap());
    let path = write(
        dir.path(),
        "d.zip",
        entries(SchemaVersion::V4_05, &firms, 100),
    );
    let opts = Options::builder().batch_size(200).build().unwrap();
    // First run: the receiver fails on its third batch, as a crash would stop it.
    let mut got = Vec::new();
    let mut saved = creacity_registry::Checkpoint::default();
    let mut n = 0;
    let err = ingest(
        &[&path],
        &opts,
        |b| {
            n += 1;
            if n == 3 {
                return Err("disk full");
            }
            got.extend(b.records);
            saved = b.checkpoint.clone();
            Ok(())
        },
        |_| {},
    )
    .unwrap_err();
    assert!(
        matches!(err, creacity_registry::RegistryError::Sink(_)),
        "{err}"
    );
    assert_eq!(got.len(), 400);
    assert_eq!(saved.entries_done(), 4);
    // Second run from the saved checkpoint.
    let opts = Options::builder()
        .batch_size(200)
        .resume(saved)
        .build()
        .unwrap();
    let (r, rest, cp) = run(&[&path], &opts);
    let r = r.unwrap();
    assert_eq!(r.zips[0].entries_resumed, 4);
    got.extend(rest);
    let want: Vec<_> = firms
        .iter()
        .map(|f| synth::expressible(f, SchemaVersion::V4_05))
        .collect();
    assert!(got == want, "resumed run does not give back the dump");
    assert_eq!(cp.entries_done(), 10);
}
