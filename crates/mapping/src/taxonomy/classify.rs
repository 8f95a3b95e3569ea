//! Firm classification against a taxonomy: by main code, by any code, or weighted.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::code::{CodeSystem, normalize_code};
use super::file::Taxonomy;
use crate::MappingError;

/// Which of a firm's codes make it creative. Every aggregate records the mode it used.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", tag = "mode")]
pub enum ClassificationMode {
    /// Only the main activity code counts (what most registry pipelines do).
    Main,
    /// Any code counts; the firm's group is its main code's if creative, else that of the
    /// first creative additional code.
    Any,
    /// The firm counts fractionally: the main code weighs `main_share` and the additional codes
    /// share the rest equally (the main code weighs 1 when there are none); the firm's creative
    /// weight is the sum over its creative codes, split over their groups.
    Weighted {
        /// Weight of the main code, 0–1.
        main_share: f64,
    },
}

/// How a code met the taxonomy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchLevel {
    /// The code is a rule's code.
    Exact,
    /// The code is deeper than a rule's code (`59.11.1` under `59.11`).
    Deeper,
    /// The code is shallower than some rule (`62.0` above `62.01`): it may or may not be
    /// creative; counted only when the classifier accepts coarser codes.
    Coarser,
    /// The most specific rule over the code is an exclusion.
    Excluded,
    /// No rule concerns the code.
    NoMatch,
    /// Not a code of digits and dots.
    Invalid,
}

/// One code of a firm and its match.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodeMatch {
    /// The code as given.
    pub code: String,
    /// True for the main activity code.
    pub main: bool,
    /// How it matched.
    pub level: MatchLevel,
    /// The matching rule's code, if any.
    pub rule: Option<String>,
    /// The matching rule's group, if any.
    pub group: Option<String>,
    /// True when this code counts as creative under the classifier's settings.
    pub creative: bool,
}

/// A firm's classification, with the matches that drove it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FirmClass {
    /// Creative under the classifier's mode.
    pub creative: bool,
    /// 1 or 0 for `Main` and `Any`, a fraction for `Weighted`.
    pub weight: f64,
    /// Weight by group (sums to `weight`).
    pub groups: Vec<(String, f64)>,
    /// Creative by the main code alone (reported whatever the mode).
    pub creative_by_main: bool,
    /// Creative by any code (reported whatever the mode).
    pub creative_by_any: bool,
    /// Every code and how it matched.
    pub matches: Vec<CodeMatch>,
}

/// A taxonomy prepared for fast matching of codes in a given system.
#[derive(Debug, Clone)]
pub struct Classifier {
    taxonomy: String,
    mode: ClassificationMode,
    accept_coarser: bool,
    /// Rule digits → (rule code, group, include).
    rules: HashMap<String, (String, String, bool)>,
    sorted: Vec<String>,
}

impl Classifier {
    /// Prepares `taxonomy` for codes written in `input` (OKVED 2 codes are matched through a
    /// rule's `okved2` twin when it has one).
    ///
    /// # Errors
    /// [`MappingError::InvalidParameter`] for a weighted `main_share` outside 0–1, or an input
    /// system that does not share codes with the taxonomy's (NACE family vs NAICS vs ISIC).
    ///
    /// ```
    /// use creacity_mapping::taxonomy::*;
    /// let t = builtin(BuiltinTaxonomy::RuCreativeOkved2);
    /// let c = Classifier::new(&t, CodeSystem::Okved2, ClassificationMode::Any, false).unwrap();
    /// let f = c.classify(Some("47.11"), &["59.11.1".to_string()]);
    /// assert!(f.creative && !f.creative_by_main);
    /// assert_eq!(f.groups, vec![("film".to_string(), 1.0)]);
    /// ```
    pub fn new(
        taxonomy: &Taxonomy,
        input: CodeSystem,
        mode: ClassificationMode,
        accept_coarser: bool,
    ) -> Result<Self, MappingError> {
        if let ClassificationMode::Weighted { main_share } = mode
            && !(0.0..=1.0).contains(&main_share)
        {
            return Err(MappingError::InvalidParameter {
                name: "main_share",
                value: main_share.to_string(),
                expected: "a share between 0 and 1".into(),
            });
        }
        let compatible = input == taxonomy.system
            || (input.is_nace_family() && taxonomy.system.is_nace_family());
        if !compatible {
            return Err(MappingError::InvalidParameter {
                name: "code system",
                value: format!("{input:?}"),
                expected: format!("codes compatible with {:?}", taxonomy.system),
            });
        }
        let mut rules = HashMap::new();
        for r in &taxonomy.rules {
            let written = match (&r.okved2, input) {
                (Some(o), CodeSystem::Okved2) if taxonomy.system != CodeSystem::Okved2 => o,
                _ => &r.code,
            };
            let d = normalize_code(written).expect("validated taxonomy");
            rules.insert(d, (r.code.clone(), r.group.clone(), r.include));
        }
        let mut sorted: Vec<String> = rules.keys().cloned().collect();
        sorted.sort();
        Ok(Self {
            taxonomy: taxonomy.label(),
            mode,
            accept_coarser,
            rules,
            sorted,
        })
    }

    /// The taxonomy's `id@version`.
    pub fn taxonomy(&self) -> &str {
        &self.taxonomy
    }
    /// The mode.
    pub fn mode(&self) -> ClassificationMode {
        self.mode
    }

    /// Matches one code: the most specific rule whose code is a prefix of it wins.
    pub fn match_code(&self, code: &str, main: bool) -> CodeMatch {
        let mut m = CodeMatch {
            code: code.to_string(),
            main,
            level: MatchLevel::NoMatch,
            rule: None,
            group: None,
            creative: false,
        };
        let Ok(d) = normalize_code(code) else {
            m.level = MatchLevel::Invalid;
            return m;
        };
        for len in (2..=d.len()).rev() {
            if let Some((rc, g, include)) = self.rules.get(&d[..len]) {
                m.rule = Some(rc.clone());
                m.group = Some(g.clone());
                m.level = match (include, len == d.len()) {
                    (false, _) => MatchLevel::Excluded,
                    (true, true) => MatchLevel::Exact,
                    (true, false) => MatchLevel::Deeper,
                };
                m.creative = *include;
                return m;
            }
        }
        let k = self.sorted.partition_point(|s| s.as_str() < d.as_str());
        if let Some(s) = self.sorted.get(k)
            && s.starts_with(&d)
        {
            let (rc, g, include) = &self.rules[s];
            m.level = MatchLevel::Coarser;
            m.rule = Some(rc.clone());
            m.group = Some(g.clone());
            m.creative = self.accept_coarser && *include;
        }
        m
    }

    /// Classifies a firm by its main code and additional codes.
    pub fn classify(&self, main: Option<&str>, others: &[String]) -> FirmClass {
        let mut matches = Vec::with_capacity(others.len() + 1);
        if let Some(c) = main {
            matches.push(self.match_code(c, true));
        }
        matches.extend(others.iter().map(|c| self.match_code(c, false)));
        let creative_by_main = matches.iter().any(|m| m.main && m.creative);
        let creative_by_any = matches.iter().any(|m| m.creative);
        let mut groups: Vec<(String, f64)> = Vec::new();
        let mut add = |g: &str, w: f64| {
            if let Some(e) = groups.iter_mut().find(|e| e.0 == g) {
                e.1 += w;
            } else {
                groups.push((g.to_string(), w));
            }
        };
        let first_creative = matches
            .iter()
            .find(|m| m.main && m.creative)
            .or_else(|| matches.iter().find(|m| m.creative));
        match self.mode {
            ClassificationMode::Main => {
                if let Some(m) = matches.iter().find(|m| m.main && m.creative) {
                    add(m.group.as_deref().unwrap_or(""), 1.0);
                }
            }
            ClassificationMode::Any => {
                if let Some(m) = first_creative {
                    add(m.group.as_deref().unwrap_or(""), 1.0);
                }
            }
            ClassificationMode::Weighted { main_share } => {
                let n_other = matches.iter().filter(|m| !m.main).count();
                let has_main = matches.iter().any(|m| m.main);
                for m in matches.iter().filter(|m| m.creative) {
                    let w = match (m.main, has_main, n_other) {
                        (true, _, 0) => 1.0,
                        (true, _, _) => main_share,
                        (false, true, k) => (1.0 - main_share) / k as f64,
                        (false, false, k) => 1.0 / k as f64,
                    };
                    add(m.group.as_deref().unwrap_or(""), w);
                }
            }
        }
        let weight: f64 = groups.iter().map(|g| g.1).sum();
        FirmClass {
            creative: weight > 0.0,
            weight,
            groups,
            creative_by_main,
            creative_by_any,
            matches,
        }
    }
}

/// Counts over many classified firms: both the main-code and the any-code count are always
/// reported, whatever the mode, with the codes that could not be matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassificationSummary {
    /// Taxonomy `id@version`.
    pub taxonomy: String,
    /// The mode of `creative_weighted`.
    pub mode: ClassificationMode,
    /// Firms classified.
    pub n_firms: usize,
    /// Firms creative by their main code.
    pub creative_by_main: usize,
    /// Firms creative by any code.
    pub creative_by_any: usize,
    /// Sum of firm weights under the mode.
    pub creative_weighted: f64,
    /// Invalid codes and how often they occurred.
    pub invalid_codes: BTreeMap<String, usize>,
    /// Codes shallower than a rule (ambiguous) and how often they occurred.
    pub coarser_codes: BTreeMap<String, usize>,
}

impl ClassificationSummary {
    /// Summarises `firms` classified by `classifier`.
    pub fn new(classifier: &Classifier, firms: &[FirmClass]) -> Self {
        let mut s = Self {
            taxonomy: classifier.taxonomy.clone(),
            mode: classifier.mode,
            n_firms: firms.len(),
            creative_by_main: firms.iter().filter(|f| f.creative_by_main).count(),
            creative_by_any: firms.iter().filter(|f| f.creative_by_any).count(),
            creative_weighted: firms.iter().map(|f| f.weight).sum(),
            invalid_codes: BTreeMap::new(),
            coarser_codes: BTreeMap::new(),
        };
        for m in firms.iter().flat_map(|f| &f.matches) {
            match m.level {
                MatchLevel::Invalid => *s.invalid_codes.entry(m.code.clone()).or_default() += 1,
                MatchLevel::Coarser => *s.coarser_codes.entry(m.code.clone()).or_default() += 1,
                _ => {}
            }
        }
        s
    }
}
