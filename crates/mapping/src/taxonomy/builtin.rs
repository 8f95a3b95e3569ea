//! The taxonomies shipped in `data/taxonomies/`, embedded in the binary.

use serde::{Deserialize, Serialize};

use super::file::Taxonomy;

/// The taxonomies creacity ships.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BuiltinTaxonomy {
    /// UK DCMS creative industries, 31 SIC 2007 classes in 9 groups.
    UkDcmsSic2007,
    /// DCMS classes in OKVED 2 plus the Russia-only subclasses.
    RuCreativeOkved2,
    /// Eurostat cultural activities (NACE Rev. 2), provisional.
    EurostatCultureNace2,
    /// UNESCO Framework for Cultural Statistics 2009, domains only.
    UnescoFcs2009,
    /// NAICS arts list (Arts Vibrancy Index).
    UsArtsNaics,
}

impl BuiltinTaxonomy {
    /// Every shipped taxonomy.
    pub const ALL: [BuiltinTaxonomy; 5] = [
        Self::UkDcmsSic2007,
        Self::RuCreativeOkved2,
        Self::EurostatCultureNace2,
        Self::UnescoFcs2009,
        Self::UsArtsNaics,
    ];

    /// The file's text.
    pub fn text(self) -> &'static str {
        match self {
            Self::UkDcmsSic2007 => {
                include_str!(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/../../data/taxonomies/uk-dcms-sic2007.toml"
                ))
            }
            Self::RuCreativeOkved2 => {
                include_str!(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/../../data/taxonomies/ru-creative-okved2.toml"
                ))
            }
            Self::EurostatCultureNace2 => {
                include_str!(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/../../data/taxonomies/eurostat-culture-nace2.toml"
                ))
            }
            Self::UnescoFcs2009 => {
                include_str!(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/../../data/taxonomies/unesco-fcs-2009.toml"
                ))
            }
            Self::UsArtsNaics => {
                include_str!(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/../../data/taxonomies/us-arts-naics.toml"
                ))
            }
        }
    }
}

/// Parses a shipped taxonomy.
///
/// ```
/// use creacity_mapping::taxonomy::{BuiltinTaxonomy, builtin};
/// let t = builtin(BuiltinTaxonomy::UkDcmsSic2007);
/// assert_eq!(t.rules.len(), 31);
/// assert_eq!(t.groups.len(), 9);
/// ```
pub fn builtin(which: BuiltinTaxonomy) -> Taxonomy {
    Taxonomy::from_toml_str(which.text()).expect("shipped taxonomies are valid (tested)")
}
