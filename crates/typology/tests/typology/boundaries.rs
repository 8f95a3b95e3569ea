//! Hand-made cases at and around every type boundary.

use creacity_model::{Initiator, Manager, SiteOwner, Support};
use creacity_typology::{Spec, classify, classify_one};

use crate::common::{at, card, close, degree, private, probe_spec, profiles};

#[test]
fn default_thresholds_split_the_scale_into_fifths() {
    let types = Spec::builtin().types();
    let ids: Vec<_> = types.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "initiative_based",
            "supported_initiative",
            "partnership",
            "guided",
            "dependent"
        ]
    );
    let bounds: Vec<_> = types.iter().map(|t| (t.position, t.from, t.to)).collect();
    assert_eq!(
        bounds,
        [
            (1, 0.0, 0.2),
            (2, 0.2, 0.4),
            (3, 0.4, 0.6),
            (4, 0.6, 0.8),
            (5, 0.8, 1.0)
        ]
    );
}

#[test]
fn just_below_at_and_just_above_every_threshold() {
    let spec = probe_spec();
    let types = spec.types();
    for pair in types.windows(2) {
        let (lower, upper) = (&pair[0], &pair[1]);
        let b = upper.from;
        let below = classify_one(&spec, &at(b - 0.001));
        let on = classify_one(&spec, &at(b));
        let above = classify_one(&spec, &at(b + 0.001));
        close(below.score, b - 0.001);
        assert_eq!(below.type_id, lower.id, "just below {b}");
        assert_eq!(
            on.type_id, upper.id,
            "at {b}: the upper type owns its threshold"
        );
        assert_eq!(above.type_id, upper.id, "just above {b}");
        assert_eq!(
            (below.position + 1, on.position),
            (on.position, upper.position)
        );
        // At the threshold the two neighbours share the membership equally.
        close(degree(&on, &lower.id), 0.5);
        close(degree(&on, &upper.id), 0.5);
        close(on.margin, 0.0);
        close(below.margin, 0.001);
    }
}

#[test]
fn floating_point_noise_does_not_decide_a_boundary() {
    // 0.3 + 0.1 is 0.4000000000000001 and 0.7 - 0.3 is 0.39999999999999997 in binary.
    let spec = probe_spec();
    let r = classify_one(&spec, &at(0.7 - 0.3));
    assert_eq!(r.score, 0.4);
    assert_eq!(r.type_id, "partnership");
}

#[test]
fn the_ends_of_the_scale() {
    let spec = probe_spec();
    assert_eq!(classify_one(&spec, &at(0.0)).type_id, "initiative_based");
    assert_eq!(classify_one(&spec, &at(1.0)).type_id, "dependent");
}

#[test]
fn typical_profiles_give_every_type_of_the_default_spec() {
    let spec = Spec::builtin();
    let (cards, expected): (Vec<_>, Vec<_>) =
        profiles().into_iter().map(|(c, s, t)| (c, (s, t))).unzip();
    let result = classify(&spec, &cards);
    for (r, (score, id)) in result.clusters.iter().zip(expected) {
        close(r.score, score);
        assert_eq!(r.type_id, id, "{}", r.cluster_id);
        assert_eq!(r.interval_type, None);
    }
    let counts: Vec<_> = result.summary.per_type.iter().map(|t| t.count).collect();
    assert_eq!(counts, [1, 1, 1, 1, 1]);
    assert_eq!(result.summary.dominant.len(), 5);
    // (0.045 + 0.328 + 0.5115 + 0.736 + 0.878) / 5 = 0.4997
    close(result.summary.mean_score.unwrap(), 0.4997);
}

#[test]
fn default_spec_around_the_first_threshold() {
    use Support as S;
    let spec = Spec::builtin();
    // creation 0.15 × 0.9 + support 0.1 × (0.2 + 0.2 + 0.1) + residents 0.1 × 0.1 = 0.195
    let below = card(
        "b",
        Initiator::PrivateEntrepreneur,
        SiteOwner::Private,
        0.9,
        0.0,
        Manager::PrivateCompany,
        (0, 5),
        &[S::Grants, S::SubsidisedRent, S::ProgrammeInclusion],
        0.9,
    );
    let r = classify_one(&spec, &below);
    close(r.score, 0.195);
    assert_eq!(r.type_id, "initiative_based");
    // creation 1.0 instead: 0.15 + 0.05 = 0.2 exactly (private residents 1.0).
    let on = card(
        "a",
        Initiator::PrivateEntrepreneur,
        SiteOwner::Private,
        1.0,
        0.0,
        Manager::PrivateCompany,
        (0, 5),
        &[S::Grants, S::SubsidisedRent, S::ProgrammeInclusion],
        1.0,
    );
    let r = classify_one(&spec, &on);
    assert_eq!(r.score, 0.2);
    assert_eq!(r.type_id, "supported_initiative");
    let above = card(
        "c",
        Initiator::PrivateEntrepreneur,
        SiteOwner::Private,
        1.0,
        0.0,
        Manager::PrivateCompany,
        (0, 5),
        &[S::Grants, S::SubsidisedRent, S::ProgrammeInclusion],
        0.9,
    );
    let r = classify_one(&spec, &above);
    close(r.score, 0.21);
    assert_eq!(r.type_id, "supported_initiative");
}

#[test]
fn a_public_initiative_is_never_initiative_based() {
    // Only the initiator is public: 0.2 × 0.8 = 0.16 lies in the first interval, but the type
    // requires initiative <= 0.3, so the nearest qualifying type takes the cluster.
    let c = creacity_model::CreativeCluster {
        initiator: Initiator::Municipality,
        ..private("m")
    };
    let r = classify_one(&Spec::builtin(), &c);
    close(r.score, 0.16);
    assert_eq!(r.type_id, "supported_initiative");
    assert_eq!(r.interval_type.as_deref(), Some("initiative_based"));
    assert_eq!(degree(&r, "initiative_based"), 0.0);
    close(degree(&r, "supported_initiative"), 1.0);
    assert!(!r.memberships[0].qualifies);
}

#[test]
fn dependence_needs_public_money_for_operation() {
    let (mut c, _, _) = profiles().remove(4);
    c.public_share_operation = 0.4;
    // 0.878 − 0.15 × 0.9 + 0.15 × 0.4 = 0.803: in the dependent interval, but operation 0.4 < 0.5.
    let r = classify_one(&Spec::builtin(), &c);
    close(r.score, 0.803);
    assert_eq!(r.type_id, "guided");
    assert_eq!(r.interval_type.as_deref(), Some("dependent"));
    c.public_share_operation = 0.5;
    let r = classify_one(&Spec::builtin(), &c);
    close(r.score, 0.818);
    assert_eq!(r.type_id, "dependent");
    assert_eq!(r.interval_type, None);
}

#[test]
fn contributions_sum_to_the_score_and_pulls_are_ranked() {
    let (c, score, _) = profiles().remove(2);
    let r = classify_one(&Spec::builtin(), &c);
    close(r.facts.iter().map(|f| f.contribution).sum::<f64>(), score);
    close(r.facts.iter().map(|f| f.weight).sum::<f64>(), 1.0);
    let pulls: Vec<f64> = r.facts.iter().map(|f| f.pull.abs()).collect();
    assert!(pulls.windows(2).all(|w| w[0] >= w[1]), "{pulls:?}");
    // The municipal initiative pulls hardest: 0.2 × (0.8 − 0.5) = 0.06.
    assert_eq!(r.facts[0].field, creacity_typology::Field::Initiator);
    close(r.facts[0].pull, 0.06);
    // Dimension scores are kept in spec order: governance = 0.6 × 0 + 0.4 × 0.4 = 0.16.
    let gov = r.dimensions.iter().find(|d| d.id == "governance").unwrap();
    close(gov.score, 0.16);
}
