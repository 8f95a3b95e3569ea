//! The shipped data files, embedded so the binary works with no files beside it.

/// `data/catalogue/problems.toml`.
pub const PROBLEMS_TOML: &str = include_str!("../../../data/catalogue/problems.toml");
/// `data/catalogue/instruments.toml`.
pub const INSTRUMENTS_TOML: &str = include_str!("../../../data/catalogue/instruments.toml");
/// `data/rules/strategy.toml`.
pub const RULES_TOML: &str = include_str!("../../../data/rules/strategy.toml");
