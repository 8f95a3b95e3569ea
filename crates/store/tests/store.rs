//! Integration tests of the workspace store: lifecycle, refusal of bad files, all-or-nothing imports,
//! round trips and optimistic locking.

use std::collections::BTreeSet;

use creacity_model::*;
use creacity_store::{StoreError, Workspace};

fn territory(id: &str) -> Territory {
    Territory {
        id: id.into(),
        kind: TerritoryKind::City,
        name_ru: "Город".into(),
        name_en: "Town".into(),
        parent_id: None,
        oktmo: Some("00000000".into()),
        population: Some(120_000),
        lat: Some(56.0),
        lon: Some(60.0),
        second_tier: true,
        industrial: true,
        monotown: false,
        synthetic: true,
    }
}

fn cluster(id: &str, territory: &str) -> CreativeCluster {
    CreativeCluster {
        id: id.into(),
        name_ru: "Кластер".into(),
        name_en: "Cluster".into(),
        territory_id: territory.into(),
        initiator: Initiator::Municipality,
        site_owner: SiteOwner::Municipal,
        public_share_creation: 0.8,
        public_share_operation: 0.5,
        manager: Manager::MunicipalInstitution,
        support: BTreeSet::from([Support::Grants, Support::TaxRelief]),
        public_seats: 2,
        board_seats: 5,
        residents: 30,
        private_resident_share: 0.6,
        year_opened: Some(2019),
        notes: "n".into(),
        sources: "s".into(),
        synthetic: true,
    }
}

#[test]
fn create_refuses_existing_file_and_open_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.db");
    let mut ws = Workspace::create(&path).unwrap();
    ws.import_territories("t.csv", &[territory("t1")]).unwrap();
    drop(ws);
    assert!(matches!(
        Workspace::create(&path),
        Err(StoreError::AlreadyExists(_))
    ));
    let ws = Workspace::open(&path).unwrap();
    assert_eq!(ws.territories().unwrap(), vec![territory("t1")]);
}

#[test]
fn refuses_missing_damaged_foreign_and_newer_files_without_touching_them() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.db");
    assert!(matches!(
        Workspace::open(&missing),
        Err(StoreError::NotFound(_))
    ));
    assert!(!missing.exists(), "opening must not create a file");

    let garbage = dir.path().join("garbage.db");
    std::fs::write(&garbage, b"this is not sqlite at all, just some bytes").unwrap();
    let err = Workspace::open(&garbage).err().unwrap();
    assert!(matches!(err, StoreError::Damaged { .. }), "{err}");
    assert_eq!(
        std::fs::read(&garbage).unwrap(),
        b"this is not sqlite at all, just some bytes"
    );

    let foreign = dir.path().join("foreign.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE x (a INTEGER);")
        .unwrap();
    let err = Workspace::open(&foreign).err().unwrap().to_string();
    assert!(err.contains("no creacity metadata"), "{err}");

    let newer = dir.path().join("newer.db");
    drop(Workspace::create(&newer).unwrap());
    rusqlite::Connection::open(&newer)
        .unwrap()
        .execute(
            "UPDATE meta SET value = '999' WHERE key = 'schema_version'",
            [],
        )
        .unwrap();
    match Workspace::open(&newer) {
        Err(StoreError::NewerSchema {
            found: 999, known, ..
        }) => assert_eq!(known, creacity_store::SCHEMA_VERSION),
        other => panic!("expected NewerSchema, got {:?}", other.err()),
    }
}

#[test]
fn cluster_import_is_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::create(&dir.path().join("w.db")).unwrap();
    ws.import_territories("t.csv", &[territory("t1")]).unwrap();
    ws.import_clusters("a.csv", &[cluster("c1", "t1")]).unwrap();
    let before = ws.clusters(None).unwrap();
    let err = ws
        .import_clusters("b.csv", &[cluster("c2", "t1"), cluster("c3", "nowhere")])
        .unwrap_err();
    assert!(matches!(err, StoreError::MissingReference { ref target, .. } if target == "nowhere"));
    assert_eq!(
        ws.clusters(None).unwrap(),
        before,
        "a failed import must change nothing"
    );
    assert_eq!(
        ws.imports().unwrap().len(),
        2,
        "only the two successful imports are journaled"
    );
}

#[test]
fn cluster_upsert_counts_and_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::create(&dir.path().join("w.db")).unwrap();
    ws.import_territories("t.csv", &[territory("t1")]).unwrap();
    let s = ws
        .import_clusters("a.csv", &[cluster("c1", "t1"), cluster("c2", "t1")])
        .unwrap();
    assert_eq!((s.inserted, s.updated), (2, 0));
    let mut changed = cluster("c1", "t1");
    changed.residents = 99;
    let s = ws.import_clusters("b.csv", &[changed.clone()]).unwrap();
    assert_eq!((s.inserted, s.updated), (0, 1));
    assert_eq!(
        ws.clusters(Some("t1")).unwrap(),
        vec![changed, cluster("c2", "t1")]
    );
    assert!(ws.clusters(Some("t2")).unwrap().is_empty());
}

#[test]
fn strategy_round_trip_and_optimistic_locking() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::create(&dir.path().join("w.db")).unwrap();
    ws.import_territories("t.csv", &[territory("t1")]).unwrap();
    let strategy = Strategy {
        id: "s1".into(),
        territory_id: "t1".into(),
        title: Bilingual::new("Стратегия", "Strategy"),
        goals: vec![Goal {
            id: "g1".into(),
            text: Bilingual::new("Цель", "Goal"),
        }],
        measures: vec![Measure {
            id: "m1".into(),
            instrument: "creative_clusters".into(),
            goal_id: "g1".into(),
            title: Bilingual::new("Мера", "Measure"),
            reason: Bilingual::new("Причина", "Reason"),
            lead: ActorKind::LocalAuthority,
            partners: vec![ActorKind::Business, ActorKind::University],
            local_authority_role: Bilingual::new("Координирует", "Coordinates"),
            problems: vec!["coordination".into()],
            clusters: vec![],
            priority: 1,
            status: MeasureStatus::Proposed,
        }],
        kpis: vec![Kpi {
            id: "k1".into(),
            measure_id: "m1".into(),
            name: Bilingual::new("Резиденты", "Residents"),
            unit: "count".into(),
            baseline: Some(10.0),
            target: Some(20.0),
            target_year: Some(2030),
            current: Some(15.0),
        }],
        provenance: Provenance {
            method: "rules".into(),
            ..Default::default()
        },
    };
    ws.save_strategy(&strategy).unwrap();
    assert_eq!(ws.latest_strategy("t1").unwrap().unwrap(), strategy);
    assert_eq!(strategy.kpis[0].progress(), Some(0.5));

    let v = ws.measure_version("s1", "m1").unwrap();
    assert_eq!(
        ws.set_measure_status("s1", "m1", MeasureStatus::Adopted, v)
            .unwrap(),
        v + 1
    );
    let stale = ws
        .set_measure_status("s1", "m1", MeasureStatus::Done, v)
        .unwrap_err();
    assert!(
        matches!(stale, StoreError::Conflict { expected, found, .. } if expected == v && found == v + 1)
    );
    assert_eq!(
        ws.strategy("s1").unwrap().measures[0].status,
        MeasureStatus::Adopted
    );
}

#[test]
fn the_newest_analysis_is_the_last_saved_even_within_one_millisecond() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::create(&dir.path().join("w.db")).unwrap();
    let p = Provenance::default();
    // Saves in a tight loop land many to a millisecond: the stamp alone cannot order them.
    for i in 0..200 {
        ws.save_analysis("qca", None, &serde_json::json!({ "n": i }), &p)
            .unwrap();
        let latest = ws.latest_analysis("qca", None).unwrap().unwrap();
        assert_eq!(latest.result["n"], i, "after save {i}");
    }
}
