//! Analysis, scenarios, peers and monitoring on COINr's ASEM example and on a small synthetic panel.

use std::collections::BTreeMap;

use creacity_index::analysis::*;
use creacity_index::monitor::*;
use creacity_index::scenario::*;
use creacity_index::sensitivity::Sampler;
use creacity_index::*;

const DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/reference/composite/"
);

fn asem() -> Option<Coin> {
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

#[test]
fn correlations_alpha_pca() {
    let Some(c) = asem() else { return };
    let within = correlations(&c, None, 2, 2, CorrMethod::Pearson).unwrap();
    assert_eq!(within.rows.len(), 8);
    for i in 0..8 {
        assert!((within.values[i][i] - 1.0).abs() < 1e-12);
        for j in 0..8 {
            assert!((within.values[i][j] - within.values[j][i]).abs() < 1e-12);
        }
    }
    let across = correlations(&c, None, 1, 4, CorrMethod::Spearman).unwrap();
    assert_eq!((across.rows.len(), across.cols.len()), (49, 1));
    // Indicators before aggregation have no aggregate columns: a clear error.
    assert!(correlations(&c, Some("Normalised"), 1, 2, CorrMethod::Pearson).is_err());
    let pillars: Vec<String> = c
        .framework
        .at_level(2)
        .iter()
        .map(|n| n.code.clone())
        .collect();
    let a = cronbach_alpha(c.last(), &pillars).unwrap();
    assert!(a > 0.0 && a < 1.0, "{a}");
    let p = pca(c.last(), &pillars).unwrap();
    assert!((p.explained.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    assert!(p.eigenvalues.windows(2).all(|w| w[0] >= w[1]));
    assert!((p.eigenvalues.iter().sum::<f64>() - 8.0).abs() < 1e-9); // trace of a correlation matrix
}

#[test]
fn pca_weights_and_other_methods_build() {
    let Some(c) = asem() else { return };
    let mut log = c.log.clone();
    if let Some(Step::Aggregate(a)) = log.last_mut() {
        a.weights_by_level = vec![LevelWeights {
            level: 1,
            source: WeightSource::Pca,
        }];
        a.by_level = vec![LevelMethod {
            level: 3,
            method: AggMethod::Geometric,
        }];
        a.by_group = vec![GroupMethod {
            parent: "Index".into(),
            method: AggMethod::Copeland,
        }];
    }
    let c2 = c.with_log(log).unwrap();
    let Some(StepReport::Aggregate {
        weights, methods, ..
    }) = &c2.stages.last().unwrap().report
    else {
        panic!()
    };
    let phys: f64 = c
        .framework
        .children("Physical")
        .iter()
        .map(|n| weights[&n.code])
        .sum();
    assert!((phys - 1.0).abs() < 1e-12);
    assert_eq!(methods["Conn"], AggMethod::Geometric);
    assert_eq!(methods["Index"], AggMethod::Copeland);
    // Copeland over 2 sub-indices: a unit beating every other unit on both scores 50.
    let r = c2.ranking(None).unwrap();
    assert!(r.scores.iter().all(|s| s.abs() <= 50.0 && s.fract() == 0.0));
}

#[test]
fn strengths_and_weaknesses_and_drop_effects() {
    let Some(c) = asem() else { return };
    let sw = strengths_weaknesses(&c, Some("Raw"), "CHE", 5).unwrap();
    assert_eq!(sw.strengths.len(), 5);
    assert!(sw.strengths[0].rank <= sw.strengths[4].rank);
    assert!(sw.weaknesses[0].rank >= sw.weaknesses[4].rank);
    let eff = drop_effects(&c, 2).unwrap();
    assert_eq!(eff.len(), 8);
    assert!(
        eff.iter()
            .all(|e| e.failure.is_none() && e.mean_abs_rank_change > 0.0)
    );
}

#[test]
fn scenario_changes_and_new_unit() {
    let Some(c) = asem() else { return };
    // RUS (last) gets Switzerland's raw values on every indicator of the Political pillar.
    let che = c.data.unit_index("CHE").unwrap();
    let changes = c
        .framework
        .children("Political")
        .iter()
        .map(|n| ValueChange {
            unit: "RUS".into(),
            code: n.code.clone(),
            value: c.data.indicators.col(&n.code).unwrap()[che],
        })
        .collect();
    let sc = Scenario {
        changes,
        new_units: vec![],
    };
    let r = run_scenario(&c, &sc, None).unwrap();
    assert_eq!(r.outcomes[0].unit, "RUS");
    assert!(r.outcomes[0].score_after > r.outcomes[0].score_before.unwrap());
    assert!(r.outcomes[0].rank_after <= 51.0);
    // A new unit copying Switzerland exactly ties with it.
    let values: BTreeMap<String, f64> = c
        .framework
        .indicator_codes()
        .into_iter()
        .map(|k| (k.clone(), c.data.indicators.col(&k).unwrap()[che]))
        .collect();
    let denominators = c
        .data
        .denominators
        .iter()
        .map(|(k, v)| (k.clone(), v[che]))
        .collect();
    let groups = c
        .data
        .groups
        .iter()
        .filter_map(|(k, v)| v[che].clone().map(|l| (k.clone(), l)))
        .collect();
    let nu = NewUnit {
        unit: Unit {
            code: "NEW".into(),
            name: "Synthetic copy of CHE".into(),
        },
        values,
        groups,
        denominators,
    };
    let plan = Plan::new(
        &c,
        vec![UncertainInput::weight_noise(
            "w",
            &c.framework,
            2,
            0.25,
            50,
            9,
        )],
    )
    .unwrap();
    let r = run_scenario(
        &c,
        &Scenario {
            changes: vec![],
            new_units: vec![nu],
        },
        Some((&plan, 64, Sampler::Random { seed: 1 })),
    )
    .unwrap();
    let new = &r.outcomes[0];
    assert_eq!((new.unit.as_str(), new.score_before), ("NEW", None));
    let che_after = r.outcomes.iter().find(|o| o.unit == "CHE").unwrap();
    assert_eq!(new.rank_after, che_after.rank_after);
    let iv = new.interval_after.as_ref().unwrap();
    assert!(iv.q05_rank <= new.rank_after && new.rank_after <= iv.q95_rank.max(new.rank_after));
    // Peers.
    let p = compare_with_peers(&c, "CHE", "EurAsia_group").unwrap();
    assert_eq!(p.label, "Europe");
    assert_eq!(p.rank_among_peers, 1.0);
    assert!(p.peers.contains(&"NLD".to_string()) && !p.peers.contains(&"CHN".to_string()));
}

/// A small synthetic panel (made-up values, three years, four units).
fn panel() -> (Framework, UnitData) {
    let meta = "Level,iCode,iName,Direction,Weight,Unit,Target,Denominator,Parent,Type\n\
                1,museums,Museums per 100k,1,1,,12,,Culture,Indicator\n\
                1,firms,Creative firms per 1000,1,1,,8,,Economy,Indicator\n\
                1,vacancy,Vacant industrial space,-1,1,,5,,Economy,Indicator\n\
                2,Culture,Culture,1,1,,,,Index,Aggregate\n2,Economy,Economy,1,1,,,,Index,Aggregate\n\
                3,Index,Creative city index,1,1,,,,,Aggregate\n";
    let data = "uCode,uName,Time,museums,firms,vacancy\n\
                A,Synthetic A,2021,4,2,30\nB,Synthetic B,2021,6,3,20\nC,Synthetic C,2021,8,5,10\nD,Synthetic D,2021,5,4,25\n\
                A,Synthetic A,2022,6,3,25\nB,Synthetic B,2022,6,3,20\nC,Synthetic C,2022,8,5,12\nD,Synthetic D,2022,5,4,25\n\
                A,Synthetic A,2023,8,5,15\nB,Synthetic B,2023,6,2,22\nC,Synthetic C,2023,8,6,10\nD,Synthetic D,2023,5,4,24\n";
    let fw = read_imeta(meta).unwrap();
    let d = read_idata(data, &fw).unwrap();
    (fw, d)
}

#[test]
fn panel_trends_and_kpis() {
    let (fw, d) = panel();
    let gp = |lo: f64, hi: f64| NormMethod::Goalposts {
        lo,
        hi,
        scale: 100.0,
        trunc: true,
    };
    let log = vec![
        Step::Normalise(Normalise {
            default: gp(0.0, 10.0),
            per_indicator: [
                ("vacancy".to_string(), gp(0.0, 40.0)),
                ("museums".to_string(), gp(0.0, 12.0)),
            ]
            .into(),
            use_directions: true,
        }),
        Step::Aggregate(Aggregate::default()),
    ];
    let p = build_panel(&fw, &d, &log).unwrap();
    assert_eq!(p.years, vec![2021, 2022, 2023]);
    let a = p.trends.iter().find(|t| t.unit == "A").unwrap();
    assert!(a.slope > 0.0 && a.change > 0.0);
    // A in 2021 by hand: Culture = 4/12·100 = 33.33; Economy = (20 + (40−30)/40·100)/2 = 22.5; Index = 27.92.
    let r = &p.rankings[&2021];
    let ia = r.units.iter().position(|u| u == "A").unwrap();
    assert!((r.scores[ia] - (100.0 / 3.0 + 22.5) / 2.0).abs() < 1e-9);
    let t = indicator_trends(&fw, &d, "A").unwrap();
    assert_eq!(t.iter().find(|t| t.code == "firms").unwrap().slope, 1.5);
    let k = kpi_progress(&fw, &d, "A", 2021, 2023, &BTreeMap::new(), Some(2025)).unwrap();
    let firms = k.iter().find(|x| x.code == "firms").unwrap();
    assert_eq!((firms.progress, firms.time_elapsed), (0.5, Some(0.5)));
    assert!(firms.on_track);
    let vac = k.iter().find(|x| x.code == "vacancy").unwrap();
    assert_eq!(vac.progress, 15.0 / 25.0); // from 30 towards 5: 15 of 25
    // One year is a (short) panel; data without a time column is not.
    assert_eq!(
        build_panel(&fw, &d.split_by_time()[&2021], &log)
            .unwrap()
            .years,
        vec![2021]
    );
    let mut no_time = d.split_by_time()[&2021].clone();
    no_time.time = None;
    assert!(matches!(
        build_panel(&fw, &no_time, &log),
        Err(IndexError::MissingColumn { .. })
    ));
}
