//! Fuzz-style tests: random and mutated bytes thrown at the XML parser and at the zip reader.
//! The only requirement is that nothing panics and every failure is a typed error.

mod common;

use creacity_registry::synth;
use creacity_registry::{
    AddressTable, OnError, ParseContext, RegistryError, SchemaVersion, parse_file,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn cx(table: &AddressTable, on_error: OnError) -> ParseContext<'_> {
    ParseContext {
        zip: "fuzz.zip",
        entry: "VO_RRMSPSV_fuzz.xml",
        table,
        known_codes: None,
        on_error,
    }
}

fn expected_error(e: &RegistryError) -> bool {
    matches!(
        e,
        RegistryError::MalformedXml { .. }
            | RegistryError::InvalidRecord { .. }
            | RegistryError::UnknownSchema { .. }
    )
}

#[test]
fn random_bytes_never_panic() {
    let table = AddressTable::default();
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    for _ in 0..3_000 {
        let n = rng.random_range(0..400);
        let bytes: Vec<u8> = (0..n).map(|_| rng.random()).collect();
        if let Err(e) = parse_file(&bytes, &cx(&table, OnError::Stop)) {
            assert!(expected_error(&e), "{e}");
        }
    }
}

#[test]
fn mutated_registry_files_never_panic() {
    let table = AddressTable::default();
    let mut rng = ChaCha8Rng::seed_from_u64(6);
    let snap = common::snap();
    let alphabet: &[&[u8]] = &[
        b"<",
        b">",
        b"/",
        b"\"",
        b"=",
        b"&",
        b"&amp;",
        b"&#0;",
        b"\xd0",
        b"\xff",
        "Документ".as_bytes(),
        "<СвОКВЭДДоп ".as_bytes(),
        b"]]>",
        b"<!--",
        b"<?",
        b" ",
    ];
    for v in SchemaVersion::ALL {
        let base = synth::registry_xml(v, &synth::firms(v as u64, 8, snap), "fuzz");
        for round in 0..400 {
            let mut b = base.clone();
            for _ in 0..rng.random_range(1..6) {
                let at = rng.random_range(0..b.len());
                match rng.random_range(0..4) {
                    0 => b[at] = rng.random(),
                    1 => {
                        b.truncate(at);
                    }
                    2 => {
                        let piece = alphabet[rng.random_range(0..alphabet.len())];
                        b.splice(at..at, piece.iter().copied());
                    }
                    _ => {
                        let end = (at + rng.random_range(1..50)).min(b.len());
                        b.drain(at..end);
                    }
                }
            }
            let policy = if round % 2 == 0 {
                OnError::Stop
            } else {
                OnError::Skip
            };
            match parse_file(&b, &cx(&table, policy)) {
                Ok(f) => assert!(f.records.len() + f.skipped.len() <= 9),
                Err(e) => assert!(expected_error(&e), "{e}"),
            }
        }
    }
}

#[test]
fn mutated_zips_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    let firms = synth::firms(8, 40, common::snap());
    let full = common::write(
        dir.path(),
        "full.zip",
        common::entries(SchemaVersion::V4_06, &firms, 10),
    );
    let base = std::fs::read(full).unwrap();
    let path = dir.path().join("m.zip");
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let opts = creacity_registry::Options::builder()
        .on_error(OnError::Skip)
        .threads(2)
        .build()
        .unwrap();
    for _ in 0..150 {
        let mut b = base.clone();
        for _ in 0..rng.random_range(1..8) {
            let at = rng.random_range(0..b.len());
            b[at] = rng.random();
        }
        std::fs::write(&path, &b).unwrap();
        let (r, got, _) = common::run(&[&path], &opts);
        if let Ok(rep) = r {
            assert_eq!(rep.records as usize, got.len());
        }
    }
}
