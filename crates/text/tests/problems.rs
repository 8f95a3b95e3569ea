//! The shipped problem dictionary and `rank_problems` on texts whose counts are known by
//! construction.

use creacity_text::{
    Bootstrap, Lookup, LookupParams, RankParams, TextDocument, problem_dictionary, rank_problems,
};

const IDS: [&str; 8] = [
    "institutional",
    "coordination",
    "financial",
    "infrastructure",
    "human_capital",
    "market_export",
    "informational",
    "regulatory",
];

#[test]
fn shipped_dictionary_has_the_shared_ids_and_labels() {
    let d = problem_dictionary();
    assert_eq!(d.name, "creacity-problems");
    assert_eq!(d.version, "1.1.0");
    let ids: Vec<&str> = d.categories.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, IDS);
    for c in &d.categories {
        assert!(!c.label.ru.is_empty() && !c.label.en.is_empty(), "{}", c.id);
        assert!(c.patterns.len() >= 15, "{} has {}", c.id, c.patterns.len());
        assert!(
            c.patterns
                .iter()
                .any(|p| p.chars().any(|ch| ('а'..='я').contains(&ch)))
        );
        assert!(
            c.patterns
                .iter()
                .any(|p| p.chars().any(|ch| ch.is_ascii_lowercase()))
        );
    }
}

/// Every category on inflected Russian forms and English forms: one mention each, by construction.
#[test]
fn each_category_counts_inflected_forms() {
    let d = problem_dictionary();
    let lk = Lookup::new(&d, &LookupParams::default()).unwrap();
    let mut s = lk.session();
    let cases = [
        (
            "institutional",
            "Институциональной среды не хватает.",
            "Governance is weak.",
        ),
        (
            "coordination",
            "Мало координацией занимались.",
            "Poorly coordinated actions.",
        ),
        (
            "financial",
            "Проблема финансированием решалась.",
            "Funding was cut.",
        ),
        (
            "infrastructure",
            "Не хватает помещений.",
            "No premises were found.",
        ),
        ("human_capital", "Нужны кадры.", "Skills are scarce."),
        ("market_export", "Слабый рынок.", "Exports fell."),
        ("informational", "Не хватает информации.", "Low awareness."),
        ("regulatory", "По закону нельзя.", "The law forbids it."),
    ];
    for (k, ru, en) in cases {
        let i = IDS.iter().position(|x| *x == k).unwrap();
        for t in [ru, en] {
            let c = s.count(t);
            let mut want = vec![0; 8];
            want[i] = 1;
            assert_eq!(c.counts, want, "{k}: {t}");
        }
    }
}

#[test]
fn false_friends_are_not_counted() {
    let d = problem_dictionary();
    let lk = Lookup::new(&d, &LookupParams::default()).unwrap();
    let c = lk
        .session()
        .count("Закономерность данного явления; regular human beings.");
    assert_eq!(c.counts, vec![0; 8]);
}

#[test]
fn multi_word_and_stem_in_one_key_count_once() {
    let d = problem_dictionary();
    let lk = Lookup::new(&d, &LookupParams::default()).unwrap();
    // "отсутствие координации" (multi-word) and "координац*" cover the same word: 1, not 2.
    let c = lk
        .session()
        .count("Отсутствие координации между ведомствами.");
    assert_eq!(c.counts[1], 1);
    // "государственно-частного" is one token, caught by "государственно-частн*"; "партнерства"
    // (ё folded) by "партнерств*": 2 mentions.
    let c = lk
        .session()
        .count("Нет государственно-частного партнёрства.");
    assert_eq!(c.counts[1], 2);
}

/// Four documents built so that: coordination appears in 3 docs (5 mentions), institutional in 3
/// docs (3 mentions), financial in 1 doc (4 mentions), regulatory in 1 doc (1 mention).
fn corpus() -> Vec<TextDocument> {
    vec![
        TextDocument::new(
            "d1",
            "Координация слабая. Координации нет. Институциональные барьеры.",
        ),
        TextDocument::new("d2", "Coordination fails; institutional voids remain."),
        TextDocument::new("d3", "Координационный совет. Бюрократия. Закон молчит."),
        TextDocument::new("d4", "Гранты, гранты, субсидии и кредиты.\u{c}Координация."),
    ]
}

#[test]
fn ranking_known_by_construction() {
    let docs = corpus();
    let r = rank_problems(&docs, &problem_dictionary(), &RankParams::default()).unwrap();
    assert_eq!(r.documents, ["d1", "d2", "d3", "d4"]);
    assert_eq!(r.dictionary, "creacity-problems 1.1.0");
    let top: Vec<(&str, u32, u64, u32, f64)> = r
        .problems
        .iter()
        .take(4)
        .map(|p| {
            (
                p.category.as_str(),
                p.rank,
                p.mentions,
                p.documents,
                p.document_share,
            )
        })
        .collect();
    assert_eq!(
        top,
        [
            ("coordination", 1, 5, 4, 1.0),
            ("institutional", 2, 3, 3, 0.75),
            ("financial", 3, 4, 1, 0.25),
            ("regulatory", 4, 1, 1, 0.25),
        ]
    );
    let coord = &r.problems[0];
    assert_eq!(coord.per_document, [2, 1, 1, 1]);
    // Zero categories follow in dictionary order.
    let rest: Vec<&str> = r.problems[4..]
        .iter()
        .map(|p| p.category.as_str())
        .collect();
    assert_eq!(
        rest,
        [
            "infrastructure",
            "human_capital",
            "market_export",
            "informational"
        ]
    );
    assert!(
        r.problems[4..]
            .iter()
            .all(|p| p.mentions == 0 && p.evidence.is_empty())
    );
    // Evidence: round-robin over documents, page only for paged documents.
    let ev: Vec<(&str, Option<u32>, &str)> = coord
        .evidence
        .iter()
        .map(|e| (e.document_id.as_str(), e.page, e.keyword.as_str()))
        .collect();
    assert_eq!(
        ev,
        [
            ("d1", None, "Координация"),
            ("d2", None, "Coordination"),
            ("d3", None, "Координационный"),
            ("d4", Some(2), "Координация"),
            ("d1", None, "Координации"),
        ]
    );
    assert_eq!(
        coord.evidence[0].right,
        "слабая Координации нет Институциональные барьеры"
    );
    assert_eq!(coord.label.en, "Coordination problems");
    assert!(coord.share_low.is_none());
}

#[test]
fn bootstrap_is_seeded_and_brackets_the_share() {
    let docs = corpus();
    let p = RankParams {
        bootstrap: Some(Bootstrap {
            replicates: 500,
            confidence: 0.9,
            seed: 7,
        }),
        ..RankParams::default()
    };
    let a = rank_problems(&docs, &problem_dictionary(), &p).unwrap();
    let b = rank_problems(&docs, &problem_dictionary(), &p).unwrap();
    assert_eq!(a, b);
    for s in &a.problems {
        let (l, h) = (s.share_low.unwrap(), s.share_high.unwrap());
        assert!(
            l <= s.document_share && s.document_share <= h,
            "{}",
            s.category
        );
    }
    // All four documents mention coordination: every resample gives 1.
    assert_eq!(
        (a.problems[0].share_low, a.problems[0].share_high),
        (Some(1.0), Some(1.0))
    );
    // Nobody mentions infrastructure.
    assert_eq!(a.problems[4].share_high, Some(0.0));
    // Institutional, 3 of 4: the interval is wide and inside [0, 1].
    let inst = &a.problems[1];
    assert!(inst.share_low.unwrap() < 0.75 && inst.share_high.unwrap() == 1.0);
}

#[test]
fn bad_bootstrap_parameters_are_refused() {
    let mut p = RankParams {
        bootstrap: Some(Bootstrap {
            replicates: 5,
            ..Bootstrap::default()
        }),
        ..RankParams::default()
    };
    assert!(rank_problems(&corpus(), &problem_dictionary(), &p).is_err());
    p.bootstrap = Some(Bootstrap {
        confidence: 1.0,
        ..Bootstrap::default()
    });
    assert!(rank_problems(&corpus(), &problem_dictionary(), &p).is_err());
}

#[test]
fn empty_corpus_gives_zero_shares() {
    let r = rank_problems(&[], &problem_dictionary(), &RankParams::default()).unwrap();
    assert_eq!(r.problems.len(), 8);
    assert!(r.problems.iter().all(|p| p.document_share == 0.0));
    assert_eq!(r.problems[0].category, "institutional");
}
