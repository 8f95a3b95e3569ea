//! Every shipped rule fires on an input made to satisfy it exactly, and not on each near miss
//! (one condition broken by the smallest step). Clusters carry custom type ids ("custom_N"), so
//! the shipped rules are shown to match by position on the scale whatever the typology's ids.

mod common;

use creacity_model::{ProblemRanking, Territory};
use creacity_strategy::{
    Catalogue, ClusterCondition, Rule, Rules, ScaleEnd, StrategyInput, TypedCluster, evaluate,
};

/// The facts an input is made of, before they become model values.
#[derive(Clone)]
struct Facts {
    /// (category, rank, documents) over `DOCS` documents.
    problems: Vec<(String, u32, u32)>,
    /// Positions of the clusters (type id `custom_<position>`).
    clusters: Vec<u32>,
    flags: (bool, bool, bool),
}

const DOCS: u32 = 100;

fn selected_position(c: &ClusterCondition) -> u32 {
    if let Some(p) = c.positions.first() {
        return *p;
    }
    match c.end {
        Some(ScaleEnd::Private) => 1,
        Some(ScaleEnd::Public) => 5,
        Some(ScaleEnd::Middle) => 3,
        None => 3,
    }
}

fn unselected_position(c: &ClusterCondition) -> Option<u32> {
    (1..=5).find(|p| !c.selects(&format!("custom_{p}"), *p, 5))
}

fn docs_for(min_share: Option<f64>) -> u32 {
    min_share.map_or(50, |s| (s * f64::from(DOCS)).ceil() as u32)
}

/// The smallest input that satisfies every condition of `rule`.
fn satisfying(rule: &Rule, catalogue: &Catalogue) -> Facts {
    let mut problems: Vec<(String, u32, u32)> = Vec::new();
    let mut taken = Vec::new();
    for c in &rule.problems {
        let rank = c.max_rank.unwrap_or(1);
        taken.push(rank);
        problems.push((c.id.clone(), rank, docs_for(c.min_share).max(1)));
    }
    // The other categories fill the free ranks, each mentioned in a few documents.
    let mut free = (1..).filter(|r| !taken.contains(r));
    for p in catalogue.problems() {
        if !problems.iter().any(|(id, _, _)| id == &p.id) {
            problems.push((p.id.clone(), free.next().unwrap(), 1));
        }
    }
    assert!(
        rule.clusters.len() <= 1,
        "the generator handles one cluster condition"
    );
    let mut clusters = Vec::new();
    if let Some(c) = rule.clusters.first() {
        let pos = selected_position(c);
        clusters.extend(std::iter::repeat_n(pos, c.min_count as usize));
        if c.min_share.is_some() && clusters.is_empty() {
            clusters.push(pos);
        }
    }
    let t = rule.territory.clone().unwrap_or_default();
    Facts {
        problems,
        clusters,
        flags: (
            t.second_tier.unwrap_or(false),
            t.industrial.unwrap_or(false),
            t.monotown.unwrap_or(false),
        ),
    }
}

/// Inputs that each break one condition of `rule` by the smallest step.
fn near_misses(rule: &Rule, base: &Facts) -> Vec<(String, Facts)> {
    let mut out = Vec::new();
    for c in &rule.problems {
        let i = base
            .problems
            .iter()
            .position(|(id, _, _)| id == &c.id)
            .unwrap();
        if let Some(r) = c.max_rank {
            // Swap ranks with the category just below.
            let mut f = base.clone();
            if let Some(j) = f.problems.iter().position(|(_, rank, _)| *rank == r + 1) {
                f.problems[j].1 = r;
            }
            f.problems[i].1 = r + 1;
            out.push((format!("{} at rank {}", c.id, r + 1), f));
        }
        if let Some(s) = c.min_share {
            let mut f = base.clone();
            f.problems[i].2 = docs_for(Some(s)) - 1;
            out.push((format!("{} share below {s}", c.id), f));
        }
        let mut f = base.clone();
        f.problems[i].2 = 0;
        out.push((format!("{} never mentioned", c.id), f));
        let mut f = base.clone();
        f.problems.remove(i);
        out.push((format!("{} absent from the ranking", c.id), f));
    }
    if let Some(c) = rule.clusters.first() {
        if c.min_count >= 1 {
            let mut f = base.clone();
            f.clusters.pop();
            out.push((format!("{} selected clusters", c.min_count - 1), f));
        }
        if let Some(max) = c.max_count {
            let mut f = base.clone();
            f.clusters = vec![selected_position(c); max as usize + 1];
            out.push((format!("{} selected clusters", max + 1), f));
        }
        if let Some(s) = c.min_share
            && let Some(other) = unselected_position(c)
        {
            // Add unselected clusters until the share drops just below the threshold.
            let mut f = base.clone();
            let k = f.clusters.len() as f64;
            while k / (f.clusters.len() as f64) >= s {
                f.clusters.push(other);
            }
            out.push((format!("share of selected clusters below {s}"), f));
        }
        if !base.clusters.is_empty()
            && let Some(other) = unselected_position(c)
        {
            let mut f = base.clone();
            f.clusters = vec![other; f.clusters.len()];
            out.push((format!("clusters moved to position {other}"), f));
        }
    }
    if let Some(t) = &rule.territory {
        for (name, wanted) in [
            ("second_tier", t.second_tier),
            ("industrial", t.industrial),
            ("monotown", t.monotown),
        ] {
            if let Some(v) = wanted {
                let mut f = base.clone();
                match name {
                    "second_tier" => f.flags.0 = !v,
                    "industrial" => f.flags.1 = !v,
                    _ => f.flags.2 = !v,
                }
                out.push((format!("{name} = {}", !v), f));
            }
        }
    }
    out
}

fn fires(rule: &Rule, facts: &Facts, catalogue: &Catalogue, rules: &Rules) -> bool {
    let t: Territory = common::territory(facts.flags.0, facts.flags.1, facts.flags.2);
    let entries: Vec<(&str, u32, u32)> = facts
        .problems
        .iter()
        .map(|(id, r, d)| (id.as_str(), *r, *d))
        .collect();
    let ranking: ProblemRanking = common::ranking(DOCS, &entries);
    let clusters: Vec<TypedCluster> = facts
        .clusters
        .iter()
        .enumerate()
        .map(|(n, p)| common::cluster(&format!("k{n}"), &format!("custom_{p}"), *p))
        .collect();
    let input = StrategyInput::builder(&t, catalogue, rules, common::options())
        .clusters(clusters)
        .ranking(&ranking)
        .build()
        .unwrap();
    evaluate(&input).iter().any(|f| f.rule_id == rule.id)
}

#[test]
fn every_shipped_rule_fires_exactly_at_its_threshold() {
    let (c, r) = common::shipped();
    let mut misses_checked = 0;
    for rule in r.rules() {
        let base = satisfying(rule, &c);
        assert!(
            fires(rule, &base, &c, &r),
            "rule {} does not fire on its own input",
            rule.id
        );
        let misses = near_misses(rule, &base);
        assert!(!misses.is_empty(), "rule {} has no near miss", rule.id);
        for (what, f) in misses {
            assert!(
                !fires(rule, &f, &c, &r),
                "rule {} fires on the near miss: {what}",
                rule.id
            );
            misses_checked += 1;
        }
    }
    assert!(misses_checked >= 60, "{misses_checked}");
}
