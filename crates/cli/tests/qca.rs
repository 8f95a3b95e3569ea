//! `creacity qca` on the Lipset fuzzy data (answers of R QCA 3.23, see crates/qca/tests).

use std::process::Command;

#[test]
fn lipset_fuzzy_solutions_in_reference_notation() {
    let data = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/reference/qca/LF.csv"
    );
    if !std::path::Path::new(data).exists() {
        eprintln!("skipping: {data} not found");
        return;
    }
    let out = Command::new(env!("CARGO_BIN_EXE_creacity"))
        .args([
            "qca",
            "--data",
            data,
            "--outcome",
            "SURV",
            "--incl-cut",
            "0.7",
            "--include",
            "?",
        ])
        .args(["--dir-exp", "1,1,1,1,1"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("M1: DEV*~URB*LIT*STB + DEV*LIT*IND*STB -> SURV"));
    assert!(text.contains("M1: DEV*STB -> SURV"));
    assert!(text.contains("M1: DEV*LIT*STB -> SURV"));
    assert!(text.contains("0.871  0.851  0.818"));
}

#[test]
fn unknown_outcome_is_a_clear_error() {
    let data = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/reference/qca/LC.csv"
    );
    if !std::path::Path::new(data).exists() {
        eprintln!("skipping: {data} not found");
        return;
    }
    let out = Command::new(env!("CARGO_BIN_EXE_creacity"))
        .args(["qca", "--data", data, "--outcome", "NOPE"])
        .output()
        .expect("runs");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("NOPE"));
}

#[test]
fn case_cards_of_the_workspace_are_cases_and_the_result_reaches_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_creacity");
    let run = |args: &[&str]| {
        std::process::Command::new(bin)
            .current_dir(dir.path())
            .env("CI", "1")
            .args(args)
            .output()
            .unwrap()
    };
    assert!(run(&["demo", "--out", "d"]).status.success());
    let out = run(&[
        "--workspace",
        "d/creacity.db",
        "qca",
        "--outcome",
        "DEPENDENT",
        "--conditions",
        "PRIV_INIT,PUB_SITE,PUB_CREATE,PUB_OPER",
        "--include",
        "?",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    // DEPENDENT holds for c10–c14 (types 4 and 5); of them only c10, c13 and c14 reach a public
    // share of operation of 0.5 (the crisp threshold), so they are the cases the solution covers.
    assert!(
        text.contains("M1: ~PRIV_INIT*PUB_OPER -> DEPENDENT"),
        "{text}"
    );
    assert!(text.contains("c10,c13,c14"), "{text}");
    let out = run(&[
        "--workspace",
        "d/creacity.db",
        "report",
        "--territory",
        "t01",
        "--out",
        "r.html",
    ]);
    assert!(out.status.success());
    let html = std::fs::read_to_string(dir.path().join("r.html")).unwrap();
    assert!(html.contains("Qualitative comparative analysis (QCA)"));
    assert!(html.contains("~PRIV_INIT*PUB_OPER"));
}

#[test]
fn one_command_sweeps_inclusion_cuts_and_reports_survivors() {
    let data = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/reference/qca/LF.csv"
    );
    if !std::path::Path::new(data).exists() {
        eprintln!("skipping: {data} not found");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_creacity"))
        .current_dir(dir.path())
        .args(["qca", "--data", data, "--outcome", "SURV", "--include", "?"])
        .args(["--sweep-incl", "0.7,0.8,0.9", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["runs"].as_array().unwrap().len(), 3);
    // URB*STB is in the parsimonious models at two of the three cuts.
    let urb_stb = v["terms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["expression"] == "URB*STB")
        .unwrap();
    assert_eq!(urb_stb["runs"], 2);
    let out = Command::new(env!("CARGO_BIN_EXE_creacity"))
        .current_dir(dir.path())
        .args([
            "qca",
            "--data",
            data,
            "--outcome",
            "SURV",
            "--sweep-anchors",
            "0.9,1.1",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--calibrate"));
}
