//! Reproducibility: the same spec and cards always give the same result, and a spec written
//! back to TOML reads as the same spec.

use creacity_model::Lang;
use creacity_typology::{Spec, classify, explain, plane};

use crate::common::profiles;

fn cards() -> Vec<creacity_model::CreativeCluster> {
    profiles().into_iter().map(|(c, _, _)| c).collect()
}

#[test]
fn classify_twice_gives_identical_json() {
    let spec = Spec::builtin();
    let a = serde_json::to_string(&classify(&spec, &cards())).unwrap();
    let b = serde_json::to_string(&classify(&spec, &cards())).unwrap();
    assert_eq!(a, b);
    let again = Spec::builtin();
    assert_eq!(
        a,
        serde_json::to_string(&classify(&again, &cards())).unwrap()
    );
}

#[test]
fn spec_round_trips_through_toml() {
    let spec = Spec::builtin();
    let text = spec.to_toml().unwrap();
    let back = Spec::from_toml(&text).unwrap();
    assert_eq!(back, spec);
    assert_eq!(back.digest(), spec.digest());
    assert!(spec.digest().starts_with("fnv1a64:") && spec.digest().len() == 24);
    // An edited spec gets another digest even under the same name and version.
    let mut file = spec.file().clone();
    file.dimensions[0].weight = 0.25;
    assert_ne!(file.validate().unwrap().digest(), spec.digest());
}

#[test]
fn results_do_not_depend_on_input_order() {
    let spec = Spec::builtin();
    let forward = classify(&spec, &cards());
    let mut reversed_cards = cards();
    reversed_cards.reverse();
    let mut backward = classify(&spec, &reversed_cards).clusters;
    backward.reverse();
    assert_eq!(forward.clusters, backward);
}

#[test]
fn results_carry_the_spec_and_serialise_the_reasons() {
    let result = classify(&Spec::builtin(), &cards());
    let json = serde_json::to_value(&result).unwrap();
    assert_eq!(json["spec"]["name"], "creacity-default");
    assert_eq!(json["spec"]["version"], "1.0.0");
    assert_eq!(result.spec.tag(), "creacity-default@1.0.0");
    assert!(
        result
            .spec
            .note
            .en
            .contains("names only the two key end types")
    );
    let first = &json["clusters"][0];
    assert_eq!(first["type_id"], "initiative_based");
    assert_eq!(first["position"], 1);
    assert_eq!(first["label"]["ru"], "инициативный");
    assert_eq!(first["memberships"].as_array().unwrap().len(), 5);
    assert_eq!(first["facts"][0]["value"]["kind"], "code");
    assert_eq!(first["borderline"], false);
    assert_eq!(json["summary"]["clusters"], 5);
    let p = serde_json::to_value(plane(&result)).unwrap();
    assert_eq!(p["points"].as_array().unwrap().len(), 5);
}

#[test]
fn plane_of_the_profiles() {
    let result = classify(&Spec::builtin(), &cards());
    let p = plane(&result);
    // Guided profile: formation (0.2 × 0.9 + 0.15 × 0.9 + 0.15 × 0.8) / 0.5 = 0.87;
    // operation (0.15 × 0.6 + 0.15 × 0.84 + 0.1 × 0.65 + 0.1 × 0.2) / 0.5 = 0.602.
    assert_eq!(p.points[3].x, Some(0.87));
    assert_eq!(p.points[3].y, Some(0.602));
    assert!(p.x_title.ru.contains("формирования"));
}

#[test]
fn explanation_by_hand() {
    let (c, _, _) = profiles().remove(1);
    let r = &classify(&Spec::builtin(), &[c]).clusters[0];
    let en = explain(r, Lang::En);
    let lines: Vec<&str> = en.lines().collect();
    assert_eq!(
        lines[0],
        "Cluster p2 (p2) [synthetic]: type 2 of 5, supported initiative; score 0.328 (0 fully private, 1 fully public)."
    );
    // 0.328 is past the centre 0.3 of its interval, so the upper neighbour shares it:
    // partnership = 0.5 × (0.328 − 0.3) / (0.4 − 0.3) = 0.14.
    assert_eq!(
        lines[1],
        "Membership: supported initiative 0.86; partnership 0.14."
    );
    // The community initiative pulls hardest: 0.2 × (0.1 − 0.5) = −0.08.
    assert!(
        lines[3].starts_with("Deciding facts: initiator = community / NGO (towards private, -0.080); owner of the site = municipality (towards public, +0.05"),
        "{}",
        lines[3]
    );
    assert_eq!(
        lines[4],
        "Not borderline: no change of one fact by one step changes the type."
    );
    let ru = explain(r, Lang::Ru);
    assert!(
        ru.starts_with(
            "Кластер p2 (p2) [синтетические данные]: тип 2 из 5, поддерживаемая инициатива"
        ),
        "{ru}"
    );
}

#[test]
fn results_read_back_from_json() {
    let result = classify(&Spec::builtin(), &cards());
    let json = serde_json::to_string(&result).unwrap();
    let back: creacity_typology::Classification = serde_json::from_str(&json).unwrap();
    assert_eq!(back, result);
    let p = plane(&result);
    let back: creacity_typology::Plane =
        serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
    assert_eq!(back, p);
}
