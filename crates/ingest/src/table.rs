//! A rectangular table read from CSV/TSV (any common delimiter, UTF-8 or windows-1251) or a workbook.

use std::path::Path;

use calamine::{Data, Reader};

use crate::decode::{decode, looks_binary};
use crate::{IngestError, Problem};

/// A table as read: headers and rows of text cells, each row with its 1-based row number in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The file name as the user gave it (for messages).
    pub file: String,
    /// Header cells, trimmed.
    pub headers: Vec<String>,
    /// Rows: (row number in the file, cells). Blank rows are dropped.
    pub rows: Vec<(usize, Vec<String>)>,
    /// Encoding the text was decoded from (`xlsx` for workbooks).
    pub encoding: &'static str,
}

/// Refuses, from its first bytes, content that is not delimited text: a zip/XLSX workbook or
/// binary bytes. The reason is for [`IngestError::Format`].
pub(crate) fn text_start(head: &[u8]) -> Result<(), &'static str> {
    if head.starts_with(b"PK\x03\x04") {
        return Err("this is a zip/XLSX workbook, not CSV text: give it an .xlsx extension");
    }
    if looks_binary(head) {
        return Err("binary content: expected CSV text");
    }
    Ok(())
}

/// A CSV reader over `text` (comments `#`, ragged rows allowed) whose delimiter — comma,
/// semicolon or tab — is the one `header_line` holds most of, and the trimmed header cells.
pub(crate) fn csv_with_header<R: std::io::Read>(
    header_line: &str,
    text: R,
) -> Result<(csv::Reader<R>, Vec<String>), String> {
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| header_line.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .comment(Some(b'#'))
        .flexible(true)
        .has_headers(true)
        .from_reader(text);
    let headers = reader
        .headers()
        .map_err(|e| format!("cannot read the header row: {e}"))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    Ok((reader, headers))
}

/// Reads a CSV/TSV or XLSX/ODS file into a [`Table`], choosing by extension and checking the content.
///
/// # Errors
/// [`IngestError::Io`], or [`IngestError::Format`] for empty files, binaries posing as text, and
/// anything else that is not a table.
pub fn read_table(path: &Path) -> Result<Table, IngestError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| IngestError::Io {
        file: file.clone(),
        source,
    })?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => read_workbook(&file, bytes),
        "csv" | "tsv" | "txt" | "" => parse_delimited(&file, &bytes),
        other => Err(IngestError::Format {
            file,
            reason: format!("unsupported file type .{other}: expected .csv, .tsv or .xlsx"),
        }),
    }
}

/// Parses delimited text; the delimiter is the most frequent of `,`, `;` and tab in the header line.
/// Lines starting with `#` are comments (templates explain their columns that way).
///
/// # Errors
/// [`IngestError::Format`] for empty or binary content and rows the CSV reader cannot split.
pub fn parse_delimited(file: &str, bytes: &[u8]) -> Result<Table, IngestError> {
    let format = |reason: &str| IngestError::Format {
        file: file.to_string(),
        reason: reason.to_string(),
    };
    text_start(bytes).map_err(format)?;
    let (text, encoding) = decode(bytes);
    let header_line = text
        .lines()
        .find(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .ok_or_else(|| format("the file is empty: expected a header row and data rows"))?;
    let (mut reader, headers) =
        csv_with_header(header_line, text.as_bytes()).map_err(|e| format(&e))?;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format(&format!("not valid CSV: {e}")))?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        rows.push((line, cells));
    }
    Ok(Table {
        file: file.to_string(),
        headers,
        rows,
        encoding,
    })
}

fn read_workbook(file: &str, bytes: Vec<u8>) -> Result<Table, IngestError> {
    let format = |reason: String| IngestError::Format {
        file: file.to_string(),
        reason,
    };
    if bytes.is_empty() {
        return Err(format("the file is empty".into()));
    }
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| format(format!("not a readable workbook: {e}")))?;
    let names = book.sheet_names().to_vec();
    // Templates carry a help sheet; data sits on the first sheet.
    let sheet = names
        .first()
        .cloned()
        .ok_or_else(|| format("the workbook has no sheets".into()))?;
    let range = book
        .worksheet_range(&sheet)
        .map_err(|e| format(format!("sheet {sheet:?}: {e}")))?;
    let start_row = range.start().map_or(0, |(r, _)| r as usize);
    let mut iter = range.rows().enumerate();
    let headers = loop {
        match iter.next() {
            Some((_, row)) if row.iter().all(|c| cell_text(c).is_empty()) => continue,
            Some((_, row)) => break row.iter().map(cell_text).collect::<Vec<_>>(),
            None => return Err(format(format!("sheet {sheet:?} is empty"))),
        }
    };
    let rows = iter
        .map(|(i, row)| {
            (
                start_row + i + 1,
                row.iter().map(cell_text).collect::<Vec<_>>(),
            )
        })
        .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()))
        .collect();
    Ok(Table {
        file: file.to_string(),
        headers,
        rows,
        encoding: "xlsx",
    })
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::String(s) => s.trim().to_string(),
        Data::DateTime(d) => d.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#ERROR {e:?}"),
    }
}

impl Table {
    /// A problem about the whole file.
    pub fn problem(&self, row: usize, column: &str, message: impl Into<String>) -> Problem {
        Problem {
            row,
            column: column.to_string(),
            message: message.into(),
        }
    }
}
