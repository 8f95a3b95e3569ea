//! Monitoring: one framework over years (panel data), trends, and progress towards targets.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::coin::{Coin, Ranking};
use crate::error::{IndexError, Result};
use crate::framework::Framework;
use crate::steps::Step;
use crate::units::UnitData;

/// The index built for every year of a panel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PanelIndex {
    /// Years, ascending.
    pub years: Vec<i32>,
    /// Year → scores and ranks.
    pub rankings: BTreeMap<i32, Ranking>,
    /// Year → the coin (every stage), for drill-down.
    pub coins: BTreeMap<i32, Coin>,
    /// Trend of each unit's index score.
    pub trends: Vec<Trend>,
}

/// A least-squares trend of one series over years.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Trend {
    /// Unit code.
    pub unit: String,
    /// Series code (the index or an indicator).
    pub code: String,
    /// Years with a value.
    pub years: Vec<i32>,
    /// The values.
    pub values: Vec<f64>,
    /// OLS slope per year (`NaN` with fewer than 2 years).
    pub slope: f64,
    /// Last value minus first value.
    pub change: f64,
}

/// OLS slope of values over years.
fn slope(years: &[i32], v: &[f64]) -> f64 {
    let n = v.len() as f64;
    if v.len() < 2 {
        return f64::NAN;
    }
    let mx = years.iter().map(|&y| y as f64).sum::<f64>() / n;
    let my = v.iter().sum::<f64>() / n;
    let sxy: f64 = years
        .iter()
        .zip(v)
        .map(|(&y, x)| (y as f64 - mx) * (x - my))
        .sum();
    let sxx: f64 = years.iter().map(|&y| (y as f64 - mx).powi(2)).sum();
    sxy / sxx
}

fn trend(unit: &str, code: &str, pts: &[(i32, f64)]) -> Trend {
    let pts: Vec<(i32, f64)> = pts.iter().copied().filter(|p| !p.1.is_nan()).collect();
    let years: Vec<i32> = pts.iter().map(|p| p.0).collect();
    let values: Vec<f64> = pts.iter().map(|p| p.1).collect();
    Trend {
        unit: unit.into(),
        code: code.into(),
        slope: slope(&years, &values),
        change: match (values.first(), values.last()) {
            (Some(a), Some(b)) => b - a,
            _ => f64::NAN,
        },
        years,
        values,
    }
}

/// Builds the index for every year of panel data with one log (COINr purses). Each year is normalised on
/// its own units; use goalposts normalisation when scores must be comparable across years.
///
/// # Errors
/// Data without a time column, or a failing year (named in the error's context).
pub fn build_panel(fw: &Framework, panel: &UnitData, log: &[Step]) -> Result<PanelIndex> {
    let by_year = panel.split_by_time();
    if by_year.is_empty() {
        return Err(IndexError::MissingColumn {
            table: "iData".into(),
            column: "Time".into(),
        });
    }
    let mut rankings = BTreeMap::new();
    let mut coins = BTreeMap::new();
    for (y, d) in by_year {
        let c = Coin::build(fw.clone(), d, log.to_vec())?;
        rankings.insert(y, c.ranking(None)?);
        coins.insert(y, c);
    }
    let years: Vec<i32> = rankings.keys().copied().collect();
    let root = fw.root();
    let mut units: Vec<String> = panel.units.iter().map(|u| u.code.clone()).collect();
    units.dedup();
    units.sort();
    units.dedup();
    let trends = units
        .iter()
        .map(|u| {
            let pts: Vec<(i32, f64)> = rankings
                .iter()
                .filter_map(|(y, r)| {
                    r.units
                        .iter()
                        .position(|x| x == u)
                        .map(|i| (*y, r.scores[i]))
                })
                .collect();
            trend(u, root, &pts)
        })
        .collect();
    Ok(PanelIndex {
        years,
        rankings,
        coins,
        trends,
    })
}

/// Trends of every raw indicator of one unit over a panel.
///
/// # Errors
/// Unknown unit, or data without time.
pub fn indicator_trends(fw: &Framework, panel: &UnitData, unit: &str) -> Result<Vec<Trend>> {
    let time = panel
        .time
        .as_ref()
        .ok_or_else(|| IndexError::MissingColumn {
            table: "iData".into(),
            column: "Time".into(),
        })?;
    let rows: Vec<usize> = (0..panel.units.len())
        .filter(|&i| panel.units[i].code == unit)
        .collect();
    if rows.is_empty() {
        return Err(IndexError::UnknownCode {
            context: "unit".into(),
            code: unit.into(),
        });
    }
    Ok(fw
        .indicators()
        .filter_map(|n| {
            let c = panel.indicators.col(&n.code)?;
            let mut pts: Vec<(i32, f64)> = rows.iter().map(|&i| (time[i], c[i])).collect();
            pts.sort_by_key(|p| p.0);
            Some(trend(unit, &n.code, &pts))
        })
        .collect())
}

/// Progress of one KPI towards its target.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KpiProgress {
    /// Indicator code.
    pub code: String,
    /// Baseline value.
    pub baseline: f64,
    /// Current value.
    pub current: f64,
    /// Target.
    pub target: f64,
    /// (current − baseline)/(target − baseline): 0 at the baseline, 1 on target, > 1 beyond, < 0 backwards.
    pub progress: f64,
    /// Share of the time elapsed towards `target_year`, when given.
    pub time_elapsed: Option<f64>,
    /// Whether progress is at least the share of time elapsed (or ≥ 1 without a target year).
    pub on_track: bool,
}

/// KPI progress of a unit between two years of a panel, against the framework's targets or `targets`
/// (which win). Indicators without a target or a value are skipped.
///
/// # Errors
/// Unknown unit or years, or data without time.
pub fn kpi_progress(
    fw: &Framework,
    panel: &UnitData,
    unit: &str,
    baseline_year: i32,
    current_year: i32,
    targets: &BTreeMap<String, f64>,
    target_year: Option<i32>,
) -> Result<Vec<KpiProgress>> {
    let time = panel
        .time
        .as_ref()
        .ok_or_else(|| IndexError::MissingColumn {
            table: "iData".into(),
            column: "Time".into(),
        })?;
    let find = |y: i32| {
        (0..panel.units.len())
            .find(|&i| panel.units[i].code == unit && time[i] == y)
            .ok_or_else(|| IndexError::UnknownCode {
                context: format!("unit in year {y}"),
                code: unit.into(),
            })
    };
    let (b, c) = (find(baseline_year)?, find(current_year)?);
    let elapsed = target_year
        .map(|t| (current_year - baseline_year) as f64 / (t - baseline_year).max(1) as f64);
    Ok(fw
        .indicators()
        .filter_map(|n| {
            let target = targets.get(&n.code).copied().or(n.target)?;
            let col = panel.indicators.col(&n.code)?;
            let (base, cur) = (col[b], col[c]);
            if base.is_nan() || cur.is_nan() || target == base {
                return None;
            }
            let progress = (cur - base) / (target - base);
            Some(KpiProgress {
                code: n.code.clone(),
                baseline: base,
                current: cur,
                target,
                progress,
                time_elapsed: elapsed,
                on_track: progress >= elapsed.unwrap_or(1.0),
            })
        })
        .collect())
}
