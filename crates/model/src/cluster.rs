//! The creative-cluster case card: the facts that decide how a cluster was formed.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::{Coded, ModelError, coded_enum};

coded_enum!(
    /// Who took the initiative to create the cluster.
    Initiator, "initiator", {
        /// A private entrepreneur or a group of them.
        PrivateEntrepreneur => ("private_entrepreneur", "private entrepreneur", "частный предприниматель"),
        /// A community group or a non-profit organisation.
        Community => ("community", "community / NGO", "сообщество / НКО"),
        /// A large (often the city-forming) enterprise.
        LargeEnterprise => ("large_enterprise", "large enterprise", "крупное предприятие"),
        /// A university or college.
        University => ("university", "university", "университет"),
        /// The municipality (local authority).
        Municipality => ("municipality", "municipality", "муниципалитет"),
        /// The regional government.
        Region => ("region", "region", "регион"),
        /// A federal body.
        Federal => ("federal", "federal body", "федеральный орган"),
        /// A development institution (agency, fund, corporation).
        DevelopmentInstitution => ("development_institution", "development institution", "институт развития"),
    }
);

coded_enum!(
    /// Who owns the cluster's site (land and buildings).
    SiteOwner, "site_owner", {
        /// A private owner (person or company).
        Private => ("private", "private owner", "частный собственник"),
        /// A non-profit organisation or community.
        Ngo => ("ngo", "NGO / community", "НКО / сообщество"),
        /// A large enterprise.
        LargeEnterprise => ("large_enterprise", "large enterprise", "крупное предприятие"),
        /// A university.
        University => ("university", "university", "университет"),
        /// The municipality.
        Municipal => ("municipal", "municipality", "муниципалитет"),
        /// The region.
        Regional => ("regional", "region", "регион"),
        /// The federal state.
        Federal => ("federal", "federal", "федерация"),
    }
);

coded_enum!(
    /// Who runs the cluster day to day.
    Manager, "manager", {
        /// A private company.
        PrivateCompany => ("private_company", "private company", "частная компания"),
        /// A non-profit organisation.
        Ngo => ("ngo", "NGO", "НКО"),
        /// A university.
        University => ("university", "university", "университет"),
        /// A municipal institution.
        MunicipalInstitution => ("municipal_institution", "municipal institution", "муниципальное учреждение"),
        /// A regional institution.
        RegionalInstitution => ("regional_institution", "regional institution", "региональное учреждение"),
    }
);

coded_enum!(
    /// A form of public support the cluster receives.
    Support, "support", {
        /// Grants.
        Grants => ("grants", "grants", "гранты"),
        /// Subsidised or free rent.
        SubsidisedRent => ("subsidised_rent", "subsidised rent", "льготная аренда"),
        /// Tax relief.
        TaxRelief => ("tax_relief", "tax relief", "налоговые льготы"),
        /// Publicly built or repaired infrastructure.
        Infrastructure => ("infrastructure", "infrastructure", "инфраструктура"),
        /// Inclusion in a public programme.
        ProgrammeInclusion => ("programme_inclusion", "inclusion in programmes", "включение в программы"),
        /// Status in a public register (e.g. of creative clusters).
        RegisterStatus => ("register_status", "status in a register", "статус в реестре"),
    }
);

/// A creative cluster's case card.
///
/// Shares are fractions in `[0, 1]`; `public_seats <= board_seats`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreativeCluster {
    /// Stable identifier chosen by the user (unique in a workspace).
    pub id: String,
    /// Name in Russian.
    pub name_ru: String,
    /// Name in English.
    pub name_en: String,
    /// The territory the cluster is in.
    pub territory_id: String,
    /// Who initiated it.
    pub initiator: Initiator,
    /// Who owns the site.
    pub site_owner: SiteOwner,
    /// Share of public money in creating the cluster.
    pub public_share_creation: f64,
    /// Share of public money in running the cluster.
    pub public_share_operation: f64,
    /// Who manages it.
    pub manager: Manager,
    /// Public support it receives.
    pub support: BTreeSet<Support>,
    /// Seats held by public bodies in its governing board.
    pub public_seats: u32,
    /// All seats in its governing board (0 when it has none).
    pub board_seats: u32,
    /// Number of residents.
    pub residents: u32,
    /// Share of residents that are private firms or self-employed.
    pub private_resident_share: f64,
    /// Year it opened.
    pub year_opened: Option<i32>,
    /// Free notes.
    pub notes: String,
    /// Sources of the facts (URLs, documents, interviews).
    pub sources: String,
    /// True for synthetic (demo) records, which must say so wherever they are shown.
    pub synthetic: bool,
}

impl CreativeCluster {
    /// Checks the rules a case card must satisfy.
    ///
    /// # Errors
    /// The first broken rule: an empty id, name or territory, a share outside `[0, 1]`, more
    /// public seats than seats, or an opening year outside 1800..=2100.
    pub fn validate(&self) -> Result<(), ModelError> {
        if self.id.trim().is_empty() {
            return Err(ModelError::Missing { field: "id" });
        }
        if self.name_ru.trim().is_empty() && self.name_en.trim().is_empty() {
            return Err(ModelError::Missing { field: "name" });
        }
        if self.territory_id.trim().is_empty() {
            return Err(ModelError::Missing {
                field: "territory_id",
            });
        }
        for (field, value) in [
            ("public_share_creation", self.public_share_creation),
            ("public_share_operation", self.public_share_operation),
            ("private_resident_share", self.private_resident_share),
        ] {
            check_share(field, value)?;
        }
        if self.public_seats > self.board_seats {
            return Err(ModelError::Inconsistent(format!(
                "public_seats ({}) exceeds board_seats ({})",
                self.public_seats, self.board_seats
            )));
        }
        if let Some(year) = self.year_opened
            && !(1800..=2100).contains(&year)
        {
            return Err(ModelError::OutOfRange {
                field: "year_opened",
                value: f64::from(year),
                min: 1800.0,
                max: 2100.0,
            });
        }
        Ok(())
    }

    /// Share of public seats in the board, 0 when there is no board.
    pub fn public_seat_share(&self) -> f64 {
        if self.board_seats == 0 {
            0.0
        } else {
            f64::from(self.public_seats) / f64::from(self.board_seats)
        }
    }

    /// The name in `lang`, falling back to the other.
    pub fn name(&self, lang: crate::Lang) -> &str {
        let (a, b) = match lang {
            crate::Lang::Ru => (&self.name_ru, &self.name_en),
            crate::Lang::En => (&self.name_en, &self.name_ru),
        };
        if a.is_empty() { b } else { a }
    }

    /// Support forms as `;`-separated codes, the way files hold them.
    pub fn support_codes(&self) -> String {
        self.support
            .iter()
            .map(|s| s.code())
            .collect::<Vec<_>>()
            .join(";")
    }
}

/// Checks that `value` is a share in `[0, 1]`.
///
/// # Errors
/// [`ModelError::OutOfRange`] naming `field`.
pub fn check_share(field: &'static str, value: f64) -> Result<(), ModelError> {
    if (0.0..=1.0).contains(&value) {
        Ok(())
    } else {
        Err(ModelError::OutOfRange {
            field,
            value,
            min: 0.0,
            max: 1.0,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn card() -> CreativeCluster {
        CreativeCluster {
            id: "c1".into(),
            name_ru: "Кластер".into(),
            name_en: "Cluster".into(),
            territory_id: "t1".into(),
            initiator: Initiator::PrivateEntrepreneur,
            site_owner: SiteOwner::Private,
            public_share_creation: 0.1,
            public_share_operation: 0.0,
            manager: Manager::PrivateCompany,
            support: BTreeSet::new(),
            public_seats: 0,
            board_seats: 3,
            residents: 20,
            private_resident_share: 0.9,
            year_opened: Some(2015),
            notes: String::new(),
            sources: String::new(),
            synthetic: true,
        }
    }

    #[test]
    fn parses_codes_and_labels_in_both_languages() {
        assert_eq!(
            Initiator::parse("municipality"),
            Some(Initiator::Municipality)
        );
        assert_eq!(
            Initiator::parse(" Private Entrepreneur "),
            Some(Initiator::PrivateEntrepreneur)
        );
        assert_eq!(
            Initiator::parse("Частный предприниматель"),
            Some(Initiator::PrivateEntrepreneur)
        );
        assert_eq!(
            Support::parse("льготная аренда"),
            Some(Support::SubsidisedRent)
        );
        assert_eq!(
            Manager::parse("municipal-institution"),
            Some(Manager::MunicipalInstitution)
        );
        assert_eq!(SiteOwner::parse("castle"), None);
        let err = "castle".parse::<SiteOwner>().unwrap_err().to_string();
        assert!(
            err.contains("site_owner") && err.contains("municipal"),
            "{err}"
        );
    }

    #[test]
    fn validation_names_the_broken_rule() {
        assert!(card().validate().is_ok());
        let mut c = card();
        c.public_share_creation = 1.5;
        assert_eq!(
            c.validate().unwrap_err(),
            ModelError::OutOfRange {
                field: "public_share_creation",
                value: 1.5,
                min: 0.0,
                max: 1.0
            }
        );
        let mut c = card();
        c.public_seats = 4;
        assert!(
            c.validate()
                .unwrap_err()
                .to_string()
                .contains("exceeds board_seats")
        );
        let mut c = card();
        c.id = " ".into();
        assert_eq!(
            c.validate().unwrap_err(),
            ModelError::Missing { field: "id" }
        );
    }

    #[test]
    fn seat_share_handles_missing_board() {
        let mut c = card();
        c.public_seats = 1;
        assert!((c.public_seat_share() - 1.0 / 3.0).abs() < 1e-12);
        c.board_seats = 0;
        c.public_seats = 0;
        assert_eq!(c.public_seat_share(), 0.0);
    }
}
