//! `creacity firms …` end to end on small synthetic files: import (all or nothing), status, export
//! round trip, territory matching, aggregation and clusters from the workspace, report map.

use std::path::Path;

mod common;
use common::creacity;

fn ok(dir: &Path, args: &[&str]) -> String {
    let (ok, out, err) = creacity(dir, args);
    assert!(ok, "creacity {args:?} failed:\n{err}");
    out
}

/// Synthetic firms: 40 in two tight groups with coordinates, 20 with place names only.
fn firms_csv() -> String {
    let mut s = String::from(
        "id,name,period,main_code,other_codes,region,city,settlement,lat,lon,employees\n",
    );
    for i in 0..40 {
        let (lat, lon) = if i < 20 {
            (56.80, 60.60)
        } else {
            (56.90, 60.80)
        };
        let (dy, dx) = ((i % 5) as f64 * 0.0004, (i / 5 % 4) as f64 * 0.0005);
        s.push_str(&format!(
            "66000000{i:02},Синтетика {i},2024,59.11,90.01,,,,{},{},{}\n",
            lat + dy,
            lon + dx,
            i % 7
        ));
    }
    for i in 40..60 {
        let (region, city, settlement) = match i % 4 {
            0 => ("Альфийская обл", "г. Синтетград", ""),
            1 => ("область Альфийская", "", "пгт Ёлкино"),
            2 => ("Альфийская обл", "", "с. Заречное"),
            _ => ("Альфийская обл", "Нетград", ""),
        };
        s.push_str(&format!(
            "66000000{i:02},Тест {i},2024,{},,{region},{city},{settlement},,,\n",
            if i % 2 == 0 { "90.01" } else { "47.11" }
        ));
    }
    s
}

/// Synthetic settlements table in the hflabs/city column layout (names invented).
const SETTLEMENTS: &str = "\
region_type,region,area_type,area,city_type,city,settlement_type,settlement,oktmo,geo_lat,geo_lon,population
обл,Альфийская,,,г,Синтетград,,,00701000001,56.85,60.70,500000
обл,Альфийская,р-н,Тестовский,,,пгт,Ёлкино,00626151051,57.20,61.10,9000
обл,Альфийская,р-н,Тестовский,,,с,Заречное,00626401101,57.00,61.20,800
обл,Альфийская,р-н,Северный,,,с,Заречное,00630401101,58.00,61.20,600
";

#[test]
fn import_match_aggregate_cluster_and_report() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["init", "ws.db"]);
    std::fs::write(d.join("firms.csv"), firms_csv()).unwrap();
    // A bad file: every bad cell named, nothing stored.
    std::fs::write(
        d.join("bad.csv"),
        "id,period,lat,lon\n1,2024,91,60\n2,2024-13,56,60\n3,2024,56,60\n3,2024,56,60\n",
    )
    .unwrap();
    let (good, _, err) = creacity(d, &["firms", "import", "bad.csv"]);
    assert!(!good);
    for want in [
        "bad.csv",
        "row 2, column \"lat\"",
        "row 3, column \"period\"",
        "rows 4 and 5",
    ] {
        assert!(err.contains(want), "{want:?} in {err}");
    }
    assert!(ok(d, &["firms", "status"]).contains("firms: 0 rows"));

    let (good, _, err) = creacity(d, &["firms", "import", "firms.csv"]);
    assert!(good, "{err}");
    assert!(
        err.contains("60 firms stored (60 new, 0 replaced)"),
        "{err}"
    );
    let status: serde_json::Value =
        serde_json::from_str(&ok(d, &["firms", "status", "--json"])).unwrap();
    assert_eq!(status["rows"], 60);
    assert_eq!(status["with_coordinates"], 40);

    // Export imports back unchanged.
    ok(d, &["firms", "export", "--out", "out.csv"]);
    let (good, _, err) = creacity(d, &["firms", "import", "out.csv"]);
    assert!(good, "{err}");
    assert!(err.contains("(0 new, 60 replaced)"), "{err}");
    ok(
        d,
        &["firms", "export", "--format", "xlsx", "--out", "out.xlsx"],
    );
    assert!(
        std::fs::read(d.join("out.xlsx"))
            .unwrap()
            .starts_with(b"PK")
    );

    // Territory matching: Синтетград and Ёлкино match, Заречное is ambiguous, Нетград unmatched.
    std::fs::write(d.join("settlements.csv"), SETTLEMENTS).unwrap();
    let (good, _, err) = creacity(
        d,
        &[
            "firms",
            "match",
            "--settlements",
            "settlements.csv",
            "--report",
            "match.csv",
        ],
    );
    assert!(good, "{err}");
    assert!(err.contains("10 matched"), "{err}");
    assert!(err.contains("5 ambiguous"), "{err}");
    let report = std::fs::read_to_string(d.join("match.csv")).unwrap();
    assert!(
        report.contains("unmatched,\"Альфийская обл, Нетград\",5,"),
        "{report}"
    );
    assert!(
        report.contains("ambiguous,\"Альфийская обл, с. Заречное\",5,"),
        "{report}"
    );
    let status: serde_json::Value =
        serde_json::from_str(&ok(d, &["firms", "status", "--json"])).unwrap();
    assert_eq!(status["with_oktmo"], 10);
    assert_eq!(status["with_coordinates"], 50);

    // Aggregate from the workspace by OKTMO: 5 creative (90.01) firms in Синтетград.
    let out = ok(
        d,
        &[
            "map",
            "aggregate",
            "--by",
            "oktmo",
            "--taxonomy",
            "ru-creative-okved2",
            "--save",
            "--xlsx",
            "agg.xlsx",
        ],
    );
    assert!(out.contains("00701000001,*,2024,5,"), "{out}");
    assert!(
        std::fs::read(d.join("agg.xlsx"))
            .unwrap()
            .starts_with(b"PK")
    );

    // Clusters and hot spots of the stored firms, saved for the report's map.
    let (good, _, err) = creacity(
        d,
        &[
            "map",
            "clusters",
            "--method",
            "dbscan",
            "--eps-m",
            "300",
            "--min-samples",
            "5",
            "--out",
            "labels.csv",
            "--save",
        ],
    );
    assert!(good, "{err}");
    assert!(err.contains("50 points: 4 clusters"), "{err}");
    ok(
        d,
        &[
            "map",
            "hotspots",
            "--grid-m",
            "2000",
            "--star",
            "--out",
            "cells.csv",
            "--save",
        ],
    );

    // The report's mapping section draws the map offline.
    std::fs::write(
        d.join("t.csv"),
        "id,kind,name_ru,name_en,lat,lon,synthetic\nt1,city,Синтетград,Sintetgrad,56.85,60.7,yes\n",
    )
    .unwrap();
    ok(d, &["import", "territories", "t.csv"]);
    ok(d, &["report", "--territory", "t1", "--out", "report.html"]);
    let html = std::fs::read_to_string(d.join("report.html")).unwrap();
    assert!(html.contains("id=\"mapping\""));
    assert!(html.contains("<polygon"), "cluster hulls drawn");
    assert!(html.contains("Gi*"), "hot-spot legend");
    assert!(
        html.contains("10 / 60 (17%)"),
        "match report in the mapping section"
    );
    assert!(!html.contains("http://tile") && !html.contains("<script"));
}
