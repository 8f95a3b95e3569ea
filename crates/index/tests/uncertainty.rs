//! Monte Carlo and sensitivity analysis on COINr's ASEM example, and up-front validation of the plan.

use creacity_index::sensitivity::{Estimators, Sampler};
use creacity_index::uncertainty::{SensitivityOptions, run_monte_carlo, run_sensitivity};
use creacity_index::*;

const DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/reference/composite/"
);

fn coin() -> Option<Coin> {
    let (Ok(meta), Ok(data)) = (
        std::fs::read_to_string(format!("{DIR}ASEM_iMeta.csv")),
        std::fs::read_to_string(format!("{DIR}ASEM_iData.csv")),
    ) else {
        eprintln!("skipping: {DIR} not found");
        return None;
    };
    let fw = read_imeta(&meta).unwrap();
    let d = read_idata(&data, &fw).unwrap();
    let log = vec![
        Step::Denominate(Denominate::default()),
        Step::Impute(Impute {
            method: ImputeMethod::GroupMean {
                group: "EurAsia_group".into(),
            },
        }),
        Step::Screen(Screen {
            min_availability: 0.9,
            force_include: vec![],
            force_exclude: vec![],
        }),
        Step::Treat(Treat::default()),
        Step::Normalise(Normalise::default()),
        Step::Aggregate(Aggregate::default()),
    ];
    Some(Coin::build(fw, d, log).unwrap())
}

/// The four uncertain inputs of COINr's sensitivity vignette.
fn inputs(c: &Coin) -> Vec<UncertainInput> {
    vec![
        UncertainInput {
            name: "winmax".into(),
            path: ParamPath::TreatWinmax,
            distribution: Distribution::Discrete {
                values: (1..=5).map(ParamValue::Int).collect(),
            },
        },
        UncertainInput {
            name: "normalisation".into(),
            path: ParamPath::NormaliseDefault,
            distribution: Distribution::Discrete {
                values: vec![
                    ParamValue::Normalise(NormMethod::MinMax { lo: 0.0, hi: 100.0 }),
                    ParamValue::Normalise(NormMethod::ZScore {
                        mean: 10.0,
                        sd: 2.0,
                    }),
                ],
            },
        },
        UncertainInput::weight_noise("weights", &c.framework, 2, 0.25, 100, 1),
        UncertainInput {
            name: "aggregation".into(),
            path: ParamPath::AggregateMethod,
            distribution: Distribution::Discrete {
                values: vec![
                    ParamValue::Aggregate(AggMethod::Arithmetic),
                    ParamValue::Aggregate(AggMethod::Geometric),
                ],
            },
        },
    ]
}

#[test]
fn monte_carlo_ranks() {
    let Some(c) = coin() else { return };
    let plan = Plan::new(&c, inputs(&c)).unwrap();
    let r = run_monte_carlo(&c, &plan, 200, Sampler::Random { seed: 3 }).unwrap();
    assert_eq!((r.runs, r.failed), (200, 0));
    let che = r.units.iter().find(|u| u.unit == "CHE").unwrap();
    assert_eq!(che.nominal_rank, 1.0);
    assert!(che.q05_rank >= 1.0 && che.q95_rank <= 10.0, "{che:?}");
    for u in &r.units {
        assert!(
            u.q05_rank <= u.median_rank && u.median_rank <= u.q95_rank,
            "{u:?}"
        );
        assert_eq!(u.runs_with_score, 200);
    }
    // Same seed, same result: runs are pure.
    assert_eq!(
        run_monte_carlo(&c, &plan, 200, Sampler::Random { seed: 3 }).unwrap(),
        r
    );
}

#[test]
fn sensitivity_of_the_index_and_units() {
    let Some(c) = coin() else { return };
    let plan = Plan::new(&c, inputs(&c)).unwrap();
    let opts = SensitivityOptions {
        n: 64,
        sampler: Sampler::Sobol,
        estimators: Estimators::default(),
        per_unit: true,
    };
    let s = run_sensitivity(&c, &plan, &opts).unwrap();
    assert_eq!(s.runs, 64 * 6);
    assert_eq!(s.failed, 0);
    assert_eq!(s.per_unit.len(), 51);
    // Total effects are at least roughly the first-order ones, and the winmax choice matters least.
    for i in 0..4 {
        assert!(s.index.total[i] >= -0.05, "{:?}", s.index.total);
    }
    assert!(s.index.total[0] < s.index.total[1], "{:?}", s.index.total);
}

#[test]
fn geometric_with_zeros_is_refused_when_asked() {
    let Some(c) = coin() else { return };
    let mut log = c.log.clone();
    if let Some(Step::Aggregate(a)) = log.last_mut() {
        a.method = AggMethod::Geometric;
        a.nonpositive = NonPositive::Refuse;
    }
    let e = c.with_log(log.clone()).unwrap_err();
    assert!(matches!(e, IndexError::NonPositive { .. }), "{e}");
    // The default policy shifts and reports the shift.
    if let Some(Step::Aggregate(a)) = log.last_mut() {
        a.nonpositive = NonPositive::Shift { fraction: 0.01 };
    }
    let g = c.with_log(log).unwrap();
    let Some(StepReport::Aggregate { shifts, .. }) = &g.stages.last().unwrap().report else {
        panic!()
    };
    assert_eq!(shifts.get("Physical"), Some(&1.0)); // min 0, range 100 → shift 1
    assert!(
        g.ranking(None)
            .unwrap()
            .scores
            .iter()
            .all(|v| v.is_finite())
    );
}

#[test]
fn bad_plans_are_refused_up_front() {
    let Some(c) = coin() else { return };
    let one = |path: ParamPath, distribution: Distribution| {
        Plan::new(
            &c,
            vec![UncertainInput {
                name: "x".into(),
                path,
                distribution,
            }],
        )
        .unwrap_err()
        .to_string()
    };
    let e = one(
        ParamPath::TreatWinmax,
        Distribution::Discrete { values: vec![] },
    );
    assert!(e.contains("no alternatives"), "{e}");
    let e = one(
        ParamPath::TreatWinmax,
        Distribution::Uniform { lo: 5.0, hi: 1.0 },
    );
    assert!(e.contains("lo < hi"), "{e}");
    let e = one(
        ParamPath::NormaliseDefault,
        Distribution::Discrete {
            values: vec![ParamValue::Int(3)],
        },
    );
    assert!(e.contains("kind normalise"), "{e}");
    let e = one(
        ParamPath::Weight {
            code: "Nope".into(),
        },
        Distribution::Uniform { lo: 0.5, hi: 1.5 },
    );
    assert!(e.contains("Nope"), "{e}");
    let e = one(
        ParamPath::AggregateMethod,
        Distribution::Discrete {
            values: vec![ParamValue::Aggregate(AggMethod::Generalised { p: 0.0 })],
        },
    );
    assert!(e.contains("p ≠ 0"), "{e}");
    let e = Plan::new(&c, vec![]).unwrap_err().to_string();
    assert!(e.contains("no uncertain inputs"), "{e}");
    // A path to a step that is not in the log.
    let c2 = c.with_log(c.log[3..].to_vec()).unwrap();
    let e = Plan::new(
        &c2,
        vec![UncertainInput {
            name: "imp".into(),
            path: ParamPath::ImputeMethod,
            distribution: Distribution::Discrete {
                values: vec![ParamValue::Impute(ImputeMethod::ColumnMean)],
            },
        }],
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("no Impute step"), "{e}");
}

#[test]
fn failed_runs_are_counted_not_hidden() {
    let Some(c) = coin() else { return };
    // Refuse zeros under geometric aggregation, as COINr does: every run drawing "geometric" fails.
    let mut log = c.log.clone();
    if let Some(Step::Aggregate(a)) = log.last_mut() {
        a.nonpositive = NonPositive::Refuse;
    }
    let c = c.with_log(log).unwrap();
    let plan = Plan::new(&c, inputs(&c)).unwrap();
    let r = run_monte_carlo(&c, &plan, 100, Sampler::Random { seed: 8 }).unwrap();
    assert!(r.failed > 20 && r.failed < 80, "{}", r.failed);
    assert!(
        r.failures[0].message.contains("geometric"),
        "{}",
        r.failures[0].message
    );
    assert!(r.units.iter().all(|u| u.runs_with_score == 100 - r.failed));
    let opts = SensitivityOptions {
        n: 32,
        sampler: Sampler::Sobol,
        estimators: Estimators::default(),
        per_unit: false,
    };
    let s = run_sensitivity(&c, &plan, &opts).unwrap();
    assert!(s.failed > 0 && s.index.rows_dropped > 0);
    assert!(
        s.index
            .first
            .iter()
            .chain(&s.index.total)
            .all(|v| v.is_finite())
    );
}
