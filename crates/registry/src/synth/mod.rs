//! Synthetic registry data in the real schema, for tests and benchmarks.
//!
//! Every name is clearly fake (`СИНТЕТИКА-17`, `СИНТЕТИЧЕСКИЙ-17`, `СИНТЕТГРАД-3`); INN and OGRN
//! are built from the record's index with valid check digits, so they are well-formed but
//! synthetic. Records are a pure function of `(seed, index)`, so a dump of millions of records can
//! be written without holding it in memory.

mod codes;
mod xml;

pub use xml::{
    ZipEntry, companion_entry_name, headcount_xml, registry_entry_name, registry_xml, revexp_xml,
    write_zip,
};

use crate::parse::CompanionRow;
use crate::record::{
    ActivityCode, Category, Date, EmployeesSource, FirmKind, FirmRecord, OkvedEdition, Place,
};
use crate::schema::SchemaVersion;

/// A small deterministic generator (SplitMix64), so the crate needs no random-number dependency.
#[derive(Debug, Clone)]
pub struct SplitMix(u64);

impl SplitMix {
    /// Seeded generator.
    pub fn new(seed: u64) -> SplitMix {
        SplitMix(seed)
    }
    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

fn check_digit(digits: &[u32], weights: &[u32]) -> u32 {
    (weights.iter().zip(digits).map(|(w, d)| w * d).sum::<u32>() % 11) % 10
}

fn digits(s: &str) -> Vec<u32> {
    s.bytes().map(|c| u32::from(c - b'0')).collect()
}

/// A synthetic INN with valid check digits: region code, the index, check digit(s).
pub fn synthetic_inn(region: u32, index: u64, person: bool) -> String {
    if person {
        let mut s = format!("{region:02}{:08}", index % 100_000_000);
        let d = digits(&s);
        s.push(char::from(
            b'0' + check_digit(&d, &[7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) as u8,
        ));
        let d = digits(&s);
        s.push(char::from(
            b'0' + check_digit(&d, &[3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) as u8,
        ));
        s
    } else {
        let mut s = format!("{region:02}{:07}", index % 10_000_000);
        let d = digits(&s);
        s.push(char::from(
            b'0' + check_digit(&d, &[2, 4, 10, 3, 5, 9, 4, 6, 8]) as u8,
        ));
        s
    }
}

fn synthetic_ogrn(region: u32, index: u64, year: u16, person: bool) -> String {
    let yy = year % 100;
    if person {
        let body = format!("3{yy:02}{region:02}{:09}", index % 1_000_000_000);
        let n: u64 = body.parse().expect("digits");
        format!("{body}{}", (n % 13) % 10)
    } else {
        let body = format!("1{yy:02}{region:02}{:07}", index % 10_000_000);
        let n: u64 = body.parse().expect("digits");
        format!("{body}{}", (n % 11) % 10)
    }
}

fn place(kind: &str, name: String) -> Option<Place> {
    Some(Place {
        kind: kind.to_string(),
        name,
    })
}

/// The synthetic record number `index` of a dump taken on `snapshot`, with every field the newest
/// schema carries. Pure: the same `(seed, index)` gives the same record.
///
/// ```
/// use creacity_registry::{Date, inn_checksum_ok, synth};
/// let snap = Date::new(2023, 6, 10).unwrap();
/// let a = synth::firm(7, 42, snap);
/// assert_eq!(a, synth::firm(7, 42, snap));
/// assert!(inn_checksum_ok(&a.inn));
/// assert!(a.name.contains("СИНТЕТ"));
/// ```
pub fn firm(seed: u64, index: u64, snapshot: Date) -> FirmRecord {
    let mut r = SplitMix::new(seed ^ index.wrapping_mul(0xA076_1D64_78BD_642F));
    let region = 1 + r.below(89) as u32;
    let kind = match r.below(100) {
        0..=44 => FirmKind::LegalEntity,
        45..=97 => FirmKind::SoleTrader,
        _ => FirmKind::PeasantFarmHead,
    };
    let person = kind != FirmKind::LegalEntity;
    let category = match r.below(100) {
        0..=93 => Category::Micro,
        94..=98 => Category::Small,
        _ => Category::Medium,
    };
    let start_year = 2016 + r.below(u64::from(snapshot.year.max(2017) - 2016)) as u16;
    let included_on = Date::new(start_year, 1 + r.below(12) as u8, 1 + r.below(28) as u8)
        .expect("day ≤ 28 is valid")
        .min(snapshot);
    let (name, short_name) = if person {
        let patronymic = if r.chance(0.9) {
            " ПРИМЕРОВИЧ"
        } else {
            ""
        };
        (format!("СИНТЕТИЧЕСКИЙ-{index} ТЕСТ{patronymic}"), None)
    } else {
        (
            format!("ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ \"СИНТЕТИКА-{index}\""),
            Some(format!("ООО \"СИНТЕТИКА-{index}\"")),
        )
    };
    let region_kind = if region.is_multiple_of(5) {
        "республика"
    } else {
        "область"
    };
    let district = r
        .chance(0.5)
        .then(|| place("район", format!("ТЕСТОВСКИЙ-{}", r.below(40))))
        .flatten();
    let (city, settlement) = if r.chance(0.7) {
        (place("город", format!("СИНТЕТГРАД-{}", r.below(30))), None)
    } else {
        let k = ["село", "посёлок", "деревня", "посёлок городского типа"][r.below(4) as usize];
        (None, place(k, format!("ПРИМЕРНОЕ-{}", r.below(200))))
    };
    let n_codes = CODES_PER_FIRM[r.below(CODES_PER_FIRM.len() as u64) as usize];
    let mut codes = Vec::with_capacity(n_codes + 1);
    let mut used = Vec::with_capacity(n_codes + 1);
    for k in 0..=n_codes {
        let mut c = r.below(codes::CODES.len() as u64) as usize;
        while used.contains(&c) && used.len() < codes::CODES.len() {
            c = (c + 1) % codes::CODES.len();
        }
        used.push(c);
        codes.push(ActivityCode {
            code: codes::CODES[c].0.to_string(),
            main: k == 0,
            edition: OkvedEdition::Okved2,
        });
    }
    let employees = (!person || r.chance(0.3)).then(|| match category {
        Category::Micro => r.below(16) as u32,
        Category::Small => 16 + r.below(85) as u32,
        Category::Medium => 101 + r.below(150) as u32,
    });
    FirmRecord {
        inn: synthetic_inn(region, index, person),
        ogrn: Some(synthetic_ogrn(region, index, start_year, person)),
        kind,
        name,
        short_name,
        category,
        newly_created: Some(included_on.year == snapshot.year),
        social_enterprise: Some(r.chance(0.01)),
        snapshot_date: snapshot,
        included_on,
        region_code: format!("{region:02}"),
        region: place(region_kind, format!("СИНТЕТИЧЕСКАЯ-{region:02}")),
        district,
        city,
        settlement,
        codes,
        employees_source: employees.map(|_| EmployeesSource::Registry),
        employees,
        finance: None,
        document_id: format!("00000000-0000-4000-8000-{index:012}"),
        schema: SchemaVersion::V4_06,
    }
}

/// Additional codes per firm, drawn uniformly from this list: mean ≈ 12, many with none, a few
/// with 40, as in the registry where "often 10+" additional codes are listed.
const CODES_PER_FIRM: [usize; 16] = [0, 0, 1, 2, 3, 5, 7, 9, 11, 13, 15, 18, 21, 25, 30, 40];

/// `n` synthetic records, indices `0..n`.
pub fn firms(seed: u64, n: usize, snapshot: Date) -> Vec<FirmRecord> {
    (0..n as u64).map(|i| firm(seed, i, snapshot)).collect()
}

/// What a file of schema `version` can carry of a record, as the reader will give it back:
/// OGRN from 4.02, headcount (`ССЧР`) and the social-enterprise flag from 4.03 (the
/// synthetic generator's convention; the reader accepts every attribute in every version).
pub fn expressible(record: &FirmRecord, version: SchemaVersion) -> FirmRecord {
    let mut r = record.clone();
    r.schema = version;
    r.finance = None;
    if version < SchemaVersion::V4_02 {
        r.ogrn = None;
    }
    if version < SchemaVersion::V4_03 {
        r.employees = None;
        r.employees_source = None;
        r.social_enterprise = None;
    }
    r
}

/// Companion rows for the legal entities among `records`: revenue, expenditure and headcount.
pub fn companions(seed: u64, records: &[FirmRecord], as_of: Date) -> Vec<CompanionRow> {
    records
        .iter()
        .filter(|f| f.kind == FirmKind::LegalEntity)
        .map(|f| {
            let mut r = SplitMix::new(seed ^ f.inn.parse::<u64>().unwrap_or(0));
            let revenue = (r.below(5_000_000_000) as f64) / 100.0;
            let expenditure =
                (revenue * (0.5 + r.below(60) as f64 / 100.0) * 100.0).round() / 100.0;
            CompanionRow {
                inn: f.inn.clone(),
                date: Some(as_of),
                revenue: Some(revenue),
                expenditure: Some(expenditure),
                employees: Some(r.below(120) as u32),
            }
        })
        .collect()
}
