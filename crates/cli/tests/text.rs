//! `creacity text …` end to end on a small synthetic corpus whose counts are known by
//! construction.

use std::path::Path;

mod common;
use common::creacity;

const TERRITORY: &str = "t01";

/// Three synthetic documents: d1 (strategy, 2023) names coordination twice and finance once,
/// d2 (literature, 2024) coordination once, d3 (2024, language left to the guesser) is a
/// Latin look-alike of Russian.
fn corpus(dir: &Path) {
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(
        docs.join("d1.txt"),
        "Отсутствие координации между ведомствами. Координация слабая, финансирование мало.",
    )
    .unwrap();
    std::fs::write(
        docs.join("d2.txt"),
        "Coordination of the creative cluster is weak.",
    )
    .unwrap();
    std::fs::write(
        docs.join("d3.txt"),
        "Hanorosas cucmeMa u 6lOgmeT perиoHa: kpeaTuBHble uHgycTpuu.",
    )
    .unwrap();
    std::fs::write(
        docs.join("metadata.csv"),
        "file,title,year,kind,lang,synthetic\nd1.txt,Synthetic strategy,2023,strategy,ru,yes\nd2.txt,Synthetic paper,2024,literature,en,yes\nd3.txt,Synthetic scan,2024,literature,,yes\n",
    )
    .unwrap();
}

#[test]
fn import_count_kwic_cooc_keyness_agree() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    assert!(creacity(dir, &["init", "ws.db"]).0);
    corpus(dir);
    let (ok, _, err) = creacity(dir, &["text", "import", "docs"]);
    assert!(ok, "{err}");
    assert!(err.contains("d3") && err.contains("look-alike"), "{err}");

    let (ok, out, err) = creacity(dir, &["text", "count", "--json"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let keys: Vec<&str> = v["table"]["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    let coord = keys.iter().position(|k| *k == "coordination").unwrap();
    let fin = keys.iter().position(|k| *k == "financial").unwrap();
    assert_eq!(
        v["table"]["documents"],
        serde_json::json!(["d1", "d2", "d3"])
    );
    assert_eq!(v["table"]["counts"][0][coord], 2);
    assert_eq!(v["table"]["counts"][0][fin], 1);
    assert_eq!(v["table"]["counts"][1][coord], 1);
    assert_eq!(v["flagged"], serde_json::json!(["d3"]));

    // The newest counts appear in the territory report, with the categories' co-occurrence.
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/demo/territories.csv");
    let (ok, _, err) = creacity(dir, &["import", "territories", demo.to_str().unwrap()]);
    assert!(ok, "{err}");
    let (ok, _, err) = creacity(
        dir,
        &["report", "--territory", TERRITORY, "--out", "r.html"],
    );
    assert!(ok, "{err}");
    let html = std::fs::read_to_string(dir.join("r.html")).unwrap();
    assert!(
        html.contains("Content analysis: dictionary counts"),
        "no text section"
    );
    assert!(html.contains("Categories mentioned together"));
    assert!(html.contains("<b>Check these documents:</b> d3"));

    let (ok, out, _) = creacity(dir, &["text", "count", "--by", "year"]);
    assert!(ok);
    assert!(out.contains("2023\t1\tcoordination\t2\t1.000"), "{out}");
    assert!(out.contains("2024\t2\tcoordination\t1\t0.500"), "{out}");

    let (ok, _, err) = creacity(dir, &["text", "count", "--xlsx", "counts.xlsx"]);
    assert!(ok, "{err}");
    let book = creacity_ingest::read_table(&dir.join("counts.xlsx")).unwrap();
    assert_eq!(book.headers[..2], ["document", "tokens"]);
    assert_eq!(book.rows.len(), 3, "one row per document");

    let (ok, out, _) = creacity(dir, &["text", "kwic", "координац*", "--window", "1"]);
    assert!(ok);
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(
        out.starts_with("d1\tОтсутствие [координации] между"),
        "{out}"
    );

    let (ok, out, _) = creacity(dir, &["text", "cooc", "--json"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["a"], "coordination");
    assert_eq!(v[0]["b"], "financial");
    assert_eq!(v[0]["value"], 1.0);

    let (ok, out, err) = creacity(
        dir,
        &["text", "keyness", "--target", "kind=strategy", "--json"],
    );
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["n_reference"], 0);
    let (ok, _, err) = creacity(dir, &["text", "keyness", "--target", "colour=red"]);
    assert!(!ok && err.contains("unknown field"), "{err}");

    std::fs::write(
        dir.join("hand.csv"),
        "id,codes\nd1,coordination;financial\nd2,coordination\nd3,\n",
    )
    .unwrap();
    let (ok, out, err) = creacity(dir, &["text", "agree", "hand.csv", "--json"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["units"], 3);
    assert_eq!(v["pooled_kappa"], 1.0);
    std::fs::write(
        dir.join("other.csv"),
        "id,codes\nd1,coordination\nd2,coordination\nd3,financial\n",
    )
    .unwrap();
    let (ok, out, _) = creacity(dir, &["text", "agree", "hand.csv", "--second", "other.csv"]);
    assert!(ok);
    assert!(out.starts_with("units: 3;"), "{out}");
    std::fs::write(dir.join("bad.csv"), "id,codes\nzz,coordination\n").unwrap();
    let (ok, _, err) = creacity(dir, &["text", "agree", "bad.csv"]);
    assert!(!ok && err.contains("no document \"zz\""), "{err}");
}

#[test]
fn other_dictionary_formats_and_bad_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    assert!(creacity(dir, &["init", "ws.db"]).0);
    corpus(dir);
    assert!(creacity(dir, &["text", "import", "docs"]).0);
    std::fs::write(
        dir.join("d.dic"),
        "%\n1\tcoord\n%\nкоордин*\t1\ncoordinat*\t1\n",
    )
    .unwrap();
    let (ok, out, err) = creacity(dir, &["--dictionary", "d.dic", "text", "count"]);
    assert!(ok, "{err}");
    assert!(out.contains("coord\t3\t2\t0.667"), "{out}");
    std::fs::write(dir.join("bad.dic"), "%\n1\tcoord\n%\nword\t7\n").unwrap();
    let (ok, _, err) = creacity(dir, &["--dictionary", "bad.dic", "text", "count"]);
    assert!(!ok);
    assert!(err.contains("line 4"), "{err}");
    let (ok, _, err) = creacity(dir, &["--dictionary", "x.pdf", "text", "count"]);
    assert!(!ok && err.contains("x.pdf"), "{err}");
}
