//! Benchmarks of creacity-mapping against its peers (scikit-learn, pandas), on seeded synthetic
//! data. Usage (from the repository root):
//!
//! ```text
//! cargo bench -p creacity-mapping --bench mapping -- dbscan  [--n 1000000] [--no-peers]
//! cargo bench -p creacity-mapping --bench mapping -- hdbscan [--n 20000]   [--no-peers]
//! cargo bench -p creacity-mapping --bench mapping -- indices [--territories 2500 --sectors 600 --months 120]
//! ```
//! Points are written to `$TMPDIR/creacity-bench/` with our labels, and the peer scripts in
//! `benches/peers/mapping/` read the same files; the panel of the indices benchmark is a
//! deterministic function of (territory, sector, month) computed identically by both sides.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use creacity_mapping::Matrix;
use creacity_mapping::indices::{IndexEngine, IndexParams, IndexReport};
use creacity_mapping::spatial::{DbscanParams, HdbscanParams, dbscan, hdbscan};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

fn arg(args: &[String], name: &str, default: usize) -> usize {
    args.iter()
        .position(|a| a == name)
        .and_then(|k| args.get(k + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Synthetic firm points: 40 synthetic "towns" in a 4° × 8° box, each with dense blobs of
/// firms and a uniform background.
fn points(n: usize, seed: u64) -> (Vec<f64>, Vec<f64>) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let towns: Vec<(f64, f64, f64)> = (0..40)
        .map(|_| {
            (
                rng.random_range(54.0..58.0),
                rng.random_range(58.0..66.0),
                rng.random_range(0.5..2.0),
            )
        })
        .collect();
    let total_w: f64 = towns.iter().map(|t| t.2).sum();
    let (mut lat, mut lon) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let normal = |rng: &mut ChaCha8Rng| {
        // Box-Muller.
        let (u, v): (f64, f64) = (rng.random_range(1e-12..1.0), rng.random_range(0.0..1.0));
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    };
    for (t_lat, t_lon, w) in &towns {
        let m = ((n as f64) * w / total_w) as usize;
        let blobs = 30;
        let centres: Vec<(f64, f64, f64)> = (0..blobs)
            .map(|_| {
                (
                    t_lat + rng.random_range(-0.08..0.08),
                    t_lon + rng.random_range(-0.15..0.15),
                    rng.random_range(80.0..400.0) / 111_195.0,
                )
            })
            .collect();
        for k in 0..m {
            if k % 5 == 0 {
                lat.push(t_lat + rng.random_range(-0.1..0.1));
                lon.push(t_lon + rng.random_range(-0.18..0.18));
            } else {
                let c = centres[rng.random_range(0..blobs)];
                lat.push(c.0 + c.2 * normal(&mut rng));
                lon.push(c.1 + c.2 / c.0.to_radians().cos() * normal(&mut rng));
            }
        }
    }
    while lat.len() < n {
        lat.push(rng.random_range(54.0..58.0));
        lon.push(rng.random_range(58.0..66.0));
    }
    (lat, lon)
}

fn bench_dir() -> PathBuf {
    let d = std::env::temp_dir().join("creacity-bench");
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write_points(path: &Path, lat: &[f64], lon: &[f64]) {
    let mut s = String::with_capacity(lat.len() * 40);
    s.push_str("id,lat,lon\n");
    for i in 0..lat.len() {
        // `{:?}` prints the shortest text that reads back as the same double.
        writeln!(s, "p{i},{:?},{:?}", lat[i], lon[i]).unwrap();
    }
    std::fs::write(path, s).unwrap();
}

fn write_labels(path: &Path, labels: &[i64]) {
    let mut s = String::with_capacity(labels.len() * 4);
    for l in labels {
        writeln!(s, "{l}").unwrap();
    }
    std::fs::write(path, s).unwrap();
}

fn peer(script: &str, args: &[String]) -> Option<String> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../benches/peers/mapping/");
    let out = Command::new("python3")
        .arg(format!("{root}{script}"))
        .args(args)
        .output()
        .ok()?;
    if !out.status.success() {
        eprintln!("peer failed: {}", String::from_utf8_lossy(&out.stderr));
        return None;
    }
    Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn clusters(method: &str, args: &[String]) {
    let hd = method == "hdbscan";
    let n = arg(args, "--n", if hd { 20_000 } else { 1_000_000 });
    let runs = arg(args, "--runs", 3);
    let (eps_m, min_samples, mcs) = (
        200.0,
        arg(args, "--min-samples", 10),
        arg(args, "--mcs", 25),
    );
    let (lat, lon) = points(n, 42);
    let dir = bench_dir();
    let pts = dir.join(format!("points_{n}.csv"));
    write_points(&pts, &lat, &lon);
    let mut times = Vec::new();
    let mut labels = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let c = if hd {
            let p = HdbscanParams::builder()
                .min_cluster_size(mcs)
                .min_samples(min_samples)
                .build()
                .unwrap();
            hdbscan(&lat, &lon, &p).unwrap()
        } else {
            let p = DbscanParams::builder()
                .eps_m(eps_m)
                .min_samples(min_samples)
                .build()
                .unwrap();
            dbscan(&lat, &lon, &p).unwrap()
        };
        times.push(t.elapsed().as_secs_f64());
        labels = c.labels;
    }
    let ours = dir.join(format!("labels_{method}_{n}.txt"));
    write_labels(&ours, &labels);
    let n_clusters = labels.iter().max().map_or(0, |m| m + 1);
    println!("| method | points | clusters | creacity median of {runs} (s) | peer |");
    println!("|---|---|---|---|---|");
    let peer_out = if args.iter().any(|a| a == "--no-peers") {
        "not run".to_string()
    } else {
        let mut pa = vec![
            "--points".to_string(),
            pts.display().to_string(),
            "--method".into(),
            method.into(),
            "--eps-m".into(),
            eps_m.to_string(),
            "--min-samples".into(),
            min_samples.to_string(),
            "--min-cluster-size".into(),
            mcs.to_string(),
            "--labels".into(),
            ours.display().to_string(),
        ];
        pa.extend(["--runs".into(), arg(args, "--peer-runs", 1).to_string()]);
        peer("sklearn_clusters.py", &pa).unwrap_or_else(|| "unavailable".into())
    };
    println!(
        "| {method} | {n} | {n_clusters} | {:.3} | {peer_out} |",
        median(times)
    );
}

/// The panel value of territory `i`, sector `j`, month `t`: a SplitMix64 hash turned into a
/// sparse count, so that Rust and numpy compute the same panel without a file.
fn panel_value(i: u64, j: u64, t: u64) -> f64 {
    let mut z = i
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(j.wrapping_mul(0xBF58_476D_1CE4_E5B9))
        .wrapping_add(t.wrapping_mul(0x94D0_49BB_1331_11EB));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    if z % 100 < 60 {
        0.0
    } else {
        ((z >> 32) % 50) as f64
    }
}

thread_local! {
    /// One engine and one report per worker thread, rewritten month after month (rayon's
    /// `map_init` would build one per split of the work, a few dozen per run).
    static WORKER: std::cell::RefCell<(IndexEngine, Option<IndexReport>)> =
        std::cell::RefCell::new((IndexEngine::new(), None));
}

/// What the peer sums too: Krugman and the defined densities (in eight lanes: the order of a
/// checksum's additions does not matter at its tolerance).
fn checksum_of(r: &IndexReport) -> f64 {
    let mut lanes = [0.0f64; 8];
    for c in r.relatedness_density.chunks(8) {
        for (l, v) in lanes.iter_mut().zip(c) {
            *l += if v.is_finite() { *v } else { 0.0 };
        }
    }
    let krugman: f64 = r
        .by_territory
        .iter()
        .map(|x| x.krugman.unwrap_or(0.0))
        .sum();
    krugman + lanes.iter().sum::<f64>()
}

fn indices(args: &[String]) {
    let (nt, ns, nm) = (
        arg(args, "--territories", 2500),
        arg(args, "--sectors", 600),
        arg(args, "--months", 120),
    );
    let runs = arg(args, "--runs", 3);
    let rows: Vec<String> = (0..nt).map(|i| format!("T{i}")).collect();
    let cols: Vec<String> = (0..ns).map(|j| format!("S{j}")).collect();
    let panel: Vec<Matrix> = (0..nm)
        .into_par_iter()
        .map(|t| {
            let v = (0..nt * ns)
                .map(|k| panel_value((k / ns) as u64, (k % ns) as u64, t as u64))
                .collect();
            Matrix::new(rows.clone(), cols.clone(), v).unwrap()
        })
        .collect();
    let params = IndexParams::builder().build(&panel[0]).unwrap();
    // Each month's report is rewritten by the next month's on the same worker, as the peer
    // drops its frames (a panel of 120 full reports would hold 3.4 GB).
    let month = |m: &Matrix, with_checksum: bool| -> f64 {
        WORKER.with_borrow_mut(|(engine, report)| {
            match report {
                Some(r) => engine.compute_into(m, &params, r),
                None => *report = Some(engine.compute(m, &params)),
            }
            let r = std::hint::black_box(report.as_ref());
            if with_checksum {
                r.map_or(0.0, checksum_of)
            } else {
                0.0
            }
        })
    };
    // The timed runs compute only, as the peer times only its index computations; one more
    // run, untimed, reduces every month to the checksum the peer compares.
    let mut times = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        panel.par_iter().for_each(|m| {
            month(m, false);
        });
        times.push(t.elapsed().as_secs_f64());
    }
    let checksum: f64 = panel
        .par_iter()
        .map(|m| month(m, true))
        .collect::<Vec<f64>>()
        .iter()
        .sum();
    let peer_out = if args.iter().any(|a| a == "--no-peers") {
        "not run".to_string()
    } else {
        let pa: Vec<String> = vec![
            "--territories".into(),
            nt.to_string(),
            "--sectors".into(),
            ns.to_string(),
            "--months".into(),
            nm.to_string(),
            "--checksum".into(),
            format!("{checksum:e}"),
        ];
        peer("pandas_indices.py", &pa).unwrap_or_else(|| "unavailable".into())
    };
    println!("| panel | creacity median of {runs} (s) | checksum | peer |");
    println!("|---|---|---|---|");
    println!(
        "| {nt} × {ns} × {nm} | {:.3} | {checksum:.6e} | {peer_out} |",
        median(times)
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let what = args
        .iter()
        .find(|a| ["dbscan", "hdbscan", "indices"].contains(&a.as_str()))
        .cloned();
    match what.as_deref() {
        Some("dbscan") => clusters("dbscan", &args),
        Some("hdbscan") => clusters("hdbscan", &args),
        Some("indices") => indices(&args),
        // `cargo bench` with no arguments runs a small smoke version of everything.
        _ => {
            let small = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
            clusters("dbscan", &small(&["--n", "100000", "--no-peers"]));
            clusters("hdbscan", &small(&["--n", "5000", "--no-peers"]));
            indices(&small(&["--months", "6", "--no-peers"]));
        }
    }
}
