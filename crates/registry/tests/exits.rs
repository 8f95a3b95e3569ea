//! Exclusion dates from consecutive dumps, and progress reporting.

mod common;

use creacity_registry::{Date, ExitTracker, Options, SchemaVersion, ingest, synth};

#[test]
fn exits_and_entries_between_dumps() {
    let d = |m| Date::new(2023, m, 10).unwrap();
    let mut t = ExitTracker::default();
    // A leading zero survives the compact key: 0274… is a 10-digit INN.
    let c1 = t
        .observe(d(4), ["0274062111", "7707329152", "500100732259"])
        .unwrap();
    assert_eq!((c1.entered, c1.exits.len()), (3, 0));
    let c2 = t
        .observe(d(5), ["7707329152", "500100732259", "6663003127"])
        .unwrap();
    assert_eq!(c2.entered, 1);
    assert_eq!(c2.exits.len(), 1);
    assert_eq!(
        (
            c2.exits[0].inn.as_str(),
            c2.exits[0].last_seen,
            c2.exits[0].excluded_by
        ),
        ("0274062111", d(4), d(5))
    );
    // Dumps must come in date order.
    assert_eq!(t.observe(d(5), ["7707329152"]).unwrap_err(), d(5));
    let c3 = t.observe(d(6), Vec::<&str>::new()).unwrap();
    let gone: Vec<&str> = c3.exits.iter().map(|e| e.inn.as_str()).collect();
    assert_eq!(gone, ["500100732259", "6663003127", "7707329152"]);
}

#[test]
fn progress_only_moves_forward() {
    let dir = tempfile::tempdir().unwrap();
    let firms = synth::firms(6, 900, common::snap());
    let a = common::write(
        dir.path(),
        "a.zip",
        common::entries(SchemaVersion::V4_06, &firms[..450], 90),
    );
    let b = common::write(
        dir.path(),
        "b.zip",
        common::entries(SchemaVersion::V4_06, &firms[450..], 90),
    );
    let total = std::fs::metadata(&a).unwrap().len() + std::fs::metadata(&b).unwrap().len();
    let mut seen = Vec::new();
    let report = ingest(
        &[&a, &b],
        &Options::default(),
        |_| Ok::<_, std::io::Error>(()),
        |p| seen.push((p.bytes_done, p.records, p.bytes_total)),
    )
    .unwrap();
    assert_eq!(report.records, 900);
    assert!(
        seen.windows(2)
            .all(|w| w[0].0 <= w[1].0 && w[0].1 <= w[1].1)
    );
    assert!(seen.iter().all(|s| s.2 == total));
    assert_eq!(seen.last().unwrap().0, total);
}
