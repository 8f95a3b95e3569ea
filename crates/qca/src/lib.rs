//! # creacity-qca
//!
//! Qualitative comparative analysis (QCA) of a small number of cases — crisp-set, multi-value
//! and fuzzy-set — as a pure library: text in, typed and serialisable results out. Its answers
//! equal those of the R package QCA (Dusa 2019, version 3.23), which the tests replay.
//!
//! | step | function | method and literature |
//! |---|---|---|
//! | read a table | [`Dataset::parse`] | CSV/TSV, case names in the first column |
//! | calibrate | [`Calibration`], [`calibrate`] | direct method, logistic or linear, three anchors (Ragin 2008, *Redesigning Social Inquiry*, ch. 5); crisp and multi-value thresholds |
//! | prepare sets | [`SetData::new`] | crisp, multi-value, fuzzy; outcome `Y`, `~Y`, `Y[1]` |
//! | truth table | [`truth_table`] | inclusion, PRI, `n.cut`, `incl.cut` with contradictions (Ragin 2008, ch. 7) |
//! | minimise | [`minimize`] | conservative, parsimonious and intermediate solutions (Ragin 1987; Ragin & Sonnett 2005); prime implicants as in CCubes (Dusa 2018); exact covering, every minimal model |
//! | fit | [`sufficiency`], [`Model`] | inclS, PRI, covS, covU (Ragin 2006) |
//! | necessity | [`necessity`] | inclN, RoN, covN (Schneider & Wagemann 2012) |
//! | robustness | [`robustness`] | sweep of inclusion cuts and calibration anchors (Oana & Schneider 2021) |
//! | text | [`render_truth_table`], [`render_solution`] | the reference notation `A*~B + C`, `X[2]` |
//!
//! ```
//! use creacity_qca::*;
//! let csv = "case,A,B,Y\na,1,1,1\nb,1,0,1\nc,0,1,0\n";
//! let sets = SetData::new(&Dataset::parse(csv).unwrap(), &OutcomeSpec::parse("Y").unwrap(), None).unwrap();
//! let tt = truth_table(&sets, &TruthTableParams::default()).unwrap();
//! let min = minimize(&tt, &MinimizeParams::default().include_remainders()).unwrap();
//! assert_eq!(min.parsimonious.unwrap().models[0].expression, "A");
//! ```
#![warn(missing_docs)]

mod calibrate;
mod chart;
mod cover;
mod data;
mod error;
mod fit;
mod implicant;
mod minimize;
mod necessity;
mod qmc;
mod render;
mod robustness;
mod sets;
mod truth_table;

pub use calibrate::{Calibration, LogOdds, calibrate};
pub use data::Dataset;
pub use error::QcaError;
pub use fit::{Fit, conjunction, disjunction, sufficiency, unique_coverage};
pub use minimize::{
    Implicant, IntermediateSolution, Minimization, MinimizeParams, Model, PiChart, Solution,
    SolutionKind, TermFit, minimize, row_values,
};
pub use necessity::{Necessity, NecessityFit, NecessityParams, necessity, necessity_fit};
pub use render::{
    implicant_expression, model_expression, render_minimization, render_solution,
    render_truth_table,
};
pub use robustness::{
    RobustnessParams, RobustnessReport, Run, Survival, anchor_variants, robustness,
};
pub use sets::{Condition, OutcomeSpec, SetData, SetKind};
pub use truth_table::{Out, TruthRow, TruthTable, TruthTableParams, row_number, truth_table};
