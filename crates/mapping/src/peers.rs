//! A territory against its peer groups — same region, same population band, second-tier
//! industrial cities — on every indicator of a table.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::MappingError;

/// A territory with its attributes and indicator values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeerTerritory {
    /// Identifier.
    pub id: String,
    /// The enclosing region, if known.
    pub region: Option<String>,
    /// Population, if known.
    pub population: Option<f64>,
    /// A second-tier city.
    pub second_tier: bool,
    /// An old industrial city.
    pub industrial: bool,
    /// Indicator values by name (missing = not measured).
    pub indicators: BTreeMap<String, f64>,
}

/// A peer group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PeerGroupKind {
    /// Territories of the same region.
    SameRegion,
    /// Territories in the same population band.
    PopulationBand,
    /// Second-tier industrial cities.
    SecondTierIndustrial,
    /// Every territory of the table.
    All,
}

/// Validated peer parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeerParams {
    /// Ascending band edges; band k is `[edges[k-1], edges[k])`, open at both ends.
    pub population_edges: Vec<f64>,
    /// Groups to compare against.
    pub groups: Vec<PeerGroupKind>,
}

impl Default for PeerParams {
    /// Bands at 50, 100, 250, 500 thousand and 1 million inhabitants; every group kind.
    fn default() -> Self {
        Self {
            population_edges: vec![50e3, 100e3, 250e3, 500e3, 1e6],
            groups: vec![
                PeerGroupKind::SameRegion,
                PeerGroupKind::PopulationBand,
                PeerGroupKind::SecondTierIndustrial,
                PeerGroupKind::All,
            ],
        }
    }
}

impl PeerParams {
    /// Checks the band edges.
    ///
    /// # Errors
    /// [`MappingError::InvalidParameter`] for edges that are not finite and strictly ascending.
    pub fn validate(&self) -> Result<(), MappingError> {
        let ok = self.population_edges.iter().all(|e| e.is_finite())
            && self.population_edges.windows(2).all(|w| w[0] < w[1]);
        if ok {
            Ok(())
        } else {
            Err(MappingError::InvalidParameter {
                name: "population_edges",
                value: format!("{:?}", self.population_edges),
                expected: "finite, strictly ascending".into(),
            })
        }
    }
}

/// One indicator of the territory against one group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorComparison {
    /// Indicator name.
    pub indicator: String,
    /// The territory's value, if measured.
    pub value: Option<f64>,
    /// Peers with a value (the territory not counted).
    pub n_peers: usize,
    /// Mean of the peers.
    pub mean: Option<f64>,
    /// Median of the peers.
    pub median: Option<f64>,
    /// Minimum of the peers.
    pub min: Option<f64>,
    /// Maximum of the peers.
    pub max: Option<f64>,
    /// Rank of the territory among itself and the peers, 1 = highest value.
    pub rank: Option<usize>,
    /// Share of peers with a lower value, ties counted half, in percent.
    pub percentile: Option<f64>,
    /// (value − mean) / standard deviation of the peers (n − 1); `None` when undefined.
    pub z: Option<f64>,
}

/// The territory against one group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeerGroupResult {
    /// Group kind.
    pub kind: PeerGroupKind,
    /// Human-readable definition (`region 66`, `population 100000–250000`…).
    pub definition: String,
    /// Peer ids (the territory excluded).
    pub peers: Vec<String>,
    /// Every indicator of the table.
    pub indicators: Vec<IndicatorComparison>,
}

/// A territory against every requested peer group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeerComparison {
    /// The territory.
    pub territory: String,
    /// The parameters used.
    pub params: PeerParams,
    /// One result per group; a group that cannot be formed (no region known…) is omitted.
    pub groups: Vec<PeerGroupResult>,
}

/// Compares `territory` with its peers in `table`.
///
/// # Errors
/// [`MappingError::UnknownTerritory`], invalid parameters, or duplicate ids in the table.
///
/// ```
/// use std::collections::BTreeMap;
/// use creacity_mapping::peers::*;
/// let t = |id: &str, v: f64| PeerTerritory { id: id.into(), region: Some("R1".into()),
///     population: Some(1e5), second_tier: true, industrial: true,
///     indicators: BTreeMap::from([("firms_per_1000".to_string(), v)]) };
/// let table = [t("a", 3.0), t("b", 1.0), t("c", 2.0)];
/// let r = compare_peers(&table, "a", &PeerParams::default()).unwrap();
/// let ind = &r.groups[0].indicators[0];
/// assert_eq!((ind.rank, ind.mean, ind.percentile), (Some(1), Some(1.5), Some(100.0)));
/// ```
pub fn compare_peers(
    table: &[PeerTerritory],
    territory: &str,
    params: &PeerParams,
) -> Result<PeerComparison, MappingError> {
    params.validate()?;
    let mut seen = std::collections::HashMap::new();
    for (k, t) in table.iter().enumerate() {
        if let Some(first) = seen.insert(t.id.as_str(), k) {
            return Err(MappingError::Duplicate {
                what: "territory",
                id: t.id.clone(),
                first: first + 1,
                second: k + 1,
            });
        }
    }
    let me = table
        .iter()
        .find(|t| t.id == territory)
        .ok_or_else(|| MappingError::UnknownTerritory(territory.to_string()))?;
    let indicators: Vec<String> = table
        .iter()
        .flat_map(|t| t.indicators.keys().cloned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let band = |p: f64| params.population_edges.partition_point(|e| *e <= p);
    let band_label = |b: usize| {
        let lo = if b == 0 {
            0.0
        } else {
            params.population_edges[b - 1]
        };
        match params.population_edges.get(b) {
            Some(hi) => format!("population {lo}–{hi}"),
            None => format!("population ≥ {lo}"),
        }
    };
    let mut groups = Vec::new();
    for &kind in &params.groups {
        let (definition, members): (String, Vec<&PeerTerritory>) = match kind {
            PeerGroupKind::SameRegion => {
                let Some(r) = &me.region else { continue };
                (
                    format!("region {r}"),
                    table
                        .iter()
                        .filter(|t| t.region.as_ref() == Some(r))
                        .collect(),
                )
            }
            PeerGroupKind::PopulationBand => {
                let Some(p) = me.population else { continue };
                let b = band(p);
                (
                    band_label(b),
                    table
                        .iter()
                        .filter(|t| t.population.is_some_and(|q| band(q) == b))
                        .collect(),
                )
            }
            PeerGroupKind::SecondTierIndustrial => (
                "second-tier industrial cities".into(),
                table
                    .iter()
                    .filter(|t| t.second_tier && t.industrial)
                    .collect(),
            ),
            PeerGroupKind::All => ("all territories".into(), table.iter().collect()),
        };
        let peers: Vec<&PeerTerritory> = members.into_iter().filter(|t| t.id != me.id).collect();
        let comparisons = indicators
            .iter()
            .map(|name| compare_one(name, me.indicators.get(name).copied(), &peers))
            .collect();
        groups.push(PeerGroupResult {
            kind,
            definition,
            peers: peers.iter().map(|t| t.id.clone()).collect(),
            indicators: comparisons,
        });
    }
    Ok(PeerComparison {
        territory: territory.to_string(),
        params: params.clone(),
        groups,
    })
}

fn compare_one(name: &str, value: Option<f64>, peers: &[&PeerTerritory]) -> IndicatorComparison {
    let mut v: Vec<f64> = peers
        .iter()
        .filter_map(|t| t.indicators.get(name).copied())
        .filter(|x| x.is_finite())
        .collect();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    let mean = (n > 0).then(|| v.iter().sum::<f64>() / n as f64);
    let median = (n > 0).then(|| {
        if n % 2 == 1 {
            v[n / 2]
        } else {
            (v[n / 2 - 1] + v[n / 2]) / 2.0
        }
    });
    let sd = (n > 1).then(|| {
        let m = mean.unwrap_or(0.0);
        (v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n as f64 - 1.0)).sqrt()
    });
    let value = value.filter(|x| x.is_finite());
    let rank = value.map(|x| 1 + v.iter().filter(|&&y| y > x).count());
    let percentile = value.filter(|_| n > 0).map(|x| {
        let below = v.iter().filter(|&&y| y < x).count() as f64;
        let ties = v.iter().filter(|&&y| y == x).count() as f64;
        100.0 * (below + ties / 2.0) / n as f64
    });
    let z = match (value, mean, sd) {
        (Some(x), Some(m), Some(s)) if s > 0.0 => Some((x - m) / s),
        _ => None,
    };
    IndicatorComparison {
        indicator: name.to_string(),
        value,
        n_peers: n,
        mean,
        median,
        min: v.first().copied(),
        max: v.last().copied(),
        rank,
        percentile,
        z,
    }
}
