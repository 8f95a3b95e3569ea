//! The coin: framework, data, the log of steps and every stage's data set.

use serde::{Deserialize, Serialize};

use crate::dataset::Dataset;
use crate::error::{IndexError, Result};
use crate::framework::Framework;
use crate::stats::rank_min;
use crate::steps::{Ctx, Step, StepReport};
use crate::units::UnitData;

/// One stage of a built coin: the data set a step wrote, under its name, and what the step did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stage {
    /// Data set name (`Raw`, `Denominated`, `Imputed`, `Screened`, `Treated`, `Normalised`, `Aggregated`).
    pub name: String,
    /// The data.
    pub data: Dataset,
    /// What the step did (`None` for `Raw`).
    pub report: Option<StepReport>,
}

/// A composite indicator: its framework, its raw data, the ordered log of steps and every stage.
///
/// Build it with [`Coin::build`]; change the log and call [`Coin::with_log`]; [`Coin::regenerate`]
/// replays the log and gives an equal coin.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Coin {
    /// The framework.
    pub framework: Framework,
    /// Raw unit data.
    pub data: UnitData,
    /// The ordered log of steps.
    pub log: Vec<Step>,
    /// `Raw` then one stage per step.
    pub stages: Vec<Stage>,
    /// Crate version that built it.
    pub engine_version: String,
}

/// Scores and ranks of units on one column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ranking {
    /// Column code (the index by default).
    pub code: String,
    /// Unit codes.
    pub units: Vec<String>,
    /// Score per unit (`NaN`/`null` when it could not be computed).
    pub scores: Vec<f64>,
    /// Rank per unit: 1 is best, ties share the best rank.
    pub ranks: Vec<f64>,
}

impl Coin {
    /// Validates the framework, the data and every step, then runs the log.
    ///
    /// # Errors
    /// The first invalid setting (before running), then the first failing step.
    ///
    /// # Examples
    /// ```
    /// use creacity_index::*;
    /// let meta = "Level,iCode,iName,Direction,Weight,Unit,Target,Denominator,Parent,Type\n\
    ///             1,a,A,1,1,,,,I,Indicator\n1,b,B,1,1,,,,I,Indicator\n2,I,Index,1,1,,,,,Aggregate\n";
    /// let fw = read_imeta(meta).unwrap();
    /// let data = read_idata("uCode,a,b\nX,0,10\nY,10,0\nZ,5,10\n", &fw).unwrap();
    /// let log = vec![Step::Normalise(Normalise::default()), Step::Aggregate(Aggregate::default())];
    /// let coin = Coin::build(fw, data, log).unwrap();
    /// let r = coin.ranking(None).unwrap();
    /// assert_eq!(r.scores, vec![50.0, 50.0, 75.0]); // Z = (50 + 100)/2
    /// assert_eq!(r.ranks, vec![2.0, 2.0, 1.0]);
    /// ```
    pub fn build(framework: Framework, data: UnitData, log: Vec<Step>) -> Result<Coin> {
        data.validate(&framework)?;
        for s in &log {
            s.validate(&framework)?;
        }
        let stages = run_log(&framework, &data, &log)?;
        Ok(Coin {
            framework,
            data,
            log,
            stages,
            engine_version: env!("CARGO_PKG_VERSION").into(),
        })
    }

    /// Replays the log on the raw data (pure: equal inputs give an equal coin).
    ///
    /// # Errors
    /// As [`Coin::build`].
    pub fn regenerate(&self) -> Result<Coin> {
        Coin::build(self.framework.clone(), self.data.clone(), self.log.clone())
    }

    /// The same framework and data with another log.
    ///
    /// # Errors
    /// As [`Coin::build`].
    pub fn with_log(&self, log: Vec<Step>) -> Result<Coin> {
        Coin::build(self.framework.clone(), self.data.clone(), log)
    }

    /// A data set by name.
    pub fn dataset(&self, name: &str) -> Option<&Dataset> {
        self.stages
            .iter()
            .rev()
            .find(|s| s.name == name)
            .map(|s| &s.data)
    }

    /// The last stage's data.
    pub fn last(&self) -> &Dataset {
        &self.stages.last().expect("Raw is always there").data
    }

    /// Scores and ranks on a column of the last stage (the root when `None`).
    ///
    /// # Errors
    /// [`IndexError::NoDataset`] when the column is not in the last stage (e.g. before aggregation).
    pub fn ranking(&self, code: Option<&str>) -> Result<Ranking> {
        let code = code.unwrap_or(self.framework.root());
        let d = self.last();
        let scores = d
            .col(code)
            .ok_or_else(|| IndexError::NoDataset(format!("column {code}")))?
            .to_vec();
        Ok(Ranking {
            code: code.into(),
            units: d.units.clone(),
            ranks: rank_min(&scores, true),
            scores,
        })
    }
}

/// Runs a log: `Raw` then each step on the previous stage.
pub(crate) fn run_log(fw: &Framework, data: &UnitData, log: &[Step]) -> Result<Vec<Stage>> {
    let ctx = Ctx::new(fw, data, true);
    let mut stages = vec![Stage {
        name: "Raw".into(),
        data: data.indicators.clone(),
        report: None,
    }];
    for step in log {
        let prev = &stages.last().expect("raw").data;
        let (d, r) = step.apply(&ctx, prev.clone())?;
        let mut name = step.output_name().to_string();
        let k = stages.iter().filter(|s| s.name.starts_with(&name)).count();
        if k > 0 {
            name = format!("{name}{}", k + 1);
        }
        stages.push(Stage {
            name,
            data: d,
            report: Some(r),
        });
    }
    Ok(stages)
}

/// Runs a log and returns only one column of the last stage with its units: the fast path of Monte Carlo
/// (no stages kept, no reports built, data moved from step to step).
pub(crate) fn run_column(
    ctx: &Ctx<'_>,
    log: &[Step],
    code: &str,
) -> Result<(Vec<String>, Vec<f64>)> {
    let mut cur = ctx.data.indicators.clone();
    for step in log {
        cur = step.apply(ctx, cur)?.0;
    }
    let j = cur
        .col_index(code)
        .ok_or_else(|| IndexError::NoDataset(format!("column {code}")))?;
    let col = cur.columns.swap_remove(j);
    Ok((cur.units, col))
}
