//! The borderline flag: which one-step change of one fact would change the type.

use creacity_model::{Initiator, Manager, SiteOwner, Support};
use creacity_typology::{Change, CodedStep, Field, Spec, classify_one};

use crate::common::{at, card, close, probe_spec, profiles};

#[test]
fn a_case_that_flips() {
    // 0.195 under the default spec; one more 0.1 of public money in creation gives 0.21.
    let c = card(
        "b",
        Initiator::PrivateEntrepreneur,
        SiteOwner::Private,
        0.9,
        0.0,
        Manager::PrivateCompany,
        (0, 5),
        &[
            Support::Grants,
            Support::SubsidisedRent,
            Support::ProgrammeInclusion,
        ],
        0.9,
    );
    let r = classify_one(&Spec::builtin(), &c);
    assert_eq!(r.type_id, "initiative_based");
    assert!(r.borderline);
    let creation: Vec<_> = r
        .alternatives
        .iter()
        .filter(|a| a.field == Field::PublicShareCreation)
        .collect();
    assert_eq!(creation.len(), 1);
    assert_eq!(creation[0].change, Change::Share { from: 0.9, to: 1.0 });
    assert_eq!(creation[0].type_id, "supported_initiative");
    close(creation[0].score, 0.21);
    // Every alternative leads out of the type, and none of them lowers the score below it.
    assert!(
        r.alternatives
            .iter()
            .all(|a| a.position == 2 && a.score >= 0.2)
    );
    // Adding any form (even register status, 0.1 × 0.1) flips it; removing one never does.
    assert!(r.alternatives.iter().any(|a| a.change
        == Change::AddForm {
            form: Support::RegisterStatus
        }));
    assert!(
        !r.alternatives
            .iter()
            .any(|a| matches!(a.change, Change::RemoveForm { .. }))
    );
    // One public seat of five: 0.15 × 0.4 × 0.2 = 0.012 → 0.207.
    let seat = r
        .alternatives
        .iter()
        .find(|a| a.field == Field::PublicSeatShare)
        .unwrap();
    assert_eq!(seat.change, Change::PublicSeats { from: 0, to: 1 });
    close(seat.score, 0.207);
}

#[test]
fn a_case_that_does_not_flip() {
    for (c, _, id) in profiles() {
        let r = classify_one(&Spec::builtin(), &c);
        assert!(!r.borderline, "{id}: {:?}", r.alternatives);
        assert!(r.alternatives.is_empty());
    }
}

#[test]
fn shares_move_by_the_spec_step() {
    let spec = probe_spec();
    // 0.05 ± 0.1 (clamped at 0) stays inside initiative-based (0 … 0.2).
    assert!(!classify_one(&spec, &at(0.05)).borderline);
    // 0.45 − 0.1 = 0.35 leaves partnership (0.4 … 0.6).
    assert!(classify_one(&spec, &at(0.45)).borderline);
    // 0.35 + 0.1 = 0.45 → partnership; 0.35 − 0.1 = 0.25 stays.
    let r = classify_one(&spec, &at(0.35));
    assert_eq!(r.alternatives.len(), 1);
    assert_eq!(r.alternatives[0].type_id, "partnership");
    assert_eq!(
        r.alternatives[0].change,
        Change::Share {
            from: 0.35,
            to: 0.45
        }
    );
    // At a threshold the step down leaves the type: 0.4 − 0.1 = 0.3 is supported initiative.
    let r = classify_one(&spec, &at(0.4));
    assert_eq!(r.alternatives.len(), 1);
    assert_eq!(r.alternatives[0].type_id, "supported_initiative");
    assert_eq!(
        r.alternatives[0].change,
        Change::Share { from: 0.4, to: 0.3 }
    );
}

#[test]
fn coded_facts_move_to_the_nearest_score_unless_the_spec_says_any() {
    // A private entrepreneur's nearest step is community (0.1): no flip for the first profile.
    let (c, _, _) = profiles().remove(0);
    assert!(!classify_one(&Spec::builtin(), &c).borderline);
    // With `coded = "any"` a jump to a public initiator counts as one step and flips it.
    let mut file = Spec::builtin().file().clone();
    file.borderline.coded = CodedStep::Any;
    let spec = file.validate().unwrap();
    let r = classify_one(&spec, &c);
    assert!(r.borderline);
    let to: Vec<_> = r
        .alternatives
        .iter()
        .filter_map(|a| match &a.change {
            Change::SetCode { from, to } if a.field == Field::Initiator => {
                assert_eq!(from, "private_entrepreneur");
                Some(to.as_str())
            }
            _ => None,
        })
        .collect();
    // University and every public initiator break the initiative ≤ 0.3 rule; community and a
    // large enterprise (0.2) do not.
    assert_eq!(
        to,
        [
            "university",
            "municipality",
            "region",
            "federal",
            "development_institution"
        ]
    );
}

#[test]
fn the_nearest_code_step_crosses_a_rule() {
    // A large enterprise (0.2) is one step from a university (0.45), which breaks the
    // initiative ≤ 0.3 rule of initiative-based.
    let c = creacity_model::CreativeCluster {
        initiator: Initiator::LargeEnterprise,
        ..crate::common::private("e")
    };
    let r = classify_one(&Spec::builtin(), &c);
    assert_eq!(r.type_id, "initiative_based");
    let a: Vec<_> = r
        .alternatives
        .iter()
        .map(|a| (&a.change, a.type_id.as_str()))
        .collect();
    assert_eq!(
        a,
        [(
            &Change::SetCode {
                from: "large_enterprise".into(),
                to: "university".into()
            },
            "supported_initiative"
        )]
    );
}
