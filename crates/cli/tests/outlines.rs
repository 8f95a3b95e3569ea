//! `creacity outlines import|status` and `creacity serve --tiles` as a user runs them, on the
//! synthetic demo and its synthetic outlines (data/demo/outlines.geojson).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_creacity");

fn demo_outlines() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/demo/outlines.geojson")
}

fn run(ws: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--workspace")
        .arg(ws)
        .args(args)
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn demo(dir: &Path) -> PathBuf {
    let out = Command::new(BIN)
        .args(["demo", "--out"])
        .arg(dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    dir.join("creacity.db")
}

#[test]
fn import_then_status_lists_the_outlined_territories() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let file = demo_outlines();
    let out = run(&ws, &["outlines", "import", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("feature 0\tterritory_id = t01\t→ t01"),
        "{stdout}"
    );
    assert_eq!(stdout.lines().count(), 4);
    assert!(text(&out.stderr).contains("stored outlines of 4 territories (0 features left out)"));
    let out = run(&ws, &["outlines", "status", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["territories"],
        serde_json::json!(["t01", "t02", "t03", "t04"])
    );
    assert_eq!(
        v["without_outline"],
        serde_json::json!(["r01"]),
        "the region has none"
    );
    assert_eq!(v["source"][0], "outlines.geojson");
}

#[test]
fn a_bad_file_names_the_feature_and_field_and_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let before = text(&run(&ws, &["outlines", "status", "--json"]).stdout);
    let bad =
        std::fs::read_to_string(demo_outlines())
            .unwrap()
            .replacen("\"Polygon\"", "\"Point\"", 1);
    let path = dir.path().join("bad.geojson");
    std::fs::write(&path, bad).unwrap();
    let out = run(&ws, &["outlines", "import", path.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains("feature 0 (geometry.type): \"Point\" is not taken"),
        "{err}"
    );
    assert_eq!(
        text(&run(&ws, &["outlines", "status", "--json"]).stdout),
        before
    );
}

#[test]
fn id_property_names_the_matching_property() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let renamed = std::fs::read_to_string(demo_outlines())
        .unwrap()
        .replace("\"territory_id\"", "\"city_code\"");
    let path = dir.path().join("renamed.geojson");
    std::fs::write(&path, renamed).unwrap();
    let out = run(&ws, &["outlines", "import", path.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("--id-property"),
        "{}",
        text(&out.stderr)
    );
    let out = run(
        &ws,
        &[
            "outlines",
            "import",
            path.to_str().unwrap(),
            "--id-property",
            "city_code",
            "--json",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["matched"].as_array().unwrap().len(), 4);
    assert_eq!(v["matched"][0]["property"], "city_code");
}

#[test]
fn serve_refuses_a_bad_tile_template() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("w.db");
    assert!(
        Command::new(BIN)
            .arg("init")
            .arg(&ws)
            .output()
            .unwrap()
            .status
            .success()
    );
    let out = run(
        &ws,
        &[
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--tiles",
            "https://{s}.tiles.example.org/{z}/{x}/{y}.png",
        ],
    );
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("the host must be written out"),
        "{}",
        text(&out.stderr)
    );
    let out = run(&ws, &["serve", "--tiles-attribution", "x"]);
    assert!(!out.status.success(), "the attribution needs --tiles");
}
