//! Firms in the store, on SQLite and (when `CREACITY_TEST_PG` names a database) on PostgreSQL,
//! each PostgreSQL run in a schema of its own that is dropped afterwards.

use creacity_store::{
    Firm, FirmFilter, FirmKind, FirmLocation, PlaceLocation, StoreError, Workspace,
};

mod common;
use common::each;

/// A synthetic firm.
fn firm(i: usize, period: &str) -> Firm {
    let mut f = Firm::new(format!("{:010}", 6_600_000_000u64 + i as u64), period, "");
    f.name = format!("ООО «Синтетика-{i}» 'quoted' \"; DROP TABLE firms; --");
    f.kind = if i.is_multiple_of(3) {
        FirmKind::SoleTrader
    } else {
        FirmKind::Company
    };
    f.category = Some("micro".into());
    f.main_code = Some("59.11".into());
    f.other_codes = if i.is_multiple_of(2) {
        vec!["90.01".into(), "62.01".into()]
    } else {
        vec![]
    };
    f.territory = Some(if i.is_multiple_of(2) { "T1" } else { "T2" }.into());
    f.region_code = Some("66".into());
    f.city = Some("Синтетград".into());
    f.oktmo = (i.is_multiple_of(4)).then(|| format!("6570100{}", i % 10));
    f.lat = Some(56.8 + i as f64 * 1e-4);
    f.lon = Some(60.6);
    f.registered = Some("2020-03-01".into());
    f.employees = (!i.is_multiple_of(5)).then_some(i as f64);
    f.revenue = Some(1.5e6);
    f
}

#[test]
fn firms_round_trip_in_batches_larger_than_one_statement() {
    each("roundtrip", |loc| {
        let mut ws = Workspace::create(loc).unwrap();
        // 1 234 rows: two full statements of 500 and a short one.
        let firms: Vec<Firm> = (0..1234).map(|i| firm(i, "2024")).collect();
        let s = ws.import_firms("synthetic.csv", &firms, false).unwrap();
        assert_eq!((s.inserted, s.updated, s.removed), (1234, 0, 0));
        let back = ws.firms(&FirmFilter::default()).unwrap();
        assert_eq!(back.len(), 1234);
        for (a, b) in firms.iter().zip(&back) {
            let mut b = b.clone();
            assert_eq!(b.source, "synthetic.csv");
            assert_eq!(b.import_id, s.import_id);
            b.source.clear();
            b.import_id.clear();
            assert_eq!(a, &b);
        }
        let t1 = ws
            .firms(&FirmFilter {
                territory: Some("T1".into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(t1.len(), 617);
        let by_oktmo = ws
            .firms(&FirmFilter {
                oktmo_prefix: Some("65701".into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(by_oktmo.len(), 309);
        let status = ws.firm_status().unwrap();
        assert_eq!(status.rows, 1234);
        assert_eq!(status.firms, 1234);
        assert_eq!(status.with_oktmo, 309);
        assert_eq!(
            status.kinds,
            vec![("company".into(), 822), ("sole_trader".into(), 412)]
        );
        assert_eq!(ws.imports().unwrap()[0].2, 1234);
    });
}

#[test]
fn a_second_import_replaces_same_id_and_period_and_keeps_other_periods() {
    each("upsert", |loc| {
        let mut ws = Workspace::create(loc).unwrap();
        ws.import_firms("a.csv", &[firm(1, "2023"), firm(2, "2023")], false)
            .unwrap();
        let mut changed = firm(1, "2023");
        changed.name = "renamed".into();
        let s = ws
            .import_firms("b.csv", &[changed, firm(1, "2024")], false)
            .unwrap();
        assert_eq!((s.inserted, s.updated), (1, 1));
        let all = ws.firms(&FirmFilter::default()).unwrap();
        assert_eq!(all.len(), 3);
        assert_eq!(all[0].name, "renamed");
        assert_eq!(all[0].source, "b.csv");
        let only = ws
            .firms(&FirmFilter {
                period: Some("2024".into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(only.len(), 1);
        let s = ws.import_firms("c.csv", &[firm(9, "2025")], true).unwrap();
        assert_eq!((s.inserted, s.removed), (1, 3));
        assert_eq!(ws.firm_status().unwrap().rows, 1);
    });
}

#[test]
fn duplicates_and_bad_coordinates_are_refused_and_nothing_is_written() {
    each("refuse", |loc| {
        let mut ws = Workspace::create(loc).unwrap();
        let mut firms: Vec<Firm> = (0..700).map(|i| firm(i, "2024")).collect();
        firms.push(firm(3, "2024"));
        match ws.import_firms("dup.csv", &firms, false) {
            Err(StoreError::DuplicateFirm {
                first, second, id, ..
            }) => {
                assert_eq!((first, second), (4, 701));
                assert_eq!(id, "6600000003");
            }
            other => panic!("expected a duplicate error, got {other:?}"),
        }
        let mut bad = firm(1, "2024");
        bad.lat = Some(91.0);
        let e = ws
            .import_firms("bad.csv", &[firm(0, "2024"), bad], false)
            .unwrap_err();
        assert!(
            matches!(
                e,
                StoreError::InvalidFirm {
                    position: 2,
                    field: "lat",
                    ..
                }
            ),
            "{e}"
        );
        let mut half = firm(1, "2024");
        half.lon = None;
        assert!(ws.import_firms("half.csv", &[half], false).is_err());
        assert_eq!(ws.firm_status().unwrap().rows, 0);
        assert!(ws.imports().unwrap().is_empty());
    });
}

#[test]
fn batches_commit_with_a_checkpoint_and_locations_are_written_back() {
    each("batches", |loc| {
        let mut ws = Workspace::create(loc).unwrap();
        let mut imp = ws.begin_firm_import("dump.zip", false, true).unwrap();
        imp.add(&[firm(1, "2024-06")]).unwrap();
        imp.add(&[firm(2, "2024-06")]).unwrap();
        let s = imp.commit(&[("registry_checkpoint", "{\"x\":1}")]).unwrap();
        assert_eq!(s.inserted, 2);
        // An import dropped without commit leaves nothing.
        {
            let mut imp = ws.begin_firm_import("lost.zip", false, true).unwrap();
            imp.add(&[firm(7, "2024-06")]).unwrap();
        }
        assert_eq!(ws.firm_status().unwrap().rows, 2);
        let n = ws
            .set_firm_locations(&[FirmLocation {
                id: firm(2, "x").id,
                period: "2024-06".into(),
                oktmo: Some("65701000001".into()),
                lat: Some(56.83),
                lon: Some(60.61),
            }])
            .unwrap();
        assert_eq!(n, 1);
        let f = &ws.firms(&FirmFilter::default()).unwrap()[1];
        assert_eq!(f.oktmo.as_deref(), Some("65701000001"));
        assert_eq!((f.lat, f.lon), (Some(56.83), Some(60.61)));
        assert!(
            ws.set_firm_locations(&[FirmLocation {
                id: "x".into(),
                period: "2024".into(),
                oktmo: None,
                lat: Some(0.0),
                lon: Some(200.0),
            }])
            .is_err()
        );
    });
}

#[test]
fn a_version_2_workspace_is_upgraded_with_the_firms_table() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.db");
    drop(Workspace::create(&path).unwrap());
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(
            "DROP TABLE firms; UPDATE meta SET value = '2' WHERE key = 'schema_version';",
        )
        .unwrap();
    }
    let mut ws = Workspace::open(&path).unwrap();
    assert_eq!(ws.schema_version().unwrap(), 3);
    ws.import_firms("a.csv", &[firm(1, "2024")], false).unwrap();
    assert_eq!(ws.firm_status().unwrap().rows, 1);
}

#[test]
fn distinct_places_are_matched_once_and_points_thinned() {
    each("places", |loc| {
        let mut ws = Workspace::create(loc).unwrap();
        let firms: Vec<Firm> = (0..30)
            .map(|i| {
                let mut f = firm(i, "2024");
                f.oktmo = None;
                f.city = Some(if i < 20 { "г. Альфа" } else { "Бета" }.into());
                f.territory = None;
                if i % 3 == 0 {
                    f.lat = None;
                    f.lon = None;
                }
                f
            })
            .collect();
        ws.import_firms("p.csv", &firms, false).unwrap();
        let places = ws.firm_places().unwrap();
        assert_eq!(places.len(), 2);
        assert_eq!(places[0].1, 20);
        assert_eq!(places[0].0.city.as_deref(), Some("г. Альфа"));
        let n = ws
            .set_place_locations(
                &[PlaceLocation {
                    place: places[0].0.clone(),
                    oktmo: "00701000001".into(),
                    lat: Some(50.0),
                    lon: Some(40.0),
                }],
                false,
            )
            .unwrap();
        assert_eq!(n, 20);
        let all = ws.firms(&FirmFilter::default()).unwrap();
        let alfa: Vec<&Firm> = all
            .iter()
            .filter(|f| f.city.as_deref() == Some("г. Альфа"))
            .collect();
        assert!(
            alfa.iter()
                .all(|f| f.oktmo.as_deref() == Some("00701000001"))
        );
        // Coordinates only where there were none: 7 of the 20 (i = 0, 3, …, 18).
        assert_eq!(alfa.iter().filter(|f| f.lat == Some(50.0)).count(), 7);
        let (pts, total) = ws.firm_points(100).unwrap();
        assert_eq!((pts.len(), total), (27, 27));
        // Thinned to ids ending in 0: 6600000000, …10, …20 (those with coordinates).
        let (pts, total) = ws.firm_points(5).unwrap();
        assert_eq!(total, 27);
        assert!(pts.len() <= 3, "{}", pts.len());
    });
}
