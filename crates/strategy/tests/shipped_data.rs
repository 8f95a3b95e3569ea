//! Tests over the shipped files in data/catalogue and data/rules.

mod common;

use std::collections::BTreeSet;

use creacity_model::Bilingual;
use creacity_strategy::{Catalogue, Rules, shipped};

fn both(key: &str, b: &Bilingual) {
    assert!(!b.ru.trim().is_empty(), "{key}.ru is empty");
    assert!(!b.en.trim().is_empty(), "{key}.en is empty");
    // A Russian text should be in Cyrillic; an English one should not be.
    assert!(
        b.ru.chars()
            .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c)))
            || b.ru.chars().all(|c| !c.is_alphabetic()),
        "{key}.ru has no Cyrillic: {:?}",
        b.ru
    );
    assert!(
        !b.en
            .chars()
            .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c))),
        "{key}.en has Cyrillic: {:?}",
        b.en
    );
}

#[test]
fn shipped_files_load_and_cross_check() {
    let (c, r) = common::shipped();
    r.check(&c).unwrap();
    assert_eq!(c.problems_ref(), "creacity-problem-catalogue@1.0.0");
    assert_eq!(c.instruments_ref(), "creacity-instruments@1.0.0");
    assert_eq!(r.reference(), "creacity-strategy-rules@1.0.0");
}

#[test]
fn shipped_catalogue_has_the_fixed_ids() {
    let c = Catalogue::shipped().unwrap();
    for id in [
        "institutional",
        "coordination",
        "financial",
        "infrastructure",
        "human_capital",
        "market_export",
        "informational",
        "regulatory",
    ] {
        assert!(c.problem(id).is_some(), "problem {id}");
    }
    for id in [
        "urban_spaces",
        "creative_clusters",
        "small_business_grants",
        "export_stimulation",
        "regulatory_innovation",
        "coordination_bodies",
        "education",
        "information_support",
    ] {
        let ins = c
            .instrument(id)
            .unwrap_or_else(|| panic!("instrument {id}"));
        assert!(
            (2..=4).contains(&ins.measure.len()),
            "{id} has {} measures",
            ins.measure.len()
        );
    }
    assert_eq!(c.measures().count(), 27);
}

#[test]
fn institutional_and_coordination_come_first_in_the_catalogue() {
    let c = Catalogue::shipped().unwrap();
    let first: Vec<&str> = c
        .problems()
        .iter()
        .filter(|p| p.priority == 1)
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(first, ["institutional", "coordination"]);
    assert!(c.problems().iter().all(|p| p.priority <= 2));
}

#[test]
fn every_shipped_text_exists_in_both_languages() {
    let (c, r) = common::shipped();
    for p in c.problems() {
        both(&format!("problem[{}].label", p.id), &p.label);
        both(&format!("problem[{}].description", p.id), &p.description);
        both(&format!("problem[{}].goal", p.id), &p.goal);
    }
    for u in c.units() {
        assert!(!u.label.ru.is_empty() && !u.label.en.is_empty());
    }
    for i in c.instruments() {
        both(&format!("instrument[{}].label", i.id), &i.label);
        both(&format!("instrument[{}].description", i.id), &i.description);
        both(&format!("instrument[{}].goal", i.id), &i.goal);
        for m in &i.measure {
            both(&format!("measure[{}].title", m.id), &m.title);
            both(&format!("measure[{}].description", m.id), &m.description);
            both(
                &format!("measure[{}].la_role", m.id),
                &m.local_authority_role,
            );
            for k in &m.kpi {
                both(&format!("measure[{}].kpi[{}]", m.id, k.id), &k.name);
            }
        }
    }
    for rule in r.rules() {
        both(&format!("rule[{}].reason", rule.id), &rule.reason);
    }
}

#[test]
fn every_catalogue_measure_is_reachable_by_some_rule() {
    let (c, r) = common::shipped();
    let reachable: BTreeSet<&str> = r
        .rules()
        .iter()
        .flat_map(|rule| r.recommended(rule, &c))
        .collect();
    let missing: Vec<&str> = c
        .measures()
        .map(|(_, m)| m.id.as_str())
        .filter(|m| !reachable.contains(m))
        .collect();
    assert!(missing.is_empty(), "unreachable measures: {missing:?}");
}

#[test]
fn every_problem_is_used_by_some_rule() {
    let (c, r) = common::shipped();
    for p in c.problems() {
        assert!(
            r.rules()
                .iter()
                .any(|rule| rule.problems.iter().any(|q| q.id == p.id)),
            "no rule looks at problem {}",
            p.id
        );
    }
}

#[test]
fn shipped_text_is_the_embedded_file() {
    let on_disk = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/rules/strategy.toml"
    );
    let text = std::fs::read_to_string(on_disk).unwrap();
    assert_eq!(text, shipped::RULES_TOML);
    Rules::from_toml(&text).unwrap();
}

#[test]
fn the_documentation_lists_every_shipped_item() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/management-model.md"
    );
    let Ok(doc) = std::fs::read_to_string(path) else {
        eprintln!("skipping: {path} not found");
        return;
    };
    let (c, r) = common::shipped();
    let ids = c
        .problems()
        .iter()
        .map(|p| p.id.as_str())
        .chain(c.instruments().iter().map(|i| i.id.as_str()))
        .chain(c.measures().map(|(_, m)| m.id.as_str()))
        .chain(r.rules().iter().map(|x| x.id.as_str()));
    for id in ids {
        assert!(
            doc.contains(&format!("`{id}`")),
            "docs/management-model.md does not list `{id}`"
        );
    }
}
