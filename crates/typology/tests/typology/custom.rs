//! A researcher's own typology: three types, other dimensions, crisp membership.

use creacity_model::{CreativeCluster, Lang, Manager};
use creacity_typology::{Change, Field, Spec, classify, explain, plane};

use crate::common::{close, private};

const THREE_WAY: &str = r#"
format = 1
name = "three-way"
version = "0.1"

[membership]
kind = "crisp"

[borderline]
share_step = 0.25

[[dimensions]]
id = "money"
label = { en = "Money", ru = "Деньги" }
weight = 2
axis = "formation"

  [[dimensions.facts]]
  field = "public_share_creation"

  [[dimensions.facts]]
  field = "public_share_operation"

[[dimensions]]
id = "control"
label = { en = "Control" }
weight = 1
axis = "operation"

  [[dimensions.facts]]
  field = "manager"
  default = 0.0
  scores = { municipal_institution = 1.0, regional_institution = 1.0 }

  [[dimensions.facts]]
  field = "public_seat_share"
  rule = "steps"
  steps = [{ from = 0.0, score = 0.0 }, { from = 0.5, score = 1.0 }]

[[types]]
id = "bottom_up"
label = { en = "bottom-up", ru = "снизу" }

[[types]]
id = "mixed"
label = { en = "mixed", ru = "смешанный" }
from = 0.34

[[types]]
id = "top_down"
label = { en = "top-down", ru = "сверху" }
from = 0.6
require = [{ dimension = "control", min = 0.5 }]
"#;

fn c(id: &str, creation: f64, operation: f64, manager: Manager, seats: u32) -> CreativeCluster {
    CreativeCluster {
        public_share_creation: creation,
        public_share_operation: operation,
        manager,
        public_seats: seats,
        board_seats: 5,
        ..private(id)
    }
}

#[test]
fn three_types_on_other_dimensions() {
    let spec = Spec::from_toml(THREE_WAY).unwrap();
    assert_eq!(spec.type_ids(), ["bottom_up", "mixed", "top_down"]);
    assert_eq!(spec.dimension_ids(), ["money", "control"]);
    let cards = [
        // money (0.3 + 0.1) / 2 = 0.2, control 0 → (2 × 0.2 + 0) / 3 = 0.1333
        c("a", 0.3, 0.1, Manager::PrivateCompany, 0),
        // money 0.5, control (1 + step(0.2) = 0) / 2 = 0.5 → (1 + 0.5) / 3 = 0.5
        c("b", 0.6, 0.4, Manager::MunicipalInstitution, 1),
        // money 0.9, control (1 + step(0.6) = 1) / 2 = 1 → (1.8 + 1) / 3 = 0.9333
        c("c", 1.0, 0.8, Manager::RegionalInstitution, 3),
        // money 1, control 0 → 2 / 3: in the top-down interval, but control < 0.5
        c("d", 1.0, 1.0, Manager::PrivateCompany, 2),
    ];
    let result = classify(&spec, &cards);
    let got: Vec<(&str, f64)> = result
        .clusters
        .iter()
        .map(|r| (r.type_id.as_str(), r.score))
        .collect();
    let want = [
        ("bottom_up", 0.4 / 3.0),
        ("mixed", 0.5),
        ("top_down", 2.8 / 3.0),
        ("mixed", 2.0 / 3.0),
    ];
    for ((gt, gs), (wt, ws)) in got.iter().zip(want) {
        assert_eq!(*gt, wt);
        close(*gs, ws);
    }
    assert_eq!(
        result.clusters[3].interval_type.as_deref(),
        Some("top_down")
    );
    assert_eq!(result.clusters[3].memberships[1].degree, 1.0);
    assert_eq!(result.summary.dominant, ["mixed"]);
    assert_eq!(result.spec.name, "three-way");
    assert_eq!(result.spec.version, "0.1");
    // Crisp: every degree is 0 or 1.
    for r in &result.clusters {
        assert!(
            r.memberships
                .iter()
                .all(|m| m.degree == 0.0 || m.degree == 1.0)
        );
    }
}

#[test]
fn borderline_follows_the_custom_scoring() {
    let spec = Spec::from_toml(THREE_WAY).unwrap();
    let r = &classify(&spec, &[c("b", 0.6, 0.4, Manager::MunicipalInstitution, 1)]).clusters[0];
    // Control falls to 0 when a non-public body manages it: (1 + 0) / 3 = 0.333 < 0.34.
    let to: Vec<_> = r
        .alternatives
        .iter()
        .map(|a| match &a.change {
            Change::SetCode { to, .. } => (a.field, to.as_str(), a.type_id.as_str()),
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(
        to,
        [
            (Field::Manager, "private_company", "bottom_up"),
            (Field::Manager, "ngo", "bottom_up"),
            (Field::Manager, "university", "bottom_up"),
        ]
    );
    // Facts the spec does not score (initiator, support…) are never moved.
    assert!(r.facts.iter().all(|f| f.field != Field::Initiator));
}

#[test]
fn plane_and_explanation_use_the_custom_axes_and_labels() {
    let spec = Spec::from_toml(THREE_WAY).unwrap();
    let result = classify(&spec, &[c("b", 0.6, 0.4, Manager::MunicipalInstitution, 1)]);
    let p = plane(&result);
    assert_eq!((p.points[0].x, p.points[0].y), (Some(0.5), Some(0.5)));
    let text = explain(&result.clusters[0], Lang::Ru);
    // "control" has no Russian label, so the English one stands in.
    assert!(text.contains("Деньги 0.50; Control 0.50"), "{text}");
    assert!(text.contains("тип 2 из 3, смешанный"), "{text}");
}
