//! A territory's strategy for its creative industries: goals, measures, actors, KPIs.

use serde::{Deserialize, Serialize};

use crate::{ActorKind, Bilingual, Provenance, coded_enum};

coded_enum!(
    /// Where a measure stands.
    MeasureStatus, "status", {
        /// Proposed, not yet adopted.
        Proposed => ("proposed", "proposed", "предложена"),
        /// Adopted into the strategy.
        Adopted => ("adopted", "adopted", "принята"),
        /// Being carried out.
        InProgress => ("in_progress", "in progress", "выполняется"),
        /// Done.
        Done => ("done", "done", "выполнена"),
        /// Dropped.
        Dropped => ("dropped", "dropped", "отменена"),
    }
);

/// A strategic goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    /// Identifier inside the strategy.
    pub id: String,
    /// The goal's wording.
    pub text: Bilingual,
}

/// A measure of the strategy, taken from the instrument catalogue by a rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    /// The catalogue's measure id.
    pub id: String,
    /// The catalogue's instrument id the measure belongs to.
    pub instrument: String,
    /// The goal it serves.
    pub goal_id: String,
    /// Title.
    pub title: Bilingual,
    /// Why it is recommended: the rule's reason, with the facts that fired it.
    pub reason: Bilingual,
    /// The actor responsible.
    pub lead: ActorKind,
    /// Partners.
    pub partners: Vec<ActorKind>,
    /// What the local authority does in it, as the focal point of cooperation.
    pub local_authority_role: Bilingual,
    /// Problem categories it addresses.
    pub problems: Vec<String>,
    /// Clusters it concerns (empty: the whole territory).
    pub clusters: Vec<String>,
    /// Priority, 1 the highest.
    pub priority: u32,
    /// Status.
    pub status: MeasureStatus,
}

/// A key performance indicator of a measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kpi {
    /// Identifier inside the strategy.
    pub id: String,
    /// The measure it tracks.
    pub measure_id: String,
    /// Name.
    pub name: Bilingual,
    /// Unit of measure.
    pub unit: String,
    /// Value at the start.
    pub baseline: Option<f64>,
    /// Target value.
    pub target: Option<f64>,
    /// Year the target is due.
    pub target_year: Option<i32>,
    /// Latest observed value.
    pub current: Option<f64>,
}

impl Kpi {
    /// Progress from baseline to target as a fraction (may fall outside `[0, 1]`), when all three are known
    /// and the target differs from the baseline.
    pub fn progress(&self) -> Option<f64> {
        let (b, t, c) = (self.baseline?, self.target?, self.current?);
        if (t - b).abs() < f64::EPSILON {
            None
        } else {
            Some((c - b) / (t - b))
        }
    }
}

/// A strategy for a territory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Strategy {
    /// Identifier.
    pub id: String,
    /// The territory.
    pub territory_id: String,
    /// Title.
    pub title: Bilingual,
    /// Goals.
    pub goals: Vec<Goal>,
    /// Measures, by priority.
    pub measures: Vec<Measure>,
    /// KPIs.
    pub kpis: Vec<Kpi>,
    /// How it was built.
    pub provenance: Provenance,
}
