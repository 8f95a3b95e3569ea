//! Actors of creative-industry policy and their roles.

use serde::{Deserialize, Serialize};

use crate::coded_enum;

coded_enum!(
    /// The kind of actor that runs or takes part in a measure.
    ActorKind, "actor", {
        /// Federal government bodies.
        Federal => ("federal", "federal authorities", "федеральные органы власти"),
        /// Regional government.
        Regional => ("regional", "regional government", "региональные органы власти"),
        /// The local authority: the focal point that coordinates everyone.
        LocalAuthority => ("local_authority", "local authority", "органы местного самоуправления"),
        /// Business: firms, entrepreneurs, their associations.
        Business => ("business", "business", "бизнес"),
        /// Community and non-profit organisations.
        Community => ("community", "community / NGOs", "сообщество / НКО"),
        /// Universities and colleges.
        University => ("university", "universities", "университеты"),
        /// Development institutions: agencies, funds, corporations.
        DevelopmentInstitution => ("development_institution", "development institutions", "институты развития"),
    }
);

/// A named actor in a workspace (an organisation or body of one of the kinds).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// Stable identifier.
    pub id: String,
    /// Its kind.
    pub kind: ActorKind,
    /// Name in Russian.
    pub name_ru: String,
    /// Name in English.
    pub name_en: String,
    /// The territory it belongs to, if any.
    pub territory_id: Option<String>,
    /// True for synthetic (demo) records.
    pub synthetic: bool,
}
