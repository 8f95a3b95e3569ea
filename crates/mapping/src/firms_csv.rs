//! Firm facts from CSV text: the generic firm list any registry export can be turned into.

use crate::{Date, FirmFact, MappingError, Period};

/// Reads firm facts from CSV text with a header. Columns (any order, any case): `id`,
/// `territory`, `period` (`YYYY` or `YYYY-MM`), `main_code`, and optionally `other_codes`
/// (separated by `;`, `|` or spaces), `employees`, `revenue`, `registered`, `exited` (dates
/// `YYYY-MM-DD` or `DD.MM.YYYY`). Separator `,` (or `;` when the header has more of them).
///
/// # Errors
/// A missing column, an unreadable number, period or date (row and column named), or no rows.
///
/// ```
/// use creacity_mapping::parse_firm_facts_csv;
/// let f = parse_firm_facts_csv("id,territory,period,main_code,other_codes\n1,T,2024,62.01,59.11;90.01\n").unwrap();
/// assert_eq!(f[0].other_codes, vec!["59.11", "90.01"]);
/// ```
pub fn parse_firm_facts_csv(text: &str) -> Result<Vec<FirmFact>, MappingError> {
    let (mut rdr, header) = crate::csv_text::with_header(text)?;
    let col = |name: &str| header.iter().position(|h| h == name);
    let need = |name: &str| {
        col(name).ok_or_else(|| MappingError::MissingColumn {
            column: name.to_string(),
            found: header.join(", "),
        })
    };
    let (ci, ct, cp, cm) = (
        need("id")?,
        need("territory")?,
        need("period")?,
        need("main_code")?,
    );
    let (co, ce, cr, creg, cex) = (
        col("other_codes"),
        col("employees"),
        col("revenue"),
        col("registered"),
        col("exited"),
    );
    let mut out = Vec::new();
    for (k, rec) in rdr.records().enumerate() {
        let row = k + 2;
        let rec = rec.map_err(|e| MappingError::Csv {
            row,
            message: e.to_string(),
        })?;
        if rec.iter().all(str::is_empty) {
            continue;
        }
        let cell = |c: usize| rec.get(c).unwrap_or("").trim();
        let opt = |c: Option<usize>| c.map(cell).filter(|s| !s.is_empty());
        let relabel = |e: MappingError, c: usize| match e {
            MappingError::BadValue {
                value, expected, ..
            } => MappingError::BadValue {
                row,
                column: header[c].clone(),
                value,
                expected,
            },
            other => other,
        };
        let num = |c: Option<usize>| -> Result<Option<f64>, MappingError> {
            match (c, opt(c)) {
                (Some(c), Some(s)) => s.replace(',', ".").parse::<f64>().map(Some).map_err(|_| {
                    MappingError::BadValue {
                        row,
                        column: header[c].clone(),
                        value: s.to_string(),
                        expected: "a number / число".into(),
                    }
                }),
                _ => Ok(None),
            }
        };
        let date = |c: Option<usize>| -> Result<Option<Date>, MappingError> {
            match (c, opt(c)) {
                (Some(c), Some(s)) => Date::parse(s).map(Some).map_err(|e| relabel(e, c)),
                _ => Ok(None),
            }
        };
        out.push(FirmFact {
            id: cell(ci).to_string(),
            territory: cell(ct).to_string(),
            period: Period::parse(cell(cp)).map_err(|e| relabel(e, cp))?,
            main_code: Some(cell(cm).to_string()).filter(|s| !s.is_empty()),
            other_codes: opt(co)
                .map(|s| {
                    s.split([';', '|', ' '])
                        .filter(|c| !c.is_empty())
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
            employees: num(ce)?,
            revenue: num(cr)?,
            registered: date(creg)?,
            exited: date(cex)?,
        });
    }
    if out.is_empty() {
        return Err(MappingError::Empty("no firms after the header".into()));
    }
    Ok(out)
}
