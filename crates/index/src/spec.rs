//! Pipeline and uncertainty declarations as TOML text (the CLI reads the file and calls these).

use serde::Deserialize;

use crate::error::{IndexError, Result};
use crate::framework::Framework;
use crate::steps::Step;
use crate::uncertainty::UncertainInput;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PipelineFile {
    steps: Vec<Step>,
}

/// Reads a log of steps from TOML:
///
/// ```toml
/// [[steps]]
/// step = "impute"
/// method = { method = "group_mean", group = "EurAsia_group" }
/// [[steps]]
/// step = "normalise"
/// default = { method = "min_max", lo = 0.0, hi = 100.0 }
/// ```
///
/// # Errors
/// [`IndexError::Parse`] with the parser's line and the offending key.
///
/// # Examples
/// ```
/// let log = creacity_index::read_pipeline_toml(
///     "[[steps]]\nstep = 'aggregate'\nmethod = { method = 'geometric' }\n").unwrap();
/// assert_eq!(log.len(), 1);
/// ```
pub fn read_pipeline_toml(text: &str) -> Result<Vec<Step>> {
    let f: PipelineFile = toml::from_str(text).map_err(|e| IndexError::Parse {
        what: "pipeline".into(),
        message: e.to_string(),
    })?;
    Ok(f.steps)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UncertaintyFile {
    #[serde(default)]
    inputs: Vec<UncertainInput>,
    #[serde(default)]
    weight_noise: Vec<WeightNoise>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WeightNoise {
    name: String,
    level: u8,
    fraction: f64,
    #[serde(default = "hundred")]
    sets: usize,
    #[serde(default)]
    seed: u64,
}

fn hundred() -> usize {
    100
}

/// Reads uncertain inputs from TOML: `[[inputs]]` tables (name, path, distribution) and `[[weight_noise]]`
/// shorthands (name, level, fraction, sets = 100, seed = 0) expanded with
/// [`UncertainInput::weight_noise`]. Validation against a coin is [`crate::Plan::new`]'s job.
///
/// ```toml
/// [[inputs]]
/// name = "winsorisation limit"
/// path = { path = "treat_winmax" }
/// distribution = { distribution = "uniform", lo = 1.0, hi = 5.0 }
/// [[weight_noise]]
/// name = "pillar weights"
/// level = 2
/// fraction = 0.25
/// ```
///
/// # Errors
/// [`IndexError::Parse`] with the parser's line and the offending key.
pub fn read_uncertainty_toml(text: &str, fw: &Framework) -> Result<Vec<UncertainInput>> {
    let f: UncertaintyFile = toml::from_str(text).map_err(|e| IndexError::Parse {
        what: "uncertainty".into(),
        message: e.to_string(),
    })?;
    let mut v = f.inputs;
    v.extend(
        f.weight_noise.iter().map(|w| {
            UncertainInput::weight_noise(&w.name, fw, w.level, w.fraction, w.sets, w.seed)
        }),
    );
    Ok(v)
}
