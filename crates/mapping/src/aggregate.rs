//! From firm facts to territory × sector × period tables: firms, employees, revenue, shares,
//! growth, entries and exits, under a stated classification mode.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use crate::taxonomy::{ClassificationMode, ClassificationSummary, Classifier, FirmClass};
use crate::{Date, MappingError, Matrix, Period};

/// The sector label of the row that totals every creative sector.
pub const ALL_CREATIVE: &str = "*";

/// One firm as observed in one period (e.g. one monthly registry snapshot).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FirmFact {
    /// Firm identifier (INN, OGRN…); unique within a period.
    pub id: String,
    /// Territory code (OKTMO or the user's own).
    pub territory: String,
    /// The period of the observation.
    pub period: Period,
    /// Main activity code.
    pub main_code: Option<String>,
    /// Additional activity codes.
    #[serde(default)]
    pub other_codes: Vec<String>,
    /// Headcount, where known.
    pub employees: Option<f64>,
    /// Revenue, where known.
    pub revenue: Option<f64>,
    /// Registration date.
    pub registered: Option<Date>,
    /// Exit (liquidation, exclusion from the registry) date.
    pub exited: Option<Date>,
}

/// One cell of the aggregate: a territory, a sector (a taxonomy group or [`ALL_CREATIVE`]) and
/// a period. Counts are weighted by the firms' classification weights (1 unless weighted).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AggregateRow {
    /// Territory code.
    pub territory: String,
    /// Group id, or `*` for all creative sectors.
    pub sector: String,
    /// Period.
    pub period: Period,
    /// Creative firms (weighted).
    pub firms: f64,
    /// Employees of those firms, summed over firms that report them; `None` if none do.
    pub employees: Option<f64>,
    /// Revenue, likewise.
    pub revenue: Option<f64>,
    /// Share of all firms of the territory in the period.
    pub share_of_all_firms: f64,
    /// Share of the territory's creative firms in the period.
    pub share_of_creative: f64,
    /// Relative change of `firms` against the previous period of the data; `None` for the
    /// first period or from zero.
    pub growth: Option<f64>,
    /// Firms registered within the period.
    pub entries: f64,
    /// Firms that exited within the period.
    pub exits: f64,
}

/// What a matrix taken from an aggregate counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    /// Firms.
    Firms,
    /// Employees.
    Employees,
    /// Revenue.
    Revenue,
}

fn all_firms_as_rows<S: serde::Serializer>(
    m: &BTreeMap<(String, Period), f64>,
    s: S,
) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Row<'a> {
        territory: &'a str,
        period: &'a Period,
        firms: f64,
    }
    s.collect_seq(m.iter().map(|((territory, period), firms)| Row {
        territory,
        period,
        firms: *firms,
    }))
}

/// The aggregate, with the classification that made it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AggregateTable {
    /// Taxonomy `id@version`.
    pub taxonomy: String,
    /// The classification mode every count uses.
    pub mode: ClassificationMode,
    /// Rows sorted by territory, period, sector.
    pub rows: Vec<AggregateRow>,
    /// Firms of any kind per territory and period (the denominator of shares). JSON has no tuple
    /// keys, so it is written as a list of `{territory, period, firms}`.
    #[serde(serialize_with = "all_firms_as_rows")]
    pub all_firms: BTreeMap<(String, Period), f64>,
    /// Classification counts (main-code and any-code both), unknown and ambiguous codes.
    pub summary: ClassificationSummary,
}

#[derive(Default, Clone)]
struct Acc {
    firms: f64,
    emp: f64,
    emp_n: usize,
    rev: f64,
    rev_n: usize,
    entries: f64,
    exits: f64,
}

/// Aggregates `facts` with `classifier`.
///
/// # Errors
/// [`MappingError::Duplicate`] for a firm id seen twice in the same period (positions are
/// 1-based indices into `facts`); [`MappingError::BadValue`] for negative employees or revenue.
///
/// ```
/// use creacity_mapping::taxonomy::*;
/// use creacity_mapping::{FirmFact, Period, aggregate};
/// let c = Classifier::new(&builtin(BuiltinTaxonomy::RuCreativeOkved2), CodeSystem::Okved2,
///                         ClassificationMode::Main, false).unwrap();
/// let fact = |id: &str, code: &str| FirmFact { id: id.into(), territory: "65701000".into(),
///     period: Period::parse("2024").unwrap(), main_code: Some(code.into()), other_codes: vec![],
///     employees: Some(3.0), revenue: None, registered: None, exited: None };
/// let t = aggregate(&[fact("1", "62.01"), fact("2", "47.11")], &c).unwrap();
/// let all = t.rows.iter().find(|r| r.sector == "*").unwrap();
/// assert_eq!((all.firms, all.share_of_all_firms, all.employees), (1.0, 0.5, Some(3.0)));
/// ```
pub fn aggregate(
    facts: &[FirmFact],
    classifier: &Classifier,
) -> Result<AggregateTable, MappingError> {
    let mut seen: HashMap<(&str, Period), usize> = HashMap::new();
    for (k, f) in facts.iter().enumerate() {
        if let Some(first) = seen.insert((f.id.as_str(), f.period), k) {
            return Err(MappingError::Duplicate {
                what: "firm id in one period",
                id: f.id.clone(),
                first: first + 1,
                second: k + 1,
            });
        }
        for (name, v) in [("employees", f.employees), ("revenue", f.revenue)] {
            if let Some(v) = v
                && !(v.is_finite() && v >= 0.0)
            {
                return Err(MappingError::BadValue {
                    row: k + 1,
                    column: name.into(),
                    value: v.to_string(),
                    expected: "a finite number ≥ 0".into(),
                });
            }
        }
    }
    let classes: Vec<FirmClass> = facts
        .iter()
        .map(|f| classifier.classify(f.main_code.as_deref(), &f.other_codes))
        .collect();
    let mut cells: BTreeMap<(String, Period, String), Acc> = BTreeMap::new();
    let mut all_firms: BTreeMap<(String, Period), f64> = BTreeMap::new();
    for (f, c) in facts.iter().zip(&classes) {
        *all_firms
            .entry((f.territory.clone(), f.period))
            .or_default() += 1.0;
        let entry = f.registered.is_some_and(|d| f.period.contains(d));
        let exit = f.exited.is_some_and(|d| f.period.contains(d));
        let parts = c.groups.iter().map(|(g, w)| (g.as_str(), *w));
        for (g, w) in parts.chain(c.creative.then_some((ALL_CREATIVE, c.weight))) {
            let a = cells
                .entry((f.territory.clone(), f.period, g.to_string()))
                .or_default();
            a.firms += w;
            if let Some(e) = f.employees {
                a.emp += e * w;
                a.emp_n += 1;
            }
            if let Some(r) = f.revenue {
                a.rev += r * w;
                a.rev_n += 1;
            }
            if entry {
                a.entries += w;
            }
            if exit {
                a.exits += w;
            }
        }
    }
    let periods: Vec<Period> = facts
        .iter()
        .map(|f| f.period)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let prev_of: HashMap<Period, Period> = periods.windows(2).map(|w| (w[1], w[0])).collect();
    let mut rows = Vec::with_capacity(cells.len());
    for ((t, p, s), a) in &cells {
        let all = all_firms[&(t.clone(), *p)];
        let creative = cells
            .get(&(t.clone(), *p, ALL_CREATIVE.to_string()))
            .map_or(0.0, |c| c.firms);
        let growth = prev_of.get(p).and_then(|pp| {
            let before = cells
                .get(&(t.clone(), *pp, s.clone()))
                .map_or(0.0, |c| c.firms);
            (before > 0.0).then(|| (a.firms - before) / before)
        });
        rows.push(AggregateRow {
            territory: t.clone(),
            sector: s.clone(),
            period: *p,
            firms: a.firms,
            employees: (a.emp_n > 0).then_some(a.emp),
            revenue: (a.rev_n > 0).then_some(a.rev),
            share_of_all_firms: a.firms / all,
            share_of_creative: if creative > 0.0 {
                a.firms / creative
            } else {
                0.0
            },
            growth,
            entries: a.entries,
            exits: a.exits,
        });
    }
    Ok(AggregateTable {
        taxonomy: classifier.taxonomy().to_string(),
        mode: classifier.mode(),
        rows,
        all_firms,
        summary: ClassificationSummary::new(classifier, &classes),
    })
}

impl AggregateTable {
    /// The territory × sector matrix of one period, for the indices: sectors are the groups
    /// present (sorted), territories every territory with firms in the period. With
    /// `with_other`, a last column `other` holds the non-creative firms (firms measure only),
    /// so that LQs compare against the whole economy.
    ///
    /// # Errors
    /// [`MappingError::Empty`] when the period has no creative firms.
    pub fn matrix(
        &self,
        period: Period,
        measure: Measure,
        with_other: bool,
    ) -> Result<Matrix, MappingError> {
        let territories: Vec<String> = self
            .all_firms
            .keys()
            .filter(|(_, p)| *p == period)
            .map(|(t, _)| t.clone())
            .collect();
        let mut sectors: Vec<String> = self
            .rows
            .iter()
            .filter(|r| r.period == period && r.sector != ALL_CREATIVE)
            .map(|r| r.sector.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if sectors.is_empty() {
            return Err(MappingError::Empty(format!(
                "no creative firms in {period}"
            )));
        }
        let other = with_other && measure == Measure::Firms;
        if other {
            sectors.push("other".into());
        }
        let ti: HashMap<&str, usize> = territories
            .iter()
            .enumerate()
            .map(|(i, t)| (t.as_str(), i))
            .collect();
        let si: HashMap<&str, usize> = sectors
            .iter()
            .enumerate()
            .map(|(i, s)| (s.as_str(), i))
            .collect();
        let nc = sectors.len();
        let mut v = vec![0.0; territories.len() * nc];
        for r in self.rows.iter().filter(|r| r.period == period) {
            let i = ti[r.territory.as_str()];
            if r.sector == ALL_CREATIVE {
                if other {
                    v[i * nc + nc - 1] = self.all_firms[&(r.territory.clone(), period)] - r.firms;
                }
                continue;
            }
            v[i * nc + si[r.sector.as_str()]] = match measure {
                Measure::Firms => r.firms,
                Measure::Employees => r.employees.unwrap_or(0.0),
                Measure::Revenue => r.revenue.unwrap_or(0.0),
            };
        }
        if other {
            for (i, t) in territories.iter().enumerate() {
                if !self
                    .rows
                    .iter()
                    .any(|r| r.period == period && &r.territory == t && r.sector == ALL_CREATIVE)
                {
                    v[i * nc + nc - 1] = self.all_firms[&(t.clone(), period)];
                }
            }
        }
        Matrix::new(territories, sectors, v)
    }
}
