//! Golden tests against the reference facts in `/work/shared/reference/text/README.md`, and
//! hand-checkable values of keyness and reliability.

use creacity_model::Lang;
use creacity_text::{
    Category, Dfm, DfmParams, Dictionary, DocCount, Keyness, Lookup, LookupParams, Stemmer,
    Stemming, TextDocument, agreement, check_script, count_documents, fcm_document, fcm_window,
    harmonic_weights, keyness, keyness_cell, kr20, stopwords,
};

const README: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/reference/text/README.md"
);

/// The facts below are copied from the reference README; this checks they are still there.
#[test]
fn reference_readme_still_states_the_facts() {
    let Ok(text) = std::fs::read_to_string(README) else {
        eprintln!("skipping: {README} not found");
        return;
    };
    for fact in [
        "\"a a b b c d\", \"a d d d\", \"a a a\" give a = 6 (in 3 docs)",
        "\"A D A C E A D F E B A C E D\", window 3, weights 1, 1/2, 1/3",
        "управления → управлен, креативными → креативн",
        "ёлки → елк, партнёрства → партнерств",
    ] {
        assert!(
            text.contains(fact),
            "reference README no longer says: {fact}"
        );
    }
}

#[test]
fn frequency_reference() {
    let docs = [
        TextDocument::new("d1", "a a b b c d"),
        TextDocument::new("d2", "a d d d"),
        TextDocument::new("d3", "a a a"),
    ];
    let f = Dfm::build(&docs, &DfmParams::default()).frequency();
    let got: Vec<(&str, u64, u32, u32)> = f
        .iter()
        .map(|x| (x.feature.as_str(), x.frequency, x.docfreq, x.rank))
        .collect();
    assert_eq!(
        got,
        [
            ("a", 6, 3, 1),
            ("d", 4, 2, 2),
            ("b", 2, 1, 3),
            ("c", 1, 1, 4)
        ]
    );
}

/// Window 3, weights 1, 1/2, 1/3 (text2vec `create_tcm` with `skip_grams_window = 3`).
/// Expected values computed by hand from the definition (pairs at distance d add 1/d).
#[test]
fn cooccurrence_reference() {
    let toks: Vec<String> = "A D A C E A D F E B A C E D"
        .split(' ')
        .map(String::from)
        .collect();
    let m = fcm_window(&[toks], &harmonic_weights(3)).unwrap();
    assert_eq!(m.features, ["A", "D", "C", "E", "F", "B"]);
    let third = 1.0 / 3.0;
    for (a, b, v) in [
        ("A", "A", 0.5 + third),
        ("A", "D", 3.0 + third),
        ("A", "C", 2.5 + third),
        ("A", "E", 2.5 + third),
        ("A", "F", 0.5 + third),
        ("A", "B", 1.0),
        ("D", "C", 1.0 + third),
        ("D", "E", 2.0 + third),
        ("D", "F", 1.0),
        ("D", "B", third),
        ("C", "E", 2.0 + third),
        ("C", "B", 0.5),
        ("E", "F", 1.0 + third),
        ("E", "B", 1.0 + third),
        ("F", "B", 0.5),
        ("C", "C", 0.0),
        ("D", "D", 0.0),
    ] {
        assert!(
            (m.get(a, b) - v).abs() < 1e-12,
            "{a}-{b}: {} vs {v}",
            m.get(a, b)
        );
        assert_eq!(m.get(a, b), m.get(b, a));
    }
    // 14 tokens: 13 + 12 + 11 pairs at distances 1, 2, 3.
    let total: f64 = m.cells.values().sum();
    assert!((total - (13.0 + 12.0 / 2.0 + 11.0 / 3.0)).abs() < 1e-12);
}

#[test]
fn document_cooccurrence() {
    let d1: Vec<String> = "a a b c".split(' ').map(String::from).collect();
    let d2: Vec<String> = "b c c".split(' ').map(String::from).collect();
    let f = fcm_document(&[d1.clone(), d2.clone()], DocCount::Frequency);
    assert_eq!(f.get("a", "b"), 2.0);
    assert_eq!(f.get("b", "c"), 1.0 + 2.0);
    assert_eq!(f.get("c", "c"), 1.0);
    assert_eq!(f.get("a", "a"), 1.0);
    let b = fcm_document(&[d1, d2], DocCount::Boolean);
    assert_eq!(b.get("b", "c"), 2.0);
    assert_eq!(b.get("a", "c"), 1.0);
}

#[test]
fn russian_stemming_reference_cases() {
    let s = Stemmer::new(Stemming::Auto);
    for (w, st) in [
        ("управления", "управлен"),
        ("креативными", "креативн"),
        ("институциональные", "институциональн"),
        ("ёлки", "елк"),
        ("партнёрства", "партнерств"),
    ] {
        assert_eq!(s.stem(w), st, "{w}");
    }
    // The bug of older ports: ёлки → ёлки. Never.
    assert_ne!(s.stem("ёлки"), "ёлки");
}

#[test]
fn stemmed_lookup_matches_stems() {
    let d = Dictionary::new(
        "d",
        "1",
        vec![Category::leaf("mgmt", &["управлен", "партнерств"])],
    );
    let p = LookupParams::default().stemming(Stemming::Auto);
    let c = Lookup::new(&d, &p)
        .unwrap()
        .session()
        .count("Управление и управления; партнёрство.");
    assert_eq!(c.counts, [3]);
}

#[test]
fn stopword_removal_in_dfm() {
    let p = DfmParams {
        remove: stopwords(Lang::Ru).iter().map(|s| s.to_string()).collect(),
        ..DfmParams::default()
    };
    let docs = [TextDocument::new("d", "Кластер и город, и ещё кластер")];
    let m = Dfm::build(&docs, &p);
    assert_eq!(m.features, ["кластер", "город"]);
    assert_eq!(m.count(0, "кластер"), 2);
}

/// R 4.x: `chisq.test(matrix(c(3, 1, 1, 3), 2))` gives X-squared = 0.5, p-value = 0.4795
/// (Yates applies: expected counts are 2 < 5).
#[test]
fn keyness_cells_by_hand() {
    let (chi, p) = keyness_cell(3.0, 1.0, 1.0, 3.0, Keyness::Chi2);
    assert!((chi - 0.5).abs() < 1e-12);
    assert!((p - 0.4795).abs() < 1e-4);
    let (chi, _) = keyness_cell(3.0, 1.0, 1.0, 3.0, Keyness::Chi2Uncorrected);
    assert!((chi - 2.0).abs() < 1e-12);
    // G² = 2 (2·3 ln 1.5 + 2·1 ln 0.5) = 2.092992; Williams q = 1 + 3·3/48 = 1.1875.
    let (g, _) = keyness_cell(3.0, 1.0, 1.0, 3.0, Keyness::G2Uncorrected);
    assert!((g - 2.092_992).abs() < 1e-5, "{g}");
    let (g, _) = keyness_cell(3.0, 1.0, 1.0, 3.0, Keyness::G2);
    assert!((g - 2.092_992 / 1.1875).abs() < 1e-5, "{g}");
    let (pmi, _) = keyness_cell(3.0, 1.0, 1.0, 3.0, Keyness::Pmi);
    assert!((pmi - 1.5f64.ln()).abs() < 1e-8);
    // Signed: the reverse table is as strong the other way.
    let (neg, _) = keyness_cell(1.0, 3.0, 3.0, 1.0, Keyness::Chi2);
    assert!((neg + 0.5).abs() < 1e-12);
    // Large expected counts: no Yates correction (quanteda's rule).
    let (a, b, c, d) = (60.0, 40.0, 940.0, 960.0);
    let (chi, _) = keyness_cell(a, b, c, d, Keyness::Chi2);
    let n = a + b + c + d;
    let plain = n * (a * d - b * c).powi(2) / ((a + b) * (c + d) * (a + c) * (b + d));
    assert!((chi - plain).abs() < 1e-9);
}

#[test]
fn keyness_over_a_dfm() {
    let docs = [
        TextDocument::new("t", "grant grant grant market"),
        TextDocument::new("r1", "market market law"),
        TextDocument::new("r2", "law market"),
    ];
    let m = Dfm::build(&docs, &DfmParams::default());
    let k = keyness(&m, &[true, false, false], Keyness::Chi2).unwrap();
    assert_eq!(k[0].feature, "grant");
    assert_eq!((k[0].n_target, k[0].n_reference), (3, 0));
    assert!(k.last().unwrap().statistic < 0.0);
    let f = keyness(&m, &[true, false, false], Keyness::Fisher).unwrap();
    assert_eq!(f[0].feature, "grant");
    assert!(f[0].statistic.is_infinite());
    assert!(keyness(&m, &[true, true, true], Keyness::Chi2).is_err());
    assert!(keyness(&m, &[true], Keyness::Chi2).is_err());
}

/// Cohen's kappa, the textbook 2×2 example: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no:
/// p_o = 0.7, p_e = 0.5, kappa = 0.4.
#[test]
fn cohen_kappa_textbook() {
    let mut a = Vec::new();
    let mut b = Vec::new();
    for (x, y, n) in [
        ("yes", "yes", 20),
        ("yes", "no", 5),
        ("no", "yes", 10),
        ("no", "no", 15),
    ] {
        for _ in 0..n {
            a.push(Some(x));
            b.push(Some(y));
        }
    }
    let r = agreement(&a, &b).unwrap();
    assert!((r.observed - 0.7).abs() < 1e-12);
    assert!((r.expected - 0.5).abs() < 1e-12);
    assert!((r.kappa - 0.4).abs() < 1e-12);
    // Missing codes are skipped.
    a.push(None);
    b.push(Some("yes"));
    assert_eq!(agreement(&a, &b).unwrap().units, 50);
    assert!(agreement(&a[..3], &b).is_err());
}

#[test]
fn kr20_equals_alpha_on_binary_items() {
    let items = vec![
        vec![true, true, false],
        vec![true, false, false],
        vec![true, true, true],
        vec![false, false, false],
    ];
    // Item variances (n-1): 1/4, 1/3, 1/4 → 5/6; totals 2, 1, 3, 0 → variance 5/3.
    let a = kr20(&items).unwrap();
    assert!((a - 1.5 * (1.0 - 0.5)).abs() < 1e-12);
}

#[test]
fn latin_lookalikes_are_flagged() {
    let bad = check_script("Hanorosas cucmeMa Poccuu u 6lOgmeT perиoHa", 0.5);
    assert!(bad.flagged);
    assert_eq!(bad.mixed_words, 1);
    let good = check_script("Налоговая система России и бюджет региона", 0.5);
    assert!(!good.flagged);
    assert_eq!(good.latin, 0);
    assert!(!check_script("", 0.5).flagged);
    // Latin-only garble (detected as English by a language guesser) is caught by odd capitals.
    let latin = check_script("Hanorosas cucmeMa u 6lOgmeT kpeaTuBHble uHgycTpuu", 0.5);
    assert_eq!((latin.words, latin.odd_case_words), (6, 4));
    assert!(latin.garbled());
    let english = check_script(
        "The creative cluster opened in a former textile mill in 2019.",
        0.5,
    );
    assert!(!english.garbled() && english.odd_case_words == 0);
}

#[test]
fn counts_by_group() {
    let d = Dictionary::new("d", "1", vec![Category::leaf("k", &["x"])]);
    let lk = Lookup::new(&d, &LookupParams::default()).unwrap();
    let docs = [
        TextDocument::new("a", "x x"),
        TextDocument::new("b", "y"),
        TextDocument::new("c", "x"),
    ];
    let t = count_documents(&docs, &lk);
    assert_eq!(t.counts, [vec![2], vec![0], vec![1]]);
    let g = t.by_group(&["2023", "2023", "2024"]).unwrap();
    assert_eq!(g.groups, ["2023", "2024"]);
    assert_eq!(g.counts, [vec![2], vec![1]]);
    assert_eq!(g.shares, [vec![0.5], vec![1.0]]);
    assert_eq!(g.tokens, [3, 1]);
    assert!(t.by_group(&["x"]).is_err());
}

#[test]
fn category_consistency_by_hand() {
    // Items x, y over four documents: counts (1,1), (2,2), (0,0), (1,0).
    // Variances 2/3 and 11/12; totals 2, 4, 0, 1 → variance 35/12.
    // alpha = 2 (1 − (8/12 + 11/12) / (35/12)) = 2 · 16/35.
    let cat = Category::leaf("k", &["x", "y"]);
    let docs = [
        TextDocument::new("1", "x y"),
        TextDocument::new("2", "x x y y"),
        TextDocument::new("3", "z"),
        TextDocument::new("4", "x"),
    ];
    let c = creacity_text::category_consistency(&docs, &cat, &LookupParams::default()).unwrap();
    assert_eq!((c.items, c.cases), (2, 4));
    assert!((c.alpha - 32.0 / 35.0).abs() < 1e-12, "{}", c.alpha);
    // Presence (1,1), (1,1), (0,0), (1,0): variances 1/4, 1/3; totals 2, 2, 0, 1 → 11/12.
    assert!((c.kr20 - 2.0 * (1.0 - (7.0 / 12.0) / (11.0 / 12.0))).abs() < 1e-12);
    let one = Category::leaf("k", &["x"]);
    assert!(creacity_text::category_consistency(&docs, &one, &LookupParams::default()).is_err());
}
