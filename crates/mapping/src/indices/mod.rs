//! Specialisation, concentration and relatedness indices on a territory × sector [`Matrix`],
//! each defined as in the R package EconGeo (Balland 2017); see `docs/methods/mapping.md`.

mod complexity;
mod specialisation;

pub use complexity::{
    RelatednessMethod, co_occurrence, diversity, relatedness, relatedness_density, ubiquity,
};
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
    let nc = m.ncols();
    let (lq, rows) = row_pass(m);
    let bin = binary_lq(&lq);
    let kr: Vec<Option<f64>> = rows.iter().map(|r| r.krugman).collect();
    let he: Vec<Option<f64>> = rows.iter().map(|r| r.herfindahl).collect();
    let en: Vec<Option<f64>> = rows.iter().map(|r| r.entropy).collect();
    let div = diversity(&bin, nc);
    let ubi = ubiquity(&bin, nc);
    let hoo = hoover(m, params.population.as_deref());
    let cooc = co_occurrence(&bin, nc);
    let rel = relatedness(&cooc, nc, params.relatedness);
    let dens = relatedness_density(&bin, nc, &rel);
    let col_sums = m.col_sums();
    let by_territory = (0..m.nrows())
        .map(|i| TerritoryIndices {
            territory: m.row_labels()[i].clone(),
            total: m.row_sum(i),
            krugman: kr[i],
            specialisation_coefficient: kr[i].map(|k| k / 2.0),
            herfindahl: he[i],
            entropy: en[i],
            diversity: div[i],
        })
        .collect();
    let by_sector = (0..nc)
        .map(|j| SectorIndices {
            sector: m.col_labels()[j].clone(),
            total: col_sums[j],
            hoover: hoo[j],
            ubiquity: ubi[j],
        })
        .collect();
    IndexReport {
        method: "EconGeo indices (Balland 2017): LQ, Krugman, spec.coeff, Herfindahl, entropy, Hoover, diversity, ubiquity, co-occurrence, relatedness, relatedness density",
        params: params.clone(),
        territories: m.row_labels().to_vec(),
        sectors: m.col_labels().to_vec(),
        by_territory,
        by_sector,
        location_quotient: lq,
        binary_lq: bin,
        co_occurrence: cooc,
        relatedness: rel,
        relatedness_density: dens,
    }
}

/// The per-territory indices of one row, computed in one pass over it (the same arithmetic, in
/// the same order, as the separate functions, so the same results).
struct RowIndices {
    krugman: Option<f64>,
    herfindahl: Option<f64>,
    entropy: Option<f64>,
}

/// Location quotients (row-major, written in place) and the per-row indices.
fn row_pass(m: &Matrix) -> (Vec<f64>, Vec<RowIndices>) {
    use rayon::prelude::*;
    let n = m.ncols().max(1);
    let total: f64 = m.values().iter().sum();
    let col_share: Vec<f64> = m.col_sums().iter().map(|c| c / total).collect();
    let mut lq = vec![0.0f64; m.values().len()];
    let rows = lq
        .par_chunks_mut(n)
        .zip(m.values().par_chunks(n))
        .with_min_len(64)
        .map_init(Scratch::default, |scratch, (out, row)| {
            row_indices(row, &col_share, out, scratch)
        })
        .collect();
    (lq, rows)
}

/// Buffers reused across the rows one thread handles.
#[derive(Default)]
struct Scratch {
    shares: Vec<f64>,
    nonzero: Vec<f64>,
}

fn row_indices(row: &[f64], col_share: &[f64], out: &mut [f64], s: &mut Scratch) -> RowIndices {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU supports AVX2 (checked just above).
        return unsafe { row_indices_avx2(row, col_share, out, s) };
    }
    row_indices_plain(row, col_share, out, s)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn row_indices_avx2(
    row: &[f64],
    col_share: &[f64],
    out: &mut [f64],
    s: &mut Scratch,
) -> RowIndices {
    row_indices_plain(row, col_share, out, s)
}

/// One row: the divisions first, in a loop without sums so that they run as vectors; then the
/// sums in column order, exactly as the separate index functions add them.
#[inline(always)]
fn row_indices_plain(
    row: &[f64],
    col_share: &[f64],
    out: &mut [f64],
    s: &mut Scratch,
) -> RowIndices {
    let rs: f64 = row.iter().sum();
    s.shares.clear();
    s.shares.resize(row.len(), 0.0);
    for (((o, sh), x), c) in out
        .iter_mut()
        .zip(s.shares.iter_mut())
        .zip(row)
        .zip(col_share)
    {
        let share = x / rs;
        *sh = share;
        let v = share / c;
        *o = if v.is_nan() { 0.0 } else { v };
    }
    let (mut k, mut h) = (0.0, 0.0);
    for ((sh, x), c) in s.shares.iter().zip(row).zip(col_share) {
        k += (sh - c).abs();
        h += x * x;
    }
    // The logarithms of the non-zero cells only, gathered first without a branch (zeros are
    // scattered at random, so a branch would mispredict), in row order.
    s.nonzero.clear();
    s.nonzero.resize(row.len() + 1, 0.0);
    let mut len = 0;
    for (x, sh) in row.iter().zip(&s.shares) {
        s.nonzero[len] = *sh;
        len += usize::from(*x > 0.0);
    }
    let mut e = 0.0;
    for share in &s.nonzero[..len] {
        e += share * share.log2();
    }
    let some = rs > 0.0;
    RowIndices {
        krugman: some.then_some(k),
        herfindahl: some.then(|| h / (rs * rs)),
        entropy: some.then_some(-e),
    }
}
