//! Each kind of condition on a hand-made rule: it fires at its threshold and not one step beyond.

mod common;

use common::{cluster, options, ranking, territory};
use creacity_model::{ProblemRanking, Territory};
use creacity_strategy::{Catalogue, Rules, StrategyInput, TypedCluster, evaluate};

fn rules(conditions: &str) -> Rules {
    Rules::from_toml(&format!(
        "name = \"t\"\nversion = \"1\"\n[[rule]]\nid = \"r\"\nmeasures = [\"creative_council\"]\n\
         reason = {{ ru = \"п\", en = \"r\" }}\n{conditions}"
    ))
    .unwrap()
}

fn fires(rules: &Rules, t: &Territory, clusters: Vec<TypedCluster>, rk: &ProblemRanking) -> bool {
    let c = Catalogue::shipped().unwrap();
    let input = StrategyInput::builder(t, &c, rules, options())
        .clusters(clusters)
        .ranking(rk)
        .build()
        .unwrap();
    !evaluate(&input).is_empty()
}

fn plain() -> Territory {
    territory(false, false, false)
}

#[test]
fn problem_rank() {
    let r = rules("[[rule.problem]]\nid = \"financial\"\nmax_rank = 2\n");
    assert!(fires(
        &r,
        &plain(),
        vec![],
        &ranking(10, &[("financial", 2, 3)])
    ));
    assert!(!fires(
        &r,
        &plain(),
        vec![],
        &ranking(10, &[("financial", 3, 3)])
    ));
    // Ranked but never mentioned: no.
    assert!(!fires(
        &r,
        &plain(),
        vec![],
        &ranking(10, &[("financial", 1, 0)])
    ));
    // No ranking at all: no.
    assert!(!fires(&r, &plain(), vec![], &ranking(0, &[])));
}

#[test]
fn problem_share() {
    let r = rules("[[rule.problem]]\nid = \"financial\"\nmin_share = 0.4\n");
    assert!(fires(
        &r,
        &plain(),
        vec![],
        &ranking(10, &[("financial", 5, 4)])
    ));
    assert!(!fires(
        &r,
        &plain(),
        vec![],
        &ranking(10, &[("financial", 1, 3)])
    ));
}

#[test]
fn two_problem_conditions_must_both_hold() {
    let r = rules(
        "[[rule.problem]]\nid = \"financial\"\nmax_rank = 2\n[[rule.problem]]\nid = \"regulatory\"\nmax_rank = 2\n",
    );
    assert!(fires(
        &r,
        &plain(),
        vec![],
        &ranking(10, &[("financial", 1, 5), ("regulatory", 2, 4)])
    ));
    assert!(!fires(
        &r,
        &plain(),
        vec![],
        &ranking(10, &[("financial", 1, 5), ("regulatory", 3, 4)])
    ));
}

#[test]
fn cluster_type_ids() {
    let r = rules("[[rule.clusters]]\ntypes = [\"dependent\"]\n");
    let rk = ranking(0, &[]);
    // Matched by type id whatever the position.
    assert!(fires(&r, &plain(), vec![cluster("a", "dependent", 2)], &rk));
    assert!(!fires(&r, &plain(), vec![cluster("a", "guided", 5)], &rk));
}

#[test]
fn cluster_counts() {
    let r = rules("[[rule.clusters]]\nend = \"private\"\nmin_count = 2\nmax_count = 3\n");
    let rk = ranking(0, &[]);
    let private = |n: usize| {
        (0..n)
            .map(|i| cluster(&format!("k{i}"), "x", 1 + (i as u32 % 2)))
            .collect::<Vec<_>>()
    };
    assert!(!fires(&r, &plain(), private(1), &rk));
    assert!(fires(&r, &plain(), private(2), &rk));
    assert!(fires(&r, &plain(), private(3), &rk));
    assert!(!fires(&r, &plain(), private(4), &rk));
}

#[test]
fn cluster_shares() {
    let r = rules("[[rule.clusters]]\nend = \"public\"\nmin_share = 0.25\nmax_share = 0.5\n");
    let rk = ranking(0, &[]);
    let mix = |public: usize, other: usize| {
        (0..public)
            .map(|i| cluster(&format!("p{i}"), "x", 5))
            .chain((0..other).map(|i| cluster(&format!("o{i}"), "y", 3)))
            .collect::<Vec<_>>()
    };
    assert!(fires(&r, &plain(), mix(1, 3), &rk)); // 25 %
    assert!(!fires(&r, &plain(), mix(1, 4), &rk)); // 20 %
    assert!(fires(&r, &plain(), mix(2, 2), &rk)); // 50 %
    assert!(!fires(&r, &plain(), mix(3, 2), &rk)); // 60 %
    // No clusters at all: share 0, below the minimum.
    assert!(!fires(&r, &plain(), vec![], &rk));
}

#[test]
fn territory_flags_must_match_both_ways() {
    let r = rules("[rule.territory]\nindustrial = true\nmonotown = false\n");
    let rk = ranking(0, &[]);
    assert!(fires(&r, &territory(false, true, false), vec![], &rk));
    assert!(!fires(&r, &territory(false, true, true), vec![], &rk));
    assert!(!fires(&r, &territory(true, false, false), vec![], &rk));
}

#[test]
fn problems_unknown_to_the_catalogue_are_ignored() {
    let r = rules("[[rule.problem]]\nid = \"financial\"\nmax_rank = 2\n");
    let rk = ranking(10, &[("my_own_category", 1, 9), ("financial", 2, 5)]);
    assert!(fires(&r, &plain(), vec![], &rk));
}
