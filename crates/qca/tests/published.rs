//! Oracle tests on further data sets shipped with the R package QCA (`shared/reference/qca/more/`).
//! Expected values were produced with R QCA 3.23 (built from the CRAN sources):
//! `truthTable()`, `minimize()` with `include = "?"`, `row.dom`, `dir.exp`, `superSubset()` and
//! `pof(relation = "necessity")`.

mod common;
use common::*;
use creacity_qca::*;

fn fit3(f: &Fit) -> [f64; 3] {
    [r3(f.incl), r3(f.pri), r3(f.cov)]
}

#[test]
fn women_representation_crisp() {
    let Some(text) = reference("more/d.represent.csv") else {
        return;
    };
    let tt = truth_table(&sets(&text, "WNP", None), &TruthTableParams::default()).unwrap();
    let rows: Vec<u64> = tt.rows_with(Out::One).map(|r| r.number).collect();
    assert_eq!(rows, vec![4, 12, 21, 24, 26, 27, 28, 29, 32]);
    let (cons, p) = solve(&tt, false);
    assert_eq!(
        models(&cons),
        vec!["~ES*~WS*WM*LP + ES*QU*~WS*WM + ES*QU*~WS*LP + ES*WS*~WM*~LP + ES*WS*WM*LP"]
    );
    assert_eq!(
        models(&p),
        vec!["WS + ~ES*LP + ES*WM + QU*LP", "WS + ES*WM + QU*LP + WM*LP"]
    );
    assert_eq!(
        p.models[0].simplifying_assumptions.as_deref().unwrap(),
        &[2, 5, 6, 7, 8, 10, 13, 14, 15, 16, 19, 20, 22, 23, 30, 31]
    );
    assert_eq!(
        p.models[1].simplifying_assumptions.as_deref().unwrap(),
        &[5, 6, 7, 8, 10, 13, 14, 15, 16, 19, 20, 22, 23, 30, 31]
    );
    // covU within each model: (M1) and (M2) columns of the reference
    let cu: Vec<f64> = p.models[0]
        .term_fits
        .iter()
        .map(|t| r3(t.cov_unique))
        .collect();
    assert_eq!(cu, vec![0.182, 0.091, 0.091, 0.091]);
    let m = minimize(
        &tt,
        &MinimizeParams::default().include_remainders().row_dom(),
    )
    .unwrap();
    assert_eq!(
        models(m.parsimonious.as_ref().unwrap()),
        vec!["WS + ES*WM + QU*LP + WM*LP"]
    );
}

#[test]
fn ethnopolitical_protest_fuzzy() {
    let Some(text) = reference("more/CVF.csv") else {
        return;
    };
    let tt = truth_table(
        &sets(&text, "PROTEST", None),
        &TruthTableParams::default().incl_cut(0.8),
    )
    .unwrap();
    let r15 = tt.rows.iter().find(|r| r.number == 15).unwrap();
    assert_eq!(
        (r15.n, r3(r15.incl), r3(r15.pri), r15.out),
        (2, 0.929, 0.839, Out::One)
    );
    let m = minimize(
        &tt,
        &MinimizeParams::default().dir_exp("1,1,1,1,1").unwrap(),
    )
    .unwrap();
    let c = &m.conservative.as_ref().unwrap().models[0];
    assert_eq!(
        c.expression,
        "DEMOC*ETHFRACT*GEOCON + ETHFRACT*GEOCON*POLDIS + DEMOC*ETHFRACT*POLDIS*~NATPRIDE + \
         DEMOC*GEOCON*POLDIS*NATPRIDE + ~DEMOC*~ETHFRACT*GEOCON*~POLDIS*~NATPRIDE"
    );
    assert_eq!(fit3(&c.fit), [0.899, 0.808, 0.712]);
    let cu: Vec<f64> = c.term_fits.iter().map(|t| r3(t.cov_unique)).collect();
    assert_eq!(cu, vec![0.134, 0.109, 0.033, 0.066, 0.021]);
    assert_eq!(
        c.term_fits[0].cases,
        vec![
            vec!["BasquesSpain"],
            vec!["SerbsFYROM", "CatalansSpain"],
            vec!["AlbaniansFYROM"],
            vec!["RussiansEstonia"]
        ]
    );
    let p = m.parsimonious.as_ref().unwrap();
    assert_eq!(
        models(p),
        vec![
            "~NATPRIDE + ~DEMOC*ETHFRACT*POLDIS + DEMOC*ETHFRACT*GEOCON + DEMOC*GEOCON*POLDIS",
            "~NATPRIDE + ~DEMOC*ETHFRACT*POLDIS + DEMOC*ETHFRACT*~POLDIS + DEMOC*GEOCON*POLDIS",
            "~NATPRIDE + DEMOC*ETHFRACT*GEOCON + DEMOC*GEOCON*POLDIS + ETHFRACT*GEOCON*POLDIS",
            "~NATPRIDE + DEMOC*ETHFRACT*~POLDIS + DEMOC*GEOCON*POLDIS + ETHFRACT*GEOCON*POLDIS",
        ]
    );
    // ~NATPRIDE's unique coverage in M1..M4
    let cu: Vec<f64> = p
        .models
        .iter()
        .map(|m| r3(m.term_fits[0].cov_unique))
        .collect();
    assert_eq!(cu, vec![0.132, 0.122, 0.136, 0.126]);
    assert_eq!(m.intermediate.len(), 4);
    for i in &m.intermediate {
        assert_eq!(
            models(&i.solution),
            vec![
                "GEOCON*~NATPRIDE + DEMOC*ETHFRACT*GEOCON + DEMOC*GEOCON*POLDIS + ETHFRACT*GEOCON*POLDIS + \
                 DEMOC*ETHFRACT*POLDIS*~NATPRIDE"
            ]
        );
        assert_eq!(fit3(&i.solution.models[0].fit), [0.881, 0.785, 0.8]);
    }
}

#[test]
fn job_security_fuzzy_sufficiency_and_necessity() {
    let Some(text) = reference("more/d.jobsecurity.csv") else {
        return;
    };
    let s = sets(&text, "JSR", None);
    let tt = truth_table(&s, &TruthTableParams::default().incl_cut(0.9)).unwrap();
    let (cons, p) = solve(&tt, false);
    assert_eq!(
        models(&cons),
        vec!["S*~C*L*R*P + S*C*R*P*V + S*~C*~L*R*~P*~V + ~S*C*L*~R*P*~V"]
    );
    assert_eq!(fit3(&cons.models[0].fit), [0.961, 0.931, 0.615]);
    assert_eq!(models(&p), vec!["S*R + L*P", "S*R + P*~V"]);
    assert_eq!(fit3(&p.models[0].fit), [0.883, 0.821, 0.762]);
    assert_eq!(fit3(&p.models[1].fit), [0.874, 0.813, 0.752]);

    let n = necessity(
        &s,
        &NecessityParams {
            incl_cut: 0.9,
            cov_cut: 0.5,
            max_terms: 6,
        },
    )
    .unwrap();
    let single: Vec<(String, [f64; 3])> = n
        .single
        .iter()
        .filter(|f| !f.expression.starts_with('~'))
        .map(|f| (f.expression.clone(), [r3(f.incl), r3(f.ron), r3(f.cov)]))
        .collect();
    assert_eq!(single[0], ("S".to_string(), [0.667, 0.783, 0.714]));
    assert_eq!(single[4], ("P".to_string(), [0.672, 0.863, 0.8]));
    assert_eq!(n.unions.len(), 49);
    let u: Vec<(&str, [f64; 3])> = n
        .unions
        .iter()
        .map(|f| (f.expression.as_str(), [r3(f.incl), r3(f.ron), r3(f.cov)]))
        .collect();
    assert_eq!(u[0], ("S + C", [0.968, 0.535, 0.691]));
    assert_eq!(u[2], ("~S + R", [0.957, 0.283, 0.586]));
    assert_eq!(u[8], ("~S + ~C + ~L", [0.91, 0.279, 0.56]));
    assert_eq!(u[48], ("C + ~L + ~P + V", [0.904, 0.24, 0.544]));
}

#[test]
fn graduate_data_with_dont_care_codes_is_rejected_clearly() {
    let Some(text) = reference("more/d.graduate.csv") else {
        return;
    };
    // EBA uses "-" (not applicable); the reader reports the first such cell.
    assert_eq!(
        Dataset::parse(&text).unwrap_err(),
        QcaError::MissingValue {
            row: 7,
            column: "EBA".into(),
            value: "-".into()
        }
    );
}
