//! A territory's report keeps on its map only the cluster hulls and hot spots inside the
//! territory's outline, not everything in the outline's bounding box. The workspace is the
//! synthetic demo's (made-up cities and outlines), with synthetic firms and mapping results added.

use creacity_app::Knowledge;
use creacity_model::{Lang, Provenance};
use creacity_store::Workspace;
use serde_json::json;

/// Ferrograd (t01) of the demo: its outline's south-western corner of the box, south of the edge
/// (60.311, 57.1)–(60.606, 56.865)–(60.961, 56.701) (lon, lat), is outside the outline.
const OUTSIDE: [(f64, f64); 3] = [(56.73, 60.36), (56.73, 60.46), (56.79, 60.40)];
/// Around its centre (57.1, 61.2).
const INSIDE: [(f64, f64); 3] = [(57.05, 61.15), (57.05, 61.25), (57.15, 61.20)];

fn provenance(method: &str) -> Provenance {
    Provenance {
        tool_version: "test".into(),
        method: method.into(),
        parameters: String::new(),
        data: Vec::new(),
        inputs: vec!["synthetic".into()],
        created_at: creacity_store::now(),
    }
}

fn hull(label: i64, ring: &[(f64, f64)]) -> serde_json::Value {
    json!({"label": label, "n_points": 12,
           "hull": ring.iter().map(|&(a, b)| [a, b]).collect::<Vec<_>>()})
}

#[test]
fn a_hull_and_a_spot_in_the_outlines_box_but_outside_it_are_left_off() {
    let dir = tempfile::tempdir().unwrap();
    let out = creacity_app::demo(dir.path(), false, |_| {}).unwrap();
    let mut ws = Workspace::open(&out.workspace).unwrap();

    // The premise: the outside points are in the box around the outline, not in the outline.
    let (fc, ..) = creacity_app::outlines::latest_outlines(&ws)
        .unwrap()
        .unwrap();
    let outline = creacity_report::outlines_from_geojson(&fc)
        .into_iter()
        .find(|o| o.territory_id == "t01")
        .unwrap();
    let pts: Vec<(f64, f64)> = outline.rings.iter().flatten().copied().collect();
    let in_box = |&(lat, lon): &(f64, f64)| {
        pts.iter().any(|p| p.0 <= lat)
            && pts.iter().any(|p| p.0 >= lat)
            && pts.iter().any(|p| p.1 <= lon)
            && pts.iter().any(|p| p.1 >= lon)
    };
    for p in OUTSIDE {
        assert!(in_box(&p) && !outline.contains(p.0, p.1), "{p:?}");
    }
    for p in INSIDE {
        assert!(outline.contains(p.0, p.1), "{p:?}");
    }

    // Synthetic firms of t01, near its centre.
    let firms = dir.path().join("firms.csv");
    std::fs::write(
        &firms,
        "id,name,period,main_code,territory,lat,lon\n\
         6600000001,Синтетика 1,2024,59.11,t01,57.10,61.20\n\
         6600000002,Синтетика 2,2024,90.01,t01,57.11,61.21\n\
         6600000003,Синтетика 3,2024,62.01,t01,57.09,61.19\n",
    )
    .unwrap();
    creacity_app::firms::import_firm_list(&mut ws, &firms, None, false).unwrap();
    // Clusters 0 (inside) and 1 (outside); a hot spot inside, a cold spot outside.
    let clusters = json!({"kind": "clusters", "result": {
        "method": "dbscan", "points": 24, "n_clusters": 2, "n_noise": 0,
        "clusters": [hull(0, &INSIDE), hull(1, &OUTSIDE)]}});
    ws.save_analysis(
        "mapping",
        None,
        &clusters,
        &provenance("creacity-mapping clusters"),
    )
    .unwrap();
    let spots = json!({"kind": "hotspots", "result": {
        "method": "Gi* (binary weights)", "observations": 2, "classes": {},
        "spots": [[57.1, 61.2, 3.1], [56.75, 60.40, -2.2]], "grid_m": null}});
    ws.save_analysis(
        "mapping",
        None,
        &spots,
        &provenance("creacity-mapping hotspots"),
    )
    .unwrap();

    let k = Knowledge::builtin().unwrap();
    for lang in [Lang::En, Lang::Ru] {
        let html = creacity_app::report(&ws, &k, "t01", lang, Vec::new()).unwrap();
        let (cluster, firms) = if lang == Lang::Ru {
            ("кластер", "фирм")
        } else {
            ("cluster", "firms")
        };
        assert!(
            html.contains(&format!("<title>{cluster} 0 · 12 {firms}</title>")),
            "{lang:?}"
        );
        assert!(
            !html.contains(&format!("<title>{cluster} 1 · ")),
            "{lang:?}"
        );
        assert_eq!(html.matches("<polygon points=").count(), 1, "{lang:?}");
        assert!(html.contains("<title>z = 3.10</title>"), "{lang:?}");
        assert!(!html.contains("<title>z = -2.20</title>"), "{lang:?}");
    }

    // Kobaltovsk (t02) has its own outline, to the south-west: neither hull, nor either spot.
    let html = creacity_app::report(&ws, &k, "t02", Lang::En, Vec::new()).unwrap();
    assert!(!html.contains("<title>cluster 0 · ") && !html.contains("<title>cluster 1 · "));
    assert!(!html.contains("<title>z = "));
}
