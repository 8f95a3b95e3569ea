//! Territory matching: firms' address parts (region, district, city, settlement names) to the
//! OKTMO codes and coordinates of a settlements table, in a cascade, with a report of what
//! matched, what did not (ranked by firm count) and what was ambiguous.
//!
//! Names are compared by [`AddressTypes::name_key`] (case, `ё`, punctuation and type
//! abbreviations removed). For each firm, its locality (settlement, else city, else the
//! `territory` text) is looked up among the table's names; the candidates are narrowed to the
//! firm's region when it has one (a region that disagrees excludes a candidate, and so does a
//! settlement type of another family: a village is not the town of the same name), then to its
//! district, then to the same settlement type. One candidate left is a match; several are an
//! ambiguity (reported, not guessed); none falls back to the district name, matched only against
//! rows whose type is a district or okrug (for tables that list them), else the firm stays unmatched.

use std::collections::HashMap;

use serde::Serialize;

use crate::address::{AddressTypes, NameKey};
use crate::settlements::Settlement;

/// The address parts of one firm (any may be absent).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct PlaceQuery {
    /// Region name, with or without its type.
    pub region: Option<String>,
    /// District name.
    pub district: Option<String>,
    /// City name.
    pub city: Option<String>,
    /// Settlement name.
    pub settlement: Option<String>,
    /// A free territory name, used when there is no city or settlement.
    pub territory: Option<String>,
}

impl PlaceQuery {
    /// The locality name the match is made on, and how the report shows the firm's place.
    fn locality(&self) -> Option<&str> {
        self.settlement
            .as_deref()
            .or(self.city.as_deref())
            .or(self.territory.as_deref())
            .filter(|s| !s.trim().is_empty())
    }

    fn label(&self) -> String {
        let mut parts = Vec::new();
        for p in [&self.region, &self.district, &self.city, &self.settlement] {
            if let Some(p) = p.as_deref().filter(|s| !s.is_empty()) {
                parts.push(p);
            }
        }
        if parts.is_empty()
            && let Some(t) = self.territory.as_deref()
        {
            parts.push(t);
        }
        parts.join(", ")
    }
}

/// At which level a firm was matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchLevel {
    /// On its settlement or city name.
    Settlement,
    /// On its district name (the table lists the district itself).
    District,
}

/// The outcome for one firm.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum PlaceMatch {
    /// Exactly one settlement: its index in the table and the level.
    Matched {
        /// Index into the settlements slice.
        settlement: usize,
        /// Level of the match.
        level: MatchLevel,
    },
    /// Several settlements fit equally: their indices.
    Ambiguous(Vec<usize>),
    /// Nothing fits (or the firm has no place name).
    Unmatched,
}

/// A place name that did not match, with how many firms carry it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnmatchedPlace {
    /// The firm's address parts, joined.
    pub place: String,
    /// Firms with it.
    pub firms: usize,
}

/// A place name with several candidates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AmbiguousPlace {
    /// The firm's address parts, joined.
    pub place: String,
    /// Firms with it.
    pub firms: usize,
    /// The candidates' OKTMO codes with their region and district.
    pub candidates: Vec<String>,
}

/// What matching achieved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatchReport {
    /// Firms asked about.
    pub firms: usize,
    /// Firms matched.
    pub matched: usize,
    /// `matched / firms` (0 without firms).
    pub share_matched: f64,
    /// Firms matched on their settlement or city name.
    pub matched_settlement: usize,
    /// Firms matched on their district name.
    pub matched_district: usize,
    /// Firms with several candidates.
    pub ambiguous_firms: usize,
    /// Firms without any place name.
    pub no_place: usize,
    /// Unmatched places, most firms first (ties by name).
    pub unmatched: Vec<UnmatchedPlace>,
    /// Ambiguous places, most firms first.
    pub ambiguous: Vec<AmbiguousPlace>,
    /// The address-type table used.
    pub address_table: String,
    /// Settlements in the table.
    pub settlements: usize,
}

/// Canonical types (as the address table names them) of the rows the district fallback may match.
const DISTRICT_TYPES: &[&str] = &[
    "район",
    "муниципальный район",
    "городской округ",
    "муниципальный округ",
];

/// Settlement types that name the same kind of place in different sources (a town written as an
/// urban okrug, a settlement as an urban-type or work settlement); any other two types must be
/// equal to match.
const TYPE_FAMILIES: &[&[&str]] = &[
    &["город", "городской округ", "город федерального значения"],
    &[
        "посёлок",
        "посёлок городского типа",
        "рабочий посёлок",
        "курортный посёлок",
        "дачный посёлок",
    ],
];

fn same_family(a: &str, b: &str) -> bool {
    a == b
        || TYPE_FAMILIES
            .iter()
            .any(|f| f.contains(&a) && f.contains(&b))
}

struct Entry {
    key: NameKey,
    region: Option<String>,
    district: Option<String>,
}

/// Matches every query; returns one outcome per query, in order, and the report.
///
/// ```
/// use creacity_mapping::{PlaceMatch, PlaceQuery, SettlementColumns, match_places, parse_settlements_csv};
/// use creacity_mapping::address::AddressTypes;
/// // Synthetic table: two towns of the same name in different regions.
/// let (table, _) = parse_settlements_csv(
///     "oktmo,type,name,region\n01,г,Синтетград,Альфа обл\n02,г,Синтетград,Бета обл\n03,с,Тестово,Альфа обл\n",
///     &SettlementColumns::default()).unwrap();
/// let q = |r: &str, c: &str| PlaceQuery { region: Some(r.into()), city: Some(c.into()), ..Default::default() };
/// let (m, report) = match_places(&table, &[q("область Бета", "г. СИНТЕТГРАД"), q("", "Синтетград")], &AddressTypes::default(), "v1");
/// assert_eq!(m[0], PlaceMatch::Matched { settlement: 1, level: creacity_mapping::MatchLevel::Settlement });
/// assert!(matches!(m[1], PlaceMatch::Ambiguous(_)));
/// assert_eq!(report.share_matched, 0.5);
/// ```
pub fn match_places(
    settlements: &[Settlement],
    queries: &[PlaceQuery],
    types: &AddressTypes,
    table_name: &str,
) -> (Vec<PlaceMatch>, MatchReport) {
    let weights = vec![1; queries.len()];
    match_weighted(settlements, queries, &weights, types, table_name)
}

/// As [`match_places`], for distinct places each carrying its number of firms (`firms[i]` for
/// `places[i]`): the report counts firms, the work is done once per place. This is how a
/// national list is matched: millions of firms, a few hundred thousand places.
///
/// ```
/// use creacity_mapping::{PlaceQuery, SettlementColumns, match_place_counts, parse_settlements_csv};
/// use creacity_mapping::address::AddressTypes;
/// let (table, _) = parse_settlements_csv("oktmo,name\n01,Синтетград\n", &SettlementColumns::default()).unwrap();
/// let q = |c: &str| PlaceQuery { city: Some(c.into()), ..Default::default() };
/// let (_, r) = match_place_counts(&table, &[q("Синтетград"), q("Нетград")], &[30, 10], &AddressTypes::default(), "v1");
/// assert_eq!((r.firms, r.matched, r.share_matched), (40, 30, 0.75));
/// assert_eq!(r.unmatched[0].firms, 10);
/// ```
///
/// # Panics
/// When `places` and `firms` differ in length.
pub fn match_place_counts(
    settlements: &[Settlement],
    places: &[PlaceQuery],
    firms: &[usize],
    types: &AddressTypes,
    table_name: &str,
) -> (Vec<PlaceMatch>, MatchReport) {
    assert_eq!(places.len(), firms.len(), "one firm count per place");
    match_weighted(settlements, places, firms, types, table_name)
}

fn match_weighted(
    settlements: &[Settlement],
    queries: &[PlaceQuery],
    weights: &[usize],
    types: &AddressTypes,
    table_name: &str,
) -> (Vec<PlaceMatch>, MatchReport) {
    let entries: Vec<Entry> = settlements
        .iter()
        .map(|s| {
            let name = match &s.kind {
                Some(k) => format!("{k} {}", s.name),
                None => s.name.clone(),
            };
            Entry {
                key: types.name_key(&name),
                region: s.region.as_deref().map(|r| types.name_key(r).name),
                district: s.district.as_deref().map(|d| types.name_key(d).name),
            }
        })
        .collect();
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        by_name.entry(e.key.name.as_str()).or_default().push(i);
    }
    let mut memo: HashMap<&PlaceQuery, PlaceMatch> = HashMap::new();
    let mut out = Vec::with_capacity(queries.len());
    for q in queries {
        let m = memo
            .entry(q)
            .or_insert_with(|| match_one(q, &entries, &by_name, types))
            .clone();
        out.push(m);
    }
    let report = report(settlements, queries, weights, &out, table_name);
    (out, report)
}

fn match_one(
    q: &PlaceQuery,
    entries: &[Entry],
    by_name: &HashMap<&str, Vec<usize>>,
    types: &AddressTypes,
) -> PlaceMatch {
    let region = q
        .region
        .as_deref()
        .map(|r| types.name_key(r).name)
        .filter(|r| !r.is_empty());
    let district = q
        .district
        .as_deref()
        .map(|d| types.name_key(d).name)
        .filter(|d| !d.is_empty());
    let narrow = |key: &NameKey, use_district: bool| -> Vec<usize> {
        let Some(cands) = by_name.get(key.name.as_str()) else {
            return Vec::new();
        };
        // A region that disagrees excludes, and so does a type of another family (a village is
        // not the town of the same name); absent ones do not.
        let mut c: Vec<usize> = cands
            .iter()
            .copied()
            .filter(|&i| match (&region, &entries[i].region) {
                (Some(r), Some(er)) => r == er,
                _ => true,
            })
            .filter(|&i| match (&key.kind, &entries[i].key.kind) {
                (Some(a), Some(b)) => same_family(a, b),
                _ => true,
            })
            .collect();
        let keep = |c: &mut Vec<usize>, f: &dyn Fn(usize) -> bool| {
            let narrowed: Vec<usize> = c.iter().copied().filter(|&i| f(i)).collect();
            if !narrowed.is_empty() {
                *c = narrowed;
            }
        };
        if c.len() > 1
            && use_district
            && let Some(d) = &district
        {
            keep(&mut c, &|i| entries[i].district.as_ref() == Some(d));
        }
        if c.len() > 1
            && let Some(k) = &key.kind
        {
            keep(&mut c, &|i| entries[i].key.kind.as_ref() == Some(k));
        }
        c
    };
    let decide = |c: Vec<usize>, level| match c.len() {
        0 => None,
        1 => Some(PlaceMatch::Matched {
            settlement: c[0],
            level,
        }),
        _ => Some(PlaceMatch::Ambiguous(c)),
    };
    if let Some(loc) = q.locality()
        && let Some(m) = decide(narrow(&types.name_key(loc), true), MatchLevel::Settlement)
    {
        return m;
    }
    if let Some(d) = q.district.as_deref() {
        // Only rows that are districts themselves: a village named like the district is not it.
        let c: Vec<usize> = narrow(&types.name_key(d), false)
            .into_iter()
            .filter(|&i| {
                entries[i]
                    .key
                    .kind
                    .as_deref()
                    .is_some_and(|k| DISTRICT_TYPES.contains(&k))
            })
            .collect();
        if let Some(m) = decide(c, MatchLevel::District) {
            return m;
        }
    }
    PlaceMatch::Unmatched
}

fn report(
    settlements: &[Settlement],
    queries: &[PlaceQuery],
    weights: &[usize],
    out: &[PlaceMatch],
    table_name: &str,
) -> MatchReport {
    let mut r = MatchReport {
        firms: weights.iter().sum(),
        matched: 0,
        share_matched: 0.0,
        matched_settlement: 0,
        matched_district: 0,
        ambiguous_firms: 0,
        no_place: 0,
        unmatched: Vec::new(),
        ambiguous: Vec::new(),
        address_table: table_name.to_string(),
        settlements: settlements.len(),
    };
    let mut unmatched: HashMap<String, usize> = HashMap::new();
    let mut ambiguous: HashMap<String, (usize, Vec<usize>)> = HashMap::new();
    for ((q, m), &w) in queries.iter().zip(out).zip(weights) {
        match m {
            PlaceMatch::Matched { level, .. } => {
                r.matched += w;
                match level {
                    MatchLevel::Settlement => r.matched_settlement += w,
                    MatchLevel::District => r.matched_district += w,
                }
            }
            PlaceMatch::Ambiguous(c) => {
                r.ambiguous_firms += w;
                ambiguous.entry(q.label()).or_insert((0, c.clone())).0 += w;
            }
            PlaceMatch::Unmatched => {
                if q.locality().is_none() && q.district.is_none() {
                    r.no_place += w;
                } else {
                    *unmatched.entry(q.label()).or_default() += w;
                }
            }
        }
    }
    if r.firms > 0 {
        r.share_matched = r.matched as f64 / r.firms as f64;
    }
    r.unmatched = unmatched
        .into_iter()
        .map(|(place, firms)| UnmatchedPlace { place, firms })
        .collect();
    r.unmatched
        .sort_by(|a, b| b.firms.cmp(&a.firms).then_with(|| a.place.cmp(&b.place)));
    r.ambiguous = ambiguous
        .into_iter()
        .map(|(place, (firms, c))| AmbiguousPlace {
            place,
            firms,
            candidates: c
                .iter()
                .map(|&i| {
                    let s = &settlements[i];
                    let mut t = format!("{} {}", s.oktmo, s.name);
                    for p in [&s.district, &s.region].into_iter().flatten() {
                        t.push_str(", ");
                        t.push_str(p);
                    }
                    t
                })
                .collect(),
        })
        .collect();
    r.ambiguous
        .sort_by(|a, b| b.firms.cmp(&a.firms).then_with(|| a.place.cmp(&b.place)));
    r
}

/// The OKTMO prefix that selects everything inside a code: the region's 2 digits when digits
/// 3–8 are zero, the municipality's 5 when digits 6–8 are, else the first 8 (the settlement
/// level); an 11-digit locality code selects itself. OKTMO codes are `XX YYY ZZZ [NNN]`: region, municipal formation, settlement within it,
/// locality.
///
/// ```
/// use creacity_mapping::oktmo_prefix;
/// assert_eq!(oktmo_prefix("65000000"), Some("65"));
/// assert_eq!(oktmo_prefix("65701000"), Some("65701"));
/// assert_eq!(oktmo_prefix("65626101"), Some("65626101"));
/// assert_eq!(oktmo_prefix("65701000001"), Some("65701000001"));
/// assert_eq!(oktmo_prefix("6570"), None);
/// ```
pub fn oktmo_prefix(code: &str) -> Option<&str> {
    if !(code.len() == 8 || code.len() == 11) || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let zero = |r: std::ops::Range<usize>| code.as_bytes()[r].iter().all(|&b| b == b'0');
    if code.len() == 11 && !zero(8..11) {
        return Some(code);
    }
    Some(if zero(2..8) {
        &code[..2]
    } else if zero(5..8) {
        &code[..5]
    } else {
        &code[..8]
    })
}
