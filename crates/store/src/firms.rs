//! Firms in the store: a generic firm list or the SME registry's records, one row per firm and
//! period, written with multi-row `INSERT`s (one statement per row is about two orders of
//! magnitude slower: see `docs/benchmarks/mapping.md`).

use std::collections::HashMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::db::{Db, Row, Val, vals};
use crate::{Result, StoreError, Workspace, now, unique_id};

/// Legal form of a firm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FirmKind {
    /// A legal entity (юридическое лицо).
    Company,
    /// An individual entrepreneur (индивидуальный предприниматель).
    SoleTrader,
    /// The head of a peasant farm (глава КФХ).
    Farm,
    /// Not stated in the source.
    Unknown,
}

impl FirmKind {
    /// The code stored and written in files.
    pub fn code(self) -> &'static str {
        match self {
            FirmKind::Company => "company",
            FirmKind::SoleTrader => "sole_trader",
            FirmKind::Farm => "farm",
            FirmKind::Unknown => "unknown",
        }
    }

    /// Reads a code (as [`FirmKind::code`] writes it).
    pub fn parse(code: &str) -> Option<FirmKind> {
        Some(match code {
            "company" => FirmKind::Company,
            "sole_trader" => FirmKind::SoleTrader,
            "farm" => FirmKind::Farm,
            "unknown" => FirmKind::Unknown,
            _ => return None,
        })
    }
}

/// One firm in one period, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Firm {
    /// Identifier (INN, OGRN or the list's own); unique within a period.
    pub id: String,
    /// The snapshot the row describes: `YYYY` or `YYYY-MM`.
    pub period: String,
    /// Name.
    pub name: String,
    /// Legal form.
    pub kind: FirmKind,
    /// Size category (`micro`, `small`, `medium` in the registry), as given.
    pub category: Option<String>,
    /// Main activity code.
    pub main_code: Option<String>,
    /// Additional activity codes (all of them, in source order).
    pub other_codes: Vec<String>,
    /// The user's territory code (a workspace territory id, OKTMO, region code…).
    pub territory: Option<String>,
    /// Region code (two digits in Russia).
    pub region_code: Option<String>,
    /// Region name (with its type, as normalised by the reader).
    pub region: Option<String>,
    /// District (район) name.
    pub district: Option<String>,
    /// City name.
    pub city: Option<String>,
    /// Settlement (населённый пункт) name.
    pub settlement: Option<String>,
    /// Free-text address.
    pub address: Option<String>,
    /// OKTMO code, given or found by territory matching.
    pub oktmo: Option<String>,
    /// Latitude, WGS 84 degrees.
    pub lat: Option<f64>,
    /// Longitude, WGS 84 degrees.
    pub lon: Option<f64>,
    /// Registration (or inclusion in the registry) date, `YYYY-MM-DD`.
    pub registered: Option<String>,
    /// Exit date, `YYYY-MM-DD`.
    pub exited: Option<String>,
    /// Headcount.
    pub employees: Option<f64>,
    /// Revenue.
    pub revenue: Option<f64>,
    /// Expenditure.
    pub expenditure: Option<f64>,
    /// The file it came from; set by the import (ignored on input).
    #[serde(default)]
    pub source: String,
    /// The import journal entry that wrote it; set by the import (ignored on input).
    #[serde(default)]
    pub import_id: String,
}

impl Firm {
    /// A firm with only the required fields; the rest empty.
    pub fn new(id: impl Into<String>, period: impl Into<String>, name: impl Into<String>) -> Self {
        Firm {
            id: id.into(),
            period: period.into(),
            name: name.into(),
            kind: FirmKind::Unknown,
            category: None,
            main_code: None,
            other_codes: Vec::new(),
            territory: None,
            region_code: None,
            region: None,
            district: None,
            city: None,
            settlement: None,
            address: None,
            oktmo: None,
            lat: None,
            lon: None,
            registered: None,
            exited: None,
            employees: None,
            revenue: None,
            expenditure: None,
            source: String::new(),
            import_id: String::new(),
        }
    }
}

/// Which firms to read back. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FirmFilter {
    /// Firms whose `territory` equals this, or whose `oktmo` starts with `oktmo_prefix`.
    pub territory: Option<String>,
    /// OKTMO prefix (the region's 2 digits, a municipality's 5, a settlement's 8…).
    pub oktmo_prefix: Option<String>,
    /// Only this period.
    pub period: Option<String>,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FirmImportSummary {
    /// The journal id written into every row's `import_id`.
    pub import_id: String,
    /// New rows.
    pub inserted: usize,
    /// Rows that existed (same id and period) and were replaced.
    pub updated: usize,
    /// Rows removed first (`replace`).
    pub removed: usize,
}

/// Counts of the stored firms, for `creacity firms status`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FirmStatus {
    /// Rows.
    pub rows: i64,
    /// Distinct firm ids.
    pub firms: i64,
    /// Rows per period.
    pub periods: Vec<(String, i64)>,
    /// Rows per kind.
    pub kinds: Vec<(String, i64)>,
    /// Rows with an OKTMO code.
    pub with_oktmo: i64,
    /// Rows with coordinates.
    pub with_coordinates: i64,
    /// Rows per source file.
    pub sources: Vec<(String, i64)>,
}

/// A territory match written back into stored firms.
#[derive(Debug, Clone, PartialEq)]
pub struct FirmLocation {
    /// Firm id.
    pub id: String,
    /// Period of the row.
    pub period: String,
    /// OKTMO code found.
    pub oktmo: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
}

/// The address parts that place a firm; territory matching works on distinct places, not firms,
/// so a national list of millions of firms is matched as its few hundred thousand places.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct FirmPlace {
    /// Region name.
    pub region: Option<String>,
    /// District name.
    pub district: Option<String>,
    /// City name.
    pub city: Option<String>,
    /// Settlement name.
    pub settlement: Option<String>,
    /// The user's territory code or name.
    pub territory: Option<String>,
}

/// A match written back to every firm at one place.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceLocation {
    /// The place, as [`Workspace::firm_places`] gave it.
    pub place: FirmPlace,
    /// OKTMO code found.
    pub oktmo: String,
    /// Latitude of the settlement.
    pub lat: Option<f64>,
    /// Longitude of the settlement.
    pub lon: Option<f64>,
}

const COLUMNS: [&str; 24] = [
    "id",
    "period",
    "name",
    "kind",
    "category",
    "main_code",
    "codes",
    "territory",
    "region_code",
    "region",
    "district",
    "city",
    "settlement",
    "address",
    "oktmo",
    "lat",
    "lon",
    "registered",
    "exited",
    "employees",
    "revenue",
    "expenditure",
    "source",
    "import_id",
];

/// Rows per `INSERT`: 500 × 24 = 12 000 parameters, under SQLite's 32 766 and PostgreSQL's 65 535.
pub const ROWS_PER_STATEMENT: usize = 500;

fn codes_text(f: &Firm) -> String {
    let mut s = f.main_code.clone().unwrap_or_default();
    for c in &f.other_codes {
        s.push(';');
        s.push_str(c);
    }
    s
}

fn push_values(out: &mut Vec<Val>, f: &Firm, source: &str, import_id: &str) {
    out.extend([
        Val::from(&f.id),
        Val::from(&f.period),
        Val::from(&f.name),
        Val::from(f.kind.code()),
        Val::from(&f.category),
        Val::from(&f.main_code),
        Val::from(codes_text(f)),
        Val::from(&f.territory),
        Val::from(&f.region_code),
        Val::from(&f.region),
        Val::from(&f.district),
        Val::from(&f.city),
        Val::from(&f.settlement),
        Val::from(&f.address),
        Val::from(&f.oktmo),
        Val::from(f.lat),
        Val::from(f.lon),
        Val::from(&f.registered),
        Val::from(&f.exited),
        Val::from(f.employees),
        Val::from(f.revenue),
        Val::from(f.expenditure),
        Val::from(source),
        Val::from(import_id),
    ]);
}

fn insert_sql(rows: usize) -> String {
    let n = COLUMNS.len();
    let mut sql = format!("INSERT INTO firms ({}) VALUES ", COLUMNS.join(", "));
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..n {
            if c > 0 {
                sql.push_str(", ");
            }
            sql.push('?');
            sql.push_str(&(r * n + c + 1).to_string());
        }
        sql.push(')');
    }
    sql.push_str(" ON CONFLICT (id, period) DO UPDATE SET ");
    let set: Vec<String> = COLUMNS[2..]
        .iter()
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    sql.push_str(&set.join(", "));
    sql
}

fn from_row(r: &Row) -> Result<Firm> {
    let id = r.text(0)?;
    let kind = r.text(3)?;
    let kind = FirmKind::parse(&kind).ok_or_else(|| StoreError::Corrupt {
        what: "firm",
        id: id.clone(),
        reason: format!("kind holds unknown value {kind:?}"),
    })?;
    let codes = r.text(6)?;
    let main_code = r.opt_text(5)?;
    let mut all = codes.split(';');
    if main_code.is_some() || codes.starts_with(';') {
        all.next();
    }
    Ok(Firm {
        period: r.text(1)?,
        name: r.text(2)?,
        kind,
        category: r.opt_text(4)?,
        main_code,
        other_codes: all.filter(|c| !c.is_empty()).map(String::from).collect(),
        territory: r.opt_text(7)?,
        region_code: r.opt_text(8)?,
        region: r.opt_text(9)?,
        district: r.opt_text(10)?,
        city: r.opt_text(11)?,
        settlement: r.opt_text(12)?,
        address: r.opt_text(13)?,
        oktmo: r.opt_text(14)?,
        lat: r.opt_real(15)?,
        lon: r.opt_real(16)?,
        registered: r.opt_text(17)?,
        exited: r.opt_text(18)?,
        employees: r.opt_real(19)?,
        revenue: r.opt_real(20)?,
        expenditure: r.opt_real(21)?,
        source: r.text(22)?,
        import_id: r.text(23)?,
        id,
    })
}

fn count(db: &Db, sql: &str) -> Result<i64> {
    count_with(db, sql, &[])
}

fn count_with(db: &Db, sql: &str, params: &[Val]) -> Result<i64> {
    db.query(sql, params)?.first().map_or(Ok(0), |r| r.int(0))
}

/// Refuses a firm whose coordinates are out of range or half given.
fn check(f: &Firm, position: usize) -> Result<()> {
    let bad = |field: &'static str, value: String, expected: &str| {
        Err(StoreError::InvalidFirm {
            position,
            id: f.id.clone(),
            field,
            value,
            expected: expected.to_string(),
        })
    };
    if f.id.trim().is_empty() {
        return bad("id", f.id.clone(), "a non-empty identifier");
    }
    if f.period.trim().is_empty() {
        return bad("period", f.period.clone(), "YYYY or YYYY-MM");
    }
    match (f.lat, f.lon) {
        (Some(lat), _) if !(-90.0..=90.0).contains(&lat) => {
            bad("lat", lat.to_string(), "a latitude in [-90, 90]")
        }
        (_, Some(lon)) if !(-180.0..=180.0).contains(&lon) => {
            bad("lon", lon.to_string(), "a longitude in [-180, 180]")
        }
        (Some(_), None) | (None, Some(_)) => bad(
            if f.lat.is_none() { "lat" } else { "lon" },
            String::new(),
            "both coordinates or neither",
        ),
        _ => Ok(()),
    }
}

/// An import in progress: one transaction, firms added in batches, committed at the end.
pub struct FirmImport<'a> {
    tx: crate::db::Tx<'a>,
    source: String,
    import_id: String,
    stamp: String,
    seen: HashMap<(String, String), usize>,
    added: usize,
    /// Whether the table held no firm when the import began (then nothing can be replaced, and
    /// no row needs looking up).
    empty: bool,
    /// Rows of this import that replaced a stored row (same id and period).
    existing: usize,
    removed: usize,
    check_duplicates: bool,
    journal: bool,
    sql: HashMap<usize, String>,
}

impl FirmImport<'_> {
    /// Adds firms. Positions in errors count every firm added so far, from 1.
    ///
    /// # Errors
    /// [`StoreError::DuplicateFirm`] when an id and period come twice in this import (both
    /// positions named), [`StoreError::InvalidFirm`] for coordinates out of range; nothing of the
    /// import is kept then (the transaction rolls back when this value is dropped).
    pub fn add(&mut self, firms: &[Firm]) -> Result<()> {
        for (k, f) in firms.iter().enumerate() {
            let position = self.added + k + 1;
            check(f, position)?;
            if self.check_duplicates
                && let Some(first) = self.seen.insert((f.id.clone(), f.period.clone()), position)
            {
                return Err(StoreError::DuplicateFirm {
                    id: f.id.clone(),
                    period: f.period.clone(),
                    first,
                    second: position,
                });
            }
        }
        let mut params = Vec::with_capacity(firms.len().min(ROWS_PER_STATEMENT) * COLUMNS.len());
        for chunk in firms.chunks(ROWS_PER_STATEMENT) {
            params.clear();
            if !self.empty {
                self.existing += self.count_existing(chunk)?;
            }
            for f in chunk {
                push_values(&mut params, f, &self.source, &self.import_id);
            }
            // The statement text of each size is built once per import.
            let sql = self
                .sql
                .entry(chunk.len())
                .or_insert_with(|| insert_sql(chunk.len()));
            self.tx.exec(sql, &params)?;
        }
        self.added += firms.len();
        Ok(())
    }

    /// How many of `chunk` are stored already (by id and period), through the primary key.
    fn count_existing(&self, chunk: &[Firm]) -> Result<usize> {
        let mut sql = String::from("SELECT COUNT(*) FROM firms WHERE (id, period) IN (VALUES ");
        let mut params = Vec::with_capacity(chunk.len() * 2);
        for (k, f) in chunk.iter().enumerate() {
            if k > 0 {
                sql.push_str(", ");
            }
            let _ = write!(sql, "(?{}, ?{})", 2 * k + 1, 2 * k + 2);
            params.push(Val::from(&f.id));
            params.push(Val::from(&f.period));
        }
        sql.push(')');
        Ok(count_with(&self.tx, &sql, &params)?.max(0) as usize)
    }

    /// Leaves this transaction out of the import journal (a reader that commits batch by batch
    /// journals the whole run once, with [`Workspace::journal_import`]).
    pub fn without_journal(mut self) -> Self {
        self.journal = false;
        self
    }

    /// Commits, with a journal line; `meta` pairs (e.g. a reader's checkpoint) are written in the
    /// same transaction.
    ///
    /// # Errors
    /// A database error; nothing is written then.
    pub fn commit(self, meta: &[(&str, &str)]) -> Result<FirmImportSummary> {
        // Counting the table before and after would scan it twice per batch: a national
        // import commits hundreds of batches into millions of rows.
        let inserted = self.added - self.existing.min(self.added);
        if self.journal {
            self.tx.exec(
                "INSERT INTO imports (id, kind, source, records, created_at) VALUES (?1, 'firms', ?2, ?3, ?4)",
                vals![&self.import_id, &self.source, self.added, &self.stamp],
            )?;
        }
        for (k, v) in meta {
            self.tx.exec(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                vals![*k, *v],
            )?;
        }
        self.tx.commit()?;
        Ok(FirmImportSummary {
            import_id: self.import_id,
            inserted,
            updated: self.added - inserted.min(self.added),
            removed: self.removed,
        })
    }
}

impl Workspace {
    /// Starts an import of firms from `source` (a file name). With `replace`, every stored firm is
    /// removed first, in the same transaction. With `check_duplicates`, an id and period seen twice
    /// in the import is an error (keep it on unless the reader already guarantees uniqueness and
    /// the import is too large to index in memory); otherwise the later row wins.
    ///
    /// # Errors
    /// A database error.
    pub fn begin_firm_import(
        &mut self,
        source: &str,
        replace: bool,
        check_duplicates: bool,
    ) -> Result<FirmImport<'_>> {
        let tx = self.db.begin()?;
        let removed = if replace {
            tx.exec("DELETE FROM firms", &[])?
        } else {
            0
        };
        let empty = tx.query_opt("SELECT 1 FROM firms LIMIT 1", &[])?.is_none();
        let stamp = now();
        Ok(FirmImport {
            tx,
            source: source.to_string(),
            import_id: unique_id("firms", &stamp),
            stamp,
            seen: HashMap::new(),
            added: 0,
            empty,
            existing: 0,
            removed,
            check_duplicates,
            journal: true,
            sql: HashMap::new(),
        })
    }

    /// Imports firms in one transaction: all or nothing. Existing rows with the same id and
    /// period are replaced; with `replace`, every stored firm is removed first.
    ///
    /// # Errors
    /// [`StoreError::DuplicateFirm`] naming both positions (1-based) of an id and period given
    /// twice, [`StoreError::InvalidFirm`] for an empty id or period or coordinates out of range,
    /// or a database error. Nothing is written then.
    ///
    /// ```
    /// use creacity_store::{Firm, FirmFilter, Workspace};
    /// let dir = tempfile::tempdir().unwrap();
    /// let mut ws = Workspace::create(&dir.path().join("w.db")).unwrap();
    /// let mut f = Firm::new("6600000001", "2024", "ООО «Синтетика»");
    /// f.territory = Some("65701000".into());
    /// f.main_code = Some("59.11".into());
    /// let s = ws.import_firms("synthetic.csv", &[f], false).unwrap();
    /// assert_eq!((s.inserted, s.updated), (1, 0));
    /// let back = ws.firms(&FirmFilter { territory: Some("65701000".into()), ..Default::default() }).unwrap();
    /// assert_eq!(back[0].main_code.as_deref(), Some("59.11"));
    /// ```
    pub fn import_firms(
        &mut self,
        source: &str,
        firms: &[Firm],
        replace: bool,
    ) -> Result<FirmImportSummary> {
        let mut import = self.begin_firm_import(source, replace, true)?;
        import.add(firms)?;
        import.commit(&[])
    }

    /// Writes one line of the import journal (for imports committed in several transactions).
    ///
    /// # Errors
    /// A database error.
    pub fn journal_import(&mut self, kind: &str, source: &str, records: usize) -> Result<()> {
        let tx = self.db.begin()?;
        crate::journal(&tx, kind, source, records)?;
        tx.commit()
    }

    /// Firms matching the filter, by id and period.
    pub fn firms(&self, filter: &FirmFilter) -> Result<Vec<Firm>> {
        let mut sql = format!("SELECT {} FROM firms", COLUMNS.join(", "));
        let mut conds = Vec::new();
        let mut params: Vec<Val> = Vec::new();
        let mut place = Vec::new();
        if let Some(t) = &filter.territory {
            params.push(t.into());
            place.push(format!("territory = ?{}", params.len()));
        }
        if let Some(p) = &filter.oktmo_prefix {
            params.push(format!("{p}%").into());
            place.push(format!("oktmo LIKE ?{}", params.len()));
        }
        if !place.is_empty() {
            conds.push(format!("({})", place.join(" OR ")));
        }
        if let Some(p) = &filter.period {
            params.push(p.into());
            conds.push(format!("period = ?{}", params.len()));
        }
        if !conds.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&conds.join(" AND "));
        }
        sql.push_str(" ORDER BY id, period");
        self.db.query(&sql, &params)?.iter().map(from_row).collect()
    }

    /// Counts of the stored firms.
    pub fn firm_status(&self) -> Result<FirmStatus> {
        let pairs = |sql: &str| -> Result<Vec<(String, i64)>> {
            self.db
                .query(sql, &[])?
                .iter()
                .map(|r| Ok((r.text(0)?, r.int(1)?)))
                .collect()
        };
        Ok(FirmStatus {
            rows: count(&self.db, "SELECT COUNT(*) FROM firms")?,
            firms: count(&self.db, "SELECT COUNT(DISTINCT id) FROM firms")?,
            periods: pairs("SELECT period, COUNT(*) FROM firms GROUP BY period ORDER BY period")?,
            kinds: pairs("SELECT kind, COUNT(*) FROM firms GROUP BY kind ORDER BY kind")?,
            with_oktmo: count(
                &self.db,
                "SELECT COUNT(*) FROM firms WHERE oktmo IS NOT NULL",
            )?,
            with_coordinates: count(&self.db, "SELECT COUNT(*) FROM firms WHERE lat IS NOT NULL")?,
            sources: pairs("SELECT source, COUNT(*) FROM firms GROUP BY source ORDER BY source")?,
        })
    }

    /// The distinct places of the stored firms, with the number of rows at each, most first.
    pub fn firm_places(&self) -> Result<Vec<(FirmPlace, usize)>> {
        self.db
            .query(
                "SELECT region, district, city, settlement, territory, COUNT(*) FROM firms
                 GROUP BY region, district, city, settlement, territory ORDER BY COUNT(*) DESC",
                &[],
            )?
            .iter()
            .map(|r| {
                Ok((
                    FirmPlace {
                        region: r.opt_text(0)?,
                        district: r.opt_text(1)?,
                        city: r.opt_text(2)?,
                        settlement: r.opt_text(3)?,
                        territory: r.opt_text(4)?,
                    },
                    r.int(5)?.max(0) as usize,
                ))
            })
            .collect()
    }

    /// Writes place matches into every firm at each place, in one transaction: the OKTMO code
    /// always, the coordinates where a firm has none (or everywhere with `overwrite_coordinates`).
    /// Returns the rows changed.
    ///
    /// # Errors
    /// [`StoreError::InvalidFirm`] for coordinates out of range, or a database error; nothing is
    /// written then.
    pub fn set_place_locations(
        &mut self,
        locations: &[PlaceLocation],
        overwrite_coordinates: bool,
    ) -> Result<usize> {
        for (k, l) in locations.iter().enumerate() {
            let mut f = Firm::new(&l.oktmo, "-", "");
            f.lat = l.lat;
            f.lon = l.lon;
            check(&f, k + 1)?;
        }
        // Places compare with absent parts as empty text, through an index on the same
        // expressions (made here, not at import, so imports stay fast; both SQLite and
        // PostgreSQL use it, which they would not for a null-safe `IS NOT DISTINCT FROM`).
        let place = "COALESCE(region, '') = ?1 AND COALESCE(district, '') = ?2
             AND COALESCE(city, '') = ?3 AND COALESCE(settlement, '') = ?4
             AND COALESCE(territory, '') = ?5";
        let coords = if overwrite_coordinates {
            "lat = COALESCE(?7, lat), lon = COALESCE(?8, lon)"
        } else {
            "lat = CASE WHEN lat IS NULL THEN ?7 ELSE lat END,
             lon = CASE WHEN lon IS NULL THEN ?8 ELSE lon END"
        };
        let sql = format!("UPDATE firms SET oktmo = ?6, {coords} WHERE {place}");
        let tx = self.db.begin()?;
        tx.batch(
            "CREATE INDEX IF NOT EXISTS firms_place ON firms ((COALESCE(region, '')),
             (COALESCE(district, '')), (COALESCE(city, '')), (COALESCE(settlement, '')),
             (COALESCE(territory, '')))",
        )?;
        let mut changed = 0;
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        for l in locations {
            let p = &l.place;
            changed += tx.exec(
                &sql,
                vals![
                    text(&p.region),
                    text(&p.district),
                    text(&p.city),
                    text(&p.settlement),
                    text(&p.territory),
                    &l.oktmo,
                    l.lat,
                    l.lon
                ],
            )?;
        }
        tx.commit()?;
        Ok(changed)
    }

    /// Up to about `max` firm locations (lat, lon) for a map: all when there are fewer, else the
    /// firms whose id ends in enough zeros to thin them by a power of ten (ids are INNs or the
    /// list's own, whose last digits are spread evenly). Returns the points and the number of
    /// rows with coordinates.
    pub fn firm_points(&self, max: usize) -> Result<(Vec<(f64, f64)>, usize)> {
        let total =
            count(&self.db, "SELECT COUNT(*) FROM firms WHERE lat IS NOT NULL")?.max(0) as usize;
        let mut zeros = String::new();
        let mut kept = total;
        while kept > max.max(1) {
            zeros.push('0');
            kept /= 10;
        }
        let rows = self.db.query(
            "SELECT lat, lon FROM firms WHERE lat IS NOT NULL AND lon IS NOT NULL AND id LIKE ?1",
            vals![format!("%{zeros}")],
        )?;
        let points = rows
            .iter()
            .map(|r| Ok((r.real(0)?, r.real(1)?)))
            .collect::<Result<Vec<_>>>()?;
        Ok((points, total))
    }

    /// Writes territory matches (OKTMO and coordinates) into stored firms, in one transaction;
    /// `None` values leave the stored ones as they are. Returns the rows changed.
    ///
    /// # Errors
    /// [`StoreError::InvalidFirm`] for coordinates out of range, or a database error; nothing is
    /// written then.
    pub fn set_firm_locations(&mut self, locations: &[FirmLocation]) -> Result<usize> {
        for (k, l) in locations.iter().enumerate() {
            let mut f = Firm::new(&l.id, &l.period, "");
            f.lat = l.lat;
            f.lon = l.lon;
            check(&f, k + 1)?;
        }
        let tx = self.db.begin()?;
        let mut changed = 0;
        for l in locations {
            changed += tx.exec(
                "UPDATE firms SET oktmo = COALESCE(?3, oktmo), lat = COALESCE(?4, lat),
                 lon = COALESCE(?5, lon) WHERE id = ?1 AND period = ?2",
                vals![&l.id, &l.period, &l.oktmo, l.lat, l.lon],
            )?;
        }
        tx.commit()?;
        Ok(changed)
    }
}
