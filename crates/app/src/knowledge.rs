//! Reference knowledge: the typology spec, the problem dictionary, the problem and instrument
//! catalogues and the strategy rules — embedded defaults, each overridable by the user's own file.

use std::path::{Path, PathBuf};

use creacity_strategy::{Catalogue, Rules};
use creacity_text::Dictionary;
use creacity_typology::Spec;

use crate::Result;
use crate::error::io;

/// Paths of user files that replace the embedded defaults.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// A typology spec (TOML).
    pub spec: Option<PathBuf>,
    /// A problem dictionary (YAML).
    pub dictionary: Option<PathBuf>,
    /// A problem catalogue (TOML).
    pub problems: Option<PathBuf>,
    /// An instrument catalogue (TOML).
    pub instruments: Option<PathBuf>,
    /// Strategy rules (TOML).
    pub rules: Option<PathBuf>,
}

/// The reference knowledge a run of the loop uses.
pub struct Knowledge {
    /// The typology spec.
    pub spec: Spec,
    /// The problem dictionary.
    pub dictionary: Dictionary,
    /// The problem and instrument catalogues.
    pub catalogue: Catalogue,
    /// The strategy rules.
    pub rules: Rules,
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(io(path))
}

impl Knowledge {
    /// The embedded defaults.
    ///
    /// # Errors
    /// Only if a shipped file is broken, which the test suite rules out.
    pub fn builtin() -> Result<Self> {
        Self::load(&Overrides::default())
    }

    /// The defaults with the given files in their place, every file checked up front.
    ///
    /// # Errors
    /// An unreadable file, or a file that fails its format's validation (the message names the key).
    pub fn load(o: &Overrides) -> Result<Self> {
        let spec = match &o.spec {
            Some(p) => Spec::from_toml(&read(p)?)?,
            None => Spec::builtin(),
        };
        let dictionary = match &o.dictionary {
            Some(p) => creacity_text::read_yaml(&read(p)?)?,
            None => creacity_text::problem_dictionary(),
        };
        let problems = o.problems.as_deref().map(read).transpose()?;
        let instruments = o.instruments.as_deref().map(read).transpose()?;
        let catalogue = match (problems, instruments) {
            (None, None) => Catalogue::shipped()?,
            (p, i) => Catalogue::from_toml(
                p.as_deref()
                    .unwrap_or(creacity_strategy::shipped::PROBLEMS_TOML),
                i.as_deref()
                    .unwrap_or(creacity_strategy::shipped::INSTRUMENTS_TOML),
            )?,
        };
        let rules = match &o.rules {
            Some(p) => Rules::from_toml(&read(p)?)?,
            None => Rules::shipped()?,
        };
        rules.check(&catalogue)?;
        Ok(Self {
            spec,
            dictionary,
            catalogue,
            rules,
        })
    }

    /// `name@version` of every file, for provenance.
    pub fn references(&self) -> Vec<String> {
        vec![
            format!("typology:{}@{}", self.spec.name(), self.spec.version()),
            format!(
                "dictionary:{}@{}",
                self.dictionary.name, self.dictionary.version
            ),
            format!("problems:{}", self.catalogue.problems_ref()),
            format!("instruments:{}", self.catalogue.instruments_ref()),
            format!("rules:{}", self.rules.reference()),
        ]
    }
}
