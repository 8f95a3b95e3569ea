//! Firm import throughput: multi-row `INSERT`s (values copied or moved) against one statement
//! per row, on a SQLite file (and PostgreSQL when `CREACITY_TEST_PG` names a database).
//! Synthetic, seeded firms.
//!
//! `cargo bench -p creacity-store --bench firms [-- N]`

use std::time::Instant;

use creacity_store::{Firm, FirmKind, Workspace};

fn firms(n: usize) -> Vec<Firm> {
    made(0..n)
}

/// Firms `range` (the same firm for the same index).
fn made(range: std::ops::Range<usize>) -> Vec<Firm> {
    range
        .map(|i| {
            let mut f = Firm::new(
                format!("{:010}", 6_600_000_000u64 + i as u64),
                "2024-06",
                "",
            );
            f.name = format!("ООО «Синтетика-{i}»");
            f.kind = FirmKind::Company;
            f.category = Some("micro".into());
            f.main_code = Some("59.11".into());
            f.other_codes = vec!["90.01".into(), "62.01".into(), "73.11".into()];
            f.region_code = Some("66".into());
            f.region = Some("Синтетическая область".into());
            f.city = Some(format!("Синтетград-{}", i % 2000));
            f.registered = Some("2020-03-01".into());
            f.employees = Some((i % 17) as f64);
            f.revenue = Some(1.5e6);
            f
        })
        .collect()
}

/// How firms reach the import.
#[derive(Clone, Copy)]
enum Mode {
    /// `add` of one firm at a time: one statement per row.
    PerRow,
    /// `add` of 10,000 firms at a time: statements of 500 rows.
    Batch,
    /// Each 10,000 firms made just before they are stored (as a streamed reader does) and copied
    /// in by `add`.
    MadeCopied,
    /// The same, handed over by value to `add_owned`.
    MadeMoved,
}

impl Mode {
    fn label(self) -> &'static str {
        match self {
            Mode::PerRow => "one per row",
            Mode::Batch => "500 rows each",
            Mode::MadeCopied => "500 rows each, firms made per batch and copied (add)",
            Mode::MadeMoved => "500 rows each, firms made per batch and moved (add_owned)",
        }
    }
}

const MODES: [Mode; 4] = [Mode::PerRow, Mode::Batch, Mode::MadeCopied, Mode::MadeMoved];

fn run(location: &std::path::Path, data: &[Firm], mode: Mode) -> f64 {
    let mut ws = Workspace::create(location).unwrap();
    let t = Instant::now();
    let mut imp = ws.begin_firm_import("bench", false, true).unwrap();
    match mode {
        Mode::PerRow => {
            for f in data {
                imp.add(std::slice::from_ref(f)).unwrap();
            }
        }
        Mode::Batch => {
            for chunk in data.chunks(10_000) {
                imp.add(chunk).unwrap();
            }
        }
        Mode::MadeCopied | Mode::MadeMoved => {
            for start in (0..data.len()).step_by(10_000) {
                let batch = made(start..(start + 10_000).min(data.len()));
                if matches!(mode, Mode::MadeMoved) {
                    imp.add_owned(batch).unwrap();
                } else {
                    imp.add(&batch).unwrap();
                }
            }
        }
    }
    imp.commit(&[]).unwrap();
    data.len() as f64 / t.elapsed().as_secs_f64()
}

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(200_000);
    let data = firms(n);
    println!("| backend | statements | firms | rows/s (median of 3) |");
    println!("|---|---|---:|---:|");
    for mode in MODES {
        let mut rates: Vec<f64> = (0..3)
            .map(|_| {
                let dir = tempfile::tempdir().unwrap();
                run(&dir.path().join("w.db"), &data, mode)
            })
            .collect();
        rates.sort_by(f64::total_cmp);
        println!("| SQLite | {} | {n} | {:.0} |", mode.label(), rates[1]);
    }
    // Writing territory matches back: every distinct place, one UPDATE each.
    let dir = tempfile::tempdir().unwrap();
    let loc = dir.path().join("w.db");
    run(&loc, &data, Mode::Batch);
    let mut ws = Workspace::open(&loc).unwrap();
    let t = Instant::now();
    let places = ws.firm_places().unwrap();
    let read = t.elapsed().as_secs_f64();
    let locations: Vec<creacity_store::PlaceLocation> = places
        .iter()
        .map(|(p, _)| creacity_store::PlaceLocation {
            place: p.clone(),
            oktmo: "00701000001".into(),
            lat: Some(56.8),
            lon: Some(60.6),
        })
        .collect();
    let t = Instant::now();
    let changed = ws.set_place_locations(&locations, false).unwrap();
    println!(
        "\nSQLite match write-back: {} places read in {read:.3} s; {} rows updated through {} place UPDATEs in {:.3} s (index built in the same transaction)",
        places.len(),
        changed,
        locations.len(),
        t.elapsed().as_secs_f64()
    );
    if let Ok(url) = std::env::var("CREACITY_TEST_PG") {
        for mode in MODES {
            let mut rates = Vec::new();
            for k in 0..3 {
                let schema = format!("bench_firms_{}_{k}", std::process::id());
                let mut c = postgres::Client::connect(&url, postgres::NoTls).unwrap();
                c.batch_execute(&format!("CREATE SCHEMA {schema}")).unwrap();
                let loc = format!("{url}?options=-csearch_path%3D{schema}");
                rates.push(run(std::path::Path::new(&loc), &data, mode));
                c.batch_execute(&format!("DROP SCHEMA {schema} CASCADE"))
                    .unwrap();
            }
            rates.sort_by(f64::total_cmp);
            println!("| PostgreSQL | {} | {n} | {:.0} |", mode.label(), rates[1]);
        }
    }
}
