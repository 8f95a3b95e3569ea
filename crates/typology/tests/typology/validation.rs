//! One test per invalid spec: each error names the key and carries the offending value.

use creacity_typology::{
    DEFAULT_SPEC_TOML, FactFile, Field, MembershipFile, NumericRule, RequireFile, Spec, SpecFile,
    StepFile, TypologyError,
};

fn file() -> SpecFile {
    Spec::builtin().file().clone()
}

fn bad(edit: impl FnOnce(&mut SpecFile)) -> TypologyError {
    let mut f = file();
    edit(&mut f);
    f.validate().expect_err("the spec should be refused")
}

fn bad_toml(from: &str, to: &str) -> TypologyError {
    assert!(DEFAULT_SPEC_TOML.contains(from), "{from}");
    Spec::from_toml(&DEFAULT_SPEC_TOML.replacen(from, to, 1)).expect_err("should be refused")
}

fn toml_message(e: TypologyError) -> String {
    match e {
        TypologyError::Toml { message } => message,
        other => panic!("expected a TOML error, got {other:?}"),
    }
}

#[test]
fn the_default_spec_is_valid() {
    let spec = Spec::from_toml(DEFAULT_SPEC_TOML).unwrap();
    assert_eq!((spec.name(), spec.version()), ("creacity-default", "1.0.0"));
    assert!(
        spec.file()
            .note
            .en
            .contains("initiative-based and dependent")
    );
    assert!(spec.file().note.ru.contains("инициативный и зависимый"));
}

#[test]
fn not_toml() {
    let m = toml_message(Spec::from_toml("format = = 1").unwrap_err());
    assert!(m.contains("line 1"), "{m}");
}

#[test]
fn unknown_top_level_key() {
    let m = toml_message(bad_toml(
        "version = \"1.0.0\"",
        "version = \"1.0.0\"\nweights = 3",
    ));
    assert!(m.contains("weights"), "{m}");
}

#[test]
fn unknown_fact_field() {
    let m = toml_message(bad_toml("field = \"initiator\"", "field = \"founder\""));
    assert!(m.contains("founder") && m.contains("initiator"), "{m}");
}

#[test]
fn unknown_key_in_a_fact() {
    let m = toml_message(bad_toml(
        "field = \"initiator\"",
        "field = \"initiator\"\n  wieght = 2",
    ));
    assert!(m.contains("wieght"), "{m}");
}

#[test]
fn unknown_membership_kind() {
    let m = toml_message(bad_toml("kind = \"triangular\"", "kind = \"gaussian\""));
    assert!(m.contains("gaussian"), "{m}");
}

#[test]
fn unsupported_format() {
    assert_eq!(
        bad(|f| f.format = 2),
        TypologyError::UnsupportedFormat {
            found: 2,
            supported: 1
        }
    );
}

#[test]
fn missing_name() {
    assert_eq!(
        bad(|f| f.name = " ".into()),
        TypologyError::Missing { key: "name".into() }
    );
}

#[test]
fn missing_dimension_label() {
    assert_eq!(
        bad(|f| f.dimensions[1].label = Default::default()),
        TypologyError::Missing {
            key: "dimensions[ownership].label".into()
        }
    );
}

#[test]
fn negative_dimension_weight() {
    assert_eq!(
        bad(|f| f.dimensions[0].weight = -0.2),
        TypologyError::NegativeWeight {
            key: "dimensions[initiative].weight".into(),
            value: -0.2
        }
    );
}

#[test]
fn negative_fact_weight() {
    assert_eq!(
        bad(|f| f.dimensions[4].facts[1].weight = Some(-1.0)),
        TypologyError::NegativeWeight {
            key: "dimensions[governance].facts[1].weight".into(),
            value: -1.0
        }
    );
}

#[test]
fn all_dimension_weights_zero() {
    assert_eq!(
        bad(|f| f.dimensions.iter_mut().for_each(|d| d.weight = 0.0)),
        TypologyError::AllWeightsZero {
            key: "dimensions".into()
        }
    );
}

#[test]
fn all_fact_weights_zero() {
    assert_eq!(
        bad(|f| f.dimensions[4]
            .facts
            .iter_mut()
            .for_each(|x| x.weight = Some(0.0))),
        TypologyError::AllWeightsZero {
            key: "dimensions[governance].facts".into()
        }
    );
}

#[test]
fn a_dimension_without_facts() {
    assert_eq!(
        bad(|f| f.dimensions[2].facts.clear()),
        TypologyError::Missing {
            key: "dimensions[funding_creation].facts".into()
        }
    );
}

#[test]
fn duplicate_dimension() {
    assert_eq!(
        bad(|f| f.dimensions[1].id = "initiative".into()),
        TypologyError::Duplicate {
            key: "dimensions[initiative].id".into(),
            id: "initiative".into()
        }
    );
}

#[test]
fn score_outside_zero_one() {
    let e = bad(|f| {
        f.dimensions[0].facts[0]
            .scores
            .as_mut()
            .unwrap()
            .insert("federal".into(), 1.5);
    });
    assert_eq!(
        e,
        TypologyError::OutOfRange {
            key: "dimensions[initiative].facts[0].scores.federal".into(),
            value: 1.5,
            min: 0.0,
            max: 1.0
        }
    );
}

#[test]
fn unknown_code() {
    let e = bad(|f| {
        f.dimensions[1].facts[0]
            .scores
            .as_mut()
            .unwrap()
            .insert("castle".into(), 0.5);
    });
    match e {
        TypologyError::UnknownCode {
            key,
            field,
            code,
            expected,
        } => {
            assert_eq!(key, "dimensions[ownership].facts[0].scores.castle");
            assert_eq!((field.as_str(), code.as_str()), ("site_owner", "castle"));
            assert!(expected.contains("municipal"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn unscored_code_without_default() {
    let unscored = |f: &mut SpecFile| {
        f.dimensions[0].facts[0]
            .scores
            .as_mut()
            .unwrap()
            .remove("federal");
    };
    assert_eq!(
        bad(unscored),
        TypologyError::UnscoredCode {
            key: "dimensions[initiative].facts[0].scores".into(),
            field: "initiator".into(),
            code: "federal".into()
        }
    );
    // With a default the same spec is accepted.
    let mut f = file();
    unscored(&mut f);
    f.dimensions[0].facts[0].default = Some(1.0);
    assert!(f.validate().is_ok());
}

#[test]
fn scores_on_a_numeric_field() {
    let e = bad(|f| f.dimensions[2].facts[0].scores = Some(Default::default()));
    assert!(
        matches!(e, TypologyError::Mismatch { ref key, ref field, .. }
        if key == "dimensions[funding_creation].facts[0].scores" && field == "public_share_creation")
    );
}

#[test]
fn steps_on_a_coded_field() {
    let e = bad(|f| f.dimensions[0].facts[0].steps = Some(vec![]));
    assert!(matches!(e, TypologyError::Mismatch { ref key, .. }
        if key == "dimensions[initiative].facts[0].steps"));
}

#[test]
fn linear_x_not_increasing() {
    assert_eq!(
        bad(|f| f.dimensions[2].facts[0].x = Some([0.8, 0.2])),
        TypologyError::NotIncreasing {
            key: "dimensions[funding_creation].facts[0].x[1]".into(),
            previous: 0.8,
            value: 0.2
        }
    );
}

#[test]
fn steps_not_increasing() {
    let e = bad(|f| {
        let mut fact = FactFile::new(Field::PublicSeatShare);
        fact.rule = Some(NumericRule::Steps);
        fact.steps = Some(vec![
            StepFile {
                from: 0.0,
                score: 0.0,
            },
            StepFile {
                from: 0.5,
                score: 1.0,
            },
            StepFile {
                from: 0.5,
                score: 0.5,
            },
        ]);
        f.dimensions[4].facts[1] = fact;
    });
    assert_eq!(
        e,
        TypologyError::NotIncreasing {
            key: "dimensions[governance].facts[1].steps[2].from".into(),
            previous: 0.5,
            value: 0.5
        }
    );
}

#[test]
fn thresholds_not_increasing() {
    assert_eq!(
        bad(|f| f.types[4].from = Some(0.5)),
        TypologyError::NotIncreasing {
            key: "types[dependent].from".into(),
            previous: 0.6,
            value: 0.5
        }
    );
}

#[test]
fn threshold_outside_the_scale() {
    assert_eq!(
        bad(|f| f.types[4].from = Some(1.2)),
        TypologyError::OutOfRange {
            key: "types[dependent].from".into(),
            value: 1.2,
            min: 0.0,
            max: 1.0
        }
    );
}

#[test]
fn threshold_missing() {
    assert_eq!(
        bad(|f| f.types[2].from = None),
        TypologyError::Missing {
            key: "types[partnership].from".into()
        }
    );
}

#[test]
fn first_type_with_a_threshold() {
    let e = bad(|f| f.types[0].from = Some(0.1));
    assert!(
        matches!(e, TypologyError::Invalid { ref key, .. } if key == "types[initiative_based].from")
    );
}

#[test]
fn duplicate_type() {
    assert_eq!(
        bad(|f| f.types[3].id = "partnership".into()),
        TypologyError::Duplicate {
            key: "types[partnership].id".into(),
            id: "partnership".into()
        }
    );
}

#[test]
fn too_few_types() {
    assert_eq!(
        bad(|f| f.types.truncate(1)),
        TypologyError::TooFewTypes { count: 1 }
    );
}

#[test]
fn unknown_dimension_in_a_rule() {
    let e = bad(|f| f.types[4].require[0].dimension = "money".into());
    match e {
        TypologyError::UnknownDimension {
            key,
            name,
            expected,
        } => {
            assert_eq!(key, "types[dependent].require[0].dimension");
            assert_eq!(name, "money");
            assert!(expected.starts_with("initiative, ownership"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_rule_without_bounds() {
    assert_eq!(
        bad(|f| f.types[4].require[0] = RequireFile {
            dimension: "support".into(),
            min: None,
            max: None
        }),
        TypologyError::Missing {
            key: "types[dependent].require[0].min".into()
        }
    );
}

#[test]
fn every_type_has_rules() {
    let e = bad(|f| {
        for t in &mut f.types {
            t.require = vec![RequireFile {
                dimension: "support".into(),
                min: Some(0.0),
                max: None,
            }];
        }
    });
    assert_eq!(e, TypologyError::NoFallbackType);
}

#[test]
fn fuzzy_band_wider_than_a_type() {
    assert_eq!(
        bad(|f| f.membership = MembershipFile::Trapezoidal { width: 0.3 }),
        TypologyError::BandTooWide {
            key: "membership.width".into(),
            width: 0.3,
            gap: 0.2
        }
    );
}

#[test]
fn share_step_zero() {
    let e = bad(|f| f.borderline.share_step = 0.0);
    assert!(matches!(e, TypologyError::OutOfRange { ref key, value, .. }
        if key == "borderline.share_step" && value == 0.0));
}

#[test]
fn errors_read_well() {
    let e = bad(|f| f.dimensions[0].weight = -0.2);
    assert_eq!(
        e.to_string(),
        "`dimensions[initiative].weight`: weight -0.2 must be a finite number >= 0"
    );
}

#[test]
fn width_without_a_trapezoid() {
    let m = toml_message(bad_toml(
        "kind = \"triangular\"",
        "kind = \"crisp\"\nwidth = 0.1",
    ));
    assert!(m.contains("width"), "{m}");
}

#[test]
fn unknown_language_in_a_label() {
    let m = toml_message(bad_toml(
        "label = { ru = \"Инициатива\", en = \"Initiative\" }",
        "label = { ru = \"Инициатива\", de = \"Initiative\" }",
    ));
    assert!(m.contains("de"), "{m}");
}

#[test]
fn trapezoid_without_width() {
    let m = toml_message(bad_toml("kind = \"triangular\"", "kind = \"trapezoidal\""));
    assert!(m.contains("membership.width"), "{m}");
    let ok = DEFAULT_SPEC_TOML.replacen(
        "kind = \"triangular\"",
        "kind = \"trapezoidal\"\nwidth = 0.1",
        1,
    );
    let spec = Spec::from_toml(&ok).unwrap();
    assert_eq!(
        spec.file().membership,
        MembershipFile::Trapezoidal { width: 0.1 }
    );
    // And it writes back the same way.
    assert_eq!(Spec::from_toml(&spec.to_toml().unwrap()).unwrap(), spec);
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let with_bom = format!("\u{feff}{DEFAULT_SPEC_TOML}");
    assert_eq!(Spec::from_toml(&with_bom).unwrap(), Spec::builtin());
}

#[test]
fn threshold_at_the_ends_of_the_scale() {
    // 0 for a later type is not above the start of the first one.
    assert_eq!(
        bad(|f| f.types[1].from = Some(0.0)),
        TypologyError::NotIncreasing {
            key: "types[supported_initiative].from".into(),
            previous: 0.0,
            value: 0.0
        }
    );
    let e = bad(|f| f.types[4].from = Some(1.0));
    assert!(matches!(e, TypologyError::Invalid { ref key, .. } if key == "types[dependent].from"));
}
