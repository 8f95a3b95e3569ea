//! Hand-made case cards and specs shared by the tests.

use std::collections::BTreeSet;

use creacity_model::{Coded, CreativeCluster, Initiator, Manager, SiteOwner, Support};
use creacity_typology::{ClusterResult, DimensionFile, FactFile, Field, Spec, SpecFile, Text};

/// A fully private case card: every fact scores 0 under the default spec.
pub fn private(id: &str) -> CreativeCluster {
    CreativeCluster {
        id: id.into(),
        name_ru: format!("Кластер {id}"),
        name_en: format!("Cluster {id}"),
        territory_id: "t1".into(),
        initiator: Initiator::PrivateEntrepreneur,
        site_owner: SiteOwner::Private,
        public_share_creation: 0.0,
        public_share_operation: 0.0,
        manager: Manager::PrivateCompany,
        support: BTreeSet::new(),
        public_seats: 0,
        board_seats: 5,
        residents: 20,
        private_resident_share: 1.0,
        year_opened: Some(2018),
        notes: String::new(),
        sources: String::new(),
        synthetic: true,
    }
}

/// Builds a card from the facts that matter to the default spec.
#[allow(clippy::too_many_arguments)]
pub fn card(
    id: &str,
    initiator: Initiator,
    site_owner: SiteOwner,
    creation: f64,
    operation: f64,
    manager: Manager,
    seats: (u32, u32),
    support: &[Support],
    private_residents: f64,
) -> CreativeCluster {
    CreativeCluster {
        initiator,
        site_owner,
        public_share_creation: creation,
        public_share_operation: operation,
        manager,
        support: support.iter().copied().collect(),
        public_seats: seats.0,
        board_seats: seats.1,
        private_resident_share: private_residents,
        ..private(id)
    }
}

/// The five typical profiles of the docs, one per type of the default spec, with their
/// hand-computed scores (weights 0.2 / 0.15 / 0.15 / 0.15 / 0.15 / 0.1 / 0.1).
pub fn profiles() -> Vec<(CreativeCluster, f64, &'static str)> {
    use Initiator as I;
    use Manager as M;
    use SiteOwner as O;
    use Support as S;
    vec![
        // 0.15×0.1 + 0.1×0.2 + 0.1×0.1 = 0.045
        (
            card(
                "p1",
                I::PrivateEntrepreneur,
                O::Private,
                0.1,
                0.0,
                M::PrivateCompany,
                (0, 3),
                &[S::Grants],
                0.9,
            ),
            0.045,
            "initiative_based",
        ),
        // 0.2×0.1 + 0.15×0.85 + 0.15×0.4 + 0.15×0.2 + 0.15×(0.6×0.15 + 0.4×0.2) + 0.1×0.5 + 0.1×0.15 = 0.328
        (
            card(
                "p2",
                I::Community,
                O::Municipal,
                0.4,
                0.2,
                M::Ngo,
                (1, 5),
                &[S::Grants, S::SubsidisedRent, S::ProgrammeInclusion],
                0.85,
            ),
            0.328,
            "supported_initiative",
        ),
        // 0.2×0.8 + 0.15×0.85 + 0.15×0.6 + 0.15×0.3 + 0.15×0.4×0.4 + 0.1×0.55 + 0.1×0.1 = 0.5115
        (
            card(
                "p3",
                I::Municipality,
                O::Municipal,
                0.6,
                0.3,
                M::PrivateCompany,
                (2, 5),
                &[S::SubsidisedRent, S::Infrastructure, S::ProgrammeInclusion],
                0.9,
            ),
            0.5115,
            "partnership",
        ),
        // 0.2×0.9 + 0.15×0.9 + 0.15×0.8 + 0.15×0.6 + 0.15×(0.6 + 0.4×0.6) + 0.1×0.65 + 0.1×0.2 = 0.736
        (
            card(
                "p4",
                I::Region,
                O::Regional,
                0.8,
                0.6,
                M::RegionalInstitution,
                (3, 5),
                &[
                    S::Grants,
                    S::Infrastructure,
                    S::ProgrammeInclusion,
                    S::RegisterStatus,
                ],
                0.8,
            ),
            0.736,
            "guided",
        ),
        // 0.2×0.9 + 0.15×0.9 + 0.15×1 + 0.15×0.9 + 0.15×(0.6 + 0.4×0.8) + 0.1×1 + 0.1×0.4 = 0.878
        (
            card(
                "p5",
                I::Region,
                O::Regional,
                1.0,
                0.9,
                M::RegionalInstitution,
                (4, 5),
                Support::ALL,
                0.6,
            ),
            0.878,
            "dependent",
        ),
    ]
}

/// The default spec's types and thresholds over one dimension whose score is the public share
/// of creation itself, without single-dimension requirements: the score equals that share.
pub fn probe_spec() -> Spec {
    let mut file: SpecFile = Spec::builtin().file().clone();
    file.name = "probe".into();
    let mut fact = FactFile::new(Field::PublicShareCreation);
    fact.weight = Some(1.0);
    file.dimensions = vec![DimensionFile {
        id: "probe".into(),
        label: Text::new("проба", "probe"),
        weight: 1.0,
        axis: creacity_typology::Axis::Formation,
        facts: vec![fact],
    }];
    for t in &mut file.types {
        t.require.clear();
    }
    file.validate().expect("probe spec is valid")
}

/// A case card whose score under [`probe_spec`] is `share`.
pub fn at(share: f64) -> CreativeCluster {
    CreativeCluster {
        public_share_creation: share,
        ..private("x")
    }
}

/// Asserts two numbers agree to 1e-9.
#[track_caller]
pub fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

/// The degree of membership of `r` in type `id`.
pub fn degree(r: &ClusterResult, id: &str) -> f64 {
    r.memberships
        .iter()
        .find(|m| m.type_id == id)
        .expect("type exists")
        .degree
}
