//! Fuzz-style tests of the PDF reader: random bytes, and valid PDFs with bytes flipped, cut,
//! spliced or repeated. Each input must give text or an error, never a panic out of the reader
//! (panics inside the parser are caught and turned into errors). Deterministic: seeded ChaCha8.

mod pdf_builder;

use creacity_ingest::{pdf_pages, pdf_text};
use pdf_builder::{Font, pdf, pdf_with_contents};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const TOKENS: &[&[u8]] = &[
    b"BT",
    b"ET",
    b" Tj ",
    b" TJ ",
    b"[",
    b"]",
    b"(",
    b")",
    b"<",
    b">",
    b"<<",
    b">>",
    b"/F1",
    b" 0 R",
    b"obj",
    b"endobj",
    b"stream\n",
    b"endstream",
    b"-99999999",
    b"1e308",
    b"\\",
    b"/Length 999999",
    b"/Filter /FlateDecode",
    b"xref",
    b"trailer",
    b"%%EOF",
    b"\0",
    b"Do",
    b"/Im1",
    b"q",
    b"Q",
    b"Tm",
    b"Td",
    b"T*",
];

fn seeds() -> Vec<Vec<u8>> {
    let fixture = |name: &str| {
        std::fs::read(format!(
            "{}/tests/fixtures/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    };
    vec![
        fixture("groff-en.pdf"),
        fixture("gs-nimbus-ru.pdf"),
        pdf(
            &[Some("Creative clusters"), Some("of the Urals")],
            Font::Latin,
        ),
        pdf(&[Some("Слабая координация")], Font::CyrillicToUnicode),
        pdf(&[Some("Креативный кластер"), None], Font::Identity),
        pdf_with_contents(
            vec![
                b"BT /F1 10 Tf 1 0 0 1 72 650 Tm [(a) -600 (b)] TJ 0 -12 TD (c) ' ET /Im1 Do"
                    .to_vec(),
            ],
            Font::Latin,
        ),
    ]
}

fn mutate(rng: &mut ChaCha8Rng, base: &[u8]) -> Vec<u8> {
    let mut b = base.to_vec();
    for _ in 0..rng.random_range(1..=8) {
        if b.is_empty() {
            break;
        }
        let at = rng.random_range(0..b.len());
        match rng.random_range(0..5) {
            0 => b[at] = rng.random(),
            1 => {
                let end = (at + rng.random_range(1..64)).min(b.len());
                b.drain(at..end);
            }
            2 => {
                let t = TOKENS[rng.random_range(0..TOKENS.len())];
                b.splice(at..at, t.iter().copied());
            }
            3 => {
                let end = (at + rng.random_range(1..32)).min(b.len());
                let piece: Vec<u8> = b[at..end].to_vec();
                b.splice(at..at, piece);
            }
            _ => b.truncate(at),
        }
    }
    // Keep the end marker most of the time, so the parser itself is reached.
    if rng.random_bool(0.8) && !b.ends_with(b"%%EOF\n") {
        b.extend_from_slice(b"\n%%EOF\n");
    }
    b
}

#[test]
fn mutated_pdfs_never_panic() {
    let mut rng = ChaCha8Rng::seed_from_u64(20_261_128);
    let seeds = seeds();
    let (mut ok, mut err) = (0, 0);
    // `PDF_FUZZ_ITERATIONS=100000 cargo test -p creacity-ingest --release --test pdf_fuzz` for a
    // longer run.
    let n: usize = std::env::var("PDF_FUZZ_ITERATIONS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_500);
    for i in 0..n {
        let input = mutate(&mut rng, &seeds[i % seeds.len()]);
        match pdf_text(&input) {
            Ok(t) => {
                assert!(!t.contains('\0'));
                ok += 1;
            }
            Err(e) => {
                assert!(!e.is_empty());
                err += 1;
            }
        }
    }
    // Both outcomes occur: the mutations neither all break nor all spare the file.
    assert!(ok > 0 && err > 0, "ok {ok}, err {err}");
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    for i in 0..500 {
        let len = rng.random_range(0..2_000);
        let mut b: Vec<u8> = (0..len).map(|_| rng.random()).collect();
        if i % 2 == 0 {
            b.splice(0..0, b"%PDF-1.4\n".iter().copied());
            b.extend_from_slice(b"\n%%EOF\n");
        }
        assert!(pdf_pages(&b).is_err());
    }
}
