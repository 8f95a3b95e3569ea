//! Hand-made inputs shared by the integration tests.
#![allow(dead_code)]

use creacity_model::{Bilingual, ProblemRanking, ProblemScore, Territory, TerritoryKind};
use creacity_strategy::{
    Catalogue, Rules, StrategyInput, StrategyOptions, TypedCluster, build_strategy,
};

pub const STAMP: &str = "2026-01-01T00:00:00Z";

pub fn territory(second_tier: bool, industrial: bool, monotown: bool) -> Territory {
    Territory {
        id: "t1".into(),
        kind: TerritoryKind::City,
        name_ru: "Синтетический город".into(),
        name_en: "Synthetic Town".into(),
        parent_id: None,
        oktmo: None,
        population: None,
        lat: None,
        lon: None,
        second_tier,
        industrial,
        monotown,
        synthetic: true,
    }
}

/// A ranking over `n_docs` documents; each entry is (category, rank, documents mentioning it).
pub fn ranking(n_docs: u32, entries: &[(&str, u32, u32)]) -> ProblemRanking {
    let mut problems: Vec<ProblemScore> = entries
        .iter()
        .map(|(cat, rank, docs)| ProblemScore {
            category: (*cat).into(),
            label: Bilingual::new(*cat, *cat),
            rank: *rank,
            mentions: u64::from(*docs) * 2,
            documents: *docs,
            document_share: f64::from(*docs) / f64::from(n_docs),
            share_low: None,
            share_high: None,
            per_document: vec![],
            evidence: vec![],
        })
        .collect();
    problems.sort_by_key(|p| p.rank);
    ProblemRanking {
        documents: (1..=n_docs).map(|i| format!("doc{i}")).collect(),
        problems,
        dictionary: "test-dictionary@1".into(),
    }
}

pub fn cluster(id: &str, type_id: &str, position: u32) -> TypedCluster {
    TypedCluster::new(id, type_id, position, false)
}

pub fn shipped() -> (Catalogue, Rules) {
    (Catalogue::shipped().unwrap(), Rules::shipped().unwrap())
}

pub fn options() -> StrategyOptions {
    StrategyOptions::new("s1", STAMP)
}

/// Builds a strategy in one go.
pub fn strategy(
    territory: &Territory,
    clusters: Vec<TypedCluster>,
    ranking: &ProblemRanking,
    catalogue: &Catalogue,
    rules: &Rules,
    options: StrategyOptions,
) -> creacity_model::Strategy {
    let input = StrategyInput::builder(territory, catalogue, rules, options)
        .clusters(clusters)
        .ranking(ranking)
        .build()
        .unwrap();
    build_strategy(&input)
}
