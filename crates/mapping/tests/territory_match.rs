//! Territory matching on a small synthetic settlements table (all names invented).

use creacity_mapping::address::AddressTypes;
use creacity_mapping::{
    MappingError, MatchLevel, PlaceMatch, PlaceQuery, SettlementColumns, match_places,
    parse_settlements_csv,
};

/// Synthetic, in the column layout of hflabs/city `city.csv` (a subset of its columns).
const TABLE: &str = "\
address,region_type,region,area_type,area,city_type,city,settlement_type,settlement,oktmo,geo_lat,geo_lon,population
г Синтетград,обл,Альфийская,,,г,Синтетград,,,00701000001,56.80,60.60,500000
\"Альфийская обл, г Тестовск\",обл,Альфийская,р-н,Тестовский,г,Тестовск,,,00626101001,57.10,61.00,40000
\"Альфийская обл, пгт Ёлкино\",обл,Альфийская,р-н,Тестовский,,,пгт,Ёлкино,00626151051,57.20,61.10,9000
\"Бетинская обл, г Тестовск\",обл,Бетинская,,,г,Тестовск,,,00801000001,55.00,50.00,70000
\"Альфийская обл, с Заречное\",обл,Альфийская,р-н,Тестовский,,,с,Заречное,00626401101,57.00,61.20,800
\"Альфийская обл, с Заречное\",обл,Альфийская,р-н,Северный,,,с,Заречное,00630401101,58.00,61.20,600
,обл,Альфийская,,,,,,,,,,
";

fn at_any(m: &PlaceMatch) -> Option<usize> {
    match m {
        PlaceMatch::Matched { settlement, .. } => Some(*settlement),
        _ => None,
    }
}

fn q(region: &str, district: &str, city: &str, settlement: &str) -> PlaceQuery {
    let o = |s: &str| (!s.is_empty()).then(|| s.to_string());
    PlaceQuery {
        region: o(region),
        district: o(district),
        city: o(city),
        settlement: o(settlement),
        territory: None,
    }
}

#[test]
fn reads_the_hflabs_layout_and_skips_rows_without_code() {
    let (s, skipped) = parse_settlements_csv(TABLE, &SettlementColumns::default()).unwrap();
    assert_eq!((s.len(), skipped), (6, 1));
    assert_eq!(s[2].name, "Ёлкино");
    assert_eq!(s[2].kind.as_deref(), Some("пгт"));
    assert_eq!(s[1].district.as_deref(), Some("р-н Тестовский"));
    assert_eq!(s[0].population, Some(500000.0));
    assert_eq!((s[3].lat, s[3].lon), (Some(55.0), Some(50.0)));
}

#[test]
fn cascade_region_district_type_with_report() {
    let (s, _) = parse_settlements_csv(TABLE, &SettlementColumns::default()).unwrap();
    let queries = vec![
        // Registry style: canonical types written before the names, upper case.
        q("область АЛЬФИЙСКАЯ", "", "город СИНТЕТГРАД", ""),
        q("Альфийская обл.", "", "Тестовск", ""),
        q("Бетинская область", "", "г. Тестовск", ""),
        // ё and the settlement's own type.
        q(
            "Альфийская обл",
            "Тестовский р-н",
            "",
            "посёлок городского типа Елкино",
        ),
        // Two villages of one name: the district decides…
        q("Альфийская обл", "р-н Северный", "", "с. Заречное"),
        // …and without it, ambiguity (twice, so it ranks by firm count).
        q("Альфийская обл", "", "", "Заречное"),
        q("Альфийская обл", "", "", "Заречное"),
        // A region that disagrees excludes the candidate.
        q("Гаммская обл", "", "Синтетград", ""),
        q("Гаммская обл", "", "Синтетград", ""),
        q("", "", "Нетград", ""),
        // No place at all.
        q("Альфийская обл", "", "", ""),
        // A village is not the town of the same name; an urban-type settlement may be written
        // as a work settlement.
        q("Альфийская обл", "", "", "д. Синтетград"),
        q("Альфийская обл", "", "", "рп Ёлкино"),
    ];
    let (m, r) = match_places(&s, &queries, &AddressTypes::default(), "test");
    let at = |k: usize| match &m[k] {
        PlaceMatch::Matched { settlement, level } => {
            assert_eq!(*level, MatchLevel::Settlement);
            s[*settlement].oktmo.as_str()
        }
        other => panic!("query {k}: {other:?}"),
    };
    assert_eq!(at(0), "00701000001");
    assert_eq!(at(1), "00626101001");
    assert_eq!(at(2), "00801000001");
    assert_eq!(at(3), "00626151051");
    assert_eq!(at(4), "00630401101");
    assert!(matches!(&m[5], PlaceMatch::Ambiguous(c) if c.len() == 2));
    assert_eq!(m[7], PlaceMatch::Unmatched);
    assert_eq!(m[11], PlaceMatch::Unmatched);
    assert_eq!(at_any(&m[12]), Some(2));
    assert_eq!(r.firms, 13);
    assert_eq!(r.matched, 6);
    assert!((r.share_matched - 6.0 / 13.0).abs() < 1e-15);
    assert_eq!((r.ambiguous_firms, r.no_place), (2, 1));
    assert_eq!(r.unmatched.len(), 3);
    assert_eq!(r.unmatched[0].place, "Гаммская обл, Синтетград");
    assert_eq!(r.unmatched[0].firms, 2);
    assert_eq!(r.unmatched[1].firms, 1);
    assert_eq!(r.ambiguous[0].firms, 2);
    assert_eq!(r.ambiguous[0].candidates.len(), 2);
    assert!(r.ambiguous[0].candidates[0].starts_with("00626401101 Заречное"));
}

#[test]
fn a_table_listing_districts_matches_on_the_district_name() {
    let text = "oktmo;name;type;region\n00626000;Тестовский;р-н;Альфийская обл\n00626999;Северный;с;Альфийская обл\n";
    let (s, _) = parse_settlements_csv(text, &SettlementColumns::default()).unwrap();
    let (m, r) = match_places(
        &s,
        &[q("Альфийская обл", "Тестовский район", "", "Неизвестное")],
        &AddressTypes::default(),
        "t",
    );
    assert_eq!(
        m[0],
        PlaceMatch::Matched {
            settlement: 0,
            level: MatchLevel::District
        }
    );
    assert_eq!(r.matched_district, 1);
    // A village named like the firm's district is not the district.
    let (m, _) = match_places(
        &s,
        &[q("Альфийская обл", "Северный район", "", "Неизвестное")],
        &AddressTypes::default(),
        "t",
    );
    assert_eq!(m[0], PlaceMatch::Unmatched);
}

#[test]
fn column_mapping_and_bad_cells() {
    let text = "код,пункт,y,x\n001,Синтетград,56.8,60.6\n";
    assert!(matches!(
        parse_settlements_csv(text, &SettlementColumns::default()),
        Err(MappingError::MissingColumn { .. })
    ));
    let cols = SettlementColumns::default()
        .with_mapping("oktmo=код, name=пункт, lat=y, lon=x")
        .unwrap();
    let (s, _) = parse_settlements_csv(text, &cols).unwrap();
    assert_eq!((s[0].lat, s[0].lon), (Some(56.8), Some(60.6)));
    let bad = "oktmo,name,lat,lon\n1,A,56.8,60.6\n2,B,95,60\n";
    match parse_settlements_csv(bad, &SettlementColumns::default()) {
        Err(MappingError::CoordinateOutOfRange { row, field, .. }) => {
            assert_eq!((row, field), (3, "lat"))
        }
        other => panic!("{other:?}"),
    }
    let bad = "oktmo,name,population\n1,A,many\n";
    match parse_settlements_csv(bad, &SettlementColumns::default()) {
        Err(MappingError::BadValue { row, column, .. }) => {
            assert_eq!((row, column.as_str()), (2, "population"))
        }
        other => panic!("{other:?}"),
    }
}
