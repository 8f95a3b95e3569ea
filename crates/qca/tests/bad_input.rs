//! Bad input: a clear error naming row and column, never a panic.

use creacity_qca::*;

fn sets(text: &str, outcome: &str, conds: Option<&[&str]>) -> Result<SetData, QcaError> {
    let d = Dataset::parse(text)?;
    let conds: Option<Vec<String>> = conds.map(|c| c.iter().map(|s| s.to_string()).collect());
    SetData::new(&d, &OutcomeSpec::parse(outcome)?, conds.as_deref())
}

#[test]
fn missing_value_names_row_and_column() {
    let e = Dataset::parse("case,A,Y\na,1,0\nb,,1\n").unwrap_err();
    assert_eq!(
        e,
        QcaError::MissingValue {
            row: 3,
            column: "A".into(),
            value: "".into()
        }
    );
    let e = Dataset::parse("case,A,Y\na,NA,0\n").unwrap_err();
    assert!(matches!(e, QcaError::MissingValue { row: 2, .. }));
}

#[test]
fn non_numeric_cell() {
    let e = Dataset::parse("case,A,Y\na,1,0\nb,high,1\n").unwrap_err();
    assert_eq!(
        e,
        QcaError::NotNumeric {
            row: 3,
            column: "A".into(),
            value: "high".into()
        }
    );
    assert!(e.to_string().contains("row 3"));
}

#[test]
fn fuzzy_value_outside_unit_interval() {
    let e = sets("case,A,Y\na,0.3,0\nb,1.7,1\nc,0.9,1\n", "Y", None).unwrap_err();
    assert_eq!(
        e,
        QcaError::OutOfRange {
            row: 3,
            column: "A".into(),
            value: 1.7
        }
    );
    let e = sets("case,A,Y\na,-0.2,0\nb,0.7,1\n", "Y", None).unwrap_err();
    assert!(matches!(e, QcaError::OutOfRange { row: 2, .. }));
}

#[test]
fn membership_of_exactly_one_half() {
    let e = sets("case,A,Y\na,0.2,0\nb,0.5,1\nc,0.9,1\n", "Y", None).unwrap_err();
    assert_eq!(
        e,
        QcaError::HalfMembership {
            case: "b".into(),
            column: "A".into()
        }
    );
}

#[test]
fn duplicate_case_names() {
    let e = Dataset::parse("case,A,Y\na,1,0\nb,0,1\na,1,1\n").unwrap_err();
    assert_eq!(
        e,
        QcaError::DuplicateCase {
            name: "a".into(),
            first: 2,
            row: 4
        }
    );
}

#[test]
fn duplicate_column_names() {
    let e = Dataset::parse("case,A,A\na,1,0\n").unwrap_err();
    assert_eq!(e, QcaError::DuplicateColumn("A".into()));
}

#[test]
fn condition_with_one_value_only() {
    let e = sets("case,A,B,Y\na,1,0,0\nb,1,1,1\n", "Y", None).unwrap_err();
    assert_eq!(
        e,
        QcaError::Constant {
            column: "A".into(),
            value: 1.0
        }
    );
}

#[test]
fn outcome_or_condition_not_in_the_data() {
    let text = "case,A,Y\na,1,0\nb,0,1\n";
    assert_eq!(
        sets(text, "Z", None).unwrap_err(),
        QcaError::UnknownColumn("Z".into())
    );
    assert_eq!(
        sets(text, "Y", Some(&["B"])).unwrap_err(),
        QcaError::UnknownColumn("B".into())
    );
}

#[test]
fn multi_value_outcome_needs_a_value() {
    let text = "case,A,Y\na,1,0\nb,0,2\nc,1,1\n";
    assert_eq!(
        sets(text, "Y", None).unwrap_err(),
        QcaError::MultiValueOutcome("Y".into())
    );
    let s = sets(text, "Y[2]", None).unwrap();
    assert_eq!(s.outcome_membership, vec![0.0, 1.0, 0.0]);
}

#[test]
fn ragged_rows_and_empty_tables() {
    assert_eq!(
        Dataset::parse("case,A,Y\na,1\n").unwrap_err(),
        QcaError::RaggedRow {
            row: 2,
            found: 2,
            expected: 3
        }
    );
    assert_eq!(Dataset::parse("").unwrap_err(), QcaError::Empty);
    assert_eq!(Dataset::parse("case,A,Y\n").unwrap_err(), QcaError::Empty);
}

#[test]
fn bad_parameters() {
    assert!(
        TruthTableParams::default()
            .incl_cut(1.2)
            .validate()
            .is_err()
    );
    assert!(
        TruthTableParams::default()
            .incl_cuts(0.7, 0.8)
            .validate()
            .is_err()
    );
    assert!(TruthTableParams::default().n_cut(0).validate().is_err());
    assert!(MinimizeParams::default().dir_exp("1,x").is_err());
    assert!(
        Calibration::Logistic {
            e: 1.0,
            c: 0.5,
            i: 2.0,
            log_odds: LogOdds::Three
        }
        .validate()
        .is_err()
    );
    assert!(OutcomeSpec::parse("A*B").is_err());
    assert!(OutcomeSpec::parse("Y[1").is_err());
}

#[test]
fn nothing_to_explain() {
    let s = sets("case,A,Y\na,1,0\nb,0,0\n", "Y", None).unwrap();
    let tt = truth_table(&s, &TruthTableParams::default()).unwrap();
    assert_eq!(
        minimize(&tt, &MinimizeParams::default()).unwrap_err(),
        QcaError::NothingToExplain
    );
}

#[test]
fn tab_and_semicolon_tables_with_decimal_comma() {
    let d = Dataset::parse("case\tA\tY\na\t0,8\t1\nb\t0,1\t0\n").unwrap();
    assert_eq!(d.column("A").unwrap(), &[0.8, 0.1]);
    let d = Dataset::parse("case;A;Y\na;0,8;1\n").unwrap();
    assert_eq!(d.column("A").unwrap(), &[0.8]);
}

/// Fuzz-style: random bytes and random near-valid tables must give a result or an error.
#[test]
fn reader_never_panics_on_random_input() {
    use rand::{Rng, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    let alphabet = b"0123456789.,;\t\n\r\"-~ABCYNa ?e+\xff\xfe";
    for round in 0..5000 {
        let len = rng.random_range(0..200);
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                if round % 2 == 0 {
                    rng.random()
                } else {
                    alphabet[rng.random_range(0..alphabet.len())]
                }
            })
            .collect();
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(d) = Dataset::parse(&text) {
            for outcome in d.columns().iter().take(2) {
                if let Ok(spec) = OutcomeSpec::parse(outcome)
                    && let Ok(s) = SetData::new(&d, &spec, None)
                    && let Ok(tt) = truth_table(&s, &TruthTableParams::default())
                {
                    let _ = minimize(&tt, &MinimizeParams::default().include_remainders());
                }
            }
        }
    }
}
