//! Strategies built from hand-made inputs whose outcome is known by construction.

mod common;

use common::{cluster, options, ranking, shipped, strategy, territory};
use creacity_model::{ActorKind, Lang, ProblemRanking, Strategy};
use creacity_strategy::{
    Catalogue, Rules, StrategyInput, TypedCluster, build_strategy, evaluate, explain,
};

fn ids(s: &Strategy) -> Vec<&str> {
    s.measures.iter().map(|m| m.id.as_str()).collect()
}

fn empty() -> ProblemRanking {
    ranking(0, &[])
}

#[test]
fn coordination_ranked_first_gives_the_council_with_the_facts_in_both_languages() {
    let (c, r) = shipped();
    let rk = ranking(
        10,
        &[
            ("coordination", 1, 7),
            ("financial", 5, 2),
            ("regulatory", 6, 1),
        ],
    );
    let s = strategy(
        &territory(false, false, false),
        vec![cluster("a", "partnership", 3)],
        &rk,
        &c,
        &r,
        options(),
    );
    let m = &s.measures[0];
    assert_eq!(m.id, "creative_council");
    assert_eq!(m.priority, 1);
    assert_eq!(m.lead, ActorKind::LocalAuthority);
    assert_eq!(
        m.reason.en,
        "Coordination problems rank 1 of 3 (mentioned in 70% of documents): the local authority \
         needs a standing forum where all actors align their actions. 1 of 1 clusters (a) were \
         formed by a public–private partnership: a standing council keeps the partners' commitments."
    );
    assert!(m.reason.ru.starts_with(
        "Проблемы координации занимают 1-е место из 3 (упоминаются в 70% документов)"
    ));
    // Fired by a territory-wide rule, so it concerns the whole territory.
    assert!(m.clusters.is_empty());
    assert_eq!(m.problems[0], "coordination");
    assert_eq!(m.goal_id, "goal.coordination_bodies");
}

#[test]
fn measures_are_ordered_by_rule_priority_then_problem_priority() {
    let (c, r) = shipped();
    // Financial problems lead the corpus, coordination is second; no clusters, no flags.
    let rk = ranking(20, &[("financial", 1, 15), ("coordination", 2, 12)]);
    let s = strategy(
        &territory(false, false, false),
        vec![],
        &rk,
        &c,
        &r,
        options(),
    );
    assert_eq!(
        ids(&s),
        [
            // coordination_first (priority 1)
            "creative_council",
            "cooperation_agreement",
            // priority 2: financial_gap is backed by a problem, no_clusters is not.
            "creative_sme_grants",
            "microloans",
            "municipal_cluster_creation",
            "temporary_use",
        ]
    );
    let p: Vec<u32> = s.measures.iter().map(|m| m.priority).collect();
    assert_eq!(p, [1, 2, 3, 4, 5, 6]);
    assert_eq!(
        s.goals.iter().map(|g| g.id.as_str()).collect::<Vec<_>>(),
        [
            "goal.coordination_bodies",
            "goal.small_business_grants",
            "goal.creative_clusters",
            "goal.urban_spaces"
        ]
    );
}

const TWO_RULES: &str = r#"
name = "test-rules"
version = "1"
[[rule]]
id = "money"
priority = 2
measures = ["creative_sme_grants"]
reason = { ru = "Финансы: {problem.financial.rank}", en = "Finance: {problem.financial.rank}" }
[[rule.problem]]
id = "financial"
max_rank = 3
[[rule]]
id = "together"
priority = 2
measures = ["creative_council"]
reason = { ru = "Координация: {problem.coordination.rank}", en = "Coordination: {problem.coordination.rank}" }
[[rule.problem]]
id = "coordination"
max_rank = 3
"#;

#[test]
fn institutional_and_coordination_problems_come_first_at_equal_urgency() {
    let c = Catalogue::shipped().unwrap();
    let r = Rules::from_toml(TWO_RULES).unwrap();
    // Financial problems rank higher in the corpus, yet the coordination measure comes first.
    let rk = ranking(10, &[("financial", 1, 9), ("coordination", 3, 4)]);
    let s = strategy(
        &territory(false, false, false),
        vec![],
        &rk,
        &c,
        &r,
        options(),
    );
    assert_eq!(ids(&s), ["creative_council", "creative_sme_grants"]);
    assert_eq!(s.measures[0].reason.en, "Coordination: 3");
    assert_eq!(s.measures[1].reason.ru, "Финансы: 1");
    // With the rule priorities told apart, urgency wins.
    let r = Rules::from_toml(&TWO_RULES.replacen("priority = 2", "priority = 1", 1)).unwrap();
    let s = strategy(
        &territory(false, false, false),
        vec![],
        &rk,
        &c,
        &r,
        options(),
    );
    assert_eq!(ids(&s), ["creative_sme_grants", "creative_council"]);
}

const BY_POSITION: &str = r#"
name = "test-rules"
version = "1"
[[rule]]
id = "public_end"
measures = ["cluster_autonomy"]
reason = { ru = "{clusters.count} из {clusters.total}: {clusters.ids} ({clusters.types})", en = "{clusters.count} of {clusters.total}: {clusters.ids} ({clusters.types}), {clusters.share}%" }
[[rule.clusters]]
positions = [4, 5]
"#;

#[test]
fn rules_match_custom_type_ids_by_position() {
    let c = Catalogue::shipped().unwrap();
    let r = Rules::from_toml(BY_POSITION).unwrap();
    let clusters = vec![
        cluster("x", "state_run", 5),
        cluster("y", "grassroots", 1),
        cluster("w", "city_led", 4),
        cluster("z", "mixed", 3),
    ];
    let s = strategy(
        &territory(false, false, false),
        clusters,
        &empty(),
        &c,
        &r,
        options(),
    );
    assert_eq!(ids(&s), ["cluster_autonomy"]);
    assert_eq!(s.measures[0].clusters, ["w", "x"]);
    assert_eq!(
        s.measures[0].reason.en,
        "2 of 4: w, x (city_led, state_run), 50%"
    );
    // Nothing at positions 4–5: the rule does not fire.
    let s = strategy(
        &territory(false, false, false),
        vec![cluster("y", "grassroots", 1)],
        &empty(),
        &c,
        &r,
        options(),
    );
    assert!(s.measures.is_empty());
}

#[test]
fn scale_ends_follow_the_length_of_the_scale() {
    let c = Catalogue::shipped().unwrap();
    let r =
        Rules::from_toml(&BY_POSITION.replace("positions = [4, 5]", "end = \"public\"")).unwrap();
    let t = territory(false, false, false);
    let run = |scale: u32, position: u32| {
        let input = StrategyInput::builder(&t, &c, &r, options())
            .clusters(vec![cluster("k", "my_type", position)])
            .scale_len(scale)
            .build()
            .unwrap();
        !evaluate(&input).is_empty()
    };
    // Five types: 4 and 5 are the public end, 3 is the middle.
    assert!(run(5, 4));
    assert!(!run(5, 3));
    // Four types: 3 and 4 are the public end.
    assert!(run(4, 3));
    assert!(!run(4, 2));
    // Three types: only 3.
    assert!(run(3, 3));
    assert!(!run(3, 2));
}

#[test]
fn borderline_clusters_can_be_left_out() {
    let c = Catalogue::shipped().unwrap();
    let r = Rules::from_toml(BY_POSITION).unwrap();
    let t = territory(false, false, false);
    let clusters = vec![TypedCluster::new("x", "dependent", 5, true)];
    let mut o = options();
    let s = strategy(&t, clusters.clone(), &empty(), &c, &r, o.clone());
    assert_eq!(s.measures.len(), 1);
    o.include_borderline = false;
    let s = strategy(&t, clusters, &empty(), &c, &r, o);
    assert!(s.measures.is_empty());
}

#[test]
fn kpis_are_stubs_with_units_and_empty_values() {
    let (c, r) = shipped();
    let rk = ranking(10, &[("coordination", 1, 7)]);
    let s = strategy(
        &territory(false, false, false),
        vec![cluster("a", "partnership", 3)],
        &rk,
        &c,
        &r,
        options(),
    );
    let council: Vec<_> = s
        .kpis
        .iter()
        .filter(|k| k.measure_id == "creative_council")
        .collect();
    assert_eq!(council.len(), 2);
    assert_eq!(council[0].id, "creative_council.meetings");
    assert_eq!(council[0].unit, "count");
    assert_eq!(council[1].unit, "percent");
    for k in &s.kpis {
        assert!(
            k.baseline.is_none()
                && k.target.is_none()
                && k.target_year.is_none()
                && k.current.is_none()
        );
        assert!(s.measures.iter().any(|m| m.id == k.measure_id));
    }
}

#[test]
fn provenance_names_the_data_and_parameters() {
    let (c, r) = shipped();
    let rk = ranking(10, &[("coordination", 1, 7)]);
    let s = strategy(
        &territory(true, true, false),
        vec![cluster("a", "dependent", 5)],
        &rk,
        &c,
        &r,
        options(),
    );
    assert_eq!(s.id, "s1");
    assert_eq!(s.territory_id, "t1");
    assert_eq!(
        s.title.en,
        "Creative industries development strategy: Synthetic Town"
    );
    let p = &s.provenance;
    assert_eq!(
        p.data,
        [
            "creacity-problem-catalogue@1.0.0",
            "creacity-instruments@1.0.0",
            "creacity-strategy-rules@1.0.0",
            "test-dictionary@1"
        ]
    );
    assert_eq!(p.inputs, ["territory:t1", "cluster:a=dependent"]);
    assert_eq!(p.created_at, common::STAMP);
    assert_eq!(p.method, creacity_strategy::METHOD);
    let params: serde_json::Value = serde_json::from_str(&p.parameters).unwrap();
    assert_eq!(params["max_measures"], 12);
    assert_eq!(
        params["rules_fired"],
        serde_json::json!([
            "coordination_first",
            "public_led_clusters",
            "industrial_second_tier"
        ])
    );
}

#[test]
fn the_same_input_gives_the_same_strategy() {
    let (c, r) = shipped();
    let rk = ranking(
        30,
        &[
            ("institutional", 1, 20),
            ("coordination", 2, 18),
            ("financial", 3, 15),
            ("infrastructure", 4, 12),
            ("human_capital", 5, 9),
            ("market_export", 6, 7),
            ("informational", 7, 6),
            ("regulatory", 8, 3),
        ],
    );
    let clusters = vec![
        cluster("a", "initiative_based", 1),
        cluster("b", "supported_initiative", 2),
        cluster("c", "partnership", 3),
        cluster("d", "guided", 4),
        cluster("e", "dependent", 5),
    ];
    let t = territory(true, true, true);
    let a = strategy(&t, clusters.clone(), &rk, &c, &r, options());
    let b = strategy(&t, clusters, &rk, &c, &r, options());
    assert_eq!(a, b);
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
    assert_eq!(a.measures.len(), 12);
    let params: serde_json::Value = serde_json::from_str(&a.provenance.parameters).unwrap();
    assert!(params["measures_recommended"].as_u64().unwrap() > 12);
    // Both priority-1 rules fired: their measures lead.
    assert_eq!(
        &ids(&a)[..4],
        [
            "creative_council",
            "project_office",
            "creative_status_register",
            "cooperation_agreement"
        ]
    );
}

#[test]
fn max_measures_keeps_the_most_urgent() {
    let (c, r) = shipped();
    let rk = ranking(10, &[("financial", 1, 8), ("coordination", 2, 6)]);
    let mut o = options();
    o.max_measures = 2;
    let s = strategy(&territory(false, false, false), vec![], &rk, &c, &r, o);
    assert_eq!(ids(&s), ["creative_council", "cooperation_agreement"]);
    assert_eq!(s.goals.len(), 1);
    assert_eq!(s.kpis.len(), 4);
}

#[test]
fn cluster_specific_measures_name_their_clusters() {
    let (c, r) = shipped();
    let clusters = vec![
        cluster("b", "initiative_based", 1),
        cluster("a", "supported_initiative", 2),
        cluster("c", "dependent", 5),
    ];
    let s = strategy(
        &territory(false, false, false),
        clusters,
        &empty(),
        &c,
        &r,
        options(),
    );
    let m = s.measures.iter().find(|m| m.id == "rent_subsidy").unwrap();
    assert_eq!(m.clusters, ["a", "b"]);
    assert!(
        m.reason
            .en
            .starts_with("2 of 3 clusters (a, b) grew from private or community initiative")
    );
    // The public end holds 1 of 3 clusters: below the rule's 50%, so no autonomy plan.
    assert!(!ids(&s).contains(&"cluster_autonomy"));
    // many_clusters (3 clusters) recommends the network for the whole territory.
    let n = s
        .measures
        .iter()
        .find(|m| m.id == "cluster_network")
        .unwrap();
    assert!(n.clusters.is_empty());
}

#[test]
fn with_no_rule_fired_goals_come_from_the_top_problems() {
    let c = Catalogue::shipped().unwrap();
    let r = Rules::from_toml(
        r#"
name = "only-monotowns"
version = "1"
[[rule]]
id = "mono"
measures = ["mentoring_incubator"]
reason = { ru = "Моногород {territory.name}", en = "Monotown {territory.name}" }
[rule.territory]
monotown = true
"#,
    )
    .unwrap();
    let rk = ranking(
        10,
        &[
            ("regulatory", 1, 6),
            ("coordination", 2, 5),
            ("financial", 3, 2),
            ("informational", 4, 0),
        ],
    );
    let s = strategy(
        &territory(true, true, false),
        vec![],
        &rk,
        &c,
        &r,
        options(),
    );
    assert!(s.measures.is_empty() && s.kpis.is_empty());
    assert_eq!(
        s.goals.iter().map(|g| g.id.as_str()).collect::<Vec<_>>(),
        [
            "goal.problem.regulatory",
            "goal.problem.coordination",
            "goal.problem.financial"
        ]
    );
    // The same rules on a monotown: one measure, its reason names the town in each language.
    let s = strategy(&territory(true, true, true), vec![], &rk, &c, &r, options());
    assert_eq!(s.measures[0].reason.ru, "Моногород Синтетический город");
    assert_eq!(s.measures[0].reason.en, "Monotown Synthetic Town");
}

#[test]
fn an_empty_ranking_still_uses_clusters_and_flags() {
    let (c, r) = shipped();
    let t = territory(true, true, false);
    let input = StrategyInput::builder(&t, &c, &r, options())
        .build()
        .unwrap();
    let s = build_strategy(&input);
    assert_eq!(
        ids(&s),
        [
            "municipal_cluster_creation",
            "temporary_use",
            "adaptive_reuse",
            "heritage_use_rules"
        ]
    );
    assert_eq!(
        s.measures[2].reason.en,
        "Synthetic Town is a second-tier industrial city: former industrial sites are the main reserve of space for creative industries."
    );
}

#[test]
fn explain_renders_a_table_in_each_language() {
    let (c, r) = shipped();
    let rk = ranking(10, &[("coordination", 1, 7)]);
    let s = strategy(
        &territory(true, true, false),
        vec![cluster("a", "dependent", 5)],
        &rk,
        &c,
        &r,
        options(),
    );
    let en = explain(&s, Lang::En);
    let ru = explain(&s, Lang::Ru);
    assert!(en.starts_with("Creative industries development strategy: Synthetic Town\n"));
    let row = en
        .lines()
        .find(|l| {
            l.contains("A creative-industries council chaired by the head of the local authority")
        })
        .unwrap();
    assert!(row.contains("| local authority"), "{row}");
    assert!(en.contains("Why: Coordination problems rank 1 of 1 (mentioned in 70% of documents)"));
    assert!(en.contains("Clusters: a"));
    assert!(en.contains("KPI: Council meetings held [count] — → —"));
    assert!(ru.starts_with("Стратегия развития креативных индустрий: Синтетический город\n"));
    assert!(ru.contains("Почему: Проблемы координации занимают 1-е место из 1"));
    assert!(ru.contains("органы местного самоуправления"));
    assert!(ru.contains("creacity-strategy-rules@1.0.0"));
    // One table row per measure, numbered 1..n.
    for m in &s.measures {
        assert!(
            en.lines()
                .any(|l| l.trim_start().starts_with(&format!("{} ", m.priority))
                    && l.contains(m.title.en.as_str()))
        );
    }
}
