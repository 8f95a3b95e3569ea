//! Declared uncertain choices: typed parameter paths into the log, their distributions, and the plan
//! that validates them up front and turns a point of [0, 1)^d into a perturbed log.

use std::collections::BTreeMap;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::coin::Coin;
use crate::error::{IndexError, Result};
use crate::framework::Framework;
use crate::steps::{
    AggMethod, GroupMethod, ImputeMethod, LevelMethod, NormMethod, Step, TreatMethod,
};

mod run;

pub use run::{
    RunFailure, SensitivityOptions, SensitivityResult, UncertaintyResult, UnitRankStats,
    UnitSensitivity, run_monte_carlo, run_sensitivity,
};

/// A typed address of one parameter in the log (COINr's `Address`, e.g. `$Log$Treat$global_specs$f1_para$winmax`).
/// The first step of the named kind is changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "path", rename_all = "snake_case")]
pub enum ParamPath {
    /// `Impute.method` (value: `Impute`).
    ImputeMethod,
    /// `Screen.min_availability` (value: `Real`).
    ScreenMinAvailability,
    /// `Treat.default.winmax` (value: `Int`, or `Real` rounded).
    TreatWinmax,
    /// `Treat.default.skew_thresh` (value: `Real`).
    TreatSkewThreshold,
    /// `Treat.default.kurt_thresh` (value: `Real`).
    TreatKurtThreshold,
    /// `Treat.default` (value: `Treat`).
    TreatDefault,
    /// `Treat.per_indicator[code]` (value: `Treat`).
    TreatIndicator {
        /// Indicator code.
        code: String,
    },
    /// `Normalise.default` (value: `Normalise`).
    NormaliseDefault,
    /// `Normalise.per_indicator[code]` (value: `Normalise`).
    NormaliseIndicator {
        /// Indicator code.
        code: String,
    },
    /// `Aggregate.method` (value: `Aggregate`).
    AggregateMethod,
    /// `Aggregate.by_level[level]` (value: `Aggregate`).
    AggregateLevelMethod {
        /// Level of the aggregates.
        level: u8,
    },
    /// `Aggregate.by_group[parent]` (value: `Aggregate`).
    AggregateGroupMethod {
        /// Aggregate code.
        parent: String,
    },
    /// `Aggregate.weight_overrides`, merged (value: `Weights`).
    AggregateWeights,
    /// `Aggregate.weight_overrides[code]` (value: `Real`).
    Weight {
        /// Node code.
        code: String,
    },
    /// `Aggregate.min_availability` (value: `Real`).
    AggregateMinAvailability,
}

/// A value for a parameter path.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum ParamValue {
    /// A whole number.
    Int(i64),
    /// A real number.
    Real(f64),
    /// An imputation method.
    Impute(ImputeMethod),
    /// A treatment method.
    Treat(TreatMethod),
    /// A normalisation method.
    Normalise(NormMethod),
    /// An aggregation method.
    Aggregate(AggMethod),
    /// A set of weights (node → weight).
    Weights(BTreeMap<String, f64>),
}

/// How an uncertain input varies. A value u ∈ [0, 1) picks `values[⌊u·k⌋]` of a discrete list (as COINr's
/// `cut`), or lo + u·(hi − lo) of a uniform range.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "distribution", rename_all = "snake_case")]
pub enum Distribution {
    /// Equally likely alternatives.
    Discrete {
        /// The alternatives.
        values: Vec<ParamValue>,
    },
    /// A uniform range (numeric paths only).
    Uniform {
        /// Lower end.
        lo: f64,
        /// Upper end.
        hi: f64,
    },
}

/// One declared uncertain choice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UncertainInput {
    /// Name shown in results.
    pub name: String,
    /// Which parameter.
    pub path: ParamPath,
    /// How it varies.
    pub distribution: Distribution,
}

impl UncertainInput {
    /// Weights of every node at `level` perturbed by up to ± `fraction` (w·(1 + fraction·(2u − 1)), u uniform),
    /// as `sets` pre-drawn alternatives (COINr `get_noisy_weights`).
    pub fn weight_noise(
        name: &str,
        fw: &Framework,
        level: u8,
        fraction: f64,
        sets: usize,
        seed: u64,
    ) -> UncertainInput {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let values = (0..sets)
            .map(|_| {
                ParamValue::Weights(
                    fw.at_level(level)
                        .iter()
                        .map(|n| {
                            (
                                n.code.clone(),
                                n.weight * (1.0 + fraction * (2.0 * rng.random::<f64>() - 1.0)),
                            )
                        })
                        .collect(),
                )
            })
            .collect();
        UncertainInput {
            name: name.into(),
            path: ParamPath::AggregateWeights,
            distribution: Distribution::Discrete { values },
        }
    }

    /// The value at u ∈ [0, 1).
    pub fn value_at(&self, u: f64) -> ParamValue {
        match &self.distribution {
            Distribution::Discrete { values } => {
                let k = ((u * values.len() as f64).floor() as usize).min(values.len() - 1);
                values[k].clone()
            }
            Distribution::Uniform { lo, hi } => ParamValue::Real(lo + u * (hi - lo)),
        }
    }
}

/// Validated uncertain inputs for one coin. Build with [`Plan::new`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    inputs: Vec<UncertainInput>,
}

impl Plan {
    /// Validates every input against the coin: unique names, non-empty alternatives, a proper range, a path
    /// to a step present in the log, values of the path's kind, and every alternative (and both ends of a
    /// range) giving a log whose steps validate.
    ///
    /// # Errors
    /// [`IndexError::BadUncertainInput`] naming the input and the problem.
    pub fn new(coin: &Coin, inputs: Vec<UncertainInput>) -> Result<Plan> {
        if inputs.is_empty() {
            return Err(IndexError::BadUncertainInput {
                name: String::new(),
                why: "no uncertain inputs declared".into(),
            });
        }
        let bad = |name: &str, why: String| IndexError::BadUncertainInput {
            name: name.into(),
            why,
        };
        for (k, inp) in inputs.iter().enumerate() {
            if inp.name.trim().is_empty() {
                return Err(bad(&format!("#{}", k + 1), "empty name".into()));
            }
            if inputs[..k].iter().any(|o| o.name == inp.name) {
                return Err(bad(&inp.name, "declared twice".into()));
            }
            let candidates: Vec<ParamValue> = match &inp.distribution {
                Distribution::Discrete { values } if values.is_empty() => {
                    return Err(bad(&inp.name, "no alternatives".into()));
                }
                Distribution::Discrete { values } => values.clone(),
                Distribution::Uniform { lo, hi } => {
                    if !(lo.is_finite() && hi.is_finite() && lo < hi) {
                        return Err(bad(
                            &inp.name,
                            format!("range [{lo}, {hi}] must be finite with lo < hi"),
                        ));
                    }
                    vec![ParamValue::Real(*lo), ParamValue::Real(*hi)]
                }
            };
            for v in candidates {
                let mut log = coin.log.clone();
                set(&mut log, &inp.path, &v).map_err(|e| bad(&inp.name, e))?;
                for s in &log {
                    s.validate(&coin.framework)
                        .map_err(|e| bad(&inp.name, e.to_string()))?;
                }
            }
        }
        Ok(Plan { inputs })
    }

    /// The inputs.
    pub fn inputs(&self) -> &[UncertainInput] {
        &self.inputs
    }

    /// The log with every input set from the point u ∈ [0, 1)^d.
    ///
    /// # Errors
    /// Only if the plan was built for another log.
    pub fn log_at(&self, base: &[Step], u: &[f64]) -> Result<Vec<Step>> {
        let mut log = base.to_vec();
        for (inp, &ui) in self.inputs.iter().zip(u) {
            set(&mut log, &inp.path, &inp.value_at(ui)).map_err(|why| {
                IndexError::BadUncertainInput {
                    name: inp.name.clone(),
                    why,
                }
            })?;
        }
        Ok(log)
    }
}

fn real(v: &ParamValue) -> std::result::Result<f64, String> {
    match v {
        ParamValue::Real(x) => Ok(*x),
        ParamValue::Int(i) => Ok(*i as f64),
        other => Err(format!("expects a number, got {other:?}")),
    }
}

/// Sets one parameter in a log.
fn set(log: &mut [Step], path: &ParamPath, v: &ParamValue) -> std::result::Result<(), String> {
    let missing = |s: &str| format!("the log has no {s} step");
    let wrong = |want: &str| format!("expects a value of kind {want}, got {v:?}");
    match path {
        ParamPath::ImputeMethod => {
            let s = log
                .iter_mut()
                .find_map(|s| {
                    if let Step::Impute(x) = s {
                        Some(x)
                    } else {
                        None
                    }
                })
                .ok_or_else(|| missing("Impute"))?;
            let ParamValue::Impute(m) = v else {
                return Err(wrong("impute"));
            };
            s.method = m.clone();
        }
        ParamPath::ScreenMinAvailability => {
            let s = log
                .iter_mut()
                .find_map(|s| {
                    if let Step::Screen(x) = s {
                        Some(x)
                    } else {
                        None
                    }
                })
                .ok_or_else(|| missing("Screen"))?;
            s.min_availability = real(v)?;
        }
        ParamPath::TreatWinmax | ParamPath::TreatSkewThreshold | ParamPath::TreatKurtThreshold => {
            let s = log
                .iter_mut()
                .find_map(|s| {
                    if let Step::Treat(x) = s {
                        Some(x)
                    } else {
                        None
                    }
                })
                .ok_or_else(|| missing("Treat"))?;
            let TreatMethod::SkewKurt {
                winmax,
                skew_thresh,
                kurt_thresh,
                ..
            } = &mut s.default
            else {
                return Err("the Treat step's default is not the skew/kurtosis rule".into());
            };
            let x = real(v)?;
            match path {
                ParamPath::TreatWinmax if x >= 0.0 => *winmax = x.round() as usize,
                ParamPath::TreatWinmax => return Err(format!("winmax {x} < 0")),
                ParamPath::TreatSkewThreshold => *skew_thresh = x,
                _ => *kurt_thresh = x,
            }
        }
        ParamPath::TreatDefault | ParamPath::TreatIndicator { .. } => {
            let s = log
                .iter_mut()
                .find_map(|s| {
                    if let Step::Treat(x) = s {
                        Some(x)
                    } else {
                        None
                    }
                })
                .ok_or_else(|| missing("Treat"))?;
            let ParamValue::Treat(m) = v else {
                return Err(wrong("treat"));
            };
            match path {
                ParamPath::TreatIndicator { code } => {
                    s.per_indicator.insert(code.clone(), m.clone());
                }
                _ => s.default = m.clone(),
            }
        }
        ParamPath::NormaliseDefault | ParamPath::NormaliseIndicator { .. } => {
            let s = log
                .iter_mut()
                .find_map(|s| {
                    if let Step::Normalise(x) = s {
                        Some(x)
                    } else {
                        None
                    }
                })
                .ok_or_else(|| missing("Normalise"))?;
            let ParamValue::Normalise(m) = v else {
                return Err(wrong("normalise"));
            };
            match path {
                ParamPath::NormaliseIndicator { code } => {
                    s.per_indicator.insert(code.clone(), m.clone());
                }
                _ => s.default = m.clone(),
            }
        }
        _ => {
            let s = log
                .iter_mut()
                .find_map(|s| {
                    if let Step::Aggregate(x) = s {
                        Some(x)
                    } else {
                        None
                    }
                })
                .ok_or_else(|| missing("Aggregate"))?;
            match path {
                ParamPath::AggregateMethod
                | ParamPath::AggregateLevelMethod { .. }
                | ParamPath::AggregateGroupMethod { .. } => {
                    let ParamValue::Aggregate(m) = v else {
                        return Err(wrong("aggregate"));
                    };
                    match path {
                        ParamPath::AggregateLevelMethod { level } => {
                            s.by_level.retain(|l| l.level != *level);
                            s.by_level.push(LevelMethod {
                                level: *level,
                                method: m.clone(),
                            });
                        }
                        ParamPath::AggregateGroupMethod { parent } => {
                            s.by_group.retain(|g| &g.parent != parent);
                            s.by_group.push(GroupMethod {
                                parent: parent.clone(),
                                method: m.clone(),
                            });
                        }
                        _ => s.method = m.clone(),
                    }
                }
                ParamPath::AggregateWeights => {
                    let ParamValue::Weights(w) = v else {
                        return Err(wrong("weights"));
                    };
                    s.weight_overrides
                        .extend(w.iter().map(|(k, x)| (k.clone(), *x)));
                }
                ParamPath::Weight { code } => {
                    s.weight_overrides.insert(code.clone(), real(v)?);
                }
                _ => s.min_availability = Some(real(v)?),
            }
        }
    }
    Ok(())
}

/// The uncertain choices of COINr's sensitivity vignette, keeping those whose step is in the coin's log:
/// winsorisation limit 1–5, min-max 0–100 or z-score 10 ± 2, weights of level 2 ± 25 % (100 sets, seed
/// 1), arithmetic or geometric aggregation.
///
/// # Examples
/// ```
/// use creacity_index::*;
/// use creacity_index::sensitivity::Sampler;
/// use creacity_index::uncertainty::{coinr_vignette_inputs, run_monte_carlo};
/// let meta = "Level,iCode,iName,Direction,Weight,Unit,Target,Denominator,Parent,Type\n\
///             1,a,A,1,1,,,,P,Indicator\n1,b,B,1,1,,,,P,Indicator\n2,P,P,1,1,,,,I,Aggregate\n\
///             1,c,C,1,1,,,,Q,Indicator\n2,Q,Q,1,1,,,,I,Aggregate\n3,I,I,1,1,,,,,Aggregate\n";
/// let fw = read_imeta(meta).unwrap();
/// // X is best on every indicator: first whatever the choices.
/// let data = read_idata("uCode,a,b,c\nX,9,9,9\nY,1,5,2\nZ,5,1,3\n", &fw).unwrap();
/// let coin = Coin::build(fw, data, vec![Step::Normalise(Normalise::default()), Step::Aggregate(Aggregate::default())]).unwrap();
/// let plan = Plan::new(&coin, coinr_vignette_inputs(&coin)).unwrap();
/// assert_eq!(plan.inputs().len(), 3); // no Treat step: no winsorisation input
/// let r = run_monte_carlo(&coin, &plan, 64, Sampler::Sobol).unwrap();
/// assert_eq!((r.units[0].q05_rank, r.units[0].q95_rank), (1.0, 1.0));
/// ```
pub fn coinr_vignette_inputs(coin: &Coin) -> Vec<UncertainInput> {
    let has = |f: fn(&Step) -> bool| coin.log.iter().any(f);
    let disc = |name: &str, path, values| UncertainInput {
        name: name.into(),
        path,
        distribution: Distribution::Discrete { values },
    };
    let mut v = Vec::new();
    if has(|s| matches!(s, Step::Treat(t) if matches!(t.default, TreatMethod::SkewKurt { .. }))) {
        v.push(disc(
            "winsorisation limit",
            ParamPath::TreatWinmax,
            (1..=5).map(ParamValue::Int).collect(),
        ));
    }
    if has(|s| matches!(s, Step::Normalise(_))) {
        v.push(disc(
            "normalisation",
            ParamPath::NormaliseDefault,
            vec![
                ParamValue::Normalise(NormMethod::MinMax { lo: 0.0, hi: 100.0 }),
                ParamValue::Normalise(NormMethod::ZScore {
                    mean: 10.0,
                    sd: 2.0,
                }),
            ],
        ));
    }
    if has(|s| matches!(s, Step::Aggregate(_))) {
        v.push(UncertainInput::weight_noise(
            "weights ±25 %",
            &coin.framework,
            2,
            0.25,
            100,
            1,
        ));
        v.push(disc(
            "aggregation",
            ParamPath::AggregateMethod,
            vec![
                ParamValue::Aggregate(AggMethod::Arithmetic),
                ParamValue::Aggregate(AggMethod::Geometric),
            ],
        ));
    }
    v
}
