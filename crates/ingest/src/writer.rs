//! Writing tables: CSV and XLSX exports, and fillable templates with explanations in both languages.

use rust_xlsxwriter::{DataValidation, Format, Workbook, XlsxError};

use crate::columns::Column;

/// Columns written as numbers in workbooks (everything else stays text, so ids like `007` survive).
const NUMERIC: &[&str] = &[
    "public_share_creation",
    "public_share_operation",
    "public_seats",
    "board_seats",
    "residents",
    "private_resident_share",
    "year_opened",
    "population",
    "lat",
    "lon",
];

/// Rows as CSV text (UTF-8, comma-separated, header of column keys).
pub fn write_csv(columns: &[Column], rows: &[Vec<String>]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(columns.iter().map(|c| c.key));
    for r in rows {
        let _ = w.write_record(r);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Rows as an XLSX workbook with one sheet named `sheet`.
///
/// # Errors
/// The XLSX writer's error (for example a sheet name Excel refuses).
pub fn write_xlsx(
    columns: &[Column],
    rows: &[Vec<String>],
    sheet: &str,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet().set_name(sheet)?;
    let bold = Format::new().set_bold();
    for (j, c) in columns.iter().enumerate() {
        ws.write_string_with_format(0, j as u16, c.key, &bold)?;
        ws.set_column_width(j as u16, 18)?;
    }
    for (i, r) in rows.iter().enumerate() {
        for (j, v) in r.iter().enumerate() {
            let (row, col) = (i as u32 + 1, j as u16);
            match v.parse::<f64>() {
                Ok(n) if NUMERIC.contains(&columns[j].key) => ws.write_number(row, col, n)?,
                _ => ws.write_string(row, col, v)?,
            };
        }
    }
    ws.set_freeze_panes(1, 0)?;
    book.save_to_buffer()
}

/// A CSV template: `#` lines explain each column (both languages, with accepted values), then the header.
pub fn template_csv(columns: &[Column], title: &str) -> String {
    let mut out = format!(
        "# {title}\n# Lines starting with # are comments; creacity ignores them on import.\n# Строки, начинающиеся с #, — комментарии; при импорте они пропускаются.\n"
    );
    for c in columns {
        let req = if c.required {
            " [required / обязательно]"
        } else {
            ""
        };
        out.push_str(&format!(
            "# {}{req}: {} / {}\n",
            c.key, c.help_en, c.help_ru
        ));
        let values = (c.values)();
        if !values.is_empty() {
            let list: Vec<String> = values
                .iter()
                .map(|(code, en, ru)| format!("{code} ({en} / {ru})"))
                .collect();
            out.push_str(&format!("#     values / значения: {}\n", list.join("; ")));
        }
    }
    out.push_str(&write_csv(columns, &[]));
    out
}

/// An XLSX template: a data sheet with the headers and drop-down lists for coded columns, and a help
/// sheet explaining every column in both languages.
///
/// # Errors
/// The XLSX writer's error.
pub fn template_xlsx(columns: &[Column], sheet: &str) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let ws = book.add_worksheet().set_name(sheet)?;
    for (j, c) in columns.iter().enumerate() {
        ws.write_string_with_format(0, j as u16, c.key, &bold)?;
        ws.set_column_width(j as u16, 20)?;
        let values = (c.values)();
        if !values.is_empty() && c.key != "support" {
            let codes: Vec<&str> = values.iter().map(|v| v.0).collect();
            let dv = DataValidation::new().allow_list_strings(&codes)?;
            ws.add_data_validation(1, j as u16, 1000, j as u16, &dv)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    let help = book.add_worksheet().set_name("help")?;
    for (j, h) in [
        "column",
        "required / обязательно",
        "English",
        "Русский",
        "values / значения",
    ]
    .iter()
    .enumerate()
    {
        help.write_string_with_format(0, j as u16, *h, &bold)?;
    }
    for (i, c) in columns.iter().enumerate() {
        let row = i as u32 + 1;
        help.write_string(row, 0, c.key)?;
        help.write_string(row, 1, if c.required { "yes / да" } else { "" })?;
        help.write_string(row, 2, c.help_en)?;
        help.write_string(row, 3, c.help_ru)?;
        let values: Vec<String> = (c.values)()
            .iter()
            .map(|(code, en, ru)| format!("{code} ({en} / {ru})"))
            .collect();
        help.write_string(row, 4, values.join("; "))?;
    }
    for (j, w) in [24, 14, 60, 60, 80].iter().enumerate() {
        help.set_column_width(j as u16, *w)?;
    }
    book.save_to_buffer()
}

/// A workbook with one sheet per CSV text, for exports of results whose columns are not fixed
/// (counts per category, every stage of an index). Cells that parse as numbers are written as numbers.
///
/// # Errors
/// The XLSX writer's error; a CSV text that cannot be split gives an error naming its sheet.
pub fn csv_sheets_to_xlsx(sheets: &[(String, String)]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    for (name, text) in sheets {
        // Excel limits sheet names to 31 characters and forbids a few.
        let clean: String = name
            .chars()
            .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
            .take(31)
            .collect();
        let ws = book.add_worksheet().set_name(&clean)?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        for (i, record) in reader.records().enumerate() {
            let record =
                record.map_err(|e| XlsxError::ParameterError(format!("sheet {clean}: {e}")))?;
            for (j, cell) in record.iter().enumerate() {
                let (row, col) = (i as u32, j as u16);
                match cell.parse::<f64>() {
                    Ok(n) if i > 0 && n.is_finite() => ws.write_number(row, col, n)?,
                    _ if i == 0 => ws.write_string_with_format(row, col, cell, &bold)?,
                    _ => ws.write_string(row, col, cell)?,
                };
            }
        }
        ws.set_freeze_panes(1, 0)?;
    }
    book.save_to_buffer()
}
