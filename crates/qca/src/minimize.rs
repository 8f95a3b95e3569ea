//! Boolean minimisation of a truth table (Ragin 1987; Ragin & Sonnett 2005 for the intermediate
//! solution; R QCA `minimize()`).

use crate::chart::{Bits, reference_order, row_dominance};
use crate::cover::minimal_covers;
use crate::fit::{Fit, conjunction, sufficiency};
use crate::implicant::{Coding, Cube, Forbidden, prime_implicants};
use crate::qmc::qmc;
use crate::render::{implicant_expression, model_expression};
use crate::{Out, QcaError, TruthTable};
use serde::{Deserialize, Serialize};

/// Which solution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SolutionKind {
    /// Positive rows only (`include = ""`).
    Conservative,
    /// Positive rows and every useful remainder (`include = "?"`).
    Parsimonious,
    /// Conservative rows plus the easy counterfactuals (`include = "?"`, `dir.exp = …`).
    Intermediate,
}

/// Options of the minimisation, named after R QCA's `minimize()` arguments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MinimizeParams {
    /// `include = "?"`: compute the parsimonious (and, with `dir_exp`, intermediate) solution.
    pub include_remainders: bool,
    /// `include = "C"`: contradictions may be covered (they are neither explained nor excluded).
    pub include_contradictions: bool,
    /// `dir.exp`: per condition the values expected to go with the outcome; `None` = don't care.
    pub dir_exp: Option<Vec<Option<Vec<u8>>>>,
    /// `row.dom`: drop prime implicants whose covered rows are a strict subset of another's.
    pub row_dom: bool,
    /// Stop listing models after this many (the reference has no such cap).
    pub max_models: usize,
}

impl Default for MinimizeParams {
    fn default() -> Self {
        MinimizeParams {
            include_remainders: false,
            include_contradictions: false,
            dir_exp: None,
            row_dom: false,
            max_models: 10_000,
        }
    }
}

impl MinimizeParams {
    /// `include = "?"`.
    pub fn include_remainders(mut self) -> Self {
        self.include_remainders = true;
        self
    }
    /// `row.dom = TRUE`.
    pub fn row_dom(mut self) -> Self {
        self.row_dom = true;
        self
    }
    /// Directional expectations parsed from R's compact form: `"1,1,0,-"` (one item per
    /// condition; `-` = don't care; several values of a multi-value condition joined by `;`).
    /// Also sets `include = "?"`.
    ///
    /// # Errors
    /// [`QcaError::Syntax`].
    pub fn dir_exp(mut self, text: &str) -> Result<Self, QcaError> {
        let items = text
            .split(',')
            .map(|item| {
                let item = item.trim();
                if item == "-" || item.is_empty() {
                    return Ok(None);
                }
                item.split(';')
                    .map(|v| v.trim().parse::<u8>())
                    .collect::<Result<Vec<u8>, _>>()
                    .map(Some)
                    .map_err(|_| QcaError::Syntax {
                        text: text.to_string(),
                        reason: "expected 0, 1, 2…, `-` or values joined by `;`".into(),
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        self.dir_exp = Some(items);
        self.include_remainders = true;
        Ok(self)
    }
}

/// A prime implicant: one value per condition, `None` where the condition is absent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Implicant {
    /// Values, one per condition.
    pub values: Vec<Option<u8>>,
    /// In the reference notation, e.g. `DEV*~URB` or `DEV[1]*IND[0]`.
    pub expression: String,
}

/// Fit of one term within a model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermFit {
    /// The term.
    pub expression: String,
    /// inclS, PRI, covS.
    pub fit: Fit,
    /// covU: coverage of this term not shared by the model's other terms.
    pub cov_unique: f64,
    /// Cases of the explained rows the term covers, grouped by row.
    pub cases: Vec<Vec<String>>,
}

/// One minimal model (M1, M2, …).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Model {
    /// `M1`, `M2`, …
    pub name: String,
    /// Indexes of its terms in [`Solution::primes`], increasing.
    pub terms: Vec<usize>,
    /// The model, e.g. `DEV*STB + ~URB`.
    pub expression: String,
    /// Fit of every term.
    pub term_fits: Vec<TermFit>,
    /// Fit of the whole model.
    pub fit: Fit,
    /// Remainder rows the model covers (simplifying assumptions), by row number; empty for the
    /// conservative solution; `None` when the listing would be too large (many conditions and
    /// many models).
    pub simplifying_assumptions: Option<Vec<u64>>,
}

/// The prime-implicant chart: which explained rows every prime implicant covers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PiChart {
    /// Explained (positive) rows, by row number: the chart's columns.
    pub rows: Vec<u64>,
    /// `covers[p][r]`: implicant `p` covers row `rows[r]`.
    pub covers: Vec<Vec<bool>>,
}

/// A solution: its prime implicants in the reference's order, the chart and every minimal model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Solution {
    /// Which solution.
    pub kind: SolutionKind,
    /// Prime implicants in the chart, in the reference's order.
    pub primes: Vec<Implicant>,
    /// The prime-implicant chart.
    pub chart: PiChart,
    /// Every model with the fewest prime implicants, in the reference's order.
    pub models: Vec<Model>,
    /// Prime implicants present in every model (indexes into `primes`).
    pub essential: Vec<usize>,
    /// True when listing stopped at `max_models`.
    pub truncated: bool,
    /// False when the chart was too complex to search completely (the reference warns
    /// likewise): the models are then the best covers found, not proven minimal or exhaustive.
    pub exact: bool,
}

/// An intermediate solution, built from one conservative and one parsimonious model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IntermediateSolution {
    /// Index of the conservative model (`C1` = 0).
    pub conservative_model: usize,
    /// Index of the parsimonious model (`P1` = 0).
    pub parsimonious_model: usize,
    /// Remainders used: in line with the directional expectations (row numbers).
    pub easy_counterfactuals: Vec<u64>,
    /// Simplifying assumptions of the parsimonious model not used (row numbers).
    pub difficult_counterfactuals: Vec<u64>,
    /// The solution.
    pub solution: Solution,
}

/// Everything the minimisation produced.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Minimization {
    /// Condition names.
    pub conditions: Vec<String>,
    /// Outcome as written.
    pub outcome: String,
    /// Options used.
    pub params: MinimizeParams,
    /// Conservative (complex) solution: computed without remainders, or with directional
    /// expectations (as R QCA, which gives only the parsimonious solution for `include = "?"`).
    pub conservative: Option<Solution>,
    /// Parsimonious solution, with remainders included.
    pub parsimonious: Option<Solution>,
    /// Intermediate solutions (`C1P1`, `C1P2`, …), with directional expectations.
    pub intermediate: Vec<IntermediateSolution>,
}

/// Largest number of configurations for which simplifying assumptions are listed.
const MAX_LISTED_CONFIGS: u64 = 1 << 20;

struct Context<'a> {
    tt: &'a TruthTable,
    coding: Coding,
    explain: Vec<u64>,
    explain_rows: Vec<usize>,
    explain_set: std::collections::HashSet<u64>,
    multi_value: bool,
}

/// Minimises a truth table.
///
/// # Errors
/// [`QcaError::NothingToExplain`] without positive rows; [`QcaError::AllMinimised`] when
/// remainders are included and no row is negative; invalid directional expectations.
///
/// ```
/// use creacity_qca::*;
/// let d = Dataset::parse("case,A,B,Y\na,1,1,1\nb,1,0,1\nc,0,1,0\nd,0,0,0\n").unwrap();
/// let s = SetData::new(&d, &OutcomeSpec::parse("Y").unwrap(), None).unwrap();
/// let tt = truth_table(&s, &TruthTableParams::default()).unwrap();
/// let m = minimize(&tt, &MinimizeParams::default()).unwrap();
/// assert_eq!(m.conservative.unwrap().models[0].expression, "A");
/// ```
pub fn minimize(tt: &TruthTable, params: &MinimizeParams) -> Result<Minimization, QcaError> {
    if let Some(d) = &params.dir_exp
        && d.len() != tt.levels.len()
    {
        return Err(QcaError::InvalidParameter {
            name: "dir_exp",
            value: format!("{} items", d.len()),
            reason: format!("give one item per condition ({})", tt.levels.len()),
        });
    }
    if params.max_models == 0 {
        return Err(QcaError::InvalidParameter {
            name: "max_models",
            value: "0".into(),
            reason: "must be at least 1".into(),
        });
    }
    let coding = Coding::new(&tt.levels);
    let explain_rows: Vec<usize> = (0..tt.rows.len())
        .filter(|&i| tt.rows[i].out == Out::One)
        .collect();
    if explain_rows.is_empty() {
        return Err(QcaError::NothingToExplain);
    }
    let explain: Vec<u64> = explain_rows
        .iter()
        .map(|&i| coding.encode(&tt.rows[i].values))
        .collect();
    let explain_set = explain.iter().copied().collect();
    let ctx = Context {
        tt,
        coding,
        explain,
        explain_rows,
        explain_set,
        multi_value: tt.data.multi_value,
    };
    let included_c = |o: Out| o == Out::Contradiction && params.include_contradictions;
    let mut on: Vec<u64> = ctx.explain.clone();
    on.extend(
        tt.rows
            .iter()
            .filter(|r| included_c(r.out))
            .map(|r| ctx.coding.encode(&r.values)),
    );
    // As the reference: with remainders included, the conservative solution is only needed
    // for the intermediate one.
    let conservative = if !params.include_remainders || params.dir_exp.is_some() {
        let cons_primes = ctx.exact_primes(&on);
        Some(ctx.solution(SolutionKind::Conservative, cons_primes, params)?)
    } else {
        None
    };
    let mut parsimonious = None;
    let mut intermediate = Vec::new();
    if params.include_remainders {
        let negatives: Vec<u64> = tt
            .rows
            .iter()
            .filter(|r| matches!(r.out, Out::Zero | Out::Contradiction) && !included_c(r.out))
            .map(|r| ctx.coding.encode(&r.values))
            .collect();
        if negatives.is_empty() {
            return Err(QcaError::AllMinimised);
        }
        let primes = prime_implicants(
            &ctx.coding,
            &ctx.explain,
            Forbidden::Rows(&negatives),
            &ctx.explain,
            true,
        );
        let pars = ctx.solution(SolutionKind::Parsimonious, primes, params)?;
        if let (Some(dir), Some(cons)) = (&params.dir_exp, &conservative) {
            intermediate = ctx.intermediate(cons, &pars, dir, params)?;
        }
        parsimonious = Some(pars);
    }
    Ok(Minimization {
        conditions: tt.conditions.clone(),
        outcome: tt.outcome.clone(),
        params: params.clone(),
        conservative,
        parsimonious,
        intermediate,
    })
}

/// Up to this many positive configurations the conservative and intermediate prime implicants
/// come from the reference's own Quine–McCluskey order; above, from the faster search (same
/// implicants, ties in the order of models may then differ from the reference).
const MAX_QMC_ROWS: usize = 3000;

impl Context<'_> {
    fn exact_primes(&self, on: &[u64]) -> Vec<Cube> {
        if on.len() <= MAX_QMC_ROWS {
            let levels = &self.coding.levels;
            let rows: Vec<Vec<u8>> = on
                .iter()
                .map(|&code| {
                    self.coding
                        .cube_values(Cube {
                            mask: u64::MAX,
                            value: code,
                        })
                        .iter()
                        .map(|v| v.map_or(0, |v| v + 1))
                        .collect()
                })
                .collect();
            qmc(&rows, levels)
                .iter()
                .map(|r| self.coding.cube_of(r))
                .collect()
        } else {
            prime_implicants(
                &self.coding,
                on,
                Forbidden::AllButGenerators,
                &self.explain,
                false,
            )
        }
    }

    fn solution(
        &self,
        kind: SolutionKind,
        primes: Vec<Cube>,
        params: &MinimizeParams,
    ) -> Result<Solution, QcaError> {
        let ncols = self.explain.len();
        let covers: Vec<Bits> = primes
            .iter()
            .map(|&p| {
                let mut b = Bits::new(ncols);
                self.explain
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| p.contains(**r))
                    .for_each(|(i, _)| b.set(i));
                b
            })
            .collect();
        let keep: Vec<usize> = (0..primes.len())
            .filter(|&p| !covers[p].is_empty())
            .collect();
        let values: Vec<Vec<u8>> = keep
            .iter()
            .map(|&p| {
                self.coding
                    .cube_values(primes[p])
                    .iter()
                    .map(|v| v.map_or(0, |v| v + 1))
                    .collect()
            })
            .collect();
        let mut order: Vec<usize> = reference_order(&values)
            .into_iter()
            .map(|i| keep[i])
            .collect();
        if params.row_dom {
            let sub: Vec<Bits> = order.iter().map(|&p| covers[p].clone()).collect();
            order = row_dominance(&sub).into_iter().map(|i| order[i]).collect();
        }
        let primes: Vec<Cube> = order.iter().map(|&p| primes[p]).collect();
        let covers: Vec<Bits> = order.iter().map(|&p| covers[p].clone()).collect();
        let covers_found =
            minimal_covers(&covers, ncols, params.max_models).ok_or(QcaError::NothingToExplain)?;
        let (models, truncated, exact) = (
            covers_found.models,
            covers_found.truncated,
            covers_found.exact,
        );
        let implicants: Vec<Implicant> = primes
            .iter()
            .map(|&c| {
                let values = self.coding.cube_values(c);
                let expression =
                    implicant_expression(&values, &self.tt.conditions, self.multi_value);
                Implicant { values, expression }
            })
            .collect();
        // Simplifying assumptions are listed while the listing stays small.
        let configs: u64 = self.coding.levels.iter().map(|&l| u64::from(l)).product();
        let list_sa = configs.saturating_mul(models.len() as u64) <= MAX_LISTED_CONFIGS * 64;
        let memberships: Vec<Vec<f64>> = implicants
            .iter()
            .map(|i| conjunction(&self.tt.data, &i.values))
            .collect();
        let term_fit: Vec<Fit> = memberships
            .iter()
            .map(|m| sufficiency(m, &self.tt.data.outcome_membership))
            .collect();
        let models: Vec<Model> = models
            .into_iter()
            .enumerate()
            .map(|(m, terms)| {
                self.model(
                    m,
                    terms,
                    kind,
                    &implicants,
                    &primes,
                    &memberships,
                    &term_fit,
                    &covers,
                    list_sa,
                )
            })
            .collect();
        let essential = (0..implicants.len())
            .filter(|p| models.iter().all(|m| m.terms.contains(p)))
            .collect();
        let chart = PiChart {
            rows: self
                .explain_rows
                .iter()
                .map(|&i| self.tt.rows[i].number)
                .collect(),
            covers: covers
                .iter()
                .map(|b| (0..ncols).map(|i| b.get(i)).collect())
                .collect(),
        };
        Ok(Solution {
            kind,
            primes: implicants,
            chart,
            models,
            essential,
            truncated,
            exact,
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn model(
        &self,
        m: usize,
        terms: Vec<usize>,
        kind: SolutionKind,
        implicants: &[Implicant],
        cubes: &[Cube],
        memberships: &[Vec<f64>],
        term_fit: &[Fit],
        covers: &[Bits],
        list_sa: bool,
    ) -> Model {
        let y = &self.tt.data.outcome_membership;
        let n = y.len();
        let sy: f64 = y.iter().sum();
        // Model membership and, per case, the best term and the runner-up: covU of a term is
        // what the model loses when the term's share falls back to the runner-up.
        let (mut best, mut second, mut arg) =
            (vec![0.0f64; n], vec![0.0f64; n], vec![usize::MAX; n]);
        for (i, &t) in terms.iter().enumerate() {
            for (c, &v) in memberships[t].iter().enumerate() {
                if v > best[c] {
                    second[c] = best[c];
                    best[c] = v;
                    arg[c] = i;
                } else if v > second[c] {
                    second[c] = v;
                }
            }
        }
        let covered: f64 = best.iter().zip(y).map(|(b, y)| b.min(*y)).sum();
        let term_fits = terms
            .iter()
            .enumerate()
            .map(|(i, &t)| {
                let without: f64 = (0..n)
                    .map(|c| {
                        if arg[c] == i {
                            second[c].min(y[c])
                        } else {
                            best[c].min(y[c])
                        }
                    })
                    .sum();
                TermFit {
                    expression: implicants[t].expression.clone(),
                    fit: term_fit[t],
                    cov_unique: (covered - without) / sy,
                    cases: covers[t]
                        .ones()
                        .map(|c| self.tt.rows[self.explain_rows[c]].cases.clone())
                        .collect(),
                }
            })
            .collect();
        let fit = sufficiency(&best, y);
        let sa = match kind {
            SolutionKind::Conservative => Some(Vec::new()),
            _ if !list_sa => None,
            _ => self.covered_remainders(&terms.iter().map(|&t| cubes[t]).collect::<Vec<_>>()),
        };
        Model {
            name: format!("M{}", m + 1),
            expression: model_expression(terms.iter().map(|&t| implicants[t].expression.as_str())),
            terms,
            term_fits,
            fit,
            simplifying_assumptions: sa,
        }
    }

    /// Row numbers of the configurations covered by `cubes` that are not explained rows.
    fn covered_remainders(&self, cubes: &[Cube]) -> Option<Vec<u64>> {
        let total: u64 = self.coding.levels.iter().map(|&l| u64::from(l)).product();
        if total > MAX_LISTED_CONFIGS {
            return None;
        }
        let mut values = vec![0u8; self.coding.levels.len()];
        let mut out = Vec::new();
        for number in 1..=total {
            let code = self.coding.encode(&values);
            if cubes.iter().any(|c| c.contains(code)) && !self.explain_set.contains(&code) {
                out.push(number);
            }
            for j in (0..values.len()).rev() {
                values[j] += 1;
                if values[j] < self.coding.levels[j] {
                    break;
                }
                values[j] = 0;
            }
        }
        Some(out)
    }

    fn intermediate(
        &self,
        cons: &Solution,
        pars: &Solution,
        dir: &[Option<Vec<u8>>],
        params: &MinimizeParams,
    ) -> Result<Vec<IntermediateSolution>, QcaError> {
        let mut out = Vec::new();
        let levels = &self.coding.levels;
        for (ci, cm) in cons.models.iter().enumerate() {
            for (pi, pm) in pars.models.iter().enumerate() {
                let sa = match &pm.simplifying_assumptions {
                    Some(sa) => sa.clone(),
                    None => {
                        let cubes: Vec<Cube> = pm
                            .terms
                            .iter()
                            .map(|&t| self.coding.cube_of(&shifted(&pars.primes[t].values)))
                            .collect();
                        self.covered_remainders(&cubes).unwrap_or_default()
                    }
                };
                let mut easy = Vec::new();
                if dir.iter().any(Option::is_some) && !sa.is_empty() {
                    // Ragin & Sonnett: a conservative term contained in a parsimonious one may
                    // drop the literals that run against the expectations; the remainders in
                    // the widened term are easy counterfactuals.
                    let mut widened: Vec<Vec<Option<u8>>> = Vec::new();
                    for &ct in &cm.terms {
                        let comp = &cons.primes[ct].values;
                        for &pt in &pm.terms {
                            let par = &pars.primes[pt].values;
                            let within = par.iter().zip(comp).all(|(p, c)| p.is_none() || p == c);
                            if !within {
                                continue;
                            }
                            let res = comp
                                .iter()
                                .zip(par)
                                .zip(dir)
                                .map(|((c, p), d)| match (c, p, d) {
                                    (Some(v), None, Some(exp)) if !exp.contains(v) => None,
                                    _ => *c,
                                })
                                .collect();
                            widened.push(res);
                        }
                    }
                    for &row in &sa {
                        let vals = row_values(row, levels);
                        if widened
                            .iter()
                            .any(|w| w.iter().zip(&vals).all(|(w, v)| w.is_none_or(|w| w == *v)))
                        {
                            easy.push(row);
                        }
                    }
                }
                let difficult: Vec<u64> =
                    sa.iter().copied().filter(|r| !easy.contains(r)).collect();
                let mut on = self.explain.clone();
                on.extend(
                    easy.iter()
                        .map(|&r| self.coding.encode(&row_values(r, levels))),
                );
                let primes = self.exact_primes(&on);
                let mut solution = self.solution(SolutionKind::Intermediate, primes, params)?;
                for m in &mut solution.models {
                    m.simplifying_assumptions = Some(easy.clone());
                }
                out.push(IntermediateSolution {
                    conservative_model: ci,
                    parsimonious_model: pi,
                    easy_counterfactuals: easy,
                    difficult_counterfactuals: difficult,
                    solution,
                });
            }
        }
        Ok(out)
    }
}

fn shifted(values: &[Option<u8>]) -> Vec<u8> {
    values.iter().map(|v| v.map_or(0, |v| v + 1)).collect()
}

/// Configuration of a row number (inverse of [`crate::row_number`]).
pub fn row_values(number: u64, levels: &[u8]) -> Vec<u8> {
    let mut rest = number - 1;
    let mut out = vec![0u8; levels.len()];
    for j in (0..levels.len()).rev() {
        out[j] = (rest % u64::from(levels[j])) as u8;
        rest /= u64::from(levels[j]);
    }
    out
}
