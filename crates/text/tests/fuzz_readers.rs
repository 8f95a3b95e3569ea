//! Fuzz-style tests: random bytes and format-shaped random text into every dictionary reader.
//! Each must return a dictionary or an error naming a line inside the input, never panic.

use creacity_text::{
    Lookup, LookupParams, TextError, decode_text, read_lexicoder, read_liwc, read_wordstat,
    read_yaml, read_yoshikoder,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const PIECES: &[&str] = &[
    "%",
    "\n",
    "\t",
    "1",
    "2",
    " ",
    "+",
    "(1)",
    " (2)",
    "<cnode name=\"a\">",
    "</cnode>",
    "<pnode name=\"b*\"/>",
    "<dictionary name=\"d\">",
    "</dictionary>",
    ":",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "name: d",
    "version: 1",
    "categories:",
    "id: x",
    "patterns:",
    "\"",
    "'",
    "*",
    "?",
    "координац*",
    "отсутствие координации",
    "&amp;",
    "&bogus;",
    "<",
    ">",
    "\r\n",
    "\u{feff}",
    "é",
    "(",
    ")",
    "regex[",
    "\u{0}",
];

type Reader = fn(&str) -> Result<creacity_text::Dictionary, TextError>;

fn check(name: &str, reader: Reader, input: &str) {
    match reader(input) {
        Ok(d) => {
            // Whatever was read must also compile or fail cleanly.
            let _ = Lookup::new(&d, &LookupParams::default());
        }
        Err(TextError::Dictionary { line, reason, .. }) => {
            let lines = input.lines().count().max(1);
            assert!(
                line <= lines + 1,
                "{name}: line {line} beyond {lines} in {input:?}"
            );
            assert!(!reason.is_empty());
        }
        Err(other) => panic!("{name}: unexpected error {other:?}"),
    }
}

#[test]
fn random_input_never_panics() {
    let readers: [(&str, Reader); 5] = [
        ("yaml", read_yaml),
        ("liwc", read_liwc),
        ("wordstat", read_wordstat),
        ("lexicoder", read_lexicoder),
        ("yoshikoder", read_yoshikoder),
    ];
    let mut rng = ChaCha8Rng::seed_from_u64(2024);
    for round in 0..1500 {
        let input = if round % 3 == 0 {
            let n = rng.random_range(0..200);
            let bytes: Vec<u8> = (0..n).map(|_| rng.random()).collect();
            decode_text(&bytes).0
        } else {
            let n = rng.random_range(0..40);
            (0..n)
                .map(|_| PIECES[rng.random_range(0..PIECES.len())])
                .collect::<String>()
        };
        for (name, r) in readers {
            check(name, r, &input);
        }
    }
}
