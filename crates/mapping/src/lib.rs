//! # creacity-mapping
//!
//! Mapping a territory's creative economy from firm facts: which firms are creative, how many
//! there are by sub-sector and period, how specialised each territory is, where firms cluster
//! and where the hot spots are, and how a territory compares with its peers. A pure library:
//! typed inputs from `&str` or slices, typed serialisable results that state their method and
//! parameters; no files, no printing.
//!
//! ## Catalogue
//! | area | items | reference |
//! |---|---|---|
//! | taxonomies | [`taxonomy::builtin`]: UK DCMS (SIC 2007), Russian OKVED 2 list, Eurostat cultural activities (provisional), UNESCO FCS 2009 domains, NAICS arts list; [`taxonomy::Taxonomy::from_toml_str`] for the user's own | DCMS Creative Industries Economic Estimates; UNESCO (2009) *Framework for Cultural Statistics*; ESSnet-Culture (2012) |
//! | classification | [`taxonomy::Classifier`] by main code, any code or weighted ([`taxonomy::ClassificationMode`]); most specific rule wins | — |
//! | aggregation | [`aggregate()`]: territory × sector × period firms, employees, revenue, shares, growth, entries, exits | — |
//! | indices | [`indices::compute_indices`]: location quotient (binary too), Krugman, specialisation coefficient, Herfindahl, entropy, Hoover, diversity, ubiquity, co-occurrence, relatedness, relatedness density | Balland (2017) EconGeo R package; Hidalgo et al. (2007) *Science* 317; Boschma, Balland & Kogler (2015) *ICC* 24 |
//! | clusters | [`spatial::dbscan`], [`spatial::hdbscan`] on the haversine metric, [`spatial::cluster_hulls`] | Ester et al. (1996) KDD; Campello, Moulavi & Sander (2013) PAKDD; McInnes, Healy & Astels (2017) JOSS; scikit-learn |
//! | hot spots | [`spatial::getis_ord`] Gi / Gi* on distance bands or [`spatial::grid_cells`], [`spatial::global_g`] | Getis & Ord (1992) *Geogr. Anal.* 24; Ord & Getis (1995) *Geogr. Anal.* 27; PySAL esda |
//! | peers | [`peers::compare_peers`]: same region, population band, second-tier industrial | Turgel, Derbeneva & Baskakova (2023) *R-Economy* 9(4) |
//! | territory matching | [`match_places`]: firms' region / district / city / settlement names → OKTMO and coordinates of an open settlements table ([`parse_settlements_csv`]), names normalised by [`address::AddressTypes`]; [`oktmo_prefix`] | OKTMO (ОК 033-2013) code structure |
//! | output | [`spatial::clusters_geojson`], [`spatial::hotspots_geojson`] (RFC 7946 text) | — |
//!
//! ```
//! use creacity_mapping::{Matrix, indices::{IndexParams, compute_indices}};
//! let m = Matrix::from_csv_str("territory,film,music\nA,30,10\nB,10,30\n").unwrap();
//! let r = compute_indices(&m, &IndexParams::builder().build(&m).unwrap());
//! assert_eq!(r.location_quotient[0], 1.5); // A: 0.75 of its firms in film, 0.5 overall
//! ```
#![warn(missing_docs)]

pub mod address;
mod aggregate;
mod csv_text;
mod error;
mod firms_csv;
pub mod indices;
mod matrix;
pub mod peers;
mod period;
mod settlements;
pub mod spatial;
pub mod taxonomy;
mod territory_match;

pub use aggregate::{ALL_CREATIVE, AggregateRow, AggregateTable, FirmFact, Measure, aggregate};
pub use error::MappingError;
pub use firms_csv::parse_firm_facts_csv;
pub use matrix::Matrix;
pub use period::{Date, Period};
pub use settlements::{SETTLEMENT_FIELDS, Settlement, SettlementColumns, parse_settlements_csv};
pub use territory_match::{
    AmbiguousPlace, MatchLevel, MatchReport, PlaceMatch, PlaceQuery, UnmatchedPlace,
    match_place_counts, match_places, oktmo_prefix,
};
