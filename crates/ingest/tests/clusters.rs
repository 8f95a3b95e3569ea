//! Case-card import: both header languages, encodings, workbooks, and every kind of bad input the
//! foundation issue lists, each with the file, row and column named.

use std::path::PathBuf;

use creacity_ingest::*;
use creacity_model::{Initiator, Manager, SiteOwner, Support};

const HEADER: &str = "id,name_en,territory_id,initiator,site_owner,public_share_creation,public_share_operation,manager,support,public_seats,board_seats,residents,private_resident_share,year_opened";

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn read(name: &str, text: &str) -> Result<Vec<creacity_model::CreativeCluster>, IngestError> {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, name, text.as_bytes());
    read_clusters(&read_table(&p)?)
}

fn problems(err: IngestError) -> Vec<Problem> {
    match err {
        IngestError::Invalid { problems, .. } => problems,
        other => panic!("expected Invalid, got {other}"),
    }
}

#[test]
fn reads_english_headers_codes_and_percentages() {
    let text = format!(
        "{HEADER}\nc1,Loft,t1,private entrepreneur,private,10%,0,private_company,grants;tax_relief,0,3,25,\"0,9\",2016\n"
    );
    let cards = read("c.csv", &text).unwrap();
    assert_eq!(cards.len(), 1);
    let c = &cards[0];
    assert_eq!(c.initiator, Initiator::PrivateEntrepreneur);
    assert_eq!(c.site_owner, SiteOwner::Private);
    assert!((c.public_share_creation - 0.1).abs() < 1e-12);
    assert!((c.private_resident_share - 0.9).abs() < 1e-12);
    assert_eq!(
        c.support.iter().copied().collect::<Vec<_>>(),
        vec![Support::Grants, Support::TaxRelief]
    );
    assert_eq!(
        (c.board_seats, c.residents, c.year_opened),
        (3, 25, Some(2016))
    );
}

#[test]
fn reads_russian_headers_and_labels_in_windows_1251_with_semicolons() {
    let text = "идентификатор;название;территория;инициатор;собственник площадки;доля бюджетных средств в создании;доля бюджетных средств в работе;управляющая организация;господдержка\n\
                к1;Фабрика;t1;муниципалитет;муниципалитет;0,8;0,6;муниципальное учреждение;гранты; льготная аренда\n";
    // The support cell above is split by ';' as a delimiter; quote it as Excel does.
    let text = text.replace("гранты; льготная аренда", "\"гранты; льготная аренда\"");
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&text);
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "ru.csv", &bytes);
    let table = read_table(&p).unwrap();
    assert_eq!(table.encoding, "windows-1251");
    let cards = read_clusters(&table).unwrap();
    assert_eq!(cards[0].name_ru, "Фабрика");
    assert_eq!(cards[0].initiator, Initiator::Municipality);
    assert_eq!(cards[0].manager, Manager::MunicipalInstitution);
    assert_eq!(cards[0].support.len(), 2);
    assert!((cards[0].public_share_creation - 0.8).abs() < 1e-12);
}

#[test]
fn unknown_column_is_named() {
    let err = read("c.csv", &format!("{HEADER},colour\n")).unwrap_err();
    assert!(matches!(
        err,
        IngestError::Format { .. } | IngestError::Invalid { .. }
    ));
    let err = read(
        "c.csv",
        &format!("{HEADER},colour\nc1,L,t1,municipality,municipal,1,1,ngo,,0,0,0,0,\n"),
    )
    .unwrap_err();
    let p = problems(err);
    assert_eq!(p[0].row, 1);
    assert_eq!(p[0].column, "colour");
    assert!(p[0].message.contains("unknown column"));
}

#[test]
fn missing_required_column_is_named() {
    let err = read("c.csv", "id,name_en,territory_id\nc1,L,t1\n").unwrap_err();
    let cols: Vec<String> = problems(err).into_iter().map(|p| p.column).collect();
    assert!(
        cols.contains(&"initiator".to_string()) && cols.contains(&"manager".to_string()),
        "{cols:?}"
    );
}

#[test]
fn wrong_type_value_outside_list_and_missing_field_name_row_and_column() {
    let text = format!(
        "{HEADER}\n\
         c1,A,t1,municipality,municipal,lots,0,ngo,,0,0,0,0,\n\
         c2,B,t1,wizard,municipal,0.5,0,ngo,,0,0,0,0,\n\
         c3,C,,municipality,municipal,0.5,0,ngo,,0,0,0,0,\n\
         c4,D,t1,municipality,municipal,1.7,0,ngo,,0,0,0,0,1500\n"
    );
    let p = problems(read("c.csv", &text).unwrap_err());
    let find = |row: usize| p.iter().filter(|x| x.row == row).collect::<Vec<_>>();
    assert!(
        find(2)[0].column == "public_share_creation" && find(2)[0].message.contains("not a number")
    );
    assert!(
        find(3)[0].column == "initiator" && find(3)[0].message.contains("private_entrepreneur")
    );
    assert!(find(4)[0].column == "territory_id" && find(4)[0].message.contains("required"));
    let row5: Vec<&str> = find(5).iter().map(|x| x.column.as_str()).collect();
    assert_eq!(row5, vec!["public_share_creation", "year_opened"]);
}

#[test]
fn duplicate_ids_are_refused() {
    let text = format!(
        "{HEADER}\nc1,A,t1,municipality,municipal,1,1,ngo,,0,0,0,0,\nc1,B,t1,municipality,municipal,1,1,ngo,,0,0,0,0,\n"
    );
    let p = problems(read("c.csv", &text).unwrap_err());
    assert_eq!((p[0].row, p[0].column.as_str()), (3, "id"));
    assert!(p[0].message.contains("duplicate"));
}

#[test]
fn empty_and_non_table_files_are_refused() {
    let err = read("c.csv", "").unwrap_err().to_string();
    assert!(err.contains("empty"), "{err}");
    let err = read("c.csv", &format!("{HEADER}\n"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("no data rows"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "c.csv", b"\x00\x01\x02binary\x00");
    assert!(read_table(&p).unwrap_err().to_string().contains("binary"));
    let p = write(&dir, "c.pdf", b"%PDF-1.4");
    assert!(
        read_table(&p)
            .unwrap_err()
            .to_string()
            .contains("unsupported file type")
    );
    let p = write(&dir, "c.xlsx", b"not really a workbook");
    assert!(
        read_table(&p)
            .unwrap_err()
            .to_string()
            .contains("not a readable workbook")
    );
}

#[test]
fn xlsx_export_reads_back_identically_and_templates_explain_columns() {
    let text = format!(
        "{HEADER}\nc1,Loft,t1,private_entrepreneur,private,0.1,0,private_company,grants,0,3,25,0.9,2016\n"
    );
    let cards = read("c.csv", &text).unwrap();
    let rows: Vec<Vec<String>> = cards.iter().map(cluster_cells).collect();
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        &dir,
        "out.xlsx",
        &write_xlsx(CLUSTER_COLUMNS, &rows, "clusters").unwrap(),
    );
    assert_eq!(read_clusters(&read_table(&p).unwrap()).unwrap(), cards);
    let p = write(
        &dir,
        "out.csv",
        write_csv(CLUSTER_COLUMNS, &rows).as_bytes(),
    );
    assert_eq!(read_clusters(&read_table(&p).unwrap()).unwrap(), cards);

    let t = template_csv(CLUSTER_COLUMNS, "creacity clusters template");
    assert!(t.contains("# initiator [required / обязательно]"));
    assert!(t.contains("municipality (municipality / муниципалитет)"));
    // A filled template imports: comment lines are skipped.
    let filled =
        format!("{t}c9,,New,t1,university,university,0.5,0.5,university,,1,3,10,0.5,2020,,,no\n");
    let p = write(&dir, "filled.csv", filled.as_bytes());
    assert_eq!(read_clusters(&read_table(&p).unwrap()).unwrap()[0].id, "c9");
    let x = template_xlsx(CLUSTER_COLUMNS, "clusters").unwrap();
    let p = write(&dir, "template.xlsx", &x);
    let table = read_table(&p).unwrap();
    assert_eq!(table.headers.len(), CLUSTER_COLUMNS.len());
    assert!(table.rows.is_empty());
}

#[test]
fn random_bytes_never_panic_the_table_reader() {
    use rand::{Rng, SeedableRng};
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    let seed = format!(
        "{HEADER}\nc1,Loft,t1,private_entrepreneur,private,0.1,0,private_company,grants,0,3,25,0.9,2016\n"
    );
    for _ in 0..2000 {
        let mut bytes = seed.clone().into_bytes();
        for _ in 0..rng.random_range(1..8) {
            let i = rng.random_range(0..bytes.len());
            bytes[i] = rng.random();
        }
        if let Ok(t) = parse_delimited("fuzz.csv", &bytes) {
            let _ = read_clusters(&t);
        }
    }
}

#[test]
fn csv_sheets_become_a_workbook_with_numbers() {
    let x = csv_sheets_to_xlsx(&[
        (
            "counts".into(),
            "document,tokens,coordination\nd1,120,3\nd2,80,0\n".into(),
        ),
        ("a/b:c".into(), "x\n1.5\n".into()),
    ])
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "w.xlsx", &x);
    let t = read_table(&p).unwrap();
    assert_eq!(t.headers, vec!["document", "tokens", "coordination"]);
    assert_eq!(t.rows[0].1, vec!["d1", "120", "3"]);
}
