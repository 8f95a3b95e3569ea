//! Oracle tests: the Lipset data and the answers of the R package QCA 3.23 (Dusa), as listed in
//! `shared/reference/qca/README.md`, plus PI charts and model lists obtained from QCA 3.23
//! (built from the CRAN sources) on the same data.

mod common;
use common::*;
use creacity_qca::*;

#[test]
fn crisp_truth_table() {
    let Some(lc) = reference("LC.csv") else {
        return;
    };
    let tt = truth_table(&sets(&lc, "SURV", None), &TruthTableParams::default()).unwrap();
    let got: Vec<(u64, usize, Out)> = tt.rows.iter().map(|r| (r.number, r.n, r.out)).collect();
    // rows 32 (11111, n=4), 22 (10101, 2), 24 (10111, 2) positive; the rest negative
    assert_eq!(
        got,
        vec![
            (1, 3, Out::Zero),
            (2, 2, Out::Zero),
            (5, 2, Out::Zero),
            (6, 1, Out::Zero),
            (22, 2, Out::One),
            (23, 1, Out::Zero),
            (24, 2, Out::One),
            (31, 1, Out::Zero),
            (32, 4, Out::One)
        ]
    );
    assert_eq!(tt.rows[8].cases, vec!["BE", "CZ", "NL", "UK"]);
}

#[test]
fn crisp_solutions() {
    let Some(lc) = reference("LC.csv") else {
        return;
    };
    let tt = truth_table(&sets(&lc, "SURV", None), &TruthTableParams::default()).unwrap();
    let (cons, p) = solve(&tt, false);
    assert_eq!(models(&cons), vec!["DEV*~URB*LIT*STB + DEV*LIT*IND*STB"]);
    assert_eq!(models(&p), vec!["DEV*STB"]);
    assert_eq!(
        p.models[0].simplifying_assumptions,
        Some(vec![18, 20, 26, 28, 30])
    );
}

#[test]
fn crisp_negated_outcome() {
    let Some(lc) = reference("LC.csv") else {
        return;
    };
    let tt = truth_table(&sets(&lc, "~SURV", None), &TruthTableParams::default()).unwrap();
    let (cons, p) = solve(&tt, false);
    assert_eq!(models(&cons), vec!["~DEV*~URB*~IND + DEV*LIT*IND*~STB"]);
    assert_eq!(models(&p), vec!["~DEV + ~STB"]);
}

#[test]
fn multi_value_solutions() {
    let Some(lm) = reference("LM.csv") else {
        return;
    };
    let s = sets(&lm, "SURV", Some(&["DEV", "URB", "LIT", "IND"]));
    let tt = truth_table(&s, &TruthTableParams::default()).unwrap();
    let (cons, p) = solve(&tt, false);
    assert_eq!(
        models(&cons),
        vec!["DEV[2]*LIT[1]*IND[1] + DEV[1]*URB[0]*LIT[1]*IND[0]"]
    );
    let fits: Vec<f64> = cons.models[0]
        .term_fits
        .iter()
        .map(|t| r3(t.fit.cov))
        .collect();
    assert_eq!(fits, vec![0.625, 0.25]);
    assert_eq!(r3(cons.models[0].fit.cov), 0.875);
    assert_eq!(models(&p), vec!["DEV[2] + DEV[1]*IND[0]"]);
}

#[test]
fn fuzzy_truth_table() {
    let Some(lf) = reference("LF.csv") else {
        return;
    };
    let tt = truth_table(
        &sets(&lf, "SURV", None),
        &TruthTableParams::default().incl_cut(0.7),
    )
    .unwrap();
    let got: Vec<(u64, f64, f64, &str, String)> = tt
        .rows_by_inclusion()
        .iter()
        .map(|r| {
            (
                r.number,
                r3(r.incl),
                r3(r.pri),
                r.out.code(),
                r.cases.join(","),
            )
        })
        .collect();
    let want = [
        (32, 0.904, 0.886, "1", "BE,CZ,NL,UK"),
        (22, 0.804, 0.719, "1", "FI,IE"),
        (24, 0.709, 0.634, "1", "FR,SE"),
        (6, 0.529, 0.228, "0", "EE"),
        (5, 0.521, 0.113, "0", "HU,PL"),
        (31, 0.445, 0.050, "0", "DE"),
        (23, 0.378, 0.040, "0", "AU"),
        (2, 0.278, 0.000, "0", "IT,RO"),
        (1, 0.216, 0.000, "0", "GR,PT,ES"),
    ];
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(want) {
        assert_eq!((g.0, g.1, g.2, g.3, g.4.as_str()), w);
    }
}

#[test]
fn fuzzy_solutions_and_fit() {
    let Some(lf) = reference("LF.csv") else {
        return;
    };
    let tt = truth_table(
        &sets(&lf, "SURV", None),
        &TruthTableParams::default().incl_cut(0.7),
    )
    .unwrap();
    let m = minimize(
        &tt,
        &MinimizeParams::default().dir_exp("1,1,1,1,1").unwrap(),
    )
    .unwrap();
    let c = &m.conservative.as_ref().unwrap().models[0];
    assert_eq!(c.expression, "DEV*~URB*LIT*STB + DEV*LIT*IND*STB");
    let t: Vec<[f64; 4]> = c
        .term_fits
        .iter()
        .map(|t| {
            [
                r3(t.fit.incl),
                r3(t.fit.pri),
                r3(t.fit.cov),
                r3(t.cov_unique),
            ]
        })
        .collect();
    assert_eq!(
        t,
        vec![[0.809, 0.761, 0.433, 0.196], [0.843, 0.821, 0.622, 0.385]]
    );
    assert_eq!(
        [r3(c.fit.incl), r3(c.fit.pri), r3(c.fit.cov)],
        [0.871, 0.851, 0.818]
    );
    assert_eq!(
        c.term_fits[0].cases,
        vec![vec!["FI", "IE"], vec!["FR", "SE"]]
    );
    let p = m.parsimonious.as_ref().unwrap();
    assert_eq!(models(p), vec!["DEV*STB"]);
    assert_eq!(
        [
            r3(p.models[0].fit.incl),
            r3(p.models[0].fit.pri),
            r3(p.models[0].fit.cov)
        ],
        [0.869, 0.848, 0.824]
    );
    assert_eq!(m.intermediate.len(), 1);
    let i = &m.intermediate[0].solution;
    assert_eq!(models(i), vec!["DEV*LIT*STB"]);
    assert_eq!(
        [
            r3(i.models[0].fit.incl),
            r3(i.models[0].fit.pri),
            r3(i.models[0].fit.cov)
        ],
        [0.869, 0.848, 0.824]
    );
}

#[test]
fn calibration_of_lf_from_lr() {
    let (Some(lr), Some(lf)) = (reference("LR.tab"), reference("LF.csv")) else {
        return;
    };
    let raw = Dataset::parse(&lr).unwrap();
    let fz = Dataset::parse(&lf).unwrap();
    let rules = |odds| {
        vec![
            (
                "DEV".to_string(),
                Calibration::Logistic {
                    e: 400.0,
                    c: 550.0,
                    i: 900.0,
                    log_odds: odds,
                },
            ),
            (
                "URB".to_string(),
                Calibration::Logistic {
                    e: 25.0,
                    c: 50.0,
                    i: 65.0,
                    log_odds: odds,
                },
            ),
            (
                "LIT".to_string(),
                Calibration::Logistic {
                    e: 50.0,
                    c: 75.0,
                    i: 90.0,
                    log_odds: odds,
                },
            ),
            (
                "IND".to_string(),
                Calibration::Logistic {
                    e: 20.0,
                    c: 30.0,
                    i: 40.0,
                    log_odds: odds,
                },
            ),
            (
                "STB".to_string(),
                Calibration::Logistic {
                    e: 15.0,
                    c: 9.5,
                    i: 5.0,
                    log_odds: odds,
                },
            ),
        ]
    };
    for (odds, tol) in [
        (LogOdds::Three, 0.005 + 1e-9),
        (LogOdds::Inclusion95, 0.015),
    ] {
        let cal = calibrate(&raw, &rules(odds)).unwrap();
        for col in ["DEV", "URB", "LIT", "IND", "STB"] {
            for (a, b) in cal.column(col).unwrap().iter().zip(fz.column(col).unwrap()) {
                assert!((a - b).abs() <= tol, "{col}: {a} vs {b} ({odds:?})");
            }
        }
    }
}
