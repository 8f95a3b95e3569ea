//! Which rules fire on an input, and the facts that made them fire.

use creacity_model::{Bilingual, Lang, ProblemScore};
use serde::Serialize;

use crate::StrategyInput;
use crate::rules::{ClusterCondition, ProblemCondition, Rule, Scope, TerritoryCondition};
use crate::template::{self, ClusterField, ProblemField, Slot};

/// A rule that fired, with its reason filled from the facts that fired it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Firing {
    /// The rule's id.
    pub rule_id: String,
    /// The rule's urgency (1 most urgent).
    pub priority: u32,
    /// Measure ids recommended (instruments expanded).
    pub measures: Vec<String>,
    /// The reason with the facts filled in.
    pub reason: Bilingual,
    /// Problem categories the rule's conditions are about.
    pub problems: Vec<String>,
    /// Clusters its cluster conditions selected, sorted.
    pub clusters: Vec<String>,
    /// True when the recommendation concerns the whole territory.
    pub territory_wide: bool,
}

/// What a cluster condition found.
struct ClusterFacts<'a> {
    ids: Vec<&'a str>,
    types: Vec<&'a str>,
    share: f64,
}

/// Evaluates every rule on the input, in rule-file order; returns those that fired.
pub fn evaluate(input: &StrategyInput<'_>) -> Vec<Firing> {
    input
        .rules
        .rules()
        .iter()
        .filter_map(|rule| fire(input, rule))
        .collect()
}

fn fire(input: &StrategyInput<'_>, rule: &Rule) -> Option<Firing> {
    let mut problems = Vec::new();
    for c in &rule.problems {
        problems.push(problem_holds(input, c)?);
    }
    let mut clusters = Vec::new();
    for c in &rule.clusters {
        clusters.push(clusters_hold(input, c)?);
    }
    if let Some(t) = &rule.territory
        && !territory_holds(input, t)
    {
        return None;
    }
    let (ru, en) = rule.reason_pieces();
    let fill = |pieces: &[template::Piece], lang: Lang| {
        template::fill(pieces, |slot| {
            slot_value(input, &problems, &clusters, slot, lang)
        })
    };
    let reason = Bilingual::new(fill(&ru, Lang::Ru), fill(&en, Lang::En));
    let mut cluster_ids: Vec<String> = clusters
        .iter()
        .flat_map(|f| f.ids.iter().map(|s| s.to_string()))
        .collect();
    cluster_ids.sort();
    cluster_ids.dedup();
    Some(Firing {
        rule_id: rule.id.clone(),
        priority: rule.priority,
        measures: input
            .rules
            .recommended(rule, input.catalogue)
            .into_iter()
            .map(str::to_string)
            .collect(),
        reason,
        problems: rule.problems.iter().map(|p| p.id.clone()).collect(),
        clusters: cluster_ids,
        territory_wide: rule.scope() == Scope::Territory,
    })
}

fn problem_holds<'a>(input: &StrategyInput<'a>, c: &ProblemCondition) -> Option<&'a ProblemScore> {
    let score = input
        .ranking?
        .problems
        .iter()
        .find(|p| p.category == c.id)?;
    let ok = score.documents >= 1
        && c.max_rank.is_none_or(|r| score.rank <= r)
        && c.min_share.is_none_or(|s| score.document_share >= s);
    ok.then_some(score)
}

fn clusters_hold<'a>(
    input: &'a StrategyInput<'_>,
    c: &ClusterCondition,
) -> Option<ClusterFacts<'a>> {
    let selected: Vec<_> = input
        .clusters
        .iter()
        .filter(|k| input.options.include_borderline || !k.borderline)
        .filter(|k| c.selects(&k.type_id, k.position, input.scale_len))
        .collect();
    let total = input.clusters.len();
    let count = selected.len() as u32;
    let share = if total == 0 {
        0.0
    } else {
        selected.len() as f64 / total as f64
    };
    let ok = count >= c.min_count
        && c.max_count.is_none_or(|m| count <= m)
        && c.min_share.is_none_or(|s| share >= s)
        && c.max_share.is_none_or(|s| share <= s);
    if !ok {
        return None;
    }
    let mut ids: Vec<&str> = selected.iter().map(|k| k.id.as_str()).collect();
    ids.sort_unstable();
    let mut types: Vec<&str> = selected.iter().map(|k| k.type_id.as_str()).collect();
    types.sort_unstable();
    types.dedup();
    Some(ClusterFacts { ids, types, share })
}

fn territory_holds(input: &StrategyInput<'_>, c: &TerritoryCondition) -> bool {
    let t = input.territory;
    c.second_tier.is_none_or(|v| v == t.second_tier)
        && c.industrial.is_none_or(|v| v == t.industrial)
        && c.monotown.is_none_or(|v| v == t.monotown)
}

fn percent(share: f64) -> String {
    format!("{:.0}", share * 100.0)
}

fn slot_value(
    input: &StrategyInput<'_>,
    problems: &[&ProblemScore],
    clusters: &[ClusterFacts<'_>],
    slot: &Slot,
    lang: Lang,
) -> String {
    match slot {
        Slot::TerritoryName => input.territory.name(lang).to_string(),
        Slot::ProblemsTotal => input.ranking.map_or(0, |r| r.problems.len()).to_string(),
        Slot::DocumentsTotal => input.ranking.map_or(0, |r| r.documents.len()).to_string(),
        Slot::ClustersTotal => input.clusters.len().to_string(),
        Slot::Problem { id, field } => {
            // Validation guarantees a condition on `id`, and the rule fired, so it is present.
            let Some(p) = problems.iter().find(|p| &p.category == id) else {
                return String::new();
            };
            match field {
                ProblemField::Rank => p.rank.to_string(),
                ProblemField::Share => percent(p.document_share),
                ProblemField::Documents => p.documents.to_string(),
                ProblemField::Mentions => p.mentions.to_string(),
                ProblemField::Label => input
                    .catalogue
                    .problem(id)
                    .map_or_else(|| p.label.get(lang), |d| d.label.get(lang))
                    .to_string(),
            }
        }
        Slot::Clusters { index, field } => {
            let Some(f) = clusters.get(index - 1) else {
                return String::new();
            };
            match field {
                ClusterField::Count => f.ids.len().to_string(),
                ClusterField::Share => percent(f.share),
                ClusterField::Ids => f.ids.join(", "),
                ClusterField::Types => f.types.join(", "),
            }
        }
    }
}
