//! Aggregation of firm facts and peer comparison, on hand-checkable synthetic firms.

use std::collections::BTreeMap;

use creacity_mapping::indices::{IndexParams, compute_indices};
use creacity_mapping::peers::{PeerGroupKind, PeerParams, PeerTerritory, compare_peers};
use creacity_mapping::taxonomy::*;
use creacity_mapping::{Date, FirmFact, MappingError, Measure, Period, aggregate};

fn fact(id: &str, terr: &str, period: &str, main: &str, others: &[&str]) -> FirmFact {
    FirmFact {
        id: id.into(),
        territory: terr.into(),
        period: Period::parse(period).unwrap(),
        main_code: Some(main.into()),
        other_codes: others.iter().map(|s| s.to_string()).collect(),
        employees: None,
        revenue: None,
        registered: None,
        exited: None,
    }
}

fn classifier(mode: ClassificationMode) -> Classifier {
    Classifier::new(
        &builtin(BuiltinTaxonomy::RuCreativeOkved2),
        CodeSystem::Okved2,
        mode,
        false,
    )
    .unwrap()
}

fn facts() -> Vec<FirmFact> {
    let mut a = fact("1", "A", "2023", "62.01", &[]);
    a.employees = Some(10.0);
    let mut b = fact("2", "A", "2024", "62.01", &[]);
    b.employees = Some(12.0);
    b.revenue = Some(5.0);
    let mut c = fact("3", "A", "2024", "62.02", &[]);
    c.registered = Some(Date::parse("2024-05-01").unwrap());
    let d = fact("4", "A", "2024", "47.11", &["59.11"]);
    let mut e = fact("5", "B", "2024", "90.01", &[]);
    e.exited = Some(Date::parse("2024-12-31").unwrap());
    let f = fact("6", "B", "2024", "47.11", &[]);
    vec![a, b, c, d, e, f]
}

#[test]
fn counts_shares_growth_entries_exits() {
    let t = aggregate(&facts(), &classifier(ClassificationMode::Main)).unwrap();
    let row = |terr: &str, sector: &str, p: &str| {
        t.rows
            .iter()
            .find(|r| {
                r.territory == terr && r.sector == sector && r.period == Period::parse(p).unwrap()
            })
            .unwrap()
            .clone()
    };
    let it = row("A", "it", "2024");
    assert_eq!(it.firms, 2.0);
    assert_eq!(it.employees, Some(12.0), "only firm 2 reports employees");
    assert_eq!(it.revenue, Some(5.0));
    assert_eq!(it.share_of_all_firms, 2.0 / 3.0);
    assert_eq!(it.share_of_creative, 1.0);
    assert_eq!(it.growth, Some(1.0), "1 firm in 2023, 2 in 2024");
    assert_eq!(it.entries, 1.0);
    assert_eq!(row("B", "music", "2024").exits, 1.0);
    assert_eq!(row("A", "*", "2024").firms, 2.0);
    assert_eq!(t.summary.creative_by_main, 4);
    assert_eq!(t.summary.creative_by_any, 5);
    // Any code: firm 4 counts through its 59.11.
    let any = aggregate(&facts(), &classifier(ClassificationMode::Any)).unwrap();
    assert!(
        any.rows
            .iter()
            .any(|r| r.territory == "A" && r.sector == "film" && r.firms == 1.0)
    );
    assert_eq!(any.mode, ClassificationMode::Any);
}

#[test]
fn weighted_counts_are_fractions() {
    let t = aggregate(
        &facts(),
        &classifier(ClassificationMode::Weighted { main_share: 0.5 }),
    )
    .unwrap();
    let film = t.rows.iter().find(|r| r.sector == "film").unwrap();
    assert_eq!(film.firms, 0.5);
}

#[test]
fn matrix_for_the_indices() {
    let t = aggregate(&facts(), &classifier(ClassificationMode::Main)).unwrap();
    let m = t
        .matrix(Period::parse("2024").unwrap(), Measure::Firms, true)
        .unwrap();
    assert_eq!(m.row_labels(), &["A", "B"]);
    assert_eq!(m.col_labels(), &["it", "music", "other"]);
    assert_eq!(m.values(), &[2.0, 0.0, 1.0, 0.0, 1.0, 1.0]);
    let r = compute_indices(&m, &IndexParams::builder().build(&m).unwrap());
    // A: it share 2/3 against 2/5 overall.
    assert!((r.location_quotient[0] - (2.0 / 3.0) / (2.0 / 5.0)).abs() < 1e-12);
    assert!(
        t.matrix(Period::parse("2019").unwrap(), Measure::Firms, false)
            .is_err()
    );
}

#[test]
fn duplicate_ids_and_bad_values() {
    let mut f = facts();
    f.push(fact("2", "A", "2024", "62.01", &[]));
    let e = aggregate(&f, &classifier(ClassificationMode::Main)).unwrap_err();
    assert_eq!(
        e,
        MappingError::Duplicate {
            what: "firm id in one period",
            id: "2".into(),
            first: 2,
            second: 7
        }
    );
    let mut f = facts();
    f[0].employees = Some(-1.0);
    assert!(matches!(
        aggregate(&f, &classifier(ClassificationMode::Main)),
        Err(MappingError::BadValue { row: 1, .. })
    ));
    assert!(Period::parse("2024-13").is_err());
    assert!(Date::parse("2024/01/01").is_err());
}

fn terr(id: &str, region: &str, pop: f64, second: bool, v: f64) -> PeerTerritory {
    PeerTerritory {
        id: id.into(),
        region: Some(region.into()),
        population: Some(pop),
        second_tier: second,
        industrial: second,
        indicators: BTreeMap::from([("creative_share".to_string(), v)]),
    }
}

/// Synthetic territories (no real places).
#[test]
fn peers_by_region_band_and_type() {
    let table = [
        terr("city1", "R1", 330e3, true, 4.0),
        terr("city2", "R1", 140e3, true, 2.0),
        terr("capital", "R1", 1.5e6, false, 9.0),
        terr("city3", "R2", 160e3, true, 3.0),
        terr("city4", "R2", 410e3, true, 6.0),
    ];
    let r = compare_peers(&table, "city1", &PeerParams::default()).unwrap();
    let g = |k: PeerGroupKind| r.groups.iter().find(|g| g.kind == k).unwrap();
    assert_eq!(g(PeerGroupKind::SameRegion).peers, vec!["city2", "capital"]);
    assert_eq!(g(PeerGroupKind::PopulationBand).peers, vec!["city4"]);
    assert_eq!(
        g(PeerGroupKind::PopulationBand).definition,
        "population 250000–500000"
    );
    let st = &g(PeerGroupKind::SecondTierIndustrial).indicators[0];
    assert_eq!(st.n_peers, 3);
    assert_eq!(st.mean, Some(11.0 / 3.0));
    assert_eq!(st.median, Some(3.0));
    assert_eq!(st.rank, Some(2));
    assert!((st.percentile.unwrap() - 200.0 / 3.0).abs() < 1e-9);
    assert!(matches!(
        compare_peers(&table, "x", &PeerParams::default()),
        Err(MappingError::UnknownTerritory(_))
    ));
    let bad = PeerParams {
        population_edges: vec![2.0, 1.0],
        ..PeerParams::default()
    };
    assert!(compare_peers(&table, "city1", &bad).is_err());
}

#[test]
fn firm_facts_from_csv() {
    let text = "id;territory;period;main_code;other_codes;employees;registered\n\
                1;T;2024-03;62.01;59.11 90.01;4,5;01.03.2024\n2;T;2024-03;47.11;;;\n";
    let f = creacity_mapping::parse_firm_facts_csv(text).unwrap();
    assert_eq!(f.len(), 2);
    assert_eq!(f[0].employees, Some(4.5));
    assert_eq!(f[0].other_codes.len(), 2);
    assert_eq!(f[0].registered, Some(Date::parse("2024-03-01").unwrap()));
    let e = creacity_mapping::parse_firm_facts_csv("id,territory,period,main_code\n1,T,24x,62\n")
        .unwrap_err();
    assert!(matches!(e, MappingError::BadValue { row: 2, ref column, .. } if column == "period"));
    assert!(matches!(
        creacity_mapping::parse_firm_facts_csv("id,territory\n1,T\n"),
        Err(MappingError::MissingColumn { .. })
    ));
}
