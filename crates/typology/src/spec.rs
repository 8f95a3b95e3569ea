//! The validated spec: every check is made here, once, before anything is classified.

use std::collections::{BTreeMap, BTreeSet};

use creacity_model::{Bilingual, Coded, Support};
use serde::Serialize;

use crate::field::FieldKind;
use crate::file::{
    Axis, DimensionFile, FORMAT, FactFile, MembershipFile, NumericRule, SpecFile, TypeFile,
};
use crate::scoring::Scoring;
use crate::{Field, TypologyError};

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
        let dimensions = validate_dimensions(&self.dimensions)?;
        let types = validate_types(&self.types, &dimensions)?;
        validate_membership(&self.membership, &types)?;
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

fn check_weight(key: &str, w: f64) -> Result<f64, TypologyError> {
    if w.is_finite() && w >= 0.0 {
        Ok(w)
    } else {
        Err(TypologyError::NegativeWeight {
            key: key.into(),
            value: w,
        })
    }
}

fn check_score(key: &str, v: f64) -> Result<f64, TypologyError> {
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(TypologyError::OutOfRange {
            key: key.into(),
            value: v,
            min: 0.0,
            max: 1.0,
        })
    }
}

fn validate_dimensions(dims: &[DimensionFile]) -> Result<Vec<Dimension>, TypologyError> {
    if dims.is_empty() {
        return Err(TypologyError::Missing {
            key: "dimensions".into(),
        });
    }
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (i, d) in dims.iter().enumerate() {
        let key = if d.id.trim().is_empty() {
            return Err(TypologyError::Missing {
                key: format!("dimensions[{i}].id"),
            });
        } else {
            format!("dimensions[{}]", d.id)
        };
        if !seen.insert(d.id.as_str()) {
            return Err(TypologyError::Duplicate {
                key: format!("{key}.id"),
                id: d.id.clone(),
            });
        }
        if d.label.is_blank() {
            return Err(TypologyError::Missing {
                key: format!("{key}.label"),
            });
        }
        let weight = check_weight(&format!("{key}.weight"), d.weight)?;
        if d.facts.is_empty() {
            return Err(TypologyError::Missing {
                key: format!("{key}.facts"),
            });
        }
        let mut facts = Vec::new();
        for (j, f) in d.facts.iter().enumerate() {
            let fkey = format!("{key}.facts[{j}]");
            let w = check_weight(&format!("{fkey}.weight"), f.weight.unwrap_or(1.0))?;
            facts.push((w, validate_fact(&fkey, f)?));
        }
        let total: f64 = facts.iter().map(|(w, _)| w).sum();
        if total <= 0.0 {
            return Err(TypologyError::AllWeightsZero {
                key: format!("{key}.facts"),
            });
        }
        out.push(Dimension {
            id: d.id.clone(),
            label: d.label.to_bilingual(),
            weight,
            share: 0.0,
            axis: d.axis,
            facts: facts
                .into_iter()
                .map(|(w, (field, scoring))| Fact {
                    field,
                    share: w / total,
                    scoring,
                })
                .collect(),
        });
    }
    let total: f64 = out.iter().map(|d| d.weight).sum();
    if total <= 0.0 {
        return Err(TypologyError::AllWeightsZero {
            key: "dimensions".into(),
        });
    }
    for d in &mut out {
        d.share = d.weight / total;
    }
    Ok(out)
}

fn mismatch(key: String, field: Field, reason: &str) -> TypologyError {
    TypologyError::Mismatch {
        key,
        field: field.code().into(),
        reason: reason.into(),
    }
}

fn validate_fact(key: &str, f: &FactFile) -> Result<(Field, Scoring), TypologyError> {
    let field = f.field;
    let kind = field.kind();
    let numeric = matches!(kind, FieldKind::Share | FieldKind::Seats);
    if numeric {
        for (name, given) in [
            ("scores", f.scores.is_some()),
            ("default", f.default.is_some()),
            ("cap", f.cap.is_some()),
        ] {
            if given {
                return Err(mismatch(
                    format!("{key}.{name}"),
                    field,
                    "numeric fields are scored with `rule`, `x`/`y` or `steps`",
                ));
            }
        }
        return Ok((field, validate_numeric(key, f)?));
    }
    for (name, given) in [
        ("rule", f.rule.is_some()),
        ("x", f.x.is_some()),
        ("y", f.y.is_some()),
        ("steps", f.steps.is_some()),
    ] {
        if given {
            return Err(mismatch(
                format!("{key}.{name}"),
                field,
                "coded fields are scored with `scores` and `default`",
            ));
        }
    }
    if kind == FieldKind::Coded && f.cap.is_some() {
        return Err(mismatch(
            format!("{key}.cap"),
            field,
            "`cap` applies to `support` only",
        ));
    }
    let default = f
        .default
        .map(|v| check_score(&format!("{key}.default"), v))
        .transpose()?;
    let given = f.scores.clone().unwrap_or_default();
    let codes = field.codes();
    for (code, &v) in &given {
        if !codes.contains(&code.as_str()) {
            return Err(TypologyError::UnknownCode {
                key: format!("{key}.scores.{code}"),
                field: field.code().into(),
                code: code.clone(),
                expected: codes.join(", "),
            });
        }
        check_score(&format!("{key}.scores.{code}"), v)?;
    }
    let mut scores = BTreeMap::new();
    for code in codes {
        let v = match (given.get(code), default) {
            (Some(&v), _) | (None, Some(v)) => v,
            (None, None) => {
                return Err(TypologyError::UnscoredCode {
                    key: format!("{key}.scores"),
                    field: field.code().into(),
                    code: code.into(),
                });
            }
        };
        scores.insert(code, v);
    }
    if kind == FieldKind::Coded {
        return Ok((field, Scoring::Codes(scores)));
    }
    let cap = f.cap.unwrap_or(1.0);
    check_score(&format!("{key}.cap"), cap)?;
    let forms = Support::ALL
        .iter()
        .map(|&s| (s, scores[s.code()]))
        .collect();
    Ok((field, Scoring::Forms { scores: forms, cap }))
}

fn validate_numeric(key: &str, f: &FactFile) -> Result<Scoring, TypologyError> {
    match f.rule.unwrap_or(if f.steps.is_some() {
        NumericRule::Steps
    } else {
        NumericRule::Linear
    }) {
        NumericRule::Linear => {
            if f.steps.is_some() {
                return Err(mismatch(
                    format!("{key}.steps"),
                    f.field,
                    "`steps` needs `rule = \"steps\"`",
                ));
            }
            let [x0, x1] = f.x.unwrap_or([0.0, 1.0]);
            let [y0, y1] = f.y.unwrap_or([0.0, 1.0]);
            check_score(&format!("{key}.x[0]"), x0)?;
            check_score(&format!("{key}.x[1]"), x1)?;
            check_score(&format!("{key}.y[0]"), y0)?;
            check_score(&format!("{key}.y[1]"), y1)?;
            if x1 <= x0 {
                return Err(TypologyError::NotIncreasing {
                    key: format!("{key}.x[1]"),
                    previous: x0,
                    value: x1,
                });
            }
            Ok(Scoring::Linear { x0, x1, y0, y1 })
        }
        NumericRule::Steps => {
            for (name, given) in [("x", f.x.is_some()), ("y", f.y.is_some())] {
                if given {
                    return Err(mismatch(
                        format!("{key}.{name}"),
                        f.field,
                        "`x`/`y` belong to `rule = \"linear\"`",
                    ));
                }
            }
            let steps = f.steps.as_deref().unwrap_or_default();
            if steps.is_empty() {
                return Err(TypologyError::Missing {
                    key: format!("{key}.steps"),
                });
            }
            let mut out: Vec<(f64, f64)> = Vec::new();
            for (k, s) in steps.iter().enumerate() {
                check_score(&format!("{key}.steps[{k}].from"), s.from)?;
                check_score(&format!("{key}.steps[{k}].score"), s.score)?;
                if let Some(&(prev, _)) = out.last()
                    && s.from <= prev
                {
                    return Err(TypologyError::NotIncreasing {
                        key: format!("{key}.steps[{k}].from"),
                        previous: prev,
                        value: s.from,
                    });
                }
                out.push((s.from, s.score));
            }
            Ok(Scoring::Steps(out))
        }
    }
}

fn validate_types(types: &[TypeFile], dims: &[Dimension]) -> Result<Vec<TypeDef>, TypologyError> {
    if types.len() < 2 {
        return Err(TypologyError::TooFewTypes { count: types.len() });
    }
    let mut seen = BTreeSet::new();
    let mut out: Vec<TypeDef> = Vec::new();
    for (i, t) in types.iter().enumerate() {
        if t.id.trim().is_empty() {
            return Err(TypologyError::Missing {
                key: format!("types[{i}].id"),
            });
        }
        let key = format!("types[{}]", t.id);
        if !seen.insert(t.id.as_str()) {
            return Err(TypologyError::Duplicate {
                key: format!("{key}.id"),
                id: t.id.clone(),
            });
        }
        if t.label.is_blank() {
            return Err(TypologyError::Missing {
                key: format!("{key}.label"),
            });
        }
        let from = match (i, t.from) {
            (0, None) => 0.0,
            (0, Some(v)) if v == 0.0 => 0.0,
            (0, Some(v)) => {
                return Err(TypologyError::Invalid {
                    key: format!("{key}.from"),
                    problem: format!("the first type starts at 0, not at {v}; leave `from` out"),
                });
            }
            (_, None) => {
                return Err(TypologyError::Missing {
                    key: format!("{key}.from"),
                });
            }
            (_, Some(v)) => {
                if !(v > 0.0 && v < 1.0) {
                    return Err(TypologyError::OutOfRange {
                        key: format!("{key}.from"),
                        value: v,
                        min: 0.0,
                        max: 1.0,
                    });
                }
                let prev = out.last().map_or(0.0, |p| p.from);
                if v <= prev {
                    return Err(TypologyError::NotIncreasing {
                        key: format!("{key}.from"),
                        previous: prev,
                        value: v,
                    });
                }
                v
            }
        };
        let mut require = Vec::new();
        for (k, r) in t.require.iter().enumerate() {
            let rkey = format!("{key}.require[{k}]");
            let Some(d) = dims.iter().position(|d| d.id == r.dimension) else {
                return Err(TypologyError::UnknownDimension {
                    key: format!("{rkey}.dimension"),
                    name: r.dimension.clone(),
                    expected: dims.iter().map(|d| d.id.as_str()).collect::<Vec<_>>().join(", "),
                });
            };
            if r.min.is_none() && r.max.is_none() {
                return Err(TypologyError::Missing {
                    key: format!("{rkey}.min"),
                });
            }
            let min = check_score(&format!("{rkey}.min"), r.min.unwrap_or(0.0))?;
            let max = check_score(&format!("{rkey}.max"), r.max.unwrap_or(1.0))?;
            if max < min {
                return Err(TypologyError::NotIncreasing {
                    key: format!("{rkey}.max"),
                    previous: min,
                    value: max,
                });
            }
            require.push((d, min, max));
        }
        out.push(TypeDef {
            id: t.id.clone(),
            label: t.label.to_bilingual(),
            description: t.description.to_bilingual(),
            from,
            require,
        });
    }
    if out.iter().all(|t| !t.require.is_empty()) {
        return Err(TypologyError::NoFallbackType);
    }
    Ok(out)
}

fn validate_membership(m: &MembershipFile, types: &[TypeDef]) -> Result<(), TypologyError> {
    if let MembershipFile::Trapezoidal { width } = *m {
        if !(width.is_finite() && width >= 0.0) {
            return Err(TypologyError::OutOfRange {
                key: "membership.width".into(),
                value: width,
                min: 0.0,
                max: 1.0,
            });
        }
        // Bands around neighbouring thresholds must not overlap, or memberships would not sum to 1.
        let gap = types
            .windows(3)
            .map(|w| w[2].from - w[1].from)
            .fold(f64::INFINITY, f64::min);
        if width > gap {
            return Err(TypologyError::BandTooWide {
                key: "membership.width".into(),
                width,
                gap,
            });
        }
    }
    Ok(())
}

/// A type's identity in results.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
