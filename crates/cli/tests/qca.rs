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
