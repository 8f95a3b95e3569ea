//! Storing a firm list: the file read row by row, each firm built straight from its row and
//! handed to one store transaction, committed only when every row of the file is valid.

use std::path::Path;

use creacity_ingest::{IngestError, Problem, TableHead, TableRow};
use creacity_store::{Firm, FirmImportSummary, ROWS_PER_STATEMENT, StoreError, Workspace};

use super::default_period;
use super::read::{FirmReader, Problems};
use super::seen::SeenFirms;
use crate::Result;
use crate::records::file_name;

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

/// Rows between two progress reports of [`import_firm_list`]. Memory does not grow with the
/// file: rows are read one at a time into one buffer and handed to the store a few thousand
/// firms at a time.
pub const FIRM_CHUNK_ROWS: usize = 50_000;

/// Firms handed to the store at a time (at most): a few statements' worth, so the firms waiting
/// stay in cache and memory stays flat.
const STORE_BATCH: usize = 4 * ROWS_PER_STATEMENT;

/// Reads a firm list (CSV/TSV/XLSX) and stores it in one transaction: all or nothing. CSV/TSV
/// files and `.xlsx` sheets stream row by row (see [`import_firm_list_chunked`]); other workbooks
/// are loaded whole, then stored the same way.
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

/// The firms waiting for the store, with their rows in the file.
struct Pending {
    firms: Vec<Firm>,
    rows: Vec<usize>,
    /// Firms handed to the store before these (its positions count from 1 over the import).
    stored: usize,
}

/// [`import_firm_list`] with `progress` told the number of data rows read after every
/// `rows_per_chunk` rows and at the end. Rows are checked as they are read and the valid firms
/// added to ONE store transaction, committed only when the whole file is valid: any bad cell
/// anywhere and nothing is stored. After the first problem nothing more is stored, but every
/// row is still read and checked to the end of the file, so the error lists the problems of the
/// whole file: the first [`creacity_ingest::MAX_PROBLEMS`], each naming the file, its row and the
/// column (an id and period given twice, anywhere in the file, names both rows), then a line
/// counting the rest.
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
    let rows_per_chunk = rows_per_chunk.max(1);
    let assumed = period.map(String::from).unwrap_or_else(default_period);
    let source = file_name(path);
    // Duplicates are checked here, across the whole file, also after the store has stopped.
    let mut import = Some(ws.begin_firm_import(&source, replace, false)?);
    let mut reader: Option<FirmReader> = None;
    let mut problems = Problems::new(creacity_ingest::MAX_PROBLEMS);
    let mut seen = SeenFirms::default();
    let batch = STORE_BATCH.min(rows_per_chunk);
    let mut pending = Pending {
        firms: Vec::with_capacity(batch),
        rows: Vec::with_capacity(batch),
        stored: 0,
    };
    let mut read = 0;
    let head =
        creacity_ingest::read_table_rows(path, |head: &TableHead, row: &TableRow| -> Result<()> {
            if reader.is_none() {
                // Header problems would repeat on every row: report them once and stop.
                reader = Some(FirmReader::new(&head.file, &head.headers, &assumed)?);
            }
            let r = reader.as_ref().expect("set above");
            read += 1;
            if let Some(firm) = r.read(row, &mut seen, &mut problems)
                && problems.is_empty()
            {
                pending.firms.push(firm);
                pending.rows.push(row.line());
            }
            if !problems.is_empty() {
                // Dropping the import rolls its transaction back.
                import = None;
            }
            if pending.firms.len() >= batch
                && let Some(imp) = import.as_mut()
                && let Err(e) = store(imp, &mut pending)
            {
                import = None;
                problems.push(store_problem(e, &pending, r)?);
            }
            if import.is_none() {
                pending.firms.clear();
            }
            if read % rows_per_chunk == 0 {
                progress(read);
            }
            Ok(())
        })?;
    let reader = match reader {
        Some(r) => r,
        None => {
            FirmReader::new(&head.file, &head.headers, &assumed)?;
            return Err(IngestError::Format {
                file: head.file,
                reason:
                    "no data rows: expected one row per firm under the header / нет строк с фирмами"
                        .into(),
            }
            .into());
        }
    };
    if read % rows_per_chunk != 0 {
        progress(read);
    }
    if let Some(imp) = import.as_mut()
        && let Err(e) = store(imp, &mut pending)
    {
        problems.push(store_problem(e, &pending, &reader)?);
    }
    if !problems.is_empty() {
        return Err(IngestError::Invalid {
            file: head.file,
            problems: problems.into_list(),
        }
        .into());
    }
    let import = import.expect("an import without problems is still open");
    let summary = import.commit(&[])?;
    Ok(FirmListImport {
        source,
        firms: read,
        period_assumed: (!reader.has_period()).then_some(assumed),
        summary,
    })
}

/// Hands the pending firms to the store.
fn store(
    import: &mut creacity_store::FirmImport<'_>,
    pending: &mut Pending,
) -> Result<(), StoreError> {
    let n = pending.firms.len();
    import.add_owned(pending.firms.drain(..))?;
    pending.stored += n;
    pending.rows.clear();
    Ok(())
}

/// A store refusal as a problem naming the row of the file.
fn store_problem(e: StoreError, pending: &Pending, reader: &FirmReader) -> Result<Problem> {
    let row = |position: usize| {
        pending
            .rows
            .get(position.wrapping_sub(pending.stored + 1))
            .copied()
            .unwrap_or(0)
    };
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
                column: reader.header_of("id"),
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
            column: reader.header_of(field),
            message: format!("{value:?}: expected {expected} / {value:?}: ожидалось {expected}"),
        },
        other => return Err(other.into()),
    })
}

#[cfg(test)]
mod tests {
    use creacity_ingest::columns::Column;
    use creacity_store::FirmFilter;

    use super::*;
    use crate::AppError;

    /// `n` synthetic firms, firm k on line k + 1.
    fn csv(n: usize) -> String {
        let mut s = String::from("id,name,period,main_code,employees\n");
        for k in 1..=n {
            s.push_str(&format!("66{k:08},Синтетика {k},2024,59.11,{k}\n"));
        }
        s
    }

    fn problems(e: AppError) -> Vec<Problem> {
        match e {
            AppError::Ingest(IngestError::Invalid { problems, .. }) => problems,
            other => panic!("expected Invalid, got {other}"),
        }
    }

    fn rows_and_columns(p: &[Problem]) -> Vec<(usize, &str)> {
        p.iter().map(|p| (p.row, p.column.as_str())).collect()
    }

    #[test]
    fn every_row_is_checked_after_the_first_problem_and_the_rest_counted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("firms.csv");
        // Every employees cell bad: 80 problems, the first 50 listed, 30 counted.
        let mut text = String::from("id,period,employees\n");
        for k in 1..=80 {
            text.push_str(&format!("66{k:08},2024,x{k}\n"));
        }
        std::fs::write(&path, text).unwrap();
        let mut ws = Workspace::create(&dir.path().join("w.db")).unwrap();
        let mut seen = Vec::new();
        let e = import_firm_list_chunked(&mut ws, &path, None, false, 30, |n| seen.push(n))
            .unwrap_err();
        assert_eq!(seen, vec![30, 60, 80]);
        let p = problems(e);
        assert_eq!(p.len(), creacity_ingest::MAX_PROBLEMS + 1);
        assert_eq!((p[0].row, p[49].row), (2, 51));
        assert_eq!((p[50].row, p[50].column.as_str()), (0, ""));
        assert!(
            p[50].message.starts_with("and 30 more"),
            "{}",
            p[50].message
        );
        assert!(ws.firms(&FirmFilter::default()).unwrap().is_empty());
    }

    #[test]
    fn duplicates_after_a_bad_row_are_still_named_by_both_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("firms.csv");
        // Line 3 bad; firm 22 (line 23) repeats firm 4 (line 5) and firm 25 (line 26) firm 12
        // (line 13): all in different chunks of 10, all after the bad row.
        let text = csv(25)
            .replace("Синтетика 2,2024,59.11,2", "Синтетика 2,2024,59.11,два")
            .replace("6600000022,", "6600000004,")
            .replace("6600000025,", "6600000012,")
            // Firm 20 (line 21) takes the id of the bad row: that row gave no firm to repeat.
            .replace("6600000020,", "6600000002,");
        std::fs::write(&path, text).unwrap();
        let mut ws = Workspace::create(&dir.path().join("w.db")).unwrap();
        let p = problems(
            import_firm_list_chunked(&mut ws, &path, None, false, 10, |_| {}).unwrap_err(),
        );
        assert_eq!(
            rows_and_columns(&p),
            vec![(3, "employees"), (23, "id"), (26, "id")]
        );
        assert!(p[1].message.contains("rows 5 and 23"), "{}", p[1].message);
        assert!(p[2].message.contains("строки 13 и 26"), "{}", p[2].message);
        assert!(ws.firms(&FirmFilter::default()).unwrap().is_empty());
    }

    #[test]
    fn a_workbook_streams_and_a_bad_cell_is_named_by_sheet_row_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let columns: Vec<Column> = [
            "ИНН",
            "Наименование",
            "Период",
            "Численность",
            "Широта",
            "Долгота",
        ]
        .iter()
        .map(|h| super::super::col(h, h, h, false))
        .collect();
        let mut rows: Vec<Vec<String>> = (1..=7)
            .map(|k| {
                vec![
                    format!("66{k:08}"),
                    format!("ООО «Синтетика {k}»"),
                    "2024-06".into(),
                    k.to_string(),
                    "56.8".into(),
                    "60.6".into(),
                ]
            })
            .collect();
        let good = dir.path().join("firms.xlsx");
        std::fs::write(
            &good,
            creacity_ingest::write_xlsx(&columns, &rows, "firms").unwrap(),
        )
        .unwrap();
        let mut ws = Workspace::create(&dir.path().join("w.db")).unwrap();
        let mut seen = Vec::new();
        let r = import_firm_list_chunked(&mut ws, &good, None, false, 3, |n| seen.push(n)).unwrap();
        assert_eq!((r.firms, r.summary.inserted, seen), (7, 7, vec![3, 6, 7]));
        let firms = ws.firms(&FirmFilter::default()).unwrap();
        assert_eq!(firms[6].name, "ООО «Синтетика 7»");
        assert_eq!(
            (firms[6].period.as_str(), firms[6].employees),
            ("2024-06", Some(7.0))
        );
        assert_eq!((firms[6].lat, firms[6].lon), (Some(56.8), Some(60.6)));
        assert_eq!(firms[6].source, "firms.xlsx");
        // Firm 5 sits on sheet row 6; firm 7 gets a latitude out of range on row 8.
        rows[4][3] = "пять".into();
        rows[6][4] = "95".into();
        let bad = dir.path().join("bad.xlsx");
        std::fs::write(
            &bad,
            creacity_ingest::write_xlsx(&columns, &rows, "firms").unwrap(),
        )
        .unwrap();
        let p =
            problems(import_firm_list_chunked(&mut ws, &bad, None, true, 3, |_| {}).unwrap_err());
        assert_eq!(
            rows_and_columns(&p),
            vec![(6, "Численность"), (8, "Широта")]
        );
        assert!(
            p[0].message.contains("\"пять\" is not a number"),
            "{}",
            p[0].message
        );
        // The refused replace left the first import in place.
        assert_eq!(ws.firms(&FirmFilter::default()).unwrap().len(), 7);
    }
}
