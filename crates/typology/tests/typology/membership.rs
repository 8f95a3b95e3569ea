//! Degrees of membership: they sum to 1 and agree with the assigned type.

use creacity_typology::{MembershipFile, Spec, classify_one};

use crate::common::{at, close, degree, probe_spec};

fn with(kind: MembershipFile) -> Spec {
    let mut file = probe_spec().file().clone();
    file.membership = kind;
    file.validate().unwrap()
}

#[test]
fn memberships_sum_to_one_and_peak_at_the_type() {
    for kind in [
        MembershipFile::Crisp,
        MembershipFile::Trapezoidal { width: 0.1 },
        MembershipFile::Trapezoidal { width: 0.2 },
        MembershipFile::Triangular,
    ] {
        let spec = with(kind);
        for i in 0..=1000 {
            let r = classify_one(&spec, &at(f64::from(i) / 1000.0));
            let sum: f64 = r.memberships.iter().map(|m| m.degree).sum();
            close(sum, 1.0);
            assert!(
                r.memberships
                    .iter()
                    .all(|m| (0.0..=1.0).contains(&m.degree))
            );
            let best = r.memberships.iter().map(|m| m.degree).fold(0.0, f64::max);
            // The assigned type has the largest degree (0.5 each exactly at a threshold).
            close(degree(&r, &r.type_id), best);
        }
    }
}

#[test]
fn triangular_degrees_by_hand() {
    let spec = probe_spec(); // the default is triangular; centres 0.1, 0.3, 0.5, 0.7, 0.9
    let r = classify_one(&spec, &at(0.25));
    // 0.25 lies between the threshold 0.2 and the centre 0.3: 0.5 + 0.5 × 0.05 / 0.1 = 0.75.
    close(degree(&r, "supported_initiative"), 0.75);
    close(degree(&r, "initiative_based"), 0.25);
    let r = classify_one(&spec, &at(0.3));
    close(degree(&r, "supported_initiative"), 1.0);
    let r = classify_one(&spec, &at(0.05));
    close(degree(&r, "initiative_based"), 1.0);
    let r = classify_one(&spec, &at(0.86));
    // 0.86 lies between the threshold 0.8 and the centre 0.9: 0.5 + 0.5 × 0.06 / 0.1 = 0.8.
    close(degree(&r, "dependent"), 0.8);
    close(degree(&r, "guided"), 0.2);
}

#[test]
fn trapezoidal_degrees_by_hand() {
    let spec = with(MembershipFile::Trapezoidal { width: 0.1 });
    // Band [0.35, 0.45] around 0.4: at 0.37, partnership = 0.5 × 0.02 / 0.05 = 0.2.
    let r = classify_one(&spec, &at(0.37));
    assert_eq!(r.type_id, "supported_initiative");
    close(degree(&r, "partnership"), 0.2);
    close(degree(&r, "supported_initiative"), 0.8);
    let r = classify_one(&spec, &at(0.3));
    close(degree(&r, "supported_initiative"), 1.0);
}

#[test]
fn crisp_gives_all_or_nothing() {
    let spec = with(MembershipFile::Crisp);
    let r = classify_one(&spec, &at(0.6));
    assert_eq!(r.type_id, "guided");
    close(degree(&r, "guided"), 1.0);
    close(degree(&r, "partnership"), 0.0);
}

#[test]
fn summary_counts_fuzzy_memberships() {
    let spec = probe_spec();
    let cards = [at(0.25), at(0.3), at(0.95)];
    let result = creacity_typology::classify(&spec, &cards);
    let fuzzy: Vec<f64> = result
        .summary
        .per_type
        .iter()
        .map(|t| t.fuzzy_count)
        .collect();
    // 0.25 → 0.25 / 0.75; 0.3 → 1 in type 2; 0.95 → 1 in type 5.
    assert_eq!(fuzzy, [0.25, 1.75, 0.0, 0.0, 1.0]);
    let counts: Vec<usize> = result.summary.per_type.iter().map(|t| t.count).collect();
    assert_eq!(counts, [0, 2, 0, 0, 1]);
    assert_eq!(result.summary.dominant, ["supported_initiative"]);
}
