//! Parsimonious minimisation (with the conservative solution computed alongside, as the peers
//! do) on seeded synthetic data: 10–16 conditions, crisp and fuzzy, 1,000 cases by default.
//! Also writes every data set as CSV to `$QCA_BENCH_DIR` (default `target/qca-bench`) so that
//! `benches/peers/qca/run_peers.py` times the Python packages on the same input.
//!
//! `cargo bench -p creacity-qca --bench minimise` (env `QCA_BENCH_CASES`, `QCA_BENCH_RUNS`).
//! The data are synthetic: random memberships (fuzzy ones in [0, 0.45] or [0.55, 1]), outcome
//! from the planted rule
//! `A*B + C*~D + E*F*~G` with 5 % of cases flipped.

use creacity_qca::*;
use rand::{Rng, SeedableRng};
use std::time::Instant;

fn dataset(k: usize, n: usize, fuzzy: bool, seed: u64) -> String {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let names: Vec<String> = (0..k)
        .map(|i| ((b'A' + i as u8) as char).to_string())
        .collect();
    let mut s = format!("case,{},Y\n", names.join(","));
    for i in 0..n {
        let x: Vec<f64> = (0..k)
            .map(|_| {
                if fuzzy {
                    // clearly in or out of the set: memberships in [0, 0.45] or [0.55, 1]
                    let v: f64 = (rng.random::<f64>() * 45.0).round() / 100.0;
                    if rng.random::<bool>() { 1.0 - v } else { v }
                } else {
                    f64::from(rng.random_range(0..2u8))
                }
            })
            .collect();
        let and = |a: f64, b: f64| a.min(b);
        let mut y = and(x[0], x[1])
            .max(and(x[2], 1.0 - x[3]))
            .max(and(and(x[4], x[5]), 1.0 - x[6]));
        if rng.random::<f64>() < 0.05 {
            y = 1.0 - y;
        }
        let cells: Vec<String> = x.iter().map(|v| v.to_string()).collect();
        s.push_str(&format!("c{i},{},{}\n", cells.join(","), y));
    }
    s
}

fn main() {
    let n: usize = std::env::var("QCA_BENCH_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let runs: usize = std::env::var("QCA_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let dir = std::env::var("QCA_BENCH_DIR").unwrap_or_else(|_| "target/qca-bench".into());
    std::fs::create_dir_all(&dir).expect("bench directory");
    println!(
        "{:<6} {:>5} {:>6} {:>8} {:>6} {:>7} {:>12}",
        "kind", "conds", "cases", "tt rows", "PIs", "models", "median ms"
    );
    let only = std::env::var("QCA_BENCH_KIND").unwrap_or_default();
    for fuzzy in [false, true] {
        if (only == "crisp" && fuzzy) || (only == "fuzzy" && !fuzzy) {
            continue;
        }
        for k in [10, 12, 14, 16] {
            let text = dataset(k, n, fuzzy, 42 + k as u64);
            let kind = if fuzzy { "fuzzy" } else { "crisp" };
            std::fs::write(format!("{dir}/{kind}_{k}.csv"), &text).expect("write csv");
            let data = Dataset::parse(&text).expect("valid data");
            let sets = SetData::new(&data, &OutcomeSpec::parse("Y").expect("outcome"), None)
                .expect("sets");
            let ttp =
                TruthTableParams::default()
                    .incl_cut(0.8)
                    .pri_cut(if fuzzy { 0.6 } else { 0.0 });
            let params = MinimizeParams::default().include_remainders();
            let mut times = Vec::new();
            let mut last = None;
            for _ in 0..runs {
                let t = Instant::now();
                let tt = truth_table(&sets, &ttp).expect("truth table");
                let m = match minimize(&tt, &params) {
                    Ok(m) => m,
                    Err(e) => {
                        println!("{kind:<6} {k:>5} {n:>6}  error: {e}");
                        break;
                    }
                };
                times.push(t.elapsed().as_secs_f64() * 1000.0);
                last = Some((tt.rows.len(), m));
            }
            times.sort_by(|a, b| a.partial_cmp(b).expect("finite"));
            let Some((rows, m)) = last else { continue };
            let p = m.parsimonious.expect("parsimonious");
            println!(
                "{:<6} {:>5} {:>6} {:>8} {:>6} {:>7} {:>6} {:>12.1}",
                kind,
                k,
                n,
                rows,
                p.primes.len(),
                p.models.len(),
                p.exact,
                times[times.len() / 2]
            );
        }
    }
}
