//! PDF text layers: pages, encodings, and every refusal named by file. Synthetic PDFs built in
//! `pdf_builder`.

mod pdf_builder;

use creacity_ingest::{IngestError, NO_TEXT_LAYER, pdf_pages, pdf_text, read_documents};
use pdf_builder::{Font, pdf, pdf_with_contents, pdf_with_form};

#[test]
fn pages_are_joined_by_form_feeds_and_lines_kept_apart() {
    let bytes = pdf(
        &[
            Some("Creative clusters\nof the Urals"),
            Some("Second page"),
            Some("Third page: coordination"),
        ],
        Font::Latin,
    );
    let pages = pdf_pages(&bytes).unwrap();
    assert_eq!(
        pages,
        [
            "Creative clusters\nof the Urals",
            "Second page",
            "Third page: coordination"
        ]
    );
    assert_eq!(
        pdf_text(&bytes).unwrap(),
        "Creative clusters\nof the Urals\u{c}Second page\u{c}Third page: coordination"
    );
}

#[test]
fn cyrillic_through_a_to_unicode_map() {
    let bytes = pdf(
        &[Some("Слабая координация\nмуниципалитета и ёмкость рынка")],
        Font::CyrillicToUnicode,
    );
    assert_eq!(
        pdf_text(&bytes).unwrap(),
        "Слабая координация\nмуниципалитета и ёмкость рынка"
    );
}

#[test]
fn cyrillic_through_uni_glyph_names_without_a_map() {
    // No ToUnicode map: the letters come from the `uniXXXX` names of the font's /Differences
    // (the Adobe glyph naming convention), as pdftotext reads them.
    let bytes = pdf(
        &[Some("Слабая координация и ёмкость рынка")],
        Font::CyrillicUniNames,
    );
    assert_eq!(
        pdf_text(&bytes).unwrap(),
        "Слабая координация и ёмкость рынка"
    );
}

#[test]
fn cyrillic_through_a_two_byte_identity_font() {
    let bytes = pdf(&[Some("Креативный кластер"), Some("Грант")], Font::Identity);
    assert_eq!(pdf_text(&bytes).unwrap(), "Креативный кластер\u{c}Грант");
}

#[test]
fn scanned_pdf_is_refused_as_without_text_layer() {
    let bytes = pdf(&[None, None], Font::Latin);
    assert_eq!(pdf_pages(&bytes).unwrap(), ["", ""]);
    assert_eq!(pdf_text(&bytes).unwrap_err(), NO_TEXT_LAYER);
}

#[test]
fn a_scanned_page_among_text_pages_stays_an_empty_page() {
    let bytes = pdf(&[Some("one"), None, Some("three")], Font::Latin);
    assert_eq!(pdf_text(&bytes).unwrap(), "one\u{c}\u{c}three");
}

#[test]
fn truncated_and_garbage_files_are_refused() {
    let bytes = pdf(&[Some("Some text")], Font::Latin);
    let e = pdf_pages(&bytes[..bytes.len() / 2]).unwrap_err();
    assert!(e.starts_with("truncated PDF"), "{e}");
    let e = pdf_pages(b"%PDF-1.7\nthis is not a PDF at all\n%%EOF\n").unwrap_err();
    assert!(e.starts_with("not a readable PDF"), "{e}");
    let e = pdf_pages(b"PK\x03\x04 a zip").unwrap_err();
    assert!(e.starts_with("not a PDF"), "{e}");
    assert!(pdf_pages(b"").unwrap_err().starts_with("not a PDF"));
}

#[test]
fn password_protected_pdf_is_refused_and_empty_password_is_read() {
    use lopdf::{Document, EncryptionState, EncryptionVersion, Permissions};
    let plain = pdf(&[Some("Secret strategy")], Font::Latin);
    let encrypt = |user: &str| {
        let mut doc = Document::load_mem(&plain).unwrap();
        let state = EncryptionState::try_from(EncryptionVersion::V2 {
            document: &doc,
            owner_password: "owner",
            user_password: user,
            key_length: 128,
            permissions: Permissions::all(),
        })
        .unwrap();
        doc.encrypt(&state).unwrap();
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    };
    let e = pdf_pages(&encrypt("secret")).unwrap_err();
    assert!(e.starts_with("encrypted PDF"), "{e}");
    assert_eq!(pdf_text(&encrypt("")).unwrap(), "Secret strategy");
}

#[test]
fn folder_import_reads_pdfs_and_names_the_bad_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Plain text document").unwrap();
    std::fs::write(
        dir.path().join("b.pdf"),
        pdf(&[Some("Strategy"), Some("of the city")], Font::Latin),
    )
    .unwrap();
    let docs = read_documents(dir.path()).unwrap();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[1].id, "b");
    assert_eq!(docs[1].text, "Strategy\u{c}of the city");
    assert_eq!(docs[1].title, "Strategy");

    std::fs::write(dir.path().join("c.pdf"), pdf(&[None], Font::Latin)).unwrap();
    match read_documents(dir.path()).unwrap_err() {
        IngestError::Format { file, reason } => {
            assert!(file.ends_with("c.pdf"), "{file}");
            assert_eq!(reason, NO_TEXT_LAYER);
        }
        e => panic!("unexpected {e}"),
    }
    let e = read_documents(dir.path()).unwrap_err().to_string();
    assert!(
        e.contains("c.pdf: no text layer (scanned?) — OCR it first"),
        "{e}"
    );
}

#[test]
fn words_split_by_positioning_get_a_space_and_kerning_does_not() {
    // Hand-written content: a TJ with a word-sized gap, a kerned word, a Td jump, and a line
    // placed by Tm.
    let content = b"BT /F1 10 Tf 72 700 Td [(Crea) -20 (tive) -600 (city)] TJ 100 0 Td (next) Tj \
        1 0 0 1 72 650 Tm (below) Tj ET";
    let bytes = pdf_with_contents(vec![content.to_vec()], Font::Latin);
    assert_eq!(pdf_text(&bytes).unwrap(), "Creative city next\nbelow");
}

/// Oracle: PDFs made by groff + Ghostscript 10.00.0 and by cairo 1.16.0 give the text of
/// `pdftotext` (poppler-utils 22.12.0), page by page, up to runs of white space (see
/// `fixtures/README.md`).
#[test]
fn real_producers_agree_with_pdftotext() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let words = |page: &str| {
        page.replace('\u{fb01}', "fi")
            .replace('\u{fb02}', "fl")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    for name in ["groff-en", "cairo-en", "gs-nimbus-ru"] {
        let bytes = std::fs::read(format!("{dir}/{name}.pdf")).unwrap();
        let reference = std::fs::read_to_string(format!("{dir}/{name}.pdftotext.txt")).unwrap();
        // pdftotext ends every page with a form feed.
        let expected: Vec<String> = reference
            .trim_end_matches('\u{c}')
            .split('\u{c}')
            .map(words)
            .collect();
        let got: Vec<String> = pdf_pages(&bytes)
            .unwrap()
            .iter()
            .map(|p| words(p))
            .collect();
        assert_eq!(got, expected, "{name}");
    }
    let ru = std::fs::read(format!("{dir}/gs-nimbus-ru.pdf")).unwrap();
    assert!(
        pdf_text(&ru)
            .unwrap()
            .starts_with("Слабая координация ведомств —\nпервая")
    );
}

#[test]
fn text_inside_form_xobjects_is_read() {
    let content =
        b"BT /F1 12 Tf 72 700 Td (Before) Tj ET /Fm1 Do BT /F1 12 Tf 72 300 Td (after) Tj ET";
    let bytes = pdf_with_contents(vec![content.to_vec()], Font::Latin);
    assert_eq!(
        pdf_text(&bytes).unwrap(),
        "Before\ntext inside a form\nafter"
    );
}

#[test]
fn a_thousand_pages_keep_their_numbers() {
    let pages: Vec<String> = (1..=1000).map(|i| format!("Page number {i}")).collect();
    let refs: Vec<Option<&str>> = pages.iter().map(|p| Some(p.as_str())).collect();
    let text = pdf_text(&pdf(&refs, Font::Latin)).unwrap();
    let got: Vec<&str> = text.split('\u{c}').collect();
    assert_eq!(got.len(), 1000);
    assert_eq!(got[0], "Page number 1");
    assert_eq!(got[999], "Page number 1000");
}

#[test]
fn forms_drawn_within_forms_are_bounded() {
    // /Fm1 draws itself 50 times: without a bound, 50^8 walks.
    let form = "/Fm1 Do ".repeat(50).into_bytes();
    let bytes = pdf_with_form(vec![b"/Fm1 Do".to_vec()], Font::Latin, form);
    let e = pdf_pages(&bytes).unwrap_err();
    assert!(
        e.starts_with("page 1: over 10000 form XObjects drawn on one page"),
        "{e}"
    );
}

#[test]
fn oversized_files_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let f = std::fs::File::create(dir.path().join("huge.txt")).unwrap();
    // A sparse file: its size is checked, its bytes never read.
    f.set_len(creacity_ingest::MAX_DOCUMENT_BYTES + 1).unwrap();
    let e = read_documents(dir.path()).unwrap_err().to_string();
    assert!(
        e.contains("huge.txt: 64 MiB is over the limit of 64 MiB for one document"),
        "{e}"
    );
    let dir = tempfile::tempdir().unwrap();
    let f = std::fs::File::create(dir.path().join("huge.pdf")).unwrap();
    f.set_len(creacity_ingest::MAX_PDF_BYTES + 1).unwrap();
    let e = read_documents(dir.path()).unwrap_err().to_string();
    assert!(
        e.contains("huge.pdf: 256 MiB is over the limit of 256 MiB"),
        "{e}"
    );
}
