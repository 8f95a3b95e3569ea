//! Specialisation, concentration and relatedness indices on a territory × sector [`Matrix`],
//! each defined as in the R package EconGeo (Balland 2017); see `docs/methods/mapping.md`.

#[cfg(target_arch = "x86_64")]
mod cells_avx512;
mod complexity;
mod density;
mod engine;
mod log2;
mod specialisation;

pub use complexity::{
    RelatednessMethod, co_occurrence, diversity, relatedness, relatedness_density, ubiquity,
};
pub use engine::IndexEngine;
pub use specialisation::{
    binary_lq, entropy, herfindahl, hoover, krugman, location_quotient, specialisation_coefficient,
};

use serde::{Deserialize, Serialize};

use crate::{MappingError, Matrix};

/// Parameters of [`compute_indices`], built with [`IndexParams::builder`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct IndexParams {
    relatedness: RelatednessMethod,
    population: Option<Vec<f64>>,
}

/// Builder of [`IndexParams`]; [`IndexParamsBuilder::build`] validates against the matrix.
#[derive(Debug, Clone, Default)]
pub struct IndexParamsBuilder {
    relatedness: RelatednessMethod,
    population: Option<Vec<f64>>,
}

impl IndexParams {
    /// Starts a builder with EconGeo's defaults (`"prob"` relatedness, uniform population).
    pub fn builder() -> IndexParamsBuilder {
        IndexParamsBuilder::default()
    }
    /// The relatedness normalisation.
    pub fn relatedness_method(&self) -> RelatednessMethod {
        self.relatedness
    }
}

impl IndexParamsBuilder {
    /// Sets the relatedness normalisation.
    pub fn relatedness(mut self, m: RelatednessMethod) -> Self {
        self.relatedness = m;
        self
    }
    /// Sets the population of every territory (matrix row order) for the Hoover index.
    pub fn population(mut self, p: Vec<f64>) -> Self {
        self.population = Some(p);
        self
    }
    /// Checks the parameters against `m`.
    ///
    /// # Errors
    /// [`MappingError::Shape`] when the population has not one value per row;
    /// [`MappingError::InvalidParameter`] for a negative or non-finite population or a zero total.
    pub fn build(self, m: &Matrix) -> Result<IndexParams, MappingError> {
        if let Some(p) = &self.population {
            if p.len() != m.nrows() {
                return Err(MappingError::Shape(format!(
                    "population has {} values, the matrix {} rows",
                    p.len(),
                    m.nrows()
                )));
            }
            if let Some(v) = p.iter().find(|v| !v.is_finite() || **v < 0.0) {
                return Err(MappingError::InvalidParameter {
                    name: "population",
                    value: v.to_string(),
                    expected: "finite numbers ≥ 0".into(),
                });
            }
            if p.iter().sum::<f64>() <= 0.0 {
                return Err(MappingError::InvalidParameter {
                    name: "population",
                    value: "0".into(),
                    expected: "a positive total".into(),
                });
            }
        }
        Ok(IndexParams {
            relatedness: self.relatedness,
            population: self.population,
        })
    }
}

/// The indices of one territory.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TerritoryIndices {
    /// Territory label (matrix row).
    pub territory: String,
    /// Total activity of the row.
    pub total: f64,
    /// Krugman specialisation index (EconGeo `Krugman.index`); `None` for an empty row.
    pub krugman: Option<f64>,
    /// Specialisation coefficient (EconGeo `spec.coeff`).
    pub specialisation_coefficient: Option<f64>,
    /// Herfindahl index (EconGeo `Herfindahl`).
    pub herfindahl: Option<f64>,
    /// Shannon entropy in bits (EconGeo `entropy`).
    pub entropy: Option<f64>,
    /// Diversity: sectors with binary LQ = 1 (EconGeo `diversity(mat, RCA = TRUE)`).
    pub diversity: u32,
}

/// The indices of one sector.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectorIndices {
    /// Sector label (matrix column).
    pub sector: String,
    /// Total activity of the column.
    pub total: f64,
    /// Hoover index, 0–100 (EconGeo `Hoover.index`); `None` for an empty column.
    pub hoover: Option<f64>,
    /// Ubiquity: territories with binary LQ = 1 (EconGeo `ubiquity(mat, RCA = TRUE)`).
    pub ubiquity: u32,
}

/// Every index on one matrix, with the parameters used.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndexReport {
    /// Method label and reference.
    pub method: &'static str,
    /// The parameters used.
    pub params: IndexParams,
    /// Territory labels (rows of the matrices below).
    pub territories: Vec<String>,
    /// Sector labels (columns).
    pub sectors: Vec<String>,
    /// Per-territory indices.
    pub by_territory: Vec<TerritoryIndices>,
    /// Per-sector indices.
    pub by_sector: Vec<SectorIndices>,
    /// Location quotients, row-major territories × sectors.
    pub location_quotient: Vec<f64>,
    /// Binary LQ (1 where LQ ≥ 1), row-major.
    pub binary_lq: Vec<u8>,
    /// Sector × sector co-occurrence of binary LQ, row-major, zero diagonal.
    pub co_occurrence: Vec<u32>,
    /// Sector × sector relatedness, row-major.
    pub relatedness: Vec<f64>,
    /// Relatedness density 0–100, row-major territories × sectors (`null` where undefined).
    pub relatedness_density: Vec<f64>,
}

/// Computes every index of the catalogue on `m`.
///
/// ```
/// use creacity_mapping::{Matrix, indices::{IndexParams, compute_indices}};
/// let m = Matrix::from_rows(&[vec![3.0, 1.0], vec![1.0, 3.0]]).unwrap();
/// let p = IndexParams::builder().build(&m).unwrap();
/// let r = compute_indices(&m, &p);
/// // Shares 0.75/0.25 against 0.5/0.5 overall: Krugman = 0.25 + 0.25.
/// assert_eq!(r.by_territory[0].krugman, Some(0.5));
/// assert_eq!(r.by_territory[0].diversity, 1);
/// ```
pub fn compute_indices(m: &Matrix, params: &IndexParams) -> IndexReport {
    engine::compute_parallel(m, params)
}

/// Attaches labels and the per-territory and per-sector records to what the passes computed.
fn assemble(m: &Matrix, params: &IndexParams, c: engine::Computed) -> IndexReport {
    let mut r = IndexReport {
        method: METHOD,
        params: params.clone(),
        territories: Vec::new(),
        sectors: Vec::new(),
        by_territory: Vec::new(),
        by_sector: Vec::new(),
        location_quotient: Vec::new(),
        binary_lq: Vec::new(),
        co_occurrence: Vec::new(),
        relatedness: Vec::new(),
        relatedness_density: Vec::new(),
    };
    assemble_into(m, params, c, &mut r);
    r
}

const METHOD: &str = "EconGeo indices (Balland 2017): LQ, Krugman, spec.coeff, Herfindahl, entropy, Hoover, diversity, ubiquity, co-occurrence, relatedness, relatedness density";

/// [`assemble`] over an earlier report: labels already equal are kept rather than cloned.
fn assemble_into(m: &Matrix, params: &IndexParams, c: engine::Computed, r: &mut IndexReport) {
    relabel(&mut r.territories, m.row_labels());
    relabel(&mut r.sectors, m.col_labels());
    r.by_territory.truncate(m.nrows());
    for (i, (row, total)) in c.rows.iter().zip(&c.row_sums).enumerate() {
        let t = TerritoryIndices {
            territory: String::new(),
            total: *total,
            krugman: row.krugman,
            specialisation_coefficient: row.krugman.map(|k| k / 2.0),
            herfindahl: row.herfindahl,
            entropy: row.entropy,
            diversity: row.diversity,
        };
        let label = &m.row_labels()[i];
        match r.by_territory.get_mut(i) {
            Some(old) => {
                let name = std::mem::take(&mut old.territory);
                *old = TerritoryIndices {
                    territory: name,
                    ..t
                };
                if old.territory != *label {
                    old.territory.clone_from(label);
                }
            }
            None => r.by_territory.push(TerritoryIndices {
                territory: label.clone(),
                ..t
            }),
        }
    }
    r.by_sector = c
        .hoover
        .iter()
        .zip(&c.ubiquity)
        .zip(&c.col_sums)
        .zip(m.col_labels())
        .map(|(((hoover, ubiquity), total), label)| SectorIndices {
            sector: label.clone(),
            total: *total,
            hoover: *hoover,
            ubiquity: *ubiquity,
        })
        .collect();
    r.method = METHOD;
    if r.params != *params {
        r.params = params.clone();
    }
    r.location_quotient = c.lq;
    r.binary_lq = c.binary;
    r.co_occurrence = c.cooc;
    r.relatedness = c.rel;
    r.relatedness_density = c.density;
}

/// Makes `v` equal to `labels`, cloning only the labels that differ.
fn relabel(v: &mut Vec<String>, labels: &[String]) {
    v.truncate(labels.len());
    for (i, l) in labels.iter().enumerate() {
        match v.get_mut(i) {
            Some(old) if old == l => {}
            Some(old) => old.clone_from(l),
            None => v.push(l.clone()),
        }
    }
}
