//! What a run takes: the territory, its typed clusters, its problem ranking, the catalogue, the
//! rules and the options, checked once by a builder.

use std::collections::BTreeSet;

use creacity_model::{ProblemRanking, Territory};
use serde::{Deserialize, Serialize};

use crate::error::StrategyError;
use crate::{Catalogue, Rules};

const INPUT: &str = "input";

/// A cluster as the typology engine placed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypedCluster {
    /// The cluster's id.
    pub id: String,
    /// The type id in the typology used (e.g. `initiative_based`).
    pub type_id: String,
    /// Position of the type on the scale of public–private interaction, 1 the most private.
    pub position: u32,
    /// True when changing one fact by one step would change the type.
    pub borderline: bool,
}

impl TypedCluster {
    /// A typed cluster.
    pub fn new(
        id: impl Into<String>,
        type_id: impl Into<String>,
        position: u32,
        borderline: bool,
    ) -> Self {
        Self {
            id: id.into(),
            type_id: type_id.into(),
            position,
            borderline,
        }
    }
}

/// Options of a run. Serialised into the strategy's provenance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrategyOptions {
    /// Identifier given to the strategy.
    pub strategy_id: String,
    /// When the strategy is made (RFC 3339, UTC), passed in: the engine reads no clock.
    pub created_at: String,
    /// At most this many measures (the most urgent are kept). Default 12.
    pub max_measures: usize,
    /// Whether borderline clusters count in cluster conditions. Default true.
    pub include_borderline: bool,
}

impl StrategyOptions {
    /// Options with the defaults: at most 12 measures, borderline clusters counted.
    pub fn new(strategy_id: impl Into<String>, created_at: impl Into<String>) -> Self {
        Self {
            strategy_id: strategy_id.into(),
            created_at: created_at.into(),
            max_measures: 12,
            include_borderline: true,
        }
    }
}

/// The checked input of [`crate::build_strategy`]. Made by [`StrategyInput::builder`].
#[derive(Debug, Clone)]
pub struct StrategyInput<'a> {
    pub(crate) territory: &'a Territory,
    pub(crate) clusters: Vec<TypedCluster>,
    pub(crate) scale_len: u32,
    pub(crate) ranking: Option<&'a ProblemRanking>,
    pub(crate) catalogue: &'a Catalogue,
    pub(crate) rules: &'a Rules,
    pub(crate) options: StrategyOptions,
}

impl<'a> StrategyInput<'a> {
    /// Starts an input for `territory` with the given knowledge and options; no clusters, no
    /// problem ranking and a five-type scale until set.
    pub fn builder(
        territory: &'a Territory,
        catalogue: &'a Catalogue,
        rules: &'a Rules,
        options: StrategyOptions,
    ) -> StrategyInputBuilder<'a> {
        StrategyInputBuilder {
            input: StrategyInput {
                territory,
                clusters: Vec::new(),
                scale_len: 5,
                ranking: None,
                catalogue,
                rules,
                options,
            },
        }
    }

    /// The territory.
    pub fn territory(&self) -> &Territory {
        self.territory
    }

    /// The typed clusters.
    pub fn clusters(&self) -> &[TypedCluster] {
        &self.clusters
    }

    /// The number of types on the typology's scale.
    pub fn scale_len(&self) -> u32 {
        self.scale_len
    }

    /// The problem ranking, if any.
    pub fn ranking(&self) -> Option<&ProblemRanking> {
        self.ranking
    }

    /// The options.
    pub fn options(&self) -> &StrategyOptions {
        &self.options
    }
}

/// Builds a [`StrategyInput`]; [`StrategyInputBuilder::build`] checks it.
#[derive(Debug, Clone)]
pub struct StrategyInputBuilder<'a> {
    input: StrategyInput<'a>,
}

impl<'a> StrategyInputBuilder<'a> {
    /// The territory's clusters with their types.
    pub fn clusters(mut self, clusters: Vec<TypedCluster>) -> Self {
        self.input.clusters = clusters;
        self
    }

    /// The number of types on the typology's scale (default 5).
    pub fn scale_len(mut self, n: u32) -> Self {
        self.input.scale_len = n;
        self
    }

    /// The territory's problem ranking (an empty ranking is the same as none).
    pub fn ranking(mut self, ranking: &'a ProblemRanking) -> Self {
        self.input.ranking = Some(ranking);
        self
    }

    /// Checks the input.
    ///
    /// # Errors
    /// The rules referring to what the catalogue lacks ([`Rules::check`]); an invalid territory;
    /// an empty strategy id; `max_measures` of 0; a scale shorter than 2; a cluster with an empty or
    /// repeated id, an empty type or a position outside the scale; a ranking with a share outside 0–1.
    pub fn build(self) -> Result<StrategyInput<'a>, StrategyError> {
        let i = self.input;
        i.rules.check(i.catalogue)?;
        i.territory
            .validate()
            .map_err(|e| invalid("territory", i.territory.id.clone(), &e.to_string()))?;
        if i.options.strategy_id.trim().is_empty() {
            return Err(StrategyError::Empty {
                file: INPUT,
                key: "options.strategy_id".into(),
            });
        }
        if i.options.max_measures == 0 {
            return Err(invalid("options.max_measures", 0, "1 or more"));
        }
        if i.scale_len < 2 {
            return Err(invalid("scale_len", i.scale_len, "2 or more types"));
        }
        let mut seen = BTreeSet::new();
        for (n, c) in i.clusters.iter().enumerate() {
            if c.id.trim().is_empty() {
                return Err(StrategyError::Empty {
                    file: INPUT,
                    key: format!("clusters[{n}].id"),
                });
            }
            if c.type_id.trim().is_empty() {
                return Err(StrategyError::Empty {
                    file: INPUT,
                    key: format!("clusters[{}].type_id", c.id),
                });
            }
            if !(1..=i.scale_len).contains(&c.position) {
                return Err(invalid(
                    &format!("clusters[{}].position", c.id),
                    c.position,
                    &format!("a position from 1 to {}", i.scale_len),
                ));
            }
            if !seen.insert(c.id.as_str()) {
                return Err(StrategyError::DuplicateId {
                    file: INPUT,
                    kind: "cluster",
                    id: c.id.clone(),
                });
            }
        }
        if let Some(r) = i.ranking {
            for p in &r.problems {
                if !(0.0..=1.0).contains(&p.document_share) {
                    return Err(invalid(
                        &format!("ranking.problems[{}].document_share", p.category),
                        p.document_share,
                        "a share between 0 and 1",
                    ));
                }
            }
        }
        Ok(i)
    }
}

fn invalid(key: &str, value: impl ToString, expected: &str) -> StrategyError {
    StrategyError::Invalid {
        file: INPUT,
        key: key.to_string(),
        value: value.to_string(),
        expected: expected.to_string(),
    }
}
