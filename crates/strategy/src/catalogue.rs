//! The catalogue: management problems, instruments, their measures and KPI templates, read from TOML.

use creacity_model::{ActorKind, Bilingual, Lang};
use serde::{Deserialize, Serialize};

use crate::error::{StrategyError, check_id, check_text, first_duplicate};

/// A category of management problems (the content-analysis dictionary uses the same ids).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProblemDef {
    /// Stable id, e.g. `coordination`.
    pub id: String,
    /// Priority in the management model, 1 first. The shipped catalogue gives 1 to institutional
    /// and coordination problems, which the content analysis of Turgel, Derbeneva & Baskakova (2023)
    /// found to come first; it breaks ties between measures.
    pub priority: u32,
    /// Label.
    pub label: Bilingual,
    /// What the problem is.
    pub description: Bilingual,
    /// The goal a strategy sets when it has to address this problem.
    pub goal: Bilingual,
    /// Instruments that typically address it.
    pub instruments: Vec<String>,
}

/// Whether a KPI should go up or down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// More is better.
    Increase,
    /// Less is better.
    Decrease,
}

/// A KPI template of a measure: the strategy copies it with empty baseline and target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KpiTemplate {
    /// Id inside the measure.
    pub id: String,
    /// Name.
    pub name: Bilingual,
    /// Unit code from the catalogue's unit list.
    pub unit: String,
    /// Which way is better.
    pub direction: Direction,
}

/// A concrete measure of an instrument.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureDef {
    /// Stable id, unique over the whole catalogue.
    pub id: String,
    /// Title.
    pub title: Bilingual,
    /// What is done.
    pub description: Bilingual,
    /// The actor responsible.
    pub lead: ActorKind,
    /// Partners (never the lead).
    #[serde(default)]
    pub partners: Vec<ActorKind>,
    /// What the local authority does, as the focal point of cooperation.
    pub local_authority_role: Bilingual,
    /// One to three KPI templates.
    pub kpi: Vec<KpiTemplate>,
}

/// An instrument of creative-industry policy with its measures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstrumentDef {
    /// Stable id, e.g. `urban_spaces`.
    pub id: String,
    /// Label.
    pub label: Bilingual,
    /// What the instrument is.
    pub description: Bilingual,
    /// The strategic goal it serves; becomes a goal of the strategy when one of its measures is chosen.
    pub goal: Bilingual,
    /// Its measures.
    pub measure: Vec<MeasureDef>,
}

/// A unit of measure for KPIs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitDef {
    /// Code written into KPIs, e.g. `count`.
    pub id: String,
    /// Label.
    pub label: Bilingual,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProblemsFile {
    name: String,
    version: String,
    #[serde(default)]
    description: Option<Bilingual>,
    problem: Vec<ProblemDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InstrumentsFile {
    name: String,
    version: String,
    #[serde(default)]
    description: Option<Bilingual>,
    unit: Vec<UnitDef>,
    instrument: Vec<InstrumentDef>,
}

/// The problem catalogue and the instrument catalogue, validated together.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Catalogue {
    problems_name: String,
    problems_version: String,
    instruments_name: String,
    instruments_version: String,
    problems: Vec<ProblemDef>,
    instruments: Vec<InstrumentDef>,
    units: Vec<UnitDef>,
}

const PROBLEMS: &str = "problems";
const INSTRUMENTS: &str = "instruments";

impl Catalogue {
    /// Reads the two catalogue files and checks them.
    ///
    /// # Errors
    /// TOML errors (with line and column), unknown keys, empty ids or texts (either language),
    /// duplicate ids, problems pointing to unknown instruments, KPIs with unknown units,
    /// a measure without KPI or with more than three, a partner equal to the lead.
    ///
    /// # Examples
    /// ```
    /// let c = creacity_strategy::Catalogue::shipped().unwrap();
    /// assert_eq!(c.problems().len(), 8);
    /// assert_eq!(c.problem("coordination").unwrap().priority, 1);
    /// ```
    pub fn from_toml(problems: &str, instruments: &str) -> Result<Self, StrategyError> {
        let p: ProblemsFile = toml::from_str(problems).map_err(|e| StrategyError::Parse {
            file: PROBLEMS,
            message: e.to_string(),
        })?;
        let i: InstrumentsFile = toml::from_str(instruments).map_err(|e| StrategyError::Parse {
            file: INSTRUMENTS,
            message: e.to_string(),
        })?;
        check_id(PROBLEMS, "name", &p.name)?;
        check_id(PROBLEMS, "version", &p.version)?;
        check_id(INSTRUMENTS, "name", &i.name)?;
        check_id(INSTRUMENTS, "version", &i.version)?;
        if let Some(d) = &p.description {
            check_text(PROBLEMS, "description", d)?;
        }
        if let Some(d) = &i.description {
            check_text(INSTRUMENTS, "description", d)?;
        }
        let catalogue = Catalogue {
            problems_name: p.name,
            problems_version: p.version,
            instruments_name: i.name,
            instruments_version: i.version,
            problems: p.problem,
            instruments: i.instrument,
            units: i.unit,
        };
        catalogue.check_instruments()?;
        catalogue.check_problems()?;
        Ok(catalogue)
    }

    /// The catalogue shipped in `data/catalogue/` (embedded in the binary).
    ///
    /// # Errors
    /// None in practice: the shipped files are checked by the test suite.
    pub fn shipped() -> Result<Self, StrategyError> {
        Self::from_toml(
            crate::shipped::PROBLEMS_TOML,
            crate::shipped::INSTRUMENTS_TOML,
        )
    }

    fn check_instruments(&self) -> Result<(), StrategyError> {
        for (n, u) in self.units.iter().enumerate() {
            check_id(INSTRUMENTS, &format!("unit[{n}].id"), &u.id)?;
            check_text(INSTRUMENTS, &format!("unit[{}].label", u.id), &u.label)?;
        }
        if let Some(id) = first_duplicate(self.units.iter().map(|u| u.id.as_str())) {
            return Err(dup(INSTRUMENTS, "unit", id));
        }
        if self.instruments.is_empty() {
            return Err(StrategyError::Empty {
                file: INSTRUMENTS,
                key: "instrument".into(),
            });
        }
        for (n, ins) in self.instruments.iter().enumerate() {
            check_id(INSTRUMENTS, &format!("instrument[{n}].id"), &ins.id)?;
            let key = format!("instrument[{}]", ins.id);
            check_text(INSTRUMENTS, &format!("{key}.label"), &ins.label)?;
            check_text(INSTRUMENTS, &format!("{key}.description"), &ins.description)?;
            check_text(INSTRUMENTS, &format!("{key}.goal"), &ins.goal)?;
            if ins.measure.is_empty() {
                return Err(StrategyError::Empty {
                    file: INSTRUMENTS,
                    key: format!("{key}.measure"),
                });
            }
            for (m_n, m) in ins.measure.iter().enumerate() {
                self.check_measure(&key, m_n, m)?;
            }
        }
        if let Some(id) = first_duplicate(self.instruments.iter().map(|i| i.id.as_str())) {
            return Err(dup(INSTRUMENTS, "instrument", id));
        }
        if let Some(id) = first_duplicate(self.measures().map(|(_, m)| m.id.as_str())) {
            return Err(dup(INSTRUMENTS, "measure", id));
        }
        Ok(())
    }

    fn check_measure(&self, ins_key: &str, n: usize, m: &MeasureDef) -> Result<(), StrategyError> {
        check_id(INSTRUMENTS, &format!("{ins_key}.measure[{n}].id"), &m.id)?;
        let key = format!("{ins_key}.measure[{}]", m.id);
        check_text(INSTRUMENTS, &format!("{key}.title"), &m.title)?;
        check_text(INSTRUMENTS, &format!("{key}.description"), &m.description)?;
        check_text(
            INSTRUMENTS,
            &format!("{key}.local_authority_role"),
            &m.local_authority_role,
        )?;
        if m.partners.contains(&m.lead) {
            return Err(StrategyError::Invalid {
                file: INSTRUMENTS,
                key: format!("{key}.partners"),
                value: m.lead.to_string(),
                expected: "partners other than the lead".into(),
            });
        }
        if m.kpi.is_empty() || m.kpi.len() > 3 {
            return Err(StrategyError::Invalid {
                file: INSTRUMENTS,
                key: format!("{key}.kpi"),
                value: format!("{} KPIs", m.kpi.len()),
                expected: "1 to 3 KPI templates".into(),
            });
        }
        for (k_n, k) in m.kpi.iter().enumerate() {
            check_id(INSTRUMENTS, &format!("{key}.kpi[{k_n}].id"), &k.id)?;
            let k_key = format!("{key}.kpi[{}]", k.id);
            check_text(INSTRUMENTS, &format!("{k_key}.name"), &k.name)?;
            if self.unit(&k.unit).is_none() {
                return Err(StrategyError::UnknownUnit {
                    file: INSTRUMENTS,
                    key: format!("{k_key}.unit"),
                    id: k.unit.clone(),
                });
            }
        }
        if let Some(id) = first_duplicate(m.kpi.iter().map(|k| k.id.as_str())) {
            return Err(dup(INSTRUMENTS, "kpi", id));
        }
        Ok(())
    }

    fn check_problems(&self) -> Result<(), StrategyError> {
        if self.problems.is_empty() {
            return Err(StrategyError::Empty {
                file: PROBLEMS,
                key: "problem".into(),
            });
        }
        for (n, p) in self.problems.iter().enumerate() {
            check_id(PROBLEMS, &format!("problem[{n}].id"), &p.id)?;
            let key = format!("problem[{}]", p.id);
            check_text(PROBLEMS, &format!("{key}.label"), &p.label)?;
            check_text(PROBLEMS, &format!("{key}.description"), &p.description)?;
            check_text(PROBLEMS, &format!("{key}.goal"), &p.goal)?;
            if p.priority == 0 {
                return Err(StrategyError::Invalid {
                    file: PROBLEMS,
                    key: format!("{key}.priority"),
                    value: "0".into(),
                    expected: "1 (first) or more".into(),
                });
            }
            for (i_n, ins) in p.instruments.iter().enumerate() {
                if self.instrument(ins).is_none() {
                    return Err(StrategyError::UnknownInstrument {
                        file: PROBLEMS,
                        key: format!("{key}.instruments[{i_n}]"),
                        id: ins.clone(),
                    });
                }
            }
        }
        if let Some(id) = first_duplicate(self.problems.iter().map(|p| p.id.as_str())) {
            return Err(dup(PROBLEMS, "problem", id));
        }
        Ok(())
    }

    /// Problem categories, in file order.
    pub fn problems(&self) -> &[ProblemDef] {
        &self.problems
    }

    /// Instruments, in file order.
    pub fn instruments(&self) -> &[InstrumentDef] {
        &self.instruments
    }

    /// KPI units.
    pub fn units(&self) -> &[UnitDef] {
        &self.units
    }

    /// A problem category by id.
    pub fn problem(&self, id: &str) -> Option<&ProblemDef> {
        self.problems.iter().find(|p| p.id == id)
    }

    /// An instrument by id.
    pub fn instrument(&self, id: &str) -> Option<&InstrumentDef> {
        self.instruments.iter().find(|i| i.id == id)
    }

    /// A measure by id, with the instrument it belongs to.
    pub fn measure(&self, id: &str) -> Option<(&InstrumentDef, &MeasureDef)> {
        self.measures().find(|(_, m)| m.id == id)
    }

    /// Every measure with its instrument, in catalogue order.
    pub fn measures(&self) -> impl Iterator<Item = (&InstrumentDef, &MeasureDef)> {
        self.instruments
            .iter()
            .flat_map(|i| i.measure.iter().map(move |m| (i, m)))
    }

    /// A unit by code.
    pub fn unit(&self, id: &str) -> Option<&UnitDef> {
        self.units.iter().find(|u| u.id == id)
    }

    /// A unit's label in `lang`, or the code itself when the catalogue does not know it.
    pub fn unit_label<'a>(&'a self, id: &'a str, lang: Lang) -> &'a str {
        self.unit(id).map_or(id, |u| u.label.get(lang))
    }

    /// Problem categories whose catalogue entry lists `instrument`.
    pub fn problems_for_instrument(&self, instrument: &str) -> impl Iterator<Item = &ProblemDef> {
        self.problems
            .iter()
            .filter(move |p| p.instruments.iter().any(|i| i == instrument))
    }

    /// `name@version` of the problem catalogue.
    pub fn problems_ref(&self) -> String {
        format!("{}@{}", self.problems_name, self.problems_version)
    }

    /// `name@version` of the instrument catalogue.
    pub fn instruments_ref(&self) -> String {
        format!("{}@{}", self.instruments_name, self.instruments_version)
    }
}

fn dup(file: &'static str, kind: &'static str, id: &str) -> StrategyError {
    StrategyError::DuplicateId {
        file,
        kind,
        id: id.to_string(),
    }
}
