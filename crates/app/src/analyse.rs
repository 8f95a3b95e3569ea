//! The loop's analyses: classify clusters, find problems, build a strategy — each loaded from the
//! workspace, computed by its engine, and saved back with its provenance.

use creacity_model::{ProblemRanking, Provenance, Strategy};
use creacity_store::Workspace;
use creacity_strategy::{StrategyInput, StrategyOptions, TypedCluster};
use creacity_text::{Bootstrap, RankParams, TextDocument};
use creacity_typology::Classification;

use crate::{AppError, Knowledge, Result};

/// creacity's version, recorded in every provenance.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

fn provenance(
    method: &str,
    parameters: serde_json::Value,
    data: Vec<String>,
    inputs: Vec<String>,
) -> Provenance {
    Provenance {
        tool_version: VERSION.to_string(),
        method: method.to_string(),
        parameters: parameters.to_string(),
        data,
        inputs,
        created_at: creacity_store::now(),
    }
}

/// Classifies the clusters (of one territory, or all) and stores the result.
///
/// # Errors
/// A store error, or [`AppError::Invalid`] when the territory is unknown.
pub fn classify(
    ws: &mut Workspace,
    k: &Knowledge,
    territory: Option<&str>,
) -> Result<Classification> {
    if let Some(t) = territory {
        ws.territory(t)?;
    }
    let clusters = ws.clusters(territory)?;
    let result = creacity_typology::classify(&k.spec, &clusters);
    let p = provenance(
        "typology.classify",
        serde_json::json!({ "territory": territory, "spec_digest": k.spec.digest() }),
        vec![format!("typology:{}@{}", k.spec.name(), k.spec.version())],
        vec![format!(
            "clusters: {}",
            clusters
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>()
                .join(",")
        )],
    );
    ws.save_analysis("classification", territory, &result, &p)?;
    Ok(result)
}

/// Ranks the management problems over every document in the workspace and stores the ranking.
///
/// # Errors
/// [`AppError::Invalid`] when there are no documents; a dictionary or store error.
pub fn problems(ws: &mut Workspace, k: &Knowledge) -> Result<ProblemRanking> {
    let docs = ws.documents()?;
    if docs.is_empty() {
        return Err(AppError::Invalid(
            "no documents in the workspace: import some with `creacity import documents DIR`"
                .into(),
        ));
    }
    let texts: Vec<TextDocument> = docs
        .iter()
        .map(|d| TextDocument::new(d.id.clone(), d.text.clone()))
        .collect();
    let params = RankParams {
        bootstrap: Some(Bootstrap::default()),
        ..RankParams::default()
    };
    let ranking = creacity_text::rank_problems(&texts, &k.dictionary, &params)?;
    let p = provenance(
        "text.rank_problems",
        serde_json::json!({ "evidence": params.evidence, "window": params.window, "bootstrap": params.bootstrap }),
        vec![format!(
            "dictionary:{}@{}",
            k.dictionary.name, k.dictionary.version
        )],
        vec![format!(
            "documents: {}",
            docs.iter()
                .map(|d| d.id.as_str())
                .collect::<Vec<_>>()
                .join(",")
        )],
    );
    ws.save_problem_ranking(&ranking, &p)?;
    Ok(ranking)
}

/// The newest stored problem ranking, if any.
///
/// # Errors
/// A store error or a stored ranking that no longer decodes.
pub fn latest_problems(ws: &Workspace) -> Result<Option<(ProblemRanking, Provenance)>> {
    match ws.latest_analysis("problems", None)? {
        Some(a) => Ok(Some((
            serde_json::from_value(a.result)
                .map_err(|e| AppError::Invalid(format!("stored problem ranking {}: {e}", a.id)))?,
            a.provenance,
        ))),
        None => Ok(None),
    }
}

/// Builds and stores the strategy of a territory from its clusters' types and the latest problem
/// ranking (made now if documents exist but no ranking does).
///
/// # Errors
/// An unknown territory, invalid knowledge files, or a store error.
pub fn strategy(ws: &mut Workspace, k: &Knowledge, territory: &str) -> Result<Strategy> {
    let t = ws.territory(territory)?;
    let classification = classify(ws, k, Some(territory))?;
    let ranking = match latest_problems(ws)? {
        Some((r, _)) => Some(r),
        None if !ws.documents()?.is_empty() => Some(problems(ws, k)?),
        None => None,
    };
    let typed: Vec<TypedCluster> = classification
        .clusters
        .iter()
        .map(|c| {
            TypedCluster::new(
                c.cluster_id.clone(),
                c.type_id.clone(),
                c.position as u32,
                c.borderline,
            )
        })
        .collect();
    let options = StrategyOptions::new(format!("strategy-{territory}"), creacity_store::now());
    let mut builder = StrategyInput::builder(&t, &k.catalogue, &k.rules, options)
        .clusters(typed)
        .scale_len(classification.types.len() as u32);
    if let Some(r) = ranking.as_ref() {
        builder = builder.ranking(r);
    }
    let input = builder.build()?;
    let mut s = creacity_strategy::build_strategy(&input);
    s.provenance.tool_version = VERSION.to_string();
    s.provenance
        .data
        .push(format!("typology:{}@{}", k.spec.name(), k.spec.version()));
    if ranking.is_some() {
        s.provenance.data.push(format!(
            "dictionary:{}@{}",
            k.dictionary.name, k.dictionary.version
        ));
    }
    ws.save_strategy(&s)?;
    Ok(s)
}
