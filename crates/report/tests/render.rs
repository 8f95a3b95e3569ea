//! The report's content: sections present, text escaped, synthetic data announced, numbers formatted.

use std::collections::BTreeSet;

use creacity_model::*;
use creacity_report::{ReportData, render, thousands};

fn territory(synthetic: bool, name: &str) -> Territory {
    Territory {
        id: "t1".into(),
        kind: TerritoryKind::City,
        name_ru: "Город".into(),
        name_en: name.into(),
        parent_id: None,
        oktmo: None,
        population: Some(1_234_567),
        lat: None,
        lon: None,
        second_tier: true,
        industrial: true,
        monotown: false,
        synthetic,
    }
}

fn card(id: &str, name: &str, initiator: Initiator) -> CreativeCluster {
    CreativeCluster {
        id: id.into(),
        name_ru: String::new(),
        name_en: name.into(),
        territory_id: "t1".into(),
        initiator,
        site_owner: SiteOwner::Private,
        public_share_creation: 0.0,
        public_share_operation: 0.0,
        manager: Manager::PrivateCompany,
        support: BTreeSet::new(),
        public_seats: 0,
        board_seats: 0,
        residents: 3,
        private_resident_share: 1.0,
        year_opened: None,
        notes: String::new(),
        sources: String::new(),
        synthetic: false,
    }
}

fn data<'a>(
    t: &'a Territory,
    clusters: &'a [CreativeCluster],
    c: &'a creacity_typology::Classification,
    lang: Lang,
) -> ReportData<'a> {
    ReportData {
        territory: t,
        clusters,
        classification: c,
        problems: None,
        strategy: None,
        extra: vec![],
        provenance: vec![Provenance {
            method: "typology.classify".into(),
            data: vec!["typology:x@1".into()],
            ..Default::default()
        }],
        inputs: vec!["1 cluster".into()],
        generated_at: "2026-01-01T00:00:00Z".into(),
        tool_version: "0.1.0".into(),
        territory_map: None,
        lang,
    }
}

#[test]
fn text_from_data_is_escaped() {
    let t = territory(false, "<script>alert(1)</script>");
    let clusters = [card(
        "c1",
        "Tom & \"Jerry\" <b>",
        Initiator::PrivateEntrepreneur,
    )];
    let c = creacity_typology::classify(&creacity_typology::Spec::builtin(), &clusters);
    let html = render(&data(&t, &clusters, &c, Lang::En));
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("Tom &amp; &quot;Jerry&quot; &lt;b&gt;"));
}

#[test]
fn real_data_has_no_synthetic_banner_and_synthetic_data_has_two() {
    let clusters = [card("c1", "A", Initiator::PrivateEntrepreneur)];
    let c = creacity_typology::classify(&creacity_typology::Spec::builtin(), &clusters);
    let real = territory(false, "Town");
    assert!(!render(&data(&real, &clusters, &c, Lang::En)).contains("SYNTHETIC"));
    let fake = territory(true, "Town");
    let html = render(&data(&fake, &clusters, &c, Lang::Ru));
    assert_eq!(
        html.matches("СИНТЕТИЧЕСКИЕ ДЕМОНСТРАЦИОННЫЕ ДАННЫЕ")
            .count(),
        2
    );
}

#[test]
fn sections_say_what_is_missing_and_show_what_is_there() {
    let t = territory(false, "Town");
    let clusters = [
        card("c1", "Private loft", Initiator::PrivateEntrepreneur),
        card("c2", "City hub", Initiator::Municipality),
    ];
    let c = creacity_typology::classify(&creacity_typology::Spec::builtin(), &clusters);
    let html = render(&data(&t, &clusters, &c, Lang::En));
    assert!(
        html.contains("1\u{202f}234\u{202f}567"),
        "population with thousands separators"
    );
    assert!(html.contains("No problem ranking yet") && html.contains("No strategy yet"));
    assert!(html.contains("Private loft") && html.contains("1. initiative-based"));
    assert_eq!(
        html.matches("<circle").count(),
        2,
        "one point per cluster on the plane"
    );
    assert!(html.contains("typology:x@1"));
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<html lang=\"en\">"));
}

#[test]
fn thousands_groups_digits() {
    assert_eq!(thousands(0), "0");
    assert_eq!(thousands(999), "999");
    assert_eq!(thousands(1000), "1\u{202f}000");
    assert_eq!(thousands(310_000), "310\u{202f}000");
}

#[test]
fn the_clusters_part_maps_the_territory_with_its_clusters_by_type() {
    let t = territory(false, "Town");
    let clusters = [
        card("c1", "Loft", Initiator::PrivateEntrepreneur),
        card("c2", "Yard", Initiator::PrivateEntrepreneur),
    ];
    let c = creacity_typology::classify(&creacity_typology::Spec::builtin(), &clusters);
    let mut d = data(&t, &clusters, &c, Lang::En);
    assert!(
        !render(&d).contains("Map of the territory"),
        "nothing to map"
    );
    d.territory_map = Some(creacity_report::TerritoryMap {
        name: "Town".into(),
        point: Some((56.8, 60.6)),
        outline: vec![vec![(56.7, 60.4), (56.7, 60.8), (56.9, 60.8)]],
        clusters: vec![],
    });
    let html = render(&d);
    let clusters_part = &html[html.find("id=\"clusters\"").unwrap()..];
    assert!(clusters_part.contains("Map of the territory"));
    // Both clusters drawn, numbered 1 and 2, in their type's colour, and listed in the legend.
    let colour = creacity_report::type_colour(c.clusters[0].position, c.types.len());
    assert_eq!(
        html.matches(&format!("r=\"11\" fill=\"{colour}\"")).count(),
        2
    );
    assert!(html.contains(">Loft<") && html.contains(">Yard<"));
}
