//! Benchmark: 190 synthetic units × 29 indicators (9 dimensions, 3 sub-indices, 1 index), Sobol'
//! sensitivity over 8 uncertain choices at N = 4,096 (40,960 regenerations).
//!
//! Writes the generated input (`iData.csv`, `iMeta.csv`) and the index output of every run (`y.csv`) to
//! `$INDEX_BENCH_DIR` (default: the system temp dir + `creacity-index-bench`) so the peers in
//! `benches/peers/index/` read the same data. Run: `cargo bench -p creacity-index --bench index`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Instant;

use creacity_index::sensitivity::{Bootstrap, Estimators, Sampler, sobol_indices};
use creacity_index::uncertainty::{SensitivityOptions, run_sensitivity};
use creacity_index::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const UNITS: usize = 190;
const DIMS: [usize; 9] = [3, 3, 3, 3, 3, 3, 3, 4, 4];

/// Synthetic iMeta and iData (seeded; skewed indicators, outliers, 3 % missing, 4 regions, a denominator).
fn generate() -> (String, String) {
    let mut rng = ChaCha8Rng::seed_from_u64(2026);
    let mut meta =
        String::from("Level,iCode,iName,Direction,Weight,Unit,Target,Denominator,Parent,Type\n");
    let mut codes = Vec::new();
    let mut k = 0;
    for (d, &n) in DIMS.iter().enumerate() {
        for _ in 0..n {
            k += 1;
            let code = format!("i{k:02}");
            let dir = if k % 5 == 0 { -1 } else { 1 };
            let den = if k % 7 == 0 { "pop" } else { "" };
            writeln!(
                meta,
                "1,{code},Synthetic indicator {k},{dir},1,,,{den},D{},Indicator",
                d + 1
            )
            .unwrap();
            codes.push(code);
        }
    }
    for d in 0..9 {
        writeln!(
            meta,
            "2,D{},Dimension {},1,1,,,,S{},Aggregate",
            d + 1,
            d + 1,
            d / 3 + 1
        )
        .unwrap();
    }
    for s in 0..3 {
        writeln!(
            meta,
            "3,S{},Sub-index {},1,1,,,,Index,Aggregate",
            s + 1,
            s + 1
        )
        .unwrap();
    }
    meta.push_str("4,Index,Synthetic index,1,1,,,,,Aggregate\n,region,Region,,,,,,,Group\n,pop,Population,,,,,,,Denominator\n");
    let mut data = format!("uCode,uName,region,pop,{}\n", codes.join(","));
    for u in 0..UNITS {
        let region = format!("R{}", u % 4 + 1);
        let pop = (rng.random::<f64>() * 3.0 + 8.0).exp();
        write!(
            data,
            "U{:03},Synthetic unit {},{region},{pop:.1}",
            u + 1,
            u + 1
        )
        .unwrap();
        for (j, _) in codes.iter().enumerate() {
            let z: f64 = (0..6).map(|_| rng.random::<f64>()).sum::<f64>() - 3.0;
            // Every third indicator log-normal (skewed), a few large outliers, the rest near-normal.
            let mut v = if j % 3 == 0 {
                (z * 0.9).exp() * 10.0
            } else {
                50.0 + 12.0 * z
            };
            if rng.random::<f64>() < 0.01 {
                v *= 8.0;
            }
            if rng.random::<f64>() < 0.03 {
                data.push(',');
            } else {
                write!(data, ",{v:.4}").unwrap();
            }
        }
        data.push('\n');
    }
    (meta, data)
}

fn log() -> Vec<Step> {
    vec![
        Step::Denominate(Denominate::default()),
        Step::Impute(Impute {
            method: ImputeMethod::GroupMean {
                group: "region".into(),
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
    ]
}

/// The eight uncertain choices (the COINr script declares the same ones).
fn inputs(fw: &Framework) -> Vec<UncertainInput> {
    let mut rng = ChaCha8Rng::seed_from_u64(25);
    let weight_sets = (0..100)
        .map(|_| {
            let w: BTreeMap<String, f64> = fw
                .nodes()
                .iter()
                .filter(|n| n.level < 4)
                .map(|n| {
                    (
                        n.code.clone(),
                        n.weight * (1.0 + 0.25 * (2.0 * rng.random::<f64>() - 1.0)),
                    )
                })
                .collect();
            ParamValue::Weights(w)
        })
        .collect();
    let disc = |name: &str, path: ParamPath, values: Vec<ParamValue>| UncertainInput {
        name: name.into(),
        path,
        distribution: Distribution::Discrete { values },
    };
    let unif = |name: &str, path: ParamPath, lo: f64, hi: f64| UncertainInput {
        name: name.into(),
        path,
        distribution: Distribution::Uniform { lo, hi },
    };
    vec![
        disc(
            "imputation",
            ParamPath::ImputeMethod,
            vec![
                ParamValue::Impute(ImputeMethod::GroupMean {
                    group: "region".into(),
                }),
                ParamValue::Impute(ImputeMethod::GroupMedian {
                    group: "region".into(),
                }),
            ],
        ),
        unif(
            "screening threshold",
            ParamPath::ScreenMinAvailability,
            0.6,
            0.95,
        ),
        disc(
            "winsorisation limit",
            ParamPath::TreatWinmax,
            (1..=5).map(ParamValue::Int).collect(),
        ),
        unif(
            "kurtosis threshold",
            ParamPath::TreatKurtThreshold,
            3.0,
            4.0,
        ),
        disc(
            "normalisation",
            ParamPath::NormaliseDefault,
            vec![
                ParamValue::Normalise(NormMethod::MinMax { lo: 0.0, hi: 100.0 }),
                ParamValue::Normalise(NormMethod::ZScore {
                    mean: 10.0,
                    sd: 2.0,
                }),
            ],
        ),
        UncertainInput {
            name: "weights ±25 %".into(),
            path: ParamPath::AggregateWeights,
            distribution: Distribution::Discrete {
                values: weight_sets,
            },
        },
        disc(
            "aggregation",
            ParamPath::AggregateMethod,
            vec![
                ParamValue::Aggregate(AggMethod::Arithmetic),
                ParamValue::Aggregate(AggMethod::Geometric),
            ],
        ),
        unif(
            "aggregation data threshold",
            ParamPath::AggregateMinAvailability,
            0.5,
            1.0,
        ),
    ]
}

/// CPU time of this process (user + system, all threads) in seconds, from /proc on Linux; 0 elsewhere.
/// Reported next to wall time because the machine is shared.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    let after = stat.rsplit_once(')').map_or("", |x| x.1);
    let f: Vec<f64> = after
        .split_whitespace()
        .filter_map(|x| x.parse().ok())
        .collect();
    // utime and stime (fields 14 and 15 of the file) in ticks of 1/100 s; the state letter is skipped.
    if f.len() > 11 {
        (f[10] + f[11]) / 100.0
    } else {
        0.0
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let dir = std::env::var("INDEX_BENCH_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| std::env::temp_dir().join("creacity-index-bench"));
    std::fs::create_dir_all(&dir).expect("bench dir");
    let (meta, data) = generate();
    std::fs::write(dir.join("iMeta.csv"), &meta).unwrap();
    std::fs::write(dir.join("iData.csv"), &data).unwrap();
    let fw = read_imeta(&meta).unwrap();
    let d = read_idata(&data, &fw).unwrap();
    let threads = rayon::current_num_threads();
    println!(
        "creacity-index bench: {UNITS} units × 29 indicators, 8 uncertain inputs, {threads} threads; data in {}",
        dir.display()
    );

    let build: Vec<f64> = (0..50)
        .map(|_| {
            let t = Instant::now();
            let c = Coin::build(fw.clone(), d.clone(), log()).unwrap();
            std::hint::black_box(c);
            t.elapsed().as_secs_f64()
        })
        .collect();
    let coin = Coin::build(fw.clone(), d, log()).unwrap();
    let plan = Plan::new(&coin, inputs(&coin.framework)).unwrap();
    println!("| task | runs | median time | per run |");
    println!("|---|---|---|---|");
    let b = median(build);
    println!(
        "| build (6 steps) | 1 | {:.2} ms | {:.0} µs |",
        b * 1e3,
        b * 1e6
    );

    let sizes: Vec<usize> = std::env::var("INDEX_BENCH_N")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![16, 4096]);
    let est = Estimators {
        bootstrap: Some(Bootstrap {
            resamples: 100,
            confidence: 0.90,
            seed: 1,
        }),
        ..Default::default()
    };
    let mut last = None;
    for &n in &sizes {
        let reps = if n >= 1024 { 3 } else { 5 };
        let (mut times, mut cpu) = (Vec::new(), Vec::new());
        for _ in 0..reps {
            let opts = SensitivityOptions {
                n,
                sampler: Sampler::Sobol,
                estimators: est,
                per_unit: true,
            };
            let (t, c) = (Instant::now(), cpu_seconds());
            let r = run_sensitivity(&coin, &plan, &opts).unwrap();
            times.push(t.elapsed().as_secs_f64());
            cpu.push(cpu_seconds() - c);
            last = Some(r);
        }
        let (t, c) = (median(times), median(cpu));
        let runs = n * 10;
        println!(
            "| Sobol SA, N = {n}, index + {UNITS} units, bootstrap 100 | {runs} | {t:.2} s (CPU {c:.1} s) | {:.0} µs (CPU {:.0} µs) |",
            t / runs as f64 * 1e6,
            c / runs as f64 * 1e6
        );
    }
    let r = last.expect("at least one size");
    println!();
    println!("failed runs: {} of {}", r.failed, r.runs);
    println!("| input | S_i | S_Ti | S_i 90 % | S_Ti 90 % |");
    println!("|---|---|---|---|---|");
    let (fi, ti) = (
        r.index.first_interval.clone().unwrap(),
        r.index.total_interval.clone().unwrap(),
    );
    for (i, name) in r.inputs.iter().enumerate() {
        println!(
            "| {name} | {:.3} | {:.3} | [{:.3}, {:.3}] | [{:.3}, {:.3}] |",
            r.index.first[i], r.index.total[i], fi[i].0, fi[i].1, ti[i].0, ti[i].1
        );
    }

    // Estimators alone on a fixed output vector at N = 4,096 (the same y SALib reads).
    let n = 4096;
    let design = creacity_index::sensitivity::SaltelliDesign::new(n, 8, Sampler::Sobol).unwrap();
    let y: Vec<f64> = design
        .points
        .iter()
        .map(|p| {
            p.iter()
                .enumerate()
                .map(|(i, x)| (i as f64 + 1.0) * x * x)
                .sum::<f64>()
        })
        .collect();
    let mut csv = String::from("y\n");
    for v in &y {
        writeln!(csv, "{v}").unwrap();
    }
    std::fs::write(dir.join("y.csv"), csv).unwrap();
    let ours = sobol_indices(&y, n, 8, &est).unwrap();
    let mut out = String::from("input,first,total\n");
    for i in 0..8 {
        writeln!(out, "{i},{},{}", ours.first[i], ours.total[i]).unwrap();
    }
    std::fs::write(dir.join("ours.csv"), out).unwrap();
    let mut times = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        std::hint::black_box(sobol_indices(&y, n, 8, &est).unwrap());
        times.push(t.elapsed().as_secs_f64());
    }
    println!();
    println!(
        "| estimators only (N = {n}, d = 8, bootstrap 100) | {:.1} ms |",
        median(times) * 1e3
    );
    let plain = Estimators::default();
    let mut times = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        std::hint::black_box(sobol_indices(&y, n, 8, &plain).unwrap());
        times.push(t.elapsed().as_secs_f64());
    }
    println!(
        "| estimators only (N = {n}, d = 8, no bootstrap) | {:.2} ms |",
        median(times) * 1e3
    );
}
