//! `creacity map …` end to end on small CSV files.

mod common;
use common::creacity;

#[test]
fn indices_reproduce_econgeo() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("m.csv"),
        "region,I1,I2,I3,I4,I5\nR1,100,0,0,0,0\nR2,0,15,5,70,10\nR3,0,20,10,20,50\nR4,0,25,30,5,40\nR5,0,40,55,5,0\n",
    )
    .unwrap();
    let (ok, out, err) = creacity(
        dir.path(),
        &["map", "indices", "--matrix", "m.csv", "--json"],
    );
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    // EconGeo's values, to the last bits of a double (summation order may differ).
    let close = |x: &serde_json::Value, want: f64| (x.as_f64().unwrap() - want).abs() < 1e-12;
    assert!(
        close(&v["by_territory"][0]["krugman"], 1.6),
        "{}",
        v["by_territory"][0]
    );
    assert!(
        close(&v["by_sector"][0]["hoover"], 80.0),
        "{}",
        v["by_sector"][0]
    );
    let (ok, out, _) = creacity(dir.path(), &["map", "indices", "--matrix", "m.csv"]);
    assert!(ok);
    assert!(out.starts_with("territory,total,krugman"));
    std::fs::write(dir.path().join("bad.csv"), "region,I1,I2\nR1,1,2\nR2\n").unwrap();
    let (ok, _, err) = creacity(dir.path(), &["map", "indices", "--matrix", "bad.csv"]);
    assert!(!ok);
    assert!(err.contains("row 3"), "{err}");
}

#[test]
fn clusters_and_hotspots() {
    let dir = tempfile::tempdir().unwrap();
    let mut pts = String::from("id,lat,lon,firms\n");
    for k in 0..6 {
        pts.push_str(&format!(
            "a{k},{},60.0,{}\n",
            56.0 + k as f64 * 0.0005,
            10 + k
        ));
    }
    pts.push_str("far,57.0,61.0,1\n");
    std::fs::write(dir.path().join("p.csv"), pts).unwrap();
    let (ok, _, err) = creacity(
        dir.path(),
        &[
            "map",
            "clusters",
            "--points",
            "p.csv",
            "--method",
            "dbscan",
            "--eps-m",
            "100",
            "--min-samples",
            "3",
            "--out",
            "labels.csv",
            "--geojson",
            "c.geojson",
        ],
    );
    assert!(ok, "{err}");
    let labels = std::fs::read_to_string(dir.path().join("labels.csv")).unwrap();
    assert!(labels.lines().nth(1).unwrap().ends_with(",0"));
    assert!(labels.lines().last().unwrap().ends_with(",-1"));
    assert!(
        std::fs::read_to_string(dir.path().join("c.geojson"))
            .unwrap()
            .contains("FeatureCollection")
    );
    let (ok, _, err) = creacity(
        dir.path(),
        &[
            "map",
            "clusters",
            "--points",
            "p.csv",
            "--method",
            "hdbscan",
            "--min-cluster-size",
            "3",
            "--min-samples",
            "2",
            "--out",
            "h.csv",
        ],
    );
    assert!(ok, "{err}");
    let (ok, _, err) = creacity(
        dir.path(),
        &[
            "map",
            "hotspots",
            "--points",
            "p.csv",
            "--value",
            "firms",
            "--band-m",
            "200",
            "--star",
            "--transform",
            "binary",
            "--out",
            "hs.csv",
        ],
    );
    assert!(ok, "{err}");
    let hs = std::fs::read_to_string(dir.path().join("hs.csv")).unwrap();
    assert_eq!(hs.lines().count(), 8);
    std::fs::write(dir.path().join("bad.csv"), "id,lat,lon\nx,95,60\n").unwrap();
    let (ok, _, err) = creacity(
        dir.path(),
        &["map", "clusters", "--points", "bad.csv", "--out", "x.csv"],
    );
    assert!(!ok);
    assert!(err.contains("lat = 95"), "{err}");
}

#[test]
fn aggregate_firms() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("f.csv"),
        "id,territory,period,main_code,other_codes\n1,T,2024,62.01,\n2,T,2024,47.11,59.11\n",
    )
    .unwrap();
    let (ok, out, err) = creacity(
        dir.path(),
        &["map", "aggregate", "--firms", "f.csv", "--mode", "any"],
    );
    assert!(ok, "{err}");
    assert!(
        err.contains("1 creative by main code, 2 by any code"),
        "{err}"
    );
    assert!(out.contains("T,*,2024,2,"), "{out}");
}
