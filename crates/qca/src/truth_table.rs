//! The truth table (Ragin 2008, ch. 7; R QCA `truthTable()`).

use crate::{QcaError, SetData};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// R's tolerance for "approximately greater or equal" (`admisc::agteb`): √ε of a double.
pub(crate) const TOL: f64 = 1.490_116_119_384_765_6e-8;

/// Output value of a truth-table row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Out {
    /// Sufficient for the outcome (`1`).
    One,
    /// Not sufficient (`0`).
    Zero,
    /// Contradiction (`C`): inclusion between `incl_cut0` and `incl_cut1`.
    Contradiction,
    /// Remainder (`?`): no case, or fewer than `n_cut` cases.
    Remainder,
}

impl Out {
    /// The reference's code: `1`, `0`, `C`, `?`.
    pub fn code(self) -> &'static str {
        match self {
            Out::One => "1",
            Out::Zero => "0",
            Out::Contradiction => "C",
            Out::Remainder => "?",
        }
    }
}

/// Options of the truth table, named as in R QCA's `truthTable()`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TruthTableParams {
    /// `incl.cut[1]`: a row is positive when its inclusion reaches this value.
    pub incl_cut1: f64,
    /// `incl.cut[2]`: rows with inclusion in `[incl_cut0, incl_cut1)` are contradictions.
    /// `None` means no contradictions (R's default).
    pub incl_cut0: Option<f64>,
    /// `n.cut`: rows with fewer cases are remainders.
    pub n_cut: usize,
    /// `pri.cut`: a positive row needs at least this PRI.
    pub pri_cut: f64,
}

impl Default for TruthTableParams {
    fn default() -> Self {
        TruthTableParams {
            incl_cut1: 1.0,
            incl_cut0: None,
            n_cut: 1,
            pri_cut: 0.0,
        }
    }
}

impl TruthTableParams {
    /// Sets `incl.cut` (one value).
    pub fn incl_cut(mut self, v: f64) -> Self {
        self.incl_cut1 = v;
        self
    }
    /// Sets `incl.cut = c(ic1, ic0)`.
    pub fn incl_cuts(mut self, ic1: f64, ic0: f64) -> Self {
        self.incl_cut1 = ic1;
        self.incl_cut0 = Some(ic0);
        self
    }
    /// Sets `n.cut`.
    pub fn n_cut(mut self, n: usize) -> Self {
        self.n_cut = n;
        self
    }
    /// Sets `pri.cut`.
    pub fn pri_cut(mut self, v: f64) -> Self {
        self.pri_cut = v;
        self
    }

    /// Checks the ranges: cuts in [0, 1], `incl_cut0 ≤ incl_cut1`, `n_cut ≥ 1`.
    ///
    /// # Errors
    /// [`QcaError::InvalidParameter`].
    pub fn validate(&self) -> Result<(), QcaError> {
        let bad = |name, value: String, reason: &str| {
            Err(QcaError::InvalidParameter {
                name,
                value,
                reason: reason.into(),
            })
        };
        if !(0.0..=1.0).contains(&self.incl_cut1) {
            return bad(
                "incl_cut1",
                self.incl_cut1.to_string(),
                "must lie in [0, 1]",
            );
        }
        if let Some(ic0) = self.incl_cut0
            && (!(0.0..=1.0).contains(&ic0) || ic0 > self.incl_cut1)
        {
            return bad("incl_cut0", ic0.to_string(), "must lie in [0, incl_cut1]");
        }
        if self.n_cut == 0 {
            return bad("n_cut", "0".into(), "must be at least 1");
        }
        if !(0.0..=1.0).contains(&self.pri_cut) {
            return bad("pri_cut", self.pri_cut.to_string(), "must lie in [0, 1]");
        }
        Ok(())
    }
}

/// One observed configuration of the truth table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TruthRow {
    /// Row number as in R QCA: 1 + the mixed-radix value of the configuration, first condition
    /// most significant.
    pub number: u64,
    /// Value of every condition.
    pub values: Vec<u8>,
    /// Output value.
    pub out: Out,
    /// Cases with membership above 0.5 in the row.
    pub n: usize,
    /// Sufficiency inclusion Σmin(X,Y)/ΣX over all cases.
    pub incl: f64,
    /// Proportional reduction in inconsistency.
    pub pri: f64,
    /// Names of the cases in the row.
    pub cases: Vec<String>,
    /// Indexes of those cases in the data.
    pub case_indexes: Vec<usize>,
}

/// A truth table: observed rows in row-number order (remainders are every other configuration).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TruthTable {
    /// Condition names.
    pub conditions: Vec<String>,
    /// Levels of every condition.
    pub levels: Vec<u8>,
    /// Outcome as written (`SURV`, `~SURV`, `SURV[1]`).
    pub outcome: String,
    /// Options used.
    pub params: TruthTableParams,
    /// Observed rows, by row number.
    pub rows: Vec<TruthRow>,
    /// The data the table was built from (needed for fit).
    #[serde(skip)]
    pub data: SetData,
}

/// Row number (1-based) of a configuration.
pub fn row_number(values: &[u8], levels: &[u8]) -> u64 {
    values
        .iter()
        .zip(levels)
        .fold(0u64, |acc, (&v, &l)| acc * l as u64 + v as u64)
        + 1
}

/// Builds the truth table.
///
/// # Errors
/// Invalid parameters.
///
/// ```
/// use creacity_qca::{truth_table, Dataset, OutcomeSpec, SetData, TruthTableParams};
/// let d = Dataset::parse("case,A,B,Y\na,1,0,1\nb,1,0,1\nc,0,1,0\n").unwrap();
/// let s = SetData::new(&d, &OutcomeSpec::parse("Y").unwrap(), None).unwrap();
/// let tt = truth_table(&s, &TruthTableParams::default()).unwrap();
/// assert_eq!(tt.rows[1].number, 3); // A=1, B=0 → 1 + 2
/// assert_eq!(tt.rows[1].n, 2);
/// ```
pub fn truth_table(data: &SetData, params: &TruthTableParams) -> Result<TruthTable, QcaError> {
    params.validate()?;
    let levels = data.levels();
    let k = levels.len();
    let ncases = data.cases.len();
    let mut groups: BTreeMap<u64, (Vec<u8>, Vec<usize>)> = BTreeMap::new();
    for case in 0..ncases {
        let values: Vec<u8> = (0..k).map(|c| data.crisp_value(c, case)).collect();
        let num = row_number(&values, &levels);
        groups
            .entry(num)
            .or_insert_with(|| (values, Vec::new()))
            .1
            .push(case);
    }
    let y = &data.outcome_membership;
    let mut rows = Vec::with_capacity(groups.len());
    for (number, (values, members)) in groups {
        // Every case counts in the sums (fuzzy cases belong partly to every row).
        let (mut sx, mut sxy, mut sxyny) = (0.0, 0.0, 0.0);
        for (case, &yc) in y.iter().enumerate() {
            let mut m = f64::INFINITY;
            for (c, &v) in values.iter().enumerate() {
                m = m.min(data.literal(c, v, case));
            }
            let mxy = m.min(yc);
            sx += m;
            sxy += mxy;
            sxyny += mxy.min(1.0 - yc);
        }
        let incl = sxy / sx;
        let pri = (sxy - sxyny) / (sx - sxyny);
        let n = members.len();
        let out = classify(n, incl, pri, params);
        rows.push(TruthRow {
            number,
            values,
            out,
            n,
            incl,
            pri,
            cases: members.iter().map(|&i| data.cases[i].clone()).collect(),
            case_indexes: members,
        });
    }
    Ok(TruthTable {
        conditions: data.conditions.iter().map(|c| c.name.clone()).collect(),
        levels,
        outcome: data.outcome.label(),
        params: params.clone(),
        rows,
        data: data.clone(),
    })
}

fn classify(n: usize, incl: f64, pri: f64, p: &TruthTableParams) -> Out {
    if n < p.n_cut {
        return Out::Remainder;
    }
    let ge = |a: f64, b: f64| a + TOL > b;
    if ge(incl, p.incl_cut1) && ge(pri, p.pri_cut) {
        Out::One
    } else if incl < p.incl_cut1 && p.incl_cut0.is_some_and(|ic0| ge(incl, ic0)) {
        Out::Contradiction
    } else {
        Out::Zero
    }
}

impl TruthTable {
    /// Rows sorted as R's `sort.by = "incl"` (then n, both decreasing); remainders last.
    pub fn rows_by_inclusion(&self) -> Vec<&TruthRow> {
        let mut r: Vec<&TruthRow> = self.rows.iter().collect();
        r.sort_by(|a, b| {
            (a.out == Out::Remainder)
                .cmp(&(b.out == Out::Remainder))
                .then(
                    b.incl
                        .partial_cmp(&a.incl)
                        .unwrap_or(std::cmp::Ordering::Equal),
                )
        });
        r
    }

    /// Rows with a given output value.
    pub fn rows_with(&self, out: Out) -> impl Iterator<Item = &TruthRow> {
        self.rows.iter().filter(move |r| r.out == out)
    }
}
