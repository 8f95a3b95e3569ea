//! # creacity-typology
//!
//! Places creative clusters on a scale of **public–private interaction in their formation**,
//! from *initiative-based* (private, bottom-up) to *dependent* (public, top-down), and says why.
//! The scale follows the typology of five types of creative cluster formation of Turgel,
//! Derbeneva & Baskakova (2023), *Conceptual Approach to Managing the Development of Creative
//! Industries in Second-Tier Industrial Cities*, R-Economy 9(4): 366–383. Its abstract names only
//! the two end types (initiative-based and dependent); the three between them in the default
//! spec are creacity's own.
//!
//! The typology itself is data: a versioned TOML [`Spec`] (`data/typology/default.toml` is
//! embedded as [`DEFAULT_SPEC_TOML`]). A researcher can write another one — other dimensions,
//! other scores, other types — and use it without touching code; `docs/typology.md` describes
//! every key.
//!
//! ## Methods
//! | step | what | where |
//! |---|---|---|
//! | scoring | each fact of a case card onto 0 (private) … 1 (public): a score per code; linear or step rules for shares; support as a capped sum of per-form scores | [`Spec`], `scoring` |
//! | composite | weighted mean of facts within a dimension, then of dimensions (a weighted linear aggregation, as in composite indicators: OECD/JRC *Handbook on Constructing Composite Indicators*, 2008) | [`classify`] |
//! | types | intervals of the composite score from thresholds, with optional conditions on single dimensions | [`classify`] |
//! | membership | crisp, trapezoidal or triangular fuzzy partition of the score (a Ruspini partition: degrees sum to 1; Zadeh 1965, Ruspini 1969) | [`Membership`] |
//! | reasons | each fact's contribution and pull; a borderline check over every one-step change of one fact | [`FactContribution`], [`Alternative`] |
//! | plane | formation × operation coordinates for a chart | [`plane`] |
//! | explanation | a text in Russian or English | [`explain`] |
//!
//! ```
//! # use creacity_model::*;
//! use creacity_typology::{classify, Spec};
//! # let card = CreativeCluster { id: "c1".into(), name_ru: "Лофт".into(), name_en: "Loft".into(),
//! #   territory_id: "t".into(), initiator: Initiator::Region, site_owner: SiteOwner::Regional,
//! #   public_share_creation: 1.0, public_share_operation: 1.0, manager: Manager::RegionalInstitution,
//! #   support: Default::default(), public_seats: 5, board_seats: 5, residents: 20,
//! #   private_resident_share: 1.0, year_opened: None, notes: String::new(),
//! #   sources: String::new(), synthetic: true };
//! let spec = Spec::builtin();
//! let result = classify(&spec, &[card]);
//! let r = &result.clusters[0];
//! // initiative 0.2 × 0.9 + ownership 0.15 × 0.9 + both funding dimensions 0.15 × 1 each
//! // + governance 0.15 × 1 + support 0.1 × 0 + residents 0.1 × 0 = 0.765: state-guided.
//! assert_eq!(r.score, 0.765);
//! assert_eq!((r.position, r.type_id.as_str()), (4, "guided"));
//! assert_eq!(result.spec.name, "creacity-default");
//! ```
#![warn(missing_docs)]

mod classify;
mod error;
mod explain;
mod field;
mod file;
mod membership;
mod plane;
mod scoring;
mod spec;
mod validate;

pub use classify::{
    Alternative, Classification, ClusterResult, DimensionScore, FactContribution, Membership,
    SpecRef, Summary, TypeCount, classify, classify_one,
};
pub use error::TypologyError;
pub use explain::explain;
pub use field::{Change, FactValue, Field};
pub use file::{
    Axis, BorderlineFile, CodedStep, DimensionFile, FORMAT, FactFile, MembershipFile, NumericRule,
    RequireFile, SpecFile, StepFile, Text, TypeFile,
};
pub use plane::{Plane, PlanePoint, plane};
pub use spec::{DEFAULT_SPEC_TOML, Spec, TypeInfo};
