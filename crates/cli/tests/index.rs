//! `creacity index …` end to end: a small synthetic framework, and COINr's ASEM example when the
//! reference folder is present.

mod common;
use common::creacity;

/// Synthetic data (made-up values).
fn small(dir: &std::path::Path) {
    std::fs::write(
        dir.join("meta.csv"),
        "Level,iCode,iName,Direction,Weight,Unit,Target,Denominator,Parent,Type\n\
         1,museums,Museums,1,1,,,,Culture,Indicator\n1,theatres,Theatres,1,1,,,,Culture,Indicator\n\
         1,firms,Creative firms,1,1,,,,Economy,Indicator\n1,vacancy,Vacant space,-1,1,,,,Economy,Indicator\n\
         2,Culture,Culture,1,1,,,,Index,Aggregate\n2,Economy,Economy,1,1,,,,Index,Aggregate\n\
         3,Index,Creative city index,1,1,,,,,Aggregate\n,region,Region,,,,,,,Group\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("data.csv"),
        "uCode,uName,region,museums,theatres,firms,vacancy\nA,Synthetic A,N,4,1,20,30\nB,Synthetic B,N,6,3,30,20\n\
         C,Synthetic C,S,8,2,50,10\nD,Synthetic D,S,5,2,40,25\nE,Synthetic E,S,7,,35,15\n",
    )
    .unwrap();
}

#[test]
fn build_writes_every_stage_and_ranks() {
    let dir = tempfile::tempdir().unwrap();
    small(dir.path());
    let (ok, out, err) = creacity(
        dir.path(),
        &[
            "index",
            "build",
            "--idata",
            "data.csv",
            "--imeta",
            "meta.csv",
            "--out",
            "stages",
            "--xlsx",
            "stages.xlsx",
        ],
    );
    assert!(ok, "{err}");
    assert!(out.starts_with("rank,unit,name,score\n1,C,"), "{out}");
    for s in [
        "Raw",
        "Denominated",
        "Imputed",
        "Screened",
        "Treated",
        "Normalised",
        "Aggregated",
    ] {
        assert!(
            dir.path().join("stages").join(format!("{s}.csv")).exists(),
            "{s}"
        );
    }
    // The workbook holds every stage as a sheet; its first sheet is the raw data.
    let book = creacity_ingest::read_table(&dir.path().join("stages.xlsx")).unwrap();
    assert_eq!(book.headers[0], "uCode");
    let agg = std::fs::read_to_string(dir.path().join("stages/Aggregated.csv")).unwrap();
    assert!(agg.starts_with("uCode,museums,theatres,firms,vacancy,Culture,Economy,Index"));
    let (ok, out, _) = creacity(
        dir.path(),
        &[
            "index", "build", "--idata", "data.csv", "--imeta", "meta.csv", "--json",
        ],
    );
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["index"], "Index");
    assert_eq!(v["units"].as_array().unwrap().len(), 5);
    assert_eq!(v["units"][0]["unit"], "C");
    // The same framework as YAML gives the same ranking.
    std::fs::write(
        dir.path().join("fw.yaml"),
        "groups: [region]\nnode:\n  - {code: museums, level: 1, parent: Culture}\n  - {code: theatres, level: 1, parent: Culture}\n  \
         - {code: firms, level: 1, parent: Economy}\n  - {code: vacancy, level: 1, parent: Economy, direction: negative}\n  \
         - {code: Culture, level: 2, parent: Index}\n  - {code: Economy, level: 2, parent: Index}\n  - {code: Index, level: 3}\n",
    )
    .unwrap();
    let (ok, out2, err) = creacity(
        dir.path(),
        &[
            "index",
            "build",
            "--idata",
            "data.csv",
            "--framework",
            "fw.yaml",
            "--json",
        ],
    );
    assert!(ok, "{err}");
    let w: serde_json::Value = serde_json::from_str(&out2).unwrap();
    assert_eq!(w["units"], v["units"]);
}

#[test]
fn bad_input_is_named() {
    let dir = tempfile::tempdir().unwrap();
    small(dir.path());
    std::fs::write(
        dir.path().join("bad.csv"),
        "uCode,region,museums,theatres,firms,vacancy\nA,N,4,x,20,30\n",
    )
    .unwrap();
    let (ok, _, err) = creacity(
        dir.path(),
        &[
            "index", "build", "--idata", "bad.csv", "--imeta", "meta.csv",
        ],
    );
    assert!(!ok);
    assert!(
        err.contains("bad.csv") && err.contains("row 1") && err.contains("theatres"),
        "{err}"
    );
    std::fs::write(
        dir.path().join("p.toml"),
        "[[steps]]\nstep = 'aggregate'\nmethod = { method = 'generalised', p = 0.0 }\n",
    )
    .unwrap();
    let (ok, _, err) = creacity(
        dir.path(),
        &[
            "index",
            "build",
            "--idata",
            "data.csv",
            "--imeta",
            "meta.csv",
            "--pipeline",
            "p.toml",
        ],
    );
    assert!(!ok);
    assert!(err.contains("p ≠ 0"), "{err}");
    std::fs::write(dir.path().join("u.toml"), "[[inputs]]\nname = 'w'\npath = { path = 'treat_winmax' }\ndistribution = { distribution = 'uniform', lo = 3.0, hi = 1.0 }\n").unwrap();
    let (ok, _, err) = creacity(
        dir.path(),
        &[
            "index",
            "audit",
            "--idata",
            "data.csv",
            "--imeta",
            "meta.csv",
            "--uncertainty",
            "u.toml",
        ],
    );
    assert!(!ok);
    assert!(err.contains("lo < hi"), "{err}");
}

#[test]
fn audit_and_scenario_and_storage() {
    let dir = tempfile::tempdir().unwrap();
    small(dir.path());
    let (ok, _, err) = creacity(dir.path(), &["init", "ws.db"]);
    assert!(ok, "{err}");
    let (ok, out, err) = creacity(
        dir.path(),
        &[
            "index", "audit", "--idata", "data.csv", "--imeta", "meta.csv", "--runs", "64",
            "--sobol", "16",
        ],
    );
    assert!(ok, "{err}");
    assert!(err.contains("stored as"), "{err}");
    assert!(out.contains("# Monte Carlo: 64 runs, 0 failed"), "{out}");
    assert!(out.contains("\"aggregation\","), "{out}");
    let (ok, out, err) = creacity(
        dir.path(),
        &[
            "index",
            "scenario",
            "--idata",
            "data.csv",
            "--imeta",
            "meta.csv",
            "--set",
            "A:museums=9",
            "--set",
            "A:firms=60",
            "--peers",
            "region",
        ],
    );
    assert!(ok, "{err}");
    let a = out.lines().nth(1).unwrap();
    assert!(a.starts_with("A,") && a.contains(",5.00,"), "{out}"); // A was last (rank 5)
    assert!(
        out.contains("# A among 2 peers (region = N): rank 1"),
        "{out}"
    );
    let (ok, _, err) = creacity(
        dir.path(),
        &[
            "index",
            "scenario",
            "--idata",
            "data.csv",
            "--imeta",
            "meta.csv",
            "--set",
            "A:museums",
        ],
    );
    assert!(!ok && err.contains("UNIT:INDICATOR=VALUE"), "{err}");
}

#[test]
fn asem_matches_coinr() {
    let r = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/reference/composite/"
    );
    let pipeline = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/index/coinr-asem-pipeline.toml"
    );
    if !std::path::Path::new(r).exists() {
        eprintln!("skipping: {r} not found");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (ok, out, err) = creacity(
        dir.path(),
        &[
            "index",
            "build",
            "--idata",
            &format!("{r}ASEM_iData.csv"),
            "--imeta",
            &format!("{r}ASEM_iMeta.csv"),
            "--pipeline",
            pipeline,
        ],
    );
    assert!(ok, "{err}");
    // COINr 1.1.14 build_example_coin(): CHE 68.38 first, RUS 35.66 last.
    assert!(
        out.lines()
            .nth(1)
            .unwrap()
            .starts_with("1,CHE,\"Switzerland\",68.38"),
        "{out}"
    );
    assert!(out.lines().last().unwrap().starts_with("51,RUS,"), "{out}");
}
