//! Sets prepared for analysis: conditions with their kind and number of levels, the outcome as a
//! membership vector. Every check on the data happens here, once.

use crate::{Dataset, QcaError};
use serde::{Deserialize, Serialize};

/// Kind of a condition set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SetKind {
    /// Crisp (0/1) or multi-value (0, 1, 2, …) codes: the number of levels is the largest code + 1.
    Coded {
        /// Number of levels (2 for crisp).
        levels: u8,
    },
    /// Fuzzy memberships in [0, 1]; two levels (below or above 0.5).
    Fuzzy,
}

impl SetKind {
    /// Number of truth-table levels.
    pub fn levels(self) -> u8 {
        match self {
            SetKind::Coded { levels } => levels,
            SetKind::Fuzzy => 2,
        }
    }
}

/// The outcome of an analysis: `Y`, its negation `~Y`, or chosen values of a multi-value
/// outcome `Y[1]`, `Y[1,2]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeSpec {
    /// Column name.
    pub name: String,
    /// `~Y`: the membership is 1 − y.
    pub negated: bool,
    /// For a multi-value outcome, the values that count as membership.
    pub values: Option<Vec<u32>>,
}

impl OutcomeSpec {
    /// Parses `Y`, `~Y`, `Y[1]`, `~Y[1,2]` (curly brackets are accepted too).
    ///
    /// # Errors
    /// [`QcaError::Syntax`].
    ///
    /// ```
    /// let o = creacity_qca::OutcomeSpec::parse("~SURV").unwrap();
    /// assert!(o.negated);
    /// assert_eq!(o.name, "SURV");
    /// ```
    pub fn parse(text: &str) -> Result<Self, QcaError> {
        let syntax = |reason: &str| QcaError::Syntax {
            text: text.to_string(),
            reason: reason.to_string(),
        };
        let t = text.trim();
        let (negated, t) = match t.strip_prefix('~').or_else(|| t.strip_prefix('-')) {
            Some(rest) => (true, rest.trim()),
            None => (false, t),
        };
        let (name, values) = match t.find(['[', '{']) {
            Some(p) => {
                let close = if &t[p..=p] == "[" { ']' } else { '}' };
                let inner = t[p + 1..]
                    .strip_suffix(close)
                    .ok_or_else(|| syntax("missing closing bracket"))?;
                let vals = inner
                    .split(',')
                    .map(|v| {
                        v.trim()
                            .parse::<u32>()
                            .map_err(|_| syntax("values must be integers"))
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                (t[..p].trim(), Some(vals))
            }
            None => (t, None),
        };
        if name.is_empty() || name.contains(['*', '+', ' ', '~']) {
            return Err(syntax("expected a column name such as Y, ~Y or Y[1]"));
        }
        Ok(OutcomeSpec {
            name: name.to_string(),
            negated,
            values,
        })
    }

    /// The outcome as written in the reference notation.
    pub fn label(&self) -> String {
        let mut s = String::new();
        if self.negated {
            s.push('~');
        }
        s.push_str(&self.name);
        if let Some(v) = &self.values {
            let v: Vec<String> = v.iter().map(u32::to_string).collect();
            s.push_str(&format!("[{}]", v.join(",")));
        }
        s
    }
}

/// One condition of an analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Condition {
    /// Column name.
    pub name: String,
    /// Kind and levels.
    pub kind: SetKind,
}

/// Data checked and prepared for set-theoretic analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SetData {
    /// Case names.
    pub cases: Vec<String>,
    /// Conditions, in the order given.
    pub conditions: Vec<Condition>,
    /// `values[condition][case]`: codes or fuzzy memberships.
    pub values: Vec<Vec<f64>>,
    /// The outcome specification.
    pub outcome: OutcomeSpec,
    /// Outcome membership per case (after negation and value selection).
    pub outcome_membership: Vec<f64>,
    /// True when any condition or the outcome is multi-value: expressions are written `X[v]`.
    pub multi_value: bool,
}

impl SetData {
    /// Checks and prepares `conditions` (all columns but the outcome when `None`) and the outcome.
    ///
    /// # Errors
    /// Unknown column; a value that is neither a code (integer ≥ 0) nor a membership in [0, 1];
    /// a condition with one value only; a fuzzy condition membership of exactly 0.5; a
    /// multi-value outcome without a chosen value.
    pub fn new(
        data: &Dataset,
        outcome: &OutcomeSpec,
        conditions: Option<&[String]>,
    ) -> Result<Self, QcaError> {
        let oi = data
            .index(&outcome.name)
            .ok_or_else(|| QcaError::UnknownColumn(outcome.name.clone()))?;
        let names: Vec<String> = match conditions {
            Some(c) if !c.is_empty() => c.to_vec(),
            _ => data
                .columns()
                .iter()
                .filter(|c| **c != outcome.name)
                .cloned()
                .collect(),
        };
        if names.is_empty() {
            return Err(QcaError::InvalidParameter {
                name: "conditions",
                value: "[]".into(),
                reason: "at least one condition is needed".into(),
            });
        }
        let mut conds = Vec::new();
        let mut values = Vec::new();
        for name in &names {
            let col = data
                .column(name)
                .ok_or_else(|| QcaError::UnknownColumn(name.clone()))?;
            if *name == outcome.name {
                return Err(QcaError::InvalidParameter {
                    name: "conditions",
                    value: name.clone(),
                    reason: "the outcome cannot be a condition".into(),
                });
            }
            let kind = classify(name, col)?;
            if let SetKind::Fuzzy = kind
                && let Some(r) = col.iter().position(|&v| v == 0.5)
            {
                return Err(QcaError::HalfMembership {
                    case: data.cases()[r].clone(),
                    column: name.clone(),
                });
            }
            conds.push(Condition {
                name: name.clone(),
                kind,
            });
            values.push(col.to_vec());
        }
        // Configurations are coded in 64-bit integers (the reference stops at 25 conditions).
        let bits: u32 = conds
            .iter()
            .map(|c| (u32::from(c.kind.levels()) - 1).ilog2() + 1)
            .sum();
        if conds.len() > 30 || bits > 60 {
            return Err(QcaError::InvalidParameter {
                name: "conditions",
                value: conds.len().to_string(),
                reason: "too many conditions or levels for a truth table (at most 30 conditions)"
                    .into(),
            });
        }
        let ycol = data.column(&outcome.name).unwrap_or_default();
        let _ = oi;
        let ykind = classify_outcome(&outcome.name, ycol)?;
        let mut y: Vec<f64> = match (&outcome.values, ykind) {
            (Some(vals), _) => ycol
                .iter()
                .map(|&v| {
                    if vals.iter().any(|&w| w as f64 == v) {
                        1.0
                    } else {
                        0.0
                    }
                })
                .collect(),
            (None, SetKind::Coded { levels }) if levels > 2 => {
                return Err(QcaError::MultiValueOutcome(outcome.name.clone()));
            }
            (None, _) => ycol.to_vec(),
        };
        if outcome.negated {
            y.iter_mut().for_each(|v| *v = 1.0 - *v);
        }
        let multi_value = outcome.values.is_some() || conds.iter().any(|c| c.kind.levels() > 2);
        Ok(SetData {
            cases: data.cases().to_vec(),
            conditions: conds,
            values,
            outcome: outcome.clone(),
            outcome_membership: y,
            multi_value,
        })
    }

    /// Number of levels of every condition.
    pub fn levels(&self) -> Vec<u8> {
        self.conditions.iter().map(|c| c.kind.levels()).collect()
    }

    /// Membership of case `case` in condition `cond` taking truth-table value `value`.
    pub fn literal(&self, cond: usize, value: u8, case: usize) -> f64 {
        let x = self.values[cond][case];
        match self.conditions[cond].kind {
            SetKind::Fuzzy => {
                if value == 1 {
                    x
                } else {
                    1.0 - x
                }
            }
            SetKind::Coded { .. } => {
                if x == value as f64 {
                    1.0
                } else {
                    0.0
                }
            }
        }
    }

    /// Truth-table value of a case on a condition (fuzzy: above 0.5 → 1).
    pub fn crisp_value(&self, cond: usize, case: usize) -> u8 {
        let x = self.values[cond][case];
        match self.conditions[cond].kind {
            SetKind::Fuzzy => u8::from(x > 0.5),
            SetKind::Coded { .. } => x as u8,
        }
    }
}

fn is_code(v: f64) -> bool {
    v >= 0.0 && v.fract() == 0.0 && v < 64.0
}

fn classify(name: &str, col: &[f64]) -> Result<SetKind, QcaError> {
    let kind = classify_outcome(name, col)?;
    let first = col[0];
    if col.iter().all(|&v| v == first) {
        return Err(QcaError::Constant {
            column: name.to_string(),
            value: first,
        });
    }
    Ok(kind)
}

fn classify_outcome(name: &str, col: &[f64]) -> Result<SetKind, QcaError> {
    if col.iter().all(|&v| is_code(v)) {
        let max = col.iter().fold(0.0f64, |a, &b| a.max(b)) as u8;
        return Ok(SetKind::Coded {
            levels: (max + 1).max(2),
        });
    }
    if let Some(r) = col.iter().position(|&v| !(0.0..=1.0).contains(&v)) {
        return Err(QcaError::OutOfRange {
            row: r + 2,
            column: name.to_string(),
            value: col[r],
        });
    }
    Ok(SetKind::Fuzzy)
}
