//! The matrix reader: good input, every kind of bad input, and a fuzz-style sweep.

use creacity_mapping::{MappingError, Matrix};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

#[test]
fn reads_comma_and_semicolon() {
    let m = Matrix::from_csv_str("t,a,b\nX,1,2\nY,3,4.5\n").unwrap();
    assert_eq!(m.row_labels(), &["X", "Y"]);
    assert_eq!(m.get(1, 1), 4.5);
    let m = Matrix::from_csv_str("\u{feff}t;a;b\nX;1;2,5\n").unwrap();
    assert_eq!(m.get(0, 1), 2.5);
}

#[test]
fn empty_row_is_a_clear_error() {
    let e = Matrix::from_csv_str("t,a,b\nX,1,2\nY\n").unwrap_err();
    assert_eq!(
        e,
        MappingError::RowLength {
            row: 3,
            label: "Y".into(),
            found: 0,
            expected: 2
        }
    );
    assert!(e.to_string().contains("row 3"));
    let e = Matrix::from_csv_str("t,a,b\nX,1,\n").unwrap_err();
    assert!(matches!(e, MappingError::BadValue { row: 2, ref column, .. } if column == "b"));
}

#[test]
fn bad_values_and_shapes() {
    assert!(matches!(
        Matrix::from_csv_str("t,a\nX,-1\n"),
        Err(MappingError::BadValue { row: 2, .. })
    ));
    assert!(matches!(
        Matrix::from_csv_str("t,a\nX,abc\n"),
        Err(MappingError::BadValue { .. })
    ));
    assert!(matches!(
        Matrix::from_csv_str("t,a\nX,NaN\n"),
        Err(MappingError::BadValue { .. })
    ));
    assert!(matches!(
        Matrix::from_csv_str(""),
        Err(MappingError::Empty(_))
    ));
    assert!(matches!(
        Matrix::from_csv_str("t\nX\n"),
        Err(MappingError::Empty(_))
    ));
    assert!(matches!(
        Matrix::from_csv_str("t,a\n"),
        Err(MappingError::Empty(_))
    ));
    assert!(matches!(
        Matrix::from_csv_str("t,a\nX,1\nX,2\n"),
        Err(MappingError::Duplicate {
            what: "territory",
            ..
        })
    ));
    assert!(matches!(
        Matrix::from_csv_str("t,a,a\nX,1,2\n"),
        Err(MappingError::Duplicate { what: "sector", .. })
    ));
    assert!(matches!(
        Matrix::from_csv_str("t,a\nX,1,2\n"),
        Err(MappingError::RowLength {
            found: 2,
            expected: 1,
            ..
        })
    ));
}

#[test]
fn fuzz_matrix_reader_never_panics() {
    let alphabet: &[u8] = b"0123456789.,;-\n\r\"ab eE+\xff";
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    for _ in 0..20_000 {
        let len = rng.random_range(0..60);
        let bytes: Vec<u8> = (0..len)
            .map(|_| alphabet[rng.random_range(0..alphabet.len())])
            .collect();
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(m) = Matrix::from_csv_str(&text) {
            assert!(m.values().iter().all(|v| v.is_finite() && *v >= 0.0));
            assert_eq!(m.values().len(), m.nrows() * m.ncols());
        }
    }
}
