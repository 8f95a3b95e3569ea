//! The fused passes against the one-index-at-a-time definitions, across threads, CPUs and
//! reused reports.

use super::super::{
    IndexParams, RelatednessMethod, binary_lq, co_occurrence, compute_indices, diversity, entropy,
    herfindahl, hoover, krugman, location_quotient, ubiquity,
};
use super::*;

/// SplitMix64: a deterministic stream for shapes that cross every block, task and word
/// boundary of the passes.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A sparse matrix with fractional values, one empty row and one empty column.
fn matrix(nr: usize, nc: usize, seed: u64) -> Matrix {
    let mut st = seed;
    let mut v: Vec<f64> = (0..nr * nc)
        .map(|_| {
            let z = splitmix(&mut st);
            if z % 10 < 6 {
                0.0
            } else {
                (z >> 40) as f64 / 1000.0
            }
        })
        .collect();
    if nr > 2 {
        v[nc..2 * nc].iter_mut().for_each(|x| *x = 0.0);
    }
    if nc > 2 {
        (0..nr).for_each(|i| v[i * nc + 1] = 0.0);
    }
    let rows = (0..nr).map(|i| format!("T{i}")).collect();
    let cols = (0..nc).map(|j| format!("S{j}")).collect();
    Matrix::new(rows, cols, v).unwrap()
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0),
        (None, None) => true,
        _ => false,
    }
}

/// The fused passes against the one-index-at-a-time definitions (each written as
/// EconGeo defines it), on shapes around every boundary.
#[test]
fn fused_passes_equal_the_separate_definitions() {
    for &(nr, nc) in &[(1, 1), (3, 7), (65, 9), (300, 17), (257, 64), (600, 130)] {
        let m = matrix(nr, nc, (nr * 1000 + nc) as u64);
        let pop: Vec<f64> = (0..nr).map(|i| 1.0 + (i % 7) as f64).collect();
        for params in [
            IndexParams::builder().build(&m).unwrap(),
            IndexParams::builder()
                .population(pop)
                .relatedness(RelatednessMethod::Jaccard)
                .build(&m)
                .unwrap(),
        ] {
            let r = compute_indices(&m, &params);
            let lq = location_quotient(&m);
            for (k, (a, b)) in r.location_quotient.iter().zip(&lq).enumerate() {
                assert!(close(Some(*a), Some(*b)), "{nr}×{nc} LQ {k}: {a} vs {b}");
            }
            let bin = binary_lq(&r.location_quotient);
            assert_eq!(r.binary_lq, bin, "{nr}×{nc} binary");
            let (kr, he, en) = (krugman(&m), herfindahl(&m), entropy(&m));
            let div = diversity(&bin, nc);
            for (i, t) in r.by_territory.iter().enumerate() {
                assert!(close(t.krugman, kr[i]), "{nr}×{nc} Krugman {i}");
                assert!(close(t.herfindahl, he[i]), "{nr}×{nc} Herfindahl {i}");
                assert!(close(t.entropy, en[i]), "{nr}×{nc} entropy {i}");
                assert_eq!(t.diversity, div[i], "{nr}×{nc} diversity {i}");
            }
            let ho = hoover(&m, params.population.as_deref());
            let ub = ubiquity(&bin, nc);
            for (j, s) in r.by_sector.iter().enumerate() {
                assert!(close(s.hoover, ho[j]), "{nr}×{nc} Hoover {j}");
                assert_eq!(s.ubiquity, ub[j], "{nr}×{nc} ubiquity {j}");
            }
            assert_eq!(r.co_occurrence, co_occurrence(&bin, nc), "{nr}×{nc} cooc");
            if nr > 2 {
                assert!(r.by_territory[1].krugman.is_none(), "the empty row");
            }
            if nc > 2 {
                assert!(r.by_sector[1].hoover.is_none(), "the empty column");
            }
        }
    }
}

/// One thread and many give the same bits, since the tasks are cut and summed alike.
#[test]
fn one_thread_and_many_agree_bit_for_bit() {
    let m = matrix(1000, 70, 3);
    let p = IndexParams::builder().build(&m).unwrap();
    let a = IndexEngine::new().compute(&m, &p);
    let b = compute_indices(&m, &p);
    assert_eq!(a.by_territory, b.by_territory);
    assert_eq!(a.by_sector, b.by_sector);
    assert_eq!(a.location_quotient, b.location_quotient);
    assert_eq!(a.co_occurrence, b.co_occurrence);
    assert_eq!(a.relatedness, b.relatedness);
    let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(&a.relatedness_density), bits(&b.relatedness_density));
    // An engine reused for another matrix forgets the first.
    let m2 = matrix(130, 9, 4);
    let p2 = IndexParams::builder().build(&m2).unwrap();
    let mut e = IndexEngine::new();
    e.compute(&m, &p);
    let c = e.compute(&m2, &p2);
    let d = compute_indices(&m2, &p2);
    assert_eq!(bits(&c.relatedness_density), bits(&d.relatedness_density));
}

/// The AVX-512 row kernel and the plain one give the same bits, row sums, entropy lanes and
/// every output included, on row lengths around the vector width.
#[cfg(target_arch = "x86_64")]
#[test]
fn avx512_row_equals_the_plain_row() {
    let avx512 = std::arch::is_x86_feature_detected!("avx512f")
        && std::arch::is_x86_feature_detected!("avx512bw")
        && std::arch::is_x86_feature_detected!("avx512dq")
        && std::arch::is_x86_feature_detected!("avx512vl")
        && std::arch::is_x86_feature_detected!("bmi2");
    if !avx512 {
        eprintln!("skipping: this CPU has no AVX-512");
        return;
    }
    let mut st = 11u64;
    for n in [1usize, 7, 8, 9, 23, 64, 601] {
        let x: Vec<f64> = (0..n)
            .map(|_| {
                let z = splitmix(&mut st);
                if z.is_multiple_of(3) {
                    0.0
                } else {
                    (z >> 44) as f64 / 7.0
                }
            })
            .collect();
        let col_sums: Vec<f64> = (0..n).map(|j| 50.0 + (j % 5) as f64).collect();
        let total: f64 = col_sums.iter().sum();
        let col_share: Vec<f64> = col_sums.iter().map(|c| c / total).collect();
        let rs = lane_sum(&x);
        let run = |avx: bool| {
            let (mut lq, mut bin) = (vec![9.0; n], vec![9u8; n]);
            let mut codes = vec![0u8; n.div_ceil(W)];
            let (mut hoover, mut ubiq) = (vec![0.5; n], vec![3u32; n]);
            let (mut word, mut nonzero) = (vec![1u64; n], vec![0.0; n + W]);
            let cells = RowCells {
                x: &x,
                rs,
                ps: 0.01,
                col_share: &col_share,
                col_sums: &col_sums,
                lq: &mut lq,
                bin: &mut bin,
                codes: &mut codes,
                hoover: &mut hoover,
                ubiq: &mut ubiq,
                word: &mut word,
                bit: 5,
                nonzero: &mut nonzero,
            };
            // SAFETY: AVX-512 and BMI2 were detected above.
            let sums = if avx {
                unsafe { super::super::cells_avx512::row(cells) }
            } else {
                row_plain(cells)
            };
            let b = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            (
                b(&sums.krugman),
                b(&sums.squares),
                b(&sums.entropy),
                b(&lq),
                bin,
                codes,
                b(&hoover),
                ubiq,
                word,
            )
        };
        assert_eq!(run(true), run(false), "row of {n}");
    }
}

/// A report reused for another month, of the same shape or another, holds exactly what a
/// fresh one would: nothing of the earlier matrix survives in it.
#[test]
fn compute_into_replaces_every_value() {
    let shapes = [
        (300, 17, 1),
        (300, 17, 2),
        (70, 9, 3),
        (300, 17, 4),
        (2, 3, 5),
    ];
    let mut e = IndexEngine::new();
    let first = matrix(shapes[0].0, shapes[0].1, shapes[0].2);
    let mut report = compute_indices(&first, &IndexParams::builder().build(&first).unwrap());
    for &(nr, nc, seed) in &shapes[1..] {
        let mut m = matrix(nr, nc, seed);
        if seed == 4 {
            // Other labels, same shape.
            let rows = (0..nr).map(|i| format!("R{i}")).collect();
            m = Matrix::new(rows, m.col_labels().to_vec(), m.values().to_vec()).unwrap();
        }
        let p = IndexParams::builder()
            .relatedness(RelatednessMethod::Cosine)
            .build(&m)
            .unwrap();
        e.compute_into(&m, &p, &mut report);
        let fresh = compute_indices(&m, &p);
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(report.territories, fresh.territories, "seed {seed}");
        assert_eq!(report.sectors, fresh.sectors);
        assert_eq!(report.by_territory, fresh.by_territory);
        assert_eq!(report.by_sector, fresh.by_sector);
        assert_eq!(report.params, fresh.params);
        assert_eq!(report.location_quotient, fresh.location_quotient);
        assert_eq!(report.binary_lq, fresh.binary_lq);
        assert_eq!(report.co_occurrence, fresh.co_occurrence);
        assert_eq!(report.relatedness, fresh.relatedness);
        assert_eq!(
            bits(&report.relatedness_density),
            bits(&fresh.relatedness_density)
        );
    }
}
