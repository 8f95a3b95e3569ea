//! End-to-end tests of the foundation (issue #2): the binary run as a user runs it.

use std::path::Path;
use std::process::{Command, Output};

fn creacity(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_creacity"))
        .args(args)
        .env("CI", "1")
        .output()
        .expect("the binary runs")
}

fn ok(args: &[&str]) -> String {
    let out = creacity(args);
    assert!(
        out.status.success(),
        "creacity {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn fails(args: &[&str]) -> String {
    let out = creacity(args);
    assert!(!out.status.success(), "creacity {args:?} should fail");
    assert_eq!(out.status.code(), Some(2));
    String::from_utf8(out.stderr).unwrap()
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// A new workspace holding the demo's territories and case cards, imported through the CLI.
fn workspace_with_demo_cards() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("w.db");
    let w = p(&ws);
    ok(&["init", w]);
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/demo");
    for (kind, file) in [
        ("territories", "territories.csv"),
        ("clusters", "clusters.csv"),
    ] {
        ok(&["--workspace", w, "import", kind, p(&data.join(file))]);
    }
    (dir, ws)
}

#[test]
fn demo_runs_the_whole_loop_and_reports_every_part() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("demo");
    let stdout = ok(&["demo", "--out", p(&out)]);
    assert!(stdout.contains("SYNTHETIC"));
    // 14 clusters over all five types: 3 + 3 + 3 + 3 + 2.
    for (t, n) in [
        ("initiative_based", 3),
        ("supported_initiative", 3),
        ("partnership", 3),
        ("guided", 3),
        ("dependent", 2),
    ] {
        assert!(
            stdout
                .lines()
                .any(|l| l.split_whitespace().collect::<Vec<_>>() == [t, &n.to_string()]),
            "{t} {n} in\n{stdout}"
        );
    }
    let html = std::fs::read_to_string(out.join("report-t01.en.html")).unwrap();
    // Synthetic banner, the territory, five clusters with their types, the plane chart,
    // the problem ranking with evidence, the strategy with the local authority's role, provenance.
    assert!(html.contains("SYNTHETIC DEMO DATA"));
    assert!(html.contains("Ferrograd (synthetic)"));
    for id in ["c01", "c04", "c07", "c10", "c13"] {
        assert!(
            html.contains(&format!("<span class=\"small\">{id}</span>")),
            "{id}"
        );
    }
    for label in [
        "initiative-based",
        "supported initiative",
        "partnership",
        "state-guided",
        "dependent",
    ] {
        assert!(html.contains(label), "{label}");
    }
    assert!(html.contains("<svg") && html.contains("public–private plane"));
    assert!(html.contains("Coordination") || html.contains("coordination"));
    assert!(html.contains("<b>") && html.contains("class=\"kwic\""));
    assert!(html.contains("Role of the local authority"));
    assert!(html.contains("typology:creacity-default@"));
    assert!(html.contains("dictionary:"));
    assert!(
        !html.contains("http://")
            || html
                .matches("http://")
                .all(|_| html.contains("http://www.w3.org/2000/svg"))
    );
    let ru = std::fs::read_to_string(out.join("report-t01.ru.html")).unwrap();
    assert!(
        ru.contains("СИНТЕТИЧЕСКИЕ") && ru.contains("Ферроград") && ru.contains("инициативный")
    );
    // Running the demo again refuses to overwrite without --force.
    assert!(fails(&["demo", "--out", p(&out)]).contains("--force"));
    ok(&["demo", "--out", p(&out), "--force"]);
}

#[test]
fn init_import_classify_problems_strategy_report_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("w.db");
    let w = p(&ws);
    ok(&["init", w]);
    assert!(fails(&["init", w]).contains("already exists"));
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/demo");
    ok(&[
        "--workspace",
        w,
        "import",
        "territories",
        p(&data.join("territories.csv")),
    ]);
    ok(&[
        "--workspace",
        w,
        "import",
        "clusters",
        p(&data.join("clusters.csv")),
    ]);
    ok(&[
        "--workspace",
        w,
        "import",
        "documents",
        p(&data.join("corpus")),
    ]);
    let status = ok(&["--workspace", w, "status"]);
    assert!(
        status.contains("clusters") && status.contains("14"),
        "{status}"
    );

    let json: serde_json::Value =
        serde_json::from_str(&ok(&["--workspace", w, "classify", "--json"])).unwrap();
    assert_eq!(json["clusters"].as_array().unwrap().len(), 14);
    assert_eq!(
        json["summary"]["dominant"].as_array().unwrap().len(),
        4,
        "four types hold 3 clusters each"
    );

    let ranking: serde_json::Value =
        serde_json::from_str(&ok(&["--workspace", w, "problems", "--json"])).unwrap();
    let first = &ranking["problems"][0];
    assert_eq!(first["rank"], 1);
    assert_eq!(ranking["documents"].as_array().unwrap().len(), 8);

    let s: serde_json::Value = serde_json::from_str(&ok(&[
        "--workspace",
        w,
        "strategy",
        "--territory",
        "t02",
        "--json",
    ]))
    .unwrap();
    assert_eq!(s["territory_id"], "t02");
    assert!(!s["measures"].as_array().unwrap().is_empty());
    assert!(s["measures"][0]["reason"]["en"].as_str().unwrap().len() > 10);

    let report = dir.path().join("r.html");
    ok(&[
        "--workspace",
        w,
        "--lang",
        "ru",
        "report",
        "--territory",
        "t02",
        "--out",
        p(&report),
    ]);
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.contains("lang=\"ru\"") && html.contains("Кобальтовск"));
    assert!(
        fails(&[
            "--workspace",
            w,
            "report",
            "--territory",
            "nowhere",
            "--out",
            p(&report)
        ])
        .contains("nowhere")
    );
}

#[test]
fn templates_exports_and_round_trips() {
    let (dir, ws) = workspace_with_demo_cards();
    let w = p(&ws);
    let csv = ok(&["--workspace", w, "export", "clusters", "--format", "csv"]);
    assert_eq!(csv.lines().count(), 15);
    assert!(csv.starts_with("id,name_ru,name_en,territory_id,initiator"));
    let xlsx = dir.path().join("c.xlsx");
    ok(&[
        "--workspace",
        w,
        "export",
        "clusters",
        "--format",
        "xlsx",
        "--out",
        p(&xlsx),
    ]);
    // Re-importing the export changes nothing but the versions: 0 new, 14 updated.
    let out = creacity(&["--workspace", w, "import", "clusters", p(&xlsx)]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("0 new, 14 updated"));
    assert_eq!(ok(&["--workspace", w, "export", "clusters"]), csv);
    let t = ok(&["template", "clusters", "--format", "csv"]);
    assert!(t.contains("# initiator [required / обязательно]"));
    let tx = dir.path().join("t.xlsx");
    ok(&["template", "clusters", "--out", p(&tx)]);
    assert!(std::fs::read(&tx).unwrap().starts_with(b"PK"));
}

#[test]
fn bad_imports_name_the_place_and_change_nothing() {
    let (dir, ws) = workspace_with_demo_cards();
    let w = p(&ws);
    let before = ok(&["--workspace", w, "export", "clusters"]);
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "id,name_en,territory_id,initiator,site_owner,public_share_creation,public_share_operation,manager\nc01,Changed,t01,municipality,municipal,0.5,0.5,ngo\nc99,New,t01,wizard,municipal,0.5,0.5,ngo\n").unwrap();
    let err = fails(&["--workspace", w, "import", "clusters", p(&bad)]);
    assert!(
        err.contains("bad.csv")
            && err.contains("row 3")
            && err.contains("\"initiator\"")
            && err.contains("wizard"),
        "{err}"
    );
    let missing_territory = dir.path().join("mt.csv");
    std::fs::write(&missing_territory, "id,name_en,territory_id,initiator,site_owner,public_share_creation,public_share_operation,manager\nc01,Changed,t01,municipality,municipal,0.5,0.5,ngo\nc98,New,t77,municipality,municipal,0.5,0.5,ngo\n").unwrap();
    assert!(
        fails(&[
            "--workspace",
            w,
            "import",
            "clusters",
            p(&missing_territory)
        ])
        .contains("t77")
    );
    assert_eq!(
        ok(&["--workspace", w, "export", "clusters"]),
        before,
        "failed imports change nothing"
    );
}

#[test]
fn damaged_and_newer_workspaces_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"SQLite format 3\0 but then garbage garbage garbage").unwrap();
    let before = std::fs::read(&junk).unwrap();
    let err = fails(&["--workspace", p(&junk), "status"]);
    assert!(err.contains("not a readable creacity workspace"), "{err}");
    assert_eq!(std::fs::read(&junk).unwrap(), before);
    let missing = dir.path().join("none.db");
    assert!(fails(&["--workspace", p(&missing), "classify"]).contains("creacity init"));
    assert!(!missing.exists());
}
