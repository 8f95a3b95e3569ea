//! Oracle test: COINr's ASEM example (COINr 1.x, `build_example_coin()`), step by step as in
//! `shared/reference/composite/README.md`.

use creacity_index::*;

const DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/reference/composite/"
);

fn load() -> Option<(Framework, UnitData)> {
    let meta = std::fs::read_to_string(format!("{DIR}ASEM_iMeta.csv"));
    let data = std::fs::read_to_string(format!("{DIR}ASEM_iData.csv"));
    let (Ok(meta), Ok(data)) = (meta, data) else {
        eprintln!("skipping: {DIR} not found");
        return None;
    };
    let fw = read_imeta(&meta).expect("iMeta");
    let d = read_idata(&data, &fw).expect("iData");
    Some((fw, d))
}

fn asem_log() -> Vec<Step> {
    vec![
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
    ]
}

#[test]
fn framework_shape() {
    let Some((fw, d)) = load() else { return };
    assert_eq!(fw.indicators().count(), 49);
    assert_eq!(fw.at_level(2).len(), 8);
    assert_eq!(fw.at_level(3).len(), 2);
    assert_eq!(fw.root(), "Index");
    assert_eq!(d.units.len(), 51);
    assert_eq!(fw.groups.len(), 4);
    assert_eq!(fw.denominators, vec!["Area", "Energy", "GDP", "Population"]);
}

#[test]
fn reproduces_published_scores_and_ranks() {
    let Some((fw, d)) = load() else { return };
    let coin = Coin::build(fw, d, asem_log()).expect("build");
    let names: Vec<&str> = coin.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Raw",
            "Denominated",
            "Imputed",
            "Screened",
            "Treated",
            "Normalised",
            "Aggregated"
        ]
    );
    // Screening drops nobody after imputation.
    assert_eq!(coin.dataset("Screened").unwrap().n_units(), 51);
    assert_eq!(
        coin.dataset("Imputed")
            .unwrap()
            .columns
            .iter()
            .flatten()
            .filter(|v| v.is_nan())
            .count(),
        0
    );
    let r = coin.ranking(None).unwrap();
    let expect = [
        ("CHE", 68.38, 1.0),
        ("NLD", 64.82, 2.0),
        ("DNK", 64.80, 3.0),
        ("NOR", 64.47, 4.0),
        ("BEL", 63.54, 5.0),
        ("SWE", 63.00, 6.0),
        ("AUT", 61.90, 7.0),
        ("LUX", 61.58, 8.0),
        ("CHN", 37.77, 49.0),
        ("PAK", 37.63, 50.0),
        ("RUS", 35.66, 51.0),
    ];
    for (u, score, rank) in expect {
        let i = r.units.iter().position(|x| x == u).unwrap();
        assert_eq!(
            (r.scores[i] * 100.0).round() / 100.0,
            score,
            "{u} score {}",
            r.scores[i]
        );
        assert_eq!(r.ranks[i], rank, "{u} rank");
    }
}

#[test]
fn regenerate_is_identity() {
    let Some((fw, d)) = load() else { return };
    let coin = Coin::build(fw, d, asem_log()).unwrap();
    assert!(coin.regenerate().unwrap() == coin, "regenerate differs");
    // The coin survives JSON too.
    let js = serde_json::to_string(&coin).unwrap();
    let back: Coin = serde_json::from_str(&js).unwrap();
    // Exact with serde_json's `float_roundtrip`.
    assert!(back == coin, "coin differs after JSON");
    assert!(
        back.regenerate().unwrap() == coin,
        "regenerated JSON coin differs"
    );
}

/// Every column of the `Aggregated` data set against COINr 1.1.14's `build_example_coin()`
/// (exported with `write.csv(get_dset(coin, "Aggregated"))`, stored in `tests/data/`).
#[test]
fn every_value_equals_coinr() {
    let Some((fw, d)) = load() else { return };
    let coin = Coin::build(fw, d, asem_log()).unwrap();
    let ours = coin.dataset("Aggregated").unwrap();
    let text = include_str!("data/asem_coinr_1.1.14_aggregated.csv");
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let head: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    let mut compared = 0;
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let unit = &rec[head.iter().position(|h| h == "uCode").unwrap()];
        for (k, h) in head.iter().enumerate() {
            let Some(v) = ours.get(unit, h) else { continue };
            let theirs: f64 = rec[k].parse().unwrap();
            assert!(
                (v - theirs).abs() <= 1e-9 * theirs.abs().max(1.0),
                "{unit} {h}: ours {v}, COINr {theirs}"
            );
            compared += 1;
        }
    }
    assert_eq!(compared, 51 * (49 + 8 + 2 + 1));
}
