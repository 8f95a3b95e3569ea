//! Robustness sweep on the Lipset raw data (calibrated as in the reference README, outcome made
//! crisp at a polity score above 0.5) and on the fuzzy data, where the parsimonious solution of
//! R QCA 3.23 at incl.cut 0.7 is `DEV*STB`.

mod common;
use common::*;
use creacity_qca::*;

#[test]
fn sweep_over_cuts_and_anchors_counts_survivors() {
    let Some(lr) = reference("LR.tab") else {
        return;
    };
    let raw = Dataset::parse(&lr).unwrap();
    let base = vec![
        (
            "DEV".to_string(),
            Calibration::Logistic {
                e: 400.0,
                c: 550.0,
                i: 900.0,
                log_odds: LogOdds::Three,
            },
        ),
        (
            "URB".to_string(),
            Calibration::Logistic {
                e: 25.0,
                c: 50.0,
                i: 65.0,
                log_odds: LogOdds::Three,
            },
        ),
        (
            "LIT".to_string(),
            Calibration::Logistic {
                e: 50.0,
                c: 75.0,
                i: 90.0,
                log_odds: LogOdds::Three,
            },
        ),
        (
            "IND".to_string(),
            Calibration::Logistic {
                e: 20.0,
                c: 30.0,
                i: 40.0,
                log_odds: LogOdds::Three,
            },
        ),
        (
            "STB".to_string(),
            Calibration::Logistic {
                e: 15.0,
                c: 9.5,
                i: 5.0,
                log_odds: LogOdds::Three,
            },
        ),
        ("SURV".to_string(), Calibration::Thresholds(vec![0.5])),
    ];
    let p = RobustnessParams {
        outcome: OutcomeSpec::parse("SURV").unwrap(),
        conditions: None,
        truth_table: TruthTableParams::default(),
        minimize: MinimizeParams::default().include_remainders(),
        kind: SolutionKind::Parsimonious,
        incl_cuts: vec![0.7, 0.75],
        calibrations: anchor_variants(&base, &[0.9, 1.0, 1.1]),
    };
    let r = robustness(&raw, &p).unwrap();
    assert_eq!(r.runs.len(), 6);
    // counts are consistent: sorted by survival, shares out of six runs
    assert!(r.terms.windows(2).all(|w| w[0].runs >= w[1].runs));
    assert!(
        r.terms
            .iter()
            .all(|t| (t.share - t.runs as f64 / 6.0).abs() < 1e-12)
    );
    let ok_runs = r.runs.iter().filter(|x| x.models.is_ok()).count();
    assert!(r.models.iter().map(|m| m.runs).sum::<usize>() >= ok_runs);

    // On the fuzzy data of the reference (no calibration), the cut 0.7 gives DEV*STB.
    let Some(lf) = reference("LF.csv") else {
        return;
    };
    let fz = Dataset::parse(&lf).unwrap();
    let p = RobustnessParams {
        incl_cuts: vec![0.7],
        calibrations: Vec::new(),
        ..p
    };
    let r = robustness(&fz, &p).unwrap();
    assert_eq!(r.runs[0].models, Ok(vec!["DEV*STB".to_string()]));
    assert_eq!(
        (r.terms[0].expression.as_str(), r.terms[0].runs),
        ("DEV*STB", 1)
    );
}
