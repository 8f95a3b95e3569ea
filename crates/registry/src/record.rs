//! The typed records the reader delivers.

use serde::{Deserialize, Serialize};

use crate::schema::SchemaVersion;

/// A calendar date as the registry writes it (`dd.mm.yyyy`), kept without time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    /// Year, 1900–2999.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1–31 (checked against the month).
    pub day: u8,
}

impl Date {
    /// A date if the parts make one.
    ///
    /// ```
    /// use creacity_registry::Date;
    /// assert!(Date::new(2024, 2, 29).is_some());
    /// assert!(Date::new(2023, 2, 29).is_none());
    /// ```
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        if !(1900..=2999).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let last = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        (day <= last).then_some(Date { year, month, day })
    }

    /// Parses the registry's `dd.mm.yyyy`.
    ///
    /// ```
    /// use creacity_registry::Date;
    /// let d = Date::parse_ru("10.06.2023").unwrap();
    /// assert_eq!((d.year, d.month, d.day), (2023, 6, 10));
    /// assert_eq!(d.to_string(), "2023-06-10");
    /// ```
    pub fn parse_ru(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[2] != b'.' || b[5] != b'.' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u16> {
            b[r].iter().try_fold(0u16, |acc, &c| {
                c.is_ascii_digit().then(|| acc * 10 + u16::from(c - b'0'))
            })
        };
        Date::new(
            num(6..10)?,
            u8::try_from(num(3..5)?).ok()?,
            u8::try_from(num(0..2)?).ok()?,
        )
    }

    /// The registry's spelling, `dd.mm.yyyy`.
    pub fn to_ru(&self) -> String {
        format!("{:02}.{:02}.{:04}", self.day, self.month, self.year)
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// What kind of subject the record describes (`ВидСубМСП`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FirmKind {
    /// 1 — a legal entity (организация), identified by a 10-digit INN and a 13-digit OGRN.
    LegalEntity,
    /// 2 — a sole trader (индивидуальный предприниматель), 12-digit INN, 15-digit OGRNIP.
    SoleTrader,
    /// 3 — the head of a peasant farm (глава КФХ), identified like a sole trader.
    PeasantFarmHead,
}

impl FirmKind {
    /// From the registry's code.
    pub fn from_code(code: &str) -> Option<FirmKind> {
        match code {
            "1" => Some(FirmKind::LegalEntity),
            "2" => Some(FirmKind::SoleTrader),
            "3" => Some(FirmKind::PeasantFarmHead),
            _ => None,
        }
    }
    /// The registry's code.
    pub fn code(self) -> &'static str {
        match self {
            FirmKind::LegalEntity => "1",
            FirmKind::SoleTrader => "2",
            FirmKind::PeasantFarmHead => "3",
        }
    }
}

/// SME category (`КатСубМСП`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// 1 — micro enterprise (микропредприятие).
    Micro,
    /// 2 — small enterprise (малое предприятие).
    Small,
    /// 3 — medium enterprise (среднее предприятие).
    Medium,
}

impl Category {
    /// From the registry's code.
    pub fn from_code(code: &str) -> Option<Category> {
        match code {
            "1" => Some(Category::Micro),
            "2" => Some(Category::Small),
            "3" => Some(Category::Medium),
            _ => None,
        }
    }
    /// The registry's code.
    pub fn code(self) -> &'static str {
        match self {
            Category::Micro => "1",
            Category::Small => "2",
            Category::Medium => "3",
        }
    }
}

/// Edition of the activity classifier a code belongs to (`ВерсОКВЭД`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OkvedEdition {
    /// `2014`: OKVED 2 (ОК 029-2014), the classifier in force.
    Okved2,
    /// `2001`: OKVED 1 (ОК 029-2001), seen in early files.
    Okved1,
    /// Attribute absent or another value.
    Unspecified,
}

impl OkvedEdition {
    /// From the attribute value.
    pub fn from_attr(v: &str) -> OkvedEdition {
        match v {
            "2014" => OkvedEdition::Okved2,
            "2001" => OkvedEdition::Okved1,
            _ => OkvedEdition::Unspecified,
        }
    }
    /// The attribute value, if any.
    pub fn attr(self) -> Option<&'static str> {
        match self {
            OkvedEdition::Okved2 => Some("2014"),
            OkvedEdition::Okved1 => Some("2001"),
            OkvedEdition::Unspecified => None,
        }
    }
}

/// One activity code of a firm: the main one or an additional one. Every code is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityCode {
    /// The code as written, e.g. `62.01` or `90`.
    pub code: String,
    /// True for the main activity (`СвОКВЭДОсн`), false for additional ones (`СвОКВЭДДоп`).
    pub main: bool,
    /// Classifier edition.
    pub edition: OkvedEdition,
}

/// One level of the address (region, district, city, settlement), type normalised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// Canonical Russian type from the abbreviation table (`город`, `район`, `область`…), or the
    /// lower-cased spelling when the table does not know it (counted in the report).
    pub kind: String,
    /// Name with whitespace collapsed, as written otherwise.
    pub name: String,
}

/// Revenue and expenditure from the companion dataset (`СведДохРасх`), in roubles.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Finance {
    /// Income (`СумДоход`).
    pub revenue: f64,
    /// Expenditure (`СумРасход`).
    pub expenditure: f64,
    /// Date of the companion document (`ДатаДок`, else `ДатаСост`): the data are for the year before.
    pub as_of: Option<Date>,
}

/// Where the headcount of a record came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmployeesSource {
    /// `ССЧР` in the registry record itself (newer files).
    Registry,
    /// `СведССЧР @КолРаб` of the headcount companion dataset.
    Companion,
}

/// One firm of one registry snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FirmRecord {
    /// INN: 10 digits for legal entities, 12 for persons.
    pub inn: String,
    /// OGRN (13 digits) or OGRNIP (15 digits); absent in older files.
    pub ogrn: Option<String>,
    /// Legal entity, sole trader or head of a peasant farm.
    pub kind: FirmKind,
    /// Full name of the organisation, or "Surname Name Patronymic" of the person.
    pub name: String,
    /// Short name of the organisation, when given.
    pub short_name: Option<String>,
    /// Micro, small or medium.
    pub category: Category,
    /// `ПризНовМСП`: newly created (true) or not.
    pub newly_created: Option<bool>,
    /// `СведСоцПред`: social enterprise (newer files).
    pub social_enterprise: Option<bool>,
    /// `ДатаСост`: date of the registry snapshot.
    pub snapshot_date: Date,
    /// `ДатаВклМСП`: date of inclusion in the registry.
    pub included_on: Date,
    /// `КодРегион`: two-digit region code.
    pub region_code: String,
    /// `Регион`.
    pub region: Option<Place>,
    /// `Район`.
    pub district: Option<Place>,
    /// `Город`.
    pub city: Option<Place>,
    /// `НаселПункт`.
    pub settlement: Option<Place>,
    /// Every activity code, the main one first.
    pub codes: Vec<ActivityCode>,
    /// Average headcount, from the record (`ССЧР`) or joined from the companion.
    pub employees: Option<u32>,
    /// Where `employees` came from.
    pub employees_source: Option<EmployeesSource>,
    /// Revenue and expenditure joined from the companion, for legal entities.
    pub finance: Option<Finance>,
    /// `ИдДок`.
    pub document_id: String,
    /// Schema version of the file the record came from.
    pub schema: SchemaVersion,
}

impl FirmRecord {
    /// The main activity code, if the record has one.
    pub fn main_code(&self) -> Option<&str> {
        self.codes.iter().find(|c| c.main).map(|c| c.code.as_str())
    }
}

/// A compact key for duplicate detection and joins: the INN digits plus its length, so that
/// `0274…` (10 digits) and `274…` never collide.
pub(crate) fn inn_key(inn: &str) -> Option<u64> {
    if !(inn.len() == 10 || inn.len() == 12) {
        return None;
    }
    let mut v: u64 = 0;
    for c in inn.bytes() {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u64::from(c - b'0');
    }
    Some(v | ((inn.len() as u64) << 56))
}

/// INN check digits (Federal Tax Service algorithm: weighted sums mod 11 mod 10).
///
/// ```
/// use creacity_registry::inn_checksum_ok;
/// assert!(inn_checksum_ok("7707329152")); // the Federal Tax Service itself, the dataset's owner
/// assert!(!inn_checksum_ok("7707329153"));
/// ```
pub fn inn_checksum_ok(inn: &str) -> bool {
    let d: Vec<u32> = inn
        .bytes()
        .map(|c| u32::from(c.wrapping_sub(b'0')))
        .collect();
    if d.iter().any(|&x| x > 9) {
        return false;
    }
    let check = |w: &[u32], n: usize| -> u32 {
        (w.iter().zip(&d[..n]).map(|(a, b)| a * b).sum::<u32>() % 11) % 10
    };
    match d.len() {
        10 => check(&[2, 4, 10, 3, 5, 9, 4, 6, 8], 9) == d[9],
        12 => {
            check(&[7, 2, 4, 10, 3, 5, 9, 4, 6, 8], 10) == d[10]
                && check(&[3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8], 11) == d[11]
        }
        _ => false,
    }
}
