//! Scenarios: change a unit's indicator values or add a unit, rebuild, and compare; peer groups.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::coin::Coin;
use crate::error::{IndexError, Result};
use crate::sensitivity::Sampler;
use crate::stats::median;
use crate::uncertainty::{Plan, UnitRankStats, run_monte_carlo};
use crate::units::Unit;

/// A new raw value for one unit and indicator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ValueChange {
    /// Unit code.
    pub unit: String,
    /// Indicator code.
    pub code: String,
    /// New raw value (before denomination).
    pub value: f64,
}

/// A unit to add.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewUnit {
    /// Code and name.
    pub unit: Unit,
    /// Raw indicator values (missing ones are imputed by the log like any other).
    pub values: BTreeMap<String, f64>,
    /// Group labels.
    #[serde(default)]
    pub groups: BTreeMap<String, String>,
    /// Denominators.
    #[serde(default)]
    pub denominators: BTreeMap<String, f64>,
}

/// A scenario: changed values and added units.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct Scenario {
    /// Value changes.
    #[serde(default)]
    pub changes: Vec<ValueChange>,
    /// Units added.
    #[serde(default)]
    pub new_units: Vec<NewUnit>,
}

/// One unit before and after.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitOutcome {
    /// Unit code.
    pub unit: String,
    /// Score before (`None` for an added unit).
    pub score_before: Option<f64>,
    /// Rank before.
    pub rank_before: Option<f64>,
    /// Score after.
    pub score_after: f64,
    /// Rank after.
    pub rank_after: f64,
    /// Rank interval after, from Monte Carlo over the plan, if one was given.
    pub interval_after: Option<UnitRankStats>,
}

/// Result of a scenario: every unit, and the rebuilt coin.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScenarioResult {
    /// Units touched by the scenario first, then all others.
    pub outcomes: Vec<UnitOutcome>,
    /// The rebuilt coin.
    pub coin: Coin,
}

/// Applies a scenario to the raw data, replays the log and compares. With a plan, the new ranks get
/// Monte Carlo intervals (`runs` runs of `sampler`).
///
/// Normalisation is relative to all units (as in COINr), so a change to one unit can move others;
/// every unit is reported.
///
/// # Errors
/// Unknown unit or indicator, a duplicate new unit, or a failing rebuild.
pub fn run_scenario(
    coin: &Coin,
    scenario: &Scenario,
    uncertainty: Option<(&Plan, usize, Sampler)>,
) -> Result<ScenarioResult> {
    let mut data = coin.data.clone();
    for ch in &scenario.changes {
        let i = data
            .unit_index(&ch.unit)
            .ok_or_else(|| IndexError::UnknownCode {
                context: "scenario unit".into(),
                code: ch.unit.clone(),
            })?;
        if coin.framework.node(&ch.code).is_none_or(|n| n.level != 1) {
            return Err(IndexError::UnknownCode {
                context: "scenario indicator".into(),
                code: ch.code.clone(),
            });
        }
        let j = data
            .indicators
            .col_index(&ch.code)
            .expect("validated data has every indicator");
        data.indicators.columns[j][i] = ch.value;
    }
    for nu in &scenario.new_units {
        data.push_unit(nu.unit.clone(), &nu.values, &nu.groups, &nu.denominators)?;
    }
    let after = Coin::build(coin.framework.clone(), data, coin.log.clone())?;
    let (r0, r1) = (coin.ranking(None)?, after.ranking(None)?);
    let intervals = match uncertainty {
        Some((plan, runs, sampler)) => {
            let plan = Plan::new(&after, plan.inputs().to_vec())?;
            Some(run_monte_carlo(&after, &plan, runs, sampler)?.units)
        }
        None => None,
    };
    let mut touched: Vec<&str> = scenario.changes.iter().map(|c| c.unit.as_str()).collect();
    touched.extend(scenario.new_units.iter().map(|n| n.unit.code.as_str()));
    let mut order: Vec<usize> = (0..r1.units.len()).collect();
    order.sort_by_key(|&i| {
        touched
            .iter()
            .position(|t| *t == r1.units[i])
            .unwrap_or(usize::MAX)
    });
    let outcomes = order
        .into_iter()
        .map(|i| {
            let u = &r1.units[i];
            let before = r0.units.iter().position(|x| x == u);
            UnitOutcome {
                unit: u.clone(),
                score_before: before.map(|k| r0.scores[k]),
                rank_before: before.map(|k| r0.ranks[k]),
                score_after: r1.scores[i],
                rank_after: r1.ranks[i],
                interval_after: intervals
                    .as_ref()
                    .and_then(|v| v.iter().find(|s| &s.unit == u).cloned()),
            }
        })
        .collect();
    Ok(ScenarioResult {
        outcomes,
        coin: after,
    })
}

/// A unit against the units sharing its label of a group variable.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PeerComparison {
    /// The unit.
    pub unit: String,
    /// Group variable.
    pub group: String,
    /// The unit's label.
    pub label: String,
    /// Peers (including the unit) in the last stage.
    pub peers: Vec<String>,
    /// Rank among peers on the index.
    pub rank_among_peers: f64,
    /// Per aggregate and indicator: (code, unit's value, peer median, difference).
    pub gaps: Vec<(String, f64, f64, f64)>,
}

/// Compares a unit with its peer group (units with the same label of `group`) on every column of the last
/// stage.
///
/// # Errors
/// Unknown unit or group, or a unit without a label.
pub fn compare_with_peers(coin: &Coin, unit: &str, group: &str) -> Result<PeerComparison> {
    let labels = coin
        .data
        .groups
        .get(group)
        .ok_or_else(|| IndexError::UnknownCode {
            context: "group".into(),
            code: group.into(),
        })?;
    let row = coin
        .data
        .unit_index(unit)
        .ok_or_else(|| IndexError::UnknownCode {
            context: "unit".into(),
            code: unit.into(),
        })?;
    let label = labels[row].clone().ok_or_else(|| IndexError::BadSetting {
        setting: format!("{group} of {unit}"),
        value: "missing".into(),
        expected: "a group label".into(),
    })?;
    let d = coin.last();
    let idx: Vec<usize> = (0..d.n_units())
        .filter(|&i| {
            coin.data
                .unit_index(&d.units[i])
                .is_some_and(|r| labels[r].as_deref() == Some(label.as_str()))
        })
        .collect();
    let me = d.unit_index(unit).ok_or_else(|| IndexError::UnknownCode {
        context: "unit (screened out)".into(),
        code: unit.into(),
    })?;
    let root = coin.framework.root();
    let idx_col = d
        .col(root)
        .ok_or_else(|| IndexError::NoDataset(format!("column {root}")))?;
    let better = idx.iter().filter(|&&i| idx_col[i] > idx_col[me]).count();
    let gaps = coin
        .framework
        .nodes()
        .iter()
        .filter_map(|n| {
            let c = d.col(&n.code)?;
            let m = median(&idx.iter().map(|&i| c[i]).collect::<Vec<_>>());
            Some((n.code.clone(), c[me], m, c[me] - m))
        })
        .collect();
    Ok(PeerComparison {
        unit: unit.into(),
        group: group.into(),
        label,
        peers: idx.iter().map(|&i| d.units[i].clone()).collect(),
        rank_among_peers: (better + 1) as f64,
        gaps,
    })
}

impl NewUnit {
    /// Every unit of a data set (e.g. a second iData file) as units to add.
    pub fn all_from(d: &crate::units::UnitData) -> Vec<NewUnit> {
        (0..d.units.len())
            .map(|k| NewUnit {
                unit: d.units[k].clone(),
                values: d
                    .indicators
                    .codes
                    .iter()
                    .zip(&d.indicators.columns)
                    .filter(|(_, c)| !c[k].is_nan())
                    .map(|(code, c)| (code.clone(), c[k]))
                    .collect(),
                groups: d
                    .groups
                    .iter()
                    .filter_map(|(g, v)| v[k].clone().map(|l| (g.clone(), l)))
                    .collect(),
                denominators: d
                    .denominators
                    .iter()
                    .map(|(n, v)| (n.clone(), v[k]))
                    .collect(),
            })
            .collect()
    }
}
