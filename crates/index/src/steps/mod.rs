//! The typed steps of a pipeline. Each reads the previous stage's data set and writes its own.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::dataset::Dataset;
use crate::error::Result;
use crate::framework::Framework;
use crate::units::UnitData;

pub mod aggregate;
pub mod denominate;
pub mod impute;
pub mod normalise;
pub mod screen;
pub mod treat;

pub use aggregate::{
    AggMethod, Aggregate, GroupMethod, LevelMethod, LevelWeights, NonPositive, WeightSource,
};
pub use denominate::Denominate;
pub use impute::{Impute, ImputeMethod};
pub use normalise::{NormMethod, Normalise};
pub use screen::Screen;
pub use treat::{Treat, TreatDetail, TreatMethod, TreatOutcome};

/// One step of the pipeline, with its settings. The ordered list of steps is the coin's log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
    /// Divide indicators by their denominators (COINr `Denominate`).
    Denominate(Denominate),
    /// Fill missing values (COINr `Impute`).
    Impute(Impute),
    /// Drop units with too little data (COINr `Screen`).
    Screen(Screen),
    /// Treat outliers (COINr `Treat`).
    Treat(Treat),
    /// Bring indicators to a common scale (COINr `Normalise`).
    Normalise(Normalise),
    /// Weight and aggregate up the tree (COINr `Aggregate`).
    Aggregate(Aggregate),
}

impl Step {
    /// The name of the data set the step writes (COINr's default `write_to`).
    pub fn output_name(&self) -> &'static str {
        match self {
            Step::Denominate(_) => "Denominated",
            Step::Impute(_) => "Imputed",
            Step::Screen(_) => "Screened",
            Step::Treat(_) => "Treated",
            Step::Normalise(_) => "Normalised",
            Step::Aggregate(_) => "Aggregated",
        }
    }

    /// Checks the settings against the framework before anything runs.
    ///
    /// # Errors
    /// The first bad setting, naming it.
    pub fn validate(&self, fw: &Framework) -> Result<()> {
        match self {
            Step::Denominate(s) => s.validate(fw),
            Step::Impute(s) => s.validate(fw),
            Step::Screen(s) => s.validate(),
            Step::Treat(s) => s.validate(fw),
            Step::Normalise(s) => s.validate(fw),
            Step::Aggregate(s) => s.validate(fw),
        }
    }

    pub(crate) fn apply(&self, ctx: &Ctx<'_>, input: Dataset) -> Result<(Dataset, StepReport)> {
        match self {
            Step::Denominate(s) => s.apply(ctx, input),
            Step::Impute(s) => s.apply(ctx, input),
            Step::Screen(s) => s.apply(ctx, input),
            Step::Treat(s) => s.apply(ctx, input),
            Step::Normalise(s) => s.apply(ctx, input),
            Step::Aggregate(s) => s.apply(ctx, input),
        }
    }
}

/// What a step did, to explain its data set.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum StepReport {
    /// Indicators divided, and by what.
    Denominate {
        /// Indicator → denominator.
        divided: BTreeMap<String, String>,
    },
    /// Values imputed per indicator, and how many remain missing.
    Impute {
        /// Indicator → number of values filled.
        imputed: BTreeMap<String, usize>,
        /// Values still missing after imputation.
        still_missing: usize,
    },
    /// Units removed and each unit's data availability.
    Screen {
        /// Units removed.
        removed: Vec<String>,
        /// Unit → share of indicators with data.
        availability: BTreeMap<String, f64>,
    },
    /// Per-indicator treatment details.
    Treat {
        /// One entry per indicator.
        details: Vec<TreatDetail>,
    },
    /// Normalisation method per indicator.
    Normalise {
        /// Indicator → method used.
        methods: BTreeMap<String, NormMethod>,
    },
    /// Weights and methods used at each aggregate.
    Aggregate {
        /// Node → weight used within its siblings (normalised to sum 1).
        weights: BTreeMap<String, f64>,
        /// Aggregate → method used.
        methods: BTreeMap<String, AggMethod>,
        /// Aggregate → shift applied to make values positive (see [`NonPositive::Shift`]).
        shifts: BTreeMap<String, f64>,
    },
}

/// What a step may look at besides its input: the framework and the unit data (groups, denominators).
pub(crate) struct Ctx<'a> {
    pub fw: &'a Framework,
    pub data: &'a UnitData,
    rows: HashMap<&'a str, usize>,
    /// Whether steps build their full reports (off in Monte Carlo runs, where only scores are kept).
    pub report: bool,
}

impl<'a> Ctx<'a> {
    pub fn new(fw: &'a Framework, data: &'a UnitData, report: bool) -> Self {
        let rows = data
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.code.as_str(), i))
            .collect();
        Ctx {
            fw,
            data,
            rows,
            report,
        }
    }

    /// Row of a unit in the raw data.
    pub fn row(&self, unit: &str) -> usize {
        self.rows[unit]
    }
}

/// Indicator columns of a data set, in framework order, as (code, column index).
pub(crate) fn indicator_cols(fw: &Framework, d: &Dataset) -> Vec<(String, usize)> {
    fw.indicators()
        .filter_map(|n| d.col_index(&n.code).map(|j| (n.code.clone(), j)))
        .collect()
}
