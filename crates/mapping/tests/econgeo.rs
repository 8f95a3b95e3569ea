//! Oracle: the R package EconGeo (Balland), functions `location.quotient`, `Krugman.index`,
//! `spec.coeff`, `Herfindahl`, `entropy`, `Hoover.index`, `diversity`, `ubiquity`, on the example
//! matrix of `shared/reference/mapping/README.md` (the values recorded there; EconGeo rounds
//! entropy to 3 decimals). Co-occurrence and relatedness are checked against EconGeo's formulas by hand.

use creacity_mapping::indices::{
    IndexParams, RelatednessMethod, co_occurrence, compute_indices, relatedness,
    relatedness_density,
};
use creacity_mapping::{MappingError, Matrix};

fn example() -> Matrix {
    Matrix::from_rows(&[
        vec![100.0, 0.0, 0.0, 0.0, 0.0],
        vec![0.0, 15.0, 5.0, 70.0, 10.0],
        vec![0.0, 20.0, 10.0, 20.0, 50.0],
        vec![0.0, 25.0, 30.0, 5.0, 40.0],
        vec![0.0, 40.0, 55.0, 5.0, 0.0],
    ])
    .unwrap()
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn econgeo_example_matrix() {
    let m = example();
    let r = compute_indices(&m, &IndexParams::builder().build(&m).unwrap());
    let lq = [
        [5.0, 0.0, 0.0, 0.0, 0.0],
        [0.0, 0.75, 0.25, 3.5, 0.5],
        [0.0, 1.0, 0.5, 1.0, 2.5],
        [0.0, 1.25, 1.5, 0.25, 2.0],
        [0.0, 2.0, 2.75, 0.25, 0.0],
    ];
    for (i, row) in lq.iter().enumerate() {
        for (j, want) in row.iter().enumerate() {
            assert!(
                close(r.location_quotient[i * 5 + j], *want, 1e-12),
                "LQ[{i}][{j}]"
            );
        }
    }
    let krugman = [1.6, 1.0, 0.6, 0.7, 1.1];
    let spec = [0.8, 0.5, 0.3, 0.35, 0.55];
    let herf = [1.0, 0.525, 0.34, 0.315, 0.465];
    let entropy = [0.0, 1.319, 1.761, 1.766, 1.219];
    let diversity = [1, 1, 3, 3, 2];
    for (i, t) in r.by_territory.iter().enumerate() {
        assert!(close(t.krugman.unwrap(), krugman[i], 1e-12), "Krugman {i}");
        assert!(
            close(t.specialisation_coefficient.unwrap(), spec[i], 1e-12),
            "spec {i}"
        );
        assert!(
            close(t.herfindahl.unwrap(), herf[i], 1e-12),
            "Herfindahl {i}"
        );
        // EconGeo rounds entropy to 3 decimals.
        assert!(close(t.entropy.unwrap(), entropy[i], 5e-4), "entropy {i}");
        assert_eq!(t.diversity, diversity[i], "diversity {i}");
    }
    let hoover = [80.0, 25.0, 45.0, 50.0, 50.0];
    let ubiquity = [1, 3, 2, 2, 2];
    for (j, s) in r.by_sector.iter().enumerate() {
        assert!(close(s.hoover.unwrap(), hoover[j], 1e-9), "Hoover {j}");
        assert_eq!(s.ubiquity, ubiquity[j], "ubiquity {j}");
    }
}

#[test]
fn lq_of_exactly_one_counts_as_specialised() {
    let m = example();
    let r = compute_indices(&m, &IndexParams::builder().build(&m).unwrap());
    // R3 has LQ = 1 exactly in I2 and I4.
    assert_eq!(&r.binary_lq[10..15], &[0, 1, 0, 1, 1]);
}

#[test]
fn co_occurrence_and_relatedness_follow_econgeo_formulas() {
    let m = example();
    let r = compute_indices(&m, &IndexParams::builder().build(&m).unwrap());
    // Binary LQ rows: R1 {I1}, R2 {I4}, R3 {I2,I4,I5}, R4 {I2,I3,I5}, R5 {I2,I3}.
    let c = co_occurrence(&r.binary_lq, 5);
    assert_eq!(
        c,
        vec![
            0, 0, 0, 0, 0, //
            0, 0, 2, 1, 2, //
            0, 2, 0, 0, 1, //
            0, 1, 0, 0, 1, //
            0, 2, 1, 1, 0,
        ]
    );
    // S = column sums = [0, 5, 3, 2, 4], T = 14.
    let cos = relatedness(&c, 5, RelatednessMethod::Cosine);
    assert!(close(cos[5 + 2], 2.0 / (5.0f64 * 3.0).sqrt(), 1e-12));
    let jac = relatedness(&c, 5, RelatednessMethod::Jaccard);
    assert!(close(jac[5 + 2], 2.0 / (5.0 + 3.0 - 2.0), 1e-12));
    let ass = relatedness(&c, 5, RelatednessMethod::Association);
    assert!(close(
        ass[5 + 2],
        (2.0 / 14.0) / ((3.0 / 14.0) * (5.0 / 14.0)),
        1e-12
    ));
    let prob = relatedness(&c, 5, RelatednessMethod::Prob);
    let (si, sj, t) = (3.0f64, 5.0f64, 14.0f64);
    let want = 2.0 / (((si / t) * (sj / (t - si)) + (sj / t) * (si / (t - sj))) * (t / 2.0));
    assert!(close(prob[5 + 2], want, 1e-12));
    // I1 co-occurs with nothing: 0/0 is 0 as in EconGeo.
    assert!(prob[..5].iter().all(|&v| v == 0.0));
    // Density of I3 in R3 (specialised in I2, I4, I5): (R_23 + R_43 + R_53) / Σ_j R_j3 · 100.
    let d = relatedness_density(&r.binary_lq, 5, &prob);
    let col3: f64 = (0..5).map(|j| prob[j * 5 + 2]).sum();
    let want = (prob[5 + 2] + prob[15 + 2] + prob[20 + 2]) / col3 * 100.0;
    assert!(close(d[2 * 5 + 2], want, 1e-9));
    assert!(
        d[0].is_nan(),
        "I1 is related to nothing: undefined as in EconGeo"
    );
}

#[test]
fn hoover_with_population() {
    let m = Matrix::from_rows(&[vec![10.0], vec![30.0]]).unwrap();
    let p = IndexParams::builder()
        .population(vec![1.0, 1.0])
        .build(&m)
        .unwrap();
    let r = compute_indices(&m, &p);
    // Shares 0.25/0.75 against 0.5/0.5: 100 · (0.25 + 0.25) / 2.
    assert!(close(r.by_sector[0].hoover.unwrap(), 25.0, 1e-12));
    let bad = IndexParams::builder().population(vec![1.0]).build(&m);
    assert!(matches!(bad, Err(MappingError::Shape(_))));
    let neg = IndexParams::builder().population(vec![1.0, -1.0]).build(&m);
    assert!(matches!(neg, Err(MappingError::InvalidParameter { .. })));
}

#[test]
fn zero_row_gives_no_index_not_nan() {
    let m = Matrix::from_rows(&[vec![1.0, 2.0], vec![0.0, 0.0]]).unwrap();
    let r = compute_indices(&m, &IndexParams::builder().build(&m).unwrap());
    assert_eq!(r.by_territory[1].krugman, None);
    assert_eq!(r.by_territory[1].entropy, None);
    assert_eq!(&r.location_quotient[2..], &[0.0, 0.0]);
}
