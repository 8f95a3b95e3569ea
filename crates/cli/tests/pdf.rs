//! PDFs end to end: `creacity import documents` reads their text layer, `creacity text kwic`
//! reports the page of every match, and bad PDFs are refused by name with nothing stored.
//! Synthetic PDFs written byte by byte by the ingest crate's test builder.

#[path = "../../ingest/tests/pdf_builder/mod.rs"]
mod pdf_builder;

use std::path::Path;

use pdf_builder::{Font, pdf};

mod common;
use common::creacity;

fn write(dir: &Path, folder: &str, name: &str, bytes: &[u8]) {
    let d = dir.join(folder);
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join(name), bytes).unwrap();
}

#[test]
fn kwic_reports_the_page_of_a_pdf_match() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    assert!(creacity(dir, &["init", "ws.db"]).0);
    write(
        dir,
        "docs",
        "report.pdf",
        &pdf(
            &[
                Some("Synthetic report\nIntroduction to the strategy"),
                Some("Grants to small firms"),
                Some("Weak coordination\nbetween agencies"),
            ],
            Font::Latin,
        ),
    );
    write(
        dir,
        "docs",
        "otchet.pdf",
        &pdf(
            &[
                Some("Синтетический отчёт"),
                Some("Слабая координация ведомств"),
            ],
            Font::CyrillicToUnicode,
        ),
    );
    let (ok, _, err) = creacity(dir, &["import", "documents", "docs"]);
    assert!(ok, "{err}");
    assert!(err.contains("imported documents: 2 new"), "{err}");
    assert!(!err.contains("warning"), "{err}");

    let (ok, out, err) = creacity(dir, &["text", "kwic", "coordinat*", "--window", "2"]);
    assert!(ok, "{err}");
    // The context runs on across the page break; the page is the keyword's.
    assert_eq!(
        out,
        "report p.3\tfirms Weak [coordination] between agencies\n"
    );
    let (ok, out, err) = creacity(dir, &["text", "kwic", "координац*", "--window", "1"]);
    assert!(ok, "{err}");
    assert_eq!(out, "otchet p.2\tСлабая [координация] ведомств\n");
    let (ok, out, err) = creacity(dir, &["text", "kwic", "grants", "--json"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["document_id"], "report");
    assert_eq!(v[0]["page"], 2);
}

#[test]
fn bad_pdfs_are_refused_by_name_and_nothing_is_stored() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    assert!(creacity(dir, &["init", "ws.db"]).0);
    let good = pdf(&[Some("Coordination of the cluster")], Font::Latin);
    write(dir, "first", "kept.pdf", &good);
    assert!(creacity(dir, &["import", "documents", "first"]).0);

    // A good file beside a truncated one: the import stops, naming the file.
    write(dir, "second", "a-good.pdf", &good);
    write(dir, "second", "b-broken.pdf", &good[..good.len() / 2]);
    let (ok, _, err) = creacity(dir, &["import", "documents", "second"]);
    assert!(!ok);
    assert!(err.contains("b-broken.pdf: truncated PDF"), "{err}");

    // A scan.
    write(dir, "third", "scan.pdf", &pdf(&[None, None], Font::Latin));
    let (ok, _, err) = creacity(dir, &["import", "documents", "third"]);
    assert!(!ok);
    assert!(
        err.contains("scan.pdf: no text layer (scanned?) — OCR it first"),
        "{err}"
    );

    // Nothing of the refused folders was stored; what was there before is intact.
    let (ok, out, err) = creacity(dir, &["text", "kwic", "coordination", "--json"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["document_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["kept"]);
}

#[test]
fn latin_look_alikes_are_flagged_at_import_in_either_language() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    assert!(creacity(dir, &["init", "ws.db"]).0);
    // Russian read through a font without a Unicode map comes out as look-alike Latin letters.
    write(
        dir,
        "docs",
        "garbled.pdf",
        &pdf(
            &[Some(
                "Hanorosas cucmeMa u 6lOgmeT\nperuoHa: kpeaTuBHble uHgycTpuu",
            )],
            Font::Latin,
        ),
    );
    let (ok, _, err) = creacity(dir, &["import", "documents", "docs"]);
    assert!(ok, "{err}");
    assert!(
        err.contains("warning: document garbled looks like Latin look-alikes of Cyrillic"),
        "{err}"
    );
    let (ok, _, err) = creacity(dir, &["--lang", "ru", "import", "documents", "docs"]);
    assert!(ok, "{err}");
    assert!(
        err.contains("предупреждение: документ garbled похож на кириллицу"),
        "{err}"
    );
}
