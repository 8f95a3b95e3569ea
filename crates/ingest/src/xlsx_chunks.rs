//! Streaming the first sheet of an `.xlsx`/`.xlsm` workbook cell by cell (calamine's
//! `XlsxCellReader`), so a sheet of a million rows is never held in memory: only the workbook's
//! shared-strings table is. Rows come out as [`read_table`](crate::read_table) gives them: the
//! first non-blank row is the header, blank rows are skipped, cells are trimmed, and each row is
//! numbered as in the spreadsheet.

use std::fmt::Write as _;
use std::path::Path;

use calamine::{DataRef, Reader, Xlsx};

use crate::IngestError;
use crate::chunks::{TableHead, TableRow};

/// Reads the first sheet of `path` row by row into `each`; returns the header.
pub(crate) fn stream_xlsx<E, F>(path: &Path, each: &mut F) -> Result<TableHead, E>
where
    E: From<IngestError>,
    F: FnMut(&TableHead, &TableRow) -> Result<(), E>,
{
    let file = path.display().to_string();
    let format = |reason: String| IngestError::Format {
        file: file.clone(),
        reason,
    };
    let size = std::fs::metadata(path)
        .map_err(|source| IngestError::Io {
            file: file.clone(),
            source,
        })?
        .len();
    if size == 0 {
        return Err(format("the file is empty".into()).into());
    }
    let mut book: Xlsx<_> = calamine::open_workbook(path)
        .map_err(|e| format(format!("not a readable workbook: {e}")))?;
    // Templates carry a help sheet; data sits on the first sheet.
    let sheet = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| format("the workbook has no sheets".into()))?;
    let broken = |e: calamine::XlsxError| format(format!("sheet {sheet:?}: {e}"));
    let mut cells = book.worksheet_cells_reader(&sheet).map_err(broken)?;
    // Columns count from the sheet's declared first column, as a loaded range does.
    let first_col = cells.dimensions().start.1;
    let mut head: Option<TableHead> = None;
    let mut row = TableRow::default();
    // The sheet row being filled, and how many cells it has so far.
    let mut current: Option<u32> = None;
    let mut filled = 0u32;
    let mut text = String::new();
    let mut finish = |head: &mut Option<TableHead>, row: &TableRow| -> Result<(), E> {
        if (0..row.len()).all(|i| row.cell(i).is_empty()) {
            return Ok(());
        }
        match head {
            Some(h) => each(h, row),
            None => {
                *head = Some(TableHead {
                    file: file.clone(),
                    headers: (0..row.len()).map(|i| row.cell(i).to_string()).collect(),
                    encoding: "xlsx",
                });
                Ok(())
            }
        }
    };
    while let Some(cell) = cells.next_cell().map_err(broken)? {
        let (r, c) = cell.get_position();
        if current != Some(r) {
            if current.is_some() {
                finish(&mut head, &row)?;
            }
            current = Some(r);
            row.start(r as usize + 1);
            filled = 0;
        }
        // Cells left of the first column, or out of order within a row, have no place.
        if c < first_col || c - first_col < filled {
            continue;
        }
        while filled < c - first_col {
            row.push("");
            filled += 1;
        }
        text.clear();
        cell_text(cell.get_value(), &mut text);
        row.push(text.trim());
        filled += 1;
    }
    if current.is_some() {
        finish(&mut head, &row)?;
    }
    head.ok_or_else(|| format(format!("sheet {sheet:?} is empty")).into())
}

/// A cell as text, written as `read_table` writes it (whole numbers without `.0`).
fn cell_text(cell: &DataRef<'_>, out: &mut String) {
    let _ = match cell {
        DataRef::Empty => Ok(()),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => write!(out, "{}", *f as i64),
        DataRef::Float(f) => write!(out, "{f}"),
        DataRef::Int(i) => write!(out, "{i}"),
        DataRef::Bool(b) => write!(out, "{b}"),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            out.push_str(s);
            Ok(())
        }
        DataRef::SharedString(s) => {
            out.push_str(s);
            Ok(())
        }
        DataRef::DateTime(d) => write!(out, "{d}"),
        DataRef::Error(e) => write!(out, "#ERROR {e:?}"),
    };
}

#[cfg(test)]
mod tests {
    use rust_xlsxwriter::Workbook;

    use crate::{IngestError, read_table, read_table_chunks, read_table_rows};

    /// A synthetic sheet starting in column B, with numbers, a gap, a blank row and a help sheet.
    fn workbook(path: &Path) {
        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        for (j, h) in ["id", "name", "employees", "lat"].iter().enumerate() {
            ws.write_string(2, 1 + j as u16, *h).unwrap();
        }
        ws.write_string(3, 1, "6600000001").unwrap();
        ws.write_string(3, 2, " ООО «Синтетика» ").unwrap();
        ws.write_number(3, 3, 12.0).unwrap();
        ws.write_number(3, 4, 56.5).unwrap();
        // Row 5 blank; row 6 with a gap in the name column.
        ws.write_string(5, 1, "6600000002").unwrap();
        ws.write_string(5, 3, "много").unwrap();
        ws.write_boolean(6, 4, true).unwrap();
        book.add_worksheet().set_name("help").unwrap();
        book.worksheet_from_index(1)
            .unwrap()
            .write_string(0, 0, "synthetic / синтетика")
            .unwrap();
        book.save(path).unwrap();
    }

    use std::path::Path;

    #[test]
    fn a_sheet_streams_as_it_loads_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("firms.xlsx");
        workbook(&path);
        let whole = read_table(&path).unwrap();
        let mut rows = Vec::new();
        let head = read_table_rows(&path, |_, r| {
            rows.push((
                r.line(),
                (0..r.len())
                    .map(|i| r.cell(i).to_string())
                    .collect::<Vec<_>>(),
            ));
            Ok::<_, IngestError>(())
        })
        .unwrap();
        assert_eq!(head.headers, vec!["id", "name", "employees", "lat"]);
        assert_eq!(head.headers, whole.headers);
        assert_eq!(head.encoding, "xlsx");
        assert_eq!(
            rows,
            vec![
                (
                    4,
                    vec![
                        "6600000001".to_string(),
                        "ООО «Синтетика»".into(),
                        "12".into(),
                        "56.5".into()
                    ]
                ),
                (6, vec!["6600000002".into(), String::new(), "много".into()]),
                (
                    7,
                    vec![String::new(), String::new(), String::new(), "true".into()]
                ),
            ]
        );
        // A loaded range pads short rows to its width; the cells given are the same.
        for ((la, a), (lb, b)) in rows.iter().zip(&whole.rows) {
            assert_eq!(la, lb);
            assert_eq!(a[..], b[..a.len()]);
            assert!(b[a.len()..].iter().all(String::is_empty));
        }
        let mut sizes = Vec::new();
        let n = read_table_chunks(&path, 2, |t| {
            sizes.push(t.rows.len());
            Ok::<_, IngestError>(())
        })
        .unwrap();
        assert_eq!((n, sizes), (3, vec![2, 1]));
    }

    #[test]
    fn broken_and_empty_workbooks_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty.xlsx");
        std::fs::write(&empty, b"").unwrap();
        let rows = |p: &Path| read_table_rows(p, |_, _| Ok::<_, IngestError>(()));
        assert!(
            rows(&empty)
                .unwrap_err()
                .to_string()
                .ends_with("the file is empty")
        );
        let junk = dir.path().join("junk.xlsx");
        std::fs::write(&junk, b"id,name\n1,A\n").unwrap();
        let e = rows(&junk).unwrap_err().to_string();
        assert!(e.contains("not a readable workbook"), "{e}");
        let blank = dir.path().join("blank.xlsx");
        let mut book = Workbook::new();
        book.add_worksheet().set_name("data").unwrap();
        book.save(&blank).unwrap();
        let e = rows(&blank).unwrap_err().to_string();
        assert!(e.ends_with("sheet \"data\" is empty"), "{e}");
    }
}
