//! # creacity-strategy
//!
//! The management model of creacity as data, and the engine that turns a territory's diagnosis
//! into a strategy: goals, measures with their reasons, the actors who lead them and the role of
//! the local authority, and KPIs whose baselines and targets the user fills in.
//!
//! It follows the conceptual approach of Turgel, Derbeneva & Baskakova (2023), *Conceptual
//! Approach to Managing the Development of Creative Industries in Second-Tier Industrial Cities*,
//! R-Economy 9(4): 366–383: institutional and coordination problems come first; the key
//! instruments are the transformation of urban spaces, creative clusters, grants to small
//! businesses and stimulation of exports; local authorities are the focal points of cooperation;
//! regulatory innovation is part of the state support system.
//!
//! ## Catalogue of methods
//! | item | what it does |
//! |---|---|
//! | [`Catalogue::from_toml`] | reads and checks the problem catalogue and the instrument/measure catalogue |
//! | [`Rules::from_toml`], [`Rules::check`], [`Rules::from_toml_with`] | reads and checks the strategy rules, then their references against a catalogue |
//! | [`StrategyInput::builder`] | territory + [`TypedCluster`]s + `ProblemRanking` + knowledge + [`StrategyOptions`] → checked input |
//! | [`evaluate`] | which rules fire, with their reasons filled from the facts ([`Firing`]) |
//! | [`build_strategy`] | merges and orders the recommended measures, derives goals and KPI stubs, records provenance |
//! | [`explain`], [`explain_with`] | the strategy as table-like text, in Russian or English (labels from a catalogue with the latter) |
//! | [`Catalogue::shipped`], [`Rules::shipped`], [`shipped`] | the files in `data/`, embedded |
//!
//! ## Rules
//! A rule fires when all its conditions hold: problem conditions (rank at most `max_rank`, share of
//! documents at least `min_share`), cluster conditions (clusters selected by type id, position on the
//! scale of public–private interaction or end of the scale, counted or as a share) and territory
//! flags (`second_tier`, `industrial`, `monotown`). Cluster conditions that select by position work
//! with any user typology, whatever its type ids. The reason is a template whose placeholders name
//! the facts that fired the rule:
//! `{territory.name}`, `{problems.total}`, `{documents.total}`, `{clusters.total}`,
//! `{problem.<id>.rank|share|documents|mentions|label}`, `{clusters[.<n>].count|share|ids|types}`.
//!
//! ## Ordering
//! Measures are ordered by the most urgent rule that recommends them, then by the catalogue
//! priority of the problems those rules are about (institutional and coordination problems first;
//! measures recommended on clusters or flags alone come after those backed by problems), then by
//! the best rank of those problems in the corpus, then by how many rules recommend them, then by
//! the order of the rules file, then by catalogue order; `priority` 1 is the first.
#![warn(missing_docs)]

mod build;
mod catalogue;
mod error;
mod evaluate;
mod explain;
mod input;
mod rules;
pub mod shipped;
mod template;

pub use build::{METHOD, build_strategy};
pub use catalogue::{
    Catalogue, Direction, InstrumentDef, KpiTemplate, MeasureDef, ProblemDef, UnitDef,
};
pub use error::StrategyError;
pub use evaluate::{Firing, evaluate};
pub use explain::{explain, explain_with};
pub use input::{StrategyInput, StrategyInputBuilder, StrategyOptions, TypedCluster};
pub use rules::{
    ClusterCondition, ProblemCondition, Rule, Rules, ScaleEnd, Scope, TerritoryCondition,
};
