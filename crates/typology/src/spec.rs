//! The validated spec: every check is made once, in [`SpecFile::validate`], before anything
//! is classified.

use std::collections::BTreeSet;

use creacity_model::Bilingual;
use serde::{Deserialize, Serialize};

use crate::file::{Axis, CodedStep, FORMAT, SpecFile};
use crate::scoring::Scoring;
use crate::{Field, TypologyError, validate};

/// The default spec shipped with creacity (`data/typology/default.toml`).
pub const DEFAULT_SPEC_TOML: &str = include_str!("../../../data/typology/default.toml");

/// A validated typology spec, ready for [`crate::classify`].
#[derive(Debug, Clone, PartialEq)]
pub struct Spec {
    pub(crate) file: SpecFile,
    pub(crate) dimensions: Vec<Dimension>,
    pub(crate) types: Vec<TypeDef>,
    pub(crate) digest: String,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Dimension {
    pub id: String,
    pub label: Bilingual,
    /// Weight as written.
    pub weight: f64,
    /// Weight divided by the sum of dimension weights.
    pub share: f64,
    pub axis: Axis,
    pub facts: Vec<Fact>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fact {
    pub field: Field,
    /// Weight divided by the sum of fact weights in the dimension.
    pub share: f64,
    pub scoring: Scoring,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TypeDef {
    pub id: String,
    pub label: Bilingual,
    pub description: Bilingual,
    /// Lower bound on the composite score (0 for the first type).
    pub from: f64,
    /// `(dimension index, min, max)`.
    pub require: Vec<(usize, f64, f64)>,
}

impl Spec {
    /// Reads and validates a spec written in TOML.
    ///
    /// # Errors
    /// [`TypologyError::Toml`] for syntax, unknown keys and wrong types (with line and column);
    /// the other variants for rules the file breaks, each naming the key.
    pub fn from_toml(text: &str) -> Result<Spec, TypologyError> {
        // Editors on Windows often start UTF-8 files with a byte-order mark.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let file: SpecFile = toml::from_str(text).map_err(|e| TypologyError::Toml {
            message: e.to_string(),
        })?;
        file.validate()
    }

    /// The default spec shipped with creacity.
    ///
    /// ```
    /// let spec = creacity_typology::Spec::builtin();
    /// assert_eq!(spec.name(), "creacity-default");
    /// assert_eq!(spec.type_ids()[4], "dependent");
    /// ```
    pub fn builtin() -> Spec {
        // The shipped file is checked by the crate's tests, so this cannot fail in a release.
        Spec::from_toml(DEFAULT_SPEC_TOML).expect("the shipped default typology spec is valid")
    }

    /// The spec as written (after validation), e.g. to edit and validate again.
    pub fn file(&self) -> &SpecFile {
        &self.file
    }

    /// The spec written back as TOML; reading it again gives an equal spec.
    ///
    /// # Errors
    /// [`TypologyError::Invalid`] when a number cannot be written (never for a validated spec).
    pub fn to_toml(&self) -> Result<String, TypologyError> {
        toml::to_string(&self.file).map_err(|e| TypologyError::Invalid {
            key: "spec".into(),
            problem: e.to_string(),
        })
    }

    /// The typology's name.
    pub fn name(&self) -> &str {
        &self.file.name
    }

    /// The typology's version.
    pub fn version(&self) -> &str {
        &self.file.version
    }

    /// A digest of the spec's content (`fnv1a64:` and 16 hex digits), to tell apart two files
    /// that carry the same name and version but differ.
    pub fn digest(&self) -> &str {
        &self.digest
    }

    /// The type ids, from position 1 to the last.
    pub fn type_ids(&self) -> Vec<&str> {
        self.types.iter().map(|t| t.id.as_str()).collect()
    }

    /// The dimension ids, in spec order.
    pub fn dimension_ids(&self) -> Vec<&str> {
        self.dimensions.iter().map(|d| d.id.as_str()).collect()
    }

    /// The step by which the borderline check moves shares.
    pub fn share_step(&self) -> f64 {
        self.file.borderline.share_step
    }

    /// The fields scored by at least one dimension, in [`Field::ALL`] order.
    pub(crate) fn used_fields(&self) -> Vec<Field> {
        let used: BTreeSet<Field> = self
            .dimensions
            .iter()
            .flat_map(|d| d.facts.iter().map(|f| f.field))
            .collect();
        used.into_iter().collect()
    }

    /// True when code `to` of a coded `field` is one step away from `from` (see [`CodedStep`]).
    pub(crate) fn one_code_step(&self, field: Field, from: &str, to: &str) -> bool {
        if self.file.borderline.coded == CodedStep::Any {
            return true;
        }
        let scores = self
            .dimensions
            .iter()
            .flat_map(|d| &d.facts)
            .find_map(|f| match &f.scoring {
                Scoring::Codes(map) if f.field == field => Some(map),
                _ => None,
            });
        let Some(scores) = scores else { return true };
        let (Some(&a), Some(&b)) = (scores.get(from), scores.get(to)) else {
            return false;
        };
        if b > a {
            scores.values().filter(|&&v| v > a).all(|&v| v >= b)
        } else if b < a {
            scores.values().filter(|&&v| v < a).all(|&v| v <= b)
        } else {
            false
        }
    }

    /// Upper bound of type `i` (1 for the last).
    pub(crate) fn upper(&self, i: usize) -> f64 {
        self.types.get(i + 1).map_or(1.0, |t| t.from)
    }
}

impl SpecFile {
    /// Checks every rule of the format and builds the spec.
    ///
    /// # Errors
    /// The first broken rule, naming its key (see [`TypologyError`]).
    pub fn validate(self) -> Result<Spec, TypologyError> {
        if self.format != FORMAT {
            return Err(TypologyError::UnsupportedFormat {
                found: self.format,
                supported: FORMAT,
            });
        }
        for (key, value) in [("name", &self.name), ("version", &self.version)] {
            if value.trim().is_empty() {
                return Err(TypologyError::Missing { key: key.into() });
            }
        }
        let step = self.borderline.share_step;
        if !(step > 0.0 && step <= 1.0) {
            return Err(TypologyError::OutOfRange {
                key: "borderline.share_step".into(),
                value: step,
                min: f64::MIN_POSITIVE,
                max: 1.0,
            });
        }
        let dimensions = validate::dimensions(&self.dimensions)?;
        let types = validate::types(&self.types, &dimensions)?;
        validate::membership(&self.membership, &types)?;
        let digest = digest(&self)?;
        Ok(Spec {
            file: self,
            dimensions,
            types,
            digest,
        })
    }
}

fn digest(file: &SpecFile) -> Result<String, TypologyError> {
    let text = toml::to_string(file).map_err(|e| TypologyError::Invalid {
        key: "spec".into(),
        problem: e.to_string(),
    })?;
    // FNV-1a: tiny, stable across platforms and versions; not a security hash.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    Ok(format!("fnv1a64:{h:016x}"))
}

/// A type's identity in results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeInfo {
    /// Identifier.
    pub id: String,
    /// Position on the scale, 1 = most private.
    pub position: usize,
    /// Label.
    pub label: Bilingual,
    /// What it means.
    pub description: Bilingual,
    /// Lowest composite score of its interval.
    pub from: f64,
    /// Upper end of its interval (exclusive, except 1 for the last type).
    pub to: f64,
}

impl Spec {
    /// The types with their intervals on the composite score, e.g. for a chart's legend.
    pub fn types(&self) -> Vec<TypeInfo> {
        self.types
            .iter()
            .enumerate()
            .map(|(i, t)| TypeInfo {
                id: t.id.clone(),
                position: i + 1,
                label: t.label.clone(),
                description: t.description.clone(),
                from: t.from,
                to: self.upper(i),
            })
            .collect()
    }
}
