//! Firm lists imported in chunks: complete, all or nothing, problems named by the file's rows.
//! All firms here are synthetic.

use creacity_app::AppError;
use creacity_app::firms::import_firm_list_chunked;
use creacity_ingest::IngestError;
use creacity_store::{FirmFilter, Workspace};

fn workspace(dir: &tempfile::TempDir) -> Workspace {
    Workspace::create(&dir.path().join("w.db")).unwrap()
}

/// `n` synthetic firms, one per line after the header (firm k on line k + 1).
fn csv(n: usize) -> String {
    let mut s = String::from("id,name,period,main_code,employees\n");
    for k in 1..=n {
        s.push_str(&format!("66{k:08},Синтетика {k},2024,59.11,{k}\n"));
    }
    s
}

/// Windows-1251 bytes of ASCII and Russian text (А–я, Ё, ё, « »), written out here because the
/// crate has no encoder dependency.
fn cp1251(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            c if c.is_ascii() => c as u8,
            'А'..='я' => (c as u32 - 'А' as u32 + 0xC0) as u8,
            'Ё' => 0xA8,
            'ё' => 0xB8,
            '«' => 0xAB,
            '»' => 0xBB,
            other => panic!("{other:?} is not in this table"),
        })
        .collect()
}

fn problems(e: AppError) -> (String, Vec<creacity_ingest::Problem>) {
    match e {
        AppError::Ingest(IngestError::Invalid { file, problems }) => (file, problems),
        other => panic!("expected Invalid, got {other}"),
    }
}

#[test]
fn a_file_of_several_chunks_imports_completely() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("firms.csv");
    std::fs::write(&path, csv(25)).unwrap();
    let mut ws = workspace(&dir);
    let mut seen = Vec::new();
    let r = import_firm_list_chunked(&mut ws, &path, None, false, 10, |n| seen.push(n)).unwrap();
    assert_eq!(seen, vec![10, 20, 25]);
    assert_eq!(
        (r.firms, r.summary.inserted, r.summary.updated),
        (25, 25, 0)
    );
    assert_eq!(r.source, "firms.csv");
    assert_eq!(r.period_assumed, None);
    let firms = ws.firms(&FirmFilter::default()).unwrap();
    assert_eq!(firms.len(), 25);
    assert_eq!(firms[24].id, "6600000025");
    assert_eq!(firms[24].employees, Some(25.0));
    assert_eq!(ws.firm_status().unwrap().firms, 25_i64);
}

#[test]
fn a_bad_cell_in_the_last_chunk_stores_nothing_and_names_the_file_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("firms.csv");
    // Firm 23 sits on line 24, in the third chunk of 10.
    let text = csv(25).replace(
        "Синтетика 23,2024,59.11,23",
        "Синтетика 23,2024,59.11,много",
    );
    std::fs::write(&path, text).unwrap();
    let mut ws = workspace(&dir);
    // Something stored before must survive a refused replace.
    let keep = dir.path().join("keep.csv");
    std::fs::write(&keep, "id,period\n7700000001,2023\n").unwrap();
    import_firm_list_chunked(&mut ws, &keep, None, false, 10, |_| {}).unwrap();
    let e = import_firm_list_chunked(&mut ws, &path, None, true, 10, |_| {}).unwrap_err();
    let (file, p) = problems(e);
    assert!(file.ends_with("firms.csv"), "{file}");
    assert_eq!(p.len(), 1);
    assert_eq!((p[0].row, p[0].column.as_str()), (24, "employees"));
    let left = ws.firms(&FirmFilter::default()).unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].id, "7700000001");
}

#[test]
fn problems_are_collected_across_chunks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("firms.csv");
    let text = csv(25)
        .replace("Синтетика 3,2024", "Синтетика 3,2024-13")
        .replace("Синтетика 17,2024", "Синтетика 17,24");
    std::fs::write(&path, text).unwrap();
    let mut ws = workspace(&dir);
    let (_, p) =
        problems(import_firm_list_chunked(&mut ws, &path, None, false, 10, |_| {}).unwrap_err());
    let got: Vec<(usize, &str)> = p.iter().map(|p| (p.row, p.column.as_str())).collect();
    assert_eq!(got, vec![(4, "period"), (18, "period")]);
    assert!(ws.firms(&FirmFilter::default()).unwrap().is_empty());
}

#[test]
fn a_duplicate_across_two_chunks_is_refused_naming_both_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("firms.csv");
    // Firm 22 (line 23) takes the id of firm 4 (line 5).
    let text = csv(25).replace("6600000022,", "6600000004,");
    std::fs::write(&path, text).unwrap();
    let mut ws = workspace(&dir);
    let (_, p) =
        problems(import_firm_list_chunked(&mut ws, &path, None, false, 10, |_| {}).unwrap_err());
    assert_eq!(p.len(), 1);
    assert_eq!((p[0].row, p[0].column.as_str()), (23, "id"));
    assert!(p[0].message.contains("rows 5 and 23"), "{}", p[0].message);
    assert!(p[0].message.contains("строки 5 и 23"), "{}", p[0].message);
    assert!(ws.firms(&FirmFilter::default()).unwrap().is_empty());
}

#[test]
fn windows_1251_with_russian_headers_works_across_chunks() {
    let mut text = String::from("ИНН;Наименование;Коды ОКВЭД;Город\n");
    for k in 1..=12 {
        text.push_str(&format!(
            "66{k:08};ООО «Синтетика {k}»;59.11 90.01;Синтетград\n"
        ));
    }
    let bytes = cp1251(&text);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("firms.csv");
    std::fs::write(&path, &bytes).unwrap();
    let mut ws = workspace(&dir);
    let r = import_firm_list_chunked(&mut ws, &path, Some("2024"), false, 5, |_| {}).unwrap();
    assert_eq!(r.firms, 12);
    assert_eq!(r.period_assumed.as_deref(), Some("2024"));
    let firms = ws.firms(&FirmFilter::default()).unwrap();
    assert_eq!(firms.len(), 12);
    assert_eq!(firms[11].name, "ООО «Синтетика 12»");
    assert_eq!(firms[11].city.as_deref(), Some("Синтетград"));
    assert_eq!(firms[11].other_codes, vec!["90.01"]);
    assert_eq!(firms[11].period, "2024");
}

#[test]
fn header_problems_are_named_once_not_per_chunk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("firms.csv");
    std::fs::write(&path, csv(25).replacen("employees", "staff", 1)).unwrap();
    let mut ws = workspace(&dir);
    let (_, p) =
        problems(import_firm_list_chunked(&mut ws, &path, None, false, 10, |_| {}).unwrap_err());
    assert_eq!(p.len(), 1);
    assert_eq!((p[0].row, p[0].column.as_str()), (1, "staff"));
}

#[test]
fn problems_past_the_limit_are_counted_across_chunks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("firms.csv");
    // Every employees cell bad: 80 rows in chunks of 30 give the first 50 problems, in file order,
    // then a line counting the other 30 (every row is still read and checked).
    let mut text = String::from("id,period,employees\n");
    for k in 1..=80 {
        text.push_str(&format!("66{k:08},2024,x{k}\n"));
    }
    std::fs::write(&path, text).unwrap();
    let mut ws = workspace(&dir);
    let mut seen = Vec::new();
    let e =
        import_firm_list_chunked(&mut ws, &path, None, false, 30, |n| seen.push(n)).unwrap_err();
    let (_, p) = problems(e);
    assert_eq!(p.len(), creacity_ingest::MAX_PROBLEMS + 1);
    assert_eq!((p[0].row, p[49].row), (2, 51));
    assert!(
        p[50].message.starts_with("and 30 more"),
        "{}",
        p[50].message
    );
    assert_eq!(seen, vec![30, 60, 80]);
}

#[test]
fn a_workbook_streams_and_is_stored_in_chunks() {
    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("firms.csv");
    std::fs::write(&csv_path, csv(7)).unwrap();
    let mut ws = workspace(&dir);
    import_firm_list_chunked(&mut ws, &csv_path, None, false, 100, |_| {}).unwrap();
    let xlsx = creacity_app::firms::export_firms(
        &ws,
        &FirmFilter::default(),
        creacity_app::TableFormat::Xlsx,
    )
    .unwrap();
    let path = dir.path().join("firms.xlsx");
    std::fs::write(&path, xlsx).unwrap();
    let other = tempfile::tempdir().unwrap();
    let mut fresh = workspace(&other);
    let mut seen = Vec::new();
    let r = import_firm_list_chunked(&mut fresh, &path, None, false, 3, |n| seen.push(n)).unwrap();
    assert_eq!(seen, vec![3, 6, 7]);
    assert_eq!(r.firms, 7);
    // The same firms, but from another source and import.
    let strip = |firms: Vec<creacity_store::Firm>| -> Vec<_> {
        firms
            .into_iter()
            .map(|mut f| {
                f.source.clear();
                f.import_id.clear();
                f
            })
            .collect()
    };
    let back = fresh.firms(&FirmFilter::default()).unwrap();
    assert_eq!(back[0].source, "firms.xlsx");
    assert_eq!(
        strip(back),
        strip(ws.firms(&FirmFilter::default()).unwrap())
    );
}
