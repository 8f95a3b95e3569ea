//! Coordinates of clusters on the public–private plane, for charts.
//!
//! - x, **formation**: the weighted mean of the scores of the dimensions with
//!   `axis = "formation"` (in the default spec: initiative, site ownership, public money in
//!   creation) — how public the making of the cluster was.
//! - y, **operation**: the same over `axis = "operation"` (default: public money in operation,
//!   governance, public support, residents) — how public its running is.
//!
//! Both run from 0 (fully private) to 1 (fully public); the weights are the dimensions' own.
//! An axis with no dimension (or only zero weights) gives `None`.

use creacity_model::Bilingual;
use serde::{Deserialize, Serialize};

use crate::file::Axis;
use crate::{Classification, ClusterResult};

/// The plane with the axis titles and one point per cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plane {
    /// Title of the x axis.
    pub x_title: Bilingual,
    /// Title of the y axis.
    pub y_title: Bilingual,
    /// One point per cluster, in the classification's order.
    pub points: Vec<PlanePoint>,
}

/// One cluster on the plane.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanePoint {
    /// The case card's id.
    pub cluster_id: String,
    /// Its name.
    pub name: Bilingual,
    /// Its type.
    pub type_id: String,
    /// The type's position.
    pub position: usize,
    /// Public share of formation, 0 … 1.
    pub x: Option<f64>,
    /// Public share of operation, 0 … 1.
    pub y: Option<f64>,
}

fn axis_mean(r: &ClusterResult, axis: Axis) -> Option<f64> {
    let (sum, weight) = r
        .dimensions
        .iter()
        .filter(|d| d.axis == axis)
        .fold((0.0, 0.0), |(s, w), d| {
            (s + d.weight * d.score, w + d.weight)
        });
    (weight > 0.0).then(|| crate::field::snap(sum / weight))
}

/// Places every classified cluster on the public–private plane.
///
/// ```
/// # use creacity_model::*;
/// use creacity_typology::{classify, plane, Spec};
/// # let card = CreativeCluster { id: "c1".into(), name_ru: "Лофт".into(), name_en: "Loft".into(),
/// #   territory_id: "t".into(), initiator: Initiator::Municipality, site_owner: SiteOwner::Private,
/// #   public_share_creation: 0.0, public_share_operation: 0.0, manager: Manager::PrivateCompany,
/// #   support: Default::default(), public_seats: 0, board_seats: 0, residents: 20,
/// #   private_resident_share: 1.0, year_opened: None, notes: String::new(),
/// #   sources: String::new(), synthetic: true };
/// // Initiated by the municipality (score 0.8, weight 0.2), everything else private:
/// // formation = 0.2 × 0.8 / (0.2 + 0.15 + 0.15) = 0.32, operation = 0.
/// let p = plane(&classify(&Spec::builtin(), &[card]));
/// assert_eq!(p.points[0].x, Some(0.32));
/// assert_eq!(p.points[0].y, Some(0.0));
/// ```
pub fn plane(c: &Classification) -> Plane {
    Plane {
        x_title: Bilingual::new(
            "Публичность формирования (0 — частное, 1 — государственное)",
            "Public share of formation (0 private, 1 public)",
        ),
        y_title: Bilingual::new(
            "Публичность функционирования (0 — частное, 1 — государственное)",
            "Public share of operation (0 private, 1 public)",
        ),
        points: c
            .clusters
            .iter()
            .map(|r| PlanePoint {
                cluster_id: r.cluster_id.clone(),
                name: r.name.clone(),
                type_id: r.type_id.clone(),
                position: r.position,
                x: axis_mean(r, Axis::Formation),
                y: axis_mean(r, Axis::Operation),
            })
            .collect(),
    }
}
