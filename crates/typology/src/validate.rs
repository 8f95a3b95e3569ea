//! The rules a spec file must keep; each error names the key that breaks one.

use std::collections::{BTreeMap, BTreeSet};

use creacity_model::{Coded, Support};

use crate::field::{FieldKind, snap};
use crate::file::{DimensionFile, FactFile, MembershipFile, NumericRule, TypeFile};
use crate::scoring::Scoring;
use crate::spec::{Dimension, Fact, TypeDef};
use crate::{Field, TypologyError};

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

pub(crate) fn dimensions(dims: &[DimensionFile]) -> Result<Vec<Dimension>, TypologyError> {
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

pub(crate) fn types(types: &[TypeFile], dims: &[Dimension]) -> Result<Vec<TypeDef>, TypologyError> {
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
            (0, None | Some(0.0)) => 0.0,
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
                if !(0.0..=1.0).contains(&v) {
                    return Err(TypologyError::OutOfRange {
                        key: format!("{key}.from"),
                        value: v,
                        min: 0.0,
                        max: 1.0,
                    });
                }
                if v == 1.0 {
                    return Err(TypologyError::Invalid {
                        key: format!("{key}.from"),
                        problem: "a threshold of 1 leaves the type only the single score 1; \
                                  thresholds must lie below 1"
                            .into(),
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
                    expected: dims
                        .iter()
                        .map(|d| d.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
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

pub(crate) fn membership(m: &MembershipFile, types: &[TypeDef]) -> Result<(), TypologyError> {
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
        let gap = if gap.is_finite() { snap(gap) } else { gap };
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
