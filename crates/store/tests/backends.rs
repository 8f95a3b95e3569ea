//! The same behaviour on both backends: every test here runs on a SQLite file and, when
//! `CREACITY_TEST_PG` names a PostgreSQL database (`postgres://user:pw@127.0.0.1:5432/db`), on
//! PostgreSQL too, each run in a schema of its own that is dropped afterwards.

use std::collections::BTreeSet;
use std::path::Path;

use creacity_model::*;
use creacity_store::{KpiValues, Role, StoreError, Workspace};

mod common;
use common::each;

fn territory(id: &str) -> Territory {
    Territory {
        id: id.into(),
        kind: TerritoryKind::City,
        name_ru: "Город".into(),
        name_en: "Town".into(),
        parent_id: None,
        oktmo: Some("00000000".into()),
        population: Some(120_000),
        lat: Some(56.123456789),
        lon: Some(60.1),
        second_tier: true,
        industrial: true,
        monotown: false,
        synthetic: true,
    }
}

fn cluster(id: &str, territory: &str) -> CreativeCluster {
    CreativeCluster {
        id: id.into(),
        name_ru: "Кластер 'кавычки'; DROP TABLE clusters; --".into(),
        name_en: "Cluster <script>alert(1)</script>".into(),
        territory_id: territory.into(),
        initiator: Initiator::Municipality,
        site_owner: SiteOwner::Municipal,
        public_share_creation: 0.35,
        public_share_operation: 0.5,
        manager: Manager::MunicipalInstitution,
        support: BTreeSet::from([Support::Grants, Support::TaxRelief]),
        public_seats: 2,
        board_seats: 5,
        residents: 30,
        private_resident_share: 0.6,
        year_opened: Some(2019),
        notes: "n ? $1 ?2".into(),
        sources: "s".into(),
        synthetic: true,
    }
}

#[test]
fn create_open_and_refuse_second_create() {
    each("lifecycle", |loc| {
        let mut ws = Workspace::create(loc).unwrap();
        assert_eq!(ws.schema_version().unwrap(), creacity_store::SCHEMA_VERSION);
        ws.import_territories("t.csv", &[territory("t1")]).unwrap();
        drop(ws);
        assert!(matches!(
            Workspace::create(loc),
            Err(StoreError::AlreadyExists(_))
        ));
        let ws = Workspace::open(loc).unwrap();
        assert_eq!(ws.territories().unwrap(), vec![territory("t1")]);
        let counts = ws.counts().unwrap();
        assert_eq!(counts[0], ("territories", 1));
    });
}

#[test]
fn records_round_trip_exactly_with_hostile_text() {
    each("roundtrip", |loc| {
        let mut ws = Workspace::create(loc).unwrap();
        ws.import_territories("t.csv", &[territory("t1")]).unwrap();
        let s = ws
            .import_clusters("a.csv", &[cluster("c1", "t1"), cluster("c2", "t1")])
            .unwrap();
        assert_eq!((s.inserted, s.updated), (2, 0));
        assert_eq!(
            ws.clusters(Some("t1")).unwrap(),
            vec![cluster("c1", "t1"), cluster("c2", "t1")]
        );
        assert!(ws.clusters(Some("t2")).unwrap().is_empty());
        let doc = Document {
            id: "d1".into(),
            title: "T".into(),
            lang: Lang::Ru,
            kind: DocumentKind::News,
            year: Some(2023),
            authors: "A".into(),
            source: "S".into(),
            text: "текст".into(),
            synthetic: true,
        };
        ws.import_documents("docs", std::slice::from_ref(&doc))
            .unwrap();
        assert_eq!(ws.documents().unwrap(), vec![doc]);
        assert_eq!(ws.imports().unwrap().len(), 3);
    });
}

#[test]
fn failed_import_changes_nothing() {
    each("atomic", |loc| {
        let mut ws = Workspace::create(loc).unwrap();
        ws.import_territories("t.csv", &[territory("t1")]).unwrap();
        let err = ws
            .import_clusters("b.csv", &[cluster("c2", "t1"), cluster("c3", "nowhere")])
            .unwrap_err();
        assert!(matches!(err, StoreError::MissingReference { .. }), "{err}");
        assert!(ws.clusters(None).unwrap().is_empty());
        assert_eq!(ws.imports().unwrap().len(), 1);
        // The connection is usable after the rollback.
        ws.import_clusters("c.csv", &[cluster("c2", "t1")]).unwrap();
        assert_eq!(ws.clusters(None).unwrap().len(), 1);
    });
}

#[test]
fn cluster_edits_are_optimistically_locked() {
    each("locking", |loc| {
        let mut a = Workspace::create(loc).unwrap();
        a.import_territories("t.csv", &[territory("t1")]).unwrap();
        a.import_clusters("a.csv", &[cluster("c1", "t1")]).unwrap();
        let mut b = Workspace::open(loc).unwrap();
        let (mut card, v) = a.cluster("c1").unwrap();
        assert_eq!(v, 1);
        card.residents = 77;
        assert_eq!(a.update_cluster(&card, v).unwrap(), 2);
        card.residents = 88;
        match b.update_cluster(&card, v) {
            Err(StoreError::Conflict {
                expected: 1,
                found: 2,
                ..
            }) => {}
            other => panic!("expected a conflict, got {other:?}"),
        }
        assert_eq!(b.cluster("c1").unwrap().0.residents, 77);
        assert!(matches!(
            b.delete_cluster("c1", 1),
            Err(StoreError::Conflict { .. })
        ));
        b.delete_cluster("c1", 2).unwrap();
        assert!(matches!(
            a.cluster("c1"),
            Err(StoreError::NoSuchRecord { .. })
        ));
    });
}

fn strategy() -> Strategy {
    Strategy {
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
            partners: vec![ActorKind::Business],
            local_authority_role: Bilingual::new("Координирует", "Coordinates"),
            problems: vec!["coordination".into()],
            clusters: vec!["c1".into()],
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
    }
}

#[test]
fn strategies_measures_and_kpis() {
    each("strategy", |loc| {
        let mut ws = Workspace::create(loc).unwrap();
        ws.import_territories("t.csv", &[territory("t1")]).unwrap();
        ws.save_strategy(&strategy()).unwrap();
        assert_eq!(ws.latest_strategy("t1").unwrap().unwrap(), strategy());
        assert_eq!(
            ws.strategy_ids().unwrap(),
            vec![("s1".to_string(), "t1".to_string())]
        );
        let v = ws.measure_version("s1", "m1").unwrap();
        ws.set_measure_status("s1", "m1", MeasureStatus::Adopted, v)
            .unwrap();
        assert!(matches!(
            ws.set_measure_status("s1", "m1", MeasureStatus::Done, v),
            Err(StoreError::Conflict { .. })
        ));
        let kv = ws.kpi_version("s1", "k1").unwrap();
        assert_eq!(
            ws.strategy_versions("s1").unwrap(),
            (
                vec![("m1".to_string(), v + 1)],
                vec![("k1".to_string(), kv)]
            )
        );
        let values = KpiValues {
            baseline: Some(10.0),
            target: Some(40.0),
            target_year: Some(2031),
            current: Some(25.0),
        };
        assert_eq!(ws.update_kpi("s1", "k1", &values, kv).unwrap(), kv + 1);
        let s = ws.strategy("s1").unwrap();
        assert_eq!(s.measures[0].status, MeasureStatus::Adopted);
        assert_eq!(s.kpis[0].target, Some(40.0));
        assert_eq!(s.kpis[0].progress(), Some(0.5));
        let p = Provenance::default();
        ws.save_analysis("classification", Some("t1"), &vec![1, 2, 3], &p)
            .unwrap();
        let a = ws
            .latest_analysis("classification", Some("t1"))
            .unwrap()
            .unwrap();
        assert_eq!(a.result, serde_json::json!([1, 2, 3]));
        assert!(ws.latest_analysis("qca", None).unwrap().is_none());
    });
}

#[test]
fn accounts_sessions_and_audit() {
    each("accounts", |loc| {
        let mut ws = Workspace::create(loc).unwrap();
        ws.add_user("ann", Role::Admin, "$argon2id$x").unwrap();
        assert!(matches!(
            ws.add_user("ann", Role::Viewer, "h"),
            Err(StoreError::Duplicate { .. })
        ));
        assert_eq!(ws.user("ann").unwrap().unwrap().role, Role::Admin);
        assert!(ws.user("bob").unwrap().is_none());
        ws.create_session("tok", "ann", "csrf1", "2999-01-01T00:00:00.000Z")
            .unwrap();
        ws.create_session("old", "ann", "csrf2", "2000-01-01T00:00:00.000Z")
            .unwrap();
        let s = ws.session("tok").unwrap().unwrap();
        assert_eq!(
            (s.user.as_str(), s.role, s.csrf.as_str()),
            ("ann", Role::Admin, "csrf1")
        );
        assert!(ws.session("old").unwrap().is_none(), "expired");
        ws.set_user("ann", Role::Analyst, "h2").unwrap();
        assert!(
            ws.session("tok").unwrap().is_none(),
            "a changed account signs out"
        );
        ws.log_change("ann", "cluster.update", "c1", "{}").unwrap();
        ws.log_change("ann", "cluster.delete", "c2", "{}").unwrap();
        let log = ws.audit(10).unwrap();
        assert_eq!(log.len(), 2);
        assert_eq!(ws.users().unwrap().len(), 1);
    });
}

#[test]
fn postgres_url_errors_hide_the_password() {
    let loc = Path::new("postgres://someone:secret@127.0.0.1:1/none");
    let err = Workspace::open(loc).err().unwrap().to_string();
    assert!(!err.contains("secret"), "{err}");
    assert!(err.contains("someone:***@127.0.0.1:1/none"), "{err}");
}
