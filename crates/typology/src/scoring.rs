//! Scoring one fact of a case card onto the 0 (fully private) … 1 (fully public) axis.

use std::collections::BTreeMap;

use creacity_model::{CreativeCluster, Support};

use crate::Field;

/// How one fact is scored, resolved from the spec file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Scoring {
    /// Score per code; every code present (defaults applied).
    Codes(BTreeMap<&'static str, f64>),
    /// Sum of per-form scores, capped.
    Forms {
        scores: BTreeMap<Support, f64>,
        cap: f64,
    },
    /// Linear from `(x0, y0)` to `(x1, y1)`, constant outside.
    Linear { x0: f64, x1: f64, y0: f64, y1: f64 },
    /// `(from, score)` with increasing `from`; below the first step its score applies.
    Steps(Vec<(f64, f64)>),
}

impl Scoring {
    /// The fact's score for `c`, in `0..=1`.
    pub(crate) fn score(&self, field: Field, c: &CreativeCluster) -> f64 {
        match self {
            Scoring::Codes(map) => field
                .code_of(c)
                .and_then(|code| map.get(code))
                .copied()
                .unwrap_or(0.0),
            Scoring::Forms { scores, cap } => {
                let sum: f64 = c.support.iter().filter_map(|s| scores.get(s)).sum();
                sum.min(*cap)
            }
            Scoring::Linear { x0, x1, y0, y1 } => {
                let v = field.number_of(c).unwrap_or(0.0);
                let t = ((v - x0) / (x1 - x0)).clamp(0.0, 1.0);
                y0 + t * (y1 - y0)
            }
            Scoring::Steps(steps) => {
                let v = field.number_of(c).unwrap_or(0.0);
                steps
                    .iter()
                    .rev()
                    .find(|(from, _)| v >= *from)
                    .or(steps.first())
                    .map_or(0.0, |&(_, s)| s)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn card() -> CreativeCluster {
        CreativeCluster {
            id: "c".into(),
            name_ru: "к".into(),
            name_en: "c".into(),
            territory_id: "t".into(),
            initiator: creacity_model::Initiator::Municipality,
            site_owner: creacity_model::SiteOwner::Private,
            public_share_creation: 0.25,
            public_share_operation: 0.0,
            manager: creacity_model::Manager::Ngo,
            support: BTreeSet::from([Support::Grants, Support::TaxRelief]),
            public_seats: 1,
            board_seats: 4,
            residents: 10,
            private_resident_share: 0.8,
            year_opened: None,
            notes: String::new(),
            sources: String::new(),
            synthetic: true,
        }
    }

    #[test]
    fn linear_maps_and_clamps() {
        let s = Scoring::Linear {
            x0: 0.2,
            x1: 0.7,
            y0: 1.0,
            y1: 0.0,
        };
        // (0.25 - 0.2) / 0.5 = 0.1 of the way from 1 down to 0.
        assert!((s.score(Field::PublicShareCreation, &card()) - 0.9).abs() < 1e-12);
        // 0.8 is above x1, so the score stays at y1.
        assert_eq!(s.score(Field::PrivateResidentShare, &card()), 0.0);
    }

    #[test]
    fn steps_take_the_last_step_reached() {
        let s = Scoring::Steps(vec![(0.1, 0.2), (0.25, 0.5), (0.5, 1.0)]);
        assert_eq!(s.score(Field::PublicSeatShare, &card()), 0.5); // 1/4 = 0.25
        assert_eq!(s.score(Field::PublicShareOperation, &card()), 0.2); // below the first
        assert_eq!(s.score(Field::PrivateResidentShare, &card()), 1.0);
    }

    #[test]
    fn forms_sum_and_cap() {
        let scores: BTreeMap<Support, f64> = [(Support::Grants, 0.5), (Support::TaxRelief, 0.25)]
            .into_iter()
            .chain(
                [
                    Support::SubsidisedRent,
                    Support::Infrastructure,
                    Support::ProgrammeInclusion,
                    Support::RegisterStatus,
                ]
                .map(|s| (s, 0.0)),
            )
            .collect();
        let s = Scoring::Forms {
            scores: scores.clone(),
            cap: 1.0,
        };
        assert_eq!(s.score(Field::Support, &card()), 0.75);
        let s = Scoring::Forms { scores, cap: 0.6 };
        assert_eq!(s.score(Field::Support, &card()), 0.6);
    }
}
