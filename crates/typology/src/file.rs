//! The spec file as written (TOML), before validation. See `docs/typology.md` for every key.

use std::collections::BTreeMap;

use creacity_model::Bilingual;
use serde::{Deserialize, Serialize};

use crate::Field;

/// The spec file format this version reads and writes.
pub const FORMAT: u32 = 1;

/// A text in Russian and English, as a spec file holds it (`{ ru = "…", en = "…" }`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Russian.
    #[serde(default)]
    pub ru: String,
    /// English.
    #[serde(default)]
    pub en: String,
}

impl Text {
    /// Builds a text from its two versions.
    pub fn new(ru: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            ru: ru.into(),
            en: en.into(),
        }
    }

    /// True when both versions are blank.
    pub fn is_blank(&self) -> bool {
        self.ru.trim().is_empty() && self.en.trim().is_empty()
    }

    /// The model's bilingual text.
    pub fn to_bilingual(&self) -> Bilingual {
        Bilingual::new(self.ru.clone(), self.en.clone())
    }
}

/// A whole spec file. Build one in code or read one with [`crate::Spec::from_toml`];
/// [`SpecFile::validate`] turns it into a [`crate::Spec`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecFile {
    /// The version of the file format (currently 1).
    pub format: u32,
    /// A short machine name of the typology, e.g. `creacity-default`.
    pub name: String,
    /// The version of this typology (any text, e.g. `1.0.0`); results carry it.
    pub version: String,
    /// The title, RU and EN.
    #[serde(default)]
    pub title: Text,
    /// A note on sources and choices, RU and EN.
    #[serde(default)]
    pub note: Text,
    /// How the borderline check moves numeric facts.
    #[serde(default)]
    pub borderline: BorderlineFile,
    /// The membership function.
    #[serde(default)]
    pub membership: MembershipFile,
    /// The dimensions of public–private interaction.
    #[serde(default)]
    pub dimensions: Vec<DimensionFile>,
    /// The types, from the private end of the scale to the public end.
    #[serde(default)]
    pub types: Vec<TypeFile>,
}

/// `[borderline]`: what "one step" of a fact means in the borderline check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BorderlineFile {
    /// Shares move by ± this step (clamped to `0..=1`). Default 0.1.
    #[serde(default = "default_step")]
    pub share_step: f64,
    /// Which other values of a coded field count as one step away. Default `nearest`.
    #[serde(default)]
    pub coded: CodedStep,
}

/// Which values of a coded field are one step away from the current one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodedStep {
    /// The values with the nearest higher score and those with the nearest lower score
    /// (by the first fact that scores the field): one step along the public–private axis.
    #[default]
    Nearest,
    /// Every other value of the list. With weights like the default spec's, a jump from a
    /// private to a federal initiator moves a cluster by a whole type, so nearly every cluster
    /// would be flagged.
    Any,
}

fn default_step() -> f64 {
    0.1
}

impl Default for BorderlineFile {
    fn default() -> Self {
        Self {
            share_step: default_step(),
            coded: CodedStep::default(),
        }
    }
}

/// `[membership]`: how the degree of membership in each type is computed from the score.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", try_from = "RawMembership")]
pub enum MembershipFile {
    /// Membership 1 in the type whose interval holds the score, 0 elsewhere.
    Crisp,
    /// Full membership inside each interval except a band of `width` centred on each threshold,
    /// where it passes linearly from one type to the next (0.5 each at the threshold).
    Trapezoidal {
        /// Width of the band around each threshold.
        width: f64,
    },
    /// Membership 1 only at the centre of each type's interval, passing linearly to the next
    /// centre through 0.5 at the threshold between them.
    #[default]
    Triangular,
}

/// `[membership]` as read, so that `width` is refused where it means nothing.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMembership {
    kind: MembershipKind,
    width: Option<f64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum MembershipKind {
    Crisp,
    Trapezoidal,
    Triangular,
}

impl TryFrom<RawMembership> for MembershipFile {
    type Error = String;
    fn try_from(raw: RawMembership) -> Result<Self, String> {
        match (raw.kind, raw.width) {
            (MembershipKind::Trapezoidal, Some(width)) => Ok(MembershipFile::Trapezoidal { width }),
            (MembershipKind::Trapezoidal, None) => {
                Err("`membership.width` is required when kind = \"trapezoidal\"".into())
            }
            (_, Some(_)) => Err("`membership.width` applies only to kind = \"trapezoidal\"".into()),
            (MembershipKind::Crisp, None) => Ok(MembershipFile::Crisp),
            (MembershipKind::Triangular, None) => Ok(MembershipFile::Triangular),
        }
    }
}

/// Which axis of the public–private plane a dimension belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Axis {
    /// Formation: how the cluster was created (x axis).
    Formation,
    /// Operation: how the cluster runs (y axis).
    Operation,
    /// On neither axis (still in the composite score).
    #[default]
    None,
}

/// `[[dimensions]]`: one dimension of public–private interaction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DimensionFile {
    /// Identifier, unique in the spec.
    pub id: String,
    /// Label, RU and EN.
    #[serde(default)]
    pub label: Text,
    /// Weight in the composite score (>= 0).
    pub weight: f64,
    /// Axis of the plane.
    #[serde(default)]
    pub axis: Axis,
    /// Facts that make up the dimension; its score is their weighted mean.
    #[serde(default)]
    pub facts: Vec<FactFile>,
}

/// `[[dimensions.facts]]`: how one fact of a case card is scored on `0..=1`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactFile {
    /// The fact.
    pub field: Field,
    /// Weight inside the dimension (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    /// Coded fields and `support`: score per code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scores: Option<BTreeMap<String, f64>>,
    /// Coded fields and `support`: score of any code not in `scores`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<f64>,
    /// `support`: the sum of form scores is capped at this (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<f64>,
    /// Numeric fields: `linear` (default) or `steps`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<NumericRule>,
    /// `linear`: the values `[x0, x1]` mapped onto `y` (default `[0, 1]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x: Option<[f64; 2]>,
    /// `linear`: the scores `[y0, y1]` of `x0` and `x1` (default `[0, 1]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub y: Option<[f64; 2]>,
    /// `steps`: from which value on each score applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steps: Option<Vec<StepFile>>,
}

impl FactFile {
    /// A fact with no scoring keys yet.
    pub fn new(field: Field) -> Self {
        Self {
            field,
            weight: None,
            scores: None,
            default: None,
            cap: None,
            rule: None,
            x: None,
            y: None,
            steps: None,
        }
    }
}

/// How a numeric fact is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NumericRule {
    /// Linear between two points, constant outside them.
    Linear,
    /// A step function.
    Steps,
}

/// One step of a `steps` rule: values `>= from` score `score` (until the next step).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepFile {
    /// Lower bound of the step.
    pub from: f64,
    /// The score.
    pub score: f64,
}

/// `[[types]]`: one type of the scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeFile {
    /// Identifier, unique in the spec.
    pub id: String,
    /// Label, RU and EN.
    #[serde(default)]
    pub label: Text,
    /// What the type means, RU and EN.
    #[serde(default)]
    pub description: Text,
    /// Lowest composite score of the type; absent (or 0) for the first type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<f64>,
    /// Conditions on single dimensions that a cluster of this type must meet.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub require: Vec<RequireFile>,
}

/// A condition on one dimension's score: `min <= score <= max`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequireFile {
    /// The dimension id.
    pub dimension: String,
    /// Lowest allowed score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Highest allowed score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
}
