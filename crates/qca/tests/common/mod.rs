//! Shared helpers: locate the reference data, build analyses.
#![allow(dead_code)]

use creacity_qca::*;

/// Reads a reference file, or returns `None` (and says so) when the folder is absent.
pub fn reference(name: &str) -> Option<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/reference/qca/"
    )
    .to_string()
        + name;
    match std::fs::read_to_string(&path) {
        Ok(s) => Some(s),
        Err(_) => {
            eprintln!("skipping: {path} not found");
            None
        }
    }
}

pub fn sets(text: &str, outcome: &str, conditions: Option<&[&str]>) -> SetData {
    let d = Dataset::parse(text).unwrap();
    let conds: Option<Vec<String>> = conditions.map(|c| c.iter().map(|s| s.to_string()).collect());
    SetData::new(&d, &OutcomeSpec::parse(outcome).unwrap(), conds.as_deref()).unwrap()
}

pub fn models(s: &Solution) -> Vec<String> {
    s.models.iter().map(|m| m.expression.clone()).collect()
}

pub fn r3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Conservative solution (no remainders) and parsimonious solution (`include = "?"`).
pub fn solve(tt: &TruthTable, row_dom: bool) -> (Solution, Solution) {
    let p = MinimizeParams {
        row_dom,
        ..Default::default()
    };
    let c = minimize(tt, &p).unwrap().conservative.unwrap();
    let pars = minimize(tt, &p.include_remainders())
        .unwrap()
        .parsimonious
        .unwrap();
    (c, pars)
}
