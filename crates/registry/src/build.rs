//! Turning the attributes of one `Документ` into a typed record or companion row, with the checks
//! that make a record invalid (kind, category, dates, INN, headcount) and the counters that do not.

use crate::companion::is_unknown_companion;
use crate::error::RegistryError;
use crate::parse::{CompanionRow, DocDraft, OnError, ParseContext, ParsedFile};
use crate::record::{Category, Date, EmployeesSource, FirmKind, FirmRecord, inn_checksum_ok};
use crate::schema::{FileKind, SchemaVersion};

pub(crate) fn finish_doc(
    d: DocDraft,
    out: &mut ParsedFile,
    cx: &ParseContext<'_>,
) -> Result<(), RegistryError> {
    let result = match out.kind {
        Some(FileKind::Registry) | None => build_record(d, out, cx).map(|r| out.records.push(r)),
        Some(kind) => {
            build_companion(d, kind, is_unknown_companion(out), cx).map(|r| out.companions.push(r))
        }
    };
    match (result, cx.on_error) {
        (Ok(()), _) => Ok(()),
        (Err(e), OnError::Skip) => {
            out.skipped.push(e);
            Ok(())
        }
        (Err(e), OnError::Stop) => Err(e),
    }
}

fn invalid(
    cx: &ParseContext<'_>,
    offset: u64,
    field: &'static str,
    value: Option<&str>,
    expected: &'static str,
) -> RegistryError {
    RegistryError::InvalidRecord {
        zip: cx.zip.to_string(),
        entry: cx.entry.to_string(),
        offset,
        field,
        value: value.unwrap_or("").to_string(),
        expected,
    }
}

fn date_field(
    v: &Option<String>,
    cx: &ParseContext<'_>,
    off: u64,
    field: &'static str,
) -> Result<Date, RegistryError> {
    v.as_deref()
        .and_then(Date::parse_ru)
        .ok_or_else(|| invalid(cx, off, field, v.as_deref(), "a date dd.mm.yyyy"))
}

fn build_record(
    mut d: DocDraft,
    out: &mut ParsedFile,
    cx: &ParseContext<'_>,
) -> Result<FirmRecord, RegistryError> {
    let off = d.offset;
    let kind = d
        .kind
        .as_deref()
        .and_then(FirmKind::from_code)
        .ok_or_else(|| invalid(cx, off, "ВидСубМСП", d.kind.as_deref(), "1, 2 or 3"))?;
    let category = d
        .category
        .as_deref()
        .and_then(Category::from_code)
        .ok_or_else(|| invalid(cx, off, "КатСубМСП", d.category.as_deref(), "1, 2 or 3"))?;
    let snapshot_date = date_field(&d.snapshot, cx, off, "ДатаСост")?;
    let included_on = date_field(&d.included, cx, off, "ДатаВклМСП")?;
    let (inn_field, inn_len) = match kind {
        FirmKind::LegalEntity => ("ИННЮЛ", 10),
        _ => ("ИННФЛ", 12),
    };
    let inn = d.inn.take().unwrap_or_default();
    if inn.len() != inn_len || !inn.bytes().all(|c| c.is_ascii_digit()) {
        let exp = if inn_len == 10 {
            "10 digits"
        } else {
            "12 digits"
        };
        return Err(invalid(cx, off, inn_field, Some(&inn), exp));
    }
    if !inn_checksum_ok(&inn) {
        out.stats.bad_inn_checksum += 1;
    }
    let employees = match d.headcount.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(v) => Some(
            v.parse::<u32>()
                .map_err(|_| invalid(cx, off, "ССЧР", Some(v), "a non-negative whole number"))?,
        ),
    };
    let name = match kind {
        FirmKind::LegalEntity => d.name.take().unwrap_or_default(),
        _ => d
            .fio
            .iter()
            .flatten()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
    };
    if !d.codes.first().is_some_and(|c| c.main) {
        out.stats.missing_main_code += 1;
    }
    let flag = |v: &Option<String>| match v.as_deref().map(str::trim) {
        Some("1") => Some(true),
        Some("2") => Some(false),
        _ => None,
    };
    let [region, district, city, settlement] = d.places;
    Ok(FirmRecord {
        inn,
        ogrn: d.ogrn.filter(|s| !s.trim().is_empty()),
        kind,
        name,
        short_name: d.short_name.filter(|s| !s.trim().is_empty()),
        category,
        newly_created: flag(&d.new_flag),
        social_enterprise: flag(&d.social),
        snapshot_date,
        included_on,
        region_code: d.region_code.unwrap_or_default(),
        region,
        district,
        city,
        settlement,
        codes: d.codes,
        employees_source: employees.map(|_| EmployeesSource::Registry),
        employees,
        finance: None,
        document_id: d.doc_id,
        schema: out.version.unwrap_or(SchemaVersion::V4_06),
    })
}

/// A companion row. `strict` (a file of an unknown `ВерсФорм`): the row must also carry a value
/// of its dataset, else the known structure did not find it and the document is invalid.
fn build_companion(
    d: DocDraft,
    kind: FileKind,
    strict: bool,
    cx: &ParseContext<'_>,
) -> Result<CompanionRow, RegistryError> {
    let off = d.offset;
    let inn = d.inn.unwrap_or_default();
    if inn.len() != 10 || !inn.bytes().all(|c| c.is_ascii_digit()) {
        return Err(invalid(cx, off, "ИННЮЛ", Some(&inn), "10 digits"));
    }
    let money = |v: &Option<String>, field| -> Result<Option<f64>, RegistryError> {
        match v.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(s) => s
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .map(Some)
                .ok_or_else(|| invalid(cx, off, field, Some(s), "an amount in roubles")),
        }
    };
    let employees = match d.employees.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(v) => Some(
            v.parse::<u32>()
                .map_err(|_| invalid(cx, off, "КолРаб", Some(v), "a non-negative whole number"))?,
        ),
    };
    let date = d
        .doc_date
        .as_deref()
        .or(d.snapshot.as_deref())
        .and_then(Date::parse_ru);
    let row = CompanionRow {
        inn,
        date,
        revenue: money(&d.revenue, "СумДоход")?,
        expenditure: money(&d.expenditure, "СумРасход")?,
        employees,
    };
    if strict {
        let (found, field, expected) = match kind {
            FileKind::Headcount => (
                row.employees.is_some(),
                "СведССЧР @КолРаб",
                "present (a non-negative whole number)",
            ),
            _ => (
                row.revenue.is_some() || row.expenditure.is_some(),
                "СведДохРасх @СумДоход|@СумРасход",
                "present (an amount in roubles)",
            ),
        };
        if !found {
            return Err(invalid(cx, off, field, None, expected));
        }
    }
    Ok(row)
}
