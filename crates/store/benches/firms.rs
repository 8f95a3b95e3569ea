//! Firm import throughput: multi-row `INSERT`s against one statement per row, on a SQLite file
//! (and PostgreSQL when `CREACITY_TEST_PG` names a database). Synthetic, seeded firms.
//!
//! `cargo bench -p creacity-store --bench firms [-- N]`

use std::time::Instant;

use creacity_store::{Firm, FirmKind, Workspace};

fn firms(n: usize) -> Vec<Firm> {
    (0..n)
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

fn run(location: &std::path::Path, data: &[Firm], per_row: bool) -> f64 {
    let mut ws = Workspace::create(location).unwrap();
    let t = Instant::now();
    let mut imp = ws.begin_firm_import("bench", false, true).unwrap();
    if per_row {
        for f in data {
            imp.add(std::slice::from_ref(f)).unwrap();
        }
    } else {
        for chunk in data.chunks(10_000) {
            imp.add(chunk).unwrap();
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
    for per_row in [true, false] {
        let mut rates: Vec<f64> = (0..3)
            .map(|_| {
                let dir = tempfile::tempdir().unwrap();
                run(&dir.path().join("w.db"), &data, per_row)
            })
            .collect();
        rates.sort_by(f64::total_cmp);
        println!(
            "| SQLite | {} | {n} | {:.0} |",
            if per_row {
                "one per row"
            } else {
                "500 rows each"
            },
            rates[1]
        );
    }
    // Writing territory matches back: every distinct place, one UPDATE each.
    let dir = tempfile::tempdir().unwrap();
    let loc = dir.path().join("w.db");
    run(&loc, &data, false);
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
        for per_row in [true, false] {
            let mut rates = Vec::new();
            for k in 0..3 {
                let schema = format!("bench_firms_{}_{k}", std::process::id());
                let mut c = postgres::Client::connect(&url, postgres::NoTls).unwrap();
                c.batch_execute(&format!("CREATE SCHEMA {schema}")).unwrap();
                let loc = format!("{url}?options=-csearch_path%3D{schema}");
                rates.push(run(std::path::Path::new(&loc), &data, per_row));
                c.batch_execute(&format!("DROP SCHEMA {schema} CASCADE"))
                    .unwrap();
            }
            rates.sort_by(f64::total_cmp);
            println!(
                "| PostgreSQL | {} | {n} | {:.0} |",
                if per_row {
                    "one per row"
                } else {
                    "500 rows each"
                },
                rates[1]
            );
        }
    }
}
