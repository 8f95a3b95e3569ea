//! Sobol' estimators against the Ishigami function's analytic indices (a = 7, b = 0.1; values as in
//! `shared/reference/composite/README.md`, from Ishigami & Homma 1990 / Saltelli et al. 2008).

use creacity_index::sensitivity::*;

const S: [f64; 3] = [0.3139, 0.4424, 0.0];
const ST: [f64; 3] = [0.5576, 0.4424, 0.2437];

fn run(n: usize, sampler: Sampler, est: Estimators) -> SobolIndices {
    let des = SaltelliDesign::new(n, 3, sampler).unwrap();
    let y: Vec<f64> = des.points.iter().map(|p| ishigami(p, 7.0, 0.1)).collect();
    sobol_indices(&y, n, 3, &est).unwrap()
}

fn max_err(s: &SobolIndices) -> (f64, f64) {
    let e1 = s
        .first
        .iter()
        .zip(S)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f64::max);
    let et = s
        .total
        .iter()
        .zip(ST)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f64::max);
    (e1, et)
}

#[test]
fn saltelli_and_jansen_converge_with_sobol_points() {
    for first in [FirstOrder::Saltelli2010, FirstOrder::Jansen1999] {
        for total in [TotalOrder::Jansen1999, TotalOrder::Sobol2007] {
            let s = run(
                1 << 14,
                Sampler::Sobol,
                Estimators {
                    first,
                    total,
                    bootstrap: None,
                },
            );
            let (e1, et) = max_err(&s);
            assert!(
                e1 < 0.01,
                "{first:?}: first-order error {e1} ({:?})",
                s.first
            );
            assert!(et < 0.01, "{total:?}: total error {et} ({:?})", s.total);
        }
    }
}

#[test]
fn error_shrinks_with_n() {
    let est = Estimators::default();
    let (a1, at) = max_err(&run(1 << 8, Sampler::Sobol, est));
    let (b1, bt) = max_err(&run(1 << 15, Sampler::Sobol, est));
    assert!(b1 < a1 && bt < at, "N=256: {a1} {at}; N=32768: {b1} {bt}");
    assert!(b1 < 0.005 && bt < 0.005);
}

#[test]
fn random_points_and_bootstrap_cover_the_truth() {
    let est = Estimators {
        bootstrap: Some(Bootstrap {
            resamples: 300,
            confidence: 0.95,
            seed: 7,
        }),
        ..Default::default()
    };
    let s = run(1 << 13, Sampler::Random { seed: 42 }, est);
    let (e1, et) = max_err(&s);
    assert!(e1 < 0.03 && et < 0.03, "{e1} {et}");
    let fi = s.first_interval.unwrap();
    let ti = s.total_interval.unwrap();
    for i in 0..3 {
        assert!(
            fi[i].0 <= S[i] + 0.01 && S[i] - 0.01 <= fi[i].1,
            "S{} interval {:?}",
            i + 1,
            fi[i]
        );
        assert!(
            ti[i].0 <= ST[i] + 0.01 && ST[i] - 0.01 <= ti[i].1,
            "ST{} interval {:?}",
            i + 1,
            ti[i]
        );
        assert!(fi[i].1 - fi[i].0 < 0.1);
    }
    // Analytic variance: a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2 = 13.8446.
    assert!((s.variance - 13.8446).abs() < 0.3, "{}", s.variance);
}

#[test]
fn failed_runs_drop_rows_and_are_counted() {
    let n = 1024;
    let des = SaltelliDesign::new(n, 3, Sampler::Sobol).unwrap();
    let mut y: Vec<f64> = des.points.iter().map(|p| ishigami(p, 7.0, 0.1)).collect();
    y[5] = f64::NAN;
    y[3 * n + 9] = f64::NAN;
    let s = sobol_indices(&y, n, 3, &Estimators::default()).unwrap();
    assert_eq!(s.rows_dropped, 2);
    assert!(sobol_indices(&y[1..], n, 3, &Estimators::default()).is_err());
}
