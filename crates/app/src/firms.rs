//! Firm lists in the workspace: reading a generic firm list (CSV or XLSX: the user's own, or the
//! `firms.csv` that `creacity registry ingest --out` writes), storing it in one transaction,
//! status and export. Territory matching and aggregation call the mapping engine from the CLI.
//!
//! Columns (key, English or Russian header; any order; only `id` is required):
//!
//! | key | header | value |
//! |---|---|---|
//! | `id` | INN / ИНН | identifier, unique within a period |
//! | `name` | Name / Наименование | |
//! | `period` | Period / Период | `YYYY` or `YYYY-MM`; else `--period` |
//! | `kind` | Kind / Вид | `company`, `sole_trader`, `farm` (or `1`/`2`/`3`, `ЮЛ`/`ИП`/`КФХ`); else from the INN length |
//! | `category` | Category / Категория | `micro`, `small`, `medium` (or `1`/`2`/`3`) |
//! | `main_code`, `other_codes`, `codes` | Main code / Основной ОКВЭД, … | codes separated by `;`, `|` or spaces; `codes` = all, main first |
//! | `territory`, `region_code`, `region`, `district`, `city`, `settlement`, `address`, `oktmo` | | territory code and address parts |
//! | `lat`, `lon` | Latitude / Широта, Longitude / Долгота | WGS 84 degrees, both or neither |
//! | `registered`, `exited` | | `YYYY-MM-DD` or `DD.MM.YYYY` |
//! | `employees`, `revenue`, `expenditure` | | non-negative numbers |

use std::collections::HashMap;
use std::path::Path;

use creacity_ingest::columns::{Column, bind, free};
use creacity_ingest::{IngestError, Problem, Table};
use creacity_store::{Firm, FirmFilter, FirmImportSummary, FirmKind, StoreError, Workspace};

use crate::records::{TableFormat, file_name};
use crate::{AppError, Result};

const fn col(key: &'static str, en: &'static str, ru: &'static str, required: bool) -> Column {
    Column {
        key,
        en,
        ru,
        required,
        help_en: "",
        help_ru: "",
        values: free,
    }
}

/// The columns of a generic firm list.
pub const FIRM_COLUMNS: &[Column] = &[
    col("id", "INN", "ИНН", true),
    col("name", "Name", "Наименование", false),
    col("period", "Period", "Период", false),
    col("kind", "Kind", "Вид", false),
    col("category", "Category", "Категория", false),
    col("main_code", "Main code", "Основной ОКВЭД", false),
    col("other_codes", "Other codes", "Дополнительные ОКВЭД", false),
    col("codes", "Codes", "Коды ОКВЭД", false),
    col("territory", "Territory", "Территория", false),
    col("region_code", "Region code", "Код региона", false),
    col("region", "Region", "Регион", false),
    col("district", "District", "Район", false),
    col("city", "City", "Город", false),
    col("settlement", "Settlement", "Населённый пункт", false),
    col("address", "Address", "Адрес", false),
    col("oktmo", "OKTMO", "ОКТМО", false),
    col("lat", "Latitude", "Широта", false),
    col("lon", "Longitude", "Долгота", false),
    col("registered", "Registered", "Дата регистрации", false),
    col("exited", "Exited", "Дата прекращения", false),
    col("employees", "Employees", "Численность", false),
    col("revenue", "Revenue", "Выручка", false),
    col("expenditure", "Expenditure", "Расходы", false),
];

/// The period of firm lists without a `period` column: the current year.
pub fn default_period() -> String {
    chrono::Utc::now().format("%Y").to_string()
}

fn valid_period(p: &str) -> bool {
    let b = p.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    match b.len() {
        4 => digits(0..4),
        7 => {
            digits(0..4)
                && b[4] == b'-'
                && digits(5..7)
                && (1..=12).contains(&p[5..].parse::<u8>().unwrap_or(0))
        }
        _ => false,
    }
}

/// `YYYY-MM-DD` or `DD.MM.YYYY` → `YYYY-MM-DD`, checked against the calendar.
fn iso_date(s: &str) -> Option<String> {
    let d = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| chrono::NaiveDate::parse_from_str(s, "%d.%m.%Y"))
        .ok()?;
    Some(d.format("%Y-%m-%d").to_string())
}

fn kind_of(s: &str) -> Option<FirmKind> {
    Some(match creacity_model::fold(s).as_str() {
        "company" | "1" | "legalentity" | "юл" | "организация" => FirmKind::Company,
        "sole_trader" | "2" | "soletrader" | "ип" => FirmKind::SoleTrader,
        "farm" | "3" | "peasantfarmhead" | "кфх" => FirmKind::Farm,
        "unknown" => FirmKind::Unknown,
        _ => return None,
    })
}

fn category_of(s: &str) -> Option<&'static str> {
    Some(match creacity_model::fold(s).as_str() {
        "micro" | "1" | "микро" | "микропредприятие" => "micro",
        "small" | "2" | "малое" | "малое_предприятие" => "small",
        "medium" | "3" | "среднее" | "среднее_предприятие" => "medium",
        _ => return None,
    })
}

fn split_codes(s: &str) -> Vec<String> {
    s.split([';', '|', ' ', ','])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(String::from)
        .collect()
}

/// The header of column `key` as written in the file (the key itself when absent).
fn file_header(headers: &[String], key: &str) -> String {
    let f = creacity_model::fold;
    FIRM_COLUMNS
        .iter()
        .find(|c| c.key == key)
        .and_then(|c| {
            headers
                .iter()
                .find(|h| f(h) == f(c.key) || f(h) == f(c.en) || f(h) == f(c.ru))
        })
        .cloned()
        .unwrap_or_else(|| key.to_string())
}

/// Reads a generic firm list. Every bad cell is named by row and column; nothing is returned
/// unless every row is valid. Returns the firms with their row numbers in the file.
///
/// # Errors
/// [`IngestError::Format`] without data rows; [`IngestError::Invalid`] with every problem (up to
/// [`creacity_ingest::MAX_PROBLEMS`]): unknown columns, bad numbers, dates, periods, kinds,
/// coordinates out of range or half given, and duplicate id + period (both rows named).
pub fn read_firm_list(
    table: &Table,
    default_period: &str,
) -> Result<Vec<(usize, Firm)>, IngestError> {
    let invalid = |problems: Vec<Problem>| IngestError::Invalid {
        file: table.file.clone(),
        problems,
    };
    if table.rows.is_empty() {
        return Err(IngestError::Format {
            file: table.file.clone(),
            reason:
                "no data rows: expected one row per firm under the header / нет строк с фирмами"
                    .into(),
        });
    }
    let bound = bind(table, FIRM_COLUMNS).map_err(invalid)?;
    let header = |key: &str| file_header(&table.headers, key);
    let mut problems = Vec::new();
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    let mut out = Vec::with_capacity(table.rows.len());
    for c in bound.rows() {
        if problems.len() >= creacity_ingest::MAX_PROBLEMS {
            break;
        }
        let before = problems.len();
        let mut bad = |key: &str, message: String| {
            problems.push(Problem {
                row: c.row,
                column: header(key),
                message,
            })
        };
        let id = c.opt_text("id").unwrap_or_default();
        if id.is_empty() {
            bad("id", "a value is required / нужен идентификатор".into());
        }
        let period = c
            .opt_text("period")
            .unwrap_or_else(|| default_period.to_string());
        if !valid_period(&period) {
            bad(
                "period",
                format!(
                    "{period:?} is not a period: expected YYYY or YYYY-MM / ожидалось ГГГГ или ГГГГ-ММ"
                ),
            );
        }
        let kind = match c.opt_text("kind") {
            Some(k) => kind_of(&k).unwrap_or_else(|| {
                bad("kind", format!("{k:?} is not a kind: expected company, sole_trader or farm / ожидалось company, sole_trader или farm"));
                FirmKind::Unknown
            }),
            None if id.len() == 10 && id.bytes().all(|b| b.is_ascii_digit()) => FirmKind::Company,
            None if id.len() == 12 && id.bytes().all(|b| b.is_ascii_digit()) => FirmKind::SoleTrader,
            None => FirmKind::Unknown,
        };
        let category = c.opt_text("category").and_then(|k| {
            let v = category_of(&k).map(String::from);
            if v.is_none() {
                bad("category", format!("{k:?} is not a category: expected micro, small or medium / ожидалось micro, small или medium"));
            }
            v
        });
        let mut date = |key: &str| {
            c.opt_text(key).and_then(|s| {
                let d = iso_date(&s);
                if d.is_none() {
                    bad(key, format!("{s:?} is not a date: expected YYYY-MM-DD or DD.MM.YYYY / ожидалась дата"));
                }
                d
            })
        };
        let registered = date("registered");
        let exited = date("exited");
        let mut main_code = c.opt_text("main_code");
        let mut other_codes = c
            .opt_text("other_codes")
            .map(|s| split_codes(&s))
            .unwrap_or_default();
        if let Some(all) = c.opt_text("codes") {
            let mut all = split_codes(&all);
            if main_code.is_none() && !all.is_empty() {
                main_code = Some(all.remove(0));
            }
            for code in all {
                if Some(&code) != main_code.as_ref() && !other_codes.contains(&code) {
                    other_codes.push(code);
                }
            }
        }
        let lat = c.opt_float("lat", &mut problems, -90.0, 90.0);
        let lon = c.opt_float("lon", &mut problems, -180.0, 180.0);
        let employees = c.opt_float("employees", &mut problems, 0.0, f64::MAX);
        let revenue = c.opt_float("revenue", &mut problems, f64::MIN, f64::MAX);
        let expenditure = c.opt_float("expenditure", &mut problems, f64::MIN, f64::MAX);
        if lat.is_some() != lon.is_some()
            && c.opt_text("lat").is_some() != c.opt_text("lon").is_some()
        {
            problems.push(Problem {
                row: c.row,
                column: header(if lat.is_some() { "lon" } else { "lat" }),
                message: "both coordinates or neither / нужны обе координаты или ни одной".into(),
            });
        }
        if problems.len() > before {
            continue;
        }
        if let Some(first) = seen.insert((id.clone(), period.clone()), c.row) {
            problems.push(Problem {
                row: c.row,
                column: header("id"),
                message: format!(
                    "duplicate firm {id:?} of period {period} (rows {first} and {}) / повтор фирмы {id:?} за период {period} (строки {first} и {})",
                    c.row, c.row
                ),
            });
            continue;
        }
        let mut f = Firm::new(id, period, c.opt_text("name").unwrap_or_default());
        f.kind = kind;
        f.category = category;
        f.main_code = main_code;
        f.other_codes = other_codes;
        f.territory = c.opt_text("territory");
        f.region_code = c.opt_text("region_code");
        f.region = c.opt_text("region");
        f.district = c.opt_text("district");
        f.city = c.opt_text("city");
        f.settlement = c.opt_text("settlement");
        f.address = c.opt_text("address");
        f.oktmo = c.opt_text("oktmo");
        f.lat = lat;
        f.lon = lon;
        f.registered = registered;
        f.exited = exited;
        f.employees = employees;
        f.revenue = revenue;
        f.expenditure = expenditure;
        out.push((c.row, f));
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(invalid(problems))
    }
}

/// What `import_firm_list` did.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FirmListImport {
    /// The file name (no directories).
    pub source: String,
    /// Firms read.
    pub firms: usize,
    /// Whether the periods came from `default_period` (the file has no `period` column).
    pub period_assumed: Option<String>,
    /// What the store did.
    pub summary: FirmImportSummary,
}

/// Rows read, checked and stored at a time by [`import_firm_list`]: memory is bounded by this, not
/// by the size of a CSV/TSV file.
pub const FIRM_CHUNK_ROWS: usize = 50_000;

/// Reads a firm list (CSV/TSV/XLSX) and stores it in one transaction: all or nothing. CSV/TSV
/// files stream in chunks of [`FIRM_CHUNK_ROWS`] rows (see [`import_firm_list_chunked`]); XLSX
/// sheets are loaded whole (the workbook reader holds the sheet in memory), then stored the same way.
///
/// # Errors
/// Every bad cell (file, row, column), or a store error; nothing is written then.
pub fn import_firm_list(
    ws: &mut Workspace,
    path: &Path,
    period: Option<&str>,
    replace: bool,
) -> Result<FirmListImport> {
    import_firm_list_chunked(ws, path, period, replace, FIRM_CHUNK_ROWS, |_| {})
}

/// [`import_firm_list`] with the chunk size given and `progress` told the number of data rows read
/// after each chunk. Each chunk of `rows_per_chunk` rows is checked with [`read_firm_list`] and
/// added to ONE store transaction, committed only when the whole file is valid: any bad cell
/// anywhere and nothing is stored. Problems are collected across chunks (up to
/// [`creacity_ingest::MAX_PROBLEMS`]), each naming the file, its row in the file and the column;
/// an id and period given twice in different chunks is named by both rows. After the first
/// problem nothing more is stored, so of duplicates across chunks only the first is reported.
/// XLSX sheets are loaded whole and handed out in chunks.
///
/// # Errors
/// As [`import_firm_list`].
pub fn import_firm_list_chunked(
    ws: &mut Workspace,
    path: &Path,
    period: Option<&str>,
    replace: bool,
    rows_per_chunk: usize,
    mut progress: impl FnMut(usize),
) -> Result<FirmListImport> {
    let assumed = period.map(String::from).unwrap_or_else(default_period);
    let source = file_name(path);
    let mut import = Some(ws.begin_firm_import(&source, replace, true)?);
    // The file row of every firm added, by its position in the import (the store counts positions).
    let mut rows_of: Vec<usize> = Vec::new();
    let mut problems: Vec<Problem> = Vec::new();
    let mut headers: Option<(String, Vec<String>)> = None;
    let mut read = 0;
    creacity_ingest::read_table_chunks(path, rows_per_chunk, |chunk| -> Result<()> {
        if headers.is_none() {
            // Header problems would repeat in every chunk: report them once and stop.
            bind(&chunk, FIRM_COLUMNS).map_err(|problems| IngestError::Invalid {
                file: chunk.file.clone(),
                problems,
            })?;
            headers = Some((chunk.file.clone(), chunk.headers.clone()));
        }
        read += chunk.rows.len();
        match read_firm_list(&chunk, &assumed) {
            Ok(rows) => {
                if let Some(batch) = import.as_mut().filter(|_| problems.is_empty()) {
                    rows_of.extend(rows.iter().map(|(row, _)| *row));
                    let firms: Vec<Firm> = rows.into_iter().map(|(_, f)| f).collect();
                    if let Err(e) = batch.add(&firms) {
                        import = None;
                        problems.push(store_problem(e, &rows_of, &chunk.headers)?);
                    }
                }
            }
            Err(IngestError::Invalid { problems: p, .. }) => {
                // Dropping the import rolls its transaction back.
                import = None;
                problems.extend(p);
            }
            Err(e) => return Err(e.into()),
        }
        progress(read);
        if problems.len() >= creacity_ingest::MAX_PROBLEMS {
            problems.truncate(creacity_ingest::MAX_PROBLEMS);
            return Err(IngestError::Invalid {
                file: chunk.file,
                problems: std::mem::take(&mut problems),
            }
            .into());
        }
        Ok(())
    })?;
    let (file, headers) = headers.unwrap_or_default();
    if !problems.is_empty() {
        return Err(IngestError::Invalid { file, problems }.into());
    }
    let import = import.expect("an import without problems is still open");
    let summary = import.commit(&[])?;
    let has_period = headers.iter().any(|h| {
        let f = creacity_model::fold(h);
        f == "period" || f == "период"
    });
    Ok(FirmListImport {
        source,
        firms: rows_of.len(),
        period_assumed: (!has_period).then_some(assumed),
        summary,
    })
}

/// A store refusal during a chunked import as a problem naming the rows of the file.
fn store_problem(e: StoreError, rows_of: &[usize], headers: &[String]) -> Result<Problem> {
    let row = |position: usize| rows_of.get(position.wrapping_sub(1)).copied().unwrap_or(0);
    Ok(match e {
        StoreError::DuplicateFirm {
            id,
            period,
            first,
            second,
        } => {
            let (a, b) = (row(first), row(second));
            Problem {
                row: b,
                column: file_header(headers, "id"),
                message: format!(
                    "duplicate firm {id:?} of period {period} (rows {a} and {b}) / повтор фирмы {id:?} за период {period} (строки {a} и {b})"
                ),
            }
        }
        StoreError::InvalidFirm {
            position,
            field,
            value,
            expected,
            ..
        } => Problem {
            row: row(position),
            column: file_header(headers, field),
            message: format!("{value:?}: expected {expected} / {value:?}: ожидалось {expected}"),
        },
        other => return Err(other.into()),
    })
}

/// The mapping section of a territory report: the offline SVG map (territory centres and
/// outlines, firms, the newest cluster hulls and hot spots), the firms' placement, and the newest
/// stored mapping result of each kind. `None` when the workspace holds nothing to map.
///
/// # Errors
/// A store error.
pub fn mapping_section(
    ws: &Workspace,
    lang: creacity_model::Lang,
) -> Result<Option<creacity_report::Section>> {
    crate::report_map::mapping_section(ws, lang)
}

/// An OKTMO code without its trailing all-zero levels (11 → 8 → 5 → 2 digits), so it can be used
/// as a prefix: `65701000` (a municipality) → `65701`, `65000000` (a region) → `65`. Codes that
/// are not all digits come back trimmed only.
///
/// ```
/// use creacity_app::firms::oktmo_stem;
/// assert_eq!(oktmo_stem("65701000"), "65701");
/// assert_eq!(oktmo_stem("65000000"), "65");
/// assert_eq!(oktmo_stem("65701000001"), "65701000001");
/// assert_eq!(oktmo_stem(" 65700000 "), "65700");
/// ```
pub fn oktmo_stem(code: &str) -> &str {
    let mut s = code.trim();
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return s;
    }
    while matches!(s.len(), 5 | 8 | 11) && s.ends_with("000") {
        s = &s[..s.len() - 3];
    }
    s
}

/// The stored firms tied to a workspace territory (every period, ordered by id and period).
///
/// The rule, the same fields `map aggregate --by territory|oktmo` groups on: a firm belongs to
/// territory `t` when its territory code is `t.id`, or, when `t` has an OKTMO code, when its
/// territory code is that OKTMO code or its own OKTMO code (given, or found by `firms match`)
/// starts with [`oktmo_stem`] of it (so a region's or a municipality's firms include those of its
/// settlements). Region codes and addresses alone tie nothing: they are not the territory's id.
///
/// # Errors
/// A store error.
pub fn territory_firms(ws: &Workspace, t: &creacity_model::Territory) -> Result<Vec<Firm>> {
    let stem = t.oktmo.as_deref().map(oktmo_stem).filter(|s| !s.is_empty());
    let mut out: std::collections::BTreeMap<(String, String), Firm> = ws
        .firms(&FirmFilter {
            territory: Some(t.id.clone()),
            oktmo_prefix: stem.map(String::from),
            ..Default::default()
        })?
        .into_iter()
        .map(|f| ((f.id.clone(), f.period.clone()), f))
        .collect();
    if let Some(o) = t.oktmo.as_deref().map(str::trim).filter(|o| *o != t.id) {
        for f in ws.firms(&FirmFilter {
            territory: Some(o.to_string()),
            ..Default::default()
        })? {
            out.insert((f.id.clone(), f.period.clone()), f);
        }
    }
    Ok(out.into_values().collect())
}

/// The mapping section of one territory's report: as [`mapping_section`], but the map shows only
/// the firms [`territory_firms`] ties to it, framed on its outline (else its firms, else its
/// point), with only the cluster hulls and hot spots that fall in that frame; the section says
/// how many firms were tied and by which rule, and says so plainly when none could be.
/// `None` when the workspace holds neither firms nor mapping results.
///
/// # Errors
/// A store error.
pub fn territory_mapping_section(
    ws: &Workspace,
    t: &creacity_model::Territory,
    lang: creacity_model::Lang,
) -> Result<Option<creacity_report::Section>> {
    crate::report_map::territory_mapping_section(ws, t, lang)
}

/// The header of exported firm lists: the import columns (an export imports back unchanged).
pub const EXPORT_HEADER: &[&str] = &[
    "id",
    "name",
    "period",
    "kind",
    "category",
    "main_code",
    "other_codes",
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
];

fn cells(f: &Firm) -> Vec<String> {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    let n = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    vec![
        f.id.clone(),
        f.name.clone(),
        f.period.clone(),
        f.kind.code().into(),
        o(&f.category),
        o(&f.main_code),
        f.other_codes.join(";"),
        o(&f.territory),
        o(&f.region_code),
        o(&f.region),
        o(&f.district),
        o(&f.city),
        o(&f.settlement),
        o(&f.address),
        o(&f.oktmo),
        n(f.lat),
        n(f.lon),
        o(&f.registered),
        o(&f.exited),
        n(f.employees),
        n(f.revenue),
        n(f.expenditure),
    ]
}

/// The stored firms (filtered) as CSV or XLSX bytes. In workbooks only coordinates and amounts
/// are numbers; ids, codes and OKTMO stay text so leading zeros survive.
///
/// # Errors
/// A store or XLSX error.
pub fn export_firms(ws: &Workspace, filter: &FirmFilter, format: TableFormat) -> Result<Vec<u8>> {
    let firms = ws.firms(filter)?;
    let rows: Vec<Vec<String>> = firms.iter().map(cells).collect();
    let columns: Vec<Column> = EXPORT_HEADER.iter().map(|k| col(k, k, k, false)).collect();
    match format {
        TableFormat::Csv => Ok(creacity_ingest::write_csv(&columns, &rows).into_bytes()),
        TableFormat::Xlsx => creacity_ingest::write_xlsx(&columns, &rows, "firms")
            .map_err(|e| AppError::Xlsx(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> Table {
        creacity_ingest::parse_delimited("firms.csv", text.as_bytes()).unwrap()
    }

    #[test]
    fn reads_the_registry_csv_and_the_generic_columns() {
        // The header `creacity registry ingest --out` writes.
        let t = table(
            "id,territory,period,main_code,other_codes,employees,revenue,registered,name,category,kind\n\
             6600000001,66,2024-06,59.11,90.01;62.01,3,150000,2019-05-10,ООО «Синтетика»,Micro,LegalEntity\n\
             660000000012,Синтетград,2024-06,90.01,,,,10.08.2019,ИП Тестов,Small,SoleTrader\n",
        );
        let f = read_firm_list(&t, "2000").unwrap();
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].0, 2);
        let a = &f[0].1;
        assert_eq!(a.kind, FirmKind::Company);
        assert_eq!(a.other_codes, vec!["90.01", "62.01"]);
        assert_eq!(a.category.as_deref(), Some("micro"));
        assert_eq!(a.employees, Some(3.0));
        let b = &f[1].1;
        assert_eq!(b.kind, FirmKind::SoleTrader);
        assert_eq!(b.registered.as_deref(), Some("2019-08-10"));
        // Russian headers, all codes in one column, kind from the INN length, default period.
        let t = table(
            "ИНН;Наименование;Коды ОКВЭД;Широта;Долгота\n6600000001;А;59.11 90.01;56.8;60.6\n",
        );
        let f = read_firm_list(&t, "2025").unwrap();
        assert_eq!(f[0].1.main_code.as_deref(), Some("59.11"));
        assert_eq!(f[0].1.other_codes, vec!["90.01"]);
        assert_eq!(f[0].1.period, "2025");
        assert_eq!(f[0].1.kind, FirmKind::Company);
    }

    #[test]
    fn names_every_bad_cell_and_both_rows_of_a_duplicate() {
        let t = table(
            "id,period,lat,lon,registered,kind,employees\n\
             1,2024,95,60,2020-01-01,company,1\n\
             2,2024-13,56,60,31.02.2020,robot,x\n\
             3,2024,56,,,,\n\
             4,2024,56,60,,,\n\
             4,2024,56,60,,,\n",
        );
        let e = read_firm_list(&t, "2024").unwrap_err();
        let IngestError::Invalid { file, problems } = e else {
            panic!("expected Invalid");
        };
        assert_eq!(file, "firms.csv");
        let got: Vec<(usize, &str)> = problems
            .iter()
            .map(|p| (p.row, p.column.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (2, "lat"),
                (3, "period"),
                (3, "kind"),
                (3, "registered"),
                (3, "employees"),
                (4, "lon"),
                (6, "id")
            ]
        );
        assert!(
            problems[6].message.contains("rows 5 and 6"),
            "{}",
            problems[6].message
        );
    }
}
