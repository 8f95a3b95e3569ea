//! # creacity-index: composite indicators with uncertainty, sensitivity, scenarios and monitoring
//!
//! A pure library in the spirit of COINr (Becker et al., JRC): a [`Coin`] holds the indicator
//! [`Framework`], the raw [`UnitData`], an ordered log of typed [`Step`]s and every stage's [`Dataset`]
//! under its name. [`Coin::regenerate`] replays the log; uncertainty and sensitivity analysis perturb typed
//! parameter paths of the log ([`ParamPath`]) and regenerate, counting failures instead of hiding them.
//!
//! ## Catalogue
//! | area | methods | reference |
//! |---|---|---|
//! | framework | iData/iMeta CSV ([`read_imeta`], [`read_idata`]), TOML or YAML spec ([`read_spec_toml`], [`read_spec_yaml`]); any number of levels; groups; strict validation | COINr `new_coin`, `check_iMeta` |
//! | denominate | x / denominator | COINr `Denominate` |
//! | screen | data availability threshold, forced in/out | COINr `Screen` |
//! | impute | column mean/median, group mean/median, row mean/median | COINr `Impute` |
//! | treat | skew/kurtosis rule (e1071 type 2), stepwise winsorisation, log fallback; Box-Cox | COINr `Treat`; OECD/JRC Handbook (2008) |
//! | normalise | min-max, z-score, rank, percentile rank, Borda, distance to max, distance to target, goalposts, fraction of max | COINr `Normalise` |
//! | weights | framework, equal, PCA (first component loadings), per level, per node | OECD/JRC Handbook §6 |
//! | aggregate | arithmetic, geometric, harmonic, generalised mean, Copeland; per level and per group; availability threshold; shift policy for zeros | COINr `Aggregate`; Munda (2008) |
//! | analysis | correlations, Cronbach's α, PCA, strengths and weaknesses, drop-one effects | COINr `get_corr`, `get_cronbach`, `get_PCA`, `get_str_weak`, `remove_elements` |
//! | uncertainty | Monte Carlo ranks: nominal, median, mean, 5–95 % | COINr `get_sensitivity(SA_type = "UA")`; Saisana et al. (2005) |
//! | sensitivity | Saltelli design, first order (Saltelli 2010, Jansen 1999), total (Jansen 1999, Homma–Saltelli), Sobol sequences (Joe & Kuo 2008 direction numbers), bootstrap intervals, per unit | Saltelli et al. (2010) *CPC* 181:259 |
//! | scenarios | changed values, added units, peer groups | — |
//! | monitoring | panel over years, trends, progress towards targets | COINr purses |
//!
//! Formulas and the mapping to COINr's arguments: `docs/methods/index.md`.
#![warn(missing_docs)]
// `!(a > b)` is deliberate throughout: it is true for NaN, which must be refused too.
#![allow(clippy::neg_cmp_op_on_partial_ord)]

pub mod analysis;
mod coin;
mod dataset;
mod error;
mod framework;
mod linalg;
pub mod monitor;
mod read;
pub mod scenario;
pub mod sensitivity;
pub mod sobol;
mod spec;
mod stats;
pub mod steps;
pub mod uncertainty;
mod units;

pub use coin::{Coin, Ranking, Stage};
pub use dataset::Dataset;
pub use error::{IndexError, Result};
pub use framework::{Direction, Framework, Node};
pub use read::{read_idata, read_imeta, read_spec_toml, read_spec_yaml};
pub use spec::{read_pipeline_toml, read_uncertainty_toml};
pub use steps::{
    AggMethod, Aggregate, Denominate, GroupMethod, Impute, ImputeMethod, LevelMethod, LevelWeights,
    NonPositive, NormMethod, Normalise, Screen, Step, StepReport, Treat, TreatMethod, WeightSource,
};
pub use uncertainty::{Distribution, ParamPath, ParamValue, Plan, UncertainInput};
pub use units::{Unit, UnitData};
