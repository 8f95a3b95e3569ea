//! Strategy rules: conditions on problems, cluster types and territory flags → recommended measures.

use creacity_model::Bilingual;
use serde::{Deserialize, Serialize};

use crate::Catalogue;
use crate::error::{StrategyError, check_id, check_text, first_duplicate};
use crate::template::{self, Piece, Slot};

const RULES: &str = "rules";

/// Which part of a typology's scale of public–private interaction a cluster condition selects.
///
/// On a scale of `n` types (position 1 the most private, `n` the most public), the private end
/// holds positions `1..=n/2`, the public end `n - n/2 + 1..=n`, the middle what lies between
/// (on the default five-type scale: 1–2, 4–5 and 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScaleEnd {
    /// Private-led formation.
    Private,
    /// Between the two ends.
    Middle,
    /// Public-led formation.
    Public,
}

impl ScaleEnd {
    /// Whether `position` on a scale of `scale_len` types lies in this part.
    pub fn contains(self, position: u32, scale_len: u32) -> bool {
        let half = scale_len / 2;
        let private = position <= half;
        let public = position > scale_len - half;
        match self {
            ScaleEnd::Private => private,
            ScaleEnd::Public => public,
            ScaleEnd::Middle => !private && !public,
        }
    }
}

/// A condition on one problem category of the ranking. It holds when the category is mentioned in
/// at least one document, ranks no lower than `max_rank` and reaches `min_share` of documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProblemCondition {
    /// The category id.
    pub id: String,
    /// Rank at most this (1 the most prevalent).
    #[serde(default)]
    pub max_rank: Option<u32>,
    /// Share of documents mentioning it at least this (0–1).
    #[serde(default)]
    pub min_share: Option<f64>,
}

/// A condition on the territory's typed clusters. A cluster is selected when its type id is in
/// `types` OR its position is in `positions` OR it lies in `end`; with none of the three, every
/// cluster is selected. The condition holds when the selected clusters number `min_count..=max_count`
/// and make up `min_share..=max_share` of all the territory's clusters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClusterCondition {
    /// Type ids.
    #[serde(default)]
    pub types: Vec<String>,
    /// Positions on the scale (1 the most private).
    #[serde(default)]
    pub positions: Vec<u32>,
    /// A part of the scale.
    #[serde(default)]
    pub end: Option<ScaleEnd>,
    /// At least this many selected clusters (default 1).
    #[serde(default = "one")]
    pub min_count: u32,
    /// At most this many.
    #[serde(default)]
    pub max_count: Option<u32>,
    /// Selected clusters make up at least this share of all clusters (0–1).
    #[serde(default)]
    pub min_share: Option<f64>,
    /// Selected clusters make up at most this share of all clusters (0–1).
    #[serde(default)]
    pub max_share: Option<f64>,
}

fn one() -> u32 {
    1
}

impl ClusterCondition {
    /// Whether a cluster of `type_id` at `position` (on a scale of `scale_len`) is selected.
    pub fn selects(&self, type_id: &str, position: u32, scale_len: u32) -> bool {
        if self.types.is_empty() && self.positions.is_empty() && self.end.is_none() {
            return true;
        }
        self.types.iter().any(|t| t == type_id)
            || self.positions.contains(&position)
            || self.end.is_some_and(|e| e.contains(position, scale_len))
    }
}

/// A condition on the territory's flags; each flag given must equal the territory's.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TerritoryCondition {
    /// A second-tier city.
    #[serde(default)]
    pub second_tier: Option<bool>,
    /// An old industrial city.
    #[serde(default)]
    pub industrial: Option<bool>,
    /// A single-industry town.
    #[serde(default)]
    pub monotown: Option<bool>,
}

impl TerritoryCondition {
    fn is_empty(&self) -> bool {
        self.second_tier.is_none() && self.industrial.is_none() && self.monotown.is_none()
    }
}

/// Whether the measures a rule recommends concern the whole territory or only the clusters its
/// cluster conditions selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// The whole territory (the default for rules without cluster conditions).
    Territory,
    /// The selected clusters (the default for rules with cluster conditions).
    Clusters,
}

/// One rule: when all its conditions hold, it recommends its measures with its reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Stable id.
    pub id: String,
    /// Urgency, 1 (most urgent) to 9; the default is 3.
    #[serde(default = "three")]
    pub priority: u32,
    /// Measure ids recommended.
    #[serde(default)]
    pub measures: Vec<String>,
    /// Instrument ids whose every measure is recommended.
    #[serde(default)]
    pub instruments: Vec<String>,
    /// Why, as a template with `{placeholders}` (see the crate docs).
    pub reason: Bilingual,
    /// Conditions on problem categories (all must hold).
    #[serde(default, rename = "problem")]
    pub problems: Vec<ProblemCondition>,
    /// Conditions on cluster types (all must hold).
    #[serde(default)]
    pub clusters: Vec<ClusterCondition>,
    /// Condition on territory flags.
    #[serde(default)]
    pub territory: Option<TerritoryCondition>,
    /// Territory-wide or cluster-specific; by default cluster-specific when there are cluster conditions.
    #[serde(default)]
    pub scope: Option<Scope>,
}

fn three() -> u32 {
    3
}

impl Rule {
    /// The effective scope.
    pub fn scope(&self) -> Scope {
        self.scope.unwrap_or(if self.clusters.is_empty() {
            Scope::Territory
        } else {
            Scope::Clusters
        })
    }

    pub(crate) fn reason_pieces(&self) -> (Vec<Piece>, Vec<Piece>) {
        // Checked by `Rules::from_toml`, so parsing cannot fail here.
        let ru = template::parse(&self.reason.ru).unwrap_or_default();
        let en = template::parse(&self.reason.en).unwrap_or_default();
        (ru, en)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    name: String,
    version: String,
    #[serde(default)]
    description: Option<Bilingual>,
    rule: Vec<Rule>,
}

/// A validated set of rules.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rules {
    name: String,
    version: String,
    rules: Vec<Rule>,
}

impl Rules {
    /// Reads a rules file and checks everything that needs no catalogue: ids, texts in both
    /// languages, ranges, that each rule recommends something and has a condition, and that every
    /// placeholder of a reason can be filled from the rule's own conditions.
    /// [`Rules::check`] then checks references against a catalogue.
    ///
    /// # Errors
    /// [`StrategyError`] naming the rule and key.
    ///
    /// # Examples
    /// ```
    /// let rules = creacity_strategy::Rules::from_toml(r#"
    ///     name = "mine"
    ///     version = "1"
    ///     [[rule]]
    ///     id = "coordination_first"
    ///     measures = ["creative_council"]
    ///     reason = { ru = "Ранг {problem.coordination.rank}", en = "Rank {problem.coordination.rank}" }
    ///     [[rule.problem]]
    ///     id = "coordination"
    ///     max_rank = 2
    /// "#).unwrap();
    /// assert_eq!(rules.rules()[0].priority, 3);
    /// assert_eq!(rules.reference(), "mine@1");
    /// ```
    pub fn from_toml(text: &str) -> Result<Self, StrategyError> {
        let f: RulesFile = toml::from_str(text).map_err(|e| StrategyError::Parse {
            file: RULES,
            message: e.to_string(),
        })?;
        check_id(RULES, "name", &f.name)?;
        check_id(RULES, "version", &f.version)?;
        if let Some(d) = &f.description {
            check_text(RULES, "description", d)?;
        }
        if f.rule.is_empty() {
            return Err(StrategyError::Empty {
                file: RULES,
                key: "rule".into(),
            });
        }
        for (n, r) in f.rule.iter().enumerate() {
            check_id(RULES, &format!("rule[{n}].id"), &r.id)?;
            check_rule(r)?;
        }
        if let Some(id) = first_duplicate(f.rule.iter().map(|r| r.id.as_str())) {
            return Err(StrategyError::DuplicateId {
                file: RULES,
                kind: "rule",
                id: id.to_string(),
            });
        }
        Ok(Rules {
            name: f.name,
            version: f.version,
            rules: f.rule,
        })
    }

    /// [`Rules::from_toml`] then [`Rules::check`] against `catalogue`: everything checked up front.
    ///
    /// # Errors
    /// Any error of either.
    pub fn from_toml_with(text: &str, catalogue: &Catalogue) -> Result<Self, StrategyError> {
        let rules = Self::from_toml(text)?;
        rules.check(catalogue)?;
        Ok(rules)
    }

    /// The rules shipped in `data/rules/strategy.toml` (embedded in the binary).
    ///
    /// # Errors
    /// None in practice: the shipped file is checked by the test suite.
    pub fn shipped() -> Result<Self, StrategyError> {
        Self::from_toml(crate::shipped::RULES_TOML)
    }

    /// Checks that every measure, instrument and problem the rules name exists in `catalogue`.
    ///
    /// # Errors
    /// [`StrategyError::UnknownMeasure`], [`StrategyError::UnknownInstrument`] or
    /// [`StrategyError::UnknownProblem`], naming the rule and key.
    pub fn check(&self, catalogue: &Catalogue) -> Result<(), StrategyError> {
        for r in &self.rules {
            let key = format!("rule[{}]", r.id);
            for (n, m) in r.measures.iter().enumerate() {
                if catalogue.measure(m).is_none() {
                    return Err(StrategyError::UnknownMeasure {
                        file: RULES,
                        key: format!("{key}.measures[{n}]"),
                        id: m.clone(),
                    });
                }
            }
            for (n, i) in r.instruments.iter().enumerate() {
                if catalogue.instrument(i).is_none() {
                    return Err(StrategyError::UnknownInstrument {
                        file: RULES,
                        key: format!("{key}.instruments[{n}]"),
                        id: i.clone(),
                    });
                }
            }
            for (n, p) in r.problems.iter().enumerate() {
                if catalogue.problem(&p.id).is_none() {
                    return Err(StrategyError::UnknownProblem {
                        file: RULES,
                        key: format!("{key}.problem[{n}].id"),
                        id: p.id.clone(),
                    });
                }
            }
        }
        Ok(())
    }

    /// The rules, in file order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// `name@version`.
    pub fn reference(&self) -> String {
        format!("{}@{}", self.name, self.version)
    }

    /// The measure ids a rule recommends, with its instruments expanded, in catalogue order for
    /// instruments and file order for measures, without repeats.
    pub fn recommended<'a>(&self, rule: &'a Rule, catalogue: &'a Catalogue) -> Vec<&'a str> {
        let mut out: Vec<&str> = Vec::new();
        let from_instruments = rule.instruments.iter().flat_map(|i| {
            catalogue
                .instrument(i)
                .into_iter()
                .flat_map(|ins| ins.measure.iter().map(|m| m.id.as_str()))
        });
        for m in rule
            .measures
            .iter()
            .map(String::as_str)
            .chain(from_instruments)
        {
            if !out.contains(&m) {
                out.push(m);
            }
        }
        out
    }
}

fn invalid(key: String, value: impl ToString, expected: &str) -> StrategyError {
    StrategyError::Invalid {
        file: RULES,
        key,
        value: value.to_string(),
        expected: expected.into(),
    }
}

fn check_share(key: String, share: Option<f64>) -> Result<(), StrategyError> {
    match share {
        Some(s) if !(0.0..=1.0).contains(&s) => Err(invalid(key, s, "a share between 0 and 1")),
        _ => Ok(()),
    }
}

fn check_rule(r: &Rule) -> Result<(), StrategyError> {
    let key = format!("rule[{}]", r.id);
    if !(1..=9).contains(&r.priority) {
        return Err(invalid(
            format!("{key}.priority"),
            r.priority,
            "1 (most urgent) to 9",
        ));
    }
    if r.measures.is_empty() && r.instruments.is_empty() {
        return Err(StrategyError::Empty {
            file: RULES,
            key: format!("{key}.measures"),
        });
    }
    for (n, m) in r.measures.iter().enumerate() {
        check_id(RULES, &format!("{key}.measures[{n}]"), m)?;
    }
    check_text(RULES, &format!("{key}.reason"), &r.reason)?;
    let territory_empty = r
        .territory
        .as_ref()
        .is_none_or(TerritoryCondition::is_empty);
    if r.problems.is_empty() && r.clusters.is_empty() && territory_empty {
        return Err(invalid(
            key.clone(),
            "no condition",
            "at least one [[rule.problem]], [[rule.clusters]] or [rule.territory] condition",
        ));
    }
    for (n, p) in r.problems.iter().enumerate() {
        let p_key = format!("{key}.problem[{n}]");
        check_id(RULES, &format!("{p_key}.id"), &p.id)?;
        if p.max_rank == Some(0) {
            return Err(invalid(
                format!("{p_key}.max_rank"),
                0,
                "a rank of 1 or more",
            ));
        }
        check_share(format!("{p_key}.min_share"), p.min_share)?;
    }
    for (n, c) in r.clusters.iter().enumerate() {
        let c_key = format!("{key}.clusters[{n}]");
        if c.positions.contains(&0) {
            return Err(invalid(format!("{c_key}.positions"), 0, "positions from 1"));
        }
        if let Some(max) = c.max_count
            && max < c.min_count
        {
            return Err(invalid(
                format!("{c_key}.max_count"),
                max,
                "max_count not below min_count",
            ));
        }
        check_share(format!("{c_key}.min_share"), c.min_share)?;
        check_share(format!("{c_key}.max_share"), c.max_share)?;
    }
    if r.scope == Some(Scope::Clusters) && r.clusters.is_empty() {
        return Err(invalid(
            format!("{key}.scope"),
            "clusters",
            "scope = \"clusters\" only with a [[rule.clusters]] condition",
        ));
    }
    for (lang, text) in [("ru", &r.reason.ru), ("en", &r.reason.en)] {
        let t_key = format!("{key}.reason.{lang}");
        let pieces =
            template::parse(text).map_err(|(placeholder, why)| StrategyError::Placeholder {
                file: RULES,
                key: t_key.clone(),
                placeholder,
                why,
            })?;
        for piece in &pieces {
            if let Piece::Slot(slot, name) = piece {
                check_slot(r, slot).map_err(|why| StrategyError::Placeholder {
                    file: RULES,
                    key: t_key.clone(),
                    placeholder: name.clone(),
                    why,
                })?;
            }
        }
    }
    Ok(())
}

fn check_slot(r: &Rule, slot: &Slot) -> Result<(), String> {
    match slot {
        Slot::Problem { id, .. } if !r.problems.iter().any(|p| &p.id == id) => Err(format!(
            "names problem {id:?}, which has no [[rule.problem]] condition in this rule"
        )),
        Slot::Clusters { index, .. } if *index > r.clusters.len() => Err(format!(
            "names cluster condition {index}, but the rule has {}",
            r.clusters.len()
        )),
        _ => Ok(()),
    }
}
