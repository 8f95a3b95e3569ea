//! The taxonomy file format (TOML) and its validation.

use serde::{Deserialize, Serialize};

use super::code::{CodeSystem, normalize_code};
use crate::MappingError;

/// How far a taxonomy is to be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TaxonomyStatus {
    /// Published by the body that owns the definition.
    Official,
    /// A defensible working list, not an official one.
    Working,
    /// Approximate; to be verified against its source.
    Provisional,
    /// Groups only; no codes yet.
    DomainsOnly,
    /// Defined by the user.
    User,
}

/// A sub-sector of a taxonomy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Stable identifier used by rules and in aggregates.
    pub id: String,
    /// English name.
    pub name_en: String,
    /// Russian name.
    pub name_ru: String,
}

/// One activity code of a taxonomy: it matches itself and every deeper code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// The code as written in the taxonomy's system.
    pub code: String,
    /// The group it belongs to.
    pub group: String,
    /// False for an exclusion (a deeper code carved out of a broader rule).
    #[serde(default = "yes")]
    pub include: bool,
    /// The OKVED 2 code when it differs from `code` (e.g. NACE 85.52 → OKVED 2 85.41.2).
    #[serde(default)]
    pub okved2: Option<String>,
    /// Russian name of the activity, where the source gives one.
    #[serde(default)]
    pub name_ru: String,
    /// English name of the activity, where the source gives one.
    #[serde(default)]
    pub name_en: String,
    /// Why the rule is as it is.
    #[serde(default)]
    pub note: String,
}

fn yes() -> bool {
    true
}

/// A versioned list of creative activity codes in groups.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Taxonomy {
    /// Identifier, e.g. `uk-dcms-sic2007`.
    pub id: String,
    /// Version of the data file.
    pub version: String,
    /// The code system of `Rule::code`.
    pub system: CodeSystem,
    /// Official, working, provisional…
    pub status: TaxonomyStatus,
    /// English name.
    pub name_en: String,
    /// Russian name.
    pub name_ru: String,
    /// Where the list comes from.
    pub source: String,
    /// Sub-sectors.
    pub groups: Vec<Group>,
    /// Codes.
    pub rules: Vec<Rule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileHeader {
    id: String,
    version: String,
    system: CodeSystem,
    status: TaxonomyStatus,
    name_en: String,
    name_ru: String,
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileBody {
    taxonomy: FileHeader,
    #[serde(default)]
    group: Vec<Group>,
    #[serde(default)]
    rule: Vec<Rule>,
}

impl Taxonomy {
    /// Parses and validates a taxonomy file (see `data/taxonomies/uk-dcms-sic2007.toml`).
    ///
    /// # Errors
    /// [`MappingError::Taxonomy`] for TOML errors, an unknown group, a duplicate group or code,
    /// or a code that is not digits and dots.
    ///
    /// ```
    /// use creacity_mapping::taxonomy::Taxonomy;
    /// let t = Taxonomy::from_toml_str(r#"
    /// [taxonomy]
    /// id = "mine"
    /// version = "1"
    /// system = "OKVED2"
    /// status = "user"
    /// name_en = "Mine"
    /// name_ru = "Моя"
    /// source = "hand-made"
    /// [[group]]
    /// id = "film"
    /// name_en = "Film"
    /// name_ru = "Кино"
    /// [[rule]]
    /// code = "59.1"
    /// group = "film"
    /// "#).unwrap();
    /// assert_eq!(t.label(), "mine@1");
    /// ```
    pub fn from_toml_str(text: &str) -> Result<Self, MappingError> {
        let body: FileBody = toml::from_str(text).map_err(|e| MappingError::Taxonomy {
            name: "(file)".into(),
            message: e.to_string(),
        })?;
        let h = body.taxonomy;
        let t = Taxonomy {
            id: h.id,
            version: h.version,
            system: h.system,
            status: h.status,
            name_en: h.name_en,
            name_ru: h.name_ru,
            source: h.source,
            groups: body.group,
            rules: body.rule,
        };
        t.validate()?;
        Ok(t)
    }

    /// `id@version`, as results report it.
    pub fn label(&self) -> String {
        format!("{}@{}", self.id, self.version)
    }

    /// The group with identifier `id`.
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// Checks groups and codes.
    ///
    /// # Errors
    /// As [`Taxonomy::from_toml_str`].
    pub fn validate(&self) -> Result<(), MappingError> {
        let err = |message: String| MappingError::Taxonomy {
            name: self.id.clone(),
            message,
        };
        if self.id.trim().is_empty() || self.version.trim().is_empty() {
            return Err(err("empty id or version".into()));
        }
        let mut gids = std::collections::HashSet::new();
        for g in &self.groups {
            if !gids.insert(g.id.as_str()) {
                return Err(err(format!("duplicate group `{}`", g.id)));
            }
        }
        let mut codes = std::collections::HashSet::new();
        for r in &self.rules {
            if !gids.contains(r.group.as_str()) {
                return Err(err(format!("rule {}: unknown group `{}`", r.code, r.group)));
            }
            let d = normalize_code(&r.code).map_err(|_| err(format!("bad code `{}`", r.code)))?;
            if !codes.insert(d) {
                return Err(err(format!("duplicate code `{}`", r.code)));
            }
            if let Some(o) = &r.okved2 {
                normalize_code(o).map_err(|_| err(format!("bad OKVED 2 code `{o}`")))?;
            }
        }
        Ok(())
    }
}
