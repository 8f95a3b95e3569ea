//! From fired rules to a strategy: measures merged and ordered, goals, KPIs, provenance.

use std::collections::BTreeSet;

use creacity_model::{Bilingual, Goal, Kpi, Measure, MeasureStatus, Provenance, Strategy};
use serde::Serialize;

use crate::evaluate::{Firing, evaluate};
use crate::{Catalogue, StrategyInput};

/// The method name written into provenance.
pub const METHOD: &str = "creacity-strategy/rules";

/// A measure recommended by one or more fired rules, before ordering.
struct Candidate<'f> {
    id: &'f str,
    first_rule: usize,
    catalogue_order: usize,
    firings: Vec<&'f Firing>,
}

impl Candidate<'_> {
    fn best_rule_priority(&self) -> u32 {
        self.firings
            .iter()
            .map(|f| f.priority)
            .min()
            .unwrap_or(u32::MAX)
    }

    fn fired_problems(&self) -> impl Iterator<Item = &str> {
        self.firings
            .iter()
            .flat_map(|f| f.problems.iter().map(String::as_str))
    }
}

/// The sort key of a measure: rule urgency first; then the management priority of the problems the
/// recommending rules are about (institutional and coordination first in the shipped catalogue;
/// measures recommended on clusters or flags alone come after those backed by problems); then the
/// best rank of those problems in the corpus; then how many rules back it; then the order of the
/// rules file (first recommending rule, place in its list); then catalogue order.
fn sort_key(c: &Candidate<'_>, input: &StrategyInput<'_>) -> [usize; 7] {
    let cat = input.catalogue;
    let problem_priority = c
        .fired_problems()
        .filter_map(|p| cat.problem(p))
        .map(|p| p.priority)
        .min()
        .unwrap_or(u32::MAX);
    let best_rank = c
        .fired_problems()
        .filter_map(|p| rank_of(input, p))
        .min()
        .unwrap_or(u32::MAX);
    let first = c.firings[0];
    [
        c.best_rule_priority() as usize,
        problem_priority as usize,
        best_rank as usize,
        usize::MAX - c.firings.len(),
        c.first_rule,
        first
            .measures
            .iter()
            .position(|m| m == c.id)
            .unwrap_or(usize::MAX),
        c.catalogue_order,
    ]
}

fn rank_of(input: &StrategyInput<'_>, problem: &str) -> Option<u32> {
    input
        .ranking?
        .problems
        .iter()
        .find(|p| p.category == problem && p.documents > 0)
        .map(|p| p.rank)
}

#[derive(Serialize)]
struct Parameters<'a> {
    max_measures: usize,
    include_borderline: bool,
    scale_len: u32,
    rules_fired: Vec<&'a str>,
    measures_recommended: usize,
    measures_kept: usize,
}

/// Builds the strategy: evaluates the rules, merges the measures they recommend, orders them by
/// priority, keeps at most `max_measures`, and adds goals, KPI stubs and provenance.
///
/// Goals come from the instruments of the chosen measures, in the order of their most urgent
/// measure; when no rule fires, from the (at most three) top problems of the ranking.
/// Deterministic: the same input gives the same strategy.
///
/// # Examples
/// ```
/// use creacity_model::{Bilingual, ProblemRanking, ProblemScore, Territory, TerritoryKind};
/// use creacity_strategy::{Catalogue, Rules, StrategyInput, StrategyOptions, build_strategy};
///
/// let catalogue = Catalogue::shipped().unwrap();
/// let rules = Rules::shipped().unwrap();
/// let territory = Territory {
///     id: "t1".into(), kind: TerritoryKind::City, name_ru: "Город".into(), name_en: "Town".into(),
///     parent_id: None, oktmo: None, population: None, lat: None, lon: None,
///     second_tier: false, industrial: false, monotown: false, synthetic: true,
/// };
/// // 7 of 10 documents mention coordination problems: rank 1.
/// let score = ProblemScore {
///     category: "coordination".into(), label: Bilingual::new("к", "c"), rank: 1, mentions: 12,
///     documents: 7, document_share: 0.7, share_low: None, share_high: None,
///     per_document: vec![], evidence: vec![],
/// };
/// let ranking = ProblemRanking {
///     documents: (1..=10).map(|i| format!("d{i}")).collect(),
///     problems: vec![score],
///     dictionary: "test@1".into(),
/// };
/// let input = StrategyInput::builder(&territory, &catalogue, &rules,
///         StrategyOptions::new("s1", "2026-01-01T00:00:00Z"))
///     .ranking(&ranking)
///     .build()
///     .unwrap();
/// let s = build_strategy(&input);
/// assert_eq!(s.measures[0].priority, 1);
/// assert_eq!(s.measures[0].id, "creative_council");
/// assert!(s.measures[0].reason.en.contains("rank 1 of 1 (mentioned in 70% of documents)"));
/// ```
pub fn build_strategy(input: &StrategyInput<'_>) -> Strategy {
    let cat = input.catalogue;
    let firings = evaluate(input);

    let mut candidates: Vec<Candidate<'_>> = Vec::new();
    for (rule_n, f) in firings.iter().enumerate() {
        for m in &f.measures {
            match candidates.iter_mut().find(|c| c.id == m) {
                Some(c) => c.firings.push(f),
                None => candidates.push(Candidate {
                    id: m,
                    first_rule: rule_n,
                    catalogue_order: cat
                        .measures()
                        .position(|(_, d)| &d.id == m)
                        .unwrap_or(usize::MAX),
                    firings: vec![f],
                }),
            }
        }
    }
    candidates.retain(|c| cat.measure(c.id).is_some());
    candidates.sort_by_cached_key(|c| sort_key(c, input));
    let recommended = candidates.len();
    candidates.truncate(input.options.max_measures);

    let mut goals: Vec<Goal> = Vec::new();
    let mut measures = Vec::new();
    let mut kpis = Vec::new();
    for (n, c) in candidates.iter().enumerate() {
        let Some((ins, def)) = cat.measure(c.id) else {
            continue;
        };
        let goal_id = format!("goal.{}", ins.id);
        if !goals.iter().any(|g| g.id == goal_id) {
            goals.push(Goal {
                id: goal_id.clone(),
                text: ins.goal.clone(),
            });
        }
        let territory_wide = c.firings.iter().any(|f| f.territory_wide);
        let clusters = if territory_wide {
            Vec::new()
        } else {
            let set: BTreeSet<&str> = c
                .firings
                .iter()
                .flat_map(|f| f.clusters.iter().map(String::as_str))
                .collect();
            set.into_iter().map(str::to_string).collect()
        };
        measures.push(Measure {
            id: def.id.clone(),
            instrument: ins.id.clone(),
            goal_id,
            title: def.title.clone(),
            reason: join_reasons(&c.firings),
            lead: def.lead,
            partners: def.partners.clone(),
            local_authority_role: def.local_authority_role.clone(),
            problems: problems_addressed(c, input, &ins.id),
            clusters,
            priority: n as u32 + 1,
            status: MeasureStatus::Proposed,
        });
        for k in &def.kpi {
            kpis.push(Kpi {
                id: format!("{}.{}", def.id, k.id),
                measure_id: def.id.clone(),
                name: k.name.clone(),
                unit: k.unit.clone(),
                baseline: None,
                target: None,
                target_year: None,
                current: None,
            });
        }
    }
    if goals.is_empty() {
        goals = goals_from_problems(input, cat);
    }

    let t = input.territory;
    let parameters = Parameters {
        max_measures: input.options.max_measures,
        include_borderline: input.options.include_borderline,
        scale_len: input.scale_len,
        rules_fired: firings.iter().map(|f| f.rule_id.as_str()).collect(),
        measures_recommended: recommended,
        measures_kept: measures.len(),
    };
    let mut data = vec![
        cat.problems_ref(),
        cat.instruments_ref(),
        input.rules.reference(),
    ];
    if let Some(r) = input.ranking {
        data.push(r.dictionary.clone());
    }
    let mut inputs = vec![format!("territory:{}", t.id)];
    inputs.extend(
        input
            .clusters
            .iter()
            .map(|c| format!("cluster:{}={}", c.id, c.type_id)),
    );
    Strategy {
        id: input.options.strategy_id.clone(),
        territory_id: t.id.clone(),
        title: Bilingual::new(
            format!(
                "Стратегия развития креативных индустрий: {}",
                t.name(creacity_model::Lang::Ru)
            ),
            format!(
                "Creative industries development strategy: {}",
                t.name(creacity_model::Lang::En)
            ),
        ),
        goals,
        measures,
        kpis,
        provenance: Provenance {
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
            method: METHOD.to_string(),
            parameters: serde_json::to_string(&parameters).unwrap_or_default(),
            data,
            inputs,
            created_at: input.options.created_at.clone(),
        },
    }
}

fn join_reasons(firings: &[&Firing]) -> Bilingual {
    let join = |pick: fn(&Bilingual) -> &String| {
        let mut parts: Vec<&str> = Vec::new();
        for f in firings {
            let t = pick(&f.reason).as_str();
            if !parts.contains(&t) {
                parts.push(t);
            }
        }
        parts.join(" ")
    };
    Bilingual::new(join(|b| &b.ru), join(|b| &b.en))
}

/// The problems a measure answers: those the fired rules were about (by rank in the corpus), then
/// those the catalogue links to its instrument that rank among the top three of the corpus.
fn problems_addressed(
    c: &Candidate<'_>,
    input: &StrategyInput<'_>,
    instrument: &str,
) -> Vec<String> {
    let mut fired: Vec<(u32, &str)> = c
        .fired_problems()
        .map(|p| (rank_of(input, p).unwrap_or(u32::MAX), p))
        .collect();
    fired.sort_unstable();
    fired.dedup();
    let mut linked: Vec<(u32, &str)> = input
        .catalogue
        .problems_for_instrument(instrument)
        .filter_map(|p| rank_of(input, &p.id).map(|r| (r, p.id.as_str())))
        .filter(|(r, p)| *r <= LINKED_TOP && !fired.iter().any(|(_, f)| f == p))
        .collect();
    linked.sort_unstable();
    fired
        .into_iter()
        .chain(linked)
        .map(|(_, p)| p.to_string())
        .collect()
}

/// How high a problem the rules did not name must rank to be listed as addressed by a measure
/// whose instrument the catalogue links to it.
const LINKED_TOP: u32 = 3;

fn goals_from_problems(input: &StrategyInput<'_>, cat: &Catalogue) -> Vec<Goal> {
    let Some(r) = input.ranking else {
        return Vec::new();
    };
    let mut ranked: Vec<_> = r.problems.iter().filter(|p| p.documents > 0).collect();
    ranked.sort_by_key(|p| p.rank);
    ranked
        .into_iter()
        .filter_map(|p| cat.problem(&p.category))
        .take(3)
        .map(|p| Goal {
            id: format!("goal.problem.{}", p.id),
            text: p.goal.clone(),
        })
        .collect()
}
