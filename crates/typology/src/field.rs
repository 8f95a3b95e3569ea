//! The facts of a case card that a spec may score, and how one fact moves by one step.

use creacity_model::{Coded, CreativeCluster, Initiator, Lang, Manager, SiteOwner, Support};
use serde::{Deserialize, Serialize};

/// A fact of [`CreativeCluster`] that a dimension can score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// Who initiated the cluster (coded).
    Initiator,
    /// Who owns the site (coded).
    SiteOwner,
    /// Who manages it (coded).
    Manager,
    /// The set of public support forms.
    Support,
    /// Share of public money in creating it, `0..=1`.
    PublicShareCreation,
    /// Share of public money in running it, `0..=1`.
    PublicShareOperation,
    /// Share of residents that are private firms or self-employed, `0..=1`.
    PrivateResidentShare,
    /// Public seats divided by board seats (0 without a board).
    PublicSeatShare,
}

/// How a field is scored and moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FieldKind {
    /// One value of a closed list.
    Coded,
    /// A set of support forms.
    Forms,
    /// A number in `0..=1` moved by the spec's share step.
    Share,
    /// The seat share, moved by one public seat.
    Seats,
}

impl Field {
    /// Every field, in the order results list them.
    pub const ALL: [Field; 8] = [
        Field::Initiator,
        Field::SiteOwner,
        Field::Manager,
        Field::Support,
        Field::PublicShareCreation,
        Field::PublicShareOperation,
        Field::PrivateResidentShare,
        Field::PublicSeatShare,
    ];

    /// The name used in spec files and results.
    pub fn code(self) -> &'static str {
        match self {
            Field::Initiator => "initiator",
            Field::SiteOwner => "site_owner",
            Field::Manager => "manager",
            Field::Support => "support",
            Field::PublicShareCreation => "public_share_creation",
            Field::PublicShareOperation => "public_share_operation",
            Field::PrivateResidentShare => "private_resident_share",
            Field::PublicSeatShare => "public_seat_share",
        }
    }

    /// A label for people.
    pub fn label(self, lang: Lang) -> &'static str {
        let (en, ru) = match self {
            Field::Initiator => ("initiator", "инициатор"),
            Field::SiteOwner => ("owner of the site", "собственник площадки"),
            Field::Manager => ("manager", "управляющая организация"),
            Field::Support => ("public support", "государственная поддержка"),
            Field::PublicShareCreation => (
                "public share of money in creation",
                "доля публичных средств в создании",
            ),
            Field::PublicShareOperation => (
                "public share of money in operation",
                "доля публичных средств в работе",
            ),
            Field::PrivateResidentShare => {
                ("share of private residents", "доля частных резидентов")
            }
            Field::PublicSeatShare => (
                "public seats in governance",
                "места публичных органов в управлении",
            ),
        };
        match lang {
            Lang::En => en,
            Lang::Ru => ru,
        }
    }

    pub(crate) fn kind(self) -> FieldKind {
        match self {
            Field::Initiator | Field::SiteOwner | Field::Manager => FieldKind::Coded,
            Field::Support => FieldKind::Forms,
            Field::PublicShareCreation
            | Field::PublicShareOperation
            | Field::PrivateResidentShare => FieldKind::Share,
            Field::PublicSeatShare => FieldKind::Seats,
        }
    }

    /// The codes of a coded field (support forms for `support`), empty for numbers.
    pub fn codes(self) -> Vec<&'static str> {
        match self {
            Field::Initiator => codes::<Initiator>(),
            Field::SiteOwner => codes::<SiteOwner>(),
            Field::Manager => codes::<Manager>(),
            Field::Support => codes::<Support>(),
            _ => Vec::new(),
        }
    }

    /// The label of one code of this field, or the code itself when unknown.
    pub fn code_label(self, code: &str, lang: Lang) -> String {
        let found = match self {
            Field::Initiator => label_of::<Initiator>(code, lang),
            Field::SiteOwner => label_of::<SiteOwner>(code, lang),
            Field::Manager => label_of::<Manager>(code, lang),
            Field::Support => label_of::<Support>(code, lang),
            _ => None,
        };
        found.map_or_else(|| code.to_string(), str::to_string)
    }

    /// The code held by a coded field of `c`.
    pub(crate) fn code_of(self, c: &CreativeCluster) -> Option<&'static str> {
        match self {
            Field::Initiator => Some(c.initiator.code()),
            Field::SiteOwner => Some(c.site_owner.code()),
            Field::Manager => Some(c.manager.code()),
            _ => None,
        }
    }

    /// The number held by a numeric field of `c`, clamped to `0..=1`.
    pub(crate) fn number_of(self, c: &CreativeCluster) -> Option<f64> {
        let v = match self {
            Field::PublicShareCreation => c.public_share_creation,
            Field::PublicShareOperation => c.public_share_operation,
            Field::PrivateResidentShare => c.private_resident_share,
            Field::PublicSeatShare => c.public_seat_share(),
            _ => return None,
        };
        Some(if v.is_nan() { 0.0 } else { v.clamp(0.0, 1.0) })
    }

    /// The value of this fact in `c`, for results.
    pub(crate) fn value_of(self, c: &CreativeCluster) -> FactValue {
        match self.kind() {
            FieldKind::Coded => FactValue::Code {
                code: self.code_of(c).unwrap_or_default().to_string(),
            },
            FieldKind::Forms => FactValue::Forms {
                forms: c.support.iter().copied().collect(),
            },
            FieldKind::Share => FactValue::Share {
                value: self.number_of(c).unwrap_or_default(),
            },
            FieldKind::Seats => FactValue::Seats {
                public: c.public_seats,
                board: c.board_seats,
            },
        }
    }
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

fn codes<T: Coded>() -> Vec<&'static str> {
    T::ALL.iter().map(|v| v.code()).collect()
}

fn label_of<T: Coded>(code: &str, lang: Lang) -> Option<&'static str> {
    T::ALL
        .iter()
        .find(|v| v.code() == code)
        .map(|v| v.label(lang))
}

/// The value a fact holds in one case card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FactValue {
    /// A code of a coded field.
    Code {
        /// The code.
        code: String,
    },
    /// The support forms received.
    Forms {
        /// The forms, in their list order.
        forms: Vec<Support>,
    },
    /// A share in `0..=1`.
    Share {
        /// The share.
        value: f64,
    },
    /// Public seats out of all seats.
    Seats {
        /// Public seats.
        public: u32,
        /// All seats.
        board: u32,
    },
}

impl FactValue {
    /// The value as people read it.
    pub fn render(&self, field: Field, lang: Lang) -> String {
        match self {
            FactValue::Code { code } => field.code_label(code, lang),
            FactValue::Forms { forms } if forms.is_empty() => match lang {
                Lang::En => "none".into(),
                Lang::Ru => "нет".into(),
            },
            FactValue::Forms { forms } => forms
                .iter()
                .map(|f| f.label(lang))
                .collect::<Vec<_>>()
                .join(", "),
            FactValue::Share { value } => format!("{value:.2}"),
            FactValue::Seats { public, board } => match lang {
                Lang::En => format!("{public} of {board}"),
                Lang::Ru => format!("{public} из {board}"),
            },
        }
    }
}

/// One change of one fact by one step (see [`crate::Alternative`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// A coded field set to another value of its list.
    SetCode {
        /// Code before.
        from: String,
        /// Code after.
        to: String,
    },
    /// One more public support form.
    AddForm {
        /// The form added.
        form: Support,
    },
    /// One public support form fewer.
    RemoveForm {
        /// The form removed.
        form: Support,
    },
    /// A share moved by the spec's step.
    Share {
        /// Share before.
        from: f64,
        /// Share after.
        to: f64,
    },
    /// One public seat more or fewer (the board keeps its size).
    PublicSeats {
        /// Public seats before.
        from: u32,
        /// Public seats after.
        to: u32,
    },
}

impl Change {
    /// The change as people read it.
    pub fn render(&self, field: Field, lang: Lang) -> String {
        let name = field.label(lang);
        match (self, lang) {
            (Change::SetCode { from, to }, _) => format!(
                "{name}: {} → {}",
                field.code_label(from, lang),
                field.code_label(to, lang)
            ),
            (Change::AddForm { form }, Lang::En) => format!("add support: {}", form.label(lang)),
            (Change::AddForm { form }, Lang::Ru) => {
                format!("добавить поддержку: {}", form.label(lang))
            }
            (Change::RemoveForm { form }, Lang::En) => {
                format!("remove support: {}", form.label(lang))
            }
            (Change::RemoveForm { form }, Lang::Ru) => {
                format!("убрать поддержку: {}", form.label(lang))
            }
            (Change::Share { from, to }, _) => format!("{name}: {from:.2} → {to:.2}"),
            (Change::PublicSeats { from, to }, _) => format!("{name}: {from} → {to}"),
        }
    }
}

/// Rounds away floating-point noise so that `0.3 - 0.1` is `0.2`.
pub(crate) fn snap(x: f64) -> f64 {
    // Adding +0.0 turns a negative zero (an empty support set scores -0.0) into 0, so no text
    // ever shows "-0.00".
    (x * 1e12).round() / 1e12 + 0.0
}

/// Every case card that differs from `c` in `field` by one step, with the change made.
///
/// `allowed(from, to)` tells which codes of a coded field are one step away.
pub(crate) fn one_step_changes(
    field: Field,
    c: &CreativeCluster,
    share_step: f64,
    allowed: &dyn Fn(&str, &str) -> bool,
) -> Vec<(Change, CreativeCluster)> {
    let mut out = Vec::new();
    match field {
        Field::Initiator => {
            for &v in Initiator::ALL
                .iter()
                .filter(|&&v| v != c.initiator && allowed(c.initiator.code(), v.code()))
            {
                let mut m = c.clone();
                m.initiator = v;
                out.push((set_code(c.initiator.code(), v.code()), m));
            }
        }
        Field::SiteOwner => {
            for &v in SiteOwner::ALL
                .iter()
                .filter(|&&v| v != c.site_owner && allowed(c.site_owner.code(), v.code()))
            {
                let mut m = c.clone();
                m.site_owner = v;
                out.push((set_code(c.site_owner.code(), v.code()), m));
            }
        }
        Field::Manager => {
            for &v in Manager::ALL
                .iter()
                .filter(|&&v| v != c.manager && allowed(c.manager.code(), v.code()))
            {
                let mut m = c.clone();
                m.manager = v;
                out.push((set_code(c.manager.code(), v.code()), m));
            }
        }
        Field::Support => {
            for &form in Support::ALL {
                let mut m = c.clone();
                let change = if m.support.remove(&form) {
                    Change::RemoveForm { form }
                } else {
                    m.support.insert(form);
                    Change::AddForm { form }
                };
                out.push((change, m));
            }
        }
        Field::PublicShareCreation | Field::PublicShareOperation | Field::PrivateResidentShare => {
            let from = field.number_of(c).unwrap_or_default();
            for to in [from - share_step, from + share_step] {
                let to = snap(to.clamp(0.0, 1.0));
                if to == from {
                    continue;
                }
                let mut m = c.clone();
                match field {
                    Field::PublicShareCreation => m.public_share_creation = to,
                    Field::PublicShareOperation => m.public_share_operation = to,
                    _ => m.private_resident_share = to,
                }
                out.push((Change::Share { from, to }, m));
            }
        }
        Field::PublicSeatShare => {
            let from = c.public_seats;
            let down = from.checked_sub(1);
            let up = (from < c.board_seats).then_some(from + 1);
            for to in [down, up].into_iter().flatten() {
                let mut m = c.clone();
                m.public_seats = to;
                out.push((Change::PublicSeats { from, to }, m));
            }
        }
    }
    out
}

fn set_code(from: &str, to: &str) -> Change {
    Change::SetCode {
        from: from.to_string(),
        to: to.to_string(),
    }
}

#[cfg(test)]
mod snap_tests {
    #[test]
    fn snap_rounds_and_never_gives_negative_zero() {
        assert_eq!(super::snap(0.1 + 0.2), 0.3);
        assert!(super::snap(-0.0).is_sign_positive());
        assert!(super::snap(-1e-15).is_sign_positive());
    }
}
