//! The report's maps end to end on a synthetic workspace holding two territories' firms: each
//! report's mapping map draws only its own territory's firms and cluster hulls, says so when no
//! firm could be tied, and every report with a point or an outline gets the territory map.

use std::path::Path;
use std::process::Command;

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_creacity"))
        .current_dir(dir)
        .env("CREACITY_WORKSPACE", dir.join("ws.db"))
        .args(args)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "creacity {args:?} failed:\n{err}");
    err
}

/// Synthetic firms: 12 tied to t1 by OKTMO (a settlement of municipality 65701) near (56.8, 60.6),
/// 7 tied to t2 by its id in the territory column near (55.0, 37.0).
fn firms_csv() -> String {
    let mut s = String::from("id,name,period,main_code,territory,oktmo,lat,lon\n");
    for i in 0..12 {
        s.push_str(&format!(
            "66000001{i:02},Синтетика {i},2024,90.01,,65701000001,{},{}\n",
            56.80 + (i % 4) as f64 * 0.0004,
            60.60 + (i / 4) as f64 * 0.0005
        ));
    }
    for i in 0..7 {
        s.push_str(&format!(
            "77000002{i:02},Тест {i},2024,90.01,t2,,{},{}\n",
            55.00 + (i % 4) as f64 * 0.0004,
            37.00 + (i / 4) as f64 * 0.0005
        ));
    }
    s
}

/// The mapping section of a report (from its anchor to the next section).
fn mapping(html: &str) -> &str {
    let start = html
        .find("<section id=\"mapping\"")
        .expect("mapping section");
    let end = html[start..].find("</section>").unwrap() + start;
    &html[start..end]
}

#[test]
fn each_report_maps_only_its_own_territory() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["init", "ws.db"]);
    std::fs::write(
        d.join("t.csv"),
        "id,kind,name_ru,name_en,oktmo,lat,lon,synthetic\n\
         t1,city,Альфа,Alpha,65701000,56.8,60.6,yes\n\
         t2,city,Бета,Beta,,55.0,37.0,yes\n\
         t3,city,Гамма,Gamma,,50.0,30.0,yes\n",
    )
    .unwrap();
    ok(d, &["import", "territories", "t.csv"]);
    std::fs::write(d.join("firms.csv"), firms_csv()).unwrap();
    ok(d, &["firms", "import", "firms.csv"]);
    let err = ok(
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
    assert!(err.contains("19 points: 2 clusters"), "{err}");

    let report = |t: &str| {
        let out = format!("report-{t}.html");
        ok(
            d,
            &["--lang", "en", "report", "--territory", t, "--out", &out],
        );
        std::fs::read_to_string(d.join(out)).unwrap()
    };
    // Firm dots are the map's r="1.6" circles: 12 for t1, 7 for t2, none of the other's.
    let h1 = report("t1");
    let m1 = mapping(&h1);
    assert_eq!(m1.matches("r=\"1.6\"").count(), 12, "{m1}");
    assert!(m1.contains("firms (12)"));
    assert!(m1.contains("OKTMO code starts with 65701"), "{m1}");
    assert_eq!(m1.matches("<polygon").count(), 1, "only t1's cluster hull");
    assert!(!m1.contains("Beta"));
    let h2 = report("t2");
    let m2 = mapping(&h2);
    assert_eq!(m2.matches("r=\"1.6\"").count(), 7, "{m2}");
    assert!(m2.contains("firms (7)"));
    assert_eq!(m2.matches("<polygon").count(), 1, "only t2's cluster hull");
    assert!(!m2.contains("Alpha"));
    // No firm tied to t3: said plainly, nothing of the others drawn.
    let h3 = report("t3");
    let m3 = mapping(&h3);
    assert!(
        m3.contains("No firm of the workspace could be tied to Gamma"),
        "{m3}"
    );
    assert_eq!(m3.matches("r=\"1.6\"").count(), 0);
    assert_eq!(m3.matches("<polygon").count(), 0);
    // Every report has the territory map in its clusters part, offline.
    for h in [&h1, &h2, &h3] {
        assert!(h.contains("Map of the territory"));
        assert!(!h.contains("<script") && !h.contains("https://"));
    }
    assert!(h1.contains("aria-label=\"Map of the territory: Alpha\""));

    // Aggregates by OKTMO: t1's row (an OKTMO code under 65701) comes first and is highlighted;
    // t2 has no OKTMO code, so its report marks no row.
    ok(d, &["map", "aggregate", "--by", "oktmo", "--save"]);
    let m1 = report("t1");
    let m1 = mapping(&m1);
    assert!(
        m1.contains("<tr class=\"ours\"><td>65701000001</td>"),
        "{m1}"
    );
    assert!(m1.contains("The rows of Alpha come first and are highlighted"));
    let m2 = report("t2");
    assert!(!mapping(&m2).contains("class=\"ours\""));
}
