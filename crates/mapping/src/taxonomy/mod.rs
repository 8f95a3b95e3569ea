//! Creative-industry taxonomies as versioned data files, and firm classification by activity
//! code (main code, any code, or weighted).

mod builtin;
mod classify;
mod code;
mod file;

pub use builtin::{BuiltinTaxonomy, builtin};
pub use classify::{
    ClassificationMode, ClassificationSummary, Classifier, CodeMatch, FirmClass, MatchLevel,
};
pub use code::{CodeSystem, format_code, normalize_code};
pub use file::{Group, Rule, Taxonomy, TaxonomyStatus};
