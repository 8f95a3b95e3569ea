//! # creacity-model
//!
//! The vocabulary shared by every part of creacity: territories, creative-cluster case cards,
//! actors, documents, problems found, strategies with measures and KPIs, and the provenance that
//! travels with every result. Types validate themselves; nothing here reads files or databases.
//!
//! Closed vocabularies implement [`Coded`]: a stable code plus Russian and English labels.
//!
//! ```
//! use creacity_model::{Coded, Initiator, Lang};
//! let who = Initiator::parse("муниципалитет").unwrap();
//! assert_eq!(who, Initiator::Municipality);
//! assert_eq!(who.label(Lang::En), "municipality");
//! ```
#![warn(missing_docs)]

mod actor;
mod cluster;
mod coded;
mod document;
mod error;
mod lang;
mod problem;
mod provenance;
mod strategy;
mod territory;

pub use actor::{Actor, ActorKind};
pub use cluster::{CreativeCluster, Initiator, Manager, SiteOwner, Support, check_share};
pub use coded::{Coded, fold};
pub use document::{Document, DocumentKind};
pub use error::ModelError;
pub use lang::{Bilingual, Lang};
pub use problem::{Evidence, ProblemRanking, ProblemScore};
pub use provenance::Provenance;
pub use strategy::{Goal, Kpi, Measure, MeasureStatus, Strategy};
pub use territory::{Territory, TerritoryKind};
