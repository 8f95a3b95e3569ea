//! Agreement of the shipped problem dictionary with a hand-coded sample (synthetic sentences,
//! `tests/data/problems_hand_coded.csv`, coded by meaning before the dictionary was run).
//! Unit of coding: sentence × category, present or absent.

use creacity_text::{Lookup, LookupParams, agreement, problem_dictionary};

const SAMPLE: &str = include_str!("data/problems_hand_coded.csv");

/// (id, codes, text) rows of the sample.
fn rows() -> Vec<(String, Vec<String>, String)> {
    let mut out = Vec::new();
    for line in SAMPLE.lines().filter(|l| !l.starts_with('#')).skip(1) {
        // id,lang,codes,"text"
        let mut it = line.splitn(4, ',');
        let id = it.next().unwrap().to_string();
        let _lang = it.next().unwrap();
        let codes = it.next().unwrap();
        let text = it.next().unwrap().trim_matches('"').to_string();
        let codes = codes
            .split(';')
            .filter(|c| !c.is_empty())
            .map(String::from)
            .collect();
        out.push((id, codes, text));
    }
    out
}

type Coding = Vec<Option<bool>>;

struct Measured {
    pooled_kappa: f64,
    pooled_alpha: f64,
    per_category: Vec<(String, f64)>,
    disagreements: Vec<String>,
}

fn measure() -> Measured {
    let dict = problem_dictionary();
    let lk = Lookup::new(&dict, &LookupParams::default().levels(1, 1)).unwrap();
    let keys = lk.keys().to_vec();
    let mut s = lk.session();
    let mut hand_all = Vec::new();
    let mut dict_all = Vec::new();
    let mut per: Vec<(Coding, Coding)> = vec![(vec![], vec![]); keys.len()];
    let mut disagreements = Vec::new();
    for (id, codes, text) in rows() {
        let c = s.count(&text);
        for (k, key) in keys.iter().enumerate() {
            let h = codes.contains(key);
            let d = c.counts[k] > 0;
            if h != d {
                disagreements.push(format!("{id}:{key}:{}", if d { "extra" } else { "missed" }));
            }
            hand_all.push(Some(h));
            dict_all.push(Some(d));
            per[k].0.push(Some(h));
            per[k].1.push(Some(d));
        }
    }
    let pooled = agreement(&hand_all, &dict_all).unwrap();
    let per_category = keys
        .iter()
        .zip(&per)
        .map(|(k, (h, d))| (k.clone(), agreement(h, d).unwrap().kappa))
        .collect();
    Measured {
        pooled_kappa: pooled.kappa,
        pooled_alpha: pooled.alpha,
        per_category,
        disagreements,
    }
}

#[test]
fn sample_is_well_formed() {
    let r = rows();
    assert_eq!(r.len(), 48);
    let ids = [
        "institutional",
        "coordination",
        "financial",
        "infrastructure",
        "human_capital",
        "market_export",
        "informational",
        "regulatory",
    ];
    for (id, codes, _) in &r {
        for c in codes {
            assert!(ids.contains(&c.as_str()), "{id}: unknown code {c}");
        }
    }
}

/// The measured agreement, recorded in docs/methods/text.md. If the dictionary changes, update
/// both (and bump the dictionary version).
#[test]
fn shipped_dictionary_agrees_with_the_hand_coding() {
    let m = measure();
    eprintln!(
        "pooled kappa {:.5}, alpha {:.5}",
        m.pooled_kappa, m.pooled_alpha
    );
    for (k, v) in &m.per_category {
        eprintln!("  {k}: {v:.3}");
    }
    eprintln!("disagreements: {:?}", m.disagreements);
    // Dictionary 1.1.0. (Version 1.0.0, written before the sample, measured 0.883; 1.1.0 adds
    // the words the sample showed missing, so this figure is measured on its own tuning set.)
    assert!((m.pooled_kappa - 0.938).abs() < 5e-4, "{}", m.pooled_kappa);
    assert!((m.pooled_alpha - 0.938).abs() < 5e-4, "{}", m.pooled_alpha);
    assert_eq!(
        m.disagreements,
        [
            "r05:human_capital:missed",
            "r22:coordination:missed",
            "r23:human_capital:missed",
            "e19:coordination:missed",
            "e20:infrastructure:extra",
        ]
    );
    let lowest = m
        .per_category
        .iter()
        .map(|(_, k)| *k)
        .fold(f64::INFINITY, f64::min);
    assert!((lowest - 0.778).abs() < 5e-4, "{lowest}");
}
