//! `creacity registry ingest` without `--out` stores the firms in the workspace; the same zip
//! through `--out firms.csv` and `creacity firms import` gives the same stored firms.

use std::path::Path;
use std::process::Command;

use creacity_registry::synth::{self, ZipEntry};
use creacity_registry::{Date, SchemaVersion};

fn creacity(dir: &Path, ws: &str, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_creacity"))
        .current_dir(dir)
        .env("CI", "1")
        .env("CREACITY_WORKSPACE", dir.join(ws))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Splits one CSV line, honouring quotes.
fn split(line: &str) -> Vec<String> {
    let (mut out, mut cur, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out
}

#[test]
fn registry_into_the_workspace_equals_csv_then_import() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let snap = Date::new(2024, 3, 10).unwrap();
    let firms: Vec<_> = synth::firms(11, 40, snap)
        .iter()
        .map(|f| synth::expressible(f, SchemaVersion::V4_06))
        .collect();
    let entries = firms.chunks(15).enumerate().map(|(i, chunk)| ZipEntry {
        name: synth::registry_entry_name(snap, i),
        bytes: synth::registry_xml(SchemaVersion::V4_06, chunk, "synthetic"),
    });
    synth::write_zip(
        std::fs::File::create(d.join("registry.zip")).unwrap(),
        entries,
    )
    .unwrap();

    for ws in ["a.db", "b.db"] {
        let (ok, _, err) = creacity(d, ws, &["init", ws]);
        assert!(ok, "{err}");
    }
    let (ok, _, err) = creacity(d, "a.db", &["registry", "ingest", "registry.zip"]);
    assert!(ok, "{err}");
    assert!(err.contains("read 40 firms"), "{err}");
    assert!(err.contains("into the workspace"), "{err}");
    let (ok, out, _) = creacity(d, "a.db", &["firms", "status", "--json"]);
    assert!(ok);
    let s: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(s["rows"], 40);
    assert_eq!(s["periods"][0][0], "2024-03");

    let (ok, _, err) = creacity(
        d,
        "b.db",
        &["registry", "ingest", "registry.zip", "--out", "firms.csv"],
    );
    assert!(ok, "{err}");
    let (ok, _, err) = creacity(d, "b.db", &["firms", "import", "firms.csv"]);
    assert!(ok, "{err}");
    // Same ids, periods, kinds, categories and codes either way (the CSV has no address parts).
    let key = |ws: &str| -> Vec<String> {
        let (ok, out, err) = creacity(d, ws, &["firms", "export"]);
        assert!(ok, "{err}");
        out.lines()
            .map(|l| {
                let f = split(l);
                format!("{} {} {} {} {} {}", f[0], f[2], f[3], f[4], f[5], f[6])
            })
            .collect()
    };
    let (a, b) = (key("a.db"), key("b.db"));
    assert_eq!(a.len(), 41);
    assert_eq!(a, b);
    // The workspace also keeps the address parts, for territory matching.
    let (_, out, _) = creacity(d, "a.db", &["firms", "export"]);
    assert!(
        out.lines().nth(1).unwrap().contains("область") || out.contains("город"),
        "{out}"
    );
}
