//! Robustness of a finding: the same analysis repeated over a grid of inclusion cuts and
//! calibration anchors, counting how often every term and model comes back (in the spirit of
//! Oana & Schneider 2021, `SetMethods::rob.*`).

use crate::{
    Calibration, Dataset, MinimizeParams, OutcomeSpec, QcaError, SetData, SolutionKind,
    TruthTableParams, calibrate, minimize, truth_table,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What to sweep.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RobustnessParams {
    /// The outcome.
    pub outcome: OutcomeSpec,
    /// Conditions (`None`: every other column).
    pub conditions: Option<Vec<String>>,
    /// Truth-table options; `incl_cut1` is replaced by each value of `incl_cuts`.
    pub truth_table: TruthTableParams,
    /// Minimisation options.
    pub minimize: MinimizeParams,
    /// The solution whose terms and models are counted.
    pub kind: SolutionKind,
    /// Inclusion cuts to try (empty: the one in `truth_table`).
    pub incl_cuts: Vec<f64>,
    /// Calibration variants, each a full set of rules applied to the raw data (empty: the data
    /// are already sets).
    pub calibrations: Vec<Vec<(String, Calibration)>>,
}

/// One run of the sweep.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Run {
    /// Inclusion cut used.
    pub incl_cut: f64,
    /// Index of the calibration variant (0 when none).
    pub calibration: usize,
    /// Models found (expressions), or the error that stopped the run.
    pub models: Result<Vec<String>, String>,
}

/// How often a term or model came back.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Survival {
    /// The term or model.
    pub expression: String,
    /// Runs where it appears.
    pub runs: usize,
    /// Share of all runs.
    pub share: f64,
}

/// The report of the sweep.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RobustnessReport {
    /// Every run.
    pub runs: Vec<Run>,
    /// Terms, most robust first.
    pub terms: Vec<Survival>,
    /// Models, most robust first.
    pub models: Vec<Survival>,
}

/// Calibration variants that move the exclusion and inclusion anchors of every logistic or
/// linear rule away from (factor > 1) or towards (factor < 1) the crossover.
pub fn anchor_variants(
    base: &[(String, Calibration)],
    factors: &[f64],
) -> Vec<Vec<(String, Calibration)>> {
    factors
        .iter()
        .map(|&f| {
            base.iter()
                .map(|(n, c)| {
                    let c = match *c {
                        Calibration::Logistic { e, c, i, log_odds } => Calibration::Logistic {
                            e: c + (e - c) * f,
                            c,
                            i: c + (i - c) * f,
                            log_odds,
                        },
                        Calibration::Linear { e, c, i } => Calibration::Linear {
                            e: c + (e - c) * f,
                            c,
                            i: c + (i - c) * f,
                        },
                        ref other => other.clone(),
                    };
                    (n.clone(), c)
                })
                .collect()
        })
        .collect()
}

/// Runs the sweep. Runs that fail (say, nothing to explain at a high cut) are reported, not
/// hidden, and count as runs where nothing survives.
///
/// # Errors
/// Only for invalid calibration rules or unknown columns in the first variant; later problems
/// are recorded per run.
pub fn robustness(raw: &Dataset, p: &RobustnessParams) -> Result<RobustnessReport, QcaError> {
    let cuts = if p.incl_cuts.is_empty() {
        vec![p.truth_table.incl_cut1]
    } else {
        p.incl_cuts.clone()
    };
    let variants = if p.calibrations.is_empty() {
        vec![Vec::new()]
    } else {
        p.calibrations.clone()
    };
    let mut runs = Vec::new();
    for (vi, rules) in variants.iter().enumerate() {
        let data = calibrate(raw, rules)?;
        for &cut in &cuts {
            let models = run_once(&data, p, cut).map_err(|e| e.to_string());
            runs.push(Run {
                incl_cut: cut,
                calibration: vi,
                models,
            });
        }
    }
    let total = runs.len() as f64;
    let mut terms: BTreeMap<String, usize> = BTreeMap::new();
    let mut models: BTreeMap<String, usize> = BTreeMap::new();
    for r in &runs {
        if let Ok(ms) = &r.models {
            let mut seen_terms = std::collections::BTreeSet::new();
            for m in ms {
                *models.entry(m.clone()).or_default() += 1;
                for t in m.split(" + ") {
                    seen_terms.insert(t.to_string());
                }
            }
            for t in seen_terms {
                *terms.entry(t).or_default() += 1;
            }
        }
    }
    let rank = |m: BTreeMap<String, usize>| {
        let mut v: Vec<Survival> = m
            .into_iter()
            .map(|(expression, runs)| Survival {
                expression,
                runs,
                share: runs as f64 / total,
            })
            .collect();
        v.sort_by(|a, b| b.runs.cmp(&a.runs).then(a.expression.cmp(&b.expression)));
        v
    };
    Ok(RobustnessReport {
        runs,
        terms: rank(terms),
        models: rank(models),
    })
}

fn run_once(data: &Dataset, p: &RobustnessParams, cut: f64) -> Result<Vec<String>, QcaError> {
    let sets = SetData::new(data, &p.outcome, p.conditions.as_deref())?;
    let mut ttp = p.truth_table.clone();
    ttp.incl_cut1 = cut;
    if ttp.incl_cut0.is_some_and(|c| c > cut) {
        ttp.incl_cut0 = Some(cut);
    }
    let tt = truth_table(&sets, &ttp)?;
    let m = minimize(&tt, &p.minimize)?;
    let sols: Vec<&crate::Solution> = match p.kind {
        SolutionKind::Conservative => m.conservative.iter().collect(),
        SolutionKind::Parsimonious => m.parsimonious.iter().collect(),
        SolutionKind::Intermediate => m.intermediate.iter().map(|i| &i.solution).collect(),
    };
    let mut out: Vec<String> = sols
        .iter()
        .flat_map(|s| s.models.iter().map(|m| m.expression.clone()))
        .collect();
    out.dedup();
    Ok(out)
}
