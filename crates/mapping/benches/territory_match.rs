//! Territory matching at national scale on synthetic data: a settlements table of ~20,000 places in
//! 85 regions, and 300,000 distinct firm addresses (spelling variants: type before or after the
//! name, upper case, `ё`, region written two ways; 5 % unknown names), each with a firm count.
//!
//! `cargo bench -p creacity-mapping --bench territory_match`

use std::fmt::Write as _;
use std::time::Instant;

use creacity_mapping::address::AddressTypes;
use creacity_mapping::{PlaceQuery, SettlementColumns, match_place_counts, parse_settlements_csv};
use rand::{Rng, SeedableRng};

const SYLLABLES: &[&str] = &[
    "ал", "бе", "ви", "го", "ду", "ёл", "жи", "за", "ки", "ло", "ми", "но", "пе", "ра", "со", "ту",
    "фе", "хо", "це", "ша",
];

fn word(rng: &mut impl Rng) -> String {
    let n = rng.random_range(2..=4);
    let mut w: String = (0..n)
        .map(|_| SYLLABLES[rng.random_range(0..SYLLABLES.len())])
        .collect();
    w.push_str(["ск", "во", "но", "ка", "ий"][rng.random_range(0..5)]);
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn main() {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(5);
    let types = ["г", "пгт", "с", "д"];
    let mut table =
        String::from("oktmo,type,name,region_type,region,district_type,district,lat,lon\n");
    let mut rows = Vec::new();
    for r in 0..85 {
        let region = format!("{}ская", word(&mut rng));
        for d in 0..30 {
            let district = word(&mut rng);
            for s in 0..8 {
                let (t, name) = (types[rng.random_range(0..4)], word(&mut rng));
                let code = format!("{:02}{:03}{:03}{:03}", r + 1, d + 600, s + 100, 1);
                let _ = writeln!(
                    table,
                    "{code},{t},{name},обл,{region},р-н,{district},{},{}",
                    rng.random_range(45.0..65.0),
                    rng.random_range(30.0..120.0)
                );
                rows.push((t, name, region.clone(), district.clone()));
            }
        }
    }
    let t0 = Instant::now();
    let (settlements, _) = parse_settlements_csv(&table, &SettlementColumns::default()).unwrap();
    let parse = t0.elapsed().as_secs_f64();
    let mut seen = std::collections::HashSet::new();
    let mut places = Vec::new();
    let mut counts = Vec::new();
    let mut unknown_firms = 0;
    while places.len() < 300_000 {
        let (t, name, region, district) = &rows[rng.random_range(0..rows.len())];
        let unknown = rng.random_bool(0.05);
        let name = if unknown {
            word(&mut rng) + "ово"
        } else {
            name.clone()
        };
        let v = rng.random_range(0..4);
        let locality = match v {
            0 => format!("{t} {name}"),
            1 => format!("{} {t}.", name.to_uppercase()),
            2 => name.replace('ё', "е"),
            _ => format!("{}. {name}", t),
        };
        let region = if rng.random_bool(0.5) {
            format!("область {}", region.to_uppercase())
        } else {
            format!("{region} обл.")
        };
        let district = rng.random_bool(0.7).then(|| format!("{district} район"));
        let q = PlaceQuery {
            region: Some(region),
            district,
            city: (*t == "г").then(|| locality.clone()),
            settlement: (*t != "г").then_some(locality),
            territory: None,
        };
        // Distinct places, as the store's GROUP BY gives them.
        if seen.insert(q.clone()) {
            places.push(q);
            let n = rng.random_range(1..50usize);
            counts.push(n);
            if unknown {
                unknown_firms += n;
            }
        }
    }
    let types_table = AddressTypes::default();
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..3 {
        let t = Instant::now();
        let (_, r) = match_place_counts(&settlements, &places, &counts, &types_table, "bench");
        times.push(t.elapsed().as_secs_f64());
        last = Some(r);
    }
    times.sort_by(f64::total_cmp);
    let r = last.unwrap();
    if std::env::var_os("SHOW_UNMATCHED").is_some() {
        for u in r.unmatched.iter().take(8) {
            eprintln!("unmatched: {} ({})", u.place, u.firms);
        }
    }
    println!(
        "| settlements | places | firms | parse table (s) | match (s, median of 3) | places/s | matched | of firms with a known name | ambiguous |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    println!(
        "| {} | {} | {} | {:.3} | {:.2} | {:.0} | {:.1}% | {:.2}% | {:.1}% |",
        settlements.len(),
        places.len(),
        r.firms,
        parse,
        times[1],
        places.len() as f64 / times[1],
        100.0 * r.share_matched,
        100.0 * r.matched as f64 / (r.firms - unknown_firms) as f64,
        100.0 * r.ambiguous_firms as f64 / r.firms as f64
    );
}
