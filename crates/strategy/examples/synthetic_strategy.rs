//! Builds a strategy for a synthetic second-tier industrial town from the shipped catalogue and
//! rules and prints it: `cargo run -p creacity-strategy --example synthetic_strategy [ru|en]`.
//! All data here are synthetic.

use creacity_model::{Bilingual, Lang, ProblemRanking, ProblemScore, Territory, TerritoryKind};
use creacity_strategy::{
    Catalogue, Rules, StrategyInput, StrategyOptions, TypedCluster, build_strategy, explain_with,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let lang: Lang = std::env::args().nth(1).as_deref().unwrap_or("en").parse()?;
    let catalogue = Catalogue::shipped()?;
    let rules = Rules::shipped()?;
    let territory = Territory {
        id: "synthetic-town".into(),
        kind: TerritoryKind::City,
        name_ru: "Синтетический город (синтетические данные)".into(),
        name_en: "Synthetic Town (synthetic data)".into(),
        parent_id: None,
        oktmo: None,
        population: Some(150_000),
        lat: None,
        lon: None,
        second_tier: true,
        industrial: true,
        monotown: false,
        synthetic: true,
    };
    let n_docs = 20u32;
    let problems = [
        ("coordination", 14),
        ("institutional", 12),
        ("financial", 11),
        ("infrastructure", 9),
        ("human_capital", 7),
        ("market_export", 5),
        ("informational", 4),
        ("regulatory", 2),
    ];
    let ranking = ProblemRanking {
        documents: (1..=n_docs).map(|i| format!("doc{i}")).collect(),
        problems: problems
            .iter()
            .enumerate()
            .map(|(n, (id, docs))| ProblemScore {
                category: (*id).into(),
                label: Bilingual::new(*id, *id),
                rank: n as u32 + 1,
                mentions: u64::from(*docs) * 3,
                documents: *docs,
                document_share: f64::from(*docs) / f64::from(n_docs),
                share_low: None,
                share_high: None,
                per_document: vec![],
                evidence: vec![],
            })
            .collect(),
        dictionary: "creacity-problems@1.0.0".into(),
    };
    let clusters = vec![
        TypedCluster::new("loft-1", "initiative_based", 1, false),
        TypedCluster::new("yard-2", "supported_initiative", 2, true),
        TypedCluster::new("depot-3", "dependent", 5, false),
    ];
    let input = StrategyInput::builder(
        &territory,
        &catalogue,
        &rules,
        StrategyOptions::new("synthetic-town-2026", "2026-01-01T00:00:00Z"),
    )
    .clusters(clusters)
    .ranking(&ranking)
    .build()?;
    print!(
        "{}",
        explain_with(&build_strategy(&input), lang, &catalogue)
    );
    Ok(())
}
