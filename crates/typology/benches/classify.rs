//! Times `classify` (with the borderline check) with the default spec on seeded synthetic case
//! cards. Run: `cargo bench -p creacity-typology`. Prints the median of 5 runs per size.

use std::collections::BTreeSet;
use std::time::Instant;

use creacity_model::{Coded, CreativeCluster, Initiator, Manager, SiteOwner, Support};
use creacity_typology::{Spec, classify};

/// xorshift64*: a tiny seeded generator, so the bench needs no extra crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn share(&mut self) -> f64 {
        (self.below(11) as f64) / 10.0
    }
}

fn cards(n: usize, seed: u64) -> Vec<CreativeCluster> {
    let mut r = Rng(seed);
    (0..n)
        .map(|i| {
            let board = r.below(8) as u32;
            CreativeCluster {
                id: format!("c{i}"),
                name_ru: format!("Синтетический кластер {i}"),
                name_en: format!("Synthetic cluster {i}"),
                territory_id: "t".into(),
                initiator: Initiator::ALL[r.below(Initiator::ALL.len())],
                site_owner: SiteOwner::ALL[r.below(SiteOwner::ALL.len())],
                public_share_creation: r.share(),
                public_share_operation: r.share(),
                manager: Manager::ALL[r.below(Manager::ALL.len())],
                support: Support::ALL
                    .iter()
                    .copied()
                    .filter(|_| r.below(2) == 0)
                    .collect::<BTreeSet<_>>(),
                public_seats: if board == 0 {
                    0
                } else {
                    r.below(board as usize + 1) as u32
                },
                board_seats: board,
                residents: 10 + r.below(100) as u32,
                private_resident_share: r.share(),
                year_opened: Some(2000 + r.below(25) as i32),
                notes: String::new(),
                sources: String::new(),
                synthetic: true,
            }
        })
        .collect()
}

fn main() {
    let spec = Spec::builtin();
    println!("| clusters | median ms (5 runs) | clusters per second | borderline |");
    println!("|---:|---:|---:|---:|");
    for n in [14, 1_000, 10_000, 100_000] {
        let input = cards(n, 42);
        let mut times = Vec::new();
        let mut borderline = 0;
        for _ in 0..5 {
            let start = Instant::now();
            let result = classify(&spec, &input);
            times.push(start.elapsed().as_secs_f64() * 1000.0);
            borderline = result.summary.borderline;
        }
        times.sort_by(f64::total_cmp);
        let median = times[2];
        println!(
            "| {n} | {median:.3} | {:.0} | {borderline} |",
            n as f64 / (median / 1000.0)
        );
    }
}
